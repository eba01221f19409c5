"""The paper read as the window reads it, without a window: strokes, an opened picture, both."""

import pytest
from conftest import ROOT
from drawn_shapes import ONE, TWO, ZERO, strokes_of

from draw_app import number
from draw_app.drawing_reader import DrawingReader
from draw_app.images import read_image
from draw_app.predictor import Predictor
from draw_app.strokes import Drawing, picture_for_paper

YEAR = ROOT / "sample_digit" / "numbers" / "year_2026.png"
PEN = 12
"""Paper units wide, as the window's default pen."""


@pytest.fixture(scope="module")
def reader():
    return DrawingReader(Predictor())


def draw(drawing, shape, left, top, height=200):
    """The shape's strokes (drawn_shapes) drawn on the paper as the pen draws them."""
    for stroke in strokes_of(shape, left, top, height):
        drawing.begin_stroke(stroke.points[0], PEN)
        for point in stroke.points[1:]:
            drawing.extend_stroke(point)


def opened(drawing, path):
    pixels = read_image(path)
    drawing.add_picture(picture_for_paper(pixels), path.name, pixels)


def test_nothing_drawn_reads_nothing(reader):
    drawing = Drawing(520, 520)
    assert reader.digit(drawing) is None and reader.number(drawing) is None
    assert reader.digits_side_by_side(drawing) == 0


def test_a_digit_drawn_is_read_as_that_digit(reader):
    drawing = Drawing(520, 520)
    draw(drawing, ZERO, 200, 150)
    assert reader.digit(drawing).digit == 0
    assert reader.digits_side_by_side(drawing) == 0


def test_a_digit_drawn_small_for_the_pen_is_read_but_marked_unsure(reader):
    """A trial's small 3 in a thick pen read as a sure 8: its strokes run together (so does this 2)."""
    drawing = Drawing(520, 520)
    draw(drawing, TWO, 200, 150, height=24)
    assert drawing.is_small_for_the_pen() and reader.digit(drawing).unsure


def test_a_number_drawn_is_read_from_its_strokes_and_counted_as_digits_side_by_side(reader):
    drawing = Drawing(1300, 520)
    draw(drawing, ONE, 60, 160)
    draw(drawing, ZERO, 200, 160)
    assert reader.number(drawing).text == "10"
    assert reader.digits_side_by_side(drawing) == 2


def test_an_opened_picture_is_read_from_its_own_pixels_onto_the_paper_and_read_once(reader, monkeypatch):
    drawing = Drawing(1300, 520)
    opened(drawing, YEAR)
    calls = []
    read_number = number.read_number
    monkeypatch.setattr("draw_app.drawing_reader.read_number",
                        lambda *args: calls.append(1) or read_number(*args))
    reading = reader.number(drawing)
    assert reading.text == "2026"
    for left, top, width, height in (digit.box for digit in reading.digits):  # on the paper, where it shows them
        assert 0 <= left and left + width <= 1300 and 0 <= top and top + height <= 520
    assert reader.digits_side_by_side(drawing) == 4
    assert reader.number(drawing).text == "2026"
    assert len(calls) == 1  # the picture's pixels do not change: read once, kept


def test_a_picture_drawn_over_is_read_from_the_paper_and_not_counted(reader):
    drawing = Drawing(1300, 520)
    opened(drawing, YEAR)
    draw(drawing, ONE, 1140, 100, height=300)
    assert reader.digits_side_by_side(drawing) == 0  # the person's to read
    assert reader.number(drawing).text.startswith("2026")
