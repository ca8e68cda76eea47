"""Read and check data/audit-rgaa.yaml, the audit grid, like every data file.

A pure function: every problem is reported at once, in French, with the file, the line,
the entry (a criterion, a page of the sample) and the field. The grid must hold the 106
criteria of the RGAA 4.1.2, in order, and a verdict for each page of the sample; a
verdict C or NC names its evidence (tests, or a check made by hand), an NC its planned
fix, an NA why it does not apply.
"""

from __future__ import annotations

import re
from pathlib import Path

from plugins.coopsoc.data.problems import DirectoryError, ProblemLog
from plugins.coopsoc.data.schema import Entry
from plugins.coopsoc.data.values import day
from plugins.coopsoc.data.yamlnodes import DECIMAL, Mapping, Scalar, read_root

from .model import Audit, Criterion, SamplePage
from .verdicts import read_verdicts

REFERENTIEL = "RGAA 4.1.2"
# The number of criteria of each of the 13 themes of the RGAA 4.1.2: 106 in all.
THEME_SIZES = (9, 2, 3, 13, 8, 2, 5, 10, 4, 14, 13, 11, 12)
CRITERIA = tuple(f"{t}.{n}" for t, size in enumerate(THEME_SIZES, 1) for n in range(1, size + 1))
TOP_FIELDS = (
    "referentiel",
    "date",
    "realise_par",
    "outils",
    "environnement",
    "thematiques",
    "echantillon",
    "criteres",
)
ADDRESS = re.compile(r"/[a-z0-9/._-]*(\?[a-z0-9_=&+%.-]+)?\Z")


class AuditError(DirectoryError):
    """data/audit-rgaa.yaml cannot be used: every problem found, at once."""

    subject = "la grille d'audit d'accessibilité (RGAA)"


def load_audit(path: Path) -> Audit:
    """Read and check an audit grid; raise AuditError listing every problem."""
    path = Path(path)
    log = ProblemLog(path.resolve().parent.name)
    report = log.file(path.name)
    shape = (
        "le fichier doit contenir des champs « nom: valeur », à commencer par « referentiel: … »"
    )
    root = read_root(path, report, Mapping, shape)
    audit = None if root is None else _read(Entry(root, None, report, required=TOP_FIELDS), report)
    if log.errors:
        raise AuditError(log.errors, log.warnings)
    return audit


def _read(top: Entry, report) -> Audit | None:
    referentiel = top.text("referentiel")
    if referentiel is not None and referentiel != REFERENTIEL:
        top.error(
            top.field_line("referentiel"),
            f"référentiel « {referentiel} » : cette grille suit les critères du {REFERENTIEL}",
            "referentiel",
        )
    values = dict(
        referentiel=referentiel,
        date=day(top, "date"),
        realise_par=top.text("realise_par"),
        outils=_texts(top, "outils"),
        environnement=_texts(top, "environnement"),
        themes=_themes(top, report),
        sample=_sample(top, report),
    )
    sample = values["sample"]
    values["criteria"] = None if sample is None else _criteria(top, report, sample)
    if None in values.values():
        return None
    return Audit(**values)


def _texts(entry: Entry, name: str) -> tuple[str, ...] | None:
    items = entry.text_list(name)
    return None if items is None else tuple(item.value for item in items)


def _themes(top: Entry, report) -> dict | None:
    items = top.items("thematiques", allow_empty=False)
    if items is None:
        return None
    themes = {}
    for number, node in enumerate(items, start=1):
        entry = Entry(node, number, report, required=("numero", "titre"), prefix="thematiques.")
        if not entry.ok:
            continue
        found, titre = entry.integer("numero", 1, len(THEME_SIZES)), entry.text("titre")
        if found is not None and found != number:
            entry.error(
                entry.field_line("numero"),
                f"thématique n° {found} à la place n° {number} : les 13 thématiques du RGAA "
                "se suivent dans l'ordre, de 1 à 13",
                "numero",
            )
        elif found is not None and titre is not None:
            themes[found] = titre
    if len(items) != len(THEME_SIZES):
        top.error(
            top.field_line("thematiques"),
            f"{len(items)} thématiques : le {REFERENTIEL} en compte {len(THEME_SIZES)}",
            "thematiques",
        )
    return themes if len(themes) == len(THEME_SIZES) else None


def _sample(top: Entry, report) -> tuple[SamplePage, ...] | None:
    items = top.items("echantillon", allow_empty=False)
    if items is None:
        return None
    pages, ok = [], True
    for number, node in enumerate(items, start=1):
        entry = Entry(node, number, report, required=("id", "titre", "adresse"), optional=("etat",))
        if not entry.ok:
            ok = False
            continue
        values = [entry.slug("id"), entry.text("titre"), entry.text("adresse")]
        etat = entry.text("etat") if entry.has("etat") else None
        if values[2] is not None and not ADDRESS.match(values[2]):
            entry.error(
                entry.field_line("adresse"),
                f"adresse « {values[2]} » : écrivez le chemin de la page depuis la racine du "
                "site, commençant par « / » (par exemple « /contact/ »)",
                "adresse",
            )
            values[2] = None
        if values[0] in {page.id for page in pages}:
            entry.error(
                entry.field_line("id"), f"page « {values[0]} » déjà dans l'échantillon", "id"
            )
            values[0] = None
        if None in values or (entry.has("etat") and etat is None):
            ok = False
            continue
        pages.append(SamplePage(*values, etat))
    return tuple(pages) if ok else None


def _criteria(top: Entry, report, sample) -> tuple[Criterion, ...] | None:
    items = top.items("criteres", allow_empty=False)
    if items is None:
        return None
    criteria, ok = [], True
    for number, node in enumerate(items, start=1):
        entry = Entry(node, number, report, required=("id", "titre", "resultats"))
        criterion = _criterion(entry, number, report, sample) if entry.ok else None
        ok = ok and criterion is not None
        if criterion is not None:
            criteria.append(criterion)
    if len(items) != len(CRITERIA):
        found = {c.id for c in criteria}
        missing = [c for c in CRITERIA if c not in found]
        top.error(
            top.field_line("criteres"),
            f"{len(items)} critères : le {REFERENTIEL} en compte {len(CRITERIA)}"
            + (f" ; manquants : {', '.join(missing)}" if missing else ""),
            "criteres",
        )
        ok = False
    return tuple(criteria) if ok else None


def _criterion(entry: Entry, number: int, report, sample) -> Criterion | None:
    node = entry.node("id")
    # Written unquoted, « 1.10 » is a decimal number for YAML: its text is what counts.
    found = node.source if isinstance(node, Scalar) and node.kind == DECIMAL else entry.text("id")
    expected = CRITERIA[number - 1] if number <= len(CRITERIA) else None
    if found is not None and found != expected:
        where = f"le critère {expected}" if expected else "aucun critère"
        entry.error(
            entry.field_line("id"),
            f"critère « {found} » à la place n° {number}, où le {REFERENTIEL} a {where} : "
            "les critères se suivent dans l'ordre du référentiel",
            "id",
        )
        found = None
    titre = entry.text("titre")
    items = entry.items("resultats", allow_empty=False)
    if None in (found, titre, items):
        return None
    verdicts = read_verdicts(entry, items, report, sample)
    if verdicts is None:
        return None
    return Criterion(found, int(found.split(".")[0]), titre, verdicts)
