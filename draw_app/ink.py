"""Where the ink is in any picture of writing.

The first step of reading a picture, before it is cut into digits (draw_app/segment.py)
or brought to MNIST's form (draw_app/preprocess.py): how much ink each pixel holds
against its paper, whatever the colours (ink_map), with a highlighter's band or a tinted
patch under the writing taken out (without_wash), faint ink raised (raised_faint_ink),
uneven light over a photo made even (evenly_lit) and a sheet lying on a desk found and cut
out (sheet_outline, sheet_cut_out). The paper's printed lines are found here too
(ruled_lines), since telling the paper's colour needs them; taking them and the other marks
that are not writing out of the ink map is draw_app/marks.py's job, and joining strokes
drawn as dots draw_app/dots.py's. Each rule leaves any picture it does not apply to as it is.

Everything here is a pure function on numpy arrays, so it is tested without a window
or a model.
"""

from __future__ import annotations

import math

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
FRAME_EDGE = 0.06
"""A box printed along the picture's very edge is at most this share of the picture (or 6 pixels) thick
(see paper_colour)."""
EDGE_LINE_BAND = 0.05
"""Where printed lines run along part of the picture's edge, the paper is the colour of most of
the band this share of the picture deep along the edge (see paper_beside_edge_lines)."""

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
SHEET_TURNED = 3
"""...or, turned on the desk and filling the photo, runs off it and leaves the desk showing in
at least this many of the photo's corners (two read a few more turned sheets, but took a
lit patch of a number photographed in uneven light, and screenshots of other drawing
programs, for sheets)..."""
SHEET_EDGE = 0.005
"""...(where its outline runs within this share of the picture's longer side of the
picture's edge, the sheet runs off the picture there: see off_the_picture and
along_straight_sides)..."""
SHEET_INSET = 0.03
"""...and is read without this share of each side: its edge, and the shadow along it
(see sheet_outline and sheet_cut_out)."""

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
    most = most_colour(image)
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


def most_colour(image: np.ndarray) -> np.ndarray:
    """The median colour of a thousand pixels or so spread over the picture: the paper's, or a
    sheet's filling the photo, is most of them."""
    channels = 1 if image.ndim == 2 else image.shape[2]
    step = max(1, min(image.shape[:2]) // 32)
    return np.median(image[::step, ::step].reshape(-1, channels), axis=0)


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

    A sheet that fills the photo, turned so that the desk shows in the photo's corners
    only, leaves a border of sheet and desk whose median colour may be either or neither:
    the desk's wedges were then ink, or the sheet a blur of both, and such photos were
    refused (a trial's; benchmarks/photo_accuracy.py --desk turned). The sheet is then
    looked for against the desk's own colour (desk_colour).
    """
    outline = sheet_against(image, ink)
    if outline is not None:
        return outline
    picture = shrink_to(image, MAX_SIDE)
    if picture.shape[:2] != ink.shape:  # a picture so small it was enlarged: no photo of a sheet
        return None
    if picture.ndim == 3 and picture.shape[2] == 4:
        picture = flatten_transparency(picture)
    desk = desk_colour(picture)
    return None if desk is None else sheet_against(image, difference_from(picture, desk))


def desk_colour(picture: np.ndarray) -> np.ndarray | None:
    """The colour of the desk round a sheet that fills the photo (gray or RGB), turned (see
    sheet_outline): of the two colours of the picture's border (two_colours), the one less
    like most of the picture, where it fills at least SHEET_TURNED of the picture's corners;
    None for any other picture (most at once: their border is of one colour)."""
    border = border_pixels(picture).astype(np.float32)
    if is_one_colour(border, np.median(border, axis=0), 0.95):
        return None
    centres = two_colours(border)
    if centres is None:
        return None
    most = most_colour(picture)
    channels = len(most)
    sheet, desk = sorted(centres, key=lambda centre: float(np.abs(centre - most).max()))
    corners = picture[[0, 0, -1, -1], [0, -1, 0, -1]].reshape(4, channels).astype(np.float32)
    in_corners = int(np.count_nonzero(~nearer_first(corners, np.stack([sheet, desk]))))
    return desk if in_corners >= SHEET_TURNED else None


def sheet_against(image: np.ndarray, ink: np.ndarray) -> np.ndarray | None:
    """The outline of the sheet in a photo whose ink map against the desk's colour is ``ink``
    (see sheet_outline); None if there is none."""
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
    inside = cv2.drawContours(np.zeros_like(inked), [outline], -1, 255, cv2.FILLED)
    clear = [margin * side >= SHEET_MARGIN[0] and margin >= SHEET_MARGIN[1]
             for margin, side in zip(margins, (columns, rows) * 2)]
    desk_in_corners = sum(not inside[row, column] for row in (0, rows - 1) for column in (0, columns - 1))
    if sum(clear) < 2 and desk_in_corners < SHEET_TURNED:
        return None
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
    within = off_the_picture(outline.reshape(-1, 2), shape).reshape(-1, 1, 2)
    corners = cv2.approxPolyDP(within, SHEET_QUADRILATERAL[0] * cv2.arcLength(within, True), True).reshape(-1, 2)
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
