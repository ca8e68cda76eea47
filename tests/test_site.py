"""Site-wide promises: addresses, figures from the data, navigation, keyboard, disk use."""

import csv
import io
import json
import re
from datetime import date
from html import escape, unescape
from pathlib import Path

import pytest
import yaml

from plugins.coopsoc.text import french_number
from plugins.coopsoc.typography import typeset_text
from plugins.coopsoc.urls import type_path
from plugins.directory.figures import shown_figures, years_since
from tests.harness.assets import asset
from tests.harness.build import ROOT, html_pages
from tests.harness.html import read_page, texts_by_class

REQUIRED_PAGES = [
    "index.html",
    "qui-sommes-nous/index.html",
    "histoire/index.html",
    "obligation-d-emploi/index.html",
    "contact/index.html",
    "mentions-legales/index.html",
    "accessibilite/index.html",
    "donnees-personnelles/index.html",
    "plan-du-site/index.html",
    "etablissements/index.html",
    "metiers/index.html",
    "donnees/index.html",
    "404.html",
    "favicon.ico",
    "favicon.svg",
]


@pytest.fixture(scope="module")
def settings():
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"))


def nav_links(path: Path) -> list[dict]:
    """The attributes of every link of the main navigation."""
    page = read_page(path)
    return [a.attrs for a in page.select('nav[aria-label="Navigation principale"] a')]


@pytest.mark.parametrize("path", REQUIRED_PAGES)
def test_required_address_exists(site, path):
    """Every address the site promises exists in the build."""
    assert (site / path).is_file()


def test_every_model_object_path_is_a_page(site, directory):
    """The path of an establishment, trade, filière, commune and type is a page of the build."""
    paths = [
        *(e.path for e in directory.establishments),
        *(trade.path for trade in directory.trades.values()),
        *(filiere.path for filiere in directory.filieres),
        *(commune.path for commune in directory.communes_in_use()),
        *(type_path(k) for k, found in directory.establishments_by_type().items() if found),
    ]
    assert all(path.endswith("/") and not path.startswith("/") for path in paths)
    missing = [path for path in paths if not (site / path / "index.html").is_file()]
    assert not missing


def test_home_figures_are_those_of_the_data(site, settings, directory):
    """The key figures of the home page come from data/, never typed.

    While the data are a sample, workers and trades are the lower bounds the association
    publishes (data/annuaire.yaml), not sums of invented numbers.
    """
    figures = shown_figures(directory, settings["BUILD_DATE"], settings["FOUNDING_DATE"])
    home = read_page(site / "index.html")
    shown = [t.strip() for t in texts_by_class(home, "cs-figures__value")]
    expected = [
        french_number(figures[k])
        for k in ("etablissements", "travailleurs", "metiers", "associations", "communes", "annees")
    ]
    assert shown == expected
    assert figures["annees"] == years_since(date(1965, 7, 29), settings["BUILD_DATE"])
    computed = directory.figures()
    if directory.sample:
        assert shown[1:3] == ["plus de 2\u202f700", "plus de 30"]
        assert french_number(computed["travailleurs"]) not in texts_by_class(home, "cs-main")[0]
    else:
        assert figures == computed


def test_open_data_says_whether_it_is_a_sample(site, directory):
    """Every open data record carries donnees_exemple, true while the data are a sample."""
    folder = site / "donnees"
    flag = "oui" if directory.sample else "non"
    rows = list(csv.DictReader(io.StringIO((folder / "etablissements.csv").read_text("utf-8"))))
    assert next(iter(rows[0])) == "donnees_exemple"
    assert {row["donnees_exemple"] for row in rows} == {flag}
    for name in ("etablissements.json", "metiers.json"):
        records = json.loads((folder / name).read_text(encoding="utf-8"))
        assert {record["donnees_exemple"] for record in records} == {directory.sample}
    features = json.loads((folder / "etablissements.geojson").read_text("utf-8"))["features"]
    assert {f["properties"]["donnees_exemple"] for f in features} == {directory.sample}
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert ("Ces fichiers contiennent des données d’exemple" in page) is directory.sample


COUNTED = (
    r"établissements|métiers|personnes|travailleurs|ESAT|EA|CHRS|associations|filières|communes"
)


def test_pages_type_no_count_by_hand():
    """Markdown pages write {chiffre:…} before a counted word, never a number typed by hand."""
    typed = re.compile(rf"\b\d[\d \u202f]*\s+(?:{COUNTED})\b|\b\d+ ans de savoir")
    for source in (ROOT / "content/pages").glob("*.md"):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            assert not typed.search(line), f"{source.name}, ligne {number} : {line}"


def test_placeholders_are_replaced(site):
    """No {chiffre:…}, {contact:…} or {lien:…} survives in the built pages."""
    for page in site.rglob("*.html"):
        assert not re.search(r"\{(chiffre|contact|lien):", page.read_text(encoding="utf-8")), page


@pytest.mark.parametrize("label, path", __import__("pelicanconf").NAVIGATION)
def test_navigation_marks_the_current_page(site, label, path):
    """The current page's link carries aria-current="page", and only it (RGAA 12.2)."""
    links = nav_links(site / (path + "index.html"))
    current = [a for a in links if a.get("aria-current") == "page"]
    assert len(current) == 1
    assert current[0]["href"].endswith(path + "index.html")


def test_section_pages_mark_their_section(site):
    """An establishment's page marks « Établissements » as the current section."""
    page = next((site / "etablissements").glob("*/index.html"))
    links = nav_links(page)
    assert [a["href"].split("/")[-2] for a in links if a.get("aria-current") == "true"] == [
        "etablissements"
    ]


