"""The build benchmark's yardstick: stock Pelican must write as many pages as it is given."""

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.build_bench import write_stock_content

ROOT = Path(__file__).resolve().parents[1]


def test_stock_pelican_writes_every_page_and_nothing_else(tmp_path):
    content, output = tmp_path / "content", tmp_path / "output"
    write_stock_content(content, 5)
    finished = subprocess.run(
        [sys.executable, "-m", "benchmarks.one_build", "stock", str(content), str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(finished.stdout.splitlines()[-1])["seconds"] > 0
    pages = sorted(path.name for path in (output / "pages").glob("*.html"))
    assert pages == [f"page-{number}.html" for number in range(5)]
    # Stock Pelican loads no plugin: no compressed copies beside the pages.
    assert not [path for path in output.rglob("*") if path.suffix in {".gz", ".br"}]
