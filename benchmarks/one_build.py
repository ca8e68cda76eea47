"""Build once and print wall time (s) and peak memory (MB) as JSON: run in a fresh process.

Usage: python -m benchmarks.one_build coopsoc DATA_DIR OUTPUT_DIR
       python -m benchmarks.one_build stock CONTENT_DIR OUTPUT_DIR
"""

import json
import logging
import resource
import sys
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[1]


def settings_for(kind: str, source: str, output: str) -> dict:
    """Settings of our site over a data folder, or of stock Pelican over a content folder."""
    if kind == "coopsoc":
        override = {"OUTPUT_PATH": output, "DIRECTORY_PATH": source}
        return read_settings(str(ROOT / "pelicanconf.py"), override=override)
    # Stock Pelican: default theme and settings, as many plain pages as we have pages, and
    # no plugin (Pelican would otherwise load every one installed, precompress among them).
    override = {
        "PLUGINS": [],
        "PATH": source,
        "OUTPUT_PATH": output,
        "DISPLAY_PAGES_ON_MENU": False,
        "SITEURL": "",
        "FEED_ALL_ATOM": None,
        "CATEGORY_FEED_ATOM": None,
    }
    return read_settings(None, override=override)


def main() -> None:
    kind, source, output = sys.argv[1:4]
    logging.basicConfig(level=logging.ERROR)
    settings = settings_for(kind, source, output)
    started = time.perf_counter()
    Pelican(settings).run()
    elapsed = time.perf_counter() - started
    # The search index is built in a forked process beside the build: its peak is reported
    # apart (the two share their memory pages until either writes to them).
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "peak_mb": peak_mb, "child_mb": child_mb}))


if __name__ == "__main__":
    main()
