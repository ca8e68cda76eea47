"""A piece that many pages repeat, typeset once apart from them (plugins/coopsoc/pieces.py)."""

from __future__ import annotations

import functools
import re

from .pages import (
    _BREAKABLE,
    _NEEDS_SPACE_BEFORE,
    _TAG_NAME,
    _TOKENS,
    INLINE,
    RAW_TEXT,
    _typeset_tokens,
)
from .rules import _typeset_html_text

# What an escaped value never holds: it would change where a page's tags begin and end.
_UNESCAPED = re.compile("[<>\"']")


class Piece:
    """A piece of many pages (sitekit's fragments), typeset once apart from them.

    Its text is the same in a whole page, provided the page places it where text is read
    (the pass refuses a piece inside a SKIPPED element): the piece begins and ends with a
    tag that ends any line of text (not INLINE), its spaces before and after stay in the
    page, and it leaves no element open that changes how text is read. The text nodes
    holding the slot (where each use writes its value) are typeset once filled. A slot of
    several characters is several slots, filled by fill's others.
    """

    def __init__(self, lead: str, parts: list, trail: str, slot: str | None):
        self.lead, self.parts, self.trail, self.slot = lead, parts, trail, slot

    def accepts(self, value: str) -> bool:
        """Whether value, in the slot, is typeset here as in the whole page: escaped HTML
        text (what cuts a page into tags is escaped), not empty, no space at either end,
        not starting with punctuation that takes a space before it."""
        if not any(isinstance(part, tuple) for part in self.parts):
            return True
        return (
            bool(value)
            and value == value.strip()
            and not _NEEDS_SPACE_BEFORE.match(value)
            and not _UNESCAPED.search(value)
        )

    def fill(self, value: str = "", others=()) -> tuple[str, list[str]]:
        """The piece's typeset HTML, value (HTML, escaped) in its slot, and its text nodes
        that hold the value (read as prose), as typeset. others: (slot, value) of each
        other slot (its characters after the first)."""
        out, filled = [], []
        put = ((self.slot[:1], value), *others) if self.slot else ()
        for part in self.parts:
            if isinstance(part, str):
                for slot, text in put:
                    part = part.replace(slot, text)
                out.append(part)
                continue
            text, prose, moved = part
            for slot, given in put:
                text = text.replace(slot, given)
            if prose:
                text = _typeset_html_text(text)
            out.append(text.rstrip(_BREAKABLE) if moved else text)
            filled.append(out[-1])
        return "".join(out), filled

    @functools.cached_property
    def value_in_text_only(self) -> bool:
        """Whether the value goes in text nodes read as prose only (no tag, no code)."""
        for part in self.parts:
            if isinstance(part, str):
                if self.slot and any(slot in part for slot in self.slot):
                    return False
            elif not part[1]:
                return False
        return True


def prepare_piece(html_piece: str, slot: str | None = None) -> Piece | None:
    """Typeset a piece of pages once, or None if it cannot be typeset apart from them."""
    core = html_piece.strip(_BREAKABLE)
    if not core.startswith("<") or not core.endswith(">"):
        return None
    start = html_piece.index(core)
    lead, trail = html_piece[:start], html_piece[start + len(core) :]
    passed = _typeset_tokens(core, slot)
    if passed is None:
        return None
    if not passed:  # nothing to typeset
        pieces = _TOKENS.split(core)
        texts, tags, kept = pieces[0::3], pieces[1::3], {}
    else:
        texts, tags, kept = passed
    if texts[0] or texts[-1] or not _ends_lines(tags[0]) or not _ends_lines(tags[-1]):
        return None
    if _TOKENS.split(core)[2::3] and not _closes_all(core):
        return None
    parts: list = []
    for k, text in enumerate(texts):
        parts.append((text, *kept[k]) if k in kept else text)
        if k < len(tags):
            parts.append(tags[k])
    # Consecutive plain parts in one string.
    merged: list = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        else:
            merged.append(part)
    return Piece(lead, merged, trail, slot)


def _ends_lines(tag: str) -> bool:
    """Whether a tag ends a line of text (_previous_text stops there)."""
    name = _TAG_NAME.match(tag)
    return not name or name.group(2).lower() not in INLINE


def _closes_all(core: str) -> bool:
    """Whether every SKIPPED or RAW_TEXT element the piece opens, it closes."""
    depth, raw = 0, False
    pieces = _TOKENS.split(core)
    for tag, name in zip(pieces[1::3], pieces[2::3], strict=True):
        if not name:
            continue
        closing = tag[1] == "/"
        if name.lower() in RAW_TEXT:
            raw = not closing
        elif closing:
            depth = max(0, depth - 1)  # as the pass reads it, at the page's depth 0
        elif not tag.endswith("/>"):
            depth += 1
    return depth == 0 and not raw
