"""Preview the site on 127.0.0.1 and rebuild it whenever a source file changes.

Usage: python -m plugins.sitekit.serve [--port 8000]
"""

import argparse
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from .build import main as build_main

WATCHED = ("content", "data", "theme", "plugins", "pelicanconf.py")


def serve(port: int, output: Path) -> None:
    """Serve output/ in a thread and rebuild on every change."""
    build_main(["--output", str(output)])
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(output))
    # The handler resolves the folder on each request, so it follows the swapped output/.
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Aperçu : http://127.0.0.1:{port}/ (Ctrl+C pour arrêter)")
    try:
        for _changes in watch(*[p for p in WATCHED if Path(p).exists()]):
            print("Modification détectée, reconstruction…")
            build_main(["--output", str(output)])
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Aperçu du site COOPSOC.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", type=Path, default=Path("output"))
    args = parser.parse_args()
    serve(args.port, args.output)


if __name__ == "__main__":
    main()
