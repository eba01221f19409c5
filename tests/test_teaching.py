"""Teaching the window your handwriting, driven like a person would: keys, clicks on the bars, Undo, the menu.

A slashed zero (a ring with a stroke through it, as many programmers write 0) is not a 0
to the bare model (it reads an 8, or no digit at all); the person says it is a 0. Every test keeps its examples in
a folder of its own, never in the user's.
"""

import math
import os
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from conftest import ROOT
from gui import line, press, pump, scaled, stroke
from PIL import Image

from draw_app import teaching
from draw_app.app import DigitApp
from draw_app.examples import DATA_FOLDER_VARIABLE, ExamplesFolder
from draw_app.predictor import Predictor

RING = [(200 + 85 * math.sin(t), 200 - 125 * math.cos(t)) for t in np.linspace(0, 2 * math.pi, 40)]
SLASH = line((315, 45), (85, 355))
SLASHED_ZERO = [RING, SLASH]
UPRIGHT = [line((200, 70), (200, 330))]
LONG_FLAGGED_ONE = [line((90, 92), (200, 80)) + line((200, 80), (200, 340))[1:]]
"""A 1 whose flag is long and nearly level: the bare model reads a 7."""
SEVEN = [line((115, 80), (285, 80)) + line((285, 80), (175, 340))[1:]]
NUM_LOCK = 16
"""X11's Mod2, which Num Lock sets: only then does the keypad type digits (KP_0) rather than KP_Insert."""


def open_app(root, folder):
    app = DigitApp(root, lambda: Predictor(examples=folder))
    root.geometry("+0+0")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and app.predictor is None and app.model_error is None:
        pump(root, 0.02)
    pump(root, 0.1)
    assert app.is_ready()
    return app


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "examples"


@pytest.fixture
def app(tk_root, folder):
    return open_app(tk_root, folder)


def draw(app, strokes):
    side = app.canvas.winfo_width()
    for points in strokes:
        stroke(app.canvas, scaled(points, side))


def guess(app):
    return app.reading.guess.cget("text").rstrip("?")


def saved(folder):
    return sorted(path.relative_to(folder).parts[0] for path in folder.rglob("*.png"))


