"""The public buyers' page: every legal statement cites its text, every article is linked.

The page states the law (Code de la commande publique, Code du travail): each item of its
legal sections names an article, a loi or a décret; each article named anywhere on the
page has its link to Légifrance in the sources; the page says when it was checked.
"""

import re

from tests.harness.html import read_page

PAGE = "acheteurs-publics/index.html"
LEGAL_SECTIONS = (
    "Réserver un marché aux ESAT et aux EA",
    "Handicap ou insertion\u00a0: deux réservations différentes",
    "Réserver un lot\u00a0: la marche à suivre",
    "Les clauses sociales, dans un marché ouvert à tous",
    "Et votre propre obligation d’emploi\u202f?",
)
CITATION = re.compile(r"\barticles? [LRD]\d{4}|\bloi n°|\bdécret n°")
ARTICLE = re.compile(r"\b([LRD]\d{4}-\d+(?:-\d+)?)\b")
LEGIFRANCE = (
    "https://www.legifrance.gouv.fr/search/code?tab_selection=code&searchField=NUM_ARTICLE&query="
)


def sections(page) -> dict[str, list[str]]:
    """h2 title → the texts of the list items and paragraphs that follow it."""
    found, current = {}, None
    for node in page.one("main").iter():
        if node.tag == "h2":
            current = found.setdefault(node.text, [])
        elif current is not None and node.tag in ("li", "p") and not node.within("li"):
            current.append(node.text)
    return found


def test_each_legal_statement_cites_its_text(site):
    page = read_page(site / PAGE)
    found = sections(page)
    assert set(LEGAL_SECTIONS) <= set(found), sorted(found)
    for title in LEGAL_SECTIONS:
        items = [text for text in found[title] if not text.startswith("À adapter")]
        assert items, title
        for text in items:
            if text.startswith("Le lot n° 2") or text.startswith("Pour ouvrir le lot"):
                assert "L2113-1" in text
                continue
            assert CITATION.search(text), f"{title} : {text[:80]}"


def test_every_article_named_is_linked_to_legifrance(site):
    page = read_page(site / PAGE)
    named = set(ARTICLE.findall(page.one("main").text))
    linked = {
        a.get("href").removeprefix(LEGIFRANCE)
        for a in page.select("main a[href]")
        if a.get("href").startswith(LEGIFRANCE)
    }
    assert {"L2113-12", "L2113-13", "L2112-2", "L5212-2"} <= named
    assert named <= linked, sorted(named - linked)


def test_the_page_says_when_it_was_checked_and_is_linked_from_the_buyers_paths(site):
    page = read_page(site / PAGE)
    assert page.one(".cs-page__checked time").get("datetime")
    for source in (
        "index.html",
        "obligation-d-emploi/index.html",
        "demande/index.html",
        "obligation-d-emploi/simulateur/index.html",
    ):
        hrefs = [a.get("href") for a in read_page(site / source).select("main a[href]")]
        assert any(h.endswith("acheteurs-publics/index.html") for h in hrefs), source
    simulator = read_page(site / "obligation-d-emploi/simulateur/index.html")
    assert "employeur privé" in simulator.one("#simulation-indicative").text
