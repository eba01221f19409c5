"""Taking what is not writing off the paper: printed boxes, answer lines and ruled lines,
rules on their own, dark bands along the edge, rings and lines drawn by hand round or under
the writing; and leaving a digit's own straight strokes as they are."""

import math

import cv2
import numpy as np
import pytest
from pictures import boxed, difference, hand_line, ring, seven

from draw_app.ink import MIN_CONTRAST, ink_map
from draw_app.marks import (without_answer_line, without_dark_margins, without_frame, without_lone_rules, without_ring,
                            without_ruled_lines, without_underlines)
from draw_app.preprocess import to_mnist, to_mnist_candidates


def test_a_digit_in_a_printed_box_is_read_as_the_digit_alone():

    seven_alone = to_mnist(seven())
    for box in (boxed(seven()), boxed(seven(), edge=0, thickness=3), boxed(seven(), ink=120)):
        assert difference(to_mnist_candidates(box)[0], seven_alone) < 0.02
    turned = cv2.warpAffine(boxed(seven()), cv2.getRotationMatrix2D((200, 200), 1.2, 1.0), (400, 400),
                            borderValue=255)  # as a scanner takes a page a little askew
    assert difference(to_mnist_candidates(turned)[0], seven_alone) < 0.03


def test_bold_digits_cropped_to_their_ink_ruled_eights_and_tables_are_not_taken_for_boxes():

    bold_zero = ring(pen=40)[60:341, 100:301]  # cropped to its ink: its edges touch all four sides
    bar = np.full((200, 80), 255, np.uint8)
    bar[10:190, 10:70] = 0  # a filled bar: straight edges, but no thin line behind them
    ruled_eight = boxed(np.full((300, 200), 255, np.uint8))
    ruled_eight[148:152, 6:194] = 0  # a box with a bar across: an 8 drawn with a ruler
    empty_box = boxed(np.full((300, 200), 255, np.uint8))
    table = boxed(np.full((300, 200), 255, np.uint8))
    table[100:102, 6:194] = table[200:202, 6:194] = table[6:294, 99:101] = 0  # a box with rules across it
    for drawing in (bold_zero, bar, ruled_eight, empty_box, table):
        ink = ink_map(drawing)
        assert without_frame(ink) is ink


def test_a_digit_written_on_a_printed_answer_line_is_read_without_the_line():

    on_a_line = seven(canvas=(400, 380))
    on_a_line[334:337, 20:380] = 0  # the 7's foot ends at 320: the line runs under it, apart
    assert difference(to_mnist_candidates(on_a_line)[0], to_mnist(seven(canvas=(400, 380)))) < 0.02


def test_a_digits_own_straight_base_or_foot_is_not_taken_for_an_answer_line():

    two = np.full((300, 300), 255, np.uint8)
    cv2.polylines(two, [np.array([[60, 90], [150, 40], [230, 90], [60, 260], [250, 260]], np.int32)], False, 0, 6)
    footed_one = np.full((300, 300), 255, np.uint8)
    cv2.polylines(footed_one, [np.array([[90, 100], [160, 40], [160, 260]], np.int32)], False, 0, 6)
    cv2.line(footed_one, (110, 262), (210, 262), 0, 6)  # a foot under the stem, the flag reaching past it
    for drawing in (two, footed_one):
        ink = ink_map(drawing)
        assert without_answer_line(ink) is ink


def test_a_line_drawn_by_hand_under_the_writing_is_taken_out():
    """Underlined once or twice, as a total or an answer is: the line was read with the digit
    over it, or as a digit of its own (27 % of underlined numbers read exactly)."""
    number = np.full((400, 700), 255, np.uint8)
    for x in (120, 300, 480):  # three 1s
        cv2.line(number, (x, 60), (x, 280), 0, 14)
    underlined = hand_line(hand_line(number.copy(), 80, 560, 320), 90, 550, 350)
    ink = ink_map(underlined)
    assert np.array_equal(without_underlines(ink, fewest_over=2) >= MIN_CONTRAST, ink_map(number) >= MIN_CONTRAST)
    touching = hand_line(number.copy(), 80, 560, 284)  # touching the writing, it is part of it
    assert np.array_equal(without_underlines(ink_map(touching)), ink_map(touching))


