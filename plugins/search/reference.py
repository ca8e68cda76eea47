"""The browser's searcher, in Python, reading the same exported files.

Mirror of theme/static/js/search.js, step for step: analysis with the exported tables
(tokenize, lowercase, fold, drop stop words), the request's filler words set aside, a
commune recognised (name, short form, postcode), exact word → stem through the vocabulary
and the French word list, otherwise completions (prefix) and corrections (typos, never for
a correct French word), synonyms, then a small query tree scored with the exported integer
weights. A word that matches nothing is left aside; when too few documents match every
word, documents matching most words follow. Hits are ranked by score, then by document
number (documents are numbered in French name order). `make search` uses it, and the
tests check that the browser ranks exactly as it does.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .codec import decode_index, decode_lexicon, decode_postings, read_vocabulary

_CALL = re.compile(r"\ACoopsocSearch\.(\w+)\((.*)\);\n\Z", re.DOTALL)
_JS_WORD = re.compile(r"\\p\{L\}\\p\{N\}_")
GROUPS = ("type", "filiere", "metier", "commune")


def read_call(path: Path) -> tuple[str, list]:
    """Return (method, arguments) of an index file « CoopsocSearch.method(args); »."""
    match = _CALL.match(path.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"{path} : fichier d'index de recherche illisible")
    return match.group(1), json.loads(f"[{match.group(2)}]")


def find_index(site: Path, page_path: str = "recherche/") -> Path:
    """Return the index folder of a built site (recherche/index-<hash>/)."""
    folders = sorted(Path(site, page_path).glob("index-*/"))
    if len(folders) != 1:
        raise FileNotFoundError(
            f"index de recherche introuvable dans {Path(site, page_path)} : "
            "construisez d'abord le site (make html)"
        )
    return folders[0]


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, or limit + 1 once it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for x in range(1, len(a) + 1):
        current = [x]
        best = x
        for y in range(1, len(b) + 1):
            cost = 0 if a[x - 1] == b[y - 1] else 1
            value = min(previous[y] + 1, current[y - 1] + 1, previous[y - 1] + cost)
            if x > 1 and y > 1 and a[x - 1] == b[y - 2] and a[x - 2] == b[y - 1]:
                value = min(value, previous2[y - 2] + 1)
            current.append(value)
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[len(b)], limit + 1)


@dataclass
class Candidate:
    factor: int
    via: str


@dataclass
class Group:
    """Query words matched together: one word, or a synonym expression."""

    words: list[str]
    node: tuple
    synonym: tuple[str, list[str]] | None = None
    corrections: list[str] = field(default_factory=list)


@dataclass
class Result:
    query: str
    words: list[str]  # every word of the query (folded, stop words removed)
    groups: list[Group]  # the words searched, and what each stands for
    hits: list[tuple[int, int]]  # (doc, score), best first
    place: int | None = None  # commune recognised: searched near, never as a word
    place_words: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # words matching nothing, or left aside
    ignored: list[str] = field(default_factory=list)  # filler words of the request
    complete: int = 0  # the first `complete` hits match every word searched
    suggestions: dict | None = None


def _candidate_order(word: str) -> tuple[int, str]:
    return (len(word), word)


class Searcher:
    """Search an exported index folder as the browser does."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        _, (meta,) = read_call(self.folder / "meta.js")
        self.meta = meta
        self.vocabulary: dict[str, str] = read_vocabulary(meta["vocabulary"])
        # One line per expression: [words, text, stems to search, phrases, stems of the words].
        synonyms = [
            [
                key[0],
                key[2] if len(key) > 2 else " ".join(key[0]),
                targets,
                texts,
                [w[:s] if isinstance(s, int) else s for w, s in zip(key[0], key[1], strict=True)],
            ]
            for targets, texts, keys in meta["synonyms"]
            for key in keys
        ]
        self.synonym_words = {word for synonym in synonyms for word in synonym[0]}
        self.candidates = sorted(set(self.vocabulary) | self.synonym_words, key=_candidate_order)
        # The vocabulary and the inflections of the French word list files read so far.
        self.words: dict[str, str] = dict(self.vocabulary)
        self.synonym_keys = sorted(synonyms, key=lambda s: (-len(s[0]), s[1]))
        self.shards = set(meta["shards"])
        self.lexicon_keys = set(meta["lexicon"])
        self.known: set[str] = set()  # correct French words the index does not hold
        self._lexicon_loaded: set[str] = set()
        self.stop = set(meta["stop"])
        self.tokenizer = re.compile(_JS_WORD.sub(r"\\w", meta["token"]).replace("(?:", "(?:"))
        self._shard_content: dict[str, dict] = {}
        self._postings: dict[str, dict[int, int]] = {}
        _, (facets,) = read_call(self.folder / "facettes.js")
        self.facets = [self._parse_facets(entry) for entry in facets.split(",")]
        self._records: dict[int, list] = {}

    # ---------- analysis ----------

    def fold(self, word: str) -> str:
        return "".join(self.meta["fold"].get(char, char) for char in word)

    def analyse(self, query: str) -> list[str]:
        """Return the folded, non-stop words of a query."""
        words = []
        for match in self.tokenizer.finditer(unicodedata.normalize("NFC", query or "")):
            word = self.fold(match.group(0).lower())
            if len(word) >= self.meta["minLength"] and word not in self.stop:
                words.append(word)
        return words

    def load_lexicon(self, words: list[str]) -> None:
        """Read the French word list files of the words the vocabulary does not hold."""
        for word in words:
            key = word[:2]
            if word in self.words or key not in self.lexicon_keys:
                continue
            if key not in self._lexicon_loaded:
                self._lexicon_loaded.add(key)
                name = "".join(c if re.fullmatch("[a-z0-9]", c) else f"_{ord(c):x}_" for c in key)
                _, (_, text) = read_call(self.folder / "d" / f"{name}.js")
                inflections, known = decode_lexicon(text)
                self.words.update(inflections)
                self.known |= known

    def word_candidates(self, word: str, exact: bool = False) -> dict[str, Candidate]:
        """Return the words a query word may stand for, with their ranking factor."""
        factors = self.meta["factors"]
        found: dict[str, Candidate] = {}

        def offer(candidate, factor, via):
            known = found.get(candidate)
            if known is None or known.factor < factor:
                found[candidate] = Candidate(factor, via)

        if word in self.words or word in self.synonym_words:
            offer(word, factors["exact"], "exact")
            return found
        if exact:
            return found
        if len(word) >= self.meta["prefix"][0]:
            taken = 0
            for candidate in self.candidates:
                if taken >= self.meta["prefix"][1]:
                    break
                if candidate != word and candidate.startswith(word):
                    offer(candidate, factors["prefix"], "prefix")
                    taken += 1
        if len(word) >= self.meta["typo"][0] and word not in self.known:
            limit = 2 if len(word) >= self.meta["typo"][1] else 1
            for candidate in self.candidates:
                d = distance(word, candidate, limit)
                if d <= limit:
                    offer(candidate, factors["typo1"] if d == 1 else factors["typo2"], "typo")
        return found

    # ---------- the query tree ----------

    def word_node(self, candidates: dict[str, Candidate]) -> tuple:
        best: dict[str, int] = {}
        for word, info in candidates.items():
            stem = self.words.get(word)
            if stem is not None and best.get(stem, -1) < info.factor:
                best[stem] = info.factor
        return ("any", [("term", stem, best[stem]) for stem in sorted(best)])

    def understand(self, words: list[str], exact: bool = False) -> list[Group]:
        candidates = [self.word_candidates(word, exact) for word in words]
        factors = self.meta["factors"]

        def meets(synonym, j, position):
            """Factor of a query word for a synonym's word j (same word or same stem)."""
            if synonym[0][j] in candidates[position]:
                return candidates[position][synonym[0][j]].factor
            return factors["exact"] if self.words.get(words[position]) == synonym[4][j] else 0

        groups = []
        position = 0
        while position < len(words):
            matched = None
            for synonym in self.synonym_keys:
                key = synonym[0]
                if position + len(key) <= len(words) and all(
                    meets(synonym, j, position + j) for j in range(len(key))
                ):
                    matched = synonym
                    break
            if matched:
                span = len(matched[0])
                factor = factors["synonym"]
                for j in range(span):
                    factor = min(factor, meets(matched, j, position + j))
                literal = [self.word_node(candidates[position + j]) for j in range(span)]
                children = [("all", literal)]
                for stems in matched[2]:
                    children.append(("all", [("term", stem, factor) for stem in stems]))
                groups.append(
                    Group(
                        words[position : position + span],
                        ("any", children),
                        synonym=(matched[1], matched[3]),
                    )
                )
                position += span
            else:
                info = candidates[position]
                corrections = sorted(
                    (w for w, c in info.items() if c.via != "exact" and w in self.words),
                    key=_candidate_order,
                )
                groups.append(Group([words[position]], self.word_node(info), None, corrections))
                position += 1
        return groups

    def _shard_key(self, stem: str) -> str | None:
        for length in range(len(stem), 0, -1):
            if stem[:length] in self.shards:
                return stem[:length]
        return None

    def postings(self, stem: str) -> dict[int, int]:
        if stem not in self._postings:
            key = self._shard_key(stem)
            content = {}
            if key is not None:
                if key not in self._shard_content:
                    name = "".join(
                        c if re.fullmatch("[a-z0-9]", c) else f"_{ord(c):x}_" for c in key
                    )
                    _, (_, shard) = read_call(self.folder / "s" / f"{name}.js")
                    self._shard_content[key] = shard
                content = self._shard_content[key]
            self._postings[stem] = dict(decode_postings(content.get(stem, "")))
        return self._postings[stem]

    def evaluate(self, node) -> dict[int, int]:
        if node[0] == "term":
            return {doc: weight * node[2] for doc, weight in self.postings(node[1]).items()}
        parts = [self.evaluate(child) for child in node[1]]
        if node[0] == "any":
            union: dict[int, int] = {}
            for part in parts:
                for doc, score in part.items():
                    if union.get(doc, -1) < score:
                        union[doc] = score
            return union
        if not parts:
            return {}
        parts.sort(key=len)
        result = {}
        for doc, score in parts[0].items():
            if all(doc in part for part in parts[1:]):
                result[doc] = score + sum(part[doc] for part in parts[1:])
        return result

    def rank(self, groups: list[Group], place: int | None = None):
        """Return (hits, how many match every group, groups the first hit lacks).

        Every group together first; when fewer than meta.relax documents match them all,
        every document matching one of them: those matching more groups first, then those
        whose groups are the most informative (the fewer documents a group matches, the
        more it says: each group counts for the number of documents it does not match),
        then by the sum of their weights. A document in the commune searched near gains
        meta.placeBoost.
        """
        if not groups:
            return [], 0, []
        parts = [self.evaluate(group.node) for group in groups]
        coverage: dict[int, list[int]] = {}
        for part in parts:
            rarity = len(self.facets) - len(part)
            for doc, score in part.items():
                entry = coverage.setdefault(doc, [0, 0, 0])
                entry[0] += 1
                entry[1] += score
                entry[2] += rarity
        complete = sum(1 for entry in coverage.values() if entry[0] == len(groups))
        relaxed = complete < self.meta["relax"]
        for doc, entry in coverage.items():
            if place is not None and self.facets[doc]["commune"] == place:
                entry[1] += self.meta["placeBoost"]
            if not relaxed and entry[0] < len(groups):
                entry[0] = -1  # not a hit
        ranked = sorted(
            ((doc, entry) for doc, entry in coverage.items() if entry[0] > 0),
            key=lambda item: (-item[1][0], -item[1][2] if relaxed else 0, -item[1][1], item[0]),
        )
        hits = [(doc, entry[1]) for doc, entry in ranked]
        lacking = [g for g, part in zip(groups, parts, strict=True) if hits[0][0] not in part]
        return hits, complete, lacking

    def find_place(self, words: list[str]) -> tuple[int, list[bool]] | None:
        """Return (commune, which words name it) for the longest way of writing a commune
        in words (the first one if several), every other way of writing it included."""
        best = None
        for start in range(len(words)):
            for form, commune in self.meta["places"]:
                length = len(form)
                if words[start : start + length] == form and (best is None or length > best[1]):
                    best = (commune, length)
        if best is None:
            return None
        flags = [False] * len(words)
        for start in range(len(words)):
            for form, commune in self.meta["places"]:
                if commune == best[0] and words[start : start + len(form)] == form:
                    flags[start : start + len(form)] = [True] * len(form)
        return best[0], flags

    def fillers(self, words: list[str]) -> list[bool]:
        """Return, for each word, whether it belongs to a filler expression."""
        flags = [False] * len(words)
        for start in range(len(words)):
            for form in self.meta["fillers"]:
                if words[start : start + len(form)] == form:
                    flags[start : start + len(form)] = [True] * len(form)
        return flags

    def search(self, query: str, exact: bool = False) -> Result:
        """Rank every document for a query (see search.js: search).

        exact: no completion nor correction (the visitor asked for the words as typed).
        """
        words = self.analyse(query)
        self.load_lexicon(words)
        filler = self.fillers(words)
        kept = [k for k in range(len(words)) if not filler[k]]
        if not kept:  # only filler words: search them after all (« entreprise »)
            kept, filler = list(range(len(words))), [False] * len(words)
        place = self.find_place([words[k] for k in kept])
        searched = kept
        only_place = place[0] if place and all(place[1]) else None
        if place and not all(place[1]):
            searched = [k for k, named in zip(kept, place[1], strict=True) if not named]
        else:
            place = None
        groups = self.understand([words[k] for k in searched], exact)
        if only_place is not None and not any(self.evaluate(g.node) for g in groups):
            # Only a way of writing a commune that no page holds (« 13009 »): its name.
            groups = self.understand(self.analyse(self.meta["communes"][only_place][0]))
            searched = []
        result = Result(query, words, [], [])
        unmatched = set()
        for group in groups:
            if self.evaluate(group.node):
                result.groups.append(group)
            else:
                unmatched.add(id(group))
        if place:
            result.place = place[0]
            result.place_words = [
                words[k] for k, named in zip(kept, place[1], strict=True) if named
            ]
        result.hits, result.complete, lacking = self.rank(result.groups, result.place)
        lacking_ids = {id(group) for group in lacking}
        left_positions = []
        position = 0
        for group in groups if searched else ():
            if id(group) in unmatched or id(group) in lacking_ids:
                left_positions.extend(searched[position : position + len(group.words)])
            position += len(group.words)
        result.left = [words[k] for k in sorted(left_positions)]
        result.ignored = [words[k] for k in range(len(words)) if filler[k]]
        if not result.hits:
            result.suggestions = self.suggestions([words[k] for k in searched])
        return result

    # ---------- facets, distance, records, suggestions ----------

    def _parse_facets(self, entry: str) -> dict:
        width = self.meta["width"]
        head, _, extra = entry.partition("~")
        trades = [decode_index(head[k : k + width]) for k in range(2 * width, len(head), width)]
        filieres = {self.meta["metiers"][t][2] for t in trades}
        filieres |= {decode_index(extra[k : k + width]) for k in range(0, len(extra), width)}
        commune = head[width : 2 * width]
        return {
            "type": decode_index(head[:width]),
            "commune": -1 if commune.startswith(".") else decode_index(commune),
            "metier": trades,
            "filiere": sorted(filieres),
        }

    def values_of(self, doc: int, group: str) -> list[int]:
        facets = self.facets[doc]
        if group == "type":
            return [facets["type"]]
        if group == "commune":
            return [] if facets["commune"] < 0 else [facets["commune"]]
        return facets[group]

    def apply_facets(self, hits, selected: dict) -> tuple[list, dict]:
        """Return the hits passing every facet, and the live count of each value."""
        counts = {group: {} for group in GROUPS}
        kept = []
        for hit in hits:
            failing = [
                g
                for g in GROUPS
                if selected.get(g) and not set(self.values_of(hit[0], g)) & set(selected[g])
            ]
            if not failing:
                kept.append(hit)
            for group in GROUPS:
                if not failing or failing == [group]:
                    for value in self.values_of(hit[0], group):
                        counts[group][value] = counts[group].get(value, 0) + 1
        return kept, counts

    def kilometres(self, a, b) -> float:
        rad = math.pi / 180
        d_lat = (b[2] - a[2]) * rad
        d_lon = (b[3] - a[3]) * rad
        h = (
            math.sin(d_lat / 2) ** 2
            + math.cos(a[2] * rad) * math.cos(b[2] * rad) * math.sin(d_lon / 2) ** 2
        )
        return 2 * 6371 * math.asin(math.sqrt(h))

    def by_distance(
        self, hits, commune_index: int, partial=frozenset()
    ) -> list[tuple[int, int, int | None]]:
        """Sort hits by distance (tenths of a km) from a commune, then as ranked; documents
        without a place (trades, pages) after them. partial: documents matching only some
        of the words, sorted the same way after the others."""
        origin = self.meta["communes"][commune_index]
        tiers = ([], []), ([], [])  # (located, elsewhere) of full, then partial matches
        for order, (doc, score) in enumerate(hits):
            located, elsewhere = tiers[doc in partial]
            commune = self.facets[doc]["commune"]
            if commune < 0:
                elsewhere.append((doc, score, None))
                continue
            km = self.kilometres(origin, self.meta["communes"][commune])
            located.append((math.floor(km * 10 + 0.5), order, doc, score))
        ranked = []
        for located, elsewhere in tiers:
            located.sort()
            ranked += [(doc, score, tenths) for tenths, _, doc, score in located] + elsewhere
        return ranked

    def record(self, doc: int) -> tuple[str, str]:
        """Return (path from the site root, title) of a document."""
        per_file = self.meta["recordsPerFile"]
        chunk = doc // per_file
        if chunk not in self._records:
            _, (_, records) = read_call(self.folder / "r" / f"{chunk}.js")
            self._records[chunk] = records
        path, title = self._records[chunk][doc % per_file]
        return path, title

    def suggestions(self, words: list[str]) -> dict:
        """Return the trades and filières whose names come closest to the words."""
        names = [t[1] for t in self.meta["metiers"]] + [f[1] for f in self.meta["filieres"]]
        scored = []
        for name in names:
            best = 4
            for name_word in self.analyse(name):
                for word in words:
                    limit = min(3, max(1, len(word) // 3))
                    d = distance(word, name_word, limit)
                    if name_word.startswith(word) or word.startswith(name_word):
                        d = min(d, 1)
                    if d <= limit and d < best:
                        best = d
            if best < 4:
                scored.append((best, name))
        scored.sort()
        return {"names": [name for _, name in scored[:5]]}
