"""MNIST digits redrawn in handwriting styles that MNIST hardly has.

MNIST was written by American census staff and students: its 1s are single strokes,
its 7s have no bar across. Much of the world writes a 1 with a flag (and often a
foot) and crosses its 7s, and a network that never saw those reads a flagged 1 as a
confident 7. The same goes for rarer shapes everywhere: an 8 whose top loop is left
open, a 6 or any digit drawn with straight segments, a 5 whose top bar is a separate
stroke, a 4 closed or open at the top, a 9 with a straight or a curved tail.

Each style works on a digit's centre line (training/restroke.py), traced into strokes
between ends and junctions: the flag starts where the 1's stem ends at the top, the
bar crosses the 7's stem, the 9's tail is the stroke that leaves its loop. Lengths,
angles, gaps and slant are random within what people draw, and a gap is always wider
than the pen, so it stays a gap once stroked. A digit whose centre line does not have
the parts a style needs (a 1 that already bends, an 8 without two loops) gives None
rather than a bad drawing. The result is stroked with the same round pen as the
plain redraws, so the network learns the style, not a different pen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from training.restroke import (SKELETON_SCALE, back_to_mnist, centre_line, round_pen_mask,
                               stroke_segments)

STYLES: dict[str, int] = {
    "flag_1": 1,
    "flag_foot_1": 1,
    "crossed_7": 7,
    "closed_4": 4,
    "open_4": 4,
    "straight_tail_9": 9,
    "curved_tail_9": 9,
    "open_top_8": 8,
    "detached_top_5": 5,
    "angular_0": 0,
    "angular_2": 2,
    "angular_3": 3,
    "angular_5": 5,
    "angular_6": 6,
    "angular_8": 8,
    "angular_9": 9,
}
"""Style name -> the digit it is a style of."""
TRAINING_WEIGHTS = {"flag_1": 2.0}
"""How much more often restyle_for_training (the training and validation splits' styled twins)
draws a style than the others of its digit (1 when not named): a 1 with a flag alone is the
style nearest another digit (a 7)."""

FLAG_ANGLES = (20.0, 70.0)
"""A 1's flag leaves the top of the stem this many degrees from it (people's range)."""
FLAG_LENGTHS = (0.2, 0.6)
"""... and is this long, as a share of the stem. Long, flat flags are where 1s meet 7s
with a short bar: widening these ranges trades 7s read as 1s for flagged 1s read as 7s."""

SPUR = 2 * SKELETON_SCALE
"""Branches shorter than this (2 MNIST pixels) are thinning artefacts at a stroke's end, not strokes."""

Lines = list[np.ndarray]
"""Polylines of (x, y) points on the centre-line grid; a one-point line is a dot."""
Drawer = Callable[["Strokes", np.random.Generator, float], "Lines | None"]
"""Draws a style on a digit's traced centre line (graph, rng, pen); None if the digit cannot take it."""


# ------------------------------------------------------------- the centre line as strokes


RING = [(-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1)]
"""A pixel's eight neighbours in order around it; the odd places are above, right, below, left."""


def _ring_in_one_piece(code: int) -> bool:
    """Whether the neighbours set in ``code`` (bit k: RING[k]) all touch each other in a chain."""
    present = [k for k in range(8) if code >> k & 1]
    if not present:
        return False
    reached, frontier = {present[0]}, [present[0]]
    while frontier:
        k = frontier.pop()
        for other in present:
            dr, dc = RING[k][0] - RING[other][0], RING[k][1] - RING[other][1]
            if other not in reached and max(abs(dr), abs(dc)) == 1:
                reached.add(other)
                frontier.append(other)
    return len(reached) == len(present)


def _redundant(code: int) -> bool:
    """A pixel with these neighbours can go without cutting the line, ending it or opening a hole:
    it has a neighbour above or below and one beside it (touching each other), all its neighbours
    stay in one piece, and it is not surrounded on all four sides."""
    above_or_below, beside = code >> 1 & 1 or code >> 5 & 1, code >> 3 & 1 or code >> 7 & 1
    surrounded = all(code >> k & 1 for k in (1, 3, 5, 7))
    return bool(above_or_below and beside and not surrounded and _ring_in_one_piece(code))


