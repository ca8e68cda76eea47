/* « Déposer un besoin » (/demande/): check the answers, then prepare the e-mail.
 *
 * Enhancement only: without this script the form is posted to a mailto: address (desktop
 * mail programs) and the page gives the address and the list of what to write.
 * With it, the answers are checked field by field (messages in French, error summary),
 * then either the browser opens the visitor's mail program with a message to COOPSOC
 * (subject and body filled in; nothing is sent by the site), or, when the site is set up
 * with a form service (data-mode="endpoint"), the form is posted there as usual.
 * /demande/?metier=<id> and ?etablissement=<id> preselect the trade and the establishment.
 * When the chosen establishment is a CHRS (option data-deductible="false"), the notice that
 * its work does not reduce the OETH contribution (Code du travail L5212-10-1) is shown.
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

  function compose(form) {
    var trade = selected(form.elements.metier);
    var establishment = selected(form.elements.etablissement);
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
    if (establishment) lines.push("Établissement souhaité : " + establishment.textContent);
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
    [["metier", "metier"], ["etablissement", "etablissement"]].forEach(function (pair) {
      var wanted = query.get(pair[0]);
      var select = form.elements[pair[1]];
      if (!wanted || !select) return;
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value === wanted) option.selected = true;
      });
    });
    // Free text carried from the search page (« Décrivez votre besoin »): the words typed.
    ["description", "commune"].forEach(function (name) {
      var wanted = query.get(name);
      var field = form.elements[name];
      if (wanted && field && !field.value) field.value = wanted.slice(0, 500);
    });
  }

  function showDeductionNotice(form) {
    var notice = document.getElementById("demande-non-deductible");
    var chosen = selected(form.elements.etablissement);
    if (notice) notice.hidden = !(chosen && chosen.getAttribute("data-deductible") === "false");
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
    form.elements.etablissement.addEventListener("change", function () {
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
