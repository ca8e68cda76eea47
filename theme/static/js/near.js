/* « Près de » on the lists of a trade, a filière or a type (components/near_selector.html).
 *
 * Enhancement only: without this script the form leads to the search page, which sorts the
 * same establishments by distance. With it, the list is sorted where it is, each card says
 * how far it is, and a polite status says what changed (RGAA 7.5). The distance is the
 * great-circle one of plugins/coopsoc/distance.py, rounded to tenths of a km the same way,
 * and written like plugins/coopsoc/text.py kilometres().
 */
(function () {
  "use strict";

  var FR = window.CoopsocFrench;
  var EARTH_RADIUS_KM = 6371;

  function position(option) {
    var parts = (option.getAttribute("data-position") || "").split(" ");
    return { lat: parseFloat(parts[0]), lon: parseFloat(parts[1]) };
  }

  /* Whole tenths of a km between two positions, half up. */
  function tenths(a, b) {
    var rad = Math.PI / 180;
    var dLat = (b.lat - a.lat) * rad;
    var dLon = (b.lon - a.lon) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return Math.floor(2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h)) * 10 + 0.5);
  }

  function kilometres(value) {
    if (value < 100) return FR.decimal(value % 10 ? (value / 10).toFixed(1) : String(value / 10)) + FR.NBSP + "km";
    return FR.decimal(String(Math.floor((value + 5) / 10))) + FR.NBSP + "km";
  }

  function distanceOf(card) {
    var note = card.querySelector(".cs-card__distance");
    if (!note) {
      note = document.createElement("p");
      note.className = "cs-card__distance";
      card.querySelector(".cs-card__title").insertAdjacentElement("afterend", note);
    }
    return note;
  }

  /* Sort the cards from a commune (option), or back to the order of the page (none). */
  function sort(state) {
    var option = state.select.options[state.select.selectedIndex];
    var cards = state.cards.slice();
    if (!option.value) {
      cards.forEach(function (card) {
        var note = card.querySelector(".cs-card__distance");
        if (note) note.remove();
      });
    } else {
      var origin = position(option);
      var away = new Map(cards.map(function (card) {
        var commune = state.positions[card.getAttribute("data-commune")];
        return [card, commune ? tenths(origin, commune) : Infinity];
      }));
      cards.sort(function (a, b) { return away.get(a) - away.get(b); });
      cards.forEach(function (card) {
        var value = away.get(card);
        distanceOf(card).textContent = value === 0 ? "Dans la commune"
          : value === Infinity ? "" : "À " + kilometres(value) + " " + (/^[aeiouyàâéèêîôû]/i.test(option.text) ? "d’" : "de ") + option.text;
      });
    }
    cards.forEach(function (card) { state.list.appendChild(card); });
    state.status.textContent = option.value
      ? "Liste classée par distance depuis " + option.text + ", la plus proche d’abord."
      : "Liste classée par ordre alphabétique.";
  }

  function init(form) {
    var list = document.getElementById(form.getAttribute("data-near-list"));
    var select = form.querySelector("select");
    if (!list || !select || !FR) return;
    var positions = {};
    Array.prototype.forEach.call(select.options, function (option) {
      if (option.value) positions[option.value] = position(option);
    });
    var state = {
      list: list, select: select, positions: positions,
      status: form.querySelector("[data-near-status]"),
      cards: Array.prototype.slice.call(list.children)
    };
    select.addEventListener("change", function () { sort(state); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      sort(state);
    });
  }

  document.querySelectorAll("[data-module='near']").forEach(init);
})();
