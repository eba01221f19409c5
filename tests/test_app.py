"""The drawing window, driven like a person would: press, drag, release, keys.

These run a real Tk window under the Xvfb that pytest-xvfb starts, with the shipped
model, and check what the window shows.
"""

import logging
import math
import time

import numpy as np
import pytest
from conftest import ROOT, run_python

from draw_app.app import DigitApp
from draw_app.predictor import Predictor


def pump(root, seconds=0.1):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        root.update()
        time.sleep(0.005)


def open_app(root, model=None):
    app = DigitApp(root, lambda: Predictor(model), "test model")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and app.predictor is None and "No model" not in app.status.cget("text"):
        pump(root, 0.02)
    return app


@pytest.fixture
def app(tk_root):
    app = open_app(tk_root)
    assert app.is_ready()
    return app


def line(start, end, steps=12):
    return [(start[0] + (end[0] - start[0]) * i / steps, start[1] + (end[1] - start[1]) * i / steps)
            for i in range(steps + 1)]


def stroke(app, points, release=True):
    canvas = app.canvas
    canvas.event_generate("<ButtonPress-1>", x=round(points[0][0]), y=round(points[0][1]))
    for x, y in points[1:]:
        canvas.event_generate("<B1-Motion>", x=round(x), y=round(y))
        app.root.update()
    if release:
        canvas.event_generate("<ButtonRelease-1>", x=round(points[-1][0]), y=round(points[-1][1]))
    app.root.update()


ONE = [line((200, 70), (200, 330))]
SEVEN_BAR, SEVEN_LEG = line((120, 90), (290, 90)), line((290, 90), (170, 330))
SEVEN = [SEVEN_BAR + SEVEN_LEG[1:]]
ZERO = [[(200 + 85 * math.sin(t), 200 - 125 * math.cos(t)) for t in np.linspace(0, 2 * math.pi, 40)]]


def shown_percentages(app):
    texts = [app.bars.itemcget(item, "text") for item in app.bars.find_all() if app.bars.type(item) == "text"]
    return [float(text.rstrip("%")) for text in texts if text.endswith("%")]


@pytest.mark.parametrize("strokes, digit", [(ONE, "1"), (SEVEN, "7"), (ZERO, "0")], ids=["one", "seven", "zero"])
def test_drawn_digit_is_read_and_bars_sum_to_100(app, strokes, digit):
    for points in strokes:
        stroke(app, points)
    assert app.guess.cget("text") == digit
    percentages = shown_percentages(app)
    assert len(percentages) == 10
    assert sum(percentages) == pytest.approx(100, abs=0.6)
    assert max(percentages) == percentages[int(digit)]


def test_guess_updates_while_the_stroke_is_still_being_drawn(app):
    stroke(app, SEVEN[0], release=False)
    pump(app.root, 0.2)
    assert app.guess.cget("text") in {"7", "7?"}
    app.canvas.event_generate("<ButtonRelease-1>", x=170, y=330)


def test_undo_restores_the_previous_guess(app):
    stroke(app, SEVEN_LEG)
    first = app.guess.cget("text")
    stroke(app, SEVEN_BAR)
    assert app.guess.cget("text") == "7"
    app.root.event_generate("<Control-z>")
    app.root.update()
    assert app.guess.cget("text") == first
    assert len(app.drawing.steps) == 1


def test_escape_clears_canvas_image_and_bars(app):
    stroke(app, SEVEN[0])
    app.root.event_generate("<Escape>")
    app.root.update()
    assert app.canvas.find_all() == ()
    assert app.drawing.is_empty() and (app.drawing.to_array() == 255).all()
    assert shown_percentages(app) == []
    assert app.guess.cget("text") == "?"
    assert "Draw a digit" in app.confidence.cget("text")


def test_canvas_and_model_image_match(app):
    stroke(app, SEVEN[0])
    image = app.drawing.to_array()
    assert image.shape == (app.canvas.winfo_height(), app.canvas.winfo_width())
    assert image[90, 200] == 0 and image[300, 50] == 255


