"""Turn any drawing of a digit into the 28x28 image an MNIST-trained network expects.

MNIST digits were made one way: the digit's bounding box scaled to fit 20x20 keeping
its aspect ratio, anti-aliased, then placed in a 28x28 field so that its centre of
mass sits at the centre, bright ink on black. A network trained on them reads a
drawing well only when the drawing is brought to that same form, and reads it badly
otherwise (after a plain resize to 28x28 it reads only about one drawing in five).

Everything here is a pure function on numpy arrays, so it is tested without a window
or a model.
"""

from __future__ import annotations

import cv2
import numpy as np

from draw_app.dots import joined_dots
from draw_app.ink import (MIN_CONTRAST, enlarge_small, evenly_lit_ink, ink_map, is_lit_unevenly, raised_faint_ink,
                          sheet_cut_out, sheet_outline, stroke_width)
from draw_app.marks import without_printed_marks, without_underlines

MNIST_SIDE = 28
DIGIT_BOX = 20
MNIST_CENTRE = 14.0
"""Where MNIST's centres of mass sit, in pixel-index coordinates (measured: 14.0 +- 0.3)."""

MIN_STROKE_WIDTH = 0.11
"""Thinnest stroke, as a fraction of the digit's longer side (MNIST's median: 0.11)."""

SPECK = 0.25
"""A piece of ink under this share of the largest piece's extent..."""

SPECK_REACH = 1.0
"""...further than this (of the largest extent) from the rest of the digit is a speck (see specks_far_off).
Both chosen on scanned pages of MNIST *training* digits (benchmarks/scan_accuracy.py --split
train --count 200 --seed 1), with 1-3 specks on each: 84.5, 98.0 and 98.5 % read right at
SPECK 0.15, 0.25 and 0.4 (reach 0.5), 98.5 % at 0.25 with reach 1.0, as many as without
specks; of the two best, the one that takes out less."""

BLOB = 2.2
"""Ink no longer than this many times its stroke width (stroke_width: twice its area over its
outline, which for a long stroke is its width, for a round dot its radius) is a dot or a
blob, not a digit: a round dot is 2.0, a stroke 1.2 times as long as the pen is wide 2.3.
A click on the paper leaves a round dot, which the network reads as a 0 at 50-65 %, too
sure to be refused. MNIST's most blob-like training digit, a 0 written solid, is 2.39 (1 %
are under 4.1), so no digit MNIST has is taken for one."""

WORK_SIDE = 4 * DIGIT_BOX
"""Strokes are thickened at this size, so the cost does not grow with the canvas."""

SMALL_SIDE = 64
"""Smaller images are enlarged smoothly first (see enlarge_small)."""

NARROWED_WIDTH = 0.5
"""A digit filling its picture is also read squeezed to this much of its height (see narrowed)."""

FILL_MARGIN = 0.08
"""Ink this near every edge (of the side, and a pixel at most) fills its picture: a scan's box
may leave a blank row or column. Chosen with NARROWED_WIDTH on 3,000 MNIST training digits
scaled to fill a 15x16 box: 98.4 % read right, against 96.5 % without narrowing (the same
digits cropped to their ink and left their shape: 99.40 %, against 99.43 %)."""

SOLID_INK = 0.95
"""A small picture more than this share ink is a block, not a digit to narrow: of the training
digits scaled to fill their box, none is more than 0.97 ink and 99 % are under 0.83."""


def to_mnist(image: np.ndarray) -> np.ndarray | None:
    """A gray, RGB or RGBA uint8 drawing -> float32 28x28 in [0, 1], or None if blank."""
    return mnist_from_ink(enlarge_small(ink_map(image), SMALL_SIDE))


