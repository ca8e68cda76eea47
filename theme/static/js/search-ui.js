/* The search page (/recherche/): results as you type, facets, distance, announcements.
 *
 * Enhancement only: without this script the page shows the catalogue of trades, and its
 * form (GET, field « q ») still leads there. The address keeps the query and the filters
 * (?q=…&filiere=…&pres=…), so a search can be shared. The result count is announced once
 * per query, after a short pause, in a polite live region (RGAA 7.5).
 */
(function () {
  "use strict";

  var PAGE_SIZE = 20;
  var ANNOUNCE_DELAY = 600;
  var GROUPS = [
    { key: "type", legend: "Type" },
    { key: "filiere", legend: "Filière" },
    { key: "metier", legend: "Métier" },
    { key: "commune", legend: "Commune" }
  ];

  function plural(count, word) {
    var number = String(count).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
    return number + " " + word + (count > 1 ? "s" : "");
  }

  /* « de Marseille », « d’Aubagne ». */
  function of(name) {
    return (/^[aeiouyàâäéèêëîïôöùûü]/i.test(name) ? "d’" : "de ") + name;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function start(root) {
    var engine = window.CoopsocSearch.init(root.getAttribute("data-search-index"));
    var siteRoot = root.getAttribute("data-search-root");
    var find = function (name) { return root.querySelector("[data-search-" + name + "]"); };
    var form = root.querySelector("form");
    var input = find("input");
    var near = find("near");
    var status = find("status");
    var parts = {
      tools: find("tools"), results: find("results"), heading: find("heading"),
      understood: find("understood"), list: find("list"), more: find("more"),
      empty: find("empty"), emptyHeading: find("empty-heading"),
      suggestions: find("suggestions"), browse: find("browse"), facets: find("facets"),
      selected: find("selected")
    };
    var current = { query: "", result: null, shown: PAGE_SIZE, selected: {}, sequence: 0, exact: false };
    var request = find("request");
    var announceTimer = null;

    find("nojs").hidden = true;
    parts.tools.hidden = false;

    /* ---------- address ---------- */

    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      input.value = params.get("q") || "";
      current.exact = params.get("exact") === "1";
      near.value = params.get("pres") || "";
      if (near.selectedIndex < 0) near.value = "";
      current.selectedKeys = {};
      GROUPS.forEach(function (group) { current.selectedKeys[group.key] = params.getAll(group.key); });
    }

    function writeAddress() {
      var params = new URLSearchParams();
      if (input.value.trim()) params.set("q", input.value.trim());
      if (near.value) params.set("pres", near.value);
      if (current.exact) params.set("exact", "1");
      GROUPS.forEach(function (group) {
        (current.selectedKeys[group.key] || []).forEach(function (key) { params.append(group.key, key); });
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
      if (group === "type") return meta.types.map(function (t) { return t[0]; });
      if (group === "filiere") return meta.filieres.map(function (f) { return f[0]; });
      if (group === "metier") return meta.metiers.map(function (t) { return t[0]; });
      return meta.communes.map(function (c) { return c[1]; });
    }

    function labelOf(meta, group, index) {
      if (group === "type") return meta.types[index][1];
      if (group === "filiere") return meta.filieres[index][1];
      if (group === "metier") return meta.metiers[index][1];
      return meta.communes[index][0];
    }

    function selectedIndexes(meta) {
      var selected = {};
      GROUPS.forEach(function (group) {
        var keys = keysOf(meta, group.key);
        selected[group.key] = (current.selectedKeys[group.key] || [])
          .map(function (key) { return keys.indexOf(key); })
          .filter(function (index) { return index >= 0; });
      });
      return selected;
    }

    /* ---------- searching ---------- */

    function run() {
      var query = input.value;
      var sequence = ++current.sequence;
      current.shown = PAGE_SIZE;
      return engine.search(query, current.exact).then(function (result) {
        if (sequence !== current.sequence) return null;
        current.query = query;
        current.result = result;
        return render();
      }).catch(function (error) {
        if (sequence !== current.sequence) return;
        showMessage("La recherche est indisponible pour le moment\u00a0: " + error.message);
      });
    }

    function showMessage(text) {
      parts.results.hidden = true;
      parts.empty.hidden = false;
      parts.browse.hidden = false;
      parts.emptyHeading.textContent = "Recherche indisponible";
      parts.suggestions.textContent = "";
      parts.suggestions.appendChild(element("p", "", text));
      announce(text);
    }

    function render() {
      return engine.ready().then(function (meta) {
        var result = current.result;
        var words = result.understood.words;
        if (!words.length) {
          parts.results.hidden = true;
          parts.empty.hidden = true;
          parts.browse.hidden = false;
          renderFacets(meta, { type: new Map(), filiere: new Map(), metier: new Map(), commune: new Map() });
          announce(input.value.trim() ? "Saisissez un mot plus précis." : "");
          return finish(0);
        }
        parts.browse.hidden = true;
        if (!result.hits.length) {
          parts.results.hidden = true;
          parts.empty.hidden = false;
          parts.emptyHeading.textContent = "Aucun résultat pour «\u00a0" + input.value.trim() + "\u00a0»";
          renderSuggestions(result.suggestions);
          renderRequest(meta, result);
          renderFacets(meta, { type: new Map(), filiere: new Map(), metier: new Map(), commune: new Map() });
          announce("Aucun résultat pour «\u00a0" + input.value.trim() + "\u00a0».");
          return finish(0);
        }
        var selected = selectedIndexes(meta);
        var faceted = engine.applyFacets(result.hits, selected);
        var hits = faceted.hits;
        var nearIndex = keysOf(meta, "commune").indexOf(near.value);
        // A commune named in the query (« menuiserie aubagne », « traiteur 13009 »): the
        // results nearest to it first (unless another commune was chosen).
        if (nearIndex < 0 && result.place) nearIndex = result.place.commune;
        request.hidden = true;
        current.nearIndex = nearIndex;
        if (nearIndex >= 0) hits = engine.byDistance(hits, nearIndex);
        current.hits = hits;
        renderFacets(meta, faceted.counts);
        renderUnderstood(meta, result);
        parts.empty.hidden = true;
        parts.results.hidden = false;
        var filtered = hits.length < result.hits.length;
        parts.heading.textContent = hits.length
          ? plural(hits.length, "résultat") + (filtered ? " avec les filtres choisis" : "")
          : "Aucun résultat avec les filtres choisis";
        var message = (hits.length ? plural(hits.length, "résultat") : "Aucun résultat") +
          " pour «\u00a0" + input.value.trim() + "\u00a0»" + (filtered ? " avec les filtres choisis" : "") +
          (nearIndex >= 0 ? ", classés par distance depuis " + meta.communes[nearIndex][0] : "") + ".";
        announce(message);
        parts.list.textContent = "";
        return renderItems(meta, 0, Math.min(current.shown, hits.length)).then(function () {
          return finish(hits.length);
        });
      });
    }

    function finish(total) {
      document.documentElement.classList.remove("cs-search-pending");
      root.dispatchEvent(new CustomEvent("coopsoc:search-rendered", {
        detail: { query: current.query, total: total }
      }));
      return total;
    }

    function renderItems(meta, from, to) {
      var slice = current.hits.slice(from, to);
      var nearIndex = current.nearIndex;
      return engine.recordsOf(slice.map(function (hit) { return hit.doc; })).then(function (records) {
        records.forEach(function (record, k) {
          parts.list.appendChild(resultItem(meta, record, slice[k], nearIndex));
        });
        parts.more.hidden = to >= current.hits.length;
      });
    }

    function resultItem(meta, record, hit, nearIndex) {
      var facets = engine.facetsOf(record.doc);
      var item = element("li", "cs-result");
      var title = element("h3", "cs-result__title");
      var link = element("a", "cs-result__link", record.title);
      link.href = engine.link(siteRoot, record.path);
      title.appendChild(link);
      item.appendChild(title);
      var details = [meta.types[facets.type][1]];
      if (facets.commune >= 0) details.push(meta.communes[facets.commune][0]);
      if (hit.tenths !== undefined && nearIndex >= 0) {
        var km = hit.tenths / 10;
        details.push(hit.tenths === 0 ? "dans la commune choisie"
          : "à " + String(km < 10 ? km : Math.round(km)).replace(".", ",") + "\u00a0km " + of(meta.communes[nearIndex][0]));
      }
      var type = meta.types[facets.type][0];
      if (type === "metier") {
        facets.filiere.forEach(function (f) { details.push("filière " + meta.filieres[f][1]); });
      } else if (type === "filiere") {
        var trades = meta.metiers.filter(function (t) { return facets.filiere.indexOf(t[2]) >= 0; });
        details.push(plural(trades.length, "métier"));
      }
      item.appendChild(element("p", "cs-result__meta", details.join(" · ")));
      if (facets.metier.length && type !== "metier") {
        var trades = element("p", "cs-result__trades");
        trades.appendChild(element("span", "cs-visually-hidden", "Métiers : "));
        trades.appendChild(document.createTextNode(facets.metier.map(function (t) { return meta.metiers[t][1]; }).join(", ")));
        item.appendChild(trades);
      }
      return item;
    }

    function quote(text) { return "«\u00a0" + text + "\u00a0»"; }

    /* What the search made of the words: place, synonyms, corrections, words left aside. */
    function renderUnderstood(meta, result) {
      var understood = result.understood;
      var asTyped = function (words) {
        return quote(words.map(function (word) { return understood.typed[word] || word; }).join(" "));
      };
      var notes = [];
      var original = null;
      if (result.place) {
        var name = meta.communes[result.place.commune][0];
        notes.push(asTyped(result.place.words) + "\u00a0: " + name +
          ", résultats du plus proche au plus éloigné");
      }
      understood.groups.forEach(function (group) {
        if (group.synonym) {
          notes.push(asTyped(group.words) + " cherché aussi comme " + group.synonym.targets.map(quote).join(", "));
        } else if (group.corrections && group.corrections.length) {
          notes.push(asTyped(group.words) + " compris comme " + group.corrections.slice(0, 3).map(quote).join(", "));
          original = input.value.trim();
        }
      });
      var aside = understood.words.filter(function (word, k, all) {
        return all.indexOf(word) === k && (result.left.indexOf(word) >= 0 || result.ignored.indexOf(word) >= 0);
      });
      if (aside.length) {
        var left = aside.map(function (word) { return asTyped([word]); });
        notes.push(left.length > 1
          ? left.slice(0, -1).join(", ") + " et " + left[left.length - 1] + " n’ont pas été pris en compte"
          : left[0] + " n’a pas été pris en compte");
      }
      if (result.complete < result.hits.length) {
        notes.push(result.complete
          ? "les premiers résultats contiennent tous les mots, les suivants une partie seulement"
          : "aucun résultat ne contient tous les mots\u00a0: voici ceux qui en contiennent le plus");
      }
      parts.understood.textContent = "";
      parts.understood.hidden = !notes.length;
      if (!notes.length) return;
      var text = notes.join("\u202f; ") + ".";
      parts.understood.appendChild(document.createTextNode(text.charAt(0).toUpperCase() + text.slice(1)));
      if (original) {
        parts.understood.appendChild(document.createTextNode(" "));
        var link = element("a", "", "Chercher plutôt " + quote(original) + " tel quel");
        link.href = "?q=" + encodeURIComponent(original) + "&exact=1";
        link.addEventListener("click", function (event) {
          event.preventDefault();
          current.exact = true;
          writeAddress();
          run();
        });
        parts.understood.appendChild(link);
      }
    }

    /* The request to COOPSOC, prefilled with the visitor's words. */
    function renderRequest(meta, result) {
      var link = request.querySelector("a");
      var params = new URLSearchParams();
      params.set("metier", "autre");
      params.set("description", input.value.trim());
      if (result.place) params.set("commune", meta.communes[result.place.commune][0]);
      link.href = link.getAttribute("data-base") + "?" + params.toString();
      request.hidden = false;
    }

    function renderSuggestions(suggestions) {
      parts.suggestions.textContent = "";
      var items = [];
      (suggestions.names || []).forEach(function (name) {
        items.push({ query: name, label: name });
      });
      if (!items.length) {
        parts.suggestions.appendChild(element("p", "", "Vérifiez l’orthographe, ou essayez un mot plus général (par exemple «\u00a0nettoyage\u00a0» ou «\u00a0espaces verts\u00a0»)."));
        return;
      }
      parts.suggestions.appendChild(element("p", "", "Les métiers les plus proches de votre recherche\u00a0:"));
      var list = element("ul", "cs-search__suggestions");
      items.forEach(function (entry) {
        var li = element("li");
        var link = element("a", "", entry.label);
        link.href = "?q=" + encodeURIComponent(entry.query);
        link.addEventListener("click", function (event) {
          event.preventDefault();
          input.value = entry.query;
          current.exact = false;
          writeAddress();
          run();
          input.focus();
        });
        li.appendChild(link);
        list.appendChild(li);
      });
      parts.suggestions.appendChild(list);
    }

    /* ---------- facets ---------- */

    function renderFacets(meta, counts) {
      var focused = document.activeElement && parts.facets.contains(document.activeElement)
        ? document.activeElement.id : null;
      parts.facets.textContent = "";
      var active = 0;
      GROUPS.forEach(function (group) {
        var keys = keysOf(meta, group.key);
        var chosen = current.selectedKeys[group.key] || [];
        active += chosen.length;
        var values = [];
        keys.forEach(function (key, index) {
          var count = counts[group.key].get(index) || 0;
          if (count > 0 || chosen.indexOf(key) >= 0) {
            values.push({ key: key, index: index, count: count, label: labelOf(meta, group.key, index) });
          }
        });
        if (!values.length) return;
        values.sort(function (a, b) { return b.count - a.count || a.label.localeCompare(b.label, "fr"); });
        var fieldset = element("fieldset", "cs-search__facet");
        fieldset.appendChild(element("legend", "cs-search__legend", group.legend));
        var list = element("ul", "cs-search__options");
        values.forEach(function (value) {
          var li = element("li", "cs-search__option");
          var box = element("input");
          box.type = "checkbox";
          box.id = "facette-" + group.key + "-" + value.index;
          box.checked = chosen.indexOf(value.key) >= 0;
          box.addEventListener("change", function () {
            var list = current.selectedKeys[group.key] || [];
            current.selectedKeys[group.key] = box.checked
              ? list.concat([value.key])
              : list.filter(function (key) { return key !== value.key; });
            writeAddress();
            current.shown = PAGE_SIZE;
            render();
          });
          var label = element("label", "", value.label + " (" + value.count + ")");
          label.htmlFor = box.id;
          li.appendChild(box);
          li.appendChild(label);
          list.appendChild(li);
        });
        fieldset.appendChild(list);
        parts.facets.appendChild(fieldset);
      });
      if (active) {
        var clear = element("button", "cs-search__clear", "Retirer les filtres");
        clear.type = "button";
        clear.addEventListener("click", function () {
          current.selectedKeys = {};
          writeAddress();
          render().then(function () { input.focus(); });
        });
        parts.facets.appendChild(clear);
      }
      parts.selected.textContent = active ? "(" + plural(active, "filtre") + " " + (active > 1 ? "actifs" : "actif") + ")" : "";
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    }

    /* ---------- announcements ---------- */

    function announce(message) {
      window.clearTimeout(announceTimer);
      announceTimer = window.setTimeout(function () {
        if (status.textContent !== message) status.textContent = message;
      }, ANNOUNCE_DELAY);
    }

    /* ---------- events ---------- */

    input.addEventListener("input", function () {
      current.selectedKeys = current.selectedKeys || {};
      current.exact = false;
      writeAddress();
      run();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      writeAddress();
      run();
    });
    near.addEventListener("change", function () {
      writeAddress();
      current.shown = PAGE_SIZE;
      if (current.result) render();
    });
    parts.more.addEventListener("click", function () {
      var from = parts.list.children.length;
      current.shown += PAGE_SIZE;
      engine.ready().then(function (meta) {
        return renderItems(meta, from, Math.min(current.shown, current.hits.length));
      }).then(function () {
        var next = parts.list.children[from];
        if (next) next.querySelector("a").focus();
      });
    });

    readAddress();
    // The index's tables (meta.js, about 10 KB) are loaded for a query, or as soon as the
    // field gets the focus, not for a visitor who only reads the page: with no query, the
    // page shows its ways to browse, as drawn by the server.
    if (input.value.trim()) {
      run();
    } else {
      input.addEventListener("focus", function () { engine.ready(); }, { once: true });
      current.query = "";
      parts.results.hidden = true;
      parts.empty.hidden = true;
      parts.browse.hidden = false;
      finish(0);
    }
  }

  function boot() {
    var root = document.querySelector('[data-module="search"]');
    if (root && window.CoopsocSearch) start(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
