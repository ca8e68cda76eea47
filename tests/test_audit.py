"""The accessibility audit (data/audit-rgaa.yaml): a complete grid, evidence that exists,
and a statement, a grid page and a footer that show what the grid computes."""

import ast
import re
from fractions import Fraction

import pytest

from plugins.coopsoc.audit.grid import CRITERIA, AuditError, load_audit
from plugins.coopsoc.text import percent
from plugins.coopsoc.typography import typeset_text
from tests.harness.build import ROOT, html_pages
from tests.harness.html import read_page

GRID_FILE = ROOT / "data" / "audit-rgaa.yaml"
GRID = load_audit(GRID_FILE)
# RGAA 4.1.2, « Obligations »: the status from the global rate.
STATUSES = ((Fraction(1), "totalement conforme"), (Fraction(1, 2), "partiellement conforme"))


def rates(grid) -> tuple[Fraction, Fraction]:
    """The global rate and the mean rate, computed here from the verdicts, as the RGAA
    method writes them (not through the model the site uses)."""
    applicable = met = 0
    for criterion in grid.criteria:
        found = {verdict.statut for verdict in criterion.verdicts}
        applicable += bool(found & {"C", "NC"})
        met += "C" in found and "NC" not in found
    page_rates = []
    for page in grid.sample:
        found = [c.on(page.id).statut for c in grid.criteria]
        if found.count("C") + found.count("NC"):
            page_rates.append(Fraction(found.count("C"), found.count("C") + found.count("NC")))
    return Fraction(met, applicable), sum(page_rates) / len(page_rates)


def words(node) -> str:
    """A node's text, its spaces collapsed (no-break spaces kept, as typography set them)."""
    return re.sub(r"[ \t\r\n]+", " ", node.text).strip()


def shown(rate: Fraction) -> str:
    return percent(int(rate * 10000))


def status(rate: Fraction) -> str:
    return next((label for floor, label in STATUSES if rate >= floor), "non conforme")


def test_the_grid_has_every_criterion_for_every_page():
    """106 criteria in the RGAA's order, 13 themes, one verdict per page of the sample."""
    assert len(CRITERIA) == 106
    assert [c.id for c in GRID.criteria] == list(CRITERIA)
    assert sorted(GRID.themes) == list(range(1, 14))
    sample = [page.id for page in GRID.sample]
    assert len(sample) == 15
    for criterion in GRID.criteria:
        assert [v.page for v in criterion.verdicts] == sample, criterion.id
        assert criterion.titre.endswith("?"), criterion.id


def test_every_verdict_gives_its_evidence():
    """No C without evidence; an NC says its fix; an NA says why."""
    for criterion in GRID.criteria:
        for verdict in criterion.verdicts:
            where = f"{criterion.id} {verdict.page}"
            if verdict.statut in ("C", "NC"):
                assert verdict.tests or verdict.verification, where
            if verdict.statut == "NC":
                assert verdict.correction, where
            if verdict.statut == "NA":
                assert verdict.motif, where


