"""Write /admin/: its page, its generated configuration and the editor's files."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import yaml

from plugins.coopsoc.context import require
from plugins.coopsoc.memo import digest, remember
from plugins.coopsoc.output import write_bytes, write_text

from .bundle import bundle_files, editor_bundle
from .config import editor_config
from .settings import admin_settings

# The project's root, where npm installs node_modules/ (whatever content folder PATH names).
PROJECT = Path(__file__).resolve().parents[2]
# The editor's own folder under /admin/ (its code, fonts, icons and translations).
CODE = "editeur"
PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Modifier le site – COOPSOC</title>
<link rel="cms-config-url" type="application/yaml" href="config.yml">
<script type="module" src="{code}/main.js"></script>
</head>
<body>
<noscript><p>L’éditeur du site demande JavaScript : activez-le dans votre navigateur,
ou modifiez les fichiers comme l’explique docs/GUIDE_EDITEURS.md.</p></noscript>
</body>
</html>
"""
HEADER = (
    "# Configuration de l’éditeur /admin/, écrite à chaque construction du site par\n"
    "# plugins/admin/ à partir de plugins/coopsoc/directory/fields.py et des données :\n"
    "# ne la modifiez pas ici.\n"
)


class _Dumper(yaml.SafeDumper):
    """Write a value used twice (a shared pattern) twice, without YAML anchors."""

    def ignore_aliases(self, data):
        return True


def config_yaml(config: dict) -> str:
    """Return the configuration as YAML, in the order it was built."""
    text = yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return HEADER + text


class AdminGenerator:
    """Prepare the editor's configuration from the directory, then write /admin/."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = Path(output_path)

    def generate_context(self):
        """Build the configuration and find (or make) the editor's bundle; write nothing."""
        options = admin_settings(self.settings)
        directory = require(self.context, "DIRECTORY", by="admin")
        self.folder = options["ADMIN_PATH"].strip("/")
        self.config = editor_config(
            self.settings, directory, options["ADMIN_BACKEND"], options["ADMIN_PUBLISH_MODE"]
        )
        self.bundle = editor_bundle(PROJECT)

    def generate_output(self, writer):
        """Write the page, config.yml and the editor's files."""
        write_text(self.output_path, f"{self.folder}/index.html", PAGE.format(code=CODE))
        # In the preview, the same configuration is not written out as YAML again.
        text = remember(
            self.settings, "admin", partial(digest, self.config), partial(config_yaml, self.config)
        )
        write_text(self.output_path, f"{self.folder}/config.yml", text)
        for source in bundle_files(self.bundle):
            relative = source.relative_to(self.bundle).as_posix()
            write_bytes(self.output_path, f"{self.folder}/{CODE}/{relative}", source.read_bytes())
