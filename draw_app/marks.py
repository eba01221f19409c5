"""What lies on the paper besides the digits, taken out of an ink map before it is read.

Printed: the lines of lined or squared paper, a rule on its own (a margin, a ledger's
column), a box round the writing (a form's cell), an answer line under it, a dark band
along the picture's edge (a scanner's lid, a desk beside the page); drawn by hand: a ring
round the writing, a line under it. Each was read as a digit, or into one, before it was
taken out; each rule leaves any ink map it does not apply to as it is.

The ink map comes from draw_app/ink.py, which also finds the paper's straight lines
(ruled_lines, straight_lines): it needs them to tell the paper's colour. Everything here
is a pure function on numpy arrays, tested without a window or a model
(tests/test_marks.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import cv2
import numpy as np

from draw_app.ink import MIN_CONTRAST, ink_threshold, is_level, ruled_lines, straight_lines, stroke_width

RULED_LINE_FAINTNESS = 0.7
"""A line of lined or squared paper (ink.ruled_lines) is printed fainter than the pen writes:
at most this share of the pen's ink."""

FRAME_LENGTH = 0.9
"""A side of a printed box round the writing (a form's cell) runs along this share of the
ink's width at least, its outer edge straight there..."""
FRAME_STRAIGHT = 0.01
"""...within this share of the width (or 1.5 pixels) of a line..."""
FRAME_SLOPE = 0.03
"""...that rises or falls by at most this share of its length (about 1.7 degrees)..."""
FRAME_THICKNESS = 0.06
"""...and is a line, at most this share of the box (or 4 pixels) thick, not a bold stroke."""
ANSWER_LINE_TOUCH = 0.2
"""A printed answer line under the writing touches it along at most this share of its length..."""
ANSWER_LINE_BEYOND = 0.05
"""...and reaches at least this share of its length beyond the writing on either side (see without_answer_line)."""
UNDERLINE_FLAT = 3.0
"""A line drawn under the writing is at least this many times as wide as it is tall..."""
UNDERLINE_GAP = 0.04
"""...lies at least this share of the writing's height under the writing over it..."""
UNDERLINE_SPAN = 0.7
"""...and is at least this share as wide as that writing (see without_underlines)."""
RULE_SPAN = 0.9
"""A rule on its own (a margin, a ledger's column) runs across at least this share of the picture..."""
RULE_REACH = 0.02
"""...all the ink within this share of the picture (or 3 pixels) of it being its own..."""
RULE_LONGER = 1.5
"""...and it is at least this many times as long as the writing beside it (see without_lone_rules)..."""
RULE_THINNER = 0.9
"""...and it is printed thinner than the writing beside it, at most this share of its stroke
width (a trial's margins and column rules, flat and photographed: 0.62-0.87; the upright of
an open 4 or a tall 1 in a picture cropped tight to it, which is a stroke: 1.02-1.07)..."""
RULE_DUST = 0.02
"""...writing being pieces at least this share as large as the largest (in pixels), not specks."""
RING_CONTENT = 0.35
"""A ring drawn round the writing holds writing at least this share of its height (see without_ring)..."""
RING_ROUND = 0.8
"""...and is round, or wider than tall, at least this wide (of its height): a 0 is narrower, and a
slash inside it that does not touch it is no circled 1 (a reviewer's slashed 0 read as a sure 1)."""
RING_DUST = 0.06
"""...pieces of ink smaller than this share of the tallest being dust, held or not."""

DARK_MARGIN_DEPTH = 0.25
"""A dark band along the picture's edge (the scanner's lid or a desk beside the page) is at
most this share of the picture deep..."""
DARK_MARGIN_GAP = 0.02
"""...and clean paper at least this share of the picture (or 2 pixels) lies between it and the
writing (see without_dark_margins)."""


def without_printed_marks(ink: np.ndarray) -> np.ndarray:
    """An ink map without what lies on the paper besides the writing: a dark band along its
    edge, the lines of lined or squared paper, a box round the writing, an answer line under it."""
    return without_answer_line(without_ring(without_frame(without_lone_rules(without_ruled_lines(
        without_dark_margins(ink))))))


