"""Search benchmark: our exported index against Pagefind, on a synthetic directory.

Not a test: it measures. A directory of N establishments (3,000 by default) is generated
in a temporary folder from the real data's vocabulary (sentences of the real
presentations and trade descriptions, real means, certifications, communes, trades and
associations), the site is built with DIRECTORY_PATH pointing to it, Pagefind indexes the
same pages (establishments, trades, filières, content pages; <main> only), and headless
Chromium measures, for both, in the same run:

- the bytes of the first query (everything the search needs, from the page's load to 20
  results shown) and of each further query, raw and as a gzip-compressing host sends them;
- the time from a keystroke to results (each prefix of each query typed);
- on the real site, the buyers' sentences of tests/search_sentences.csv: success@3 (an
  establishment practising one of the sentence's trades among the first three
  establishments shown) and the share of empty pages, for both.

Pagefind is not a dependency of the site. Install it beside the tests' packages first:
    pip install 'pagefind[bin]==1.5.2'
Usage: python -m benchmarks.search_bench [--size 3000] [--no-write]
The table goes into BENCHMARKS.md (section « Recherche »).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_directory  # noqa: E402
from plugins.coopsoc.directory.loader import load_directory  # noqa: E402
from plugins.search.reference import Searcher, find_index  # noqa: E402
from tests.search_support import buyer_sentences, shown_order, success_at_3  # noqa: E402

REPORT = ROOT / "BENCHMARKS.md"
BEGIN, END = "<!-- recherche:début -->", "<!-- recherche:fin -->"
QUERIES = [
    "menuiserie",
    "espaces verts",
    "nettoyage marseille",
    "blanchisserie",
    "conditionnement",
    "mise sous pli",
    "restauration",
    "dechets",
]
SHOWN = 20  # results shown at once, by both
# Pagefind's WebAssembly needs 'wasm-unsafe-eval'; our search needs nothing beyond 'self'.
CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"
PAGEFIND_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Pagefind</title></head><body><main><h1>Pagefind</h1></main></body></html>"""


def build_apart(output: Path, **overrides) -> None:
    """Build in a fresh process: Pelican's signals keep the plugins of earlier builds."""
    code = (
        "import json, sys; from plugins.sitekit.build import build; "
        "build('pelicanconf.py', __import__('pathlib').Path(sys.argv[1]), json.loads(sys.argv[2]))"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(output), json.dumps(overrides)], cwd=ROOT, check=True
    )


# ---------- sizes ----------


def wire(data: bytes) -> int:
    """Bytes a host compressing with gzip (level 6) sends: never more than the file."""
    return min(len(data), len(gzip.compress(data, 6, mtime=0)))


def folder_size(folder: Path) -> tuple[int, int, int]:
    # Compressed copies a host plugin writes beside each file are not more files to send.
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br")]
    return (
        len(files),
        sum(p.stat().st_size for p in files),
        sum(wire(p.read_bytes()) for p in files),
    )


def pagefind_glob(site: Path) -> str:
    """The documents our index holds, as a Pagefind glob: the same pages for both."""
    searcher = Searcher(find_index(site))
    pages = sorted(
        {
            path.split("/")[0]
            for path, _ in (searcher.record(d) for d in range(searcher.meta["docs"]))
        }
        - {"etablissements", "metiers", "filieres"}
    )
    parts = ["etablissements/*/index.html", "metiers/*/index.html", "filieres/*/index.html"]
    parts += [f"{p}/index.html" if p else "index.html" for p in pages]
    return "{" + ",".join(parts) + "}"


def run_pagefind(site: Path) -> None:
    try:
        import pagefind  # noqa: F401
    except ImportError:
        raise SystemExit(
            "Pagefind manque : pip install 'pagefind[bin]==1.5.2' (dans le même environnement)"
        ) from None
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--glob",
            pagefind_glob(site),
            "--root-selector",
            "main",
            "--force-language",
            "fr",
            "--quiet",
        ],
        check=True,
    )
    (site / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")


# ---------- browser ----------


class _Handler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):
        pass


