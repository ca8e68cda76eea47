"""The buyer's path: the request one click from every page, and a phone's first screens.

Positions are measured in Chromium on a 375 × 812 phone screen, once the page is loaded
(Playwright waits for the load event); sizes and positions are stable, not timings.
"""

import posixpath

import pytest

from tests.harness.build import html_pages
from tests.harness.html import read_page

PHONE = {"width": 375, "height": 812}
SMALL_DESKTOP = {"width": 960, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
ESTABLISHMENT = "etablissements/esat-ateliers-de-sormiou/index.html"
TRADE = "metiers/creation-entretien-espaces-verts/index.html"


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_script(browser, server):
    context = browser.new_context(viewport=PHONE, locale="fr-FR", java_script_enabled=False)
    yield context.new_page()
    context.close()


def top_and_bottom(page, selector: str) -> tuple[float, float]:
    """The element's top and bottom, from the top of the page."""
    box = page.locator(selector).first.bounding_box()
    return box["y"], box["y"] + box["height"]


def test_every_folder_of_the_output_is_served_by_an_index(site):
    """No address of the site shows a folder listing: every folder has its index.html."""
    folders = [site, *(path for path in site.rglob("*") if path.is_dir())]
    assert len(folders) > 50
    bare = [f.relative_to(site).as_posix() for f in folders if not (f / "index.html").is_file()]
    assert bare == []


def test_the_folders_of_lists_are_pages_of_their_own(site, directory):
    """/filieres/, /etablissements/type/, /etablissements/commune/ list their lists."""
    filieres = read_page(site / "filieres/index.html")
    assert len(filieres.select("main .cs-tiles__item")) == len(directory.filieres)
    communes = read_page(site / "etablissements/commune/index.html")
    assert len(communes.select("main .cs-tiles__item")) == len(directory.communes_in_use())
    technical = read_page(site / "theme/css/index.html")
    assert technical.select('meta[name="robots"]')[0].get("content") == "noindex"


def test_every_page_header_links_to_the_request_form(site):
    """« Déposer un besoin » is in the header of every page, and leads to the form."""
    missing = []
    for path in html_pages(site):
        links = read_page(site / path).select("header a.cs-header__request")
        target = links and posixpath.normpath(
            posixpath.join(posixpath.dirname(path), links[0].get("href"))
        )
        if target != "demande/index.html":
            missing.append(path)
    assert missing == []


@pytest.mark.parametrize("path", ["etablissements/index.html", TRADE])
def test_first_establishment_is_within_two_phone_screens(phone, server, path):
    phone.goto(server.url(path))
    top, _ = top_and_bottom(phone, ".cs-cards .cs-card")
    print(f"{path} : première fiche à {top:.0f} px")
    assert top < 2 * PHONE["height"]


def test_establishment_request_link_is_on_the_first_phone_screen(phone, server, directory):
    """On the page of the first ESAT and of the first EA. A CHRS's page says first, on
    purpose, that buying there does not reduce the contribution (Code du travail,
    L5212-10-1): its request link follows that notice."""
    firsts = {e.type: e for e in reversed(directory.establishments) if e.deductible}
    for establishment in firsts.values():
        phone.goto(server.url(establishment.path + "index.html"))
        link = phone.locator("main a.cs-button", has_text="Déposer un besoin").first
        box = link.bounding_box()
        print(f"{establishment.id} : lien de demande, bas à {box['y'] + box['height']:.0f} px")
        assert box["y"] + box["height"] <= PHONE["height"], establishment.id


def test_request_form_first_field_is_on_the_first_phone_screen(phone, server):
    phone.goto(server.url("demande/index.html"))
    _, bottom = top_and_bottom(phone, "#demande :is(input, select, textarea)")
    print(f"premier champ : bas à {bottom:.0f} px")
    assert bottom <= PHONE["height"]


@pytest.mark.parametrize("viewport", [PHONE, SMALL_DESKTOP, DESKTOP], ids=["375", "960", "1280"])
@pytest.mark.parametrize("path", ["etablissements/index.html", ESTABLISHMENT])
def test_map_markers_are_targets_of_24_px_at_least(browser, server, directory, viewport, path):
    """WCAG 2.2, 2.5.8: every marker's link is at least 24 × 24 CSS pixels, and named."""
    context = browser.new_context(viewport=viewport, locale="fr-FR")
    page = context.new_page()
    page.goto(server.url(path))
    markers = page.locator(".cs-map__link")
    sizes = markers.evaluate_all(
        "links => links.map(a => { const b = a.getBoundingClientRect();"
        " return [b.width, b.height, a.querySelector('title').textContent]; })"
    )
    context.close()
    assert len(sizes) > 10
    assert min(min(w, h) for w, h, _ in sizes) >= 24, sizes
    # Every marker's name starts with its commune's name (apostrophes typeset).
    communes = tuple(c.nom.replace("'", "’") for c in directory.communes_in_use())
    assert all(name.startswith(communes) for _, _, name in sizes), sizes


@pytest.mark.parametrize("scripted", [True, False], ids=["script", "sans-script"])
def test_phone_menu_opens_and_closes_from_its_button(browser, server, scripted):
    context = browser.new_context(viewport=PHONE, locale="fr-FR", java_script_enabled=scripted)
    page = context.new_page()
    page.goto(server.url("index.html"))
    toggle = page.get_by_text("Menu", exact=True)
    link = page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Métiers"
    )
    assert link.is_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    link.click()
    assert page.url.endswith("/metiers/index.html")
    page.get_by_text("Menu", exact=True).click()
    page.get_by_text("Menu", exact=True).click()
    assert page.locator(".cs-nav__link").first.is_hidden()
    context.close()


