"""Numbers written the way people write them, composed from MNIST digits, for measuring.

Each digit is an MNIST digit thinned to its centre line and redrawn with a round pen
(training/restroke.py), one pen for the whole number, and the digits are set side by
side on a line. How they are set is the number's kind:

- generous: gaps of a third to two thirds of a digit's height;
- tight: gaps of a few pixels;
- overlapping: each digit reaches into its neighbour's columns without touching it,
  as a 7's bar reaches over the next digit;
- in pieces: some digits are broken where the pen was lifted, a gap cut across a
  stroke, so they are two or three pieces of ink;
- slanted: the line climbs or falls, or waves;
- sizes: digits of very different sizes, and a small stray mark somewhere;
- touching: two digits whose ink touches, as in cramped writing, without one sinking
  deep into the other's columns (measured apart from the others).

The drawings are dark on light or light on dark, in several colours, some with a
transparent background.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from skimage.morphology import skeletonize

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from canvas_drawings import INKS_ON_PAPER  # noqa: E402

from draw_app.punctuation import with_punctuation  # noqa: E402
from training.restroke import SKELETON_SCALE, centre_line, stroke_mask  # noqa: E402

KINDS = ("generous", "tight", "overlapping", "in pieces", "slanted", "sizes")
"""The kinds of non-touching numbers; "touching" pairs are measured on their own."""


class NoTouch(Exception):
    """The two digits would have to sink deep into each other's columns to touch."""


@dataclass(frozen=True)
class NumberDrawing:
    image: np.ndarray
    number: str
    kind: str
    digits: tuple[np.ndarray, ...]
    """Each digit's ink alone (255 = ink on black), as drawn into the number: what a
    reader of single digits would get if the number were perfectly cut apart."""
    centre_lines: tuple[CentreLine, ...]
    """Each digit's centre line, which the pen followed to draw it."""
    ink: np.ndarray
    """The whole number's ink (255 = ink on black), before it was coloured: for writing
    it on paper and photographing it (photo_accuracy.photographed)."""
    places: tuple[tuple[int, int], ...]
    """Where each of ``digits`` went on the canvas: the x and y of its top-left corner."""
    pen: int
    """The pen's width in pixels."""
    mark: tuple[tuple[float, float], tuple[float, float]] | None = None
    """The stray mark's two ends, for the numbers of kind "sizes"."""
    underlines: tuple[np.ndarray, ...] = ()
    """The centre lines of the strokes underlining the number (see underlined), (x, y) points."""
    sign: tuple[int, str, np.ndarray] | None = None
    """A dash, point or comma between two groups of the digits (see signed): the index of the
    digit it follows, the sign, and its centre line, (x, y) points."""
    brackets: tuple[int, np.ndarray, np.ndarray] | None = None
    """Brackets about the first group of the digits (see bracketed): the index of the digit
    the closing one follows, and the two brackets' centre lines, (x, y) points."""


def compose(digits: list[np.ndarray], labels: list[int], kind: str, rng: np.random.Generator) -> NumberDrawing:
    """The MNIST ``digits`` written side by side as one number of the given kind."""
    size = rng.uniform(50, 130)
    pen = int(max(2, round(rng.uniform(0.04, 0.14) * size)))
    sizes = [size * (rng.uniform(0.5, 1.0) if kind == "sizes" else rng.uniform(0.9, 1.1)) for _ in digits]
    drawn = [drawn_digit(digit, digit_size, pen) for digit, digit_size in zip(digits, sizes)]
    if kind == "in pieces":
        broken = rng.random(len(drawn)) < 0.5
        broken[rng.integers(len(drawn))] = True
        drawn = [broken_apart(*digit, pen, rng) if cut else digit for digit, cut in zip(drawn, broken)]
    masks = [mask for mask, _ in drawn]

    baseline = baseline_offsets(len(masks), size, kind, rng)
    tallest = max(mask.shape[0] for mask in masks)
    margin = int(size * 0.3) + pen
    height = tallest + 2 * margin + int(np.ptp(baseline)) + 1
    canvas = np.zeros((height, 2 * margin + sum(mask.shape[1] for mask in masks) + int(size) * len(masks)), np.uint8)
    x = margin
    places = []
    for index, (mask, lift) in enumerate(zip(masks, baseline)):
        y = margin + tallest - mask.shape[0] + int(lift - baseline.min())
        if index:
            x = next_position(canvas, mask, y, x, kind, size, pen, rng)
        paste(canvas, mask, x, y)
        places.append((x, y))
        x += mask.shape[1]
    mark = add_stray_mark(canvas, size, pen, rng) if kind == "sizes" else None
    canvas = canvas[:, :x + margin]
    return NumberDrawing(colourise(canvas, rng), "".join(map(str, labels)), kind, tuple(masks),
                         tuple(centre for _, centre in drawn), canvas, tuple(places), pen, mark)


