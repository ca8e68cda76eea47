"""Concatenate the theme's stylesheets into one file: one request per page."""

from pathlib import Path

from plugins.coopsoc.context import provide
from plugins.coopsoc.output import write_text

# Output path of the bundle, relative to the output folder.
BUNDLE_PATH = "theme/css/site.css"


class StylesheetBundleGenerator:
    """Join theme/css/*.css, in file-name order, into a single stylesheet."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.sources = sorted(Path(theme, "css").glob("*.css"))
        self.output_path = Path(output_path)
        self.context = context

    def generate_context(self):
        """Read the stylesheets and publish the bundle's path to the templates."""
        parts = [f"/* {p.name} */\n{p.read_text(encoding='utf-8').strip()}\n" for p in self.sources]
        self.css = "\n".join(parts)
        provide(self.context, "STYLESHEET", BUNDLE_PATH, by="sitekit")

    def generate_output(self, writer):
        """Write the bundle."""
        write_text(self.output_path, BUNDLE_PATH, self.css)


def get_generators(pelican):
    """Hand the bundle generator to Pelican."""
    return StylesheetBundleGenerator
