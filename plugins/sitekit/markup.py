"""Markdown written by the staff in YAML, rendered as HTML that cannot carry markup.

Raw HTML is escaped before Markdown sees it, and links may only point to http(s),
mailto or a path of the site: a `<script>` or a `javascript:` link typed in a
presentation is shown as text, never run.
"""

import re
from html import escape
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_URL = re.compile(r"^(https?:|mailto:|[^:]*$)", re.IGNORECASE)


class _SafeLinks(Treeprocessor):
    """Drop the href of links (and the src of images) with a dangerous scheme."""

    def run(self, root: Element):
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not SAFE_URL.match(value.strip()):
                    del element.attrib[attribute]


class _SafeLinksExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_SafeLinks(md), "coopsoc_safe_links", 0)


class MarkdownRenderer:
    """Render staff Markdown safely; one instance is reused for every text."""

    def __init__(self, shift_headings: int = 2):
        self.md = markdown.Markdown(
            extensions=["extra", "smarty", _SafeLinksExtension()],
            extension_configs={
                "smarty": {
                    "substitutions": {
                        "left-angle-quote": "«&#160;",
                        "right-angle-quote": "&#160;»",
                    }
                }
            },
            output_format="html",
        )
        self.shift = shift_headings

    def __call__(self, text: str) -> Markup:
        """Return the HTML of a Markdown text, headings shifted under the page's own."""
        html = self.md.reset().convert(escape(text, quote=False))
        if self.shift:
            html = re.sub(
                r"<(/?)h([1-6])\b",
                lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + self.shift, 6)}",
                html,
            )
        return Markup(html)
