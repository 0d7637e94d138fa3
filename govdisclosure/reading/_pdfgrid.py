"""Ruled tables from a page's rules: pdfplumber's table finder for given (“explicit”) rules.

The PDF reader finds a page's tables from the rules it takes for visible (see
``_pdf._find_tables``). pdfplumber's ``TableFinder`` does that with its default tolerances
(3 points to snap and join rules and to meet at a corner, rules shorter than 3 points
dropped); it is carried over here step by step — snap, join, intersections, cells, tables,
rows — so that the reader, which no longer imports pdfplumber for a PDF PDFium can read,
finds the same tables. An edge is a dict with ``x0``, ``x1``, ``top``, ``bottom``,
``width``, ``height`` and ``orientation`` (“v”, “h”, or None for a slanted one).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from operator import itemgetter

TYPE_CHECKING = False  # typing is not imported at run time: see _pdf's module doc
if TYPE_CHECKING:
    from typing import Any

    Edge = dict[str, Any]

Box = tuple[float, float, float, float]
Point = tuple[float, float]

SNAP = JOIN = MIN_LENGTH = INTERSECTION = 3.0
"""pdfplumber's default tolerances, in points."""


class Table:
    """A table: its cells (x0, top, x1, bottom), its ``bbox`` and its ``rows``."""

    def __init__(self, cells: list[Box]) -> None:
        self.cells = cells
        self.bbox: Box = (
            min(c[0] for c in cells),
            min(c[1] for c in cells),
            max(c[2] for c in cells),
            max(c[3] for c in cells),
        )

    @property
    def rows(self) -> list[Row]:
        """Rows by the tops of their cells; a row's ``cells`` has None at each left edge of
        the table's columns where no cell of the row starts (a merge covers it)."""
        xs = sorted({c[0] for c in self.cells})
        rows = []
        for _, cells in itertools.groupby(sorted(self.cells, key=itemgetter(1, 0)), itemgetter(1)):
            by_x = {c[0]: c for c in cells}
            rows.append(Row([by_x.get(x) for x in xs]))
        return rows


class Row:
    def __init__(self, cells: list[Box | None]) -> None:
        self.cells = cells
        present = [c for c in cells if c is not None]
        self.bbox: Box = (
            min(c[0] for c in present),
            min(c[1] for c in present),
            max(c[2] for c in present),
            max(c[3] for c in present),
        )


def edges(obj: Edge) -> list[Edge]:
    """A line, rectangle or curve of the page as edges (pdfplumber's ``obj_to_edges``)."""
    kind = obj["object_type"]
    if kind == "line":
        return [{**obj, "orientation": "h" if obj["top"] == obj["bottom"] else "v"}]
    if kind == "rect":
        top, bottom, left, right = (dict(obj) for _ in range(4))
        top.update(object_type="rect_edge", height=0, bottom=obj["top"], orientation="h")
        bottom.update(
            object_type="rect_edge", height=0, top=obj["top"] + obj["height"], orientation="h"
        )
        left.update(object_type="rect_edge", width=0, x1=obj["x0"], orientation="v")
        right.update(object_type="rect_edge", width=0, x0=obj["x0"] + obj["width"], orientation="v")
        return [top, bottom, left, right]
    pts = obj["pts"]
    return [
        {
            "object_type": "curve_edge",
            "x0": min(p0[0], p1[0]),
            "x1": max(p0[0], p1[0]),
            "top": min(p0[1], p1[1]),
            "bottom": max(p0[1], p1[1]),
            "width": abs(p0[0] - p1[0]),
            "height": abs(p0[1] - p1[1]),
            "orientation": "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None),
        }
        for p0, p1 in itertools.pairwise(pts)
    ]


def find_tables(vertical: Sequence[Edge], horizontal: Sequence[Edge]) -> list[Table]:
    """The tables the rules make, top to bottom (then left to right), each of two cells or
    more (pdfplumber's ``TableFinder`` with the “explicit” strategy both ways)."""
    found = [e for e in vertical if e["orientation"] == "v"]
    found += [e for e in horizontal if e["orientation"] == "h"]
    merged = _merge(found)
    kept = [e for e in merged if e["height" if e["orientation"] == "v" else "width"] >= MIN_LENGTH]
    return [Table(cells) for cells in _tables(_cells(_intersections(kept)))]


# --- snapping and joining -------------------------------------------------------------------


def _cluster(values: Iterable[float], tolerance: float) -> dict[float, int]:
    """Each value's cluster: sorted values, a new cluster where the gap exceeds ``tolerance``."""
    ordered = sorted(set(values))
    out: dict[float, int] = {}
    group, last = 0, None
    for x in ordered:
        if last is not None and x > last + tolerance:
            group += 1
        out[x] = group
        last = x
    return out


