"""The fields of each kind of directory entry, declared once: key, kind, presence, bounds, label.

The same table drives the reading and checking of the YAML (entries.py), the building of
the model objects (loader.py) and the open data columns (plugins/directory/opendata.py):
adding a field means adding a row here, then describing it in the page templates and in
docs/GUIDE_EDITEURS.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from .model import ESTABLISHMENT_TYPES, Association, Establishment, Event, Filiere, Trade
from .photos import Photo


class Kind(Enum):
    """What a field holds, hence how it is checked and what the model receives."""

    ID = "identifiant"  # lowercase letters without accents, digits and hyphens
    TEXT = "texte"
    CHOICE = "valeur parmi une liste"  # one of Field.choices
    INTEGER = "nombre entier"  # within Field.minimum and Field.maximum
    DECIMAL = "nombre décimal"  # within Field.minimum and Field.maximum (CSV only)
    BOOLEAN = "true ou false"
    TEXTS = "liste de textes"  # each kept once; empty only if the field is optional
    REFERENCE = "référence"  # the id (or name) of an entry of Field.target
    REFERENCES = "liste de références"
    # Text completing « Un besoin … ? »: one line, starting with one of Field.starts.
    NEED = "formulation d'un besoin"
    ENTRIES = "liste d'entrées"  # nested entries, each read with Field.table
    DATE = "date"  # "AAAA-MM-JJ"; history.py also accepts a year "AAAA", quoted
    SIRET = "numéro SIRET"  # 14 digits whose Luhn key is right (values.siret)
    PHOTOS = "liste de photos"  # entries read with Field.table, each file in data/photos/
    FIGURES = "chiffres"  # a mapping of whole numbers, read with Field.table


def unknown(noun: str, feminine: bool) -> str:
    """Return a noun followed by « inconnu », agreed: « commune inconnue »."""
    return f"{noun} {'inconnue' if feminine else 'inconnu'}"


@dataclass(frozen=True)
class Field:
    """One field of an entry: its YAML key, kind, presence, bounds and French label.

    attribute names the model's attribute when it differs from the key (the code speaks
    English, the files French). An optional field takes the value absent when not written.
    """

    key: str
    kind: Kind
    label: str
    required: bool = True
    absent: object = None
    attribute: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    target: Table | None = None
    table: Table | None = None
    starts: tuple[str, ...] = ()
    max_length: int | None = None
    # Whether the label is a feminine noun (« valeur inconnue »), for the messages.
    feminine: bool = False
    # Whether the open data files publish it (a reference publishes the name it points to,
    # followed by the published fields of its target).
    open_data: bool = False

    @property
    def name(self) -> str:
        """Return the model's attribute for this field."""
        return self.attribute or self.key

    @property
    def unknown(self) -> str:
        """Return how a message introduces a value it does not know: « type inconnu »."""
        return unknown(self.label, self.feminine)


