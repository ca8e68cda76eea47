"""Read and check the YAML files entry by entry, as their field tables say, before linking."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from plugins.coopsoc.data.problems import FileReport
from plugins.coopsoc.data.schema import Entry
from plugins.coopsoc.data.values import day, siret
from plugins.coopsoc.data.yamlnodes import Mapping, Sequence, read_root
from plugins.coopsoc.text import definite, shorten, with_de

from .fields import ASSOCIATION, ESTABLISHMENT, TRADES_FILE, Field, Kind, Table
from .photos import PHOTOS_FOLDER, read_photos

# Folders the site writes beside the establishments' pages (/etablissements/<id>/):
# an establishment with one of these ids would take the address of a list page.
RESERVED_ESTABLISHMENT_IDS = {
    "type": "aux listes par type (/etablissements/type/esat/…)",
    "commune": "aux listes par commune (/etablissements/commune/aubagne/…)",
}
# The pages that continue the list of every establishment: /etablissements/page-2/…
_LIST_PAGE_ID = re.compile(r"page-[0-9]+")


@dataclass
class Draft:
    """An entry's checked values by YAML key (None where a value is unusable), before linking.

    A field of kind ENTRIES holds the drafts of its nested entries.
    """

    entry: Entry
    table: Table
    values: dict[str, object]


def read_fields(entry: Entry, table: Table, readers: dict | None = None) -> dict[str, object]:
    """Return the checked value of each field of a table, except nested entries.

    readers maps a kind to the function that reads it, for kinds only one file has.
    """
    values = {}
    for field in table.fields:
        if field.kind is Kind.ENTRIES:
            continue
        if not entry.has(field.key):
            # A missing required field was reported when the entry was read.
            values[field.key] = field.absent
        elif readers and field.kind in readers:
            values[field.key] = readers[field.kind](entry, field)
        else:
            values[field.key] = _READERS[field.kind](entry, field)
    return values


def _need(entry: Entry, field: Field) -> str | None:
    """Return a trade's « besoin », checked: one line, starting with its preposition."""
    need = entry.text(field.key)
    if need is None:
        return None
    line = entry.field_line(field.key)
    if not need.startswith(field.starts) or "\n" in need.strip() or need.rstrip().endswith("?"):
        entry.error(
            line,
            "formulation à revoir : elle complète « Un besoin … ? » et commence par « en », "
            "« de », « d’ », « du », « des » ou « pour », sur une ligne et sans point "
            f"d'interrogation (trouvé : « {shorten(need)} »)",
            field.key,
        )
        return None
    if len(need) > field.max_length:
        entry.error(
            line,
            f"formulation trop longue : {len(need)} caractères pour {field.max_length} au plus",
            field.key,
        )
        return None
    return need.strip()


def _list(entry: Entry, field: Field) -> list | None:
    """Return a list field's items: an optional list may be written empty, not a required one."""
    return entry.text_list(field.key, allow_empty=not field.required)


_READERS: dict[Kind, Callable[[Entry, Field], object]] = {
    Kind.ID: lambda entry, field: entry.slug(field.key),
    Kind.TEXT: lambda entry, field: entry.text(field.key),
    Kind.REFERENCE: lambda entry, field: entry.text(field.key),
    Kind.CHOICE: lambda entry, field: entry.choice(field.key, field.choices, field.unknown),
    Kind.INTEGER: lambda entry, field: entry.integer(field.key, field.minimum, field.maximum),
    Kind.BOOLEAN: lambda entry, field: entry.boolean(field.key),
    Kind.TEXTS: _list,
    Kind.REFERENCES: _list,
    Kind.NEED: _need,
    Kind.SIRET: lambda entry, field: siret(entry, field.key),
    Kind.DATE: lambda entry, field: day(entry, field.key),
}


