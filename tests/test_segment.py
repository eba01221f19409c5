"""Finding the digits of a number: made-up drawings, and a made-up reader where one is needed."""

import math

import cv2
import numpy as np
import pytest
from conftest import ROOT
from PIL import Image, ImageDraw

from draw_app.images import read_image
from draw_app.segment import (BROKEN_SHARED, EVEN_CUT_SURE, FAR, HALF_HEIGHT, MARGIN, PART, REFUSED_WIDE, WIDE,
                              Reading, SeveralRows, cheapest_seams, continues, cut_along, cut_along_the_path,
                              cut_columns, cuts_along_the_path, find_digits, find_digits_in_strokes, group_strokes,
                              surest_even_cut, separators, stroke_crop, strokes_crossed, thinnest_cuts,
                              two_digits_rather_than_one)
from draw_app.strokes import Stroke, paint_stroke

# Digits as pen strokes in a box 0.6 wide and 1 tall (x right, y down), the way people draw them.
ONE = [[(0.3, 0.0), (0.3, 1.0)]]
TWO = [[(0.05, 0.2), (0.3, 0.0), (0.55, 0.2), (0.05, 1.0), (0.6, 1.0)]]
FOUR = [[(0.4, 0.0), (0.0, 0.65), (0.6, 0.65)], [(0.45, 0.3), (0.45, 1.0)]]
FIVE_BODY = [[(0.1, 0.0), (0.08, 0.45), (0.4, 0.42), (0.58, 0.7), (0.4, 0.98), (0.05, 0.9)]]
FIVE_BAR = [[(0.14, 0.0), (0.55, 0.0)]]
SEVEN = [[(0.0, 0.0), (0.6, 0.0), (0.2, 1.0)]]
ZERO = [[(0.3 + 0.28 * math.cos(a), 0.5 + 0.48 * math.sin(a)) for a in np.linspace(0, 2 * math.pi, 40)]]
SIX = [[(0.5, 0.0), (0.1, 0.55), (0.15, 0.9), (0.35, 1.0), (0.55, 0.8), (0.4, 0.6), (0.12, 0.7)]]


def strokes_of(shape, left, top, height, pen=10):
    """The shape's strokes drawn ``height`` pixels tall with its top-left corner at (left, top),
    sampled every few pixels like mouse movements."""
    strokes = []
    for path in shape:
        points = [(left + x * height, top + y * height) for x, y in path]
        sampled = [points[0]]
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            steps = max(1, int(math.hypot(x1 - x0, y1 - y0) / 5))
            sampled += [(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps) for i in range(1, steps + 1)]
        strokes.append(Stroke(pen, sampled))
    return strokes


def painted(strokes, size=(900, 300), ink=(0, 0, 0), paper=(255, 255, 255)):
    """The strokes on paper, as an RGB image."""
    image = Image.new("RGB", size, paper)
    pen = ImageDraw.Draw(image)
    for stroke in strokes:
        paint_stroke(pen, stroke.points, stroke.width, ink)
    return np.asarray(image)


def lefts(crops):
    return [crop.box[0] for crop in crops]


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


def leaning_zero_arc(start, end):
    """Part of a 0 leaning right, from angle ``start`` to ``end`` (degrees, clockwise from
    its right), in the 0.6 x 1 box of the digits above."""
    return [(0.35 + 0.25 * math.cos(a) + 0.3 * (0.5 - y), y)
            for a in np.radians(np.linspace(start, end, 30)) for y in [0.5 + 0.48 * math.sin(a)]]


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


def test_a_comma_hanging_below_the_line_is_a_piece_of_its_own_not_the_end_of_the_digit_it_nearly_touches():
    crops = find_digits(read_image(ROOT / "tests" / "data" / "price_3_comma_50.png"))
    assert len(crops) == 4  # 3 , 5 0
    assert separators([crop.box for crop in crops]) == {1}


