"""Read a written number: its digits found (draw_app.segment, stroke_digits), each read by the Predictor.

The command line reads a number from an image file (read_number_file); the window
reads it from the strokes on its paper as they are drawn (a StrokeReader, which
re-reads only the digit that changed) or from an opened photo (read_number). All get
a NumberReading: the digits left to right, each with where it is and the Prediction
for it. Marks much smaller than the digits are left out by segmentation; a piece of
digit size that the predictor refuses as no digit is still a digit of the number,
marked unsure (see number_of); a comma or a point between digits is no digit
(without_separators), and with the dashes and other marks left out it is put back into
the number's text where a reader would read it (draw_app.punctuation: 12.50, 555-0123).
The digits of a number written leaning far, as italic hands write, are set upright
before they are read (draw_app.slant).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from draw_app.images import READ_SIDE, ImageError, read_image
from draw_app.ink import MIN_CONTRAST
from draw_app.predictor import NO_DIGIT, ModelError, Prediction, Predictor
from draw_app.punctuation import brackets, punctuation, with_punctuation
from draw_app.segment import (REFUSED_WIDE, Box, DigitCrop, Extent, Reader, Reading, SeveralRows, centre_of_ink,
                              find_digits_and_marks, rows_apart, separators, split_touching)
from draw_app.slant import lean_beyond_mnist, leans_of_digits, set_upright
from draw_app.stroke_digits import (cut_along_the_path, digit_groups, digits_and_marks, group_extent, may_be_read_apart,
                                    pen_width, stroke_crop, stroke_extent, written_height)
from draw_app.strokes import Stroke

ONE_DIGIT_FOUND = 0.99
"""A picture read whole as no digit, or unsure, is read as the one digit the number reader
finds in it when that reads at least this surely (see read_one_digit)."""

TRACE_SHARE = 0.5
"""A piece at most this share as strong as a number's strongest is faint beside its digits
(see read_crops)."""


@dataclass(frozen=True)
class DigitReading:
    box: Box
    """Where the digit is in the drawing: x, y, width, height in its pixels."""
    prediction: Prediction
    foot: Box | None = None
    """Where its ink meets the line it stands on (segment.DigitCrop.foot), which a point or a
    comma beside it keeps clear of; None: anywhere in its box."""
    bow: float = 0.0
    """How far its ink bows sideways, of its height (segment.DigitCrop.bow): a bracket's does."""
    pen: float = 0.0
    """How wide the pen that wrote it was, in the drawing's pixels (0: not known): a point is
    a dab of it."""

    @classmethod
    def of(cls, crop: DigitCrop, prediction: Prediction) -> DigitReading:
        """The reading of a crop, with where the crop is and how it is drawn."""
        return cls(crop.box, prediction, crop.foot, crop.bow, crop.pen)


@dataclass(frozen=True)
class NumberReading:
    digits: tuple[DigitReading, ...]
    """Left to right; empty when the drawing holds no digit, or no one row of them."""
    rows: int = 1
    """How many rows of writing the picture holds: from 2, one above the other, no number is read."""
    signs: tuple[tuple[int, str], ...] = ()
    """The points, commas, dashes and brackets of the number as written (draw_app.punctuation),
    each with the index of the digit it comes before: ((2, "."),) for 12.50; ((0, "("), (3, ")"))
    for (555)0142; a gap's two signs together, ((0, "("), (3, ")-")) for (555)-0142."""
    marks_left_out: int = 0
    """Marks among the strokes that are no part of the number: ticks, specks, digits written
    far smaller than the rest (counted for the strokes of the window only)."""

    @property
    def text(self) -> str | None:
        """The number as written, e.g. "2026", "12.50", "555-0123"; None when there is no digit."""
        digits = "".join(str(digit.prediction.digit) for digit in self.digits)
        return with_punctuation(digits, dict(self.signs)) or None

    @property
    def confidence(self) -> float:
        """How sure the whole number is: every digit must be right."""
        return math.prod(digit.prediction.confidence for digit in self.digits)

    @property
    def unsure(self) -> bool:
        return any(digit.prediction.unsure for digit in self.digits)

    @property
    def sure_digits(self) -> int:
        """How many digits the reading holds when it holds several, every one read surely, else 0:
        a drawing that is surely a number of several digits, not one digit (digits_side_by_side)."""
        return len(self.digits) if len(self.digits) >= 2 and not self.unsure else 0

    def scaled(self, factor: float, offset: tuple[int, int] = (0, 0)) -> NumberReading:
        """The same reading with its boxes in pixels ``factor`` times as large, moved by ``offset``."""
        def moved(box: Box) -> Box:
            x, y, width, height = (round(value * factor) for value in box)
            return x + offset[0], y + offset[1], width, height

        return replace(self, digits=tuple(replace(digit, box=moved(digit.box), foot=digit.foot and moved(digit.foot),
                                                  pen=digit.pen * factor) for digit in self.digits))


