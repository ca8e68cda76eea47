"""sitemap.xml and robots.txt, from every HTML page the build writes.

Pages are collected through Pelican's content_written signal, so the directory's pages,
the news and any page a plugin writes with writer.write_file are listed without naming
them. pelican-sitemap does the same but stamps each page without a date with the clock
of the machine that builds: two builds of the same sources would differ, and the date
would be false. Here only news articles carry a <lastmod>, their own.
"""

import os
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

from plugins.coopsoc.output import write_text

from .settings import absolute_siteurl, publishing_settings

# Output folder → {page path from the output root: lastmod date or None}. Keyed by
# folder so that two builds in one process (the tests) never mix their pages.
_PAGES: dict[str, dict[str, str | None]] = {}


def page_url(siteurl: str, path: str) -> str:
    """Public address of an output file: the folder for an index.html."""
    if path == "index.html" or path.endswith("/index.html"):
        path = path.removesuffix("index.html")
    return f"{siteurl}/{quote(path)}"


def collect(path, context):
    """Remember each HTML page written, with the date of the article it shows."""
    output, relative = _relative(context["OUTPUT_PATH"], path)
    # Left out: pages kept out of search engines, and those naming another page's address
    # as theirs (canonical=<path>, the prefilled request forms).
    if not relative.endswith(".html") or context.get("noindex") or context.get("canonical"):
        return
    article = context.get("article")
    date = getattr(article, "modified", None) or getattr(article, "date", None)
    _PAGES.setdefault(output, {})[relative] = date.date().isoformat() if date else None


# Output folder → the same, its links resolved: for one build (reset).
_REAL: dict[str, str] = {}


def reset(pelican=None) -> None:
    """Receiver of initialized: a new build, whose folders may be other links."""
    _REAL.clear()


def _real(folder: str) -> str:
    if folder not in _REAL:
        _REAL[folder] = os.path.realpath(folder)
    return _REAL[folder]


def _relative(output: str, path) -> tuple[str, str]:
    """(the output folder, its links resolved; path from it): thousands of pages are
    written under the same folder, whose links are resolved once."""
    path, root = os.fspath(path), _real(output)
    for folder in (root, output):
        # The writer gives the page's whole path, without "..": its start is the folder.
        prefix = folder.rstrip(os.sep) + os.sep
        if path.startswith(prefix) and os.sep + ".." not in path:
            return root, Path(path[len(prefix) :]).as_posix()
    return root, Path(os.path.realpath(path)).relative_to(root).as_posix()


def sitemap_xml(siteurl: str, pages: dict[str, str | None]) -> str:
    """Return the sitemap of the given pages (sitemaps.org protocol 0.9)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path in sorted(pages, key=lambda p: page_url(siteurl, p)):
        lastmod = f"<lastmod>{pages[path]}</lastmod>" if pages[path] else ""
        lines.append(f"<url><loc>{escape(page_url(siteurl, path))}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(siteurl: str | None, disallow: tuple[str, ...] = ()) -> str:
    """Return robots.txt: every page may be indexed but the disallowed folders; the
    sitemap's address in production."""
    if disallow:
        text = "# Toutes les pages du site peuvent être indexées, sauf ces dossiers.\n"
        text += "User-agent: *\n" + "".join(f"Disallow: {path}\n" for path in disallow)
    else:
        text = "# Toutes les pages du site peuvent être indexées.\nUser-agent: *\nDisallow:\n"
    if siteurl:
        text += f"\nSitemap: {siteurl}/sitemap.xml\n"
    return text


def write(pelican):
    """Write robots.txt, and sitemap.xml when the site has an absolute address."""
    output = Path(pelican.output_path)
    pages = _PAGES.pop(os.path.realpath(output), {})
    options = publishing_settings(pelican.settings)
    siteurl = absolute_siteurl(pelican.settings)
    write_text(output, "robots.txt", robots_txt(siteurl, tuple(options["PUBLISHING_DISALLOW"])))
    if siteurl:
        listed = {p: d for p, d in pages.items() if p not in options["PUBLISHING_NOINDEX"]}
        write_text(output, "sitemap.xml", sitemap_xml(siteurl, listed))
