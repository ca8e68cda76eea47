"""The fixture data set (tests/fixtures/data): valid, complete, and enough to test a plugin
on a site of three establishments instead of the whole directory."""

import csv
import io

import pytest

from plugins.coopsoc.data.problems import load_all
from plugins.coopsoc.directory.history import load_history
from plugins.coopsoc.directory.loader import load_directory
from plugins.coopsoc.typography import typeset_text
from tests.harness.build import FIXTURE_DATA, ROOT, fixture_site
from tests.harness.html import read_page
from tests.search_support import refs, site_searcher


@pytest.fixture(scope="module")
def small_directory():
    return load_directory(FIXTURE_DATA)


@pytest.fixture(scope="module")
def small_site():
    return fixture_site()


def test_fixture_data_is_valid_and_small(small_directory):
    """What `make check` loads passes with no warning: one establishment of each type in
    two communes, two filières, a history."""
    directory, history = load_all(
        lambda: load_directory(FIXTURE_DATA), lambda: load_history(FIXTURE_DATA / "history.yaml")
    )
    assert directory.warnings == ()
    assert history
    assert directory.sample, "the fixture declares its data invented (exemple: true)"
    assert sorted(e.type for e in directory.establishments) == ["CHRS", "EA", "ESAT"]
    assert len({e.commune.nom for e in directory.establishments}) == 2
    assert len(directory.filieres) == 2
    assert small_directory.establishments == directory.establishments


def test_fixture_has_every_data_file():
    """Each file of data/ has its fixture counterpart, so a build needs nothing else."""
    data = ROOT / "data"
    expected = sorted(p.relative_to(data) for p in data.rglob("*") if p.is_file())
    present = sorted(p.relative_to(FIXTURE_DATA) for p in FIXTURE_DATA.rglob("*") if p.is_file())
    assert present == expected


def test_directory_pages_exist_for_each_fixture_entry(small_site, small_directory):
    """One page per establishment (its name as h1), per trade, per filière, per commune."""
    for establishment in small_directory.establishments:
        page = read_page(small_site / f"etablissements/{establishment.id}/index.html")
        assert " ".join(page.one("h1").text.split()) == typeset_text(establishment.nom)
    for trade_id in small_directory.trades:
        assert (small_site / f"metiers/{trade_id}/index.html").is_file(), trade_id
    for filiere in small_directory.filieres:
        assert (small_site / f"filieres/{filiere.id}/index.html").is_file(), filiere.id
    for commune in {e.commune for e in small_directory.establishments}:
        path = f"etablissements/commune/{commune.slug}/index.html"
        assert (small_site / path).is_file(), path
    listed = read_page(small_site / "etablissements/index.html")
    hrefs = {a.get("href") for a in listed.select("a[href]")}
    for establishment in small_directory.establishments:
        assert f"../etablissements/{establishment.id}/index.html" in hrefs, establishment.id
    pages = {p.parent.name for p in (small_site / "etablissements").glob("*/index.html")}
    assert pages >= {e.id for e in small_directory.establishments}
    assert not pages & {"esat-restanques-d-aubagne", "chrs-le-toit-du-vieux-port"}


def test_search_index_finds_the_fixture_establishments(small_site):
    """The exported index holds the fixture's establishments, under their trades' words."""
    searcher = site_searcher(small_site)
    found = refs(searcher, searcher.search("espaces naturels").hits)
    assert "etablissements/esat-les-micocouliers/" in found
    assert "etablissements/chrs-l-abri-du-cap/" in found
    assert "etablissements/ea-cap-proprete/" not in found
    assert "etablissements/ea-cap-proprete/" in refs(searcher, searcher.search("ménage").hits)


def test_open_data_lists_the_three_establishments(small_site, small_directory):
    """etablissements.csv has one row per fixture establishment, with its name and commune."""
    text = (small_site / "donnees/etablissements.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 3
    expected = {e.id: e for e in small_directory.establishments}
    assert {row["id"] for row in rows} == set(expected)
    for row in rows:
        assert row["nom"] == expected[row["id"]].nom
        assert row["commune"] == expected[row["id"]].commune.nom
        assert row["donnees_exemple"] == "oui"


def test_an_establishment_page_shows_its_fiche_badges_and_photo(small_site):
    """The optional fields, the badges of its type, the photo's images and the update day."""
    page = read_page(small_site / "etablissements/esat-les-micocouliers/index.html")
    facts = {
        row.one("dt").text: " ".join(row.one("dd").text.split())
        for row in page.select(".cs-facts__row")
    }
    assert facts["Capacité"] == "Séries de 100 à 10 000 pièces"  # every space made one
    assert facts["Délai habituel"] == "Devis sous une semaine"
    assert [b.text for b in page.select(".cs-gains__badge")] == [
        "Achats déductibles de la contribution OETH",
        "Éligible aux marchés réservés",
    ]
    image = page.one(".cs-establishment__photos img")
    assert image.get("alt").startswith("Illustration d’un atelier de menuiserie")
    assert (image.get("loading"), image.get("width"), image.get("height")) == ("lazy", "960", "600")
    for candidate in image.get("srcset").split(", ") + [
        s.get("srcset") for s in page.select(".cs-establishment__photos source")
    ]:
        name = candidate.split(" ")[0]
        assert (small_site / "etablissements/esat-les-micocouliers" / name).is_file(), name
    assert page.one(".cs-page__checked time").get("datetime") == "2026-03-15"


def test_a_chrs_page_has_no_badge(small_site):
    """Never a badge for a CHRS: its purchases deduct nothing, no contract is reserved to it."""
    page = read_page(small_site / "etablissements/chrs-l-abri-du-cap/index.html")
    assert page.select(".cs-gains") == []
    assert "Achats auprès d’un" in page.one("[data-deduction-notice]").text
