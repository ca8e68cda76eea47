"""The rules of French typography on plain text, and on a text node of HTML."""

from __future__ import annotations

import functools
import html
import re

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
