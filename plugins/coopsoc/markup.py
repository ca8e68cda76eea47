"""Markdown written by the staff in YAML, rendered as HTML that cannot carry markup.

Raw HTML is escaped before Markdown sees it, links may only point to http(s), mailto
or a path of the site, images only to a path of the site, and elements keep only the
attributes Markdown itself writes: a `<script>`, a `javascript:` link or an
`{: onclick=… }` typed in a presentation is shown as text, never run.
"""

import re
from functools import partial
from html import escape
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .memo import digest, remember

# A fragment (#fn:1, a footnote) may hold a colon: it never leaves the page.
SAFE_URL = re.compile(r"^(https?:|mailto:|#|[^:]*$)", re.IGNORECASE)
# Images come from the site itself: the CSP (default-src 'self') would block others.
SAFE_SOURCE = re.compile(r"^[^:]*$")
# "extra" without attr_list: that one lets a text set any attribute (onclick, style, id).
EXTENSIONS = ("abbr", "def_list", "fenced_code", "footnotes", "tables")
# Attributes the extensions above write (links, images, abbreviations, footnotes, code
# languages); any other is dropped, so no on… handler or style can reach the page.
ALLOWED_ATTRIBUTES = frozenset({"href", "src", "alt", "title", "id", "class"})


class _SafeLinks(Treeprocessor):
    """Drop unexpected attributes, and links or images with a dangerous address."""

    def run(self, root: Element):
        for element in root.iter():
            for attribute in list(element.attrib):
                if attribute.lower() not in ALLOWED_ATTRIBUTES:
                    del element.attrib[attribute]
            href = element.get("href")
            if href is not None and not SAFE_URL.match(href.strip()):
                del element.attrib["href"]
            src = element.get("src")
            if src is not None and not SAFE_SOURCE.match(src.strip()):
                # An img must have a src: the image is replaced by its text alternative.
                alt = element.get("alt", "")
                element.attrib.clear()
                element.tag, element.text = "span", alt


class _SafeLinksExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_SafeLinks(md), "coopsoc_safe_links", 0)


class MarkdownRenderer:
    """Render staff Markdown safely; one instance is reused for every text."""

    def __init__(self, shift_headings: int = 2, settings=None):
        self.md = markdown.Markdown(
            extensions=[*EXTENSIONS, "smarty", _SafeLinksExtension()],
            extension_configs={
                "footnotes": {"BACKLINK_TITLE": "Revenir à l’appel de note %d"},
                "smarty": {
                    "substitutions": {
                        "left-angle-quote": "«&#160;",
                        "right-angle-quote": "&#160;»",
                    }
                },
            },
            output_format="html",
        )
        self.shift = shift_headings
        self.settings = settings or {}

    def __call__(self, text: str) -> Markup:
        """Return the HTML of a Markdown text, headings shifted under the page's own."""
        # In the preview, a text rendered in an earlier build is not rendered again.
        step = f"markdown-{self.shift}"
        return remember(self.settings, step, partial(digest, text), partial(self._render, text))

    def _render(self, text: str) -> Markup:
        html = self.md.reset().convert(escape(text, quote=False))
        if self.shift:
            html = re.sub(
                r"<(/?)h([1-6])\b",
                lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + self.shift, 6)}",
                html,
            )
        return Markup(html)