def test_separators_are_measured_against_their_own_neighbours_on_a_climbing_line():
    # Each digit 40 pixels higher than the one before: a small digit between the first two
    # stands on their line, though it is lower than the third digit's bottom.
    climbing = [(0, 140, 60, 100), (100, 170, 35, 55), (200, 100, 60, 100), (300, 60, 60, 100)]
    assert separators(climbing) == set()
    assert separators([(0, 140, 60, 100), (100, 205, 20, 55), (200, 100, 60, 100)]) == {1}


# ---------------------------------------------------------------- from strokes


@pytest.mark.parametrize("digit", [FOUR, [FIVE_BODY[0], FIVE_BAR[0]], SEVEN + [[(0.15, 0.5), (0.5, 0.5)]]],
                         ids=["4 in two strokes", "5 with its bar apart", "7 with a crossbar"])
def test_strokes_of_one_digit_are_one_group(digit):
    assert len(group_strokes(strokes_of(digit, 100, 60, 180))) == 1


def test_a_bar_drawn_before_the_rest_of_its_digit_joins_it():
    strokes = strokes_of(FIVE_BAR, 100, 60, 180) + strokes_of(FIVE_BODY, 100, 60, 180)
    assert len(group_strokes(strokes)) == 1


def test_a_digit_under_a_sevens_bar_is_a_digit_of_its_own_though_its_pixels_overlap():
    seven = [Stroke(10, [(100, 60), (330, 60)]), Stroke(10, [(208, 60), (136, 240)])]  # a long bar
    one = [Stroke(10, [(290, 90), (290, 240)])]  # under the bar, not touching it
    assert group_strokes(seven + one) == [seven, one]


def test_two_digits_written_close_together_are_two_groups():
    strokes = strokes_of(ONE, 100, 60, 180) + strokes_of(ONE, 125, 60, 180)
    assert len(group_strokes(strokes)) == 2


def test_stroke_digits_are_ordered_left_to_right_whatever_order_they_were_drawn_in():
    strokes = strokes_of(SEVEN, 500, 60, 180) + strokes_of(ONE, 100, 60, 180) + strokes_of(FOUR, 300, 60, 180)
    crops = find_digits_in_strokes(strokes)
    assert len(crops) == 3 and lefts(crops) == sorted(lefts(crops))
    x, y, width, height = crops[0].box
    assert (x, y) == (100 + 54 - 5, 60 - 5) and height == 190


def test_a_dot_among_stroke_digits_is_left_out():
    strokes = strokes_of(TWO, 100, 60, 180) + [Stroke(10, [(260, 200)])] + strokes_of(SEVEN, 300, 60, 180)
    assert len(find_digits_in_strokes(strokes)) == 2


def test_a_stray_dot_within_a_digits_columns_does_not_join_it_but_one_on_its_stroke_does():
    zero = strokes_of(ZERO, 100, 60, 180)
    inside = Stroke(10, [(150, 100)])  # in the 0's columns, far from its ink
    on_it = Stroke(10, [(100 + 0.3 * 180, 60 + 6)])  # on the top of the 0
    assert len(group_strokes(zero + [inside])) == 2
    crop, = find_digits_in_strokes(zero + [inside])  # the dot is a mark, left out
    assert crop.box == find_digits_in_strokes(zero)[0].box
    assert len(group_strokes(zero + [on_it])) == 1


def test_a_dot_drawn_just_under_a_digit_is_not_taken_for_a_piece_of_it():
    """A decimal point under the end of a 2's foot, nearer than a pen lift's gap."""
    two = strokes_of(TWO, 100, 60, 180)
    point = Stroke(10, [(200, 262)])
    crop, = find_digits_in_strokes(two + [point], read=lambda group: Reading(2, 0.999))
    assert crop.box == find_digits_in_strokes(two)[0].box