REDUNDANT = np.array([_redundant(code) for code in range(256)])
"""Whether a pixel can go, by the code of its neighbours (bit k set: RING[k] is ink)."""
RING_WEIGHTS = np.zeros((3, 3), np.float32)
RING_WEIGHTS[tuple(np.array(RING).T + 1)] = 2.0 ** np.arange(8)
"""Correlated with the ink, gives each pixel its neighbours' code."""


@dataclass
class Stroke:
    points: np.ndarray
    """(N, 2) float (x, y) along the stroke, from node ``start`` to node ``end``."""
    start: int
    end: int

    @property
    def closed(self) -> bool:
        return self.start == self.end


@dataclass
class Strokes:
    """A centre line as a graph: nodes are stroke ends and junctions, edges are strokes."""
    nodes: np.ndarray
    """(K, 2) float (x, y) of every node."""
    strokes: list[Stroke]

    def degree(self, node: int) -> int:
        return sum((stroke.start == node) + (stroke.end == node) for stroke in self.strokes)

    def points(self) -> np.ndarray:
        return np.concatenate([stroke.points for stroke in self.strokes])

    def ends(self) -> list[int]:
        """Nodes where a stroke ends freely."""
        return [node for node in range(len(self.nodes)) if self.degree(node) == 1]

    def stroke_at(self, node: int) -> Stroke:
        """The (first) stroke that starts or ends at ``node``."""
        return next(stroke for stroke in self.strokes if node in (stroke.start, stroke.end))

    def stroke_from(self, node: int) -> np.ndarray:
        """The points of the one stroke leaving an end node, starting there."""
        stroke = self.stroke_at(node)
        return stroke.points if stroke.start == node else stroke.points[::-1]

    def lines(self) -> Lines:
        return [stroke.points for stroke in self.strokes]


def trace_strokes(skeleton: np.ndarray) -> Strokes:
    """Split a one-pixel centre line into strokes between its ends and junctions.

    A junction's pixels are merged into one node at their centre, short spurs left by
    thinning are dropped, and two strokes meeting at a node of nothing else are joined.
    """
    skeleton = one_pixel_thin(skeleton)
    neighbours = cv2.filter2D(skeleton.astype(np.uint8), -1, np.ones((3, 3)),
                              borderType=cv2.BORDER_CONSTANT).astype(int) - skeleton
    is_node = skeleton & (neighbours != 2)
    _, labels, _, centroids = cv2.connectedComponentsWithStats(is_node.astype(np.uint8), connectivity=8)
    nodes = list(centroids)  # (x, y) of each junction's pixels; 0 is the background
    # Python sets and dicts: looking pixels up one by one in numpy arrays is far slower.
    ink = set(zip(*(axis.tolist() for axis in np.nonzero(skeleton))))
    node_of = {(row, column): int(labels[row, column])
               for row, column in zip(*(axis.tolist() for axis in np.nonzero(is_node)))}
    visited = set()

    def around(pixel: tuple[int, int]) -> list[tuple[int, int]]:
        row, column = pixel
        return [(row + dr, column + dc) for dr, dc in RING if (row + dr, column + dc) in ink]

    def walk(previous: tuple[int, int], current: tuple[int, int], points: list) -> int | None:
        """Follow the line from ``previous`` through ``current`` to a node and return it;
        None if the line comes back to where it started instead."""
        while current not in node_of:
            visited.add(current)
            points.append((current[1], current[0]))
            onward = [pixel for pixel in around(current) if pixel != previous and pixel not in visited]
            if not onward:
                return None
            previous, current = current, onward[0]
        points.append(tuple(nodes[node_of[current]]))
        return node_of[current]

    strokes = []
    for pixel, start in node_of.items():
        for next_pixel in around(pixel):
            if next_pixel in node_of or next_pixel in visited:
                continue
            points = [tuple(nodes[start])]
            end = walk(pixel, next_pixel, points)
            strokes.append(Stroke(np.array(points, float), start, start if end is None else end))
        if not around(pixel):
            strokes.append(Stroke(nodes[start][None].copy(), start, start))
    for pixel in sorted(ink - visited - node_of.keys()):
        if pixel in visited:
            continue
        # A loop with no end and no junction (an O): start a node anywhere on it.
        nodes.append(np.array([pixel[1], pixel[0]], float))
        points = [(pixel[1], pixel[0])]
        visited.add(pixel)
        walk(pixel, around(pixel)[0], points)
        points.append((pixel[1], pixel[0]))
        strokes.append(Stroke(np.array(points, float), len(nodes) - 1, len(nodes) - 1))
    return join_through_nodes(without_spurs(Strokes(np.array(nodes), strokes)))


