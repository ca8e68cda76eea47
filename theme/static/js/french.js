/* French numbers, plurals and no-break spaces for the site's scripts, written as the
 * build's filters write them (plugins/sitekit/filters.py, plugins/buyertools/formatting.py).
 * Loaded first (defer keeps the order): window.CoopsocFrench.
 */
(function () {
  "use strict";

  var NBSP = "\u00a0"; // before « : », inside « », between a number and its unit
  var NARROW_NBSP = "\u202f"; // before « ; », between groups of digits

  /* An integer (Number, BigInt or digits): 2712 → « 2 712 ». */
  function number(value) {
    return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, NARROW_NBSP);
  }

  /* A number written with a decimal point: "1234.5" → « 1 234,5 ». */
  function decimal(value) {
    var parts = String(value).split(".");
    return number(parts[0]) + (parts[1] ? "," + parts[1] : "");
  }

  /* In French, 0 and 1 take the singular. */
  function pluriel(count, singular, plural) {
    return count > 1 ? plural : singular;
  }

  window.CoopsocFrench = {
    NBSP: NBSP,
    NARROW_NBSP: NARROW_NBSP,
    number: number,
    decimal: decimal,
    /* "19232.00" → « 19 232,00 € ». */
    euros: function (value) { return decimal(value) + NBSP + "€"; },
    pluriel: pluriel,
    /* « 1 résultat », « 12 résultats ». */
    quantity: function (count, singular, plural) {
      return number(count) + " " + pluriel(count, singular, plural);
    }
  };
})();
