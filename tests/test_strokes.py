"""Strokes are rendered into the Pillow image exactly where, and as wide as, they are drawn."""

import cv2
import numpy as np
from conftest import ROOT
from PIL import Image

from draw_app.images import read_image
from draw_app.strokes import INK, PAPER, Drawing, picture_for_paper


def draw_line(drawing, start, end, width=10, steps=10):
    drawing.begin_stroke(start, width)
    for step in range(1, steps + 1):
        f = step / steps
        drawing.extend_stroke((start[0] + f * (end[0] - start[0]), start[1] + f * (end[1] - start[1])))


def test_new_drawing_is_blank_paper():
    drawing = Drawing(400, 300)
    assert drawing.is_empty()
    assert drawing.size == (400, 300)
    assert (drawing.to_array() == PAPER).all()


def test_stroke_is_painted_with_a_round_pen_of_its_width():
    drawing = Drawing(400, 400)
    draw_line(drawing, (100, 200), (300, 200), width=20)
    image = drawing.to_array()
    assert image[200, 200] == INK
    assert image[200 - 8, 150] == INK and image[200 + 8, 150] == INK
    assert image[200 - 13, 150] == PAPER and image[200 + 13, 150] == PAPER
    assert image[200, 92] == INK and image[200, 85] == PAPER  # round cap beyond the first point
    assert image[50, 50] == PAPER


def test_clicks_and_a_pen_that_hardly_moved_are_only_dots_and_a_line_is_not():
    drawing = Drawing(400, 400)
    assert not drawing.is_only_dots()  # nothing drawn
    drawing.begin_stroke((100, 100), 10)
    draw_line(drawing, (200, 200), (204, 203))  # a shaky click
    assert drawing.is_only_dots()
    draw_line(drawing, (100, 300), (300, 300))
    assert not drawing.is_only_dots()


def test_undo_takes_back_exactly_the_last_stroke():
    drawing = Drawing(400, 400)
    draw_line(drawing, (100, 100), (100, 300))
    after_first = drawing.to_array().copy()
    draw_line(drawing, (100, 100), (300, 100))
    assert drawing.undo()
    assert np.array_equal(drawing.to_array(), after_first)
    assert drawing.undo()
    assert drawing.is_empty() and (drawing.to_array() == PAPER).all()
    assert not drawing.undo()


def test_redo_brings_back_what_undo_took_back_until_something_new_is_done():
    drawing = Drawing(400, 400)
    draw_line(drawing, (100, 100), (100, 300))
    draw_line(drawing, (100, 100), (300, 100))
    both = drawing.to_array().copy()
    drawing.clear()
    assert drawing.undo() and drawing.undo()
    assert drawing.redo() and np.array_equal(drawing.to_array(), both)
    assert drawing.redo() and drawing.is_empty()  # the clearing, too
    assert not drawing.redo()
    drawing.undo()
    draw_line(drawing, (200, 200), (300, 300))  # something new: what was taken back is gone
    assert not drawing.redo()


def test_a_stroke_redone_on_a_picture_lies_where_it_was_drawn_on_it_though_the_paper_changed_shape():
    drawing = Drawing(400, 400)
    drawing.add_picture(Image.new("L", (400, 400), 255), "white.png", np.full((400, 400), 255, np.uint8))
    draw_line(drawing, (200, 100), (200, 300))
    pinned = drawing.picture().pinned
    drawing.resize(1000, 400)  # number mode's wide paper
    drawn = drawing.to_array().copy()
    drawing.undo()
    assert drawing.picture().pinned is None  # alone again: fitted to the wide paper
    drawing.redo()
    assert drawing.picture().pinned == pinned and np.array_equal(drawing.to_array(), drawn)


