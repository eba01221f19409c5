"""A writer's lean: measured on made-up strokes, and digits set upright."""

import cv2
import numpy as np
import pytest
from pictures import leaning

from draw_app.segment import DigitCrop
from draw_app.slant import LEANS_BEYOND, MNIST_LEAN, lean, lean_beyond_mnist, leans_of_digits, set_upright


def bar(degrees, height=80, pen=6):
    """An upright bar, leaning ``degrees`` to the right, light on black."""
    return leaning(cv2.line(np.zeros((height + 20, 60), np.uint8), (30, 10), (30, 10 + height), 255, pen), degrees)


def test_a_bar_leaning_to_the_right_leans_by_the_tangent_of_its_angle():
    assert lean(bar(0)) == pytest.approx(0, abs=0.01)
    assert lean(bar(30)) == pytest.approx(np.tan(np.radians(30)), abs=0.03)
    assert lean(bar(-20)) == pytest.approx(-np.tan(np.radians(20)), abs=0.03)


def test_blank_ink_has_no_lean():
    assert lean(np.zeros((10, 10), np.uint8)) == 0.0


def test_set_upright_by_its_lean_a_digit_stands_straight_and_keeps_all_its_ink():
    leaning_bar = bar(35)
    upright = set_upright(leaning_bar, lean(leaning_bar))
    assert lean(upright) == pytest.approx(0, abs=0.01)
    assert upright.sum() == pytest.approx(leaning_bar.sum(), rel=0.02)
    assert not upright[:, 0].any() and not upright[:, -1].any()  # nothing cut off at the sides


def test_a_number_leaning_little_more_than_mnist_is_left_as_it_is():
    assert lean_beyond_mnist([MNIST_LEAN + LEANS_BEYOND * 0.9] * 3) == 0.0
    assert lean_beyond_mnist([0.0, 0.1, -0.1]) == 0.0


def test_a_number_in_an_italic_hand_is_set_upright_by_how_far_it_leans_beyond_mnist():
    leans = [lean(bar(30)), lean(bar(28)), lean(bar(33))]
    assert lean_beyond_mnist(leans) == pytest.approx(np.tan(np.radians(30)) - MNIST_LEAN, abs=0.05)


def test_a_backhand_is_read_as_it_is():
    """Set upright too, backhand numbers read a little better, upright ones from several hands worse."""
    assert lean_beyond_mnist([lean(bar(-30))] * 3) == 0.0


def test_one_digit_says_nothing_of_its_writer():
    """A 1 leans further than a 0 in anyone's hand: one digit's lean is its own."""
    assert lean_beyond_mnist([lean(bar(40))]) == 0.0


def test_a_comma_or_a_dash_beside_the_digits_does_not_count():
    """Told by the height of its ink, not of its crop, which has a margin round it."""
    def crop(image):
        rows = np.flatnonzero(image.any(axis=1))
        return DigitCrop((0, 0, image.shape[1], int(rows[-1] - rows[0] + 1)), image)

    digit = bar(30, height=30)
    comma = leaning(cv2.line(np.zeros((40, 30), np.uint8), (15, 14), (15, 22), 255, 5), -45)
    assert leans_of_digits([crop(digit), crop(comma), crop(digit)]) == pytest.approx([lean(digit)] * 2)
