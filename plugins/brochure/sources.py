"""What the brochure quotes from the Markdown pages: a summary and the steps.

The pages are read before sitekit replaces their {chiffre:…} placeholders (that happens
once every generator has its context), so placeholders are filled here from the same
values, by the same substitution (plugins/coopsoc/placeholders.py). Page.content and
Page.summary are memoized by Pelican: reading them now would freeze the placeholders in
the site's pages, so only the raw text is read.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

from markupsafe import Markup

from .settings import BrochureError


@dataclass(frozen=True)
class Step:
    """One step of working with COOPSOC: a short title and its explanation."""

    titre: str
    texte: str


@dataclass(frozen=True)
class Sources:
    """The texts the brochure takes from the pages."""

    presentation: str
    steps: tuple[Step, ...]


class _OrderedList(HTMLParser):
    """Collect the items of the first <ol>: (text in <strong>, the rest)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items = []
        self._depth = 0
        self._done = False
        self._strong = False

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        if tag == "ol":
            self._depth += 1
        elif tag == "li" and self._depth == 1:
            self.items.append(["", ""])
        elif tag == "strong" and self.items:
            self._strong = True

    def handle_endtag(self, tag):
        if tag == "ol" and self._depth:
            self._depth -= 1
            self._done = self._depth == 0
        elif tag == "strong":
            self._strong = False

    def handle_data(self, data):
        if self._depth and self.items and not self._done:
            self.items[-1][0 if self._strong else 1] += data


def _plain(html: str) -> str:
    return " ".join(Markup(html).striptags().split())


def _page(pages, slug):
    for page in pages:
        if page.slug == slug:
            return page
    raise BrochureError(f"Plaquette : la page « {slug} » est introuvable dans content/pages/.")


def read_sources(pages, options: dict, fill_text) -> Sources:
    """Read the summary and the steps the brochure quotes."""
    presentation = _page(pages, options["BROCHURE_PRESENTATION_PAGE"])
    if "summary" not in presentation.metadata:
        raise BrochureError(
            f"Plaquette : {presentation.relative_source_path} n’a pas de résumé "
            "(ligne « Summary: ») ; la plaquette le reprend."
        )
    steps_page = _page(pages, options["BROCHURE_STEPS_PAGE"])
    parser = _OrderedList()
    parser.feed(steps_page._content)  # raw text: see the module docstring
    steps = tuple(
        Step(titre=" ".join(fill_text(titre).split()), texte=" ".join(fill_text(texte).split()))
        for titre, texte in parser.items
    )
    if not 2 <= len(steps) <= 6:
        raise BrochureError(
            f"Plaquette : {steps_page.relative_source_path} doit contenir une liste numérotée "
            f"de 2 à 6 étapes (« 1. **Titre.** Explication »), {len(steps)} trouvée(s)."
        )
    return Sources(
        presentation=fill_text(_plain(presentation.metadata["summary"])),
        steps=steps,
    )
