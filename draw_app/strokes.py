"""The drawing as the model sees it: pen strokes rendered straight into a Pillow image.

The app paints each mouse movement on the Tk canvas and, through this class, into a
grayscale image of the same size, with the same round pen. The model therefore reads
exactly what the person sees, with no screen grabbing and no PostScript round trip.
An opened picture is one more step of the drawing: strokes can go on top of it and
Undo takes it away again. Nothing here knows about Tk, so it is tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw

PAPER = 255
INK = 0

Point = tuple[float, float]


@dataclass
class Stroke:
    width: int
    points: list[Point] = field(default_factory=list)


@dataclass
class Picture:
    """An opened image, black ink on white paper, at its own size."""
    image: Image.Image


class Drawing:
    """What the person did, step by step, and the image it makes, always in step."""

    def __init__(self, width: int, height: int) -> None:
        self.steps: list[Stroke | Picture] = []
        self.image = Image.new("L", (width, height), PAPER)
        self._pen = ImageDraw.Draw(self.image)

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size

    def is_empty(self) -> bool:
        return not self.steps

    def begin_stroke(self, point: Point, width: int) -> None:
        self.steps.append(Stroke(width, [point]))
        paint_dot(self._pen, point, width)

    def extend_stroke(self, point: Point) -> None:
        stroke = self.steps[-1]
        paint_segment(self._pen, stroke.points[-1], point, stroke.width)
        stroke.points.append(point)

    def add_picture(self, picture: Image.Image) -> None:
        """Show an opened image in place of everything before it (Undo brings that back)."""
        self.steps.append(Picture(picture.convert("L")))
        self._render()

    def undo(self) -> bool:
        """Take back the last stroke or opened picture; False if there was none."""
        if not self.steps:
            return False
        self.steps.pop()
        self._render()
        return True

    def clear(self) -> None:
        self.steps.clear()
        self._render()

    def resize(self, width: int, height: int) -> None:
        """Match a resized canvas; strokes keep their canvas coordinates."""
        self.image = Image.new("L", (width, height), PAPER)
        self._pen = ImageDraw.Draw(self.image)
        self._render()

    def background(self) -> Image.Image | None:
        """The last opened picture, fitted to the canvas; None if nothing was opened."""
        pictures = [step for step in self.steps if isinstance(step, Picture)]
        return fit_picture(pictures[-1].image, self.size) if pictures else None

    def visible_strokes(self) -> list[Stroke]:
        """The strokes drawn since the last opened picture, which covers older ones."""
        visible: list[Stroke] = []
        for step in self.steps:
            visible = [] if isinstance(step, Picture) else visible + [step]
        return visible

    def to_array(self) -> np.ndarray:
        return np.asarray(self.image)

    def _render(self) -> None:
        background = self.background()
        if background is None:
            self._pen.rectangle((0, 0, *self.image.size), fill=PAPER)
        else:
            self.image.paste(background)
        for stroke in self.visible_strokes():
            paint_dot(self._pen, stroke.points[0], stroke.width)
            for start, end in zip(stroke.points, stroke.points[1:]):
                paint_segment(self._pen, start, end, stroke.width)


def fit_picture(picture: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The picture scaled to fit ``size`` keeping its aspect ratio, centred on paper."""
    canvas = Image.new("L", size, PAPER)
    scale = min(size[0] / picture.width, size[1] / picture.height)
    fitted = picture.resize((max(1, round(picture.width * scale)), max(1, round(picture.height * scale))),
                            Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BILINEAR)
    canvas.paste(fitted, ((size[0] - fitted.width) // 2, (size[1] - fitted.height) // 2))
    return canvas


def paint_dot(pen: ImageDraw.ImageDraw, point: Point, width: int, ink: int | tuple = INK) -> None:
    """A round pen tip: the round caps and joins of every stroke."""
    radius = width / 2
    x, y = point
    pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=ink)


def paint_segment(pen: ImageDraw.ImageDraw, start: Point, end: Point, width: int,
                  ink: int | tuple = INK) -> None:
    """One mouse movement with a round pen, as Tk draws it with round caps."""
    pen.line((start, end), fill=ink, width=width)
    paint_dot(pen, end, width, ink)
