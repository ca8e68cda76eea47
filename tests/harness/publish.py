"""The production build (`make publish`), made once per session in a separate process.

A separate process, like `make publish`: pelican-precompress compresses with a pool of
worker processes, which should not be forked from the test process and its threads.
"""

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.harness.build import ROOT

# The public address the production build is made for.
SITEURL = "https://coopsoc.example.org"


@functools.cache
def production_site() -> Path:
    """Return the folder of this session's production build (built on first call)."""
    folder = Path(tempfile.mkdtemp(prefix="coopsoc-publish-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    output = folder / "output"
    subprocess.run(
        [sys.executable, "-m", "plugins.sitekit.build", "--settings", "publishconf.py"]
        + ["--output", str(output)],
        cwd=ROOT,
        env={**os.environ, "COOPSOC_SITEURL": SITEURL},
        check=True,
        capture_output=True,
    )
    return output
