"""Distances between communes, as the crow flies: the search and the directory's pages
share this one formula (and theme/static/js/search.js and near.js mirror it).
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371


def kilometres(latitude_a: float, longitude_a: float, latitude_b: float, longitude_b: float):
    """Return the great-circle distance between two points, in km (haversine formula)."""
    rad = math.pi / 180
    d_lat = (latitude_b - latitude_a) * rad
    d_lon = (longitude_b - longitude_a) * rad
    h = (
        math.sin(d_lat / 2) ** 2
        + math.cos(latitude_a * rad) * math.cos(latitude_b * rad) * math.sin(d_lon / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def tenths(km: float) -> int:
    """Return a distance in whole tenths of a km, half up, as the pages show it."""
    return math.floor(km * 10 + 0.5)


def nearest(establishments, commune, limit: int | None = None) -> list[tuple[object, int]]:
    """Return (establishment, tenths of a km) from a commune, nearest first.

    Establishments of the commune itself are left out: the page lists them already. Ties
    keep the order given (by name).
    """
    # Establishments share their communes' objects: one distance per commune met.
    by_commune: dict[int, int | None] = {}
    found = []
    for order, e in enumerate(establishments):
        other = e.commune
        distance = by_commune.get(id(other), -1)
        if distance == -1:
            distance = by_commune[id(other)] = (
                None
                if other == commune
                else tenths(
                    kilometres(commune.latitude, commune.longitude, other.latitude, other.longitude)
                )
            )
        if distance is not None:
            found.append((distance, order, e))
    found.sort(key=lambda item: item[:2])
    return [(e, distance) for distance, _, e in found[:limit]]
