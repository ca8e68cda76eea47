"""Read the results of one criterion of the audit grid: a verdict for each page.

A result names its pages (a list of ids of the sample, « toutes », or « autres »: the
pages no other result of the criterion names), its status and its evidence. Each page of
the sample gets exactly one verdict.
"""

from __future__ import annotations

import re

from plugins.coopsoc.data.schema import Entry
from plugins.coopsoc.data.yamlnodes import Scalar, Sequence, describe

from .model import CONFORM, NOT_APPLICABLE, NOT_CONFORM, STATUSES, Verdict

ALL_PAGES, OTHER_PAGES = "toutes", "autres"
FIELDS = ("pages", "statut")
OPTIONAL = ("tests", "verification", "correction", "motif")
# A test named as pytest names it: tests/test_pages.py::test_axe_finds_no_violation.
TEST_ID = re.compile(r"tests/[a-z0-9_]+\.py::[a-z0-9_]+\Z")


def read_verdicts(criterion: Entry, items, report, sample) -> tuple[Verdict, ...] | None:
    """Return the verdict of each page, in the order of the sample, or None if unusable."""
    ids = [page.id for page in sample]
    found: dict[str, Verdict] = {}
    others = None
    ok = True
    for number, node in enumerate(items, start=1):
        entry = Entry(node, number, report, required=FIELDS, optional=OPTIONAL, prefix="resultats.")
        entry.label = criterion.label
        result = _result(entry, ids) if entry.ok else None
        if result is None:
            ok = False
            continue
        pages, make = result
        if pages == OTHER_PAGES:
            others = make
            continue
        for page in pages:
            if page in found:
                entry.error(
                    entry.field_line("pages"),
                    f"page « {page} » jugée deux fois (déjà à la ligne {found[page].line})",
                    "pages",
                )
                ok = False
            else:
                found[page] = make(page)
    rest = [page for page in ids if page not in found]
    if others is not None:
        found.update({page: others(page) for page in rest})
    elif rest and ok:
        criterion.error(
            criterion.field_line("resultats"),
            f"pas de résultat pour : {', '.join(rest)} ; ajoutez-les, ou un résultat "
            "« pages: autres »",
            "resultats",
        )
        ok = False
    return tuple(found[page] for page in ids) if ok else None


def _result(entry: Entry, ids: list[str]):
    """Return (the pages, or « autres »; a function page → Verdict), or None."""
    pages = _pages(entry, ids)
    statut = entry.choice("statut", STATUSES, "statut")
    tests = _tests(entry) if entry.has("tests") else ()
    texts = {name: entry.text(name) if entry.has(name) else None for name in OPTIONAL[1:]}
    if pages is None or statut is None or tests is None:
        return None
    line = entry.line
    if statut in (CONFORM, NOT_CONFORM) and not tests and texts["verification"] is None:
        entry.error(
            line,
            f"preuve manquante pour un résultat {statut} : nommez les tests (« tests: ») ou "
            "décrivez la vérification faite à la main (« verification: »)",
        )
        return None
    if statut == NOT_CONFORM and texts["correction"] is None:
        entry.error(line, "résultat NC sans « correction: » : décrivez la correction prévue")
        return None
    if statut == NOT_APPLICABLE and texts["motif"] is None:
        entry.error(
            line, "résultat NA sans « motif: » : dites pourquoi le critère ne s'applique pas"
        )
        return None

    def make(page: str) -> Verdict:
        return Verdict(
            page,
            statut,
            tests,
            texts["verification"],
            texts["correction"],
            texts["motif"],
            entry.field_line("pages"),
        )

    return pages, make


def _pages(entry: Entry, ids: list[str]):
    node = entry.node("pages")
    if isinstance(node, Scalar) and node.value in (ALL_PAGES, OTHER_PAGES):
        return ids if node.value == ALL_PAGES else OTHER_PAGES
    if not isinstance(node, Sequence):
        entry.error(
            entry.field_line("pages"),
            f"attendu : « toutes », « autres » ou une liste de pages de l'échantillon, "
            f"trouvé : {describe(node)}",
            "pages",
        )
        return None
    pages = []
    for item in entry.text_list("pages") or ():
        if item.value not in ids:
            entry.error(
                item.line,
                f"page « {item.value} » absente de l'échantillon (pages : {', '.join(ids)})",
                "pages",
            )
            return None
        pages.append(item.value)
    return pages or None


def _tests(entry: Entry) -> tuple[str, ...] | None:
    items = entry.text_list("tests")
    if items is None:
        return None
    for item in items:
        if not TEST_ID.match(item.value):
            entry.error(
                item.line,
                f"test « {item.value} » : nommez-le comme pytest, fichier puis fonction "
                "(par exemple « tests/test_pages.py::test_axe_finds_no_violation »)",
                "tests",
            )
            return None
    return tuple(item.value for item in items)
