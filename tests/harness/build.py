"""Build the site once per test session through Pelican's API."""

import atexit
import functools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[2]
# A small invented directory with every data file the build reads (tests/fixtures/data).
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"


def build_into(output: Path, settings_file: str = "pelicanconf.py", **overrides) -> Path:
    """Build the site with the given settings into output and return it."""
    settings = read_settings(
        str(ROOT / settings_file), override={**overrides, "OUTPUT_PATH": str(output)}
    )
    Pelican(settings).run()
    return output


def run_build_command(
    settings_file, output: Path, environment: dict | None = None
) -> subprocess.CompletedProcess:
    """Build as `make html` and `make publish` do, in a new process; return what it did."""
    return subprocess.run(
        [sys.executable, "-m", "plugins.sitekit.build", "--settings", str(settings_file)]
        + ["--output", str(output)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@functools.cache
def built_site() -> Path:
    """Return the folder of this session's development build (built on first call)."""
    folder = Path(tempfile.mkdtemp(prefix="coopsoc-site-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return build_into(folder / "output")


@functools.cache
def fixture_site() -> Path:
    """Return the folder of this session's build of the fixture data (built on first call)."""
    folder = Path(tempfile.mkdtemp(prefix="coopsoc-fixture-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return build_into(folder / "output", **data_settings(FIXTURE_DATA))


def data_settings(data: Path) -> dict[str, str]:
    """The settings that point a build at another data folder (all its files)."""
    return {
        "DIRECTORY_PATH": str(data),
        "BUYERTOOLS_OETH_PATH": str(data / "oeth.yaml"),
        "BUYERTOOLS_GEO_PATH": str(data / "geo"),
    }


# The editor's page (/admin/) is not a page of the site: no sitemap, no link to it, no
# audit of the editor's interface; tests/test_admin.py tests it.
EDITOR_FOLDER = "admin/"


def html_pages(site: Path) -> list[str]:
    """Every HTML page of a build (the editor's aside), as paths relative to its root,
    discovered on disk."""
    pages = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return sorted(p for p in pages if not p.startswith(EDITOR_FOLDER))