def read_number(predictor: Predictor, image: np.ndarray) -> NumberReading:
    """Read the number in a gray, RGB or RGBA uint8 drawing or photo; no digits if it holds
    rows of writing one above the other (the reading's ``rows`` says how many)."""
    try:
        return read_crops(predictor, *find_digits_and_marks(image, read=crop_reader(predictor)))
    except SeveralRows as several:
        return NumberReading((), rows=several.rows)


def read_number_file(predictor: Predictor, path: str | Path) -> NumberReading:
    """Read the number in an image file, boxes in the file's pixels; ImageError says why there is none."""
    image = read_image(path)
    reading = read_number(predictor, image)
    if reading.rows > 1:
        raise ImageError(f"{reading.rows} rows of writing, one above the other: a number is read from one row "
                         "(crop the picture to one row)")
    if not reading.digits:
        raise ImageError(NO_DIGIT)
    if max(image.shape[:2]) < READ_SIDE:
        return reading
    # A large file is read shrunk to READ_SIDE, keeping its shape; its longer side, whichever
    # way up it is stored, says by how much.
    try:
        with Image.open(path) as file:
            return reading.scaled(max(file.size) / max(image.shape[:2]))
    except OSError as error:
        raise ImageError(f"cannot be opened again to measure it ({error})") from None


def digits_side_by_side(predictor: Predictor, image: np.ndarray, strokes: Sequence[Stroke] = ()) -> int:
    """How many digits a drawing holds side by side when it reads as a number of several, else 0.

    Someone who writes 42 where one digit is expected gets one meaningless digit, or
    none; this is what lets the window and the command line point to number mode. The
    drawing is read as a number is (from its strokes when there are any, else from its
    pixels), and every digit must be read surely: a digit in two pieces is joined, and
    most words have a letter the network is unsure of (not all: it knows no letters,
    and reads "abc" as a sure 260). One group of strokes too narrow to be cut in two is
    one digit, as mostly, and is not read, unless its strokes may be two digits written
    touching (stroke_digits.read_apart); a wider one may be two written without lifting the pen.
    """
    if strokes:
        groups = digit_groups(strokes)
        if not groups or (len(groups) == 1 and too_narrow_for_two(groups[0]) and not may_be_read_apart(groups[0])):
            return 0
    reading = read_number_strokes(predictor, strokes) if strokes else read_number(predictor, image)
    return reading.sure_digits


def read_one_digit(predictor: Predictor, image: np.ndarray) -> tuple[Prediction | None, int]:
    """The digit in a picture, as predict.py and an opened picture in the window read it;
    and how many digits it holds side by side when it holds several, else 0.

    The picture is read whole (Predictor.predict); None when it has no ink. When that
    reading is doubtful (no digit, or unsure) the picture is read as a number is, whose
    reader leaves out marks far smaller than the digits: a drawing program's buttons and
    palette round its canvas, a printed question beside the answer, the specks of
    recycled paper or the dither of a fax make the whole picture no digit (an outside
    trial of 398 pictures: 31 refused that --number read right and sure). If it finds
    several digits, all sure, they are counted (a meaningless single reading, which the
    caller replaces by a pointer to number mode); if it finds one, read at least
    ONE_DIGIT_FOUND surely, that is the reading; else the whole picture's stands.
    """
    prediction = predictor.predict(image)
    if prediction is not None and not prediction.no_digit and not prediction.unsure:
        return prediction, 0
    try:
        reading = read_number(predictor, image)
    except ModelError:  # a model that fails on some pictures: the whole reading stands
        return prediction, 0
    found = [digit.prediction for digit in reading.digits]
    if len(found) == 1 and found[0].confidence >= ONE_DIGIT_FOUND and not found[0].unsure:
        return found[0], 0
    return prediction, reading.sure_digits


def too_narrow_for_two(group: Sequence[Stroke]) -> bool:
    """Whether a group of strokes is narrower than ink split_touching would cut in two (REFUSED_WIDE of its height)."""
    left, top, right, bottom = group_extent(group)
    return right - left < REFUSED_WIDE * (bottom - top)


