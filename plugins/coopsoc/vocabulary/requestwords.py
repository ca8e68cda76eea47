"""Read data/recherche.yaml: the filler words of a request and how communes are written.

    mots_ignores:        # words of a request that name no service (« je cherche », « devis »)
      - je cherche
    communes:            # other ways of writing a commune of data/communes.csv
      Aix-en-Provence:
        - aix
        - 13090

Checked with the directory's YAML machinery: problems are reported in French with the
file and the line, all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from plugins.coopsoc import text as _formatting
from plugins.coopsoc.data import problems as _problems
from plugins.coopsoc.data import yamlnodes as _yamlnodes

from .analysis import words

KEYS = ("mots_ignores", "communes")
_POSTCODE = re.compile(r"13[0-9]{3}\Z")


class RequestWordsError(_problems.DirectoryError):
    """data/recherche.yaml cannot be used: every problem found, at once."""

    subject = "le fichier des réglages de la recherche"


@dataclass(frozen=True)
class RequestWords:
    """Filler expressions (folded words) and other forms of communes (folded words)."""

    fillers: tuple[tuple[str, ...], ...] = ()
    places: dict = None  # folded words of a form → commune name

    def forms(self) -> dict:
        return self.places or {}


def load_request_words(path: Path, communes) -> RequestWords:
    """Return the settings of a YAML file (empty if it does not exist); raise on problems.

    communes: the Commune objects of data/communes.csv (names and postcodes are forms too);
    None when that file could not be read: the communes' names are then left unchecked.
    """
    path = Path(path)
    log = _problems.ProblemLog(path.resolve().parent.name)
    report = log.file(path.name)
    places: dict[tuple[str, ...], str] = {}
    for commune in communes or ():
        places.setdefault(tuple(words(commune.nom)), commune.nom)
        places.setdefault((commune.code_postal,), commune.nom)
    if not path.exists():
        return RequestWords((), places)
    root = _yamlnodes.parse_yaml(path, report)
    fillers: list[tuple[str, ...]] = []
    if root is not None and not isinstance(root, _yamlnodes.Mapping):
        report.error(root.line, "le fichier doit commencer par « mots_ignores: » ou « communes: »")
    elif root is not None:
        for key, field in root.fields.items():
            if key not in KEYS:
                report.error(
                    field.line,
                    f"champ inconnu « {key} » : attendu « mots_ignores » ou « communes »",
                )
        if "mots_ignores" in root.fields:
            fillers = _fillers(root.fields["mots_ignores"], report)
        if "communes" in root.fields:
            known = None if communes is None else {c.nom: c for c in communes}
            _places(root.fields["communes"], report, known, places)
    if log.errors:
        raise RequestWordsError(log.errors, log.warnings)
    return RequestWords(tuple(fillers), places)


def _scalars(field, report, what: str) -> list:
    node = field.node
    if not isinstance(node, _yamlnodes.Sequence):
        report.error(field.line, f"« {field.key} » : attendu une liste de {what}, un par ligne")
        return []
    found = []
    for item in node.items:
        if not isinstance(item, _yamlnodes.Scalar) or item.value in (None, ""):
            report.error(item.line, f"« {field.key} » : texte vide ou liste imbriquée")
        else:
            found.append(item)
    return found


def _fillers(field, report) -> list[tuple[str, ...]]:
    seen: dict[tuple[str, ...], int] = {}
    for item in _scalars(field, report, "mots"):
        text = str(item.value)
        key = tuple(words(text))
        if not key:
            report.error(
                item.line,
                f"« {_formatting.shorten(text)} » est déjà ignoré partout (mot très courant) : "
                "retirez la ligne",
            )
        elif key in seen:
            report.error(item.line, f"« {text} » figure déjà à la ligne {seen[key]}")
        else:
            seen[key] = item.line
    return list(seen)


def _places(field, report, communes: dict | None, places: dict) -> None:
    node = field.node
    if not isinstance(node, _yamlnodes.Mapping):
        report.error(field.line, "« communes » : attendu un nom de commune suivi de « : »")
        return
    seen: dict[tuple[str, ...], int] = {}
    for name, entry in node.fields.items():
        if communes is not None and name not in communes:
            report.error(
                entry.line,
                f"« {name} » n'est pas une commune de data/communes.csv "
                "(écrivez le nom exactement comme dans ce fichier)",
            )
            continue
        for item in _scalars(entry, report, "noms ou codes postaux"):
            text = str(item.value)
            if item.kind == "int" or text.isdigit():
                if not _POSTCODE.match(text):
                    report.error(
                        item.line,
                        f"« {text} » : un code postal des Bouches-du-Rhône a 5 chiffres "
                        "et commence par 13",
                    )
                    continue
                key = (text,)
            else:
                key = tuple(words(text))
                if not key:
                    report.error(item.line, f"« {text} » ne contient que des mots ignorés")
                    continue
            other = places.get(key)
            if key in seen or (other is not None and other != name):
                where = f"à la ligne {seen[key]}" if key in seen else f"pour {other}"
                report.error(
                    item.line,
                    f"« {text} » figure déjà {where} : une forme désigne une seule commune",
                )
                continue
            seen[key] = item.line
            places[key] = name
