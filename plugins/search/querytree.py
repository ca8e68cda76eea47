"""The reference searcher's query tree: words → groups of nodes → scored documents.

A mixin of reference.Searcher, which sets meta, words, synonym_keys, shards, facets and
the caches these methods use, and offers word_candidates (search.js takes the same steps
in the browser).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .codec import decode_postings
from .indexfiles import read_call


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


def candidate_order(word: str) -> tuple[int, str]:
    return (len(word), word)


class QueryTree:
    """Build the query tree of the words searched, and evaluate and rank it."""

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
                    key=candidate_order,
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
