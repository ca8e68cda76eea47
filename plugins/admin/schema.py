"""The editor's form fields, read from the directory's field table.

Each field of plugins/coopsoc/directory/fields.py becomes one field of the editor, by
its kind: its label, a help line, whether it is required, its pattern (ids, dates, the
« besoin » of a trade) and its bounds (workforce). References become lists of choices
read from the data (Choices). A field added to the table appears in the editor without
any change here; a new kind is shown as text until it gets its widget (a test says so).
"""

from __future__ import annotations

from dataclasses import dataclass

from plugins.coopsoc.data.hints import SLUG
from plugins.coopsoc.directory.fields import Field, Kind, Table
from plugins.coopsoc.text import NBSP, format_number_fr

from .settings import AdminError

# The kinds _widget gives their own widget (tests/test_admin.py checks that every field
# the editor shows has one of them).
SHOWN_KINDS = frozenset(
    {
        Kind.ID,
        Kind.TEXT,
        Kind.DATE,
        Kind.NEED,
        Kind.CHOICE,
        Kind.REFERENCE,
        Kind.REFERENCES,
        Kind.INTEGER,
        Kind.DECIMAL,
        Kind.BOOLEAN,
        Kind.TEXTS,
        Kind.ENTRIES,
        Kind.SIRET,
        Kind.PHOTOS,
    }
)
# Texts written over several lines (paragraphs in Markdown); other texts hold one line.
LONG_TEXTS = frozenset({"presentation", "description", "texte"})
SLUG_PATTERN = [
    "^" + SLUG.pattern.removesuffix(r"\Z") + "$",
    "Lettres minuscules sans accents, chiffres et tirets, sans tiret au début ni à la fin.",
]
SIRET_PATTERN = [
    "^[0-9]{14}$",
    "Les 14 chiffres du numéro SIRET, sans espaces.",
]
DATE_PATTERN = [
    "^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$",
    "Une année (AAAA) ou une date complète (AAAA-MM-JJ), par exemple 1965-07-29.",
]


@dataclass(frozen=True)
class Choices:
    """What each table of references offers: (value written, label shown) pairs."""

    options: dict  # Table → tuple of (value, label)

    def of(self, field: Field) -> list[dict]:
        """Return the options of a reference field, or stop when its table has none."""
        if field.target not in self.options:
            raise AdminError(
                f"Éditeur /admin/ : aucune liste de choix pour le champ « {field.key} » "
                f"({field.target.noun}) : ajoutez-la à plugins/admin/config.py (choices)."
            )
        return [{"label": label, "value": value} for value, label in self.options[field.target]]


def capitalized(text: str) -> str:
    """Return text with its first letter in capitals: « Nombre de travailleurs »."""
    return text[:1].upper() + text[1:]


def _hint(field: Field) -> str:
    """Return the help line of a field, in French."""
    kind = field.kind
    if kind is Kind.ID:
        hint = (
            "Sert dans l’adresse de la page : lettres minuscules sans accents, chiffres et tirets."
        )
    elif kind in (Kind.INTEGER, Kind.DECIMAL):
        hint = f"Nombre de {format_number_fr(field.minimum)} à {format_number_fr(field.maximum)}."
    elif kind is Kind.NEED:
        starts = ", ".join(f"« {start.strip()} »" for start in field.starts if "'" not in start)
        hint = (
            f"Complète la phrase « Un besoin … ? » : commence par {starts}, "
            f"sur une ligne, {field.max_length}{NBSP}caractères au plus."
        )
    elif kind is Kind.DATE:
        hint = "Une année (AAAA) ou une date complète (AAAA-MM-JJ)."
    elif kind in (Kind.REFERENCE, Kind.REFERENCES, Kind.CHOICE):
        hint = "Choisissez dans la liste."
    elif kind is Kind.TEXTS:
        hint = "Un élément par ligne de la liste : « Ajouter » en crée un nouveau."
    elif kind is Kind.SIRET:
        hint = "Les 14 chiffres, sans espaces ; make check vérifie aussi leur clé de contrôle."
    elif kind is Kind.PHOTOS:
        hint = (
            "Pour chaque photo, le nom de son fichier dans data/photos/ et ce qu’elle montre, "
            "écrit pour qui ne la voit pas."
        )
    elif field.key in LONG_TEXTS:
        hint = "Texte en Markdown : une ligne vide sépare deux paragraphes."
    else:
        hint = ""
    if not field.required:
        hint = (hint + " Facultatif : laissez vide s’il n’y a rien à indiquer.").strip()
    return hint


def _widget(field: Field, choices: Choices) -> dict:
    """Return the widget and options of a field, by its kind."""
    kind = field.kind
    if kind is Kind.ID:
        return {"widget": "string", "pattern": SLUG_PATTERN}
    if kind is Kind.TEXT:
        return {"widget": "text" if field.key in LONG_TEXTS else "string"}
    if kind is Kind.DATE:
        return {"widget": "string", "pattern": DATE_PATTERN}
    if kind is Kind.NEED:
        starts = "|".join(field.starts)
        return {
            "widget": "string",
            "maxlength": field.max_length,
            "pattern": [
                f"^({starts})[^?\\n]*[^?\\s]$",
                "Commencez par « en », « de », « d’ », « du », « des » ou « pour », "
                "sans point d’interrogation.",
            ],
        }
    if kind is Kind.CHOICE:
        return {"widget": "select", "options": list(field.choices)}
    if kind in (Kind.REFERENCE, Kind.REFERENCES):
        widget = {"widget": "select", "options": choices.of(field)}
        if kind is Kind.REFERENCES:
            widget.update(multiple=True, min=1 if field.required else 0)
        return widget
    if kind in (Kind.INTEGER, Kind.DECIMAL):
        return {
            "widget": "number",
            "value_type": "int" if kind is Kind.INTEGER else "float",
            "min": field.minimum,
            "max": field.maximum,
        }
    if kind is Kind.BOOLEAN:
        return {"widget": "boolean", "default": False}
    if kind is Kind.TEXTS:
        return {
            "widget": "list",
            "field": {"name": "element", "label": "Élément", "widget": "string"},
        }
    if kind is Kind.SIRET:
        return {"widget": "string", "pattern": SIRET_PATTERN}
    if kind in (Kind.ENTRIES, Kind.PHOTOS):
        return entries_widget(field.table, choices)
    # A kind added to fields.py and not yet known here: shown as one line of text, so the
    # site still builds; tests/test_admin.py fails until it has its own widget.
    return {"widget": "string"}


def editor_field(field: Field, choices: Choices) -> dict:
    """Return the editor's description of one field of the table."""
    described = {"name": field.key, "label": capitalized(field.label), "required": field.required}
    hint = _hint(field)
    if hint:
        described["hint"] = hint
    described.update(_widget(field, choices))
    return described


def entries_widget(table: Table, choices: Choices, root: bool = False) -> dict:
    """Return a list of entries of a table, each shown by its name, folded."""
    widget = {
        "widget": "list",
        "label_singular": table.noun,
        "collapsed": True,
        "fields": [editor_field(field, choices) for field in table.fields],
    }
    names = [field.key for field in table.fields if field.kind is Kind.TEXT]
    if names:
        widget["summary"] = "{{fields." + names[0] + "}}"
    if root:
        widget["root"] = True
    return widget
