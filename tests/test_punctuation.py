"""Which marks left out of a number are its point, comma, dash or brackets, and where they go in its text."""

import pytest

from draw_app.punctuation import brackets, punctuation, with_punctuation

DIGITS = [(100, 100, 60, 100), (200, 100, 60, 100), (300, 100, 60, 100)]
"""Three digits 100 pixels tall standing on the line y = 200, 40 pixels apart."""


def test_a_point_low_between_two_digits_is_a_decimal_point():
    assert punctuation(DIGITS, [(173, 188, 12, 12)]) == {1: "."}


def test_a_short_stroke_down_from_the_line_is_a_comma():
    assert punctuation(DIGITS, [(274, 190, 9, 22)]) == {2: ","}


def test_a_slender_comma_with_its_head_above_the_line_is_a_comma_and_a_round_point_a_point():
    """As typefaces set them: the comma hangs little or not at all, but is slender."""
    assert punctuation(DIGITS, [(176, 178, 10, 22)]) == {1: ","}
    assert punctuation(DIGITS, [(176, 186, 13, 14)]) == {1: "."}
    assert punctuation(DIGITS, [(176, 222, 10, 40)]) == {1: ","}  # reaching far down: only a comma may


def test_a_point_under_the_arm_of_the_digit_after_it_keeps_clear_of_its_foot():
    """95.40 in a typeface: the point lies under the 4's arm, inside the 4's box (read 9540)."""
    point = (190, 188, 12, 12)
    feet = [(100, 175, 60, 25), (230, 175, 12, 25), (300, 175, 60, 25)]  # the 4's foot: its stem
    assert punctuation(DIGITS, [point]) == {}
    assert punctuation(DIGITS, [point], feet) == {1: "."}
    assert punctuation(DIGITS, [(240, 188, 12, 12)], feet) == {}  # on the stem's foot: no point


def test_a_point_written_close_to_a_digit_is_a_point():
    """A trial's 2.5 in the window, the dot a few pixels after the 2's foot, read 25."""
    assert punctuation(DIGITS, [(164, 188, 12, 12)]) == {1: "."}


def test_a_flat_mark_halfway_up_between_two_digits_is_a_dash():
    assert punctuation(DIGITS, [(168, 146, 26, 8)]) == {1: "-"}


def test_a_dash_just_before_the_first_digit_is_a_minus_sign():
    assert punctuation(DIGITS, [(50, 147, 35, 9)]) == {0: "-"}
    assert punctuation(DIGITS, [(-80, 147, 35, 9)]) == {}  # far to the left: no sign of this number


@pytest.mark.parametrize("marks", [
    [(174, 130, 11, 11), (174, 188, 11, 11)],  # a colon, 12:30: neither dot is a point
    [(173, 188, 12, 12), (176, 120, 3, 3)],  # a point and a speck: which is meant cannot be told
    [(170, 188, 12, 12), (187, 150, 12, 12)],  # a colon in a slanted hand: its dots a little apart
], ids=["colon", "point-and-speck", "slanted-colon"])
def test_a_gap_holding_two_marks_holds_no_sign(marks):
    assert punctuation(DIGITS, marks) == {}


def test_a_speck_beside_a_sign_leaves_it_a_sign():
    """A piece broken off a digit, or a stray dot, beside a phone number's dash: 2-665 read 2665."""
    assert punctuation(DIGITS, [(166, 146, 22, 8), (190, 104, 6, 6)]) == {1: "-"}


def test_a_dot_on_the_line_beside_a_dash_leaves_the_dash_the_sign():
    """2.-7062: a speck by the dash, which alone would pass for a point."""
    assert punctuation(DIGITS, [(166, 188, 10, 10), (178, 146, 16, 8)]) == {1: "-"}


def test_a_short_dash_in_a_broad_pen_is_still_a_dash():
    assert punctuation(DIGITS, [(170, 140, 27, 16)]) == {1: "-"}