def test_history_timeline_comes_from_the_data(site):
    """The history page shows the events of data/history.yaml, in order."""
    events = yaml.safe_load((ROOT / "data/history.yaml").read_text(encoding="utf-8"))
    history = read_page(site / "histoire/index.html")
    titles = [t.strip() for t in texts_by_class(history, "cs-timeline__title")]
    assert titles == [typeset_text(e["titre"]) for e in events]


def test_accessibility_statement_has_the_usual_parts(site):
    """The statement gives the conformity status, the tests, the contact and the remedies."""
    text = (site / "accessibilite/index.html").read_text(encoding="utf-8")
    # The status itself is computed from the audit grid: tests/test_audit.py checks it.
    for part in ("conforme", "Défenseur des droits", "RGAA", "mailto:"):
        assert part in text
    # The RGAA 4.1.2 model: its parts, the technologies used, every remedy channel.
    for part in (
        "RGAA, version 4.1.2",
        "État de conformité",
        "Résultats des tests",
        "Contenus non accessibles",
        "Dérogations pour charge disproportionnée",
        "Technologies utilisées",
        "JavaScript, en amélioration seulement",
        "SVG, pour la carte",
        "Environnement de test",
        "Outils pour évaluer l’accessibilité",
        "Pages du site ayant fait l’objet de la vérification",
        "Retour d’information et contact",
        "Voies de recours",
        "formulaire en ligne du Défenseur des droits",
        "délégué du Défenseur des droits",
        "09\u00a069\u00a039\u00a000\u00a000",
        "Libre réponse 71120, 75342 Paris CEDEX 07",
    ):
        assert part in visible_text(text), part


def visible_text(html: str) -> str:
    """The text of a page, tags (such as <abbr>) removed and entities decoded."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_legal_notice_identifies_publisher_director_and_host(site, settings):
    """LCEN article 1-1: name, registered office, telephone, director, host and its details."""
    text = (site / "mentions-legales/index.html").read_text(encoding="utf-8")
    contact = settings["COOPSOC"]
    for key in ("nom", "siege", "telephone", "email", "directeur_publication"):
        assert escape(contact[key]) in text, key
    for key in ("hebergeur_nom", "hebergeur_adresse", "hebergeur_telephone"):
        assert escape(contact[key]) in text, key
    assert "article 1-1 de la loi n°\u00a02004-575" in text
    assert "(COOPSOC) (COOPSOC)" not in text
    for credit in ("Atkinson Hyperlegible Next", "IGN GEOFLA 2016", "Licence Ouverte"):
        assert credit in visible_text(text), credit
    assert 'href="../donnees-personnelles/index.html"' in text


def test_privacy_notice_gives_what_rgpd_article_13_requires(site, settings):
    """Controller, purpose, legal basis, recipients, retention, rights, CNIL; no cookie."""
    text = (site / "donnees-personnelles/index.html").read_text(encoding="utf-8")
    for part in (
        "Responsable du traitement",
        "Finalité",
        "Base légale",
        "article 6, paragraphe 1, point b",
        "Destinataires",
        "Durée de conservation",
        settings["COOPSOC"]["duree_conservation"],
        "rectification",
        "effacement",
        "limitation",
        "vous opposer",
        "portabilité",
        "www.cnil.fr",
        "aucun cookie",
    ):
        assert part in visible_text(text), part


def test_skip_link_comes_first_and_moves_focus(page, server):
    """Tab reaches the skip link first; Enter moves the focus to the main content."""
    page.goto(server.url("qui-sommes-nous/index.html"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#contenu"
    box = page.evaluate("JSON.stringify(document.activeElement.getBoundingClientRect())")
    assert '"top":0' in box or '"y":0' in box, "le lien d’évitement doit être visible au focus"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_focus_is_visible(page, server):
    """A focused link draws an outline (WCAG 2.4.7)."""
    page.goto(server.url("index.html"))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


def test_site_works_opened_from_disk(page, site):
    """Opened with file://, the styles load and navigation links lead to pages, not folders."""
    page.goto((site / "index.html").as_uri())
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Atkinson" in font
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Établissements"
    ).click()
    assert page.url.endswith("/etablissements/index.html")
    assert page.locator("h1").inner_text() == "Les établissements membres"


def test_print_stylesheet_hides_navigation(page, server):
    """The print style shows the content without the navigation."""
    page.goto(server.url("index.html"))
    page.emulate_media(media="print")
    assert page.locator("nav.cs-nav").evaluate("e => getComputedStyle(e).display") == "none"


def test_reduced_motion_is_honoured(site):
    """The stylesheet has a prefers-reduced-motion rule (WCAG 2.3.3)."""
    css = asset(site, "theme/css/site.css").read_text(encoding="utf-8")
    assert "@media (prefers-reduced-motion: reduce)" in css


def test_site_map_links_to_every_page(site):
    """The site map reaches every page of the build (RGAA 12.1), except the error page,
    the further pages of the news list, the pages kept out of search engines (the
    technical folders' pages) and the copies of the request form prefilled for one trade,
    filière or establishment (each names the form's address as its own)."""
    from tests.harness import links

    sitemap = site / "plan-du-site/index.html"
    reached = {
        (sitemap.parent / url.split("#")[0]).resolve()
        for _tag, _attribute, url in links.parse(sitemap).urls
        if not url.startswith(("http", "mailto:", "#"))
    }
    missing = [
        path
        for path in html_pages(site)
        if (page := site / path).resolve() not in reached
        and page.name != "404.html"
        and "/page/" not in page.as_posix()
        and 'name="robots" content="noindex"' not in page.read_text(encoding="utf-8")
        and not (path.startswith("demande/") and path != "demande/index.html")
        and page != sitemap
    ]
    assert missing == []
