"""Jinja filters shared by every template: links, French dates, numbers and grammar."""

import posixpath
from datetime import date

from jinja2 import pass_context

MONTHS = [
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
]
# Narrow no-break space: the French thousands separator (Imprimerie nationale).
THOUSANDS_SEPARATOR = "\u202f"


def french_number(value: int) -> str:
    """Format an integer with French digit grouping: 2 712.

    A figure published as a lower bound (an int whose at_least attribute is true, as the
    directory's sample figures are) reads « plus de 2 700 ».
    """
    text = f"{value:,}".replace(",", THOUSANDS_SEPARATOR)
    return f"plus de {text}" if getattr(value, "at_least", False) else text


def french_date(value: date | str) -> str:
    """Format a date (or an ISO date string) the French way: 1er août 2026."""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


# French grammar: articles, elision and contraction (Grevisse, Le Bon Usage, §§ 44-45 and
# 580). A name that begins with its article keeps it as written, capital included, and
# contracts with « à » and « de » like a common noun: « au Rove », « aux Pennes-Mirabeau »,
# « à La Ciotat » (the official usage for communes, Code officiel géographique).
APOSTROPHE = "\u2019"
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


def site_link(settings: dict, siteurl: str, path: str) -> str:
    """Return the URL of a path given from the site root ("" is the home page)."""
    if path == "" or path.endswith("/"):
        path += settings["URL_INDEX"]
    if not path:
        return siteurl + "/" if siteurl else "./"
    return posixpath.join(siteurl, path) if siteurl else path


@pass_context
def link(context, path: str) -> str:
    """Template filter: URL of a path given from the site root."""
    return site_link(context, context.get("SITEURL", ""), path)


@pass_context
def current(context, path: str) -> str | None:
    """Return the aria-current value of a navigation link to path, if any."""
    here = context.get("output_file", "")
    if here == path + "index.html":
        return "page"
    if path and here.startswith(path):
        return "true"
    return None


def install(generator):
    """Add the filters to a generator's Jinja environment."""
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.filters.update(
        link=link,
        nombre=french_number,
        date_fr=french_date,
        aria_current=current,
        le=definite,
        a=with_a,
        de=with_de,
        en=with_en,
        minuscule=lowercase_initial,
    )
