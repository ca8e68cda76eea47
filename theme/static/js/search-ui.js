/* The search page (/recherche/): results as you type, facets, distance, announcements.
 *
 * Enhancement only: without this script the page shows the catalogue of trades, and its
 * form (GET, field « q ») still leads there. The address keeps the query and the filters
 * (?q=…&filiere=…&pres=…), so a search can be shared. The result count is announced once
 * per query, after a short pause, in a polite live region (RGAA 7.5).
 */
(function () {
  "use strict";

  var FR = window.CoopsocFrench;
  var PAGE_SIZE = 20;
  var ANNOUNCE_DELAY = 600;
  // Each facet's list in the index's tables, and where a value's key and label are.
  var GROUPS = [
    { key: "type", legend: "Type", list: "types", keyAt: 0, labelAt: 1 },
    { key: "filiere", legend: "Filière", list: "filieres", keyAt: 0, labelAt: 1 },
    { key: "metier", legend: "Métier", list: "metiers", keyAt: 0, labelAt: 1 },
    { key: "commune", legend: "Commune", list: "communes", keyAt: 1, labelAt: 0 }
  ];
  var COMMUNES = GROUPS[3];

  /* « de Marseille », « d’Aubagne ». */
  function of(name) {
    return (/^[aeiouyàâäéèêëîïôöùûü]/i.test(name) ? "d’" : "de ") + name;
  }

  /* « a », « a et b », « a, b et c ». */
  function listing(items) {
    var head = items.slice(0, -1);
    return (head.length ? head.join(", ") + " et " : "") + items[items.length - 1];
  }

  function quote(text) { return "«" + FR.NBSP + text + FR.NBSP + "»"; }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The elements of the page the script writes in, found once. */
  function findParts(root) {
    var find = function (name) { return root.querySelector("[data-search-" + name + "]"); };
    return {
      form: root.querySelector("form"), input: find("input"), near: find("near"),
      status: find("status"), request: find("request"), nojs: find("nojs"),
      tools: find("tools"), results: find("results"), heading: find("heading"),
      understood: find("understood"), list: find("list"), more: find("more"),
      empty: find("empty"), emptyHeading: find("empty-heading"),
      suggestions: find("suggestions"), browse: find("browse"), facets: find("facets"),
      selected: find("selected"), export: find("export")
    };
  }

  function typed(state) { return state.parts.input.value.trim(); }

  /* ---------- address ---------- */

  function readAddress(state) {
    var params = new URLSearchParams(window.location.search);
    var near = state.parts.near;
    state.parts.input.value = params.get("q") || "";
    state.exact = params.get("exact") === "1";
    near.value = params.get("pres") || "";
    if (near.selectedIndex < 0) near.value = "";
    state.selectedKeys = {};
    GROUPS.forEach(function (group) { state.selectedKeys[group.key] = params.getAll(group.key); });
  }

  function writeAddress(state) {
    var params = new URLSearchParams();
    if (typed(state)) params.set("q", typed(state));
    if (state.parts.near.value) params.set("pres", state.parts.near.value);
    if (state.exact) params.set("exact", "1");
    GROUPS.forEach(function (group) {
      (state.selectedKeys[group.key] || []).forEach(function (key) { params.append(group.key, key); });
    });
    var search = params.toString();
    try {
      window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    } catch (error) {
      // Some browsers refuse to change the address of a page opened from disk.
    }
  }

  /* ---------- facet keys ↔ indexes ---------- */

  function keysOf(meta, group) {
    return meta[group.list].map(function (entry) { return entry[group.keyAt]; });
  }

  function selectedIndexes(meta, selectedKeys) {
    var selected = {};
    GROUPS.forEach(function (group) {
      var keys = keysOf(meta, group);
      selected[group.key] = (selectedKeys[group.key] || [])
        .map(function (key) { return keys.indexOf(key); })
        .filter(function (index) { return index >= 0; });
    });
    return selected;
  }

  /* ---------- searching ---------- */

  function run(state) {
    var query = state.parts.input.value;
    var sequence = ++state.sequence;
    state.shown = PAGE_SIZE;
    return state.engine.search(query, state.exact).then(function (result) {
      if (sequence !== state.sequence) return null;
      state.query = query;
      state.result = result;
      return render(state);
    }).catch(function (error) {
      if (sequence !== state.sequence) return;
      showMessage(state, "La recherche est indisponible pour le moment" + FR.NBSP + ": " + error.message);
    });
  }

  function showMessage(state, text) {
    var parts = state.parts;
    parts.results.hidden = true;
    parts.empty.hidden = false;
    parts.browse.hidden = false;
    parts.emptyHeading.textContent = "Recherche indisponible";
    parts.suggestions.textContent = "";
    parts.suggestions.appendChild(element("p", "", text));
    announce(state, text);
  }

  function render(state) {
    return state.engine.ready().then(function (meta) {
      var result = state.result;
      if (!result.understood.words.length) return renderNoWord(state, meta);
      state.parts.browse.hidden = true;
      if (!result.hits.length) return renderNoResult(state, meta, result);
      return renderResults(state, meta, result);
    });
  }

  function noCounts() {
    return { type: new Map(), filiere: new Map(), metier: new Map(), commune: new Map() };
  }

  /* Nothing searchable typed (or only words left aside): the ways to browse. */
  function renderNoWord(state, meta) {
    var parts = state.parts;
    parts.results.hidden = true;
    parts.empty.hidden = true;
    parts.browse.hidden = false;
    renderFacets(state, meta, noCounts());
    announce(state, typed(state) ? "Saisissez un mot plus précis." : "");
    return finish(state, 0);
  }

  function renderNoResult(state, meta, result) {
    var parts = state.parts;
    parts.results.hidden = true;
    parts.empty.hidden = false;
    parts.emptyHeading.textContent = "Aucun résultat pour " + quote(typed(state));
    renderSuggestions(state, result.suggestions);
    renderRequest(state, meta, result);
    renderFacets(state, meta, noCounts());
    announce(state, "Aucun résultat pour " + quote(typed(state)) + ".");
    return finish(state, 0);
  }

  function renderResults(state, meta, result) {
    var parts = state.parts;
    var faceted = state.engine.applyFacets(result.hits, selectedIndexes(meta, state.selectedKeys));
    var hits = faceted.hits;
    var nearIndex = keysOf(meta, COMMUNES).indexOf(parts.near.value);
    // A commune named in the query (« menuiserie aubagne », « traiteur 13009 »): the
    // results nearest to it first (unless another commune was chosen).
    if (nearIndex < 0 && result.place) nearIndex = result.place.commune;
    parts.request.hidden = true;
    state.nearIndex = nearIndex;
    if (nearIndex >= 0) hits = state.engine.byDistance(hits, nearIndex);
    state.hits = hits;
    renderFacets(state, meta, faceted.counts);
    renderUnderstood(state, meta, result);
    parts.empty.hidden = true;
    parts.results.hidden = false;
    // No result left is always « with the filters chosen »: the search itself found some.
    var found = hits.length ? FR.quantity(hits.length, "résultat", "résultats") : "Aucun résultat";
    var filters = hits.length < result.hits.length ? " avec les filtres choisis" : "";
    parts.heading.textContent = found + filters;
    announce(state, found + " pour " + quote(typed(state)) + filters +
      (nearIndex >= 0 ? ", classés par distance depuis " + meta.communes[nearIndex][0] : "") + ".");
    parts.list.textContent = "";
    // Shown once the results are in: shown before, it would be pushed down by them.
    parts.export.hidden = true;
    return renderItems(state, meta, 0, Math.min(state.shown, hits.length)).then(function () {
      parts.export.hidden = !hits.length || !window.CoopsocSelection;
      placeRequestCard(state);
      return finish(state, hits.length);
    });
  }

  /* « Déposer un besoin » after the third result (or the last), with the visitor's words. */
  function placeRequestCard(state) {
    var template = document.querySelector("[data-search-request-template]");
    var results = state.parts.list.querySelectorAll(".cs-result");
    if (!template || !results.length) return;
    var card = template.content.firstElementChild.cloneNode(true);
    var link = card.querySelector("a");
    var params = new URLSearchParams();
    params.set("description", typed(state));
    link.href = link.getAttribute("data-base") + "?" + params.toString();
    var after = results[Math.min(3, results.length) - 1];
    after.parentNode.insertBefore(card, after.nextSibling);
  }

  function finish(state, total) {
    document.documentElement.classList.remove("cs-search-pending");
    state.root.dispatchEvent(new CustomEvent("coopsoc:search-rendered", {
      detail: { query: state.query, total: total }
    }));
    return total;
  }

  /* ---------- results ---------- */

  function renderItems(state, meta, from, to) {
    var slice = state.hits.slice(from, to);
    var nearIndex = state.nearIndex;
    return state.engine.recordsOf(slice.map(function (hit) { return hit.doc; })).then(function (records) {
      records.forEach(function (record, k) {
        state.parts.list.appendChild(resultItem(state, meta, record, slice[k], nearIndex));
      });
      state.parts.more.hidden = to >= state.hits.length;
    });
  }

  function resultItem(state, meta, record, hit, nearIndex) {
    var facets = state.engine.facetsOf(record.doc);
    var item = element("li", "cs-result");
    var title = element("h3", "cs-result__title");
    var link = element("a", "cs-result__link", record.title);
    link.href = state.engine.link(state.siteRoot, record.path);
    title.appendChild(link);
    item.appendChild(title);
    item.appendChild(element("p", "cs-result__meta", resultDetails(meta, facets, hit, nearIndex).join(" · ")));
    if (facets.metier.length && meta.types[facets.type][0] !== "metier") {
      var trades = element("p", "cs-result__trades");
      trades.appendChild(element("span", "cs-visually-hidden", "Métiers : "));
      trades.appendChild(document.createTextNode(facets.metier.map(function (t) { return meta.metiers[t][1]; }).join(", ")));
      item.appendChild(trades);
    }
    // An establishment can be kept in « Ma sélection » (selection.js), from here too.
    if (record.id && window.CoopsocSelection) item.appendChild(window.CoopsocSelection.button(record.id, record.title));
    return item;
  }

  /* The establishments among all the results, as a CSV file for a spreadsheet: the rows
     written at build time, with the query as the list's name (selection.js downloads). */
  function exportResults(state) {
    var api = window.CoopsocSelection;
    var docs = state.hits.map(function (hit) { return hit.doc; });
    return Promise.all([state.engine.recordsOf(docs), api.loadData()]).then(function (loaded) {
      var byId = {};
      loaded[1].list.forEach(function (entry) { byId[entry[0]] = entry; });
      var entries = loaded[0].map(function (record) { return byId[record.id]; }).filter(Boolean);
      if (!entries.length) {
        announce(state, "Aucun établissement parmi ces résultats" + FR.NBSP + ": rien à télécharger.");
        return;
      }
      api.download(loaded[1], entries, "Recherche" + FR.NBSP + ": " + quote(typed(state)), "coopsoc-recherche.csv");
    }).catch(function (error) { announce(state, error.message); });
  }

  /* Type, commune, distance, then the filières of a trade or the trade count of a filière. */
  function resultDetails(meta, facets, hit, nearIndex) {
    var details = [meta.types[facets.type][1]];
    if (facets.commune >= 0) details.push(meta.communes[facets.commune][0]);
    if (hit.tenths !== undefined && nearIndex >= 0) {
      var km = hit.tenths / 10;
      details.push(hit.tenths === 0 ? "dans la commune choisie"
        : "à " + FR.decimal(km < 10 ? km : Math.round(km)) + FR.NBSP + "km " + of(meta.communes[nearIndex][0]));
    }
    var type = meta.types[facets.type][0];
    if (type === "metier") {
      facets.filiere.forEach(function (f) { details.push("filière " + meta.filieres[f][1]); });
    } else if (type === "filiere") {
      var trades = meta.metiers.filter(function (t) { return facets.filiere.indexOf(t[2]) >= 0; });
      details.push(FR.quantity(trades.length, "métier", "métiers"));
    }
    return details;
  }

  /* ---------- what the search made of the words ---------- */

  /* Place, synonyms, corrections, words left aside: {notes, original (to search as typed)}. */
  function understoodNotes(meta, result, query) {
    var understood = result.understood;
    var asTyped = function (words) {
      return quote(words.map(function (word) { return understood.typed[word] || word; }).join(" "));
    };
    var notes = [];
    var original = null;
    if (result.place) {
      notes.push(asTyped(result.place.words) + FR.NBSP + ": " + meta.communes[result.place.commune][0] +
        ", résultats du plus proche au plus éloigné");
    }
    understood.groups.forEach(function (group) {
      if (group.synonym) {
        notes.push(asTyped(group.words) + " cherché aussi comme " + group.synonym.targets.map(quote).join(", "));
      } else if (group.corrections && group.corrections.length) {
        notes.push(asTyped(group.words) + " compris comme " + group.corrections.slice(0, 3).map(quote).join(", "));
        original = query;
      }
    });
    var aside = understood.words.filter(function (word, k, all) {
      return all.indexOf(word) === k && (result.left.indexOf(word) >= 0 || result.ignored.indexOf(word) >= 0);
    });
    if (aside.length) {
      notes.push(listing(aside.map(function (word) { return asTyped([word]); })) +
        FR.pluriel(aside.length, " n’a pas été pris en compte", " n’ont pas été pris en compte"));
    }
    if (result.complete < result.hits.length) {
      notes.push(result.complete
        ? "les premiers résultats contiennent tous les mots, les suivants une partie seulement"
        : "aucun résultat ne contient tous les mots" + FR.NBSP + ": voici ceux qui en contiennent le plus");
    }
    return { notes: notes, original: original };
  }

  function renderUnderstood(state, meta, result) {
    var box = state.parts.understood;
    var found = understoodNotes(meta, result, typed(state));
    box.textContent = "";
    box.hidden = !found.notes.length;
    if (!found.notes.length) return;
    var text = found.notes.join(FR.NARROW_NBSP + "; ") + ".";
    box.appendChild(document.createTextNode(text.charAt(0).toUpperCase() + text.slice(1)));
    if (!found.original) return;
    box.appendChild(document.createTextNode(" "));
    var link = element("a", "", "Chercher plutôt " + quote(found.original) + " tel quel");
    link.href = "?q=" + encodeURIComponent(found.original) + "&exact=1";
    link.addEventListener("click", function (event) {
      event.preventDefault();
      state.exact = true;
      writeAddress(state);
      run(state);
    });
    box.appendChild(link);
  }

  /* ---------- nothing found ---------- */

  /* The request to COOPSOC, prefilled with the visitor's words. */
  function renderRequest(state, meta, result) {
    var link = state.parts.request.querySelector("a");
    var params = new URLSearchParams();
    params.set("metier", "autre");
    params.set("description", typed(state));
    if (result.place) params.set("commune", meta.communes[result.place.commune][0]);
    link.href = link.getAttribute("data-base") + "?" + params.toString();
    state.parts.request.hidden = false;
  }

  function renderSuggestions(state, suggestions) {
    var box = state.parts.suggestions;
    var names = suggestions.names || [];
    box.textContent = "";
    if (!names.length) {
      box.appendChild(element("p", "", "Vérifiez l’orthographe, ou essayez un mot plus général (par exemple " +
        quote("nettoyage") + " ou " + quote("espaces verts") + ")."));
      return;
    }
    box.appendChild(element("p", "", "Les métiers les plus proches de votre recherche" + FR.NBSP + ":"));
    var list = element("ul", "cs-search__suggestions");
    names.forEach(function (name) {
      var li = element("li");
      li.appendChild(suggestionLink(state, name));
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function suggestionLink(state, query) {
    var link = element("a", "", query);
    link.href = "?q=" + encodeURIComponent(query);
    link.addEventListener("click", function (event) {
      event.preventDefault();
      state.parts.input.value = query;
      state.exact = false;
      writeAddress(state);
      run(state);
      state.parts.input.focus();
    });
    return link;
  }

  /* ---------- facets ---------- */

  function renderFacets(state, meta, counts) {
    var box = state.parts.facets;
    var focused = document.activeElement && box.contains(document.activeElement)
      ? document.activeElement.id : null;
    var active = 0;
    box.textContent = "";
    GROUPS.forEach(function (group) {
      var chosen = state.selectedKeys[group.key] || [];
      var values = facetValues(meta, group, counts[group.key], chosen);
      active += chosen.length;
      if (values.length) box.appendChild(facetFieldset(state, group, values, chosen));
    });
    if (active) box.appendChild(clearButton(state));
    state.parts.selected.textContent = active
      ? "(" + FR.quantity(active, "filtre actif", "filtres actifs") + ")" : "";
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  /* The values of a facet that have results, or are chosen; the most frequent first. */
  function facetValues(meta, group, counts, chosen) {
    var values = [];
    keysOf(meta, group).forEach(function (key, index) {
      var count = counts.get(index) || 0;
      if (count > 0 || chosen.indexOf(key) >= 0) {
        values.push({ key: key, index: index, count: count, label: meta[group.list][index][group.labelAt] });
      }
    });
    return values.sort(function (a, b) { return b.count - a.count || a.label.localeCompare(b.label, "fr"); });
  }

  function facetFieldset(state, group, values, chosen) {
    var fieldset = element("fieldset", "cs-search__facet");
    fieldset.appendChild(element("legend", "cs-search__legend", group.legend));
    var list = element("ul", "cs-search__options");
    values.forEach(function (value) {
      var li = element("li", "cs-search__option");
      var box = element("input");
      box.type = "checkbox";
      box.id = "facette-" + group.key + "-" + value.index;
      box.checked = chosen.indexOf(value.key) >= 0;
      box.addEventListener("change", function () { toggleFacet(state, group.key, value.key, box.checked); });
      var label = element("label", "", value.label + " (" + value.count + ")");
      label.htmlFor = box.id;
      li.appendChild(box);
      li.appendChild(label);
      list.appendChild(li);
    });
    fieldset.appendChild(list);
    return fieldset;
  }

  function toggleFacet(state, group, key, checked) {
    var keys = state.selectedKeys[group] || [];
    state.selectedKeys[group] = checked
      ? keys.concat([key])
      : keys.filter(function (other) { return other !== key; });
    writeAddress(state);
    state.shown = PAGE_SIZE;
    render(state);
  }

  function clearButton(state) {
    var clear = element("button", "cs-search__clear", "Retirer les filtres");
    clear.type = "button";
    clear.addEventListener("click", function () {
      state.selectedKeys = {};
      writeAddress(state);
      render(state).then(function () { state.parts.input.focus(); });
    });
    return clear;
  }

  /* ---------- announcements ---------- */

  function announce(state, message) {
    window.clearTimeout(state.announceTimer);
    state.announceTimer = window.setTimeout(function () {
      if (state.parts.status.textContent !== message) state.parts.status.textContent = message;
    }, ANNOUNCE_DELAY);
  }

  /* ---------- events ---------- */

  function listen(state) {
    var parts = state.parts;
    parts.input.addEventListener("input", function () {
      state.exact = false;
      writeAddress(state);
      run(state);
    });
    parts.form.addEventListener("submit", function (event) {
      event.preventDefault();
      writeAddress(state);
      run(state);
    });
    parts.near.addEventListener("change", function () {
      writeAddress(state);
      state.shown = PAGE_SIZE;
      if (state.result) render(state);
    });
    parts.more.addEventListener("click", function () { showMore(state); });
    parts.export.addEventListener("click", function () { exportResults(state); });
  }

  function showMore(state) {
    var list = state.parts.list;
    // Results only: the request card among them is not one.
    var from = list.querySelectorAll(".cs-result").length;
    state.shown += PAGE_SIZE;
    state.engine.ready().then(function (meta) {
      return renderItems(state, meta, from, Math.min(state.shown, state.hits.length));
    }).then(function () {
      var next = list.querySelectorAll(".cs-result")[from];
      if (next) next.querySelector("a").focus();
    });
  }

  function start(root) {
    // The page's state, passed to every function: its elements (parts), the engine, the
    // query and its result, the hits as filtered and ordered, the chosen filters (keys per
    // facet), whether the words are taken as typed (exact), and how many results are shown.
    var state = {
      root: root,
      siteRoot: root.getAttribute("data-search-root"),
      engine: window.CoopsocSearch.init(root.getAttribute("data-search-index")),
      parts: findParts(root),
      query: "",
      result: null,
      hits: [],
      nearIndex: -1,
      selectedKeys: {},
      exact: false,
      shown: PAGE_SIZE,
      sequence: 0,
      announceTimer: null
    };
    state.parts.nojs.hidden = true;
    state.parts.tools.hidden = false;
    listen(state);
    readAddress(state);
    // The index's tables (meta.js, about 10 KB) are loaded for a query, or as soon as the
    // field gets the focus, not for a visitor who only reads the page: with no query, the
    // page shows its ways to browse, as drawn by the server.
    if (typed(state)) {
      run(state);
    } else {
      state.parts.input.addEventListener("focus", function () { state.engine.ready(); }, { once: true });
      state.parts.results.hidden = true;
      state.parts.empty.hidden = true;
      state.parts.browse.hidden = false;
      finish(state, 0);
    }
  }

  function boot() {
    var root = document.querySelector('[data-module="search"]');
    if (root && window.CoopsocSearch && FR) start(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
