"""Finding the digits of a number in a picture's pixels: made-up drawings, and a made-up reader
where one is needed (from strokes: test_stroke_digits.py)."""

import math

import cv2
import numpy as np
import pytest
from conftest import ROOT
from drawn_shapes import (FIVE_BODY, FOUR, NINE, ONE, SEVEN, SIX, TWO, ZERO, leaning_zero_arc, lefts, painted,
                          strokes_of)

from draw_app.images import read_image
from draw_app.segment import (ARC_BOW, BROKEN_SHARED, EVEN_CUT_SURE, FAR, HALF_HEIGHT, MARGIN, PART, REFUSED_WIDE, WIDE,
                              DigitCrop, Reading, SeveralRows, cheapest_seams, cut_along, cut_columns, find_digits,
                              find_digits_and_marks, is_dash_beside, separators, strokes_crossed, surest_even_cut,
                              thinnest_cuts, two_digits_rather_than_one, widest_gap)
from draw_app.strokes import Stroke

# ---------------------------------------------------------------- from pixels


def test_blank_paper_has_no_digits():
    assert find_digits(np.full((300, 900, 3), 255, np.uint8)) == []


def test_paper_with_only_specks_of_dust_has_no_digits():
    image = np.full((300, 900), 255, np.uint8)
    image[50, 50] = image[200, 700] = 0  # single pixels: no piece of ink at all
    assert find_digits(image) == []
    assert find_digits(image, read=lambda crop: Reading(1, 1.0)) == []


def test_digits_apart_are_found_left_to_right_each_with_only_its_own_ink():
    shapes = [TWO, ZERO, TWO, SIX]
    strokes = [stroke for index, shape in enumerate(shapes) for stroke in strokes_of(shape, 60 + 200 * index, 60, 180)]
    crops = find_digits(painted(strokes))
    assert len(crops) == 4
    assert lefts(crops) == sorted(lefts(crops))
    for index, (crop, shape) in enumerate(zip(crops, shapes)):
        alone = find_digits(painted(strokes_of(shape, 60 + 200 * index, 60, 180)))[0]
        assert crop.box == alone.box
        assert crop.image.shape == (crop.box[3] + 2 * MARGIN, crop.box[2] + 2 * MARGIN)
        assert (crop.image == alone.image).all()


def test_crops_are_light_ink_on_black_whatever_the_colours():
    crops = find_digits(painted(strokes_of(SEVEN, 100, 60, 180), ink=(250, 250, 120), paper=(30, 30, 60)))
    image = crops[0].image
    assert image[:MARGIN].max() == 0 and image[-MARGIN:].max() == 0
    assert image.max() > 200


def lit_unevenly(image):
    """An RGB image as a phone photographs it: the light falling off to one side and into the corners."""
    height, width = image.shape[:2]
    rows, columns = np.mgrid[0:height, 0:width].astype(np.float32)
    corners = 1 - 0.6 * ((rows / height - 0.5) ** 2 + (columns / width - 0.5) ** 2)
    light = np.linspace(1.0, 0.35, width, dtype=np.float32)[None, :] * corners
    return (image * light[..., None]).astype(np.uint8)


def test_a_photo_of_a_number_lit_unevenly_is_cut_as_in_even_light():
    strokes = [stroke for index, shape in enumerate([TWO, ZERO, TWO, SIX])
               for stroke in strokes_of(shape, 60 + 200 * index, 60, 180)]
    on_paper = painted(strokes, ink=(40, 40, 40), paper=(235, 235, 230))
    even, uneven = find_digits(on_paper), find_digits(lit_unevenly(on_paper))
    assert len(even) == len(uneven) == 4  # before the light was taken out, shadows joined digits and made one
    for in_even, in_uneven in zip(even, uneven):
        assert np.abs(np.subtract(in_even.box, in_uneven.box)).max() <= 6


def test_a_number_under_a_harsh_lamp_keeps_the_digits_on_its_bright_side():
    """Paper lit brighter than the border's colour by more than the ink differs from it:
    taking the light out of the ink map (rather than making the photo's light even
    first) lost the first digit (026 for 2026)."""
    strokes = [stroke for index, shape in enumerate([TWO, ZERO, TWO, SIX])
               for stroke in strokes_of(shape, 60 + 200 * index, 60, 180, pen=14)]
    on_paper = painted(strokes, ink=(115, 115, 115), paper=(255, 255, 255)).astype(np.float32)
    light = np.linspace(1.0, 0.4, on_paper.shape[1], dtype=np.float32)[None, :, None]
    crops = find_digits((on_paper * light).astype(np.uint8))
    assert len(crops) == 4 and crops[0].box[0] < 100


def test_a_number_written_on_lined_paper_is_cut_as_on_plain_paper():
    strokes = [stroke for index, shape in enumerate([TWO, ZERO, TWO, SIX])
               for stroke in strokes_of(shape, 60 + 200 * index, 60, 180)]
    plain = painted(strokes, ink=(30, 30, 90))
    lined = plain.copy()
    paper = lined.sum(axis=2) > 600
    for row in range(25, 300, 55):  # faint blue lines from edge to edge, under the ink and across it
        lined[row:row + 2][paper[row:row + 2]] = (150, 180, 230)
    assert_cut_alike(plain, lined)  # before the lines were taken out, they made one wide piece


def assert_cut_alike(plain, marked):
    """The number on printed paper is cut into the same four digits as on plain paper."""
    on_plain, on_marked = find_digits(plain), find_digits(marked)
    assert len(on_plain) == len(on_marked) == 4
    for one, other in zip(on_plain, on_marked):
        assert np.abs(np.subtract(one.box, other.box)).max() <= 4