def read_number_strokes(predictor: Predictor, strokes: Sequence[Stroke]) -> NumberReading:
    """Read the number drawn with these strokes, given in the order they were drawn."""
    return StrokeReader(predictor).read(strokes)


class StrokeReader:
    """Reads the number on the paper again and again as it is drawn, each digit only when it changed.

    While a stroke is drawn, the window asks for a reading several times a second, and
    painting and reading six digits every time would take longer than the update may;
    a digit whose strokes are the same as last time keeps its reading, unless the
    writer's lean (draw_app.slant), taken from the finished digits, changed.

    The lean is worked out again only when the pen is lifted: a stroke being drawn may join a
    finished digit (a 4's second stroke) and take it out of the count for a moment.

    A group of strokes as wide as two digits may be two written without lifting the pen
    (a 12 in one stroke, read as a sure 6): it is cut along the pen's way or as touching
    ink is (see _cut), once its last stroke is finished, and the cut kept while its strokes
    stay the same.
    """

    def __init__(self, predictor: Predictor) -> None:
        self.predictor = predictor
        self._last: dict[tuple, tuple[float, DigitReading | None]] = {}
        self._last_cuts: dict[tuple, list[DigitCrop] | None] = {}
        self._last_crops: dict[tuple, DigitCrop] = {}
        self._upright_by = 0.0
        """How far the digits are set upright (draw_app.slant), as when the pen was last lifted."""

    def read(self, strokes: Sequence[Stroke], writing: bool = False) -> NumberReading:
        """Read the number drawn with these strokes, given in the order they were drawn; while
        ``writing``, the last stroke is still being drawn, and its group is read whole.

        Cutting a group takes up to a few dozen readings, far more than an update may take,
        and a stroke being drawn changes its group at every update; so it is cut when the pen
        is lifted. Nor is a finished group cut again when the line's height changes as other
        digits are written: its cut is kept while its strokes stay the same."""
        last, self._last = self._last, {}
        last_cuts, self._last_cuts = self._last_cuts, {}
        last_crops, self._last_crops = self._last_crops, {}
        being_written = strokes[-1] if writing and strokes else None

        def kept(store: dict, last_store: dict, key: tuple, make: Callable[[], Any]) -> Any:
            """What ``store`` holds under ``key``: last update's if it had it, else made now."""
            if key not in store:
                store[key] = last_store[key] if key in last_store else make()
            return store[key]

        def group_crop(group: Sequence[Stroke]) -> DigitCrop:
            return kept(self._last_crops, last_crops, strokes_key(group), lambda: stroke_crop(group))

        def reading_of(group: Sequence[Stroke], upright_by: float = 0.0) -> tuple[float, DigitReading | None]:
            return kept(self._last, last, (strokes_key(group), None, upright_by),
                        lambda: self._read_digit(group_crop(group), upright_by))

        def readings_of(group: Sequence[Stroke], line: float) -> list[tuple[float, DigitReading | None]]:
            """The group's reading, or its parts' where it is two digits or more joined, set upright
            as the writer's hand leans."""
            upright_by = self._upright_by
            if any(stroke is being_written for stroke in group):
                return [reading_of(group, upright_by)]
            key = strokes_key(group)
            parts = kept(self._last_cuts, last_cuts, key,
                         lambda: self._cut(group, group_crop(group), line, lambda: reading_of(group)[1]))
            if parts is None:
                return [reading_of(group, upright_by)]
            return [kept(self._last, last, (key, index, upright_by),
                         lambda part=part: self._read_digit(part, upright_by)) for index, part in enumerate(parts)]

        def read_group(group: Sequence[Stroke]) -> Reading | None:
            reading = reading_of(group)[1]
            return digit_and_confidence(reading and reading.prediction)

        rows = rows_apart([stroke_extent(stroke) for stroke in strokes], pen_width(strokes),
                          lambda: read_group(strokes) is not None) if strokes else 1
        if rows > 1:
            return NumberReading((), rows=rows)
        groups, marks = digits_and_marks(strokes, read=read_group)
        line = written_height(groups, pen_width(strokes)) if groups else 0.0
        if being_written is None:
            self._upright_by = lean_beyond_mnist(leans_of_digits([group_crop(group) for group in groups]))
        placed = sorted((item for group in groups for item in readings_of(group, line)
                         if item[1] is not None), key=lambda item: item[0])
        digits, commas = without_separators([reading for _, reading in placed])
        left_out = commas + [extent_box(group_extent(mark)) for mark in marks]
        number = number_of(digits, left_out)
        marks_read = sum(bool(sign.strip("()")) for _, sign in number.signs)  # a gap holds one mark at most
        return replace(number, marks_left_out=len(left_out) - marks_read)

    def _read_digit(self, crop: DigitCrop, upright_by: float = 0.0) -> tuple[float, DigitReading | None]:
        """Where the digit's ink is centred, left to right, and its reading, set upright by
        ``upright_by`` (draw_app.slant); None if it has no ink."""
        prediction = read_piece(self.predictor, crop.image, upright_by=upright_by)
        return centre_of_ink(crop), None if prediction is None else DigitReading.of(crop, prediction)

    def _cut(self, group: Sequence[Stroke], crop: DigitCrop, line: float,
             whole: Callable[[], DigitReading | None]) -> list[DigitCrop] | None:
        """The crops of the digits a group of strokes (painted: ``crop``) holds when it is cut in
        two or more; None if it is one. ``whole()`` is the group's own reading, which the cutting
        weighs the parts against (asked for only when a cut is tried: most groups are too narrow).

        A group at least REFUSED_WIDE as wide as it is tall (a 12 written in one stroke is about
        as wide as it is tall) is cut first along the way the pen went
        (stroke_digits.cut_along_the_path), where the pen ran on from one digit to the next, and its
        parts again (_cut_part); failing that, as ink from a picture is, narrower ink included
        (from REFUSED_WIDE of the line's height, where a cut may cross one stroke only). With
        the ink cut alone, on numbers of MNIST *training* digits written stroke by stroke
        (number_accuracy.py --strokes --split train), pairs written without lifting the pen
        went from 1.1 to 42.7 % read exactly, the other numbers from 96.23 to 96.20 %;
        trying only groups WIDE enough for two digits in any case, 36.6 and 96.23 %, but a 12
        in one stroke is narrower than that. Trying only groups with a stroke at least
        REFUSED_WIDE wide read the same as trying all; cutting only across one stroke, where
        the pen went from one digit to the next, read 24 % of the pairs."""
        read = crop_reader(self.predictor)

        def read_part(image: np.ndarray) -> Reading | None:
            if image is crop.image:
                reading = whole()
                return reading_with_unlikeness(self.predictor, reading and reading.prediction)
            return read(image)

        def whole_confidence() -> float:
            reading = whole()
            known = digit_and_confidence(reading and reading.prediction)
            return known.confidence if known else 0.0

        wide = crop.box[2] >= REFUSED_WIDE * crop.box[3]
        along = cut_along_the_path(group, line, read, whole_confidence) if wide else None
        if along:
            return [piece for part in along for piece in self._cut_part(part, line)]
        parts = split_touching(crop, read_part, line)
        return parts if len(parts) > 1 else None

    def _cut_part(self, part: list[Stroke], line: float) -> list[DigitCrop]:
        """The crops of the digits a part of a group cut along the pen's way holds: itself, or
        its own parts where it is cut again (a 123 in one stroke, cut once, leaves a 12)."""
        crop = stroke_crop(part)
        return self._cut(part, crop, line, lambda: self._read_digit(crop)[1]) or [crop]


