"""Driving Tk widgets like a person would, and reading back the pictures they show."""

import time

import numpy as np


def pump(root, seconds=0.1):
    """Let Tk run its event loop for a while: timers fire, windows are laid out and drawn."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        root.update()
        time.sleep(0.005)


def line(start, end, steps=12):
    return [(start[0] + (end[0] - start[0]) * i / steps, start[1] + (end[1] - start[1]) * i / steps)
            for i in range(steps + 1)]


def stroke(widget, points, release=True):
    """Press, drag through ``points`` and release the left button on ``widget``."""
    widget.event_generate("<ButtonPress-1>", x=round(points[0][0]), y=round(points[0][1]))
    for x, y in points[1:]:
        widget.event_generate("<B1-Motion>", x=round(x), y=round(y))
        widget.update()
    if release:
        widget.event_generate("<ButtonRelease-1>", x=round(points[-1][0]), y=round(points[-1][1]))
    widget.update()


def scaled(points, side, drawn_on=400):
    """Points drawn for a 400-pixel paper, placed the same on a paper ``side`` pixels square."""
    return [(x * side / drawn_on, y * side / drawn_on) for x, y in points]


def shown_picture(widget) -> np.ndarray:
    """The RGB pixels of the photo a Label, or a Canvas's first image item, is showing.

    Read back from Tk itself (what it draws on the screen), not from our own copy.
    """
    widget.update()
    if widget.winfo_class() == "Canvas":
        name = widget.itemcget(widget.find_withtag("all")[0], "image")
    else:
        name = widget.cget("image")
    rows = widget.tk.splitlist(widget.tk.call(name, "data"))
    hexadecimal = "".join(rows).replace("#", "").replace(" ", "")
    return np.frombuffer(bytes.fromhex(hexadecimal), np.uint8).reshape(len(rows), -1, 3)


def press(root, sequence):
    """A key press as the window receives it (focus on the window first)."""
    root.focus_force()
    root.event_generate(sequence)
    root.update()


def arc(centre, radius, start_degrees, end_degrees, steps=24):
    import math

    return [(centre[0] + radius[0] * math.cos(math.radians(angle)), centre[1] + radius[1] * math.sin(math.radians(angle)))
            for angle in [start_degrees + (end_degrees - start_degrees) * i / steps for i in range(steps + 1)]]


DIGITS = {
    "0": [arc((50, 85), (42, 75), -90, 270, 36)],
    "1": [line((30, 40), (60, 10)) + line((60, 10), (60, 160))[1:]],
    "2": [arc((50, 50), (40, 40), 200, 360) + line((90, 50), (10, 160))[1:] + line((10, 160), (95, 160))[1:]],
    "4": [line((60, 10), (5, 110)) + line((5, 110), (95, 110))[1:], line((70, 60), (70, 160))],
    "5": [line((85, 10), (20, 10)) + line((20, 10), (15, 75))[1:] + arc((50, 112), (42, 45), -130, 150)[1:]],
    "7": [line((10, 10), (90, 10)) + line((90, 10), (35, 160))[1:]],
    "9": [arc((50, 45), (38, 38), 0, 360, 30) + line((88, 45), (80, 160))[1:]],
}
"""Digits as a person draws them, in a box 100 wide and 160 tall."""


def number_strokes(number, left=60, top=110, spacing=150):
    """The strokes of ``number``, digit by digit left to right, for a paper 400 tall."""
    return [[(left + place * spacing + x, top + y) for x, y in points]
            for place, digit in enumerate(number) for points in DIGITS[digit]]
