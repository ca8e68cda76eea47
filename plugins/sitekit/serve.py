"""Preview the site on 127.0.0.1 and rebuild it whenever a source file changes.

Usage: python -m plugins.sitekit.serve [--port 8000]

The builds set PREVIEW: the steps whose inputs did not change are not done again
(plugins/coopsoc/memo.py; templates stay compiled, plugins/sitekit/compiled.py), and the
slowest ones, when their inputs did change, are done by a worker process after the pages
are written: the preview shows their previous result meanwhile, then builds again once
they are ready.
"""

import argparse
import functools
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from plugins.coopsoc import memo
from plugins.coopsoc.text import NBSP, format_number_fr

from .build import main as build_main

SETTINGS = "pelicanconf.py"
WATCHED = ("content", "data", "theme", "plugins", SETTINGS)


def preview_settings(cache: Path) -> dict:
    """Settings of the preview's builds: keep what does not change from one to the next,
    Pelican's reading of the Markdown pages included (its cache, in a folder of cache named
    after the settings file's bytes: other settings, another reading)."""
    try:
        settings = memo.digest(Path(SETTINGS).read_bytes())[:16]
    except OSError:  # the build says what is wrong
        settings = "sans-reglages"
    return {
        memo.PREVIEW_SETTING: True,
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CONTENT_CACHING_LAYER": "reader",
        "CHECK_MODIFIED_METHOD": "md5",
        "CACHE_PATH": str(cache / settings),
    }


def seconds(value: float) -> str:
    """« 0,42 s »."""
    return f"{format_number_fr(value, 2)}{NBSP}s"


class Rebuilds:
    """The preview's builds: one per batch of changes, one more when a deferred step is ready."""

    def __init__(self, output: Path, cache: Path):
        self.output = output
        self.cache = cache
        self.events: queue.Queue = queue.Queue()
        self.since: float | None = None  # when the change still being completed was seen
        self.waiting: tuple[str, ...] = ()  # steps the last build showed as they were
        memo.on_result(lambda step: self.events.put(("ready", time.perf_counter())))

    def watch(self, stop: threading.Event) -> None:
        """Put every batch of changed files in the queue (run in a thread)."""
        for _changes in watch(*[p for p in WATCHED if Path(p).exists()], stop_event=stop):
            self.events.put(("change", time.perf_counter()))

    def build(self) -> int:
        """Build once; note which steps gave their previous result."""
        memo.begin_build()
        arguments = ["--settings", SETTINGS, "--output", str(self.output)]
        status = build_main(arguments, preview_settings(self.cache))
        self.waiting = memo.stale() if status == 0 else ()
        return status

    def next(self) -> None:
        """Wait for changes or a deferred result, then build and say how long it took."""
        kind, seen = self.events.get()
        while not self.events.empty():  # one build for everything already waiting
            other, when = self.events.get()
            if other == "change" and kind != "change":
                kind, seen = other, when
        if kind == "ready" and not self.waiting:
            return  # the last build did not wait for it
        if kind == "change":
            self.since = seen
            print("Modification détectée, reconstruction…")
        status = self.build()
        now = time.perf_counter()
        if status:
            self.since = None
        elif kind == "change":
            line = f"Aperçu reconstruit en {seconds(now - seen)}"
            print(line + (f" ; en cours : {', '.join(self.waiting)}." if self.waiting else "."))
        elif self.since is not None and not self.waiting:
            print(f"Aperçu complet en {seconds(now - self.since)} après la modification.")
        if not self.waiting:
            self.since = None


def preview_folder() -> Path:
    """A new folder for the preview's builds: in memory where the system has one (/dev/shm),
    for every build writes a thousand files and removes the previous ones; else here."""
    memory = Path("/dev/shm")
    if memory.is_dir() and os.access(memory, os.W_OK):
        return Path(tempfile.mkdtemp(prefix="coopsoc-apercu-", dir=memory))
    return Path(tempfile.mkdtemp(prefix=".apercu-", dir="."))


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def serve(port: int, output: Path | None) -> None:
    """Serve the preview in a thread and rebuild on every change."""
    # Stopped by a signal as by Ctrl+C: the folder in memory is removed either way.
    signal.signal(signal.SIGTERM, _interrupt)
    folder = preview_folder()
    output = output or folder / "site"
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(output))
    # The handler resolves the folder on each request, so it follows the swapped output.
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rebuilds = Rebuilds(output, folder / "cache")
    stop = threading.Event()
    threading.Thread(target=rebuilds.watch, args=(stop,), daemon=True).start()
    try:
        # Built with the threads running, the first build is done in this process (no
        # fork): what it keeps is at hand for the next ones; a change meanwhile is not lost.
        rebuilds.build()
        print(f"Aperçu : http://127.0.0.1:{port}/ (Ctrl+C pour arrêter)", flush=True)
        while True:
            rebuilds.next()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        memo.forget()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Aperçu du site COOPSOC.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--output", type=Path, help="dossier du site construit (par défaut, un dossier en mémoire)"
    )
    args = parser.parse_args()
    serve(args.port, args.output)


if __name__ == "__main__":
    main()
