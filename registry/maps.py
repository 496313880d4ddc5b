"""Maps drawn by the portal itself: the bundled Natural Earth boundaries (registry/data/, public domain) are
projected and simplified once per process into SVG path strings; a page only picks each shape's colour class.
No tile server, no CDN, no JavaScript: the SVG is inline, with a <title> per shape and a table beside it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
TOLERANCE = 0.45  # px: Douglas-Peucker tolerance at the drawn size
MIN_RING_AREA = 1.5  # px²: smaller islands disappear (the table still lists their country)
CLASSES = 5  # colour classes for values above zero; class 0 is "none"


@dataclass(frozen=True)
class Shape:
    id: str
    name: str
    d: str
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # min x, min y, max x, max y in px


@dataclass(frozen=True)
class BaseMap:
    width: int
    height: int
    shapes: tuple[Shape, ...]
    projection: str  # a key of PROJECTIONS
    transform: tuple[float, float, float, float]  # min x, min y, scale, margin: projected units -> px
    outline: str = ""  # the edge of the projected world, drawn as the sea

    def point(self, longitude: float, latitude: float) -> tuple[float, float]:
        x, y = _to_px(*PROJECTIONS[self.projection](longitude, latitude), self.transform)
        return round(x, 1), round(y, 1)


def _to_px(x: float, y: float, transform: tuple[float, float, float, float]) -> tuple[float, float]:
    min_x, min_y, scale, margin = transform
    return (x - min_x) * scale + margin, (y - min_y) * scale + margin


# --- Projections ------------------------------------------------------------------------------------------
def _equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """Equal Earth (Šavrič, Patterson, Jenny 2018): areas true, shapes pleasant for a world map."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    m = math.sqrt(3) / 2
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(m * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, -y


def _mexico_plate(longitude: float, latitude: float) -> tuple[float, float]:
    """Equirectangular with true scale at 24° N, the middle of Mexico: fine at national scale."""
    return longitude * math.cos(math.radians(24)), -latitude


PROJECTIONS = {"equal_earth": _equal_earth, "mexico_plate": _mexico_plate}


# --- Geometry ---------------------------------------------------------------------------------------------
def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (rings of thousands of points would overflow a recursive one)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, index = 0.0, 0
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            else:
                distance = math.hypot(px - x1, py - y1)
            if distance > farthest:
                farthest, index = distance, i
        if farthest > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _area(points: list[tuple[float, float]]) -> float:
    return (
        abs(
            sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))
        )
        / 2
    )


def _path(rings: list[list[tuple[float, float]]]) -> str:
    """Relative commands between rounded points: short strings, no drift."""
    parts = []
    for ring in rings:
        rounded = [(round(x, 1), round(y, 1)) for x, y in ring]
        commands = [f"M{rounded[0][0]:g} {rounded[0][1]:g}"]
        previous = rounded[0]
        steps = []
        for point in rounded[1:]:
            dx, dy = round(point[0] - previous[0], 1), round(point[1] - previous[1], 1)
            if dx or dy:
                steps.append(f"{dx:g} {dy:g}")
            previous = point
        if len(steps) < 2:
            continue
        commands.append("l" + " ".join(steps) + "z")
        parts.append("".join(commands))
    return "".join(parts)


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def _build(
    filename: str,
    key: str,
    name_key: str,
    projection,
    width: int,
    skip: set[str],
    outline: list[tuple[float, float]] | None = None,
) -> BaseMap:
    features = json.loads((DATA / filename).read_text())["features"]
    features = [f for f in features if f["properties"].get(key) and f["properties"][key] not in skip]
    projected = []
    min_x = min_y = math.inf
    max_x = max_y = -math.inf
    for feature in features:
        rings = []
        for polygon in _polygons(feature["geometry"]):
            for ring in polygon:
                points = [projection(lon, lat) for lon, lat in ring]
                rings.append(points)
                for x, y in points:
                    min_x, max_x, min_y, max_y = min(min_x, x), max(max_x, x), min(min_y, y), max(max_y, y)
        projected.append((feature, rings))
    outline_points = [projection(lon, lat) for lon, lat in outline or []]
    for x, y in outline_points:
        min_x, max_x, min_y, max_y = min(min_x, x), max(max_x, x), min(min_y, y), max(max_y, y)
    margin = 4
    scale = (width - 2 * margin) / (max_x - min_x)
    height = math.ceil((max_y - min_y) * scale + 2 * margin)

    transform = (min_x, min_y, scale, margin)

    def to_px(x: float, y: float) -> tuple[float, float]:
        return _to_px(x, y, transform)

    shapes = []
    for feature, rings in projected:
        drawn = []
        for ring in rings:
            points = _simplify([to_px(x, y) for x, y in ring], TOLERANCE)
            if len(points) >= 4:
                drawn.append(points)
        large = [ring for ring in drawn if _area(ring) >= MIN_RING_AREA]
        if not large and drawn:
            large = [max(drawn, key=_area)]  # a small country keeps its main island
        properties = feature["properties"]
        xs = [x for ring in large for x, _y in ring] or [0]
        ys = [y for ring in large for _x, y in ring] or [0]
        box = (min(xs), min(ys), max(xs), max(ys))
        shapes.append(Shape(str(properties[key]), str(properties.get(name_key, "")), _path(large), box))

    sea = _path([[to_px(x, y) for x, y in outline_points]]) if outline_points else ""
    name = next(key for key, function in PROJECTIONS.items() if function is projection)
    return BaseMap(width, height, tuple(sorted(shapes, key=lambda s: s.id)), name, transform, sea)


