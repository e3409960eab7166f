"""Where to put the names of points on a scatter chart so that no two names overlap.

Streams of the same kind sit close together on the risk-versus-yield chart; a name written at
each point runs into its neighbours' ("CD ledgency"). Each name instead takes the nearest free
spot around its point: first next to it, then on rings further out (joined to the point by a
leader line), preferring spots that hide no other point and never leaving the plot. Pure geometry
in pixels (y grows downwards), so it is tested without Qt."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

GAP = 3.0  # pixels between a point's edge and its name, and between two names
RINGS = (0.0, 8.0, 18.0, 30.0, 45.0, 65.0, 90.0, 120.0, 160.0)  # extra distances tried, nearest first
#: Directions tried on each ring, in the order a reader looks for a name: right, above, left, below.
DIRECTIONS = ((1, 0), (1, -1), (0, -1), (-1, -1), (-1, 0), (1, 1), (0, 1), (-1, 1))


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return (self.x < other.right + gap and other.x < self.right + gap
                and self.y < other.bottom + gap and other.y < self.bottom + gap)

    def inside(self, other: Box) -> bool:
        return self.x >= other.x and self.y >= other.y and self.right <= other.right and self.bottom <= other.bottom

    def distance_to(self, cx: float, cy: float) -> float:
        """From a point to the nearest point of the box (0 inside it)."""
        return math.hypot(cx - min(max(cx, self.x), self.right), cy - min(max(cy, self.y), self.bottom))

    def hits_circle(self, cx: float, cy: float, radius: float) -> bool:
        return self.distance_to(cx, cy) < radius


@dataclass(frozen=True)
class Point:
    """A point to name: centre and radius of its marker in pixels, and the size of its name."""

    x: float
    y: float
    radius: float
    width: float
    height: float


@dataclass(frozen=True)
class Placement:
    box: Box
    detached: bool  # away from its point: draw a leader line


def candidate(point: Point, direction: tuple[int, int], extra: float) -> Box:
    """The name's box touching a circle around the point, on the side the direction points to."""
    dx, dy = direction
    reach = point.radius + GAP + extra
    if dx and dy:
        reach /= math.sqrt(2.0)
    cx, cy = point.x + dx * reach, point.y + dy * reach
    left = cx if dx > 0 else cx - point.width if dx < 0 else cx - point.width / 2
    top = cy if dy > 0 else cy - point.height if dy < 0 else cy - point.height / 2
    return Box(left, top, point.width, point.height)


def _crowding(points: Sequence[Point], index: int) -> float:
    """How close the nearest other point is (smaller: more crowded)."""
    me = points[index]
    return min((math.hypot(p.x - me.x, p.y - me.y) for i, p in enumerate(points) if i != index), default=math.inf)


def place_labels(points: Sequence[Point], bounds: Box, keep_clear: Sequence[Box] = ()) -> list[Placement]:
    """A box for each point's name, in the points' order. Names never overlap one another or the
    boxes to keep clear, and stay inside bounds while any free spot is left; the most crowded
    points choose first, since the lone ones have room anywhere."""
    order = sorted(range(len(points)), key=lambda i: _crowding(points, i))
    taken: list[Box] = list(keep_clear)
    chosen: dict[int, Placement] = {}
    for index in order:
        point = points[index]
        chosen[index] = _best(point, index, points, bounds, taken)
        taken.append(chosen[index].box)
    return [chosen[i] for i in range(len(points))]


def _best(point: Point, index: int, points: Sequence[Point], bounds: Box, taken: list[Box]) -> Placement:
    def free(box: Box) -> bool:
        return box.inside(bounds) and not any(box.overlaps(other, GAP) for other in taken)

    others = [p for i, p in enumerate(points) if i != index]

    def hides_a_point(box: Box) -> bool:
        return any(box.hits_circle(p.x, p.y, p.radius) for p in others)

    def read_as_its_own(box: Box, extra: float) -> bool:
        """A name beside its point is read as another's when that one's edge is closer; a name
        further out has a leader line to say whose it is."""
        own = box.distance_to(point.x, point.y) - point.radius
        return extra > 0 or all(box.distance_to(p.x, p.y) - p.radius > own for p in others)

    spots = [(extra, candidate(point, direction, extra)) for extra in RINGS for direction in DIRECTIONS]
    tests = ((lambda box, extra: free(box) and not hides_a_point(box) and read_as_its_own(box, extra)),
             (lambda box, extra: free(box) and not hides_a_point(box)),  # else one that could be misread
             (lambda box, extra: free(box)))  # else one over another point
    for fits in tests:
        for extra, box in spots:
            if fits(box, extra):
                return Placement(box, extra > 0)
    # nowhere free (a tiny chart): the spot that overlaps least, still inside the bounds if it can
    def clash(box: Box) -> float:
        return sum(_overlap_area(box, other) for other in taken) + (0.0 if box.inside(bounds) else 1e9)

    extra, box = min(spots, key=lambda spot: clash(spot[1]))
    return Placement(box, extra > 0)


def leader_ends(point: Point, box: Box) -> tuple[tuple[float, float], tuple[float, float]]:
    """A leader line from the edge of the point's marker to the nearest point of its name's box."""
    end_x = min(max(point.x, box.x), box.right)
    end_y = min(max(point.y, box.y), box.bottom)
    distance = math.hypot(end_x - point.x, end_y - point.y) or 1.0
    share = point.radius / distance
    return (point.x + (end_x - point.x) * share, point.y + (end_y - point.y) * share), (end_x, end_y)


def _overlap_area(a: Box, b: Box) -> float:
    width = min(a.right, b.right) - max(a.x, b.x)
    height = min(a.bottom, b.bottom) - max(a.y, b.y)
    return width * height if width > 0 and height > 0 else 0.0