def test_a_mark_tells_whether_the_drawing_changed_since_not_whether_it_looks_alike():
    drawing = Drawing(400, 400)
    draw_line(drawing, (100, 100), (100, 300))
    mark = drawing.mark()
    drawing.resize(200, 200)
    assert drawing.is_as_marked(mark)  # the same drawing at another size
    drawing.undo()
    assert not drawing.is_as_marked(mark)
    drawing.redo()
    assert drawing.is_as_marked(mark)
    drawing.undo()
    draw_line(drawing, (50, 50), (50, 150))  # drawn alike again, but drawn again
    assert not drawing.is_as_marked(mark)


def test_clear_empties_the_image_and_undo_brings_it_back():
    drawing = Drawing(400, 400)
    draw_line(drawing, (100, 100), (300, 300))
    drawn = drawing.to_array().copy()
    assert drawing.clear()
    assert drawing.is_empty() and (drawing.to_array() == PAPER).all() and drawing.visible_strokes() == []
    assert not drawing.clear()  # clearing a blank paper is no step to undo
    assert drawing.undo()
    assert not drawing.is_empty() and np.array_equal(drawing.to_array(), drawn)


def test_a_cleared_picture_stays_hidden_until_undo():
    drawing = Drawing(400, 400)
    drawing.add_picture(Image.new("L", (100, 100), 0), "black.png", np.zeros((100, 100), np.uint8))
    drawing.clear()
    assert drawing.picture() is None and (drawing.to_array() == PAPER).all()
    draw_line(drawing, (100, 100), (300, 300))
    assert drawing.picture() is None and len(drawing.visible_strokes()) == 1
    drawing.undo()
    drawing.undo()
    assert drawing.picture().name == "black.png" and (drawing.to_array() == 0).all()


def test_resize_scales_the_drawing_with_the_paper():
    drawing = Drawing(400, 400)
    draw_line(drawing, (100, 100), (300, 300), width=20)
    drawing.resize(200, 200)
    small = drawing.to_array()
    assert drawing.size == (200, 200)
    assert small[100, 100] == INK and small[50, 50] == INK and small[150, 150] == INK
    assert small[100, 100 + 8] == PAPER  # the pen is half as wide: 10 pixels on half the paper
    drawing.resize(800, 800)
    large = drawing.to_array()
    assert large[400, 400] == INK and large[200, 200] == INK and large[600, 600] == INK
    assert large[400, 400 + 25] == INK and large[400, 400 + 35] == PAPER


def test_resize_and_back_gives_the_same_image():
    drawing = Drawing(400, 400)
    draw_line(drawing, (120, 80), (260, 330), width=18)
    before = drawing.to_array().copy()
    drawing.resize(173, 173)
    drawing.resize(1000, 1000)
    drawing.resize(400, 400)
    assert np.array_equal(drawing.to_array(), before)


def test_strokes_drawn_after_a_resize_land_where_the_pointer_is():
    drawing = Drawing(400, 400)
    drawing.resize(200, 200)
    draw_line(drawing, (20, 100), (180, 100), width=20)
    assert drawing.visible_strokes()[0].points[0] == (40.0, 200.0)  # paper units: the paper is 400 tall
    assert drawing.to_array()[100, 100] == INK and drawing.to_array()[100 - 8, 100] == PAPER


def test_live_painting_equals_a_full_render_and_reports_what_changed():
    drawing = Drawing(300, 300)
    drawing.resize(357, 357)  # an odd scale, where rounding could differ
    changed = np.zeros((357, 357), bool)
    before = drawing.to_array().copy()
    left, top, right, bottom = drawing.begin_stroke((50.3, 60.7), 17)
    changed[top:bottom, left:right] = True
    for point in [(90.2, 80.9), (140.5, 200.1), (300.8, 330.4)]:
        left, top, right, bottom = drawing.extend_stroke(point)
        changed[top:bottom, left:right] = True
    live = drawing.to_array().copy()
    assert not (live != before)[~changed].any()
    drawing.render()
    assert np.array_equal(drawing.to_array(), live)


