"""Finding the writing's ink in any picture: whatever the colours, faint strokes, small or
blocky scans, uneven light, a sheet on a desk, a highlighter's band, printed lines along the edge."""

import math

import cv2
import numpy as np
import pytest
from pictures import boxed, difference, ring, seven

from draw_app.ink import (FAINT_CONTRAST, MIN_CONTRAST, difference_from, enlarge_small, evenly_lit, ink_map,
                          is_lit_unevenly, paper_colour, sheet_cut_out, sheet_outline, unblocked, without_wash,
                          desk_colour)
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


@pytest.mark.parametrize("desk", [40, 120, 160])
@pytest.mark.parametrize("turn", [4.0, 10.0, -15.0])
def test_a_turned_sheet_filling_the_photo_is_read_within_it(desk, turn):
    """The sheet runs off every side and the desk shows in the photo's corners only: the
    border, desk and sheet, was taken for the paper, and a trial's photos of a 3 and a 7
    held that way were "no digit found"."""
    photo = on_a_desk(seven(), desk=desk, scale=1.05, turn=turn)
    assert sheet_outline(photo, ink_map(photo)) is not None
    assert difference(to_mnist_candidates(photo)[-1], to_mnist(seven())) < 0.1


def test_a_photo_whose_border_is_of_two_colours_is_no_sheet_on_a_desk():
    """A dark band across the middle of a drawing reaches none of its corners."""
    banded = seven()
    banded[:, 180:240] = 90
    assert desk_colour(banded) is None and desk_colour(seven()) is None
