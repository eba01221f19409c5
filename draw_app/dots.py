"""Strokes drawn as lines of separate dots, joined into strokes before they are read.

A program that stamps a dot at each place the mouse is reported, rather than a line
between them, leaves a digit as a trail of dots; so does a dotted pen. Read as it is,
each dot is a speck (see joined_dots). A pure function on numpy arrays, tested without a
window or a model (tests/test_dots.py).
"""

from __future__ import annotations

import cv2
import numpy as np

from draw_app.ink import MIN_CONTRAST

DOTS = (8, 500)
"""Ink in at least this many pieces, and at most (more is grain), may be a line of dots
(see joined_dots)..."""
DOT_SIZE = 0.12
"""...when no piece is longer than this share of all the ink's longer side..."""
DOTS_OF_ONE_SIZE = 0.8
"""...and this share of the pieces are within twice the typical dot's size either way, dots of one pen..."""
DOT_REACH = 4.0
"""...and each dot is joined to its two nearest within this many dots' widths. Chosen on
1,000 MNIST *training* digits drawn as dots (benchmarks/dotted_accuracy.py --split
train): 2.5, 3 and 4 read 86.9, 93.9 and 95.3 % right over the four spacings, and
62.9, 83.7 and 90.6 % of the sparsest (centres 3.5 dot radii apart at least)."""
DOT_CHAIN = 8
"""In a line of writing (joined_dots with ``line``) dots that touch leave chains: no piece
may be longer than this many dots..."""
DOTS_OF_ONE_SIZE_IN_A_LINE = 0.6
"""...this share of the pieces must be of one size..."""
DOTS_STRUNG = 0.5
"""...and this share of the dots must lie between their two nearest, the nearer within
DOT_REACH (see strung): in dotted numbers of training digits (40 at each spacing) at least
0.57 of them did in nine numbers of ten, in pictures of scattered specks, textures and
clutter of shapes (training/non_digits.py) at most 0.47 in nine of ten. Chosen on numbers of
2-6 MNIST *training* digits drawn as dots (benchmarks/dotted_accuracy.py --number --split
train, 200 at each spacing): with dots that touch (centres 2 radii apart), judging the
longest piece against the line's height read 11.0 % of the numbers, the typical piece with
80 % of one size 77.5 %, with 60 % 91.5 %; chains of 4 and 6 dots read 61.5 and 85.0 %,
8 as many as any length; the other spacings read the same with each. Asking that the dots
be strung then cost 1, 2 and 4 of the 200 at 2, 3 and 3.5 radii, and took 291 of the
4,310 pictures with no digit of benchmarks/no_digit.py --number for dots, where asking
only that 80 % have another within DOT_REACH took 614."""


def joined_dots(ink: np.ndarray, line: bool = False) -> np.ndarray:
    """An ink map whose strokes are lines of separate dots, with each dot joined to its two
    nearest; any other ink map as it is.

    A program that stamps a dot at each place the mouse is reported, rather than a line
    from the last one, leaves a fast stroke as a string of beads, and a stippled or
    dot-matrix print is one too. Read as they are, those dots are specks, or are
    dropped as dust beside a few joined ones (benchmarks/dotted_accuracy.py: half the
    digits drawn with their dots' centres 1.75 dots' widths apart were refused). A line of dots
    is many pieces of ink (DOTS), none of them a stroke of any length (DOT_SIZE), of
    about one size (DOTS_OF_ONE_SIZE).

    With ``line`` the ink is a line of writing, a number (segment.digits_in), and a row of
    digits is also many short pieces of one size: there the pieces are measured against
    the line's height, not its length; a number holds DOTS for each height of its length;
    dots that touch leave chains of a few, so the typical piece must be a dot's size and
    none longer than DOT_CHAIN dots, and fewer need be of one size; and the dots must be
    strung along strokes (DOTS_STRUNG), where specks and noise lie any way round.
    """
    inked = cv2.threshold(ink, max(MIN_CONTRAST / 2, int(ink.max()) // 2), 255, cv2.THRESH_BINARY)[1]
    pieces, _ = cv2.findContours(inked, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)  # cheap: most drawings stop here
    _, _, width, height = cv2.boundingRect(inked)
    fewest, most = DOTS
    if line:
        lengths = max(1, round(width / max(height, 1)))
        fewest, most = fewest * lengths, most * lengths
    if not fewest <= len(pieces) <= most:
        return ink
    boxes = np.array([cv2.boundingRect(piece) for piece in pieces])
    sizes = boxes[:, 2:].max(axis=1)
    dots = sizes >= 3  # one pixel is grain, not a dot
    if dots.sum() < fewest:
        return ink
    dot = float(np.median(sizes[dots]))
    if line:
        strokes_in_it = dot > DOT_SIZE * height or sizes.max() > DOT_CHAIN * dot
        one_size = DOTS_OF_ONE_SIZE_IN_A_LINE
    else:
        strokes_in_it = sizes.max() > DOT_SIZE * max(width, height)
        one_size = DOTS_OF_ONE_SIZE
    if strokes_in_it or np.mean((sizes[dots] > dot / 2) & (sizes[dots] < dot * 2)) < one_size:  # not grain and blobs
        return ink
    centres = boxes[dots, :2] + boxes[dots, 2:] / 2
    nearest, distances = two_nearest(centres)
    if line and np.mean(strung(centres, nearest) & (distances[:, 0] <= DOT_REACH * dot)) < DOTS_STRUNG:
        return ink
    level = int(np.median(ink[inked > 0]))
    joined = ink.copy()
    for here, theirs, apart in zip(centres, nearest, distances):
        for there, distance in zip(theirs, apart):
            if distance <= DOT_REACH * dot:
                cv2.line(joined, tuple(map(round, here)), tuple(map(round, centres[there])), level,
                         max(1, round(0.8 * dot)), cv2.LINE_AA)
    return joined


def strung(points: np.ndarray, nearest: np.ndarray) -> np.ndarray:
    """For each point, whether it lies between its two nearest (``nearest``, from two_nearest):
    they are more than 120 degrees apart as seen from it, as beads on a string are, where
    in specks scattered over an area they lie any way round."""
    one, other = points[nearest[:, 0]] - points, points[nearest[:, 1]] - points
    cosines = (one * other).sum(axis=1) / np.maximum(np.hypot(*one.T) * np.hypot(*other.T), 1e-9)
    return cosines < -0.5


def two_nearest(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of N points (N >= 3), its two nearest others and how far they are, as two
    (N, 2) arrays, nearest first; worked out a few hundred points at a time, since a long
    number in dots has thousands."""
    nearest, distances = np.empty((len(points), 2), np.int64), np.empty((len(points), 2))
    for start in range(0, len(points), 256):
        block = np.hypot(*(points[start:start + 256, None, :] - points[None, :, :]).transpose(2, 0, 1))
        block[np.arange(len(block)), np.arange(start, start + len(block))] = np.inf
        two = np.argsort(block, axis=1)[:, :2]
        nearest[start:start + 256], distances[start:start + 256] = two, np.take_along_axis(block, two, axis=1)
    return nearest, distances
