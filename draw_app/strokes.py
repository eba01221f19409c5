"""The drawing as the model sees it: pen strokes rendered straight into a Pillow image.

The window shows this image as it is (draw_app/paper.py), so the model reads exactly
what the person sees: one renderer, no second copy on the Tk canvas to keep in step,
no grabbing of the screen and no export of the canvas to read back. (An opened picture with nothing drawn
over it is the exception: it is read from its file's own pixels, as predict.py reads
the file, while the paper shows its ink.)

Strokes are kept in paper units, not pixels: the paper is PAPER_UNITS tall whatever
its size on the screen, so when the window is resized the drawing is rendered again at
the new scale and still fills the paper the way it did. The pen's width is in paper
units too, so a stroke keeps its weight relative to the digit. An opened picture is
one more step of the drawing, shown as its ink black on white (picture_for_paper):
strokes can go on top of it and Undo takes it away again. Nothing here knows about Tk,
so it is tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageChops, ImageDraw

from draw_app.ink import MIN_CONTRAST, ink_evenly_lit, ink_map, raised_faint_ink

PAPER = 255
INK = 0

INK_MARGIN = 4
"""Pixels of paper kept around the ink by Drawing.ink_array: a border for preprocessing to see the paper in."""
PAPER_UNITS = 400
"""The paper's height in paper units: at 400 pixels tall, one unit is one pixel."""

Point = tuple[float, float]
Box = tuple[int, int, int, int]
"""left, top, right, bottom in the image's pixels (right and bottom excluded)."""


SMALL_FOR_PEN = 3.5
"""A drawing less wide and tall than this many pen widths, pen included, is small for the pen. A trial's
3 and 2 drawn 2.8 pens tall with the app's pen (18) were read as sure 8s; simple digits (0, 1,
2, 4, 7) read right from 3.2 pens tall, surely from 4.3 (tests/gui.py's, drawn 40-140 tall)."""


@dataclass
class Stroke:
    """One pen stroke: the pen's width and the points it passed, in one unit (see Drawing)."""
    width: float
    points: list[Point] = field(default_factory=list)

    def is_dot(self) -> bool:
        """Whether the stroke leaves a dot: a click, or a pen that hardly moved (its ink no
        more than one and a half pen widths across)."""
        if not self.points:
            return True
        xs, ys = zip(*self.points)
        return max(max(xs) - min(xs), max(ys) - min(ys)) <= self.width / 2


@dataclass(eq=False)
class Picture:
    """An opened image: as the paper shows it, and as its file holds it."""
    image: Image.Image
    """Its ink black on white paper (picture_for_paper), at most 1024 pixels a side."""
    name: str
    """What the status bar calls it: the file it came from, or what was pasted (clipboard.py)."""
    pixels: np.ndarray
    """The file's own pixels (images.read_image, at most 2048 a side): read as predict.py reads
    the file while nothing is drawn over it (the paper shows its ink, not its light and colours)."""
    pinned: tuple[float, Point] | None = None
    """Once drawn on, where it lies in paper units: paper units per pixel of ``image``, and its
    top-left corner. The strokes over it are in paper units, so it is pinned where it was
    when the first of them was drawn, and they stay together when the paper changes shape
    (number mode's wide paper made square). None while nothing is drawn over it: then it is
    fitted to the paper, whatever its shape."""

    def placement(self, paper: tuple[int, int]) -> tuple[float, tuple[int, int]]:
        """Where ``pixels`` land on a paper of this size (see picture_placement): their scale
        and their top-left corner, for putting what is found in them on the paper."""
        return picture_placement((self.pixels.shape[1], self.pixels.shape[0]), paper)


@dataclass
class Blank:
    """The paper cleared: everything before it is hidden, and Undo brings it back."""