def test_a_stroke_drawn_in_two_goes_with_the_pen_lifted_in_between_is_one_digit():
    """Each half of the 1 is too tall to be a bar of the other and they do not touch: only
    the line's height says that each is short for a digit."""
    one_in_two_goes = [Stroke(10, [(130, 60), (130, 145)]), Stroke(10, [(130, 160), (130, 240)])]
    two = strokes_of(TWO, 200, 60, 180)
    assert len(group_strokes(one_in_two_goes + two)) == 3
    crops = find_digits_in_strokes(one_in_two_goes + two)
    assert len(crops) == 2 and crops[0].box[3] == 190


def slanted_one_in_two_goes(left: float, top: float) -> list[Stroke]:
    """A 1 leaning right, 180 tall, drawn in two goes: the pen lifted halfway down and put
    down again 15 pixels on. The halves share none of their columns and are a pen's width
    wider than a dot: only where the second began says they are one stroke."""
    first = [(left + 60 - 0.3 * y, top + y) for y in range(0, 91, 10)]
    second = [(left + 60 - 0.3 * y, top + y) for y in range(105, 181, 15)]
    return [Stroke(10, first), Stroke(10, second)]


@pytest.mark.parametrize("second, carries_on", [
    ([(100, 125), (100, 200)], True),  # put down again 25 below, heading on down
    ([(95, 110), (85, 190)], True),  # a little back and aside, heading much the same way
    ([(100, 160), (100, 240)], False),  # 60 below: too far for a pen lift
    ([(110, 125), (190, 125)], False),  # heading off sideways
    ([(100, 110), (100, 40)], False),  # heading back up
    ([(100, 125)], False),  # a dot goes nowhere
])
def test_a_stroke_carries_on_the_last_one_where_it_begins_near_its_end_heading_the_same_way(second, carries_on):
    first = Stroke(10, [(100, 0), (100, 50), (100, 100)])
    assert continues(first, Stroke(10, second), pen=10, line=100) is carries_on


def test_a_slanted_1_drawn_in_two_goes_is_one_digit_alone_or_in_a_number():
    one = slanted_one_in_two_goes(100, 60)
    assert len(group_strokes(one)) == 2  # neither half is a bar of the other
    crop, = find_digits_in_strokes(one)
    assert crop.box[3] == 190  # 180 and the pen
    assert len(find_digits_in_strokes(one, read=lambda group: Reading(1, 0.99))) == 1
    assert len(find_digits_in_strokes(one + strokes_of(SEVEN, 200, 60, 180))) == 2


def test_a_digit_begun_where_the_one_before_ended_is_a_digit_of_its_own():
    """The 1 of a 01 written close begins just beside the top of the 0, where the 0 ended: but
    each is as tall as both, as no digit and the rest of its stroke are. A 7 begun where a
    5's bar ended, heading on the same way: together too wide for one digit."""
    zero = [Stroke(10, [(100 + 36 * math.sin(a), 150 - 90 * math.cos(a)) for a in np.linspace(0, 2 * math.pi, 40)])]
    one = [Stroke(10, [(148, 65), (148, 240)])]
    assert len(find_digits_in_strokes(zero + one)) == 2
    five = strokes_of(FIVE_BODY, 100, 60, 180) + strokes_of(FIVE_BAR, 100, 60, 180)
    seven = [Stroke(10, [(205, 60), (318, 60), (240, 240)])]
    assert len(find_digits_in_strokes(five + seven, read=lambda group: Reading(5, 0.99))) == 2


def zero_in_two_arcs(left: float, top: float, height: float = 180, width: float = 0.56,
                     apart: float = 0) -> list[Stroke]:
    """A 0 drawn as its left arc, top to bottom, then its right arc, top to bottom: halves
    side by side, each as tall as both, whose ink meets at the top and the bottom (unless
    the right one is drawn ``apart`` pixels further on)."""
    centre_x, centre_y, across, down = left + 0.3 * height, top + height / 2, width / 2 * height, 0.48 * height
    return [Stroke(10, [(centre_x + sign * across * math.sin(a) + (apart if sign > 0 else 0),
                         centre_y - down * math.cos(a)) for a in np.linspace(0, math.pi, 20)]) for sign in (-1, 1)]


