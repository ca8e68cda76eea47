"""Long lists of establishments continue on further pages (plugins/directory/pagination.py).

The real directory fits on one page per list; a build with DIRECTORY_LIST_PAGE_SIZE = 10
cuts its lists, and is checked here as every page of the main build is (HTML, axe, links).
"""

import posixpath
import shutil
import tempfile
from pathlib import Path

import pytest

from plugins.coopsoc.directory.loader import load_directory
from plugins.directory.pagination import Pagination, PaginationError, list_page_size, paginate
from tests.conftest import NODE_MODULES
from tests.harness import vnu
from tests.harness.browser import audit_page
from tests.harness.build import ROOT, build_into
from tests.harness.html import read_page
from tests.harness.server import SiteServer

SIZE = 10
VNU_JAR = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"


@pytest.fixture(scope="module")
def paged_site():
    folder = Path(tempfile.mkdtemp(prefix="coopsoc-pages-"))
    try:
        yield build_into(folder / "output", DIRECTORY_LIST_PAGE_SIZE=SIZE)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def paged_server(paged_site):
    with SiteServer(paged_site, NODE_MODULES) as running:
        yield running


def list_paths(directory) -> dict[str, list]:
    """Every list of the directory: its first page's path → its establishments, in order."""
    lists = {"etablissements/": directory.establishments}
    lists |= {c.path: found for c, found in directory.establishments_by_commune().items()}
    lists |= {
        f"etablissements/type/{k.lower()}/": found
        for k, found in directory.establishments_by_type().items()
        if found
    }
    for filiere in directory.filieres:
        lists[filiere.path] = directory.establishments_for_filiere(filiere.id)
        for trade in filiere.trades:
            lists[trade.path] = directory.establishments_for_trade(trade.id)
    return lists


def pages_of(site: Path, path: str) -> list[str]:
    """The pages of a list, first to last, as its own pages link them."""
    pages, current = [], path
    while current:
        pages.append(current)
        nav = read_page(site / current / "index.html").select('nav.cs-pagination a[rel="next"]')
        current = _target(current, nav[0].get("href")) if nav else None
    return pages


def _target(page: str, href: str) -> str:
    """The path from the site root of a relative link of page (…/index.html)."""
    target = posixpath.normpath(posixpath.join(page, href))
    return target.removesuffix("index.html").rstrip("/") + "/"


def card_links(site: Path, page: str) -> list[str]:
    cards = read_page(site / page / "index.html").select(
        "ul.cs-cards li.cs-card h2 a, ul.cs-cards li.cs-card h3 a"
    )
    return [_target(page, card.get("href")) for card in cards]


def test_pages_are_cut_and_numbered():
    pages = paginate("metiers/x/", list(range(23)), 10)
    assert [(path, len(shown)) for path, shown, _ in pages] == [
        ("metiers/x/", 10),
        ("metiers/x/page-2/", 10),
        ("metiers/x/page-3/", 3),
    ]
    last = pages[-1][2]
    assert (last.number, last.count, last.previous, last.next) == (3, 3, "metiers/x/page-2/", None)
    assert paginate("metiers/x/", [], 10)[0][2].count == 1


@pytest.mark.parametrize(
    ("number", "count", "window"),
    [
        (1, 1, [1]),
        (1, 4, [1, 2, 3, 4]),
        (1, 30, [1, 2, 3, None, 30]),
        (5, 30, [1, 2, 3, 4, 5, 6, 7, None, 30]),
        (15, 30, [1, None, 13, 14, 15, 16, 17, None, 30]),
        (30, 30, [1, None, 28, 29, 30]),
    ],
)
def test_window_links_the_ends_and_the_pages_around(number, count, window):
    paths = tuple(f"p{n}/" for n in range(1, count + 1))
    assert Pagination(number, paths).window() == window


@pytest.mark.parametrize("size", [0, -3, 2.5, "100", True])
def test_a_page_size_that_cannot_cut_a_list_is_refused(size):
    with pytest.raises(PaginationError, match="DIRECTORY_LIST_PAGE_SIZE"):
        list_page_size({"DIRECTORY_LIST_PAGE_SIZE": size})


