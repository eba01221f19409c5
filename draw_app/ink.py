"""Where the ink is in any picture of writing, and only the writing's ink.

The first step of reading a picture, before it is cut into digits (draw_app/segment.py)
or brought to MNIST's form (draw_app/preprocess.py): how much ink each pixel holds
against its paper, whatever the colours (ink_map), and then what on the paper is not
writing taken out: a highlighter's band or a tinted patch under the writing
(without_wash), faint ink raised (raised_faint_ink), uneven light over a photo
(evenly_lit), a sheet lying on a desk (sheet_outline, sheet_cut_out), the
lines of lined or squared paper, a printed box or answer line, a dark band along the
edge (without_printed_marks), and strokes drawn as lines of dots joined (joined_dots).
Each rule leaves any picture it does not apply to as it is.

Everything here is a pure function on numpy arrays, so it is tested without a window
or a model.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import cv2
import numpy as np

MIN_CONTRAST = 48
"""Ink must differ from the paper by this much (of 255); fainter marks are texture."""

MAX_SIDE = 1024
"""Larger images are shrunk first; a digit needs no more detail than this."""

UNEVEN_PAPER = 8
"""Paper whose border differs from its own median colour by more than this (of 255), at
the median, is lit unevenly: a photo (see preprocess.to_mnist_candidates)."""

LIGHT_FIT_SIDE = 64
"""The light over a photo is fitted on the picture shrunk to this many pixels a side (see evenly_lit)..."""
LIGHT_DEGREE = 2
"""...as a polynomial of this degree in x and y: a light brighter on one side and falling off
towards the corners, as a lamp and a phone's lens give it, is smooth."""

RULED_LINE_LENGTH = 0.8
"""A printed line of lined or squared paper runs straight across at least this share of the picture..."""
RULED_LINE_SLANT = 5.0
"""...within this many degrees of level or upright (a photo is seldom taken quite square)..."""
RULED_LINE_FAINTNESS = 0.7
"""...and is printed fainter than the pen writes: at most this share of the pen's ink."""
RULED_LINE_SEARCH_SIDE = 400
"""Lines are searched for in the picture shrunk to at most this many pixels a side (see ruled_lines)."""
RULED_LINE_GAP = 0.04
"""Lines of the paper are at least this share of the picture apart; closer, they are one thick line."""
RULED_LINE_CONTRAST = 16
"""Printed lines differ from the paper by at least this much (of 255), less than ink must (MIN_CONTRAST):
in a photo's shadowed corner a squared page's lines came out as faint as 20. Chosen on photographed
MNIST *training* digits (benchmarks/photo_accuracy.py --split train --paper squared, 600 digits):
looking for lines only in pictures whose border holds ink (MIN_CONTRAST), and only among thin things
half as strong, 98.17 % read right in even light and 88.17 % in uneven light; with this for both,
98.83 and 89.17 % (lined paper 98.33 -> 98.50 % and 92.83 % either way; plain paper and pictures
with no digit unchanged)."""

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
FRAME_EDGE = 0.06
"""A box printed along the picture's very edge is at most this share of the picture (or 6 pixels) thick
(see paper_colour)."""
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
EDGE_LINE_BAND = 0.05
"""Where printed lines run along part of the picture's edge, the paper is the colour of most of
the band this share of the picture deep along the edge (see paper_beside_edge_lines)."""

DARK_MARGIN_DEPTH = 0.25
"""A dark band along the picture's edge (the scanner's lid or a desk beside the page) is at
most this share of the picture deep..."""
DARK_MARGIN_GAP = 0.02
"""...and clean paper at least this share of the picture (or 2 pixels) lies between it and the
writing (see without_dark_margins)."""

WASH_BROAD = 1.5
"""(see without_wash) A wash is broader than this many times the pen's stroke width somewhere."""

WASH_SHARE = 0.5
"""(see without_wash) The broad part of a wash comes to at least this share of the pen's ink."""

WASH_FAINTER = 0.7
"""(see without_wash) A wash is at most this share as far from the paper's brightness as the pen is."""

WASH_THIN_PEN = 0.2
"""(see without_wash) The pen over a wash writes strokes at most this share of the picture's shorter side wide."""

WASH_PIECES = 2
"""(see without_wash) A wash is one band or patch, or two: not specks or blocks all over."""

WASH_PAPER = 0.3
"""(see without_wash) A wash lies on paper: at least this share of the picture is clean of ink."""

WASH_FLAT = 0.9
"""(see without_wash) A wash's broad part is of one colour: this share of it within half of MIN_CONTRAST."""

WASH_EDGE = 3
"""(see without_wash) Pixels beyond the broad part of a wash's outline that are still its blurred edge."""

WASH_UNDER = 0.1
"""(see without_wash) At least this share of the pen's ink lies over a wash or crosses its edge."""

WASH_OFF_THE_PEN = 0.25
"""(see without_wash) Of the ink with a wash, at least this share is no blend of the paper and the strongest
ink (the wash is a third of it at least: WASH_SHARE); a drawing in one ink has next to none."""

WASH_FEWEST_PIXELS = 100
"""(see without_wash) Fewer inked pixels than this are too few to tell two colours of ink apart."""

WASH_SAMPLES = 1000
"""(see without_wash) About this many inked pixels, evenly spread, tell the two colours of ink apart."""

TWO_MEANS_ROUNDS = 8
"""(see two_colours) Rounds of two-means at most: two colours of ink are settled in one to three."""

