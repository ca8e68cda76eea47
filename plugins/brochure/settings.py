"""The brochure's settings: every BROCHURE_* setting and its default, in one place."""

from plugins.coopsoc.settings import prefixed_settings

# Output path of the PDF, from the site root.
BROCHURE_PATH = "plaquette/coopsoc-plaquette.pdf"
DEFAULTS = {
    "BROCHURE_PATH": BROCHURE_PATH,
    # The HTML version of the brochure (the accessible alternative), from the site root.
    "BROCHURE_PAGE_PATH": "plaquette/",
    # Jinja templates in theme/templates/: the PDF document and the web page.
    "BROCHURE_TEMPLATE": "brochure/document",
    "BROCHURE_PAGE_TEMPLATE": "brochure/page",
    # The print stylesheet, from the theme folder (not bundled with the site's CSS).
    "BROCHURE_STYLESHEET": "brochure/brochure.css",
    # Slugs of the pages the brochure quotes.
    "BROCHURE_PRESENTATION_PAGE": "qui-sommes-nous",
    "BROCHURE_STEPS_PAGE": "accueil",
    # Above this many establishments (a regional or national directory), the brochure
    # counts them by commune instead of naming each one: 4 to 8 pages must stay 4 to 8.
    "BROCHURE_MEMBERS_MAX": 150,
    # Size budget: the build fails above it (a brochure is sent by e-mail).
    "BROCHURE_MAX_BYTES": 1_000_000,
    # Metadata of the PDF (document title and author).
    "BROCHURE_TITLE": "COOPSOC – la plaquette",
    "BROCHURE_AUTHOR": "COOPSOC – Association pour la Coopération Sociale",
}


class BrochureError(Exception):
    """The brochure cannot be built; the message says why, in French."""


def brochure_settings(settings) -> dict:
    """Return every BROCHURE_* setting, defaults filled in; reject unknown names."""

    return prefixed_settings(
        settings, DEFAULTS, prefix="BROCHURE_", label="Plaquette", error=BrochureError
    )
