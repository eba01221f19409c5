"""Pictures that hold no single hand-drawn digit, the way people feed them to the app.

A network trained on digits alone answers every picture with a digit, often a
confident one: noise reads as a 1, a checkerboard as a 0, a line of text as a 5.
Training also shows it pictures like these, brought to 28x28 by the app's own
preprocessing, with a uniform target over the ten classes, so that it learns to be
unsure of them; the predictor's refusal rule builds on that.

Each kind is a function (rng) -> uint8 image, gray (H, W) or RGB (H, W, 3), 64 to 640
pixels a side; KINDS names them all. Nothing here looks like one digit on purpose:
shapes that could pass for one (a lone ring, a lone bar, a lone slanted line, the
letters O, l, S, Z) are left out, and a picture that still reaches the network as an
upright sliver is drawn again, because teaching the network to doubt those would make
it doubt real digits too. Several digits (a number) are not a "no digit" picture
either, and are left out; text may hold a number among its words.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import cv2
import numpy as np

from draw_app.preprocess import to_mnist

Image = np.ndarray
Colour = tuple[int, int, int]

MIN_SIDE, MAX_SIDE = 64, 640
NOISE_MAX_SIDE = 240
"""Noise canvases stay smaller: preprocessing takes time in proportion to the specks
(30 ms for a 400x400 grain), and what the network sees of noise hardly changes with size."""
GRAY_SHARE = 0.4
"""Share of pictures turned to gray: people open gray scans as well as colour photos."""

HERSHEY_FONTS = [cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_PLAIN, cv2.FONT_HERSHEY_DUPLEX,
                 cv2.FONT_HERSHEY_COMPLEX, cv2.FONT_HERSHEY_TRIPLEX, cv2.FONT_HERSHEY_COMPLEX_SMALL,
                 cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, cv2.FONT_HERSHEY_SCRIPT_COMPLEX]
WORDS = ("the of and to in is you that it he was for on are as with his they at be this have from or one "
         "had by word but not what all were we when your can said there use an each which she do how their "
         "if will up other about out many then them these so some her would make like him into time has look "
         "two more write go see way could people than first water been call who now find long down day did "
         "get come made may part digit draw network image paper canvas pencil hello world notes shopping list "
         "milk bread eggs coffee meeting monday friday total page chapter figure table summary").split()
NUMBERS = ("12", "2024", "3.5", "No. 7", "10:30", "42", "x2", "100%", "1st", "p. 18")
"""Numbers mixed into some lines of text: a page with numbers in it is still no single digit."""

STROKE_LETTERS = "AEHKMNRWX#@%*"
"""Letters and signs for the symbols kind; none is easily taken for a digit (no O, l, S, Z, B, g)."""


# ---------------------------------------------------------------------------- helpers


def canvas_shape(rng: np.random.Generator, max_side: int = MAX_SIDE) -> tuple[int, int]:
    """(height, width): each side 64 to ``max_side`` px, log-uniform, at most 2:1 like photos
    and screens. A narrower canvas filled edge to edge would reach the network as a solid
    upright bar, which is what a bold 1 looks like."""
    while True:
        height, width = np.exp(rng.uniform(math.log(MIN_SIDE), math.log(max_side + 1), 2)).astype(int)
        if max(height, width) <= 2 * min(height, width):
            return int(height), int(width)


def colour(rng: np.random.Generator, low: int = 0, high: int = 256) -> Colour:
    return tuple(int(level) for level in rng.integers(low, high, 3))


def brightness(level: Colour) -> float:
    red, green, blue = level
    return 0.299 * red + 0.587 * green + 0.114 * blue


def contrasting(rng: np.random.Generator, paper: Colour, difference: float = 80) -> Colour:
    """A random colour whose brightness differs from ``paper``'s by ``difference``, so that
    preprocessing sees it as ink in colour and in gray alike."""
    while True:
        ink = colour(rng)
        if abs(brightness(ink) - brightness(paper)) >= difference:
            return ink


def ink_and_paper(rng: np.random.Generator) -> tuple[Colour, Colour]:
    """Two colours that differ clearly in brightness, either way round."""
    dark, light = colour(rng, 0, 110), colour(rng, 170, 256)
    return (dark, light) if rng.random() < 0.75 else (light, dark)


def filled(shape: tuple[int, int], paper: Colour) -> Image:
    """A blank RGB canvas (built channel by channel: three times faster than np.full)."""
    return cv2.merge([np.full(shape, level, np.uint8) for level in paper])


def two_colours(mask: np.ndarray, first: Colour, second: Colour) -> Image:
    """RGB image that is ``first`` where the uint8 ``mask`` is 0 and ``second`` where it is 1."""
    tables = [np.array([low, high] + [0] * 254, np.uint8) for low, high in zip(first, second)]
    return cv2.merge([cv2.LUT(mask, table) for table in tables])


def gray_or_colour(image: Image, rng: np.random.Generator) -> Image:
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if rng.random() < GRAY_SHARE else image


def smooth_noise(rng: np.random.Generator, shape: tuple[int, int], cell: float) -> np.ndarray:
    """float32 noise in about [0, 1] that varies over ``cell`` pixels: small random grid, resized up."""
    height, width = shape
    grid = rng.random((max(2, round(height / cell) + 1), max(2, round(width / cell) + 1)), np.float32)
    return cv2.resize(grid, (width, height), interpolation=cv2.INTER_CUBIC)


def coordinates(shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) float32 grids centred on the image, in pixels."""
    height, width = shape
    x = np.arange(width, dtype=np.float32) - width / 2
    y = np.arange(height, dtype=np.float32) - height / 2
    return x[None, :], y[:, None]