def to_mnist_candidates(image: np.ndarray, unlined: bool = False) -> list[np.ndarray]:
    """The 28x28s a picture may hold, as the app and predict.py read it: as to_mnist makes
    it, but with faint ink raised, what was printed on the paper taken out and lines of
    dots joined, and, when its paper is lit unevenly, also with its light made even
    (ink.evenly_lit); empty if blank. A photo of a sheet lying on a desk is also read
    within the sheet. With ``unlined``, only the 28x28s that a line drawn under the digit
    changes, with the line taken out (marks.without_underlines): what lies flat under a
    digit may also be its own foot (a 2 or a 3 drawn in two goes), so they are read only
    when the picture as it is reads doubtfully (Predictor.predict).

    In a photo of ink on paper the light falls off across the sheet, and the darker
    paper differs from the border's colour as much as ink does: the whole shadow is
    taken for ink (benchmarks/photo_accuracy.py: 69.7 % of MNIST test digits read right
    in uneven light, most of the rest refused). Making the light even fixes that (98.9 %),
    but it would take the strokes of a digit cropped so tight that its ink fills the
    border, whose border looks just as uneven, for the paper; which of the two holds the
    digit is for the network to say (Predictor.predict reads both). So with a sheet: the picture is read
    as a whole and within the sheet, since a bold digit with a lighter seam can pass for
    a sheet with writing on it (see sheet_outline). The whole picture's come first, as
    they came before sheets were looked for (examples.read_example takes the first).
    """
    ink = raised_faint_ink(enlarge_small(ink_map(image), SMALL_SIDE))
    outline = sheet_outline(image, ink)
    if outline is None:
        return candidates_in(image, ink, unlined)
    sheet, _ = sheet_cut_out(image, outline * (image.shape[1] / ink.shape[1]))
    sheet_ink = raised_faint_ink(enlarge_small(ink_map(sheet), SMALL_SIDE))
    return candidates_in(image, ink, unlined) + candidates_in(sheet, sheet_ink, unlined)


def candidates_in(image: np.ndarray, ink: np.ndarray, unlined: bool = False) -> list[np.ndarray]:
    """The 28x28s of a picture whose ink map is ``ink`` (see to_mnist_candidates)."""
    inks = [ink]
    if is_lit_unevenly(ink):
        inks.append(raised_faint_ink(enlarge_small(evenly_lit_ink(image), SMALL_SIDE)))
    inks = [without_printed_marks(ink) for ink in inks]
    if unlined:
        inks = [without_line for ink in inks if (without_line := without_underlines(ink)) is not ink]
    return [digit for ink in inks if (digit := mnist_from_ink(joined_dots(ink))) is not None]


def narrowed_candidates(image: np.ndarray) -> list[np.ndarray]:
    """The 28x28s of a small picture (a low-resolution scan, under SMALL_SIDE) whose ink fills
    it (see fills_its_picture), the ink narrowed (see narrowed); none for any other picture.

    Only a small one: the collections that scale digits to fill a box are scans of a few
    dozen pixels, while a large picture filled with "ink" is most often no digit at all
    (a photo, a gradient, a blob), whose narrowed ink is a fine 1. Nor one that is nearly
    all ink (SOLID_INK), a block with no strokes in it. A picture that is as narrow
    already gives nothing: it has been read as it is."""
    if max(image.shape[:2]) >= SMALL_SIDE:
        return []
    ink = ink_map(image)
    scan = without_printed_marks(raised_faint_ink(ink))
    if not fills_its_picture(scan) or np.mean(scan >= MIN_CONTRAST) > SOLID_INK:
        return []
    ink = without_printed_marks(raised_faint_ink(enlarge_small(ink, SMALL_SIDE)))
    if ink.shape[1] <= NARROWED_WIDTH * ink.shape[0]:
        return []
    digit = mnist_from_ink(joined_dots(narrowed(ink)))
    return [] if digit is None else [digit]


def fills_its_picture(ink: np.ndarray) -> bool:
    """Whether ink reaches every edge of the picture, as a digit scaled to fill its box does: to
    within a pixel, and less on a picture under 1 / FILL_MARGIN pixels a side. A drawing's crop
    keeps 4 pixels of paper round its ink (Drawing.ink_array, segment.MARGIN)."""
    rows = np.flatnonzero(ink.max(axis=1) >= MIN_CONTRAST)
    columns = np.flatnonzero(ink.max(axis=0) >= MIN_CONTRAST)
    if not len(rows):
        return False
    height, width = ink.shape
    across, down = min(1.0, FILL_MARGIN * width), min(1.0, FILL_MARGIN * height)
    return (rows[0] <= down and rows[-1] >= height - 1 - down
            and columns[0] <= across and columns[-1] >= width - 1 - across)


def narrowed(ink: np.ndarray) -> np.ndarray:
    """The ink map squeezed to NARROWED_WIDTH of its height.

    Some collections of scanned digits scale every digit to fill a fixed box, whatever
    its shape (USPS's 16x16, the Dutch utility maps' 15x16 of UCI's "multiple
    features" set), so a 1 is a slab as wide as an 8, which no pen draws, and MNIST
    keeps each digit's shape: such a 1 read as a 4, a 7 or nothing. A digit that fills
    its picture may be one of those, so when the picture as it is reads doubtfully, it
    is also read narrowed (Predictor.predict). The width was chosen on 3,000 MNIST
    *training* digits scaled to fill a 15x16 box, read as they are and narrowed, the
    surer reading taken: 96.5 % read right as they were (72 % of the 1s); narrowed to 0.5
    of their height, 99.3 % (1s 98.2 %); to 0.4 or 0.35, 99.3 and 99.2 %.
    """
    height = ink.shape[0]
    return cv2.resize(ink, (max(1, round(NARROWED_WIDTH * height)), height), interpolation=cv2.INTER_AREA)


