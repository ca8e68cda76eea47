"""What the deploy tests share: a second version of a build, and `deploy` as a command."""

import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.harness.build import ROOT

STYLESHEET = re.compile(r"theme/css/site\.[0-9a-f]+\.css")
# The sentence the second version adds to the home page.
V2_MARK = "Version 2 de la page d’accueil."


def second_version(v1: Path, folder: Path) -> Path:
    """A copy of the build with the home page changed and a new stylesheet (new name)."""
    v2 = folder / "v2"
    shutil.copytree(v1, v2)
    old = next((v2 / "theme/css").glob("site.*.css"))
    new = old.with_name("site.2e2e2e2e.css")
    old.rename(new)
    with new.open("a", encoding="utf-8") as stylesheet:
        stylesheet.write("\n/* version 2 */\n")
    for page in v2.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace(old.name, new.name), encoding="utf-8")
    home = v2 / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</h1>", f"</h1><p>{V2_MARK}</p>"))
    # The compressed copies of the first version would be served instead.
    for copy in [*v2.rglob("*.html.gz"), *v2.rglob("*.html.br"), *v2.rglob("site.*.css.*")]:
        copy.unlink()
    return v2


def deploy_command(action: str, site: Path | None = None) -> list[str]:
    """The command `make deploy` and `make rollback` run after building."""
    command = [sys.executable, "-m", "plugins.publishing.deploy", action]
    return command + ["--site", str(site)] if site else command


def deploy(action: str, environment: dict, site: Path | None = None):
    """Run deploy or rollback to the end; return the CompletedProcess."""
    return subprocess.run(
        deploy_command(action, site),
        cwd=ROOT,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )


def fetch(origin: str, path: str = "") -> bytes:
    """The bytes a web server sends for a path, or b"" for an HTTP error."""
    try:
        with urllib.request.urlopen(f"{origin}/{path}", timeout=10) as response:
            return response.read()
    except urllib.error.HTTPError:
        return b""
