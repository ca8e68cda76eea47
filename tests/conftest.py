"""Shared fixtures: one site build per session, served on 127.0.0.1, audited in Chromium.

Every test that takes a `page_path` argument runs once for every HTML page of the build,
discovered on disk, so the pages later issues add are checked without listing them.
"""

import functools
from pathlib import Path

import pytest

from plugins.coopsoc.directory.loader import load_directory
from tests.harness.browser import audit_page, launch
from tests.harness.build import ROOT, built_site, html_pages
from tests.harness.server import SiteServer
from tests.search_support import captured_build, site_searcher

NODE_MODULES = ROOT / "node_modules"


def pytest_generate_tests(metafunc):
    """Parametrize page tests with every page of the build."""
    if "page_path" in metafunc.fixturenames:
        metafunc.parametrize("page_path", html_pages(built_site()))


@pytest.fixture(scope="session")
def site() -> Path:
    """The development build of the site."""
    return built_site()


@pytest.fixture(scope="session")
def directory():
    """The directory of the real data (data/), loaded once."""
    return load_directory(ROOT / "data")


@pytest.fixture
def search_build():
    """(search generator, Searcher) of a build whose whoosh index is kept (built once)."""
    return captured_build()


@pytest.fixture
def searcher(site):
    """The Python reference searcher over the session's build."""
    return site_searcher(site)


@pytest.fixture(scope="session")
def server(site):
    """The build served on 127.0.0.1 under a strict Content-Security-Policy."""
    with SiteServer(site, NODE_MODULES) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    playwright, chromium = launch()
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def audit(browser, server):
    """Audit a page (once) in Chromium: console, requests, axe, reflow."""
    return functools.cache(lambda path: audit_page(browser, server.origin, path, NODE_MODULES))


@pytest.fixture
def page(browser, server):
    """A fresh browser page with the site's origin at hand (server.url)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    yield context.new_page()
    context.close()
