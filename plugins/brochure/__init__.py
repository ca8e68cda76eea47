"""The brochure (plaquette): a tagged PDF built from the same sources as the site."""


def register():
    """Hand the brochure generator to Pelican (WeasyPrint is imported only when it runs)."""
    from pelican import signals

    signals.get_generators.connect(_get_generators)


def _get_generators(pelican):
    from .generator import BrochureGenerator

    return BrochureGenerator
