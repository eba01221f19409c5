"""The toolbar runs commands and sets the pen; the status bar says what is true now."""

import tkinter as tk

import numpy as np
import pytest
from gui import pump
from PIL import Image

from draw_app.strokes import Drawing
from draw_app.theme import apply_style
from draw_app.toolbar import PEN_WIDTHS, StatusBar, Toolbar, status_line


def drawing_with(strokes=0, picture=None):
    drawing = Drawing(400, 400)
    if picture:
        drawing.add_picture(Image.new("L", (50, 50), 255), picture, np.full((50, 50), 255, np.uint8))
    for index in range(strokes):
        drawing.begin_stroke((100, 100 + 20 * index), 10)
        drawing.extend_stroke((300, 100 + 20 * index))
    return drawing


def test_a_blank_paper_says_how_many_examples_the_model_reads_with():
    """On a shared classroom computer, someone else's lessons count too."""
    assert status_line(Drawing(400, 400), "cnn.tflite", examples=12).startswith(
        "Model cnn.tflite ready, with 12 examples taught (Teach menu). Draw a digit")
    assert "example" not in status_line(Drawing(400, 400), "cnn.tflite")


def test_a_digit_drawn_small_for_the_pen_gets_a_hint_to_write_larger():
    """From a trial: a 3 drawn 2.8 pens tall with the app's pen was a blob read as a sure 8."""
    small, large = Drawing(400, 400), Drawing(400, 400)
    for drawing, height in ((small, 30), (large, 120)):
        drawing.begin_stroke((200, 100), 18)
        drawing.extend_stroke((200, 100 + height))
    assert "small for the pen: write larger, or take a thinner pen (−)" in status_line(small, "cnn.tflite")
    assert "small for the pen" not in status_line(large, "cnn.tflite")


def test_status_line_describes_the_model_and_the_paper():
    assert status_line(Drawing(400, 400), None) == "Loading the model…"
    missing = status_line(Drawing(400, 400), None, model_error="model file x not found")
    assert missing.startswith("No model: model file x")
    assert "cnn.tflite ready. Draw a digit" in status_line(Drawing(400, 400), "cnn.tflite")
    assert "Draw a number, digit by digit" in status_line(Drawing(400, 400), "cnn.tflite", number_mode=True)
    assert status_line(drawing_with(2), "cnn.tflite").startswith("2 strokes.")
    opened = status_line(drawing_with(picture="4.png"), "cnn.tflite")
    assert opened.startswith("Reading 4.png.") and "Undo (Ctrl+Z)" in opened
    assert status_line(drawing_with(1, picture="4.png"), "cnn.tflite").startswith("Reading 4.png and drawn on.")


def test_several_digits_outside_number_mode_point_to_it():
    assert status_line(drawing_with(3), "cnn.tflite", digits_seen=2) == \
        "This looks like 2 digits side by side: Number mode (Ctrl+N) reads them all."
    assert status_line(drawing_with(picture="2026.png"), "cnn.tflite", digits_seen=4).startswith(
        "Reading 2026.png, which looks like 4 digits side by side: Number mode (Ctrl+N)")
    pasted = status_line(drawing_with(picture="the pasted picture"), "cnn.tflite", digits_seen=3)
    assert pasted.startswith("Reading the pasted picture, which looks like 3 digits"), "a line begins in capitals"
    assert status_line(drawing_with(3), "cnn.tflite", digits_seen=1).startswith("3 strokes.")
    assert status_line(drawing_with(3), "cnn.tflite", number_mode=True, digits_seen=2).startswith("3 strokes.")
    assert status_line(drawing_with(3), "cnn.tflite", digits_seen=1, strokes_off_paper=2) == \
        "3 strokes, 2 of them beyond the paper's edge: Number mode (Ctrl+N) shows them again."
    assert status_line(drawing_with(1), "cnn.tflite", strokes_off_paper=1) == \
        "1 stroke beyond the paper's edge: Number mode (Ctrl+N) shows it again."
    assert status_line(drawing_with(2, picture="4.png"), "cnn.tflite", strokes_off_paper=1) == \
        "Drawn on 4.png; 2 strokes, 1 of them beyond the paper's edge: Number mode (Ctrl+N) shows it again."


