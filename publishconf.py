"""Production settings: absolute URLs and pretty addresses without index.html."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("COOPSOC_SITEURL", "https://www.example.org")
RELATIVE_URLS = False

URL_INDEX = ""
PAGE_URL = "{slug}/"
ARTICLE_URL = "actualites/{slug}/"

DELETE_OUTPUT_DIRECTORY = True

INDEX_URL = "actualites/"
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
]

# The news feed, linked from the <head> of every page.
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "actualites/atom.xml"

# Refuse to publish while a placeholder remains (contact details, addresses, pages marked
# "[… à compléter]", sample directory): plugins/publishing/readiness.py lists them. A
# demonstration site is published anyway with COOPSOC_DEMONSTRATION=1 (README.md,
# « Rien de provisoire en ligne »): the list is printed as warnings.
PUBLISHING_REFUSE_PLACEHOLDERS = True
PUBLISHING_DEMONSTRATION = os.environ.get("COOPSOC_DEMONSTRATION") == "1"

# Host configuration (see deploy/ and README.md, « Première mise en place d’un hébergement »).
PUBLISHING_HOST_FILES = {"deploy/.htaccess": ".htaccess", "deploy/_headers": "_headers"}

# gzip and brotli copies beside each text file, for the hosts that serve them as they are
# (Apache, nginx). pelican-precompress runs after every other step (see plugins/publishing).
PLUGINS = [*PLUGINS, "pelican.plugins.precompress"]  # noqa: F405
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
PRECOMPRESS_TEXT_EXTENSIONS = {
    ".atom",
    ".css",
    ".csv",
    ".geojson",
    ".html",
    ".js",
    ".json",
    ".svg",
    ".txt",
    ".webmanifest",
    ".xml",
}

# Preload the two font faces every page uses (no text reflow when they arrive); not in
# development, where the site may be opened from disk and a font preload is refused.
PRELOAD_FONTS = True
