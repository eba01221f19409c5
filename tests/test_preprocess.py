"""Preprocessing turns drawings of every kind into the same MNIST-like 28x28 image."""

import math

import cv2
import numpy as np
import pytest
from conftest import ROOT

from draw_app import preprocess
from draw_app.preprocess import MNIST_CENTRE, nearby_views, to_mnist


def seven(canvas=(400, 400), top_left=(120, 80), height=240, pen=16, ink=0, paper=255):
    """A gray canvas with a 7 drawn by a round pen."""
    image = np.full(canvas[::-1], paper, np.uint8)
    x, y = top_left
    points = np.array([(x, y), (x + 0.6 * height, y), (x + 0.2 * height, y + height)], np.int32)
    cv2.polylines(image, [points], False, ink, pen, cv2.LINE_AA)
    return image


def ring(canvas=(400, 400), centre=(200, 200), radius=110, pen=14, ink=0, paper=255):
    image = np.full(canvas[::-1], paper, np.uint8)
    cv2.ellipse(image, centre, (int(radius * 0.7), radius), 0, 0, 360, ink, pen, cv2.LINE_AA)
    return image


def centre_of_mass(image):
    moments = cv2.moments(image)
    return moments["m10"] / moments["m00"], moments["m01"] / moments["m00"]


def difference(a, b):
    """Mean absolute pixel difference, allowing the one-pixel shift that rounding a
    centre of mass to whole pixels can make."""
    return min(float(np.abs(np.roll(a, (dy, dx), axis=(0, 1)) - b).mean())
               for dy in (-1, 0, 1) for dx in (-1, 0, 1))


def test_output_is_28x28_in_unit_range_with_full_ink():
    result = to_mnist(seven())
    assert result.shape == (28, 28)
    assert result.dtype == np.float32
    assert result.min() >= 0.0 and result.max() == pytest.approx(1.0)


def test_digit_fits_20x20_box_and_centre_of_mass_is_centred():
    for image in (seven(), ring(), seven(canvas=(640, 300), top_left=(20, 20), height=200)):
        result = to_mnist(image)
        rows, columns = np.nonzero(result > 0.05)
        assert max(np.ptp(rows), np.ptp(columns)) + 1 in (19, 20, 21)
        x, y = centre_of_mass(result)
        assert abs(x - MNIST_CENTRE) <= 0.6 and abs(y - MNIST_CENTRE) <= 0.6


def test_same_digit_anywhere_on_the_canvas_gives_nearly_the_same_image():
    reference = to_mnist(seven())
    for top_left in [(10, 10), (230, 140), (60, 150)]:
        assert difference(to_mnist(seven(top_left=top_left)), reference) < 0.01


def test_same_digit_at_another_size_gives_nearly_the_same_image():
    reference = to_mnist(seven(height=240, pen=16))
    small = to_mnist(seven(top_left=(40, 40), height=120, pen=8))
    large = to_mnist(seven(canvas=(800, 800), top_left=(100, 100), height=600, pen=40))
    assert difference(small, reference) < 0.04
    assert difference(large, reference) < 0.04


def test_white_on_black_reads_like_black_on_white():
    assert difference(to_mnist(seven(ink=255, paper=0)), to_mnist(seven())) < 0.005


def test_coloured_ink_on_coloured_paper_reads_like_black_on_white():
    gray = seven()
    blue_on_cream = np.where(gray[..., None] < 128, [30, 60, 190], [250, 244, 222]).astype(np.uint8)
    assert difference(to_mnist(blue_on_cream), to_mnist(gray)) < 0.02


@pytest.mark.parametrize("ink_colour", [0, 255])
def test_transparent_background_is_composited_onto_contrasting_paper(ink_colour):
    mask = 255 - seven()
    rgba = np.dstack([np.full(mask.shape + (3,), ink_colour, np.uint8), mask])
    assert difference(to_mnist(rgba), to_mnist(seven())) < 0.005


