"""Checks run on every HTML page of the build (pages are discovered, not listed)."""

import re
from html.parser import HTMLParser

from plugins.coopsoc.directory.loader import load_directory
from tests.conftest import NODE_MODULES
from tests.harness import links, vnu
from tests.harness.build import ROOT

VNU_JAR = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"


class _Structure(HTMLParser):
    """Collect what the structure rules need from one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.h1 = 0
        self.first_focusable = None
        self.main_ids = []
        self.inline_scripts = 0
        self.event_attributes = []
        self.style_attributes = 0
        self.nav_current = []
        self.notices = 0
        self.first_in_main = None
        self._main_open = False
        self.title = ""
        self._in_title = False
        self._in_nav = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag == "h1":
            self.h1 += 1
        if self._main_open:
            self.first_in_main = attributes
            self._main_open = False
        if tag == "main":
            self.main_ids.append(attributes.get("id"))
            self._main_open = True
        if attributes.get("data-notice") == "exemple":
            self.notices += 1
        if tag == "title":
            self._in_title = True
        if (
            tag == "script"
            and "src" not in attributes
            and attributes.get("type") != "application/ld+json"
        ):
            self.inline_scripts += 1
        if "style" in attributes:
            self.style_attributes += 1
        self.event_attributes += [name for name in attributes if name.startswith("on")]
        if self.first_focusable is None and (
            (tag == "a" and "href" in attributes)
            or tag in ("button", "input", "select", "textarea")
        ):
            self.first_focusable = attributes.get("href")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def structure(site, page_path) -> _Structure:
    parser = _Structure()
    parser.feed((site / page_path).read_text(encoding="utf-8"))
    return parser


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
    assert page.html_lang == "fr"
    assert page.h1 == 1
    assert page.main_ids == ["contenu"]
    assert page.first_focusable == "#contenu"
    assert re.search(r"\S", page.title)


def test_strict_csp_holds(site, page_path):
    """No inline script, no on… attribute, no style attribute: default-src 'self' holds."""
    page = structure(site, page_path)
    assert page.inline_scripts == 0
    assert page.event_attributes == []
    assert page.style_attributes == 0


def test_sample_notice_opens_the_main_content(site, page_path):
    """While data/annuaire.yaml declares a sample, each page says so first, once, in words."""
    page = structure(site, page_path)
    if not load_directory(ROOT / "data").sample:
        assert page.notices == 0
        return
    assert page.notices == 1
    assert page.first_in_main.get("data-notice") == "exemple"
    html = (site / page_path).read_text(encoding="utf-8")
    notice = html[html.index('data-notice="exemple"') :]
    notice = re.sub(r"<[^>]+>", "", notice[: notice.index("</div>")])
    assert "Site de démonstration" in notice
    assert "fictifs (données d’exemple)" in notice