def blend(low: Colour, high: Colour, amount: np.ndarray) -> Image:
    """Per-pixel mix of two colours; ``amount`` is a float array in [0, 1]."""
    amount = np.clip(amount, 0, 1)[..., None]
    mixed = np.asarray(low, np.float32) * (1 - amount) + np.asarray(high, np.float32) * amount
    return mixed.astype(np.uint8)


def add_grain(image: Image, rng: np.random.Generator, sigma: float) -> Image:
    """Grain of standard deviation ``sigma`` in brightness, the same in every channel as most of
    a camera's is; uniformly distributed, which looks the same and costs a fifth of Gaussian."""
    reach = round(sigma * math.sqrt(3))
    if reach == 0:
        return image
    grain = rng.integers(-reach, reach + 1, image.shape[:2], dtype=np.int16)
    if image.ndim == 3:
        grain = cv2.merge([grain] * image.shape[2])
    return np.clip(cv2.add(image.astype(np.int16), grain), 0, 255).astype(np.uint8)


def smooth_image(shape: tuple[int, int], draw: Callable[[tuple[int, int]], Image]) -> Image:
    """``draw`` a smooth picture at most 64 px a side, then enlarge it to ``shape``: the same
    gradient at a fraction of the cost."""
    height, width = shape
    scale = min(1.0, 64 / max(shape))
    small = draw((max(2, round(height * scale)), max(2, round(width * scale))))
    return cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)


def pen_width(rng: np.random.Generator, size: float) -> int:
    """A round pen 2-12 % of the drawing's size, as people pick in the app."""
    return max(2, round(rng.uniform(0.02, 0.12) * size))


def random_walk(rng: np.random.Generator, start: np.ndarray, steps: int, step: float, turn: float,
                box: tuple[float, float, float, float]) -> np.ndarray:
    """(steps, 2) points of a smooth wandering line, folded back into box = (left, top, right, bottom)
    wherever it would leave it, as a hand turns at the paper's edge."""
    headings = rng.uniform(0, 2 * math.pi) + np.cumsum(rng.normal(0, turn, steps))
    path = start + np.cumsum(step * np.stack([np.cos(headings), np.sin(headings)], 1), axis=0)
    low, high = np.array(box[:2]), np.array(box[2:])
    span = np.maximum(high - low, 1.0)
    folded = np.mod(path - low, 2 * span)
    return (low + np.where(folded > span, 2 * span - folded, folded)).astype(np.float32)