SHEET_SHARE = 0.2
"""A sheet of paper photographed on a desk that shows round it covers at least this share
of the picture..."""
SHEET_SQUARENESS = 0.85
"""...its outline fills at least this share of the smallest rectangle round it, turned as
the sheet is (see sheet_corners)..."""
SHEET_QUADRILATERAL = (0.02, 0.97, 40, 1.03)
"""...or of the four-cornered polygon its outline is, drawn as close as this share of its
length, if that covers at least this share of it, no corner is further than this many
degrees from square and the rectangle is this much larger: a sheet photographed at an
angle (a rectangle is cut out more surely where the light falls off along an edge)..."""
SHEET_FILLED = 0.85
"""...and its "ink" (the paper, as against the desk) at least this share of its outline: a
bold digit cropped tight can be nearly as square, but is strokes round paper..."""
SHEET_WRITING = 0.002
"""...with writing on it: at least this share of it differs from the sheet's own grey by
as much as ink must (a 1 in a fat marker is as square and solid as a sheet, but is one
colour)..."""
SHEET_MARGIN = (6, 0.01)
"""...the desk shows round it on two sides at least, by this many pixels and this share of
the picture's side (the app reads a drawing in its strokes' box with 4 pixels of paper
round it, strokes.INK_MARGIN, and segment.MARGIN keeps 4 round a digit's crop: there a
bold 1 is as square and solid as a sheet)..."""
SHEET_EDGE = 0.005
"""...(where its outline runs within this share of the picture's longer side of the
picture's edge, the sheet runs off the picture there: see off_the_picture and
along_straight_sides)..."""
SHEET_INSET = 0.03
"""...and is read without this share of each side: its edge, and the shadow along it
(see sheet_outline and sheet_cut_out)."""

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

FAINT_CONTRAST = 16
"""Ink fainter than MIN_CONTRAST but at least this strong is still ink on clean paper..."""
CLEAN_PAPER = 1 / 6
"""...where half of the picture differs from the paper by at most this share of the
strongest ink (see raised_faint_ink). Chosen on 1,000 MNIST *training* digits drawn
canvas-style and made faint (16-48 levels) and on faint pictures with no digit
(benchmarks/faint_accuracy.py's pictures, other seeds): asking this of three quarters
of the picture refused 0.9 % of the digits (bold digits on small canvases cover more
than a quarter of them) and read 99.0 % right; of half, 0.2 % and 99.7 %, with 98.3
against 99.0 % of the pictures with no digit refused or marked unsure."""


def ink_map(image: np.ndarray) -> np.ndarray:
    """How much ink each pixel holds, 0 (paper) to 255 (full ink), as uint8.

    The paper is whatever colour fills the border (see paper_colour); ink is whatever
    differs from it, so black on white, white on black and blue on cream all work alike.
    """
    image = shrink_to(image, MAX_SIDE)
    if image.ndim == 3 and image.shape[2] == 4:
        image = flatten_transparency(image)
    paper = paper_colour(image)
    return smoothed_blocks(without_wash(image, difference_from(image, paper), paper))


def without_wash(image: np.ndarray, ink: np.ndarray, paper: np.ndarray) -> np.ndarray:
    """The ink map of a picture (``ink``, against ``paper``) without a broad wash of another
    colour under the writing; any other ink map as it is.

    A number marked with a highlighter, or written on a tinted patch of the page (a sticky
    note on a larger sheet, a coloured answer cell), lies on a broad band that differs from
    the paper as ink does: the digits were one piece with it, and such pictures were
    refused (an outside trial's 10 highlighted digits: 2 read; its 8 numbers: none).

    The ink is split in two by colour (two_colours, on a sample of it). The colour nearer
    the paper's brightness is a wash under the other, the pen's, when it is
    - fainter than the pen (WASH_FAINTER: a coloured pen in a JPEG has a middle and an
      edge a little apart in hue, as dark as each other), on the same side of the paper's
      brightness (the lit middle of a photo is brighter than the paper along its border,
      the pen darker), and of another colour, not a lighter shade of the pen's (the
      fainter parts and soft edges of a blurred stroke are blends of the pen and the
      paper: in a gray picture, every "wash" is; a picture whose ink is nearly all the
      strongest ink's blends with the paper is told at once, WASH_OFF_THE_PEN);
    - broad where the pen's strokes are thin: wider than WASH_BROAD times their width
      somewhere, that broad part as large as WASH_SHARE of the pen's ink, and the pen's
      strokes thin for the picture (WASH_THIN_PEN);
    - under the writing: WASH_UNDER of the pen's ink over it or crossing its edge, the
      two together in one or two pieces (WASH_PIECES), on a picture of which WASH_PAPER
      at least is clean paper;
    - of one colour (WASH_FLAT), as a highlighter's ink or a tint is.
    Over the wash, ink is what differs from the paper's colour, the wash's and every blend
    of the two. A sheet lying on a desk is left to sheet_outline, which cuts it out whole
    (a wash would leave its outline and shadow): a sheet brighter than the desk, which is
    the paper here, under a darker pen is no wash, and a darker note that sheet_outline
    takes for a sheet is not one either.
    """
    if image.ndim == 2:  # in gray a "wash" is a shade of the pen's gray (see below)
        return ink
    inked = ink >= MIN_CONTRAST
    count = np.count_nonzero(inked)
    if not WASH_FEWEST_PIXELS <= count <= (1 - WASH_PAPER) * ink.size:
        return ink
    channels = image.shape[2]
    step = math.ceil(math.sqrt(count / WASH_SAMPLES))  # the two colours are found on a sample of the ink
    sampled = inked[::step, ::step]
    sample = image[::step, ::step][sampled].reshape(-1, channels).astype(np.float32)
    strongest = sample[np.argmax(ink[::step, ::step][sampled])]
    if np.mean(difference_from_blends(sample, paper, strongest) >= MIN_CONTRAST / 2) < WASH_OFF_THE_PEN:
        return ink  # the pen's ink and its blends with the paper, nearly all: one ink (found at once)
    centres = two_colours(sample)
    if centres is None:
        return ink
    beyond_paper = centres.mean(axis=1) - float(np.mean(paper))  # darker (-) or lighter (+) than the paper
    if beyond_paper[0] * beyond_paper[1] <= 0:  # a lit patch brighter than the paper at the border, under a dark pen
        return ink
    if abs(beyond_paper[0]) > abs(beyond_paper[1]):  # the wash is the colour nearer the paper's brightness
        centres, beyond_paper = centres[::-1], beyond_paper[::-1]
    if abs(beyond_paper[0]) > WASH_FAINTER * abs(beyond_paper[1]):
        return ink  # as dark as the pen: a JPEG's coloured pen, its middle and its edge a little apart in hue
    if difference_from_blends(centres[:1], paper, centres[1])[0] < MIN_CONTRAST / 2:
        return ink  # a lighter shade of the pen: a blurred stroke's soft edge, its fainter parts
    sampled_wash = nearer_first(sample, centres)
    if np.count_nonzero(sampled_wash) < WASH_SHARE * np.count_nonzero(~sampled_wash):
        return ink  # a pen's soft edge, mostly: too little to be broad
    wash_coloured = np.zeros(ink.shape, np.uint8)
    wash_coloured[inked] = nearer_first(image[inked].reshape(-1, channels).astype(np.float32), centres)
    pen = (inked & (wash_coloured == 0)).astype(np.uint8) * 255
    pen_area = np.count_nonzero(pen)
    pen_width = stroke_width(pen)
    if not 0 < pen_width <= WASH_THIN_PEN * min(ink.shape):
        return ink
    reach = WASH_BROAD * pen_width / 2
    core = cv2.distanceTransform(wash_coloured, cv2.DIST_L2, 3) > reach
    from_core = cv2.distanceTransform(np.where(core, 0, 255).astype(np.uint8), cv2.DIST_L2, 3)
    broad_area = np.count_nonzero(from_core <= reach)  # the wash opened: its broad part
    if broad_area < WASH_SHARE * pen_area:
        return ink
    region = from_core <= reach + pen_width + WASH_EDGE  # and the strokes that cross it, and its blurred edge
    if cv2.connectedComponents(region.astype(np.uint8))[0] - 1 > WASH_PIECES:
        return ink
    if np.count_nonzero(pen[region]) < WASH_UNDER * pen_area:
        return ink
    if broad_area > SHEET_SHARE * ink.size and sheet_outline(image, ink) is not None:
        return ink  # a note on a desk, which sheet_outline cuts out whole (a wash would leave its outline)
    colours = image[core].reshape(-1, channels)
    colour = np.median(colours, axis=0)
    if np.mean(np.abs(colours - colour).max(axis=1) < MIN_CONTRAST / 2) < WASH_FLAT:
        return ink  # not one colour but a slope of them: a scan's or a blurred photo's soft edge
    unwashed = ink.copy()
    unwashed[region] = difference_from_blends(image[region].reshape(-1, channels), paper, colour)
    return unwashed


