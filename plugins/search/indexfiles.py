"""The exported search index's files: find a build's index folder, read one of its files."""

import json
import re
from pathlib import Path

_CALL = re.compile(r"\ACoopsocSearch\.(\w+)\((.*)\);\n\Z", re.DOTALL)


def read_call(path: Path) -> tuple[str, list]:
    """Return (method, arguments) of an index file « CoopsocSearch.method(args); »."""
    match = _CALL.match(path.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"{path} : fichier d'index de recherche illisible")
    return match.group(1), json.loads(f"[{match.group(2)}]")


def find_index(site: Path, page_path: str = "recherche/") -> Path:
    """Return the index folder of a built site (recherche/index-<hash>/)."""
    folders = sorted(Path(site, page_path).glob("index-*/"))
    if len(folders) != 1:
        raise FileNotFoundError(
            f"index de recherche introuvable dans {Path(site, page_path)} : "
            "construisez d'abord le site (make html)"
        )
    return folders[0]
