"""Replace {chiffre:…}, {contact:…} and {lien:…} in pages with values from the data
(the substitution itself is plugins/coopsoc/placeholders.py), or fail naming each unknown
one with its file and line.
"""

from pelican.utils import get_relative_path

from plugins.coopsoc.context import get, provide
from plugins.coopsoc.placeholders import replacement_tables, substitute
from plugins.coopsoc.urls import site_link


class PlaceholderError(Exception):
    """One or more placeholders in the pages cannot be replaced."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(
            f"{len(problems)} repère(s) inconnu(s) dans les pages :\n" + "\n".join(problems)
        )


def _page_path(content) -> str:
    """Path of a page from the site root, as the link filter takes it ("" for home)."""
    save_as = content.save_as
    return save_as.removesuffix("index.html")


def _values(context, contents):
    """Return the replacement tables: kind → (key → plain text, key → HTML)."""
    sections = get(context, "SECTIONS", by="sitekit", default={})
    links = {**sections, **{c.slug: _page_path(c) for c in contents}}
    figures = get(context, "FIGURES", by="sitekit", default={})
    return replacement_tables(figures, context.get("COOPSOC", {}), links)


def _line_of(content, token: str) -> int:
    """Line of the first occurrence of token in the content's source file."""
    with open(content.source_path, encoding="utf-8") as file:
        source = file.read()
    return source[: source.find(token)].count("\n") + 1


def _substitute(text, content, tables, html, problems):
    """Replace every placeholder of text; record unknown ones in problems."""
    settings = content.settings
    prefix = (
        get_relative_path(content.save_as) if settings["RELATIVE_URLS"] else settings["SITEURL"]
    )

    def unknown(match, kind, known):
        problems.append(
            f"{content.relative_source_path}, ligne {_line_of(content, match.group(0))} : "
            f"repère « {match.group(0)} » inconnu (repères « {kind} » connus : "
            f"{', '.join(known) or 'aucun'})"
        )

    return substitute(
        text,
        tables,
        html=html,
        link=lambda path: site_link(settings, prefix, path),
        unknown=unknown,
    )


def replace_all(generators):
    """Replace the placeholders in every page and article, or fail listing all problems.

    The tables are built once, from every generator's contents: a page can link to an
    article with {lien:…} and the other way round.
    """
    contents = [
        content
        for generator in generators
        for name in ("pages", "hidden_pages", "draft_pages", "articles", "drafts")
        for content in getattr(generator, name, [])
    ]
    # Pelican's generators share one context dictionary (the articles' is the first).
    context = next(g.context for g in generators if hasattr(g, "context"))
    tables = _values(context, contents)
    problems = []
    for content in contents:
        content._content = _substitute(content._content, content, tables, True, problems)
        content.title = _substitute(content.title, content, tables, False, problems)
        if "summary" in content.metadata:
            content.metadata["summary"] = _substitute(
                content.metadata["summary"], content, tables, False, problems
            )
    if problems:
        raise PlaceholderError(problems)
    provide(context, "PLACEHOLDERS_REPLACED", True, by="sitekit")
