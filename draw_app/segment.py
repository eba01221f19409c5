"""Find the digits of a written number, left to right, each as a crop the model can read.

The network reads one digit at a time, so a drawing of "2026" has to be cut into its
four digits first. There are two ways in:

- from pixels (an image file, an opened photo): the pieces of ink are found and
  grouped into digits. A digit may come in several pieces (a 5 whose top bar was
  drawn apart, a 4 whose strokes do not meet); a neighbour may reach over it without
  touching (a 7's bar over the next digit); a speck is not a digit, and a comma
  hanging below the line is no part of the digit it nearly touches (hangs_below;
  separators, for both ways in, tells it from a digit). Where two digits
  touch, they are one piece of ink, and a ``read`` function decides where to cut.
- from strokes (the app): every stroke is known, in the order it was drawn, so two
  digits written close together or overlapping are still apart, which pixels alone
  cannot tell. draw_app/stroke_digits.py groups them, with what both ways share from
  here: the crops and readings, the line's measures (TALL, NEAR, ...), separators,
  and the geometry of extents of ink.

Both give DigitCrops: where the digit is and its ink alone, light on black, which
draw_app.preprocess brings to 28x28 like any drawing. Nothing here knows of a model
or a window: ``read`` is any function from a crop to a Reading (digit, confidence and how
unlike its digit the drawing is), so the rules are tested with made-up drawings and a
made-up reader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import cv2
import numpy as np

from draw_app.dots import joined_dots
from draw_app.ink import (MIN_CONTRAST, ink_evenly_lit, ink_map, ink_threshold, raised_faint_ink, sheet_cut_out,
                          sheet_outline, stroke_width)
from draw_app.marks import without_printed_marks, without_underlines
from draw_app.preprocess import BLOB

Box = tuple[int, int, int, int]
"""x, y, width, height in the drawing's pixels."""

Extent = tuple[float, float, float, float]
"""left, top, right, bottom of ink: a piece's in a picture, a stroke's on the canvas."""


class Reading(NamedTuple):
    """What a reader says of a crop that holds a digit."""
    digit: int
    confidence: float
    unlike: float = 0.0
    """How far the drawing lies from typical drawings of that digit (draw_app/typical.py); 0.0
    where the reader does not say: cuts are then weighed by confidence alone (see split_touching)."""


Reader = Callable[[np.ndarray], "Reading | None"]
"""Reads the digit in a crop, or None when the crop holds no digit."""

MARGIN = 4
"""Paper kept around each crop, so preprocessing finds the paper at the crop's border."""

SOLID = 0.7
"""How far from Otsu's threshold to the typical ink a pixel must be to count as solid ink
(see parted_where_solid)..."""
SOLID_WIDE = 0.8
"""...in ink at least this wide (of the line's height), which may be two digits that blur
has joined..."""
SOLID_IN_TALL_PARTS = 0.95
"""...that hold at least this share of its solid ink (two digits' cores, not the many bits of a
texture)..."""
SOLID_GAP = 0.1
"""...and whose solid parts are at most this far apart (of the line's height): the narrow
gap between digits that blur joined, not the two sides of a wide 0 whose top and bottom
are fainter.

Chosen on numbers of MNIST *training* digits drawn and photographed (number_accuracy.py
--split train, 600 numbers in each of five ways: even and uneven light, lined and
squared paper, a sheet on a desk), the five exact percentages summed. With parts any
distance apart: 471.3 without parting; with pieces from 1.1 wide (WIDE), 475.2, 477.3
and 477.8 for SOLID 0.3, 0.5 and 0.7; from 0.8 wide, 479.7, 481.2 and 480.8 for 0.5, 0.7
and 0.9; from 0.6 wide, 482.2 for 0.7, which cost the numbers of other writers' grey
scans one or two of 600 (benchmarks/other_writers.py, looked at for this choice) where
0.8 cost none. Then parts at most 0.05, 0.1 and 0.2 apart read 473.7, 480.0 and 480.7;
0.2 already parts such a 0 (tests/test_segment.py), so 0.1. Drawings read alike
(98.67 %). Last, pictures of textures (benchmarks/no_digit.py --number, looked at for
this) came out as numbers 5.5 % of the time without parting and 17.0 % with it: tall
parts holding 0.8, 0.9 and 0.95 of the solid ink brought that to 13.5, 7.0 and 6.0 %,
the numbers of training digits reading the same (480.0). Taking one stricter threshold
for all the ink instead read 477.7 at 0.3, but broke faint strokes: other writers'
scans read as numbers 92.7 -> 88.0 %."""

# Finding the pieces of each digit; lengths are fractions of the line's height.

DUST = 0.06
"""Pieces smaller than this, as a fraction of the tallest piece, are specks of dust, no
parts of digits; but a speck at least DAB pens across may still be a point."""

DAB = 0.8
"""A mark at least this many times as long as the pen that wrote the digits is wide is a dab
of the pen, which may be a point between them (punctuation.point_or_comma): a thin pen's
point is smaller than DUST and punctuation.POINT_SMALLEST (a trial's 12.50 in a pen 4
pixels wide, its point 0.03 of the digits' height, read 1250)."""

TALL = 0.6
"""A piece at least this tall is a digit, or most of one."""

SMALLEST_DIGIT = 0.35
"""A piece on its own less tall than this is a mark (a dash, a tick), not a digit."""

ATTACHED = 0.5
"""A smaller piece belongs to a digit whose columns cover this much of its width..."""

REACH = 0.35
"""...and which is at most this far above or below it..."""

NEAR = 0.15
"""...or else to a digit whose ink is this near: a stroke's end cut off where the pen lifted."""

STACKED = 0.25
"""Pieces sharing at most this much of their rows (of the shorter's) sit one above the other."""

TALLEST = 1.3
"""Pieces taken together are never taller than this: that would be two lines."""

SEPARATOR_SIZE = 0.6
"""Between two digits, a piece at most this tall and this wide (of their height)..."""

SEPARATOR_LOW = 0.15
"""...whose middle is at most this far above their bottoms (of their height), or below
them, is the comma or point of 1,000 or 3.50, not a digit (see separators, hangs_below).
Handwriting typefaces' commas are 0.35-0.61 as tall, their middles 0.22 above to 0.40
below (one in twenty more than 0.11 above). Of 4,937 MNIST *training* digits between two
others in numbers (number_drawings.py: small digits on the line, wavy lines) none is
caught. In the test numbers two were caught before these limits: a 2 written flat,
wider than its neighbours, before width counted, and a small 6 in a photo, 0.58 as tall
and 0.20 above, at a limit of 0.2."""

ROW_HEIGHT = 0.7
"""Ink in rows of its own at least this tall (of the tallest such row)..."""

ROW_APART = 0.1
"""...at least this far apart (of the shorter's height) and sharing at least ROW_SHARED of the
narrower's columns are rows of writing one above the other (see rows_of_writing)."""

ROW_SHARED = 0.5
"""(see ROW_APART) Rows side by side are no rows one above the other: cents raised above the
line, a signature beside a date."""

ROWS_CLOSE = 0.3
"""Rows at most this far apart (of the shorter's height) may be one digit broken across, a 1 or
a 6 in two pieces a pen lift apart: they are, if together they read as a digit (see
rows_apart). Farther apart they are rows whatever they read: a 1 over a 7 read as a sure 1,
a 0 over a 0 as an 8. Rows written 0.12 apart, pen included, are found, unless they read as
one digit. In the 3,000 numbers of MNIST *test* digits of number_accuracy.py, with rows half
as tall as the tallest and one digit read at 0.99 or more, four pictures of one digit were
taken for two rows (a flat 2 with a stray mark above it, two 1s and a 6 in two pieces, read
as one at 0.82-0.93), and written stroke by stroke one more 1 (read as one at 0.47); none as
set. None of 30,000 MNIST *training* digits (every second) or 1,200 numbers of them is
taken for two rows."""

DASH_TALL = 0.25
"""A mark at most this tall (of the line's height) and at least twice as wide as tall (no dot),
lying beside a digit, sharing none of its columns, and with its middle in the middle half
of the digit's rows, may be a dash (a phone number's 179-843), not the cut-off end of one of
the digit's strokes: it is part of the digit only if the digit reads more surely with it
than without (see is_dash_beside; at first, at least as surely: a dash that left a 4 as
sure as it was was kept in it, and lost from 74-2 once dashes were read: 41 of 1,500
training numbers with a dash). A 5's bar broken off beside its top is no dash:
without it the 5 is a sure 6 (an in-pieces 58803 of the test numbers read 68803)."""

COMMA_TOP = 0.25
"""A comma's top is at most this far above the line its neighbours stand on (of the line's
height): a piece reaching higher is a stroke of a digit, not a comma (see is_comma_between)."""

HANGS = 0.1
"""A piece beside a digit whose bottom is this much lower (of the line's height) hangs below
it, as commas do (the typefaces': 0.1-0.6 below their neighbours' bottoms); no cut-off end
of a stroke is joined to a digit it hangs below (see hangs_below)."""

ARC_BOW = 0.04
"""Ink that is one stroke from top to bottom (is_one_stroke_down) and bows at least this far
sideways at half its height (DigitCrop.bow, of its height) is an arc: a bracket
(punctuation.brackets); a 0's halves bow further (HALF_BOW). The
handwriting typefaces' brackets bow 0.08-0.39, a bracket drawn with the mouse in a trial
of the window 0.044 (read as a 1 at 0.07). Of the first 20,000 of MNIST's training digits,
one stroke down and at most half as wide as tall, 10.8 % of the 1s bow further to the
left and 6.2 % to the right, 1.3 % of the 3s to the right, and under 1 % of any other
digit either way (at 0.07: 3.8 and 1.3 % of the 1s). See punctuation.BRACKET_REACH for
how it was chosen."""