def one_pixel_thin(skeleton: np.ndarray) -> np.ndarray:
    """Drop the pixels a line does not need, such as the inner corner of each step of a
    staircase, so that a line is one pixel thick in the 8-connected sense and only real
    junctions have three neighbours. Pixels go one at a time, so that two neighbours that
    could each go alone never both go."""
    ink = np.pad(skeleton.astype(np.uint8), 1)
    codes = cv2.filter2D(ink, cv2.CV_32F, RING_WEIGHTS, borderType=cv2.BORDER_CONSTANT).astype(np.int32)
    for row, column in zip(*np.nonzero(ink.astype(bool) & REDUNDANT[codes])):
        around = ink[row - 1:row + 2, column - 1:column + 2]
        if REDUNDANT[int((around * RING_WEIGHTS).sum())]:
            ink[row, column] = 0
    return ink[1:-1, 1:-1].astype(bool)


def without_spurs(graph: Strokes) -> Strokes:
    """Drop the short branches thinning leaves where a thick stroke ends or turns."""
    kept = [stroke for stroke in graph.strokes
            if not (arc_length(stroke.points) < SPUR and len(graph.strokes) > 1
                    and min(graph.degree(stroke.start), graph.degree(stroke.end)) == 1
                    and max(graph.degree(stroke.start), graph.degree(stroke.end)) >= 3)]
    return Strokes(graph.nodes, kept)


def join_through_nodes(graph: Strokes) -> Strokes:
    """Join the two strokes that meet at a node where nothing else meets."""
    strokes = list(graph.strokes)
    joined = True
    while joined:
        joined = False
        for node in range(len(graph.nodes)):
            meeting = [stroke for stroke in strokes if node in (stroke.start, stroke.end)]
            if len(meeting) != 2 or any(stroke.closed for stroke in meeting):
                continue
            first, second = meeting
            head = first.points if first.end == node else first.points[::-1]
            tail = second.points if second.start == node else second.points[::-1]
            start = first.start if first.end == node else first.end
            end = second.end if second.start == node else second.start
            strokes = [stroke for stroke in strokes if stroke is not first and stroke is not second]
            strokes.append(Stroke(np.concatenate([head, tail[1:]]), start, end))
            joined = True
    return Strokes(graph.nodes, strokes)


def arc_length(points: np.ndarray) -> float:
    return float(np.linalg.norm(np.diff(points, axis=0), axis=1).sum())


def cumulative_length(points: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))])


def polygon_area(points: np.ndarray) -> float:
    return abs(cv2.contourArea(points.astype(np.float32)))


def height_of(points: np.ndarray) -> float:
    return float(np.ptp(points[:, 1]))


# ------------------------------------------------------------------------- new strokes


def curve(start: np.ndarray, end: np.ndarray, bend: float, steps: int = 12) -> np.ndarray:
    """A line from start to end bowed sideways by ``bend`` times its length (0: straight)."""
    start, end = np.asarray(start, float), np.asarray(end, float)
    along = end - start
    middle = (start + end) / 2 + bend * 2 * np.array([-along[1], along[0]])
    t = np.linspace(0, 1, steps)[:, None]
    return (1 - t) ** 2 * start + 2 * t * (1 - t) * middle + t ** 2 * end


def cubic(p0, p1, p2, p3, steps: int = 16) -> np.ndarray:
    p0, p1, p2, p3 = (np.asarray(point, float) for point in (p0, p1, p2, p3))
    t = np.linspace(0, 1, steps)[:, None]
    return (1 - t) ** 3 * p0 + 3 * t * (1 - t) ** 2 * p1 + 3 * t ** 2 * (1 - t) * p2 + t ** 3 * p3


def turned(direction: np.ndarray, degrees: float) -> np.ndarray:
    """``direction`` rotated by ``degrees``; positive turns down (+y) towards left (-x)."""
    angle = np.radians(degrees)
    cos, sin = np.cos(angle), np.sin(angle)
    return np.array([direction[0] * cos - direction[1] * sin, direction[0] * sin + direction[1] * cos])


