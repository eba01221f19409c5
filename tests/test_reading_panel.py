"""The reading panel on its own: the guess, the runner-up when unsure, a refusal, the bars, the 28x28."""

import dataclasses

import numpy as np
import pytest
from gui import pump, shown_picture

from draw_app.predictor import Prediction
from draw_app.reading_panel import ReadingPanel, guess_text
from draw_app.theme import ACCENT, UNSURE, apply_style


def prediction(probabilities, unsure=False, no_digit=None):
    probabilities = tuple(probabilities)
    digit = int(np.argmax(probabilities))
    model_input = np.zeros((28, 28), np.float32)
    model_input[4:24, 13:15] = 1.0
    return Prediction(digit, probabilities[digit], probabilities, model_input, unsure=unsure, no_digit=no_digit)


SURE_SEVEN = prediction([0.0] * 7 + [0.991, 0.009, 0.0])
UNSURE_ONE = prediction([0, 0.59, 0, 0, 0, 0, 0, 0.35, 0.06, 0], unsure=True)


@pytest.fixture
def panel(tk_root):
    clicked = []
    panel = ReadingPanel(tk_root, apply_style(tk_root), on_digit_click=clicked.append)
    panel.pack(fill="both", expand=True)
    panel.clicked = clicked
    pump(tk_root, 0.2)
    return panel


def test_a_sure_guess_shows_the_digit_its_confidence_and_ten_bars(panel):
    panel.show(SURE_SEVEN)
    assert panel.guess.cget("text") == "7"
    assert "99.1%" in panel.confidence.cget("text")
    assert panel.shown_percentages() == ["0.0%"] * 7 + ["99.1%", "0.9%", "0.0%"]


def test_an_unsure_guess_shows_the_runner_up_beside_it(panel):
    panel.show(UNSURE_ONE)
    assert panel.guess.cget("text") == "1?"
    text = panel.confidence.cget("text")
    assert "Not sure" in text and "59%" in text and "or 7 (35%)" in text
    best_bar = panel._bar_items[1][2]
    assert panel.bars.itemcget(best_bar, "fill") == UNSURE  # orange like the guess, not the sure blue
    panel.show(SURE_SEVEN)
    assert panel.bars.itemcget(panel._bar_items[7][2], "fill") == ACCENT


def test_a_sure_reading_marked_unsure_is_not_called_too_low():
    """A digit small for the pen is marked unsure at 97 %: "Not sure: 97%" read as a contradiction."""
    small = prediction([0.0, 0.0, 0.0, 0.02, 0.0, 0.0, 0.0, 0.0, 0.97, 0.01], unsure=True)
    guess, line, colour = guess_text(small, unsure_below=0.8948)
    assert guess == "8?" and line.startswith("97%, yet unsure\nor 3") and colour == UNSURE
    assert guess_text(small, unsure_below=0.98)[1].startswith("Not sure: 97%")  # under the model's line


def test_no_digit_shows_no_guess_but_the_reason(panel):
    panel.show(prediction([0.1] * 10, no_digit="not like any digit"))
    assert panel.guess.cget("text") == "–"
    assert panel.confidence.cget("text") == "No digit here:\nnot like any digit"


def test_the_line_beside_the_guess_is_never_cut(panel):
    """At every height, so every font size: the longest lines once lost a letter at some."""
    font = panel.fonts["confidence"]
    for height in range(380, 1000, 40):
        panel.master.geometry(f"600x{height}")
        pump(panel, 0.1)
        for shown in (prediction([0.1] * 10, no_digit="not like any digit"),
                      prediction([0, 0.5, 0, 0, 0, 0, 0, 0.5, 0, 0], unsure=True)):
            panel.show(shown)
            panel.update_idletasks()
            widest = max(font.measure(line) for line in panel.confidence.cget("text").splitlines())
            assert widest <= panel.confidence.winfo_width(), (height, panel.confidence.cget("text"))


def test_nothing_to_read_shows_the_hint_and_empty_bars(panel):
    panel.show(SURE_SEVEN)
    panel.show(None, "Draw a digit\non the paper")
    assert panel.guess.cget("text") == "?"
    assert panel.confidence.cget("text") == "Draw a digit\non the paper"
    assert panel.shown_percentages() == ["–"] * 10
    assert not shown_picture(panel.view).any()


