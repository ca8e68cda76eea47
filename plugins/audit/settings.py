"""The audit's settings: every AUDIT_* setting and its default, in one place."""

from plugins.coopsoc.settings import prefixed_settings

DEFAULTS = {
    # The published grid, from the site root.
    "AUDIT_PATH": "accessibilite/audit/",
    # The accessibility statement (content/pages/accessibilite.md), from the site root: its
    # footer link carries the status computed from the grid.
    "AUDIT_STATEMENT_PATH": "accessibilite/",
}


class AuditSettingsError(Exception):
    """A setting of the audit is unknown; the message says which, in French."""


def audit_settings(settings) -> dict:
    """Return every AUDIT_* setting, defaults filled in; refuse unknown names."""
    return prefixed_settings(
        settings, DEFAULTS, prefix="AUDIT_", label="Audit d’accessibilité", error=AuditSettingsError
    )
