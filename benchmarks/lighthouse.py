"""Lighthouse scores of each page type, mobile and desktop (opt-in: `make lighthouse`).

Builds the production site for a local address, serves it as a compressing static host
would (the .gz copies of `make publish`, the security headers of deploy/_headers), and
runs Lighthouse 12.2.3 (the last version for Node 20) in Debian's Chromium on each page
type. Writes its table into BENCHMARKS.md. About 15 s per page and form factor.

Usage: python -m benchmarks.lighthouse
"""

import functools
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.harness.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"
REPORT = ROOT / "BENCHMARKS.md"
BEGIN, END = "<!-- lighthouse:début -->", "<!-- lighthouse:fin -->"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def page_types(site: Path) -> dict[str, str]:
    """One address of each page type, from the site root."""
    establishment = sorted((site / "etablissements").glob("*-*/index.html"))[0].parent.name
    trade = sorted((site / "metiers").glob("*/index.html"))[0].parent.name
    return {
        "accueil": "",
        "établissement": f"etablissements/{establishment}/",
        "métier": f"metiers/{trade}/",
        "recherche": "recherche/?q=menuiserie",
        "simulateur": "obligation-d-emploi/simulateur/"
        "?effectif=120&beneficiaires=3&achats_ht=25000&part_main_oeuvre=60",
        "demande préremplie": f"demande/etablissement-{establishment}/",
    }


def security_headers() -> dict[str, str]:
    """The headers deploy/_headers sends for every page."""
    headers, in_block = {}, False
    for line in (ROOT / "deploy/_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/*"):
            in_block = True
        elif in_block and line.startswith((" ", "\t")) and ":" in line:
            name, value = line.strip().split(":", 1)
            headers[name.strip()] = value.strip()
        elif line and not line.startswith((" ", "\t", "#")):
            in_block = False
    return headers


class _Handler(SimpleHTTPRequestHandler):
    """Serve the .gz copy of a file when the browser accepts gzip, as hosts do."""

    extra_headers: dict = {}

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if "gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(path + ".gz"):
            with open(path + ".gz", "rb") as file:
                self._body = file.read()
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(self._body)))
            self.end_headers()
            return None
        self._body = None
        return super().send_head()

    def do_GET(self):
        file = self.send_head()
        if self._body is not None:
            self.wfile.write(self._body)
        elif file:
            try:
                self.copyfile(file, self.wfile)
            finally:
                file.close()

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        if self.path.startswith("/theme/"):  # fingerprinted names, as deploy/_headers says
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        super().end_headers()

    def log_message(self, format, *args):
        pass


def run_lighthouse(url: str, desktop: bool) -> dict[str, int]:
    """Scores (0–100) of one page, as Lighthouse reports them."""
    command = [
        "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    if desktop:
        command.append("--preset=desktop")
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
    )
    report = json.loads(result.stdout)
    return {k: round(report["categories"][k]["score"] * 100) for k in CATEGORIES}


def main() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    origin = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="coopsoc-lighthouse-") as work:
        output = Path(work) / "output"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "plugins.sitekit.build",
                "--settings",
                "publishconf.py",
                "--output",
                str(output),
            ],
            cwd=ROOT,
            # A local address and placeholders: published as a demonstration.
            env={**os.environ, "COOPSOC_SITEURL": origin, "COOPSOC_DEMONSTRATION": "1"},
            check=True,
        )
        handler = type("Handler", (_Handler,), {"extra_headers": security_headers()})
        server = ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(output))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        rows = []
        try:
            for kind, path in page_types(output).items():
                for desktop in (False, True):
                    scores = run_lighthouse(f"{origin}/{path}", desktop)
                    rows.append((kind, "ordinateur" if desktop else "mobile", scores))
                    print(kind, rows[-1][1], scores, flush=True)
        finally:
            server.shutdown()
    write_report(rows)


def write_report(rows) -> None:
    """Replace this benchmark's section of BENCHMARKS.md."""
    lines = [
        "| page | appareil | performance | accessibilité | bonnes pratiques | SEO |",
        "|---|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {kind} | {device} | " + " | ".join(str(s[k]) for k in CATEGORIES) + " |"
        for kind, device, s in rows
    ]
    section = (
        f"{BEGIN}\n## Lighthouse\n\nMesuré le {date.today().isoformat()} avec {LIGHTHOUSE} "
        "et Chromium de Debian, sur la construction de production servie en local avec ses "
        "copies gzip et les en-têtes de `deploy/_headers` ; commande : `make lighthouse`.\n\n"
        + "\n".join(lines)
        + f"\n{END}"
    )
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Mesures\n"
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    REPORT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
