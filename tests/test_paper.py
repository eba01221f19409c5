"""The paper on its own: what the pen draws is on the screen exactly as the model reads it, at any size."""

import numpy as np
import pytest
from gui import line, pump, scaled, shown_picture, stroke

from draw_app.paper import DigitBox, Paper, label_place
from draw_app.strokes import INK, PAPER, Drawing

SEVEN = line((120, 90), (290, 90)) + line((290, 90), (170, 330))[1:]


@pytest.fixture
def paper(tk_root):
    calls = {"change": 0, "stroke end": 0, "resize": 0}

    def count(name):
        return lambda: calls.__setitem__(name, calls[name] + 1)

    tk_root.geometry("420x420+0+0")
    tk_root.rowconfigure(0, weight=1)
    tk_root.columnconfigure(0, weight=1)
    paper = Paper(tk_root, Drawing(400, 400), pen_width=lambda: 18, on_change=count("change"),
                  on_stroke_end=count("stroke end"), on_resize=count("resize"))
    paper.grid(row=0, column=0, sticky="nsew")
    pump(tk_root, 0.3)
    paper.calls = calls
    return paper


def shown_matches_drawing(paper):
    shown = shown_picture(paper.canvas)
    image = paper.drawing.to_array()
    return shown.shape[:2] == image.shape and np.array_equal(shown[..., 0], image)


def ink_box(image):
    rows, columns = np.nonzero(image == INK)
    return columns.min(), rows.min(), columns.max(), rows.max()


def test_the_pen_draws_on_the_screen_what_the_model_reads(paper):
    side = paper.drawing.size[0]
    stroke(paper.canvas, scaled(SEVEN, side))
    assert len(paper.drawing.steps) == 1
    assert paper.calls["change"] == len(SEVEN) and paper.calls["stroke end"] == 1
    assert (paper.drawing.to_array() == INK).any()
    assert shown_matches_drawing(paper)


@pytest.mark.parametrize("window", ["300x300", "800x800"], ids=["smaller", "larger"])
def test_resizing_scales_the_drawing_with_the_paper_and_keeps_screen_and_model_in_step(paper, window):
    side = paper.drawing.size[0]
    stroke(paper.canvas, scaled(SEVEN, side))
    before = np.array(ink_box(paper.drawing.to_array())) / side
    paper.winfo_toplevel().geometry(window)
    pump(paper, 0.4)
    new_side = paper.canvas.winfo_width()
    assert new_side != side and paper.canvas.winfo_height() == new_side
    assert paper.drawing.size == (new_side, new_side) and paper.calls["resize"] >= 1
    after = np.array(ink_box(paper.drawing.to_array())) / new_side
    assert after == pytest.approx(before, abs=0.02)  # the seven fills the paper as it did
    assert shown_matches_drawing(paper)


def test_a_stroke_drawn_after_a_resize_lands_under_the_pointer(paper):
    paper.winfo_toplevel().geometry("300x300")
    pump(paper, 0.4)
    stroke(paper.canvas, line((40, 150), (240, 150)))
    image = paper.drawing.to_array()
    assert image[150, 140] == INK and image[60, 140] == PAPER
    assert shown_matches_drawing(paper)


def test_repaint_after_undo_shows_the_whole_drawing_again(paper):
    stroke(paper.canvas, line((100, 100), (300, 100)))
    stroke(paper.canvas, line((100, 300), (300, 300)))
    paper.drawing.undo()
    paper.repaint()
    shown = shown_picture(paper.canvas)
    assert shown[300, 200, 0] == PAPER and shown[100, 200, 0] == INK
    assert shown_matches_drawing(paper)


def test_a_wide_paper_for_a_number_fills_the_width(paper):
    paper.winfo_toplevel().geometry("900x400")
    paper.set_aspect(3.0)
    pump(paper, 0.4)
    width, height = paper.drawing.size
    assert (paper.canvas.winfo_width(), paper.canvas.winfo_height()) == (width, height)
    assert width == pytest.approx(3 * height, abs=1) and width >= 880


@pytest.fixture
def number_paper(tk_root):
    """A wide paper showing two digits' boxes, and the digits chosen on it."""
    chosen = []
    tk_root.geometry("900x400+0+0")
    paper = Paper(tk_root, Drawing(750, 300), pen_width=lambda: 18, on_change=lambda: None,
                  on_stroke_end=lambda: None, on_resize=lambda: None, on_digit_click=chosen.append, aspect=2.5)
    paper.pack(fill="both", expand=True)
    pump(tk_root, 0.3)
    paper.show_digits([DigitBox((50, 100, 60, 120), "2"), DigitBox((200, 100, 60, 120), "7")])
    return paper, chosen


def test_digits_of_a_number_are_boxed_with_their_readings_and_a_click_chooses_one(number_paper):
    paper, chosen = number_paper
    paper.show_digits([DigitBox((50, 100, 60, 120), "2"), DigitBox((200, 100, 60, 120), "7?", unsure=True,
                                                                      selected=True)])
    readings = paper.canvas.find_withtag("reading")
    assert [paper.canvas.itemcget(item, "text") for item in readings] == ["2", "7?"]
    x, y = paper.canvas.coords(readings[1])
    paper.canvas.event_generate("<Motion>", x=round(x), y=round(y) - 5)
    paper.canvas.event_generate("<ButtonPress-1>", x=round(x), y=round(y) - 5)
    paper.canvas.event_generate("<ButtonRelease-1>", x=round(x), y=round(y) - 5)
    paper.update()
    assert chosen == [1] and paper.drawing.is_empty()  # a click on a reading draws nothing
    paper.show_digits([])
    assert not paper.canvas.find_withtag("digits")


def test_a_click_inside_a_digits_box_chooses_it_and_draws_nothing(number_paper):
    paper, chosen = number_paper
    for event, x in [("<ButtonPress-1>", 230), ("<B1-Motion>", 232), ("<ButtonRelease-1>", 232)]:
        paper.canvas.event_generate(event, x=x, y=160)  # a hand's wobble of 2 pixels is still a click
    paper.update()
    assert chosen == [1] and paper.drawing.is_empty()


def test_a_stroke_begun_on_a_digits_reading_is_drawn(number_paper):
    """A 5's bar or a 7's flag, drawn last, begins just where the reading sits: from a trial,
    such a stroke drew nothing and only chose the digit."""
    paper, chosen = number_paper
    x, y = paper.canvas.coords(paper.canvas.find_withtag("reading")[0])
    stroke(paper.canvas, [(round(x), round(y) - 5), (round(x) + 30, round(y) - 5), (round(x) + 60, round(y) - 5)])
    assert chosen == [] and len(paper.drawing.visible_strokes()) == 1


def test_a_stroke_begun_inside_a_digits_box_is_drawn_from_where_the_pen_went_down(number_paper):
    paper, chosen = number_paper
    stroke(paper.canvas, [(230, 120), (230, 140), (230, 200)])
    assert chosen == [] and len(paper.drawing.visible_strokes()) == 1
    assert paper.drawing.pixel_strokes()[0].points[0] == pytest.approx((230, 120), abs=0.5)
    assert paper.drawing.to_array()[121, 230] == INK


def test_a_reading_goes_above_its_box_or_below_it_for_a_digit_at_the_top_of_the_paper():
    """From a trial: the reading of a digit written at the very top covered its ink."""
    assert label_place(100, 300, 20, 400) == (98, "s")
    assert label_place(10, 300, 20, 400) == (302, "n")
    assert label_place(10, 390, 20, 400) == (26, "s")  # no room either way: squeezed in at the top
