"""Buying from a CHRS does not reduce the OETH contribution (Code du travail L5212-10-1):
every page where a buyer can choose a CHRS says so, and marks it.

Pages are discovered in the build, never listed by hand: a page « lists » a CHRS when one of
its establishment cards links to a CHRS's page.
"""

from html.parser import HTMLParser

import pytest

from plugins.coopsoc.directory.loader import load_directory
from tests.harness.build import ROOT, html_pages


class _Cards(HTMLParser):
    """Collect, per establishment card, its link and whether it carries the mark; and notices."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cards = []  # [href, marked]
        self.notices = []  # text of each notice shown (not hidden)
        self._card_depth = None
        self._notice_depth = None
        self._depth = 0
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag in ("br", "img", "input", "meta", "link", "source", "path", "circle"):
            return
        self._depth += 1
        if tag == "li" and "cs-card" in classes:
            self._card_depth = self._depth
            self.cards.append([None, False])
        if self._card_depth and tag == "a" and self.cards[-1][0] is None:
            self.cards[-1][0] = a.get("href", "")
        if self._card_depth and "cs-card__mark" in classes:
            self._in_mark = True
        if "data-deduction-notice" in a and "hidden" not in a:
            self._notice_depth = self._depth
            self.notices.append("")

    def handle_endtag(self, tag):
        if tag in ("br", "img", "input", "meta", "link", "source", "path", "circle"):
            return
        if self._depth == self._card_depth:
            self._card_depth = None
        if self._depth == self._notice_depth:
            self._notice_depth = None
        self._in_mark = False
        self._depth -= 1

    def handle_data(self, data):
        if self._in_mark and "non déductibles" in data:
            self.cards[-1][1] = True
        if self._notice_depth:
            self.notices[-1] += data


@pytest.fixture(scope="module")
def directory():
    return load_directory(ROOT / "data")


@pytest.fixture(scope="module")
def pages(site):
    parsed = {}
    for path in html_pages(site):
        parser = _Cards()
        parser.feed((site / path).read_text(encoding="utf-8"))
        parsed[path] = parser
    return parsed


def _target(href: str) -> str:
    """Return the establishment id a card links to: …/etablissements/<id>/index.html."""
    parts = [part for part in href.split("/") if part not in ("", ".", "..", "index.html")]
    return parts[-1] if parts else ""


def test_every_page_listing_a_chrs_says_it_does_not_reduce_the_contribution(pages, directory):
    chrs = {e.id for e in directory.establishments if not e.deductible}
    assert chrs, "the real data has CHRS: the invariant is tested on them"
    listing = {
        path for path, page in pages.items() if any(_target(h) in chrs for h, _ in page.cards)
    }
    # The discovery finds the list pages a buyer orders from: trades, filières, type, commune.
    for kind in ("metiers/", "filieres/", "etablissements/type/", "etablissements/commune/"):
        assert any(path.startswith(kind) for path in listing), kind
    for path in sorted(listing):
        notices = pages[path].notices
        assert len(notices) == 1, path
        assert "ne réduisent pas votre contribution" in notices[0], path
        assert "L5212-10-1" in notices[0], path
        for href, marked in pages[path].cards:
            assert marked is (_target(href) in chrs), (path, href)


def test_a_chrs_page_says_it_by_name(pages, directory):
    for establishment in directory.establishments:
        notices = pages[f"etablissements/{establishment.id}/index.html"].notices
        if establishment.deductible:
            assert notices == [], establishment.id
        else:
            assert len(notices) == 1, establishment.id
            assert f"auprès du CHRS {establishment.nom.removeprefix('CHRS ')}" in " ".join(
                notices[0].split()
            )
            assert "L5212-10-1" in notices[0]


def test_pages_without_a_chrs_have_no_notice(pages, directory):
    """The notice is a fact about CHRS, not a banner: where none can be chosen, none shows."""
    chrs = {e.id for e in directory.establishments if not e.deductible}
    for path, page in pages.items():
        if page.cards and not any(_target(h) in chrs for h, _ in page.cards):
            assert page.notices == [], path