HALF_BOW = 0.1
"""Two pieces side by side that bow away from each other at least this far (DigitCrop.bow),
( then ), are the halves of a 0 drawn in two goes or broken by a skipping pen
(join_where_better, stroke_digits.bow_apart): a half of a 0 bows by half its width, 0.15
for a 0 as narrow as a trial's (0.3 as wide as tall). Brackets bow less (ARC_BOW),
and so may two 1s written side by side: at ARC_BOW, one of the 3,000 test numbers written
stroke by stroke had two digits joined so (94.90 -> 94.87 %)."""

ONE_RUN = 0.85
"""A stroke from top to bottom crosses at least this share of its rows once (is_one_stroke_down)..."""
RUN_SPREAD = 2.5
"""...and 95 % of its rows' runs of ink are at most this many times as long as the median: a
7's bar is longer (of MNIST's 7s, 54 % passed with four in five at twice, 8 % so)."""

FOOT = 0.25
"""A digit's foot is its ink in this lowest share of its rows (see DigitCrop.foot): a point
or a comma keeps clear of the feet of the digits either side, not of their boxes, for a
point under a 4's arm or a 7's bar lies within the digit's box (95.40 in a typeface read
9540). In the handwriting typefaces (benchmarks/font_handwriting.py's, 40 numbers with a
comma or a point in each of 17, other than its own), 187 of 340 commas and 217 of 340
points read right measured from the boxes, 206 and 239 from the feet; 3 of 1,500 numbers
of MNIST training digits with no sign gained one so (a speck beside a 6's or a 7's foot)."""

# Asking the reader.

PART = 0.75
"""Of two pieces side by side that are one digit, one is at most this tall (of both together;
unless one reads doubtfully, see BROKEN_SHARED)..."""

PEN_LIFT = 0.1
"""...they are at most this far apart (a trial's open 4, its bar stopping 0.066 of its height short
of the upright, was read 61 at 0.06; on numbers of MNIST *training* digits, number_accuracy.py
--split train, 1,500 and 300 pairs: 97.47, 97.53 and 97.47 % read exactly at 0.06, 0.1 and 0.15,
photographed in uneven light 97.20 % at 0.06 and 0.1)..."""

SURE = 0.99
"""...and together they read at least this surely, and surer than apart."""

BROKEN_SHARED = 0.3
"""Two pieces a pen lift apart, of any height (each may be taller than PART of both), are
also one digit cut across (join_where_better; for strokes that do not touch, each taller
than PART, stroke_digits.is_pen_lift) if they share this much of the narrower one's columns..."""

BROKEN_SURE = 0.9
"""...one of them reads less surely than this, or as no digit, and together they read at
least this surely. Chosen on numbers of MNIST *training* digits (number_accuracy.py --split
train, 1,500 numbers each, seeds 7, 11 and 13): without the rule 95.87, 96.33 and 96.53 %
read exactly; with it 96.20, 96.47 and 96.60 % (in pieces 90.8 -> 92.8 % on seed 7), no
number lost. Sharing any column was not enough: an unsure 1 beside the next digit, its
ink reaching 0.04-0.22 of the narrower one's width into the other's, was joined to it
(214972 read 24972, 150 read 50; seed 7 lost 4 numbers that way), where the broken
digits share 0.38-0.82."""


WIDE = 1.1
"""Ink at least this wide may be two touching digits, cut anywhere; narrower ink (from REFUSED_WIDE)
that reads as a digit, only where a cut crosses at most one stroke, or where the whole lies FAR
from typical drawings of its digit (see split_touching)."""

HALF_HEIGHT = 0.7
"""Each side of a cut through touching digits is at least this tall, of the whole..."""

SPLIT_CONFIDENCE = 0.5
"""...and reads at least this surely..."""

SPLIT_NARROW_CONFIDENCE = 0.9
"""...or this surely, where the ink is narrower than WIDE: about as surely as the app must read
a digit not to name a runner-up (the shipped model's unsure_below, 0.895; fixed here, since
it was chosen with that model's readings)."""

FAR = 0.85
"""A piece that reads as one digit however surely may be two touching digits where it lies at
least this far from typical drawings of that digit (Reading.unlike, draw_app/typical.py)..."""

NEARER = 0.15
"""...and each half of a cut through it lies this much nearer to typical drawings of its own
(see two_digits_rather_than_one)..."""

NEARER_CROSSING = 0.3
"""...or this much, where the ink is narrower than WIDE and the cut crosses more than one stroke
(a 1 pressed against a 4 is crossed at its bar and the 4's upright; so is a 0 cut in two)..."""

UNLIKE_WEIGHT = 1.0
"""...and of the cuts believed, the one whose halves read surest, each confidence weighed by
exp(-UNLIKE_WEIGHT * unlikeness), wins: the network reads almost any piece of ink surely,
but the wrong halves lie further from typical digits (0.83 median, on the touching pairs
described in split_touching, against 0.70 for the right cut's)."""

THINNEST_CUTS_TRIED = 5
"""How many of the thinnest vertical cuts through a wide piece are read as they are..."""

FURTHER_CUTS_TRIED = 10
"""...and how many more, the next thinnest, each of whose halves must then read at least
SPLIT_NARROW_CONFIDENCE surely. Digits pressed together reach into each other's columns,
so the cut that parts them is often not among the five thinnest: of 600 touching pairs of
MNIST *training* digits, the five thinnest and five seams held a cut leaving nine tenths
of the pair's ink on its own digit's side for 78 % of the pairs, fifteen and five for
88 % (see split_touching for what they read). A further cut crosses more ink than the
thinnest do, and the network reads almost any piece of ink as some digit, so its halves
must read surely: without that, three chained digits of an outside trial, 853, were cut
into an 85 (read as an 8, 61 % surely) and a 3."""


SEAMS_TRIED = 5
"""How many of a wide piece's cheapest seams are read."""

EVEN_CUTS = 16
"""How many vertical cuts, evenly spaced, are tried through a piece that lies FAR from typical
drawings of its digit where no likelier cut parted it (see surest_even_cut)..."""

EVEN_CUT_SURE = 0.97
"""...how surely each half of such a cut must read..."""

EVEN_CUT_INK = 0.1
"""...and how much of the piece's ink each half must hold: a sliver of stroke cut off beside a
digit reads as a sure 1 (a 3 on an answer line, with what was left of the line under it, was
cut into a "1" holding 4 % of the ink and the 3; of the touching pairs that even cuts parted
right, 900 of training digits and 1,000 of test digits, each half held at least 18 %)."""

SEAM_SLANT = 0.05
"""What a seam pays, in pixels of ink crossed, for each step sideways: enough to keep it from
wandering about the paper, little enough to follow a slanted gap."""

REFUSED_WIDE = 0.8
"""Ink the network finds like no digit may be two touching digits from this wide (of the line's
height) on, as a 44 written close is no wider than tall..."""

REFUSED_HALF_HEIGHT = 0.5
"""...and each side of its cut is at least this tall (the 2 of a 20 is often shorter than the 0)."""

CHAIN = 1.8
"""Ink at least this wide (of the line's height) that no cut parts into two digits may be three
or more digits written in one run, as cramped writing chains them: its end digits are taken
off one at a time (see peeled)."""

PEEL_CONFIDENCE = 0.9
"""How surely a digit taken off the end of a chain must read."""


@dataclass(frozen=True)
class DigitCrop:
    box: Box
    """Where the digit is in the drawing."""
    image: np.ndarray
    """The digit's ink alone (255 = full ink) on black paper, with a MARGIN all round."""

    @property
    def ink(self) -> np.ndarray:
        """The digit's ink without the margin round it: its rows and columns are the box's."""
        return self.image[MARGIN:self.image.shape[0] - MARGIN, MARGIN:self.image.shape[1] - MARGIN]

    @property
    def foot(self) -> Box:
        """Where the digit's ink meets the line it stands on, in the drawing: the box of its ink
        in its lowest FOOT of rows. A point or a comma beside it keeps clear of that
        (draw_app.punctuation), though it may lie under the digit's arm or bar."""
        inside = self.ink
        rows, columns = np.nonzero(inside)
        if not rows.size:
            return self.box
        lowest = rows.max() + 1
        low = rows >= rows.max() - FOOT * (lowest - rows.min())
        x, y, width, height = self.box
        across, down = width / inside.shape[1], height / inside.shape[0]
        left, right, top = columns[low].min(), columns[low].max() + 1, rows[low].min()
        return (round(x + left * across), round(y + top * down), max(1, round((right - left) * across)),
                max(1, round((lowest - top) * down)))

    @property
    def pen(self) -> float:
        """How wide the pen that wrote the digit was, in the drawing's pixels (ink.stroke_width)."""
        inside = self.ink
        return stroke_width(inside) * self.box[3] / max(1, inside.shape[0])

    @property
    def bow(self) -> float:
        """How far the ink bows to the right at half its height, of its height (negative: to
        the left), if it is one stroke from top to bottom (is_one_stroke_down), else 0.0: how
        far the middle of its rows lies from the line through the middles of its top and
        bottom rows, from a parabola fitted to the middles of all its rows (weighted by their
        ink). A bracket is such an arc, "(" bowing left and ")" right by ARC_BOW or more
        (draw_app.punctuation.brackets); a 1 is straight or bent at its flag."""
        inside = self.ink
        ink = inside.astype(np.float64)
        weights = ink.sum(axis=1)
        rows = np.flatnonzero(weights)
        if rows.size < 3 or not is_one_stroke_down(inside):
            return 0.0
        top, bottom = rows[0], rows[-1]
        middles = ink[rows] @ np.arange(ink.shape[1]) / weights[rows]
        up_down = (rows - (top + bottom) / 2) / ((bottom - top) / 2)
        curve = np.polyfit(up_down, middles, 2, w=np.sqrt(weights[rows]))[0]
        return float(-curve / (bottom - top + 1))


