/* « Déposer un besoin » (/demande/): check the answers, then prepare the e-mail.
 *
 * Enhancement only: without this script the form is posted to a mailto: address (desktop
 * mail programs) and the page gives the address and the list of what to write.
 * With it, the answers are checked field by field (messages in French, error summary),
 * then either the browser opens the visitor's mail program with a message to COOPSOC
 * (subject and body filled in; nothing is sent by the site), or, when the site is set up
 * with a form service (data-mode="endpoint"), the form is posted there as usual.
 * /demande/?metier=<id> and ?etablissement=<id> preselect the trade and the establishment.
 * ?etablissement=<a>&etablissement=<b>… (from « Ma sélection ») replaces the list with one
 * checked box per establishment, each named in the message (or posted to the form service
 * under the same name); an id the directory does not have is dropped, with a notice.
 * When a chosen establishment is a CHRS (data-deductible="false"), the notice that its
 * work does not reduce the OETH contribution (Code du travail L5212-10-1) is shown.
 */
(function () {
  "use strict";

  var EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
  var PHONE = /^\+?[0-9][0-9 .()-]*$/;
  var PLACE = {
    site: "sur notre site",
    atelier: "dans l’atelier d’un établissement",
    indifferent: "l’un ou l’autre, à définir ensemble"
  };

  function value(form, name) {
    var field = form.elements[name];
    return field ? String(field.value || "").trim() : "";
  }

  function validate(form) {
    var errors = [];
    function need(name, id, message) {
      if (!value(form, name)) errors.push({ id: id, message: message });
    }
    need("metier", "demande-metier", "Choisissez un métier, ou « Un autre besoin ».");
    need("description", "demande-description", "Décrivez les travaux en quelques mots.");
    need("commune", "demande-commune", "Indiquez la commune où se déroule la prestation.");
    need("lieu", "demande-lieu", "Indiquez si le travail se fait sur votre site ou en atelier.");
    need("entreprise", "demande-entreprise", "Indiquez le nom de votre entreprise ou organisme.");
    need("nom", "demande-nom", "Indiquez votre nom.");
    var email = value(form, "email");
    if (!email) {
      errors.push({ id: "demande-email", message: "Indiquez votre adresse électronique." });
    } else if (!EMAIL.test(email)) {
      errors.push({
        id: "demande-email",
        message: "Saisissez une adresse électronique au format nom@entreprise.fr."
      });
    }
    var phone = value(form, "telephone");
    var digits = phone.replace(/[^0-9]/g, "").length;
    if (phone && (!PHONE.test(phone) || digits < 10 || digits > 15)) {
      errors.push({
        id: "demande-telephone",
        message: "Saisissez un numéro de téléphone au format 04 91 00 00 00 ou +33 4 91 00 00 00."
      });
    }
    return errors;
  }

  function selected(select) {
    var option = select.options[select.selectedIndex];
    return option && option.value ? option : null;
  }

  /* The establishments' list (by id: boxes named « etablissement » may join it). */
  function establishmentList(form) {
    return form.querySelector("#demande-etablissement");
  }

  /* The chosen establishments, as elements carrying data-deductible: the boxes checked, or
     the option selected in the list. */
  function chosenEstablishments(form) {
    var boxes = form.querySelector("[data-request-chosen]");
    if (boxes && !boxes.hidden) {
      return Array.prototype.slice.call(boxes.querySelectorAll("input:checked"));
    }
    var option = selected(establishmentList(form));
    return option ? [option] : [];
  }

  function establishmentName(chosen) {
    return chosen.tagName === "OPTION" ? chosen.textContent : chosen.labels[0].textContent;
  }

  function compose(form) {
    var trade = selected(form.elements.metier);
    var establishments = chosenEstablishments(form).map(establishmentName);
    var group = trade && trade.parentNode.tagName === "OPTGROUP" ? trade.parentNode.label : "";
    var tradeText = trade.textContent + (trade.value !== "autre" && group ? " (filière " + group + ")" : "");
    var subject = "Demande de devis : " +
      (trade.value === "autre" ? "" : trade.textContent + ", ") +
      value(form, "commune") + " – " + value(form, "entreprise");
    var lines = [
      "Bonjour,",
      "",
      "Voici une demande de devis déposée sur le site de COOPSOC.",
      "",
      "Métier ou prestation : " + tradeText
    ];
    if (establishments.length === 1) lines.push("Établissement souhaité : " + establishments[0]);
    if (establishments.length > 1) {
      lines.push("Établissements souhaités :");
      establishments.forEach(function (name) { lines.push("- " + name); });
    }
    lines.push(
      "Description des travaux :",
      value(form, "description"),
      "",
      "Commune : " + value(form, "commune"),
      "Lieu de réalisation : " + PLACE[value(form, "lieu")],
      "Volume ou fréquence : " + (value(form, "volume") || "non précisé"),
      "Début souhaité : " + (value(form, "debut") || "non précisé"),
      "",
      "Entreprise : " + value(form, "entreprise"),
      "Contact : " + value(form, "nom"),
      "Courriel : " + value(form, "email"),
      "Téléphone : " + (value(form, "telephone") || "non indiqué"),
      "",
      "Merci de nous indiquer la faisabilité de cette demande.",
      ""
    );
    return { subject: subject, body: lines.join("\r\n") };
  }

  function prefill(form) {
    var query = new URLSearchParams(window.location.search);
    var trade = query.get("metier");
    Array.prototype.forEach.call(form.elements.metier.options, function (option) {
      if (trade && option.value === trade) option.selected = true;
    });
    chooseEstablishments(form, query.getAll("etablissement"));
    // Free text carried from the search page (« Décrivez votre besoin »): the words typed.
    ["description", "commune"].forEach(function (name) {
      var wanted = query.get(name);
      var field = form.elements[name];
      if (wanted && field && !field.value) field.value = wanted.slice(0, 500);
    });
  }

  /* ?etablissement=…, once or more: unknown ids dropped (and said), one establishment chosen
     in the list, several each a checked box in place of the list. */
  function chooseEstablishments(form, wanted) {
    var select = establishmentList(form);
    var options = {};
    Array.prototype.forEach.call(select.options, function (option) {
      if (option.value) options[option.value] = option;
    });
    var known = wanted.filter(function (id, k) { return options[id] && wanted.indexOf(id) === k; });
    var dropped = wanted.filter(function (id, k) { return !options[id] && wanted.indexOf(id) === k; });
    if (dropped.length) sayDropped(form, dropped.length);
    if (known.length === 1) options[known[0]].selected = true;
    if (known.length > 1) {
      showBoxes(form, known.map(function (id) { return options[id]; }));
      select.disabled = true;
      select.closest(".cs-field").hidden = true;
    }
  }

  function sayDropped(form, count) {
    var FR = window.CoopsocFrench;
    var notice = form.querySelector("[data-request-dropped]");
    notice.textContent = FR.pluriel(count,
      "Un établissement demandé ne figure plus dans l’annuaire" + FR.NBSP + ": il a été écarté de votre demande.",
      FR.number(count) + " établissements demandés ne figurent plus dans l’annuaire" + FR.NBSP +
        ": ils ont été écartés de votre demande.");
    notice.hidden = false;
  }

  function showBoxes(form, options) {
    var boxes = form.querySelector("[data-request-chosen]");
    var list = boxes.querySelector("[data-request-chosen-list]");
    options.forEach(function (option, k) {
      var choice = document.createElement("div");
      choice.className = "cs-choice";
      var box = document.createElement("input");
      box.className = "cs-choice__input";
      box.type = "checkbox";
      box.name = "etablissement";
      box.value = option.value;
      box.id = "demande-etablissement-" + (k + 1);
      box.checked = true;
      if (option.hasAttribute("data-deductible")) box.setAttribute("data-deductible", "false");
      var label = document.createElement("label");
      label.className = "cs-choice__label";
      label.htmlFor = box.id;
      label.textContent = option.textContent;
      choice.appendChild(box);
      choice.appendChild(label);
      list.appendChild(choice);
    });
    boxes.hidden = false;
    boxes.addEventListener("change", function () { showDeductionNotice(form); });
  }

  function showDeductionNotice(form) {
    var notice = document.getElementById("demande-non-deductible");
    var chrs = chosenEstablishments(form).some(function (chosen) {
      return chosen.getAttribute("data-deductible") === "false";
    });
    if (notice) notice.hidden = !chrs;
  }

  function openMessage(form) {
    var message = compose(form);
    var url = "mailto:" + form.getAttribute("data-email") +
      "?subject=" + encodeURIComponent(message.subject) +
      "&body=" + encodeURIComponent(message.body);
    var done = document.querySelector("[data-request-done]");
    done.querySelector("[data-request-mailto]").href = url;
    done.querySelector("[data-request-message]").value =
      "Objet : " + message.subject + "\r\n\r\n" + message.body;
    done.hidden = false;
    done.focus();
    window.location.href = url;
  }

  /* « Copier le message »: the clipboard API where the page may use it, else the selection. */
  function offerCopy(done) {
    var button = done.querySelector("[data-request-copy]");
    var status = done.querySelector("[data-request-copied]");
    var text = done.querySelector("[data-request-message]");
    if (!button || !(navigator.clipboard || document.queryCommandSupported)) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var copied = function () { status.textContent = "Message copié."; };
      var select = function () {
        text.select();
        if (document.execCommand("copy")) copied();
        else status.textContent = "Copie impossible : sélectionnez le texte et copiez-le.";
      };
      status.textContent = "";
      if (navigator.clipboard) navigator.clipboard.writeText(text.value).then(copied, select);
      else select();
    });
  }

  function init(form) {
    var done = document.querySelector("[data-request-done]");
    if (done) offerCopy(done);
    form.noValidate = true;
    prefill(form);
    showDeductionNotice(form);
    establishmentList(form).addEventListener("change", function () {
      showDeductionNotice(form);
    });
    form.addEventListener("submit", function (event) {
      var errors = validate(form);
      window.CoopsocFormErrors.show(form, errors);
      if (errors.length) {
        event.preventDefault();
      } else if (form.getAttribute("data-mode") === "mailto") {
        event.preventDefault();
        openMessage(form);
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-module="request-form"]'), init);
})();
