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
