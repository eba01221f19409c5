"""Finding the writing's ink in any picture: whatever the colours, faint or dotted strokes,
small or blocky scans, uneven light, a sheet on a desk, printed lines, boxes and margins."""

import math

import cv2
import numpy as np
import pytest
from pictures import difference, hand_line, ring, seven

from draw_app.ink import (DOTS, FAINT_CONTRAST, MIN_CONTRAST, difference_from, enlarge_small, evenly_lit, ink_map,
                          is_lit_unevenly, joined_dots, paper_colour, sheet_cut_out, sheet_outline, unblocked,
                          without_answer_line, without_dark_margins, without_frame, without_lone_rules, without_ring,
                          without_ruled_lines, without_underlines, without_wash)
from draw_app.preprocess import to_mnist, to_mnist_candidates


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


def test_a_faint_digit_on_clean_paper_is_read_like_a_dark_one():

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

    assert FAINT_CONTRAST <= ink_map(texture).max() < MIN_CONTRAST  # as faint as faint ink, so the rule is asked
    assert to_mnist_candidates(texture) == []


def test_a_picture_under_64_pixels_is_enlarged_smoothly_and_a_larger_one_left_alone():

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

    seven_alone = to_mnist(seven())
    for box in (boxed(seven()), boxed(seven(), edge=0, thickness=3), boxed(seven(), ink=120)):
        assert difference(to_mnist_candidates(box)[0], seven_alone) < 0.02
    turned = cv2.warpAffine(boxed(seven()), cv2.getRotationMatrix2D((200, 200), 1.2, 1.0), (400, 400),
                            borderValue=255)  # as a scanner takes a page a little askew
    assert difference(to_mnist_candidates(turned)[0], seven_alone) < 0.03


def test_a_box_along_the_pictures_edge_is_not_taken_for_the_paper():

    ink = ink_map(boxed(ring(), edge=0, thickness=4))  # a form's cell cut out along its lines
    assert ink[200, 200] == 0 and ink[0, 200] == 255 and ink[200, 200 - 77] > 200  # paper, box, the ring


def test_a_thick_bar_cropped_with_a_margin_of_paper_is_ink_not_paper_in_a_box():
    """A marker's 1 as a number's digits are cropped (four pixels round it) was read as its outline, a 0."""
    bar = np.zeros((129, 28), np.uint8)
    bar[4:125, 4:24] = 255
    speckled = bar.copy()
    speckled[60, 14] = 100  # one speck is no writing in a box
    for picture in (bar, speckled):
        ink = ink_map(picture)
        assert ink[30, 14] == 255 and ink[0, 0] == 0


@pytest.mark.parametrize("spacing, line_width", [(15, 1), (15, 3), (25, 1), (25, 2), (40, 1)])
def test_squared_paper_with_lines_along_two_edges_is_still_paper(spacing, line_width):
    """Squared paper drawn on a computer, cut along its lines: the border is half line, half paper,
    and its median was the lines' blue; the whole page was ink (a trial's 3 on such paper was refused)."""
    page = np.dstack([seven(canvas=(264, 258), top_left=(80, 50), height=160, pen=12)] * 3)
    grid = np.zeros(page.shape[:2], bool)
    for offset in range(line_width):
        grid[offset::spacing] = grid[:, offset::spacing] = True  # a line along the top and the left edge
    page[grid & (page[..., 0] > 128)] = (150, 190, 230)
    assert ink_map(page)[page.shape[0] // 2 + 1, 5] < MIN_CONTRAST  # blank paper, between lines
    assert difference(to_mnist_candidates(page)[0], to_mnist(seven(canvas=(264, 258), top_left=(80, 50),
                                                                   height=160, pen=12))) < 0.05


@pytest.mark.parametrize("depth", [8, 12])
def test_a_strip_of_desk_along_two_sides_that_meet_is_not_taken_for_ruled_lines(depth):
    """Its band is mostly paper, but it is no ruled lines: taking the paper's colour there made it
    ink beside the digit, and a 0 read as a sure 9."""
    for drawing in (ring(), seven()):
        strip = drawing.copy()
        strip[-depth:, :] = strip[:, -depth:] = 30
        assert min(difference(candidate, to_mnist(drawing)) for candidate in to_mnist_candidates(strip)) < 0.01


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


def test_uneven_light_is_told_from_ink_that_touches_the_border():

    shadowed = (np.linspace(250, 120, 300)[None, :] * np.ones((200, 1))).astype(np.uint8)
    shadowed[60:140, 140:150] = 30
    assert is_lit_unevenly(255 - shadowed) and len(to_mnist_candidates(shadowed)) == 2
    cropped_tight = np.full((120, 60), 255, np.uint8)
    cropped_tight[:, 20:40] = 0  # a bold 1 cut out to its ink: the stroke runs into the border
    assert not is_lit_unevenly(255 - cropped_tight) and len(to_mnist_candidates(cropped_tight)) == 1


def lit_from_one_corner(image):
    """A gray drawing photographed with the light falling off from its top-left corner to 45 %."""
    height, width = image.shape
    y, x = np.mgrid[0:height, 0:width]
    light = 1 - 0.55 * np.hypot(x / width, y / height) / math.sqrt(2)
    return (image * light).astype(np.uint8)


def test_evenly_lit_makes_the_paper_one_colour_and_leaves_a_bold_digit_solid():
    bold = seven(pen=70)  # strokes wider than the squares the light was once measured over
    photo = lit_from_one_corner(bold)
    evened = evenly_lit(photo)
    paper, ink = evened[bold > 200], evened[bold < 20]
    assert np.ptp(photo[bold > 200]) > 100 and np.percentile(paper, 99) - np.percentile(paper, 1) < 12
    assert ink.max() < 30  # the whole stroke stays ink, none of it taken for paper
    colour = evenly_lit(np.dstack([photo, photo, photo, np.full_like(photo, 255)]))
    assert np.array_equal(colour[..., 1], evened) and (colour[..., 3] == 255).all()


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


def on_a_desk(picture, desk=60, scale=0.7, turn=5.0, shift=(0.0, 0.0)):
    """The picture as a sheet of paper lying on a desk of one colour: smaller, turned a
    little, moved by ``shift`` of its size (far enough, it runs off two sides)."""
    height, width = picture.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), turn, scale)
    matrix[:, 2] += np.array(shift) * (width, height)
    return cv2.warpAffine(picture, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=desk)


