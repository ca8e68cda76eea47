"""Helpers shared by the search tests (tests/test_search*.py); each module wraps them in
fixtures, and they are computed once per session."""

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from pelican import signals

from plugins.search.generator import SearchGenerator
from plugins.search.reference import Searcher, find_index
from tests.harness.build import ROOT, build_into

# The reference queries: accents, typos, synonyms, prefixes, several words.
REFERENCE_QUERIES = [
    "menuiserie",
    "menuiseri",
    "Menuiserie Aubagne",
    "paysagiste",
    "pressing",
    "nettoyage",
    "netoyage",
    "blanchisserie",
    "espaces verts",
    "conditionnement",
    "mise sous pli",
    "dechets",
    "élagage",
    "restauration",
    "imprimerie",
    # More words together, and words that are no trade.
    "nettoyage marseille",
    "espaces verts aubagne",
    "ESAT",
    "mise en sachet",
    "menuis",
]

# Sentences as buyers type them (fillers, places, words matching nothing, French words):
# the browser must understand and rank them as Python does.
SENTENCE_QUERIES = [
    "13009",
    "traiteur marseille 13009",
    "je cherche un traiteur urgent près d’Aix",
    "menuiserie plomberie",
    "blanchisserie menuiserie",
    "lavage voitures",
    "tonte pelouse",
    "entreprise",
]

_captured = {}


def _capture(generators):
    """Keep the search generator of a build (its whoosh index and documents)."""
    for generator in generators:
        if isinstance(generator, SearchGenerator):
            _captured["generator"] = generator


@functools.cache
def captured_build():
    """(search generator, Searcher) of a second build: whoosh's index and its export."""
    folder = Path(tempfile.mkdtemp(prefix="coopsoc-recherche-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    signals.all_generators_finalized.connect(_capture)
    try:
        build_into(folder / "output")
    finally:
        signals.all_generators_finalized.disconnect(_capture)
    generator = _captured.pop("generator")
    # The build may have indexed in a forked process: index again here, to compare whoosh's
    # own index with the export that build wrote.
    generator.build_index()
    return generator, Searcher(find_index(folder / "output"))


@functools.cache
def site_searcher(site: Path) -> Searcher:
    """The reference searcher over a build."""
    return Searcher(find_index(site))


def refs(searcher, hits) -> list[str]:
    """Paths (from the site root) of ranked hits."""
    return [searcher.record(hit[0])[0] for hit in hits]


def establishments_with_trade(directory, trade_id) -> set[str]:
    """Paths of the establishments practising a trade, from the data."""
    return {f"etablissements/{e.id}/" for e in directory.establishments_for_trade(trade_id)}


# ---------- buyers' sentences (tests/search_sentences.csv) ----------

SENTENCES_FILE = ROOT / "tests" / "search_sentences.csv"
ESTABLISHMENT_TYPES = ("ESAT", "EA", "CHRS")


@functools.cache
def buyer_sentences() -> tuple[tuple[str, frozenset[str]], ...]:
    """(sentence, trade ids that answer it) of every row of the sentences file."""
    import csv

    with SENTENCES_FILE.open(encoding="utf-8", newline="") as data:
        rows = list(csv.DictReader(data))
    return tuple((row["phrase"], frozenset(row["metiers"].split())) for row in rows)


def shown_order(searcher, docs: list[int], place, complete: int | None = None) -> list[int]:
    """Documents in the order the page shows them (by distance when a place is named; the
    documents after the first `complete` ones match only some words)."""
    if place is None:
        return docs
    partial = frozenset(docs[complete:]) if complete is not None else frozenset()
    hits = [(doc, 0) for doc in docs]
    return [doc for doc, _, _ in searcher.by_distance(hits, place, partial)]


def success_at_3(searcher, docs: list[int], trades: frozenset[str]) -> bool:
    """Whether an establishment practising one of the trades is among the first three
    establishments of docs (in the order shown)."""
    types = [key for key, _ in searcher.meta["types"]]
    establishments = [
        doc for doc in docs if types[searcher.facets[doc]["type"]] in ESTABLISHMENT_TYPES
    ][:3]
    ids = [t[0] for t in searcher.meta["metiers"]]
    return any(ids[t] in trades for doc in establishments for t in searcher.facets[doc]["metier"])