def test_a_digits_own_foot_drawn_apart_is_no_underline_in_a_number():
    """A 3 or a 2 drawn in two goes has a flat foot under the rest of it: beside it, the
    neighbouring digits reach as low as the foot, which an underline never lets them."""
    number = np.full((400, 600), 255, np.uint8)
    cv2.line(number, (100, 60), (100, 300), 0, 14)  # a 1 reaching down to the line
    cv2.polylines(number, [np.array([[200, 80], [300, 60], [320, 150], [240, 220]], np.int32)], False, 0, 14)
    hand_line(number, 210, 330, 290, waver=1.0)  # the foot of the digit beside it, drawn apart
    assert np.array_equal(without_underlines(ink_map(number), fewest_over=2), ink_map(number))


def test_an_underlined_digit_alone_is_also_made_a_28x28_without_the_line():
    underlined = hand_line(seven(canvas=(400, 400), top_left=(120, 60), height=240), 90, 330, 345, pen=16)
    assert any(difference(candidate, to_mnist(seven(canvas=(400, 400), top_left=(120, 60), height=240))) < 0.02
               for candidate in to_mnist_candidates(underlined, unlined=True))


def test_a_digit_beside_a_margin_or_a_column_rule_is_read_without_the_rule():
    """An exercise book's margin from edge to edge, as dark as the pen, beside a 7: read
    as two digits side by side, no digit alone."""
    for line in ((60, 0, 62, 399), (0, 30, 399, 31)):  # a margin, and a rule along the top
        ruled = seven()
        cv2.line(ruled, line[:2], line[2:], 0, 3, cv2.LINE_AA)
        assert difference(to_mnist_candidates(ruled)[0], to_mnist(seven())) < 0.02


def test_a_ones_or_a_sevens_own_straight_strokes_are_no_rules():
    """A 1 cropped to its ink, two of them side by side, a 7 whose bar runs from edge to edge
    into its stem, a stroke written over a margin, and an open 4 cropped tight to its upright
    (a stroke as bold as the rest, where a printed rule is thinner) are left as drawn."""
    one = np.full((200, 60), 255, np.uint8)
    cv2.line(one, (30, 0), (30, 199), 0, 8)
    ones = np.full((200, 160), 255, np.uint8)
    cv2.line(ones, (30, 0), (30, 199), 0, 8)
    cv2.line(ones, (130, 0), (130, 199), 0, 8)
    t_seven = np.full((200, 160), 255, np.uint8)
    cv2.line(t_seven, (0, 4), (159, 4), 0, 8)
    cv2.line(t_seven, (80, 4), (70, 150), 0, 8)
    written_over = seven(top_left=(40, 80))
    cv2.line(written_over, (90, 0), (90, 399), 0, 3)  # the 7's bar crosses it
    open_four = np.full((400, 280), 255, np.uint8)  # cropped tight to its upright; its bar stops short of it
    cv2.line(open_four, (200, 0), (200, 399), 0, 6)
    cv2.polylines(open_four, [np.array([[140, 20], [20, 240], [176, 240]], np.int32)], False, 0, 6)
    for drawing in (one, ones, t_seven, written_over, open_four):
        ink = ink_map(drawing)
        assert without_lone_rules(ink) is ink


def test_a_digit_circled_by_hand_is_read_without_its_ring_even_an_open_one():
    """Circled, a 7 was read as a sure 0: the ring was the digit."""
    circled = seven(canvas=(500, 500), top_left=(170, 130))
    cv2.ellipse(circled, (250, 250), (190, 200), 0, -60, 260, 0, 8, cv2.LINE_AA)  # a gap at the top right
    assert difference(to_mnist_candidates(circled)[0], to_mnist(seven(canvas=(500, 500), top_left=(170, 130)))) < 0.02