def test_marks_left_out_of_a_number_are_said_in_number_mode():
    assert status_line(drawing_with(4), "cnn.tflite", number_mode=True, marks_left_out=1) == (
        "4 strokes; 1 mark not read as digits: specks, ticks, lines under the number and digits far "
        "smaller than the rest are left out of it.")
    assert "2 marks not read" in status_line(drawing_with(4), "cnn.tflite", number_mode=True, marks_left_out=2)
    assert status_line(drawing_with(4), "cnn.tflite", number_mode=True).startswith("4 strokes. Undo")


def test_after_undoing_an_opened_picture_the_status_no_longer_mentions_it():
    drawing = drawing_with(picture="4.png")
    drawing.undo()
    assert "4.png" not in status_line(drawing, "cnn.tflite")


def test_a_note_lasts_until_cleared_and_a_hint_only_while_pointed_at(tk_root):
    apply_style(tk_root)
    status = StatusBar(tk_root)
    status.show_state("state")
    status.note("Saved x.png")
    assert status.text() == "Saved x.png"
    status.hint("Undo the last stroke (Ctrl+Z)")
    assert status.text() == "Undo the last stroke (Ctrl+Z)"
    status.hint(None)
    assert status.text() == "Saved x.png"
    status.note(None)
    assert status.text() == "state"
    status.show_state("No model: gone", error=True)
    assert str(status.label.cget("style")) == "Error.TLabel"


def test_a_long_status_line_wraps_instead_of_widening_the_window(tk_root):
    """A model's error runs to 160 characters: it widened the window past 1,100 pixels."""
    apply_style(tk_root)
    status = StatusBar(tk_root)
    status.pack(fill="x")
    tk_root.geometry("640x200")
    pump(tk_root, 0.2)
    status.show_state("No model: /somewhere/m.tflite: not a valid LiteRT model (The model is not a valid "
                      "Flatbuffer buffer); train one with: python training/cnn.py --data path/to/mnist.npz", error=True)
    pump(tk_root, 0.2)
    assert tk_root.winfo_width() == 640 and status.label.winfo_reqwidth() < 640
    assert status.label.winfo_height() > 2 * tk_root.tk.call("font", "metrics", "TkDefaultFont", "-linespace") - 4


@pytest.fixture
def toolbar(tk_root):
    ran, hints = [], []
    names = ("undo", "clear", "open", "save", "number_mode", "network")
    handlers = {name: (lambda name=name: ran.append(name)) for name in names}
    toggles = {name: tk.BooleanVar(tk_root, False) for name in ("number_mode", "network")}
    toolbar = Toolbar(tk_root, handlers, toggles, tk.IntVar(tk_root, 18), hint=hints.append)
    toolbar.pack(fill="x")
    tk_root.geometry("640x60+0+0")
    pump(tk_root, 0.2)
    toolbar.ran, toolbar.hints = ran, hints
    return toolbar


def test_buttons_run_their_commands_and_point_out_their_keys(toolbar):
    toolbar.buttons["undo"].invoke()
    toolbar.buttons["network"].invoke()
    assert toolbar.ran == ["undo", "network"]
    toolbar.buttons["save"].event_generate("<Enter>")
    assert toolbar.hints[-1] == "Save the drawing as a PNG file (Ctrl+S)"


def test_the_pen_width_changes_in_steps_within_its_range(toolbar):
    toolbar.change_pen(2)
    assert toolbar.pen_width.get() == 20
    for _ in range(50):
        toolbar.change_pen(-2)
    assert toolbar.pen_width.get() == PEN_WIDTHS[0]


def test_everything_fits_in_the_smallest_window(toolbar):
    right = max(child.winfo_x() + child.winfo_width() for child in toolbar.winfo_children())
    assert right <= toolbar.winfo_width()
    assert all(child.winfo_width() >= child.winfo_reqwidth() for child in toolbar.winfo_children())
