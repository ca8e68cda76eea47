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