OURS_QUERY = """async (q) => {
    const root = document.querySelector('[data-module=search]');
    const input = document.querySelector('#recherche-mots');
    const done = new Promise(resolve => root.addEventListener('coopsoc:search-rendered',
        function wait(e) { if (e.detail.query === q) { root.removeEventListener(
            'coopsoc:search-rendered', wait); resolve(e.detail.total); } }));
    input.value = q;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    return await done;
}"""

OURS_TYPING = """async ([queries, shown]) => {
    const root = document.querySelector('[data-module=search]');
    const input = document.querySelector('#recherche-mots');
    const ui = [];
    for (const q of queries) {
        for (let n = 1; n <= q.length; n++) {
            const prefix = q.slice(0, n);
            const done = new Promise(resolve => root.addEventListener('coopsoc:search-rendered',
                function wait(e) { if (e.detail.query === prefix) { root.removeEventListener(
                    'coopsoc:search-rendered', wait); resolve(); } }));
            const started = performance.now();
            input.value = prefix;
            input.dispatchEvent(new Event('input', {bubbles: true}));
            await done;
            ui.push(performance.now() - started);
        }
    }
    return ui;
}"""

OURS_API_TYPING = """async ([queries, shown]) => {
    const times = [];
    for (const q of queries) {
        for (let n = 1; n <= q.length; n++) {
            const started = performance.now();
            const result = await CoopsocSearch.search(q.slice(0, n));
            await CoopsocSearch.recordsOf(result.hits.slice(0, shown).map(h => h.doc));
            times.push(performance.now() - started);
        }
    }
    return times;
}"""

PAGEFIND_INIT = """async () => {
    window.pf = await import('./pagefind/pagefind.js');
    await window.pf.init();
}"""

PAGEFIND_QUERY = """async ([q, shown]) => {
    const search = await window.pf.search(q);
    await Promise.all(search.results.slice(0, shown).map(r => r.data()));
    return search.results.length;
}"""

PAGEFIND_TYPING = """async ([queries, shown]) => {
    const times = [];
    for (const q of queries) {
        for (let n = 1; n <= q.length; n++) {
            const started = performance.now();
            const search = await window.pf.search(q.slice(0, n));
            await Promise.all(search.results.slice(0, shown).map(r => r.data()));
            times.push(performance.now() - started);
        }
    }
    return times;
}"""


# What the first query's bytes are made of, by file name.
KINDS = {
    "ours": {
        "scripts": r"^theme/js/",
        "vocabulaire et tables": r"/meta\.js$|/vocabulaire\.js$|/v/|/d/",
        "facettes": r"/facettes\.js$",
        "index (tranches)": r"/s/",
        "fiches des résultats": r"/r/",
    },
    "pagefind": {
        "scripts": r"\.js$|entry\.json$",
        "WebAssembly": r"wasm",
        "métadonnées": r"pf_meta$",
        "index (tranches)": r"pf_index$",
        "fiches des résultats": r"pf_fragment$",
    },
}


def _pagefind_query(page, query: str) -> int:
    return page.evaluate(PAGEFIND_QUERY, [query, SHOWN])


class Requests:
    """Search-related requests of a page, with the size of each file on disk."""

    def __init__(self, page, site: Path, origin: str, pattern: str):
        self.log = []
        self.site, self.origin = site, origin
        self.pattern = re.compile(pattern)
        page.on("request", self._record)

    def _record(self, request):
        path = request.url[len(self.origin) + 1 :].split("?")[0]
        if self.pattern.search(path):
            self.log.append(path)

    def since(self, start: int) -> tuple[int, int, int]:
        paths = self.log[start:]
        data = [(self.site / p).read_bytes() for p in paths]
        return len(paths), sum(len(d) for d in data), sum(wire(d) for d in data)

    def by_kind(self, kinds: dict[str, str]) -> dict[str, int]:
        """Transmitted bytes of the requests so far, by kind of file (first pattern found)."""
        totals: dict[str, int] = {}
        for path in self.log:
            kind = next((k for k, pattern in kinds.items() if re.search(pattern, path)), "autre")
            totals[kind] = totals.get(kind, 0) + wire((self.site / path).read_bytes())
        return totals