def test_the_28x28_view_shows_what_the_network_saw(panel):
    panel.show(SURE_SEVEN)
    view = shown_picture(panel.view)[..., 0]
    side = view.shape[0]
    assert side % 28 == 0
    small = view[::side // 28, ::side // 28]
    assert np.array_equal(small, (SURE_SEVEN.model_input * 255).astype(np.uint8))


def test_a_hint_can_keep_the_28x28_that_gave_no_reading_in_view(panel):
    panel.show(None, "2 digits here:\ntry Number mode", model_input=SURE_SEVEN.model_input)
    view = shown_picture(panel.view)[..., 0]
    small = view[::view.shape[0] // 28, ::view.shape[0] // 28]
    assert np.array_equal(small, (SURE_SEVEN.model_input * 255).astype(np.uint8))
    assert panel.shown_percentages() == ["–"] * 10  # no bars: the reading is not worth showing


def click(panel, digit, released_on=None):
    """Press on ``digit``'s row and let go on ``released_on``'s (the same by default)."""
    row = panel.bars.winfo_height() / 10
    panel.bars.event_generate("<ButtonPress-1>", x=40, y=round(row * (digit + 0.5)))
    panel.bars.event_generate("<ButtonRelease-1>", x=40,
                              y=round(row * ((digit if released_on is None else released_on) + 0.5)))
    panel.update()


def test_clicking_a_bar_reports_its_digit(panel):
    panel.show(SURE_SEVEN)
    for digit in (0, 4, 9):
        click(panel, digit)
    assert panel.clicked == [0, 4, 9]


def test_a_press_is_not_a_click_until_let_go_on_the_same_row(panel):
    """A stroke begun on the bars beside the paper taught its digit at the press."""
    panel.show(SURE_SEVEN)
    row = panel.bars.winfo_height() / 10
    panel.bars.event_generate("<ButtonPress-1>", x=40, y=round(row * 3.5))
    panel.update()
    assert panel.clicked == []
    panel.bars.event_generate("<ButtonRelease-1>", x=-200, y=round(row * 3.5))  # dragged off, onto the paper
    click(panel, 5, released_on=6)
    assert panel.clicked == []


def test_a_stroke_drawn_on_the_bars_back_to_its_row_teaches_nothing(panel):
    """A loop begun on a row and ended on it is a drag, not a click: it taught that row's digit."""
    panel.show(SURE_SEVEN)
    row = panel.bars.winfo_height() / 10
    y = round(row * 7.5)
    panel.bars.event_generate("<ButtonPress-1>", x=40, y=y)
    for x, dy in [(60, 0), (90, -row), (120, 0), (90, row), (60, 0)]:
        panel.bars.event_generate("<B1-Motion>", x=x, y=y + round(dy))
    panel.bars.event_generate("<ButtonRelease-1>", x=80, y=y)
    panel.update()
    assert panel.clicked == []
    panel.bars.event_generate("<ButtonPress-1>", x=40, y=y)  # a trial's: up to another row and back to the press
    panel.bars.event_generate("<B1-Motion>", x=40, y=y - round(4 * row))
    panel.bars.event_generate("<ButtonRelease-1>", x=40, y=y)
    panel.update()
    assert panel.clicked == []
    panel.bars.event_generate("<ButtonPress-1>", x=40, y=y)
    panel.bars.event_generate("<ButtonRelease-1>", x=43, y=y + 2)  # a hand's tremor is still a click
    panel.update()
    assert panel.clicked == [7]


def test_the_row_under_the_pointer_is_reported_once_as_it_changes(tk_root):
    hovered = []
    panel = ReadingPanel(tk_root, apply_style(tk_root), on_digit_click=lambda digit: None,
                         on_digit_hover=hovered.append)
    panel.pack()
    pump(tk_root, 0.2)
    panel.bars.event_generate("<Motion>", x=40, y=10)
    assert hovered == []  # no bars shown: no digit to teach
    panel.show(SURE_SEVEN)
    row = panel.bars.winfo_height() / 10
    for y in (row * 2.3, row * 2.7, row * 8.5):
        panel.bars.event_generate("<Motion>", x=40, y=round(y))
    panel.bars.event_generate("<Leave>", x=0, y=0)
    panel.update()
    assert hovered == [2, 8, None]
    panel.destroy()


def test_a_reading_the_persons_examples_decided_says_so():
    taught = dataclasses.replace(SURE_SEVEN, from_examples=True)
    assert guess_text(SURE_SEVEN)[1].splitlines() == [f"{SURE_SEVEN.confidence:.1%}", "sure"]
    guess, line, _ = guess_text(taught)
    assert guess == "7" and line.splitlines() == [f"{SURE_SEVEN.confidence:.1%} sure", "as you taught"]


@pytest.mark.parametrize("height", [380, 560, 900])
def test_everything_fits_in_the_height_given_and_grows_with_it(panel, height):
    panel.master.geometry(f"600x{height}")
    pump(panel, 0.3)
    panel.show(SURE_SEVEN)
    assert panel.winfo_height() == height
    assert panel.view.winfo_height() == panel.view.winfo_reqheight() >= 28 * 2
    assert panel.view.winfo_y() + panel.view.winfo_height() <= height
    if height == 900:
        assert panel.view.winfo_width() >= 28 * 7 and panel.bars.winfo_height() >= 10 * 35


def test_a_limit_keeps_the_panel_from_growing_with_the_height_until_it_is_lifted(panel):
    panel.master.geometry("600x900")
    pump(panel, 0.3)
    grown = panel.winfo_reqwidth()
    panel.limit_scale(0.8)  # the window's width leaves no more room
    pump(panel, 0.2)
    limited = panel.winfo_reqwidth()
    assert limited < 0.7 * grown and panel.width_at_scale_one() == pytest.approx(limited / 0.8)
    panel.limit_scale(1.8)
    pump(panel, 0.2)
    assert panel.winfo_reqwidth() == grown
