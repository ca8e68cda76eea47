"""Site-wide helpers: template filters, the stylesheet bundle and text placeholders."""

from pelican import signals

from . import bundle, filters, placeholders


def register():
    """Connect the site-wide helpers to Pelican."""
    signals.generator_init.connect(filters.install)
    signals.get_generators.connect(bundle.get_generators)
    signals.all_generators_finalized.connect(placeholders.replace_all)
