"""Plane geometry for the establishments map: project, simplify, draw.

Pure functions, no Pelican: the map is computed once at build time and written as
inline SVG, so the browser fetches no tile and no script.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from plugins.coopsoc.data.geojson import Point, Polygon, Ring


def _distance_to_segment(point: Point, start: Point, end: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    if length == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify_line(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: drop points closer than tolerance to the simplified line."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            distance = _distance_to_segment(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def simplify_ring(ring: Ring, tolerance: float) -> Ring:
    """Simplify a closed ring, split at its farthest point so both halves keep their shape."""
    open_ring = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    if len(open_ring) < 4:
        return list(ring)
    start = open_ring[0]
    far = max(range(len(open_ring)), key=lambda i: math.dist(open_ring[i], start))
    first = simplify_line(open_ring[: far + 1], tolerance)
    second = simplify_line([*open_ring[far:], start], tolerance)
    return first + second[1:]


def _edges(ring: Ring):
    """Pairs of consecutive points, the last joined to the first."""
    return zip(ring, ring[1:] + ring[:1], strict=True)


def ring_area(ring: Ring) -> float:
    """Absolute area of a ring (shoelace formula), in the ring's units squared."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in _edges(ring))) / 2


def contains(polygons: list[Polygon], point: Point) -> bool:
    """Return whether point lies inside the polygons (even-odd rule, holes included)."""
    x, y = point
    inside = False
    for polygon in polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in _edges(ring):
                if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
    return inside


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection of a small area, north up, to SVG units.

    At the scale of one département the distortion of this projection, corrected by
    the cosine of the mean latitude, stays below one percent.
    """

    west: float
    north: float
    scale: float  # SVG units per degree of latitude
    cos_latitude: float
    width: int
    height: int

    @classmethod
    def fit(cls, polygons: list[Polygon], width: int, margin: int) -> Projection:
        """Return the projection fitting polygons into width units, margin included."""
        points = [p for polygon in polygons for ring in polygon for p in ring]
        west, east = min(p[0] for p in points), max(p[0] for p in points)
        south, north = min(p[1] for p in points), max(p[1] for p in points)
        cos_latitude = math.cos(math.radians((north + south) / 2))
        scale = (width - 2 * margin) / ((east - west) * cos_latitude)
        height = math.ceil((north - south) * scale) + 2 * margin
        return cls(
            west - margin / (scale * cos_latitude),
            north + margin / scale,
            scale,
            cos_latitude,
            width,
            height,
        )

    def __call__(self, point: Point) -> Point:
        longitude, latitude = point
        return (
            (longitude - self.west) * self.cos_latitude * self.scale,
            (self.north - latitude) * self.scale,
        )

    def inside(self, point: Point) -> bool:
        """Return whether a projected point lies within the drawing."""
        x, y = point
        return 0 <= x <= self.width and 0 <= y <= self.height


def project(polygons: list[Polygon], projection: Projection) -> list[Polygon]:
    """Project every point of polygons."""
    return [[[projection(p) for p in ring] for ring in polygon] for polygon in polygons]


def path_data(polygons: list[Polygon], tolerance: float, min_area: float = 0.0) -> str:
    """Return compact SVG path data: simplified rings, whole units, relative moves.

    Rings smaller than min_area (islets a few units wide) are left out.
    """
    parts = []
    for polygon in polygons:
        for ring in polygon:
            if ring_area(ring) < min_area:
                continue
            points = []
            for x, y in simplify_ring(ring, tolerance):
                rounded = (round(x), round(y))
                if not points or rounded != points[-1]:
                    points.append(rounded)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            if len(points) < 3:
                continue
            (x0, y0), moves = points[0], []
            for (xa, ya), (xb, yb) in zip(points, points[1:], strict=False):
                moves.append(_pair(xb - xa, yb - ya))
            parts.append(f"M{x0} {y0}l" + _join(moves) + "z")
    return "".join(parts)


def _pair(dx: int, dy: int) -> str:
    return f"{dx}" + (f"{dy}" if dy < 0 else f" {dy}")


def _join(moves: list[str]) -> str:
    """Join coordinate pairs; a minus sign is its own separator in SVG path data."""
    text = moves[0]
    for move in moves[1:]:
        text += move if move.startswith("-") else " " + move
    return text
