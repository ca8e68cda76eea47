"""French text, in one place: numbers, amounts, rates, sizes, dates, plurals, names in sentences.

Python code and the templates (through plugins/sitekit/filters.py) use these functions;
the browser's scripts use their counterparts in theme/static/js/french.js.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# No-break space: before « : », inside « », between a number and its unit, after « n° ».
NBSP = "\u00a0"
# Narrow no-break space: the French thousands separator (Imprimerie nationale), and before
# « ; », « ! » and « ? ».
NARROW_NBSP = "\u202f"
APOSTROPHE = "\u2019"

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SEPARATORS = re.compile(r"[\s\-'’_]+")


def format_number_fr(number: float, decimals: int = 0) -> str:
    """Return a number written the French way: « 2 712 », « 43,5 »."""
    if isinstance(number, bool):
        raise TypeError("format_number_fr attend un nombre, pas un booléen")
    decimals_format = "" if isinstance(number, int) and decimals == 0 else f".{decimals}f"
    text = f"{number:,{decimals_format}}"
    return text.replace(",", NARROW_NBSP).replace(".", ",")


def french_number(value: int) -> str:
    """Format a published figure: « 2 712 »; a lower bound reads « plus de 2 700 ».

    A figure published as a lower bound is an int whose at_least attribute is true, as the
    directory's sample figures are.
    """
    text = format_number_fr(int(value))
    return f"plus de {text}" if getattr(value, "at_least", False) else text


def euros(cents: int) -> str:
    """An amount in cents: 1923200 → « 19 232,00 € » (narrow no-break spaces)."""
    return f"{format_number_fr(cents // 100)},{cents % 100:02d}{NBSP}€"


def hundredths(value: int) -> str:
    """A number given in hundredths: 720 → « 7,2 », 1250 → « 12,5 », 600 → « 6 »."""
    whole, rest = divmod(value, 100)
    return format_number_fr(whole) + (f",{rest:02d}".rstrip("0") if rest else "")


def percent(value: int) -> str:
    """A rate in hundredths of a percent: 250 → « 2,5 % »."""
    return hundredths(value) + NBSP + "%"


def file_size(size: int) -> str:
    """Return a file size the French way: « 240 Ko », « 1,2 Mo » (1 Ko = 1 024 octets)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))}{NBSP}Ko"
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + f"{NBSP}Mo"


def kilometres(tenths: int) -> str:
    """A distance in tenths of a km, as the search shows it: « 3,4 km », « 12 km », « 0 km »."""
    if tenths < 100:
        return f"{format_number_fr(tenths / 10, 1 if tenths % 10 else 0)}{NBSP}km"
    return f"{format_number_fr((tenths + 5) // 10)}{NBSP}km"


def french_date(value: date | str) -> str:
    """Format a date (or an ISO date string) the French way: « 1er août 2026 »."""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def plural_word(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return the word agreeing with count; in French, 0 and 1 take the singular."""
    return singular if abs(count) < 2 else (plural_form or singular + "s")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return « 1 erreur », « 0 erreur » or « 3 erreurs », with the count formatted."""
    return f"{format_number_fr(count)} {plural_word(count, singular, plural_form)}"


def fold(text: str) -> str:
    """Return text lowercased without accents, for sorting and comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.casefold()


def sort_key(name: str) -> tuple[str, str]:
    """Return a sort key close to French dictionary order (accents ignored first)."""
    return (fold(name), name)


def loose(text: str) -> str:
    """Return text folded with hyphens, apostrophes and spaces made equal."""
    return _SEPARATORS.sub(" ", fold(text)).strip()


def slugify(text: str) -> str:
    """Return a URL slug: lowercase ASCII letters, digits and single hyphens."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")


def shorten(text: str, limit: int = 60) -> str:
    """Return text on one line, cut to a readable length for a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# French grammar: articles, elision and contraction (Grevisse, Le Bon Usage, §§ 44-45 and
# 580). A name that begins with its article keeps it as written, capital included, and
# contracts with « à » and « de » like a common noun: « au Rove », « aux Pennes-Mirabeau »,
# « à La Ciotat » (the official usage for communes, Code officiel géographique).
# Before these letters « le », « la » and « de » elide. « h » is taken as mute: the names
# the site writes (types, trades, communes of the département) have no aspirated h.
_ELIDING = frozenset("aàâäeéèêëiîïoôöuùûüyœæh")
# Article at the start of a phrase → (form after « à », form after « de »).
_CONTRACTIONS = {
    "le": ("au", "du"),
    "les": ("aux", "des"),
}


def _elides(word: str) -> bool:
    return bool(word) and word[0].casefold() in _ELIDING


def _article(phrase: str) -> tuple[str, str]:
    """Split a leading definite article off: (« Le », « Rove »), (« L’ », « Isle »)."""
    for apostrophe in (APOSTROPHE, "'"):
        if phrase[:2].casefold() == "l" + apostrophe:
            return phrase[:1] + APOSTROPHE, phrase[2:]
    head, _, rest = phrase.partition(" ")
    if rest and head.casefold() in ("le", "la", "les"):
        return head, rest
    return "", phrase


def lowercase_initial(text: str) -> str:
    """Lowercase the first letter of a name used inside a sentence, not an acronym's."""
    first = text.split(" ", 1)[0].strip("()")
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


def definite(noun_phrase: str, feminine: bool = False) -> str:
    """Put « le », « la » or « l’ » before a noun phrase: « l’ESAT Les Restanques »."""
    if _elides(noun_phrase):
        return "l" + APOSTROPHE + noun_phrase
    return ("la " if feminine else "le ") + noun_phrase


def _with(preposition: int, phrase: str) -> str:
    article, rest = _article(phrase)
    contracted = _CONTRACTIONS.get(article.casefold())
    if contracted:
        return f"{contracted[preposition]} {rest}"
    if preposition == 0:
        return f"à {phrase}"
    return ("d" + APOSTROPHE if _elides(phrase) else "de ") + phrase


def with_a(phrase: str) -> str:
    """Put « à » before a phrase, contracted: « à Aubagne », « au Rove », « aux Baux »."""
    return _with(0, phrase)


def with_de(phrase: str) -> str:
    """Put « de » before a phrase, contracted or elided: « du CHRS », « d’Arles »."""
    return _with(1, phrase)


def with_en(name: str) -> str:
    """Put « en » before a field of activity named in a list: « en menuiserie »."""
    return "en " + lowercase_initial(name)