def test_a_number_written_in_a_printed_box_is_cut_as_without_the_box():
    strokes = [stroke for index, shape in enumerate([TWO, ZERO, TWO, SIX])
               for stroke in strokes_of(shape, 60 + 200 * index, 60, 180)]
    plain = painted(strokes)
    boxed = plain.copy()
    boxed[8:11, 8:-8] = boxed[-11:-8, 8:-8] = boxed[8:-8, 8:11] = boxed[8:-8, -11:-8] = 0  # as on a form
    assert_cut_alike(plain, boxed)  # the box was one more piece of ink, as wide as the number


def test_a_number_written_on_a_printed_answer_line_is_cut_as_without_the_line():
    strokes = [stroke for index, shape in enumerate([TWO, ZERO, TWO, SIX])
               for stroke in strokes_of(shape, 60 + 200 * index, 40, 180)]
    plain = painted(strokes)
    on_a_line = plain.copy()
    on_a_line[238:241, 20:-20] = 0  # under the digits, which end at 225
    assert_cut_alike(plain, on_a_line)  # the line joined them into one wide piece


def test_a_number_written_faintly_is_cut_as_in_dark_ink():
    strokes = [stroke for index, shape in enumerate([TWO, ZERO, TWO, SIX])
               for stroke in strokes_of(shape, 60 + 200 * index, 60, 180)]
    assert_cut_alike(painted(strokes), painted(strokes, ink=(215, 215, 215), paper=(245, 245, 245)))


def test_a_bar_drawn_apart_belongs_to_the_digit_under_it():
    five = strokes_of(FIVE_BODY, 100, 70, 180) + [Stroke(10, [(125, 58), (200, 58)])]  # a gap above the body
    assert len(find_digits(painted(five + strokes_of(ONE, 400, 60, 180)))) == 2


def test_a_seven_reaching_over_the_next_digit_without_touching_it_stays_apart():
    seven = strokes_of(SEVEN, 100, 60, 180) + [Stroke(10, [(200, 60), (330, 60)])]  # a long bar
    one = strokes_of(ONE, 230, 90, 150)
    crops = find_digits(painted(seven + one))
    assert len(crops) == 2
    assert crops[0].box[2] > 200 and crops[1].box[2] < 30  # the 7 first, then the 1 under its bar


def test_a_slanted_line_is_still_read_left_to_right():
    strokes = [stroke for index in range(4) for stroke in strokes_of(ONE if index % 2 else ZERO,
                                                                     60 + 150 * index, 200 - 50 * index, 120)]
    crops = find_digits(painted(strokes, size=(700, 400)))
    assert len(crops) == 4 and lefts(crops) == sorted(lefts(crops))


def test_a_small_digit_counts_but_a_dot_and_a_dash_do_not():
    strokes = (strokes_of(TWO, 60, 60, 180) + strokes_of(ONE, 240, 150, 90)
               + [Stroke(10, [(330, 230)])]  # a dot, apart from the digits
               + [Stroke(10, [(360, 150), (400, 150)])]  # a dash between two digits
               + strokes_of(SEVEN, 440, 60, 180))
    crops = find_digits(painted(strokes))
    assert len(crops) == 3
    assert 80 <= crops[1].box[3] <= 110


def test_a_slanted_stroke_broken_in_two_is_one_digit():
    upper = Stroke(10, [(330, 60), (290, 140)])
    lower = Stroke(10, [(284, 152), (244, 232)])  # where the pen was lifted and put down again
    assert len(find_digits(painted([upper, lower] + strokes_of(ZERO, 60, 60, 180)))) == 2


@pytest.mark.parametrize("raised", [0, 30, 60])
def test_the_cents_of_a_price_written_small_and_high_are_digits_of_their_own(raised):
    """Cents half as tall as the line, from level with the 4's top to raised a third of
    their height above it: each 9 nearly touches the other, as the cut-off end of a
    stroke nearly touches the rest of its digit, but they sit side by side, each tall
    enough to be a digit."""
    price = strokes_of(ONE, 100, 150, 180) + strokes_of(FOUR, 220, 150, 180) + \
        [stroke for place in range(2) for stroke in strokes_of(NINE, 340 + 62 * place, 150 - raised, 81)]
    crops = find_digits(painted(price, size=(500, 360)))
    assert len(crops) == 4
    assert all(crop.box[3] < 100 for crop in crops[2:])


def two_rows(gap):
    """12 written above 34, ``gap`` pixels between the rows."""
    return strokes_of(ONE, 60, 40, 120) + strokes_of(TWO, 160, 40, 120) + \
        strokes_of(SEVEN, 60, 160 + gap, 120) + strokes_of(FOUR, 160, 160 + gap, 120)


@pytest.mark.parametrize("gap", [40, 120])
def test_two_rows_of_digits_one_above_the_other_are_said_to_be_rows_not_read_as_one_number(gap):
    with pytest.raises(SeveralRows) as raised:
        find_digits(painted(two_rows(gap), size=(400, 460)))
    assert raised.value.rows == 2


def test_pieces_a_pen_lift_apart_above_each_other_are_one_row():
    """A 5 whose bar floats above it, a comma hanging below its digit, a slanted 1 broken
    in two, the raised cents of a price: each in one row."""
    floating_bar = [Stroke(10, [(62, 40), (130, 40)])] + strokes_of(FIVE_BODY, 60, 62, 160) + \
        strokes_of(ONE, 200, 40, 180)
    broken_one = [Stroke(10, [(330, 60), (290, 140)]), Stroke(10, [(284, 160), (244, 240)])]
    raised_cents = strokes_of(ONE, 60, 150, 180) + strokes_of(FOUR, 180, 150, 180) + \
        [stroke for place in range(2) for stroke in strokes_of(NINE, 300 + 62 * place, 40, 81)]
    for strokes in (floating_bar, broken_one + strokes_of(ZERO, 60, 60, 180), raised_cents):
        assert 2 <= len(find_digits(painted(strokes, size=(500, 360)))) <= 4