def strokes_key(strokes: Sequence[Stroke]) -> tuple:
    """What a group of strokes is, to tell whether it changed since the last reading."""
    return tuple((stroke.width, tuple(stroke.points)) for stroke in strokes)


def read_crops(predictor: Predictor, crops: Sequence[DigitCrop], marks: Sequence[Box] = ()) -> NumberReading:
    """Each crop of a picture read, left to right as given; ``marks`` are the boxes of the
    marks segmentation left out, among which a point, a comma or a dash may be the number's.

    A piece is a trace, not a digit, if it is fainter than ink (read_piece), or, in a
    picture whose strongest piece is itself weak, fainter than TRACE_SHARE of it: a phone
    number in grey ink on paper darkening across the photo kept its 7 and 8 at 47 and 44
    levels against 70, under MIN_CONTRAST, and was read as a sure 06123456.

    A picture most of whose pieces are like no digit holds no number: a photo, a line of
    noise or of shapes, in which the odd piece reads as a digit. (Strokes drawn in the
    window are left to number_of alone: there a person writing oddly would lose the whole
    number, and with it the digits they could teach.)"""
    strongest = max((int(crop.image.max()) for crop in crops), default=0)
    faintest = min(MIN_CONTRAST, TRACE_SHARE * strongest)
    upright_by = lean_beyond_mnist(leans_of_digits(crops))
    predictions = [(crop, read_piece(predictor, crop.image, faintest, upright_by)) for crop in crops]
    readings, commas = without_separators([DigitReading.of(crop, prediction)
                                           for crop, prediction in predictions if prediction is not None])
    if 2 * sum(bool(reading.prediction.no_digit) for reading in readings) > len(readings):
        return NumberReading(())
    return number_of(readings, commas + list(marks))