def polyline(image: Image, points: np.ndarray, ink: Colour, width: int, closed: bool = False) -> None:
    """Antialiased line of ``width`` through ``points``; OpenCV rounds thick lines' ends like the app's pen."""
    cv2.polylines(image, [np.round(points * 16).astype(np.int32)], closed, ink, width, cv2.LINE_AA, shift=4)


# ---------------------------------------------------------------------------- kinds


def uniform_noise(rng: np.random.Generator) -> Image:
    """Every pixel random, over the full range or a narrower one."""
    shape = canvas_shape(rng, NOISE_MAX_SIDE)
    low = int(rng.integers(0, 128))
    high = int(rng.integers(low + 64, 257))
    channels = (3,) if rng.random() < 0.5 else ()
    return rng.integers(low, high, shape + channels, dtype=np.uint8)


def gaussian_noise(rng: np.random.Generator) -> Image:
    """Grain on flat paper: a dark photo, a bad scan."""
    shape = canvas_shape(rng, NOISE_MAX_SIDE)
    channels = (3,) if rng.random() < 0.6 else ()
    paper = np.asarray(colour(rng, 40, 220)[:len(channels) or 1], np.float32)
    noise = rng.standard_normal(shape + channels, np.float32) * rng.uniform(12, 80)
    return np.clip(paper + noise, 0, 255).astype(np.uint8)


