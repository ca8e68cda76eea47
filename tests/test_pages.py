"""Checks run on every HTML page of the build (pages are discovered, not listed)."""

import re

from plugins.coopsoc.directory.loader import load_directory
from tests.conftest import NODE_MODULES
from tests.harness import links, vnu
from tests.harness.build import ROOT
from tests.harness.html import Node, read_page

VNU_JAR = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"


def structure(site, page_path) -> Node:
    return read_page(site / page_path)


def first_focusable(page: Node) -> Node:
    return page.select("a[href], button, input, select, textarea")[0]


def inline_scripts(page: Node) -> list[Node]:
    return [s for s in page.select("script:not([src])") if s.get("type") != "application/ld+json"]


def test_html_is_valid(site, page_path):
    """The Nu Html Checker finds no error (RGAA 8.2)."""
    errors = vnu.check_site(site, VNU_JAR)
    assert errors.get(page_path, []) == []


def test_axe_finds_no_violation(audit, page_path):
    """axe-core finds no violation for WCAG 2.2 A/AA, RGAA 4 and best practices."""
    violations = audit(page_path).violations
    assert violations == [], "\n".join(
        f"{v['id']} : {v['help']} {v['targets']}" for v in violations
    )


def test_links_resolve(site, page_path):
    """Every internal link, image, script, stylesheet and #fragment resolves to a file."""
    assert links.page_problems(site, page_path) == []


def test_no_request_leaves_the_site(audit, page_path):
    """No font, script, image or anything else is fetched from another origin."""
    assert audit(page_path).foreign_requests == []


def test_no_console_error_nor_failed_request(audit, page_path):
    """No console error (this includes Content-Security-Policy violations) and no 404."""
    result = audit(page_path)
    assert result.console_errors == []
    assert result.failed_requests == []


def test_reflows_at_320_px(audit, page_path):
    """No horizontal scrolling at 320 CSS pixels (WCAG 1.4.10, RGAA 10.11)."""
    overflow = audit(page_path).overflow
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow["wide"]


def test_document_structure(site, page_path):
    """French, one h1, a main landmark reached by a skip link that comes first, a title."""
    page = structure(site, page_path)
    assert page.get("lang") == "fr"
    assert len(page.select("h1")) == 1
    assert [main.get("id") for main in page.select("main")] == ["contenu"]
    assert first_focusable(page).get("href") == "#contenu"
    assert re.search(r"\S", page.one("head > title").text)


def test_strict_csp_holds(site, page_path):
    """No inline script, no on… attribute, no style attribute: default-src 'self' holds."""
    page = structure(site, page_path)
    assert inline_scripts(page) == []
    assert [name for e in page.iter() for name in e.attrs if name.startswith("on")] == []
    assert page.select("[style]") == []


def test_sample_notice_opens_the_main_content(site, page_path):
    """While data/annuaire.yaml declares a sample, each page says so first, once, in words."""
    page = structure(site, page_path)
    notices = page.select('[data-notice="exemple"]')
    if not load_directory(ROOT / "data").sample:
        assert notices == []
        return
    assert len(notices) == 1
    assert page.one("main > *:first-child") == notices[0]
    notice = notices[0].text
    assert "Site de démonstration" in notice
    assert "fictifs (données d’exemple)" in notice