def test_paper_texture_and_specks_are_ignored():
    rng = np.random.default_rng(0)
    noisy = seven().astype(np.float32) + rng.normal(0, 8, (400, 400))
    for x, y in [(20, 380), (370, 30), (380, 370)]:
        cv2.circle(noisy, (x, y), 2, 0, -1)
    noisy = np.clip(noisy, 0, 255).astype(np.uint8)
    assert difference(to_mnist(noisy), to_mnist(seven())) < 0.02


def test_a_speck_far_from_a_small_digit_on_a_page_is_dust_not_part_of_the_digit():
    """A 1 cm digit on an A4 scan at 300 dpi, and a speck of dust 1.3 mm wide far from it: the
    speck stretched the digit's box across the page, and the digit was "no digit found"."""
    page = seven(canvas=(2480, 3508), top_left=(1400, 2000), height=118, pen=10)
    clean = to_mnist(page)
    cv2.circle(page, (500, 700), 8, 0, -1)
    assert difference(to_mnist(page), clean) < 0.01


def test_specks_are_dust_only_far_from_the_digit():
    boxes = np.array([[100, 100, 60, 100],  # the digit (reach: its 100 pixels)
                      [165, 150, 8, 8],     # a dot just beside it (a full stop, a broken-off end): kept
                      [270, 150, 8, 8],     # out of the digit's reach, within the dot's: kept
                      [400, 600, 8, 8],     # a speck far off: dust
                      [400, 300, 40, 10]])  # a mark too large for a speck, however far: kept
    extents = boxes[:, 2:].max(axis=1)
    assert preprocess.specks_far_off(boxes, extents).tolist() == [False, False, False, True, False]


def test_a_field_of_specks_is_left_whole():
    """Where the larger pieces are scattered there is no one digit to be far from."""
    scattered = [[x, y, 6 + (x + y) % 5, 6] for x in range(0, 400, 50) for y in range(0, 400, 50)]
    smaller = [[x + 25, y + 25, 2, 2] for x in range(0, 350, 50) for y in range(0, 350, 50)]  # among them
    boxes = np.array(scattered + smaller)
    assert not preprocess.specks_far_off(boxes, boxes[:, 2:].max(axis=1)).any()


def test_a_trail_of_fine_dust_does_not_bring_a_far_speck_into_the_digit():
    """Dust too fine to count is taken out anyway; it must not lead from the digit to a speck."""
    page = seven(canvas=(2480, 3508), top_left=(1400, 2000), height=118, pen=10)
    clean = to_mnist(page)
    cv2.circle(page, (500, 700), 8, 0, -1)
    for step in np.linspace(0, 1, 21)[1:-1]:  # every 80 pixels from the speck to the digit
        cv2.circle(page, (round(500 + step * 900), round(700 + step * 1300)), 3, 0, -1)
    assert difference(to_mnist(page), clean) < 0.01


def test_thin_strokes_are_thickened_like_mnist():
    thin, normal = to_mnist(seven(pen=2)), to_mnist(seven(pen=16))
    assert (thin > 0.5).sum() >= 0.7 * (normal > 0.5).sum()
    assert difference(thin, normal) < 0.06


@pytest.mark.parametrize("blank", [
    np.full((400, 400), 255, np.uint8),
    np.zeros((400, 400), np.uint8),
    np.full((300, 500, 3), (200, 180, 90), np.uint8),
    np.clip(np.random.default_rng(1).normal(235, 6, (400, 400)), 0, 255).astype(np.uint8),
    np.dstack([np.zeros((400, 400, 3), np.uint8), np.zeros((400, 400), np.uint8)]),
])
def test_no_ink_means_no_digit(blank):
    assert to_mnist(blank) is None


def test_a_faint_digit_on_clean_paper_is_read_like_a_dark_one():
    from draw_app.preprocess import to_mnist_candidates

    dark = to_mnist(seven())
    light_grey = seven(ink=225, paper=250)  # 25 levels from the paper: a light pen, a faded scan
    pencil = np.clip(seven(ink=222).astype(np.float32) + np.random.default_rng(2).normal(0, 2, (400, 400)),
                     0, 255).astype(np.uint8)  # lightly pressed, with a scanner's noise
    for faint in (light_grey, pencil):
        assert to_mnist(faint) is None  # as MNIST's own steps see it: texture
        assert difference(to_mnist_candidates(faint)[0], dark) < 0.03


