"""Strokes drawn as lines of dots are joined; grain, specks and ordinary strokes are left alone."""

import cv2
import numpy as np
from pictures import ring, seven

from draw_app.dots import DOTS, joined_dots
from draw_app.ink import ink_map


def test_dots_stamped_along_strokes_are_joined_and_grain_and_strokes_are_not():

    dots = np.full((400, 400), 255, np.uint8)
    for x in range(100, 320, 22):  # a bar of dots 12 wide, 10 apart
        cv2.circle(dots, (x, 120), 6, 0, -1, cv2.LINE_AA)
    for y in range(142, 330, 22):  # and a stem
        cv2.circle(dots, (210, y), 6, 0, -1, cv2.LINE_AA)
    ink = ink_map(dots)
    pieces = cv2.connectedComponents((joined_dots(ink) > 24).astype(np.uint8))[0] - 1
    assert pieces == 1  # a T drawn with a ruler of dots
    grain = np.clip(np.random.default_rng(0).normal(235, 30, (400, 400)), 0, 255).astype(np.uint8)
    for picture in (grain, seven(), ring()):
        ink = ink_map(picture)
        assert joined_dots(ink) is ink


def test_in_a_line_of_writing_dots_are_small_against_its_height_not_its_length():

    row = np.full((100, 1400), 255, np.uint8)
    for left in range(20, 1300, 110):  # twelve small 0s in a row, each a short piece of the whole line's length
        cv2.ellipse(row, (left + 40, 50), (28, 40), 0, 0, 360, 0, 6, cv2.LINE_AA)
    ink = ink_map(row)
    assert joined_dots(ink, line=True) is ink
    for step in (14, 10):  # a long wavy line of dots 10 wide, 4 apart, and touching (in chains of two or three)
        dots = np.full((200, 1400), 255, np.uint8)
        for x in range(40, 1360, step):
            cv2.circle(dots, (x, 100 + round(60 * np.sin(x / 80))), 5, 0, -1, cv2.LINE_AA)
        ink = ink_map(dots)
        assert cv2.connectedComponents((joined_dots(ink, line=True) > 24).astype(np.uint8))[0] - 1 == 1


def test_a_long_line_of_dots_is_joined_though_it_has_more_dots_than_any_digit():

    dots = np.full((120, 2500), 255, np.uint8)
    for left in range(20, 2420, 100):  # 24 0s in a row, each 25 dots 8 wide about 2 apart
        for angle in np.linspace(0, 2 * np.pi, 25, endpoint=False):
            centre = (round(left + 40 + 30 * np.cos(angle)), round(60 + 40 * np.sin(angle)))
            cv2.circle(dots, centre, 4, 0, -1, cv2.LINE_AA)
    ink = cv2.bitwise_not(dots)  # as drawn, without ink_map's shrinking to its working size
    assert 24 * 25 > DOTS[1]
    assert joined_dots(ink) is ink
    assert cv2.connectedComponents((joined_dots(ink, line=True) > 24).astype(np.uint8))[0] - 1 == 24


def test_a_small_number_with_a_few_specks_round_it_is_not_taken_for_dots():

    number = np.full((100, 260), 255, np.uint8)
    cv2.putText(number, "2047", (30, 70), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 4, cv2.LINE_AA)
    for x, y in [(10, 10), (80, 90), (150, 8), (250, 50), (120, 92), (5, 60), (200, 90), (255, 8)]:
        cv2.circle(number, (x, y), 4, 0, -1, cv2.LINE_AA)  # specks as wide as the pen, or wider
    ink = ink_map(number)
    assert joined_dots(ink, line=True) is ink
