"""Render the brochure's HTML to a tagged PDF with WeasyPrint, reproducibly.

WeasyPrint is imported inside the functions: `make check` and the other plugins never
pay for it. Nothing outside the theme folder may be loaded: a remote URL or a file
elsewhere fails the build instead of being skipped with a warning.
"""

import logging
import re
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from .settings import BrochureError

# PDF/UA-1 gives a tagged PDF (structure tree, /MarkInfo, /Lang): ISO 14289-1.
PDF_VARIANT = "pdf/ua-1"


# The system libraries WeasyPrint draws text with (Debian package names, see README.md).
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"


def require_weasyprint() -> None:
    """Import WeasyPrint, or explain in French which system packages it needs."""
    try:
        import weasyprint  # noqa: F401
    except OSError as error:  # raised by cffi when Pango or GObject cannot be loaded
        raise BrochureError(
            "Plaquette : WeasyPrint ne trouve pas les bibliothèques Pango du système "
            f"({error}). Sur Debian, installez-les : sudo apt-get install {SYSTEM_PACKAGES} "
            "(voir README.md, « Les deux commandes »)."
        ) from None


def theme_fetcher(root: Path):
    """Return a WeasyPrint URL fetcher that serves files under root and refuses the rest."""
    require_weasyprint()
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class RefusedResource(FatalURLFetchingError):
        """A resource the brochure may not use (it stops the rendering)."""

    class ThemeFetcher(URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols=("file",), fail_on_errors=True)
            self.root = Path(root).resolve()

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                raise RefusedResource(
                    f"Plaquette : la ressource « {url} » est refusée : la plaquette n’utilise "
                    f"que des fichiers du dossier du thème ({self.root}), jamais d’adresse "
                    "distante. Copiez le fichier dans le thème."
                )
            path = Path(url2pathname(parts.path)).resolve()
            if not path.is_relative_to(self.root):
                raise RefusedResource(
                    f"Plaquette : le fichier « {path} » est refusé : il est en dehors du "
                    f"dossier du thème ({self.root})."
                )
            if not path.is_file():
                raise RefusedResource(f"Plaquette : le fichier « {path} » n’existe pas.")
            return super().fetch(url, headers)

    return ThemeFetcher()


# Notices WeasyPrint gives about the machine, not about the brochure: without HarfBuzz's
# subsetting library (Debian package libharfbuzz-subset0), fonts are subset with fontTools,
# which gives a valid PDF. They are logged, never a build failure.
MACHINE_NOTICES = (re.compile(r"^Using fontTools instead of HarfBuzz-Subset\b"),)


class _Collector(logging.Handler):
    """Keep WeasyPrint's warnings: an ignored CSS rule would silently change the layout."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages = []

    def emit(self, record):
        message = record.getMessage()
        if any(notice.match(message) for notice in MACHINE_NOTICES):
            return
        self.messages.append(message)


@contextmanager
def _weasyprint_warnings():
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)


def render_pdf(
    html: str, base: Path, fetcher, *, title: str, author: str, when: date
) -> tuple[bytes, int]:
    """Render html (resources relative to base) to PDF bytes; return them and the page count.

    The dates come from the settings, never from the clock, and the file identifier is a
    digest of the content: two builds from the same sources give the same bytes.
    """
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    try:
        with _weasyprint_warnings() as warnings:
            source = HTML(string=html, base_url=f"{base}/", url_fetcher=fetcher)
            document = source.render(pdf_variant=PDF_VARIANT)
            document.metadata.title = title
            document.metadata.authors = [author]
            document.metadata.created = document.metadata.modified = when.isoformat()
            pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=True)
    except FatalURLFetchingError as error:  # a BaseException: it would escape Pelican
        if error.__cause__ is None:  # refused by theme_fetcher, with its own message
            raise BrochureError(str(error)) from None
        raise BrochureError(
            f"Plaquette : une ressource n’a pas pu être chargée ({error}) : {error.__cause__}"
        ) from None
    if warnings:
        raise BrochureError(
            "Plaquette : WeasyPrint signale des problèmes :\n- " + "\n- ".join(warnings)
        )
    return pdf, len(document.pages)


def render_document(html: str, theme: str, title: str, author: str, when: date):
    """Render html with the files of the theme folder; return the PDF bytes and page count
    (a module-level function of plain values: the preview runs it in a worker process)."""
    root = Path(theme)
    return render_pdf(html, root, theme_fetcher(root), title=title, author=author, when=when)


def theme_files(theme: Path) -> tuple:
    """Return (path, bytes) of every file the brochure may load: the theme but its templates
    (the HTML, rendered from them, is a separate input)."""
    return tuple(
        (path.relative_to(theme).as_posix(), path.read_bytes())
        for path in sorted(Path(theme).rglob("*"))
        if path.is_file() and path.relative_to(theme).parts[0] != "templates"
    )