def is_one_stroke_down(ink: np.ndarray) -> bool:
    """Whether ink (255 = full) is one stroke from its top to its bottom, as a bracket or a 1
    is: one run of ink across at least ONE_RUN of its rows, and no run much longer than most
    (RUN_SPREAD), as a bar or a loop's top is. Of the first 20,000 of MNIST's training
    digits, 97 % of the 1s are, 31 % of the 3s, 26 % of the 5s, 8 % of the 2s and 7s, 6 % of
    the 6s and few of the others."""
    strong = ink > 127
    edges = np.diff(np.pad(strong, ((0, 0), (1, 0))).astype(np.int8), axis=1)
    runs, lengths = (edges == 1).sum(axis=1), strong.sum(axis=1)
    inked = runs > 0
    if inked.sum() < 3:
        return False
    return bool((runs[inked] == 1).mean() >= ONE_RUN
                and np.percentile(lengths[inked], 95) <= RUN_SPREAD * np.median(lengths[inked]))


# ---------------------------------------------------------------- extents of ink


def is_dot_sized(extent: Extent, pen: float, height: float) -> bool:
    """Ink within ``extent`` (a piece's, a group of strokes') hardly longer than the pen is wide,
    in a line ``height`` tall: a dot (is_dot)."""
    left, top, right, bottom = extent
    return max(right - left, bottom - top) < 1.5 * pen + 0.1 * height


def is_dash_beside(mark: Extent, digit: Extent, line: float) -> bool:
    """Whether a mark lying beside a digit may be a dash rather than part of the digit (DASH_TALL):
    short, at least twice as wide as tall, sharing none of the digit's columns, and halfway up it."""
    left, top, right, bottom = mark
    digit_top, digit_bottom = digit[1], digit[3]
    quarter = (digit_bottom - digit_top) / 4
    return (bottom - top <= DASH_TALL * line and right - left >= 2 * (bottom - top) and shared_columns(mark, digit) <= 0
            and digit_top + quarter <= (top + bottom) / 2 <= digit_bottom - quarter)


def shared_columns(one: Extent, other: Extent) -> float:
    return min(one[2], other[2]) - max(one[0], other[0])


def union(one: Extent, other: Extent) -> Extent:
    return (min(one[0], other[0]), min(one[1], other[1]), max(one[2], other[2]), max(one[3], other[3]))


# ---------------------------------------------------------------- from pixels


@dataclass(frozen=True)
class Piece:
    """Connected ink, or several pieces taken together as one digit."""
    labels: tuple[int, ...]
    left: int
    top: int
    right: int
    bottom: int
    mass: float
    centre_x: float

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def extent(self) -> Extent:
        return self.left, self.top, self.right, self.bottom

    @property
    def height(self) -> int:
        return self.bottom - self.top

    def joined(self, other: Piece) -> Piece:
        mass = self.mass + other.mass
        return Piece(self.labels + other.labels, min(self.left, other.left), min(self.top, other.top),
                     max(self.right, other.right), max(self.bottom, other.bottom), mass,
                     (self.centre_x * self.mass + other.centre_x * other.mass) / mass)

    def shared_columns(self, other: Piece) -> int:
        return min(self.right, other.right) - max(self.left, other.left)

    def distance(self, other: Piece) -> float:
        """The gap between the two boxes (0 where they overlap)."""
        across = max(other.left - self.right, self.left - other.right, 0)
        down = max(other.top - self.bottom, self.top - other.bottom, 0)
        return float(np.hypot(across, down))


def find_digits(image: np.ndarray, read: Reader | None = None) -> list[DigitCrop]:
    """The digits in a gray, RGB or RGBA uint8 drawing of a number, left to right (see find_digits_and_marks)."""
    return find_digits_and_marks(image, read)[0]


def find_digits_and_marks(image: np.ndarray, read: Reader | None = None) -> tuple[list[DigitCrop], list[Box]]:
    """The digits in a gray, RGB or RGBA uint8 drawing of a number, left to right, and the
    boxes of the marks left out as no digits (a number's point, comma or dash among them:
    draw_app/punctuation.py).

    A photo whose paper is lit unevenly is read with its light made even first
    (ink.evenly_lit), or its shadows would be ink; what was printed on the paper is
    taken out too: the lines of lined or squared paper, a box round the number, an
    answer line under it. A photo of a sheet lying on a desk is read within the sheet
    (ink.sheet_outline) when that holds digits, unless the reader reads the whole picture
    more surely (a lit patch of an unevenly lit page can pass for a sheet).
    Geometry alone groups the pieces of ink into digits. With ``read``, the reader has
    the last word where geometry cannot tell: two neighbouring pieces close enough to be
    one broken digit are one if they read better together, pieces grouped as one digit are
    two where they read so (pieces_read_apart), and ink wide enough to be two touching
    digits is cut where both halves read surely.
    """
    ink = raised_faint_ink(ink_map(image))
    outline = sheet_outline(image, ink)
    if outline is None:
        return digits_in(ink_evenly_lit(image, ink), image.shape[1], read)
    sheet, back = sheet_cut_out(image, outline * (image.shape[1] / ink.shape[1]))
    sheet_ink = raised_faint_ink(ink_map(sheet))
    within: tuple[list[DigitCrop], list[Box]] = ([], [])
    rows_within = None  # rows of writing on the sheet: the whole picture may still be one row
    try:
        crops, marks = digits_in(ink_evenly_lit(sheet, sheet_ink), sheet.shape[1], read)
        within = ([DigitCrop(box_in_picture(crop.box, back, image.shape), crop.image) for crop in crops],
                  [box_in_picture(mark, back, image.shape) for mark in marks])
    except SeveralRows as rows:
        rows_within = rows
    if within[0] and read is None:
        return within
    try:
        whole = digits_in(ink_evenly_lit(image, ink), image.shape[1], read)
    except SeveralRows:
        if within[0]:
            return within
        raise
    if not within[0]:
        if not whole[0] and rows_within is not None:
            raise rows_within
        return whole
    return whole if sureness(whole[0], read) > sureness(within[0], read) else within


def sureness(crops: Sequence[DigitCrop], read: Reader) -> float:
    """How surely the reader reads a list of crops: their mean confidence, a refused crop
    counting as none, to a millionth (so that three readings of 0.99 tie with one); -1
    for no crops."""
    readings = [read(crop.image) for crop in crops]
    if not readings:
        return -1.0
    return round(sum(reading.confidence for reading in readings if reading is not None) / len(readings), 6)


class SeveralRows(Exception):
    """The picture holds several rows of writing, one above the other; a number is written on one."""

    def __init__(self, rows: int) -> None:
        super().__init__(f"{rows} rows of writing, one above the other")
        self.rows = rows


def digits_in(ink: np.ndarray, picture_width: int, read: Reader | None) -> tuple[list[DigitCrop], list[Box]]:
    """The digits in the ink map of a picture ``picture_width`` pixels wide, and the marks left
    out (see find_digits_and_marks), their boxes in the picture's pixels; SeveralRows if it holds
    rows of writing one above the other (which read as no digit, or as the digits of both
    rows in a jumble)."""
    ink = joined_dots(without_underlines(without_printed_marks(ink), fewest_over=2), line=True)
    scale = picture_width / ink.shape[1]
    binary = ink_mask(ink)
    if binary is None:
        return [], []
    pieces, specks, labels = ink_pieces(binary)
    if not pieces:  # nothing but specks of dust
        return [], []
    pen = stroke_width(binary)
    dabs = [speck for speck in specks if max(speck.width, speck.height) >= DAB * pen]
    rows = rows_apart([piece.extent for piece in pieces], pen,
                      lambda: read is not None and read(crop_of(ink, labels, union_of(pieces)).image) is not None)
    if rows > 1:
        raise SeveralRows(rows)
    height = line_height(pieces, pen)
    pieces, labels = parted_where_solid(pieces, labels, ink, height)
    digits = group_pieces(pieces, labels, height, pen)
    if read is None:
        crops = [crop_of(ink, labels, digit) for digit in digits]
    else:
        def crop(digit: Piece) -> DigitCrop:
            return crop_of(ink, labels, digit)

        by_label = {piece.labels[0]: piece for piece in pieces}
        digits = [without_dashes(digit, by_label, crop, read, height) for digit in digits]
        crops = []
        for digit, joined in join_where_better(digits, height, crop, read):
            if joined:  # the reader made it one digit: not parted again
                crops.append(crop(digit))
                continue
            for part in pieces_read_apart(digit, by_label, crop, read, height):
                crops.extend(split_touching(crop(part), read, height))
    crops.sort(key=centre_of_ink)
    in_digits = {label for digit in digits for label in digit.labels}
    marks = [piece for piece in pieces if piece.labels[0] not in in_digits] + dabs
    return ([DigitCrop(scaled_box(crop.box, scale), crop.image) for crop in crops],
            [scaled_box((mark.left, mark.top, mark.width, mark.height), scale) for mark in marks])


def without_dashes(digit: Piece, pieces: dict[int, Piece], crop: Callable[[Piece], DigitCrop],
                   read: Reader, line: float) -> Piece:
    """The digit without the dashes group_pieces joined to it because they came near its ink
    (a phone number's dash joined a 9 and read with it as a sure 4, 179-843 as 174843): a
    mark beside the rest of the digit (is_dash_beside) stays part of it only if the digit
    reads more surely with it. A dash left out is a mark, no digit, and may be read as the
    number's dash (draw_app.punctuation)."""
    for label in digit.labels:
        rest = [pieces[other] for other in digit.labels if other != label]
        if not rest:
            continue
        without = union_of(rest)
        if not is_dash_beside(pieces[label].extent, without.extent, line):
            continue
        alone, together = read(crop(without).image), read(crop(digit).image)
        if alone is not None and (together is None or together.confidence <= alone.confidence):
            return without_dashes(without, pieces, crop, read, line)
    return digit