def measure(site: Path) -> dict:
    from tests.harness.browser import launch

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=site))
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    playwright, browser = launch()
    results = {"chromium": browser.version}
    try:
        for engine in ("ours", "pagefind"):
            context = browser.new_context(locale="fr-FR")
            page = context.new_page()
            if engine == "ours":
                requests = Requests(page, site, origin, r"^(theme/js/search|recherche/index-)")
                page.goto(f"{origin}/recherche/index.html")
                page.wait_for_function("window.CoopsocSearch && document.readyState === 'complete'")
                run = functools.partial(page.evaluate, OURS_QUERY)
            else:
                requests = Requests(page, site, origin, r"^pagefind/")
                page.goto(f"{origin}/pagefind-bench.html")
                page.evaluate(PAGEFIND_INIT)
                run = functools.partial(_pagefind_query, page)
            per_query = []
            for query in QUERIES:
                start = 0 if not per_query else len(requests.log)
                count = run(query)
                per_query.append((query, count, *requests.since(start)))
                if len(per_query) == 1:
                    first = requests.by_kind(KINDS[engine])
            context.close()
            context = browser.new_context(locale="fr-FR")
            page = context.new_page()
            if engine == "ours":
                page.goto(f"{origin}/recherche/index.html")
                page.evaluate(OURS_QUERY, "")
                timing = {"ui": page.evaluate(OURS_TYPING, [QUERIES, SHOWN])}
                context.close()
                # The search alone, in a page of its own (nothing searched before).
                context = browser.new_context(locale="fr-FR")
                page = context.new_page()
                page.goto(f"{origin}/recherche/index.html")
                page.evaluate(OURS_QUERY, "")
                timing["api"] = page.evaluate(OURS_API_TYPING, [QUERIES, SHOWN])
            else:
                page.goto(f"{origin}/pagefind-bench.html")
                page.evaluate(PAGEFIND_INIT)
                timing = {"api": page.evaluate(PAGEFIND_TYPING, [QUERIES, SHOWN])}
            context.close()
            results[engine] = {"queries": per_query, "timing": timing, "first": first}
    finally:
        browser.close()
        playwright.stop()
        server.shutdown()
    return results


OURS_SENTENCE = """q => CoopsocSearch.search(q).then(r => ({docs: r.hits.map(h => h.doc),
    place: r.place === null ? null : r.place.commune, complete: r.complete}))"""

# Pagefind's first results, as site paths (enough of them to hold three establishments).
PAGEFIND_SENTENCE = """async (q) => {
    const search = await window.pf.search(q);
    const data = await Promise.all(search.results.slice(0, 12).map(r => r.data()));
    return {count: search.results.length, urls: data.map(d => d.url)};
}"""


def measure_sentences(site: Path) -> dict:
    """success@3 and empty pages of the buyers' sentences, for both engines, in Chromium."""
    from tests.harness.browser import launch

    searcher = Searcher(find_index(site))
    directory = load_directory(ROOT / "data")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=site))
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    playwright, browser = launch()
    sentences = buyer_sentences()
    results = {"count": len(sentences)}
    try:
        page = browser.new_page()
        page.goto(f"{origin}/recherche/index.html")
        page.wait_for_function("window.CoopsocSearch && document.readyState === 'complete'")
        successes = empty = 0
        for sentence, trades in sentences:
            found = page.evaluate(OURS_SENTENCE, sentence)
            docs = shown_order(searcher, found["docs"], found["place"], found["complete"])
            successes += success_at_3(searcher, docs, trades)
            empty += not docs
        results["ours"] = (successes, empty)
        page.goto(f"{origin}/pagefind-bench.html")
        page.evaluate(PAGEFIND_INIT)
        successes = empty = 0
        for sentence, trades in sentences:
            found = page.evaluate(PAGEFIND_SENTENCE, sentence)
            ids = [u.strip("/").split("/")[1] for u in found["urls"] if "etablissements/" in u]
            first = [directory.establishment(i) for i in ids if i][:3]
            successes += any(set(e.trade_ids) & trades for e in first)
            empty += found["count"] == 0
        results["pagefind"] = (successes, empty)
    finally:
        browser.close()
        playwright.stop()
        server.shutdown()
    return results


