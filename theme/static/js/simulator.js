/* The contribution simulator (/obligation-d-emploi/simulateur/).
 *
 * Enhancement only: without this script the page shows the method and a worked example
 * computed when the site is built. The rules come from window.CoopsocOeth, written from
 * data/oeth.yaml by the build (regles-oeth.js): this file holds no rate and no amount.
 * The steps are those of plugins/buyertools/oeth.py, in whole cents with BigInt, rounding
 * half up at each step shown, so both give the same figures (tests/oeth_cases.py).
 * The address keeps the inputs (?effectif=…&beneficiaires=…&annees_20=…&achats_ht=…
 * &part_main_oeuvre=…&fournisseur=…): a simulation can be shared, and such an address shows
 * its results on load. annees_20 may be empty (five years or more assumed); fournisseur is
 * esat-ea (EA, ESAT, TIH, portage: the default) or chrs. part_inconnue=1 (« Je ne sais pas »):
 * the labour share is not known, and each figure depending on it is a range over the two
 * shares data/oeth.yaml assumes (plugins/buyertools/oeth.py estimate, same data-value).
 */
(function () {
  "use strict";

  var rules = window.CoopsocOeth;
  var FR = window.CoopsocFrench;
  var NAMES = ["effectif", "beneficiaires", "annees_20", "achats_ht", "part_main_oeuvre"];
  var SUPPLIERS = ["esat-ea", "chrs"];
  var DEDUCTIBLE_SUPPLIERS = ["esat-ea"];
  var MAX_AMOUNT_CENTS = 100000000000n;
  var MAX_EMPLOYEES = 10000000n;
  var MAX_YEARS = 999n;
  var ZERO = 0n;

  /* Parsing: spaces (thousands) ignored, comma or point as the decimal mark. \s matches
     the no-break spaces too (U+00A0, U+202F: ECMAScript's WhiteSpace holds every Zs). */
  function clean(text) {
    return String(text).replace(/\s+/g, "");
  }
  function parseCount(text) {
    var t = clean(text);
    return /^\d+$/.test(t) ? BigInt(t) : null;
  }
  function parseHundredths(text) {
    var t = clean(text).replace(",", ".");
    var match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
    if (!match) return null;
    return BigInt(match[1]) * 100n + BigInt(((match[2] || "") + "00").slice(0, 2));
  }

  function roundDiv(numerator, denominator) {
    return (2n * numerator + denominator) / (2n * denominator);
  }

  /* annees: BigInt, or null when not given (five years or more assumed). */
  function simulate(effectif, beneficiaires, achats, part, annees, fournisseur) {
    var sousSeuil = effectif < BigInt(rules.obligation.seuil_effectif);
    var suffisantes = annees === null || annees >= BigInt(rules.obligation.annees_consecutives);
    var assujetti = !sousSeuil && suffisantes;
    var smic = BigInt(rules.smic_horaire.centimes);
    var obligation = assujetti ? (effectif * BigInt(rules.obligation.taux)) / 100n : ZERO;
    var manquants = obligation > beneficiaires ? obligation - beneficiaires : ZERO;
    var tranche = null;
    rules.contribution.tranches.forEach(function (band) {
      if (effectif >= BigInt(band.effectif_min)) tranche = band;
    });
    var brute = tranche && assujetti
      ? manquants * BigInt(tranche.heures_smic) * smic
      : ZERO;
    var mainOeuvre = suffisantes || sousSeuil ? roundDiv(achats * part, 10000n) : ZERO;
    var deductible = DEDUCTIBLE_SUPPLIERS.indexOf(fournisseur) !== -1;
    var calculee = deductible ? roundDiv(mainOeuvre * BigInt(rules.deduction.taux), 100n) : ZERO;
    var plafondTaux = rules.deduction.plafonds[0].plafond;
    rules.deduction.plafonds.forEach(function (cap) {
      if (beneficiaires * 100n >= BigInt(cap.taux_emploi_direct_min) * effectif) {
        plafondTaux = cap.plafond;
      }
    });
    var plafond = roundDiv(brute * BigInt(plafondTaux), 100n);
    var deduction = calculee < plafond ? calculee : plafond;
    var qualifying = deductible ? mainOeuvre : ZERO;
    var threshold = BigInt(rules.contribution.seuil_main_oeuvre_sans_action) * smic;
    var surcontribution =
      assujetti && beneficiaires === ZERO && manquants > ZERO && qualifying <= threshold
        ? manquants * BigInt(rules.contribution.heures_smic_sans_action) * smic
        : null;
    var notices = [];
    if (!sousSeuil && annees === null) notices.push("annees-supposees");
    if (!sousSeuil && !suffisantes) notices.push("moins-de-cinq-ans");
    if (!deductible) notices.push("chrs");
    return {
      effectif: effectif,
      beneficiaires: beneficiaires,
      achats: achats,
      part: part,
      annees: annees,
      deductible: deductible,
      sousSeuil: sousSeuil,
      suffisantes: suffisantes,
      assujetti: assujetti,
      obligation: obligation,
      manquants: manquants,
      tranche: assujetti ? tranche : null,
      "contribution-brute": brute,
      "main-oeuvre": mainOeuvre,
      "deduction-calculee": calculee,
      tauxEmploiDirect: roundDiv(beneficiaires * 10000n, effectif),
      plafondTaux: plafondTaux,
      plafond: plafond,
      deduction: deduction,
      "reste-a-payer": brute - deduction,
      surcontribution: surcontribution,
      notices: notices
    };
  }

  /* Figures written the French way (french.js), as the build's filters do it. */
  function number(value) {
    return FR.number(value);
  }
  /* A number given in hundredths: 720n → « 7,2 », 1250n → « 12,5 », 600n → « 6 ». */
  function hundredths(value) {
    return FR.decimal(plain(value).replace(/\.?0+$/, ""));
  }
  /* An amount in cents: 1923200n → « 19 232,00 € ». */
  function euros(cents) {
    return FR.euros(plain(cents));
  }
  /* The amount in a data-value attribute: 1923200n → "19232.00". */
  function plain(cents) {
    return String(cents / 100n) + "." + String(cents % 100n).padStart(2, "0");
  }
  function cite(keys) {
    return "(art. " + keys.join(", ") + ")";
  }
  var CINQ_ANS_CITATION = "(art. L5212-1 du Code du travail et L130-1 du Code de la sécurité sociale)";
  var NB = FR.NBSP;
  /* At least 1 here: a company of the threshold's size counts the current year. */
  function years(n) {
    return FR.quantity(n, "année civile", "années civiles consécutives");
  }

  function rule(key, s) {
    var smic = euros(BigInt(rules.smic_horaire.centimes));
    var caps = rules.deduction.plafonds;
    var top = caps[caps.length - 1];
    switch (key) {
      case "obligation":
        if (s.assujetti) {
          return rules.obligation.taux + NB + "% de " + number(s.effectif) + " salariés = " +
            hundredths(s.effectif * BigInt(rules.obligation.taux)) +
            ", arrondi à l’entier inférieur " + cite(rules.obligation.sources);
        }
        return s.sousSeuil
          ? "Moins de " + rules.obligation.seuil_effectif + " salariés" + NB +
              ": pas d’obligation d’emploi " + cite(rules.obligation.sources.slice(0, 1))
          : "Au moins " + rules.obligation.seuil_effectif + " salariés depuis moins de " +
              rules.obligation.annees_consecutives + " années civiles consécutives" + NB +
              ": pas encore d’obligation d’emploi " + CINQ_ANS_CITATION;
      case "manquants":
        return number(s.obligation) + " à employer moins " +
          FR.quantity(s.beneficiaires, "employé", "employés") + ", sans descendre sous zéro " +
          cite(rules.contribution.sources);
      case "contribution-brute":
        return s.tranche
          ? number(s.manquants) + " × " + number(s.tranche.heures_smic) + " × SMIC horaire de " +
              smic + NB + ": entreprise " + s.tranche.libelle + " " + cite(rules.contribution.sources)
          : s.sousSeuil
            ? "Pas de contribution sous " + rules.obligation.seuil_effectif + " salariés"
            : "Pas de contribution avant " + rules.obligation.annees_consecutives +
                " années civiles consécutives à " + rules.obligation.seuil_effectif +
                " salariés ou plus";
      case "main-oeuvre":
        return s.suffisantes || s.sousSeuil
          ? hundredths(s.part) + NB + "% de " + euros(s.achats) + " d’achats hors taxes"
          : "Sans objet" + NB + ": pas de contribution à réduire";
      case "deduction-calculee":
        if (!s.deductible) {
          return "Achats à un CHRS" + NB + ": pas de déduction, les CHRS ne figurent pas à " +
            "l’article L5212-10-1";
        }
        return s.suffisantes || s.sousSeuil
          ? rules.deduction.taux + NB + "% du coût de la main-d’œuvre " +
              cite(rules.deduction.sources)
          : "Sans objet" + NB + ": pas de contribution à réduire";
      case "plafond":
        return s.plafondTaux + NB + "% de la contribution brute" + NB + ": taux d’emploi direct de " +
          hundredths(s.tauxEmploiDirect) + NB + "%, " +
          (s.plafondTaux === top.plafond ? "au moins " : "moins de ") +
          top.taux_emploi_direct_min + NB + "% " + cite(rules.deduction.sources);
      case "deduction":
        return "La déduction calculée, dans la limite du plafond";
      default:
        return "Contribution brute moins déduction retenue";
    }
  }

  function headline(s) {
    var seuil = rules.obligation.seuil_effectif;
    if (s.sousSeuil) {
      return "Avec moins de " + seuil + " salariés, votre entreprise " +
        "n’a pas d’obligation d’emploi" + NB + ": elle ne verse pas de contribution.";
    }
    if (!s.suffisantes) {
      return "Votre entreprise compte au moins " + seuil + " salariés depuis " + years(s.annees) +
        " seulement" + NB + ": l’obligation d’emploi ne s’applique qu’après " +
        rules.obligation.annees_consecutives + " années civiles consécutives à ce niveau " +
        CINQ_ANS_CITATION + ". Elle ne verse pas de contribution pour " +
        rules.annee_obligation + ".";
    }
    if (s["contribution-brute"] === ZERO) {
      return "Vous employez assez de bénéficiaires de l’obligation d’emploi" + NB + ": " +
        "pas de contribution à verser.";
    }
    var could = " Des achats à une EA, un ESAT, un travailleur indépendant handicapé ou une " +
      "entreprise de portage salarial pourraient la réduire de " + euros(s.plafond) + " au plus.";
    if (!s.deductible) {
      return "Les achats à un CHRS ne réduisent pas la contribution" + NB + ": les CHRS ne " +
        "figurent pas parmi les fournisseurs de l’article L5212-10-1 du Code du travail. " +
        "Votre contribution est de " + euros(s["contribution-brute"]) + "." + could;
    }
    if (s.deduction === ZERO) {
      return (s.achats === ZERO
        ? "Sans achats au secteur protégé et adapté, votre contribution est de "
        : "Sans main-d’œuvre comprise dans vos achats, rien n’est déduit" + NB +
            ": votre contribution est de ") + euros(s["contribution-brute"]) + "." + could;
    }
    return "Vos achats réduisent votre contribution de " + euros(s.deduction) + NB + ": il reste " +
      euros(s["reste-a-payer"]) + " à verser, au lieu de " + euros(s["contribution-brute"]) + "." +
      (s["deduction-calculee"] > s.plafond
        ? " La déduction atteint son plafond" + NB +
            ": des achats de plus ne la réduiraient pas davantage."
        : "");
  }

  function renderWarning(box, s) {
    var shown = s.surcontribution !== null;
    box.setAttribute("data-value", shown ? plain(s.surcontribution) : "");
    box.querySelector("[data-alert-amount]").textContent = shown ? euros(s.surcontribution) : "";
    box.querySelector("[data-alert-current]").textContent = euros(s["contribution-brute"]);
    box.hidden = !shown;
  }

  function render(section, s) {
    Array.prototype.forEach.call(section.querySelectorAll("[data-result]"), function (cell) {
      var key = cell.getAttribute("data-result");
      if (key === "alerte-surcontribution") {
        renderWarning(cell, s);
        return;
      }
      var isCount = key === "obligation" || key === "manquants";
      cell.setAttribute("data-value", isCount ? String(s[key]) : plain(s[key]));
      cell.textContent = isCount ? number(s[key]) : euros(s[key]);
    });
    Array.prototype.forEach.call(section.querySelectorAll("[data-rule]"), function (cell) {
      cell.textContent = rule(cell.getAttribute("data-rule"), s);
    });
    Array.prototype.forEach.call(section.querySelectorAll("[data-notice]"), function (note) {
      note.hidden = s.notices.indexOf(note.getAttribute("data-notice")) === -1;
    });
    section.querySelector("[data-result-summary]").textContent = headline(s);
    section.hidden = false;
  }

  /* « Je ne sais pas »: the low share's page, each figure that differs shown as a range. */
  function renderRange(section, low, high) {
    render(section, low);
    var part = rules.deduction.part_main_oeuvre_supposee;
    Array.prototype.forEach.call(section.querySelectorAll("[data-result]"), function (cell) {
      var key = cell.getAttribute("data-result");
      if (key === "alerte-surcontribution" || low[key] === high[key]) return;
      var ends = [low[key], high[key]].sort(function (a, b) { return a < b ? -1 : 1; });
      cell.setAttribute("data-value", plain(low[key]) + ".." + plain(high[key]));
      cell.textContent = "de " + euros(ends[0]) + " à " + euros(ends[1]);
    });
    section.querySelector('[data-rule="main-oeuvre"]').textContent =
      (low.suffisantes || low.sousSeuil)
        ? "De " + part.basse + NB + "% à " + part.haute + NB + "% (hypothèses, voir ci-dessous) de " +
            euros(low.achats) + " d’achats hors taxes"
        : rule("main-oeuvre", low);
    section.querySelector('[data-notice="part-supposee"]').hidden = false;
    if (low.deduction !== high.deduction) {
      section.querySelector("[data-result-summary]").textContent =
        "Selon la part de la main-d’œuvre dans vos achats (de " + part.basse + NB + "% à " +
        part.haute + NB + "%, une hypothèse), ils réduiraient votre contribution de " +
        euros(low.deduction) + " à " + euros(high.deduction) + NB + ": il resterait de " +
        euros(high["reste-a-payer"]) + " à " + euros(low["reste-a-payer"]) + " à verser, au lieu de " +
        euros(low["contribution-brute"]) + ".";
    }
  }

  function field(form, name) {
    return String(form.elements[name].value || "").trim();
  }

  function fail(errors, id, message) {
    errors.push({ id: id, message: message });
  }

  /* Each check reads its field into values and adds its errors, in the form's order. */
  function checkEmployees(form, values, errors) {
    var effectif = field(form, "effectif");
    values.effectif = parseCount(effectif);
    if (!effectif) {
      fail(errors, "simulateur-effectif", "Indiquez l’effectif de votre entreprise.");
    } else if (values.effectif === null) {
      fail(errors, "simulateur-effectif",
        "L’effectif doit être un nombre entier de salariés, par exemple 120.");
    } else if (values.effectif < 1n || values.effectif > MAX_EMPLOYEES) {
      fail(errors, "simulateur-effectif",
        "L’effectif doit être compris entre 1 et " + number(MAX_EMPLOYEES) + " salariés.");
    }
  }

  function checkBeneficiaries(form, values, errors) {
    var beneficiaires = field(form, "beneficiaires");
    values.beneficiaires = parseCount(beneficiaires);
    if (!beneficiaires) {
      fail(errors, "simulateur-beneficiaires",
        "Indiquez le nombre de bénéficiaires employés, 0 s’il n’y en a pas.");
    } else if (values.beneficiaires === null) {
      fail(errors, "simulateur-beneficiaires",
        "Le nombre de bénéficiaires doit être un nombre entier, par exemple 3.");
    } else if (values.effectif !== null && values.beneficiaires > values.effectif) {
      fail(errors, "simulateur-beneficiaires",
        "Le nombre de bénéficiaires ne peut pas dépasser l’effectif.");
    }
  }

  function checkYears(form, values, errors) {
    var annees = field(form, "annees_20");
    values.annees_20 = annees ? parseCount(annees) : null;
    if (annees && (values.annees_20 === null || values.annees_20 > MAX_YEARS)) {
      fail(errors, "simulateur-annees",
        "Le nombre d’années doit être un nombre entier, par exemple 5, ou rester vide.");
    } else if (
      values.annees_20 === ZERO && values.effectif !== null &&
      values.effectif >= BigInt(rules.obligation.seuil_effectif)
    ) {
      fail(errors, "simulateur-annees",
        "Avec au moins " + rules.obligation.seuil_effectif + " salariés, l’année " +
          rules.annee_obligation + " compte" + NB + ": indiquez au moins 1, ou laissez vide.");
    }
  }

  function checkSupplier(form, values, errors) {
    values.fournisseur = String(form.elements.fournisseur.value || "");
    if (SUPPLIERS.indexOf(values.fournisseur) === -1) {
      fail(errors, "simulateur-fournisseur", "Indiquez auprès de qui vous faites ces achats.");
    }
  }

  function checkPurchases(form, values, errors) {
    var achats = field(form, "achats_ht");
    values.achats_ht = parseHundredths(achats);
    if (!achats) {
      fail(errors, "simulateur-achats",
        "Indiquez le montant de vos achats hors taxes, 0 s’il n’y en a pas.");
    } else if (values.achats_ht === null) {
      fail(errors, "simulateur-achats",
        "Le montant doit être un nombre en euros, par exemple " + number(25000) + " ou " +
          FR.decimal("25000.50") + ".");
    } else if (values.achats_ht > MAX_AMOUNT_CENTS) {
      fail(errors, "simulateur-achats", "Le montant doit être inférieur à 1 milliard d’euros.");
    }
  }

  function checkLabourShare(form, values, errors) {
    var part = field(form, "part_main_oeuvre");
    values.partInconnue = form.elements.part_inconnue.checked;
    values.part_main_oeuvre = parseHundredths(part);
    if (values.partInconnue) return;
    if (!part) {
      fail(errors, "simulateur-part",
        "Indiquez la part de la main-d’œuvre, en pourcentage, ou cochez «" + NB + "Je ne sais pas" +
          NB + "».");
    } else if (values.part_main_oeuvre === null || values.part_main_oeuvre > 10000n) {
      fail(errors, "simulateur-part",
        "La part de la main-d’œuvre doit être un nombre entre 0 et 100, par exemple 60.");
    }
  }

  var CHECKS = [
    checkEmployees, checkBeneficiaries, checkYears, checkSupplier, checkPurchases, checkLabourShare
  ];

  function check(form) {
    var errors = [];
    var values = {};
    CHECKS.forEach(function (step) { step(form, values, errors); });
    return { errors: errors, values: values };
  }

  function run(form, section, moveFocus) {
    var result = check(form);
    window.CoopsocFormErrors.show(form, result.errors);
    if (result.errors.length) {
      section.hidden = true;
      return;
    }
    var v = result.values;
    var at = function (part) {
      return simulate(v.effectif, v.beneficiaires, v.achats_ht, part, v.annees_20, v.fournisseur);
    };
    if (v.partInconnue) {
      var assumed = rules.deduction.part_main_oeuvre_supposee;
      renderRange(section, at(BigInt(assumed.basse) * 100n), at(BigInt(assumed.haute) * 100n));
    } else {
      render(section, at(v.part_main_oeuvre));
    }
    if (moveFocus) section.querySelector("h2").focus();
  }

  function init(form) {
    var section = document.querySelector("[data-results]");
    if (!rules || !section || typeof BigInt !== "function") return;
    form.noValidate = true;
    form.hidden = false;
    var query = new URLSearchParams(window.location.search);
    var given = NAMES.filter(function (name) {
      return query.has(name);
    });
    given.forEach(function (name) {
      form.elements[name].value = query.get(name);
    });
    if (query.has("fournisseur")) {
      /* An unknown value checks no radio button: the form then says so. */
      Array.prototype.forEach.call(form.elements.fournisseur, function (radio) {
        radio.checked = radio.value === query.get("fournisseur");
      });
      given.push("fournisseur");
    }
    if (query.get("part_inconnue") === "1") {
      form.elements.part_inconnue.checked = true;
      given.push("part_inconnue");
    }
    if (given.length) run(form, section, false);
    /* The results, or the errors, now take the room simulator-early.js kept for them. */
    document.documentElement.classList.remove("cs-simulator-pending");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = new URLSearchParams();
      NAMES.forEach(function (name) {
        params.set(name, String(form.elements[name].value || "").trim());
      });
      params.set("fournisseur", String(form.elements.fournisseur.value || ""));
      if (form.elements.part_inconnue.checked) params.set("part_inconnue", "1");
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", "?" + params.toString());
      }
      run(form, section, true);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-module="simulator"]'), init);
})();