@pytest.mark.parametrize("halves, together, digits", [(0.6, 0.99, 1), (0.95, 0.99, 2), (0.6, 0.3, 2)],
                         ids=["unsure halves of a sure 0", "a half read surely", "no surer together"])
def test_a_zero_drawn_as_two_arcs_is_one_digit_when_neither_arc_is_a_sure_digit(halves, together, digits):
    """Two digits written close enough to touch each read surely; a 0's arcs read as an
    unsure 1 and 9."""
    zero = zero_in_two_arcs(100, 60)

    def read(group):
        return Reading(0, together) if len(group) == 2 else Reading(1, halves)

    assert len(group_strokes(zero)) == 2
    assert len(find_digits_in_strokes(zero, read)) == digits
    assert len(find_digits_in_strokes(zero)) == 2  # without a reader, geometry cannot tell


@pytest.mark.parametrize("shape", [{"apart": 20}, {"width": 1.1}], ids=["not touching", "wider than tall"])
def test_arcs_side_by_side_that_do_not_touch_or_are_wide_stay_two_digits(shape):
    """However the reader reads them: ")(" drawn apart, or two arcs as wide as a digit each."""
    arcs = zero_in_two_arcs(100, 60, **shape)
    assert len(find_digits_in_strokes(arcs, lambda group: Reading(0, 0.99) if len(group) == 2
                                      else Reading(1, 0.6))) == 2


def test_pieces_that_carry_a_stroke_on_stay_apart_when_they_do_not_read_as_one_digit():
    one = slanted_one_in_two_goes(100, 60)
    assert len(find_digits_in_strokes(one, read=lambda group: Reading(1, 0.4) if len(group) == 2
                                      else Reading(1, 0.99))) == 2


NINE = [[(0.3 + 0.27 * math.cos(a), 0.28 + 0.27 * math.sin(a)) for a in np.linspace(0, 2 * math.pi, 30)]
        + [(0.57, 0.28), (0.45, 1.0)]]


@pytest.mark.parametrize("cents", [[NINE, NINE], [TWO]], ids=["14 and 99 raised", "10 and a raised 2"])
def test_the_cents_of_a_price_written_small_and_raised_are_digits_of_their_own(cents):
    """Cents (or a power) written half as tall and above the line share few rows with the
    digit before them: they are not the pieces of one digit drawn in two goes."""
    whole = strokes_of(ONE, 100, 150, 180) + strokes_of(FOUR if len(cents) == 2 else ZERO, 220, 150, 180)
    small = [stroke for place, shape in enumerate(cents) for stroke in strokes_of(shape, 340 + 55 * place, 75, 81)]
    crops = find_digits_in_strokes(whole + small, read=lambda group: Reading(9, 0.9))
    assert len(crops) == 2 + len(cents)
    assert all(crop.box[3] < 100 for crop in crops[2:])


def test_two_short_digits_drawn_one_after_the_other_side_by_side_stay_apart():
    small_ones = strokes_of(ONE, 100, 150, 90) + strokes_of(ONE, 140, 150, 90)
    assert len(find_digits_in_strokes(strokes_of(TWO, 300, 60, 180) + small_ones)) == 3


@pytest.mark.parametrize("apart, together, digits", [(0.3, 0.999, 1), (0.999, 0.5, 2), (0.3, 0.4, 2)])
def test_stroke_pieces_side_by_side_are_one_digit_when_they_read_better_together(apart, together, digits):
    """A 4 whose upright was drawn after its bar and misses it: two groups side by side."""
    bar = [Stroke(10, [(172, 60), (100, 177), (181, 177)])]
    upright = [Stroke(10, [(195, 90), (195, 240)])]

    def read(group):
        return Reading(4, together) if len(group) == 2 else Reading(1, apart)

    assert len(find_digits_in_strokes(bar + upright, read)) == digits
    assert len(find_digits_in_strokes(bar + upright)) == 2  # without a reader, geometry alone


