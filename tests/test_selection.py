"""« Ma sélection » in Chromium: keep establishments from any page, then one request for all.

The journey a buyer takes, by keyboard only, served and opened from disk: add two
establishments from two pages, open /ma-selection/, remove one, add another, send one
request, and find both names in the prepared message; axe at each step. Every wait is on
an event or a state (Playwright's auto-waiting), never on time.
"""

import csv
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from plugins.coopsoc.typography import typeset_text
from tests.conftest import NODE_MODULES
from tests.harness.browser import run_axe

KEY = "coopsoc-selection"
LOCALE = json.loads((NODE_MODULES / "axe-core/locales/fr.json").read_text(encoding="utf-8"))
SELECTION = "ma-selection/index.html"
FORM = "demande/index.html"


def axe(page, server) -> list:
    """Violations of the page as it stands (axe from the test server: the CSP allows it)."""
    return [f"{v['id']} {v['targets']}" for v in run_axe(page, server.url("__outils__/"), LOCALE)]


class Site:
    """Addresses of the build, served (http) or opened from disk (file)."""

    def __init__(self, server=None, folder=None):
        self.server, self.folder = server, folder

    def url(self, path: str) -> str:
        return self.server.url(path) if self.server else (self.folder / path).as_uri()


def keep_by_keyboard(page, establishment) -> None:
    """Reach an establishment's button with the keyboard and press it."""
    button = page.locator(f'button[data-selection-id="{establishment.id}"]').first
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-pressed", "false")
    button.focus()
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-selection-status]")).to_contain_text(
        f"{typeset_text(establishment.nom)}\u00a0» ajouté à votre sélection"
    )


def fill_request(page) -> None:
    page.select_option("#demande-metier", "autre")
    page.fill("#demande-description", "Entretien des espaces verts de trois sites")
    page.fill("#demande-commune", "Aubagne")
    page.check("#demande-lieu-site")
    page.fill("#demande-entreprise", "Mairie d’exemple")
    page.fill("#demande-nom", "Jeanne Martin")
    page.fill("#demande-email", "jeanne.martin@exemple.fr")


