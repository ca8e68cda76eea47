"""The search page in Chromium: every state passes axe, works by keyboard, from disk,
without JavaScript, and announces the number of results once per query."""

import json
import re

import pytest

from tests.conftest import NODE_MODULES
from tests.harness.browser import Audit, run_axe, watch
from tests.search_support import site_searcher


@pytest.fixture
def searcher(site):
    return site_searcher(site)


LOCALE = json.loads((NODE_MODULES / "axe-core/locales/fr.json").read_text(encoding="utf-8"))
RENDERED = "document.querySelector('[data-module=search]').dataset.rendered"


def open_search(page, server, query="", extra=""):
    """Load /recherche/ (with ?q=…) and wait until the script has drawn the results."""
    page.add_init_script(
        """document.addEventListener('coopsoc:search-rendered', e => {
            e.target.dataset.rendered = String(Number(e.target.dataset.rendered || 0) + 1);
            e.target.dataset.renderedQuery = e.detail.query;
        }, true);"""
    )
    address = "recherche/index.html" + (f"?q={query}{extra}" if query else "")
    page.goto(server.url(address))
    page.wait_for_function(f"Number({RENDERED} || 0) >= 1")


def axe(page, server):
    violations = run_axe(page, f"{server.origin}/__outils__/", LOCALE)
    return [f"{v['id']} : {v['help']} {v['targets']}" for v in violations]


def wait_for_query(page, query):
    """Wait until the results drawn are those of this query."""
    page.wait_for_function(
        "q => document.querySelector('[data-module=search]').dataset.renderedQuery === q", arg=query
    )


def visible(page, selector):
    return page.locator(selector).first.is_visible()


def test_empty_state_passes_axe(page, server):
    open_search(page, server)
    assert visible(page, "[data-search-browse]")
    assert not visible(page, "[data-search-results]")
    assert not visible(page, "[data-search-nojs]")
    assert axe(page, server) == []


def test_results_state_passes_axe(page, server, searcher):
    open_search(page, server, "menuiserie")
    count = len(searcher.search("menuiserie").hits)
    assert page.locator("[data-search-heading]").inner_text() == f"{count} résultats"
    assert not visible(page, "[data-search-browse]")
    assert axe(page, server) == []


def test_no_result_state_helps_and_passes_axe(page, server):
    open_search(page, server, "zzqxw")
    empty = page.locator("[data-search-empty]")
    assert empty.is_visible()
    hrefs = empty.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "../metiers/index.html" in hrefs and "../etablissements/index.html" in hrefs
    assert axe(page, server) == []


def test_a_word_left_aside_is_named(page, server):
    open_search(page, server, "menuiserie plomberie")
    understood = page.locator("[data-search-understood]").inner_text()
    assert "«\u00a0plomberie\u00a0» n’a pas été pris en compte" in understood
    assert page.locator(".cs-result__link").count() > 0
    assert axe(page, server) == []


def test_no_result_offers_trades_and_a_prefilled_request(page, server):
    """Nothing found: the closest trades, and a request to COOPSOC with the words typed."""
    open_search(page, server, "menuisrie%20plomberi", "&exact=1")
    empty = page.locator("[data-search-empty]")
    assert empty.is_visible()
    assert empty.get_by_role("link", name="Menuiserie", exact=True).count() == 1
    request = page.get_by_role(
        "link", name="Décrivez votre besoin\u00a0: nous trouvons l’établissement"
    )
    href = request.get_attribute("href")
    assert href.startswith("../demande/index.html?") and "description=menuisrie+plomberi" in href
    assert axe(page, server) == []
    request.click()
    page.wait_for_load_state()
    assert page.locator("#demande-description").input_value() == "menuisrie plomberi"
    assert page.locator("#demande-metier").input_value() == "autre"


def test_correction_links_to_the_words_as_typed(page, server):
    open_search(page, server, "netoyage")
    link = page.get_by_role("link", name="Chercher plutôt «\u00a0netoyage\u00a0» tel quel")
    link.click()
    page.wait_for_function(f"Number({RENDERED}) >= 2")
    assert "exact=1" in page.url
    assert page.locator("[data-search-empty]").is_visible()


def test_facets_applied_and_open_pass_axe(page, server, searcher):
    """Choosing a facet value filters at once, counts update, the address keeps it."""
    open_search(page, server, "nettoyage")
    page.locator("[data-search-filters] summary").click()
    assert axe(page, server) == []
    box = page.locator("[data-search-facets] input[type=checkbox]").first
    label = page.locator(f"label[for='{box.get_attribute('id')}']").inner_text()
    expected = int(re.search(r"\((\d+)\)$", label).group(1))
    box.check()
    page.wait_for_function(f"Number({RENDERED}) >= 2")
    assert page.locator(".cs-result").count() == min(expected, 20)
    assert "avec les filtres choisis" in page.locator("[data-search-heading]").inner_text()
    assert "type=" in page.url or "filiere=" in page.url or "metier=" in page.url
    assert page.evaluate("document.activeElement.type") == "checkbox"
    assert axe(page, server) == []