def test_digits_a_few_pixels_apart_stay_apart_when_a_photo_blurs_the_gap():
    zero_right = 60 + 0.58 * 180 + 5  # the first 0's ink ends here; the second's starts 0.02 of 180 from its left
    strokes = strokes_of(ZERO, 60, 60, 180) + strokes_of(ZERO, zero_right + 3 + 5 - 0.02 * 180, 60, 180)
    sharp = painted(strokes)
    blurred = cv2.GaussianBlur(sharp, (0, 0), 2)  # the 3-pixel gap is now half-tones, past Otsu's threshold
    assert len(find_digits(sharp)) == len(find_digits(blurred)) == 2


def test_a_wide_zero_whose_top_and_bottom_are_fainter_than_its_sides_stays_one_digit():
    zero = np.full((300, 400), 255, np.uint8)
    cv2.ellipse(zero, (200, 150), (85, 95), 0, 0, 360, 0, -1, cv2.LINE_AA)
    cv2.ellipse(zero, (200, 150), (75, 92), 0, 0, 360, 255, -1, cv2.LINE_AA)  # sides 10 thick, top and bottom 3
    blurred = cv2.GaussianBlur(zero, (0, 0), 2)  # only the sides are solid ink: two tall parts, far apart
    assert len(find_digits(blurred)) == 1


def stamped(strokes, size=(900, 300), radius=5, step=16):
    """The strokes as a program that stamps a dot each ``step`` pixels along them draws them."""
    image = np.full(size[::-1], 255, np.uint8)
    for stroke in strokes:
        points = np.asarray(stroke.points, np.float64)
        lengths = np.concatenate([[0], np.cumsum(np.hypot(*np.diff(points, axis=0).T))])
        for along in [*np.arange(0, lengths[-1], step), lengths[-1]]:  # and where the stroke ends
            x, y = np.interp(along, lengths, points[:, 0]), np.interp(along, lengths, points[:, 1])
            cv2.circle(image, (round(x), round(y)), radius, 0, -1, cv2.LINE_AA)
    return image


def test_a_number_stamped_in_dots_is_cut_as_one_drawn_with_unbroken_strokes():
    strokes = [stroke for index, shape in enumerate([TWO, ZERO, FOUR, SEVEN])
               for stroke in strokes_of(shape, 60 + 200 * index, 60, 180)]
    dots = stamped(strokes)
    assert cv2.connectedComponents(255 - dots)[0] - 1 > 40  # dots 10 wide, 6 apart: no two touch
    found, unbroken = find_digits(dots), find_digits(painted(strokes))
    assert len(found) == len(unbroken) == 4
    for crop, drawn in zip(found, unbroken):
        assert np.abs(np.subtract(crop.box, drawn.box)).max() <= 8


def test_boxes_are_in_the_pixels_of_a_large_image():
    strokes = [stroke for index in range(6) for stroke in strokes_of(SEVEN, 100 + 450 * index, 200, 500, pen=30)]
    crops = find_digits(painted(strokes, size=(2900, 900)))
    assert len(crops) == 6
    x, y, width, height = crops[-1].box
    assert abs(x - (100 + 450 * 5 - 15)) < 8 and abs(y - 185) < 8 and abs(height - 530) < 10


def width_reader(whole_confidence):
    """Reads a crop by its ink's width: one oval with a bit of bridge is a sure 0, and two are
    a 0 as sure as it is told."""

    def read(crop):
        width = crop.shape[1] - 2 * MARGIN
        if width > 200:
            return Reading(0, whole_confidence)
        return Reading(0, 0.999 if 100 <= width <= 150 else 0.2)

    return read


def touching_pair():
    """Two ovals 111 px wide joined by a bridge: two touching 0s."""
    return strokes_of(ZERO, 100, 60, 180) + strokes_of(ZERO, 250, 60, 180) + [Stroke(10, [(200, 150), (250, 150)])]


def test_touching_digits_are_cut_where_both_halves_read_surely():
    drawing = painted(touching_pair())
    whole_left, _, whole_width, _ = find_digits(drawing)[0].box
    crops = find_digits(drawing, read=width_reader(whole_confidence=0.6))
    assert len(crops) == 2
    (left, _, left_width, _), (right, _, right_width, _) = crops[0].box, crops[1].box
    assert left == whole_left and right + right_width == whole_left + whole_width
    assert 200 <= left + left_width <= 255 and right == left + left_width  # cut on the bridge


def test_touching_digits_stay_whole_when_the_whole_reads_surer():
    assert len(find_digits(painted(touching_pair()), read=width_reader(whole_confidence=0.9999999))) == 1


def touching_chain():
    """Three ovals 111 px wide, each joined to the next by a bridge: 000 written in one run."""
    return [stroke for left in (100, 250, 400) for stroke in strokes_of(ZERO, left, 60, 180)] + \
        [Stroke(10, [(200, 150), (250, 150)]), Stroke(10, [(350, 150), (400, 150)])]


@pytest.mark.parametrize("end_confidence, digits", [(0.999, 3), (0.6, 1)])
def test_a_chain_of_touching_digits_comes_apart_one_end_digit_at_a_time(end_confidence, digits):
    """Half of a chain of three is two digits, which reads as none: only a digit taken off an
    end that reads surely (PEEL_CONFIDENCE) parts it."""

    def read(crop):
        return None if crop.shape[1] - 2 * MARGIN > 150 else Reading(0, end_confidence)

    crops = find_digits(painted(touching_chain()), read=read)
    assert len(crops) == digits
    if digits == 3:
        assert [crop.box[0] + crop.box[2] / 2 for crop in crops] == pytest.approx([155, 305, 455], abs=25)


