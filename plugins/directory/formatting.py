"""Format numbers and text for French readers."""

from __future__ import annotations

import re
import unicodedata

# French typography separates thousands with a narrow no-break space (U+202F).
NARROW_NBSP = "\u202f"

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


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return « 1 erreur » or « 3 erreurs », with the count formatted."""
    word = singular if count in (0, 1) else (plural_form or singular + "s")
    return f"{format_number_fr(count)} {word}"


def shorten(text: str, limit: int = 60) -> str:
    """Return text on one line, cut to a readable length for a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