@dataclass(frozen=True, eq=False)
class Table:
    """The fields of one kind of entry, in the order they are read and documented.

    noun and feminine name an entry in messages (« commune inconnue », « métier inconnu »);
    help tells what to write instead of an unknown reference to it, {file} being its file.
    parent names the attribute that receives the id of the entry this one is nested in.
    """

    noun: str
    feminine: bool
    fields: tuple[Field, ...]
    model: type | None = None
    help: str = ""
    parent: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(field.key for field in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(field.key for field in self.fields if field.required)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(field.key for field in self.fields if not field.required)

    @property
    def unknown(self) -> str:
        """Return how a message introduces a value naming no such entry: « commune inconnue »."""
        return unknown(self.noun, self.feminine)

    @property
    def nested(self) -> Field | None:
        """Return the field holding nested entries, if the table has one."""
        return next((field for field in self.fields if field.kind is Kind.ENTRIES), None)

    def field(self, key: str) -> Field:
        """Return the field of a key (KeyError if the table has none)."""
        for field in self.fields:
            if field.key == key:
                return field
        raise KeyError(key)


# Bounds of a plausible workforce: the largest French ESAT count a few hundred workers.
MIN_WORKERS = 1
MAX_WORKERS = 1500
# « besoin » completes « Un besoin … ? » when « en » and the trade's name do not read well;
# it starts with the preposition the phrase needs.
NEED_STARTS = ("en ", "de ", "d’", "d'", "du ", "des ", "pour ")
NEED_MAX_LENGTH = 100
# Published figures are whole numbers up to this bound.
MAX_PUBLISHED = 1_000_000

# Fields several entities share.
ID = Field("id", Kind.ID, "identifiant")
NAME = Field("nom", Kind.TEXT, "nom")
DESCRIPTION = Field("description", Kind.TEXT, "description")
PRESENTATION = Field("presentation", Kind.TEXT, "présentation")

COMMUNE = Table(
    "commune",
    True,
    (
        NAME,
        Field("code_insee", Kind.TEXT, "code INSEE", open_data=True),
        Field("code_postal", Kind.TEXT, "code postal", open_data=True),
        Field("latitude", Kind.DECIMAL, "latitude", minimum=-90.0, maximum=90.0, open_data=True),
        Field(
            "longitude", Kind.DECIMAL, "longitude", minimum=-180.0, maximum=180.0, open_data=True
        ),
    ),
    help="écrivez le nom exactement comme dans {file}, ou ajoutez-y la commune",
)

ASSOCIATION = Table(
    "association",
    True,
    (
        ID,
        NAME,
        Field("commune", Kind.REFERENCE, "commune", target=COMMUNE),
        PRESENTATION,
    ),
    Association,
    help="indiquez l'identifiant (champ « id ») d'une association de associations.yaml",
)

TRADE = Table(
    "métier",
    False,
    (
        ID,
        NAME,
        DESCRIPTION,
        Field(
            "besoin",
            Kind.NEED,
            "formulation du besoin",
            required=False,
            starts=NEED_STARTS,
            max_length=NEED_MAX_LENGTH,
        ),
    ),
    Trade,
    help="indiquez l'identifiant (champ « id ») d'un métier de {file}",
    parent="filiere_id",
)

FILIERE = Table(
    "filière",
    True,
    (
        ID,
        NAME,
        DESCRIPTION,
        Field("metiers", Kind.ENTRIES, "métiers", attribute="trades", table=TRADE),
    ),
    Filiere,
)

# The top of data/trades.yaml: the list of filières.
TRADES_FILE = Table(
    "fichier des métiers",
    False,
    (Field("filieres", Kind.ENTRIES, "filières", table=FILIERE),),
)

# A photo: its file in data/photos/, and what it shows told in French (RGAA 1.2, 1.3).
PHOTO_FILE = Field("fichier", Kind.TEXT, "fichier", attribute="file")
PHOTO_ALT = Field("texte", Kind.TEXT, "texte alternatif", attribute="alt", max_length=250)
PHOTO = Table("photo", True, (PHOTO_FILE, PHOTO_ALT), Photo)
# A list an establishment may not have (no certification, no photo yet): left out or empty.
OPTIONAL_LIST = {"required": False, "absent": ()}

ESTABLISHMENT = Table(
    "établissement",
    False,
    (
        replace(ID, open_data=True),
        replace(NAME, open_data=True),
        Field("type", Kind.CHOICE, "type", choices=ESTABLISHMENT_TYPES, open_data=True),
        Field("association", Kind.REFERENCE, "association", target=ASSOCIATION, open_data=True),
        Field("commune", Kind.REFERENCE, "commune", target=COMMUNE, open_data=True),
        Field(
            "travailleurs",
            Kind.INTEGER,
            "nombre de travailleurs",
            minimum=MIN_WORKERS,
            maximum=MAX_WORKERS,
            open_data=True,
        ),
        Field(
            "metiers", Kind.REFERENCES, "métiers", attribute="trades", target=TRADE, open_data=True
        ),
        PRESENTATION,
        Field("moyens", Kind.TEXTS, "moyens"),
        Field("certifications", Kind.TEXTS, "certifications", **OPTIONAL_LIST),
        Field("zone_intervention", Kind.TEXT, "zone d'intervention"),
        Field("intervention_sur_site", Kind.BOOLEAN, "intervention sur site", open_data=True),
        # What a buyer decides from, each optional; without « mise_a_jour », the date of the
        # last commit that changed the entry (plugins/coopsoc/directory/updates.py).
        Field("adresse", Kind.TEXT, "adresse", required=False, feminine=True, open_data=True),
        Field("siret", Kind.SIRET, "numéro SIRET", required=False, open_data=True),
        Field("capacite", Kind.TEXT, "capacité", required=False, feminine=True, open_data=True),
        Field("delai", Kind.TEXT, "délai habituel", required=False, open_data=True),
        Field("references", Kind.TEXTS, "références clients", **OPTIONAL_LIST, open_data=True),
        Field("photos", Kind.PHOTOS, "photos", **OPTIONAL_LIST, table=PHOTO),
        Field("mise_a_jour", Kind.DATE, "date de mise à jour", required=False, open_data=True),
    ),
    Establishment,
)

EVENT = Table(
    "événement",
    False,
    (
        Field("date", Kind.DATE, "date"),
        Field("titre", Kind.TEXT, "titre"),
        Field("texte", Kind.TEXT, "texte"),
    ),
    Event,
)

# The figures data/annuaire.yaml declares while the directory is a sample; label is how
# a message names what each one counts.
PUBLISHED = Table(
    "chiffre publié",
    False,
    tuple(
        Field(key, Kind.INTEGER, label, minimum=0, maximum=MAX_PUBLISHED)
        for key, label in (
            ("etablissements", "établissements"),
            ("esat", "ESAT"),
            ("ea", "EA"),
            ("chrs", "CHRS"),
            ("associations", "associations"),
            ("travailleurs_plus_de", "travailleurs (au moins)"),
            ("metiers_plus_de", "métiers (au moins)"),
        )
    ),
)

DECLARATION = Table(
    "déclaration",
    True,
    (
        Field("exemple", Kind.BOOLEAN, "données d'exemple"),
        Field(
            "chiffres_publies", Kind.FIGURES, "chiffres publiés", required=False, table=PUBLISHED
        ),
    ),
)
