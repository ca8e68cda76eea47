"""Development settings: relative URLs, so that output/ also works opened from disk."""

from datetime import date

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
INDEX_SAVE_AS = ""
DIRECT_TEMPLATES = []
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

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["sitekit", "directory"]

# The directory: YAML files validated before anything is written.
DIRECTORY_PATH = "data"
# History timeline (Histoire page).
HISTORY_PATH = "data/history.yaml"
# Founding date of the association: years of know-how are computed from it.
FOUNDING_DATE = date(1965, 7, 29)
# The date figures are computed for; fixed so that two builds give the same bytes.
# Staff update it when they publish (make html prints a reminder when it is old).
BUILD_DATE = date(2026, 11, 26)

# The association's contact details: placeholders to replace before publishing.
# RFC 2606 reserves example.org for this purpose.
COOPSOC = {
    "nom": "Association pour la Coopération Sociale (COOPSOC)",
    "email": "contact@example.org",
    "adresse": "[adresse postale à compléter], Marseille",
    "directeur_publication": "[nom de la personne à compléter], présidence de l’association",
    "hebergeur": "[nom, adresse et téléphone de l’hébergeur à compléter]",
}

# Main navigation and footer links: (label, path from the site root). Templates
# turn a path into a URL with the `link` filter, which adds URL_INDEX.
NAVIGATION = [
    ("Accueil", ""),
    ("Qui sommes-nous ?", "qui-sommes-nous/"),
    ("Établissements", "etablissements/"),
    ("Métiers", "metiers/"),
    ("Obligation d’emploi", "obligation-d-emploi/"),
    ("Histoire", "histoire/"),
    ("Contact", "contact/"),
]
FOOTER_LINKS = [
    ("Mentions légales", "mentions-legales/"),
    ("Accessibilité : non conforme", "accessibilite/"),
    ("Plan du site", "plan-du-site/"),
]