@pytest.mark.parametrize("side, together, digits", [
    (0.6, 0.95, 1),   # the left side reads doubtfully, the whole surely: one 0, its pen lifted twice
    (0.92, 0.95, 2),  # each reads well apart: two digits, though together they would gain
    (0.6, 0.8, 2),    # nor do they read well together
])
def test_stroke_halves_apart_sharing_columns_are_one_digit_when_one_reads_doubtfully(side, together, digits):
    """A leaning 0 drawn as two strokes that do not touch, each nearly as tall as the 0: its
    left side, and the rest reaching back over most of the side's columns (such a 0 was
    read 12). They are a 0's halves only when the reader says so."""
    left_side, rest = strokes_of([leaning_zero_arc(120, 240), leaning_zero_arc(-100, 100)], 100, 60, 180)

    def read(group):
        if len(group) == 2:
            return Reading(0, together)
        return Reading(1, side) if group[0] is left_side else Reading(2, 0.99)

    assert len(find_digits_in_strokes([left_side, rest], read)) == digits
    assert len(find_digits_in_strokes([left_side, rest])) == 2  # without a reader, geometry alone


@pytest.mark.parametrize("together, digits", [(0.999, 2), (0.2, 3)])
def test_a_stroke_drawn_back_beside_an_earlier_digit_joins_it_when_they_read_better_together(together, digits):
    """The upright of a 4 that misses its bar, added after the 7 beside it was written: it is
    drawn back, left of the digit before it, so it may be the rest of an earlier digit."""
    bar = Stroke(10, [(172, 60), (100, 177), (181, 177)])
    upright = Stroke(10, [(195, 90), (195, 240)])
    seven = strokes_of(SEVEN, 300, 60, 180)

    def read(group):
        return Reading(4, together) if bar in group and upright in group else Reading(1, 0.3)

    assert len(find_digits_in_strokes([bar, *seven, upright], read)) == digits


def one_in_pieces(*spans: tuple[float, float]) -> list[Stroke]:
    """A 1 leaning right, 180 tall, the pen skipping on its way down: a piece for each span of
    its height, sharing none of their columns."""
    return [Stroke(10, [(200 - 0.5 * y, 60 + y) for y in np.linspace(start, end, 8)]) for start, end in spans]


def one_in_three_goes() -> list[Stroke]:
    """A long piece, a short one and a long one, a pen's width and a little apart."""
    return one_in_pieces((0, 60), (74, 106), (120, 180))


@pytest.mark.parametrize("pieces, middle, digits", [
    (one_in_three_goes(), None, 1),
    (one_in_three_goes(), Reading(1, 0.4), 3),
    (one_in_pieces((0, 75), (88, 93), (105, 180)), Reading(1, 0.4), 1),
], ids=["reading as no digit", "reading as a doubtful 1", "a dot"])
def test_a_piece_between_two_pen_lifts_that_is_no_digit_is_read_with_both_its_neighbours(pieces, middle, digits):
    """No two neighbouring pieces read as one digit (each pair reads 0.3), all three together
    do; the middle piece, reading as no digit or no more than a dot, is a piece cut off by
    pen lifts on both sides, a skipping pen's (a 4 in four strokes was read 614, a 7 in three
    11), not a digit. A dot is never a digit: the dot's 1 has two, not three."""
    top, middle_piece, foot = pieces

    def read(group):
        if len(group) == 3:
            return Reading(1, 0.99)
        if len(group) == 2:
            return Reading(7, 0.3)
        return middle if group[0] is middle_piece else Reading(1, 0.6)

    assert len(find_digits_in_strokes(pieces, read)) == digits


