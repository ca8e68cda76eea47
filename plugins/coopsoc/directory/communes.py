"""Read data/communes.csv: the communes establishments may be located in."""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

from plugins.coopsoc.data.problems import FileReport
from plugins.coopsoc.data.textfile import read_text
from plugins.coopsoc.text import shorten, slugify

from .fields import COMMUNE, Kind
from .model import Commune

COLUMNS = COMMUNE.keys
# INSEE codes are five digits, or 2A/2B and three digits in Corsica.
_INSEE = re.compile(r"([0-9]{5}|2[AB][0-9]{3})\Z")
_POSTCODE = re.compile(r"[0-9]{5}\Z")
_RANGES = {
    field.key: (field.minimum, field.maximum)
    for field in COMMUNE.fields
    if field.kind is Kind.DECIMAL
}


def read_communes(path: Path, report: FileReport) -> dict[str, Commune | None] | None:
    """Return communes by name (None for a row with errors), or None if unreadable."""
    text = read_text(path, report)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        report.error(
            1,
            f"le fichier est vide : sa première ligne doit être « {','.join(COLUMNS)} »",
        )
        return None
    if tuple(column.strip() for column in header) != COLUMNS:
        found = shorten(",".join(header))
        report.error(
            1,
            f"première ligne incorrecte « {found} » : elle doit être exactement "
            f"« {','.join(COLUMNS)} »",
        )
        return None
    communes: dict[str, Commune | None] = {}
    first_line: dict[str, int] = {}
    slugs: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        nom = row[0].strip()
        entry = nom or f"entrée n° {line - 1}"
        if len(row) != len(COLUMNS):
            report.error(
                line,
                f"ligne incomplète : {len(COLUMNS)} colonnes séparées par des virgules "
                f"attendues, {len(row)} trouvées (un nom qui contient une virgule doit être "
                "entre guillemets)",
                entry,
            )
            if nom:
                communes.setdefault(nom, None)
            continue
        commune = _commune(row, line, entry, report)
        if not nom:
            continue
        if nom in first_line:
            report.error(
                line,
                f"commune « {nom} » déjà présente à la ligne {first_line[nom]}",
                entry,
                "nom",
            )
            continue
        first_line[nom] = line
        slug = slugify(nom)
        if slug in slugs and commune is not None:
            report.error(
                line,
                f"cette commune aurait la même adresse web « {slug} » que celle de la ligne "
                f"{slugs[slug]} : distinguez leurs noms",
                entry,
                "nom",
            )
            commune = None
        slugs.setdefault(slug, line)
        communes[nom] = commune
    if not communes:
        report.error(None, "aucune commune : ajoutez une ligne par commune après l'en-tête")
        return None
    return communes


def _commune(row: list[str], line: int, entry: str, report: FileReport) -> Commune | None:
    """Return the commune of a row with the right number of columns, or None."""
    nom, code_insee, code_postal = (cell.strip() for cell in row[:3])
    ok = True
    if not nom:
        report.error(line, "nom de commune vide", entry, "nom")
        ok = False
    if not _INSEE.match(code_insee):
        report.error(
            line,
            f"code INSEE invalide « {code_insee} » : cinq chiffres attendus (par exemple 13005)",
            entry,
            "code_insee",
        )
        ok = False
    if not _POSTCODE.match(code_postal):
        report.error(
            line,
            f"code postal invalide « {code_postal} » : cinq chiffres attendus (par exemple 13400)",
            entry,
            "code_postal",
        )
        ok = False
    position = []
    for name, cell in zip(("latitude", "longitude"), row[3:], strict=True):
        value = _coordinate(name, cell.strip(), line, entry, report)
        ok = ok and value is not None
        position.append(value)
    if not ok:
        return None
    return Commune(nom, code_insee, code_postal, position[0], position[1], slugify(nom))


def _coordinate(name: str, cell: str, line: int, entry: str, report: FileReport) -> float | None:
    try:
        value = float(cell)
    except ValueError:
        report.error(
            line,
            f"attendu : un nombre décimal écrit avec un point (par exemple 43.2935), "
            f"trouvé : « {cell} »",
            entry,
            name,
        )
        return None
    low, high = _RANGES[name]
    if not (math.isfinite(value) and low <= value <= high):
        report.error(
            line,
            f"{name} impossible : {cell} ; elle doit être comprise entre {low:g} et {high:g}",
            entry,
            name,
        )
        return None
    return value
