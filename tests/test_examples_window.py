"""The "Your examples" window: what it shows of the examples given, and what a click, the
arrow keys, Delete and Ctrl+Z do. Its examples are made here and its callbacks recorded,
so no model runs (test_teaching.py drives it from the Teach menu with one)."""

from pathlib import Path

import numpy as np
import pytest
from gui import press, pump

from draw_app.examples import Example
from draw_app.examples_window import (COLUMNS, GAP, HEADING, THUMBNAIL, ExamplesWindow, in_showing_order,
                                      layout, taught_when, thumbnail)


def example(digit, name, brightness=1.0):
    pixels = np.zeros((28, 28), np.float32)
    pixels[4:24, 12:16] = brightness
    return Example(Path("examples") / str(digit) / name, digit, pixels)


def test_each_digit_starts_a_row_under_its_heading_and_wraps_at_the_width():
    width = GAP + 3 * (THUMBNAIL + GAP)  # three to a row
    places, headings, height = layout([1, 1, 1, 1, 7], width)
    step = THUMBNAIL + GAP
    assert headings == [(1, 4, GAP), (7, 1, GAP + HEADING + 2 * step + GAP)]
    assert places[:4] == [(GAP, GAP + HEADING), (GAP + step, GAP + HEADING), (GAP + 2 * step, GAP + HEADING),
                          (GAP, GAP + HEADING + step)]
    assert places[4] == (GAP, headings[1][2] + HEADING)
    assert height == headings[1][2] + HEADING + step + GAP
    assert layout([], width) == ([], [], GAP)
    assert layout([3, 3], 10)[0] == [(GAP, GAP + HEADING), (GAP, GAP + HEADING + step)]  # narrower than one: one a row


def test_examples_are_shown_digit_by_digit_in_the_order_they_were_taught():
    taught = [example(7, "a.png"), example(1, "b.png"), example(7, "c.png"), example(0, "d.png")]
    assert [e.path.name for e in in_showing_order(taught)] == ["d.png", "b.png", "a.png", "c.png"]


def test_when_an_example_was_taught_is_read_from_its_name():
    assert taught_when(example(3, "20261204-031502-123456.png")) == "was taught on 04 Dec 2026 at 03:15"
    assert taught_when(example(3, "20261204-031502-123456-2.png")) == "was taught on 04 Dec 2026 at 03:15"
    assert taught_when(example(3, "my own three.png")) == "was added as my own three.png"


def test_a_thumbnail_is_the_28x28_the_network_saw_each_pixel_a_square():
    image = np.asarray(thumbnail(example(1, "x.png", brightness=0.5).model_input))
    assert image.shape == (THUMBNAIL, THUMBNAIL)
    assert image[THUMBNAIL // 2, 2 * 12] == 128 and image[THUMBNAIL // 2, 2 * 12 - 1] == 0  # edges stay sharp


class Recorder:
    """The callbacks Teaching gives the window, done on a plain list of examples."""

    def __init__(self, examples):
        self.examples, self.window = list(examples), None

    def forget(self, gone):
        self.examples.remove(gone)
        self.window.show(self.examples)
        return True

    def bring_back(self, gone):
        self.examples.append(gone)
        self.window.show(self.examples)
        return True


@pytest.fixture
def window(tk_root):
    taught = [example(1, f"20261204-0300{i:02d}-000000.png") for i in range(COLUMNS + 2)] + [example(7, "mine.png")]
    recorder = Recorder(taught)
    recorder.window = ExamplesWindow(tk_root, taught, forget=recorder.forget, bring_back=recorder.bring_back)
    pump(tk_root, 0.2)
    return recorder.window


def test_the_window_shows_every_example_under_its_digit_the_first_selected(window):
    assert len(window.canvas.find_withtag("example")) == COLUMNS + 3
    headings = [window.canvas.itemcget(item, "text") for item in window.canvas.find_all()
                if window.canvas.type(item) == "text"]
    assert headings == [f"1   ({COLUMNS + 2} examples)", "7   (1 example)"]
    assert window.selected is window.examples[0]
    assert window.about.cget("text") == "This 1 was taught on 04 Dec 2026 at 03:00."
    assert window.summary.cget("text").startswith(f"{COLUMNS + 3} examples of your handwriting")


def test_a_click_selects_the_example_under_the_pointer(window):
    box = window.canvas.bbox("example10")
    window.canvas.event_generate("<Button-1>", x=box[0] + 5, y=box[1] + 5)
    assert window.selected is window.examples[10] and window.selected.digit == 7
    assert window.about.cget("text") == "This 7 was added as mine.png."


def test_arrows_step_through_the_examples_and_stop_at_the_ends(window):
    press(window, "<Left>")
    assert window.selected is window.examples[0]
    for _ in range(20):
        press(window, "<Right>")
    assert window.selected is window.examples[-1]
    press(window, "<Home>")
    assert window.selected is window.examples[0]
    press(window, "<End>")
    assert window.selected is window.examples[-1]


def test_up_and_down_move_a_row_to_the_nearest_example(window):
    """Eight 1s to a row, then two, then the 7 under its own heading."""
    press(window, "<Home>")
    for _ in range(3):
        press(window, "<Right>")
    press(window, "<Down>")  # from the fourth 1 to the last of the two in the row below
    assert window.selected is window.examples[COLUMNS + 1]
    press(window, "<Down>")  # into the 7's row
    assert window.selected.digit == 7
    press(window, "<Down>")
    assert window.selected.digit == 7  # the bottom: stays
    press(window, "<Up>")
    press(window, "<Up>")
    assert window.selected is window.examples[0]


def test_delete_forgets_the_selected_one_moves_on_and_ctrl_z_brings_them_back_in_turn(window):
    first = window.selected
    press(window, "<Delete>")
    assert first not in window.examples and window.selected is window.examples[0]
    assert len(window.canvas.find_withtag("example")) == COLUMNS + 2
    assert window.about.cget("text").endswith("Ctrl+Z brings back the 1 just forgotten.")
    second = window.selected
    press(window, "<BackSpace>")
    press(window, "<Control-Z>")  # Caps Lock on
    assert window.selected is second and len(window.examples) == COLUMNS + 2
    press(window, "<Control-z>")
    assert window.selected is first and window.examples[0] is first  # back in its place
    assert "Ctrl+Z" not in window.about.cget("text")


def test_delete_on_an_example_scrolled_out_of_view_only_brings_it_into_view(window):
    window.geometry("600x300")
    pump(window, 0.2)
    window.canvas.yview_moveto(1.0)
    pump(window, 0.1)
    first = window.selected
    press(window, "<Delete>")
    assert window.selected is first and first in window.examples  # now seen, not yet forgotten
    press(window, "<Delete>")
    assert first not in window.examples


def test_with_no_examples_it_says_how_to_teach_one_and_forget_is_off(tk_root):
    asked = []
    window = ExamplesWindow(tk_root, [], forget=asked.append, bring_back=asked.append)
    pump(tk_root, 0.1)
    assert window.summary.cget("text").startswith("No examples yet. When a drawing is read wrongly")
    assert window.forget_button.instate(["disabled"]) and window.selected is None
    press(window, "<Delete>")
    press(window, "<Control-z>")
    assert asked == []
