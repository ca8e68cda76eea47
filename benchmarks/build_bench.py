"""Build-time benchmark: our site against stock Pelican, at growing directory sizes.

Each build runs in a fresh process (peak memory is that process's own). For every size,
stock Pelican (default theme, DISPLAY_PAGES_ON_MENU = False) builds as many plain
Markdown pages as our build wrote HTML pages, so our cost is a ratio, not an absolute
time on a noisy machine. Writes its table into BENCHMARKS.md.

Size 0 is the real data/ folder (the association's own directory).

Usage: python -m benchmarks.build_bench [--sizes 0 300 1000 3000 10000] [--repeat 3]
"""

import argparse
import contextlib
import gzip
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path

from benchmarks.synthetic import sentence_pool, write_directory

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "BENCHMARKS.md"
BEGIN, END = "<!-- construction:début -->", "<!-- construction:fin -->"


def _tree(pid: int) -> list[int]:
    """A process and its descendants, as /proc lists them now."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        # A process may end at any moment: while its threads are listed, or read.
        with contextlib.suppress(OSError):
            for children in Path(f"/proc/{current}/task").glob("*/children"):
                with contextlib.suppress(OSError):
                    pending += [int(child) for child in children.read_text().split()]
    return found


def _pss_kb(pid: int) -> int:
    """Proportional set size: a page shared by n processes counts 1/n in each."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _sample_tree(process: subprocess.Popen, peak: list[int], interval: float = 0.02) -> None:
    """Keep in peak[0] the highest memory of the build's processes taken together."""
    while process.poll() is None:
        peak[0] = max(peak[0], sum(map(_pss_kb, _tree(process.pid))))
        threading.Event().wait(interval)


