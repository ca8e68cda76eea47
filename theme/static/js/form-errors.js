/* Field errors and the error summary of a form, shared by the request form and the
 * simulator (RGAA 11.10 and 11.11). window.CoopsocFormErrors.show(form, errors) writes
 * each message next to its field, links it with aria-describedby, sets aria-invalid,
 * lists every error at the top of the form with a link to its field, gives the summary
 * the focus so that screen readers announce it, and prefixes the page title with
 * « Erreur : ». clear(form) undoes all of it.
 */
(function () {
  "use strict";

  var FR = window.CoopsocFrench;
  var ERROR_PREFIX = "Erreur" + FR.NBSP + ": ";

  function controlsOf(field) {
    if (field.tagName === "FIELDSET") {
      return Array.prototype.slice.call(field.querySelectorAll("input"));
    }
    return [field];
  }

  function setDescribedBy(element, id, present) {
    var ids = (element.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) {
      return x && x !== id;
    });
    if (present) ids.push(id);
    if (ids.length) {
      element.setAttribute("aria-describedby", ids.join(" "));
    } else {
      element.removeAttribute("aria-describedby");
    }
  }

  function container(field) {
    return field.tagName === "FIELDSET" ? field : field.closest(".cs-field");
  }

  function clear(form) {
    var summary = form.querySelector("[data-error-summary]");
    Array.prototype.forEach.call(form.querySelectorAll(".cs-field__error"), function (message) {
      var field = document.getElementById(message.id.replace(/-erreur$/, ""));
      message.hidden = true;
      message.textContent = "";
      if (!field) return;
      controlsOf(field).forEach(function (control) {
        control.removeAttribute("aria-invalid");
        if (control === field) setDescribedBy(control, message.id, false);
      });
      if (field.tagName === "FIELDSET") setDescribedBy(field, message.id, false);
      var box = container(field);
      if (box) box.classList.remove("cs-field--error");
    });
    if (summary) {
      summary.hidden = true;
      summary.querySelector("ul").textContent = "";
    }
    if (document.title.indexOf(ERROR_PREFIX) === 0) {
      document.title = document.title.slice(ERROR_PREFIX.length);
    }
  }

  function focusField(field) {
    var target = controlsOf(field)[0];
    var box = container(field);
    if (box && box.scrollIntoView) box.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }

  /* errors: [{ id: id of the control (or of the fieldset of a group), message: text }] */
  function show(form, errors, options) {
    clear(form);
    if (!errors.length) return;
    var summary = form.querySelector("[data-error-summary]");
    var list = summary.querySelector("ul");
    errors.forEach(function (error) {
      var field = document.getElementById(error.id);
      var message = document.getElementById(error.id + "-erreur");
      var prefix = document.createElement("span");
      prefix.className = "cs-visually-hidden";
      prefix.textContent = ERROR_PREFIX;
      message.appendChild(prefix);
      message.appendChild(document.createTextNode(error.message));
      message.hidden = false;
      controlsOf(field).forEach(function (control) {
        control.setAttribute("aria-invalid", "true");
      });
      setDescribedBy(field, message.id, true);
      container(field).classList.add("cs-field--error");

      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + controlsOf(field)[0].id;
      link.textContent = error.message;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        focusField(field);
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.querySelector("h2").textContent = "Le formulaire contient " +
      FR.pluriel(errors.length, "une erreur", FR.number(errors.length) + " erreurs");
    summary.hidden = false;
    document.title = ERROR_PREFIX + document.title;
    if (!options || options.focus !== false) summary.focus();
  }

  window.CoopsocFormErrors = { show: show, clear: clear };
})();
