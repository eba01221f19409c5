"""Draw sample_digit/: every digit as people draw it, in the ways they save it; and numbers.

Each digit is a few pen strokes along hand-written paths, sampled like mouse
movements with a little jitter, painted with the app's own round pen
(draw_app.strokes) in different sizes, places, pen widths and colour conventions.
The file name says the digit and the variant, e.g. 7_thin.png.

Numbers written with the same strokes go into sample_digit/numbers/, named by what
they are and the number, e.g. year_2026.png: a folder of their own, because every
image directly in sample_digit/ is a single digit named by its first character.

    python tools/draw_sample_digits.py
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from draw_app.strokes import paint_dot, paint_segment  # noqa: E402

OUTPUT = Path(__file__).resolve().parent.parent / "sample_digit"


def arc(cx, cy, rx, ry, start, end, steps=40):
    """Points along an ellipse from angle ``start`` to ``end`` in degrees (y points down)."""
    angles = np.radians(np.linspace(start, end, steps))
    return [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in angles]


def figure_eight(steps=90):
    points = []
    for t in np.linspace(0, 2 * math.pi, steps):
        width = 0.22 if math.cos(t) > 0 else 0.28
        points.append((0.3 + width * math.sin(2 * t), 0.5 * (1 - math.cos(t))))
    return points


# Strokes of each digit in a box 0.6 wide and 1 tall; x to the right, y down.
DIGITS = {
    0: [arc(0.3, 0.5, 0.28, 0.48, -100, 265)],
    1: [[(0.12, 0.2), (0.35, 0.0), (0.35, 1.0)]],
    2: [arc(0.3, 0.28, 0.27, 0.27, 200, 380) + [(0.0, 1.0), (0.62, 1.0)]],
    3: [arc(0.3, 0.25, 0.26, 0.25, 200, 450) + arc(0.3, 0.73, 0.3, 0.27, 270, 500)],
    4: [[(0.42, 0.0), (0.0, 0.65), (0.62, 0.65)], [(0.45, 0.3), (0.45, 1.0)]],
    5: [[(0.55, 0.0), (0.08, 0.0), (0.06, 0.45)] + arc(0.3, 0.69, 0.3, 0.3, 225, 500)],
    6: [[(0.5, 0.0), (0.25, 0.25), (0.08, 0.55)] + arc(0.31, 0.72, 0.26, 0.27, 180, -175)],
    7: [[(0.0, 0.0), (0.6, 0.0), (0.2, 1.0)]],
    8: [figure_eight()],
    9: [arc(0.3, 0.27, 0.27, 0.26, 0, -360) + [(0.52, 1.0)]],
}

# Other ways of writing some digits, used in the numbers.
VARIANT_DIGITS = {
    "1 plain": [[(0.33, 0.0), (0.3, 1.0)]],
    "5 bar apart": [[(0.1, 0.08), (0.07, 0.45)] + arc(0.3, 0.69, 0.3, 0.3, 225, 500), [(0.16, 0.0), (0.58, 0.0)]],
    "7 crossbar": [[(0.0, 0.0), (0.6, 0.0), (0.2, 1.0)], [(0.12, 0.52), (0.52, 0.5)]],
}

COMMA = [[(0.13, 0.8), (0.11, 0.97), (0.0, 1.24)]]
"""A comma's tail, hanging below the line, in the same units as a digit's strokes."""
COMMA_WIDTH = 0.15
"""The room a comma takes on the line, of the digit height (a digit takes 0.62)."""
DASH = [[(0.0, 0.52), (0.3, 0.5)]]
"""A phone number's dash, halfway up the digits."""
DASH_WIDTH = 0.3
OPENING = [[(0.22 - 0.2 * (1 - t * t), 0.5 + 0.58 * t) for t in (-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1)]]
"""An area code's opening bracket, a little taller than the digits, bowing away from them..."""
CLOSING = [[(0.2 * (1 - t * t), 0.5 + 0.58 * t) for t in (-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1)]]
"""...and its closing one."""
BRACKET_WIDTH = 0.35

