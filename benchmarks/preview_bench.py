"""Preview benchmark: how long `make serve` takes to rebuild after a one-line change.

Not a test: it measures. The project (the working tree, or a commit with --revision) is
cloned into a temporary folder beside it (the same file system), where
`python -m plugins.sitekit.serve` runs as `make serve` does. Each run changes one line, a
different text each time: a line of a content page (content/pages/obligation-d-emploi.md),
an establishment's presentation in the directory file (data/establishments.yaml), or an
establishment's name (which the brochure shows too); then it reads what the server prints:

- server: the time the server measures, from the change seen to the last file written
  (« Aperçu reconstruit en … », or « Site construit … en … s » before the preview kept
  anything between its builds);
- seen: the same, measured here from the file written (so with the watcher's delay);
- complete: when a step was left to a worker (the brochure, the search's word list), the
  time until the build that includes its new result (« Aperçu complet en … »).

Usage: python -m benchmarks.preview_bench [--runs 5] [--revision COMMIT]
Prints the median of each figure as JSON, with every run's figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = "content/pages/obligation-d-emploi.md"
DIRECTORY = "data/establishments.yaml"
NEW = re.compile(r"^Aperçu reconstruit en ([\d,]+)\s*s( ; en cours)?")
OLD = re.compile(r"^Site construit dans .* en ([\d.]+) s\.")
COMPLETE = re.compile(r"^Aperçu complet en ([\d,]+)\s*s")
FAILED = re.compile(r"^Échec de la construction")


def clone(target: Path, revision: str | None) -> None:
    """Copy the project into target: a commit of it, or its working tree as it is."""
    subprocess.run(["git", "clone", "--quiet", "--shared", str(ROOT), str(target)], check=True)
    if revision:
        subprocess.run(["git", "-C", str(target), "checkout", "--quiet", revision], check=True)
    else:
        listed = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "-z", "-co", "--exclude-standard"],
            capture_output=True,
            check=True,
        ).stdout
        for name in filter(None, listed.decode().split("\0")):
            source, copy = ROOT / name, target / name
            if source.is_file():
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, copy)
            elif copy.exists():
                copy.unlink()
    (target / "node_modules").symlink_to(ROOT / "node_modules")


def edit(site: Path, case: str, run: int) -> None:
    """Change one line of the page or of the directory file."""
    path = site / (PAGE if case == "page" else DIRECTORY)
    field = "nom" if case == "name" else "presentation"
    lines = path.read_text(encoding="utf-8").split("\n")
    if case == "page":
        index = next(i for i, line in enumerate(lines) if i > 0 and not lines[i - 1] and line)
        body = index + 1
        while lines[body]:  # the first paragraph after the header: its last line
            body += 1
        lines[body - 1] = re.sub(r" Essai \d+\.$", "", lines[body - 1]) + f" Essai {run}."
    else:
        index = next(i for i, line in enumerate(lines) if line.startswith(f"  {field}: "))
        text = re.sub(r" Essai \d+\.\"$", '"', lines[index])
        lines[index] = text[:-1] + f' Essai {run}."'
    path.write_text("\n".join(lines), encoding="utf-8")


class Server:
    """`python -m plugins.sitekit.serve` in the clone, its lines read in a thread."""

    def __init__(self, site: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "plugins.sitekit.serve", "--port", str(port)],
            cwd=site,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=environment,
        )
        # A preview that keeps nothing between its builds prints only the build's time.
        serve = (site / "plugins/sitekit/serve.py").read_text(encoding="utf-8")
        self.built = NEW if "Aperçu reconstruit" in serve else OLD
        self.lines: list[tuple[float, str]] = []
        self.changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            with self.changed:
                self.lines.append((time.perf_counter(), line.rstrip("\n")))
                self.changed.notify_all()

    def wait_for(self, start: int, *patterns, timeout=300.0):
        """Return (index, time, match) of the first line from start matching a pattern."""
        deadline = time.perf_counter() + timeout
        with self.changed:
            while True:
                for index in range(start, len(self.lines)):
                    when, line = self.lines[index]
                    for pattern in patterns:
                        match = pattern.match(line)
                        if match:
                            return index, when, match
                left = deadline - time.perf_counter()
                if left <= 0 or self.process.poll() is not None:
                    raise RuntimeError("the preview stopped or took too long:\n" + self.text())
                self.changed.wait(left)

    def text(self) -> str:
        return "\n".join(line for _, line in self.lines[-30:])

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def number(text: str) -> float:
    return float(text.replace(",", "."))


def measure(server: Server, site: Path, case: str, run: int) -> dict:
    """Change one line; return the figures of the rebuild it causes."""
    start = len(server.lines)
    written = time.perf_counter()
    edit(site, case, run)
    index, when, match = server.wait_for(start, server.built, FAILED)
    if match.re is FAILED:
        raise RuntimeError("the build failed:\n" + server.text())
    figures = {"server": number(match.group(1)), "seen": when - written}
    if match.re is NEW and match.group(2):
        _, done, complete = server.wait_for(index + 1, COMPLETE)
        figures["complete"] = number(complete.group(1))
        figures["complete_seen"] = done - written
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--revision", help="a commit to measure instead of the working tree")
    parser.add_argument("--log", action="store_true", help="print what the server printed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix=".preview-bench-", dir=ROOT) as folder:
        site = Path(folder, "site")
        clone(site, args.revision)
        server = Server(site)
        try:
            server.wait_for(0, re.compile(r"^Aperçu : "))
            time.sleep(2)  # the watcher starts after the first build: let it settle
            runs = {"page": [], "establishment": [], "name": []}
            for run in range(args.runs):
                for case, figures in runs.items():
                    figures.append(measure(server, site, case, run))
        finally:
            server.stop()
            if args.log:
                print("\n".join(line for _, line in server.lines), file=sys.stderr)
    result = {}
    for case, figures in runs.items():
        keys = sorted({key for run in figures for key in run})
        result[case] = {
            "median": {
                k: round(statistics.median(r[k] for r in figures if k in r), 3) for k in keys
            },
            "runs": figures,
        }
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
