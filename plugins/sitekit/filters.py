"""Jinja filters shared by every template: links, French dates and numbers."""

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
    env.filters.update(link=link, nombre=french_number, date_fr=french_date, aria_current=current)