WHITE, BLACK = (255, 255, 255), (0, 0, 0)

# name: (digit, canvas (w, h), digit height, top-left of digit, pen width, ink, paper, slant)
# paper None means a transparent background.
VARIANTS = {
    "0_black_on_white": (0, (400, 400), 280, (110, 60), 16, BLACK, WHITE, 0),
    "0_thin": (0, (400, 400), 300, (100, 50), 3, BLACK, WHITE, 0),
    "1_small_in_corner": (1, (400, 400), 90, (30, 25), 8, BLACK, WHITE, 0),
    "1_thick": (1, (400, 400), 300, (120, 50), 40, BLACK, WHITE, 8),
    "2_white_on_black": (2, (400, 400), 260, (90, 70), 18, WHITE, BLACK, 0),
    "2_thin": (2, (400, 400), 250, (130, 90), 3, BLACK, WHITE, 0),
    "3_blue_on_cream": (3, (400, 400), 280, (100, 60), 14, (30, 60, 190), (250, 244, 222), 0),
    "3_wide_canvas": (3, (640, 360), 240, (380, 60), 12, BLACK, WHITE, 0),
    "4_transparent": (4, (400, 400), 280, (100, 60), 16, BLACK, None, 0),
    "4_tall_canvas": (4, (300, 500), 300, (60, 120), 14, BLACK, WHITE, 0),
    "5_pencil_on_paper": (5, (400, 400), 270, (110, 70), 7, (95, 95, 95), (232, 230, 224), 0),
    "5_thick": (5, (400, 400), 260, (100, 70), 36, BLACK, WHITE, 0),
    "6_thin": (6, (400, 400), 290, (100, 55), 4, BLACK, WHITE, 0),
    "6_red_on_white": (6, (400, 400), 240, (180, 120), 14, (200, 30, 30), WHITE, 0),
    "7_thin": (7, (400, 400), 280, (110, 60), 3, BLACK, WHITE, 0),
    "7_slanted": (7, (400, 400), 280, (90, 60), 15, BLACK, WHITE, 12),
    "8_black_on_white": (8, (400, 400), 300, (110, 50), 18, BLACK, WHITE, 0),
    "8_tiny_canvas": (8, (56, 56), 40, (17, 8), 4, BLACK, WHITE, 0),
    "9_white_on_black": (9, (400, 400), 280, (110, 60), 20, WHITE, BLACK, 0),
    "9_transparent_white_ink": (9, (400, 400), 260, (120, 70), 18, WHITE, None, 6),
}


# name: (digits, canvas (w, h), digit height, top-left of the first digit, pen width, ink, paper,
# gap between digits (of the digit height), and any digits written another way or size:
# {position: variant name} and {position: (height factor, rise of the top)}.
NUMBERS = {
    "year_2026": ("2026", (900, 360), 200, (110, 80), 14, BLACK, WHITE, 0.25, {}, {}),
    "price_1499": ("1499", (640, 360), 200, (90, 90), 12, (30, 60, 190), (250, 244, 222), 0.2,
                   {0: "1 plain"}, {2: (0.5, 0.0), 3: (0.5, 0.0)}),
    "phone_0612345678": ("0612345678", (1150, 260), 120, (60, 70), 7, BLACK, WHITE, 0.2,
                         {2: "1 plain", 6: "5 bar apart", 8: "7 crossbar"}, {}),
    "light_on_dark_1789": ("1789", (900, 360), 210, (120, 75), 16, WHITE, BLACK, 0.3,
                           {0: "1 plain", 1: "7 crossbar"}, {}),
    "price_with_a_comma_12,50": ("12,50", (800, 360), 190, (90, 70), 13, BLACK, WHITE, 0.2, {0: "1 plain"}, {}),
    "phone_with_a_dash_179-843": ("179-843", (1100, 320), 180, (70, 70), 12, BLACK, WHITE, 0.12, {0: "1 plain"}, {}),
    "phone_with_an_area_code_(555)0142": ("(555)0142", (1250, 320), 170, (50, 75), 11, BLACK, WHITE, 0.15,
                                          {6: "1 plain"}, {}),
}

