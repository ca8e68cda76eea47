"""Pieces that many pages repeat (sitekit's fragments), filtered once rather than in each page.

While write_page renders a page (rendering), a piece is filtered once per key by the page
filter's piece function, and the page holds a stand-in tag in its place: the page filters
run on the rest of the page only, then fill puts the filtered pieces back. A piece the
filter cannot filter apart from its page, or any piece outside write_page's pages (the
brochure, Pelican's own pages), is written in its page as it is.
"""

import contextvars
import re
from contextlib import contextmanager

# Each page filter of output.filter_pages → the function that filters a piece apart from
# its pages, or None.
PIECE_FILTERS: dict = {}
# While a page of write_page renders: its pieces, each (HTML, what readers read of it).
_RENDERING: contextvars.ContextVar = contextvars.ContextVar("coopsoc_pieces", default=None)
# The stand-in of a piece in its page, until the page filters have run: a tag of no HTML
# element, read by the filters as a tag that ends any line of text.
PIECE_START = "<coopsoc-piece "
_STAND_IN = re.compile('<coopsoc-piece n="([0-9]+)">')
# A piece's entry in a cache (page_piece) that could not be filtered apart from its pages.
_WHOLE = object()


def page_piece(cache: dict, key, html: str, slot: str | None, value: str | None):
    """The stand-in of a piece that many pages repeat, filtered once, or None.

    html, rendered once (sitekit's fragments), holds slot where each use writes value
    (HTML, escaped). While write_page renders a page, the piece is filtered once per key
    (cache keeps it), and the page holds a stand-in until its own filtering is done: only
    the rest of the page goes through the page filters. None outside write_page's pages,
    or if the filters cannot filter the piece apart: the caller writes it in the page.
    """
    pieces = _RENDERING.get()
    if pieces is None or len(PIECE_FILTERS) != 1:
        return None
    prepared = cache.get(key)
    if prepared is None:
        filter_piece = next(iter(PIECE_FILTERS.values()))
        prepared = cache[key] = (filter_piece and filter_piece(html, slot)) or _WHOLE
    if prepared is _WHOLE or (value is not None and not prepared.accepts(value)):
        return None
    html, filled = prepared.fill(value or "")
    # The page's readers read the piece once per process; then, when the value goes in
    # text only, that text alone (what the piece shows beyond what was read).
    if getattr(prepared, "read", False) and prepared.value_in_text_only:
        shown = filled
    else:
        shown, prepared.read = [html], True
    pieces.append((html, shown))
    return f'{prepared.lead}<coopsoc-piece n="{len(pieces) - 1}">{prepared.trail}'


@contextmanager
def _collecting(pieces: list | None):
    token = _RENDERING.set(pieces)
    try:
        yield pieces
    finally:
        _RENDERING.reset(token)


def whole_pieces():
    """Inside the block, page_piece leaves pieces in their page: what a piece renders
    (another piece nested in it) is cached with it, so it must not hold stand-ins."""
    return _collecting(None)


def rendering():
    """Inside the block, a page of write_page renders: yield the list of its pieces."""
    return _collecting([])


def fill(html: str, pieces: list[tuple]) -> str:
    """The page, each stand-in replaced by its filtered piece."""
    if not pieces:
        return html
    return _STAND_IN.sub(lambda match: pieces[int(match.group(1))][0], html)


def shown(pieces: list[tuple]):
    """What a reader of the page reads of its pieces (page_piece)."""
    for _, texts in pieces:
        yield from texts
