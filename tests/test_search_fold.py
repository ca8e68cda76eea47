"""The browser folds accents as whoosh does, from a table of exceptions only.

meta.js sends the characters whose folding the browser cannot derive by decomposing them
(NFD, marks dropped): every letter of FOLD_RANGES must then come out as whoosh folds it.
"""

from plugins.coopsoc.vocabulary.analysis import (
    FOLD_RANGES,
    browser_fold_table,
    full_fold_table,
    words,
)
from plugins.search.reference import read_call


def test_exceptions_give_back_the_whole_table(searcher):
    """The Python reference rebuilds whoosh's table from the exceptions the build sent."""
    _, (meta,) = read_call(searcher.folder / "meta.js")
    corpus = "".join(searcher.vocabulary)
    assert full_fold_table(meta["fold"]) == browser_fold_table(corpus)
    assert len(meta["fold"]) < len(browser_fold_table(corpus)) / 4


def test_browser_folds_every_character_of_the_ranges_as_the_table(page, server, searcher):
    """Each character of FOLD_RANGES inside a word: the browser derives what the whole table
    (browser_fold_table, rebuilt by the reference) gives, and whoosh for every letter that
    stays in the ranges once lowercased."""
    page.goto(server.url("recherche/index.html"))
    page.evaluate("CoopsocSearch.ready()")
    chars = [chr(c) for start, end in FOLD_RANGES for c in range(start, end)]
    text = " ".join(f"zz{c}zz" for c in chars)
    browser = page.evaluate("t => CoopsocSearch.analyse(t)", text)
    assert browser == searcher.analyse(text)
    kept = " ".join(f"zz{c}zz" for c in chars if _in_ranges(c.lower()))
    assert page.evaluate("t => CoopsocSearch.analyse(t)", kept) == words(kept)


def _in_ranges(text: str) -> bool:
    return all(any(start <= ord(c) < end for start, end in FOLD_RANGES) for c in text)
