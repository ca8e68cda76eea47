"""The harness itself: each check must catch the fault it exists for.

A page built to break every rule is audited with the same functions as the site; if a
check stopped seeing its fault, the site tests would pass for nothing.
"""

import pytest

from tests.conftest import NODE_MODULES
from tests.harness import links, vnu
from tests.harness.browser import audit_page
from tests.harness.server import SiteServer

BAD_PAGE = """<!doctype html>
<html>
<head><meta charset="utf-8"><title>Mauvaise page</title></head>
<body>
<img src="logo.png">
<img src="https://example.com/suivi.gif" alt="">
<script>document.title = "en ligne";</script>
<pre>trop_large_pour_320_pixels_trop_large_pour_320_pixels_trop_large_pour_320_pixels</pre>
<p style="color: red">style en ligne</p>
<a href="absente.html">lien cassé</a> <a href="#nulle-part">ancre</a>
<a href="sous-dossier/">dossier</a>
<p id="double">un</p><p id="double">deux</p>
</body>
</html>
"""


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("mauvais-site")
    (root / "mauvaise.html").write_text(BAD_PAGE, encoding="utf-8")
    (root / "sous-dossier").mkdir()
    (root / "sous-dossier/index.html").write_text("<!doctype html><title>x</title>")
    return root


@pytest.fixture(scope="module")
def bad_audit(browser, bad_site):
    with SiteServer(bad_site, NODE_MODULES) as server:
        return audit_page(browser, server.origin, "mauvaise.html", NODE_MODULES)


@pytest.fixture(scope="module")
def bad_audit_without_csp(browser, bad_site):
    """The same page served without a policy: requests then reach the network layer."""
    with SiteServer(bad_site, NODE_MODULES, policy=None) as server:
        return audit_page(browser, server.origin, "mauvaise.html", NODE_MODULES)


def test_axe_sees_violations(bad_audit):
    ids = {v["id"] for v in bad_audit.violations}
    assert {"html-has-lang", "image-alt"} <= ids


def test_foreign_requests_are_seen_and_refused(bad_audit_without_csp):
    assert bad_audit_without_csp.foreign_requests == ["https://example.com/suivi.gif"]


def test_csp_violations_and_missing_files_are_seen(bad_audit):
    errors = " ".join(bad_audit.console_errors)
    for blocked in ("suivi.gif", "inline script", "inline style"):
        assert blocked in errors
    assert any("logo.png" in r for r in bad_audit.failed_requests)


def test_overflow_at_320_px_is_seen(bad_audit):
    assert bad_audit.overflow["scrollWidth"] > bad_audit.overflow["clientWidth"]


def test_link_checker_sees_broken_links(bad_site):
    problems = links.page_problems(bad_site, "mauvaise.html")
    assert any("absente.html : fichier introuvable" in p for p in problems)
    assert any("#nulle-part" in p for p in problems)
    assert any("sous-dossier/ : mène à un dossier" in p for p in problems)
    assert any("logo.png" in p for p in problems)


def test_html_checker_sees_errors(bad_site):
    errors = vnu.check_site(bad_site, NODE_MODULES / "vnu-jar/build/dist/vnu.jar")
    assert any("Duplicate ID" in e for e in errors["mauvaise.html"])