def salt_and_pepper(rng: np.random.Generator) -> Image:
    """Dust, dots and specks scattered over paper."""
    shape = canvas_shape(rng, NOISE_MAX_SIDE)
    ink, paper = ink_and_paper(rng)
    image = filled(shape, paper)
    share = rng.uniform(0.003, 0.2)
    dot = int(rng.choice([1, 1, 2, 3, 5]))
    grid = (shape[0] // dot + 1, shape[1] // dot + 1)
    specks = cv2.resize((rng.random(grid) < share).astype(np.uint8), None, fx=dot, fy=dot,
                        interpolation=cv2.INTER_NEAREST)[:shape[0], :shape[1]].astype(bool)
    image[specks] = ink
    if rng.random() < 0.5:
        other = (rng.random(grid) < share / 2)
        other = cv2.resize(other.astype(np.uint8), None, fx=dot, fy=dot,
                           interpolation=cv2.INTER_NEAREST)[:shape[0], :shape[1]].astype(bool)
        image[other] = colour(rng)
    return gray_or_colour(image, rng)


def gradient(rng: np.random.Generator) -> Image:
    """A smooth linear or radial blend between two colours."""
    shape = canvas_shape(rng)
    low = colour(rng)
    high = contrasting(rng, low, difference=110)
    angle = rng.uniform(0, 2 * math.pi)
    centre = rng.uniform(-0.5, 0.5, 2)
    linear = rng.random() < 0.6
    power = rng.uniform(0.5, 2.0)

    def draw(small: tuple[int, int]) -> Image:
        x, y = coordinates(small)
        if linear:
            along = x * math.cos(angle) + y * math.sin(angle)
            amount = (along - along.min()) / max(float(along.max() - along.min()), 1e-3)
        else:
            distance = np.hypot(x - centre[0] * small[1], y - centre[1] * small[0])
            amount = distance / float(distance.max())
        return blend(low, high, amount ** power)

    image = smooth_image(shape, draw)
    return gray_or_colour(add_grain(image, rng, rng.uniform(0, 4)), rng)


def vignette(rng: np.random.Generator) -> Image:
    """Bright middle fading to dark edges, or the reverse: a lamp-lit sheet, a lens."""
    shape = canvas_shape(rng)
    stretch, reach, power = rng.uniform(0.7, 1.4), rng.uniform(0.9, 1.6), rng.uniform(1.5, 4)
    centre, edge = colour(rng, 150, 256), colour(rng, 0, 110)
    if rng.random() < 0.3:
        centre, edge = edge, centre

    def draw(small: tuple[int, int]) -> Image:
        x, y = coordinates(small)
        distance = np.hypot(x / (small[1] / 2) * stretch, y / (small[0] / 2) / stretch)
        return blend(centre, edge, np.clip(distance / reach, 0, 1) ** power)

    image = smooth_image(shape, draw)
    return gray_or_colour(add_grain(image, rng, rng.uniform(0, 6)), rng)


def checkerboard(rng: np.random.Generator) -> Image:
    """Squares of two colours, sometimes turned, over all of the canvas or part of it."""
    shape = canvas_shape(rng)
    x, y = coordinates(shape)
    cell = rng.uniform(4, max(5.0, min(shape) / 3))
    if rng.random() < 0.4:
        angle = rng.uniform(0, math.pi / 2)
        u = np.floor((x * math.cos(angle) + y * math.sin(angle)) / cell).astype(np.int32)
        v = np.floor((-x * math.sin(angle) + y * math.cos(angle)) / cell).astype(np.int32)
    else:
        u, v = np.floor(x / cell).astype(np.int32), np.floor(y / cell).astype(np.int32)
    image = two_colours(((u + v) & 1).astype(np.uint8), *ink_and_paper(rng))
    if rng.random() < 0.3:
        left, top = rng.integers(0, shape[1] // 3), rng.integers(0, shape[0] // 3)
        board = image[top:top + shape[0] // 2 + 1, left:left + shape[1] // 2 + 1].copy()
        image[:] = colour(rng, 150, 256)
        image[top:top + board.shape[0], left:left + board.shape[1]] = board
    return gray_or_colour(image, rng)


def grid(rng: np.random.Generator) -> Image:
    """Graph paper, lined paper, a dot grid or a table's rules."""
    shape = canvas_shape(rng)
    height, width = shape
    ink, paper = ink_and_paper(rng)
    if rng.random() < 0.5:
        ink = tuple(int(0.5 * i + 0.5 * p) for i, p in zip(ink, paper))  # faint printed rules
    image = filled(shape, paper)
    spacing = rng.uniform(6, max(7.0, min(shape) / 4))
    style = rng.choice(["squares", "lines", "dots", "table"])
    thickness = int(rng.choice([1, 1, 2, 3]))
    offset_x, offset_y = rng.uniform(0, spacing, 2)
    columns = np.arange(offset_x, width, spacing * (rng.uniform(2, 5) if style == "table" else 1))
    rows = np.arange(offset_y, height, spacing)
    if style == "dots":
        for y in rows:
            for x in columns:
                cv2.circle(image, (int(x), int(y)), thickness, ink, -1, cv2.LINE_AA)
        return gray_or_colour(image, rng)
    for y in rows:
        cv2.line(image, (0, int(y)), (width, int(y)), ink, thickness, cv2.LINE_AA)
    if style != "lines":
        for x in columns:
            cv2.line(image, (int(x), 0), (int(x), height), ink, thickness, cv2.LINE_AA)
    elif rng.random() < 0.5:
        margin = int(rng.uniform(0.05, 0.2) * width)
        cv2.line(image, (margin, 0), (margin, height), colour(rng), thickness, cv2.LINE_AA)
    if style == "squares" and rng.random() < 0.5:
        for x in columns[::5]:
            cv2.line(image, (int(x), 0), (int(x), height), ink, thickness + 1, cv2.LINE_AA)
        for y in rows[::5]:
            cv2.line(image, (0, int(y)), (width, int(y)), ink, thickness + 1, cv2.LINE_AA)
    return gray_or_colour(image, rng)


def words(rng: np.random.Generator, count: int) -> str:
    chosen = [str(WORDS[index]) for index in rng.integers(len(WORDS), size=count)]
    if rng.random() < 0.3:
        chosen[int(rng.integers(count))] = str(NUMBERS[rng.integers(len(NUMBERS))])
    if rng.random() < 0.3:
        chosen[0] = chosen[0].capitalize()
    if rng.random() < 0.1:
        chosen = [word.upper() for word in chosen]
    return " ".join(chosen)


def hershey_font(rng: np.random.Generator) -> int:
    return HERSHEY_FONTS[rng.integers(len(HERSHEY_FONTS))] | (cv2.FONT_ITALIC if rng.random() < 0.2 else 0)


def text_line(rng: np.random.Generator) -> Image:
    """One line of two to eight words in a Hershey font, as in a caption or a label."""
    shape = canvas_shape(rng)
    height, width = shape
    ink, paper = ink_and_paper(rng)
    image = filled(shape, paper)
    text = words(rng, int(rng.integers(2, 9)))
    font = hershey_font(rng)
    thickness = int(rng.integers(1, 4))
    (text_width, text_height), _ = cv2.getTextSize(text, font, 1.0, thickness)
    scale = rng.uniform(0.4, 0.95) * width / text_width
    scale = min(scale, 0.5 * height / text_height)
    thickness = max(1, round(thickness * math.sqrt(max(scale, 0.25))))
    (text_width, text_height), baseline = cv2.getTextSize(text, font, scale, thickness)
    x = rng.uniform(0, max(1, width - text_width))
    y = rng.uniform(text_height, max(text_height + 1, height - baseline))
    cv2.putText(image, text, (int(x), int(y)), font, scale, ink, thickness, cv2.LINE_AA)
    return gray_or_colour(image, rng)


def text_page(rng: np.random.Generator) -> Image:
    """A page of text: many lines with ragged ends, maybe a heading."""
    shape = canvas_shape(rng)
    height, width = shape
    ink, paper = ink_and_paper(rng)
    image = filled(shape, paper)
    font = hershey_font(rng)
    lines = int(rng.integers(3, 25))
    line_height = height / (lines + 1)
    (_, text_height), _ = cv2.getTextSize("Hxg", font, 1.0, 1)
    scale = rng.uniform(0.45, 0.7) * line_height / text_height
    thickness = max(1, round(scale * rng.uniform(0.8, 2.2)))
    margin = rng.uniform(0.02, 0.12) * width
    for line in range(lines):
        text = words(rng, int(rng.integers(3, 14)))
        (text_width, _), _ = cv2.getTextSize(text, font, scale, thickness)
        while text_width > width - 2 * margin and " " in text:
            text = text.rsplit(" ", 1)[0]
            (text_width, _), _ = cv2.getTextSize(text, font, scale, thickness)
        y = int((line + 1) * line_height + rng.uniform(-0.1, 0.1) * line_height)
        weight = thickness + (1 if line == 0 and rng.random() < 0.4 else 0)
        cv2.putText(image, text, (int(margin), y), font, scale, ink, weight, cv2.LINE_AA)
    return gray_or_colour(add_grain(image, rng, rng.uniform(0, 8)), rng)


def shape_clutter(rng: np.random.Generator) -> Image:
    """Five to thirty circles, boxes, triangles and lines, outlined or filled, overlapping.

    The shapes are of similar sizes, so that no one of them (a big ring, say, that could
    pass for a 0) takes the picture over while the rest shrink to dust.
    """
    shape = canvas_shape(rng)
    height, width = shape
    _, paper = ink_and_paper(rng)
    image = filled(shape, paper)
    typical = rng.uniform(0.06, 0.2) * min(shape)
    side = min(shape)
    for _ in range(int(rng.integers(5, 31))):
        ink = contrasting(rng, paper)
        thickness = -1 if rng.random() < 0.35 else int(rng.integers(1, max(2, side // 30)))
        x, y = int(rng.integers(width)), int(rng.integers(height))
        size = int(typical * rng.uniform(0.6, 1.6)) + 2
        figure = rng.integers(4)
        if figure == 0:
            cv2.circle(image, (x, y), size, ink, thickness, cv2.LINE_AA)
        elif figure == 1:
            cv2.rectangle(image, (x, y), (x + size, y + int(rng.uniform(0.3, 2) * size)), ink, thickness, cv2.LINE_AA)
        elif figure == 2:
            corners = (np.array([x, y]) + rng.uniform(-size, size, (3, 2))).astype(np.int32)
            if thickness < 0:
                cv2.fillPoly(image, [corners], ink, cv2.LINE_AA)
            else:
                cv2.polylines(image, [corners], True, ink, thickness, cv2.LINE_AA)
        else:
            end = (x + int(rng.uniform(-2, 2) * size), y + int(rng.uniform(-2, 2) * size))
            cv2.line(image, (x, y), end, ink, max(1, thickness), cv2.LINE_AA)
    return gray_or_colour(image, rng)


def scribble(rng: np.random.Generator) -> Image:
    """Many wandering strokes over each other: a crossed-out mess, a toddler's drawing."""
    shape = canvas_shape(rng)
    height, width = shape
    ink, paper = ink_and_paper(rng)
    image = filled(shape, paper)
    region_width, region_height = rng.uniform(0.4, 0.95, 2) * (width, height)
    left, top = rng.uniform(0, width - region_width), rng.uniform(0, height - region_height)
    box = (left, top, left + region_width, top + region_height)
    size = min(region_width, region_height)
    pen = pen_width(rng, size)
    strokes = int(rng.integers(5, 17))
    several_colours = rng.random() < 0.2
    for _ in range(strokes):
        start = np.array([rng.uniform(box[0], box[2]), rng.uniform(box[1], box[3])])
        steps = int(rng.integers(15, 50))
        points = random_walk(rng, start, steps, step=size * rng.uniform(0.03, 0.08), turn=rng.uniform(0.2, 0.9),
                             box=box)
        polyline(image, points, contrasting(rng, paper) if several_colours else ink, pen)
    return gray_or_colour(image, rng)


def blobs(rng: np.random.Generator) -> Image:
    """Irregular filled blobs and roundish patches, like ink stains or a child's painting."""
    shape = canvas_shape(rng)
    ink, paper = ink_and_paper(rng)
    field = smooth_noise(rng, shape, min(shape) / rng.uniform(1.5, 5))
    inside = field > rng.uniform(0.55, 0.75)
    image = two_colours(inside.astype(np.uint8), paper, ink)
    if not inside.any() or rng.random() < 0.4:
        for _ in range(int(rng.integers(2, 6))):
            centre = (int(rng.integers(shape[1])), int(rng.integers(shape[0])))
            radius = int(rng.uniform(0.06, 0.25) * min(shape)) + 2
            axes = (radius, int(radius * rng.uniform(0.6, 1.0)))
            cv2.ellipse(image, centre, axes, rng.uniform(0, 180), 0, 360, contrasting(rng, paper), -1, cv2.LINE_AA)
    return gray_or_colour(cv2.GaussianBlur(image, (3, 3), 0), rng)


def photo_texture(rng: np.random.Generator) -> Image:
    """Smooth noise at several scales, tinted and lit unevenly, maybe with blurred objects in
    front: what a photo looks like up close. Made at most 160 px a side, then enlarged."""
    shape = canvas_shape(rng)
    height, width = shape
    scale = min(1.0, 160 / max(shape))
    small = (max(2, round(height * scale)), max(2, round(width * scale)))
    octaves = [smooth_noise(rng, small, cell) * weight
               for cell, weight in ((min(small) / 2, 1.0), (min(small) / 6, 0.5), (6, 0.25), (2, 0.12))]
    field = sum(octaves)
    lighting = 0.6 + 0.8 * smooth_noise(rng, small, min(small) / 1.5)
    dark, light = colour(rng, 0, 140), colour(rng, 110, 256)
    image = blend(dark, light, (field - field.min()) / max(float(np.ptp(field)), 1e-3))
    image = np.clip(image * lighting[..., None], 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        for _ in range(int(rng.integers(1, 5))):
            corner = (int(rng.integers(small[1])), int(rng.integers(small[0])))
            far = (corner[0] + int(rng.uniform(0.1, 0.5) * small[1]), corner[1] + int(rng.uniform(0.1, 0.5) * small[0]))
            cv2.rectangle(image, corner, far, colour(rng), -1)
        image = cv2.GaussianBlur(image, (0, 0), rng.uniform(0.5, 1.5))
    image = cv2.resize(image, (width, height), interpolation=cv2.INTER_LINEAR)
    return gray_or_colour(add_grain(image, rng, rng.uniform(1, 10)), rng)


# ---------------------------------------------------------------------------- symbols


def star(centre: np.ndarray, radius: float, rng: np.random.Generator) -> list[np.ndarray]:
    points = int(rng.integers(5, 8))
    angles = np.arange(2 * points) * math.pi / points - math.pi / 2
    radii = np.where(np.arange(2 * points) % 2, radius * rng.uniform(0.35, 0.5), radius)
    return [centre + np.stack([radii * np.cos(angles), radii * np.sin(angles)], 1)]


def heart(centre: np.ndarray, radius: float, rng: np.random.Generator) -> list[np.ndarray]:
    t = np.linspace(0, 2 * math.pi, 60)
    x = 16 * np.sin(t) ** 3
    y = -(13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t))
    return [centre + np.stack([x, y], 1) * radius / 17]


def arrow(centre: np.ndarray, radius: float, rng: np.random.Generator) -> list[np.ndarray]:
    """An arrow pointing sideways (an upright one could pass for a 1 with a flag)."""
    angle = rng.uniform(-0.6, 0.6) + (math.pi if rng.random() < 0.5 else 0)
    direction = np.array([math.cos(angle), math.sin(angle)])
    normal = np.array([-direction[1], direction[0]])
    tip, tail = centre + direction * radius, centre - direction * radius
    head = 0.45 * radius
    return [np.stack([tail, tip]), np.stack([tip - direction * head + normal * head * 0.7, tip,
                                             tip - direction * head - normal * head * 0.7])]


def smiley(centre: np.ndarray, radius: float, rng: np.random.Generator) -> list[np.ndarray]:
    t = np.linspace(0, 2 * math.pi, 48)
    face = centre + radius * np.stack([np.cos(t), np.sin(t)], 1)
    mouth_t = np.linspace(0.2 * math.pi, 0.8 * math.pi, 16)
    mouth = centre + 0.6 * radius * np.stack([np.cos(mouth_t), np.sin(mouth_t) * rng.choice([1, -1])], 1)
    mouth[:, 1] += 0.1 * radius
    eyes = [centre + radius * np.array([[side * 0.35, -0.3], [side * 0.35, -0.2]]) for side in (-1, 1)]
    return [face, mouth, *eyes]


def sun(centre: np.ndarray, radius: float, rng: np.random.Generator) -> list[np.ndarray]:
    t = np.linspace(0, 2 * math.pi, 36)
    disc = centre + 0.5 * radius * np.stack([np.cos(t), np.sin(t)], 1)
    rays = int(rng.integers(6, 12))
    angles = np.arange(rays) * 2 * math.pi / rays
    unit = np.stack([np.cos(angles), np.sin(angles)], 1)
    return [disc, *[np.stack([centre + 0.7 * radius * u, centre + radius * u]) for u in unit]]


def house(centre: np.ndarray, radius: float, rng: np.random.Generator) -> list[np.ndarray]:
    r = radius
    outline = centre + np.array([[-0.7, 1], [-0.7, -0.1], [0, -1], [0.7, -0.1], [0.7, 1], [-0.7, 1]]) * r
    door = centre + np.array([[-0.2, 1], [-0.2, 0.4], [0.2, 0.4], [0.2, 1]]) * r
    return [outline, door]


def flower(centre: np.ndarray, radius: float, rng: np.random.Generator) -> list[np.ndarray]:
    """A flower head without a stem: a round head on a stem is what a 9 looks like."""
    petals = int(rng.integers(5, 9))
    t = np.linspace(0, 2 * math.pi, 120)
    r = radius * (0.55 + 0.45 * np.abs(np.cos(petals * t / 2)))
    return [centre + np.stack([r * np.cos(t), r * np.sin(t)], 1)]


def letter_strokes(image: Image, centre: np.ndarray, radius: float, ink: Colour, pen: int,
                   rng: np.random.Generator) -> None:
    """A letter or sign from STROKE_LETTERS, drawn with the pen through a Hershey font."""
    letter = STROKE_LETTERS[rng.integers(len(STROKE_LETTERS))]
    font = hershey_font(rng)
    (width, height), _ = cv2.getTextSize(letter, font, 1.0, 1)
    scale = 2 * radius / max(width, height, 1)
    (width, height), _ = cv2.getTextSize(letter, font, scale, pen)
    origin = (int(centre[0] - width / 2), int(centre[1] + height / 2))
    cv2.putText(image, letter, origin, font, scale, ink, pen, cv2.LINE_AA)


SYMBOLS = [star, heart, arrow, smiley, sun, house, flower]


def symbols(rng: np.random.Generator) -> Image:
    """One to three doodles drawn with the app's round pen: star, heart, arrow, smiley, X, #, @..."""
    shape = canvas_shape(rng)
    height, width = shape
    ink, paper = ink_and_paper(rng)
    image = filled(shape, paper)
    count = int(rng.choice([1, 1, 2, 3]))
    for _ in range(count):
        radius = rng.uniform(0.15, 0.4) * min(shape) / math.sqrt(count)
        centre = np.array([rng.uniform(radius, width - radius), rng.uniform(radius, height - radius)])
        pen = pen_width(rng, 2 * radius)
        if rng.random() < 0.3:
            letter_strokes(image, centre, radius, ink, pen, rng)
            continue
        wobble = 0.03 * radius
        for stroke in SYMBOLS[rng.integers(len(SYMBOLS))](centre, radius, rng):
            polyline(image, stroke + rng.normal(0, wobble, stroke.shape), ink, pen)
    return gray_or_colour(image, rng)


KINDS: dict[str, Callable[[np.random.Generator], Image]] = {
    kind.__name__: kind for kind in (
        uniform_noise, gaussian_noise, salt_and_pepper, gradient, vignette, checkerboard, grid,
        text_line, text_page, shape_clutter, scribble, blobs, photo_texture, symbols)
}
"""Every kind of non-digit picture, by name."""


# ---------------------------------------------------------------------------- for training


ONE_LIKE_WIDTH = 8
"""Ink at most this wide (of 28 px) reaches the network as an upright sliver, which is how
it sees a 1: a narrow vignette or a lone blob would teach it to doubt real 1s."""


def looks_like_a_one(mnist_like: np.ndarray) -> bool:
    columns = np.nonzero((mnist_like > 0.2).any(axis=0))[0]
    return len(columns) == 0 or columns[-1] - columns[0] + 1 <= ONE_LIKE_WIDTH


def non_digit_for_training(rng: np.random.Generator) -> np.ndarray:
    """One non-digit picture of a random kind as the app's 28x28 float image. Pictures that
    preprocessing calls blank (a faint gradient), or that reach the network looking like a 1,
    are drawn again."""
    while True:
        picture = KINDS[list(KINDS)[rng.integers(len(KINDS))]](rng)
        mnist_like = to_mnist(picture)
        if mnist_like is not None and not looks_like_a_one(mnist_like):
            return mnist_like


def non_digits_for_training(count: int, seed: int, first_index: int) -> np.ndarray:
    """`count` non-digit images of random kinds from KINDS, each brought to 28x28 exactly as the app would
    (draw_app.preprocess.to_mnist; images it calls blank are replaced by another draw), uint8 (count, 28, 28).
    Randomness keyed by (seed, first_index + i)."""
    images = np.empty((count, 28, 28), np.uint8)
    for offset in range(count):
        rng = np.random.default_rng([seed, first_index + offset])
        images[offset] = np.round(non_digit_for_training(rng) * 255).astype(np.uint8)
    return images
