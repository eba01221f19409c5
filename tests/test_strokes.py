"""Strokes are rendered into the Pillow image exactly where, and as wide as, they are drawn."""

import numpy as np
from PIL import Image

from draw_app.strokes import INK, PAPER, Drawing


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


def test_clear_empties_the_image():
    drawing = Drawing(400, 400)
    draw_line(drawing, (100, 100), (300, 300))
    drawing.clear()
    assert drawing.is_empty() and (drawing.to_array() == PAPER).all()


def test_resize_keeps_strokes_where_they_were_drawn():
    drawing = Drawing(400, 400)
    draw_line(drawing, (100, 100), (300, 300))
    drawing.resize(600, 600)
    assert drawing.size == (600, 600)
    assert drawing.to_array()[200, 200] == INK and drawing.to_array()[500, 500] == PAPER


def test_opened_picture_covers_earlier_strokes_until_undone():
    drawing = Drawing(400, 400)
    draw_line(drawing, (100, 100), (300, 300))
    before = drawing.to_array().copy()
    picture = Image.new("L", (100, 50), PAPER)
    picture.paste(INK, (40, 10, 60, 40))
    drawing.add_picture(picture)
    assert drawing.visible_strokes() == []
    image = drawing.to_array()
    assert image[200, 200] == INK  # the picture's centre block, scaled up 4x
    assert image[110, 110] == PAPER  # the old stroke is covered
    draw_line(drawing, (20, 380), (380, 380))
    assert len(drawing.visible_strokes()) == 1
    drawing.undo()
    drawing.undo()
    assert np.array_equal(drawing.to_array(), before)
