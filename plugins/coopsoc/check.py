"""Check the data files: python -m plugins.coopsoc.check [dossier_donnees].

Checks the directory's files and the history page's timeline (history.yaml).

Prints every problem in French on standard error and exits with status 1 if there is an
error, 0 otherwise. Imports only the loader (no Pelican, no Markdown) so it runs in well
under a second.
"""

from __future__ import annotations

import sys
from pathlib import Path

from plugins.coopsoc.data.problems import DirectoryError, load_all
from plugins.coopsoc.directory.history import load_history
from plugins.coopsoc.directory.loader import load_directory
from plugins.coopsoc.directory.model import Directory
from plugins.coopsoc.text import format_number_fr, plural

# The history file is looked for in the data folder checked, as the build does
# (HISTORY_PATH "history.yaml" inside DIRECTORY_PATH "data").
HISTORY_FILE = "history.yaml"
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data"
SAMPLE_NOTE = (
    "\nCe sont des données d'exemple (annuaire.yaml : exemple: true) : le site l'annonce sur "
    "chaque page."
)
USAGE = (
    "Utilisation : python -m plugins.coopsoc.check [dossier_des_donnees]\n"
    "Vérifie les fichiers de l'annuaire et la frise de l'histoire (history.yaml)\n"
    "du dossier indiqué (par défaut, le dossier data du projet)."
)


def summary(directory: Directory, history: tuple = ()) -> str:
    """Return the one-line French summary of valid data."""
    figures = directory.figures()
    welcomed = plural(
        figures["personnes_accueillies"], "personne accueillie", "personnes accueillies"
    )
    return (
        f"Données valides : {plural(figures['etablissements'], 'établissement')} "
        f"({format_number_fr(figures['esat'])} ESAT, {format_number_fr(figures['ea'])} EA, "
        f"{format_number_fr(figures['chrs'])} CHRS), "
        f"{plural(figures['associations'], 'association')}, "
        f"{plural(figures['travailleurs'], 'travailleur')} en ESAT et en EA, "
        f"{welcomed} en atelier de CHRS, "
        f"{plural(figures['metiers'], 'métier')}, {plural(figures['filieres'], 'filière')}, "
        f"{plural(figures['communes'], 'commune')}, "
        f"{plural(len(history), 'événement')} dans l'histoire."
        + (SAMPLE_NOTE if directory.sample else "")
    )


def main(argv: list[str] | None = None) -> int:
    """Run the check; return the process exit status."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(USAGE, file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help", "--aide") else 2
    data = Path(args[0]) if args else DEFAULT_DATA
    try:
        directory, history = load_all(
            lambda: load_directory(data), lambda: load_history(data / HISTORY_FILE)
        )
    except DirectoryError as error:
        print(error, file=sys.stderr)
        _print_warnings(error.warnings)
        print(
            "\nCorrigez ces erreurs puis relancez la vérification (make check). "
            "Le guide docs/GUIDE_EDITEURS.md explique chaque message.",
            file=sys.stderr,
        )
        return 1
    _print_warnings(directory.warnings)
    print(summary(directory, history))
    return 0


def _print_warnings(warnings) -> None:
    if warnings:
        noun = "avertissement" if len(warnings) == 1 else "avertissements"
        print(
            f"{len(warnings)} {noun} (les données restent publiables) :",
            file=sys.stderr,
        )
        for warning in warnings:
            print(warning, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
