"""The directory as plain, immutable data: what the site's pages are built from.

References are resolved to objects: an establishment holds its Association, its Commune and
its Trade objects, not their ids. Every index is built once, in one pass over the
establishments, so lookups stay cheap for thousands of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from plugins.coopsoc.data.problems import Problem
from plugins.coopsoc.text import french_date, sort_key
from plugins.coopsoc.urls import commune_path, establishment_path, filiere_path, trade_path

from .badges import DEDUCTIBLE_TYPES, Badge, badges_for
from .photos import Photo

ESTABLISHMENT_TYPES = ("ESAT", "EA", "CHRS")
TYPE_LABELS = {
    "ESAT": "Établissement et service d'accompagnement par le travail",
    "EA": "Entreprise adaptée",
    "CHRS": "Centre d'hébergement et de réinsertion sociale",
}
# How a sentence names an establishment of each type, and whether that noun is feminine:
# « l’ESAT … », « l’entreprise adaptée … », « le CHRS … ».
TYPE_NOUNS = {"ESAT": ("ESAT", False), "EA": ("entreprise adaptée", True), "CHRS": ("CHRS", False)}

__all__ = [
    "ESTABLISHMENT_TYPES",
    "TYPE_LABELS",
    "TYPE_NOUNS",
    "Association",
    "Commune",
    "Directory",
    "Establishment",
    "Event",
    "Filiere",
    "Trade",
]


@dataclass(frozen=True)
class Commune:
    """A commune of data/communes.csv; slug is derived from its name."""

    nom: str
    code_insee: str
    code_postal: str
    latitude: float
    longitude: float
    slug: str

    @property
    def path(self) -> str:
        """Return the path of the list of its establishments, from the site root."""
        return commune_path(self.slug)


@dataclass(frozen=True)
class Association:
    """A managing association (association gestionnaire)."""

    id: str
    nom: str
    commune: Commune
    presentation: str


@dataclass(frozen=True)
class Trade:
    """A trade (métier) offered to buyers."""

    id: str
    nom: str
    description: str
    filiere_id: str
    # What follows « Un besoin » when « en » + the name does not read well; None otherwise.
    besoin: str | None

    @property
    def path(self) -> str:
        """Return the path of its page, from the site root."""
        return trade_path(self.id)


@dataclass(frozen=True)
class Filiere:
    """A group of trades (filière métier), its trades in file order."""

    id: str
    nom: str
    description: str
    trades: tuple[Trade, ...]

    @property
    def path(self) -> str:
        """Return the path of its page, from the site root."""
        return filiere_path(self.id)


@dataclass(frozen=True)
class Establishment:
    """An ESAT, EA or CHRS member of COOPSOC."""

    id: str
    nom: str
    type: str
    association: Association
    commune: Commune
    travailleurs: int
    trades: tuple[Trade, ...]
    presentation: str
    moyens: tuple[str, ...]
    certifications: tuple[str, ...]
    zone_intervention: str
    intervention_sur_site: bool
    # What a buyer decides from: None, or empty, while the data do not say it.
    adresse: str | None = None
    siret: str | None = None
    capacite: str | None = None
    delai: str | None = None
    references: tuple[str, ...] = ()
    photos: tuple[Photo, ...] = ()
    mise_a_jour: date | None = None

    @property
    def trade_ids(self) -> tuple[str, ...]:
        return tuple(trade.id for trade in self.trades)

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type]

    @property
    def deductible(self) -> bool:
        """Say whether buying from it reduces the employer's contribution (L5212-10-1)."""
        return self.type in DEDUCTIBLE_TYPES

    @property
    def badges(self) -> tuple[Badge, ...]:
        """Return what buying from it brings a buyer, from its type alone (badges.py)."""
        return badges_for(self.type)

    @property
    def designation(self) -> str:
        """Return the name preceded by its type unless it starts with it: « ESAT Les Mas »."""
        noun = TYPE_NOUNS[self.type][0]
        first = self.nom.split(" ", 1)[0]
        if first == self.type or self.nom.casefold().startswith(noun.casefold() + " "):
            return self.nom if first == self.type else noun + self.nom[len(noun) :]
        return f"{noun} {self.nom}"

    @property
    def type_feminine(self) -> bool:
        return TYPE_NOUNS[self.type][1]

    @property
    def path(self) -> str:
        """Return the path of its page, from the site root."""
        return establishment_path(self.id)


@dataclass(frozen=True)
class Event:
    """One event of the history timeline: a year or a day, a title and a Markdown text.

    texte_html is left empty by the loader: the site generator sets it when it renders
    the Markdown.
    """

    date: str
    titre: str
    texte: str
    texte_html: str = ""

    @property
    def label(self) -> str:
        """Return the date as French readers write it: « 1965 », « 1er août 2026 »."""
        if len(self.date) == 4:
            return self.date
        return french_date(self.date)