def mnist_from_ink(ink: np.ndarray) -> np.ndarray | None:
    """An ink map -> float32 28x28 in [0, 1] as MNIST's digits were made, or None if blank."""
    digit = crop_to_digit(ink)
    if digit is None:
        return None
    digit = thicken_thin_strokes(digit)
    return center_by_mass(fit_into_box(digit, DIGIT_BOX))


def crop_to_digit(ink: np.ndarray) -> np.ndarray | None:
    """The ink's bounding box with paper texture and specks removed; None if no ink.

    Otsu's threshold splits ink from paper; pieces whose extent is tiny next to the
    largest stroke are dust, not part of the digit, and so are small ones far from it
    (specks_far_off). What remains is stretched so that
    full ink is 255, whatever the pen's colour or the paper's.
    """
    if int(ink.max()) < MIN_CONTRAST:
        return None
    otsu, _ = cv2.threshold(ink, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    threshold = max(otsu, MIN_CONTRAST / 2)
    binary = cv2.threshold(ink, threshold, 255, cv2.THRESH_BINARY)[1]
    pieces, _ = cv2.findContours(binary, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = np.array([cv2.boundingRect(piece) for piece in pieces]).reshape(-1, 4)
    extents = boxes[:, 2:].max(axis=1)
    if not len(pieces) or extents.max() < 3:
        return None
    kept = extents >= 0.1 * extents.max()
    kept[kept] = ~specks_far_off(boxes[kept], extents[kept])  # dust taken out brings no speck nearer
    if not kept.all():
        ink = ink.copy()
        dust = [piece for piece, keep in zip(pieces, kept) if not keep]
        cv2.drawContours(ink, dust, -1, 0, thickness=cv2.FILLED)
        cv2.drawContours(ink, dust, -1, 0, thickness=3)
    left, top = boxes[kept, :2].min(axis=0)
    right, bottom = (boxes[kept, :2] + boxes[kept, 2:]).max(axis=0)
    crop = ink[top:bottom, left:right]
    return stretch_contrast(crop, floor=threshold / 2, inked=binary[top:bottom, left:right])


def specks_far_off(boxes: np.ndarray, extents: np.ndarray) -> np.ndarray:
    """Which pieces (boxes as x, y, width, height, and their extents) are specks far from the digit.

    The digit is where the larger pieces are (SPECK of the largest extent or more), with
    any smaller piece that lies within SPECK_REACH of it; a smaller piece further off is
    dust on a scan, a stray dot of the pen or a click on the paper. Kept, it stretched the
    digit's box across the page and left the digit a dot in the middle of it: one speck a
    millimetre wide anywhere on an A4 scan made a digit 1-1.6 cm tall "no digit found".
    Where the larger pieces are scattered (noise, a field of specks) their box holds the
    rest, and nothing is taken out.
    """
    digit = extents >= SPECK * extents.max()
    reach = SPECK_REACH * extents.max()
    while True:  # a piece within reach of the digit brings it within reach of the next one
        left, top = boxes[digit, :2].min(axis=0)
        right, bottom = (boxes[digit, :2] + boxes[digit, 2:]).max(axis=0)
        gaps = np.max([left - boxes[:, 0] - boxes[:, 2], boxes[:, 0] - right,
                       top - boxes[:, 1] - boxes[:, 3], boxes[:, 1] - bottom], axis=0)
        near = ~digit & (gaps <= reach)
        if not near.any():
            return ~digit
        digit |= near


def stretch_contrast(ink: np.ndarray, floor: float, inked: np.ndarray) -> np.ndarray:
    """Map ``floor`` to 0 and the typical inked value to 255 (uint8 in, uint8 out).

    MNIST strokes are saturated in their core; a grey pencil or a hairline that
    shrinking has faded must look the same to the network. ``inked`` is a uint8 mask
    of the pixels that are surely ink; their 90th percentile counts as full ink.
    """
    histogram = cv2.calcHist([ink], [0], inked, [256], [0, 256]).ravel().cumsum()
    full = float(np.searchsorted(histogram, 0.9 * histogram[-1])) if histogram[-1] else float(ink.max())
    lifted = cv2.subtract(ink, round(floor))
    return cv2.convertScaleAbs(lifted, alpha=255.0 / max(full - round(floor), 1.0))


def thicken_thin_strokes(digit: np.ndarray) -> np.ndarray:
    """Bring strokes up to MNIST's width, the way a 3px brush on 28x28 looks.

    A thin pen on a large canvas shrinks to hairlines at 20x20, which MNIST never
    shows the network. Work at WORK_SIDE so the cost is the same for any canvas.
    """
    height, width = digit.shape
    scale = WORK_SIDE / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    work = cv2.resize(digit, size, interpolation=interpolation)
    missing = MIN_STROKE_WIDTH * WORK_SIDE - stroke_width(work)
    if missing < 1:
        return work
    diameter = max(2, round(missing))
    pad = diameter
    work = cv2.copyMakeBorder(work, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0)
    pen = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (diameter, diameter))
    inked = cv2.threshold(work, 0, 255, cv2.THRESH_BINARY)[1]
    work = stretch_contrast(cv2.dilate(work, pen), floor=0.0, inked=inked)
    rows, columns = np.nonzero(work)
    return work[rows.min():rows.max() + 1, columns.min():columns.max() + 1]


def fit_into_box(digit: np.ndarray, box: int) -> np.ndarray:
    """Scale so the longer side is ``box`` pixels, keeping the aspect ratio, anti-aliased."""
    height, width = digit.shape
    scale = box / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    return cv2.resize(digit, size, interpolation=interpolation)


def center_by_mass(digit: np.ndarray) -> np.ndarray:
    """Place the digit in 28x28 with its centre of mass at MNIST's centre, in [0, 1].

    The shift is whole pixels, as in MNIST, so the strokes stay as sharp as theirs; a
    lopsided digit is moved only as far as keeps all of it inside the field.
    """
    digit = digit.astype(np.float32)
    height, width = digit.shape
    total = float(digit.sum())
    if total == 0:
        return np.zeros((MNIST_SIDE, MNIST_SIDE), np.float32)
    centre_y = float(digit.sum(axis=1) @ np.arange(height)) / total
    centre_x = float(digit.sum(axis=0) @ np.arange(width)) / total
    top = min(max(round(MNIST_CENTRE - centre_y), 0), MNIST_SIDE - height)
    left = min(max(round(MNIST_CENTRE - centre_x), 0), MNIST_SIDE - width)
    field = np.zeros((MNIST_SIDE, MNIST_SIDE), np.float32)
    field[top:top + height, left:left + width] = digit
    return field / field.max()


def is_blob(digit: np.ndarray) -> bool:
    """Whether the 28x28 digit in [0, 1] is a dot or a blob, hardly longer than its strokes are wide (BLOB)."""
    ink = np.round(digit * 255).astype(np.uint8)
    rows, columns = np.nonzero(ink > 63)
    if not len(rows):
        return False
    length = max(np.ptp(rows), np.ptp(columns)) + 1
    return bool(length < BLOB * stroke_width(ink))


NEARBY_SHIFTS = ((1, 0), (-1, 0), (0, 1), (0, -1))
"""Moves of one pixel (right, left, down, up) for nearby_views."""
NEARBY_TURNS = (-8.0, 8.0)
"""Turns in degrees for nearby_views."""


def nearby_views(digit: np.ndarray) -> list[np.ndarray]:
    """The 28x28 digit moved one pixel each way and turned 8 degrees each way.

    A reading is the mean of the network's evidence on the digit and on these views:
    where the drawing happens to fall on the pixel grid, or a slight slant, then no
    longer tips a close call. The app, the command line and the training script's
    calibration all read this way. Chosen on the validation split, where these six
    views did better than shifts or turns alone, on MNIST's digits as on styled ones.
    """
    centre = ((MNIST_SIDE - 1) / 2, (MNIST_SIDE - 1) / 2)
    moves = [np.float32([[1, 0, right], [0, 1, down]]) for right, down in NEARBY_SHIFTS]
    turns = [cv2.getRotationMatrix2D(centre, degrees, 1.0) for degrees in NEARBY_TURNS]
    # Ink moved past the edge is lost, as off a sheet of paper, never wrapped round to the other side.
    return [cv2.warpAffine(digit, matrix, (MNIST_SIDE, MNIST_SIDE), flags=cv2.INTER_LINEAR,
                           borderMode=cv2.BORDER_CONSTANT, borderValue=0) for matrix in moves + turns]
