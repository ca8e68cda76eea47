"""The reference searcher's facets, distances, records and suggestions.

A mixin of reference.Searcher, which sets meta, facets and the records' cache.
"""

from __future__ import annotations

from plugins.coopsoc.distance import kilometres, tenths

from .codec import decode_index
from .indexfiles import read_call
from .spelling import distance

GROUPS = ("type", "filiere", "metier", "commune")


class Facets:
    """Filter hits by facet, sort them by distance, read their records, suggest names."""

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
        """Return the distance between two communes of the index's table (name, slug, lat, lon)."""
        return kilometres(a[2], a[3], b[2], b[3])

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
            located.append((tenths(km), order, doc, score))
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
        path, title = self._records[chunk][doc % per_file][:2]
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
