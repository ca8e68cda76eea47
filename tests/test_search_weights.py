"""The build computes the search weights from the analysis: they are whoosh's, bit for bit.

whoosh stays the reference: its index of the same documents, read back term by term with
its own BM25F scorer, gives exactly the weights the build exported.
"""

from plugins.search.indexer import analysed_postings, build_whoosh, whoosh_postings
from plugins.search.settings import DEFAULTS


def test_analysed_weights_are_whoosh_weights(search_build):
    """Every stem, every document, every float: the real site's documents."""
    generator, _ = search_build
    boosts = generator.options["SEARCH_FIELD_BOOSTS"]
    expected = whoosh_postings(generator.whoosh_index, generator.docs, boosts)
    assert analysed_postings(generator.docs, boosts) == expected
    assert {s: sorted(p.items()) for s, p in expected.items()} == generator.index.postings


def test_long_texts_use_whoosh_rounded_lengths(search_build):
    """Texts long enough for whoosh to round their length (one byte) score the same."""
    generator, _ = search_build
    boosts = DEFAULTS["SEARCH_FIELD_BOOSTS"]
    long_docs = []
    for number, doc in enumerate(generator.docs[:40]):
        repeated = " ".join([doc.fields["corps"]] * (1 + number % 7))
        long_docs.append(type(doc)(**{**doc.__dict__, "fields": {**doc.fields, "corps": repeated}}))
    expected = whoosh_postings(build_whoosh(long_docs), long_docs, boosts)
    assert analysed_postings(long_docs, boosts) == expected