def two_colours(colours: np.ndarray) -> np.ndarray | None:
    """The two colours that most of these (N x channels float32) lie near, as 2 x channels;
    None if they are all of nearly one colour (within MIN_CONTRAST along their main axis).

    Two-means, begun from Otsu's split along the colours' main axis: a pen's soft edge on
    white paper lies beyond a yellow wash on that axis, not between the pen and the wash,
    and a few rounds in colour settle where it belongs.
    """
    middle = colours.mean(axis=0)
    along = (colours - middle) @ np.linalg.eigh((colours - middle).T @ (colours - middle))[1][:, -1]
    low, spread = float(along.min()), float(along.max() - along.min())
    if spread < MIN_CONTRAST:
        return None
    scaled = ((along - low) * (255 / spread)).astype(np.uint8)
    split, _ = cv2.threshold(scaled.reshape(1, -1), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    first = scaled <= split  # Otsu leaves both sides some colours, and two-means never empties one
    for _ in range(TWO_MEANS_ROUNDS):
        centres = np.stack([colours[first].mean(axis=0), colours[~first].mean(axis=0)])
        first, before = nearer_first(colours, centres), first
        if np.array_equal(first, before):
            break
    return centres


def nearer_first(colours: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Which of these colours (N x channels) are nearer the first of two centres than the second."""
    return ((colours - centres[0]) ** 2).sum(axis=1) < ((colours - centres[1]) ** 2).sum(axis=1)


def difference_from_blends(pixels: np.ndarray, paper: np.ndarray, other: np.ndarray) -> np.ndarray:
    """How far each of these pixels (N x channels) is from every blend of the ``paper``
    colour and an ``other``, in its most different channel, as uint8: along a wash's soft
    edge its colour and the paper's blend, and a blend is no ink."""
    pixels = pixels.astype(np.float32)
    paper, other = paper.astype(np.float32), other.astype(np.float32)
    towards = other - paper
    share = np.clip((pixels - paper) @ towards / max(float(towards @ towards), 1.0), 0.0, 1.0)
    nearest = paper + share[:, None] * towards
    return np.clip(np.abs(pixels - nearest).max(axis=1) + 0.5, 0, 255).astype(np.uint8)


def difference_from(image: np.ndarray, paper: np.ndarray) -> np.ndarray:
    """How far each pixel is from the ``paper`` colour, in its most different channel, as uint8."""
    difference = cv2.absdiff(image, tuple(float(level) for level in paper) + (0.0,) * (4 - len(paper)))
    if difference.ndim == 3:  # the channels as views: cv2.split's copies took twice as long as the rest
        difference = np.maximum(np.maximum(difference[..., 0], difference[..., 1]), difference[..., 2])
    return difference


def paper_colour(image: np.ndarray) -> np.ndarray:
    """The paper's colour, one level per channel: what fills the picture's border, or, when
    the border is a box printed along the picture's very edge (a form's cell cut out along
    its lines), what fills the ring just inside the box.

    Such a box is one colour all round, unlike a digit that runs off the edge, and the
    paper inside it is one colour too, unlike a bold digit cropped tight: both are asked
    of it (nearly every pixel within half of MIN_CONTRAST of the ring's median), and the
    box must be thin (FRAME_EDGE). And there is writing in it (SHEET_WRITING of it differs
    from its paper as ink does): a thick bar cropped with a few pixels of paper round it
    (a marker's 1, as a number's digits are cropped) is a "box" of paper round "paper" of
    ink, and was read as its outline, a 0. Most pictures are settled by the first test:
    their border is the colour of most of the picture.
    """
    channels = 1 if image.ndim == 2 else image.shape[2]
    border = border_pixels(image)
    outer = np.median(border, axis=0)
    step = max(1, min(image.shape[:2]) // 32)  # a thousand pixels or so: the paper is most of them
    most = np.median(image[::step, ::step].reshape(-1, channels), axis=0)
    if is_near(most, outer):
        return outer
    if not is_one_colour(border, outer, 0.95):
        return paper_beside_edge_lines(image, outer, most)
    for depth in range(1, max(6, round(FRAME_EDGE * min(image.shape[:2]))) + 1):
        ring = border_pixels(image[depth:-depth, depth:-depth])
        inside = np.median(ring, axis=0)
        if not is_near(inside, outer):
            boxed = image[depth + 1:-depth - 1, depth + 1:-depth - 1].reshape(-1, channels).astype(np.float64)
            holds_writing = boxed.size > 0 and \
                np.mean(np.abs(boxed - inside).max(axis=1) >= MIN_CONTRAST) >= SHEET_WRITING
            return inside if is_one_colour(ring, inside, 0.9) and holds_writing else outer
    return outer


def paper_beside_edge_lines(image: np.ndarray, outer: np.ndarray, most: np.ndarray) -> np.ndarray:
    """The paper's colour when printed lines run along part of the picture's edge; else ``outer``,
    the border's median colour (``most``: the picture's).

    Squared paper drawn on a computer, or scanned and cut along its lines, has a line along
    two of its sides and paper along the others: the border's median was the lines' colour,
    all the paper was taken for ink, and a clear 3 was refused. A few pixels in from the
    edge the lines are a smaller share, so the band along the edge (EDGE_LINE_BAND deep)
    is asked: its median colour is the paper if it is that of ``most`` of the picture, not
    ``outer``, and against it the paper's printed lines are found (ruled_lines: several
    side by side, across the picture). A bold digit cropped to its ink may fill most of
    the band, but not most of the picture; a strip of the desk or the scanner's lid along
    two sides that meet is no ruled lines, and stays the paper, as before (taken for ink,
    it made a 0 a sure 9). A picture of fifty pixels or fewer keeps ``outer``.
    """
    depth = round(EDGE_LINE_BAND * min(image.shape[:2]))
    if depth < 3:
        return outer
    band = np.ones(image.shape[:2], bool)
    band[depth:-depth, depth:-depth] = False
    colour = np.median(image[band].reshape(-1, 1 if image.ndim == 2 else image.shape[2]), axis=0)
    if is_near(colour, outer) or not is_near(colour, most) or ruled_lines(difference_from(image, colour)) is None:
        return outer
    return colour


def is_near(colour: np.ndarray, other: np.ndarray) -> bool:
    """Whether two colours differ by less than half of what ink must (MIN_CONTRAST) in every channel."""
    return float(np.abs(colour - other).max()) < MIN_CONTRAST / 2


def is_one_colour(pixels: np.ndarray, colour: np.ndarray, share: float) -> bool:
    """Whether at least ``share`` of the (N, channels) pixels are near ``colour``."""
    return float(np.mean(np.abs(pixels - colour).max(axis=1) < MIN_CONTRAST / 2)) >= share


def border_pixels(image: np.ndarray) -> np.ndarray:
    """The outermost ring of pixels, as (N, channels)."""
    channels = 1 if image.ndim == 2 else image.shape[2]
    ring = np.concatenate([image[0], image[-1], image[1:-1, 0], image[1:-1, -1]])
    return ring.reshape(-1, channels)


def shrink_to(image: np.ndarray, max_side: int) -> np.ndarray:
    """The picture shrunk, anti-aliased, so that its longer side is at most ``max_side``."""
    height, width = image.shape[:2]
    scale = max_side / max(height, width)
    if scale >= 1:
        return image
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)


def flatten_transparency(rgba: np.ndarray) -> np.ndarray:
    """Composite onto paper that contrasts with the visible ink.

    A transparent PNG's background has no colour of its own; dark strokes go on white
    paper and light strokes on black, so the ink never vanishes into its background.
    """
    rgb, alpha = np.ascontiguousarray(rgba[..., :3]), np.ascontiguousarray(rgba[..., 3])
    if alpha.min() > 250:
        return rgb
    visible = cv2.threshold(alpha, 127, 255, cv2.THRESH_BINARY)[1]
    ink_is_dark = not visible.any() or sum(cv2.mean(rgb, mask=visible)[:3]) < 3 * 128
    alpha = cv2.merge([alpha] * 3)
    if ink_is_dark:
        return cv2.subtract(255, cv2.multiply(cv2.subtract(255, rgb), alpha, scale=1 / 255))
    return cv2.multiply(rgb, alpha, scale=1 / 255)


def smoothed_blocks(ink: np.ndarray) -> np.ndarray:
    """An ink map enlarged in blocks (see unblocked), enlarged smoothly instead, to the same
    size; any other ink map as it is.

    A block's hard square edges are like no pen's stroke: scikit-learn's 8x8 scans
    enlarged in blocks to 64x64 were read 59.4 % right and 38.1 % refused
    (benchmarks/other_writers.py), against 94.3 % enlarged smoothly; numbers of three
    such scans side by side, 67.2 % read exactly against 93.2 %.
    """
    small = unblocked(ink)
    if small is ink:
        return ink
    height, width = ink.shape
    return cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)


def unblocked(ink: np.ndarray) -> np.ndarray:
    """A picture enlarged in blocks, every pixel of a small one repeated k x k times (an
    image viewer's nearest-pixel zoom, a pixel-art editor), as the small picture it was
    enlarged from; any other picture as it is.

    Nothing is lost by taking one pixel a block, since a block holds nothing else. The
    block side is the largest that every change from one row to the next, and from one
    column to the next, is a whole number of blocks from the others: so a picture cut
    out of an enlargement, its edge blocks partly cut off, is recovered too. Each way
    needs three changes at least, or a plain bar would pass for blocks. The rows are
    looked at first: in a drawing some neighbouring rows differ, which settles it in
    a few hundredths of a millisecond.
    """
    changes, block = [], 0
    for axis in (0, 1):
        lines = np.flatnonzero(np.diff(ink, axis=axis).any(axis=1 - axis)) + 1
        block = int(np.gcd.reduce(np.diff(lines), initial=block))
        if len(lines) < 3 or block < 2:
            return ink
        changes.append(lines)
    kept = []
    for lines, length in zip(changes, ink.shape):
        first = int(lines[0]) % block  # where the first whole block starts; a cut-off one before it
        kept.append(([0] if first else []) + list(range(first, length, block)))
    return ink[np.ix_(*kept)]


def enlarge_small(ink: np.ndarray, min_side: int) -> np.ndarray:
    """An ink map whose longer side is under ``min_side``, enlarged smoothly to it.

    In a low-resolution scan (an 8x8 or 16x16 digit) one pixel is a good part of a
    stroke and most pixels are partly inked: thresholding and cropping it as it is cut
    off faint edges that hold much of the digit. Enlarged smoothly, its soft edges
    become gradients that threshold like a drawing's. Chosen on MNIST *training* digits
    saved small: at 14x14 read 98.0 % right as they are and 99.0 % enlarged to 64, at
    8x8 16 % and 81 %, at 28x28 the same within 0.1 point (40 and 100 did as well).
    Pictures this size or larger are left alone.
    """
    height, width = ink.shape
    if max(height, width) >= min_side:
        return ink
    scale = min_side / max(height, width)
    return cv2.resize(ink, (max(1, round(width * scale)), max(1, round(height * scale))),
                      interpolation=cv2.INTER_LINEAR)


def raised_faint_ink(ink: np.ndarray) -> np.ndarray:
    """An ink map whose ink is all fainter than MIN_CONTRAST but stands clear of clean
    paper, stretched so that its strongest ink is full; any other ink map as it is.

    A digit in light grey, a faded scan or a pencil pressed lightly on white paper is
    plain to see, yet under MIN_CONTRAST it was all taken for paper texture and the
    picture called blank. Texture is what covers the paper: faint noise, a gradient or a
    grain leaves no clean paper beside it (CLEAN_PAPER) and is left as it is.
    """
    strongest = int(ink.max())
    if not FAINT_CONTRAST <= strongest < MIN_CONTRAST:
        return ink
    step = max(1, min(ink.shape) // 64)  # a few thousand pixels tell whether the paper is clean
    if np.median(ink[::step, ::step]) > CLEAN_PAPER * strongest:
        return ink
    return cv2.convertScaleAbs(ink, alpha=255 / strongest)


def is_lit_unevenly(ink: np.ndarray) -> bool:
    """Whether most of the border differs from the paper's colour: light falling off
    across a photo (ink touching the border changes only part of it)."""
    return float(np.median(border_pixels(ink))) > UNEVEN_PAPER


def evenly_lit(image: np.ndarray) -> np.ndarray:
    """A photo (gray, RGB or RGBA uint8) with its light made even: each colour channel
    divided by a smooth surface fitted to its paper (see light_surface), so that the paper
    is one colour and the ink keeps its strength against it. Alpha is left as it is.

    It replaced taking out of the ink map what an opening a tenth of the picture wide left
    (a number's: 0.15 of its height), which ate strokes wider than that (the window showed
    a bold digit hollow) and, where the paper was lit brighter than its border, counted the
    paper as ink and the ink, near the border's colour, as paper. Photographed MNIST
    *training* digits in uneven light (benchmarks/photo_accuracy.py --split train, 3,000)
    went from 98.57 to 99.43 % read right (even light: 99.50 %), photographed numbers
    (number_accuracy.py --split train --photos uneven, 1,500) from 94.80 to 96.80 % read
    exactly and their touching pairs (300) from 34.0 to 46.7 %; on a desk (500 numbers,
    100 pairs) 87.0 -> 88.0 % and 35 -> 42 %. A polynomial of degree 2 and a first guess
    by a median over half the picture were the first settings tried; they were kept."""
    if image.ndim == 2:
        return evenly_lit_channel(image)
    evened = image.copy()
    for channel in range(min(3, image.shape[2])):
        evened[..., channel] = evenly_lit_channel(image[..., channel])
    return evened


def evenly_lit_channel(pixels: np.ndarray) -> np.ndarray:
    """One uint8 channel with its light made even (see evenly_lit)."""
    evened = cv2.multiply(pixels.astype(np.float32), light_gain(pixels))
    return np.clip(evened + 0.5, 0, 255, out=evened).astype(np.uint8)


def evenly_lit_ink(image: np.ndarray) -> np.ndarray:
    """The ink map of a photo lit unevenly, its light made even first (see evenly_lit);
    transparency is laid on paper first, so that the fit sees the paper the ink map will."""
    image = shrink_to(image, MAX_SIDE)
    if image.ndim == 3 and image.shape[2] == 4:
        image = flatten_transparency(image)
    return ink_map(evenly_lit(image))


def ink_evenly_lit(image: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """A picture's ink map (``ink``, faint ink raised), or, if the picture is a photo lit
    unevenly, its ink map once its light is made even, faint ink raised."""
    return raised_faint_ink(evenly_lit_ink(image)) if is_lit_unevenly(ink) else ink


def light_gain(pixels: np.ndarray) -> np.ndarray:
    """What each pixel of one channel is multiplied by to make its light even: the paper's
    typical level over the light falling on it (light_surface), as float32 the picture's size."""
    surface = np.maximum(light_surface(pixels), 1.0)
    return float(np.median(surface)) / surface


def light_surface(pixels: np.ndarray) -> np.ndarray:
    """The light falling on one channel's paper, as a float32 surface the picture's size: a
    polynomial of LIGHT_DEGREE fitted by least squares to the picture shrunk to LIGHT_FIT_SIDE,
    first to a guess of the paper (the median over squares half the picture wide), then three
    times to the pixels within 2.5 spreads (median absolute deviations) of the last fit, so
    that the ink, darker or lighter than the paper, drops out of it."""
    height, width = pixels.shape
    scale = LIGHT_FIT_SIDE / max(height, width)
    small = cv2.resize(pixels, (max(2, round(width * scale)), max(2, round(height * scale))),
                       interpolation=cv2.INTER_AREA)
    rows, columns = small.shape
    y, x = np.mgrid[-1:1:rows * 1j, -1:1:columns * 1j]
    terms = np.stack([(x ** i * y ** j).ravel() for i in range(LIGHT_DEGREE + 1)
                      for j in range(LIGHT_DEGREE + 1 - i)], axis=1)
    values = small.ravel().astype(np.float32)
    # a first guess that a bold stroke cannot pull: paper is most of any square half the picture wide
    paper_guess = cv2.medianBlur(small, 2 * (max(rows, columns) // 4) + 1).ravel().astype(np.float32)
    coefficients = np.linalg.lstsq(terms, paper_guess, rcond=None)[0]
    for _ in range(3):
        residuals = values - terms @ coefficients
        spread = 1.4826 * float(np.median(np.abs(residuals - np.median(residuals)))) + 1.0
        paper = np.abs(residuals) < 2.5 * spread
        coefficients = np.linalg.lstsq(terms[paper], values[paper], rcond=None)[0]
    fitted = (terms @ coefficients).reshape(rows, columns).astype(np.float32)
    return cv2.resize(fitted, (width, height), interpolation=cv2.INTER_LINEAR)


def sheet_outline(image: np.ndarray, ink: np.ndarray) -> np.ndarray | None:
    """Where a photo (``image``, whose ink map is ``ink``) of a sheet of paper lying on a desk
    that shows round it has the sheet: its outline (a convex polygon, OpenCV's points, in
    the ink map's pixels); None for any other picture.

    The paper's colour is taken from the picture's border, which here is the desk's, so
    the whole sheet was taken for ink and such photos were refused (benchmarks/photo_accuracy.py
    --desk all: 98.9 % of them). A sheet is one piece of "ink" covering much of the picture
    (SHEET_SHARE), nearly a rectangle or, photographed at an angle, a quadrilateral
    (SHEET_SQUARENESS, SHEET_QUADRILATERAL), nearly solid (SHEET_FILLED) but
    with writing on it (SHEET_WRITING), clear of the picture's edge on at least two sides
    (SHEET_MARGIN): a band of light across a photo runs from edge to edge, and a photo's
    shadows are no rectangles.
    """
    inked = cv2.threshold(ink, MIN_CONTRAST - 1, 255, cv2.THRESH_BINARY)[1]
    if cv2.countNonZero(inked) < SHEET_SHARE * inked.size:  # the common answer, at the cost of a count
        return None
    outlines, _ = cv2.findContours(inked, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    outline = cv2.convexHull(max(outlines, key=cv2.contourArea))  # writing that runs off the sheet notches it
    area = cv2.contourArea(outline)
    if area < SHEET_SHARE * inked.size or area < SHEET_SQUARENESS * area_in_picture(sheet_corners(outline, inked.shape),
                                                                                       inked.shape):
        return None
    left, top, box_width, box_height = cv2.boundingRect(outline)
    rows, columns = inked.shape
    margins = [left / columns, top / rows, 1 - (left + box_width) / columns, 1 - (top + box_height) / rows]
    if sum(margin * side >= SHEET_MARGIN[0] and margin >= SHEET_MARGIN[1]
           for margin, side in zip(margins, (columns, rows) * 2)) < 2:
        return None
    inside = cv2.drawContours(np.zeros_like(inked), [outline], -1, 255, cv2.FILLED)
    if cv2.countNonZero(cv2.bitwise_and(inked, inside)) < SHEET_FILLED * cv2.countNonZero(inside):
        return None
    if not has_writing(image, inside):
        return None
    return outline


def has_writing(image: np.ndarray, region: np.ndarray) -> bool:
    """Whether the part of the picture under ``region`` (a uint8 mask the size of its ink
    map), away from the region's edge, holds something of another grey (SHEET_WRITING)."""
    picture = shrink_to(image, MAX_SIDE)
    if picture.shape[:2] != region.shape:  # a picture so small it was enlarged: no photo of a sheet
        return False
    if picture.ndim == 3:
        picture = cv2.cvtColor(flatten_transparency(picture) if picture.shape[2] == 4 else picture,
                               cv2.COLOR_RGB2GRAY)
    core = cv2.erode(region, np.ones((5, 5), np.uint8), iterations=2) > 0
    if not core.any():
        return False
    grey = picture[core].astype(np.int16)
    return np.count_nonzero(np.abs(grey - int(np.median(grey))) >= MIN_CONTRAST) >= SHEET_WRITING * grey.size


def sheet_corners(outline: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """The four corners of the sheet whose outline is ``outline`` (see sheet_outline) in a
    picture of this shape, in no set order: the outline's own when it is nearly a
    quadrilateral whose corners are not far from square and the smallest rectangle round it
    is clearly larger than what of it lies in the picture (SHEET_QUADRILATERAL), as a photo
    taken at an angle makes of a sheet; else that rectangle (a sheet photographed square to
    it, or curled). A sheet may run off the picture (at its near corners, photographed at an
    angle; at a corner of the photo): its sides are then taken on to where they meet, beyond
    the picture's edge (see off_the_picture and along_straight_sides)."""
    outline = outline.astype(np.float32)
    rectangle = cv2.boxPoints(cv2.minAreaRect(outline))
    corners = cv2.approxPolyDP(outline, SHEET_QUADRILATERAL[0] * cv2.arcLength(outline, True), True).reshape(-1, 2)
    corners = off_the_picture(corners, shape)
    if len(corners) == 4:
        corners = along_straight_sides(outline.reshape(-1, 2), corners, shape)
        sides = np.roll(corners, -1, axis=0) - corners
        sides /= np.maximum(np.linalg.norm(sides, axis=1, keepdims=True), 1e-9)
        cosines = np.abs(np.sum(sides * np.roll(sides, 1, axis=0), axis=1))  # at each corner
        if (cv2.contourArea(corners) >= SHEET_QUADRILATERAL[1] * cv2.contourArea(outline)
                and cosines.max() <= np.sin(np.radians(SHEET_QUADRILATERAL[2]))
                and cv2.contourArea(rectangle) > SHEET_QUADRILATERAL[3] * area_in_picture(corners, shape)):
            return corners
    return rectangle


def area_in_picture(corners: np.ndarray, shape: tuple[int, ...]) -> float:
    """The area of the part of a convex polygon (its corners, x, y) that lies within a
    picture of this shape: a sheet's corners may lie beyond the picture's edge."""
    picture = np.float32([[0, 0], [shape[1], 0], [shape[1], shape[0]], [0, shape[0]]])
    polygon = np.ascontiguousarray(corners, np.float32)
    return float(cv2.intersectConvexConvex(polygon, picture)[0]) if cv2.contourArea(polygon) > 0 else 0.0


def along_straight_sides(outline: np.ndarray, corners: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """The corners where the sheet's four sides meet, each side taken along the longest
    straight stretch of ``outline`` (a convex polygon in a picture of this shape) between two
    of ``corners`` (four of its points, in its order) that does not run along the picture's
    edge: blur rounds a sheet's corners, and the polygon's own corner there set a side askew,
    leaving a wedge of desk along it; where the sheet runs off the picture, the outline runs
    along the picture's edge (a trial's sheets photographed at a steep angle, their near
    corners off the photo: cut out as the rectangle round them, with wedges of desk, were
    refused or read as 101 and 131). ``corners`` if a side has no such stretch."""
    edge = SHEET_EDGE * max(shape[:2])
    where = [int(np.argmin(np.hypot(*(outline - corner).T))) for corner in corners]
    lines = []
    for start, end in zip(where, where[1:] + where[:1]):
        stretch = outline[np.arange(start, start + (end - start) % len(outline) + 1) % len(outline)]
        if len(stretch) < 2:
            return corners
        lengths = np.hypot(*np.diff(stretch, axis=0).T)
        lengths[on_picture_edge(stretch[:-1], stretch[1:], shape, edge)] = 0
        longest = int(np.argmax(lengths))
        if lengths[longest] == 0:
            return corners
        lines.append((stretch[longest], stretch[longest + 1]))
    met = []
    for (a, b), (c, d) in zip(lines[-1:] + lines[:-1], lines):  # the side before each corner, and the one after
        corner = where_lines_meet(a, b, c, d)
        if corner is None:
            return corners  # parallel: no corner
        met.append(corner)
    met = np.float32(met)
    side = np.hypot(*np.diff(corners, axis=0).T).max()
    return met if np.hypot(*(met - corners).T).max() <= 0.1 * side else corners


def off_the_picture(corners: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """The corners of a polygon (in a picture of this shape) with each side that runs along
    the picture's edge taken out, the sides either side of it taken on to where they meet
    beyond the edge: where a sheet runs off the picture, its outline follows the edge, and
    its corners lie beyond it. Four corners are left at least; sides that would never meet
    (turned away from each other) stay."""
    edge = SHEET_EDGE * max(shape[:2])
    corners = np.float32(corners)
    while len(corners) > 4:
        count = len(corners)
        along = on_picture_edge(corners, np.roll(corners, -1, axis=0), shape, edge)
        for index in np.flatnonzero(along):
            before, start, end, after = (corners[(index + step) % count] for step in (-1, 0, 1, 2))
            meet = where_lines_meet(before, start, end, after)
            if meet is not None and np.dot(meet - start, start - before) > 0 and np.dot(meet - end, end - after) > 0:
                kept = [corners[(index + step) % count] for step in range(2, count)]
                corners = np.float32([meet, *kept])
                break
        else:
            break  # no side along the edge left that can be taken out
    return corners


def where_lines_meet(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray | None:
    """Where the line through a and b meets the line through c and d; None if they are parallel."""
    ab, cd = b - a, d - c
    across = ab[0] * cd[1] - ab[1] * cd[0]
    if abs(across) <= 1e-6 * np.hypot(*ab) * np.hypot(*cd):
        return None
    return a + ab * ((c - a)[0] * cd[1] - (c - a)[1] * cd[0]) / across


def on_picture_edge(starts: np.ndarray, ends: np.ndarray, shape: tuple[int, ...], edge: float) -> np.ndarray:
    """For each segment from ``starts`` to ``ends`` ((N, 2) x, y), whether both its ends lie
    within ``edge`` pixels of the same side of a picture of this shape."""
    height, width = shape[:2]
    near = [lambda points: points[:, 0] <= edge, lambda points: points[:, 0] >= width - 1 - edge,
            lambda points: points[:, 1] <= edge, lambda points: points[:, 1] >= height - 1 - edge]
    return np.any([side(starts) & side(ends) for side in near], axis=0)


def sheet_cut_out(image: np.ndarray, outline: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sheet within ``outline`` (see sheet_outline, in the picture's pixels), its corners
    (see sheet_corners) drawn in by SHEET_INSET of the sheet, made a rectangle again and turned
    upright (the corner nearest the picture's top left on top: a sheet turned further than
    45 degrees comes out on its side); and the 3x3 matrix that takes its pixels back to the
    picture's.

    Cut out as the smallest rectangle round it, a sheet photographed at an angle kept
    triangles of desk in two of its corners, read as 1s or as a frame round the writing
    (benchmarks/photo_accuracy.py --desk tilted)."""
    corners = sheet_corners(outline, image.shape)
    centre = corners.mean(axis=0)
    corners = centre + (corners - centre) * (1 - 2 * SHEET_INSET)
    (ax, ay), (bx, by) = corners[1] - corners[0], corners[2] - corners[1]
    if ax * by - ay * bx < 0:
        corners = corners[::-1]  # clockwise on the screen (y down), whichever way OpenCV gave them
    top_left, top_right, bottom_right, bottom_left = np.roll(corners, -int(np.argmin(corners.sum(axis=1))), axis=0)
    size = (max(1, round(float(np.hypot(*(top_right - top_left)) + np.hypot(*(bottom_right - bottom_left))) / 2)),
            max(1, round(float(np.hypot(*(bottom_left - top_left)) + np.hypot(*(bottom_right - top_right))) / 2)))
    upright = np.float32([[0, 0], [size[0] - 1, 0], [size[0] - 1, size[1] - 1], [0, size[1] - 1]])
    back = cv2.getPerspectiveTransform(upright, np.float32([top_left, top_right, bottom_right, bottom_left]))
    sheet = cv2.warpPerspective(image, back, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                borderMode=cv2.BORDER_REPLICATE)  # a sheet running off the picture runs on
    return sheet, back


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


def ruled_lines(ink: np.ndarray) -> np.ndarray | None:
    """The printed lines of lined or squared paper in an ink map, as a mask one pixel wide; None if none.

    Printed lines are thin and straight, level or upright, run from edge to edge and
    come several side by side. A digit's own straight strokes are never all of that
    at once: a tightly cropped 7's bar may run from edge to edge, but it is one.
    """
    found = straight_lines(ink, RULED_LINE_LENGTH)
    lines = np.zeros(ink.shape, np.uint8)
    for x1, y1, x2, y2 in found:
        cv2.line(lines, (int(x1), int(y1)), (int(x2), int(y2)), 255, 1)
    # Several lines, not one line found twice (a thick line gives a segment along each edge):
    # where each line crosses the picture's middle, its row if level, its column if upright.
    height, width = ink.shape
    level = [y1 + (y2 - y1) * (width / 2 - x1) / (x2 - x1) for x1, y1, x2, y2 in found if is_level(x1, y1, x2, y2)]
    upright = [x1 + (x2 - x1) * (height / 2 - y1) / (y2 - y1) for x1, y1, x2, y2 in found
               if not is_level(x1, y1, x2, y2)]
    several = any(len(where) >= 2 and np.ptp(where) > RULED_LINE_GAP * min(height, width) for where in (level, upright))
    return lines if several else None


def straight_lines(ink: np.ndarray, length: float) -> list[tuple[float, float, float, float]]:
    """The thin straight lines of an ink map, level or upright (within RULED_LINE_SLANT), that run
    across at least ``length`` of the picture: x1, y1, x2, y2 of each, a line maybe found twice.

    They are looked for among the thin things only (a top-hat), so that shadows and thick
    strokes do not hide them. A picture whose border holds nothing as strong as a faint
    printed line (RULED_LINE_CONTRAST) has none: no line crosses it (any drawing made on a
    canvas, found at once).
    """
    if int(border_pixels(ink).max()) < RULED_LINE_CONTRAST:
        return []
    height, width = ink.shape
    shorter = min(height, width)
    thin = cv2.morphologyEx(ink, cv2.MORPH_TOPHAT, np.ones((2 * (shorter // 100) + 5,) * 2, np.uint8))
    otsu, _ = cv2.threshold(thin, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    thin = cv2.threshold(thin, max(otsu, RULED_LINE_CONTRAST), 255, cv2.THRESH_BINARY)[1]  # not the paper's grain
    # Searched for at most RULED_LINE_SEARCH_SIDE pixels a side (at 1024 the search took a third
    # of a second), every thin thing kept: a pixel of the search is set if any pixel under it is.
    scale = min(1.0, RULED_LINE_SEARCH_SIDE / max(height, width))
    search = cv2.resize(thin, (max(1, round(width * scale)), max(1, round(height * scale))),
                        interpolation=cv2.INTER_AREA)
    search = cv2.threshold(search, 0, 255, cv2.THRESH_BINARY)[1]
    searched = min(search.shape)
    found = cv2.HoughLinesP(search, 1, np.pi / 180, threshold=int(length * searched / 2),
                            minLineLength=length * searched, maxLineGap=max(2, searched // 10))
    lines = []
    for x1, y1, x2, y2 in (found.reshape(-1, 4).astype(float) / scale if found is not None else ()):
        degrees = np.degrees(np.arctan2(abs(y2 - y1), abs(x2 - x1)))
        if (degrees <= RULED_LINE_SLANT and abs(x2 - x1) >= length * width) or \
                (degrees >= 90 - RULED_LINE_SLANT and abs(y2 - y1) >= length * height):
            lines.append((x1, y1, x2, y2))
    return lines


def is_level(x1: float, y1: float, x2: float, y2: float) -> bool:
    """Whether a line found level or upright (see straight_lines) is the level kind."""
    return abs(x2 - x1) > abs(y2 - y1)


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


def ink_threshold(ink: np.ndarray) -> float:
    """The level from which an ink map is ink, as segmentation counts it: Otsu's threshold
    between ink and paper texture, never under half of MIN_CONTRAST."""
    otsu, _ = cv2.threshold(ink, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return max(otsu, MIN_CONTRAST / 2)


def stroke_width(digit: np.ndarray) -> float:
    """Mean stroke width in pixels: twice the ink's area over its outline's length.

    A stroke of width w and length L has area w*L and an outline of about 2*L.
    """
    binary = (digit > 63).astype(np.uint8)
    contours, _ = cv2.findContours(binary, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    outline = sum(cv2.arcLength(contour, True) for contour in contours)
    return 2.0 * float(binary.sum()) / outline if outline else 0.0


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