def test_without_a_reader_touching_digits_stay_one_crop():
    assert len(find_digits(painted(touching_pair()))) == 1


def test_a_seam_cuts_slanted_touching_digits_apart_where_every_vertical_cut_slices_one():
    """Two strokes slanted like italic 1s, sharing columns, joined by a bridge: a vertical cut
    leaves a piece of one digit with the other, a seam follows the slanted gap between them."""
    left = [Stroke(10, [(80, 260), (170, 60)])]
    right = [Stroke(10, [(165, 260), (255, 60)])]
    bridge = [Stroke(4, [(125, 160), (210, 160)])]  # a thin tail of the pen
    drawing = painted(left + right + bridge)
    crop, = find_digits(drawing)
    x, y, width, height = crop.box

    def ink_of(strokes):
        """The strokes' own ink, in the crop's pixels."""
        ink = painted(strokes)[..., 0] < 128
        return np.pad(ink[y:y + height, x:x + width], MARGIN)

    left_ink, right_ink = ink_of(left), ink_of(right)

    def kept_apart(cut):
        """Whether the cut leaves the left digit whole on its left, and none of the right one."""
        half, _ = cut_along(crop, cut)
        on_the_left = np.zeros_like(left_ink)
        bx, by, bw, bh = half.box
        on_the_left[by - y:by - y + bh + 2 * MARGIN, bx - x:bx - x + bw + 2 * MARGIN] = half.image > 127
        return (on_the_left & left_ink).sum() >= 0.98 * left_ink.sum() and not (on_the_left & right_ink).any()

    allowed = cut_columns(crop.image, height)
    columns = [np.full(crop.image.shape[0], column) for column in thinnest_cuts(crop.image, allowed)]
    assert columns and not any(kept_apart(cut) for cut in columns)
    assert any(kept_apart(seam) for seam in cheapest_seams(crop.image, allowed))  # the reader then chooses


def close_touching_pair():
    """A short 0 and a tall one joined by a short bridge, written so close that the ink is no
    wider than WIDE times its height, and the short one is under HALF_HEIGHT of it: a 20 written fast."""
    return strokes_of(ZERO, 100, 120, 120) + strokes_of(ZERO, 190, 60, 180) + [Stroke(10, [(170, 180), (195, 180)])]


def test_close_touching_digits_that_read_as_no_digit_are_cut():
    drawing = painted(close_touching_pair())
    whole, = find_digits(drawing)
    _, _, width, height = whole.box
    assert REFUSED_WIDE * height < width < WIDE * height

    def refusing_reader(crop):
        """Two ovals together are like no digit; each alone is a sure 0."""
        return None if crop.shape[1] - 2 * MARGIN > 150 else Reading(0, 0.999)

    crops = find_digits(drawing, read=refusing_reader)
    assert len(crops) == 2
    assert crops[0].box[3] < HALF_HEIGHT * height  # the short 0, kept
    assert 165 <= crops[0].box[0] + crops[0].box[2] <= 200  # cut on the bridge


def one_touching_a_zero():
    """A 1 and a 0 joined by a bridge, no wider than WIDE times their height: a 10 written close."""
    return strokes_of(ONE, 20, 60, 180) + [Stroke(10, [(74, 150), (126, 150)])] + strokes_of(ZERO, 120, 60, 180)


@pytest.mark.parametrize("together, apart, digits", [(0.9, 0.999, [1, 0]), (0.5, 0.8, [9]), (0.9999, 0.95, [9])],
                         ids=["cut: apart, two sure digits", "whole: apart, unsure ones", "whole: surer together"])
def test_close_touching_digits_that_read_as_one_digit_are_cut_where_they_touch_into_two_sure_ones(
        together, apart, digits):
    """Together the 1 and the 0 read as a digit (1917 read as 197); apart they are two digits
    only if each reads surely, not merely surer than the whole."""
    drawing = painted(one_touching_a_zero())
    whole, = find_digits(drawing)
    _, _, width, height = whole.box
    assert REFUSED_WIDE * height < width < WIDE * height

    def read(crop):
        width = crop.shape[1] - 2 * MARGIN
        return Reading(9, together) if width > 130 else Reading(1, apart) if width < 60 else Reading(0, apart)

    crops = find_digits(drawing, read=read)
    assert [read(crop.image)[0] for crop in crops] == digits
    if len(crops) == 2:
        assert 74 <= crops[0].box[0] + crops[0].box[2] <= 126  # cut on the bridge


def test_strokes_crossed_counts_the_runs_of_ink_a_cut_passes_through():
    image = np.zeros((8, 5), np.uint8)
    image[0:2, 1] = image[4, 1] = image[6:8, 1] = 255  # three strokes across column 1, one in the top row
    image[3, 3] = image[4, 4] = 255  # a stroke that a seam stepping sideways follows
    assert strokes_crossed(image, np.full(8, 1)) == 3
    assert strokes_crossed(image, np.full(8, 2)) == 0
    assert strokes_crossed(image, np.array([2, 2, 2, 3, 4, 4, 4, 4])) == 1


@pytest.mark.parametrize("whole_unlike, sides_unlike, pieces",
                         [(0.0, 0.0, 1), (FAR - 0.05, 0.2, 1), (FAR + 0.1, 0.5, 2)])
