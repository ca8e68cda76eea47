"""The production build (`make publish`), made once per session in a separate process.

A separate process, like `make publish`: pelican-precompress compresses with a pool of
worker processes, which should not be forked from the test process and its threads.
"""

import atexit
import functools
import os
import shutil
import tempfile
from pathlib import Path

from tests.harness.build import run_build_command

# The public address the production build is made for.
SITEURL = "https://coopsoc.example.org"
# The settings still hold placeholders (and this address is one): `make publish` refuses
# them unless the site is declared a demonstration, as here.
ENVIRONMENT = {"COOPSOC_SITEURL": SITEURL, "COOPSOC_DEMONSTRATION": "1"}


@functools.cache
def production_site() -> Path:
    """Return the folder of this session's production build (built on first call)."""
    folder = Path(tempfile.mkdtemp(prefix="coopsoc-publish-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    output = folder / "output"
    result = run_build_command("publishconf.py", output, {**os.environ, **ENVIRONMENT})
    result.check_returncode()
    # What the build printed (the demonstration's warnings), beside the output folder.
    (folder / "publish.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return output
