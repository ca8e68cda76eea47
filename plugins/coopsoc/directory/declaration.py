"""Read data/annuaire.yaml: whether the directory is a sample, and the figures COOPSOC publishes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from plugins.coopsoc.data.problems import FileReport
from plugins.coopsoc.data.schema import Entry
from plugins.coopsoc.data.yamlnodes import Mapping as MappingNode
from plugins.coopsoc.data.yamlnodes import describe, read_root
from plugins.coopsoc.text import format_number_fr

from .entries import read_fields
from .fields import DECLARATION, PUBLISHED, Field, Kind

SAMPLE_FIELD, PUBLISHED_FIELD = DECLARATION.keys
# Counts the sample data must reproduce exactly while « exemple » is true.
PUBLISHED_COUNTS = ("etablissements", "esat", "ea", "chrs", "associations")
# Figures the association publishes as lower bounds (« plus de 2 700 »), and the key of the
# computed figure each one stands for.
PUBLISHED_MINIMUMS = {"travailleurs_plus_de": "travailleurs", "metiers_plus_de": "metiers"}


@dataclass(frozen=True)
class Declaration:
    """What data/annuaire.yaml declares; counts and minimums are empty if not written."""

    sample: bool
    counts: Mapping[str, int]
    minimums: Mapping[str, int]
    count_lines: Mapping[str, int]


def read_declaration(path: Path, report: FileReport) -> Declaration | None:
    """Return the declaration, or None after reporting why it is unusable."""
    shape = (
        "le fichier doit contenir des champs « clé: valeur », à commencer par "
        f"« {SAMPLE_FIELD}: true » ou « {SAMPLE_FIELD}: false »"
    )
    root = read_root(path, report, MappingNode, shape)
    if root is None:
        return None
    top = Entry(root, None, report, required=DECLARATION.required, optional=DECLARATION.optional)
    values = read_fields(top, DECLARATION, {Kind.FIGURES: _published})
    sample = values[SAMPLE_FIELD]
    published = values[PUBLISHED_FIELD] if top.has(PUBLISHED_FIELD) else ({}, {})
    if sample and not top.has(PUBLISHED_FIELD):
        top.error(
            top.line,
            f"champ « {PUBLISHED_FIELD} » manquant : tant que « {SAMPLE_FIELD} » vaut true, "
            "indiquez les chiffres que publie l'association (voir docs/GUIDE_EDITEURS.md)",
            PUBLISHED_FIELD,
        )
        return None
    if sample is None or published is None:
        return None
    values, lines = published
    return Declaration(
        sample=sample,
        counts={key: values[key] for key in PUBLISHED_COUNTS if key in values},
        minimums={
            figure: values[key] for key, figure in PUBLISHED_MINIMUMS.items() if key in values
        },
        count_lines=lines,
    )


def _published(top: Entry, field: Field) -> tuple[dict, dict] | None:
    """Return the published figures and their lines, or None after reporting a problem."""
    node = top.mapping.fields[field.key].node
    if not isinstance(node, MappingNode):
        top.error(
            top.field_line(field.key),
            f"attendu : un chiffre par ligne, en retrait sous « {field.key}: » (par exemple "
            f"« etablissements: 37 ») ; trouvé : {describe(node)}",
            field.key,
        )
        return None
    table = field.table
    entry = Entry(node, None, top.report, required=table.required, optional=table.optional)
    values = read_fields(entry, table)
    if None in values.values():
        return None
    return values, {key: entry.field_line(key) for key in PUBLISHED_COUNTS}


def check_sample_counts(declaration: Declaration, counts: dict[str, int], report: FileReport):
    """Report each published count the sample data do not reproduce."""
    for key, published in declaration.counts.items():
        if counts[key] == published:
            continue
        report.error(
            declaration.count_lines[key],
            f"l'association publie {format_number_fr(published)} {PUBLISHED.field(key).label}, "
            f"les données d'exemple en comptent {format_number_fr(counts[key])} : tant que "
            f"« {SAMPLE_FIELD} » vaut true, les données doivent reproduire ces chiffres "
            "(corrigez les données, ou ce chiffre s'il a changé)",
            field=key,
        )