def number_of(readings: Sequence[DigitReading], marks: Sequence[Box] = ()) -> NumberReading:
    """The number that these readings of its pieces, left to right, make, with its points,
    commas and dashes among the ``marks`` left out of it (draw_app.punctuation).

    Segmentation has already left out marks much smaller than the digits, and
    without_separators the commas and points between digits, so a piece the predictor
    refuses as no digit is most often a digit written oddly: dropping it would change
    the number without a word (1458 read as 458), so it stays, marked unsure, with its
    best reading. Only when every piece is refused does the drawing hold no number (see
    also read_crops). A pair of brackets, read as 1s, is taken out of the digits and put in
    the number's text (punctuation.brackets).
    """
    if all(reading.prediction.no_digit for reading in readings):
        return NumberReading(())
    pair = brackets([reading.box for reading in readings], [reading.bow for reading in readings])
    if pair is not None:
        readings = [reading for index, reading in enumerate(readings) if index not in pair]
    signs = punctuation([reading.box for reading in readings], marks,
                        [reading.foot or reading.box for reading in readings], [reading.pen for reading in readings])
    if pair is not None:
        opening, closing = pair[0], pair[1] - 1  # the digits they come before, brackets taken out
        signs[opening] = signs.get(opening, "") + "("
        signs[closing] = ")" + signs.get(closing, "")
    return NumberReading(tuple(replace(reading, prediction=replace(reading.prediction, no_digit=None, unsure=True))
                               if reading.prediction.no_digit else reading for reading in readings),
                         signs=tuple(sorted(signs.items())))


def without_separators(readings: Sequence[DigitReading]) -> tuple[list[DigitReading], list[Box]]:
    """The readings of a number's pieces, left to right, less the commas and points between
    digits (1,000; 3.50; segment.separators), and those commas' and points' boxes: no
    digits, though the network reads each as one."""
    left_out = separators([reading.box for reading in readings])
    return ([reading for index, reading in enumerate(readings) if index not in left_out],
            [reading.box for index, reading in enumerate(readings) if index in left_out])


def extent_box(extent: Extent) -> Box:
    """left, top, right, bottom as a box: x, y, width, height in whole pixels."""
    left, top, right, bottom = extent
    return round(left), round(top), round(right - left), round(bottom - top)


def read_piece(predictor: Predictor, crop: np.ndarray, faintest: float = MIN_CONTRAST,
               upright_by: float = 0.0) -> Prediction | None:
    """A piece of a number (light ink on black) read on its own, set upright by ``upright_by``
    (draw_app.slant); None where it holds no ink.

    A piece fainter than ink (``faintest``: MIN_CONTRAST, or less in a picture whose ink
    is weak, see read_crops) is a trace of shadow or texture: a faint picture's ink was
    raised as a whole before it was cut (ink.raised_faint_ink), and raising such a piece
    again on its own made it a digit (photographed numbers in uneven light, 93.4 -> 93.0 %
    read exactly). That is told before the piece is set upright, whose blending of pixels
    dims a thin stroke."""
    if int(crop.max()) < faintest:
        return None
    return predictor.predict(set_upright(crop, upright_by) if upright_by else crop)


def crop_reader(predictor: Predictor) -> Reader:
    """The predictor as segmentation's ``read``: a Reading that says how unlike its digit the
    piece is (which weighs cuts through touching digits, and pieces grouped as one digit read
    apart), or None for no digit."""

    def read(crop: np.ndarray) -> Reading | None:
        return reading_with_unlikeness(predictor, read_piece(predictor, crop))

    return read


def reading_with_unlikeness(predictor: Predictor, prediction: Prediction | None) -> Reading | None:
    """A prediction as crop_reader gives it: with how unlike its digit the drawing is."""
    reading = digit_and_confidence(prediction)
    return reading and reading._replace(unlike=predictor.unlikeness(prediction))


def digit_and_confidence(prediction: Prediction | None) -> Reading | None:
    """A prediction as segmentation's readers give it, or None for no digit."""
    if prediction is None or prediction.no_digit:
        return None
    return Reading(prediction.digit, prediction.confidence)
