"""Make the map's outline files in data/geo/ from the IGN GEOFLA GeoJSON files.

Usage: python -m plugins.buyertools.geoprep SOURCE_FOLDER data/geo

Rings are simplified (Douglas-Peucker, 0.0005 degree, about 50 m: less than a pixel on
the site's map) and coordinates rounded to 4 decimals (about 10 m). Run again only if
the source changes; data/geo/README.md credits the source and its licence.
"""

import json
import sys
from pathlib import Path

from plugins.coopsoc.data.geojson import load_outlines

from .geo import simplify_ring

TOLERANCE = 0.0005
DECIMALS = 4
FILES = ("departement-13.geojson", "communes-13.geojson")


def _geometry(polygons) -> dict:
    rings = [
        [
            [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in simplify_ring(ring, TOLERANCE)]
            for ring in polygon
        ]
        for polygon in polygons
    ]
    return {"type": "MultiPolygon", "coordinates": rings}


def prepare(source: Path, target: Path) -> None:
    """Write simplified copies of the outline files of source into target."""
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        data = json.loads((source / name).read_text(encoding="utf-8"))
        features = data["features"] if data.get("type") == "FeatureCollection" else [data]
        names = {str(f["properties"]["code"]): f["properties"]["nom"] for f in features}
        lines = []
        for code, polygons in sorted(load_outlines(source / name).items()):
            feature = {
                "type": "Feature",
                "properties": {"code": code, "nom": names[code]},
                "geometry": _geometry(polygons),
            }
            lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
        text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
        (target / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    prepare(Path(sys.argv[1]), Path(sys.argv[2]))