def union_of(pieces: Sequence[Piece]) -> Piece:
    """All the pieces taken together as one."""
    whole = pieces[0]
    for piece in pieces[1:]:
        whole = whole.joined(piece)
    return whole


def box_in_picture(box: Box, back: np.ndarray, shape: tuple[int, ...]) -> Box:
    """A box in a sheet cut out of a picture (ink.sheet_cut_out, whose ``back`` takes
    its pixels to the picture's) as the box round it in the picture, within the picture."""
    x, y, width, height = box
    corners = np.float32([[[x, y], [x + width, y], [x + width, y + height], [x, y + height]]])
    placed = cv2.perspectiveTransform(corners, back)[0]
    (left, top), (right, bottom) = placed.min(axis=0), placed.max(axis=0)
    left, top = min(max(0, int(left)), shape[1] - 1), min(max(0, int(top)), shape[0] - 1)
    right, bottom = min(shape[1], int(np.ceil(right))), min(shape[0], int(np.ceil(bottom)))
    return left, top, max(1, right - left), max(1, bottom - top)


def ink_mask(ink: np.ndarray, solid: float = 0.0) -> np.ndarray | None:
    """Ink (255) against paper (0) by Otsu's threshold, as preprocessing finds it; None if blank.

    With ``solid``, only ink that far on from that threshold to the typical (median) ink:
    the half-tones that blur leaves in a narrow gap between two digits left out (see
    parted_where_solid).
    """
    if int(ink.max()) < MIN_CONTRAST:
        return None
    threshold = ink_threshold(ink)
    if solid and (beyond := ink[ink > threshold]).size:
        threshold += solid * (float(np.median(beyond)) - threshold)
    return cv2.threshold(ink, threshold, 255, cv2.THRESH_BINARY)[1]


def ink_pieces(binary: np.ndarray) -> tuple[list[Piece], list[Piece], np.ndarray]:
    """The connected pieces of ink, the specks of dust among them apart (DUST), and the image
    of their labels."""
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(binary, connectivity=8)
    pieces = [Piece((label,), int(stats[label, 0]), int(stats[label, 1]),
                    int(stats[label, 0] + stats[label, 2]), int(stats[label, 1] + stats[label, 3]),
                    float(stats[label, 4]), float(centroids[label, 0]))
              for label in range(1, count)]
    smallest = max(2.0, DUST * max((piece.height for piece in pieces), default=0))
    return ([piece for piece in pieces if max(piece.width, piece.height) >= smallest],
            [piece for piece in pieces if max(piece.width, piece.height) < smallest], labels)


def parted_where_solid(pieces: list[Piece], labels: np.ndarray, ink: np.ndarray,
                       height: float) -> tuple[list[Piece], np.ndarray]:
    """Pieces wide enough to be two digits, parted where their solid ink is apart.

    Blur fills a narrow gap between two digits with half-tones that Otsu's threshold
    counts as ink, so in a photo two digits written close become one piece. Where the
    solid ink (SOLID, ink_mask) of a piece at least SOLID_WIDE times the line's height
    wide falls into two or more parts at least TALL times that height tall, holding nearly
    all its solid ink (SOLID_IN_TALL_PARTS) and at most SOLID_GAP times the height apart,
    each is a piece of its own, and every other pixel of the
    piece goes with the part nearest it: the digits keep their soft edges. Only wide
    pieces are looked at, and only tall parts close together part them, so the faint
    strokes of a pencil or a grey scan are not broken into bits.
    """
    wide = [piece for piece in pieces if piece.width >= SOLID_WIDE * height]
    solid = ink_mask(ink, SOLID) if wide else None
    if solid is None:
        return pieces, labels
    labels = labels.copy()
    next_label = int(labels.max()) + 1
    for piece in wide:
        window = (slice(piece.top, piece.bottom), slice(piece.left, piece.right))
        mine = labels[window] == piece.labels[0]
        count, parts, stats, _ = cv2.connectedComponentsWithStats(((solid[window] > 0) & mine).astype(np.uint8))
        tall = [part for part in range(1, count) if stats[part, cv2.CC_STAT_HEIGHT] >= TALL * height]
        areas = stats[:, cv2.CC_STAT_AREA]
        if len(tall) < 2 or areas[tall].sum() < SOLID_IN_TALL_PARTS * areas[1:].sum():
            continue
        distances = [cv2.distanceTransform(np.where(parts == part, 0, 255).astype(np.uint8), cv2.DIST_L2, 3)
                     for part in tall]
        # Digits that blur joined are a narrow gap apart; the two sides of a wide 0 whose top
        # and bottom are fainter are far apart, and stay one digit.
        close = [index for index, part in enumerate(tall)
                 if any(distances[other][parts == part].min() <= SOLID_GAP * height
                        for other in range(len(tall)) if other != index)]
        if len(close) < 2:
            continue
        new_labels = np.arange(next_label, next_label + len(close))
        next_label += len(close)
        labels[window][mine] = new_labels[np.argmin([distances[index] for index in close], axis=0)[mine]]
        parted = [piece_of(labels, int(label), window) for label in new_labels]
        index = pieces.index(piece)
        pieces = pieces[:index] + parted + pieces[index + 1:]
    return pieces, labels


def piece_of(labels: np.ndarray, label: int, window: tuple[slice, slice]) -> Piece:
    """The piece of ink with this label, which lies within ``window`` of the labels."""
    rows, columns = np.nonzero(labels[window] == label)
    rows, columns = rows + window[0].start, columns + window[1].start
    return Piece((label,), int(columns.min()), int(rows.min()), int(columns.max()) + 1, int(rows.max()) + 1,
                 float(len(rows)), float(columns.mean()))


def line_height(pieces: Sequence[Piece], pen: float) -> float:
    """How tall the digits are, from the stacks of pieces that share their columns.

    A digit broken into an upper and a lower piece (which may not share columns: a
    slanted 1 broken in two) is as tall as the two together, so each piece counts as
    tall as everything above and below it; the median of those heights, among the ones
    at least half the tallest, leaves out bars and the odd digit written larger or
    smaller than the rest. Dots (see is_dot) stack with nothing: a speck above a digit
    does not make it taller.
    """
    tallest = max(piece.height for piece in pieces)
    strokes = [piece for piece in pieces if not is_dot(piece, pen, tallest)] or list(pieces)
    # Every pair at once, as arrays (row: the piece, column: the other): a picture of noise
    # has thousands of pieces, and pair by pair in Python this took seconds.
    left, top, right, bottom = (np.array([getattr(piece, side) for piece in strokes], np.float64)
                                for side in ("left", "top", "right", "bottom"))
    width, height = right - left, bottom - top
    shared_columns = np.minimum.outer(right, right) - np.maximum.outer(left, left)
    shared_rows = np.minimum.outer(bottom, bottom) - np.maximum.outer(top, top)
    across = np.maximum(np.maximum(np.subtract.outer(left, right).T, np.subtract.outer(left, right)), 0)
    down = np.maximum(np.maximum(np.subtract.outer(top, bottom).T, np.subtract.outer(top, bottom)), 0)
    stacked = ((shared_columns >= ATTACHED * np.minimum.outer(width, width))
               | ((shared_rows <= STACKED * np.minimum.outer(height, height))  # see one_above_the_other
                  & (np.hypot(across, down) <= NEAR * tallest)))
    stacks = (np.where(stacked, bottom[None, :], -np.inf).max(axis=1)
              - np.where(stacked, top[None, :], np.inf).min(axis=1))
    highest = max(stacks)
    return float(np.median([stack for stack in stacks if stack >= 0.5 * highest]))


def rows_of_writing(extents: Sequence[Extent], pen: float) -> list[Extent]:
    """The rows of writing the extents of pieces of ink or of strokes lie in, top to bottom:
    usually one, the number's.

    Extents whose rows overlap are in one band of ink; the bands at least ROW_HEIGHT as
    tall as the tallest are rows, unless they are close above each other (ROW_APART: the
    halves of a digit broken across) or side by side (ROW_SHARED: cents raised above the
    line, a signature beside a date). A band too short to be a row (a bar, a comma, an
    underline, a fraction's bar) belongs to none; dots are left out (see is_dot_sized).
    """
    tallest = max((bottom - top for _, top, _, bottom in extents), default=0)
    bands: list[Extent] = []
    for extent in sorted((extent for extent in extents if not is_dot_sized(extent, pen, tallest)),
                         key=lambda extent: extent[1]):
        if bands and extent[1] < bands[-1][3]:
            bands[-1] = union(bands[-1], extent)
        else:
            bands.append(extent)
    highest = max((bottom - top for _, top, _, bottom in bands), default=0)
    rows: list[Extent] = []
    for band in (band for band in bands if band[3] - band[1] >= ROW_HEIGHT * highest):
        if rows and (band[1] - rows[-1][3] < ROW_APART * min(height_of(band), height_of(rows[-1]))
                     or shared_columns(rows[-1], band) < ROW_SHARED * min(width_of(band), width_of(rows[-1]))):
            rows[-1] = union(rows[-1], band)
        else:
            rows.append(band)
    return rows


def height_of(extent: Extent) -> float:
    return extent[3] - extent[1]


def width_of(extent: Extent) -> float:
    return extent[2] - extent[0]