def without_underlines(ink: np.ndarray, fewest_over: int = 1) -> np.ndarray:
    """An ink map without the lines drawn by hand under the writing (a total on a bill, an
    answer in an exercise book), once or twice; any other ink map as it is.

    An underline was read with the digit over it, or as a digit of its own: underlined
    numbers were read exactly 27 % of the time (benchmarks/number_accuracy.py --underline).
    It is a piece of ink lying flat (UNDERLINE_FLAT), under all the writing whose columns it
    shares and apart from it (UNDERLINE_GAP), as wide as most of that writing (UNDERLINE_SPAN),
    with no writing beside it reaching lower, and under ``fewest_over`` pieces at least. A
    printed answer line is thinner and straight (see without_answer_line); this one has the
    pen's width, and wavers. Touching the writing, it is part of it, and stays.

    Under one piece it may be that piece's own foot (a 2 or a 3 drawn in two goes): a picture
    of one digit is read both with it and without it (preprocess.candidates_in), and the
    surer reading decides; a number takes out only what lies under two pieces or more.
    """
    threshold = ink_threshold(ink)
    count, labels, stats, _ = cv2.connectedComponentsWithStats((ink >= threshold).astype(np.uint8), connectivity=8)
    boxes = [(left, top, left + width, top + height) for left, top, width, height, _ in stats[1:]]

    def slope(index: int) -> float:
        rows, columns = np.nonzero(labels == index + 1)
        return float(np.polyfit(columns, rows, 1)[0]) if np.ptp(columns) > 0 else 0.0

    underlines = underlines_among(boxes, fewest_over, slope)
    if not underlines:
        return ink
    line = cv2.dilate(np.isin(labels, np.array(underlines) + 1).astype(np.uint8), np.ones((5, 5), np.uint8))
    return np.where(line > 0, 0, ink).astype(ink.dtype)  # with its soft edge, fainter than the threshold


Box = tuple[float, float, float, float]
"""left, top, right, bottom."""


def underlines_among(boxes: Sequence[Box], fewest_over: int = 1,
                     slope: Callable[[int], float] = lambda index: 0.0) -> list[int]:
    """Which of these boxes (of pieces of ink, or of strokes) are lines drawn under the rest,
    under ``fewest_over`` of the others at least (see without_underlines); ``slope`` gives
    how the piece of this index climbs or falls (rows down per column across)."""
    tallest = max((bottom - top for _, top, _, bottom in boxes), default=0)
    flat = [right - left >= UNDERLINE_FLAT * (bottom - top) and bottom - top < 0.5 * tallest
            for left, top, right, bottom in boxes]
    writing = [box for box, is_flat in zip(boxes, flat) if not is_flat and box[3] - box[1] >= 0.25 * tallest]
    return [index for index, box in enumerate(boxes)
            if flat[index] and is_underline(box, writing, fewest_over, slope(index))]


def is_underline(box: Box, writing: Sequence[Box], fewest_over: int = 1, slope: float = 0.0) -> bool:
    """Whether a flat piece of ink (its box), climbing or falling by ``slope``, lies under
    ``writing`` (the boxes of the pieces that are not flat), under ``fewest_over`` of them at
    least, as an underline does (see without_underlines).

    The line's top is taken where it runs under each piece, not at its box's top: under a
    long number a line tilted by 3 degrees climbs a third of a digit's height, and the
    digits at its low end reached below its box's top (6-digit numbers underlined were read
    exactly 76 % of the time)."""
    left, top, right, bottom = box

    def top_under(other: Box) -> float:
        """The line's top under ``other``'s columns, or at its end nearest them."""
        ends = np.clip([other[0], other[2]], left, right)
        return top + float(min(max(slope * (x - left), slope * (x - right)) for x in ends))

    over = [other for other in writing if min(right, other[2]) >= max(left, other[0])]  # a 1's centre line: no width
    if len(over) < max(1, fewest_over):
        return False
    height = max(other[3] for other in over) - min(other[1] for other in over)
    span = max(other[2] for other in over) - min(other[0] for other in over)
    beside = [other for other in writing if other[0] < right + height and other[2] > left - height]
    # Writing beside it reaching lower: it is on the line, as the foot of a 3 or a 2 drawn apart is.
    return (min(top_under(other) - other[3] for other in over) >= UNDERLINE_GAP * height
            and right - left >= UNDERLINE_SPAN * span and all(other[3] <= top_under(other) for other in beside))


