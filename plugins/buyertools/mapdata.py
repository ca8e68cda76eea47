"""The establishments map: one marker per commune, drawn over the département's outline.

build_map is pure (no Pelican): it takes the directory and the outline files and returns
what the template components/map.html draws. Markers sit at the communes' coordinates of
data/communes.csv; outlines come from data/geo/ (IGN GEOFLA, Licence Ouverte).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from plugins.coopsoc.data.geojson import load_outlines

from .geo import Projection, contains, path_data, project
from .settings import BuyerToolsError

CREDIT = "Contours : IGN GEOFLA 2016, Licence Ouverte Etalab"
# Drawing sizes in SVG units (components/map.html and theme/css/72-map.css use the same).
# A marker is a link: 24 units wide, and the map is never drawn narrower than its width in
# CSS pixels (72-map.css), so that it is a target of at least 24 × 24 px (WCAG 2.2, 2.5.8).
MARKER_RADIUS = 12
LABEL_SIZE = 18
# Islets smaller than this (SVG units squared, about a pixel wide) are not drawn.
MIN_AREA = 4.0
# Marseille is one commune of the outline file; its arrondissements (INSEE codes 13201 to
# 13216) are drawn within it.
_ARRONDISSEMENTS = {str(code): "13055" for code in range(13201, 13217)}


@dataclass(frozen=True)
class Marker:
    """The establishments of one commune, at one point of the map."""

    commune: object  # directory.model.Commune
    x: int
    y: int
    establishments: tuple
    path: str  # link target, from the site root

    @property
    def count(self) -> int:
        return len(self.establishments)

    def label(self) -> str:
        """Accessible name of the marker's link."""
        if self.count == 1:
            return f"{self.commune.nom} : {self.establishments[0].nom}"
        return f"{self.commune.nom} : {self.count} établissements"


@dataclass(frozen=True)
class EstablishmentMap:
    """What the map component draws (published to templates as BUYERTOOLS_MAP)."""

    width: int
    height: int
    outline: str
    commune_outlines: dict  # INSEE code → path data
    markers: tuple[Marker, ...]
    credit: str = CREDIT
    marker_radius: int = MARKER_RADIUS

    @cached_property
    def _marker_by_commune(self) -> dict:
        return {marker.commune: marker for marker in self.markers}

    def marker_for(self, establishment) -> Marker:
        """Return the marker of an establishment's commune (a lookup: called per page)."""
        return self._marker_by_commune[establishment.commune]

    def label_for(self, marker: Marker) -> tuple[int, int, str]:
        """Return where to write a marker's commune name (x, y, text-anchor).

        The first of right, left, above and below whose box stays in the drawing and
        clear of the other markers.
        """
        width = len(marker.commune.nom) * LABEL_SIZE * 0.55
        gap = MARKER_RADIUS + 8
        candidates = [
            (marker.x + gap, marker.y, "start", marker.x + gap, marker.x + gap + width),
            (marker.x - gap, marker.y, "end", marker.x - gap - width, marker.x - gap),
            (marker.x, marker.y - gap - 4, "middle", marker.x - width / 2, marker.x + width / 2),
            (marker.x, marker.y + gap + 6, "middle", marker.x - width / 2, marker.x + width / 2),
        ]
        for x, y, anchor, left, right in candidates:
            top, bottom = y - LABEL_SIZE / 2, y + LABEL_SIZE / 2
            inside = left >= 0 and right <= self.width and top >= 0 and bottom <= self.height
            clear = all(
                other is marker
                or other.x + MARKER_RADIUS < left
                or other.x - MARKER_RADIUS > right
                or other.y + MARKER_RADIUS < top
                or other.y - MARKER_RADIUS > bottom
                for other in self.markers
            )
            if inside and clear:
                return round(x), round(y), anchor
        return round(candidates[0][0]), marker.y, "start"

    def commune_outline(self, commune) -> str:
        """Return the path data of a commune's outline ("" if it has none)."""
        code = _ARRONDISSEMENTS.get(commune.code_insee, commune.code_insee)
        return self.commune_outlines.get(code, "")


def build_map(
    directory, geo: Path, departement: str, width: int, tolerance: float, load=load_outlines
):
    """Project the outlines and the establishments' communes; check every one is inside.

    load: the function reading a GeoJSON file's outlines.
    """
    try:
        outline = load(geo / f"departement-{departement}.geojson")[departement]
        communes = load(geo / f"communes-{departement}.geojson")
    except KeyError as error:
        raise BuyerToolsError(f"Carte : contours illisibles dans {geo} ({error})") from None
    projection = Projection.fit(outline, width, margin=12)
    problems = []
    markers = []
    outlines = {}
    for commune, establishments in directory.establishments_by_commune().items():
        point = (commune.longitude, commune.latitude)
        if not contains(outline, point):
            problems.append(
                f"{commune.nom} (latitude {commune.latitude}, longitude {commune.longitude}) "
                "est hors du département : vérifiez ses coordonnées dans data/communes.csv"
            )
            continue
        code = _ARRONDISSEMENTS.get(commune.code_insee, commune.code_insee)
        if code not in communes:
            problems.append(
                f"{commune.nom} : code INSEE {commune.code_insee} absent de "
                f"communes-{departement}.geojson (vérifiez data/communes.csv)"
            )
            continue
        outlines[code] = path_data(project(communes[code], projection), tolerance, MIN_AREA)
        x, y = projection(point)
        # One establishment: its page; several: the list of the commune's establishments.
        target = establishments[0].path if len(establishments) == 1 else commune.path
        markers.append(Marker(commune, round(x), round(y), tuple(establishments), target))
    if problems:
        raise BuyerToolsError("Carte des établissements :\n" + "\n".join(problems))
    return EstablishmentMap(
        width=projection.width,
        height=projection.height,
        outline=path_data(project(outline, projection), tolerance, MIN_AREA),
        commune_outlines=outlines,
        # Top to bottom, then left to right: the keyboard visits markers as the eye reads.
        markers=tuple(sorted(markers, key=lambda m: (m.y, m.x))),
    )