@pytest.mark.parametrize("mark", [
    (174, 104, 10, 10),  # high between two digits: an apostrophe, a stray dot
    (176, 196, 3, 3),  # a speck of dust
    (120, 205, 20, 8),  # under a digit, sharing its columns
    (170, 140, 24, 24),  # halfway up but no flatter than tall: no dash, too high for a point
    (150, 146, 140, 8),  # a line longer than a digit is tall: no dash
    (380, 147, 30, 8),  # after the last digit
    (176, 232, 10, 10),  # a dot well under the line: a stray mark
    (161, 190, 10, 10),  # on the line but hugging the digit before: a piece broken off it
], ids=["high", "speck", "under-a-digit", "blob", "long-line", "after-the-last", "far-below", "hugging"])
def test_other_marks_are_no_sign(mark):
    assert punctuation(DIGITS, [mark]) == {}


def test_no_digits_no_signs():
    assert punctuation([], [(50, 147, 35, 9)]) == {}


AREA_CODE = [(40, 90, 30, 120), (100, 100, 60, 100), (200, 100, 60, 100), (290, 92, 30, 116), (360, 100, 60, 100)]
"""(55)0 as pieces: two brackets a little taller than the two 5s they stand about, then a 0."""


def test_two_narrow_strokes_bowing_away_from_the_digits_between_them_are_brackets():
    assert brackets(AREA_CODE, [-0.12, 0.0, 0.0, 0.12, 0.0]) == (0, 3)


@pytest.mark.parametrize("bows", [
    [0.0, 0.0, 0.0, 0.0, 0.0],  # straight 1s
    [0.12, 0.0, 0.0, -0.12, 0.0],  # bowing towards the digits between them, )55(
    [-0.12, 0.0, 0.0, 0.0, 0.0],  # one alone
    [-0.03, 0.0, 0.0, 0.03, 0.0],  # hardly bowing
], ids=["straight", "bowing in", "one alone", "hardly bowing"])
def test_other_pieces_are_no_brackets(bows):
    assert brackets(AREA_CODE, bows) is None


def test_of_two_strokes_that_might_close_a_bracket_the_one_as_tall_as_the_opening_does():
    """A 1 bowing as ")" does inside the brackets is shorter than they are: (5511)2 read (551)12."""
    pieces = [(40, 90, 30, 120), (100, 100, 60, 100), (200, 100, 30, 100), (260, 92, 30, 116), (330, 100, 60, 100)]
    assert brackets(pieces, [-0.12, 0.0, 0.06, 0.12, 0.0]) == (0, 3)


def test_brackets_begin_the_number():
    """A bowed 1 and a leaning one about a 5 in a test number read 4,(5)5 for 4,1515."""
    later = [(0, 100, 60, 100), *AREA_CODE]
    assert brackets(later, [0.0, -0.12, 0.0, 0.0, 0.12, 0.0]) is None


def test_brackets_about_the_whole_number_are_none():
    """A year whose first and last 1s bowed towards each other, 1971, read (97)."""
    year = [AREA_CODE[0], AREA_CODE[1], AREA_CODE[2], AREA_CODE[3]]
    assert brackets(year, [-0.12, 0.0, 0.0, 0.12]) is None


def test_a_bowed_stroke_shorter_than_the_digits_or_wide_is_no_bracket():
    short = [AREA_CODE[0], AREA_CODE[1], AREA_CODE[2], (290, 130, 30, 70), AREA_CODE[4]]
    assert brackets(short, [-0.12, 0.0, 0.0, 0.12, 0.0]) is None
    wide = [AREA_CODE[0], AREA_CODE[1], AREA_CODE[2], (290, 92, 80, 116), AREA_CODE[4]]
    assert brackets(wide, [-0.12, 0.0, 0.0, 0.12, 0.0]) is None


def test_each_sign_goes_before_the_digit_it_comes_before():
    assert with_punctuation("1250", {2: "."}) == "12.50"
    assert with_punctuation("5550123", {3: "-"}) == "555-0123"
    assert with_punctuation("4", {0: "-"}) == "-4"
    assert with_punctuation("2026", {}) == "2026"
    assert with_punctuation("5550142", {0: "(", 3: ")"}) == "(555)0142"
