"""Take the README's screenshots of the window: digits drawn with generated mouse events.

Each screenshot is the whole window (menu bar included) at one size, taken from the X
screen with ImageMagick's ``import``. Without a display it starts Xvfb itself.

    python tools/window_screenshots.py [--output docs]
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.drawn_digits import arc, line, number_strokes  # noqa: E402

SCREEN = (1800, 1200)

THREE = [arc((195, 135), (75, 62), -160, 90) + arc((195, 265), (85, 68), -90, 155)[1:]]
"""Drawn for a paper 400 units tall."""
FOUR = [line((225, 70), (110, 250)) + line((110, 250), (300, 250))[1:], line((240, 150), (240, 340))]
ONE_WITH_A_FLAG = [line((120, 100), (215, 65)) + line((215, 65), (215, 335))[1:]]
"""A long flag at a wide angle: a 1 that is also most of a 7 without its bar."""


class Window:
    """The app in a Tk window, drawn on through generated events."""

    def __init__(self, geometry: str | None) -> None:
        import tkinter as tk

        from draw_app.app import DigitApp
        from draw_app.predictor import Predictor

        self.root = tk.Tk()
        self.app = DigitApp(self.root, Predictor)
        self.root.geometry(f"{geometry or ''}+0+0")
        while not self.app.is_ready():
            self.pump(0.02)
        self.pump(0.5)

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.root.update()
            time.sleep(0.005)

    def draw(self, strokes, width=None) -> None:
        canvas = self.app.canvas
        scale = canvas.winfo_height() / 400
        if width:
            self.app.pen_width.set(width)
        for points in strokes:
            points = [(x * scale, y * scale) for x, y in points]
            canvas.event_generate("<ButtonPress-1>", x=round(points[0][0]), y=round(points[0][1]))
            for x, y in points[1:]:
                canvas.event_generate("<B1-Motion>", x=round(x), y=round(y))
                self.root.update()
            canvas.event_generate("<ButtonRelease-1>", x=round(points[-1][0]), y=round(points[-1][1]))
        self.pump(0.5)

    def save(self, path: Path) -> None:
        """The window and its menu bar, as they are on the screen (the window is at the top left corner)."""
        self.pump(0.3)
        width, height = self.root.winfo_width(), self.root.winfo_rooty() + self.root.winfo_height()
        subprocess.run(["import", "-window", "root", "-crop", f"{width}x{height}+0+0", str(path)], check=True)
        print(f"{path}: {width}x{height}")

    def close(self) -> None:
        self.root.destroy()
        gc.collect()  # here, not on the next window's model-loading thread, where Tk would abort


def take(output: Path) -> None:
    window = Window(None)
    window.draw(THREE)
    window.save(output / "window_default.png")
    window.close()

    window = Window("640x480")
    window.draw(THREE)
    window.save(output / "window_smallest.png")
    window.close()

    window = Window("1600x1000")
    window.draw(THREE)
    window.save(output / "window_large.png")
    window.close()

    window = Window(None)
    window.app.toggles["network"].set(True)
    window.app.show_network_panel()
    window.pump(0.5)
    window.draw(FOUR)
    strongest = window.app.prediction.layers["conv1"].sum(axis=(0, 1)).argmax()
    window.app.network.select("conv1", int(strongest))
    window.save(output / "window_network.png")
    window.close()

    window = Window(None)
    window.app.toggles["number_mode"].set(True)
    window.app.switch_number_mode()
    window.pump(0.5)
    window.draw(number_strokes("2026"))
    window.app.choose_digit(1)
    window.save(output / "window_number.png")
    window.close()

    window = Window(None)
    window.draw(ONE_WITH_A_FLAG)
    window.save(output / "unsure.png")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs", help="folder for the PNG files (default: docs)")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    display = None
    if not os.environ.get("DISPLAY"):
        from pyvirtualdisplay import Display

        display = Display(size=SCREEN, color_depth=24).start()
    try:
        take(args.output)
    finally:
        if display:
            display.stop()


if __name__ == "__main__":
    main()
