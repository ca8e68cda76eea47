"""The editor's configuration (config.yml), written at each build from the project itself.

Data collections come from the directory's field table (schema.py) and their choices
from the data just loaded; pages and news are Pelican Markdown files, read and written
by the editor's « pelican » format (editor/pelican.js), their bodies edited raw so that
an untouched body is saved byte for byte.
"""

from __future__ import annotations

import os
from pathlib import Path

from plugins.coopsoc.datafiles import HISTORY_FILE, data_path
from plugins.coopsoc.directory.fields import (
    ASSOCIATION,
    COMMUNE,
    ESTABLISHMENT,
    EVENT,
    TRADE,
    TRADES_FILE,
    Table,
)
from plugins.coopsoc.directory.loader import (
    ASSOCIATIONS_FILE,
    ESTABLISHMENTS_FILE,
)
from plugins.coopsoc.directory.loader import TRADES_FILE as TRADES_FILE_NAME

from .schema import SLUG_PATTERN, Choices, editor_field, entries_widget

# The data files the editor changes: collection name, label, file, table, and whether the
# file is a list of entries (else a mapping of the table's fields).
DATA_COLLECTIONS = (
    ("etablissements", "Établissements", ESTABLISHMENTS_FILE, ESTABLISHMENT, True),
    ("associations", "Associations", ASSOCIATIONS_FILE, ASSOCIATION, True),
    ("metiers", "Filières et métiers", TRADES_FILE_NAME, TRADES_FILE, False),
    ("histoire", "Histoire", HISTORY_FILE, EVENT, True),
)
# The headers of pages and news the editor shows; every other header line is kept as
# written (editor/pelican.js).
TITLE = {"name": "Title", "label": "Titre", "widget": "string", "required": True}
SUMMARY = {
    "name": "Summary",
    "label": "Résumé",
    "widget": "text",
    "required": True,
    "hint": "Une ou deux phrases, reprises par les moteurs de recherche et dans les listes.",
}
DATE = {
    "name": "Date",
    "label": "Date",
    "widget": "string",
    "required": True,
    "pattern": ["^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "Une date AAAA-MM-JJ, par exemple 2026-11-26."],
}
SLUG = {
    "name": "Slug",
    "label": "Adresse",
    "widget": "string",
    "required": True,
    "hint": "La fin de l’adresse de l’actualité : actualites/<adresse>/.",
    "pattern": SLUG_PATTERN,
}
BODY = {
    "name": "body",
    "label": "Texte",
    "widget": "markdown",
    # Raw Markdown only: the rich-text mode rewrites untouched text (`*[ESAT]:` became
    # `\*[ESAT]:`), and the pages' {chiffre:…} placeholders must stay as typed.
    "modes": ["raw"],
    "required": True,
}
HEADERS = {"name": "headers", "widget": "hidden", "default": ""}
PAGE_FIELDS = (HEADERS, TITLE, SUMMARY, BODY)
NEWS_FIELDS = (HEADERS, TITLE, DATE, SLUG, SUMMARY, BODY)


def choices(directory) -> Choices:
    """Return the choices of each referenced table, read from the loaded directory."""
    trades = [
        (trade.id, f"{filiere.nom} — {trade.nom}")
        for filiere in directory.filieres
        for trade in filiere.trades
    ]
    return Choices(
        {
            ASSOCIATION: tuple((a.id, a.nom) for a in directory.associations),
            COMMUNE: tuple((c.nom, c.nom) for c in directory.communes),
            TRADE: tuple(trades),
        }
    )


def _repository_path(root: Path, path: Path) -> str:
    """Return a file's path from the repository root, as the editor names it."""
    return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()


def data_collection(name, label, path, table: Table, is_list, options) -> dict:
    """Return the collection of one data file: one form holding the whole file."""
    if is_list:
        fields = [{"name": name, "label": label, **entries_widget(table, options, root=True)}]
    else:
        fields = [editor_field(field, options) for field in table.fields]
    entry = {"name": name, "label": label, "file": path, "fields": fields}
    collection = {"name": name, "label": label, "files": [entry]}
    return collection


def page_collection(name, label, folder: str, fields, create: bool) -> dict:
    """Return a folder of Pelican Markdown files, read with the « pelican » format."""
    return {
        "name": name,
        "label": label,
        "folder": folder,
        "extension": "md",
        "format": "pelican-frontmatter",
        "identifier_field": "Title",
        "summary": "{{Title}}",
        "slug": "{{fields.Slug}}" if create else "{{slug}}",
        "create": create,
        "delete": False,
        "sortable_fields": ["Title"],
        "fields": list(fields),
    }


def editor_config(settings, directory, backend: dict, publish_mode: str) -> dict:
    """Return the editor's whole configuration."""
    root = Path(settings["PATH"]).parent
    options = choices(directory)
    collections = []
    for name, label, file, table, is_list in DATA_COLLECTIONS:
        path = _repository_path(root, data_path(settings, file))
        collections.append(data_collection(name, label, path, table, is_list, options))
    content = _repository_path(root, Path(settings["PATH"]))
    collections.append(
        page_collection("pages", "Pages", f"{content}/pages", PAGE_FIELDS, create=False)
    )
    collections.append(
        page_collection("actualites", "Actualités", f"{content}/articles", NEWS_FIELDS, True)
    )
    config = {
        "backend": dict(backend),
        "publish_mode": publish_mode,
        "media_folder": f"{content}/extra",
        "output": {
            # An empty optional field is left out: `certifications: []` would be refused.
            "omit_empty_optional_fields": True,
            # Every text quoted: the site reads YAML 1.1, where an unquoted yes, 1965-07-29
            # or 012 is not text, and the editor writes YAML 1.2, where they are.
            "yaml": {"quote": "double", "indent_size": 2, "indent_sequences": True},
        },
        "collections": collections,
    }
    siteurl = settings.get("SITEURL", "")
    if siteurl.startswith(("https://", "http://")):
        config["site_url"] = siteurl
    return config
