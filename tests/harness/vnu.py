"""Run the Nu Html Checker once over the whole build (one JVM for all pages)."""

import functools
import json
import subprocess
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit


@functools.cache
def check_site(site: Path, jar: Path) -> dict[str, list[str]]:
    """Return the checker's errors for each page, keyed by path relative to site."""
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "json",
            str(site),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = defaultdict(list)
    for message in messages:
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        key = path.relative_to(site).as_posix() if path.is_relative_to(site) else str(path)
        errors[key].append(f"ligne {message.get('lastLine', '?')} : {message.get('message')}")
    return dict(errors)