def test_pixel_strokes_follow_the_present_size():
    drawing = Drawing(400, 400)
    draw_line(drawing, (100, 100), (300, 100), width=20, steps=1)
    drawing.resize(200, 200)
    (stroke,) = drawing.pixel_strokes()
    assert stroke.width == 10 and stroke.points == [(50.0, 50.0), (150.0, 50.0)]


def test_opened_picture_covers_earlier_strokes_until_undone():
    drawing = Drawing(400, 400)
    draw_line(drawing, (100, 100), (300, 300))
    before = drawing.to_array().copy()
    picture = Image.new("L", (100, 50), PAPER)
    picture.paste(INK, (40, 10, 60, 40))
    drawing.add_picture(picture, "block.png", np.asarray(picture))
    assert drawing.picture().name == "block.png"
    assert drawing.visible_strokes() == []
    image = drawing.to_array()
    assert image[200, 200] == INK  # the picture's centre block, scaled up 4x
    assert image[110, 110] == PAPER  # the old stroke is covered
    draw_line(drawing, (20, 380), (380, 380))
    assert len(drawing.visible_strokes()) == 1
    drawing.undo()
    drawing.undo()
    assert np.array_equal(drawing.to_array(), before)


def test_pixel_strokes_leave_out_what_is_off_the_paper():
    drawing = Drawing(1000, 400)
    draw_line(drawing, (100, 100), (300, 100), steps=2)
    draw_line(drawing, (900, 100), (990, 100), steps=2)
    drawing.resize(400, 400)  # the paper made square again: the second stroke is off it
    (stroke,) = drawing.pixel_strokes()
    assert stroke.points == [(100.0, 100.0), (200.0, 100.0), (300.0, 100.0)]
    drawing.begin_stroke((350, 200), 10)
    drawing.extend_stroke((450, 200))  # dragged beyond the edge
    assert drawing.pixel_strokes()[-1].points == [(350.0, 200.0)]


def test_the_ink_array_is_the_strokes_box_and_preprocesses_to_the_same_28x28():
    from draw_app.preprocess import to_mnist

    drawing = Drawing(520, 520)
    draw_line(drawing, (150, 100), (260, 60), width=14)
    draw_line(drawing, (260, 60), (250, 515), width=14)  # to the paper's bottom edge
    box = drawing.ink_array()
    assert box.shape[0] < 520 and box.shape[1] < 200
    assert (box[0] == PAPER).all() and (box[:, 0] == PAPER).all()
    assert np.array_equal(to_mnist(box), to_mnist(drawing.to_array()))


def test_over_an_opened_picture_the_ink_array_is_the_whole_drawing():
    drawing = Drawing(300, 300)
    picture = Image.new("L", (300, 300), PAPER)
    picture.paste(INK, (100, 50, 130, 250))
    drawing.add_picture(picture, "bar.png", np.asarray(picture))
    draw_line(drawing, (200, 100), (200, 200))
    assert drawing.ink_array().shape == (300, 300)


def test_an_opened_picture_alone_is_read_from_its_files_own_pixels_until_drawn_on():
    drawing = Drawing(400, 200)
    pixels = np.full((100, 300, 3), (230, 220, 200), np.uint8)  # the photo as its file holds it
    pixels[20:80, 140:160] = (40, 40, 120)
    shown = Image.fromarray(np.where(pixels[..., 2] < 150, INK, PAPER).astype(np.uint8))
    drawing.add_picture(shown, "photo.png", pixels)
    assert drawing.picture_alone().pixels is pixels and drawing.ink_array() is pixels
    draw_line(drawing, (20, 20), (20, 180))
    assert drawing.picture_alone() is None and drawing.ink_array().shape == (200, 400)
    drawing.undo()
    assert drawing.ink_array() is pixels


def test_a_picture_is_placed_on_the_paper_where_fit_picture_puts_it():
    from draw_app.strokes import fit_picture, picture_placement

    picture = Image.new("L", (300, 100), INK)
    scale, (left, top) = picture_placement(picture.size, (400, 200))
    assert scale == 4 / 3 and (left, top) == (0, 33)
    painted = np.asarray(fit_picture(picture, (400, 200)))
    rows = np.flatnonzero((painted == INK).any(axis=1))
    assert (rows[0], rows[-1] + 1) == (top, top + round(100 * scale))