def drawn_digit(digit: np.ndarray, size: float, pen: int) -> tuple[np.ndarray, CentreLine]:
    """The digit redrawn ``size`` pixels tall, trimmed to its ink, and the centre line that drew it."""
    span = int(size * 1.3 * max(digit.shape) / 28) + 2 * pen + 4
    mask = stroke_mask(digit, size, pen, (span, span), (pen + 2, pen + 2))
    rows, columns = np.nonzero(mask)
    skeleton = centre_line(digit)
    # where stroke_mask puts the centre line: its top-left pixel at the offset, 20 MNIST pixels to ``size``
    scale = size / 20 / SKELETON_SCALE
    shift = (pen + 2) - np.argwhere(skeleton).min(axis=0)[::-1] * scale - (columns.min(), rows.min())
    return mask[rows.min():rows.max() + 1, columns.min():columns.max() + 1], CentreLine(skeleton, scale, shift)


@dataclass(frozen=True)
class CentreLine:
    """A digit's one-pixel centre line on the fine grid it was drawn from (training/restroke.py),
    and where that grid lands on the digit's ink: x = column * scale + shift[0], y likewise."""
    pixels: np.ndarray
    scale: float
    shift: np.ndarray

    def on_ink(self) -> tuple[np.ndarray, np.ndarray]:
        """The centre line's pixels (rows, columns on the fine grid) and their (x, y) on the ink."""
        fine = np.argwhere(self.pixels)
        return fine, fine[:, ::-1] * self.scale + self.shift

    def lifted(self, where: np.ndarray) -> CentreLine:
        """The centre line without the pixels that fall on ``where`` (a mask on the ink's grid)."""
        fine, xy = self.on_ink()
        columns = np.clip(np.round(xy[:, 0]).astype(int), 0, where.shape[1] - 1)
        rows = np.clip(np.round(xy[:, 1]).astype(int), 0, where.shape[0] - 1)
        pixels = self.pixels.copy()
        pixels[tuple(fine[where[rows, columns] > 0].T)] = False
        return CentreLine(pixels, self.scale, self.shift)

    def moved(self, by: tuple[float, float]) -> CentreLine:
        return CentreLine(self.pixels, self.scale, self.shift + by)

    def pen_paths(self) -> list[np.ndarray]:
        """The strokes a pen makes to draw the centre line: one for each piece of it, (x, y) on the ink."""
        return [path[:, ::-1] * self.scale + self.shift for path in traced(self.pixels)]


