"""Development settings: relative URLs, so that output/ also works opened from disk."""

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

AUTHOR = "COOPSOC"
SITENAME = "COOPSOC"
SITE_FULLNAME = "COOPSOC – Association pour la Coopération Sociale"
SITE_TAGLINE = "Le travail protégé et adapté des Bouches-du-Rhône, un seul interlocuteur"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["articles"]
STATIC_PATHS = ["extra"]
EXTRA_PATH_METADATA = {
    "extra/favicon.ico": {"path": "favicon.ico"},
    "extra/favicon.svg": {"path": "favicon.svg"},
}
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

# Opened from disk, a link to "page/" shows a folder listing: in development every
# link names its index.html. publishconf.py sets this to "" for pretty URLs.
URL_INDEX = "index.html"
PAGE_URL = "{slug}/" + URL_INDEX
PAGE_SAVE_AS = "{slug}/index.html"
ARTICLE_URL = "actualites/{slug}/" + URL_INDEX
ARTICLE_SAVE_AS = "actualites/{slug}/index.html"
# News (Actualités): the list of articles at actualites/, 10 a page (actualites/page/2/…).
INDEX_SAVE_AS = "actualites/index.html"
INDEX_URL = "actualites/" + URL_INDEX
DIRECT_TEMPLATES = ["index"]
PAGINATED_TEMPLATES = {"index": 10}
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/" + URL_INDEX, "{base_name}/page/{number}/index.html"),
]
for _kind in ("AUTHOR", "AUTHORS", "CATEGORY", "CATEGORIES", "TAG", "TAGS", "ARCHIVES"):
    globals()[f"{_kind}_SAVE_AS"] = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {
            "substitutions": {"left-angle-quote": "«&#160;", "right-angle-quote": "&#160;»"}
        },
    },
    "output_format": "html5",
}

# Templates escape every {{ value }}: a name typed in data/*.yaml is shown as text, never
# run as markup. Trusted HTML is marked as such (page.content|safe, rendered Markdown).
# Each build makes its own environments, so a template is read once per build: auto_reload
# would look at every template's file again for every page (tens of thousands of times).
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "auto_reload": False,
}

# Plugins are imported by one name only, as in code and tests: plugins.<name>, from the
# project root. Their order is the order of their receivers: docs/ARCHITECTURE.md.
PLUGIN_PATHS = ["."]
PLUGINS = [
    "plugins.sitekit",
    "plugins.directory",
    "plugins.search",
    "plugins.publishing",
    "plugins.buyertools",
    "plugins.brochure",
    "plugins.admin",
    "plugins.audit",
]
# The editor's page (plugins/admin), kept out of search engines.
PUBLISHING_DISALLOW = ("/admin/",)
# Compressed copies (pelican-precompress) are made in production only (publishconf.py):
# off here, even in a process where a production build has already loaded the plugin.
PRECOMPRESS_GZIP = PRECOMPRESS_BROTLI = PRECOMPRESS_ZOPFLI = PRECOMPRESS_ZSTANDARD = False

# The directory: YAML files validated before anything is written.
DIRECTORY_PATH = "data"
# Establishments on each page of a list (all, a type, a commune, a filière, a trade): a
# longer list continues on <list>/page-2/, page-3/…
DIRECTORY_LIST_PAGE_SIZE = 100
# History timeline (Histoire page), inside the DIRECTORY_PATH folder.
HISTORY_PATH = "history.yaml"
# Founding date of the association: years of know-how are computed from it.
FOUNDING_DATE = date(1965, 7, 29)


def _source_date() -> date:
    """Date of the sources, never the clock, so that two builds give the same bytes.

    SOURCE_DATE_EPOCH (reproducible-builds.org) wins; otherwise the date of the last
    commit; outside a git checkout, the date of the last edit of this file's rule.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).date()
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs"],
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            check=True,
        )
        return date.fromisoformat(result.stdout.strip())
    except (OSError, ValueError, subprocess.CalledProcessError):
        return date(2026, 11, 26)


# The date figures (years since founding) and documents are dated with.
BUILD_DATE = _source_date()

# The association's contact details, shown by the pages as {contact:…} (mentions légales,
# données personnelles, accessibilité, contact) and by the templates as COOPSOC.…
# Placeholders until the association fills them in: RFC 2606 reserves example.org for
# this purpose, and "[… à compléter]" marks a missing value. `make publish` refuses to
# publish while one remains (plugins/publishing/readiness.py).
COOPSOC = {
    "nom": "Association pour la Coopération Sociale (COOPSOC)",
    "email": "contact@example.org",
    "telephone": "[numéro de téléphone à compléter]",
    # Where letters are answered, and the registered office (LCEN, article 1-1).
    "adresse": "[adresse postale à compléter], Marseille",
    "siege": "[adresse du siège social à compléter], Marseille",
    # For an association, its legal representative (usually the president).
    "directeur_publication": "[nom de la personne à compléter], présidence de l’association",
    "hebergeur_nom": "[nom ou raison sociale de l’hébergeur à compléter]",
    "hebergeur_adresse": "[adresse de l’hébergeur à compléter]",
    "hebergeur_telephone": "[téléphone de l’hébergeur à compléter]",
    # How long requests are kept (RGPD, article 13.2.a): the association's choice. The CNIL
    # reference for business prospects is three years after the last contact.
    "duree_conservation": "[durée à compléter, par exemple trois ans après notre dernier échange]",
    # The answer delay COOPSOC commits to, as the request form states it: « sous … ».
    "delai_reponse": "[délai à compléter, par exemple deux jours ouvrés]",
}

# Font preloading: production only (publishconf.py), see theme/templates/base.html.
PRELOAD_FONTS = False

# Main navigation and footer links: (label, path from the site root). Templates
# turn a path into a URL with the `link` filter, which adds URL_INDEX.
NAVIGATION = [
    ("Accueil", ""),
    ("Qui sommes-nous ?", "qui-sommes-nous/"),
    ("Établissements", "etablissements/"),
    ("Métiers", "metiers/"),
    ("Obligation d’emploi", "obligation-d-emploi/"),
    ("Histoire", "histoire/"),
    ("Actualités", "actualites/"),
    ("Contact", "contact/"),
]
FOOTER_LINKS = [
    ("Mentions légales", "mentions-legales/"),
    ("Données personnelles", "donnees-personnelles/"),
    # Its text is « Accessibilité : » and the status computed from the audit grid
    # (data/audit-rgaa.yaml, plugins/audit): theme/templates/base.html writes it.
    ("Accessibilité", "accessibilite/"),
    ("Plan du site", "plan-du-site/"),
]