def test_a_wide_zero_is_not_cut_into_two_sides_that_read_surer(whole_unlike, sides_unlike, pieces):
    """Every cut through a 0 crosses it twice: it is one digit, however surely its sides read,
    unless it lies far from typical 0s and its sides much nearer to typical 6s (two digits
    pressed together, narrower than two digits side by side are)."""
    wide_zero = [[(0.45 + 0.45 * math.cos(a), 0.5 + 0.48 * math.sin(a)) for a in np.linspace(0, 2 * math.pi, 40)]]
    drawing = painted(strokes_of(wide_zero, 100, 60, 180))
    whole, = find_digits(drawing)
    _, _, width, height = whole.box
    assert REFUSED_WIDE * height < width < WIDE * height

    def read(crop):
        if crop.shape[1] - 2 * MARGIN > 0.6 * width:
            return Reading(0, 0.6, whole_unlike)
        return Reading(6, 0.999, sides_unlike)

    assert len(find_digits(drawing, read=read)) == pieces


def test_a_thick_dash_is_not_cut_into_slivers_that_each_read_as_a_1():
    """A dash as tall as the pen is wide (a blob, a smudge) holds no digits to cut apart,
    though every sliver of it is a fine, sure 1."""
    dash = painted([Stroke(18, [(230, 150), (280, 150)])])

    def read(crop):
        """The whole dash is like no digit; any part of it a sure digit."""
        return None if crop.shape[1] - 2 * MARGIN > 60 else Reading(1, 1.0)

    assert len(find_digits(dash, read=read)) == 1


def test_close_touching_digits_that_read_as_one_digit_stay_whole():
    assert len(find_digits(painted(close_touching_pair()), read=lambda crop: Reading(0, 0.6))) == 1


def four_in_two_pieces():
    """A 4 whose vertical stroke stops short of its bar: two pieces side by side."""
    return strokes_of([[(0.4, 0.0), (0.0, 0.65), (0.45, 0.65)]], 100, 60, 180) + [Stroke(10, [(195, 90), (195, 240)])]


@pytest.mark.parametrize("apart, together, pieces", [(0.3, 0.999, 1), (0.999, 0.5, 2)])
def test_pieces_side_by_side_are_one_digit_when_they_read_better_together(apart, together, pieces):
    def read(crop):
        """The whole 4 is 105 px wide, its left piece 91 and its stem 10: only the whole reads as the 4."""
        return Reading(4, together) if crop.shape[1] - 2 * MARGIN > 100 else Reading(1, apart)

    assert len(find_digits(painted(four_in_two_pieces()), read=read)) == pieces


def zero_cut_twice():
    """A leaning 0 broken on its right where the pen was lifted twice: a C as tall as the 0
    and an arc nearly as tall, reaching into the C's columns (such a 0 was read "12")."""
    return strokes_of([leaning_zero_arc(80, 280), leaning_zero_arc(-60, 60)], 100, 60, 180)


@pytest.mark.parametrize("arc_reads, together, pieces", [
    (0.6, 0.95, 1),   # the arc reads doubtfully and the whole surely: one broken 0
    (0.92, 0.95, 2),  # both read well apart: two digits, though together they would gain
    (0.6, 0.8, 2),    # nor do they read well together
])
def test_pieces_as_tall_as_a_digit_sharing_its_columns_are_one_digit_when_one_reads_doubtfully(arc_reads, together,
                                                                                                pieces):
    drawing = painted(zero_cut_twice())
    c_piece, arc_piece = find_digits(drawing)
    both_tall = max(box[1] + box[3] for box in (c_piece.box, arc_piece.box)) - c_piece.box[1]

    def read(crop):
        """The whole 0 is 115 px wide, the C 96 and the arc 62."""
        width = crop.shape[1] - 2 * MARGIN
        return Reading(0, together) if width > 105 else Reading(1, arc_reads) if width < 75 else Reading(2, 0.99)

    assert arc_piece.box[3] > PART * both_tall  # each piece too tall to be a digit's short part
    assert len(find_digits(drawing, read=read)) == pieces


def test_pieces_as_tall_as_a_digit_sharing_few_columns_stay_apart_however_they_read():
    """A leaning 1 reading doubtfully, whose foot reaches a little into the columns of the 0
    after it (less than BROKEN_SHARED of its width), and together a 0: two digits."""
    one = [[(0.55, 0.0), (0.2, 1.0)]]
    drawing = painted(strokes_of(one, 100, 60, 180) + strokes_of([leaning_zero_arc(0, 360)], 185, 60, 180))
    one_crop, zero_crop = find_digits(drawing)
    shared = one_crop.box[0] + one_crop.box[2] - zero_crop.box[0]
    assert 0 < shared < BROKEN_SHARED * one_crop.box[2]

    def read(crop):
        """The 1 is 73 px wide, the 0 115 and the two together 168."""
        width = crop.shape[1] - 2 * MARGIN
        return Reading(0, 0.95) if width > 150 else Reading(1, 0.6) if width < 90 else Reading(0, 0.999)

    assert len(find_digits(drawing, read=read)) == 2


# ---------------------------------------------------------------- commas and points

DIGIT_BOXES = [(0, 100, 60, 100), (200, 100, 60, 100)]
"""Two digits 100 tall standing on a line at y = 200, with room between them."""


def between(box):
    return [DIGIT_BOXES[0], box, DIGIT_BOXES[1]]


@pytest.mark.parametrize("name, box", [
    ("a comma hanging below the line", (100, 160, 20, 55)),
    ("a point on the line", (100, 175, 25, 25)),
    ("a large point, nearly half as tall as the digits, reaching a little below the line", (100, 165, 40, 45)),
])
def test_a_small_low_piece_between_digits_is_a_separator(name, box):
    assert separators(between(box)) == {1}, name


