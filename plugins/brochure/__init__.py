"""The brochure (plaquette): a tagged PDF built from the same sources as the site."""


def register():
    """Hand the brochure generator to Pelican (WeasyPrint is imported only when it runs)."""
    from pelican import signals

    from . import warm

    signals.get_generators.connect(_get_generators)
    # WeasyPrint loads in a forked process while the build reads its data.
    signals.initialized.connect(warm.start)
    # Once every context is final, the rendered PDF gives its size to the pages.
    signals.all_generators_finalized.connect(_collect)


def _get_generators(pelican):
    from .generator import BrochureGenerator

    return BrochureGenerator


def _collect(generators):
    from .generator import collect

    collect(generators)