def test_every_list_shows_each_of_its_establishments_once_in_order(paged_site):
    directory = load_directory(ROOT / "data")
    paged = 0
    for path, establishments in list_paths(directory).items():
        pages = pages_of(paged_site, path)
        expected = [e.path for e in establishments]
        assert len(pages) == -(-len(expected) // SIZE), path
        shown = [card_links(paged_site, page) for page in pages]
        assert all(len(cards) <= SIZE for cards in shown), path
        assert [link for cards in shown for link in cards] == expected, path
        paged += len(pages) > 1
    assert paged >= 3  # all establishments, the ESAT, and at least one commune or trade


def test_each_page_says_which_it_is_and_links_the_others(paged_site):
    pages = pages_of(paged_site, "etablissements/")
    titles = set()
    for number, page in enumerate(pages, start=1):
        html = read_page(paged_site / page / "index.html")
        title = html.one("head > title").text
        assert f"page {number} sur {len(pages)}" in title
        titles.add(title)
        nav = html.one("nav.cs-pagination")
        assert nav.get("aria-label") == "Pages de la liste : Tous les établissements"
        assert nav.one("[aria-current=page]").text.split() == [
            "Page",
            str(number),
            "sur",
            str(len(pages)),
        ]
        linked = {_target(page, a.get("href")) for a in nav.select("a")}
        assert linked == set(pages) - {page}
        assert bool(nav.select("a[rel=prev]")) == (number > 1)
        # The map of every establishment is drawn once, on the first page.
        assert bool(html.select(".cs-map")) == (number == 1)
    assert len(titles) == len(pages)


def test_near_selector_asks_the_search_when_a_list_has_pages(paged_site):
    esat = read_page(paged_site / "etablissements/type/esat/index.html")
    near = esat.one("form.cs-near")
    assert near.get("data-module") is None and near.get("action").endswith("recherche/index.html")
    chrs = read_page(paged_site / "etablissements/type/chrs/index.html")
    assert chrs.one("form.cs-near").get("data-module") == "near"


def test_every_page_of_a_list_links_the_whole_list_in_csv(paged_site):
    pages = pages_of(paged_site, "etablissements/")
    downloads = {
        _target(
            page,
            read_page(paged_site / page / "index.html").one("a.cs-list-download__link").get("href"),
        ).rstrip("/")
        for page in pages
    }
    assert downloads == {"etablissements/coopsoc-etablissements.csv"}


def test_further_pages_are_valid_html(paged_site):
    errors = vnu.check_site(paged_site, VNU_JAR)
    further = [p for p in errors if "/page-" in p]
    assert {p: errors[p] for p in further} == {}
    assert any("/page-" in p.as_posix() for p in paged_site.rglob("index.html"))


@pytest.mark.parametrize(
    "path", ["etablissements/page-2/index.html", "etablissements/type/esat/page-3/index.html"]
)
def test_further_pages_pass_axe_and_reflow(browser, paged_server, path):
    audit = audit_page(browser, paged_server.origin, path, NODE_MODULES)
    assert audit.violations == [] and audit.console_errors == [] and audit.failed_requests == []
    overflow = audit.overflow
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow["wide"]


def test_map_alternative_names_communes_only_when_the_lists_have_pages(paged_site, site):
    """Beyond a page of establishments, the map's list by commune gives each commune and
    its count, linking to its list, rather than every name (the heaviest part at scale)."""
    directory = load_directory(ROOT / "data")
    by_commune = directory.establishments_by_commune()
    for built, named in ((paged_site, False), (site, True)):
        items = read_page(built / "etablissements/index.html").select(".cs-map__list > li")
        assert len(items) == len(by_commune)
        links = [len(item.select("a")) for item in items]
        expected = [1 + (len(found) if named else 0) for found in by_commune.values()]
        assert links == expected


def test_site_map_names_each_establishment_only_while_the_list_has_one_page(paged_site, site):
    directory = load_directory(ROOT / "data")
    establishments = {e.path for e in directory.establishments}
    for built, named in ((paged_site, False), (site, True)):
        plan = read_page(built / "plan-du-site/index.html")
        linked = {_target("plan-du-site/", a.get("href")) for a in plan.select("a")}
        assert (establishments <= linked) == named
        assert "etablissements/" in linked