def journey(page, site: Site, directory, check_axe=True) -> None:
    """The whole journey of the issue; axe after each state when check_axe."""
    esat, ea = (
        directory.establishments_by_type()["ESAT"][0],
        directory.establishments_by_type()["EA"][0],
    )
    trade = ea.trades[0]
    third = next(e for e in directory.establishments_for_trade(trade.id) if e not in (esat, ea))
    count = page.locator("[data-selection-count]")

    page.goto(site.url("etablissements/type/esat/index.html"))
    keep_by_keyboard(page, esat)
    expect(count).to_have_text("1")
    if check_axe:
        assert axe(page, site.server) == []
    page.goto(site.url(f"{ea.path}index.html"))
    keep_by_keyboard(page, ea)
    expect(count).to_have_text("2")

    page.goto(site.url(SELECTION))
    items = page.locator(".cs-selection__item")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text(typeset_text(esat.nom))
    expect(items.nth(0)).to_contain_text(typeset_text(esat.commune.nom))
    expect(items.nth(1)).to_contain_text(typeset_text(ea.trades[0].nom))
    if check_axe:
        assert axe(page, site.server) == []
    items.nth(0).locator("[data-selection-remove]").focus()
    page.keyboard.press("Enter")
    expect(items).to_have_count(1)
    expect(items.nth(0).locator("[data-selection-remove]")).to_be_focused()
    expect(page.locator("[data-selection-status]")).to_contain_text("retiré de votre sélection")
    expect(count).to_have_text("1")
    if check_axe:
        assert axe(page, site.server) == []

    page.goto(site.url(f"{trade.path}index.html"))
    keep_by_keyboard(page, third)
    expect(count).to_have_text("2")

    page.goto(site.url(SELECTION))
    expect(items).to_have_count(2)
    request = page.locator("[data-selection-request]")
    expect(request).to_have_text("Demander un devis à ces 2 établissements")
    request.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    query = parse_qs(urlsplit(page.url).query)
    assert query["etablissement"] == [ea.id, third.id]

    boxes = page.locator("[data-request-chosen] input[name=etablissement]")
    expect(boxes).to_have_count(2)
    for box in boxes.all():
        expect(box).to_be_checked()
    expect(page.locator("[data-request-chosen]")).to_contain_text(typeset_text(ea.nom))
    expect(page.locator("#demande-etablissement")).to_be_hidden()
    if check_axe:
        assert axe(page, site.server) == []
    fill_request(page)
    page.locator("#demande button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.locator("[data-request-done]").wait_for()
    body = parse_qs(urlsplit(page.get_attribute("[data-request-mailto]", "href")).query)["body"][0]
    assert "Établissements souhaités :" in body
    for establishment in (ea, third):
        assert f"- {establishment.nom} ({establishment.commune.nom})" in body
    assert esat.nom not in body
    if check_axe:
        assert axe(page, site.server) == []


def test_two_establishments_from_two_pages_lead_to_one_request(page, server, directory):
    journey(page, Site(server=server), directory)


def test_the_same_journey_works_opened_from_disk(page, site, directory):
    """From file:// the establishments' data load with <script src>, like the search."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    journey(page, Site(folder=site), directory, check_axe=False)
    assert errors == []


def test_without_javascript_buttons_are_absent_and_the_page_says_what_it_needs(
    browser, server, directory
):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(server.url("etablissements/index.html"))
        buttons = page.locator("button[data-selection-id]")
        assert buttons.count() == len(directory.establishments)
        assert not any(button.is_visible() for button in buttons.all())
        assert not page.locator("[data-selection-link]").is_visible()
        page.goto(server.url(SELECTION))
        expect(page.locator("[data-selection-nojs]")).to_be_visible()
        expect(page.locator("[data-selection-nojs]")).to_contain_text("JavaScript")
        expect(page.locator("[data-selection-content]")).to_be_hidden()
        expect(page.get_by_text("stockage local", exact=False).first).to_be_visible()
    finally:
        context.close()


def test_unknown_ids_in_storage_or_address_are_dropped_with_a_notice(page, server, directory):
    kept = directory.establishments[0]
    page.goto(server.url("index.html"))
    page.evaluate(
        "([key, ids]) => localStorage.setItem(key, JSON.stringify(ids))",
        [KEY, ["etablissement-disparu", kept.id, 42]],
    )
    page.goto(server.url(SELECTION))
    expect(page.locator(".cs-selection__item")).to_have_count(1)
    expect(page.locator("[data-selection-dropped]")).to_contain_text(
        "Un établissement de votre sélection ne figure plus dans l’annuaire"
    )
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == json.dumps([kept.id])
    assert axe(page, server) == []

    other = directory.establishments[1]
    page.goto(
        server.url(f"{FORM}?etablissement=inconnu&etablissement={kept.id}&etablissement={other.id}")
    )
    expect(page.locator("[data-request-dropped]")).to_contain_text("ne figure plus dans l’annuaire")
    expect(page.locator("[data-request-chosen] input:checked")).to_have_count(2)


def test_the_selection_is_empty_then_removed_all_at_once(page, server, directory):
    page.goto(server.url(SELECTION))
    expect(page.locator("[data-selection-heading]")).to_have_text("Votre sélection est vide")
    expect(page.locator("[data-selection-actions]")).to_be_hidden()
    page.evaluate(
        "([key, ids]) => localStorage.setItem(key, JSON.stringify(ids))",
        [KEY, [e.id for e in directory.establishments[:3]]],
    )
    page.reload()
    expect(page.locator(".cs-selection__item")).to_have_count(3)
    page.locator("[data-selection-clear]").click()
    expect(page.locator(".cs-selection__item")).to_have_count(0)
    expect(page.locator("[data-selection-heading]")).to_be_focused()
    expect(page.locator("[data-selection-count]")).to_have_text("0")


def read_download(download) -> list[dict]:
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_the_selection_downloads_as_a_spreadsheet(page, server, directory):
    chosen = directory.establishments[:2]
    page.goto(server.url("index.html"))
    page.evaluate(
        "([key, ids]) => localStorage.setItem(key, JSON.stringify(ids))",
        [KEY, [e.id for e in chosen]],
    )
    page.goto(server.url(SELECTION))
    with page.expect_download() as info:
        page.locator("[data-selection-csv]").click()
    rows = read_download(info.value)
    assert [row["id"] for row in rows] == [e.id for e in chosen]
    assert rows[0]["liste"] == "Ma sélection"
    assert rows[0]["donnees_exemple"] == "oui"


def test_search_results_can_be_kept_and_downloaded(page, server, directory):
    page.goto(server.url("recherche/index.html?q=menuiserie"))
    buttons = page.locator(".cs-result button[data-selection-id]")
    expect(buttons.first).to_be_visible()
    expected = set(directory_ids := [e.id for e in directory.establishments]) & {
        b.get_attribute("data-selection-id") for b in buttons.all()
    }
    assert expected and expected <= set(directory_ids)
    buttons.first.click()
    expect(buttons.first).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-selection-count]")).to_have_text("1")
    assert axe(page, server) == []
    with page.expect_download() as info:
        page.locator("[data-search-export]").click()
    rows = read_download(info.value)
    assert {row["id"] for row in rows} >= expected
    assert rows[0]["liste"] == "Recherche\u00a0: «\u00a0menuiserie\u00a0»"


def test_a_browser_export_neutralises_a_hostile_list_name(page, server):
    """The query names the search's export: a formula in it stays text, « ; » stays in it."""
    page.goto(server.url(SELECTION))
    page.wait_for_function("window.CoopsocSelection !== undefined")
    hostile = '=HYPERLINK("https://exemple.org";"x")'
    with page.expect_download() as info:
        page.evaluate(
            """([label]) => window.CoopsocSelection.download(
                {header: 'id;liste;liste_url'}, [[0, 0, 0, 0, 0, 0, 0, 'a']], label, 'x.csv')""",
            [hostile],
        )
    rows = read_download(info.value)
    assert rows == [{"id": "a", "liste": "'" + hostile, "liste_url": server.url(SELECTION)}]