def test_a_sheet_photographed_on_a_desk_is_read_within_the_sheet():

    alone = to_mnist(ring())
    for desk, shift in ((60, (0.0, 0.0)), (20, (0.25, 0.25)), (120, (0.0, 0.25))):  # all round, two sides, three
        read = to_mnist_candidates(on_a_desk(ring(), desk, turn=0.0, shift=shift))
        assert difference(read[-1], alone) < 0.02  # the whole sheet was the ink, read as a block
    turned = to_mnist_candidates(on_a_desk(seven(), turn=8.0))
    assert difference(turned[-1], to_mnist(seven())) < 0.06  # the sheet is turned upright: a 7, not a slanted blob


def test_a_sheet_photographed_at_an_angle_is_cut_out_without_the_desk():
    """Cut out as the smallest rectangle round it, a keystoned sheet kept triangles of desk in
    its corners, read as 1s or a frame: a plain 8 on a sticky note was "no digit found"."""
    picture = seven()
    height, width = picture.shape
    flat = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    for tilt in (0, 0.06, 0.12):  # each corner moved this share of the photo's side
        keystone = np.float32(np.float32([[0.2 + tilt, 0.18], [0.8 - tilt, 0.22], [0.85, 0.8], [0.15, 0.82]])
                              * (width, height))
        photo = cv2.warpPerspective(picture, cv2.getPerspectiveTransform(flat, keystone), (width, height),
                                    borderValue=60)
        sheet, _ = sheet_cut_out(photo, sheet_outline(photo, ink_map(photo)))
        assert np.mean(sheet < 100) < 0.1 and sheet[:4].min() > 100 and sheet[-4:].min() > 100  # no desk in it
        assert difference(to_mnist_candidates(photo)[-1], to_mnist(seven())) < 0.1


def test_a_sheet_photographed_at_a_steep_angle_is_cut_out_without_the_desk():
    """A phone held low over a sheet: its corners up to 35 degrees from square, or its near
    corners off the photo (then its outline runs along the photo's edge). Cut out as the
    rectangle round it, wedges of desk were read as 1s or refused the digit (an outside trial)."""
    picture = seven()
    height, width = picture.shape
    flat = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    for corners in ([[0.4, 0.25], [0.6, 0.25], [0.95, 0.75], [0.05, 0.75]],  # 35 degrees from square
                    [[0.3, 0.15], [0.7, 0.15], [1.15, 0.85], [-0.15, 0.85]],  # near corners off the photo
                    [[0.3, 0.15], [0.7, 0.15], [1.35, 0.95], [-0.35, 0.95]]):  # far off: a fifth of it beyond
        steep = np.float32(np.float32(corners) * (width, height))
        photo = cv2.warpPerspective(picture, cv2.getPerspectiveTransform(flat, steep), (width, height),
                                    borderValue=60)
        sheet, _ = sheet_cut_out(photo, sheet_outline(photo, ink_map(photo)))
        assert np.mean(sheet < 100) < 0.1 and sheet[:4].min() > 100 and sheet[-4:].min() > 100  # no desk in it
        assert difference(to_mnist_candidates(photo)[-1], to_mnist(seven())) < 0.1


def test_ink_that_only_looks_like_a_sheet_is_read_as_it_is():

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

    for turn in (0.0, 8.0, -30.0, 45.0, -45.0):  # at 45 degrees two corners tie for top-left
        photo = on_a_desk(seven(), desk=40, scale=0.6, turn=turn)
        sheet, _ = sheet_cut_out(photo, sheet_outline(photo, ink_map(photo)))
        assert abs(sheet.shape[0] - 0.6 * 400 * 0.94) < 6 and abs(sheet.shape[1] - 0.6 * 400 * 0.94) < 6
        assert np.median(sheet) == 255 and np.mean(sheet < 128) < 0.1  # the paper with its 7, no desk


