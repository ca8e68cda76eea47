"""Read a GeoJSON outline file (data/geo/), reporting in French what is wrong, and where.

The files hold one feature per line (plugins/buyertools/geoprep.py writes them so): a
problem in a feature is reported at the line where that feature starts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .problems import DirectoryError, FileReport, ProblemLog
from .textfile import read_text

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]

_FEATURES = re.compile(r'"features"\s*:\s*\[')
_BLANK = re.compile(r"[ \t\n\r]*")
# The json module's messages, in French; anything else is quoted as it is.
_SYNTAX = {
    "Expecting ',' delimiter": "il manque une virgule « , » entre deux valeurs",
    "Expecting ':' delimiter": "il manque les deux-points « : » après un nom de propriété",
    "Expecting property name enclosed in double quotes": (
        "nom de propriété attendu entre guillemets doubles (une virgule en trop avant « } » ?)"
    ),
    "Expecting value": "valeur attendue (une virgule en trop, ou un texte sans guillemets ?)",
    "Extra data": "texte en trop après la fin des données",
    "Unterminated string starting at": "un guillemet ouvert ici n'est jamais refermé",
}


class OutlinesError(DirectoryError):
    """A file of outlines cannot be used: every problem found, at once."""

    subject = "les contours de la carte (data/geo/)"


def load_outlines(path: Path) -> dict[str, list[Polygon]]:
    """Return the polygons of each feature of a GeoJSON file, by its `code` property."""
    path = Path(path)
    folder = path.resolve().parent
    # Named from the data folder, as the other data files are: « data/geo/… ».
    log = ProblemLog(f"{folder.parent.name}/{folder.name}")
    outlines = read_outlines(path, log.file(path.name))
    if log.errors:
        raise OutlinesError(log.errors, log.warnings)
    return outlines


def read_outlines(path: Path, report: FileReport) -> dict[str, list[Polygon]] | None:
    """Return the polygons by code, or None after reporting every problem."""
    text = read_text(path, report)
    if text is None:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        explanation = _SYNTAX.get(exc.msg, f"structure incorrecte ({exc.msg})")
        report.error(exc.lineno, f"syntaxe JSON invalide : {explanation} (colonne {exc.colno})")
        return None
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            report.error(1, "« features » : liste des contours attendue")
            return None
        lines = _feature_lines(text, len(features))
    else:
        features, lines = [data], [1]
    outlines: dict[str, list[Polygon]] = {}
    for number, (feature, line) in enumerate(zip(features, lines, strict=True), start=1):
        code, polygons = _feature(feature, line, number, report)
        if code is not None and code in outlines:
            report.error(line, f"code « {code} » déjà donné à un autre contour", code)
        elif code is not None and polygons is not None:
            outlines[code] = polygons
    return None if report.log.errors else outlines


def _feature(feature, line, number, report) -> tuple[str | None, list[Polygon] | None]:
    name = f"entrée n° {number}"
    properties = feature.get("properties") if isinstance(feature, dict) else None
    code = properties.get("code") if isinstance(properties, dict) else None
    if not isinstance(code, str | int) or isinstance(code, bool) or not str(code):
        report.error(line, "propriété « code » (code INSEE) manquante", name, "properties")
        return None, None
    code = str(code)
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon"):
        report.error(
            line,
            f"géométrie « {kind} » inattendue : Polygon ou MultiPolygon attendu",
            code,
            "geometry",
        )
        return code, None
    coordinates = geometry.get("coordinates")
    try:
        polygons = coordinates if kind == "MultiPolygon" else [coordinates]
        return code, [
            [[(float(x), float(y)) for x, y, *_ in ring] for ring in polygon]
            for polygon in polygons
        ]
    except (TypeError, ValueError):
        report.error(
            line,
            "coordonnées illisibles : chaque point s'écrit [longitude, latitude]",
            code,
            "coordinates",
        )
        return code, None


def _feature_lines(text: str, count: int) -> list[int | None]:
    """Return the line where each feature starts; None for all if they cannot be found."""
    found = _FEATURES.search(text)
    decoder = json.JSONDecoder()
    lines, index = [], found.end() if found else len(text)
    while found and len(lines) < count:
        index = _BLANK.match(text, index).end()
        lines.append(text.count("\n", 0, index) + 1)
        try:
            index = decoder.raw_decode(text, index)[1]
        except json.JSONDecodeError:
            break
        index = _BLANK.match(text, index).end()
        index += text.startswith(",", index)
    return lines if len(lines) == count else [None] * count
