"""The directory as open data: JSON, CSV and GeoJSON files partners can reuse."""

import csv
import io
import json
from dataclasses import dataclass
from functools import partial
from operator import attrgetter

from plugins.coopsoc.directory.fields import ESTABLISHMENT, Kind
from plugins.coopsoc.output import write_bytes
from plugins.coopsoc.urls import OPEN_DATA

FOLDER = OPEN_DATA.removesuffix("/")
# Trades of an establishment in one CSV cell, e.g. "menuiserie|peinture".
CSV_LIST_SEPARATOR = "|"
# First field of every record: true (« oui » in CSV) while data/annuaire.yaml declares the
# directory a sample, so that no copy of a file can be taken for real data.
SAMPLE_FIELD = "donnees_exemple"


def _published_columns():
    """Yield each published column of an establishment and how to read it, in table order.

    A reference gives the name it points to, then the published fields of its target;
    a list of references gives their ids.
    """
    for field in ESTABLISHMENT.fields:
        if not field.open_data:
            continue
        if field.kind is Kind.REFERENCE:
            yield field.key, attrgetter(f"{field.name}.nom")
            for detail in field.target.fields:
                if detail.open_data:
                    yield detail.key, attrgetter(f"{field.name}.{detail.name}")
        elif field.kind is Kind.REFERENCES:
            yield field.key, partial(_ids, attrgetter(field.name))
        elif field.kind is Kind.TEXTS:
            yield field.key, partial(_texts, attrgetter(field.name))
        else:
            yield field.key, attrgetter(field.name)


def _ids(get_items, establishment) -> list[str]:
    return [item.id for item in get_items(establishment)]


def _texts(get_items, establishment) -> list[str]:
    return list(get_items(establishment))


PUBLISHED_COLUMNS = dict(_published_columns())
# The fiche's « mise_a_jour », or the day of the last commit that changed it (generator.py).
UPDATED_FIELD = "mise_a_jour"
CSV_COLUMNS = (SAMPLE_FIELD, *PUBLISHED_COLUMNS, "url")


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


def page_url(settings):
    """Return the function giving the published address of a page path (ending with "/")."""
    siteurl = settings["SITEURL"].rstrip("/")
    index = settings["URL_INDEX"]

    def url(path):
        return f"{siteurl}/{path}{index}" if siteurl else f"{path}{index}"

    return url


def establishment_record(establishment, sample: bool, url, updated) -> dict:
    """Return the open data record of an establishment: the CSV_COLUMNS, in order.

    updated is the day its fiche was last updated, or None.
    """
    return {
        SAMPLE_FIELD: sample,
        **{key: get(establishment) for key, get in PUBLISHED_COLUMNS.items()},
        UPDATED_FIELD: updated.isoformat() if updated else None,
        "url": url(establishment.path),
    }


class OpenData:
    """Build the open data files of a directory once, in memory."""

    def __init__(self, directory, settings, updated):
        """updated gives, by establishment id, the day its fiche was last updated (or None)."""
        url = page_url(settings)
        sample = directory.sample
        records = [
            establishment_record(e, sample, url, updated[e.id]) for e in directory.establishments
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
        writer.writerow({key: _cell(value) for key, value in record.items()})
    return buffer.getvalue().encode("utf-8")


def _cell(value):
    """Write a list in one cell, and true or false as « oui » or « non »."""
    if isinstance(value, list):
        return CSV_LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    return "" if value is None else value


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
