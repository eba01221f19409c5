"""Read what is on the window's paper: one digit, a number, or how many digits lie side by side.

The window hands over its Drawing (draw_app/strokes.py) and shows what comes back. Which
pixels are read is decided here, apart from tkinter, so it is tested without a window:
strokes are read from themselves; an opened picture with nothing drawn over it from its
file's own pixels, as ``predict.py`` reads that file; a picture drawn over from the paper
as it looks. What need not be read again is kept: the digits of a number that did not
change (number.StrokeReader) and the last picture's readings, since a photo's take tens
of ms and its pixels do not change with the window's size.
"""

from __future__ import annotations

from dataclasses import replace

from draw_app.number import NumberReading, StrokeReader, digits_side_by_side, read_number, read_one_digit
from draw_app.predictor import Prediction, Predictor
from draw_app.strokes import Drawing, Picture


class DrawingReader:
    """Reads drawings with one Predictor; made anew when what the predictor reads with changes
    (the user's examples), since every reading kept is then out of date."""

    def __init__(self, predictor: Predictor) -> None:
        self.predictor = predictor
        self._strokes = StrokeReader(predictor)
        self._picture_digit: tuple[Picture, Prediction | None] | None = None
        """The last opened picture read as one digit, and its reading; and as a number, below.
        Both are kept, so that switching number mode does not read the picture again."""
        self._picture_number: tuple[Picture, NumberReading] | None = None

    def digit(self, drawing: Drawing) -> Prediction | None:
        """The drawing read as one digit; None when nothing is drawn."""
        if drawing.is_empty():
            return None
        alone = drawing.picture_alone()
        if alone is not None:
            if self._picture_digit is None or self._picture_digit[0] is not alone:
                self._picture_digit = alone, read_one_digit(self.predictor, alone.pixels)[0]
            return self._picture_digit[1]
        prediction = self.predictor.predict(drawing.ink_array())
        if prediction is not None and not prediction.no_digit and drawing.is_small_for_the_pen():
            # Its strokes run together: a trial's small 3 in a thick pen read as a sure 8, and only
            # the status bar said it was small for the pen.
            return replace(prediction, unsure=True)
        return prediction

    def number(self, drawing: Drawing, writing: bool = False) -> NumberReading | None:
        """The number on the paper, in the paper's pixels; None when nothing is drawn. ``writing``:
        a stroke is being drawn, which StrokeReader.read reads more cheaply."""
        if drawing.is_empty():
            return None
        alone = drawing.picture_alone()
        if alone is not None:
            return self._picture_as_number(alone).scaled(*alone.placement(drawing.size))
        if drawing.picture() is not None:
            return read_number(self.predictor, drawing.to_array())
        return self._strokes.read(drawing.pixel_strokes(), writing=writing)

    def digits_side_by_side(self, drawing: Drawing) -> int:
        """How many digits side by side the drawing surely holds when it holds several, else 0:
        outside number mode, the window then says that one digit is read from them all. A
        picture drawn on is the person's to read, and not counted."""
        if drawing.is_empty():
            return 0
        alone = drawing.picture_alone()
        if alone is not None:
            return self._picture_as_number(alone).sure_digits
        if drawing.picture() is not None:
            return 0
        return digits_side_by_side(self.predictor, drawing.ink_array(), drawing.pixel_strokes())

    def _picture_as_number(self, picture: Picture) -> NumberReading:
        """An opened picture read as a number from its file's own pixels, as predict.py --number
        reads it; kept while it is the one shown."""
        if self._picture_number is None or self._picture_number[0] is not picture:
            self._picture_number = picture, read_number(self.predictor, picture.pixels)
        return self._picture_number[1]
