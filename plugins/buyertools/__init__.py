"""Buyer tools: the request form, the contribution simulator and the establishments map."""


def register():
    """Hand the buyer tools' generator to Pelican (imported only when it runs)."""
    from pelican import signals

    signals.get_generators.connect(_get_generators)


def _get_generators(pelican):
    from .generator import BuyerToolsGenerator

    return BuyerToolsGenerator
