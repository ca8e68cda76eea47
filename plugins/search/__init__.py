"""Site search: whoosh indexes at build time, the browser searches a compact export."""


def register():
    """Hand the search generator to Pelican (whoosh is imported only when indexing)."""
    from pelican import signals

    from . import generator

    signals.get_generators.connect(generator.get_generators)
    signals.all_generators_finalized.connect(generator.start_indexing)