def rows_apart(extents: Sequence[Extent], pen: float, reads_as_a_digit: Callable[[], bool]) -> int:
    """How many rows of writing one above the other the extents lie in (see rows_of_writing):
    1 also where the rows are close, or bridged by ink between them (ROWS_CLOSE, widest_gap),
    and all the writing reads as one digit, which ``reads_as_a_digit`` says (asked only
    then: it reads the whole)."""
    rows = rows_of_writing(extents, pen)
    if len(rows) < 2:
        return 1
    tallest = max(bottom - top for _, top, _, bottom in extents)
    strokes = [extent for extent in extents if not is_dot_sized(extent, pen, tallest)]  # a stray dot bridges nothing
    close = all(widest_gap(above[3], below[1], strokes) <= ROWS_CLOSE * min(height_of(above), height_of(below))
                for above, below in zip(rows, rows[1:]))
    return 1 if close and reads_as_a_digit() else len(rows)


def widest_gap(top: float, bottom: float, extents: Sequence[Extent]) -> float:
    """The tallest stretch of rows between ``top`` and ``bottom`` that no extent reaches into:
    the gap between two rows of writing, less what bridges it. A skipping pen breaks a 7's
    stem into pieces one under the other, each too short to be a row, and the lowest was
    taken for a second row far under the first (a trial's 7: "2 rows of writing")."""
    widest, reached = 0.0, top
    for _, upper, _, lower in sorted(extents, key=lambda extent: extent[1]):
        if lower <= reached or upper >= bottom:
            continue
        widest = max(widest, upper - reached)
        reached = max(reached, lower)
    return max(widest, bottom - reached)


def one_above_the_other(one: Piece, other: Piece, reach: float) -> bool:
    """Whether two pieces sit one above the other, nearly touching: the halves of a broken stroke.

    Two digits side by side share most of their rows; two pieces of one digit broken
    across share few, and meet or nearly meet at their ends.
    """
    shared_rows = min(one.bottom, other.bottom) - max(one.top, other.top)
    return shared_rows <= STACKED * min(one.height, other.height) and one.distance(other) <= reach


def is_dot(piece: Piece, pen: float, height: float) -> bool:
    """A blob hardly longer than the pen is wide: a speck, a stray dot, not a stroke of a digit."""
    return is_dot_sized(piece.extent, pen, height)


def group_pieces(pieces: Sequence[Piece], labels: np.ndarray, height: float, pen: float) -> list[Piece]:
    """Pieces of ink grouped into digits by where they are; dust and marks left out.

    Every piece tall enough to be a digit is one. A smaller piece joins the digit that
    covers most of its columns (a 5's bar, the top of a broken 1), or failing that one
    it nearly touches (the cut-off end of a stroke), unless the two are digits written
    small side by side (written_small_beside: the cents of a price); one that joins none
    is a digit of its own if it is tall enough (a digit written small), and a mark otherwise. A dot,
    hardly longer than the pen is wide, joins only a digit within a pen's width of it:
    elsewhere it is a speck or a stray mark.
    """
    tall = [piece for piece in pieces if piece.height >= TALL * height]
    # A comma hanging under the foot of the digit before is taken out before pieces are stacked:
    # a 1's or a 7's stem and the comma under it were one piece one above the other (1,0 read 10;
    # of 1,500 training numbers with a point or a comma, 88.9 % read exactly before, 92.3 % after,
    # and those with none file for file as before).
    commas = [piece for piece in pieces if piece.height < TALL * height and not is_dot(piece, pen, height)
              and is_comma_between(piece, tall, height) and not any(digit.shared_columns(piece) > 0 for digit in tall)]
    pieces = stacks_joined([piece for piece in pieces if not is_dot(piece, pen, height) and piece not in commas],
                           height) + [piece for piece in pieces if is_dot(piece, pen, height)]
    digits = [piece for piece in pieces if piece.height >= TALL * height]
    for piece in sorted((piece for piece in pieces if piece.height < TALL * height), key=lambda piece: -piece.mass):
        dot = is_dot(piece, pen, height)
        if is_point_between(piece, digits, height) if dot else is_comma_between(piece, digits, height):
            continue  # a mark, which draw_app.punctuation reads
        owner = owner_of(piece, digits, labels, height, reach=pen if dot else NEAR * height, by_columns=not dot)
        if owner is not None:
            digits[owner] = digits[owner].joined(piece)
        elif not dot and piece.height >= SMALLEST_DIGIT * height:
            digits.append(piece)
    return digits


def is_point_between(piece: Piece, digits: Sequence[Piece], height: float) -> bool:
    """Whether a dot sits on the line between two digits as a point does, in neither one's
    columns, its middle within SEPARATOR_LOW of the line. Within a pen's width of a digit's
    ink it was joined to that digit as the end of a stroke, and a point written close after
    a digit was lost (a trial's 2.5 read 25): of 1,500 numbers of MNIST *training* digits
    with a point or a comma (number_accuracy.py --pointed --split train), 89.2 % read
    exactly before this, 91.9 % after; of those with none, 96.00 and 95.93 %."""
    neighbours = neighbours_of(piece, digits)
    if neighbours is None:
        return False
    left, right = neighbours
    line = (left.bottom + right.bottom) / 2
    return (left.right <= piece.left and piece.right <= right.left
            and abs((piece.top + piece.bottom) / 2 - line) <= SEPARATOR_LOW * height)


def neighbours_of(piece: Piece, digits: Sequence[Piece]) -> tuple[Piece, Piece] | None:
    """The digits either side of a piece, by their middles; None if it has none on one side."""
    middle = (piece.left + piece.right) / 2
    before = [digit for digit in digits if (digit.left + digit.right) / 2 < middle]
    after = [digit for digit in digits if (digit.left + digit.right) / 2 > middle]
    if not before or not after:
        return None
    return (max(before, key=lambda digit: digit.left + digit.right),
            min(after, key=lambda digit: digit.left + digit.right))


def is_comma_between(piece: Piece, digits: Sequence[Piece], height: float) -> bool:
    """Whether a small piece hangs below the line between two digits as a comma does: no
    wider than tall, at most SEPARATOR_SIZE of the line tall, its top near the line its
    neighbours stand on and its bottom HANGS below it. Written under the overhang of the
    digit before (a 3's top, a slanted 1's flag), it lay in that digit's columns and was
    joined to it as a piece of it (1,0 read 10): of 1,500 numbers of MNIST *training* digits
    with a point or a comma (number_accuracy.py --pointed --split train), in pictures, 108
    lost their comma with their digits read right before this, 60 after; the same numbers
    without one read file for file as before."""
    neighbours = neighbours_of(piece, digits)
    if neighbours is None or piece.width > piece.height or piece.height > SEPARATOR_SIZE * height:
        return False
    left, right = neighbours
    line = (left.bottom + right.bottom) / 2
    return piece.top >= line - COMMA_TOP * height and piece.bottom >= line + HANGS * height


def stacks_joined(pieces: Sequence[Piece], height: float) -> list[Piece]:
    """Pieces one above the other taken together, as long as together they are no taller than a digit."""
    stacks: list[Piece] = []
    for piece in sorted(pieces, key=lambda piece: piece.top):
        below = next((index for index, stack in enumerate(stacks)
                      if one_above_the_other(stack, piece, NEAR * height)
                      and stack.joined(piece).height <= TALLEST * height), None)
        if below is None:
            stacks.append(piece)
        else:
            stacks[below] = stacks[below].joined(piece)
    return stacks


def owner_of(piece: Piece, digits: Sequence[Piece], labels: np.ndarray, height: float, reach: float,
             by_columns: bool) -> int | None:
    """The digit a small piece belongs to: the one covering most of its columns, else the
    one whose ink is nearest, if within ``reach``; None if it belongs to none."""
    if by_columns:
        covering = [(digit.shared_columns(piece), index) for index, digit in enumerate(digits)
                    if digit.shared_columns(piece) >= ATTACHED * max(piece.width, 1)
                    and max(digit.top - piece.bottom, piece.top - digit.bottom, 0) <= REACH * height]
        if covering:
            return max(covering)[1]
    near = [(distance, index) for index, digit in enumerate(digits)
            if digit.distance(piece) <= reach and not written_small_beside(piece, digit, height)
            and not hangs_below(piece, digit, height)
            and (distance := ink_distance(labels, piece, digit, reach)) <= reach]
    return min(near)[1] if near else None


def hangs_below(piece: Piece, digit: Piece, height: float) -> bool:
    """Whether a small piece after a digit hangs below it as a comma does: no wider than it is
    tall, its middle right of the digit and near the digit's foot, its bottom well below
    (HANGS). Not the cut-off end of one of the digit's strokes, which stays within its rows,
    falls to the left (a slanted stem's) or lies flat (a 2's foot), but a comma for
    separators to find (3,50 read as 3? 50)."""
    return (piece.width <= piece.height and piece.left + piece.right >= 2 * digit.right
            and piece.bottom >= digit.bottom + HANGS * height
            and (piece.top + piece.bottom) / 2 >= digit.bottom - SEPARATOR_LOW * height)


def written_small_beside(piece: Piece, digit: Piece, height: float) -> bool:
    """Whether two pieces shorter than a digit (TALL) but each tall enough to be one on its
    own (SMALLEST_DIGIT) sit side by side, sharing most of their rows: two digits written
    small, as the cents of a price, not a digit and the cut-off end of one of its strokes."""
    shorter = min(piece.height, digit.height)
    shared_rows = min(piece.bottom, digit.bottom) - max(piece.top, digit.top)
    return (SMALLEST_DIGIT * height <= shorter and max(piece.height, digit.height) < TALL * height
            and shared_rows >= (1 - STACKED) * shorter)