# ---------- report ----------


def kb(n: int) -> str:
    return f"{n / 1000:.1f}".replace(".", ",") + " ko"


def ms(values) -> str:
    return f"{statistics.median(values):.1f}".replace(".", ",") + " ms"


def p90(values) -> str:
    return f"{statistics.quantiles(values, n=10)[-1]:.1f}".replace(".", ",") + " ms"


def report(size, sizes, results, command) -> str:
    ours, theirs = results["ours"], results["pagefind"]
    first_ours, first_theirs = ours["queries"][0], theirs["queries"][0]
    rest_ours = [q[4] for q in ours["queries"][1:]]
    rest_theirs = [q[4] for q in theirs["queries"][1:]]

    def number(n):
        return f"{n:,}".replace(",", "\u202f")

    lines = [
        f"Annuaire synthétique de {number(size)} établissements ({number(sizes['docs'])} "
        "documents indexés, les mêmes pages pour les deux), résultats affichés par 20. "
        "« Transmis » : octets envoyés par un hébergeur qui compresse en gzip (niveau 6), "
        "jamais plus que le fichier.",
        "",
        "| Mesure | COOPSOC (whoosh exporté) | Pagefind 1.5.2 |",
        "| --- | --- | --- |",
        f"| 1re requête « {QUERIES[0]} » : requêtes, transmis (brut) | "
        f"{first_ours[2]}, {kb(first_ours[4])} ({kb(first_ours[3])}) | "
        f"{first_theirs[2]}, {kb(first_theirs[4])} ({kb(first_theirs[3])}) |",
        f"| Requêtes suivantes : transmis, médiane (max) | {kb(statistics.median(rest_ours))} "
        f"({kb(max(rest_ours))}) | {kb(statistics.median(rest_theirs))} ({kb(max(rest_theirs))}) |",
        f"| Frappe → résultats, médiane (9e décile), page complète | {ms(ours['timing']['ui'])} "
        f"({p90(ours['timing']['ui'])}) | — |",
        f"| Frappe → résultats, médiane (9e décile), recherche + 20 fiches | "
        f"{ms(ours['timing']['api'])} ({p90(ours['timing']['api'])}) | "
        f"{ms(theirs['timing']['api'])} ({p90(theirs['timing']['api'])}) |",
        f"| Index complet : fichiers, transmis (brut) | {sizes['ours'][0]}, {kb(sizes['ours'][2])} "
        f"({kb(sizes['ours'][1])}) | {sizes['pagefind'][0]}, {kb(sizes['pagefind'][2])} "
        f"({kb(sizes['pagefind'][1])}) |",
        f"| Index des données réelles ({sizes['real_establishments']} établissements) | "
        f"{sizes['real'][0]}, {kb(sizes['real'][2])} ({kb(sizes['real'][1])}) | — |",
        "",
        "Détail par requête (résultats trouvés ; requêtes HTTP ; transmis) :",
        "",
        "| Requête | COOPSOC | Pagefind |",
        "| --- | --- | --- |",
    ]
    for a, b in zip(ours["queries"], theirs["queries"], strict=True):
        lines.append(f"| {a[0]} | {a[1]} ; {a[2]} ; {kb(a[4])} | {b[1]} ; {b[2]} ; {kb(b[4])} |")

    def parts(first):
        return ", ".join(f"{kind} {kb(size)}" for kind, size in first.items())

    lines += [
        "",
        f"Composition de la 1re requête — COOPSOC : {parts(ours['first'])} ; "
        f"Pagefind : {parts(theirs['first'])}.",
    ]
    quality = results["sentences"]

    def rate(n):
        return f"{n / quality['count'] * 100:.0f}\u202f%".replace(".", ",")

    lines += [
        "",
        f"Phrases d’acheteurs (`tests/search_sentences.csv`, {quality['count']} phrases écrites "
        "comme on les tape, sur le site réel) :",
        "",
        "| Mesure | COOPSOC | Pagefind 1.5.2 |",
        "| --- | --- | --- |",
        f"| succès@3 (un établissement d’un des métiers attendus parmi les 3 premiers) | "
        f"{rate(quality['ours'][0])} | {rate(quality['pagefind'][0])} |",
        f"| pages vides | {rate(quality['ours'][1])} | {rate(quality['pagefind'][1])} |",
    ]
    ratio = first_ours[4] / first_theirs[4]
    lines += [
        "",
        f"Première requête : {ratio * 100:.0f}\u202f% des octets de Pagefind "
        "(objectif : 50\u202f% au plus). "
        "COOPSOC compte aussi ses deux scripts, le vocabulaire, les facettes et les fiches des "
        "20 premiers résultats ; Pagefind compte son script, son WebAssembly, ses index et les "
        "fragments des 20 premiers résultats, sans interface ni filtres. Pagefind ne tolère ni "
        "faute de frappe ni synonyme, et ne fonctionne pas ouvert depuis le disque.",
        "",
        f"Machine : {sizes['machine']} ; Chromium {results['chromium']} sans interface ; "
        f"Python {platform.python_version()}.",
        "",
        f"Commande : `{command}`",
    ]
    return "\n".join(lines)


