"""The directory of member establishments, trades and filières, from data/*.yaml."""


def register():
    """Hand the directory generator to Pelican (imported here: `make check` stays light)."""
    from pelican import signals

    signals.get_generators.connect(_get_generators)


def _get_generators(pelican):
    from .generator import DirectoryGenerator

    return DirectoryGenerator