def test_a_piece_reading_as_no_digit_joins_the_next_only_where_its_ink_is_near():
    """A stray mark inside a 0, near its right side, then a 1 in two goes beside it: the mark
    is no bridge from the 0 to the 1's top half, well off to its right (a 0 and a 7's bar were
    read as a 5 that way)."""
    zero = strokes_of(ZERO, 100, 60, 180)
    mark = Stroke(10, [(178, 140), (180, 156)])
    one = slanted_one_in_two_goes(240, 60)

    def read(group):
        if group == [mark]:
            return None
        return Reading(0, 0.99) if group == zero else Reading(1, 0.99) if group == one else Reading(5, 0.6)

    crops = find_digits_in_strokes(zero + [mark] + one, read)
    assert [crop.box for crop in crops] == [find_digits_in_strokes(zero)[0].box, find_digits_in_strokes(one)[0].box]


def test_pieces_joined_are_tried_again_with_the_pieces_before_them_while_they_join():
    """A 1 in four goes whose pieces read as one digit only from the last back: the last two
    join, then the three, then all four (a 4 begun with its upright, its L in two pieces,
    was read 414: its L's pieces joined, then not the upright)."""
    pieces = one_in_pieces((0, 40), (54, 80), (94, 126), (140, 180))
    readings = {4: Reading(1, 0.99), 3: Reading(1, 0.95), 2: Reading(1, 0.9)}

    def read(group):
        if group == pieces[-len(group):]:  # the last pieces
            return readings.get(len(group), Reading(1, 0.6))
        return Reading(7, 0.3) if len(group) > 1 else Reading(1, 0.6)

    assert len(group_strokes(pieces)) == 4
    assert len(find_digits_in_strokes(pieces, read)) == 1


def seven_and_one_touching(one_at: float) -> tuple[list[Stroke], Stroke]:
    """A 7 180 tall, then a 1 as tall written against it at x = ``one_at``, within its columns:
    touching its bar (right of the 7's middle) or its foot (left of it)."""
    return strokes_of(SEVEN, 100, 60, 180), Stroke(10, [(one_at, 62), (one_at, 240)])


@pytest.mark.parametrize("one_at, whole, one, digits", [
    (200, 0.95, 0.99, 2),    # each a sure digit, together less sure: a 7 and a 1
    (200, None, 0.99, 2),    # each a sure digit, together no digit
    (200, 0.9999, 0.99, 1),  # together surer than the two apart
    (200, 0.5, 0.85, 1),     # the 1 no sure digit
    (130, 0.5, 0.99, 1),     # the 1 left of the 7's middle: drawn into it
])
def test_a_digit_written_touching_the_one_before_is_a_digit_of_its_own_when_the_two_read_better_apart(
        one_at, whole, one, digits):
    """The 1 touches the 7 and lies within its columns, so it joins its group, as a 4's upright
    joins its L; read apart, the two may be the digits they are (71 was read 7)."""
    seven, upright = seven_and_one_touching(one_at)

    def read(group):
        if len(group) == 2:
            return None if whole is None else Reading(7, whole)
        return Reading(1, one) if group == [upright] else Reading(7, 0.999)

    assert len(group_strokes([*seven, upright])) == 1
    crops = find_digits_in_strokes([*seven, upright], read)
    assert len(crops) == digits
    if digits == 2:
        assert crops[1].box == find_digits_in_strokes([upright])[0].box


BACKHAND_ONE_IN_TWO_GOES = [Stroke(10, [(100, 60), (145, 150)]), Stroke(10, [(152, 165), (190, 240)])]
"""A 1 leaning left drawn in two goes: its second half lies further right, each half half as tall as both."""


@pytest.mark.parametrize("strokes", [strokes_of(FOUR, 100, 60, 180), BACKHAND_ONE_IN_TWO_GOES],
                         ids=["a 4's L and upright", "a backhand 1 in two goes"])
