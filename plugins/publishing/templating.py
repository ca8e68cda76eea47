"""What the templates use to describe a page to search engines and social networks."""

from jinja2 import pass_context

from plugins.coopsoc.context import get, provide, require

from .settings import absolute_siteurl, publishing_settings
from .sitemap import page_url
from .structured_data import Describer, to_json_ld


def _link(context):
    """The `link` filter of the site, bound to the page being rendered."""
    link = context.environment.filters["link"]
    return lambda path: link(context, path)


@pass_context
def canonical_url(context) -> str | None:
    """Absolute address of the page in production; None in development or for a noindex page.

    A page written with canonical=<path> (the request form prefilled for a trade, a filière
    or an establishment) names that page's address instead: search engines keep one.
    """
    siteurl = absolute_siteurl(context)
    page = context.get("output_file")
    if not siteurl or not page or is_noindex(context):
        return None
    if context.get("canonical") is not None:
        page = context["canonical"] + "index.html"
    return page_url(siteurl, page)


@pass_context
def is_noindex(context) -> bool:
    """True for pages kept out of search engines: the 404 page, the folders' pages, and
    pages written with noindex=True."""
    noindex = require(context, "PUBLISHING", by="publishing")["PUBLISHING_NOINDEX"]
    return bool(context.get("noindex")) or context.get("output_file") in noindex


@pass_context
def structured_data(context, description: str = "") -> list[dict]:
    """The schema.org descriptions that belong on the page being rendered."""
    directory = get(context, "DIRECTORY", by="publishing")
    options = require(context, "PUBLISHING", by="publishing")
    describer = Describer(context, directory, _link(context), options["PUBLISHING_SHARE_IMAGE"])
    page = context.get("output_file")
    found = []
    if directory is not None:
        catalogue = options["PUBLISHING_CATALOGUE_PAGE"]
        catalogue_path = catalogue.removesuffix("index.html")
        if page == options["PUBLISHING_ORGANIZATION_PAGE"]:
            listed = len(directory.establishments) <= options["PUBLISHING_MEMBERS_LISTED_MAX"]
            found.append(describer.organization(catalogue_path, listed))
        if page == catalogue:
            found.append(describer.catalogue(catalogue_path))
        if context.get("establishment") is not None:
            found.append(describer.establishment(context["establishment"], description))
    if context.get("article") is not None:
        found.append(describer.article(context["article"], description))
    return found


def install(generator):
    """Add the publishing helpers to a generator's Jinja environment."""
    env = getattr(generator, "env", None)
    if env is None:
        return
    env.filters["jsonld"] = to_json_ld
    provide(env.globals, "PUBLISHING", publishing_settings(generator.settings), by="publishing")
    env.globals.update(
        canonical_url=canonical_url,
        is_noindex=is_noindex,
        structured_data=structured_data,
    )