def test_desktop_menu_is_always_open_without_its_button(page, server):
    page.goto(server.url("index.html"))
    assert page.get_by_text("Menu", exact=True).is_hidden()
    assert page.locator(".cs-nav__link").nth(3).is_visible()


def test_directory_ways_in_are_folded_on_a_phone_with_their_counts(phone, server):
    phone.goto(server.url("etablissements/index.html"))
    summary = phone.locator("summary.cs-facets__toggle")
    assert "(" in summary.inner_text()
    commune = phone.locator(".cs-facets a").first
    assert commune.is_hidden()
    summary.click()
    assert commune.is_visible()


@pytest.mark.parametrize(
    "path, field, expected",
    [
        (TRADE, "metier", "creation-entretien-espaces-verts"),
        (ESTABLISHMENT, "etablissement", "esat-ateliers-de-sormiou"),
    ],
)
def test_request_links_prefill_the_form_without_javascript(
    phone_without_script, server, path, field, expected
):
    page = phone_without_script
    page.goto(server.url(path))
    page.locator("main a.cs-button", has_text="Déposer un besoin").click()
    assert "/demande/" in page.url
    assert page.locator(f"#demande [name={field}]").input_value() == expected


def test_prefilled_forms_may_be_crawled(site):
    """A prefilled form is not kept from search engines (Lighthouse's crawlability): in
    production it names the form's address as its own (tests/test_publishing.py)."""
    for path in ("demande/metier-creation-entretien-espaces-verts/", "demande/"):
        assert read_page(site / path / "index.html").select('meta[name="robots"]') == []


def test_list_pages_offer_the_request_among_their_cards(site):
    """After the third card (or the last of a shorter list), a card leads to the form."""
    for path in ("etablissements/index.html", "etablissements/type/ea/index.html"):
        items = read_page(site / path).select("ul.cs-cards > li")
        classes = [item.get("class") for item in items]
        assert classes.index("cs-request-card") == min(3, len(items) - 1), path


def test_search_results_offer_the_request_with_the_visitors_words(page, server):
    page.goto(server.url("recherche/index.html?q=menuiserie"))
    card = page.locator(".cs-results .cs-request-card")
    link = card.get_by_role("link", name="Déposer un besoin")
    assert "description=menuiserie" in link.get_attribute("href")
    assert page.locator(".cs-results > li").nth(3).get_attribute("class") == "cs-request-card"