def test_ctrl_s_writes_a_png_that_predict_py_reads_the_same(app, tmp_path, monkeypatch):
    target = tmp_path / "my seven.png"
    asked = {}

    def ask(**options):
        asked.update(options)
        return str(target)

    monkeypatch.setattr("draw_app.app.filedialog.asksaveasfilename", ask)
    stroke(app, SEVEN[0])
    app.root.event_generate("<Control-s>")
    app.root.update()
    assert asked["confirmoverwrite"] is True
    assert target.is_file() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    result = run_python(ROOT / "predict.py", target)
    assert result.stdout.startswith(f"{target}: 7 (")


def test_opening_a_broken_file_shows_an_error_and_keeps_the_drawing(app, tmp_path, monkeypatch):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n this is not really a PNG")
    errors = []
    monkeypatch.setattr("draw_app.app.filedialog.askopenfilename", lambda **options: str(broken))
    monkeypatch.setattr("draw_app.app.messagebox.showerror", lambda title, message, **o: errors.append(message))
    stroke(app, SEVEN[0])
    before = app.drawing.to_array().copy()
    app.root.event_generate("<Control-o>")
    app.root.update()
    assert len(errors) == 1 and "broken.png" in errors[0]
    assert np.array_equal(app.drawing.to_array(), before)
    assert app.guess.cget("text") == "7"


def test_opening_an_image_reads_it_and_undo_brings_the_drawing_back(app, monkeypatch):
    sample = ROOT / "sample_digit" / "3_blue_on_cream.png"
    monkeypatch.setattr("draw_app.app.filedialog.askopenfilename", lambda **options: str(sample))
    stroke(app, SEVEN[0])
    app.root.event_generate("<Control-o>")
    app.root.update()
    assert app.guess.cget("text") == "3"
    app.root.event_generate("<Control-z>")
    app.root.update()
    assert app.guess.cget("text") == "7"


def test_missing_model_still_opens_the_window_and_says_how_to_train(tk_root, tmp_path):
    app = open_app(tk_root, tmp_path / "nowhere.tflite")
    status = app.status.cget("text")
    assert not app.is_ready()
    assert "not found" in status and "training/cnn.py" in status
    stroke(app, SEVEN[0])
    assert app.guess.cget("text") == "?"


def test_each_new_prediction_is_logged(app, caplog):
    with caplog.at_level(logging.INFO, logger="draw_app"):
        stroke(app, SEVEN[0])
    messages = [record.getMessage() for record in caplog.records]
    assert messages and messages[-1].startswith("prediction: 7 (") and messages[-1].endswith("%)")


def test_unsure_guess_is_marked(app):
    class Unsure:
        digit, confidence = 4, 0.45
        probabilities = (0, 0, 0, 0, 0.45, 0, 0, 0, 0, 0.55 - 1e-9)
        model_input = np.zeros((28, 28), np.float32)

    app.show_prediction(Unsure())
    assert app.guess.cget("text") == "4?"
    assert "Not sure" in app.confidence.cget("text")


def test_canvas_stays_square_and_grows_with_the_window(app):
    app.root.geometry("1100x900")
    pump(app.root, 0.3)
    width, height = app.canvas.winfo_width(), app.canvas.winfo_height()
    assert width == height and width > 420
    assert app.drawing.size == (width, height)
    stroke(app, SEVEN[0])
    assert app.guess.cget("text") == "7"


def test_app_module_does_not_import_tensorflow():
    result = run_python("-c", "import sys, draw_app.app, draw_app.__main__; "
                              "print('tensorflow' in sys.modules or 'keras' in sys.modules)")
    assert result.stdout.strip() == "False"


def test_self_test_reads_every_sample_and_passes():
    result = run_python("-m", "draw_app", "--self-test")
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("self-test: ") and "sample digits read correctly" in lines[-1]
    assert all(line.startswith("ok ") for line in lines[:-1])
    assert result.stderr == ""
