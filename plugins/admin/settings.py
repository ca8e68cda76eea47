"""The admin plugin's settings: every ADMIN_* setting and its default, in one place."""

from plugins.coopsoc.settings import prefixed_settings

DEFAULTS = {
    # Output folder of the editor: the site's /admin/ page.
    "ADMIN_PATH": "admin",
    # Where the editor saves in production (README.md, « Modifier le site depuis le
    # navigateur »): the forge, the repository, its branch and the OAuth application.
    # On 127.0.0.1 (`make edit`) the editor offers the local working tree instead.
    # Forgejo and Gitea sign in with PKCE, no proxy; the address must also be in the
    # connect-src of /admin/'s policy (deploy/). GitLab checks a status page at another
    # origin, which the policy blocks (a console error, nothing else).
    "ADMIN_BACKEND": {
        "name": "gitea",
        "repo": "coopsoc/site",
        "branch": "main",
        "base_url": "https://codeberg.org",
        "api_root": "https://codeberg.org/api/v1",
        "app_id": "identifiant-de-l-application-oauth",
    },
    # "simple": each save is a commit on the branch; "editorial_workflow": each save is
    # a draft (a merge request) published after review (GitHub and GitLab only).
    "ADMIN_PUBLISH_MODE": "simple",
}


class AdminError(Exception):
    """The editor cannot be built as configured; the message says why, in French."""


def admin_settings(settings) -> dict:
    """Return every ADMIN_* setting, defaults filled in; reject unknown names."""
    return prefixed_settings(
        settings, DEFAULTS, prefix="ADMIN_", label="Éditeur /admin/", error=AdminError
    )
