"""Site-wide helpers: template filters, templates compiled once, the stylesheet bundle, text
placeholders and French typography on every page and feed written."""

from pelican import signals

from plugins.coopsoc import typography
from plugins.coopsoc.output import filter_pages, rework_written_file

from . import bundle, compiled, filters, placeholders


def register():
    """Connect the site-wide helpers to Pelican."""
    signals.generator_init.connect(filters.install)
    signals.generator_init.connect(compiled.install)
    signals.get_generators.connect(bundle.get_generators)
    signals.all_generators_finalized.connect(placeholders.replace_all)
    # Pages written by plugins are typeset before they are written; Pelican's own, after.
    filter_pages(typography.typeset_html, piece=typography.prepare_piece)
    signals.content_written.connect(rework_written_file(typography.typeset_written_file))
    signals.feed_generated.connect(typography.typeset_feed)