def test_strokes_not_each_as_tall_as_both_are_one_digit_however_surely_they_read_apart(strokes):
    """However the reader reads them: the parts of one digit, not two digits side by side."""
    assert len(find_digits_in_strokes(strokes, lambda group: Reading(1, 0.99) if len(group) == 1
                                      else Reading(4, 0.5))) == 1


def test_of_the_places_a_group_may_be_read_apart_the_one_that_reads_best_is_taken():
    """A 7 with a crossbar, then a 1 against it: the 7 without its crossbar reads less surely
    than with it, and the crossbar with the 1 less surely than the 1 alone."""
    seven, upright = seven_and_one_touching(200)
    crossbar = Stroke(10, [(130, 150), (190, 150)])
    readings = {1: Reading(7, 0.95), 2: Reading(7, 0.999)}

    def read(group):
        if group[0] is upright or group[0] is crossbar:
            return Reading(1, 0.99) if group == [upright] else Reading(1, 0.95)
        return readings.get(len(group), Reading(7, 0.5))

    first, second = find_digits_in_strokes([*seven, crossbar, upright], read)
    assert first.box == find_digits_in_strokes([*seven, crossbar])[0].box
    assert second.box == find_digits_in_strokes([upright])[0].box


def test_a_group_is_not_read_apart_where_a_part_would_be_too_small_for_a_digit():
    """A 7 and a 1 written small after a 0 three times as tall: the 1 alone would be a mark."""
    zero = strokes_of(ZERO, 100, 60, 180)
    seven = [Stroke(10, [(260, 170), (300, 170), (275, 240)])]
    one = Stroke(10, [(296, 188), (296, 240)])

    def read(group):
        return Reading(7, 0.5) if len(group) == 2 else Reading(1, 0.99) if group == [one] else Reading(7, 0.99)

    crops = find_digits_in_strokes(zero + seven + [one], read)
    assert len(crops) == 2 and np.array_equal(crops[1].image, find_digits_in_strokes(seven + [one])[0].image)


def one_two_in_one_stroke() -> tuple[Stroke, Stroke, Stroke]:
    """12 written without lifting the pen, the pen moving fast from the 1's foot to the 2's top
    (one long step between points); and the 1 and the 2 as strokes of their own."""
    one, two = strokes_of(ONE, 100, 60, 180)[0], strokes_of(TWO, 190, 60, 180)[0]
    return Stroke(10, one.points + two.points), one, two


DOUBTFUL_SIX = Reading(6, 0.5)


def reads_only(*wanted: tuple[Stroke, Reading], otherwise=DOUBTFUL_SIX):
    """A reader of crops that reads the given strokes' crops as given, and anything else as ``otherwise``."""
    def read(image):
        return next((reading for stroke, reading in wanted if np.array_equal(image, stroke_crop([stroke]).image)),
                    otherwise)
    return read


def test_a_number_written_in_one_stroke_is_cut_where_the_pen_went_from_one_digit_to_the_next():
    together, one, two = one_two_in_one_stroke()
    assert any(first[0].points == one.points for first, _ in cuts_along_the_path([together]))
    parts = cut_along_the_path([together], 180, reads_only((one, Reading(1, 0.99)), (two, Reading(2, 0.99))),
                               lambda: 0.9)
    assert [[stroke.points for stroke in part] for part in parts] == [[one.points], [two.points]]


def test_a_number_written_in_one_stroke_at_an_even_pace_is_not_cut_along_its_path():
    """No step is longer than the others: the way from one digit to the next cannot be told
    (it is left to the cut through its ink)."""
    one_then_two = [(0.3, 0.0), (0.3, 1.0)] + [(0.5 + x, y) for x, y in TWO[0]]
    assert list(cuts_along_the_path(strokes_of([one_then_two], 100, 60, 180))) == []


@pytest.mark.parametrize("whole, apart", [(0.99, 0.99), (0.3, 0.85)], ids=["surer whole", "parts unsure"])
def test_a_stroke_is_not_cut_where_its_parts_read_no_better_or_no_surer_than_it(whole, apart):
    together, one, two = one_two_in_one_stroke()
    read = reads_only((one, Reading(1, apart)), (two, Reading(2, apart)))
    assert cut_along_the_path([together], 180, read, lambda: whole) is None


