"""Number mode's line: the whole number, how sure, and which digits to check."""

import numpy as np
import pytest

from draw_app.number import DigitReading, NumberReading
from draw_app.number_line import NumberLine, number_text
from draw_app.predictor import Prediction
from draw_app.theme import UNSURE, apply_style


def digit(value, confidence, unsure=False):
    probabilities = [0.0] * 10
    probabilities[value] = confidence
    return DigitReading((0, 0, 10, 10), Prediction(value, confidence, tuple(probabilities),
                                                   np.zeros((28, 28), np.float32), unsure=unsure))


def test_a_sure_number_and_how_sure():
    number, line, _ = number_text(NumberReading((digit(2, 0.99), digit(0, 0.98))))
    assert number == "20" and line == f"{0.99 * 0.98:.1%} sure"


def test_an_unsure_number_names_the_digits_to_check():
    reading = NumberReading((digit(2, 0.99), digit(7, 0.5, unsure=True), digit(1, 0.6, unsure=True)))
    number, line, _ = number_text(reading)
    assert number == "271" and line.startswith("Not sure: ") and line.endswith("check the 2nd and 3rd digits")


def test_one_unsure_digit_is_named_by_its_place_not_taken_for_a_digit():
    reading = NumberReading((digit(1, 0.5, unsure=True), digit(7, 0.99), digit(1, 0.99)))
    assert number_text(reading)[1].endswith("check the 1st digit")
    many = NumberReading(tuple(digit(4, 0.5, unsure=place in (0, 10, 11, 20)) for place in range(22)))
    assert number_text(many)[1].endswith("check the 1st, 11th, 12th and 21st digits")


def test_rows_one_above_the_other_are_no_number_and_the_line_says_to_write_one_row():
    assert number_text(NumberReading((), rows=2)) == ("", "2 rows of writing:\nwrite the number on one row", UNSURE)
    assert number_text(NumberReading((), rows=3), writing=True)[1].startswith("3 rows")  # said while writing too


def test_nothing_written_says_how_to_begin():
    number, line, _ = number_text(None)
    assert number == "" and "Write a number" in line


def test_ink_with_no_digit_in_it_says_so_once_the_pen_is_lifted():
    number, line, _ = number_text(NumberReading(()))
    assert number == "" and line.startswith("No digit found here")
    assert "Write a number" in number_text(NumberReading(()), writing=True)[1]  # a 5's bar, its first stroke


@pytest.fixture
def number_line(tk_root):
    line = NumberLine(tk_root, apply_style(tk_root))
    line.pack()
    return line


def test_the_line_shows_the_number(number_line):
    number_line.show(NumberReading((digit(4, 0.9), digit(2, 0.95))))
    assert number_line.number.cget("text") == "42" and "85.5% sure" in number_line.confidence.cget("text")
    number_line.show(None)
    assert number_line.number.cget("text") == "?"


def test_the_type_is_set_at_the_panels_scale(tk_root):
    apply_style(tk_root)
    line = NumberLine(tk_root, "TkDefaultFont")
    sizes = []
    for scale in (0.6, 1.0, 1.8):
        line.fit(scale)
        sizes.append((int(line.number_font.cget("size")), int(line.line_font.cget("size"))))
    assert sizes == [(22, 8), (36, 12), (65, 22)]