class _Reader:
    """Read the entries of one file, sharing the ids of every level for duplicates."""

    def __init__(
        self,
        report: FileReport,
        check: Callable[[Entry, dict], None] | None = None,
        readers: dict | None = None,
    ):
        self.report = report
        self.check = check
        self.readers = readers
        self.ids = IdRegistry()

    def entries(self, nodes, table: Table, suffix: str = "") -> list[Draft]:
        """Return the drafts of the entry nodes given, numbered from 1."""
        drafts = []
        for number, node in enumerate(nodes, start=1):
            entry = Entry(
                node,
                number,
                self.report,
                required=table.required,
                optional=table.optional,
                suffix=suffix,
            )
            if entry.ok:
                drafts.append(self._draft(entry, table))
        return drafts

    def _draft(self, entry: Entry, table: Table) -> Draft:
        values = read_fields(entry, table, self.readers)
        if self.check is not None:
            self.check(entry, values)
        # The id is recorded before the nested entries, which may not reuse it.
        self.ids.add(entry, values["id"])
        suffix = f" {with_de(definite(table.noun, table.feminine))} « {entry.label} »"
        field = table.nested
        if field is not None:
            nodes = entry.items(field.key, allow_empty=False) or ()
            values[field.key] = self.entries(nodes, field.table, suffix)
        return Draft(entry, table, values)


def read_items(path: Path, report: FileReport, shape: str, first: str) -> tuple | None:
    """Return the items of a file that is a list, or None after saying why it is unusable.

    first tells what to add to an empty list.
    """
    root = read_root(path, report, Sequence, shape)
    if root is None:
        return None
    if not root.items:
        report.error(root.line, f"la liste est vide : ajoutez au moins {first}")
        return None
    return root.items


def _list_file(path: Path, report: FileReport) -> tuple | None:
    return read_items(
        path,
        report,
        "le fichier doit contenir une liste d'entrées, chacune commençant par « - id: … »",
        "une entrée « - id: … »",
    )


def read_associations(path: Path, report: FileReport) -> list[Draft] | None:
    """Return the associations' drafts, or None if the file is unusable."""
    items = _list_file(path, report)
    return None if items is None else _Reader(report).entries(items, ASSOCIATION)


def read_trades(path: Path, report: FileReport) -> tuple[list[Draft], list[Draft]] | None:
    """Return the drafts of filières and of trades, or None if the file is unusable."""
    shape = "le fichier doit commencer par la ligne « filieres: », suivie de la liste des filières"
    root = read_root(path, report, Mapping, shape)
    if root is None:
        return None
    top = Entry(root, None, report, required=TRADES_FILE.required)
    field = TRADES_FILE.nested
    filiere_nodes = top.items(field.key, allow_empty=False)
    if filiere_nodes is None:
        return None
    filieres = _Reader(report).entries(filiere_nodes, field.table)
    trades = field.table.nested.key
    return filieres, [trade for filiere in filieres for trade in filiere.values[trades]]


def read_establishments(path: Path, report: FileReport) -> list[Draft] | None:
    """Return the establishments' drafts, or None if the file is unusable."""
    items = _list_file(path, report)
    if items is None:
        return None
    folder = path.parent / PHOTOS_FOLDER
    readers = {Kind.PHOTOS: lambda entry, field: read_photos(entry, field, folder)}
    return _Reader(report, _reserved, readers).entries(items, ESTABLISHMENT)


def _reserved(entry: Entry, values: dict) -> None:
    """Refuse an establishment id that names a folder of list pages."""
    if values["id"] in RESERVED_ESTABLISHMENT_IDS:
        use = RESERVED_ESTABLISHMENT_IDS[values["id"]]
    elif _LIST_PAGE_ID.fullmatch(values["id"] or ""):
        use = "à la suite de la liste de tous les établissements"
    else:
        return
    entry.error(
        entry.field_line("id"),
        f"identifiant réservé « {values['id']} » : l'adresse /etablissements/"
        f"{values['id']}/ sert {use} ; choisissez "
        "un identifiant qui nomme l'établissement, par exemple « esat-… » ou « ea-… »",
        "id",
    )
    values["id"] = None


class IdRegistry:
    """Remember the ids of a file to report duplicates with the first one's line."""

    def __init__(self):
        self.first_line: dict[str, int] = {}

    def add(self, entry: Entry, value: str | None) -> None:
        """Record an entry's id, reporting it if already used."""
        if value is None:
            return
        line = entry.field_line("id")
        if value in self.first_line:
            entry.error(
                line,
                f"identifiant « {value} » déjà utilisé par l'entrée de la ligne "
                f"{self.first_line[value]} : chaque identifiant doit être unique",
                "id",
            )
        else:
            self.first_line[value] = line
