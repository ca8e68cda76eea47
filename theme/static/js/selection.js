/* « Ma sélection »: the establishments a buyer keeps, to ask them all in one request.
 *
 * Enhancement only. The list of ids lives in this browser's local storage and nowhere else
 * (no cookie, nothing sent). Without this script, or without local storage, the buttons
 * and the header link stay hidden: absent, not broken. Each button
 * (button[data-selection-id], components/selection_button.html) says with aria-pressed
 * whether its establishment is kept; each change is announced in the header's polite
 * status region (RGAA 7.5). Other pages' scripts use window.CoopsocSelection: the ids, a
 * button for an establishment they draw, the establishments' data, a CSV download.
 */
(function () {
  "use strict";

  var KEY = "coopsoc-selection";
  var ID = /^[a-z0-9-]+$/;
  var BOM = "\ufeff";
  var FORMULA = /^[=+\-@\t\r]/;

  var state = {
    storage: null, // window.localStorage, when the browser lets us use it
    ids: [],
    data: null, // Promise of window.CoopsocEstablishments
    link: null,
    status: null
  };

  function openStorage() {
    try {
      var storage = window.localStorage;
      storage.setItem(KEY + "-essai", "1");
      storage.removeItem(KEY + "-essai");
      return storage;
    } catch (error) {
      return null; // Storage refused (private mode, settings): the feature stays hidden.
    }
  }

  /* The ids kept, each once; anything else in storage is ignored. */
  function read() {
    var ids;
    try {
      ids = JSON.parse(state.storage.getItem(KEY) || "[]");
    } catch (error) {
      ids = [];
    }
    if (!Array.isArray(ids)) return [];
    return ids.filter(function (id, k) {
      return typeof id === "string" && ID.test(id) && ids.indexOf(id) === k;
    });
  }

  function save(ids) {
    state.ids = ids.slice();
    try {
      state.storage.setItem(KEY, JSON.stringify(state.ids));
    } catch (error) {
      // Storage full or refused meanwhile: the page still shows the change.
    }
    refresh(document);
  }

  function howMany(count) {
    return window.CoopsocFrench.quantity(count, "établissement", "établissements");
  }

  /* Say it in the status region; emptied first, so that the same words are said again. */
  function announce(text) {
    if (!state.status) return;
    state.status.textContent = "";
    window.setTimeout(function () { state.status.textContent = text; }, 100);
  }

  function describe(name, added) {
    var FR = window.CoopsocFrench;
    return "«" + FR.NBSP + name + FR.NBSP + "» " + (added ? "ajouté à" : "retiré de") +
      " votre sélection" + FR.NBSP + ": " + howMany(state.ids.length) + ".";
  }

  /* Show every button of root with its state, and the count in the header. */
  function refresh(root) {
    Array.prototype.forEach.call(root.querySelectorAll("[data-selection-id]"), function (button) {
      button.setAttribute("aria-pressed", String(state.ids.indexOf(button.getAttribute("data-selection-id")) >= 0));
      button.hidden = false;
    });
    if (state.link) {
      state.link.querySelector("[data-selection-count]").textContent = window.CoopsocFrench.number(state.ids.length);
      // Shown once something is chosen: an empty selection would only push a phone's page down.
      state.link.hidden = state.ids.length === 0;
    }
  }

  function toggle(button) {
    var id = button.getAttribute("data-selection-id");
    var added = state.ids.indexOf(id) < 0;
    save(added ? state.ids.concat([id]) : state.ids.filter(function (other) { return other !== id; }));
    announce(describe(button.getAttribute("data-selection-name"), added));
  }

  /* A button like components/selection_button.html, for an establishment a script draws. */
  function button(id, name) {
    var node = document.createElement("button");
    node.type = "button";
    node.className = "cs-selection-button";
    node.setAttribute("data-selection-id", id);
    node.setAttribute("data-selection-name", name);
    var icon = document.createElement("span");
    icon.className = "cs-selection-button__icon";
    icon.setAttribute("aria-hidden", "true");
    var hidden = document.createElement("span");
    hidden.className = "cs-visually-hidden";
    hidden.textContent = window.CoopsocFrench.NBSP + ": " + name;
    node.appendChild(icon);
    node.appendChild(document.createTextNode("Ma sélection"));
    node.appendChild(hidden);
    node.setAttribute("aria-pressed", String(state.ids.indexOf(id) >= 0));
    return node;
  }

  /* The establishments' data (theme: DIRECTORY_SCRIPT), loaded once with <script src>,
     which works on a site opened from disk, where fetch() is refused. */
  function loadData() {
    if (!state.data) {
      state.data = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = state.link.getAttribute("data-selection-data");
        script.addEventListener("load", function () { resolve(window.CoopsocEstablishments); });
        script.addEventListener("error", function () {
          state.data = null;
          reject(new Error("Liste des établissements introuvable."));
        });
        document.head.appendChild(script);
      });
    }
    return state.data;
  }

  /* One cell for a spreadsheet: a formula's first sign kept as text, quoted if needed. */
  function cell(text) {
    text = String(text);
    if (FORMULA.test(text)) text = "'" + text;
    return /[";\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /* Download entries' rows (built at build time) as plugins/directory/listexport.py does. */
  function download(data, entries, label, fileName) {
    var context = ";" + cell(label) + ";" + cell(window.location.href.split("#")[0]);
    var lines = [data.header].concat(entries.map(function (entry) { return entry[7] + context; }));
    var blob = new Blob([BOM + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function start() {
    state.link = document.querySelector("[data-selection-link]");
    state.status = document.querySelector("[data-selection-status]");
    state.storage = openStorage();
    if (!state.storage || !state.link || !window.CoopsocFrench) return;
    state.ids = read();
    document.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("button[data-selection-id]") : null;
      if (target) toggle(target);
    });
    // Another tab changed the selection: follow it.
    window.addEventListener("storage", function (event) {
      if (event.key !== KEY) return;
      state.ids = read();
      refresh(document);
    });
    window.CoopsocSelection = {
      ids: function () { return state.ids.slice(); },
      save: save,
      announce: announce,
      howMany: howMany,
      button: button,
      loadData: loadData,
      download: download
    };
    refresh(document);
    document.dispatchEvent(new CustomEvent("coopsoc:selection-ready"));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