@dataclass(frozen=True, eq=False)
class Directory:
    """Every establishment, association, filière, trade and commune, with indexes.

    establishments and associations are sorted by name (accents ignored);
    filieres, trades (a dict by id) and communes keep the order of their files.
    sample is true while the establishments and associations are invented (data/annuaire.yaml).
    """

    establishments: tuple[Establishment, ...]
    associations: tuple[Association, ...]
    filieres: tuple[Filiere, ...]
    trades: Mapping[str, Trade]
    communes: tuple[Commune, ...]
    # data/annuaire.yaml: whether the data are a sample (« exemple »), and the figures the
    # association publishes as lower bounds (« plus de 2 700 »), by figure key.
    sample: bool
    published_minimums: Mapping[str, int]
    warnings: tuple[Problem, ...] = ()
    _index: dict = field(init=False, repr=False)

    def __post_init__(self):
        establishments = tuple(sorted(self.establishments, key=lambda e: (*sort_key(e.nom), e.id)))
        associations = tuple(sorted(self.associations, key=lambda a: (*sort_key(a.nom), a.id)))
        object.__setattr__(self, "establishments", establishments)
        object.__setattr__(self, "associations", associations)
        object.__setattr__(self, "warnings", tuple(self.warnings))
        index = {
            "trade": {trade_id: [] for trade_id in self.trades},
            "filiere": {filiere.id: [] for filiere in self.filieres},
            "type": {kind: [] for kind in ESTABLISHMENT_TYPES},
            "commune": {},
            "association": {association.id: [] for association in associations},
        }
        for establishment in establishments:
            for trade in establishment.trades:
                index["trade"][trade.id].append(establishment)
            for filiere_id in dict.fromkeys(trade.filiere_id for trade in establishment.trades):
                index["filiere"][filiere_id].append(establishment)
            index["type"][establishment.type].append(establishment)
            index["commune"].setdefault(establishment.commune, []).append(establishment)
            index["association"][establishment.association.id].append(establishment)
        frozen = {name: {k: tuple(v) for k, v in groups.items()} for name, groups in index.items()}
        frozen["commune"] = dict(
            sorted(frozen["commune"].items(), key=lambda i: sort_key(i[0].nom))
        )
        frozen["filiere_by_id"] = {filiere.id: filiere for filiere in self.filieres}
        frozen["association_by_id"] = {association.id: association for association in associations}
        frozen["establishment_by_id"] = {e.id: e for e in establishments}
        object.__setattr__(self, "_index", frozen)

    def trade(self, trade_id: str) -> Trade:
        """Return a trade by id (KeyError if unknown)."""
        return self.trades[trade_id]

    def filiere(self, filiere_id: str) -> Filiere:
        """Return a filière by id (KeyError if unknown)."""
        return self._index["filiere_by_id"][filiere_id]

    def association(self, association_id: str) -> Association:
        """Return an association by id (KeyError if unknown)."""
        return self._index["association_by_id"][association_id]

    def establishment(self, establishment_id: str) -> Establishment:
        """Return an establishment by id (KeyError if unknown)."""
        return self._index["establishment_by_id"][establishment_id]

    def establishments_for_trade(self, trade_id: str) -> tuple[Establishment, ...]:
        """Return the establishments practising a trade, sorted by name."""
        return self._index["trade"][trade_id]

    def establishments_for_filiere(self, filiere_id: str) -> tuple[Establishment, ...]:
        """Return the establishments practising at least one trade of a filière."""
        return self._index["filiere"][filiere_id]

    def establishments_for_association(self, association_id: str) -> tuple[Establishment, ...]:
        """Return the establishments an association runs, sorted by name."""
        return self._index["association"][association_id]

    def establishments_by_type(self) -> dict[str, tuple[Establishment, ...]]:
        """Return establishments grouped by type, in the order ESAT, EA, CHRS."""
        return dict(self._index["type"])

    def establishments_by_commune(self) -> dict[Commune, tuple[Establishment, ...]]:
        """Return establishments grouped by commune, communes sorted by name."""
        return dict(self._index["commune"])

    def communes_in_use(self) -> tuple[Commune, ...]:
        """Return the communes with at least one establishment, sorted by name."""
        return tuple(self._index["commune"])

    def figures(self) -> dict[str, int]:
        """Return the key figures of the home page, computed from the data.

        metiers and filieres count those practised by at least one establishment.
        travailleurs counts the workers with disabilities of ESAT and EA only; the people a
        CHRS welcomes in its workshops are not (CASF L345-1): personnes_accueillies.
        """
        by_type = self._index["type"]
        practised = [trade_id for trade_id, found in self._index["trade"].items() if found]
        return {
            "etablissements": len(self.establishments),
            "esat": len(by_type["ESAT"]),
            "ea": len(by_type["EA"]),
            "chrs": len(by_type["CHRS"]),
            "associations": len(self.associations),
            "travailleurs": sum(e.travailleurs for t in ("ESAT", "EA") for e in by_type[t]),
            "personnes_accueillies": sum(e.travailleurs for e in by_type["CHRS"]),
            "metiers": len(practised),
            "filieres": sum(1 for found in self._index["filiere"].values() if found),
            "communes": len(self._index["commune"]),
        }