def test_distance_sort_passes_axe_and_shows_distances(page, server):
    open_search(page, server, "espaces verts")
    page.locator("[data-search-near]").select_option("aubagne")
    page.wait_for_function(f"Number({RENDERED}) >= 2")
    metas = page.locator(".cs-result__meta").all_inner_texts()
    assert any("km d’Aubagne" in m or "km de Aubagne" in m or "commune choisie" in m for m in metas)
    assert "pres=aubagne" in page.url
    assert axe(page, server) == []


# The pause after the last keystroke before the count is announced (search-ui.js).
ANNOUNCE_DELAY_MS = 600
KEYSTROKE_MS = 40


def test_count_is_announced_once_after_typing(page, server, searcher):
    """The polite live region changes once per query, after the typing pauses.

    The page's clock is paused and moved by hand: a keystroke every 40 ms of page time,
    however busy the machine is, then the pause. Nothing waits on a fixed delay.
    """
    page.clock.install()
    open_search(page, server)
    page.evaluate(
        """() => {
            window.announced = [];
            const status = document.querySelector('[data-search-status]');
            new MutationObserver(() => window.announced.push(status.textContent))
                .observe(status, {childList: true, characterData: true, subtree: true});
        }"""
    )
    assert page.locator("[data-search-status]").get_attribute("role") == "status"
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    query = "blanchisserie"
    field = page.locator("#recherche-mots")
    for typed in range(1, len(query) + 1):
        field.press(query[typed - 1])
        wait_for_query(page, query[:typed])
        page.clock.run_for(KEYSTROKE_MS)
    assert page.evaluate("window.announced") == []
    page.clock.run_for(ANNOUNCE_DELAY_MS)
    page.wait_for_function("window.announced.length >= 1")
    page.clock.run_for(10 * ANNOUNCE_DELAY_MS)
    count = len(searcher.search(query).hits)
    assert page.evaluate("window.announced") == [f"{count} résultats pour «\u00a0{query}\u00a0»."]


def test_keyboard_only_search(page, server, searcher):
    """Tab to the field, type, Tab to a result (focus visible), Enter opens it."""
    open_search(page, server)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "recherche-mots":
            break
    else:
        pytest.fail("le champ de recherche n’est pas atteignable au clavier")
    page.keyboard.type("pressing")
    wait_for_query(page, "pressing")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cs-result__link')"):
            break
    else:
        pytest.fail("aucun résultat n’est atteignable au clavier")
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert style[0] != "none" and style[1] != "0px"
    first = searcher.record(searcher.search("pressing").hits[0][0])[0]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{first}index.html")


def test_header_search_reaches_results(page, server):
    """The header field of any page sends its words to /recherche/, which shows results."""
    page.goto(server.url("qui-sommes-nous/index.html"))
    page.locator("#recherche-entete").fill("pressing")
    page.locator("#recherche-entete").press("Enter")
    page.wait_for_url("**/recherche/index.html?q=pressing")
    page.wait_for_selector(".cs-result__link")


def test_search_works_opened_from_disk(page, site):
    """From file:// (no fetch, no worker), the index loads through <script src>."""
    audit = Audit(url="")
    page.on("console", lambda m: audit.console_errors.append(m.text) if m.type == "error" else 0)
    page.on("pageerror", lambda e: audit.console_errors.append(str(e)))
    page.goto((site / "recherche/index.html").as_uri() + "?q=netoyage")
    page.wait_for_selector(".cs-result__link")
    assert page.locator(".cs-result__link").count() > 0
    assert audit.console_errors == []
    page.locator(".cs-result__link").first.click()
    assert page.url.endswith("index.html")


def test_without_javascript_the_page_offers_the_catalogue(browser, server):
    """No script: the form still submits q, and the page lists trades and the directory."""
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(server.url("index.html"))
        page.locator("#recherche-entete").fill("menuiserie")
        page.locator("#recherche-entete").press("Enter")
        page.wait_for_url("**/recherche/index.html?q=menuiserie")
        assert page.locator("[data-search-nojs]").is_visible()
        assert page.locator("[data-search-browse]").is_visible()
        assert page.get_by_role("link", name="Menuiserie").count() >= 1
        assert not page.locator("[data-search-results]").is_visible()
    finally:
        context.close()


def test_search_page_requests_only_its_own_files(page, server):
    """No foreign request, no failure, no console error (CSP included) while searching."""
    audit = Audit(url="")
    watch(page, server.origin, audit)
    open_search(page, server, "mise sous pli", "&pres=marseille&type=ESAT")
    assert audit.console_errors == [] and audit.failed_requests == []
    assert audit.foreign_requests == []


def test_results_typed_in_the_address_appear_without_moving_the_page(page, server):
    """Nothing the script draws moves what is already shown (Lighthouse's layout shift):
    the page is laid out as the script will leave it, and the download button appears
    only under its results. Web fonts are left out: their swap is the browser's own."""
    page.route("**/*.woff2", lambda route: route.abort())
    page.add_init_script(
        """window.coopsocShifts = [];
        new PerformanceObserver(list => {
            for (const entry of list.getEntries()) window.coopsocShifts.push(entry.value);
        }).observe({type: 'layout-shift', buffered: true});"""
    )
    open_search(page, server, "menuiserie")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.coopsocShifts") == []
