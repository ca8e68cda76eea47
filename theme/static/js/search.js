/* Site search, in the browser: reads the index exported at build time (plugins/search).
 *
 * The index is a set of plain scripts calling this global (CoopsocSearch.meta, .shard,
 * .facets, .records): they load with <script src>, which also works on a site opened from
 * disk, where fetch() and workers are refused. Nothing here stems a word: meta.js and
 * d/<key>.js (French words, lexicon.py) map words to whoosh stems. plugins/search/reference.py
 * is the same algorithm in Python, explained there: both must rank identically.
 */
(function () {
  "use strict";

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = {};
  for (var i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charAt(i)] = i;

  var state = {
    base: "",
    meta: null,
    vocabulary: new Map(), // folded word → stem, of the vocabulary files loaded so far
    vocabularyKeys: null, // Set of the keys of the v/ files
    vocabularyComplete: false, // vocabulaire.js (every indexed word) is loaded
    candidates: [], // indexed words and synonym words, sorted by (length, word): complete only
    // once vocabulaire.js is loaded, which completions and corrections wait for
    synonymWords: null, // Set of the words of every synonym expression
    synonymKeys: [], // synonyms, longest expression first
    shards: {},
    postings: {}, // stem → Map(doc → integer weight), decoded on first use
    facets: null,
    records: {},
    lexiconKeys: null, // Set of the keys of the d/ files
    known: new Set(), // correct French words the index does not hold
    pending: {},
    tokenizer: null
  };

  /* ---------- loading ---------- */

  function load(path) {
    if (!state.pending[path]) {
      state.pending[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = state.base + path;
        script.async = true;
        script.addEventListener("load", function () { resolve(); });
        script.addEventListener("error", function () {
          delete state.pending[path];
          reject(new Error("Fichier de l’index de recherche introuvable : " + path));
        });
        document.head.appendChild(script);
      });
    }
    return state.pending[path];
  }

  function fileName(key) {
    var name = "";
    for (var k = 0; k < key.length; k++) {
      var c = key.charAt(k);
      name += /[a-z0-9]/.test(c) ? c : "_" + c.charCodeAt(0).toString(16) + "_";
    }
    return name + ".js";
  }

  function shardFileName(key) { return "s/" + fileName(key); }

  /* ---------- decoding ---------- */

  function weightValue(code) {
    if (code < 512) return code;
    return (256 + (code & 255)) * Math.pow(2, (code >> 8) - 1);
  }

  function decodePostings(text) {
    var result = new Map();
    var position = 0;
    var documentNumber = -1;
    while (position < text.length) {
      var gap = 0;
      var shift = 0;
      for (;;) {
        var value = DIGIT[text.charAt(position++)];
        gap += (value & 31) * Math.pow(2, shift);
        shift += 5;
        if (value < 32) break;
      }
      documentNumber += gap + 1;
      var code = DIGIT[text.charAt(position)] * 64 + DIGIT[text.charAt(position + 1)];
      position += 2;
      result.set(documentNumber, weightValue(code));
    }
    return result;
  }

  function decodeIndex(text) {
    var value = 0;
    for (var k = 0; k < text.length; k++) value = value * 64 + DIGIT[text.charAt(k)];
    return value;
  }

  function compareCandidates(a, b) {
    if (a.length !== b.length) return a.length - b.length;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /* codec.vocabulary_text into a Map word → stem (indexed words win over the French word
     list's: override). */
  function readVocabulary(text, into, override) {
    if (text) text.split(" ").forEach(function (group) {
      var colon = group.indexOf(":");
      var stem = group.slice(0, colon);
      group.slice(colon + 1).split(",").forEach(function (suffix) {
        var word = suffix.charAt(0) === "=" ? suffix.slice(1) : stem + suffix;
        if (override || !into.has(word)) into.set(word, stem);
      });
    });
    return into;
  }

  function prepare(meta) {
    state.vocabularyKeys = new Set(meta.vocabularyKeys);
    // One per expression: [words, text, stems to search, phrases, stems of the words].
    var synonyms = [];
    meta.synonyms.forEach(function (entry) {
      entry[2].forEach(function (key) {
        var stems = key[1].map(function (stem, k) {
          return typeof stem === "number" ? Array.from(key[0][k]).slice(0, stem).join("") : stem;
        });
        synonyms.push([key[0], key.length > 2 ? key[2] : key[0].join(" "), entry[0], entry[1], stems]);
      });
    });
    state.synonymWords = new Set();
    synonyms.forEach(function (synonym) {
      synonym[0].forEach(function (word) { state.synonymWords.add(word); });
    });
    state.synonymKeys = synonyms.sort(function (a, b) {
      if (a[0].length !== b[0].length) return b[0].length - a[0].length;
      return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
    });
    state.shardSet = new Set(meta.shards);
    state.lexiconKeys = new Set(meta.lexicon);
    state.tokenizer = new RegExp(meta.token, "gu");
  }

  /* ---------- analysis (as whoosh: tokenize, lowercase, fold, drop stop words) ---------- */

  /* A lower-case letter of meta.foldRanges loses its accents (decomposed, marks dropped);
     meta.fold holds the exceptions (analysis.browser_fold_exceptions). */
  function fold(word) {
    var out = "";
    for (var ch of word) {
      var folded = state.meta.fold[ch];
      if (folded === undefined) folded = decomposed(ch);
      out += folded;
    }
    return out;
  }

  function decomposed(ch) {
    var code = ch.codePointAt(0);
    var inRange = state.meta.foldRanges.some(function (r) { return code >= r[0] && code < r[1]; });
    if (!inRange || ch.toLowerCase() !== ch) return ch;
    return ch.normalize("NFD").replace(/\p{M}/gu, "");
  }

  /* typed, if given, receives each word as typed (lowercased, accents kept), for display. */
  function analyse(query, typed) {
    var meta = state.meta;
    var text = String(query || "").normalize("NFC");
    var words = [];
    var stop = state.stopSet || (state.stopSet = new Set(meta.stop));
    (text.match(state.tokenizer) || []).forEach(function (token) {
      var word = fold(token.toLowerCase());
      if (Array.from(word).length >= meta.minLength && !stop.has(word)) {
        words.push(word);
        if (typed) typed[word] = token.toLowerCase();
      }
    });
    return words;
  }

  /* Optimal string alignment distance (one transposition counts as one edit), or
     limit + 1 as soon as it must exceed limit. */
  function distance(a, b, limit) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var previous2 = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var x = 1; x <= a.length; x++) {
      var current = [x];
      var best = x;
      for (var y = 1; y <= b.length; y++) {
        var cost = a[x - 1] === b[y - 1] ? 0 : 1;
        var value = Math.min(previous[y] + 1, current[y - 1] + 1, previous[y - 1] + cost);
        if (x > 1 && y > 1 && a[x - 1] === b[y - 2] && a[x - 2] === b[y - 1]) {
          value = Math.min(value, previous2[y - 2] + 1);
        }
        current.push(value);
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
      previous2 = previous;
      previous = current;
    }
    return Math.min(previous[b.length], limit + 1);
  }

  /* Words a query word may stand for: itself if known, else completions and corrections.
     Returns a Map word → {factor, via}. */
  function wordCandidates(word, exact) {
    var meta = state.meta;
    var found = new Map();
    function offer(candidate, factor, via) {
      var known = found.get(candidate);
      if (!known || known.factor < factor) found.set(candidate, { factor: factor, via: via });
    }
    if (state.vocabulary.has(word) || state.synonymWords.has(word)) {
      offer(word, meta.factors.exact, "exact");
      return found;
    }
    if (exact) return found;
    var length = Array.from(word).length;
    if (length >= meta.prefix[0]) {
      var taken = 0;
      for (var k = 0; k < state.candidates.length && taken < meta.prefix[1]; k++) {
        var candidate = state.candidates[k];
        if (candidate !== word && candidate.indexOf(word) === 0) {
          offer(candidate, meta.factors.prefix, "prefix");
          taken++;
        }
      }
    }
    if (length >= meta.typo[0] && !state.known.has(word)) {
      var limit = length >= meta.typo[1] ? 2 : 1;
      state.candidates.forEach(function (candidate) {
        var d = distance(word, candidate, limit);
        if (d <= limit) {
          offer(candidate, d === 1 ? meta.factors.typo1 : meta.factors.typo2, "typo");
        }
      });
    }
    return found;
  }

  /* ---------- the query tree: term (stem × factor), any (best child), all (sum) ---------- */

  function wordNode(candidates) {
    var best = new Map();
    candidates.forEach(function (info, word) {
      var stem = state.vocabulary.get(word);
      if (stem !== undefined && (!best.has(stem) || best.get(stem) < info.factor)) {
        best.set(stem, info.factor);
      }
    });
    var children = [];
    Array.from(best.keys()).sort().forEach(function (stem) {
      children.push({ kind: "term", stem: stem, factor: best.get(stem) });
    });
    return { kind: "any", children: children };
  }

  function understand(words, exact) {
    var meta = state.meta;
    var candidates = words.map(function (word) { return wordCandidates(word, exact); });
    // Factor of a query word for a synonym's word j (the same word, or the same stem).
    function meets(synonym, j, position) {
      var info = candidates[position].get(synonym[0][j]);
      if (info) return info.factor;
      return state.vocabulary.get(words[position]) === synonym[4][j] ? meta.factors.exact : 0;
    }
    var groups = [];
    var position = 0;
    while (position < words.length) {
      var matched = null;
      for (var s = 0; s < state.synonymKeys.length && !matched; s++) {
        var key = state.synonymKeys[s][0];
        if (position + key.length > words.length) continue;
        var ok = true;
        for (var j = 0; j < key.length && ok; j++) ok = meets(state.synonymKeys[s], j, position + j) > 0;
        if (ok) matched = state.synonymKeys[s];
      }
      if (matched) {
        var span = matched[0].length;
        var factor = meta.factors.synonym;
        for (var m = 0; m < span; m++) {
          factor = Math.min(factor, meets(matched, m, position + m));
        }
        var literal = [];
        for (var n = 0; n < span; n++) literal.push(wordNode(candidates[position + n]));
        var children = [{ kind: "all", children: literal }];
        matched[2].forEach(function (stems) {
          children.push({
            kind: "all",
            children: stems.map(function (stem) {
              return { kind: "term", stem: stem, factor: factor };
            })
          });
        });
        groups.push({
          words: words.slice(position, position + span),
          synonym: { text: matched[1], targets: matched[3] },
          node: { kind: "any", children: children }
        });
        position += span;
      } else {
        groups.push({
          words: [words[position]],
          synonym: null,
          corrections: corrections(words[position], candidates[position]),
          node: wordNode(candidates[position])
        });
        position += 1;
      }
    }
    return { words: words, groups: groups };
  }

  function corrections(word, candidates) {
    var list = [];
    candidates.forEach(function (info, candidate) {
      if (info.via !== "exact" && state.vocabulary.has(candidate)) list.push(candidate);
    });
    return list.sort(compareCandidates);
  }

  function stemsOf(node, into) {
    if (node.kind === "term") into.add(node.stem);
    else node.children.forEach(function (child) { stemsOf(child, into); });
    return into;
  }

  function shardKey(stem) {
    var chars = Array.from(stem);
    for (var k = chars.length; k > 0; k--) {
      var key = chars.slice(0, k).join("");
      if (state.shardSet.has(key)) return key;
    }
    return null;
  }

  function postingsOf(stem) {
    if (!state.postings[stem]) {
      var shard = state.shards[shardKey(stem)] || {};
      state.postings[stem] = decodePostings(shard[stem] || "");
    }
    return state.postings[stem];
  }

  function evaluate(node) {
    if (node.kind === "term") {
      var scores = new Map();
      postingsOf(node.stem).forEach(function (weight, doc) { scores.set(doc, weight * node.factor); });
      return scores;
    }
    var parts = node.children.map(evaluate);
    if (node.kind === "any") {
      var union = new Map();
      parts.forEach(function (part) {
        part.forEach(function (score, doc) {
          if (!union.has(doc) || union.get(doc) < score) union.set(doc, score);
        });
      });
      return union;
    }
    if (!parts.length) return new Map();
    parts.sort(function (a, b) { return a.size - b.size; });
    var result = new Map();
    parts[0].forEach(function (score, doc) {
      var total = score;
      for (var k = 1; k < parts.length; k++) {
        if (!parts[k].has(doc)) return;
        total += parts[k].get(doc);
      }
      result.set(doc, total);
    });
    return result;
  }

  /* Hits of the groups, as reference.py: rank (all groups, or most groups and the most
     informative ones when fewer than meta.relax documents have them all). */
  function rank(groups, place) {
    if (!groups.length) return { hits: [], complete: 0, lacking: [] };
    var parts = groups.map(function (group) { return evaluate(group.node); });
    var coverage = new Map();
    parts.forEach(function (part) {
      var rarity = state.facets.length - part.size;
      part.forEach(function (score, doc) {
        var entry = coverage.get(doc) || { doc: doc, count: 0, score: 0, rarity: 0 };
        entry.count += 1;
        entry.score += score;
        entry.rarity += rarity;
        coverage.set(doc, entry);
      });
    });
    var complete = 0;
    coverage.forEach(function (entry) { if (entry.count === groups.length) complete++; });
    var relaxed = complete < state.meta.relax;
    var ranked = [];
    coverage.forEach(function (entry, doc) {
      if (place !== null && state.facets[doc].commune === place) entry.score += state.meta.placeBoost;
      if (relaxed || entry.count === groups.length) ranked.push(entry);
    });
    ranked.sort(function (a, b) {
      return b.count - a.count || (relaxed ? b.rarity - a.rarity : 0) || b.score - a.score || a.doc - b.doc;
    });
    var hits = ranked.map(function (entry) {
      var hit = { doc: entry.doc, score: entry.score };
      if (entry.count < groups.length) hit.partial = true;
      return hit;
    });
    var lacking = groups.filter(function (group, k) { return !parts[k].has(hits[0].doc); });
    return { hits: hits, complete: complete, lacking: lacking };
  }

  function loadShards(groups) {
    var stems = new Set();
    groups.forEach(function (group) { stemsOf(group.node, stems); });
    var files = new Set();
    stems.forEach(function (stem) {
      var key = shardKey(stem);
      if (key !== null) files.add(shardFileName(key));
    });
    files.add("facettes.js");
    return Promise.all(Array.from(files).map(load));
  }

  function vocabularyKey(word) { return Array.from(word).slice(0, 2).join(""); }

  /* The vocabulary files of the words: whether each is indexed (and its stem). */
  function loadVocabulary(words) {
    var files = new Set();
    words.forEach(function (word) {
      var key = vocabularyKey(word);
      if (!state.vocabularyComplete && state.vocabularyKeys.has(key)) files.add("v/" + fileName(key));
    });
    return Promise.all(Array.from(files).map(load));
  }

  /* The whole vocabulary, when a word is neither known nor too short to complete or correct. */
  function loadCandidates(words, exact) {
    var meta = state.meta;
    var shortest = Math.min(meta.prefix[0], meta.typo[0]);
    var needed = !exact && !state.vocabularyComplete && words.some(function (word) {
      return !state.vocabulary.has(word) && !state.synonymWords.has(word) &&
        Array.from(word).length >= shortest;
    });
    return needed ? load("vocabulaire.js") : null;
  }

  /* The French word list files of the words the vocabulary does not hold. */
  function loadLexicon(words) {
    var files = new Set();
    words.forEach(function (word) {
      var key = Array.from(word).slice(0, 2).join("");
      if (!state.vocabulary.has(word) && state.lexiconKeys.has(key)) files.add("d/" + fileName(key));
    });
    return Promise.all(Array.from(files).map(load));
  }

  /* For each word, whether a form (list of words) found in words covers it. */
  function marks(words, forms, found) {
    var flags = words.map(function () { return false; });
    words.forEach(function (word, start) {
      forms.forEach(function (form) {
        var same = start + form.length <= words.length &&
          form.every(function (w, k) { return words[start + k] === w; });
        if (!same) return;
        for (var k = 0; k < form.length; k++) flags[start + k] = true;
        if (found) found(form);
      });
    });
    return flags;
  }

  /* The commune written the longest way in words, and the words naming it: {commune, flags}. */
  function findPlace(words) {
    var places = state.meta.places;
    var best = null;
    marks(words, places.map(function (p) { return p[0]; }), function (form) {
      if (!best || form.length > best[0].length) best = places.filter(function (p) { return p[0] === form; })[0];
    });
    if (!best) return null;
    var forms = places.filter(function (p) { return p[1] === best[1]; }).map(function (p) { return p[0]; });
    return { commune: best[1], flags: marks(words, forms) };
  }

  function searchWords(query, exact) {
    var typed = {};
    var words = analyse(query, typed);
    var filler = marks(words, state.meta.fillers);
    var kept = [];
    words.forEach(function (word, k) { if (!filler[k]) kept.push(k); });
    if (!kept.length) {
      // Only filler words: search them after all (« entreprise »).
      kept = words.map(function (word, k) { return k; });
      filler = words.map(function () { return false; });
    }
    var found = findPlace(kept.map(function (k) { return words[k]; }));
    var onlyPlace = found && found.flags.indexOf(false) < 0 ? found.commune : null;
    var searched = kept;
    var place = null;
    if (found && onlyPlace === null) {
      searched = kept.filter(function (k, n) { return !found.flags[n]; });
      place = { commune: found.commune, words: words.filter(function (w, k) { return kept.indexOf(k) >= 0 && searched.indexOf(k) < 0; }) };
    }
    var groups = understand(searched.map(function (k) { return words[k]; }), exact).groups;
    return loadShards(groups).then(function () {
      var anything = groups.some(function (group) { return evaluate(group.node).size > 0; });
      if (onlyPlace === null || anything) return null;
      // Only a way of writing a commune that no page holds (« 13009 »): its name.
      groups = understand(analyse(state.meta.communes[onlyPlace][0]), false).groups;
      searched = [];
      return loadShards(groups);
    }).then(function () {
      var matching = groups.filter(function (group) { return evaluate(group.node).size > 0; });
      var ranked = rank(matching, place ? place.commune : null);
      var left = [];
      var position = 0;
      (searched.length ? groups : []).forEach(function (group) {
        if (matching.indexOf(group) < 0 || ranked.lacking.indexOf(group) >= 0) {
          left = left.concat(searched.slice(position, position + group.words.length));
        }
        position += group.words.length;
      });
      var result = {
        query: String(query || ""),
        understood: { words: words, groups: matching, typed: typed },
        hits: ranked.hits,
        complete: ranked.complete,
        place: place,
        left: left.map(function (k) { return words[k]; }),
        ignored: words.filter(function (word, k) { return filler[k]; })
      };
      if (!result.hits.length) {
        result.suggestions = suggestions(searched.map(function (k) { return words[k]; }));
      }
      return result;
    });
  }

  /* ---------- facets, distance, records ---------- */

  function parseFacets(text) {
    var meta = state.meta;
    var width = meta.width;
    return text.split(",").map(function (entry) {
      var explicit = entry.split("~");
      var head = explicit[0];
      var trades = [];
      for (var k = 2 * width; k < head.length; k += width) {
        trades.push(decodeIndex(head.slice(k, k + width)));
      }
      var filieres = new Set(trades.map(function (t) { return meta.metiers[t][2]; }));
      var extra = explicit[1] || "";
      for (var e = 0; e < extra.length; e += width) filieres.add(decodeIndex(extra.slice(e, e + width)));
      var communeCode = head.slice(width, 2 * width);
      return {
        type: decodeIndex(head.slice(0, width)),
        commune: communeCode.charAt(0) === "." ? -1 : decodeIndex(communeCode),
        metier: trades,
        filiere: Array.from(filieres).sort(function (a, b) { return a - b; })
      };
    });
  }

  var GROUPS = ["type", "filiere", "metier", "commune"];

  function valuesOf(doc, group) {
    var facets = state.facets[doc];
    if (group === "type") return [facets.type];
    if (group === "commune") return facets.commune < 0 ? [] : [facets.commune];
    return facets[group];
  }

  function passes(doc, group, selected) {
    if (!selected[group] || !selected[group].length) return true;
    return valuesOf(doc, group).some(function (v) { return selected[group].indexOf(v) >= 0; });
  }

  /* Keep the hits that pass every facet; count, for each value, the hits that would pass
     if it were chosen (values of one facet are alternatives, facets add up). */
  function applyFacets(hits, selected) {
    var counts = {};
    GROUPS.forEach(function (group) { counts[group] = new Map(); });
    var kept = [];
    hits.forEach(function (hit) {
      var failing = GROUPS.filter(function (group) { return !passes(hit.doc, group, selected); });
      if (!failing.length) kept.push(hit);
      GROUPS.forEach(function (group) {
        if (failing.length === 0 || (failing.length === 1 && failing[0] === group)) {
          valuesOf(hit.doc, group).forEach(function (v) {
            counts[group].set(v, (counts[group].get(v) || 0) + 1);
          });
        }
      });
    });
    return { hits: kept, counts: counts };
  }

  function kilometres(a, b) {
    var rad = Math.PI / 180;
    var dLat = (b[2] - a[2]) * rad;
    var dLon = (b[3] - a[3]) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(a[2] * rad) * Math.cos(b[2] * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6371 * Math.asin(Math.sqrt(h));
  }

  /* By distance from a commune (tenths of a km), then as ranked; documents without a place
     after them; partial hits (some words only) likewise, after the others. */
  function byDistance(hits, communeIndex) {
    var origin = state.meta.communes[communeIndex];
    var tiers = [{ located: [], elsewhere: [] }, { located: [], elsewhere: [] }];
    hits.forEach(function (hit, order) {
      var tier = tiers[hit.partial ? 1 : 0];
      var commune = state.facets[hit.doc].commune;
      if (commune < 0) {
        tier.elsewhere.push(hit);
        return;
      }
      var tenths = Math.floor(kilometres(origin, state.meta.communes[commune]) * 10 + 0.5);
      tier.located.push({ doc: hit.doc, score: hit.score, tenths: tenths, order: order, partial: hit.partial });
    });
    var ranked = [];
    tiers.forEach(function (tier) {
      tier.located.sort(function (a, b) { return a.tenths - b.tenths || a.order - b.order; });
      tier.located.forEach(function (hit) {
        ranked.push({ doc: hit.doc, score: hit.score, tenths: hit.tenths, partial: hit.partial });
      });
      ranked = ranked.concat(tier.elsewhere);
    });
    return ranked;
  }

  function fetchRecords(docs) {
    var perFile = state.meta.recordsPerFile;
    var files = new Set(docs.map(function (doc) { return Math.floor(doc / perFile); }));
    return Promise.all(Array.from(files).map(function (n) { return load("r/" + n + ".js"); }))
      .then(function () {
        return docs.map(function (doc) {
          var record = state.records[Math.floor(doc / perFile)][doc % perFile];
          return { doc: doc, path: record[0], title: record[1], id: record[2] || null };
        });
      });
  }

  /* ---------- suggestions when nothing is found ---------- */

  /* The trades and filières whose names come closest to the words. */
  function suggestions(words) {
    var meta = state.meta;
    var names = [];
    meta.metiers.forEach(function (t) { names.push(t[1]); });
    meta.filieres.forEach(function (f) { names.push(f[1]); });
    var scored = [];
    names.forEach(function (name) {
      var best = 4;
      analyse(name).forEach(function (nameWord) {
        words.forEach(function (word) {
          var limit = Math.min(3, Math.max(1, Math.floor(Array.from(word).length / 3)));
          var d = distance(word, nameWord, limit);
          if (nameWord.indexOf(word) === 0 || word.indexOf(nameWord) === 0) d = Math.min(d, 1);
          if (d <= limit && d < best) best = d;
        });
      });
      if (best < 4) scored.push({ name: name, distance: best });
    });
    scored.sort(function (a, b) {
      return a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    return { names: scored.slice(0, 5).map(function (s) { return s.name; }) };
  }

  /* ---------- public interface ---------- */

  var api = {
    /* Receivers called by the index files. */
    meta: function (meta) {
      state.meta = meta;
      prepare(meta);
    },
    vocabulary: function (key, text) {
      if (key !== "") {
        readVocabulary(text, state.vocabulary, true);
        return;
      }
      var all = readVocabulary(text, new Map());
      all.forEach(function (stem, word) { state.vocabulary.set(word, stem); });
      var words = new Set(all.keys());
      state.synonymWords.forEach(function (word) { words.add(word); });
      state.candidates = Array.from(words).sort(compareCandidates);
      state.vocabularyComplete = true;
    },
    shard: function (key, content) { state.shards[key] = content; },
    facets: function (text) { state.facets = parseFacets(text); },
    records: function (n, list) { state.records[n] = list; },
    lexicon: function (key, text) {
      var parts = text.split("|");
      readVocabulary(parts[0], state.vocabulary);
      if (parts[1]) parts[1].split(" ").forEach(function (word) { state.known.add(word); });
    },

    /* Where the index folder is, relative to the page. */
    init: function (base) {
      state.base = base;
      return api;
    },
    ready: function () { return load("meta.js").then(function () { return state.meta; }); },
    analyse: function (query) { return analyse(query); },

    /* Rank every document for a query (exact: no completion nor correction), as
       reference.py's Result: {query, understood: {words, groups, typed}, hits: [{doc,
       score}], complete, place: {commune, words} or null, left, ignored, suggestions}. */
    search: function (query, exact) {
      var words = null;
      return api.ready().then(function () {
        words = analyse(query);
        return loadVocabulary(words);
      }).then(function () {
        return loadLexicon(words);
      }).then(function () {
        return loadCandidates(words, Boolean(exact));
      }).then(function () { return searchWords(query, Boolean(exact)); });
    },
    applyFacets: applyFacets,
    byDistance: byDistance,
    facetsOf: function (doc) { return state.facets[doc]; },
    /* [{doc, path, title, id}] of some documents (loads the record files they are in);
       id: an establishment's, null for other documents. */
    recordsOf: fetchRecords,
    /* Address of a record's path (from the site root) as seen from the search page. */
    link: function (root, path) {
      if (path === "" || path.charAt(path.length - 1) === "/") path += state.meta.urlIndex;
      if (!path) return root || "./";
      return root + path;
    }
  };
  window.CoopsocSearch = api;
})();
