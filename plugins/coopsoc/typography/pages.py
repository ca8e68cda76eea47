"""The typography pass over an HTML page: its text nodes typeset, its markup left as it is."""

from __future__ import annotations

import re
from itertools import repeat
from pathlib import Path

from plugins.coopsoc.output import PAGE_FILTERS, write_text
from plugins.coopsoc.pieces import PIECE_START

from .rules import _PUNCT_END, _typeset_html_text, typeset_text

# Elements whose content is not prose. The titles and texts of an SVG drawing are read.
SKIPPED = frozenset({"code", "pre", "kbd", "samp", "var", "template"})
# Elements whose content the HTML parser does not read as markup.
RAW_TEXT = frozenset({"script", "style", "textarea"})
# Phrasing elements: a space before one of them and a « : » after it are in one line of text.
INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s"}
    | {"small", "span", "strong", "sub", "sup", "time", "u"}
)
_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*>"
    r"|<(/?)([A-Za-z][\w:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL,
)
_STATEFUL = SKIPPED | RAW_TEXT
# The same in one group, with the name of a SKIPPED or RAW_TEXT element in a second one:
# re.split returns a text, a tag and that name (or None) in turn. Possessive repeats: a tag's
# parts can be read one way only, so this changes no match.
_TOKENS = re.compile(
    r"(<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*+>"
    f"|</?(?:((?i:{'|'.join(sorted(_STATEFUL))}))(?![\\w:-])|[A-Za-z][\\w:-]*+)"
    r"(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>)",
    re.DOTALL,
)
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][\w:-]*+)")
_RAW_END = {name: re.compile(f"</{name}\\b", re.IGNORECASE) for name in RAW_TEXT}
# A text node without any of these is left as it is, entities included.
_CANDIDATE = re.compile("['«»;:!?%‰€°º&]|\\d")
_NEEDS_SPACE_BEFORE = re.compile(f"[;:!?»]{_PUNCT_END}|»")
_BREAKABLE = " \t\r\n"


def typeset_html(document: str) -> str:
    """Apply the French rules to the text nodes of an HTML document or fragment.

    The document is cut into text and tags in one regular-expression split; only the text
    nodes a rule may change are looked at, and only the elements that change how text is
    read (SKIPPED, RAW_TEXT) are followed. Raw text that holds something read as a tag
    (« <script>if (a<b)… ») goes to typeset_html_walk, which gives the same result in any
    case, one tag at a time.
    """
    passed = _typeset_tokens(document)
    if passed is None:
        return typeset_html_walk(document)
    if not passed:
        return document
    texts, tags, _ = passed
    joined = [""] * (len(texts) + len(tags))
    joined[0::2], joined[1::2] = texts, tags
    return "".join(joined)


def _typeset_tokens(document: str, slot: str | None = None):
    """typeset_html's pass: (texts typeset, tags, kept), () if no text may change, or None if
    raw text holds markup (typeset_html_walk's case).

    With a slot (one character, or several: each a slot), the text nodes holding one are
    left to typeset once the slots are filled: kept maps each such node (by index in
    texts) to (read as prose, its trailing breakable space moved to the text after it).
    """
    pieces = _TOKENS.split(document)
    texts, tags, names = pieces[0::3], pieces[1::3], pieces[2::3]
    holds = _holder(slot)
    candidates = [
        k
        for k, text in enumerate(texts)
        if text and not text.isspace() and _CANDIDATE.search(text) or holds(text)
    ]
    # Without a text to change, a page is still checked for pieces placed in code.
    if PIECE_START in document:
        stand_ins = sum(map(str.startswith, tags, repeat(PIECE_START)))
        if stand_ins != document.count(PIECE_START):
            raise _misplaced_piece("TAG")
    elif not candidates:
        return ()
    # Text k follows tag k - 1; a flag set means the text is not prose.
    unread = bytearray(len(texts))
    marks = [i for i, name in enumerate(names) if name]
    depth = 0  # inside SKIPPED elements
    for n, i in enumerate(marks):
        name, closing = names[i].lower(), tags[i][1] == "/"
        if name in RAW_TEXT:
            if not closing:
                end = _RAW_END[name]
                if end.search(texts[i + 1]) or (i + 1 < len(tags) and not end.match(tags[i + 1])):
                    return None
                unread[i + 1] = 1
        elif closing:
            depth = max(0, depth - 1)
        elif not tags[i].endswith("/>"):
            depth += 1
        if depth:  # the texts up to the next mark are inside a SKIPPED element
            last = marks[n + 1] if n + 1 < len(marks) else len(tags)
            unread[i + 1 : last + 1] = b"\x01" * (last - i)
            if any(tag.startswith(PIECE_START) for tag in tags[i + 1 : last]):
                raise _misplaced_piece(name)
    kept: dict[int, list[bool]] = {}
    if slot:
        kept = {k: [not unread[k], False] for k, text in enumerate(texts) if holds(text)}
    for k in candidates:
        if unread[k]:
            continue
        text = texts[k]
        if _NEEDS_SPACE_BEFORE.match(text):
            previous = _previous_text(texts, tags, k)
            if previous is not None:
                # « <em>mot </em>: » — the space belongs to the punctuation that follows.
                before = texts[previous]
                if before[-1:] in _BREAKABLE and before.strip():
                    if previous in kept:  # typeset once filled, then the space moved
                        kept[previous][1] = True
                    else:
                        texts[previous] = before.rstrip(_BREAKABLE)
                    text = " " + text
        texts[k] = text if k in kept else _typeset_html_text(text)
    return texts, tags, kept


