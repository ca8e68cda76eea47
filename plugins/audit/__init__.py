"""The accessibility audit: the grid of data/audit-rgaa.yaml published as a page, and the
figures the statement and the footer show (AUDIT), computed from it."""


def register():
    """Hand the audit's generator to Pelican (imported only when it runs)."""
    from pelican import signals

    signals.get_generators.connect(_get_generators)


def _get_generators(pelican):
    from .generator import AuditGenerator

    return AuditGenerator
