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

Here: reading a query (analysis, filler words, communes, candidates) and the search
itself; querytree.py builds, evaluates and ranks the query tree; facets.py filters by
facet, sorts by distance, reads records and suggests names; indexfiles.py reads the
exported files and spelling.py measures typos.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from plugins.coopsoc.vocabulary.analysis import full_fold_table

from .codec import decode_lexicon, read_vocabulary
from .facets import GROUPS, Facets
from .indexfiles import find_index, read_call
from .querytree import Candidate, Group, QueryTree, candidate_order
from .spelling import distance

__all__ = [
    "GROUPS",
    "Candidate",
    "Group",
    "Result",
    "Searcher",
    "distance",
    "find_index",
    "read_call",
]

_JS_WORD = re.compile(r"\\p\{L\}\\p\{N\}_")


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


class Searcher(QueryTree, Facets):
    """Search an exported index folder as the browser does."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        _, (meta,) = read_call(self.folder / "meta.js")
        self.meta = meta
        self.fold_table = full_fold_table(meta["fold"])
        _, (_, vocabulary) = read_call(self.folder / "vocabulaire.js")
        self.vocabulary: dict[str, str] = read_vocabulary(vocabulary)
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
        self.candidates = sorted(set(self.vocabulary) | self.synonym_words, key=candidate_order)
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
        return "".join(self.fold_table.get(char, char) for char in word)

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