class Drawing:
    """What the person did, step by step, and the image it makes, always in step.

    Points given to and returned by the methods are in the image's pixels; strokes are
    stored in paper units, so resize() redraws them to fill the paper as before.
    """

    def __init__(self, width: int, height: int) -> None:
        self.steps: list[Stroke | Picture | Blank] = []
        self.undone: list[tuple[Stroke | Picture | Blank, tuple[float, Point] | None]] = []
        """Steps taken back, the last first to come back (redo), each with where the picture under
        it was pinned (see Picture.pinned); a new step forgets them."""
        self.image = Image.new("L", (width, height), PAPER)
        self._pen = ImageDraw.Draw(self.image)

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size

    @property
    def scale(self) -> float:
        """Pixels per paper unit at the image's present size."""
        return self.image.height / PAPER_UNITS

    def is_empty(self) -> bool:
        """Whether the paper shows nothing: nothing done yet, or nothing since it was cleared."""
        return not self.steps or isinstance(self.steps[-1], Blank)

    def begin_stroke(self, point: Point, width: float) -> Box:
        """Start a stroke at ``point`` (pixels) with a pen ``width`` paper units wide.

        Returns the box of pixels that changed, so a view can refresh just those.
        """
        picture = self.picture_alone()
        if picture is not None:  # drawn on, it keeps its place on the paper from now on
            scale, (left, top) = picture_placement(picture.image.size, self.size)
            picture.pinned = scale / self.scale, (left / self.scale, top / self.scale)
        stroke = Stroke(width, [self._to_units(point)])
        self.steps.append(stroke)
        self.undone.clear()
        start = self._to_pixels(stroke.points[0])
        pen = self._pen_pixels(stroke.width)
        paint_dot(self._pen, start, pen)
        return self._changed_box(start, start, pen)

    def extend_stroke(self, point: Point) -> Box:
        """Continue the last stroke to ``point`` (pixels); returns the box that changed."""
        stroke = self.steps[-1]
        stroke.points.append(self._to_units(point))
        start, end = self._to_pixels(stroke.points[-2]), self._to_pixels(stroke.points[-1])
        pen = self._pen_pixels(stroke.width)
        paint_segment(self._pen, start, end, pen)
        return self._changed_box(start, end, pen)

    def add_picture(self, picture: Image.Image, name: str, pixels: np.ndarray) -> None:
        """Show an opened image in place of everything before it (Undo brings that back);
        ``pixels`` are the file's own (see Picture)."""
        self.steps.append(Picture(picture.convert("L"), name, pixels))
        self.undone.clear()
        self.render()

    def undo(self) -> bool:
        """Take back the last stroke, opened picture or clearing; False if there was none."""
        if not self.steps:
            return False
        picture = self.picture()
        self.undone.append((self.steps.pop(), picture.pinned if picture is not None else None))
        picture = self.picture_alone()
        if picture is not None:
            picture.pinned = None  # nothing over it any more: fitted to the paper again
        self.render()
        return True

    def redo(self) -> bool:
        """Bring back the last step Undo took back; False if there is none (or something was done since)."""
        if not self.undone:
            return False
        step, pinned = self.undone.pop()
        picture = self.picture()
        if picture is not None and pinned is not None:
            picture.pinned = pinned  # where it lay under the stroke, whatever the paper's shape since
        self.steps.append(step)
        self.render()
        return True

    def clear(self) -> bool:
        """Blank the paper, as one more step that Undo takes back; False if it was blank already."""
        if self.is_empty():
            return False
        self.steps.append(Blank())
        self.undone.clear()
        self.render()
        return True

    def resize(self, width: int, height: int) -> None:
        """Match a resized paper: the drawing is scaled with it (a wider paper shows more)."""
        self.image = Image.new("L", (width, height), PAPER)
        self._pen = ImageDraw.Draw(self.image)
        self.render()

    def background(self) -> Image.Image | None:
        """The last opened picture on the paper, fitted to it or where it is pinned; None if nothing was opened."""
        picture = self.picture()
        if picture is None:
            return None
        if picture.pinned is None:
            return fit_picture(picture.image, self.size)
        scale, (left, top) = picture.pinned
        return picture_on_paper(picture.image, self.size, scale * self.scale, (left * self.scale, top * self.scale))

    def picture(self) -> Picture | None:
        """The opened picture under the visible strokes, if one is shown (not cleared away since)."""
        for step in reversed(self.steps):
            if isinstance(step, (Picture, Blank)):
                return step if isinstance(step, Picture) else None
        return None

    def picture_alone(self) -> Picture | None:
        """The opened picture, if it is shown with nothing drawn over it."""
        picture = self.picture()
        return picture if picture is not None and not self.visible_strokes() else None

    def visible_strokes(self) -> list[Stroke]:
        """The strokes drawn since the paper was last covered by an opened picture or cleared (paper units)."""
        visible: list[Stroke] = []
        for step in self.steps:
            visible = [] if isinstance(step, (Picture, Blank)) else visible + [step]
        return visible

    def mark(self) -> tuple[Stroke | Picture | Blank, ...]:
        """What the paper shows now, as the steps that made it, for is_as_marked to tell later
        whether it changed (undoing and redoing a stroke brings the same drawing back)."""
        return tuple(self.steps)

    def is_as_marked(self, mark: tuple[Stroke | Picture | Blank, ...]) -> bool:
        """Whether the paper shows what it showed when ``mark`` was taken (steps compared as
        objects: two strokes drawn alike are still two drawings)."""
        return len(mark) == len(self.steps) and all(then is now for then, now in zip(mark, self.steps))

    def is_small_for_the_pen(self) -> bool:
        """Whether what is drawn (on blank paper, no dots alone) is under SMALL_FOR_PEN pen widths
        both wide and tall, pen included: written that small, a digit's strokes run together into
        a blob."""
        strokes = [stroke for stroke in self.visible_strokes() if stroke.points]
        if not strokes or self.picture() is not None or self.is_only_dots():
            return False
        pen = float(np.median([stroke.width for stroke in strokes]))
        xs = [x for stroke in strokes for x, _ in stroke.points]
        ys = [y for stroke in strokes for _, y in stroke.points]
        return max(max(xs) - min(xs), max(ys) - min(ys)) + pen < SMALL_FOR_PEN * pen

    def is_only_dots(self) -> bool:
        """Whether all that is drawn is dots, on blank paper: no digit to teach, whatever the
        network makes of it (a dot drawn with a thin pen, enlarged to 28x28, is so blocky
        that preprocessing's test for a blob misses it)."""
        strokes = self.visible_strokes()
        return bool(strokes) and self.picture() is None and all(stroke.is_dot() for stroke in strokes)

    def pixel_strokes(self) -> list[Stroke]:
        """The visible strokes in the image's pixels, in the order they were drawn.

        Only what is on the paper: points the pen passed beyond its edge (a drag off the
        canvas, or a wide paper made square again) are left out, as the image leaves them out.
        """
        width, height = self.size
        strokes = []
        for stroke in self.visible_strokes():
            points = np.asarray(stroke.points) * self.scale  # in numpy: number mode asks for them on every update
            on_paper = (points >= 0).all(axis=1) & (points[:, 0] < width) & (points[:, 1] < height)
            if on_paper.any():
                strokes.append(Stroke(stroke.width * self.scale, list(map(tuple, points[on_paper].tolist()))))
        return strokes

    def to_array(self) -> np.ndarray:
        return np.asarray(self.image)

    def ink_array(self) -> np.ndarray:
        """What the model needs to read: on plain paper, the strokes' box with a margin of
        paper around it; an opened picture with nothing drawn over it, its file's own pixels,
        as predict.py reads them; with strokes over it, the whole image.

        Preprocessing takes the paper's colour from the border and splits ink from paper
        with Otsu's threshold. The pen paints pure ink on pure paper, two values that any
        threshold splits alike, so the box gives the same 28x28 as the whole paper, at a
        fraction of the pixels: preprocessing a whole 520-pixel paper took a millisecond
        of every live update. The box is found by Pillow on the image as it is (copying
        the whole paper into numpy to find it took a third of a millisecond more).
        """
        picture = self.picture()
        if picture is not None:
            return self.to_array() if self.visible_strokes() else picture.pixels
        box = ImageChops.invert(self.image).getbbox()
        if box is None:
            return self.to_array()
        left, top, right, bottom = box
        return np.asarray(self.image.crop((max(0, left - INK_MARGIN), max(0, top - INK_MARGIN),
                                           min(self.image.width, right + INK_MARGIN),
                                           min(self.image.height, bottom + INK_MARGIN))))

    def render(self) -> None:
        """Paint the whole image from the steps: the one way the paper is drawn from scratch."""
        background = self.background()
        if background is None:
            self._pen.rectangle((0, 0, *self.image.size), fill=PAPER)
        else:
            self.image.paste(background)
        for stroke in self.visible_strokes():
            paint_stroke(self._pen, [self._to_pixels(point) for point in stroke.points],
                         self._pen_pixels(stroke.width))

    def _to_units(self, point: Point) -> Point:
        return point[0] / self.scale, point[1] / self.scale

    def _to_pixels(self, point: Point) -> Point:
        return point[0] * self.scale, point[1] * self.scale

    def _pen_pixels(self, width: float) -> int:
        return max(1, round(width * self.scale))

    def _changed_box(self, start: Point, end: Point, pen: int) -> Box:
        reach = pen / 2 + 2
        left, top = max(0, int(min(start[0], end[0]) - reach)), max(0, int(min(start[1], end[1]) - reach))
        right = min(self.image.width, int(max(start[0], end[0]) + reach) + 1)
        bottom = min(self.image.height, int(max(start[1], end[1]) + reach) + 1)
        return left, top, max(left, right), max(top, bottom)