def _holder(slot: str | None):
    """A test of whether a text holds one of the characters of slot (never, without)."""
    if not slot:
        return lambda text: False
    if len(slot) == 1:
        return lambda text: slot in text
    return re.compile("[" + re.escape(slot) + "]").search


def _misplaced_piece(name: str) -> ValueError:
    where = {"SKIPPED": "un élément de code", "TAG": "une balise"}.get(name, f"un élément <{name}>")
    return ValueError(
        f"un fragment de gabarit est placé dans {where}, dont le texte n’est pas mis en "
        "forme comme celui de la page : sortez-le de cet élément"
    )


def _previous_text(texts: list[str], tags: list[str], k: int) -> int | None:
    """Index of the text before text k in the same line: only inline tags between them."""
    while k:
        name = _TAG_NAME.match(tags[k - 1])
        if not name or name.group(2).lower() not in INLINE:
            return None
        k -= 1
        if texts[k]:
            return k
    return None


def typeset_html_walk(document: str) -> str:
    """typeset_html, one tag at a time: any HTML, including raw text holding markup."""
    parts: list[str] = []
    stand_ins = 0  # pieces' stand-ins read as tags
    skipped = 0  # depth inside SKIPPED elements
    previous = None  # index in parts of the text before the current inline run
    position = 0
    while True:
        tag = _MARKUP.search(document, position)
        end = tag.start() if tag else len(document)
        if end > position:
            text = document[position:end]
            if skipped:
                parts.append(text)
            else:
                if previous is not None and _NEEDS_SPACE_BEFORE.match(text):
                    # « <em>mot </em>: » — the space belongs to the punctuation that follows.
                    before = parts[previous]
                    if before[-1:] in _BREAKABLE and before.strip():
                        parts[previous] = before.rstrip(_BREAKABLE)
                        text = " " + text
                previous = len(parts)
                parts.append(_typeset_html_text(text))
        if not tag:
            break
        closing, name = tag.group(1), (tag.group(2) or "").lower()
        if tag.group().startswith(PIECE_START):
            if skipped:
                raise _misplaced_piece("SKIPPED")
            stand_ins += 1
        parts.append(tag.group())
        position = tag.end()
        if name in RAW_TEXT and not closing:
            close = re.compile(f"</{name}\\b", re.IGNORECASE).search(document, position)
            stop = close.start() if close else len(document)
            if PIECE_START in document[position:stop]:
                raise _misplaced_piece(name)
            parts.append(document[position:stop])
            position = stop
            previous = None
        elif name in SKIPPED:
            if closing:
                skipped = max(0, skipped - 1)
            elif not tag.group().endswith("/>"):
                skipped += 1
            previous = None
        elif name not in INLINE:
            previous = None
    if stand_ins != document.count(PIECE_START):
        raise _misplaced_piece("TAG")
    return "".join(parts)


def typeset_written_file(path, context=None):
    """Receiver of content_written: typeset the HTML page Pelican has just written.

    A page written by output.write_page was typeset before it was written (filter_pages).
    """
    target = Path(path)
    if target.suffix != ".html" or typeset_html in (context or {}).get(PAGE_FILTERS, ()):
        return
    text = target.read_bytes().decode("utf-8")
    typeset = typeset_html(text)
    if typeset != text:
        write_text(target.parent, target.name, typeset)


def typeset_feed(context, feed):
    """Receiver of feed_generated: typeset the titles and the HTML of a feed's entries."""
    for key in ("title", "subtitle", "description"):
        if feed.feed.get(key):
            feed.feed[key] = typeset_text(feed.feed[key])
    for item in feed.items:
        if item.get("title"):
            item["title"] = typeset_text(item["title"])
        for key in ("description", "content"):
            if item.get(key):
                item[key] = typeset_html(item[key])
