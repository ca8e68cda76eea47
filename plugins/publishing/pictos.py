"""Pictograms in Markdown pages: `{picto:atelier}` at the start of a paragraph or item.

The easy-to-read pages put a pictogram next to each key idea (Inclusion Europe,
« L'information pour tous »). The text carries the meaning, so the image has an empty
alternative (RGAA 1.2: decorative image). The paragraph or list item that starts with a
pictogram gets the class cs-idea, which sets the pictogram beside the text.
"""

import re
from pathlib import Path

from pelican.utils import get_relative_path

from plugins.coopsoc.urls import site_link

from .settings import PublishingError, publishing_settings

PICTO = re.compile(r"\{picto:([^}]*)\}")
IDEA = re.compile(r'<(p|li)>\s*(<img class="cs-idea__picto")')
SIZE = 64


def available(settings) -> list[str]:
    """Names of the pictograms of the theme (file names without .svg)."""
    folder = Path(publishing_settings(settings)["PUBLISHING_PICTOS"])
    static = Path(settings["THEME"], "static", folder.relative_to(settings["THEME_STATIC_DIR"]))
    return sorted(p.stem for p in static.glob("*.svg"))


def render(html: str, prefix: str, settings) -> str:
    """Replace {picto:…} in html by the theme's pictograms; prefix leads to the site root."""

    folder = publishing_settings(settings)["PUBLISHING_PICTOS"]
    names = available(settings)
    unknown = sorted({m for m in PICTO.findall(html) if m not in names})
    if unknown:
        raise PublishingError(
            f"pictogramme(s) inconnu(s) : {', '.join(unknown)} ; "
            f"pictogrammes disponibles : {', '.join(names) or 'aucun'}."
        )

    def image(match):
        src = site_link(settings, prefix, f"{folder}/{match[1]}.svg")
        return f'<img class="cs-idea__picto" src="{src}" alt="" width="{SIZE}" height="{SIZE}">'

    html = PICTO.sub(image, html)
    # A pictogram sits in the margin of the paragraph or item it starts.
    return IDEA.sub(r'<\1 class="cs-idea">\2', html)


def replace(content):
    """content_object_init receiver: render the pictograms of a page or article."""
    html = getattr(content, "_content", None)
    if not html or "{picto:" not in html:
        return
    settings = content.settings
    prefix = (
        get_relative_path(content.save_as) if settings["RELATIVE_URLS"] else settings["SITEURL"]
    )
    try:
        content._content = render(html, prefix, settings)
    except PublishingError as error:
        raise PublishingError(f"{content.source_path} : {error}") from None