def ink_distance(labels: np.ndarray, piece: Piece, digit: Piece, reach: float) -> float:
    """How far the piece's ink is from the digit's, looking no further than ``reach`` pixels."""
    margin = int(np.ceil(reach)) + 1
    top, left = max(piece.top - margin, 0), max(piece.left - margin, 0)
    window = labels[top:piece.bottom + margin, left:piece.right + margin]
    others = np.isin(window, digit.labels)
    if not others.any():
        return float("inf")
    distances = cv2.distanceTransform(np.where(others, 0, 255).astype(np.uint8), cv2.DIST_L2, 3)
    return float(distances[np.isin(window, piece.labels)].min())


def join_where_better(digits: list[Piece], height: float, crop: Callable[[Piece], DigitCrop],
                      read: Reader) -> list[tuple[Piece, bool]]:
    """Neighbours that are one broken digit, joined; each digit with whether it was joined.

    A digit broken where the pen was lifted can leave two pieces side by side each tall
    enough to be a digit (a 4 whose upright misses its bar), as close together as two
    digits written tightly. Only pieces a pen lift apart are candidates, and the reader
    decides: they are one digit if one is clearly shorter than the two together and
    together they read surely (SURE), or if they share many columns, one reads doubtfully
    and together they read well (BROKEN_SURE: a 0 or a 6 cut across where the pen was
    lifted, whose pieces may each be nearly as tall as the digit), or if they bow away from
    each other as a 0's two arcs do (HALF_BOW) and together read surely; always surer than
    the two readings apart. Pairs are joined best first until no pair reads better joined; a
    joined digit is not cut again as touching digits.
    """
    readings: dict[tuple[int, ...], float] = {}
    bows: dict[tuple[int, ...], float] = {}

    def confidence(digit: Piece) -> float:
        if digit.labels not in readings:
            reading = read(crop(digit).image)
            readings[digit.labels] = reading.confidence if reading else 0.0
        return readings[digit.labels]

    def bow(digit: Piece) -> float:
        if digit.labels not in bows:
            bows[digit.labels] = crop(digit).bow
        return bows[digit.labels]

    def may_be_one_digit(left: Piece, right: Piece, both: Piece) -> bool:
        if min(left.height, right.height) <= PART * both.height and confidence(both) >= SURE:
            return True
        if bow(left) <= -HALF_BOW and bow(right) >= HALF_BOW and confidence(both) >= SURE:
            return True  # a 0's two arcs, (), each a sure 1 (a trial's 2026 in a skipping pen read 21126)
        return (left.shared_columns(right) >= BROKEN_SHARED * min(left.width, right.width)
                and reads_as_cut_across((confidence(left), confidence(right)), confidence(both)))

    digits = sorted(digits, key=lambda digit: digit.centre_x)
    joined = [False] * len(digits)
    while True:
        best, best_gain = None, 0.0
        for index, (left, right) in enumerate(zip(digits, digits[1:])):
            both = left.joined(right)
            if left.distance(right) > NEAR * height or left.shared_columns(right) < -PEN_LIFT * height:
                continue
            if not may_be_one_digit(left, right, both):
                continue
            gain = confidence(both) - confidence(left) * confidence(right)
            if gain > best_gain:
                best, best_gain = index, gain
        if best is None:
            return list(zip(digits, joined))
        digits[best:best + 2] = [digits[best].joined(digits[best + 1])]
        joined[best:best + 2] = [True]


def reads_as_cut_across(apart: Sequence[float], together: float) -> bool:
    """Whether two pieces read as one digit cut across (BROKEN_SURE): one doubtfully apart
    (0 for no digit), both together well."""
    return min(apart) < BROKEN_SURE <= together


def crop_of(ink: np.ndarray, labels: np.ndarray, digit: Piece) -> DigitCrop:
    """The digit's ink alone: its pieces' pixels, with their soft edges, and nothing of its neighbours'."""
    box = (digit.left, digit.top, digit.width, digit.height)
    window = (slice(digit.top, digit.bottom), slice(digit.left, digit.right))
    mine = np.isin(labels[window], digit.labels).astype(np.uint8)
    # Anti-aliased edges fall below the threshold and carry no label: take the pixel ring around
    # the digit's own ink, as long as it is not another piece's.
    ring = cv2.dilate(mine, np.ones((3, 3), np.uint8)) & (labels[window] == 0)
    alone = cv2.multiply(ink[window], mine | ring)
    return DigitCrop(box, cv2.copyMakeBorder(alone, MARGIN, MARGIN, MARGIN, MARGIN,
                                             cv2.BORDER_CONSTANT, value=0))


def centre_of_ink(crop: DigitCrop) -> float:
    """The x of the crop's centre of mass in the drawing: it orders digits whose boxes overlap."""
    columns = crop.image.sum(axis=0, dtype=np.float64)
    total = columns.sum()
    centre = columns @ np.arange(len(columns)) / total if total else len(columns) / 2
    return crop.box[0] + centre - MARGIN


def separators(boxes: Sequence[Box]) -> set[int]:
    """Which of a number's pieces, left to right, are a comma or a point between digits.

    The network has never seen one: it reads a comma as a sure 1 and a large point as a
    0, so 1,000 came out as 11000. Such a piece is small and sits low, its middle near or
    below the line its neighbours stand on (SEPARATOR_SIZE, SEPARATOR_LOW); a small digit
    sits on that line, the raised cents of a price above it, and a digit written flat is
    wide. The first and last pieces are digits whatever their size: a number neither
    begins nor ends with a comma. Asked for the readings of pieces and of strokes alike
    (number.without_separators).
    """
    found = set()
    for index in range(1, len(boxes) - 1):
        before, piece, after = boxes[index - 1], boxes[index], boxes[index + 1]
        height = (before[3] + after[3]) / 2
        line = (before[1] + before[3] + after[1] + after[3]) / 2
        middle = piece[1] + piece[3] / 2
        if max(piece[2], piece[3]) <= SEPARATOR_SIZE * height and middle >= line - SEPARATOR_LOW * height:
            found.add(index)
    return found


def scaled_box(box: Box, scale: float) -> Box:
    if scale == 1:
        return box
    x, y, width, height = box
    return (round(x * scale), round(y * scale), max(1, round(width * scale)), max(1, round(height * scale)))


# ---------------------------------------------------------------- touching digits