def test_a_zero_with_a_dot_or_a_slash_in_it_a_six_and_a_small_digit_under_a_sevens_bar_are_no_rings():
    zero_with_a_dot = ring()
    cv2.circle(zero_with_a_dot, (200, 200), 8, 0, -1)  # 0.07 of the 0's height: no digit
    six = np.full((400, 400), 255, np.uint8)
    cv2.ellipse(six, (200, 260), (70, 70), 0, 0, 360, 0, 12)
    cv2.line(six, (135, 250), (230, 60), 0, 12)
    six[240:270, 190:205] = 0  # a mark inside its loop, apart from its ink
    seven_and_small_one = seven(canvas=(500, 400), top_left=(60, 60), height=280)
    cv2.line(seven_and_small_one, (260, 200), (260, 320), 0, 12)  # under the bar, right of the stem
    slashed_zero = ring()  # 0.7 as wide as tall
    cv2.line(slashed_zero, (230, 140), (170, 260), 0, 12)  # its slash inside, touching it nowhere
    for drawing in (zero_with_a_dot, six, seven_and_small_one, slashed_zero):
        ink = ink_map(drawing)
        assert without_ring(ink) is ink


def ruled(image, pitch, ink=150, squared=False, tilt=1.0):
    """A gray drawing on ruled paper: faint printed lines ``pitch`` pixels apart, a little askew, under the ink."""
    lines = np.full_like(image, 255)
    height, width = image.shape
    slope = math.tan(math.radians(tilt))
    for offset in range(-height, 2 * max(height, width), pitch):
        cv2.line(lines, (-width, round(offset - width * slope)), (2 * width, round(offset + 2 * width * slope)), ink, 2)
        if squared:
            cv2.line(lines, (round(offset + height * slope), -height), (round(offset - 2 * height * slope), 2 * height),
                     ink, 2)
    return np.minimum(image, lines)


@pytest.mark.parametrize("squared", [False, True], ids=["lined", "squared"])
def test_a_digit_on_ruled_paper_reads_as_on_plain_paper(squared):

    plain = to_mnist(seven())
    on_ruled = to_mnist_candidates(ruled(seven(), pitch=60 if not squared else 40, squared=squared))
    assert len(on_ruled) == 1 and difference(on_ruled[0], plain) < 0.02


def test_lines_as_dark_as_the_pen_and_single_straight_strokes_are_not_taken_for_ruled_paper():

    tight_seven = seven(canvas=(160, 250), top_left=(0, 4), height=240)  # its bar runs from edge to edge
    assert np.array_equal(without_ruled_lines(255 - tight_seven), 255 - tight_seven)
    dark_lines = 255 - ruled(seven(), pitch=70, ink=0)
    assert np.array_equal(without_ruled_lines(dark_lines), dark_lines)
    drawing = 255 - seven()  # paper all round: found at once, without looking for lines
    assert without_ruled_lines(drawing) is drawing


def test_a_dark_band_along_the_pictures_edge_is_not_read_with_the_digit():

    alone = to_mnist(ring())
    for band in (np.s_[:, -30:], np.s_[-8:, :]):  # the scanner's lid on the right, a strip of desk below
        scanned = ring()
        scanned[band] = 30
        assert difference(to_mnist_candidates(scanned)[0], alone) < 0.02  # read with it, the 0 was a 9 or a 2
    empty_page = np.full((400, 400), 255, np.uint8)
    empty_page[:, -30:] = 30
    assert to_mnist_candidates(empty_page) == []  # it was a sure 1


def test_a_bar_along_the_edge_that_joins_the_writing_is_kept():

    tight_seven = seven()[78:322, 112:270]  # cropped to its ink: its bar runs along the whole top
    ink = 255 - tight_seven
    assert without_dark_margins(ink) is ink
