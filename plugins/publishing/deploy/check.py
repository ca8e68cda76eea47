"""After the switch: the public address must serve exactly the files of the build."""

import re
import urllib.error
import urllib.request
from pathlib import Path

from .errors import DeployError

BROCHURE = "plaquette/coopsoc-plaquette.pdf"
TIMEOUT = 20


def public_address(site: Path) -> str:
    """The address the build was made for, as robots.txt gives it (publishconf.py SITEURL)."""
    robots = site / "robots.txt"
    found = robots.is_file() and re.search(
        r"^Sitemap:\s*(\S+)/sitemap\.xml\s*$", robots.read_text(encoding="utf-8"), re.M
    )
    if not found:
        raise DeployError(
            f"{robots} ne donne pas l’adresse publique du site : construisez-le avec "
            "make publish (make deploy le fait)."
        )
    return found.group(1)


def _first(site: Path, pattern: str, what: str) -> Path:
    for path in sorted(site.glob(pattern)):
        if path.is_file() and not any(p.is_dir() for p in path.parent.iterdir()):
            return path
    raise DeployError(f"la construction n’a pas de {what} ({pattern}) : relancez make publish.")


def sample(site: Path) -> dict[str, Path]:
    """Address (from the site root) → file of the build: the pages and files checked."""
    files = {
        "": site / "index.html",
        "etablissement": _first(site, "etablissements/*/index.html", "page d’établissement"),
        BROCHURE: site / BROCHURE,
        "empreinte": _first(site, "theme/css/*.css", "feuille de style à empreinte"),
    }
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        raise DeployError(f"la construction est incomplète ({', '.join(missing)}) : relancez "
                          "make publish.")  # fmt: skip
    addresses = {}
    for path in files.values():
        relative = path.relative_to(site).as_posix()
        addresses[relative.removesuffix("index.html")] = path
    return addresses


def differences(site: Path, base_url: str, stamp: str) -> list[str]:
    """What the public address serves differently from the build (French), or []."""
    problems = []
    for address, path in sample(site).items():
        # The query string passes caches that would still hold the previous version.
        url = f"{base_url}/{address}?version={stamp}"
        request = urllib.request.Request(url, headers={"Cache-Control": "no-cache"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                served = response.read()
        except (urllib.error.URLError, OSError) as error:
            problems.append(f"{url} : {getattr(error, 'reason', error)}")
            continue
        if served != path.read_bytes():
            problems.append(f"{url} n’est pas le fichier construit {path.relative_to(site)}")
    return problems
