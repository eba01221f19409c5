"""How quickly Teach > Your examples opens and follows changes, with few and many examples,
and how long Ctrl+V takes to show a pasted screenshot.

The window is given MNIST test digits from tests/data/mnist_slice.npz as examples (no
model runs: the window only shows them), and each change is timed until Tk has drawn
it. A paste is timed through the real X clipboard (xclip), for a full-HD and a 4K screenshot
of a desktop with a drawing program's window: fetching the picture, and from Ctrl+V to
the picture read on the paper (reading it is Open's work, the same for a file).

Needs an X display; without one it starts Xvfb itself.

    python benchmarks/examples_window_speed.py [--counts 200 2000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def examples_of(count: int):
    """``count`` examples: the slice's test digits over and over, named as the app names them."""
    from draw_app.examples import Example

    with np.load(ROOT / "tests" / "data" / "mnist_slice.npz") as data:
        digits, labels = data["x_test"].astype(np.float32) / 255, data["y_test"]
    return [Example(Path(f"examples/{labels[i % len(labels)]}/20261204-{i // 60:06d}-{i:06d}.png"),
                    int(labels[i % len(labels)]), digits[i % len(digits)]) for i in range(count)]


def settled(root, started: float) -> float:
    root.update()
    return time.perf_counter() - started


def window_times(count: int, repeats: int) -> dict[str, list[float]]:
    """Seconds to open the window with ``count`` examples, to show one more (a lesson), one
    fewer (a forgetting) and to move the selection."""
    import tkinter as tk

    from draw_app.examples_window import ExamplesWindow
    from draw_app.theme import apply_style

    examples = examples_of(count + 1)
    times: dict[str, list[float]] = {"open": [], "a lesson shown": [], "one forgotten": [], "arrow step": []}
    for _ in range(repeats):
        root = tk.Tk()
        apply_style(root)
        started = time.perf_counter()
        window = ExamplesWindow(root, examples[:count], forget=lambda example: True, bring_back=lambda e: True)
        times["open"].append(settled(root, started))
        started = time.perf_counter()
        window.show(examples)
        times["a lesson shown"].append(settled(root, started))
        started = time.perf_counter()
        window.show(examples[1:])
        times["one forgotten"].append(settled(root, started))
        started = time.perf_counter()
        window.step(1)
        times["arrow step"].append(settled(root, started))
        root.destroy()
    return times


def screenshot_png(width: int, height: int) -> bytes:
    """A screenshot of a desktop: a photo-like wallpaper (a gradient with a camera's grain, which
    makes the PNG as large as real ones) and a drawing program's window, its white canvas
    holding a sample digit drawn large."""
    from PIL import Image

    rows, columns = np.mgrid[0:height, 0:width]
    wallpaper = np.stack([60 + 80 * columns / width, 90 + 60 * rows / height, 150 - 50 * columns / width], axis=-1)
    wallpaper += np.random.default_rng(0).normal(0, 4, wallpaper.shape)
    picture = Image.fromarray(np.clip(wallpaper, 0, 255).astype(np.uint8))
    window = Image.new("RGB", (width // 2, height // 2), (225, 225, 228))
    canvas = Image.new("RGB", (window.width - 40, window.height - 80), (255, 255, 255))
    with Image.open(ROOT / "sample_digit" / "3_blue_on_cream.png") as digit:
        digit = digit.convert("RGB")
        digit.thumbnail((canvas.height - 40, canvas.height - 40))
        canvas.paste(digit, ((canvas.width - digit.width) // 2, 20))
    window.paste(canvas, (20, 60))
    picture.paste(window, (width // 4, height // 4))
    data = io.BytesIO()
    picture.save(data, format="PNG")
    return data.getvalue()


def paste_times(png: bytes, repeats: int) -> tuple[list[float], list[float]]:
    """Seconds to fetch the clipboard's picture (draw_app.clipboard, as the worker thread does),
    and from Ctrl+V to the picture read on the paper in the app's window."""
    import tkinter as tk

    from draw_app.app import DigitApp
    from draw_app.clipboard import pasted_picture
    from draw_app.predictor import Predictor

    subprocess.run(["xclip", "-selection", "clipboard", "-t", "image/png", "-i"], input=png, check=True)
    fetches = []
    for _ in range(repeats):
        started = time.perf_counter()
        pasted_picture()
        fetches.append(time.perf_counter() - started)
    root = tk.Tk()
    app = DigitApp(root, Predictor)
    while not app.is_ready():
        root.update()
        time.sleep(0.01)
    pastes = []
    for _ in range(repeats + 1):  # the first reading of a picture warms the model up: not counted
        started = time.perf_counter()
        app.paste_picture()
        while app.is_pasting:
            root.update()
            time.sleep(0.002)
        pastes.append(settled(root, started))
        app.undo()
    root.destroy()
    return fetches, pastes[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[200, 2000], help="examples (default: 200 2000)")
    parser.add_argument("--repeats", type=int, default=5, help="times each is measured (default: 5)")
    args = parser.parse_args()

    display = None
    if not os.environ.get("DISPLAY"):
        from pyvirtualdisplay import Display

        display = Display(size=(1280, 900)).start()
    try:
        for count in args.counts:
            print(f"Your examples with {count} examples (median of {args.repeats}):")
            for name, seconds in window_times(count, args.repeats).items():
                print(f"  {name:<16} {statistics.median(seconds) * 1000:8.1f} ms")
        if shutil.which("xclip"):
            for width, height in ((1920, 1080), (3840, 2160)):
                png = screenshot_png(width, height)
                fetches, pastes = paste_times(png, args.repeats)
                print(f"Ctrl+V of a {width}x{height} screenshot ({len(png) / 1e6:.1f} MB PNG), median of "
                      f"{args.repeats}: the picture fetched {statistics.median(fetches):.2f} s, read on the paper "
                      f"{statistics.median(pastes):.2f} s after the key")
        else:
            print("Ctrl+V not timed: xclip is not installed")
    finally:
        if display:
            display.stop()


if __name__ == "__main__":
    main()
