"""Buying from a CHRS does not reduce the OETH contribution (Code du travail L5212-10-1):
every page where a buyer can choose a CHRS says so, and marks it.

Pages are discovered in the build, never listed by hand: a page « lists » a CHRS when one of
its establishment cards links to a CHRS's page.
"""

from dataclasses import dataclass

import pytest

from tests.harness.build import html_pages
from tests.harness.html import read_page


@dataclass(frozen=True)
class Cards:
    """Per establishment card, its link and whether it carries the mark; and the notices."""

    cards: list[tuple[str, bool]]  # (href, marked)
    notices: list[str]  # text of each notice shown (not hidden)


def read_cards(path) -> Cards:
    page = read_page(path)
    cards = []
    for card in page.select("li.cs-card"):
        links = card.select("a")
        marks = card.select(".cs-card__mark")
        cards.append(
            (
                links[0].get("href", "") if links else None,
                any("non déductibles" in mark.text for mark in marks),
            )
        )
    notices = [n.text for n in page.select("[data-deduction-notice]:not([hidden])")]
    return Cards(cards, notices)


@pytest.fixture(scope="module")
def pages(site):
    return {path: read_cards(site / path) for path in html_pages(site)}


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