def click_row(app, digit):
    """A click on the middle of a digit's row in the bars."""
    bars = app.reading.bars
    row_height = int(bars.cget("height")) / 10
    where = {"x": int(bars.cget("width")) // 2, "y": int((digit + 0.5) * row_height)}
    bars.event_generate("<ButtonPress-1>", **where)
    bars.event_generate("<ButtonRelease-1>", **where)
    bars.update()


def test_pressing_the_right_digit_teaches_it_and_the_bars_show_the_new_reading(app, folder):
    draw(app, SLASHED_ZERO)
    assert guess(app) != "0"
    press(app.root, "<KeyPress-0>")
    assert guess(app) == "0" and app.prediction.from_examples
    assert max(app.reading.shown_percentages(), key=lambda text: float(text.rstrip("%"))) == \
        app.reading.shown_percentages()[0]
    assert app.status.text() == "Learned: that was a 0 (1 example of a 0, 1 in all). Undo (Ctrl+Z) takes it back."
    assert saved(folder) == ["0"]


def test_the_same_lesson_twice_keeps_the_drawing_once(app, folder):
    draw(app, SLASHED_ZERO)
    press(app.root, "<KeyPress-0>")
    press(app.root, "<KeyPress-0>")
    assert saved(folder) == ["0"]
    assert app.status.text() == "Already learned: that was a 0 (1 example of a 0, 1 in all)."


def test_clicking_a_digits_row_in_the_bars_teaches_that_digit(app, folder):
    draw(app, SLASHED_ZERO)
    click_row(app, 0)
    assert guess(app) == "0" and saved(folder) == ["0"]
    press(app.root, "<Escape>")
    draw(app, SLASHED_ZERO)  # drawn again: read as taught from the start
    assert guess(app) == "0"
    assert app.reading.confidence.cget("text").endswith("sure\nas you taught")  # not the network's reading


def test_the_status_bar_says_what_a_click_on_a_row_would_do_and_then_what_it_did(app, folder):
    draw(app, SLASHED_ZERO)
    bars = app.reading.bars
    row_of_zero = {"x": int(bars.cget("width")) // 2, "y": int(0.5 * int(bars.cget("height")) / 10)}
    row_of_eight = dict(row_of_zero, y=int(8.5 * int(bars.cget("height")) / 10))
    bars.event_generate("<Motion>", **row_of_eight)
    bars.update()
    assert app.status.text() == "Click to teach the app that the digit shown is an 8 (or press 8)."
    bars.event_generate("<Leave>", x=0, y=0)
    bars.update()
    assert "Click to teach" not in app.status.text() and saved(folder) == []
    bars.event_generate("<Motion>", **row_of_zero)
    click_row(app, 0)
    assert app.status.text().startswith("Learned: that was a 0") and saved(folder) == ["0"]


def test_the_keypad_digits_teach_too(app, folder):
    draw(app, SLASHED_ZERO)
    app.root.focus_force()
    app.root.event_generate("<KeyPress-KP_0>", state=NUM_LOCK)
    app.root.update()
    assert guess(app) == "0" and saved(folder) == ["0"]


def test_teaching_a_one_with_a_long_flag_leaves_an_ordinary_seven_a_sure_seven(app, folder):
    draw(app, SEVEN)
    seven_before = app.prediction.probabilities
    press(app.root, "<Escape>")
    draw(app, LONG_FLAGGED_ONE)
    assert guess(app) == "7"
    press(app.root, "<KeyPress-1>")
    press(app.root, "<Escape>")
    draw(app, [line((95, 96), (204, 82)) + line((204, 82), (198, 338))[1:]])  # the writer's next 1
    assert guess(app) == "1" and app.prediction.from_examples
    press(app.root, "<Escape>")
    draw(app, SEVEN)
    assert guess(app) == "7" and not app.prediction.unsure and not app.prediction.from_examples
    assert app.prediction.probabilities[7] == pytest.approx(seven_before[7], abs=0.01)


def test_a_lesson_against_an_earlier_one_says_so(app, folder):
    """A trial taught a flagged 1 as 1, then the same shape, read "1, as you taught", as 7."""
    draw(app, LONG_FLAGGED_ONE)
    press(app.root, "<KeyPress-1>")
    assert "taught one like it" not in app.status.text()
    press(app.root, "<Escape>")
    draw(app, LONG_FLAGGED_ONE)
    assert guess(app) == "1" and app.prediction.from_examples
    press(app.root, "<KeyPress-7>")
    assert "You had taught one like it as a 1: Your examples (Teach menu) shows both." in app.status.text()
    assert sorted(saved(folder)) == ["1", "7"]


def test_undo_takes_the_lesson_back_first_and_then_the_strokes(app, folder):
    draw(app, SLASHED_ZERO)
    bare = guess(app)
    press(app.root, "<KeyPress-0>")
    press(app.root, "<Control-z>")
    assert guess(app) == bare != "0" and saved(folder) == []
    assert app.status.text() == "Took back the lesson: not a 0 after all (0 examples of a 0, 0 in all)."
    press(app.root, "<Control-z>")
    assert len(app.drawing.visible_strokes()) == 1


def test_after_drawing_on_undo_is_about_the_drawing_again(app, folder):
    draw(app, SLASHED_ZERO)
    press(app.root, "<KeyPress-0>")
    draw(app, UPRIGHT)
    press(app.root, "<Control-z>")
    assert len(app.drawing.visible_strokes()) == 2 and saved(folder) == ["0"]


def test_a_digit_key_pressed_by_mistake_is_taken_back_from_the_teach_menu_later(app, folder):
    menu = app.teaching.menu
    item = app.teaching._last_lesson_item
    assert menu.entrycget(item, "state") == "disabled"
    draw(app, SLASHED_ZERO)
    press(app.root, "<KeyPress-8>")
    press(app.root, "<Escape>")  # the drawing changed: Undo is about the drawing now
    assert menu.entrycget(item, "label") == "Take back the last lesson (that was an 8)"
    menu.invoke(item)
    assert saved(folder) == [] and menu.entrycget(item, "state") == "disabled"
    assert app.status.text() == "Took back the lesson: not an 8 after all (0 examples of an 8, 0 in all)."
    assert menu.entrycget(8, "label") == "That was an 8  (0 examples of yours)"


def test_lessons_survive_a_restart(folder, request):
    import tkinter

    first_root = tkinter.Tk()
    try:
        first = open_app(first_root, folder)
        draw(first, SLASHED_ZERO)
        press(first_root, "<KeyPress-0>")
    finally:
        first_root.destroy()
    again = open_app(request.getfixturevalue("tk_root"), folder)
    assert again.teaching.menu.entrycget(0, "label") == "That was a 0  (1 example of yours)"
    draw(again, SLASHED_ZERO)
    assert guess(again) == "0" and again.prediction.from_examples


def test_in_number_mode_the_digit_shown_in_the_panels_is_taught(app, folder):
    press(app.root, "<Control-n>")
    pump(app.root, 0.4)
    scale = app.canvas.winfo_height() / 400
    one = line((90, 110), (90, 270))
    ring = [(260 + 45 * math.sin(t), 190 - 80 * math.cos(t)) for t in np.linspace(0, 2 * math.pi, 40)]
    slash = line((320, 90), (200, 290))
    for points in (one, ring, slash):
        stroke(app.canvas, [(x * scale, y * scale) for x, y in points])
    pump(app.root, 0.1)
    assert app.number.text == "18"
    press(app.root, "<KeyPress-0>")
    assert app.number.text == "10" and app.number_line.number.cget("text") == "10"
    assert saved(folder) == ["0"]
    press(app.root, "<Control-n>")  # back to one digit: the lesson's note was about the number's digit
    assert not app.status.text().startswith("Learned")
    press(app.root, "<Control-z>")  # and Undo is about the drawing again
    assert saved(folder) == ["0"] and len(app.drawing.visible_strokes()) == 2


def test_teaching_with_nothing_drawn_says_to_draw_first(app, folder):
    press(app.root, "<KeyPress-4>")
    assert app.status.text().startswith("Nothing to teach yet: draw a digit") and saved(folder) == []


def test_two_digits_side_by_side_are_not_taught_as_one(app, folder):
    """Taught as a 3, a 12 made other two-digit drawings (a 17) read as a sure 3."""
    one = line((70, 120), (70, 290))
    corners = [(170, 150), (215, 115), (265, 150), (170, 290), (280, 290)]
    two = [point for start, end in zip(corners, corners[1:]) for point in line(start, end)]
    draw(app, [one, two])
    assert app.digits_seen == 2
    press(app.root, "<KeyPress-3>")
    assert app.status.text().startswith("Not learned: 2 digits side by side.")
    assert saved(folder) == [] and not app.prediction.from_examples


@pytest.mark.parametrize("pen", [6, 18])
def test_a_dot_is_not_taught(app, folder, pen):
    """A click leaves a dot: "just a dot" with the usual pen; with a thin one "not like any
    digit", its 28x28 too blocky for preprocessing's blob test, and taught before."""
    app.pen_width.set(pen)
    side = app.canvas.winfo_width()
    app.canvas.event_generate("<ButtonPress-1>", x=side // 2, y=side // 2)
    app.canvas.event_generate("<ButtonRelease-1>", x=side // 2, y=side // 2)
    pump(app.root, 0.1)
    assert app.prediction.no_digit
    press(app.root, "<KeyPress-0>")
    assert app.status.text().startswith("Not learned: a dot is no digit.") and saved(folder) == []


def test_the_menu_counts_examples_per_digit(app):
    for keys in (("0",), ("0", "4")):  # two drawings: one drawing is kept once for each digit
        press(app.root, "<Escape>")
        draw(app, SLASHED_ZERO)
        for key in keys:
            press(app.root, f"<KeyPress-{key}>")
    labels = [app.teaching.menu.entrycget(digit, "label") for digit in range(10)]
    assert labels[0] == "That was a 0  (2 examples of yours)"
    assert labels[4] == "That was a 4  (1 example of yours)"
    assert labels[7] == "That was a 7  (0 examples of yours)"


def test_a_slip_is_found_and_forgotten_in_your_examples_and_ctrl_z_brings_it_back(app, folder):
    draw(app, SLASHED_ZERO)
    bare = guess(app)
    press(app.root, "<KeyPress-8>")  # the slip: a zero taught as an 8
    press(app.root, "<Escape>")
    app.teaching.menu.invoke("Your examples…")
    window = app.teaching.window
    pump(app.root, 0.1)
    assert [example.digit for example in window.examples] == [8] and window.selected.digit == 8
    window.forget_button.invoke()
    assert saved(folder) == [] and window.examples == [] and window.forget_button.instate(["disabled"])
    assert app.status.text() == "Forgot an example of an 8 (0 examples of an 8, 0 in all)."
    assert app.teaching.menu.entrycget(8, "label") == "That was an 8  (0 examples of yours)"
    press(window, "<Control-z>")
    assert saved(folder) == ["8"] and [example.digit for example in window.examples] == [8]
    assert app.status.text() == "Brought back an example of an 8 (1 example of an 8, 1 in all)."
    assert app.teaching.menu.entrycget(app.teaching._last_lesson_item, "state") == "disabled"  # no lesson given
    window.forget_button.invoke()
    press(app.root, "<Control-z>")  # Undo: the clearing, so the slashed zero is read again, by the model alone
    assert guess(app) == bare
    press(app.root, "<KeyPress-0>")  # a lesson given while the window is open shows in it at once
    assert [example.digit for example in window.examples] == [0]
    app.teaching.menu.invoke("Your examples…")  # asked again: the same window, brought forward
    assert app.teaching.window is window


def test_a_picture_of_yours_forgotten_in_your_examples_comes_back_as_it_was(tk_root, folder, monkeypatch):
    mine = folder / "3" / "my three.jpg"
    mine.parent.mkdir(parents=True)
    Image.open(ROOT / "sample_digit" / "3_blue_on_cream.png").convert("RGB").save(mine)
    made = mine.read_bytes()
    app = open_app(tk_root, folder)
    app.teaching.menu.invoke("Your examples…")
    window = app.teaching.window
    assert window.about.cget("text") == "This 3 was added as my three.jpg."
    press(window, "<Delete>")
    assert not mine.exists()
    press(window, "<Control-z>")
    assert mine.read_bytes() == made and len(app.teaching.examples) == 1
    assert window.about.cget("text") == "This 3 was added as my three.jpg."
    press(window, "<Delete>")
    press(window, "<Control-z>")
    assert window.about.cget("text") == "This 3 was added as my three.jpg."
    monkeypatch.setattr(teaching.messagebox, "askyesno", lambda title, message, **options: True)
    app.teaching.menu.invoke("Forget all examples…")  # "cannot be undone": nor in the window
    press(window, "<Control-z>")
    assert not mine.exists() and "Ctrl+Z" not in window.about.cget("text")


def test_an_example_whose_file_was_deleted_meanwhile_is_still_forgotten_and_comes_back(app, folder):
    draw(app, SLASHED_ZERO)
    press(app.root, "<KeyPress-0>")
    app.teaching.menu.invoke("Your examples…")
    window = app.teaching.window
    taught = window.selected.path
    taught.unlink()  # in the examples' folder, by hand
    press(window, "<Delete>")
    assert app.teaching.examples.examples == [] and window.examples == []
    press(window, "<Control-z>")
    with Image.open(taught) as back:  # the 28x28 the network saw, written back
        assert back.size == (28, 28) and len(app.teaching.examples) == 1


def test_open_folder_shows_the_examples_folder(app, folder, monkeypatch):
    opened = []
    monkeypatch.setattr(teaching, "open_in_file_manager", opened.append)
    app.teaching.menu.invoke("Open the examples' folder")
    assert opened == [folder] and folder.is_dir()


def test_without_a_file_manager_open_folder_says_where_the_examples_are(app, folder, monkeypatch):
    def no_file_manager(path):
        raise FileNotFoundError(2, "No such file or directory", "xdg-open")

    told = []
    monkeypatch.setattr(teaching, "open_in_file_manager", no_file_manager)
    monkeypatch.setattr(teaching.dialogs, "show_info", lambda parent, message: told.append(message))
    monkeypatch.setattr(teaching.dialogs, "show_error", lambda parent, message: told.append(f"error: {message}"))
    app.teaching.menu.invoke("Open the examples' folder")
    assert told == [f"No file manager could be started to show it.\n\nYour examples are in the folder\n{folder}"]


def test_forget_all_asks_first_and_only_then_forgets(app, folder, monkeypatch):
    draw(app, SLASHED_ZERO)
    bare = guess(app)
    press(app.root, "<KeyPress-0>")
    questions = []
    monkeypatch.setattr(teaching.messagebox, "askyesno", lambda title, message, **options: questions.append(message))
    app.teaching.menu.invoke("Forget all examples…")
    assert questions[0].startswith("Forget your one example?") and saved(folder) == ["0"]

    monkeypatch.setattr(teaching.messagebox, "askyesno", lambda title, message, **options: True)
    app.teaching.menu.invoke("Forget all examples…")
    assert saved(folder) == [] and guess(app) == bare != "0"
    assert app.status.text() == "Forgot 1 example of yours: the model alone reads your drawings again."


def test_the_app_started_as_users_start_it_reads_with_their_examples_folder(tmp_path):
    ExamplesFolder(tmp_path / "examples").add(np.eye(28, dtype=np.float32), 1)
    process = subprocess.Popen([sys.executable, "-m", "draw_app", "--log-level", "INFO"], cwd=ROOT,
                               env={**os.environ, DATA_FOLDER_VARIABLE: str(tmp_path)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(60, process.kill)
    watchdog.start()
    try:
        lines = iter(process.stderr.readline, "")
        said = next((line.strip() for line in lines if "of yours" in line), None)
    finally:
        watchdog.cancel()
        process.kill()
        process.wait()
    assert said == f"1 example of yours in {tmp_path / 'examples'}"


def test_a_model_that_cannot_learn_says_so_and_keeps_nothing(tk_root, tmp_path):
    from hostile_models import write_model

    model = write_model("float", tmp_path)  # a model with only its probabilities as output
    app = DigitApp(tk_root, lambda: Predictor(model, examples=tmp_path / "examples"))
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not app.is_ready():
        pump(tk_root, 0.02)
    draw(app, UPRIGHT)
    press(tk_root, "<KeyPress-7>")
    assert app.status.text() == "This model cannot learn from examples (it has no conv2 output)."
    assert not (tmp_path / "examples").exists()
    assert app.teaching.menu.entrycget(7, "state") == "disabled"