def erased(lines: Lines, erase: list[np.ndarray]) -> Lines:
    """``lines`` with the points where ``erase`` is True removed, split where they were."""
    pieces = []
    for line, drop in zip(lines, erase):
        keep = np.concatenate([[False], ~drop, [False]])
        starts, = np.nonzero(keep[1:] & ~keep[:-1])
        stops, = np.nonzero(~keep[1:] & keep[:-1])
        pieces += [line[start:stop] for start, stop in zip(starts, stops) if stop - start > 1]
    return pieces


def distance_between(lines: Lines, others: Lines) -> float:
    """The shortest distance between any point of ``lines`` and any point of ``others``."""
    a, b = np.concatenate(lines), np.concatenate(others)
    return float(np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)).min())


# ------------------------------------------------------------------------------ styles


def one_stem(graph: Strokes) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(top, bottom, unit vector down the stem) of a 1 that is one straight stroke, or None."""
    points = graph.points()
    centre = points.mean(axis=0)
    _, _, axes = np.linalg.svd(points - centre, full_matrices=False)
    down = axes[0] if axes[0][1] > 0 else -axes[0]
    along = (points - centre) @ down
    across = (points - centre) @ np.array([-down[1], down[0]])
    length = np.ptp(along)
    if length < 10 * SKELETON_SCALE or np.abs(across).max() > 0.1 * length or abs(down[0]) > 0.6:
        return None
    return points[along.argmin()], points[along.argmax()], down


def flag_1(graph: Strokes, rng: np.random.Generator, pen: float, foot: bool = False,
           angles: tuple[float, float] = FLAG_ANGLES, lengths: tuple[float, float] = FLAG_LENGTHS) -> Lines | None:
    """A flag from the top of the stem down to the left (``angles``, ``lengths``: by default
    FLAG_ANGLES, FLAG_LENGTHS); sometimes the stem rises a little above where the flag joins
    it. With ``foot``, a level base too."""
    stem = one_stem(graph)
    if stem is None:
        return None
    top, bottom, down = stem
    length = float(np.linalg.norm(bottom - top))
    joint = top + down * length * (rng.uniform(0.02, 0.1) if rng.random() < 0.25 else 0.0)
    # Measured from the stem, but never flatter than angles[1] from straight down:
    # on a 1 that leans right, a flag at 70 degrees from the stem is level, and makes a 7.
    lean = np.degrees(np.arctan2(-down[0], down[1]))
    steepest, flattest = angles[0], max(angles[0] + 5, angles[1] - lean)
    angle, flag_length = rng.uniform(steepest, flattest), length * rng.uniform(*lengths)
    # The flag must stick out from the stem by more than the pen is wide, or no one sees it.
    flag_length = min(max(flag_length, pen / np.sin(np.radians(angle))), lengths[1] * length)
    angle = max(angle, min(flattest, np.degrees(np.arcsin(min(1.0, pen / flag_length)))))
    flag_end = joint + turned(down, angle) * flag_length
    lines = graph.lines() + [curve(flag_end, joint, rng.uniform(-0.12, 0.08))]
    if foot:
        across = turned(np.array([1.0, 0.0]), rng.uniform(-4, 4))
        left = bottom - across * length * rng.uniform(0.15, 0.35)
        right = bottom + across * length * rng.uniform(0.15, 0.35)
        lines.append(curve(left, right, rng.uniform(-0.04, 0.04)))
    return lines


def crossed_7(graph: Strokes, rng: np.random.Generator, pen: float) -> Lines | None:
    """A short bar across the stem about half-way down, level or rising a little."""
    points = graph.points()
    top, height = points[:, 1].min(), height_of(points)
    level = top + height * rng.uniform(0.45, 0.6)
    near = np.sort(points[np.abs(points[:, 1] - level) <= 1.5, 0])
    if not len(near) or np.ptp(near) > 0.12 * height:
        return None  # the row does not cross one stem only (a curly 7, or one already crossed)
    centre = np.array([near.mean() + rng.uniform(-0.04, 0.04) * height, level])
    across = turned(np.array([1.0, 0.0]), rng.uniform(-10, 4))
    left = centre - across * height * rng.uniform(0.14, 0.3)
    right = centre + across * height * rng.uniform(0.1, 0.25)
    return graph.lines() + [curve(left, right, rng.uniform(-0.05, 0.05))]


def loop_count(graph: Strokes) -> int:
    """How many independent loops the centre line has (edges - nodes + pieces)."""
    used = {node for stroke in graph.strokes for node in (stroke.start, stroke.end)}
    parent = {node: node for node in used}

    def root(node: int) -> int:
        while parent[node] != node:
            node = parent[node]
        return node

    for stroke in graph.strokes:
        parent[root(stroke.start)] = root(stroke.end)
    pieces = len({root(node) for node in used})
    return len(graph.strokes) - len(used) + pieces


def closed_4(graph: Strokes, rng: np.random.Generator, pen: float) -> Lines | None:
    """Close an open 4: its left arm becomes a slant from near the stem's top to the bar's
    left end. A 4 that is already closed stays as it is."""
    if loop_count(graph) == 1:
        return graph.lines()
    opened = open_4_parts(graph)
    if opened is None:
        return None
    arm_stroke, arm, corner_index, stem_top = opened
    stem = graph.stroke_from(stem_top)
    stem_length = cumulative_length(stem)
    joint = stem[np.searchsorted(stem_length, stem_length[-1] * rng.uniform(0.0, 0.12))]
    corner = arm[corner_index]
    lines = [stroke.points for stroke in graph.strokes if stroke is not arm_stroke]
    return lines + [arm[corner_index:], curve(joint, corner, rng.uniform(-0.06, 0.06))]


def open_4_parts(graph: Strokes) -> tuple[Stroke, np.ndarray, int, int] | None:
    """(the arm's stroke, its points from the free top end to the junction with the stem,
    the index of its corner, the stem's top end node) of an open 4, or None."""
    points = graph.points()
    top, height = points[:, 1].min(), height_of(points)
    upper_ends = sorted((node for node in graph.ends() if graph.nodes[node][1] < top + 0.4 * height),
                        key=lambda node: graph.nodes[node][0])
    if len(upper_ends) != 2:
        return None
    arm_top, stem_top = upper_ends
    if graph.nodes[stem_top][0] - graph.nodes[arm_top][0] < 0.15 * height:
        return None
    arm_stroke = graph.stroke_at(arm_top)
    if graph.degree(arm_stroke.end if arm_stroke.start == arm_top else arm_stroke.start) < 3:
        return None  # the arm does not meet the stem: a U, not a 4
    arm = graph.stroke_from(arm_top)
    chord = arm[-1] - arm[0]
    normal = np.array([-chord[1], chord[0]]) / max(np.linalg.norm(chord), 1e-9)
    corner_index = int(np.abs((arm - arm[0]) @ normal).argmax())
    corner = arm[corner_index]
    if (np.abs((corner - arm[0]) @ normal) < 0.1 * height or corner[1] - arm[0][1] < 0.2 * height
            or corner_index >= len(arm) - 2):
        return None
    return arm_stroke, arm, corner_index, stem_top


def open_4(graph: Strokes, rng: np.random.Generator, pen: float) -> Lines | None:
    """Open a closed 4: drop the slant from the stem's top to the bar's left end and draw
    an upright arm from that end instead. A 4 that is already open stays as it is."""
    loops = loop_count(graph)
    if loops == 0:
        return graph.lines() if open_4_parts(graph) else None
    if loops != 1:
        return None
    points = graph.points()
    height = height_of(points)
    on_loop = [stroke for stroke in graph.strokes if stroke_on_loop(graph, stroke)]
    loop_points = np.concatenate([stroke.points for stroke in on_loop])
    corner = loop_points[loop_points[:, 0].argmin()]
    apex = loop_points[loop_points[:, 1].argmin()]
    if corner[1] - apex[1] < 0.2 * height or np.ptp(loop_points[:, 0]) < 0.2 * height:
        return None
    slant = corner - apex
    erase = []
    for stroke in graph.strokes:
        t = (stroke.points - apex) @ slant / (slant @ slant)
        off = np.abs((stroke.points - apex) @ np.array([-slant[1], slant[0]])) / np.linalg.norm(slant)
        erase.append(stroke_on_loop(graph, stroke) & (t > 0.15) & (t < 0.9) & (off < 0.08 * height))
    lines = erased(graph.lines(), erase)
    rise = (corner[1] - apex[1]) * rng.uniform(0.8, 1.05)
    arm_top = corner + np.array([rng.uniform(-0.02, 0.12) * height, -rise])
    return lines + [curve(arm_top, corner, rng.uniform(-0.04, 0.04))]


def stroke_on_loop(graph: Strokes, stroke: Stroke) -> bool:
    """Whether removing the stroke leaves its two ends still connected (so it is part of a loop)."""
    if stroke.closed:
        return True
    reached, frontier = {stroke.start}, [stroke.start]
    while frontier:
        node = frontier.pop()
        for other in graph.strokes:
            if other is stroke or node not in (other.start, other.end):
                continue
            for next_node in (other.start, other.end):
                if next_node not in reached:
                    reached.add(next_node)
                    frontier.append(next_node)
    return stroke.end in reached


def nine_tail(graph: Strokes) -> tuple[Stroke, np.ndarray, np.ndarray] | None:
    """(the tail stroke, where it leaves the loop, its free end) of a 9 with a closed loop."""
    if loop_count(graph) != 1:
        return None
    points = graph.points()
    bottom_end = max(graph.ends(), key=lambda node: graph.nodes[node][1], default=None)
    if bottom_end is None or graph.nodes[bottom_end][1] < points[:, 1].min() + 0.6 * height_of(points):
        return None
    tail = graph.stroke_at(bottom_end)
    junction = tail.end if tail.start == bottom_end else tail.start
    if graph.degree(junction) < 3:
        return None
    return tail, graph.nodes[junction], graph.nodes[bottom_end]


def straight_tail_9(graph: Strokes, rng: np.random.Generator, pen: float) -> Lines | None:
    """The tail redrawn as a straight line from the loop, upright or leaning."""
    found = nine_tail(graph)
    if found is None:
        return None
    tail, start, end = found
    drop = end[1] - start[1]
    foot = np.array([start[0] - drop * rng.uniform(-0.05, 0.35), end[1] + drop * rng.uniform(-0.05, 0.1)])
    return [stroke.points for stroke in graph.strokes if stroke is not tail] + [curve(start, foot, 0.0)]


def curved_tail_9(graph: Strokes, rng: np.random.Generator, pen: float) -> Lines | None:
    """The tail redrawn going down from the loop and curling to the left at the bottom."""
    found = nine_tail(graph)
    if found is None:
        return None
    tail, start, end = found
    height = height_of(graph.points())
    drop = end[1] - start[1]
    lean = drop * rng.uniform(0.0, 0.25)
    bottom = np.array([start[0] - lean, end[1]])
    hook = bottom + np.array([-rng.uniform(0.15, 0.4), -rng.uniform(0.0, 0.15)]) * height
    new_tail = cubic(start, start + np.array([-lean * 0.3, drop * 0.55]),
                     bottom + np.array([rng.uniform(0.05, 0.15) * height, 0]), hook)
    return [stroke.points for stroke in graph.strokes if stroke is not tail] + [new_tail]


def open_top_8(graph: Strokes, rng: np.random.Generator, pen: float) -> Lines | None:
    """A gap in the upper loop, at its top right, where the pen came back short of the start."""
    if loop_count(graph) != 2:
        return None
    points = graph.points()
    height = height_of(points)
    loops = [stroke for stroke in graph.strokes if stroke_on_loop(graph, stroke) and len(stroke.points) > 8]
    if not loops:
        return None
    top_loop = min(loops, key=lambda stroke: stroke.points[:, 1].min())
    loop = top_loop.points
    if loop[:, 1].mean() > points[:, 1].min() + 0.5 * height:
        return None
    centre = loop.mean(axis=0)
    angles = np.degrees(np.arctan2(loop[:, 1] - centre[1], loop[:, 0] - centre[0]))
    aim = rng.uniform(-100, 0)
    middle = int(np.abs((angles - aim + 180) % 360 - 180).argmin())
    along = cumulative_length(loop)
    gap = along[-1] * rng.uniform(0.06, 0.16)
    while True:
        hole = np.abs(along - along[middle]) < gap / 2
        if hole[:2].any() or hole[-2:].any():
            return None
        ends = loop[np.nonzero(hole)[0][[0, -1]] + [-1, 1]]
        if np.linalg.norm(ends[1] - ends[0]) > pen + 0.06 * height:
            break
        gap *= 1.2
    lines = erased(graph.lines(), [hole if stroke is top_loop else np.zeros(len(stroke.points), bool)
                                   for stroke in graph.strokes])
    if distance_between([loop[middle][None]], lines) < pen / 2 + 0.02 * height:
        return None  # other strokes, or the pen's width, would fill the gap
    return lines


def angular(graph: Strokes, rng: np.random.Generator, pen: float) -> Lines | None:
    """Every stroke redrawn as a few straight segments, as some people draw curves.

    Each stroke keeps its ends (so strokes still meet at junctions). A stroke that closes
    a loop by itself, or with another stroke between the same two junctions, is split at
    its far point first, so the loop does not collapse into a line.
    """
    height = height_of(graph.points())
    tolerance = rng.uniform(0.04, 0.08) * height
    ends = Counter(tuple(sorted((stroke.start, stroke.end))) for stroke in graph.strokes)
    lines = []
    for stroke in graph.strokes:
        points = stroke.points
        if (stroke.closed or ends[tuple(sorted((stroke.start, stroke.end)))] > 1) and len(points) > 4:
            chord = points[-1] - points[0]
            if stroke.closed:
                far = int(np.linalg.norm(points - points[0], axis=1).argmax())
            else:
                far = int(np.abs((points - points[0]) @ np.array([-chord[1], chord[0]])).argmax())
            halves = [points[:far + 1], points[far:]]
        else:
            halves = [points]
        simple = [cv2.approxPolyDP(half.astype(np.float32)[:, None], tolerance, False)[:, 0].astype(float)
                  for half in halves]
        if stroke.closed and polygon_area(np.concatenate(simple)) < 0.5 * polygon_area(points):
            return None  # a small loop would still come out too thin
        lines += simple
    return lines


def detached_top_5(graph: Strokes, rng: np.random.Generator, pen: float) -> Lines | None:
    """The top bar drawn as a stroke of its own, clear of the body it usually joins."""
    points = graph.points()
    top, height = points[:, 1].min(), height_of(points)
    upper_ends = [node for node in graph.ends() if graph.nodes[node][1] < top + 0.35 * height]
    if not upper_ends:
        return None
    bar_end = max(upper_ends, key=lambda node: graph.nodes[node][0])
    stroke = graph.stroke_from(bar_end)
    # The bar runs from its free end until the stroke turns down into the body.
    along = cumulative_length(stroke)
    step = int(np.searchsorted(along, 0.1 * height))
    corner = len(stroke) - 1
    for index in range(len(stroke) - step):
        direction = stroke[index + step] - stroke[index]
        if abs(direction[1]) > abs(direction[0]):
            corner = index + step // 2
            break
    bar, body = stroke[:corner + 1], stroke[corner:]
    width = bar[0][0] - bar[-1][0]
    if width < 0.2 * height or abs(bar[0][1] - bar[-1][1]) > 0.6 * width or len(body) < 4:
        return None
    gap = 1.3 * pen + rng.uniform(0.05, 0.14) * height
    bar_along = cumulative_length(bar)
    bar = bar[bar_along < bar_along[-1] - gap * rng.uniform(0.3, 0.8)]
    if len(bar) < 3:
        return None
    rest = [other.points for other in graph.strokes if other is not graph.stroke_at(bar_end)] + [body]
    shift = np.array([rng.uniform(0.0, 0.5), -rng.uniform(0.0, 0.6)]) * gap
    bar = bar + shift
    if distance_between([bar], rest) < pen + 0.03 * height:
        return None
    return rest + [bar]


STYLE_DRAWERS = {
    "flag_1": flag_1,
    "flag_foot_1": lambda graph, rng, pen: flag_1(graph, rng, pen, foot=True),
    "crossed_7": crossed_7,
    "closed_4": closed_4,
    "open_4": open_4,
    "straight_tail_9": straight_tail_9,
    "curved_tail_9": curved_tail_9,
    "open_top_8": open_top_8,
    "detached_top_5": detached_top_5,
    **{style: angular for style in STYLES if style.startswith("angular_")},
}


# -------------------------------------------------------------------------- drawing


def restyled_lines(digit: np.ndarray, style: str | Drawer, rng: np.random.Generator, pen: float) -> Lines | None:
    """The centre line of a 28x28 MNIST digit redrawn in ``style``, with a random slant, as
    polylines on the centre-line grid; None if the digit cannot take the style.

    ``style`` is a name in STYLES, or a drawer of one's own (a benchmark's variant of one).
    ``pen`` is the width the lines will be stroked with, in centre-line grid units
    (20 * SKELETON_SCALE of them are the digit's height), so that gaps stay open.
    """
    if isinstance(style, str) and style not in STYLE_DRAWERS:
        raise ValueError(f"unknown style {style!r}; known: {', '.join(STYLES)}")
    skeleton = centre_line(digit)
    if not skeleton.any():
        return None
    lines = (STYLE_DRAWERS[style] if isinstance(style, str) else style)(trace_strokes(skeleton), rng, pen)
    if not lines:
        return None
    middle = np.concatenate(lines)[:, 1].mean()
    slant = rng.uniform(-0.1, 0.15)
    return [line + np.stack([slant * (middle - line[:, 1]), np.zeros(len(line))], 1) for line in lines]


def stroke_lines(lines: Lines, size: float, pen: int, canvas: tuple[int, int],
                 offset: tuple[float, float]) -> np.ndarray:
    """Polylines on the centre-line grid stroked with a round pen (see restroke.stroke_segments)."""
    segments = [np.stack([line[:-1], line[1:]], 1) for line in lines if len(line) > 1]
    dots = [line for line in lines if len(line) == 1]
    return stroke_segments(np.concatenate(segments) if segments else np.zeros((0, 2, 2)),
                           np.concatenate(dots) if dots else np.zeros((0, 2)), size, pen, canvas, offset)


def lines_extent(lines: Lines) -> np.ndarray:
    """(width, height) of the lines on the centre-line grid."""
    points = np.concatenate(lines)
    return np.ptp(points, axis=0)


def restyle(digit: np.ndarray, style: str, rng: np.random.Generator) -> np.ndarray | None:
    """28x28 uint8 MNIST digit -> canvas-sized uint8 mask (255 = ink) of it redrawn in `style`, or None.

    Size and pen are drawn as for the plain round-pen redraws (restroke.round_pen_mask):
    the digit 60-120 px tall, the pen 2-20 % of that.
    """
    size = rng.uniform(60, 120)
    pen = int(max(2, round(rng.uniform(0.02, 0.2) * size)))
    scale = size / 20 / SKELETON_SCALE
    lines = restyled_lines(digit, style, rng, pen / scale)
    if lines is None:
        return None
    margin = pen + 10
    width, height = np.ceil(lines_extent(lines) * scale).astype(int) + 2 * margin
    return stroke_lines(lines, size, pen, (int(width), int(height)), (margin, margin))


def restyle_for_training(images: np.ndarray, labels: np.ndarray, seed: int, first_index: int) -> np.ndarray:
    """For each image whose label has styles: a style of its label drawn at random with TRAINING_WEIGHTS,
    brought back to 28x28 through draw_app.preprocess.to_mnist exactly like restroke.restroke_for_training
    does (uint8 (N, 28, 28)); images with no style for their label, or where restyle gave None, get the
    plain round-pen redraw. Each image's randomness keyed by (seed, first_index + i) so the result does
    not depend on how work is split."""
    styles_of = {digit: [style for style, of in STYLES.items() if of == digit] for digit in range(10)}
    weights_of = {digit: np.array([TRAINING_WEIGHTS.get(style, 1.0) for style in styles])
                  for digit, styles in styles_of.items()}
    redrawn = np.empty_like(images)
    for offset, (digit, label) in enumerate(zip(images, labels)):
        rng = np.random.default_rng([seed, first_index + offset])
        styles, weights = styles_of[int(label)], weights_of[int(label)]
        mask = restyle(digit, rng.choice(styles, p=weights / weights.sum()), rng) if styles else None
        if mask is None:
            mask = round_pen_mask(digit, rng)
        redrawn[offset] = back_to_mnist(mask, digit)
    return redrawn