GROUPS = {"phone_0612345678": (2, 4, 6, 8), "phone_with_an_area_code_(555)0142": (5,)}
"""Where a number has a wider gap, as a phone number is written in pairs."""


def mouse_path(stroke, scale, origin, slant, rng):
    """Resample a stroke every few pixels with a pixel of jitter, as a mouse reports it."""
    points = [(origin[0] + scale * (x + slant * (1 - y) / 100), origin[1] + scale * y) for x, y in stroke]
    jitter = 0.6 * min(1.0, scale / 200)
    sampled = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        steps = max(1, int(math.hypot(x1 - x0, y1 - y0) / 6))
        for step in range(1, steps + 1):
            f = step / steps
            sampled.append((x0 + f * (x1 - x0) + rng.normal(0, jitter), y0 + f * (y1 - y0) + rng.normal(0, jitter)))
    return sampled


def draw_variant(digit, canvas, height, origin, pen, ink, paper, slant, rng) -> Image.Image:
    if paper is None:
        image = Image.new("RGBA", canvas, (*ink, 0))
        ink = (*ink, 255)
    else:
        image = Image.new("RGB", canvas, paper)
    painter = ImageDraw.Draw(image)
    for stroke in DIGITS[digit]:
        points = mouse_path(stroke, height, origin, slant, rng)
        paint_dot(painter, points[0], pen, ink)
        for start, end in zip(points, points[1:]):
            paint_segment(painter, start, end, pen, ink)
    if paper is not None and paper != WHITE and paper != BLACK:
        grain = rng.normal(0, 6, (canvas[1], canvas[0], 1))
        image = Image.fromarray(np.clip(np.asarray(image) + grain, 0, 255).astype(np.uint8))
    return image


def draw_number(name, digits, canvas, height, origin, pen, ink, paper, gap, variants, sizes, rng) -> Image.Image:
    """The digits (and any comma, dash or brackets among them) side by side on a slightly rising line,
    each drawn as in draw_variant."""
    image = Image.new("RGB", canvas, paper)
    painter = ImageDraw.Draw(image)
    x, y = origin
    for position, digit in enumerate(digits):
        if digit == ",":
            strokes, width = COMMA, COMMA_WIDTH
        elif digit == "-":
            strokes, width = DASH, DASH_WIDTH
        elif digit in "()":
            strokes, width = OPENING if digit == "(" else CLOSING, BRACKET_WIDTH
        else:
            strokes, width = VARIANT_DIGITS[variants[position]] if position in variants else DIGITS[int(digit)], 0.62
        factor, rise = sizes.get(position, (1.0, 0.0))
        if position in GROUPS.get(name, ()):
            x += gap * height
        for stroke in strokes:
            points = mouse_path(stroke, height * factor, (x, y - rise * height - 0.02 * height * position), 4, rng)
            paint_dot(painter, points[0], pen, ink)
            for start, end in zip(points, points[1:]):
                paint_segment(painter, start, end, pen, ink)
        x += (width + gap) * height * factor
    if paper != WHITE and paper != BLACK:
        grain = rng.normal(0, 6, (canvas[1], canvas[0], 1))
        image = Image.fromarray(np.clip(np.asarray(image) + grain, 0, 255).astype(np.uint8))
    return image


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0] + " (rewrites every file there)").parse_args()
    OUTPUT.mkdir(exist_ok=True)
    rng = np.random.default_rng(7)
    for name, variant in VARIANTS.items():
        draw_variant(*variant, rng).save(OUTPUT / f"{name}.png")
        print(f"wrote {OUTPUT.name}/{name}.png")
    (OUTPUT / "numbers").mkdir(exist_ok=True)
    rng = np.random.default_rng(11)
    for name, number in NUMBERS.items():
        draw_number(name, *number, rng).save(OUTPUT / "numbers" / f"{name}.png")
        print(f"wrote {OUTPUT.name}/numbers/{name}.png")


if __name__ == "__main__":
    main()
