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

from plugins.coopsoc.output import PAGE_FILTERS, write_text
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

# (pattern, replacement), applied in this order to each piece of text outside URLs.
RULES = [
    (re.compile("'"), "’"),
    (re.compile(f"«{_SPACE}*"), "«" + NBSP),
    (re.compile(f"(?:{_RUN})?»"), NBSP + "»"),
    # 1 500 ; 2 712 000 (not a year followed by a number: 2026 120).
    (
        re.compile(f"(?<![\\w,.])\\d{{1,3}}(?:{_SPACE}\\d{{3}})+(?!\\d)"),
        lambda match: re.sub(_SPACE, NARROW_NBSP, match.group()),
    ),
    # 15 %, 4 808 € (a space added if missing); 3 km, 14 h, 300 Ko.
    (re.compile(f"(\\d){_SPACE}*([%‰€])"), "\\1" + NBSP + "\\2"),
    (
        re.compile(f"(\\d){_SPACE}+({'|'.join(map(re.escape, UNITS))})(?![\\w²³])"),
        "\\1" + NBSP + "\\2",
    ),
    (re.compile(f"(?<=\\d{NBSP}h){_SPACE}+(?=\\d\\d(?!\\d))"), NBSP),  # 14 h 30
    (re.compile(f"(?<!\\w)([nN][°º]s?)(?:{_SPACE}+|(?=\\d))"), "\\1" + NBSP),
    (re.compile(f"(?:(?<={_WORD_END})|{_RUN})([;!?]+){_PUNCT_END}"), NARROW_NBSP + "\\1"),
    (re.compile(f"(?:(?<={_WORD_END})|{_RUN})(:){_PUNCT_END}"), NBSP + "\\1"),
]
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
_NEEDS_SPACE_BEFORE = re.compile(f"[;:!?»]{_PUNCT_END}|»")
_BREAKABLE = " \t\r\n"


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
    for pattern, replacement in RULES:
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
    """Apply the French rules to the text nodes of an HTML document or fragment."""
    parts: list[str] = []
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
        parts.append(tag.group())
        position = tag.end()
        if name in RAW_TEXT and not closing:
            close = re.compile(f"</{name}\\b", re.IGNORECASE).search(document, position)
            stop = close.start() if close else len(document)
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
