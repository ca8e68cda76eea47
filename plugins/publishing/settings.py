"""The publishing plugin's settings: every PUBLISHING_* setting and its default, in one place."""

from plugins.coopsoc.settings import prefixed_settings

DEFAULTS = {
    # Every file written under this output folder gets a content hash in its name
    # (site.css → site.1a2b3c4d.css), so hosts may cache it for a year. False: keep names.
    "PUBLISHING_FINGERPRINT_FOLDER": "theme",
    # Paths (from the output root, shell wildcards allowed) that keep their name.
    "PUBLISHING_FINGERPRINT_EXCLUDE": (),
    # Scripts (output paths, shell wildcards allowed) sent without their comments
    # (scripts.py): the source keeps them. Empty: every script as written.
    "PUBLISHING_STRIP_COMMENTS": ("theme/js/*.js",),
    # Cut the web fonts down to the characters the site shows, plus a complement loaded only
    # where needed (fonts.py). False: send the theme's fonts as they are.
    "PUBLISHING_SUBSET_FONTS": True,
    # Pages left out of sitemap.xml, with no canonical address and marked noindex.
    "PUBLISHING_NOINDEX": ("404.html",),
    # Folders robots.txt asks crawlers to leave alone (paths from the site root).
    "PUBLISHING_DISALLOW": (),
    # Host configuration files copied into the output: source (from the project root,
    # the folder holding content/) → path in the output. Production only.
    "PUBLISHING_HOST_FILES": {},
    # The image shown when a page is shared (Open Graph), 1200 × 630 pixels.
    "PUBLISHING_SHARE_IMAGE": "theme/images/partage.png",
    "PUBLISHING_SHARE_IMAGE_ALT": "COOPSOC, Association pour la Coopération Sociale",
    # Folder of the pictograms that `![](picto:nom)` in a page refers to (output path).
    "PUBLISHING_PICTOS": "theme/images/pictos",
    # Pages carrying the schema.org description of the association and of the catalogue.
    "PUBLISHING_ORGANIZATION_PAGE": "index.html",
    # The association's description lists its members up to this many establishments;
    # beyond, each establishment's page alone says it is a member (memberOf), so that the
    # home page stays light when the directory grows.
    "PUBLISHING_MEMBERS_LISTED_MAX": 150,
    "PUBLISHING_CATALOGUE_PAGE": "metiers/index.html",
    # Refuse to build while a placeholder remains (readiness.py). Production only.
    "PUBLISHING_REFUSE_PLACEHOLDERS": False,
    # A demonstration site: publish anyway, the placeholders listed as warnings.
    "PUBLISHING_DEMONSTRATION": False,
}


class PublishingError(Exception):
    """The site cannot be published as configured; the message says why, in French."""


def publishing_settings(settings) -> dict:
    """Return every PUBLISHING_* setting, defaults filled in; reject unknown names."""

    return prefixed_settings(
        settings, DEFAULTS, prefix="PUBLISHING_", label="Publication", error=PublishingError
    )


def absolute_siteurl(settings) -> str | None:
    """Return SITEURL without its final slash when it is absolute (production), else None."""
    siteurl = settings.get("SITEURL", "")
    if siteurl.startswith(("https://", "http://")):
        return siteurl.rstrip("/")
    return None