def _snap(found: list[Edge], attr: str, tolerance: float) -> list[Edge]:
    """Edges within ``tolerance`` of one another along ``attr`` moved to their average."""
    clusters = _cluster((e[attr] for e in found), tolerance)
    ordered = sorted(found, key=lambda e: clusters[e[attr]])
    out: list[Edge] = []
    for _, group in itertools.groupby(ordered, key=lambda e: clusters[e[attr]]):
        members = list(group)
        average = sum(e[attr] for e in members) / len(members)
        for e in members:
            shift = average - e[attr]
            if attr == "x0":
                out.append({**e, "x0": e["x0"] + shift, "x1": e["x1"] + shift})
            else:
                out.append({**e, "top": e["top"] + shift, "bottom": e["bottom"] + shift})
    return out


def _join(group: Iterable[Edge], orientation: str) -> list[Edge]:
    """Edges on one line joined where they meet or are within the tolerance of it."""
    low, high = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(group, key=itemgetter(low))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[low] <= last[high] + JOIN:
            if e[high] > last[high]:  # extended to the further end, sized as pdfplumber does
                if orientation == "h":
                    joined[-1] = {**last, "x1": e["x1"], "width": e["x1"] - last["x0"]}
                else:
                    height = last["height"] + (e["bottom"] - last["bottom"])
                    joined[-1] = {**last, "bottom": e["bottom"], "height": height}
        else:
            joined.append(e)
    return joined


def _merge(found: list[Edge]) -> list[Edge]:
    snapped = _snap([e for e in found if e["orientation"] == "v"], "x0", SNAP)
    snapped += _snap([e for e in found if e["orientation"] == "h"], "top", SNAP)

    def line(e: Edge) -> tuple[str, float]:
        return ("h", e["top"]) if e["orientation"] == "h" else ("v", e["x0"])

    out: list[Edge] = []
    for key, group in itertools.groupby(sorted(snapped, key=line), key=line):
        out += _join(group, key[0])
    return out


# --- corners, cells, tables -----------------------------------------------------------------


def _intersections(found: list[Edge]) -> dict[Point, dict[str, list[Edge]]]:
    """The points where a vertical and a horizontal edge meet, within the tolerance."""
    out: dict[Point, dict[str, list[Edge]]] = {}
    vertical = sorted((e for e in found if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    horizontal = sorted((e for e in found if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    for v in vertical:
        for h in horizontal:
            if (
                v["top"] <= h["top"] + INTERSECTION
                and v["bottom"] >= h["top"] - INTERSECTION
                and v["x0"] >= h["x0"] - INTERSECTION
                and v["x0"] <= h["x1"] + INTERSECTION
            ):
                vertex = (v["x0"], h["top"])
                meeting = out.setdefault(vertex, {"v": [], "h": []})
                meeting["v"].append(v)
                meeting["h"].append(h)
    return out


def _box(e: Edge) -> Box:
    return (e["x0"], e["top"], e["x1"], e["bottom"])


def _cells(meetings: dict[Point, dict[str, list[Edge]]]) -> list[Box]:
    """The smallest rectangles whose four corners are points joined by edges."""
    boxes = {p: ({_box(e) for e in m["v"]}, {_box(e) for e in m["h"]}) for p, m in meetings.items()}

    def connected(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and boxes[p1][0] & boxes[p2][0]:
            return True
        return p1[1] == p2[1] and bool(boxes[p1][1] & boxes[p2][1])

    # The points after each one (in the sorted order) in its column and in its row: those
    # below it and those right of it, as pdfplumber filters them from all the rest.
    points = sorted(meetings)
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    for p in points:
        columns.setdefault(p[0], []).append(p)
        rows.setdefault(p[1], []).append(p)
    cells: list[Box] = []
    for pt in points[:-1]:
        column, row = columns[pt[0]], rows[pt[1]]
        below = column[column.index(pt) + 1 :]
        right = row[row.index(pt) + 1 :]
        cell = _smallest(pt, below, right, meetings, connected)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(
    pt: Point,
    below: list[Point],
    right: list[Point],
    meetings: dict[Point, dict[str, list[Edge]]],
    connected: Any,
) -> Box | None:
    for below_pt in below:
        if not connected(pt, below_pt):
            continue
        for right_pt in right:
            if not connected(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in meetings and connected(corner, right_pt) and connected(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


def _tables(cells: list[Box]) -> list[list[Box]]:
    """Cells grouped into tables by the corners they share; tables of one cell dropped."""

    def corners(box: Box) -> tuple[Point, ...]:
        x0, top, x1, bottom = box
        return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))

    remaining = list(cells)
    current: list[Box] = []
    shared: set[Point] = set()
    tables: list[list[Box]] = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            if not current or any(c in shared for c in corners(cell)):
                shared |= set(corners(cell))
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            shared.clear()
            current.clear()
    if current:
        tables.append(list(current))
    ordered = sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in ordered if len(t) > 1]