@pytest.mark.parametrize("texture", [
    np.random.default_rng(3).integers(205, 250, (400, 400)).astype(np.uint8),  # grain
    np.tile(np.linspace(250, 215, 400, dtype=np.float32), (400, 1)).astype(np.uint8),  # a faint gradient
])
def test_faint_texture_that_covers_the_paper_stays_blank(texture):
    from draw_app.preprocess import FAINT_CONTRAST, MIN_CONTRAST, ink_map, to_mnist_candidates

    assert FAINT_CONTRAST <= ink_map(texture).max() < MIN_CONTRAST  # as faint as faint ink, so the rule is asked
    assert to_mnist_candidates(texture) == []


def test_mnist_digit_is_left_as_mnist_made_it():
    digit = np.zeros((28, 28), np.uint8)
    cv2.line(digit, (10, 4), (17, 4), 255, 2)
    cv2.line(digit, (17, 4), (12, 23), 255, 2)
    result = to_mnist(digit)
    rows, columns = np.nonzero(result > 0.5)
    assert np.ptp(rows) + 1 >= 18


def test_nearby_views_move_the_digit_a_pixel_each_way_and_turn_it_slightly():
    digit = to_mnist(ring())
    views = nearby_views(digit)
    assert len(views) == 6 and all(view.shape == (28, 28) for view in views)
    x, y = centre_of_mass(digit)
    moved = [centre_of_mass(view) for view in views[:4]]
    assert moved == [pytest.approx(point, abs=1e-3) for point in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1))]
    for turned in views[4:]:
        assert np.hypot(*np.subtract(centre_of_mass(turned), (x, y))) < 1.5
        assert 0.02 < np.abs(turned - digit).mean() and turned.sum() == pytest.approx(digit.sum(), rel=0.05)


def test_nearby_views_drop_ink_moved_past_the_edge_instead_of_wrapping_it():
    digit = np.zeros((28, 28), np.float32)
    digit[20:, 13:15] = 1.0  # a stroke down to the bottom edge
    moved_down = nearby_views(digit)[2]
    assert moved_down[:8].max() == 0 and moved_down[21:, 13:15].min() == 1.0


def test_a_picture_under_64_pixels_is_enlarged_smoothly_and_a_larger_one_left_alone():
    from draw_app.preprocess import enlarge_small

    scan = np.zeros((8, 6), np.uint8)
    scan[1:7, 2:4] = 255
    enlarged = enlarge_small(scan, 64)
    assert enlarged.shape == (64, 48)
    assert 0 < enlarged[32, 13] < 255  # a stroke's edge becomes a gradient, not a step
    drawing = np.zeros((64, 64), np.uint8)
    assert enlarge_small(drawing, 64) is drawing


def test_an_8x8_scan_of_a_bar_becomes_an_mnist_like_stroke():
    scan = np.full((8, 8), 255, np.uint8)  # dark ink on white, as a scanner gives it
    scan[1:7, 3] = 0
    scan[1:7, 4] = 140  # half-inked pixels: much of a stroke at this size
    digit = to_mnist(scan)
    columns = np.flatnonzero(digit.max(axis=0) > 0.5)
    assert digit.shape == (28, 28) and 2 <= len(columns) <= 8 and 11 <= columns.mean() <= 17


def test_a_picture_enlarged_in_blocks_is_read_as_if_it_had_been_enlarged_smoothly():
    from draw_app.preprocess import ink_map, unblocked

    scan = np.full((8, 8), 255, np.uint8)
    scan[1:7, 3] = 0
    scan[1:7, 4] = 140
    scan[1, 2] = 90
    blocky = cv2.resize(scan, None, fx=8, fy=8, interpolation=cv2.INTER_NEAREST)  # a viewer's 800 % zoom
    assert np.array_equal(unblocked(blocky), scan)
    assert np.array_equal(unblocked(blocky[3:, 5:]), scan)  # cut out mid-block: the edge blocks are partial
    smooth = cv2.resize(scan, (64, 64), interpolation=cv2.INTER_LINEAR)  # the same zoom, done smoothly
    # The ink map, which numbers are found in too, is the smooth zoom's (to within rounding).
    assert np.abs(ink_map(blocky).astype(int) - ink_map(smooth)).max() <= 1
    assert np.abs(to_mnist(blocky) - to_mnist(smooth)).max() < 0.02