def leaning(digit: np.ndarray, degrees: float) -> np.ndarray:
    """The MNIST digit leaning ``degrees`` further to the right (negative: to the left), as
    italic handwriting leans: its rows moved sideways, its middle row staying, in a field
    widened to hold it."""
    if not degrees:
        return digit
    shear = np.tan(np.radians(degrees))
    height = digit.shape[0]
    pad = int(np.ceil(abs(shear) * height / 2)) + 1
    matrix = np.float32([[1, -shear, pad + shear * (height - 1) / 2], [0, 1, 0]])
    return cv2.warpAffine(digit, matrix, (digit.shape[1] + 2 * pad, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=0)


def traced(skeleton: np.ndarray) -> list[np.ndarray]:
    """Each piece of a one-pixel centre line as one pen path of (row, column) points.

    The path starts at the piece's topmost end and goes along the line; where the line
    branches (a 4's crossing, a 6's loop) it comes back over what it drew to take the
    next branch, as a pen going over a stroke again leaves the same ink.
    """
    count, labels = cv2.connectedComponents(skeleton.astype(np.uint8), connectivity=8)
    paths = []
    for label in range(1, count):
        pixels = {(int(row), int(column)) for row, column in np.argwhere(labels == label)}
        ends = [pixel for pixel in pixels if len(neighbours(pixel, pixels)) == 1]
        start = min(ends or pixels)
        path, route, seen, last_new = [start], [start], {start}, 0
        while route:
            step = next((pixel for pixel in neighbours(route[-1], pixels) if pixel not in seen), None)
            if step is None:
                route.pop()
                if route:
                    path.append(route[-1])
                continue
            seen.add(step)
            route.append(step)
            path.append(step)
            last_new = len(path) - 1
        paths.append(np.array(path[:last_new + 1], np.float64))
    return paths


def neighbours(pixel: tuple[int, int], pixels: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pixel's 8-connected neighbours among ``pixels``, straight ones first."""
    row, column = pixel
    return [(row + dy, column + dx) for dy, dx in [(0, 1), (1, 0), (0, -1), (-1, 0), (1, 1), (1, -1), (-1, 1), (-1, -1)]
            if (row + dy, column + dx) in pixels]


def broken_apart(mask: np.ndarray, centre: CentreLine, pen: int,
                 rng: np.random.Generator) -> tuple[np.ndarray, CentreLine]:
    """The digit with a small gap across one of its strokes, as where a pen was lifted.

    The cut goes across the stroke (square to its centre line) at a random point, just
    long enough to sever it; it is kept only if it really leaves the digit in pieces.
    The centre line is lifted where the cut is and within the pen's reach of it
    (STROKES_PEN wide), so the strokes that draw it leave the same gap.
    """
    skeleton = np.argwhere(skeletonize(mask > 127))
    before = pieces_of(mask)
    gap = max(2, round(rng.uniform(0.03, 0.07) * mask.shape[0]))
    for _ in range(20):
        centre_point = skeleton[rng.integers(len(skeleton))]
        near = skeleton[np.hypot(*(skeleton - centre_point).T) <= max(3, pen)]
        direction = np.linalg.svd(near - near.mean(axis=0), full_matrices=False)[2][0] if len(near) > 1 else (1, 0)
        across = np.array([-direction[1], direction[0]]) * (pen / 2 + 2)
        start, end = centre_point - across, centre_point + across
        cut = mask.copy()
        cv2.line(cut, (round(start[1]), round(start[0])), (round(end[1]), round(end[0])), 0, gap)
        if pieces_of(cut) > before:
            rows, columns = np.nonzero(cut)
            reach = round(strokes_pen(pen) / 2)
            pen_tip = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1))
            lifted = cv2.dilate(((mask > 127) & (cut <= 127)).astype(np.uint8), pen_tip)
            return (cut[rows.min():rows.max() + 1, columns.min():columns.max() + 1],
                    centre.lifted(lifted).moved((-columns.min(), -rows.min())))
    return mask, centre


def strokes_pen(pen: int) -> float:
    """The width of Pillow's round pen (the window's) that leaves the ink OpenCV's anti-aliased
    line ``pen`` thick leaves: a pixel and a half wider (their ink's areas within 2 % for the
    digits of 200 numbers; 22 % apart at the same width)."""
    return pen + 1.5