def picture_for_paper(pixels: np.ndarray) -> Image.Image:
    """An image file's pixels (as images.read_image gives them) as the window's paper shows them:
    its ink black on white, whatever its colours.

    The ink is found the way preprocessing finds it (whatever differs from the paper
    colour at the border, faint ink on clean paper raised), in a photo lit unevenly once
    its light is made even (ink.evenly_lit: the paper showed the shading as grey rings,
    and drawing over it read them as ink), and stretched so the darkest ink is black.
    What is too faint to be ink stays as faint, so the window does not show texture as a
    drawing that it will not read.
    """
    ink = ink_evenly_lit(pixels, raised_faint_ink(ink_map(pixels))).astype(np.float32)
    strongest = float(ink.max())
    paper = 255.0 - ink * (255.0 / strongest if strongest >= MIN_CONTRAST else 1.0)
    return Image.fromarray(np.clip(paper + 0.5, 0, 255).astype(np.uint8), "L")


def fit_picture(picture: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The picture scaled to fit ``size`` keeping its aspect ratio, centred on paper."""
    return picture_on_paper(picture, size, *picture_placement(picture.size, size))


def picture_on_paper(picture: Image.Image, size: tuple[int, int], scale: float, place: Point) -> Image.Image:
    """Paper of ``size`` with the picture on it, scaled by ``scale``, its top-left corner at ``place``."""
    canvas = Image.new("L", size, PAPER)
    scaled = picture.resize((max(1, round(picture.width * scale)), max(1, round(picture.height * scale))),
                            Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BILINEAR)
    canvas.paste(scaled, (round(place[0]), round(place[1])))
    return canvas


def picture_placement(picture: tuple[int, int], paper: tuple[int, int]) -> tuple[float, tuple[int, int]]:
    """How a picture of size ``picture`` is fitted to the paper (fit_picture): by how much it
    is scaled and where its top-left corner goes."""
    scale = min(paper[0] / picture[0], paper[1] / picture[1])
    fitted = (max(1, round(picture[0] * scale)), max(1, round(picture[1] * scale)))
    return scale, ((paper[0] - fitted[0]) // 2, (paper[1] - fitted[1]) // 2)


def paint_dot(pen: ImageDraw.ImageDraw, point: Point, width: float, ink: int | tuple = INK) -> None:
    """A round pen tip: the round caps and joins of every stroke.

    It covers exactly the columns and rows a line of the same width covers through
    the same point (for an even width Pillow puts the extra pixel after the centre),
    so a stroke's edge is smooth where its segments meet.
    """
    size = max(1, round(width))
    left, top = round(point[0]) - (size - 1) // 2, round(point[1]) - (size - 1) // 2
    pen.ellipse((left, top, left + size - 1, top + size - 1), fill=ink)


def paint_segment(pen: ImageDraw.ImageDraw, start: Point, end: Point, width: float,
                  ink: int | tuple = INK) -> None:
    """One mouse movement with a round pen: a line with a round cap at its end (as paint_dot paints it)."""
    pen.line(((round(start[0]), round(start[1])), (round(end[0]), round(end[1]))), fill=ink,
             width=max(1, round(width)))
    paint_dot(pen, end, width, ink)


def paint_stroke(pen: ImageDraw.ImageDraw, points: list[Point], width: float, ink: int | tuple = INK) -> None:
    """A whole stroke with a round pen: a dot where it begins, then each movement."""
    paint_dot(pen, points[0], width, ink)
    for start, end in zip(points, points[1:]):
        paint_segment(pen, start, end, width, ink)