@pytest.mark.parametrize("name, box", [
    ("a small digit standing on the line", (100, 145, 35, 55)),
    ("a digit as tall as the others", (100, 100, 60, 100)),
    ("a raised small digit (a price's cents)", (100, 95, 35, 55)),
    ("a digit written flat, low and wide", (100, 148, 70, 52)),
])
def test_a_digit_between_digits_is_no_separator(name, box):
    assert separators(between(box)) == set(), name


def test_the_first_and_last_pieces_are_never_separators():
    comma = (100, 160, 20, 55)
    assert separators([comma, *DIGIT_BOXES]) == set()
    assert separators([*DIGIT_BOXES, comma]) == set()
    assert separators([DIGIT_BOXES[0], comma, DIGIT_BOXES[1], comma, (300, 100, 60, 100)]) == {1, 3}


def test_a_comma_hanging_below_the_line_is_a_mark_of_its_own_not_the_end_of_the_digit_it_nearly_touches():
    crops, marks = find_digits_and_marks(read_image(ROOT / "tests" / "data" / "price_3_comma_50.png"))
    assert len(crops) == 3 and len(marks) == 1  # 3 5 0, and the comma
    three = crops[0].box
    assert three[0] + three[2] < marks[0][0] + marks[0][2] / 2  # right of the 3, not in its box


def test_a_comma_just_under_the_foot_of_the_digit_before_is_no_piece_of_that_digit():
    """A 1's stem and a comma hanging just under its foot, a little to its right, were one
    piece above the other and taken together (1,0 read 10: 61 of 1,500 training numbers
    with a comma lost it so)."""
    picture = np.full((200, 260), 255, np.uint8)
    cv2.line(picture, (60, 40), (60, 150), 0, 12)  # the 1
    cv2.line(picture, (84, 148), (76, 182), 0, 10)  # the comma, its top at the 1's foot
    cv2.ellipse(picture, (160, 95), (35, 55), 0, 0, 360, 0, 12)  # the 0
    crops, marks = find_digits_and_marks(picture)
    assert len(crops) == 2 and len(marks) == 1
    assert crops[0].box[1] + crops[0].box[3] < 165  # the 1 alone, the comma not under it


def test_a_bracket_bows_a_straight_or_flagged_one_hardly_and_a_seven_is_no_stroke_down():
    """How far a crop's ink bows at half its height (punctuation.brackets tells brackets so)."""
    def bow_of(*lines):
        ink = np.zeros((108, 68), np.uint8)
        for line in lines:
            cv2.polylines(ink, [np.int32(line)], False, 255, 8)
        return DigitCrop((0, 0, 60, 100), ink).bow

    along = np.linspace(-1, 1, 20)
    arc = np.column_stack([4 + 40 - 14 * (1 - along ** 2), 54 + 50 * along])  # "(": 14 px out of 100
    assert bow_of(arc) == pytest.approx(-0.14, abs=0.03)
    assert bow_of(arc * [-1, 1] + [68, 0]) == pytest.approx(0.14, abs=0.03)  # ")"
    assert abs(bow_of([(50, 4), (20, 104)])) < 0.02  # a leaning 1
    assert abs(bow_of([(14, 26), (34, 4), (34, 104)])) < ARC_BOW  # a 1 with a flag
    assert bow_of([(4, 10), (60, 10), (40, 102)]) == 0.0  # a 7: its bar is no stroke down


def test_the_gap_between_two_rows_is_what_ink_between_them_leaves_open():
    """Rows of writing 64 pixels apart; a broken stem's pieces between them leave 6 open."""
    assert widest_gap(134, 198, []) == 64
    assert widest_gap(134, 198, [(124, 140, 148, 192), (72, 55, 173, 134)]) == 6
    assert widest_gap(134, 198, [(124, 150, 148, 170)]) == 28


def test_a_digits_foot_is_its_ink_near_the_line_not_its_arm():
    """A point under a 4's arm lies in the 4's box, clear of its foot (draw_app.punctuation)."""
    four = np.zeros((108, 88), np.uint8)
    cv2.line(four, (4 + 50, 4), (4, 4 + 65), 255, 8)  # the arm, reaching left
    cv2.line(four, (4, 4 + 65), (4 + 80, 4 + 65), 255, 8)  # the bar
    cv2.line(four, (4 + 60, 4 + 30), (4 + 60, 4 + 100), 255, 8)  # the stem
    crop = DigitCrop((200, 50, 80, 100), four)
    left, top, width, height = crop.foot
    assert 250 <= left and left + width <= 270 and top >= 120 and top + height <= 152
    sliver = DigitCrop((0, 0, 30, 2), np.pad(np.full((2, 30), 255, np.uint8), MARGIN))
    assert sliver.foot == (0, 1, 30, 1)  # two rows of ink: the lower is its foot


def test_separators_are_measured_against_their_own_neighbours_on_a_climbing_line():
    # Each digit 40 pixels higher than the one before: a small digit between the first two
    # stands on their line, though it is lower than the third digit's bottom.
    climbing = [(0, 140, 60, 100), (100, 170, 35, 55), (200, 100, 60, 100), (300, 60, 60, 100)]
    assert separators(climbing) == set()
    assert separators([(0, 140, 60, 100), (100, 205, 20, 55), (200, 100, 60, 100)]) == {1}