def test_drawings_and_plain_shapes_are_not_taken_for_blocks():
    from draw_app.preprocess import unblocked

    drawing = 255 - ring()
    assert unblocked(drawing) is drawing
    bar = np.full((40, 40), 255, np.uint8)
    bar[8:32, 16:24] = 0  # one bar: its edges fall on a grid of 8, but so would any box's
    assert unblocked(bar) is bar


def boxed(image, edge=6, thickness=2, ink=0):
    """The drawing with a box printed round it, ``edge`` pixels in from the picture's edge, as on a form."""
    image = image.copy()
    height, width = image.shape
    cv2.rectangle(image, (edge, edge), (width - 1 - edge, height - 1 - edge), ink, thickness)
    return image


def test_a_digit_in_a_printed_box_is_read_as_the_digit_alone():
    from draw_app.preprocess import to_mnist_candidates

    seven_alone = to_mnist(seven())
    for box in (boxed(seven()), boxed(seven(), edge=0, thickness=3), boxed(seven(), ink=120)):
        assert difference(to_mnist_candidates(box)[0], seven_alone) < 0.02
    turned = cv2.warpAffine(boxed(seven()), cv2.getRotationMatrix2D((200, 200), 1.2, 1.0), (400, 400),
                            borderValue=255)  # as a scanner takes a page a little askew
    assert difference(to_mnist_candidates(turned)[0], seven_alone) < 0.03


def test_a_box_along_the_pictures_edge_is_not_taken_for_the_paper():
    from draw_app.preprocess import ink_map

    ink = ink_map(boxed(ring(), edge=0, thickness=4))  # a form's cell cut out along its lines
    assert ink[200, 200] == 0 and ink[0, 200] == 255 and ink[200, 200 - 77] > 200  # paper, box, the ring


def test_bold_digits_cropped_to_their_ink_ruled_eights_and_tables_are_not_taken_for_boxes():
    from draw_app.preprocess import ink_map, without_frame

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
    from draw_app.preprocess import to_mnist_candidates

    on_a_line = seven(canvas=(400, 380))
    on_a_line[334:337, 20:380] = 0  # the 7's foot ends at 320: the line runs under it, apart
    assert difference(to_mnist_candidates(on_a_line)[0], to_mnist(seven(canvas=(400, 380)))) < 0.02


def test_a_digits_own_straight_base_or_foot_is_not_taken_for_an_answer_line():
    from draw_app.preprocess import ink_map, without_answer_line

    two = np.full((300, 300), 255, np.uint8)
    cv2.polylines(two, [np.array([[60, 90], [150, 40], [230, 90], [60, 260], [250, 260]], np.int32)], False, 0, 6)
    footed_one = np.full((300, 300), 255, np.uint8)
    cv2.polylines(footed_one, [np.array([[90, 100], [160, 40], [160, 260]], np.int32)], False, 0, 6)
    cv2.line(footed_one, (110, 262), (210, 262), 0, 6)  # a foot under the stem, the flag reaching past it
    for drawing in (two, footed_one):
        ink = ink_map(drawing)
        assert without_answer_line(ink) is ink


def test_uneven_light_is_told_from_ink_that_touches_the_border():
    from draw_app.preprocess import is_lit_unevenly, to_mnist_candidates

    shadowed = (np.linspace(250, 120, 300)[None, :] * np.ones((200, 1))).astype(np.uint8)
    shadowed[60:140, 140:150] = 30
    assert is_lit_unevenly(255 - shadowed) and len(to_mnist_candidates(shadowed)) == 2
    cropped_tight = np.full((120, 60), 255, np.uint8)
    cropped_tight[:, 20:40] = 0  # a bold 1 cut out to its ink: the stroke runs into the border
    assert not is_lit_unevenly(255 - cropped_tight) and len(to_mnist_candidates(cropped_tight)) == 1


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
    from draw_app.preprocess import to_mnist_candidates

    plain = to_mnist(seven())
    on_ruled = to_mnist_candidates(ruled(seven(), pitch=60 if not squared else 40, squared=squared))
    assert len(on_ruled) == 1 and difference(on_ruled[0], plain) < 0.02