def defined_tests(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_every_named_test_exists():
    """Each test the grid names is a test function of the file it names."""
    named = {t for c in GRID.criteria for v in c.verdicts for t in v.tests}
    missing = []
    for test in sorted(named):
        file, _, function = test.partition("::")
        path = ROOT / file
        if not path.is_file() or function not in defined_tests(path):
            missing.append(test)
    assert missing == []


def test_every_page_of_the_sample_is_built(site):
    for page in GRID.sample:
        target = site / page.path
        assert (
            target / "index.html" if page.path.endswith("/") or not page.path else target
        ).is_file()


# Criteria that apply only where an element is: NA on a page if and only if it has none.
PRESENCE = {
    "2.1": "iframe, frame",
    "4.1": "video, audio",
    "4.8": "object, embed, canvas",
    "5.6": "table",
}


@pytest.mark.parametrize("criterion_id", sorted(PRESENCE))
def test_not_applicable_means_the_element_is_absent(site, criterion_id):
    criterion = next(c for c in GRID.criteria if c.id == criterion_id)
    for page in GRID.sample:
        if page.document:
            continue
        html = read_page(site / page.path / "index.html")
        present = bool(html.select(PRESENCE[criterion_id]))
        assert (criterion.on(page.id).statut != "NA") == present, page.id


def test_the_statement_shows_the_rates_and_status_of_the_grid(site):
    """The statement's rate, mean rate, status, date and non-conformities are the grid's."""
    global_rate, mean_rate = rates(GRID)
    page = read_page(site / "accessibilite" / "index.html")
    text = words(page.one("main"))
    said = f"est {status(global_rate)} avec le RGAA, version 4.1.2 : {shown(global_rate)} des"
    assert typeset_text(said) in text
    assert typeset_text(f"est de {shown(mean_rate)}") in text
    for criterion in GRID.criteria:
        listed = f"Critère {criterion.id}," in text
        assert listed == any(v.statut == "NC" for v in criterion.verdicts), criterion.id
    assert "<!-- audit:" not in (site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    for page_of_sample in GRID.sample:
        assert typeset_text(page_of_sample.titre) in text


def test_the_statement_says_the_easy_to_read_pages_await_their_readers(site):
    text = words(read_page(site / "accessibilite" / "index.html").one("main"))
    assert "n’ont pas encore été relues par des personnes qui ont besoin de textes faciles" in text


def test_every_footer_shows_the_computed_status(site):
    """« Accessibilité : … conforme » on every page, from the grid (RGAA, « Obligations »)."""
    expected = typeset_text(f"Accessibilité : {status(rates(GRID)[0])}")
    for path in html_pages(site):
        links = [words(a) for a in read_page(site / path).select("footer a")]
        assert expected in links, path


def test_the_grid_page_shows_each_criterion_and_page(site):
    page = read_page(site / "accessibilite" / "audit" / "index.html")
    assert len(page.select(".cs-audit__criterion")) == 106
    rows = page.select(".cs-audit__pages tbody tr")
    titles = [words(r.one("th")) for r in rows]
    assert titles == [
        typeset_text(p.titre + (f", {p.etat}" if p.etat else "")) for p in GRID.sample
    ]
    for row, sample in zip(rows, GRID.sample, strict=True):
        found = [c.on(sample.id).statut for c in GRID.criteria]
        cells = [words(td) for td in row.select("td")]
        assert cells[:3] == [str(found.count(s)) for s in ("C", "NC", "NA")]


def broken(tmp_path, old: str, new: str) -> str:
    """Load the grid with one text replaced; return the French message it fails with."""
    folder = tmp_path / "data"
    folder.mkdir()
    text = GRID_FILE.read_text(encoding="utf-8")
    assert old in text
    (folder / GRID_FILE.name).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(AuditError) as error:
        load_audit(folder / GRID_FILE.name)
    return str(error.value)


def line_of(text: str) -> int:
    return GRID_FILE.read_text(encoding="utf-8").splitlines().index(text) + 1


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            '  - id: "1.2"\n',
            '  - id: "1.3"\n',
            "entrée « 1.3 », champ « id » : critère « 1.3 » à la place n° 2, où le RGAA 4.1.2 "
            "a le critère 1.2",
        ),
        (
            '        motif: *sans-captcha\n  - id: "1.6"',
            '        motif: *sans-captcha\n        tests: [tests/test_pages.py]\n  - id: "1.6"',
            "champ « resultats.tests » : test « tests/test_pages.py » : nommez-le comme pytest",
        ),
        (
            "      - pages: [simulateur, demande]\n",
            "      - pages: [simulateur, demandes]\n",
            "champ « resultats.pages » : page « demandes » absente de l'échantillon",
        ),
    ],
)
def test_a_wrong_grid_is_explained_in_french(tmp_path, old, new, message):
    assert message in broken(tmp_path, old, new)


def test_a_verdict_c_without_evidence_is_refused_with_its_line(tmp_path):
    old = (
        "        statut: C\n        tests: [tests/test_pages.py::test_strict_csp_holds, "
        "tests/test_pages.py::test_html_is_valid]\n"
    )
    message = broken(tmp_path, old, "        statut: C\n")
    assert "data/audit-rgaa.yaml, ligne" in message
    assert "entrée « 10.1 »" in message
    assert "preuve manquante pour un résultat C" in message


def test_a_verdict_nc_without_fix_is_refused(tmp_path):
    old = "        statut: C\n        tests: [tests/test_pages.py::test_strict_csp_holds"
    message = broken(tmp_path, old, old.replace("statut: C", "statut: NC"))
    assert "entrée « 10.1 »" in message and "résultat NC sans « correction: »" in message
