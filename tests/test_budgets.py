"""Page weight budgets: what a visitor downloads for each page type, gzip-compressed.

Sizes are stable from one run to the next (unlike times), so they can be tested. The
budget covers HTML, CSS, JavaScript, fonts and images, everything the page loads when
it is opened, as a browser would receive it from a host that compresses text.
"""

import gzip
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

BUDGET_BYTES = 50 * 1024
COMPRESSED_FORMATS = {".woff2", ".png", ".jpg", ".webp", ".avif", ".pdf", ".ico"}


def page_types(site: Path) -> dict[str, str]:
    """One page of each type, found in the build."""
    establishment = sorted((site / "etablissements").glob("*-*/index.html"))[0]
    trade = sorted((site / "metiers").glob("*/index.html"))[0]
    return {
        "accueil": "index.html",
        "établissement": establishment.relative_to(site).as_posix(),
        "métier": trade.relative_to(site).as_posix(),
        "annuaire": "etablissements/index.html",
        # The page itself; what a query then loads is measured by benchmarks/search_bench.py.
        "recherche": "recherche/index.html",
        "simulateur": "obligation-d-emploi/simulateur/index.html",
    }


def transferred(site: Path, url: str) -> int:
    """Bytes a compressing host sends for one URL of the site."""
    path = site / unquote(urlsplit(url).path).lstrip("/")
    data = path.read_bytes()
    if path.suffix in COMPRESSED_FORMATS:
        return len(data)
    return len(gzip.compress(data, 9, mtime=0))


@pytest.mark.parametrize(
    "kind", ["accueil", "établissement", "métier", "annuaire", "recherche", "simulateur"]
)
def test_page_type_stays_under_budget(page, server, site, kind):
    """Every page type loads under 50 KB, and nothing from another origin."""
    loaded = []
    page.on("response", lambda r: loaded.append(r.url))
    page.goto(server.url(page_types(site)[kind]), wait_until="networkidle")
    assert all(u.startswith(server.origin) for u in loaded)
    sizes = {urlsplit(u).path: transferred(site, u) for u in loaded}
    total = sum(sizes.values())
    print(f"{kind} : {total} octets en {len(sizes)} fichiers")
    assert total <= BUDGET_BYTES, f"{total} octets : {sizes}"
