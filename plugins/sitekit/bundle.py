"""Concatenate the theme's stylesheets into one file: one request per page."""

import re
from pathlib import Path

from plugins.coopsoc.context import provide
from plugins.coopsoc.output import write_text

# Output path of the bundle, relative to the output folder.
BUNDLE_PATH = "theme/css/site.css"
# The sources name the theme's static files where they are in the theme folder, as seen from
# theme/css/ (url("../static/fonts/…")), so that the brochure's stylesheet can import them as
# they are. The bundle is published in theme/css/ beside those files (THEME_STATIC_DIR):
# url("../fonts/…").
STATIC_FROM_SOURCES = 'url("../static/'
STATIC_FROM_BUNDLE = 'url("../'
# The sources' comments explain them to their readers; visitors would only download them
# (every page stays under its weight budget, tests/test_budgets.py). Each part of the bundle
# keeps the name of its source file.
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


class StylesheetBundleGenerator:
    """Join theme/css/*.css, in file-name order, into a single stylesheet."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.sources = sorted(Path(theme, "css").glob("*.css"))
        self.output_path = Path(output_path)
        self.context = context

    def generate_context(self):
        """Read the stylesheets and publish the bundle's path to the templates."""
        parts = [f"/* {p.name} */\n{self._read(p)}\n" for p in self.sources]
        self.css = "\n".join(parts)
        provide(self.context, "STYLESHEET", BUNDLE_PATH, by="sitekit")

    @staticmethod
    def _read(source):
        """Return a stylesheet's rules for the bundle: no comments, no blank lines."""
        text = COMMENT.sub("", source.read_text(encoding="utf-8"))
        lines = (line.rstrip() for line in text.splitlines())
        return "\n".join(line for line in lines if line).replace(
            STATIC_FROM_SOURCES, STATIC_FROM_BUNDLE
        )

    def generate_output(self, writer):
        """Write the bundle."""
        write_text(self.output_path, BUNDLE_PATH, self.css)


def get_generators(pelican):
    """Hand the bundle generator to Pelican."""
    return StylesheetBundleGenerator
