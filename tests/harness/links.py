"""A strict link checker over a built site: every internal URL and #fragment resolves."""

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.harness.html import read_page

URL_ATTRIBUTES = {"href", "src", "action", "poster", "data"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


@dataclass(frozen=True)
class PageLinks:
    """The URLs a page refers to, as (tag, attribute, url), and the ids it defines."""

    urls: list[tuple[str, str, str]]
    ids: set[str]


@functools.cache
def parse(path: Path) -> PageLinks:
    """Read the URLs and ids of one HTML file once."""
    urls, ids = [], set()
    for element in read_page(path).iter():
        for name, value in element.attrs.items():
            if name == "id" or (element.tag == "a" and name == "name"):
                ids.add(value)
            elif name in URL_ATTRIBUTES:
                urls.append((element.tag, name, value))
    return PageLinks(urls, ids)


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def check_url(site: Path, source: Path, url: str) -> str | None:
    """Return a problem with one internal URL of source, or None if it resolves."""
    if _is_external(url):
        return None
    parts = urlsplit(url)
    target = source if not parts.path else (source.parent / unquote(parts.path)).resolve()
    if parts.path.startswith("/"):
        return f"{url} : adresse absolue, inutilisable quand le site est ouvert depuis le disque"
    if not target.is_relative_to(site.resolve()):
        return f"{url} : sort du site"
    if target.is_dir():
        return f"{url} : mène à un dossier (il faut nommer son index.html)"
    if not target.is_file():
        return f"{url} : fichier introuvable"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
        return f"{url} : ancre #{parts.fragment} introuvable"
    return None


def page_problems(site: Path, page: str) -> list[str]:
    """Every broken internal link, image, script or stylesheet of one page."""
    source = site / page
    problems = []
    for _tag, _attribute, url in parse(source).urls:
        problem = check_url(site, source, url)
        if problem:
            problems.append(problem)
    return problems


def stylesheet_problems(site: Path) -> list[str]:
    """Every broken url() in the site's stylesheets."""
    problems = []
    for css in site.rglob("*.css"):
        for url in CSS_URL.findall(css.read_text(encoding="utf-8")):
            if not url.startswith("data:"):
                problem = check_url(site, css, url)
                if problem:
                    problems.append(f"{css.relative_to(site)} : {problem}")
    return problems