def pieces_of(mask: np.ndarray) -> int:
    """Pieces of ink large enough to see (at least 3 pixels across)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats((mask > 127).astype(np.uint8), connectivity=8)
    return int(sum(max(stats[label, 2], stats[label, 3]) >= 3 for label in range(1, count)))


def baseline_offsets(count: int, size: float, kind: str, rng: np.random.Generator) -> np.ndarray:
    """How far each digit sits above or below a straight line, in pixels."""
    steps = np.arange(count, dtype=np.float64)
    wobble = rng.normal(0, 0.03 * size, count)
    if kind != "slanted":
        return wobble
    if rng.random() < 0.5:
        return steps * size * rng.uniform(-0.3, 0.3) + wobble
    return np.sin(steps * rng.uniform(0.8, 2.0) + rng.uniform(0, 6.3)) * size * rng.uniform(0.1, 0.3) + wobble


def next_position(canvas: np.ndarray, mask: np.ndarray, y: int, after: int, kind: str, size: float, pen: int,
                  rng: np.random.Generator) -> int:
    """Where the next digit's left edge goes, ``after`` being where the last one's box ends."""
    if kind == "generous":
        return after + round(rng.uniform(0.33, 0.67) * size)
    if kind == "tight":
        return after + round(rng.uniform(0.02, 0.08) * size) + 1
    if kind == "overlapping":
        x = after - round(rng.uniform(0.1, 0.3) * size)
        while touches(canvas, mask, x, y, clearance=max(2, pen // 2)):
            x += 1
        return x
    if kind == "touching":
        x = after + 2
        while not touches(canvas, mask, x, y, clearance=0):
            x -= 1
            if after - x > 0.3 * size:
                raise NoTouch
        return x - max(1, pen // 3)
    return after + round(rng.uniform(0.05, 0.5) * size)


def touches(canvas: np.ndarray, mask: np.ndarray, x: int, y: int, clearance: int) -> bool:
    """Whether ``mask`` at (x, y) comes within ``clearance`` pixels of the ink on the canvas.

    With a clearance, even the faintest anti-aliased edges must keep apart; without,
    touching means that solid ink meets solid ink.
    """
    faintest = 0 if clearance else 127
    window = canvas[y:y + mask.shape[0], x:x + mask.shape[1]] > faintest
    ink = mask > faintest
    if clearance:
        ink = cv2.dilate(ink.astype(np.uint8), np.ones((2 * clearance + 1,) * 2, np.uint8)).astype(bool)
    return bool((window & ink).any())


def paste(canvas: np.ndarray, mask: np.ndarray, x: int, y: int) -> None:
    window = canvas[y:y + mask.shape[0], x:x + mask.shape[1]]
    np.maximum(window, mask, out=window)


def add_stray_mark(canvas: np.ndarray, size: float, pen: int,
                   rng: np.random.Generator) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """A dot or a short tick somewhere on the paper, clear of the digits; its two ends (None if none fitted)."""
    rows, columns = np.nonzero(canvas)
    for _ in range(50):
        length = rng.uniform(0.0, 0.12) * size
        x = rng.uniform(columns.min(), columns.max())
        y = rng.uniform(max(pen, rows.min() - 0.3 * size), min(canvas.shape[0] - pen, rows.max() + 0.3 * size))
        angle = rng.uniform(0, 2 * np.pi)
        mark = np.zeros_like(canvas)
        end = (round(x + length * np.cos(angle)), round(y + length * np.sin(angle)))
        cv2.line(mark, (round(x), round(y)), end, 255, max(2, pen), cv2.LINE_AA)
        if not touches(canvas, mark, 0, 0, clearance=max(2, pen)):
            np.maximum(canvas, mark, out=canvas)
            return (round(x), round(y)), end
    return None


def underlined(drawing: NumberDrawing, rng: np.random.Generator) -> NumberDrawing:
    """The number underlined by hand, as a total on a bill or an answer in an exercise book:
    once or twice (a double line half the time), with the number's pen, a little way under
    its lowest ink (0.1-0.4 of its height), from a little before it to a little after it
    (up to a fifth of its width either side, or short of its ends by a tenth), tilted up to
    3 degrees and wavering as a hand does. The picture is coloured afresh."""
    rows, columns = np.nonzero(drawing.ink)
    height, width = rows.max() - rows.min() + 1, columns.max() - columns.min() + 1
    strokes = []
    y = rows.max() + rng.uniform(0.1, 0.4) * height
    start = columns.min() - rng.uniform(-0.1, 0.2) * width
    end = columns.max() + rng.uniform(-0.1, 0.2) * width
    for _ in range(2 if rng.random() < 0.5 else 1):
        x = np.linspace(start, end, 40)
        slope = np.tan(np.radians(rng.uniform(-3, 3)))
        waver = rng.uniform(0, 0.4) * drawing.pen * np.sin(np.linspace(0, rng.uniform(1, 4) * np.pi, 40)
                                                            + rng.uniform(0, 2 * np.pi))
        strokes.append(np.column_stack([x, y + slope * (x - start) + waver]))
        y += rng.uniform(1.5, 3.5) * drawing.pen
        start, end = start + rng.uniform(-0.05, 0.05) * width, end + rng.uniform(-0.05, 0.05) * width
    points = np.concatenate(strokes)
    pad_left = int(max(0, -points[:, 0].min() + drawing.pen + 2))
    pad_right = int(max(0, points[:, 0].max() + drawing.pen + 2 - drawing.ink.shape[1]))
    pad_bottom = int(max(0, points[:, 1].max() + drawing.pen + 2 - drawing.ink.shape[0]))
    ink = cv2.copyMakeBorder(drawing.ink, 0, pad_bottom, pad_left, pad_right, cv2.BORDER_CONSTANT)
    strokes = [stroke + (pad_left, 0) for stroke in strokes]
    for stroke in strokes:
        cv2.polylines(ink, [np.round(stroke).astype(np.int32)], False, 255, drawing.pen, cv2.LINE_AA)
    places = tuple((x + pad_left, y) for x, y in drawing.places)
    mark = None if drawing.mark is None else tuple((x + pad_left, y) for x, y in drawing.mark)
    sign = None if drawing.sign is None else (*drawing.sign[:2], drawing.sign[2] + (pad_left, 0))
    brackets = None if drawing.brackets is None else \
        (drawing.brackets[0], drawing.brackets[1] + (pad_left, 0), drawing.brackets[2] + (pad_left, 0))
    return NumberDrawing(colourise(ink, rng), drawing.number, drawing.kind, drawing.digits,
                         drawing.centre_lines, ink, places,
                         drawing.pen, mark, tuple(strokes), sign, brackets)


def pen_paths(drawing: NumberDrawing, joined: bool = False) -> list[np.ndarray]:
    """The number as a person writes it in the window: digit after digit, stroke after
    stroke, the stray mark last; (x, y) points on the canvas, for a round pen
    strokes_pen(drawing.pen) wide. With ``joined``, without lifting the pen between one
    digit and the next: each digit's last stroke runs straight on into the next digit's
    first, as a hurried hand joins them."""
    paths: list[np.ndarray] = []
    for index, (centre, place) in enumerate(zip(drawing.centre_lines, drawing.places)):
        strokes = [path + place for path in centre.pen_paths()]
        if joined and paths:
            paths[-1] = np.concatenate([paths[-1], strokes.pop(0)])
        if drawing.brackets is not None and index == 0:
            paths.append(drawing.brackets[1])
        paths += strokes
        if drawing.sign is not None and drawing.sign[0] == index:
            paths.append(drawing.sign[2])
        if drawing.brackets is not None and drawing.brackets[0] == index:
            paths.append(drawing.brackets[2])
    if drawing.mark is not None:
        paths.append(np.array(drawing.mark, np.float64))
    return paths + list(drawing.underlines)


def signed(drawing: NumberDrawing, rng: np.random.Generator, sign: str) -> NumberDrawing:
    """The number with a sign between two groups of its digits, after a random digit but the
    last, the digits after it moved right to make room where there is too little: a dash
    ("-", as a phone number is written, 0176-845), a point (".", as a price, 12.50) or a
    comma (",", as 1,000): a dash 0.08-0.35 of a digit's height from each neighbour, a point or
    a comma 0.02-0.35 (so now nearer one, now the other; a trial's point was 0.04 from the 2
    before it). The dash is 0.2-0.45 of a digit long, about halfway up the two digits,
    tilted up to 8 degrees and wavering a little; the point a dot of the pen, a
    flick at most a pen long, on the line they stand on; the comma a short stroke from that
    line down and to the left, 0.15-0.3 of a digit long, a little curved. It is no digit:
    the number reads exactly only with the sign in its place and no digit for it. A stray
    mark (kind "sizes") moves with the digits right of it, and is left out where it would
    then touch the sign. A number of one digit is returned as it is. The picture is
    coloured afresh."""
    if len(drawing.digits) < 2:
        return drawing
    after = int(rng.integers(len(drawing.digits) - 1))
    size = float(np.median([mask.shape[0] for mask in drawing.digits]))

    def ink_box(index: int) -> tuple[int, int, int, int]:
        rows, columns = np.nonzero(drawing.digits[index])
        x, y = drawing.places[index]
        return x + columns.min(), y + rows.min(), x + columns.max() + 1, y + rows.max() + 1

    before, next_one = ink_box(after), ink_box(after + 1)
    length = rng.uniform(0.2, 0.45) * size if sign == "-" else 0.0
    apart = (0.08, 0.35) if sign == "-" else (0.02, 0.35)  # a point or a comma may be written close
    start = before[2] + rng.uniform(*apart) * size + drawing.pen / 2
    foot = (before[3] + next_one[3]) / 2 - drawing.pen / 2

    def room_for(width: float) -> int:
        """How far the digits after the sign move right, for a sign ``width`` wide."""
        return max(0, int(np.ceil(start + width + rng.uniform(*apart) * size + drawing.pen / 2 - next_one[0])))

    if sign == "-":
        room = room_for(length)
        middle = (before[1] + before[3] + next_one[1] + next_one[3]) / 4 + rng.uniform(-0.08, 0.08) * size
        along = np.linspace(start, start + length, 12)
        slope = np.tan(np.radians(rng.uniform(-8, 8)))
        line = np.column_stack([along, middle + slope * (along - along.mean()) + rng.uniform(0, 0.2) * drawing.pen
                                * np.sin(np.linspace(0, np.pi, 12))])
    elif sign == ".":
        flick, angle = rng.uniform(0, 1) * drawing.pen, rng.uniform(0, np.pi)
        y = foot + rng.uniform(-0.05, 0.05) * size
        line = np.array([(start, y), (start + flick * abs(np.cos(angle)) + 0.5, y + flick * np.sin(angle))])
        room = room_for(flick)
    else:
        length, lean = rng.uniform(0.15, 0.3) * size, rng.uniform(0.2, 0.6)  # lean: how far left for each step down
        down = np.linspace(0, 1, 8)
        top = (start + lean * length, foot - rng.uniform(0, 0.05) * size)
        line = np.column_stack([top[0] - lean * length * down ** 1.3, top[1] + length * down])
        room = room_for(lean * length)
    places = tuple((x + room, y) if index > after else (x, y) for index, (x, y) in enumerate(drawing.places))
    below = round(0.3 * size) if sign == "," else 0  # paper for the comma's tail under the line
    ink = np.zeros((drawing.ink.shape[0] + below, drawing.ink.shape[1] + room), np.uint8)
    for mask, (x, y) in zip(drawing.digits, places):
        paste(ink, mask, x, y)
    drawn = np.zeros_like(ink)
    cv2.polylines(drawn, [np.round(line).astype(np.int32)], False, 255, drawing.pen, cv2.LINE_AA)
    mark = drawing.mark
    if mark is not None:
        shift = room if (mark[0][0] + mark[1][0]) / 2 > before[2] else 0
        mark = tuple((x + shift, y) for x, y in mark)
        stroke = np.zeros_like(ink)
        cv2.line(stroke, *(tuple(map(round, end)) for end in mark), 255, max(2, drawing.pen), cv2.LINE_AA)
        if touches(drawn, stroke, 0, 0, clearance=max(2, drawing.pen)):
            mark = None
        else:
            np.maximum(ink, stroke, out=ink)
    np.maximum(ink, drawn, out=ink)
    return NumberDrawing(colourise(ink, rng), drawing.number, drawing.kind, drawing.digits, drawing.centre_lines,
                         ink, places, drawing.pen, mark, drawing.underlines, (after, sign, line))


def bracketed(drawing: NumberDrawing, rng: np.random.Generator) -> NumberDrawing:
    """The number with its first group of digits in brackets, as a phone number's area code
    is written, (555) 0142: the closing bracket after a random digit but the last, the
    digits moved right to make room. Each bracket is an arc from 0-0.15 of a digit's height
    above the group's highest ink to as far below its lowest, bowing 0.04-0.2 of its height
    away from the digits it holds, leaning up to 6 degrees either way, 0.1-0.35 of a digit's
    height from its neighbours; it is no digit: the number reads exactly only with both
    brackets in their places. A stray mark (kind "sizes") moves with the digits after it,
    and is left out where it would then touch a bracket. A number of one digit is returned
    as it is. The picture is coloured afresh. For a number with no sign and no underline yet."""
    if len(drawing.digits) < 2:
        return drawing
    after = int(rng.integers(len(drawing.digits) - 1))
    size = float(np.median([mask.shape[0] for mask in drawing.digits]))
    pen = drawing.pen
    boxes = []
    for mask, (x, y) in zip(drawing.digits, drawing.places):
        rows, columns = np.nonzero(mask)
        boxes.append((x + columns.min(), y + rows.min(), x + columns.max() + 1, y + rows.max() + 1))
    pad = int(np.ceil(0.2 * size + pen))  # paper above and below for the brackets' ends
    group_top, group_bottom = min(box[1] for box in boxes[:after + 1]), max(box[3] for box in boxes[:after + 1])

    def arc(facing: int) -> np.ndarray:
        """A bracket bowing away from the digits (facing 1 for "(", the digits to its right;
        -1 for ")"), its ends at x = 0."""
        top = group_top - rng.uniform(0, 0.15) * size + pad
        bottom = group_bottom + rng.uniform(0, 0.15) * size + pad
        along = np.linspace(-1, 1, 16)
        ys = (top + bottom) / 2 + along * (bottom - top) / 2
        bow = rng.uniform(0.04, 0.2) * (bottom - top)
        lean = np.tan(np.radians(rng.uniform(-6, 6)))
        return np.column_stack([-facing * bow * (1 - along ** 2) - lean * (ys - (top + bottom) / 2), ys])

    def gap() -> float:
        return rng.uniform(0.1, 0.35) * size + pen

    opening, closing = arc(1), arc(-1)
    before_first = gap()
    width = opening[:, 0].max() - opening[:, 0].min()
    first_room = max(0, int(np.ceil(2 * pen + 0.1 * size + width + before_first - boxes[0][0])))  # and a margin
    opening[:, 0] += boxes[0][0] + first_room - before_first - opening[:, 0].max()
    closing[:, 0] += boxes[after][2] + first_room + gap() - closing[:, 0].min()
    second_room = max(0, int(np.ceil(closing[:, 0].max() + gap() - boxes[after + 1][0] - first_room)))

    places = tuple((x + first_room + (second_room if index > after else 0), y + pad)
                   for index, (x, y) in enumerate(drawing.places))
    ink = np.zeros((drawing.ink.shape[0] + 2 * pad, drawing.ink.shape[1] + first_room + second_room), np.uint8)
    for mask, (x, y) in zip(drawing.digits, places):
        paste(ink, mask, x, y)
    drawn = np.zeros_like(ink)
    cv2.polylines(drawn, [np.round(line).astype(np.int32) for line in (opening, closing)], False, 255, pen,
                  cv2.LINE_AA)
    mark = drawing.mark
    if mark is not None:
        shift = first_room + (second_room if (mark[0][0] + mark[1][0]) / 2 > boxes[after][2] else 0)
        mark = tuple((x + shift, y + pad) for x, y in mark)
        stroke = np.zeros_like(ink)
        cv2.line(stroke, *(tuple(map(round, end)) for end in mark), 255, max(2, pen), cv2.LINE_AA)
        if touches(drawn, stroke, 0, 0, clearance=max(2, pen)):
            mark = None
        else:
            np.maximum(ink, stroke, out=ink)
    np.maximum(ink, drawn, out=ink)
    return NumberDrawing(colourise(ink, rng), drawing.number, drawing.kind, drawing.digits, drawing.centre_lines,
                         ink, places, pen, mark, brackets=(after, opening, closing))


def written(drawing: NumberDrawing) -> set[str]:
    """What reads the number right: the number as written, its sign (see signed) in its place
    (12.50 for the digits 1250); and, where the stray mark (kind "sizes") lies in a gap between
    two digits, below the top quarter of their rows, where points, commas and dashes are
    written, also the number with the mark read as one of them (or before the first digit,
    as a minus sign): a reader cannot tell such a mark from one, nor can anyone else. (The
    region was first "at or below the middle of their rows", which left out dashes written
    a little above it: a tick halfway up between a 1 and a 3 of the test numbers, read
    1-38, counted as wrong.)"""
    signs = {drawing.sign[0] + 1: drawing.sign[1]} if drawing.sign is not None else {}
    if drawing.brackets is not None:
        signs[0] = signs.get(0, "") + "("
        signs[drawing.brackets[0] + 1] = ")" + signs.get(drawing.brackets[0] + 1, "")
    texts = {with_punctuation(drawing.number, signs)}
    gap = gap_of_mark(drawing)
    if gap is not None and gap not in signs:
        texts |= {with_punctuation(drawing.number, {**signs, gap: sign}) for sign in ("-" if gap == 0 else "-.,")}
    return texts


def gap_of_mark(drawing: NumberDrawing) -> int | None:
    """The index of the digit before which the stray mark lies where a sign is written (see
    written): between two digits' ink, or before the first, below the top quarter of their
    rows; None if it lies elsewhere, or there is none."""
    if drawing.mark is None:
        return None
    x, y = np.mean(drawing.mark, axis=0)
    boxes = []
    for mask, (left, top) in zip(drawing.digits, drawing.places):
        rows, columns = np.nonzero(mask)
        boxes.append((left + columns.min(), top + rows.min(), left + columns.max() + 1, top + rows.max() + 1))
    for index, box in enumerate(boxes):
        before = boxes[index - 1] if index else box
        if (before[2] if index else -np.inf) <= x <= box[0]:
            top, bottom = (before[1] + box[1]) / 2, (before[3] + box[3]) / 2
            return index if y >= top + (bottom - top) / 4 else None
    return None


def colourise(mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The ink mask as a drawing in one of the benchmark's ink and paper colours."""
    ink, paper = INKS_ON_PAPER[rng.integers(len(INKS_ON_PAPER))]
    if rng.random() < 0.2:
        return np.dstack([np.broadcast_to(np.asarray(ink, np.uint8), mask.shape + (3,)), mask])
    alpha = mask.astype(np.float32)[..., None] / 255
    return (np.asarray(ink, np.float32) * alpha + np.asarray(paper, np.float32) * (1 - alpha)).astype(np.uint8)


def numbers(digits: np.ndarray, labels: np.ndarray, count: int, kinds: tuple[str, ...] = KINDS,
            lengths: range = range(1, 7), seed: int = 0, lean: float = 0.0):
    """Yield ``count`` NumberDrawings, cycling through kinds and lengths, reproducibly; with
    ``lean``, every digit leans that many degrees further to the right (see leaning)."""
    rng = np.random.default_rng(seed)
    for index in range(count):
        kind = kinds[index % len(kinds)]
        length = lengths[(index // len(kinds)) % len(lengths)]
        while True:
            chosen = rng.integers(len(digits), size=length)
            try:
                yield compose([leaning(digits[i], lean) for i in chosen], [int(labels[i]) for i in chosen], kind, rng)
                break
            except NoTouch:
                continue