def write_report(text: str) -> None:
    section = f"## Recherche\n\n{BEGIN}\n{text}\n{END}\n"
    if not REPORT.exists():
        REPORT.write_text(f"# Mesures de performance\n\n{section}", encoding="utf-8")
        return
    current = REPORT.read_text(encoding="utf-8")
    if BEGIN in current and END in current:
        before, rest = current.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        REPORT.write_text(f"{before}{BEGIN}\n{text}\n{END}{after}", encoding="utf-8")
    else:
        REPORT.write_text(current.rstrip("\n") + f"\n\n{section}", encoding="utf-8")


def machine() -> str:
    model = "processeur inconnu"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found.group(1).strip() if found else model
    return f"{model}, {os.cpu_count()} cœurs, {platform.system()} {platform.release()}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Mesure la recherche face à Pagefind.")
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--no-write", action="store_true", help="ne pas écrire BENCHMARKS.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="coopsoc-bench-recherche-") as tmp:
        tmp = Path(tmp)
        real_site = tmp / "reel"
        build_apart(real_site)
        run_pagefind(real_site)
        data = write_directory(tmp / "data", args.size)
        site = tmp / "site"
        print(f"Construction du site avec {args.size} établissements…", flush=True)
        # The printable brochure (a PDF of every establishment) is not what is measured here,
        # and has its own size budget: it is left out of the synthetic build.
        from pelican.settings import read_settings

        plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
        build_apart(
            site, DIRECTORY_PATH=str(data), PLUGINS=[p for p in plugins if p != "plugins.brochure"]
        )
        print("Indexation par Pagefind…", flush=True)
        run_pagefind(site)
        sizes = {
            "docs": Searcher(find_index(site)).meta["docs"],
            "ours": folder_size(find_index(site)),
            "pagefind": folder_size(site / "pagefind"),
            "real": folder_size(find_index(real_site)),
            "real_establishments": len(load_directory(ROOT / "data").establishments),
            "machine": machine(),
        }
        print("Mesures dans Chromium…", flush=True)
        results = measure(site)
        results["sentences"] = measure_sentences(real_site)
    command = "python -m benchmarks.search_bench" + (f" --size {args.size}" * (args.size != 3000))
    text = report(args.size, sizes, results, command)
    print(text)
    if not args.no_write:
        write_report(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