def split_touching(crop: DigitCrop, read: Reader, line: float) -> list[DigitCrop]:
    """The crop as it is, or cut in two (each half cut again if need be) where that reads better.

    Two touching digits are one piece of ink. If the ink is at least WIDE times as
    wide as the line is tall (``line``, or its own height if taller), cuts are tried: the thinnest
    vertical ones, and the cheapest seams (see cheapest_seams), which follow the
    gap between slanted digits that every vertical cut slices, and then the next thinnest
    vertical ones, into halves that must read surely (FURTHER_CUTS_TRIED). The network reads
    almost any sliver surely (the end of a 2's foot is a fine 1), so a cut counts only
    if it leaves two pieces each nearly as tall as the whole, as two digits side by
    side are, and only where its halves are two digits rather than the whole one: they
    read surer together than the whole does, or lie much nearer to typical drawings of
    their digits than the whole lies to its own (two_digits_rather_than_one). Of those,
    the cut whose halves read surest wins, each confidence weighed by how near typical
    drawings its half lies (UNLIKE_WEIGHT); where none is believed and the whole lies FAR
    from typical drawings of its digit, evenly spaced cuts are tried too
    (surest_even_cut). Narrower ink (from REFUSED_WIDE) that reads
    as a digit is cut only into two halves that each read surely
    (SPLIT_NARROW_CONFIDENCE), and across more than one stroke only where it lies FAR
    from typical drawings of its digit: two digits written close, a 1 against a 9, touch
    at one place and read together as one sure digit (1917 read as 197), while a cut
    through a 0 or an 8 crosses it twice, and its two sides are often a surer 6 and 3
    than the whole is a 0. Ink no taller than BLOB times its stroke width (a thick dash,
    a smudge) is never cut: every sliver of it would read as a sure 1, and a dash was
    read as 111110. Ink that reads as no digit at all is cut more readily
    (REFUSED_WIDE, REFUSED_HALF_HEIGHT): kept whole, it would be a digit the network
    does not believe in, or the number would be lost. A piece costs a read, and two for
    each cut worth reading (at most THINNEST_CUTS_TRIED + SEAMS_TRIED + FURTHER_CUTS_TRIED
    cuts, and EVEN_CUTS more where the whole lies FAR); every half is narrower than its
    piece, and under REFUSED_WIDE it is read no more. Ink at least CHAIN wide that no cut
    parts into two digits may be a chain of three or more (see peeled).

    Chosen on numbers composed as number_accuracy.py composes them, from the first
    20,000 MNIST *training* digits: of 600 touching pairs, vertical cuts alone read
    46.5 % exactly, seams alone 49.7 %, both 56.5 %, while 1,500 other numbers went from
    96.33 to 96.40 %. Seams that pay 0.02 or 0.15 a step sideways, rather than 0.05, read
    55.8 and 56.2 %; 3 or 8 of them, 55.0 and 57.2 %. (number_accuracy.py --split train:
    touching pairs 45.0 -> 57.8 %, other numbers 97.33 % either way.) Cutting narrower
    ink as it is now took touching pairs (--split train) from 54.0 to 61.2 % read
    exactly, the other numbers staying at 97.10 %. Cut wherever it crosses at most one
    stroke, halves at least SPLIT_CONFIDENCE sure, the same 61.2 % but 97.07 % (a 4
    written in an odd hand read 41); cut anywhere from 0.9 or 0.8 of the line wide,
    60.2 and 62.9 %, but 96.77 and 96.57 % (a 0, 6, 8 or 9 read as two digits, mostly).
    SPLIT_NARROW_CONFIDENCE from 3,000 training numbers more (seed 7), 5 of which had
    such a cut, all wrong, and 1,500 touching pairs, 105 with one, 90 right: 0.9 keeps
    86 of the 90 and drops only 2 of the 5. Further vertical cuts (FURTHER_CUTS_TRIED) were
    added when a look at the touching pairs misread showed that for 140 of the 184 wide
    enough to be tried (their digits reading right alone), no cut tried left 95 % of the
    pair's ink on its own digit's side: on 600 touching pairs (seed 7) 5, 10, 15 and 40
    vertical cuts, all read as the first five are, read 62.8, 69.7, 74.0 and 75.3 % exactly, the 1,500 other numbers
    95.87, 95.87, 95.87 and 95.80 %; on another 600 and 1,500 (seed 11), 67.5, 72.2, 73.7
    and 74.5 %, and 96.47, 96.40, 96.33 and 96.33 % (a 5 whose bar was drawn apart read
    15, an open 4 read 61). Fifteen, the last ten needing halves 0.9 or 0.97 sure: 73.5
    and 73.0 % (seed 7), 73.7 and 73.5 % (seed 11), the other numbers as with fifteen;
    0.9 was kept, as it kept an outside trial's chain of digits whole (see
    FURTHER_CUTS_TRIED). Of 3,000 single digits drawn on canvases (the last training
    digits, canvas_drawings), 4 are read as more than one digit with 5 cuts and with 15.
    Weighing cuts by how near typical drawings their halves lie (two_digits_rather_than_one,
    UNLIKE_WEIGHT) took touching pairs from 74.0 to 76.3, 74.0 to 77.0 and 69.3 to 70.0 %
    read exactly (seeds 7, 11 and 13, 300 pairs each), the other numbers 96.20, 96.47 ->
    96.53 and 96.60 %, none lost. Looser variants read more pairs (up to 78.7 %) but cut
    odd single digits: with halves nearer on average rather than each, a 6 written like an
    "a" read 10 and a flat 8 83; with FAR 0.8 too, open 4s read 66 and 16 and an open 9
    01; with NEARER_CROSSING 0.2, 8s read 05 and 23.
    """
    _, _, width, height = crop.box
    if width < REFUSED_WIDE * max(height, line) or height < BLOB * stroke_width(crop.image):
        return [crop]  # too narrow for two digits; or a dash, a blob, no taller than its strokes are wide
    whole = read(crop.image)
    narrow_digit = whole is not None and width < WIDE * max(height, line)
    shortest = (HALF_HEIGHT if whole is not None else REFUSED_HALF_HEIGHT) * height
    best, best_score = None, 0.0
    least = SPLIT_NARROW_CONFIDENCE if narrow_digit else SPLIT_CONFIDENCE
    likeliest, further = cuts_to_try(crop.image, height)
    least_for_each = [least] * len(likeliest) + [SPLIT_NARROW_CONFIDENCE] * len(further)
    for cut, least_of_both in zip(likeliest + further, least_for_each):
        crossing = narrow_digit and strokes_crossed(crop.image, cut) > 1
        if crossing and whole.unlike < FAR:
            continue  # only nearness to typical digits could part it (two_digits_rather_than_one)
        halves = cut_along(crop, cut)
        if min(half.box[3] for half in halves) < shortest:
            continue
        readings = [read(half.image) for half in halves]
        if any(reading is None or reading.confidence < least_of_both for reading in readings):
            continue
        if not two_digits_rather_than_one(readings, whole, crossing):
            continue
        score = weighed(readings)
        if score > best_score:
            best, best_score = halves, score
    if best is None and whole is not None and whole.unlike >= FAR:
        best = surest_even_cut(crop, read, whole, narrow_digit, shortest, tried=likeliest + further)
    if best is None:
        return peeled(crop, read, line) if width >= CHAIN * max(height, line) else [crop]
    return [piece for half in best for piece in split_touching(half, read, line)]


def surest_even_cut(crop: DigitCrop, read: Reader, whole: Reading, narrow: bool, shortest: float,
                    tried: Sequence[np.ndarray]) -> tuple[DigitCrop, DigitCrop] | None:
    """Of EVEN_CUTS vertical cuts evenly spaced across a piece that lies FAR from typical
    drawings of its digit (``whole``), the one whose halves read surest (weighed), where
    each is at least ``shortest`` tall, holds at least EVEN_CUT_INK of the ink, reads at
    least EVEN_CUT_SURE surely and lies nearer typical drawings of its own (lie_nearer:
    NEARER, or NEARER_CROSSING across more than one stroke of ``narrow`` ink); None if
    none does. Columns already tried as vertical cuts (``tried``) are not tried again.
    Each half may be cut again (split_touching).

    The likeliest cuts are where the ink is thinnest, but two digits pressed together
    often meet along a stretch, and where they part is no thinner than the strokes
    around it: a 99 whose halves met in a column of ink read as an 8, and every column
    from 0.43 to 0.61 of its width parted it, none of them among the cuts tried. Of 600
    touching pairs of MNIST *training* digits, 95 read as one digit; for 24 of them some
    column that no cut tried passed through left two halves that read right and passed
    split_touching's tests.

    Chosen on numbers of training digits (number_accuracy.py --split train, 1,500 numbers
    and 300 touching pairs, seeds 7, 11 and 13; the code before beside it): touching pairs
    76.3 -> 78.3, 77.0 -> 78.7 and 70.0 -> 72.0 % read exactly, the numbers as before, none
    lost. With halves only SPLIT_NARROW_CONFIDENCE sure, an 8 in pieces was cut into a 9
    (0.94 sure) and a 5 (seed 11 lost it), hence EVEN_CUT_SURE. With 32 cuts (and halves
    SPLIT_NARROW_CONFIDENCE sure), two more pairs of seed 7 read, but four numbers of seed
    11 and one of seed 13 were lost (8s read 95, 96, 66, 00 and 20). EVEN_CUT_INK, added
    after these runs, changes none of them (see there).

    A 1 pressed against its neighbour (60 of those 95 pairs have a 1) was looked at with
    the same measure: cuts leaving a typical 1 (unlikeness under 0.5) and the rest nearer
    its own read 16-22 more of the 600 pairs, but cut 2 of 2,000 single training digits
    in two (a 6 read 10, a 4 read 61); not taken.
    """
    columns = cut_columns(crop.image, crop.box[3])
    if len(columns) == 0:
        return None

    def believed(half: Reading | None, nearer_by: float) -> bool:
        return half is not None and half.confidence >= EVEN_CUT_SURE and lie_nearer([half], whole, nearer_by)

    ink = np.count_nonzero(crop.image > 127)
    tried_columns = {int(cut[0]) for cut in tried if cut.min() == cut.max()}
    evenly_spaced = set(np.linspace(columns.start, columns.stop - 1, EVEN_CUTS).round().astype(int))
    best, best_score = None, 0.0
    for column in sorted(evenly_spaced - tried_columns):
        cut = np.full(crop.image.shape[0], column)
        halves = cut_along(crop, cut)
        if (min(half.box[3] for half in halves) < shortest
                or min(np.count_nonzero(half.image > 127) for half in halves) < EVEN_CUT_INK * ink):
            continue
        nearer_by = NEARER_CROSSING if narrow and strokes_crossed(crop.image, cut) > 1 else NEARER
        left = read(halves[0].image)
        if not believed(left, nearer_by):
            continue  # the right half need not be read
        right = read(halves[1].image)
        if not believed(right, nearer_by):
            continue
        score = weighed([left, right])
        if score > best_score:
            best, best_score = halves, score
    return best


def two_digits_rather_than_one(halves: Sequence[Reading], whole: Reading | None, crossing: bool) -> bool:
    """Whether the halves of a cut, read like this, are two digits rather than the whole one.

    They are where the whole reads as no digit; where they read surer together (the
    product of their confidences) than the whole does; and where the whole lies FAR from
    typical drawings of its digit and each half NEARER to typical drawings of its own
    (reading at least SPLIT_NARROW_CONFIDENCE surely), since two touching digits read
    together as one sure 4 or 7, far from any typical 4 or 7. Each half, not the two on
    average: an odd digit lies far from typical drawings of its kind too, and a cut
    through it can leave one half typical and the other not (a 6 written like an "a" cut
    into a typical 1 and a 0 only 0.07 nearer than the whole, a flat 8 into a 3 and a
    piece still read as an 8, 0.07 nearer). Where the cut crosses more than one stroke of
    narrow ink (``crossing``), only nearness counts, and NEARER_CROSSING is asked: cut
    across, an 8 fell into a 0 and a 5, or a 2 and a 3, each 0.2-0.25 nearer.
    """
    if whole is None:
        return True
    nearer = lie_nearer(halves, whole, NEARER_CROSSING if crossing else NEARER)
    if crossing:
        return nearer
    return halves[0].confidence * halves[1].confidence > whole.confidence or nearer


def lie_nearer(parts: Sequence[Reading], whole: Reading, by: float) -> bool:
    """Whether the whole lies FAR from typical drawings of its digit and each part, read at least
    SPLIT_NARROW_CONFIDENCE surely, ``by`` nearer to typical drawings of its own."""
    return (whole.unlike >= FAR and min(part.confidence for part in parts) >= SPLIT_NARROW_CONFIDENCE
            and whole.unlike - max(part.unlike for part in parts) > by)


