"""The directory as open data: JSON, CSV and GeoJSON files partners can reuse."""

import csv
import io
import json
from dataclasses import dataclass

from plugins.coopsoc.output import write_bytes
from plugins.coopsoc.urls import OPEN_DATA

FOLDER = OPEN_DATA.removesuffix("/")
# Trades of an establishment in one CSV cell, e.g. "menuiserie|peinture".
CSV_LIST_SEPARATOR = "|"
# First field of every record: true (« oui » in CSV) while data/annuaire.yaml declares the
# directory a sample, so that no copy of a file can be taken for real data.
SAMPLE_FIELD = "donnees_exemple"
CSV_COLUMNS = (
    SAMPLE_FIELD,
    "id",
    "nom",
    "type",
    "association",
    "commune",
    "code_insee",
    "code_postal",
    "latitude",
    "longitude",
    "travailleurs",
    "metiers",
    "intervention_sur_site",
    "url",
)


@dataclass(frozen=True)
class DataFile:
    """One published file: where it goes, what it is, and its bytes."""

    name: str
    label: str
    media_type: str
    content: bytes

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.name}"


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


class OpenData:
    """Build the open data files of a directory once, in memory."""

    def __init__(self, directory, settings):
        siteurl = settings["SITEURL"].rstrip("/")
        index = settings["URL_INDEX"]

        def url(path):
            return f"{siteurl}/{path}{index}" if siteurl else f"{path}{index}"

        sample = directory.sample
        records = [
            {
                SAMPLE_FIELD: sample,
                "id": e.id,
                "nom": e.nom,
                "type": e.type,
                "association": e.association.nom,
                "commune": e.commune.nom,
                "code_insee": e.commune.code_insee,
                "code_postal": e.commune.code_postal,
                "latitude": e.commune.latitude,
                "longitude": e.commune.longitude,
                "travailleurs": e.travailleurs,
                "metiers": list(e.metier_ids),
                "intervention_sur_site": e.intervention_sur_site,
                "url": url(e.path),
            }
            for e in directory.establishments
        ]
        trades = [
            {
                SAMPLE_FIELD: sample,
                "id": trade.id,
                "nom": trade.nom,
                "filiere": filiere.id,
                "filiere_nom": filiere.nom,
                "url": url(trade.path),
            }
            for filiere in directory.filieres
            for trade in filiere.trades
        ]
        self.files = (
            DataFile(
                "etablissements.json", "Établissements (JSON)", "application/json", _json(records)
            ),
            DataFile("etablissements.csv", "Établissements (CSV)", "text/csv", _csv(records)),
            DataFile(
                "etablissements.geojson",
                "Établissements (GeoJSON)",
                "application/geo+json",
                _json(_geojson(records)),
            ),
            DataFile("metiers.json", "Métiers (JSON)", "application/json", _json(trades)),
        )

    def write(self, output) -> None:
        """Write every file under output/donnees/."""
        for data_file in self.files:
            write_bytes(output, data_file.path, data_file.content)


def _csv(records) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        row = dict(record)
        row["metiers"] = CSV_LIST_SEPARATOR.join(record["metiers"])
        for name in (SAMPLE_FIELD, "intervention_sur_site"):
            row[name] = "oui" if record[name] else "non"
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def _geojson(records) -> dict:
    features = []
    for record in records:
        properties = {k: v for k, v in record.items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [record["longitude"], record["latitude"]],
                },
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}