def without_dark_margins(ink: np.ndarray) -> np.ndarray:
    """An ink map without dark bands along the picture's edges; any other ink map as it is.

    A scan of a page smaller than the scanner's glass, or a photo that shows a strip of
    the desk beside the sheet, has a dark band along one side, and it was read with the
    digit: a 0 beside a band on its right read as a sure 9, a page with a band and
    nothing else as a sure 1. A band is ink along the whole of a side (0.9 of its pixels,
    row after row) from the picture's very edge, no deeper than DARK_MARGIN_DEPTH, with
    clean paper between it and the rest (DARK_MARGIN_GAP); a box's side (without_frame)
    is a thin line round the writing wherever the box is. The top bar of a 7 cropped
    tight runs along a whole side too, but its stem joins it with no paper between.
    """
    banded = ink
    for side in range(4):  # each side seen as the top: top, right, bottom, left
        if np.mean(np.rot90(ink, side)[0] >= MIN_CONTRAST) < 0.9:  # the common answer, from one row
            continue
        turned = np.rot90(ink >= MIN_CONTRAST, side)
        height = turned.shape[0]
        across = turned[:int(DARK_MARGIN_DEPTH * height) + 1].mean(axis=1)
        depth = int(np.argmax(across < 0.9)) if (across < 0.9).any() else len(across)
        gap = max(2, round(DARK_MARGIN_GAP * height))
        beyond = turned[depth:depth + gap + 1]
        if depth >= len(across) or not len(beyond) or beyond[1:].any() or beyond[0].mean() > 0.5:
            continue
        if banded is ink:
            banded = ink.copy()
        np.rot90(banded, side)[:depth + 1] = 0  # a view: the band's rows, and its soft edge
    return banded