def run_build(kind: str, source: Path, output: Path) -> dict:
    """Run one build in a fresh Python process and return its measurements.

    tree_mb, where /proc tells it, is the highest total memory of the build and the
    processes it forks, sampled every 20 ms (shared pages counted once).

    The files of the builds before are first written to disk (sync): otherwise the system
    writes them during this build, on the same processors, and a build is slowed by how
    much the builds before it wrote.
    """
    os.sync()
    command = [sys.executable, "-m", "benchmarks.one_build", kind, str(source), str(output)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = [0]
    sampler = None
    if Path("/proc/self/smaps_rollup").exists():
        sampler = threading.Thread(target=_sample_tree, args=(process, peak), daemon=True)
        sampler.start()
    stdout, stderr = process.communicate()
    if sampler:
        sampler.join()
    if process.returncode:
        raise RuntimeError(f"échec de la construction {kind} sur {source} :\n{stderr}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["tree_mb"] = peak[0] / 1024 if sampler else None
    return result


def write_stock_content(folder: Path, pages: int) -> None:
    """Write plain Markdown pages of about the length of an establishment page."""
    rng = random.Random(7)
    sentences = sentence_pool()
    # Pelican reads a file under pages/ as a page. Elsewhere it would be an article, which
    # is skipped (an error, not a page) when it has no date.
    pages_folder = folder / "pages"
    pages_folder.mkdir(parents=True)
    for number in range(pages):
        body = "\n\n".join(" ".join(rng.sample(sentences, 3)) for _ in range(4))
        (pages_folder / f"page-{number}.md").write_text(
            f"Title: Page {number}\nSlug: page-{number}\n\n{body}\n", encoding="utf-8"
        )


def output_size(folder: Path) -> tuple[int, int]:
    """Total bytes of a build, raw and gzip-compressed file by file."""
    raw = packed = 0
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            raw += len(data)
            packed += len(gzip.compress(data, 9, mtime=0))
    return raw, packed


def measure(size: int, repeat: int, work: Path) -> dict:
    """Build our site and stock Pelican for one directory size (0: the real data/).

    The two builds alternate (ours, stock, ours, stock…): a machine whose speed drifts
    from one minute to the next slows both alike, and the ratio is the median of each
    pair's.
    """
    data = ROOT / "data" if size == 0 else write_directory(work / f"data-{size}", size)
    ours, stock = [], []
    content = work / f"stock-content-{size}"
    for i in range(repeat):
        ours.append(run_build("coopsoc", data, work / f"out-{size}-{i}"))
        if i == 0:  # stock Pelican writes as many pages as our first build
            pages = sum(1 for _ in (work / f"out-{size}-0").rglob("*.html"))
            write_stock_content(content, pages)
        stock.append(run_build("stock", content, work / f"stock-{size}-{i}"))
    raw, packed = output_size(work / f"out-{size}-0")
    return {
        "size": size or "réel",
        "pages": pages,
        "ratio": statistics.median(
            o["seconds"] / s["seconds"] for o, s in zip(ours, stock, strict=True)
        ),
        "ours_s": statistics.median(r["seconds"] for r in ours),
        "ours_mb": max(r["peak_mb"] for r in ours),
        "child_mb": max(r["child_mb"] for r in ours),
        "tree_mb": max((r["tree_mb"] or 0) for r in ours),
        "stock_s": statistics.median(r["seconds"] for r in stock),
        "stock_mb": max(r["peak_mb"] for r in stock),
        "raw": raw,
        "gzip": packed,
    }


def table(rows: list[dict]) -> str:
    lines = [
        "| établissements | pages HTML | notre construction | Pelican de base | rapport "
        "| mémoire max (nous + processus fils / base) | mémoire réelle max (nous) "
        "| sortie (brute / gzip) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        size = r["size"] if isinstance(r["size"], str) else f"{r['size']:,}"
        lines.append(
            f"| {size} | {r['pages']:,} | {r['ours_s']:.2f} s | {r['stock_s']:.2f} s "
            f"| {r['ratio']:.2f} "
            f"| {r['ours_mb']:.0f} Mo + {r['child_mb']:.0f} Mo / {r['stock_mb']:.0f} Mo "
            f"| {r['tree_mb']:.0f} Mo "
            f"| {r['raw'] / 1e6:.1f} Mo / {r['gzip'] / 1e6:.1f} Mo |".replace(",", "\u202f")
        )
    return "\n".join(lines)


def write_report(rows: list[dict], command: str) -> str:
    """Replace this benchmark's section of BENCHMARKS.md and return it."""
    by_size = {r["size"]: r for r in rows}
    growth = ""
    if 1000 in by_size and 10000 in by_size:
        ratio = by_size[10000]["ours_s"] / by_size[1000]["ours_s"]
        growth = f"\nCroissance : temps(10 000) / temps(1 000) = {ratio:.1f} (objectif ≤ 11).\n"
    section = (
        f"{BEGIN}\n## Construction\n\nMesuré le {date.today().isoformat()} sur {platform.node()} "
        f"({platform.machine()}, Python {platform.python_version()}), commande : `{command}`.\n"
        "Médiane des constructions d’une taille (une seule à 10 000) ; chaque construction "
        "dans un processus neuf, la nôtre et celle de Pelican de base tour à tour ; le "
        "rapport est la médiane des rapports de chaque paire. Mémoire max : pic du processus "
        "de construction, plus le plus haut de ses processus fils (l’indexation de la "
        "recherche, l’écriture des pages en parallèle), créés par `fork` : ils partagent "
        "leurs pages mémoire avec lui, que cette somme compte deux fois. Mémoire réelle max :"
        " le plus haut total des processus de la construction pris ensemble, relevé toutes "
        "les 20 ms (somme des PSS, où une page "
        f"partagée n’est comptée qu’une fois).\n\n{table(rows)}\n{growth}{END}"
    )
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Mesures\n"
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    REPORT.write_text(text, encoding="utf-8")
    return section


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 300, 1000, 3000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coopsoc-bench-") as work:
        rows = []
        for size in args.sizes:
            repeat = args.repeat if size <= 3000 else 1
            rows.append(measure(size, repeat, Path(work)))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    command = "python -m benchmarks.build_bench " + " ".join(sys.argv[1:])
    print(write_report(rows, command.strip() if sys.argv[1:] else "make bench"))


if __name__ == "__main__":
    main()
