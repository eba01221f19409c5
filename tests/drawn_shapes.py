"""Digits as pen strokes, the way people draw them, for the tests of finding digits in
pixels (test_segment.py) and in strokes (test_stroke_digits.py)."""

import math

import numpy as np
from PIL import Image, ImageDraw

from draw_app.strokes import Stroke, paint_stroke

# In a box 0.6 wide and 1 tall (x right, y down).
ONE = [[(0.3, 0.0), (0.3, 1.0)]]
TWO = [[(0.05, 0.2), (0.3, 0.0), (0.55, 0.2), (0.05, 1.0), (0.6, 1.0)]]
FOUR = [[(0.4, 0.0), (0.0, 0.65), (0.6, 0.65)], [(0.45, 0.3), (0.45, 1.0)]]
FIVE_BODY = [[(0.1, 0.0), (0.08, 0.45), (0.4, 0.42), (0.58, 0.7), (0.4, 0.98), (0.05, 0.9)]]
FIVE_BAR = [[(0.14, 0.0), (0.55, 0.0)]]
SEVEN = [[(0.0, 0.0), (0.6, 0.0), (0.2, 1.0)]]
ZERO = [[(0.3 + 0.28 * math.cos(a), 0.5 + 0.48 * math.sin(a)) for a in np.linspace(0, 2 * math.pi, 40)]]
SIX = [[(0.5, 0.0), (0.1, 0.55), (0.15, 0.9), (0.35, 1.0), (0.55, 0.8), (0.4, 0.6), (0.12, 0.7)]]
NINE = [[(0.3 + 0.27 * math.cos(a), 0.28 + 0.27 * math.sin(a)) for a in np.linspace(0, 2 * math.pi, 30)]
        + [(0.57, 0.28), (0.45, 1.0)]]


def strokes_of(shape, left, top, height, pen=10):
    """The shape's strokes drawn ``height`` pixels tall with its top-left corner at (left, top),
    sampled every few pixels like mouse movements."""
    strokes = []
    for path in shape:
        points = [(left + x * height, top + y * height) for x, y in path]
        sampled = [points[0]]
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            steps = max(1, int(math.hypot(x1 - x0, y1 - y0) / 5))
            sampled += [(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps) for i in range(1, steps + 1)]
        strokes.append(Stroke(pen, sampled))
    return strokes


def painted(strokes, size=(900, 300), ink=(0, 0, 0), paper=(255, 255, 255)):
    """The strokes on paper, as an RGB image."""
    image = Image.new("RGB", size, paper)
    pen = ImageDraw.Draw(image)
    for stroke in strokes:
        paint_stroke(pen, stroke.points, stroke.width, ink)
    return np.asarray(image)


def lefts(crops):
    return [crop.box[0] for crop in crops]


def leaning_zero_arc(start, end):
    """Part of a 0 leaning right, from angle ``start`` to ``end`` (degrees, clockwise from
    its right), in the 0.6 x 1 box of the digits above."""
    return [(0.35 + 0.25 * math.cos(a) + 0.3 * (0.5 - y), y)
            for a in np.radians(np.linspace(start, end, 30)) for y in [0.5 + 0.48 * math.sin(a)]]