def without_ruled_lines(ink: np.ndarray) -> np.ndarray:
    """The ink map of writing on lined or squared paper, without the paper's printed lines.

    A digit photographed on ruled paper was read as its lines: they are ink too, and
    wider than the digit (benchmarks/photo_accuracy.py --paper, 600 MNIST *training*
    digits photographed in even light: on lined paper 93.0 % were read right, on
    squared paper 86.3 %, on plain paper 99.3 %, most of the rest refused; with the
    lines taken out, 98.3 and 98.2 %, plain paper unchanged). Where ruled_lines
    finds the paper's lines, and they are fainter than the pen, everything as faint as
    they are is taken for paper. Lines as dark as the pen are left, since nothing here
    tells them from strokes (two 1s cropped tightly, side by side, are such "lines").
    """
    lines = ruled_lines(ink)
    if lines is None:
        return ink
    _, inked = cv2.threshold(ink, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    writing = ink[(inked > 0) & (cv2.dilate(lines, np.ones((5, 5), np.uint8)) == 0)]
    line_level = float(np.percentile(ink[lines > 0], 75))
    pen_level = float(np.percentile(writing, 90)) if writing.size else 255.0
    if line_level > RULED_LINE_FAINTNESS * pen_level:
        return ink
    return cv2.subtract(ink, round(line_level + 0.2 * (pen_level - line_level)))  # a little above the lines


def without_lone_rules(ink: np.ndarray) -> np.ndarray:
    """The ink map of writing beside a ruled line that runs across the whole picture, without the line.

    An exercise book's margin, a ledger's column, a form's rule: one straight line from
    edge to edge, as dark as the pen (so without_ruled_lines leaves it), was read as a
    digit beside the writing: a 4 beside a margin was "2 digits side by side", 1984 in a
    photo of a page with a margin a sure 1 (the margin the line's one digit, the real
    digits too small beside it to count). A line is taken out when it is a rule and
    nothing else: it runs across RULE_SPAN of the picture, all the ink near it is its own
    (no stroke touches or crosses it: a 7's bar, a T's, runs into its stem), there is
    other writing, and the writing is at most RULE_LONGER as long as the line in its
    direction, and lies within it (two 1s cropped tightly are two such lines, each as
    long as the other).
    """
    lines = straight_lines(ink, RULE_SPAN)
    if not lines:
        return ink
    inked = cv2.threshold(ink, ink_threshold(ink), 1, cv2.THRESH_BINARY)[1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(inked, connectivity=8)
    height, width = ink.shape
    reach = max(3, round(RULE_REACH * min(height, width)))
    without = ink
    for x1, y1, x2, y2 in lines:
        near = np.zeros(ink.shape, np.uint8)  # the line's band, drawn on from edge to edge
        if is_level(x1, y1, x2, y2):
            ends = [(0, y1 - x1 * (y2 - y1) / (x2 - x1)), (width - 1, y1 + (width - 1 - x1) * (y2 - y1) / (x2 - x1))]
        else:
            ends = [(x1 - y1 * (x2 - x1) / (y2 - y1), 0), (x1 + (height - 1 - y1) * (x2 - x1) / (y2 - y1), height - 1)]
        cv2.line(near, *[(round(x), round(y)) for x, y in ends], 1, 2 * reach + 1)
        touching = np.unique(labels[(near > 0) & (labels > 0)])
        if not touching.size or any(np.any(near[labels == label] == 0) for label in touching):
            continue  # no ink there, or a piece reaching out of the line's band: a stroke meets it
        largest = stats[1:, cv2.CC_STAT_AREA].max()
        others = [label for label in range(1, count)
                  if label not in touching and stats[label, cv2.CC_STAT_AREA] >= RULE_DUST * largest]
        if not others:
            continue  # a line alone: a 1, maybe
        along = 0 if is_level(x1, y1, x2, y2) else 1  # x for a level line, y for an upright one
        start = min(stats[label, along] for label in others)
        end = max(stats[label, along] + stats[label, along + 2] for label in others)
        line_start = min(stats[label, along] for label in touching)  # the rule's own ink, end to end
        line_end = max(stats[label, along] + stats[label, along + 2] for label in touching)
        if end - start > (line_end - line_start) / RULE_LONGER or start < line_start or end > line_end:
            continue
        if stroke_width(np.isin(labels, touching).astype(np.uint8) * 255) > \
                RULE_THINNER * stroke_width(np.isin(labels, others).astype(np.uint8) * 255):
            continue  # as bold as the writing: a stroke of it (an open 4's upright, a tall 1 cropped tight)
        if without is ink:
            without = ink.copy()
        without[cv2.dilate(np.isin(labels, touching).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = 0
    return without


def without_frame(ink: np.ndarray) -> np.ndarray:
    """The ink map of writing in a printed box (a form's cell, a worksheet's answer box)
    with the box, and all outside it, taken out.

    The box is ink as dark as the pen and was read with the digit, mostly refused
    (benchmarks/boxed_accuracy.py). A box is the outline of all the ink: on each of its
    four sides the ink's outer edge is straight and a thin line lies behind it
    (side_depth). A bold 0 cropped to its ink has curved edges; a filled bar has no thin
    line. Drawn with a ruler, an 8 is a box with a bar inside that reaches from side to
    side and touches neither top nor bottom, and a table is a box with rules across it;
    these, and a box with nothing inside (a square 0), are left as the drawing.
    """
    found = ink_outline(ink)
    if found is None:
        return ink
    outline, (first_row, first_column) = found
    # Each side seen from its own edge, as if it were the top: top, bottom, left, right.
    sides = []
    for turned in (outline, outline[::-1], outline.T, outline.T[::-1]):
        band = edge_band(turned)
        if band is None:  # the common answer, found cheaply: no box
            return ink
        sides.append((turned, band))
    depths = [side_depth(*side) for side in sides]  # how far in from the outline's edges each side reaches
    if None in depths:
        return ink
    margin = max(1, min(ink.shape) // 100)  # the lines' soft edges
    top, bottom, left, right = (depth + margin for depth in depths)
    writing = outline[top:outline.shape[0] - bottom, left:outline.shape[1] - right]
    if writing.size == 0 or not writing.any():
        return ink
    touches = [writing[:2].any(), writing[-2:].any(), writing[:, :2].any(), writing[:, -2:].any()]
    if touches == [False, False, True, True]:  # a bar from side to side: a ruled 8, not a digit in a box
        return ink
    if len(ruled_across(writing)) + len(ruled_across(writing.T)) >= 2:  # a table's rules, not a digit
        return ink
    height, width = outline.shape
    top, bottom = first_row + top, first_row + height - bottom
    left, right = first_column + left, first_column + width - right
    boxed = np.zeros_like(ink)
    boxed[top:bottom, left:right] = ink[top:bottom, left:right]
    return boxed


def without_ring(ink: np.ndarray) -> np.ndarray:
    """The ink map of writing circled by hand (an answer ringed on a worksheet, a circled
    digit), without the ring.

    The ring was read as the digit: a circled 1 or 7 as a sure 0, a circled 2 as two
    digits side by side (a trial's 10 circled digits: 1 read right). A ring is the
    largest piece of ink (its box the largest) whose box holds every other piece well
    inside it, whose ink lies on all four sides of them and never among them, and
    what it holds is at least RING_CONTENT as tall as it is: a 0 or a 6 never holds a
    digit-sized piece apart from its own ink, but for a slash, and a 0 is narrower than a
    ring (RING_ROUND). The ring may be open, as a quick circle is.
    Of 30,000 MNIST *training* digits (every second) and 1,200 numbers of them
    (benchmarks/number_drawings.py) none is taken for a ring.
    """
    inked = cv2.threshold(ink, MIN_CONTRAST - 1, 1, cv2.THRESH_BINARY)[1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(inked, connectivity=8)
    if count < 3:  # the common answer: one piece of ink, or none
        return ink
    sizes = stats[1:, cv2.CC_STAT_WIDTH:cv2.CC_STAT_HEIGHT + 1].max(axis=1)
    dust = RING_DUST * stats[1:, cv2.CC_STAT_HEIGHT].max()
    pieces = [label for label in range(1, count) if sizes[label - 1] >= dust]
    ring = max(pieces, key=lambda label: stats[label, cv2.CC_STAT_WIDTH] * stats[label, cv2.CC_STAT_HEIGHT])
    held = [label for label in pieces if label != ring]
    if not held:
        return ink
    x, y, width, height = stats[ring, :4]
    left, top = min(stats[label, 0] for label in held), min(stats[label, 1] for label in held)
    right = max(stats[label, 0] + stats[label, 2] for label in held)
    bottom = max(stats[label, 1] + stats[label, 3] for label in held)
    held_well_inside = x < left and y < top and right < x + width and bottom < y + height
    if not held_well_inside or bottom - top < RING_CONTENT * height or width < RING_ROUND * height:
        return ink
    mine = labels == ring
    around = (mine[top:bottom, :left], mine[top:bottom, right:], mine[:top, left:right], mine[bottom:, left:right])
    if not all(side.any() for side in around) or mine[top:bottom, left:right].any():
        return ink
    without = ink.copy()
    without[cv2.dilate(mine.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = 0  # the ring and its soft edge
    return without


def without_answer_line(ink: np.ndarray) -> np.ndarray:
    """The ink map of writing on a printed answer line (a worksheet's "Answer: ____"),
    without the line.

    The line was read with the digit, mostly as a 2's base (benchmarks/boxed_accuracy.py).
    It is the bottom of all the ink, found as a box's side is (side_depth), standing
    apart from the writing above it (touching it along ANSWER_LINE_TOUCH of its length
    at most) and reaching beyond it on both sides (ANSWER_LINE_BEYOND): the base of a 2
    starts where the digit comes down to it, and a 1's flag mostly reaches past its
    foot. (A foot wider than the flag on both sides is taken for a line; the 1 is then
    read by its flag and stem, as most are.)
    """
    found = ink_outline(ink)
    if found is None:
        return ink
    outline, (first_row, _) = found
    from_below = outline[::-1]
    band = edge_band(from_below)
    depth = side_depth(from_below, band) if band is not None else None
    if depth is None:
        return ink
    margin = max(1, min(ink.shape) // 100)  # the line's soft edge
    writing = from_below[depth + margin:]
    written = np.flatnonzero(writing.any(axis=0))
    width = from_below.shape[1]
    if len(writing) < 3 or not written.size or np.mean(writing[:3].any(axis=0)) > ANSWER_LINE_TOUCH or \
            min(written[0], width - 1 - written[-1]) < ANSWER_LINE_BEYOND * width:
        return ink
    without_line = ink.copy()
    without_line[first_row + len(outline) - depth - margin:] = 0
    return without_line


def ink_outline(ink: np.ndarray) -> tuple[np.ndarray, tuple[int, int]] | None:
    """Where there is ink (MIN_CONTRAST or more), as a boolean mask cropped to it, and the
    row and column of its top-left corner; None if it is under 8 pixels either way."""
    inked = cv2.threshold(ink, MIN_CONTRAST - 1, 1, cv2.THRESH_BINARY)[1]
    left, top, width, height = cv2.boundingRect(inked)
    if width < 8 or height < 8:
        return None
    return inked[top:top + height, left:left + width].view(bool), (top, left)


def ruled_across(mask: np.ndarray) -> list[int]:
    """The rows of a boolean mask where ink runs unbroken from one side to the other (0.95 of its
    width), one per group of neighbouring rows: the rules of a table."""
    full = [row for row in np.flatnonzero(np.count_nonzero(mask, axis=1) >= 0.95 * mask.shape[1])
            if np.diff(np.flatnonzero(mask[row])).max(initial=1) == 1]
    return [row for index, row in enumerate(full) if index == 0 or row - full[index - 1] > 1]


def edge_band(outline: np.ndarray) -> np.ndarray | None:
    """The top rows of ``outline`` (a boolean ink mask cropped to its ink) that a box's
    side along the top would lie in, tilted as much as FRAME_SLOPE allows; None if they
    hold too little ink across for one (FRAME_LENGTH). Looking no deeper settles most
    drawings at once: the top of a 0 or a 7 holds ink across only part of its width."""
    width = outline.shape[1]
    band = outline[:int(FRAME_SLOPE * width + 2 * max(1.5, FRAME_STRAIGHT * width)) + 2]
    return band if np.count_nonzero(band.any(axis=0)) >= FRAME_LENGTH * width else None


def side_depth(outline: np.ndarray, band: np.ndarray) -> int | None:
    """How many rows a box's side takes from the top of ``outline`` (a boolean ink mask
    cropped to its ink, turned so that the side to look at is on top, and its edge_band);
    None if that edge of the ink is no box's side.

    A box's side runs the whole width (FRAME_LENGTH of the columns hold ink), and the
    ink's outer edge along it is straight: within a pixel or two of a line (FRAME_STRAIGHT)
    rising or falling at most FRAME_SLOPE, as a scanner tilts a page. Behind that edge lies
    a thin line (at most FRAME_THICKNESS of the outline, or 4 pixels), not a bold stroke.
    """
    height, width = outline.shape
    tolerance = max(1.5, FRAME_STRAIGHT * width)
    inked = np.flatnonzero(band.any(axis=0))
    edge = band.argmax(axis=0)[inked].astype(np.float64)
    # The line through the middles of its two halves: the corners, where the edge turns down the
    # sides across, must not pull it as they would a least-squares fit.
    halves = np.array_split(np.arange(inked.size), 2)
    (left, left_edge), (right, right_edge) = ((np.median(inked[half]), np.median(edge[half])) for half in halves)
    slope = (right_edge - left_edge) / max(right - left, 1.0)
    line = left_edge + slope * (inked - left)
    if abs(slope) > FRAME_SLOPE or np.mean(np.abs(edge - line) <= tolerance) < FRAME_LENGTH:
        return None
    # The line's thickness: the ink in the few rows behind the edge, column by column, where it is
    # thinnest: a digit that touches the box thickens it along a stretch.
    thickest = max(4, round(FRAME_THICKNESS * min(height, width)))
    near = outline[:len(band) + 2 * thickest, inked]
    behind = np.arange(len(near))[:, None] - edge[None, :]
    thickness = float(np.percentile(np.count_nonzero(near & (behind >= 0) & (behind < 2 * thickest), axis=0), 25))
    if thickness > thickest:
        return None
    return int(np.ceil(line.max() + thickness))
