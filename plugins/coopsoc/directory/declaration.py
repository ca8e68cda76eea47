"""Read data/annuaire.yaml: whether the directory is a sample, and the figures COOPSOC publishes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from plugins.coopsoc.data.problems import FileReport
from plugins.coopsoc.data.schema import Entry
from plugins.coopsoc.data.yamlnodes import Mapping as MappingNode
from plugins.coopsoc.data.yamlnodes import describe, parse_yaml
from plugins.coopsoc.text import format_number_fr

SAMPLE_FIELD = "exemple"
PUBLISHED_FIELD = "chiffres_publies"
# Counts the sample data must reproduce exactly while « exemple » is true.
PUBLISHED_COUNTS = ("etablissements", "esat", "ea", "chrs", "associations")
# Figures the association publishes as lower bounds (« plus de 2 700 »), and the key of the
# computed figure each one stands for.
PUBLISHED_MINIMUMS = {"travailleurs_plus_de": "travailleurs", "metiers_plus_de": "metiers"}
MAX_PUBLISHED = 1_000_000


@dataclass(frozen=True)
class Declaration:
    """What data/annuaire.yaml declares; counts and minimums are empty if not written."""

    sample: bool
    counts: Mapping[str, int]
    minimums: Mapping[str, int]
    count_lines: Mapping[str, int]


def read_declaration(path: Path, report: FileReport) -> Declaration | None:
    """Return the declaration, or None after reporting why it is unusable."""
    root = parse_yaml(path, report)
    if root is None:
        return None
    if not isinstance(root, MappingNode):
        report.error(
            root.line,
            "le fichier doit contenir des champs « clé: valeur », à commencer par "
            f"« {SAMPLE_FIELD}: true » ou « {SAMPLE_FIELD}: false » ; trouvé : {describe(root)}",
        )
        return None
    top = Entry(root, None, report, required=(SAMPLE_FIELD,), optional=(PUBLISHED_FIELD,))
    sample = top.boolean(SAMPLE_FIELD)
    published = _published(top, report) if top.has(PUBLISHED_FIELD) else ({}, {})
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


def _published(top: Entry, report: FileReport) -> tuple[dict, dict] | None:
    """Return the published figures and their lines, or None after reporting a problem."""
    node = top.mapping.fields[PUBLISHED_FIELD].node
    if not isinstance(node, MappingNode):
        top.error(
            top.field_line(PUBLISHED_FIELD),
            "attendu : un chiffre par ligne, en retrait sous « chiffres_publies: » (par exemple "
            f"« etablissements: 37 ») ; trouvé : {describe(node)}",
            PUBLISHED_FIELD,
        )
        return None
    entry = Entry(node, None, report, required=(*PUBLISHED_COUNTS, *PUBLISHED_MINIMUMS))
    values = {}
    for key in (*PUBLISHED_COUNTS, *PUBLISHED_MINIMUMS):
        values[key] = entry.integer(key, 0, MAX_PUBLISHED)
    if None in values.values():
        return None
    return values, {key: entry.field_line(key) for key in PUBLISHED_COUNTS}


def check_sample_counts(declaration: Declaration, counts: dict[str, int], report: FileReport):
    """Report each published count the sample data do not reproduce."""
    labels = {
        "etablissements": "établissements",
        "esat": "ESAT",
        "ea": "EA",
        "chrs": "CHRS",
        "associations": "associations",
    }
    for key, published in declaration.counts.items():
        if counts[key] == published:
            continue
        report.error(
            declaration.count_lines[key],
            f"l'association publie {format_number_fr(published)} {labels[key]}, les données "
            f"d'exemple en comptent {format_number_fr(counts[key])} : tant que "
            f"« {SAMPLE_FIELD} » vaut true, les données doivent reproduire ces chiffres "
            "(corrigez les données, ou ce chiffre s'il a changé)",
            field=key,
        )
