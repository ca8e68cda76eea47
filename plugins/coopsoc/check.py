"""Check the data files: python -m plugins.coopsoc.check [dossier_donnees].

Reads and checks every file of the data folder, as the table DATA_FILES
(plugins/coopsoc/datafiles.py) lists them: the directory, the history, the
employment-obligation rules, the search's synonyms and settings, the map's outlines.
Only what needs the built site is left to the build (a synonym's phrase must appear in
some page).

Prints every problem in French on standard error and exits with status 1 if there is an
error, 0 otherwise. Imports neither Pelican nor Markdown, so it runs in about a second.
"""

from __future__ import annotations

import sys
from pathlib import Path

from plugins.coopsoc.data.problems import WARNING, Problem
from plugins.coopsoc.datafiles import (
    DATA_FILES,
    FOLDER_SETTING,
    DataFolder,
    read_directory,
    read_history,
    uncovered,
)
from plugins.coopsoc.directory.model import Directory
from plugins.coopsoc.text import format_number_fr, plural

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data"
SAMPLE_NOTE = (
    "\nCe sont des données d'exemple (annuaire.yaml : exemple: true) : le site l'annonce sur "
    "chaque page."
)
USAGE = (
    "Utilisation : python -m plugins.coopsoc.check [dossier_des_donnees]\n"
    "Vérifie tous les fichiers du dossier indiqué (par défaut, le dossier data du projet) :\n"
    "annuaire, histoire, règles de l'obligation d'emploi, synonymes et réglages de la\n"
    "recherche, contours de la carte."
)
UNCOVERED = (
    "fichier qu'aucune partie du site ne lit : vérifiez son nom (la liste des fichiers est "
    "dans docs/GUIDE_EDITEURS.md), ou retirez-le du dossier"
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


def check_folder(folder: Path) -> tuple[list, list, DataFolder]:
    """Run every reader of DATA_FILES on a folder; return its errors and warnings.

    The errors are grouped by kind (the directory and its history together, then each
    other file), in the order of the table.
    """
    data = DataFolder({FOLDER_SETTING: str(folder)})
    errors: dict[type, list] = {}
    warnings = []
    for reader in dict.fromkeys(DATA_FILES.values()):
        value, error = data.result(reader)
        if error is not None:
            errors.setdefault(type(error), []).append(error)
            warnings.extend(error.warnings)
        else:
            warnings.extend(getattr(value, "warnings", ()))
    display = folder.resolve().name
    for name in uncovered(folder):
        warnings.append(Problem(f"{display}/{name}", None, None, None, UNCOVERED, WARNING))
    groups = [(kind, [p for e in found for p in e.problems]) for kind, found in errors.items()]
    return [kind(problems) for kind, problems in groups], warnings, data


def main(argv: list[str] | None = None) -> int:
    """Run the check; return the process exit status."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(USAGE, file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help", "--aide") else 2
    folder = Path(args[0]) if args else DEFAULT_DATA
    errors, warnings, data = check_folder(folder)
    if errors:
        print("\n\n".join(str(error) for error in errors), file=sys.stderr)
        _print_warnings(warnings)
        print(
            "\nCorrigez ces erreurs puis relancez la vérification (make check). "
            "Le guide docs/GUIDE_EDITEURS.md explique chaque message.",
            file=sys.stderr,
        )
        return 1
    _print_warnings(warnings)
    directory, _ = data.result(read_directory)
    history, _ = data.result(read_history)
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
