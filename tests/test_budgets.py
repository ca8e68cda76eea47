"""Page weight budgets: what a visitor downloads for each page type, gzip-compressed.

Sizes are stable from one run to the next (unlike times), so they can be tested. The
budget covers HTML, CSS, JavaScript, fonts and images, everything the page loads in the
state a visitor uses it (the search page with a query, the simulator with its result, the
request form prefilled), as a browser would receive it from a host that compresses text.
"""

import gzip
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

BUDGET_BYTES = 50 * 1024
COMPRESSED_FORMATS = {".woff2", ".png", ".jpg", ".webp", ".avif", ".pdf", ".ico"}


def page_types(site: Path) -> dict[str, tuple[str, str | None]]:
    """One page of each type, found in the build, in the state a visitor uses it:
    (address, an element shown once the page's scripts have done their work)."""
    establishment = sorted((site / "etablissements").glob("*-*/index.html"))[0]
    trade = sorted((site / "metiers").glob("*/index.html"))[0]
    return {
        "accueil": ("index.html", None),
        "établissement": (establishment.relative_to(site).as_posix(), None),
        "métier": (trade.relative_to(site).as_posix(), None),
        "annuaire": ("etablissements/index.html", None),
        # A query typed in the address: the page, its scripts, the index files the query
        # loads (vocabulary, shards, facets, records) and the fonts of the results.
        "recherche": ("recherche/index.html?q=menuiserie", ".cs-result__link"),
        "simulateur": (
            "obligation-d-emploi/simulateur/index.html"
            "?effectif=120&beneficiaires=3&achats_ht=25000&part_main_oeuvre=60",
            "[data-results]:not([hidden])",
        ),
        # Prefilled as the « Demander » link of an establishment's page leaves it.
        "demande": (
            f"demande/index.html?metier={trade.parent.name}"
            f"&etablissement={establishment.parent.name}",
            "#demande-etablissement option:checked",
        ),
        # The page an establishment's « Demander » link opens, prefilled without a script.
        "demande préremplie": (
            f"demande/etablissement-{establishment.parent.name}/index.html",
            "#demande-etablissement option:checked",
        ),
    }


def transferred(site: Path, url: str) -> int:
    """Bytes a compressing host sends for one URL of the site."""
    path = site / unquote(urlsplit(url).path).lstrip("/")
    data = path.read_bytes()
    if path.suffix in COMPRESSED_FORMATS:
        return len(data)
    return len(gzip.compress(data, 9, mtime=0))


@pytest.mark.parametrize(
    "kind",
    [
        "accueil",
        "établissement",
        "métier",
        "annuaire",
        "recherche",
        "simulateur",
        "demande",
        "demande préremplie",
    ],
)
def test_page_type_stays_under_budget(page, server, site, kind):
    """Every page type, in use, loads under 50 KB, and nothing from another origin."""
    loaded = []
    page.on("response", lambda r: loaded.append(r.url))
    address, ready = page_types(site)[kind]
    page.goto(server.url(address), wait_until="networkidle")
    if ready:
        page.wait_for_selector(ready, state="attached")
        page.wait_for_load_state("networkidle")
    assert all(u.startswith(server.origin) for u in loaded)
    sizes = {urlsplit(u).path: transferred(site, u) for u in loaded}
    total = sum(sizes.values())
    print(f"{kind} : {total} octets en {len(sizes)} fichiers")
    assert total <= BUDGET_BYTES, f"{total} octets : {sizes}"