def pieces_read_apart(digit: Piece, pieces: dict[int, Piece], crop: Callable[[Piece], DigitCrop],
                      read: Reader, line: float) -> list[Piece]:
    """A digit that group_pieces made of several pieces of ink, or its pieces as two digits,
    left and right, where they read so: the pieces in the order of their centres, the first
    ones and the rest.

    group_pieces joins a smaller piece to the digit that covers most of its columns (a 5's
    bar, the top of a broken 1), and so it joins a digit written small and tucked under its
    neighbour's curve, or reaching into its columns, to that neighbour (a 62 read as one 6,
    8626 as 866). The reader decides, as it decides a cut through touching digits
    (split_touching): the whole must lie FAR from typical drawings of its digit and each
    part, no smaller than SMALLEST_DIGIT of the line (or of the whole, if taller), read surely and lie much nearer to
    typical drawings of its own (lie_nearer). The parts must also share less than
    BROKEN_SHARED of the narrower one's columns, as two digits side by side do: the pieces
    of a digit broken across its strokes share more, and a leaning 8 and 7 broken so, far
    from typical, were read as 00 and 17 (0.4 and 0.59 shared; the digits parted right
    shared at most 0.12). Of the partings allowed, the surest wins, weighed as
    cuts are (UNLIKE_WEIGHT). Apart surer than together, which split_touching also allows,
    is not asked: geometry groups pieces that are small beside a digit or stacked one above
    the other, never two nearly as tall as the whole, and the numbers gained below were all
    parted by nearness. Chosen on numbers of MNIST *training* digits (number_accuracy.py
    --split train, 1,500 numbers and 300 touching pairs, seeds 7, 11 and 13): 96.20 ->
    96.27, 96.53 and 96.60 -> 96.73 % read exactly, none lost; the touching pairs as before.
    """
    parts = sorted((pieces[label] for label in digit.labels), key=lambda piece: piece.centre_x)
    side_by_side = [(left, right) for left, right in ((union_of(parts[:count]), union_of(parts[count:]))
                                                      for count in range(1, len(parts)))
                    if min(left.height, right.height) >= SMALLEST_DIGIT * max(line, digit.height)
                    and left.shared_columns(right) < BROKEN_SHARED * min(left.width, right.width)]
    whole = read(crop(digit).image) if side_by_side else None  # most groups have no such parting
    if whole is None:
        return [digit]
    best, best_score = None, 0.0
    for left, right in side_by_side:
        readings = [read(crop(part).image) for part in (left, right)]
        if any(reading is None for reading in readings) or not lie_nearer(readings, whole, NEARER):
            continue
        score = weighed(readings)
        if score > best_score:
            best, best_score = [left, right], score
    return [digit] if best is None else best


def weighed(halves: Sequence[Reading]) -> float:
    """How surely two halves read as two digits: the product of their confidences, each weighed
    by how near typical drawings of its digit it lies (UNLIKE_WEIGHT)."""
    return float(np.prod([half.confidence * np.exp(-UNLIKE_WEIGHT * half.unlike) for half in halves]))


def peeled(crop: DigitCrop, read: Reader, line: float) -> list[DigitCrop]:
    """A chain of touching digits with its first or last digit cut off, the rest split again.

    split_touching cuts ink in two where both halves read as digits, but half of a chain
    of three or more is itself two or more digits, which reads as none: 80526 written in
    one run was no digit at all. Here the likeliest cuts (cuts_to_try's first list) within
    a digit's width (WIDE) of either end are tried, and the one whose end piece reads
    surest, at least PEEL_CONFIDENCE, is taken; what is left is split again, so a chain
    comes apart one digit at a time. Only if every piece then reads as a digit is the
    chain parted: a line of joined-up letters would otherwise lose its end letters as
    digits and leave the rest a piece like no digit, and be read as a number. The further
    cuts are not tried here: one of them took the 8 off an outside trial's chain 8530 a
    little surer than the likeliest took off its 0, and left a 530 that no cut parts.
    """
    height = crop.box[3]
    image, widest = crop.image, round(WIDE * max(line, height))
    allowed = cut_columns(image, height)
    ends = [(0, range(allowed.start, min(MARGIN + widest, allowed.stop))),
            (1, range(max(image.shape[1] - MARGIN - widest, allowed.start), allowed.stop))]
    best, best_confidence = None, PEEL_CONFIDENCE
    for end, columns in ends:
        likeliest, _ = cuts_to_try(image, height, columns)
        for cut in likeliest:
            halves = cut_along(crop, cut)
            if halves[end].box[3] < HALF_HEIGHT * height:
                continue
            reading = read(halves[end].image)
            if reading is not None and reading.confidence >= best_confidence:
                best, best_confidence = halves, reading.confidence
    if best is None:
        return [crop]
    pieces = [piece for half in best for piece in split_touching(half, read, line)]
    return pieces if all(read(piece.image) is not None for piece in pieces) else [crop]


def strokes_crossed(image: np.ndarray, cut: np.ndarray) -> int:
    """How many separate runs of ink a cut (its column in every row of the image) passes through."""
    on_cut = image[np.arange(len(cut)), cut] > 127
    return int(np.count_nonzero(on_cut & ~np.r_[False, on_cut[:-1]]))


def cut_columns(image: np.ndarray, height: int) -> range:
    """The columns a cut may pass through: both sides keep a digit's width, a fifth of its height."""
    narrowest = MARGIN + max(2, round(0.2 * height))
    return range(narrowest, image.shape[1] - narrowest)


def cuts_to_try(image: np.ndarray, height: int,
                columns: range | None = None) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The likeliest cuts through the image, the thinnest vertical ones and the cheapest seams,
    and further vertical ones, the next thinnest (see FURTHER_CUTS_TRIED); each cut as the
    column it takes in every row (among ``columns`` if given, else cut_columns')."""
    columns = cut_columns(image, height) if columns is None else columns
    verticals = [np.full(image.shape[0], column) for column in thinnest_cuts(image, columns)]
    return verticals[:THINNEST_CUTS_TRIED] + cheapest_seams(image, columns), verticals[THINNEST_CUTS_TRIED:]


def thinnest_cuts(image: np.ndarray, columns: range) -> list[int]:
    """Columns (of ``columns``) where a vertical cut crosses the least ink, least first, as
    many as THINNEST_CUTS_TRIED and FURTHER_CUTS_TRIED.

    Only local minima count, so the cuts tried are in different places.
    """
    ink_per_column = (image > 127).sum(axis=0).astype(np.float64)
    ink_per_column = np.convolve(ink_per_column, np.ones(3) / 3, mode="same")
    return fewest_apart(ink_per_column, columns, THINNEST_CUTS_TRIED + FURTHER_CUTS_TRIED)


def cheapest_seams(image: np.ndarray, columns: range) -> list[np.ndarray]:
    """Paths from top to bottom, one column a row, that cross the least ink, each as the column it
    takes in every row.

    Each row's column is the one above it or a neighbour of it, so a seam can slant or
    bend round a stroke, but never leaves ``columns`` (see cut_columns); a step sideways
    costs SEAM_SLANT. The cheapest path to each column of the bottom row is found row by
    row, as seam carving finds its seams; those whose cost is a local minimum there are
    the seams.
    """
    ink = (image > 127).astype(np.float64)
    rows, width = ink.shape
    allowed = np.full(width, np.inf)
    allowed[columns] = 0.0
    cost = ink[0] + allowed
    came_from = np.zeros((rows, width), np.int64)  # -1: the column to the left in the row above, 0, +1
    for row in range(1, rows):
        above = np.stack([np.concatenate([[np.inf], cost[:-1]]) + SEAM_SLANT, cost,
                          np.concatenate([cost[1:], [np.inf]]) + SEAM_SLANT])
        step = above.argmin(axis=0)
        came_from[row] = step - 1
        cost = ink[row] + above[step, np.arange(width)] + allowed
    seams = []
    for end in fewest_apart(cost, columns, SEAMS_TRIED):
        seam = np.empty(rows, np.int64)
        seam[-1] = end
        for row in range(rows - 1, 0, -1):
            seam[row - 1] = seam[row] + came_from[row, seam[row]]
        seams.append(seam)
    return seams


def fewest_apart(values: np.ndarray, columns: range, count: int) -> list[int]:
    """Up to ``count`` of ``columns`` where ``values`` is a local minimum, least first, no two
    within two columns of each other."""
    candidates = [column for column in columns
                  if values[column] <= values[column - 1] and values[column] <= values[column + 1]]
    candidates.sort(key=lambda column: values[column])
    chosen: list[int] = []
    for column in candidates:
        if all(abs(column - other) > 2 for other in chosen):
            chosen.append(column)
        if len(chosen) == count:
            break
    return chosen


def cut_along(crop: DigitCrop, cut: np.ndarray) -> tuple[DigitCrop, DigitCrop]:
    """The crop cut into what lies left of the ``cut`` (its column in every row of the image) and
    what lies on or right of it, each trimmed to its ink.

    The ink is as wide as the crop and every cut keeps to cut_columns, so both sides hold some.
    """
    left_of_cut = np.arange(crop.image.shape[1])[None, :] < cut[:, None]
    left = np.where(left_of_cut, crop.image, 0).astype(np.uint8)
    right = np.where(left_of_cut, 0, crop.image).astype(np.uint8)
    return trimmed(crop, left), trimmed(crop, right)


def trimmed(crop: DigitCrop, image: np.ndarray) -> DigitCrop:
    rows, columns = np.nonzero(image)
    top, bottom, left, right = rows.min(), rows.max() + 1, columns.min(), columns.max() + 1
    x, y = crop.box[0] + left - MARGIN, crop.box[1] + top - MARGIN
    return DigitCrop((int(x), int(y), int(right - left), int(bottom - top)),
                     cv2.copyMakeBorder(image[top:bottom, left:right], MARGIN, MARGIN, MARGIN, MARGIN,
                                        cv2.BORDER_CONSTANT, value=0))