def test_a_number_on_a_sheet_lying_on_a_desk_is_found_within_the_sheet():
    import cv2

    strokes = [*strokes_of(SEVEN, 150, 60, 180), *strokes_of(ONE, 350, 60, 180), *strokes_of(TWO, 550, 60, 180)]
    sheet = painted(strokes)
    matrix = cv2.getRotationMatrix2D((450, 150), 3.0, 0.8)
    photo = cv2.warpAffine(sheet, matrix, (900, 300), borderValue=(90, 60, 40))  # a wooden desk all round
    crops = find_digits(photo)
    assert len(crops) == 3  # the sheet was one piece of ink, the size of no digit
    for crop, left in zip(crops, (150, 350, 550)):
        x, y, width, height = crop.box
        centre = matrix @ (left + 0.3 * 180, 60 + 90, 1)  # where the digit's middle went
        assert x < centre[0] < x + width and y < centre[1] < y + height


def test_a_number_is_read_within_a_sheet_unless_the_whole_picture_reads_more_surely():
    import cv2

    strokes = [*strokes_of(SEVEN, 150, 60, 180), *strokes_of(ONE, 350, 60, 180), *strokes_of(TWO, 550, 60, 180)]
    photo = cv2.warpAffine(painted(strokes), cv2.getRotationMatrix2D((450, 150), 3.0, 0.8), (900, 300),
                           borderValue=(90, 60, 40))

    def sure_of_anything(crop):
        return Reading(1, 0.99)

    def sure_of_wide_ink_only(crop):  # as if the "sheet" were a lit patch and the whole picture the number
        return Reading(1, 0.99) if crop.shape[1] > 300 else None

    assert len(find_digits(photo, sure_of_anything)) == 3
    assert len(find_digits(photo, sure_of_wide_ink_only)) == 1


def test_a_box_found_beyond_the_edge_of_a_sheet_running_off_the_picture_stays_within_the_picture():
    from draw_app.segment import box_in_picture

    shift_right = np.float32([[1, 0, 900], [0, 1, 0], [0, 0, 1]])  # the sheet's pixels, 900 to the right
    assert box_in_picture((150, 10, 60, 80), shift_right, (300, 1000)) == (999, 10, 1, 80)


def test_touching_digits_read_as_one_sure_digit_are_cut_where_the_halves_lie_nearer_typical_digits():
    """Two 0s pressed together read as one 0 surer than the halves read as two, but the whole
    lies far from typical 0s and the halves near them."""

    def read(crop):
        width = crop.shape[1] - 2 * MARGIN
        if width > 200:
            return Reading(0, 0.9999999, unlike=0.95)
        return Reading(0, 0.999, unlike=0.5) if 100 <= width <= 150 else Reading(0, 0.2, unlike=1.2)

    assert len(find_digits(painted(touching_pair()), read=read)) == 2


@pytest.mark.parametrize("halves, whole, crossing, two", [
    ((Reading(1, 0.6, 0.5), Reading(4, 0.6, 0.5)), None, False, True),  # the whole reads as no digit
    ((Reading(1, 0.99), Reading(4, 0.99)), Reading(4, 0.97), False, True),  # surer apart
    ((Reading(1, 0.99), Reading(4, 0.99)), Reading(4, 0.99), False, False),  # no surer, and no unlikeness known
    ((Reading(1, 0.99, 0.5), Reading(4, 0.99, 0.68)), Reading(4, 0.999, FAR), False, True),  # each 0.17 nearer or more
    ((Reading(1, 0.99, 0.5), Reading(4, 0.99, 0.6)), Reading(4, 0.999, 0.8), False, False),  # a whole nearer than FAR
    ((Reading(1, 0.99, 0.3), Reading(4, 0.99, 0.9)), Reading(4, 0.999, 1.0), False, False),  # the 4 only 0.1 nearer
    ((Reading(1, 0.99, 0.5), Reading(4, 0.85, 0.6)), Reading(4, 0.999, 0.9), False, False),  # a doubtful half
    ((Reading(1, 0.99, 0.5), Reading(4, 0.99, 0.68)), Reading(4, 0.97, 0.95), True, False),  # across two strokes...
    ((Reading(1, 0.99, 0.5), Reading(4, 0.99, 0.6)), Reading(4, 0.97, 0.95), True, True),  # ...each 0.35 nearer
])
def test_the_halves_of_a_cut_are_two_digits_where_surer_or_nearer_typical_digits(halves, whole, crossing, two):
    assert two_digits_rather_than_one(halves, whole, crossing) is two


def test_of_the_cuts_believed_the_one_whose_halves_lie_near_typical_digits_wins_over_a_surer_one():
    """The network reads nearly any piece surely: a cut through an oval leaves halves as
    sure as the 0s either side of the bridge, or surer, but far from typical digits."""

    def read(crop):
        width = crop.shape[1] - 2 * MARGIN
        if width > 200:
            return None
        return Reading(0, 0.95, unlike=0.3) if 100 <= width <= 150 else Reading(6, 0.99, unlike=1.0)

    (left, _, left_width, _), _ = (crop.box for crop in find_digits(painted(touching_pair()), read=read))
    assert 200 <= left + left_width <= 255  # cut on the bridge


BOXY_ZERO = [[(0.35, 0.0), (0.7, 0.25), (0.7, 0.75), (0.35, 1.0), (0.0, 0.75), (0.0, 0.25), (0.35, 0.0)]]