# Projecting and simplifying takes ~0.3 s: done once per deployment and kept in the cache (every worker
# then reads ~90 KB instead), and once per process in memory. The key changes with the data files.
MAP_CACHE_VERSION = 1


def _cached_map(name: str, build) -> BaseMap:
    from django.core.cache import cache

    sources = {"mexico": "mx_states.geojson", "world": "world_countries.geojson"}
    stat = (DATA / sources[name]).stat()
    key = f"registry:map:{name}:{MAP_CACHE_VERSION}:{stat.st_size}:{int(stat.st_mtime)}"
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, 60 * 60 * 24 * 30)
    return found


@lru_cache(maxsize=1)
def mexico_map() -> BaseMap:
    return _cached_map(
        "mexico", lambda: _build("mx_states.geojson", "state_code", "state_name", _mexico_plate, 800, set())
    )


@lru_cache(maxsize=1)
def world_map() -> BaseMap:
    # Antarctica takes a fifth of the height and has no partners.
    # The sea: the projection's edge (meridians ±180°) from 60° S to 84° N.
    edge = [(-180.0, lat / 2) for lat in range(-120, 169)] + [
        (180.0, lat / 2) for lat in range(168, -121, -1)
    ]
    return _cached_map(
        "world", lambda: _build("world_countries.geojson", "iso_a2", "name", _equal_earth, 1000, {"AQ"}, edge)
    )


# --- Colour classes ---------------------------------------------------------------------------------------
def class_breaks(values: list[float], classes: int = CLASSES) -> list[float]:
    """Upper bounds of the colour classes for the values above zero (quantiles of the distinct values)."""
    positive = sorted({v for v in values if v and v > 0})
    if not positive:
        return []
    if len(positive) <= classes:
        return positive
    return sorted({positive[math.ceil(len(positive) * (i + 1) / classes) - 1] for i in range(classes)})


def _spread(index: int, used: int) -> int:
    """With fewer classes than colours, use colours across the whole scale (the largest is the darkest)."""
    return math.ceil(index * CLASSES / used)


def class_of(value: float | None, breaks: list[float]) -> int:
    if not value or value <= 0:
        return 0
    for index, bound in enumerate(breaks, start=1):
        if value <= bound:
            return _spread(index, len(breaks))
    return CLASSES


def legend(breaks: list[float], integer: bool = True) -> list[tuple[int, float | None, float]]:
    """(colour class, from, to) per class; `from` is None for the first class ("up to")."""
    items = []
    low: float | None = None
    for index, bound in enumerate(breaks, start=1):
        items.append((_spread(index, len(breaks)), low, bound))
        low = bound + 1 if integer else bound
    return items


@dataclass(frozen=True)
class DrawnShape:
    d: str
    css_class: int
    title: str
    url: str


@dataclass(frozen=True)
class DrawnPoint:
    x: float
    y: float
    title: str
    url: str
    kind: str  # "home" (the Mexican municipality) or "partner"


def choropleth(
    base: BaseMap,
    values: dict[str, float],
    title,
    url=None,
    points: list[DrawnPoint] | None = None,
) -> dict[str, Any]:
    """Shapes coloured by the class of values[shape.id], titled by title(shape, value), linked by url(id)."""
    breaks = class_breaks(list(values.values()))
    shapes = []
    for shape in base.shapes:
        value = values.get(shape.id, 0)
        shapes.append(
            DrawnShape(
                shape.d,
                class_of(value, breaks),
                title(shape, value),
                url(shape.id) if url and value else "",
            )
        )
    return {
        "width": base.width,
        "height": base.height,
        "viewbox": f"0 0 {base.width} {base.height}",
        "point_radius": 4,
        "outline": base.outline,
        "shapes": shapes,
        "legend": legend(breaks),
        "points": points or [],
    }


def plain(
    base: BaseMap,
    points: list[DrawnPoint],
    highlight: str = "",
    title=None,
    zoom: bool = False,
) -> dict[str, Any]:
    """Every shape in the neutral colour (the highlighted one darker), with points on top; with `zoom`,
    the view is the highlighted shape with a margin of a third of its size (its neighbours show around)."""
    shapes = [
        DrawnShape(shape.d, 1 if shape.id == highlight else 0, title(shape) if title else shape.name, "")
        for shape in base.shapes
    ]
    x, y, width, height = 0.0, 0.0, float(base.width), float(base.height)
    focus = next((shape for shape in base.shapes if shape.id == highlight), None)
    if zoom and focus is not None:
        min_x, min_y, max_x, max_y = focus.box
        margin = max(max_x - min_x, max_y - min_y) / 3
        width, height = max_x - min_x + 2 * margin, max_y - min_y + 2 * margin
        aspect = base.width / base.height  # the whole map's shape: a tall state must not make a tall page
        width, height = max(width, height * aspect), max(height, width / aspect)
        width, height = min(width, base.width), min(height, base.height)
        centre_x, centre_y = (min_x + max_x) / 2, (min_y + max_y) / 2
        x = min(max(0.0, centre_x - width / 2), base.width - width)
        y = min(max(0.0, centre_y - height / 2), base.height - height)
    return {
        "width": base.width,
        "height": base.height,
        "viewbox": f"{x:.1f} {y:.1f} {width:.1f} {height:.1f}",
        # The same size on screen whatever the zoom: the radius follows the view's width.
        "point_radius": round(4 * width / base.width, 2),
        "outline": base.outline,
        "shapes": shapes,
        "legend": [],
        "points": points,
    }
