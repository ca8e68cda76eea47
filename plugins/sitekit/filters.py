"""Jinja filters shared by every template: links, and French dates, numbers and grammar
(written by plugins/coopsoc/text.py)."""

from jinja2 import pass_context

from plugins.coopsoc.text import (
    definite,
    french_date,
    french_number,
    lowercase_initial,
    plural,
    with_a,
    with_de,
    with_en,
)
from plugins.coopsoc.urls import site_link, type_path


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
        type_path=type_path,
        nombre=french_number,
        pluriel=plural,
        date_fr=french_date,
        aria_current=current,
        le=definite,
        a=with_a,
        de=with_de,
        en=with_en,
        minuscule=lowercase_initial,
    )