@pytest.mark.parametrize("whole_unlike, halves_confidence, digits", [
    (0.95, 0.999, 2),
    (FAR - 0.05, 0.999, 1),  # the whole lies near enough typical 0s
    (0.95, EVEN_CUT_SURE - 0.02, 1),  # the halves read too doubtfully
], ids=["far", "near", "doubtful halves"])
def test_digits_pressed_together_along_a_side_are_cut_there_where_the_whole_lies_far_from_typical(
        whole_unlike, halves_confidence, digits):
    """Two boxy 0s pressed together share a side: the thinnest cuts lie within the 0s, never
    through the shared side, the thickest ink. A 0 here reads typical only with a side at
    each end, so only a cut through the shared side leaves two typical halves; one of the
    evenly spaced cuts is such a cut."""
    drawing = painted(strokes_of(BOXY_ZERO, 100, 60, 180, pen=16) + strokes_of(BOXY_ZERO, 226, 60, 180, pen=16))

    def read(crop):
        ink = crop > 127
        columns = np.flatnonzero(ink.any(axis=0))
        if columns[-1] - columns[0] > 200:  # both 0s (each about 140 wide)
            return Reading(0, 0.9999999, unlike=whole_unlike)
        sides = ink[:, columns[0]].sum(), ink[:, columns[-1]].sum()
        has_both_sides = min(sides) > 80  # a side is 90 tall; the slanted edges cross a column in far fewer
        return Reading(0, halves_confidence, unlike=0.5) if has_both_sides else Reading(0, 0.99, unlike=1.2)

    crops = find_digits(drawing, read=read)
    assert len(crops) == digits
    if digits == 2:
        left, _, left_width, _ = crops[0].box
        assert 218 <= left + left_width <= 234  # through the shared side


def test_an_even_cut_leaves_no_sliver_of_ink_as_a_digit():
    """What is left of an answer line under a digit can make a hairline beside it; cut off,
    a hairline reads as a sure, typical 1, but it holds too little of the ink to be one."""
    hairline = Stroke(2, [(20, 70), (20, 230), (150, 230)])  # its foot runs into the 0's lower edge
    drawing = painted([hairline] + strokes_of(BOXY_ZERO, 100, 60, 180, pen=16))
    crop, = find_digits(drawing)

    def read(image):
        ink = image > 127
        if np.count_nonzero(ink) < 800:  # the hairline and a little of its foot: some 400 pixels, the 0 some 8,000
            return Reading(1, 0.999, unlike=0.5)
        columns = np.flatnonzero(ink.any(axis=0))
        whole_zero = columns[-1] - columns[0] >= 126  # the 0 is 126 wide
        return Reading(0, 0.999, unlike=0.5 if whole_zero else 1.2)

    whole = Reading(0, 0.9999999, unlike=0.95)
    assert surest_even_cut(crop, read, whole, narrow=False, shortest=HALF_HEIGHT * crop.box[3], tried=[]) is None


@pytest.mark.parametrize("big, two_at, parts_unlike, digits", [
    (ZERO, (215, 170, 70), 0.5, 2),
    (ZERO, (215, 170, 70), 1.0, 1),  # apart, only 0.1 nearer to typical digits than together
    (ZERO, (215, 190, 50), 0.5, 1),  # the 2 smaller than SMALLEST_DIGIT of the line: a mark of the 0's
    (SEVEN, (186, 135, 65), 0.5, 1),  # under the 7's bar, sharing its columns as a broken digit's pieces do
], ids=["nearer", "not nearer enough", "too small", "not side by side"])
def test_pieces_grouped_as_one_digit_are_two_where_apart_they_lie_nearer_typical_digits(big, two_at, parts_unlike,
                                                                                        digits):
    """A large digit and a 2 written small, reaching into its columns without touching it, are
    one digit by geometry. Apart, the pieces are the large digit and the 2; any cut through
    the ink leaves halves that read doubtfully, so only the pieces read apart can part them."""
    large, two = strokes_of(big, 100, 60, 180), strokes_of(TWO, *two_at)
    drawing = painted(large + two)
    whole, = find_digits(drawing)
    sizes = {find_digits(painted(strokes))[0].box[2:]: digit for strokes, digit in ((large, 0), (two, 2))}

    def read(crop):
        size = (crop.shape[1] - 2 * MARGIN, crop.shape[0] - 2 * MARGIN)
        if size == whole.box[2:]:
            return Reading(0, 0.999, unlike=1.1)
        if size in sizes:
            return Reading(sizes[size], 0.99, unlike=parts_unlike)
        return Reading(1, 0.5, unlike=1.2)

    assert len(find_digits(drawing, read=read)) == digits


@pytest.mark.parametrize(("mark", "is_dash"), [
    ((230, 190, 290, 206), True),  # a phone number's dash, right of the digit at its middle
    ((130, 190, 180, 206), False),  # the same under the digit's columns: a 4's bar, a 7's crossbar
    ((230, 120, 246, 180), False),  # taller than wide: the cut-off end of a stroke
    ((226, 190, 242, 206), False),  # a dot: a stray mark, or a point, which group_pieces joins only within a pen
    ((230, 100, 290, 116), False),  # at the digit's top: a 5's bar broken off beside its body
    ((230, 150, 330, 230), False),  # as tall as a third of the line: no dash
])
def test_a_dash_is_a_short_flat_mark_beside_a_digit_sharing_none_of_its_columns(mark, is_dash):
    nine = (120, 100, 220, 330)
    assert is_dash_beside(mark, nine, line=230) is is_dash


@pytest.mark.parametrize(("with_dash", "dash_kept"), [(0.95, False), (0.995, True)])
def test_a_dash_beside_a_digit_stays_part_of_it_only_where_the_digit_reads_as_surely_with_it(with_dash, dash_kept):
    """A phone number's dash came near a 9's ink and was joined to it, read together as a 4."""
    nine = strokes_of(NINE, 100, 60, 180)
    dash = Stroke(10, [(222, 150), (262, 150)])  # 15 px right of the 9's stem, halfway up

    def read(crop):
        return Reading(9, 0.99) if crop.shape[1] - 2 * MARGIN < 140 else Reading(4, with_dash)

    (digit,) = find_digits(painted(nine + [dash]), read)
    left, _, width, _ = digit.box
    assert (left + width >= 260) is dash_kept
