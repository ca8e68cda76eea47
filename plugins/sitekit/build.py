"""Build the site aside, then swap it into place: a failed build leaves output/ untouched.

Usage: python -m plugins.sitekit.build [--settings pelicanconf.py] [--output output]
"""

import argparse
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings


class _Counter(logging.Handler):
    """Count warnings and errors: Pelican logs a broken link or template and goes on."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def build(settings_file: str, output: Path, overrides: dict | None = None) -> None:
    """Build into a new folder beside output, then replace output with it."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-nouveau-", dir=output.parent))
    counter = _Counter()
    logging.getLogger("pelican").addHandler(counter)
    try:
        settings = read_settings(
            settings_file, override={**(overrides or {}), "OUTPUT_PATH": str(staging)}
        )
        Pelican(settings).run()
        if counter.records:
            raise RuntimeError(
                f"{len(counter.records)} avertissement(s) ou erreur(s) pendant la construction "
                "(voir ci-dessus) : le site n’est pas publié tant qu’ils ne sont pas corrigés."
            )
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logging.getLogger("pelican").removeHandler(counter)
    previous = output.with_name(f".{output.name}-ancien")
    shutil.rmtree(previous, ignore_errors=True)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)


def main(argv=None, overrides: dict | None = None) -> int:
    """Command line: build, or explain in French why not."""
    parser = argparse.ArgumentParser(description="Construit le site COOPSOC.")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)s : %(message)s", level=logging.WARNING)
    started = time.perf_counter()
    try:
        build(args.settings, args.output, overrides)
    except Exception as error:  # every failure is reported the same way to the staff
        print(f"\nÉchec de la construction : {error}", file=sys.stderr)
        print(f"Le dossier {args.output}/ n’a pas été modifié.", file=sys.stderr)
        return 1
    pages = sum(1 for _ in args.output.rglob("*.html"))
    elapsed = time.perf_counter() - started
    print(f"Site construit dans {args.output}/ : {pages} pages en {elapsed:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
