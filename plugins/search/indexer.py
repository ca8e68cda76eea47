"""Compute each stem's BM25F weights from the analysis; whoosh indexes the same documents as
the reference.

The weight of a stem in a document is the score whoosh gives that document for the
one-word query over every field: MultifieldParser with fieldboosts ORs one boosted Term
per field, and whoosh adds up their BM25F scores. The build computes those scores itself,
with whoosh's analysis chain, statistics and formula (field lengths kept on one byte, as
whoosh's index keeps them), so the sums are whoosh's sums, bit for bit
(tests/test_search.py compares them with whoosh's index). whoosh itself indexes only when
asked (the parity tests, whoosh_postings). Boosts apply at query time (a linear factor per
field): boosting at indexing time would only move the term frequency towards BM25's
saturation, and a name would barely outweigh body text.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import log

from plugins.coopsoc.vocabulary.analysis import analyzer, index_terms, stem, surface_words

from .settings import FIELDS


@dataclass(frozen=True)
class Index:
    """What the export needs: stems with their postings, and the surface → stem table."""

    doc_count: int
    postings: dict  # stem → list of (doc number, score as float), by doc number
    surfaces: dict  # folded word → stem


def schema():
    """Return the whoosh schema: one TEXT field per search field, plus the document ref."""
    from whoosh import fields

    text = {name: fields.TEXT(analyzer=analyzer()) for name in FIELDS}
    return fields.Schema(ref=fields.ID(stored=True, unique=True), **text)


def query_parser(whoosh_index, boosts: dict):
    """Return the parser whoosh ranks with: every field, boosted, words ANDed."""
    from whoosh.qparser import AndGroup, MultifieldParser

    return MultifieldParser(list(FIELDS), whoosh_index.schema, fieldboosts=boosts, group=AndGroup)


def memory_storage():
    """Return a whoosh storage holding the index in memory, with a private scratch folder.

    RamStorage puts the writer's scratch files in <system temp>/MAIN.tmp, a name shared by
    every process: two builds at once delete each other's files. A scratch storage in
    memory does not work either: a large index spills sorted runs through raw files,
    which RamStorage never keeps (whoosh then fails with a NameError). Here each writer
    gets a fresh folder of its own, which whoosh deletes at commit.
    """
    import tempfile

    from whoosh.filedb.filestore import FileStorage, RamStorage

    class MemoryStorage(RamStorage):
        def temp_storage(self, name=None):
            return FileStorage(tempfile.mkdtemp(prefix="coopsoc-recherche-")).create()

    return MemoryStorage()


def build_whoosh(docs):
    """Return a whoosh index in RAM holding docs, document n being docs[n]."""
    index = memory_storage().create_index(schema())
    writer = index.writer()
    for doc in docs:
        writer.add_document(ref=doc.ref, **{name: doc.fields[name] for name in FIELDS})
    writer.commit()
    return index


def _bm25(idf, tf, fl, avgfl, b, k1):
    # whoosh.scoring.bm25, operation for operation: the same floats.
    return idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))


def analysed_postings(docs, boosts: dict, b: float = 0.75, k1: float = 1.2) -> dict:
    """Return stem → {doc number: BM25F score summed over the boosted fields}, as whoosh.

    whoosh's BM25F (B=0.75, K1=1.2): idf = log(docs / (df + 1)) + 1 per field; a document's
    field length is its number of indexed words, stored on one byte (length_to_byte, so
    rounded for long texts); the average is the exact total over the number of documents.
    """
    from whoosh.util.numeric import byte_to_length, length_to_byte

    doc_count = len(docs)
    postings: dict[str, dict[int, float]] = {}
    for field in FIELDS:
        counts = []  # per document: stem → occurrences in this field
        total = 0
        for doc in docs:
            found: dict[str, int] = {}
            for term in index_terms(doc.fields[field]):
                found[term] = found.get(term, 0) + 1
            counts.append(found)
            total += sum(found.values())
        avgfl = (total / (doc_count or 1)) or 1
        frequency: dict[str, int] = {}
        for found in counts:
            for text in found:
                frequency[text] = frequency.get(text, 0) + 1
        idf = {text: log(doc_count / (n + 1)) + 1 for text, n in frequency.items()}
        boost = boosts[field]
        for number, found in enumerate(counts):
            if not found:
                continue
            length = byte_to_length(length_to_byte(sum(found.values())))
            for text, tf in found.items():
                score = _bm25(idf[text], float(tf), length, avgfl, b, k1)
                target = postings.setdefault(text, {})
                target[number] = target.get(number, 0.0) + boost * score
    return postings


def whoosh_postings(whoosh_index, docs, boosts: dict) -> dict:
    """Return stem → {doc number: score} read back from whoosh's index (the reference)."""
    from whoosh.scoring import BM25F

    postings: dict[str, dict[int, float]] = {}
    with whoosh_index.searcher(weighting=BM25F()) as searcher:
        for number, doc in enumerate(docs):
            # Single segment, no deletion: whoosh numbers documents in insertion order.
            if searcher.stored_fields(number)["ref"] != doc.ref:
                raise RuntimeError("whoosh a renuméroté les documents de la recherche")
        weighting = searcher.weighting
        for field in FIELDS:
            for term in searcher.lexicon(field):
                text = term.decode("utf-8")
                scorer = weighting.scorer(searcher, field, text)
                boost = boosts[field]
                matcher = searcher.postings(field, text)
                target = postings.setdefault(text, {})
                while matcher.is_active():
                    number = matcher.id()
                    target[number] = target.get(number, 0.0) + boost * scorer.score(matcher)
                    matcher.next()
    return postings


def build(docs, boosts: dict) -> Index:
    """Analyse docs; return the exportable Index."""
    postings = analysed_postings(docs, boosts)
    surfaces = {}
    for doc in docs:
        for name in FIELDS:
            surfaces.update(dict.fromkeys(surface_words(doc.fields[name])))
    surfaces = {word: stem(word) for word in sorted(surfaces)}
    ordered = {s: sorted(postings[s].items()) for s in sorted(postings)}
    return Index(len(docs), ordered, surfaces)
