"""Read and check the three YAML files, entry by entry, before references are resolved."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plugins.coopsoc.data.problems import FileReport
from plugins.coopsoc.data.schema import Entry
from plugins.coopsoc.data.yamlnodes import Mapping, Sequence, describe, parse_yaml
from plugins.coopsoc.text import shorten

from .model import ESTABLISHMENT_TYPES

ASSOCIATION_FIELDS = ("id", "nom", "commune", "presentation")
FILIERE_FIELDS = ("id", "nom", "description", "metiers")
TRADE_FIELDS = ("id", "nom", "description")
TRADE_OPTIONAL = ("besoin",)
# « besoin » completes « Un besoin … ? » when « en » and the trade's name do not read well;
# it starts with the preposition the phrase needs.
NEED_STARTS = ("en ", "de ", "d’", "d'", "du ", "des ", "pour ")
NEED_MAX_LENGTH = 100
ESTABLISHMENT_FIELDS = (
    "id",
    "nom",
    "type",
    "association",
    "commune",
    "travailleurs",
    "metiers",
    "presentation",
    "moyens",
    "zone_intervention",
    "intervention_sur_site",
)
ESTABLISHMENT_OPTIONAL = ("certifications",)
# Folders the site writes beside the establishments' pages (/etablissements/<id>/):
# an establishment with one of these ids would take the address of a list page.
RESERVED_ESTABLISHMENT_IDS = {
    "type": "aux listes par type (/etablissements/type/esat/…)",
    "commune": "aux listes par commune (/etablissements/commune/aubagne/…)",
}
# Bounds of a plausible workforce: the largest French ESAT count a few hundred workers.
MIN_WORKERS = 1
MAX_WORKERS = 1500


@dataclass
class Draft:
    """An entry's checked values (None where a value is unusable), before linking."""

    entry: Entry
    values: dict


def _list_file(path: Path, report: FileReport) -> tuple | None:
    root = parse_yaml(path, report)
    if root is None:
        return None
    if not isinstance(root, Sequence):
        report.error(
            root.line,
            "le fichier doit contenir une liste d'entrées, chacune commençant par « - id: … » ; "
            f"trouvé : {describe(root)}",
        )
        return None
    if not root.items:
        report.error(root.line, "la liste est vide : ajoutez au moins une entrée « - id: … »")
        return None
    return root.items


def read_associations(path: Path, report: FileReport) -> list[Draft] | None:
    """Return the associations' drafts, or None if the file is unusable."""
    items = _list_file(path, report)
    if items is None:
        return None
    ids = IdRegistry()
    drafts = []
    for number, node in enumerate(items, start=1):
        entry = Entry(node, number, report, required=ASSOCIATION_FIELDS)
        if not entry.ok:
            continue
        values = {
            "id": entry.slug("id"),
            "nom": entry.text("nom"),
            "commune": entry.text("commune"),
            "presentation": entry.text("presentation"),
        }
        ids.add(entry, values["id"])
        drafts.append(Draft(entry, values))
    return drafts


def read_trades(path: Path, report: FileReport) -> tuple[list[Draft], list[Draft]] | None:
    """Return the drafts of filières and of trades, or None if the file is unusable."""
    root = parse_yaml(path, report)
    if root is None:
        return None
    if not isinstance(root, Mapping):
        report.error(
            root.line,
            "le fichier doit commencer par la ligne « filieres: », suivie de la liste des "
            f"filières ; trouvé : {describe(root)}",
        )
        return None
    top = Entry(root, None, report, required=("filieres",))
    filiere_nodes = top.items("filieres", allow_empty=False)
    if filiere_nodes is None:
        return None
    ids = IdRegistry()
    filieres, trades = [], []
    for number, node in enumerate(filiere_nodes, start=1):
        entry = Entry(node, number, report, required=FILIERE_FIELDS)
        if not entry.ok:
            continue
        values = {
            "id": entry.slug("id"),
            "nom": entry.text("nom"),
            "description": entry.text("description"),
            "trades": [],
        }
        ids.add(entry, values["id"])
        filieres.append(Draft(entry, values))
        suffix = f" de la filière « {entry.label} »"
        for trade_number, trade_node in enumerate(
            entry.items("metiers", allow_empty=False) or (), start=1
        ):
            trade = Entry(
                trade_node,
                trade_number,
                report,
                required=TRADE_FIELDS,
                optional=TRADE_OPTIONAL,
                suffix=suffix,
            )
            if not trade.ok:
                continue
            trade_values = {
                "id": trade.slug("id"),
                "nom": trade.text("nom"),
                "description": trade.text("description"),
                "filiere_id": values["id"],
                "besoin": _need(trade) if trade.has("besoin") else None,
            }
            ids.add(trade, trade_values["id"])
            draft = Draft(trade, trade_values)
            values["trades"].append(draft)
            trades.append(draft)
    return filieres, trades


def _need(trade: Entry) -> str | None:
    """Return a trade's « besoin », checked: one line, starting with its preposition."""
    need = trade.text("besoin")
    if need is None:
        return None
    line = trade.field_line("besoin")
    if not need.startswith(NEED_STARTS) or "\n" in need.strip() or need.rstrip().endswith("?"):
        trade.error(
            line,
            "formulation à revoir : elle complète « Un besoin … ? » et commence par « en », "
            "« de », « d’ », « du », « des » ou « pour », sur une ligne et sans point "
            f"d'interrogation (trouvé : « {shorten(need)} »)",
            "besoin",
        )
        return None
    if len(need) > NEED_MAX_LENGTH:
        trade.error(
            line,
            f"formulation trop longue : {len(need)} caractères pour {NEED_MAX_LENGTH} au plus",
            "besoin",
        )
        return None
    return need.strip()


def read_establishments(path: Path, report: FileReport) -> list[Draft] | None:
    """Return the establishments' drafts, or None if the file is unusable."""
    items = _list_file(path, report)
    if items is None:
        return None
    ids = IdRegistry()
    drafts = []
    for number, node in enumerate(items, start=1):
        entry = Entry(
            node,
            number,
            report,
            required=ESTABLISHMENT_FIELDS,
            optional=ESTABLISHMENT_OPTIONAL,
        )
        if not entry.ok:
            continue
        certifications = ()  # Optional field: an establishment may hold no certification.
        if entry.has("certifications"):
            certifications = entry.text_list("certifications", allow_empty=True)
        values = {
            "id": entry.slug("id"),
            "nom": entry.text("nom"),
            "type": entry.choice("type", ESTABLISHMENT_TYPES, "type inconnu"),
            "association": entry.text("association"),
            "commune": entry.text("commune"),
            "travailleurs": entry.integer("travailleurs", MIN_WORKERS, MAX_WORKERS),
            "metiers": entry.text_list("metiers"),
            "presentation": entry.text("presentation"),
            "moyens": entry.text_list("moyens"),
            "certifications": certifications,
            "zone_intervention": entry.text("zone_intervention"),
            "intervention_sur_site": entry.boolean("intervention_sur_site"),
        }
        if values["id"] in RESERVED_ESTABLISHMENT_IDS:
            entry.error(
                entry.field_line("id"),
                f"identifiant réservé « {values['id']} » : l'adresse /etablissements/"
                f"{values['id']}/ sert {RESERVED_ESTABLISHMENT_IDS[values['id']]} ; choisissez "
                "un identifiant qui nomme l'établissement, par exemple « esat-… » ou « ea-… »",
                "id",
            )
            values["id"] = None
        ids.add(entry, values["id"])
        drafts.append(Draft(entry, values))
    return drafts


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
