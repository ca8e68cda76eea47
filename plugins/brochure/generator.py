"""The brochure generator: render the PDF while the context is built, write it afterwards.

generate_context starts rendering the PDF in memory; collect (once every context is final)
waits for it and publishes its real size (BROCHURE), so that every page written later can
show it; generate_output writes the PDF and the HTML version. Between the two, the search
starts its indexing (PLUGINS names it first): it runs while the PDF is rendered.
"""

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pelican.generators import Generator

from plugins.coopsoc.context import provide, require
from plugins.coopsoc.memo import digest, enabled, remember_later
from plugins.coopsoc.output import write_bytes, write_page
from plugins.coopsoc.placeholders import replacement_tables, substitute
from plugins.coopsoc.text import NARROW_NBSP, NBSP, file_size
from plugins.coopsoc.typography import typeset_html

from . import warm
from .render import theme_files
from .settings import BrochureError, brochure_settings
from .sources import read_sources

REQUIRED_CONTEXT = ("DIRECTORY", "FIGURES", "OETH")


@dataclass(frozen=True)
class Brochure:
    """The built brochure, as templates see it (BROCHURE)."""

    path: str
    page_path: str
    size: int
    size_label: str
    page_count: int


class BrochureGenerator(Generator):
    """Render the brochure from the directory's data and the pages, then write it."""

    def generate_context(self):
        """Start rendering the PDF in memory (collect publishes BROCHURE to the templates)."""

        self.options = brochure_settings(self.settings)
        # The brochure shows what other generators publish: the directory (DIRECTORY,
        # FIGURES) and the employment-obligation rules of data/oeth.yaml (OETH).
        for name in REQUIRED_CONTEXT:
            require(self.context, name, by="brochure")
        provide(
            self.context,
            "BROCHURE_NAMES_MEMBERS",
            len(self.context["DIRECTORY"].establishments) <= self.options["BROCHURE_MEMBERS_MAX"],
            by="brochure",
        )
        self.sources = self._read_sources()
        self.rendering = self._render()
        page_path = self.options["BROCHURE_PAGE_PATH"]
        provide(self.context, "SECTIONS", {"plaquette": page_path}, by="brochure")

    def collect(self):
        """Wait for the PDF, check its size, and publish BROCHURE (path, size)."""
        self.pdf, page_count = self.rendering.result()
        budget = self.options["BROCHURE_MAX_BYTES"]
        if len(self.pdf) > budget:
            raise BrochureError(
                f"Plaquette : {len(self.pdf)} octets, au-delà du budget de {budget} octets "
                "(réglage BROCHURE_MAX_BYTES)."
            )
        self.brochure = Brochure(
            path=self.options["BROCHURE_PATH"],
            page_path=self.options["BROCHURE_PAGE_PATH"],
            size=len(self.pdf),
            size_label=file_size(len(self.pdf)),
            page_count=page_count,
        )
        provide(self.context, "BROCHURE", self.brochure, by="brochure")

    def _read_sources(self):
        """Read what the brochure quotes from the pages, placeholders filled in."""

        pages = [*self.context.get("pages", ()), *self.context.get("hidden_pages", ())]
        # {chiffre:…} and {contact:…} only: an unknown one is left, sitekit reports it
        # with its file and line.
        tables = replacement_tables(self.context["FIGURES"], self.context.get("COOPSOC", {}))
        fill_text = partial(substitute, tables=tables)
        return read_sources(pages, self.options, fill_text)

    def _render(self):
        """Start rendering the PDF template to bytes; return what gives them and the page
        count (result())."""

        html = self.get_template(self.options["BROCHURE_TEMPLATE"]).render(
            {
                **self.context,
                "brochure": self.sources,
                "stylesheet": self.options["BROCHURE_STYLESHEET"],
                "pdf": True,
            }
        )
        # French typography, as on the site's pages (sitekit.typography). The font's latin
        # subset has no narrow no-break space (U+202F, the fine of the thousands and before
        # « ; ! ? »): without the replacement, a system font would fill in for it.
        html = typeset_html(html).replace(NARROW_NBSP, NBSP)
        # The template names its stylesheet and images from the theme folder.
        theme = Path(self.theme).resolve()
        inputs = (
            html,
            str(theme),
            self.options["BROCHURE_TITLE"],
            self.options["BROCHURE_AUTHOR"],
            self.settings["BUILD_DATE"],
        )
        if not enabled(self.settings):
            return warm.render_later(*inputs)
        # In the preview, the PDF of the same HTML and theme files is not rendered again;
        # after an edit, the previous PDF is shown until the new one is ready.
        key = partial(_digest_with_theme, inputs, theme)
        return warm.Ready(remember_later(self.settings, "brochure", key, warm.render, *inputs))

    def generate_output(self, writer):
        """Write the PDF and its HTML version."""
        write_bytes(self.output_path, self.brochure.path, self.pdf)
        write_page(
            writer,
            self,
            self.brochure.page_path,
            self.options["BROCHURE_PAGE_TEMPLATE"],
            brochure=self.sources,
            pdf=False,
        )


def _digest_with_theme(inputs: tuple, theme: Path) -> str:
    return digest(*inputs, theme_files(theme))


def collect(generators) -> None:
    """Receiver of all_generators_finalized: the brochure generator's PDF is awaited."""
    for generator in generators:
        if isinstance(generator, BrochureGenerator):
            generator.collect()