def test_a_picture_drawn_on_stays_under_its_strokes_when_the_paper_changes_shape():
    """Number mode's wide paper made square: the picture is not fitted to the square paper
    again, or the strokes over it would no longer line up with it."""
    drawing = Drawing(1000, 400)
    picture = Image.new("L", (300, 200), PAPER)
    picture.paste(INK, (140, 40, 160, 160))  # a bar down its middle
    drawing.add_picture(picture, "bar.png", np.asarray(picture))
    draw_line(drawing, (500, 330), (560, 330))  # a line under the bar, the paper's middle
    drawing.resize(400, 400)
    painted = np.asarray(drawing.image)
    assert not (painted[:300] == INK).any()  # the bar lies at x 500 in paper units: beyond the square paper's edge
    drawing.resize(1000, 400)
    painted = np.asarray(drawing.image)
    bar_columns = np.flatnonzero((painted[:300] == INK).any(axis=0))
    assert 480 < bar_columns.mean() < 520  # back where it was, over the line
    drawing.undo()  # nothing drawn over it: fitted to the paper again
    drawing.resize(400, 400)
    bar_columns = np.flatnonzero((np.asarray(drawing.image) == INK).any(axis=0))
    assert 190 < bar_columns.mean() < 210


def test_picture_for_paper_is_black_ink_on_white_whatever_the_colours():
    picture = picture_for_paper(read_image(ROOT / "sample_digit" / "3_blue_on_cream.png"))
    pixels = np.asarray(picture)
    assert picture.mode == "L"
    assert pixels.min() == 0 and np.median(pixels) >= 245  # the darkest ink black, the cream paper white
    light_on_dark = np.asarray(picture_for_paper(read_image(ROOT / "sample_digit" / "9_white_on_black.png")))
    assert light_on_dark.min() == 0 and np.median(light_on_dark) >= 245


def test_picture_for_paper_shows_faint_ink_black_and_faint_texture_as_faint(tmp_path):
    faint_seven = np.full((300, 300), 248, np.uint8)
    cv2.polylines(faint_seven, [np.array([(80, 60), (220, 60), (120, 250)], np.int32)], False, 222, 12)
    Image.fromarray(faint_seven).save(tmp_path / "faint_seven.png")
    assert np.asarray(picture_for_paper(read_image(tmp_path / "faint_seven.png"))).min() == 0  # read, so shown plainly
    grain = np.random.default_rng(0).integers(215, 250, (300, 300)).astype(np.uint8)
    Image.fromarray(grain).save(tmp_path / "grain.png")
    assert np.asarray(picture_for_paper(read_image(tmp_path / "grain.png"))).min() > 200  # not ink: not shown as a drawing


def test_picture_for_paper_shows_a_photo_lit_unevenly_as_its_ink_on_white():
    """The paper showed the shading of a photo lit from one side as grey rings, which a
    drawing over the photo then read as ink; a bold stroke must stay whole."""
    drawing = np.full((300, 400), 235, np.uint8)
    cv2.polylines(drawing, [np.array([(110, 60), (290, 60), (170, 250)], np.int32)], False, 60, 36)
    y, x = np.mgrid[0:300, 0:400]
    light = 1 - 0.5 * np.hypot(x / 400, y / 300) / np.sqrt(2)  # falling off from the top-left corner
    photo = np.dstack([(drawing * light).astype(np.uint8)] * 3)
    shown = np.asarray(picture_for_paper(photo))
    paper, ink = shown[drawing == 235], shown[drawing == 60]
    assert np.percentile(paper, 2) >= 230  # white all over, no shading
    assert np.percentile(ink, 98) <= 60  # the whole stroke dark, not hollowed
