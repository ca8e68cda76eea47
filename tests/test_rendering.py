"""Checks beyond axe, on every page as Chromium draws it (tests/harness/inspect.js).

Each page is loaded once in one reused browser page, with prefers-reduced-motion set:
focus visible on each interactive element (RGAA 10.7), text spacing of WCAG 1.4.12 and
text alone at 200 % without text cut off (10.12, 10.4), reflow at 640 and 320 CSS pixels
(zoom 200 % and 400 %, 10.11), no motion (13.8), the accessible name of each link and
button containing its visible text (WCAG 2.5.3; RGAA 6.1, 11.9), headings in order
(9.1), changes of language marked (8.7, 8.8). The states of the audit's sample (search
results, simulator result, form with errors) get the same checks, and a keyboard journey.
"""

import functools

import pytest

from plugins.coopsoc.audit.grid import load_audit
from tests.harness.build import ROOT
from tests.harness.inspect import inspect_page

GRID = load_audit(ROOT / "data" / "audit-rgaa.yaml")
# How the audit's sample brings a page to the state it was audited in (data/audit-rgaa.yaml,
# « etat »); a page whose address carries a query needs only to be loaded.
STATES = {
    "recherche": lambda page: page.locator("[data-search-heading]", has_text="résultat").wait_for(),
    "simulateur": lambda page: page.locator("[data-results]").wait_for(),
    "demande": lambda page: (
        page.click("#demande button[type=submit]"),
        page.locator("#demande-erreurs").wait_for(),
    ),
}
SAMPLE = [p for p in GRID.sample if not p.document]
STATED = [p for p in SAMPLE if p.etat]
CHECKS = {
    "focus": "focus invisible",
    "names": "nom accessible sans le texte visible",
    "headings": "titres",
    "spacing": "texte coupé avec l’espacement du texte",
    "textZoom": "texte coupé à 200 %",
    "motion": "mouvement",
    "languages": "changement de langue",
}


@pytest.fixture(scope="module")
def inspect(browser, server):
    """Inspect a page (once per address) in one browser page reused for every page."""
    context = browser.new_context(locale="fr-FR", reduced_motion="reduce")
    page = context.new_page()

    @functools.cache
    def run(path: str, state: str | None = None):
        return inspect_page(page, server.url(path), STATES.get(state))

    yield run
    context.close()


def test_focus_is_visible(inspect, page_path):
    """RGAA 10.7: every link, button and field looks different when it has the focus."""
    assert inspect(page_path).found["focus"] == []


def test_text_spacing_loses_nothing(inspect, page_path):
    """RGAA 10.12, WCAG 1.4.12: with the reader's spacing, no text is cut off."""
    assert inspect(page_path).found["spacing"] == []


def test_text_zoom_loses_nothing(inspect, page_path):
    """RGAA 10.4, WCAG 1.4.4: text alone at 200 %, no text is cut off."""
    assert inspect(page_path).found["textZoom"] == []


def test_reflows_at_640_px(inspect, page_path):
    """RGAA 10.11, WCAG 1.4.10: zoomed to 200 % (640 px wide), no horizontal scrolling."""
    overflow = inspect(page_path).reflow[640]
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow["wide"]


def test_nothing_moves_when_motion_is_reduced(inspect, page_path):
    """RGAA 13.8, WCAG 2.3.3: with prefers-reduced-motion, no animation nor transition."""
    assert inspect(page_path).found["motion"] == []


def test_names_contain_visible_text(inspect, page_path):
    """RGAA 6.1 and 11.9, WCAG 2.5.3: a link's or button's name contains what it shows."""
    assert inspect(page_path).found["names"] == []


def test_headings_are_in_order(inspect, page_path):
    """RGAA 9.1: one h1, and no heading level skipped on the way down."""
    assert inspect(page_path).found["headings"] == []


def test_language_changes_are_marked(inspect, page_path):
    """RGAA 8.7 and 8.8: English phrases inside lang="en"; every lang code well formed."""
    assert inspect(page_path).found["languages"] == []


@pytest.mark.parametrize("sample", STATED, ids=lambda p: p.id)
def test_sample_state_passes_every_check(inspect, sample):
    """The audited states (search results, simulator result, form with errors): every check
    above, and the reflow at 640 and 320 pixels."""
    inspection = inspect(f"{sample.path}index.html{sample.query}", sample.id)
    problems = {CHECKS[k]: found for k, found in inspection.found.items() if found}
    assert problems == {}
    for width, overflow in inspection.reflow.items():
        assert overflow["scrollWidth"] <= overflow["clientWidth"], (width, overflow["wide"])


# Every element Tab reaches, in the document's order: radio buttons but the first of each
# group (Tab enters a group once), nothing hidden (a closed details' content included),
# disabled or taken out by tabindex="-1".
TAB_STOPS = """() => {
    const seen = new Set();
    return [...document.querySelectorAll(
        'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]')]
      .filter(e => !e.disabled && e.tabIndex >= 0
        && e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true}))
      .filter(e => e.type !== 'radio' || (!seen.has(e.name) && seen.add(e.name)))
      .map((e, i) => { e.dataset.tabStop = i; return i; });
}"""


@pytest.mark.parametrize("sample", SAMPLE, ids=lambda p: p.id)
def test_keyboard_reaches_every_control_in_order(page, server, sample):
    """RGAA 12.8 and 12.9: Tab goes through every control in the document's order, then
    leaves the page: no control is skipped, none traps the focus, no order jumps."""
    page.goto(server.url(f"{sample.path}index.html{sample.query}"))
    if sample.id in STATES:
        STATES[sample.id](page)
    stops = page.evaluate(TAB_STOPS)
    # From the first stop (the skip link), whatever the state has focused.
    page.focus("[data-tab-stop='0']")
    reached = [0]
    for _ in range(len(stops)):
        page.keyboard.press("Tab")
        stop = page.evaluate("document.activeElement.dataset.tabStop ?? null")
        if stop is None:
            break
        reached.append(int(stop))
    assert reached == stops


def test_phone_menu_opens_and_its_links_are_reached_by_keyboard(page, server):
    """RGAA 12.11: at 320 pixels the menu folds behind « Menu »; Tab reaches it, Enter opens
    it, and Tab then reaches its links, shown."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(server.url("index.html"))
    page.focus("summary.cs-menu__toggle")
    assert page.is_hidden(".cs-nav__link >> nth=0")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.matches('.cs-nav__link')")
    assert focused and page.is_visible(".cs-nav__link >> nth=0")