def test_lines_as_dark_as_the_pen_and_single_straight_strokes_are_not_taken_for_ruled_paper():
    from draw_app.preprocess import without_ruled_lines

    tight_seven = seven(canvas=(160, 250), top_left=(0, 4), height=240)  # its bar runs from edge to edge
    assert np.array_equal(without_ruled_lines(255 - tight_seven), 255 - tight_seven)
    dark_lines = 255 - ruled(seven(), pitch=70, ink=0)
    assert np.array_equal(without_ruled_lines(dark_lines), dark_lines)
    drawing = 255 - seven()  # paper all round: found at once, without looking for lines
    assert without_ruled_lines(drawing) is drawing


def test_dots_stamped_along_strokes_are_joined_and_grain_and_strokes_are_not():
    from draw_app.preprocess import ink_map, joined_dots

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
    from draw_app.preprocess import ink_map, joined_dots

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
    from draw_app.preprocess import DOTS, joined_dots

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
    from draw_app.preprocess import ink_map, joined_dots

    number = np.full((100, 260), 255, np.uint8)
    cv2.putText(number, "2047", (30, 70), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 4, cv2.LINE_AA)
    for x, y in [(10, 10), (80, 90), (150, 8), (250, 50), (120, 92), (5, 60), (200, 90), (255, 8)]:
        cv2.circle(number, (x, y), 4, 0, -1, cv2.LINE_AA)  # specks as wide as the pen, or wider
    ink = ink_map(number)
    assert joined_dots(ink, line=True) is ink


def test_a_dark_band_along_the_pictures_edge_is_not_read_with_the_digit():
    from draw_app.preprocess import to_mnist_candidates

    alone = to_mnist(ring())
    for band in (np.s_[:, -30:], np.s_[-8:, :]):  # the scanner's lid on the right, a strip of desk below
        scanned = ring()
        scanned[band] = 30
        assert difference(to_mnist_candidates(scanned)[0], alone) < 0.02  # read with it, the 0 was a 9 or a 2
    empty_page = np.full((400, 400), 255, np.uint8)
    empty_page[:, -30:] = 30
    assert to_mnist_candidates(empty_page) == []  # it was a sure 1


def test_a_bar_along_the_edge_that_joins_the_writing_is_kept():
    from draw_app.preprocess import without_dark_margins

    tight_seven = seven()[78:322, 112:270]  # cropped to its ink: its bar runs along the whole top
    ink = 255 - tight_seven
    assert without_dark_margins(ink) is ink


def on_a_desk(picture, desk=60, scale=0.7, turn=5.0, shift=(0.0, 0.0)):
    """The picture as a sheet of paper lying on a desk of one colour: smaller, turned a
    little, moved by ``shift`` of its size (far enough, it runs off two sides)."""
    height, width = picture.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), turn, scale)
    matrix[:, 2] += np.array(shift) * (width, height)
    return cv2.warpAffine(picture, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=desk)


def test_a_sheet_photographed_on_a_desk_is_read_within_the_sheet():
    from draw_app.preprocess import to_mnist_candidates

    alone = to_mnist(ring())
    for desk, shift in ((60, (0.0, 0.0)), (20, (0.25, 0.25)), (120, (0.0, 0.25))):  # all round, two sides, three
        read = to_mnist_candidates(on_a_desk(ring(), desk, turn=0.0, shift=shift))
        assert difference(read[-1], alone) < 0.02  # the whole sheet was the ink, read as a block
    turned = to_mnist_candidates(on_a_desk(seven(), turn=8.0))
    assert difference(turned[-1], to_mnist(seven())) < 0.06  # the sheet is turned upright: a 7, not a slanted blob