def test_a_stroke_doubling_back_over_itself_is_not_cut_into_parts_that_overlap():
    """Down to the right, back up to the left and, fast, down again: cut at the fast step, the
    parts are each about as tall as both and side by side, but share most of the narrower's
    columns, as one digit's do."""
    down_and_back, = strokes_of([[(0.0, 0.0), (0.55, 1.0), (0.28, 0.0)]], 100, 60, 180)
    down_again, = strokes_of([[(0.33, 0.09), (0.83, 1.0)]], 100, 60, 180)
    zigzag = Stroke(10, down_and_back.points + down_again.points)
    assert len(list(cuts_along_the_path([zigzag]))) == 1
    assert cut_along_the_path([zigzag], 180, lambda image: Reading(2, 0.99), lambda: 0.3) is None


def test_a_stroke_is_not_cut_along_its_path_into_parts_that_are_not_digits_side_by_side():
    """A 7 whose pen moved fast from the end of its bar down its stem: the bar is no digit."""
    bar, = strokes_of([[(0.0, 0.0), (0.6, 0.0)]], 100, 60, 180)
    stem, = strokes_of([[(0.55, 0.1), (0.2, 1.0)]], 100, 60, 180)
    seven = Stroke(10, bar.points + stem.points)
    assert len(list(cuts_along_the_path([seven]))) == 1
    assert cut_along_the_path([seven], 180, lambda image: Reading(7, 0.99), lambda: 0.3) is None


def test_a_stroke_is_not_cut_along_its_path_where_the_pen_went_back_left():
    """A 4 begun with its upright, the pen moving fast back up and left to draw its L: a
    number is written left to right, so the L is no next digit (the parts share no columns)."""
    upright, = strokes_of([[(0.9, 0.0), (0.9, 1.0)]], 100, 60, 180)
    corner, = strokes_of([[(0.5, 0.0), (0.0, 0.8), (0.7, 0.8)]], 100, 60, 180)
    four = Stroke(10, upright.points + corner.points)
    assert len(list(cuts_along_the_path([four]))) == 1
    assert cut_along_the_path([four], 180, lambda image: Reading(4, 0.99), lambda: 0.3) is None


def test_a_place_the_pen_reported_twice_is_no_step():
    """A number written at an even pace, each place reported twice: its steps are as even as
    ever, and it is not cut along its path."""
    one_then_two = [(0.3, 0.0), (0.3, 1.0)] + [(0.5 + x, y) for x, y in TWO[0]]
    even, = strokes_of([one_then_two], 100, 60, 180)
    assert list(cuts_along_the_path([Stroke(10, [point for point in even.points for _ in range(2)])])) == []


def test_groups_side_by_side_wider_together_than_a_digit_are_not_one_digit_however_they_read():
    """A short stroke written close after a digit, sharing none of its columns (the L of an
    open 4 after a 3), read with that digit as a sure 3: together they are wider than any one
    digit is (WIDE), so they are two."""
    two = strokes_of(TWO, 100, 60, 180)
    corner = [Stroke(10, [(225, 60), (220, 170), (320, 170)])]
    assert len(find_digits_in_strokes(two + corner,
                                      read=lambda group: Reading(3, 0.999 if len(group) == 2 else 0.3))) == 2


def test_a_crop_from_strokes_holds_the_strokes_painted_white_on_black():
    crop = find_digits_in_strokes(strokes_of(SEVEN, 100, 60, 180))[0]
    assert crop.image[:MARGIN].max() == 0 and crop.image.max() == 255
    assert crop.image.shape == (crop.box[3] + 2 * MARGIN, crop.box[2] + 2 * MARGIN)


def test_no_strokes_no_digits():
    assert find_digits_in_strokes([]) == []


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
