/* The « Ma sélection » page (/ma-selection/): the establishments kept, one request for all.
 *
 * Enhancement only: without a script or local storage the page says what it needs (its
 * data-selection-nojs paragraph stays shown). With them, it lists each kept establishment
 * (name, type, commune, trades) from the establishments' data (window.CoopsocSelection
 * loads it), drops with a notice the ids the directory no longer has, lets the buyer remove
 * one or all, and leads to the request form with ?etablissement=<id> once per establishment.
 */
(function () {
  "use strict";

  function find(root, name) { return root.querySelector("[data-selection-" + name + "]"); }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function entryLink(state, entry) {
    var path = entry[6];
    if (path === "" || path.charAt(path.length - 1) === "/") path += state.data.urlIndex;
    return state.root.getAttribute("data-selection-root") + path;
  }

  function item(state, entry) {
    var FR = window.CoopsocFrench;
    var node = element("li", "cs-selection__item");
    var title = element("h3", "cs-selection__name");
    var link = element("a", "", entry[1]);
    link.href = entryLink(state, entry);
    title.appendChild(link);
    node.appendChild(title);
    node.appendChild(element("p", "cs-selection__meta", entry[3] + " (" + entry[2] + ") · " + entry[4]));
    // A CHRS: buying from it does not reduce the OETH contribution (Code du travail L5212-10-1).
    if (!entry[8]) node.appendChild(element("p", "cs-card__mark", "Achats non déductibles"));
    var trades = element("p", "cs-selection__trades");
    trades.appendChild(element("span", "", "Métiers" + FR.NBSP + ": "));
    trades.appendChild(document.createTextNode(entry[5].join(", ")));
    node.appendChild(trades);
    var remove = element("button", "cs-selection__remove", "Retirer");
    remove.type = "button";
    remove.setAttribute("data-selection-remove", entry[0]);
    remove.appendChild(element("span", "cs-visually-hidden", FR.NBSP + ": " + entry[1]));
    node.appendChild(remove);
    return node;
  }

  /* The kept establishments the directory has (another tab may keep one it lacks). */
  function kept(state) {
    return window.CoopsocSelection.ids()
      .map(function (id) { return state.byId[id]; })
      .filter(Boolean);
  }

  /* Draw the list, the heading's count and the request link from the kept ids. */
  function render(state) {
    var api = window.CoopsocSelection;
    var entries = kept(state);
    var parts = state.parts;
    parts.list.textContent = "";
    entries.forEach(function (entry) { parts.list.appendChild(item(state, entry)); });
    parts.heading.textContent = entries.length
      ? api.howMany(entries.length) + " dans votre sélection"
      : "Votre sélection est vide";
    parts.empty.hidden = entries.length > 0;
    parts.actions.hidden = entries.length === 0;
    var query = entries.map(function (entry) {
      return "etablissement=" + encodeURIComponent(entry[0]);
    }).join("&");
    parts.request.href = parts.request.getAttribute("data-base") + "?" + query;
    parts.request.textContent = window.CoopsocFrench.pluriel(entries.length,
      "Demander un devis à cet établissement",
      "Demander un devis à ces " + window.CoopsocFrench.number(entries.length) + " établissements");
    parts.content.hidden = false;
    return entries;
  }

  /* Remove one establishment; the focus goes to the next « Retirer », or the heading. */
  function removeOne(state, id) {
    var api = window.CoopsocSelection;
    var ids = api.ids();
    var position = ids.indexOf(id);
    api.save(ids.filter(function (other) { return other !== id; }));
    var entries = render(state);
    var next = state.parts.list.querySelectorAll("[data-selection-remove]")[Math.min(position, entries.length - 1)];
    (next || state.parts.heading).focus();
    api.announce("«" + window.CoopsocFrench.NBSP + state.byId[id][1] + window.CoopsocFrench.NBSP +
      "» retiré de votre sélection" + window.CoopsocFrench.NBSP + ": " + api.howMany(entries.length) + ".");
  }

  function removeAll(state) {
    var api = window.CoopsocSelection;
    api.save([]);
    render(state);
    state.parts.heading.focus();
    api.announce("Votre sélection est vide.");
  }

  /* Ids the directory no longer has are dropped from storage, and the page says so. */
  function dropUnknown(state) {
    var api = window.CoopsocSelection;
    var ids = api.ids();
    var known = ids.filter(function (id) { return state.byId[id]; });
    var dropped = ids.length - known.length;
    if (!dropped) return;
    api.save(known);
    var FR = window.CoopsocFrench;
    state.parts.dropped.textContent = FR.pluriel(dropped,
      "Un établissement de votre sélection ne figure plus dans l’annuaire" + FR.NBSP + ": il en a été retiré.",
      FR.number(dropped) + " établissements de votre sélection ne figurent plus dans l’annuaire" + FR.NBSP +
        ": ils en ont été retirés.");
    state.parts.dropped.hidden = false;
  }

  function listen(state) {
    var parts = state.parts;
    parts.list.addEventListener("click", function (event) {
      var target = event.target.closest("[data-selection-remove]");
      if (target) removeOne(state, target.getAttribute("data-selection-remove"));
    });
    parts.clear.addEventListener("click", function () { removeAll(state); });
    parts.csv.addEventListener("click", function () {
      window.CoopsocSelection.download(state.data, kept(state), "Ma sélection", "coopsoc-ma-selection.csv");
    });
    window.addEventListener("storage", function () { render(state); });
  }

  function start(root) {
    var parts = {};
    ["nojs", "dropped", "content", "heading", "empty", "list", "actions", "request", "clear", "csv"]
      .forEach(function (name) { parts[name] = find(root, name); });
    var state = { root: root, parts: parts, data: null, byId: {} };
    window.CoopsocSelection.loadData().then(function (data) {
      state.data = data;
      data.list.forEach(function (entry) { state.byId[entry[0]] = entry; });
      parts.nojs.hidden = true;
      dropUnknown(state);
      listen(state);
      render(state);
      root.dispatchEvent(new CustomEvent("coopsoc:selection-rendered"));
    }).catch(function (error) {
      parts.nojs.textContent = error.message;
    });
  }

  var root = document.querySelector('[data-module="selection-page"]');
  if (root && window.CoopsocSelection && window.CoopsocFrench) start(root);
})();