def highlighted(picture, colour, rows, columns):
    """An RGB picture with a highlighter drawn over ``rows`` and ``columns``: a coloured filter on the paper."""
    rgb = np.repeat(picture[..., None], 3, axis=2).astype(np.float32) if picture.ndim == 2 else \
        picture.astype(np.float32)
    band = np.zeros(rgb.shape[:2], np.float32)
    band[rows, columns] = 1.0
    band = cv2.GaussianBlur(band, (0, 0), 1.5)[..., None]
    return (rgb * (1 - band * (1 - np.float32(colour) / 255))).astype(np.uint8)


@pytest.mark.parametrize("colour", [(255, 240, 60), (255, 120, 190), (130, 240, 110), (120, 200, 255)])
def test_a_highlighters_band_across_the_writing_is_taken_for_paper(colour):
    """Yellow, pink, green or blue: the band was ink, one piece with the digit."""
    plain = seven()
    marked = highlighted(plain, colour, slice(140, 220), slice(60, 360))
    ink = ink_map(marked)
    assert ink[150:210, 70:140].max() < MIN_CONTRAST  # the band beside the 7's stem, its edges too
    assert ink[180, 250:360].max() < MIN_CONTRAST
    assert difference(to_mnist_candidates(marked)[0], to_mnist(plain)) < 0.03


def test_a_blurred_coloured_stroke_and_a_gray_band_are_no_wash():
    """A blurred blue stroke's broad soft edge is a paler blue, a blend of pen and paper;
    a gray band on white is a shade of a black pen's gray: both are left as they are."""
    paper = np.array([255.0, 255.0, 255.0])
    blurred = cv2.cvtColor(cv2.GaussianBlur(seven(pen=40), (0, 0), 8), cv2.COLOR_GRAY2RGB)
    blurred[..., 2] = np.maximum(blurred[..., 2], 120)
    grey_band = highlighted(seven(), (190, 190, 190), slice(140, 220), slice(60, 360))
    for picture in (blurred, grey_band):
        ink = difference_from(picture, paper)
        assert without_wash(picture, ink, paper) is ink


@pytest.mark.parametrize("pen", [(200, 30, 30), (30, 40, 200)])
def test_a_fat_coloured_pen_saved_as_jpeg_keeps_its_ink(pen):
    """JPEG gives a saturated stroke's edge a hue a little apart from its middle, and the
    middle passed for a wash under the edge: a red 7 read as a 9, hollowed out."""
    picture = np.full((300, 300, 3), 255, np.uint8)
    cv2.polylines(picture, [np.array([(90, 70), (220, 70), (130, 240)], np.int32)], False, pen, 32)
    encoded = cv2.imencode(".jpg", picture, [cv2.IMWRITE_JPEG_QUALITY, 90])[1]
    jpeg = cv2.imdecode(encoded, cv2.IMREAD_COLOR)
    paper = paper_colour(jpeg)
    ink = difference_from(jpeg, paper)
    assert without_wash(jpeg, ink, paper) is ink


def test_a_lighter_digit_beside_a_darker_one_is_no_wash():
    """A fat yellow 1 beside a thin black one is broad and lighter, but nothing is written over it."""
    side_by_side = np.full((300, 500, 3), 255, np.uint8)
    cv2.line(side_by_side, (120, 60), (120, 240), (250, 220, 40), 60)
    cv2.line(side_by_side, (330, 60), (330, 240), (0, 0, 0), 12)
    assert ink_map(side_by_side)[150, 100:140].min() > MIN_CONTRAST


def test_a_small_tinted_note_on_a_white_page_is_taken_for_paper():
    """A yellow note holding all the writing: the writing is read, not the note."""
    small_seven = seven(top_left=(150, 140), height=100, pen=8)
    on_a_note = np.full((400, 400, 3), 255, np.uint8)
    on_a_note[120:280, 130:290] = (250, 235, 120)
    on_a_note[small_seven < 128] = 0
    assert ink_map(on_a_note)[130, 140] < MIN_CONTRAST
    assert difference(to_mnist_candidates(on_a_note)[0], to_mnist(small_seven)) < 0.03


def test_a_note_as_large_as_a_sheet_is_cut_out_as_a_sheet_not_washed_out():
    """Washed out, a note on a desk left its outline and shadow as ink beside the digits
    (an outside trial's 207 on a sticky note read 47); cut out as a sheet it reads whole."""
    on_a_note = np.full((400, 400, 3), 255, np.uint8)
    on_a_note[40:360, 40:360] = (250, 235, 120)
    on_a_note[seven() < 128] = 0
    assert sheet_outline(on_a_note, ink_map(on_a_note)) is not None
    assert any(difference(candidate, to_mnist(seven())) < 0.03 for candidate in to_mnist_candidates(on_a_note))
