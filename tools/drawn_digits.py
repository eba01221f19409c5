"""Digits as pen strokes, the way a person draws them: for screenshots and benchmarks of the window.

Each digit is a list of strokes, each a list of (x, y) points, in a box 100 wide and
160 tall; ``number_strokes`` places several side by side on a paper 400 units tall.
"""

from __future__ import annotations

import math

Point = tuple[float, float]


def line(start: Point, end: Point, steps: int = 10) -> list[Point]:
    return [(start[0] + (end[0] - start[0]) * i / steps, start[1] + (end[1] - start[1]) * i / steps)
            for i in range(steps + 1)]


def arc(centre: Point, radius: Point, start_degrees: float, end_degrees: float, steps: int = 24) -> list[Point]:
    return [(centre[0] + radius[0] * math.cos(math.radians(angle)), centre[1] + radius[1] * math.sin(math.radians(angle)))
            for angle in [start_degrees + (end_degrees - start_degrees) * i / steps for i in range(steps + 1)]]


DIGITS: dict[str, list[list[Point]]] = {
    "0": [arc((50, 85), (42, 75), -90, 270, 36)],
    "1": [line((30, 40), (60, 10)) + line((60, 10), (60, 160))[1:]],
    "2": [arc((50, 50), (40, 40), 200, 360) + line((90, 50), (10, 160))[1:] + line((10, 160), (95, 160))[1:]],
    "3": [arc((48, 42), (40, 33), -160, 90) + arc((48, 115), (45, 45), -90, 155)[1:]],
    "4": [line((60, 10), (5, 110)) + line((5, 110), (95, 110))[1:], line((70, 60), (70, 160))],
    "5": [line((85, 10), (20, 10)) + line((20, 10), (15, 75))[1:] + arc((50, 112), (42, 45), -130, 150)[1:]],
    "6": [line((80, 10), (20, 90)) + arc((50, 115), (38, 45), 200, 560, 36)],
    "7": [line((10, 10), (90, 10)) + line((90, 10), (35, 160))[1:]],
    "8": [arc((50, 42), (33, 33), 90, 450, 30) + arc((50, 117), (40, 42), -90, 270, 30)],
    "9": [arc((50, 45), (38, 36), 0, 360, 30) + line((88, 45), (75, 160))[1:]],
}


def number_strokes(number: str, left: float = 60, top: float = 110, spacing: float = 150) -> list[list[Point]]:
    """The strokes of ``number``, its digits left to right, for a paper 400 units tall."""
    return [[(left + place * spacing + x, top + y) for x, y in stroke]
            for place, digit in enumerate(number) for stroke in DIGITS[digit]]
