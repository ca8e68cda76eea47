"""French typography for every text a visitor reads: one pass over the written HTML.

The rules follow the Lexique des règles typographiques en usage à l’Imprimerie nationale and
all live in this module: a no-break space before « : », inside « », between a number and its
unit or symbol (« 15 % », « 4 808 € », « 14 h 30 ») and after « n° »; a narrow no-break space
(fine) before « ; ! ? » and between groups of digits (« 1 500 »); a curly apostrophe (’).

The pass runs on the output (pages, feeds, the brochure's HTML), so Markdown, templates and
YAML values are covered alike. It never touches markup, attributes, URLs, e-mail addresses,
times (10:30) or the content of code, pre, kbd, samp, var, template, script, style and
textarea. It is idempotent and linear in the size of the page.

Our own pass rather than polytypo 1.16 (PyPI, MIT), tried on this site: polytypo spaces
punctuation well, but it does not group thousands nor bind « 14 h 30 », and it leaves
entities alone, so every apostrophe of a YAML value (written « &#39; » by Jinja) would stay
straight; completing it would mean a second walk over the HTML anyway. It also pulls two
compiled dependencies (tree-sitter, tree-sitter-markdown) and runs at about 330 000
characters a second, which would add about 5 s to a build of 1.7 Mo of HTML.

Fines are U+202F, the character the site's numbers already use (sitekit.filters, the
scripts). The web font has no glyph for it, so browsers borrow one from a system font; the
brochure maps it to U+00A0 (see plugins/brochure/generator.py). Writing NARROW_NBSP = NBSP here
would put U+00A0 everywhere.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from plugins.coopsoc.output import PAGE_FILTERS, PIECE_START, write_text
from plugins.coopsoc.text import NARROW_NBSP, NBSP

# NARROW_NBSP (espace fine insécable) goes before ; ! ? and between groups of digits;
# NBSP (espace insécable) before :, inside « », between a number and its unit, after n°.

# Spaces a rule may replace; only the first four are breakable.
_SPACE = f"[ \t\r\n{NBSP}{NARROW_NBSP}\u2009]"
# A whole run of spaces, matched from its first one only: the pass stays linear.
_RUN = f"(?<!{_SPACE}){_SPACE}+"
# After these characters a missing space before ; : ! ? is added (« Pourquoi? »).
_WORD_END = '[\\w)\\]»’"…%€]'
# What may follow the punctuation mark: a colon followed by a letter or a digit (10:30,
# « mailto:x ») is not punctuation of the sentence.
_PUNCT_END = f'(?=[\\s{NBSP}{NARROW_NBSP})\\]»’"…,.]|$)'
UNITS = ("%", "‰", "€", "£", "$", "°C", "km", "m²", "m³", "cm", "mm", "m", "kg", "h", "min")
UNITS += ("Ko", "Mo", "Go")

# What a rule needs in a text to apply: one of its characters, or a digit.
_DIGITS = None
# (pattern, replacement, needs), applied in this order to each piece of text outside URLs.
RULES = [
    (re.compile("'"), "’", frozenset("'")),
    (re.compile(f"«{_SPACE}*"), "«" + NBSP, frozenset("«")),
    (re.compile(f"(?:{_RUN})?»"), NBSP + "»", frozenset("»")),
    # 1 500 ; 2 712 000 (not a year followed by a number: 2026 120).
    (
        re.compile(f"(?<![\\w,.])\\d{{1,3}}(?:{_SPACE}\\d{{3}})+(?!\\d)"),
        lambda match: re.sub(_SPACE, NARROW_NBSP, match.group()),
        _DIGITS,
    ),
    # 15 %, 4 808 € (a space added if missing); 3 km, 14 h, 300 Ko.
    (re.compile(f"(\\d){_SPACE}*([%‰€])"), "\\1" + NBSP + "\\2", frozenset("%‰€")),
    (
        re.compile(f"(\\d){_SPACE}+({'|'.join(map(re.escape, UNITS))})(?![\\w²³])"),
        "\\1" + NBSP + "\\2",
        _DIGITS,
    ),
    (re.compile(f"(?<=\\d{NBSP}h){_SPACE}+(?=\\d\\d(?!\\d))"), NBSP, _DIGITS),  # 14 h 30
    (re.compile(f"(?<!\\w)([nN][°º]s?)(?:{_SPACE}+|(?=\\d))"), "\\1" + NBSP, frozenset("°º")),
    (
        re.compile(f"(?:(?<={_WORD_END})|{_RUN})([;!?]+){_PUNCT_END}"),
        NARROW_NBSP + "\\1",
        frozenset(";!?"),
    ),
    (re.compile(f"(?:(?<={_WORD_END})|{_RUN})(:){_PUNCT_END}"), NBSP + "\\1", frozenset(":")),
]
_DIGIT = re.compile("\\d")
# A text without any of these characters is left as it is: no rule applies to it.
_TRIGGER = re.compile("['«»;:!?%‰€°º]|\\d")
# URLs and e-mail addresses are left as they are.
_ADDRESS = re.compile(
    r"(?:https?://|mailto:|www\.)[^\s<>«»\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE
)

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
# What an escaped value never holds: it would change where a page's tags begin and end.
_UNESCAPED = re.compile("[<>\"']")


def typeset_text(text: str) -> str:
    """Apply the French rules to plain text (no markup, no entities)."""
    if not _TRIGGER.search(text):
        return text
    pieces, position = [], 0
    for address in _ADDRESS.finditer(text):
        pieces += [_typeset_prose(text[position : address.start()]), address.group()]
        position = address.end()
    pieces.append(_typeset_prose(text[position:]))
    return "".join(pieces)


def _typeset_prose(text: str) -> str:
    present, digit = set(text), _DIGIT.search(text)
    for pattern, replacement, needs in RULES:
        if digit if needs is _DIGITS else not needs.isdisjoint(present):
            text = pattern.sub(replacement, text)
    return text


# Pages repeat most of their text nodes (header, navigation, footer, cards): each distinct
# node is typeset once per process.
@functools.lru_cache(maxsize=1 << 12)
def _typeset_html_text(text: str) -> str:
    """Apply the rules to a text node of HTML: entities read, then written back."""
    if "&" not in text:
        return typeset_text(text)
    plain = html.unescape(text)
    typeset = typeset_text(plain)
    if typeset == plain:
        return text
    return typeset.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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

    With a slot, the text nodes holding it are left to typeset once the slot is filled:
    kept maps each such node (by index in texts) to (read as prose, its trailing breakable
    space moved to the text after it).
    """
    pieces = _TOKENS.split(document)
    texts, tags, names = pieces[0::3], pieces[1::3], pieces[2::3]
    candidates = [
        k
        for k, text in enumerate(texts)
        if text and not text.isspace() and _CANDIDATE.search(text) or slot and slot in text
    ]
    # Without a text to change, a page is still checked for pieces placed in code.
    if PIECE_START in document:
        stand_ins = sum(tag.startswith(PIECE_START) for tag in tags)
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
        kept = {k: [not unread[k], False] for k, text in enumerate(texts) if slot in text}
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


class Piece:
    """A piece of many pages (sitekit's fragments), typeset once apart from them.

    Its text is the same in a whole page, provided the page places it where text is read
    (the pass refuses a piece inside a SKIPPED element): the piece begins and ends with a
    tag that ends any line of text (not INLINE), its spaces before and after stay in the
    page, and it leaves no element open that changes how text is read. The text nodes
    holding the slot (where each use writes its value) are typeset once filled.
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

    def fill(self, value: str = "") -> tuple[str, list[str]]:
        """The piece's typeset HTML, value (HTML, escaped) in its slot, and its text nodes
        that hold the value (read as prose), as typeset."""
        out, filled = [], []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part.replace(self.slot, value) if self.slot else part)
                continue
            text, prose, moved = part
            text = text.replace(self.slot, value)
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
                if self.slot and self.slot in part:
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
