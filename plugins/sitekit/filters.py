"""Jinja filters shared by every template: links, and French dates, numbers and grammar
(written by plugins/coopsoc/text.py)."""

from jinja2 import pass_context, pass_environment
from markupsafe import Markup, escape

from plugins.coopsoc.pieces import page_piece, whole_pieces
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


@pass_context
def current_states(context, links) -> tuple:
    """Return the aria-current value of each (label, path) link: what a cached menu differs by."""
    return tuple(current(context, path) for _, path in links)


# Stands for the value a cached fragment changes on each use: a private-use character, which
# no text of the site contains (and escaping leaves as it is).
FRAGMENT_SLOT = "\ue000"


# Marks a part of a fragment's key counted by identity (no plain value equals it).
_BY_IDENTITY = object()


def _plain(part) -> bool:
    if isinstance(part, tuple):
        return all(_plain(item) for item in part)
    return isinstance(part, (str, int, float, bool, type(None)))


@pass_environment
def fragment(environment, *key, value=None, caller):
    """Render a call block once per key, then reuse it with value in place of its argument.

    {% call(name) fragment("carte", BUYERTOOLS_MAP, commune, SITEURL, value=e.nom) %}…
    {{ name }}…{% endcall %}: the block must depend only on the key and on its argument,
    printed as it is (never through a filter); without value, {% call fragment(…) %} takes
    none. Links depend on SITEURL: put it in the key.
    Objects of the key count by identity (one build's data), plain values and tuples of them
    by value.
    """
    if FRAGMENT_SLOT in str(value):
        raise ValueError(f"caractère réservé dans un texte de page : {value!r}")
    lookup = tuple(part if _plain(part) else (_BY_IDENTITY, id(part)) for part in key)
    cache = environment.__dict__.setdefault("coopsoc_fragments", {})
    if lookup not in cache:
        # A fragment rendered inside this one is written in it, not left to its page.
        with whole_pieces():
            html = str(caller() if value is None else caller(FRAGMENT_SLOT))
        # The key's objects are kept with the fragment: their ids stay theirs meanwhile.
        cache[lookup] = (key, html)
    html = cache[lookup][1]
    escaped = None if value is None else str(escape(value))
    # In a page written by write_page, the fragment's French typography is done once.
    pieces = environment.__dict__.setdefault("coopsoc_pieces", {})
    slot = None if value is None else FRAGMENT_SLOT
    stand_in = page_piece(pieces, lookup, html, slot, escaped)
    if stand_in is not None:
        return Markup(stand_in)
    return Markup(html if value is None else html.replace(FRAGMENT_SLOT, escaped))


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
        aria_states=current_states,
        le=definite,
        a=with_a,
        de=with_de,
        en=with_en,
        minuscule=lowercase_initial,
    )
    env.globals["fragment"] = fragment