def test_ink_that_only_looks_like_a_sheet_is_read_as_it_is():
    from draw_app.preprocess import ink_map, sheet_outline, to_mnist_candidates

    marker_one = np.full((120, 120), 255, np.uint8)
    marker_one[15:105, 40:80] = 0  # a 1 in a fat marker cropped tight: as square and solid as a sheet, but one colour
    for picture in (marker_one, seven(), ring(pen=60)):
        assert sheet_outline(picture, ink_map(picture)) is None
    seamed = marker_one.copy()
    seamed[60, 45:75] = 128  # a lighter seam where two strokes overlap: writing on a "sheet"
    assert sheet_outline(seamed, ink_map(seamed)) is not None
    assert any(difference(candidate, to_mnist(seamed)) == 0 for candidate in to_mnist_candidates(seamed))
    in_its_box = seamed[11:109, 36:84]  # as the app reads a drawing: its strokes' box, 4 pixels of paper round it
    assert sheet_outline(in_its_box, ink_map(in_its_box)) is None


def test_a_sheet_turned_any_way_is_cut_out_whole():
    from draw_app.preprocess import ink_map, sheet_cut_out, sheet_outline

    for turn in (0.0, 8.0, -30.0, 45.0, -45.0):  # at 45 degrees two corners tie for top-left
        photo = on_a_desk(seven(), desk=40, scale=0.6, turn=turn)
        sheet, _ = sheet_cut_out(photo, sheet_outline(photo, ink_map(photo)))
        assert abs(sheet.shape[0] - 0.6 * 400 * 0.94) < 6 and abs(sheet.shape[1] - 0.6 * 400 * 0.94) < 6
        assert np.median(sheet) == 255 and np.mean(sheet < 128) < 0.1  # the paper with its 7, no desk



def filling_its_box(digit: np.ndarray, size=(15, 16)) -> np.ndarray:
    """A 28x28 MNIST digit cropped to its ink and scaled to fill a box of ``size`` (width, height),
    whatever its shape, as USPS's 16x16 and UCI's Dutch 15x16 digits are: a 1 as wide as an 8."""
    rows, columns = np.nonzero(digit > 30)
    return cv2.resize(digit[rows.min():rows.max() + 1, columns.min():columns.max() + 1], size,
                      interpolation=cv2.INTER_AREA)


@pytest.fixture(scope="module")
def mnist_one():
    with np.load(ROOT / "tests" / "data" / "mnist_slice.npz") as data:
        return data["x_train"][data["y_train"] == 1][0]


def test_a_digit_scaled_to_fill_a_small_box_is_also_offered_narrowed(mnist_one):
    slab = filling_its_box(mnist_one)
    ink = preprocess.enlarge_small(preprocess.ink_map(slab), preprocess.SMALL_SIDE)
    assert preprocess.fills_its_picture(ink)
    assert preprocess.narrowed(ink).shape == (ink.shape[0], round(preprocess.NARROWED_WIDTH * ink.shape[0]))
    assert len(preprocess.narrowed_candidates(slab)) == 1


@pytest.mark.parametrize("size", [(15, 16), (55, 59)])
def test_a_digit_with_paper_round_it_is_not_narrowed(mnist_one, size):
    """As the window's drawing and a number's digits are cropped: 4 pixels of paper round the ink."""
    framed = np.pad(filling_its_box(mnist_one, size), 4)
    assert not preprocess.fills_its_picture(preprocess.ink_map(framed))
    assert preprocess.narrowed_candidates(framed) == []


def test_a_large_picture_a_block_of_ink_or_a_narrow_digit_is_not_narrowed(mnist_one):
    slab = filling_its_box(mnist_one)
    assert preprocess.narrowed_candidates(cv2.resize(slab, (150, 160), interpolation=cv2.INTER_LINEAR)) == []
    half_dark = np.zeros((16, 16), np.uint8)
    half_dark[:, 8:] = 255  # the paper's colour in doubt, all of it "ink"
    assert preprocess.narrowed_candidates(half_dark) == []
    assert preprocess.narrowed_candidates(filling_its_box(mnist_one, (6, 16))) == []  # as narrow already
