"""The whole window, driven like a person would: press, drag, release, keys, resizing.

These run a real Tk window under the Xvfb that pytest-xvfb starts, with the shipped
model, and check what the window shows. Each panel has its own tests beside these.
"""

import logging
import math
import shutil
import subprocess
import time

import numpy as np
import pytest
from conftest import ROOT, cannot_run, run_python
from gui import line, number_strokes, press, pump, scaled, shown_picture, stroke
from pictures import in_a_drawing_program
from PIL import Image

from draw_app.app import DigitApp
from draw_app.dialogs import ask_where_to_save, pictures_folder
from draw_app.images import read_image
from draw_app.predictor import ModelError, Predictor


def open_app(root, model=None):
    app = DigitApp(root, lambda: Predictor(model))
    root.geometry("+0+0")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and app.predictor is None and app.model_error is None:
        pump(root, 0.02)
    pump(root, 0.1)
    return app


@pytest.fixture
def app(tk_root):
    app = open_app(tk_root)
    assert app.is_ready()
    return app


def draw(app, strokes, release=True):
    """Strokes drawn for a 400-pixel paper, drawn at the same place on the paper as it is now."""
    side = app.canvas.winfo_width()
    for points in strokes:
        stroke(app.canvas, scaled(points, side), release)


ONE = [line((200, 70), (200, 330))]
SEVEN_BAR, SEVEN_LEG = line((120, 90), (290, 90)), line((290, 90), (170, 330))
SEVEN = [SEVEN_BAR + SEVEN_LEG[1:]]
ZERO = [[(200 + 85 * math.sin(t), 200 - 125 * math.cos(t)) for t in np.linspace(0, 2 * math.pi, 40)]]


def guess(app):
    return app.reading.guess.cget("text")


@pytest.mark.parametrize("strokes, digit", [(ONE, "1"), (SEVEN, "7"), (ZERO, "0")], ids=["one", "seven", "zero"])
def test_drawn_digit_is_read_and_bars_sum_to_100(app, strokes, digit):
    draw(app, strokes)
    assert guess(app) == digit
    percentages = [float(text.rstrip("%")) for text in app.reading.shown_percentages()]
    assert sum(percentages) == pytest.approx(100, abs=0.6)
    assert max(percentages) == percentages[int(digit)]


def test_guess_updates_while_the_stroke_is_still_being_drawn(app):
    draw(app, SEVEN, release=False)
    pump(app.root, 0.2)
    assert guess(app) in {"7", "7?"}


def test_undo_restores_the_previous_guess(app):
    draw(app, [SEVEN_LEG])
    first = guess(app)
    draw(app, [SEVEN_BAR])
    assert guess(app) == "7"
    press(app.root, "<Control-z>")
    assert guess(app) == first and len(app.drawing.steps) == 1


def test_escape_clears_paper_bars_and_guess(app):
    draw(app, SEVEN)
    press(app.root, "<Escape>")
    assert app.drawing.is_empty() and (shown_picture(app.canvas) == 255).all()
    assert app.reading.shown_percentages() == ["–"] * 10
    assert guess(app) == "?" and "Draw a digit" in app.reading.confidence.cget("text")
    assert "Undo (Ctrl+Z) brings the drawing back" in app.status.text()


def test_undo_with_nothing_to_undo_says_so(app):
    press(app.root, "<Control-z>")
    assert app.status.text() == "Nothing to undo."
    draw(app, SEVEN)
    assert app.status.text() != "Nothing to undo."


def test_clearing_with_the_button_still_down_ends_the_stroke(app, monkeypatch):
    errors = []
    monkeypatch.setattr(app.root, "report_callback_exception", lambda *error: errors.append(error))
    side = app.canvas.winfo_width()
    app.canvas.event_generate("<ButtonPress-1>", x=side // 2, y=side // 4)
    app.canvas.event_generate("<B1-Motion>", x=side // 2, y=side // 2)
    press(app.root, "<Escape>")
    app.canvas.event_generate("<B1-Motion>", x=side // 2, y=3 * side // 4)
    app.canvas.event_generate("<ButtonRelease-1>", x=side // 2, y=3 * side // 4)
    app.root.update()
    assert errors == [] and app.drawing.is_empty()


def test_redo_by_ctrl_y_or_ctrl_shift_z_brings_back_an_undone_stroke(app):
    """From a trial: Ctrl+Shift+Z, Redo in many programs, took back one more stroke."""
    draw(app, [SEVEN_LEG])
    draw(app, [SEVEN_BAR])
    press(app.root, "<Control-z>")
    press(app.root, "<Control-Shift-Z>")
    assert guess(app) == "7" and len(app.drawing.steps) == 2
    press(app.root, "<Control-z>")
    press(app.root, "<Control-y>")
    assert guess(app) == "7" and len(app.drawing.steps) == 2
    press(app.root, "<Control-y>")
    assert app.status.text() == "Nothing to redo."


def test_undo_after_clear_brings_the_drawing_back(app):
    draw(app, SEVEN)
    drawn = shown_picture(app.canvas).copy()
    press(app.root, "<Escape>")
    press(app.root, "<Control-z>")
    assert guess(app) == "7" and np.array_equal(shown_picture(app.canvas), drawn)


@pytest.mark.parametrize("size", ["640x480", "1400x1000"], ids=["smaller", "larger"])
def test_after_a_resize_the_model_reads_what_the_paper_shows(app, size):
    draw(app, SEVEN)
    before = app.canvas.winfo_width()
    app.root.geometry(size)
    pump(app.root, 0.5)
    side = app.canvas.winfo_width()
    assert side != before and app.drawing.size == (side, side)
    assert np.array_equal(shown_picture(app.canvas)[..., 0], app.drawing.to_array())
    assert guess(app) == "7"
    assert app.prediction is not None and np.array_equal(
        app.prediction.model_input, app.predictor.predict(app.drawing.to_array()).model_input)


def assert_nothing_cut_off(app):
    width, height = app.root.winfo_width(), app.root.winfo_height()
    widgets = [app.canvas, app.reading.view, app.reading.bars, *app.toolbar.winfo_children(), app.status.label]
    if app.toggles["network"].get():
        widgets += [*app.network.pictures.values(), app.network.filter_caption]
    if app.toggles["number_mode"].get():
        widgets += app.number_line.winfo_children()
    for widget in widgets:
        x, y = widget.winfo_rootx() - app.root.winfo_rootx(), widget.winfo_rooty() - app.root.winfo_rooty()
        assert x + widget.winfo_width() <= width and y + widget.winfo_height() <= height, widget
        assert widget.winfo_width() >= widget.winfo_reqwidth() and widget.winfo_height() >= widget.winfo_reqheight()


@pytest.mark.parametrize("network, number_mode, size", [(False, False, "640x480"), (True, False, "1000x480"),
                                                         (True, True, "1100x480")],
                         ids=["reading", "with network panel", "number mode with network panel"])
def test_at_the_smallest_window_nothing_is_cut_off(app, network, number_mode, size):
    if number_mode:
        press(app.root, "<Control-n>")
    if network:
        press(app.root, "<Control-i>")
    app.root.geometry(size)
    pump(app.root, 0.5)
    assert (app.root.winfo_width(), app.root.winfo_height()) == tuple(map(int, size.split("x")))
    draw(app, SEVEN)
    app.network.select("conv2", 0)  # the longer caption under the filter
    assert_nothing_cut_off(app)


def test_on_a_1024_pixel_screen_number_mode_with_the_network_panel_fits_it(app, monkeypatch):
    """From a trial: the window asked for 1100 pixels on a 1024 screen (a classroom projector),
    and the toolbar's pen and the filter's caption were cut off."""
    monkeypatch.setattr(app.root, "winfo_screenwidth", lambda: 1024)
    app.root.geometry("1024x700")
    press(app.root, "<Control-n>")
    press(app.root, "<Control-i>")
    pump(app.root, 0.8)
    assert app.root.winfo_width() <= 1024 and app.root.minsize()[0] <= 1024
    draw(app, SEVEN)
    app.network.select("conv2", 0)
    assert_nothing_cut_off(app)
    paper_right = app.canvas.winfo_rootx() + app.canvas.winfo_width()
    assert paper_right <= app.reading.winfo_rootx()  # the paper whole, beside the panels


@pytest.mark.parametrize("size", ["861x900", "700x900", "862x900", "640x480"])
def test_the_papers_edge_is_whole_when_the_paper_fills_its_room(app, size):
    """The paper is centred by whole pixels: when it filled a room an odd number of pixels
    wide, centring it rounded half a pixel the wrong way and its right edge was cut off."""
    app.root.geometry(size)
    pump(app.root, 0.5)
    paper, canvas = app.paper, app.canvas
    edge = 1  # the paper's grey edge round the canvas
    assert canvas.winfo_rootx() - edge >= paper.winfo_rootx()
    assert canvas.winfo_rootx() + canvas.winfo_width() + edge <= paper.winfo_rootx() + paper.winfo_width()
    assert canvas.winfo_rootx() - paper.winfo_rootx() - edge == paper.left_margin()


@pytest.mark.parametrize("number_mode", [False, True], ids=["digit", "number"])
def test_a_tall_window_no_wider_than_the_screen_keeps_the_paper_beside_the_network_panel(app, number_mode):
    """A maximised window on a screen 1280 wide: the panels grown to its height took all its width."""
    from draw_app.app import SMALLEST_PAPER

    if number_mode:
        press(app.root, "<Control-n>")
    press(app.root, "<Control-i>")
    app.root.geometry("1280x900")
    pump(app.root, 0.5)
    assert app.canvas.winfo_width() >= SMALLEST_PAPER[number_mode] - 2 - 20  # its border; and the steps of scale
    assert_nothing_cut_off(app)
    if number_mode:  # the number above the paper is set at the panels' scale, not at the height's
        assert int(app.number_line.number_font.cget("size")) == max(18, round(36 * app.reading.scale))
    squeezed = app.network.winfo_width(), app.canvas.winfo_width()
    app.root.geometry("1800x1000")  # with room to spare, the paper grows first, and the panels never shrink
    pump(app.root, 0.5)
    assert app.network.winfo_width() >= squeezed[0] and app.canvas.winfo_width() > max(squeezed[1], 480)


def test_a_taller_window_never_makes_the_paper_smaller(app):
    """From a trial: at 861 pixels wide, the paper was 514 pixels at 676 tall and 373 at 950,
    the bars grown with the height having taken its width, and empty room under it."""
    widths = []
    for size in ["861x676", "861x950"]:
        app.root.geometry(size)
        pump(app.root, 0.5)
        widths.append(app.canvas.winfo_width())
        assert_nothing_cut_off(app)
    assert widths[1] >= widths[0] >= 500


def test_in_number_mode_a_taller_window_keeps_the_paper_as_wide(number_app):
    """The panels grew with the height and took the wide paper's width: 960, 860 and 768
    pixels wide at these heights, with empty room under it. Now they grow only to their
    size at scale 1 (from a height-limited smaller scale at the shortest)."""
    widths = []
    for size in ["1280x600", "1280x800", "1280x1000"]:
        number_app.root.geometry(size)
        pump(number_app.root, 0.5)
        widths.append(number_app.canvas.winfo_width())
        assert_nothing_cut_off(number_app)
    assert widths[1] == widths[2] >= 0.95 * widths[0]


def number_mode_made_taller(app, taller):
    """Number mode on, the window made ``taller`` pixels taller, number mode off."""
    press(app.root, "<Control-n>")
    pump(app.root, 0.4)
    app.root.geometry(f"{app.root.winfo_width()}x{app.root.winfo_height() + taller}")
    pump(app.root, 0.5)
    press(app.root, "<Control-n>")
    pump(app.root, 0.5)


def test_leaving_number_mode_after_making_the_window_taller_gives_a_square_paper_as_tall(app, monkeypatch):
    """The window went back to its width from before number mode: 861 wide and 868 tall, the
    paper as small as before with an empty band under it."""
    monkeypatch.setattr(app.root, "winfo_screenwidth", lambda: 1400)
    width, paper = app.root.winfo_width(), app.canvas.winfo_height()
    number_mode_made_taller(app, 150)
    assert app.root.winfo_width() == width + 150
    assert app.canvas.winfo_height() >= paper + 140 and app.canvas.winfo_width() == app.canvas.winfo_height()
    assert_nothing_cut_off(app)


def test_a_window_made_taller_in_number_mode_on_a_small_screen_keeps_the_width_chosen_after(app, monkeypatch):
    """Leaving number mode widened the width the person chose past the screen: narrowed to 700
    afterwards, the window came back 780 wide once the network panel was shown and hidden."""
    monkeypatch.setattr(app.root, "winfo_screenwidth", lambda: 800)
    number_mode_made_taller(app, 80)
    app.root.geometry(f"700x{app.root.winfo_height()}")
    pump(app.root, 0.4)
    for _ in range(2):
        press(app.root, "<Control-i>")
        pump(app.root, 0.4)
    assert app.root.winfo_width() == 700


def test_a_larger_window_gets_larger_bars_and_28x28(app):
    view, bars = app.reading.view.winfo_width(), app.reading.bars.winfo_height()
    app.root.geometry("1500x1000")
    pump(app.root, 0.5)
    assert app.reading.view.winfo_width() > view and app.reading.bars.winfo_height() > bars


def test_ctrl_s_writes_a_png_that_predict_py_reads_the_same(app, tmp_path, monkeypatch):
    target = tmp_path / "my seven.png"
    asked = {}

    def ask(**options):
        asked.update(options)
        return str(target)

    monkeypatch.setattr("draw_app.dialogs.filedialog.asksaveasfilename", ask)
    draw(app, SEVEN)
    press(app.root, "<Control-s>")
    assert asked["confirmoverwrite"] is True and asked["initialfile"] == "digit_7.png"
    assert asked["initialdir"] == str(pictures_folder())  # the person's pictures, not the app's samples
    assert target.is_file() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert app.status.text() == f"Saved {target}"
    result = run_python(ROOT / "predict.py", target)
    assert result.stdout.startswith(f"{target}: 7 (")
    draw(app, [line((50, 350), (60, 350))])
    assert "Saved" not in app.status.text()  # no longer true: the drawing changed
    press(app.root, "<Control-s>")
    assert asked["initialdir"] == str(tmp_path)  # the next is offered where the last went


def test_a_name_ending_in_jpg_is_saved_as_a_jpeg(app, tmp_path, monkeypatch):
    """A .jpg holding PNG data is refused by some programs."""
    target = tmp_path / "mydigit.jpg"
    monkeypatch.setattr("draw_app.dialogs.filedialog.asksaveasfilename", lambda **options: str(target))
    draw(app, SEVEN)
    press(app.root, "<Control-s>")
    with Image.open(target) as saved:
        assert saved.format == "JPEG" and saved.size == app.drawing.image.size
    assert run_python(ROOT / "predict.py", target).stdout.startswith(f"{target}: 7 (")


class QuitWatcher:
    """Answers the question asked on quitting as told, and records what was asked and whether the window closed."""

    def __init__(self, app, monkeypatch, answer):
        self.asked, self.closed = [], False
        monkeypatch.setattr("draw_app.dialogs.messagebox.askyesnocancel",
                            lambda title, message, **options: self.asked.append(message) or answer)
        monkeypatch.setattr(app.root, "destroy", lambda: setattr(self, "closed", True))


def test_quitting_with_a_drawing_never_saved_asks_and_cancel_keeps_the_window(app, monkeypatch):
    draw(app, SEVEN)
    quitting = QuitWatcher(app, monkeypatch, answer=None)
    press(app.root, "<Control-q>")
    assert quitting.asked == ["Save your drawing before quitting?"] and not quitting.closed
    assert guess(app) == "7"
    app.root.tk.call(app.root.protocol("WM_DELETE_WINDOW"))  # the title bar's close button asks too
    assert len(quitting.asked) == 2 and not quitting.closed
    draw(app, ONE, release=False)  # Ctrl+Q with the button down: the dialog takes the release
    press(app.root, "<Control-q>")
    assert len(quitting.asked) == 3 and not app.paper.drawing_stroke
    assert app.status.text().startswith("2 strokes.")  # the stroke ended, and was counted and read


def test_answering_no_on_quitting_closes_without_saving(app, tmp_path, monkeypatch):
    monkeypatch.setattr("draw_app.dialogs.filedialog.asksaveasfilename", lambda **options: pytest.fail("asked to save"))
    draw(app, SEVEN)
    quitting = QuitWatcher(app, monkeypatch, answer=False)
    press(app.root, "<Control-q>")
    assert quitting.asked and quitting.closed


def test_answering_yes_on_quitting_saves_then_closes_unless_the_save_is_cancelled(app, tmp_path, monkeypatch):
    target = tmp_path / "mine.png"
    where = iter(["", str(target)])  # the first file dialog cancelled, the second given a name
    monkeypatch.setattr("draw_app.dialogs.filedialog.asksaveasfilename", lambda **options: next(where))
    draw(app, SEVEN)
    quitting = QuitWatcher(app, monkeypatch, answer=True)
    press(app.root, "<Control-q>")
    assert not quitting.closed and not target.exists()
    press(app.root, "<Control-q>")
    assert quitting.closed and target.is_file()


def test_quitting_asks_nothing_when_no_drawing_would_be_lost(app, tmp_path, monkeypatch):
    """Nothing drawn, the drawing saved as it is, cleared, or a picture opened and not drawn on."""
    quitting = QuitWatcher(app, monkeypatch, answer=None)

    def quits_at_once():
        quitting.closed = False
        press(app.root, "<Control-q>")
        return quitting.closed and quitting.asked == []

    assert quits_at_once()
    monkeypatch.setattr("draw_app.dialogs.filedialog.asksaveasfilename", lambda **options: str(tmp_path / "7.png"))
    draw(app, SEVEN)
    press(app.root, "<Control-s>")
    assert quits_at_once()
    press(app.root, "<Control-z>")
    press(app.root, "<Control-y>")  # undone and redone: the very drawing saved
    assert quits_at_once()
    draw(app, ONE)
    press(app.root, "<Escape>")
    assert quits_at_once()
    sample = ROOT / "sample_digit" / "3_blue_on_cream.png"
    monkeypatch.setattr("draw_app.dialogs.filedialog.askopenfilename", lambda **options: str(sample))
    press(app.root, "<Control-o>")
    assert app.drawing.picture_alone() is not None
    assert quits_at_once()
    draw(app, ONE)  # drawn on, the picture holds something of the person's
    press(app.root, "<Control-q>")
    assert quitting.asked


def test_opening_a_broken_file_shows_an_error_and_keeps_the_drawing(app, tmp_path, monkeypatch):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n this is not really a PNG")
    errors = []
    monkeypatch.setattr("draw_app.dialogs.filedialog.askopenfilename", lambda **options: str(broken))
    monkeypatch.setattr("draw_app.dialogs.messagebox.showerror", lambda title, message, **o: errors.append(message))
    draw(app, SEVEN)
    before = app.drawing.to_array().copy()
    press(app.root, "<Control-o>")
    assert len(errors) == 1 and "broken.png" in errors[0]
    assert np.array_equal(app.drawing.to_array(), before) and guess(app) == "7"


def test_opening_an_image_reads_it_and_undo_brings_the_drawing_back(app, monkeypatch):
    sample = ROOT / "sample_digit" / "3_blue_on_cream.png"
    monkeypatch.setattr("draw_app.dialogs.filedialog.askopenfilename", lambda **options: str(sample))
    draw(app, SEVEN)
    press(app.root, "<Control-o>")
    assert guess(app) == "3" and app.status.text().startswith("Reading 3_blue_on_cream.png.")
    assert np.array_equal(shown_picture(app.canvas)[..., 0], app.drawing.to_array())
    press(app.root, "<Control-z>")
    assert guess(app) == "7" and "3_blue_on_cream" not in app.status.text()
    press(app.root, "<Escape>")
    assert app.status.text().startswith("Cleared.")


def test_a_screenshot_of_another_drawing_program_opened_reads_the_digit_on_its_canvas(app, tmp_path, monkeypatch):
    screenshot = tmp_path / "paint.png"
    Image.fromarray(in_a_drawing_program("0_black_on_white.png")).save(screenshot)
    monkeypatch.setattr("draw_app.dialogs.filedialog.askopenfilename", lambda **options: str(screenshot))
    press(app.root, "<Control-o>")
    assert guess(app) == "0" and not app.prediction.unsure


def test_a_blank_picture_opened_says_it_holds_no_digit_not_to_draw_one(app, tmp_path, monkeypatch):
    blank = tmp_path / "blank.png"
    Image.new("L", (300, 300), 255).save(blank)
    monkeypatch.setattr("draw_app.dialogs.filedialog.askopenfilename", lambda **options: str(blank))
    press(app.root, "<Control-o>")
    assert app.reading.confidence.cget("text") == "No digit found\nin the picture"
    draw(app, SEVEN)  # drawn over it: read as a drawing
    assert guess(app) == "7"


def test_the_open_dialog_lists_a_cameras_upper_case_photo_names(app, monkeypatch):
    asked = {}
    monkeypatch.setattr("draw_app.dialogs.filedialog.askopenfilename", lambda **options: asked.update(options) or "")
    press(app.root, "<Control-o>")
    images = dict(asked["filetypes"])["Images"].split()
    assert "*.jpg" in images and "*.JPG" in images and "*.png" in images  # Tk's own dialog, on X11, minds case


def test_missing_model_still_opens_the_window_and_says_how_to_train(tk_root, tmp_path):
    app = open_app(tk_root, tmp_path / "nowhere.tflite")
    status = app.status.text()
    assert not app.is_ready()
    assert "not found" in status and "training/cnn.py" in status
    draw(app, SEVEN)
    assert guess(app) == "?" and "No model" in app.reading.confidence.cget("text")


def test_a_model_failing_on_one_drawing_is_said_in_the_window_and_drawing_goes_on(app, monkeypatch):
    """Someone else's model that gives NaN for some drawings: no traceback, the reason in
    the window, and the next drawing it can read is read."""
    read = app.predictor.read

    def fails_on_a_one(model_input):
        if model_input[:, :10].sum() < 1 and model_input[:, 18:].sum() < 1:  # ink only in the middle columns
            raise ModelError("odd.tflite: the model's outputs for this image are not numbers (NaN or infinite)")
        return read(model_input)

    monkeypatch.setattr(app.predictor, "read", fails_on_a_one)
    draw(app, ONE)
    assert guess(app) == "?" and "Cannot read it" in app.reading.confidence.cget("text")
    assert app.status.text().startswith("Cannot read this drawing: odd.tflite: the model's outputs")
    press(app.root, "<Escape>")
    draw(app, SEVEN)
    assert guess(app) == "7" and not app.status.text().startswith("Cannot read")


def test_each_new_prediction_is_logged(app, caplog):
    with caplog.at_level(logging.INFO, logger="draw_app"):
        draw(app, SEVEN)
    messages = [record.getMessage() for record in caplog.records]
    assert messages and messages[-1].startswith("prediction: 7 (") and messages[-1].endswith("%)")


def test_the_network_panel_follows_the_drawing_live_and_is_hidden_again(app, monkeypatch):
    monkeypatch.setattr(app.root, "winfo_screenwidth", lambda: 1400)  # room to widen (pytest-xvfb's is 800)
    width = app.root.winfo_width()
    press(app.root, "<Control-i>")
    pump(app.root, 0.3)
    assert app.network.winfo_ismapped() and app.root.winfo_width() > width
    view = app.menu.nametowidget(app.menu.entrycget(2, "menu"))
    labels = [view.entrycget(index, "label") for index in range(view.index("end") + 1) if view.type(index) != "separator"]
    assert "Inside the network" in labels and app.toggles["network"].get()
    draw(app, SEVEN, release=False)
    pump(app.root, 0.2)
    conv2 = shown_picture(app.network.pictures["conv2"])
    assert conv2.any() and np.array_equal(app.network._layers["conv2"], app.prediction.layers["conv2"])
    press(app.root, "<Down>")
    press(app.root, "<Down>")
    assert app.network.selected == ("conv1", 2)
    press(app.root, "<Control-i>")
    pump(app.root, 0.3)
    assert not app.network.winfo_ismapped() and app.root.winfo_width() == width


def test_the_network_panel_shown_after_a_resize_widens_the_window_and_keeps_the_paper(app, monkeypatch):
    """It was measured while the window was still narrow, squeezed to fit, and the window widened too little."""
    monkeypatch.setattr(app.root, "winfo_screenwidth", lambda: 1800)  # room for it, whatever screen the tests run on
    app.root.geometry("900x700")
    pump(app.root, 0.5)
    paper = app.canvas.winfo_width()
    press(app.root, "<Control-i>")
    pump(app.root, 0.5)
    assert app.canvas.winfo_width() == paper
    assert app.root.winfo_width() == 900 + app.network.winfo_width() + 24
    assert_nothing_cut_off(app)


def test_number_mode_and_the_network_panel_shown_and_hidden_in_any_order_leave_the_same_window(app, monkeypatch):
    """On a screen too narrow for both, the second part shown gets no room of its own: hiding the
    first must not then take back the room the second still needs."""
    monkeypatch.setattr(app.root, "winfo_screenwidth", lambda: 1100)  # whatever screen the tests run on
    width = app.root.winfo_width()
    press(app.root, "<Control-i>")
    pump(app.root, 0.3)
    network_alone = app.root.winfo_width(), app.canvas.winfo_width()
    press(app.root, "<Control-i>")
    for keys in (["<Control-n>", "<Control-i>", "<Control-n>"], ["<Control-i>", "<Control-n>", "<Control-n>"]):
        for key in keys:
            press(app.root, key)
            pump(app.root, 0.3)
        assert (app.root.winfo_width(), app.canvas.winfo_width()) == network_alone, keys
        press(app.root, "<Control-i>")
        pump(app.root, 0.3)
        assert app.root.winfo_width() == width, keys


def test_f1_lists_the_shortcuts_and_about_gives_the_accuracy(app):
    press(app.root, "<F1>")
    windows = [child for child in app.root.winfo_children() if child.winfo_class() == "Toplevel"]
    assert len(windows) == 1 and "shortcuts" in windows[0].title()
    windows[0].destroy()
    press(app.root, "<Shift-F1>")
    about = next(child for child in app.root.winfo_children() if child.winfo_class() == "Toplevel")
    assert "cnn.tflite" in about.text and "% of MNIST's test digits" in about.text


def test_app_module_does_not_import_tensorflow():
    result = run_python("-c", "import sys, draw_app.app, draw_app.__main__; "
                              "print('tensorflow' in sys.modules or 'keras' in sys.modules)")
    assert result.stdout.strip() == "False"


def test_self_test_reads_every_sample_and_passes():
    result = run_python("-m", "draw_app", "--self-test")
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("self-test: ") and "sample digits read correctly" in lines[-1]
    assert lines[-2] == ("self-test: layers for Inside the network: "
                         "conv1 24x24x30, conv2 10x10x15, dense128 128, dense50 50")
    assert all(line.startswith("ok ") for line in lines[:-2])
    assert result.stderr == ""


def test_digits_side_by_side_read_as_a_doubtful_digit_get_no_guess_but_a_pointer_to_number_mode(app):
    draw(app, number_strokes("12"))
    pump(app.root, 0.1)
    assert app.prediction.unsure or app.prediction.no_digit  # the two squeezed into one 28x28
    assert guess(app) == "?" and app.reading.confidence.cget("text") == "2 digits here:\ntry Number mode"
    assert shown_picture(app.reading.view).any()  # the two squeezed into one 28x28 show why
    press(app.root, "<Control-z>")
    assert guess(app) == "1"


def test_ctrl_c_copies_the_digit_or_the_number_read_to_the_clipboard(app):
    press(app.root, "<Control-c>")
    assert app.status.text() == "Nothing to copy: no digit is read."
    draw(app, SEVEN)
    press(app.root, "<Control-c>")
    assert app.root.clipboard_get() == "7" and app.status.text() == "Copied 7."
    press(app.root, "<Escape>")
    draw(app, number_strokes("12"))  # two digits squeezed into one doubtful digit: no guess shown, none copied
    pump(app.root, 0.1)
    press(app.root, "<Control-c>")
    assert app.root.clipboard_get() == "7" and app.status.text() == "Nothing to copy: no digit is read."
    press(app.root, "<Control-n>")
    pump(app.root, 0.3)
    edit_menu = app.menu.nametowidget(app.menu.entrycget("Edit", "menu"))
    edit_menu.invoke("Copy the reading")
    assert app.root.clipboard_get() == "12" and app.status.text() == "Copied 12."


def on_the_clipboard(root, data: bytes, kind: str) -> None:
    """Put ``data`` on the X clipboard as another program does (xclip stays to hand it out)."""
    if not shutil.which("xclip"):
        cannot_run("xclip is needed to put a picture on the clipboard (apt-get install xclip)")
    subprocess.run(["xclip", "-selection", "clipboard", "-t", kind, "-i"], input=data, check=True, timeout=10)
    pump(root, 0.3)  # the window hears that it no longer holds the clipboard


def paste(app):
    """Ctrl+V, and wait while the clipboard is fetched (the window goes on meanwhile)."""
    press(app.root, "<Control-v>")
    deadline = time.monotonic() + 15
    while app.is_pasting and time.monotonic() < deadline:
        pump(app.root, 0.02)
    assert not app.is_pasting
    pump(app.root, 0.1)


def test_ctrl_v_reads_a_picture_copied_in_another_program_or_an_image_file_copied(app, monkeypatch):
    errors = []
    monkeypatch.setattr("draw_app.dialogs.messagebox.showerror", lambda title, message, **o: errors.append(message))
    draw(app, SEVEN)
    on_the_clipboard(app.root, (ROOT / "sample_digit" / "3_blue_on_cream.png").read_bytes(), "image/png")
    paste(app)
    assert guess(app) == "3" and app.status.text().startswith("Reading the pasted picture.") and not errors
    assert app.has_unsaved_drawing()  # no file holds a pasted picture: quitting offers to save it
    press(app.root, "<Control-z>")
    assert guess(app) == "7"  # what was drawn before comes back
    four = ROOT / "sample_digit" / "4_tall_canvas.png"
    three = ROOT / "sample_digit" / "3_blue_on_cream.png"
    copied = f"file://{four.as_posix()}\nfile://{three.as_posix()}\n"  # a file manager's Copy of two files
    on_the_clipboard(app.root, copied.encode(), "text/uri-list")
    paste(app)
    assert guess(app) == "4" and app.status.text().startswith(f"Reading {four.name} (the first of 2 pictures copied).")
    assert not app.has_unsaved_drawing()  # a file's picture is its file's
    on_the_clipboard(app.root, b"not a picture", "UTF8_STRING")
    paste(app)
    assert errors == ["Cannot paste a picture:\nthe clipboard holds no picture; copy one first (a screenshot, "
                      "or an image in another program)"] and guess(app) == "4"


def test_a_large_screenshot_pastes_and_the_windows_own_copy_is_no_picture(app, monkeypatch):
    """xclip hands a picture over 1 MB out in parts; the window's Copy is answered by the window
    itself while the clipboard is read (Ctrl+V once waited on itself there, for good)."""
    errors = []
    monkeypatch.setattr("draw_app.dialogs.messagebox.showerror", lambda title, message, **o: errors.append(message))
    screenshot = Image.fromarray(np.random.default_rng(0).integers(0, 256, (900, 900, 3), np.uint8))
    screenshot.paste(Image.open(ROOT / "sample_digit" / "3_blue_on_cream.png").convert("RGB"), (300, 300))
    data = __import__("io").BytesIO()
    screenshot.save(data, format="PNG")
    assert len(data.getvalue()) > 2_000_000
    on_the_clipboard(app.root, data.getvalue(), "image/png")
    paste(app)
    assert app.drawing.picture_alone() is not None and not errors
    press(app.root, "<Escape>")
    draw(app, SEVEN)
    press(app.root, "<Control-c>")
    assert app.status.text() == "Copied 7."
    paste(app)
    assert errors == ["Cannot paste a picture:\nthe clipboard holds no picture; copy one first (a screenshot, "
                      "or an image in another program)"] and app.root.clipboard_get() == "7"


def slow_paste(monkeypatch, seconds=0.5):
    """The clipboard's picture arrives ``seconds`` after Ctrl+V (a program slow to hand it over)."""
    pixels = read_image(ROOT / "sample_digit" / "3_blue_on_cream.png")
    monkeypatch.setattr("draw_app.app.pasted_picture", lambda text: time.sleep(seconds) or (pixels, "the pasted picture"))


def test_a_paste_arriving_after_the_drawing_changed_is_dropped(app, monkeypatch):
    slow_paste(monkeypatch)
    press(app.root, "<Control-v>")
    draw(app, SEVEN)  # the person draws on meanwhile
    while app.is_pasting:
        pump(app.root, 0.05)
    assert guess(app) == "7" and app.drawing.picture() is None
    assert app.status.text() == "Paste dropped: the drawing changed while the clipboard was read."


def test_saving_while_a_paste_is_under_way_saves_the_drawing_and_gives_the_paste_up(app, tmp_path, monkeypatch):
    slow_paste(monkeypatch)
    target = tmp_path / "mine.png"

    def ask(**options):
        pump(app.root, 1.0)  # the paste arrives while the save dialog is open
        return str(target)

    monkeypatch.setattr("draw_app.dialogs.filedialog.asksaveasfilename", ask)
    draw(app, SEVEN)
    press(app.root, "<Control-v>")
    press(app.root, "<Control-s>")
    assert not app.is_pasting and app.drawing.picture() is None
    assert run_python(ROOT / "predict.py", target).stdout.startswith(f"{target}: 7 (")


def test_two_digits_written_side_by_side_point_to_number_mode(app):
    draw(app, number_strokes("17"))
    pump(app.root, 0.1)
    assert app.status.text() == "This looks like 2 digits side by side: Number mode (Ctrl+N) reads them all."
    press(app.root, "<Control-n>")
    pump(app.root, 0.3)
    assert app.number.text == "17" and "Number mode" not in app.status.text()
    press(app.root, "<Control-n>")
    press(app.root, "<Escape>")
    draw(app, [line((120, 90), (290, 90)), line((205, 90), (205, 330))])  # a T: two strokes, one mark
    pump(app.root, 0.1)
    assert app.status.text().startswith("2 strokes.")
    app.open_path(ROOT / "sample_digit" / "numbers" / "price_1499.png")
    pump(app.root, 0.1)
    assert app.status.text().startswith(
        "Reading price_1499.png, which looks like 4 digits side by side: Number mode (Ctrl+N)")


# ------------------------------------------------------------------ number mode


def write(app, number):
    """Write ``number`` digit by digit, as a person would, on the wide paper."""
    draw_on_wide_paper(app, number_strokes(number))


def draw_on_wide_paper(app, strokes):
    """Strokes drawn for a wide paper 400 pixels tall, at the same place on the paper as it is now."""
    scale = app.canvas.winfo_height() / 400
    for points in strokes:
        stroke(app.canvas, [(x * scale, y * scale) for x, y in points])
    pump(app.root, 0.1)


@pytest.fixture
def number_app(app):
    press(app.root, "<Control-n>")
    pump(app.root, 0.4)
    return app


def readings_on_paper(app):
    return [app.canvas.itemcget(item, "text") for item in app.canvas.find_withtag("reading")]


def test_number_mode_makes_the_paper_wide_and_back(app):
    press(app.root, "<Control-n>")
    pump(app.root, 0.4)
    width, height = app.drawing.size
    assert app.toggles["number_mode"].get() and width == pytest.approx(2.5 * height, abs=2)
    assert app.number_line.winfo_ismapped() and "Draw a number" in app.status.text()
    press(app.root, "<Control-n>")
    pump(app.root, 0.4)
    assert app.drawing.size[0] == app.drawing.size[1] and not app.number_line.winfo_ismapped()


def test_a_written_number_is_read_digit_by_digit_while_writing(number_app):
    app = number_app
    write(app, "207")
    assert app.number.text == "207" and app.number_line.number.cget("text") == "207"
    assert readings_on_paper(app) == ["2", "0", "7"]
    assert len(app.canvas.find_withtag("digits")) == 6  # a box and a reading for each
    assert guess(app) == "7" and app.reading.heading.cget("text") == "Digit 3 of 3 reads"
    assert np.array_equal(shown_picture(app.canvas)[..., 0], app.drawing.to_array())


def test_a_dash_with_no_digit_in_it_is_said_to_be_no_number(number_app):
    app = number_app
    scale = app.canvas.winfo_height() / 400
    dash = [(x * scale, 200 * scale) for x in range(100, 160, 5)]
    stroke(app.canvas, dash, release=False)
    pump(app.root, 0.1)
    assert app.number is not None and not app.number.digits  # read while the pen is down...
    assert "Write a number" in app.number_line.confidence.cget("text")  # ...as a 5's bar may begin a 5
    app.canvas.event_generate("<ButtonRelease-1>", x=round(dash[-1][0]), y=round(dash[-1][1]))
    pump(app.root, 0.1)
    assert app.number is not None and not app.number.digits and readings_on_paper(app) == []
    assert app.number_line.confidence.cget("text").startswith("No digit found here")


def test_a_phone_numbers_dash_written_after_a_digit_is_read_as_a_dash_not_into_the_digit(number_app):
    """An outside trial wrote 179-843 with the dash near the 9: its box took the dash in, and
    the two read as a sure 4."""
    app = number_app
    dash_at = 60 + 150 + 88 + 30  # 30 px right of the 9's stem, halfway up it
    draw_on_wide_paper(app, number_strokes("19") + [line((dash_at, 195), (dash_at + 45, 193))]
                       + number_strokes("74", left=60 + 150 * 3))
    assert app.number.text == "19-74" and app.number_line.number.cget("text") == "19-74"
    left, _, width, _ = app.number.digits[1].box
    assert left + width < dash_at * app.canvas.winfo_height() / 400  # the 9's box stops short of the dash
    assert app.number.marks_left_out == 0 and "mark" not in app.status.text()


def test_a_slashed_zero_is_one_digit_not_a_zero_and_a_one(number_app):
    """A new user's trial wrote 2024 with a slashed 0: the slash was boxed and read as a 1 of
    its own, 20124, 99.2 % sure."""
    slash = line((238, 255), (305, 118))  # from inside the 0's foot to past its top right
    draw_on_wide_paper(number_app, number_strokes("20") + [slash] + number_strokes("24", left=360))
    assert number_app.number.text == "2024" and readings_on_paper(number_app) == ["2", "0", "2", "4"]


def test_a_price_written_with_its_point_is_read_and_copied_with_it(number_app):
    """An outside trial wrote 12.50: the point was left out, and 1250 shown and copied, a price a
    hundred times too large, with no more than "1 mark not read" in the status bar."""
    app = number_app
    point = [(338, 262), (342, 263)]  # a dab of the pen on the line, between the 2 and the 5
    draw_on_wide_paper(app, number_strokes("12") + [point] + number_strokes("50", left=360))
    assert app.number.text == "12.50" and app.number_line.number.cget("text") == "12.50"
    assert readings_on_paper(app) == ["1", "2", "5", "0"] and app.number.marks_left_out == 0
    press(app.root, "<Control-c>")
    assert app.root.clipboard_get() == "12.50"


@pytest.mark.parametrize("lean", [0.0, 0.3], ids=["upright", "slanted"])
def test_a_digit_written_with_the_pen_lifted_mid_stroke_is_one_digit(number_app, lean):
    """A slanted 1's halves share none of their columns: only where the pen came down again
    says that they are one stroke."""
    halves = [[(150 - lean * (y - 120), y) for y in range(120, 190, 10)],
              [(150 - lean * (y - 120), y) for y in range(205, 275, 10)]]
    draw_on_wide_paper(number_app, [*halves, *number_strokes("7", left=200)])
    assert number_app.number.text == "17"


def test_a_zero_drawn_as_two_arcs_is_one_digit(number_app):
    """Each arc read alone is an unsure 1 or 9: the number read 197."""
    arcs = [[(110 + side * 42 * math.sin(a), 195 - 75 * math.cos(a)) for a in np.linspace(0, math.pi, 20)]
            for side in (-1, 1)]
    draw_on_wide_paper(number_app, [*arcs, *number_strokes("7", left=200)])
    assert number_app.number.text == "07"


def test_two_digits_written_in_one_stroke_are_read_apart_once_the_pen_is_lifted(number_app):
    """From a new user's trial: a 12 written without lifting the pen was read as a sure 6."""
    app = number_app
    scale = app.canvas.winfo_height() / 400
    corners = [(120, 100), (120, 280), (120, 190), (190, 120), (230, 102), (280, 110), (300, 150), (200, 280),
               (310, 280)]
    points = [(x * scale, y * scale) for start, end in zip(corners, corners[1:]) for x, y in line(start, end, 8)]
    stroke(app.canvas, points, release=False)
    pump(app.root, 0.1)
    assert len(app.number.digits) <= 1  # while the pen is down, read whole: cutting takes dozens of readings
    app.canvas.event_generate("<ButtonRelease-1>", x=round(points[-1][0]), y=round(points[-1][1]))
    pump(app.root, 0.1)
    assert app.number.text == "12" and [reading.rstrip("?") for reading in readings_on_paper(app)] == ["1", "2"]


def test_leaving_number_mode_says_which_strokes_are_beyond_the_square_papers_edge(number_app):
    app = number_app
    draw_on_wide_paper(app, number_strokes("207", spacing=250))  # the 7 beyond where the square paper ends
    assert app.number.text == "207"
    press(app.root, "<Control-n>")
    pump(app.root, 0.4)
    assert app.status.text() == "3 strokes, 1 of them beyond the paper's edge: Number mode (Ctrl+N) shows it again."
    press(app.root, "<Control-n>")
    pump(app.root, 0.4)
    assert app.number.text == "207" and app.status.text().startswith("3 strokes.")


def test_a_picture_drawn_on_keeps_its_place_under_the_strokes_when_leaving_number_mode(number_app):
    """From a new user's trial: a photo drawn on in number mode was fitted to the square paper
    again, while the strokes over it stayed where they were (and out of sight, unsaid)."""
    app = number_app
    app.open_path(ROOT / "sample_digit" / "7_thin.png")  # square: fitted to the wide paper's middle
    pump(app.root, 0.2)
    draw_on_wide_paper(app, number_strokes("1", left=800))
    assert app.number.text == "71"
    press(app.root, "<Control-n>")
    pump(app.root, 0.4)
    assert app.status.text() == ("Drawn on 7_thin.png; 1 stroke beyond the paper's edge: "
                                 "Number mode (Ctrl+N) shows it again.")
    press(app.root, "<Control-n>")
    pump(app.root, 0.4)
    assert app.number.text == "71" and app.status.text().startswith("Reading 7_thin.png and drawn on.")


def test_a_digit_chosen_by_click_or_arrow_keys_is_shown_in_the_panels(number_app):
    app = number_app
    write(app, "207")
    item = app.canvas.find_withtag("digit1")[-1]
    x, y = app.canvas.coords(item)
    app.canvas.event_generate("<Motion>", x=round(x), y=round(y) - 5)
    app.canvas.event_generate("<ButtonPress-1>", x=round(x), y=round(y) - 5)
    app.canvas.event_generate("<ButtonRelease-1>", x=round(x), y=round(y) - 5)
    app.root.update()
    assert guess(app) == "0" and app.reading.heading.cget("text") == "Digit 2 of 3 reads"
    assert len(app.drawing.steps) == 3  # choosing drew nothing
    press(app.root, "<Left>")
    assert guess(app) == "2"
    press(app.root, "<Control-i>")
    pump(app.root, 0.3)
    assert np.array_equal(app.network._layers["conv1"], app.number.digits[0].prediction.layers["conv1"])


def test_undo_and_clear_work_on_a_number(number_app):
    app = number_app
    write(app, "207")
    press(app.root, "<Control-z>")
    assert app.number.text == "20" and readings_on_paper(app) == ["2", "0"]
    press(app.root, "<Escape>")
    assert app.number is None and readings_on_paper(app) == []
    assert app.number_line.number.cget("text") == "?"
    press(app.root, "<Control-z>")
    assert app.number.text == "20" and readings_on_paper(app) == ["2", "0"]


def test_a_photo_of_a_number_is_opened_and_read(number_app, tmp_path, monkeypatch):
    from PIL import Image, ImageDraw

    from draw_app.strokes import paint_stroke

    photo = Image.new("RGB", (900, 300), (236, 228, 210))
    pen = ImageDraw.Draw(photo)
    for points in number_strokes("41", left=80, top=60):
        paint_stroke(pen, [(x * 1.1, y * 1.1) for x, y in points], 16, (30, 40, 120))
    path = tmp_path / "41 on paper.jpg"
    photo.save(path, quality=90)
    monkeypatch.setattr("draw_app.dialogs.filedialog.askopenfilename", lambda **options: str(path))
    press(number_app.root, "<Control-o>")
    assert number_app.number.text == "41" and [text.rstrip("?") for text in readings_on_paper(number_app)] == ["4", "1"]
    assert number_app.status.text().startswith("Reading 41 on paper.jpg.")


def test_a_picture_of_two_rows_of_digits_says_so_in_number_mode(number_app, tmp_path, monkeypatch):
    from PIL import Image, ImageDraw

    from draw_app.strokes import paint_stroke

    photo = Image.new("RGB", (600, 500), "white")
    pen = ImageDraw.Draw(photo)
    for top in (40, 260):
        for points in number_strokes("41", left=80, top=top):
            paint_stroke(pen, points, 14, "black")
    path = tmp_path / "rows.png"
    photo.save(path)
    monkeypatch.setattr("draw_app.dialogs.filedialog.askopenfilename", lambda **options: str(path))
    press(number_app.root, "<Control-o>")
    assert number_app.number.text is None and readings_on_paper(number_app) == []
    assert number_app.status.text() == ("Reading rows.png, which holds 2 rows of writing, one above the other: "
                                        "number mode reads one row.")
    assert number_app.number_line.confidence.cget("text") == "2 rows of writing:\nwrite the number on one row"
    assert number_app.reading.confidence.cget("text") == "2 rows of writing:\nnot one number"


def test_a_digit_written_far_smaller_than_the_rest_is_said_to_be_left_out(number_app):
    """It had no box and no place in the number, and nothing said why."""
    app = number_app
    draw_on_wide_paper(app, number_strokes("41", top=60))
    assert app.status.text().startswith("3 strokes. Undo")
    draw_on_wide_paper(app, [line((420, 190), (420, 230))])  # a 1 a sixth as tall as the 4 and the 1
    assert app.number.text == "41"
    assert app.status.text().startswith("4 strokes; 1 mark not read as digits: specks, ticks, lines")


def test_a_line_drawn_under_the_number_is_left_out_of_it(number_app):
    """An underline joined the digit it touched and moved it along the number, or was read as one."""
    app = number_app
    draw_on_wide_paper(app, number_strokes("47"))
    draw_on_wide_paper(app, [line((40, 340), (360, 336), steps=24)])  # under both digits, as a total is
    assert app.number.text == "47" and len(app.canvas.find_withtag("reading")) == 2
    assert "1 mark not read as digits" in app.status.text()


def test_a_second_row_written_in_number_mode_is_said_to_be_one_and_undo_takes_it_back(number_app):
    app = number_app
    draw_on_wide_paper(app, number_strokes("41", top=20))
    assert app.number.text == "41"
    draw_on_wide_paper(app, number_strokes("7", top=220))
    assert app.number.text is None and app.number.rows == 2 and readings_on_paper(app) == []
    assert app.status.text().startswith("2 rows of writing, one above the other: number mode reads one row.")
    press(app.root, "<Control-z>")
    assert app.number.text == "41"


@pytest.mark.parametrize("enlarged", [1, 3], ids=["900x300", "2700x900"])
def test_a_photo_in_uneven_light_is_read_as_predict_py_reads_it(number_app, tmp_path, monkeypatch, enlarged):
    """The paper shows the photo's ink, shading and all; the number is read from the file's
    own pixels, as predict.py --number reads it, its light taken out (it was read from the
    paper, where the shading had become ink: 820474), and its boxes are where the paper
    shows the digits (a photo over 1024 pixels wide, shown smaller than it is read, had
    them twice as far along and twice as large)."""
    from PIL import Image, ImageDraw, ImageFilter

    from draw_app.number import read_number_file
    from draw_app.strokes import paint_stroke, picture_placement

    photo = Image.new("L", (900, 300), 190)
    pen = ImageDraw.Draw(photo)
    for points in number_strokes("2047", left=80, top=40):
        paint_stroke(pen, points, 11, 60)
    shade = np.linspace(1.0, 0.55, 900)[None, :] * np.linspace(1.0, 0.8, 300)[:, None]  # darker to the right
    grain = np.random.default_rng(0).normal(0, 8, (300, 900))
    pixels = np.clip(np.asarray(photo, np.float64) * shade + grain, 0, 255).astype(np.uint8)
    path = tmp_path / "2047 in a shadow.png"
    size = (900 * enlarged, 300 * enlarged)
    Image.fromarray(pixels).filter(ImageFilter.GaussianBlur(1.2)).resize(size, Image.Resampling.BICUBIC).save(path)
    monkeypatch.setattr("draw_app.dialogs.filedialog.askopenfilename", lambda **options: str(path))
    press(number_app.root, "<Control-o>")
    from_file = read_number_file(number_app.predictor, path)  # boxes in the file's pixels
    assert number_app.number.text == from_file.text == "2047"
    scale, (left, top) = picture_placement(size, number_app.drawing.size)
    for shown, read in zip(number_app.number.digits, from_file.digits):
        on_paper = (read.box[0] * scale + left, read.box[1] * scale + top, read.box[2] * scale, read.box[3] * scale)
        assert np.abs(np.subtract(shown.box, on_paper)).max() <= 2


def test_an_opened_picture_is_not_read_again_when_the_window_is_resized(app, monkeypatch):
    """Its reading does not depend on the paper's size, and a photo's pixels take tens of ms to read."""
    from pathlib import Path

    assert app.open_path(Path(__file__).parent.parent / "sample_digit" / "3_blue_on_cream.png")
    pump(app.root, 0.2)
    shown = guess(app)
    reads = []
    read = app.predictor.predict
    monkeypatch.setattr(app.predictor, "predict", lambda image: reads.append(image.shape) or read(image))
    for size in ("900x700", "1000x760"):
        app.root.geometry(size)
        pump(app.root, 0.4)
    assert reads == [] and guess(app) == shown == "3"


def test_saving_a_number_suggests_its_name(number_app, tmp_path, monkeypatch):
    asked = {}
    monkeypatch.setattr("draw_app.dialogs.filedialog.asksaveasfilename",
                        lambda **options: asked.update(options) or str(tmp_path / asked["initialfile"]))
    write(number_app, "12")
    press(number_app.root, "<Control-s>")
    assert asked["initialfile"] == "number_12.png" and (tmp_path / "number_12.png").is_file()


def test_each_new_number_is_logged(number_app, caplog):
    with caplog.at_level(logging.INFO, logger="draw_app"):
        write(number_app, "47")
    messages = [record.getMessage() for record in caplog.records]
    assert messages[-1].startswith("number: 47 (")


def test_file_dialogs_hide_dot_files_behind_a_box(app, monkeypatch):
    monkeypatch.setattr("draw_app.dialogs.filedialog.askopenfilename", lambda **options: "")
    assert not app.root.tk.call("info", "exists", "::tk::dialog::file::showHiddenBtn")  # nothing loaded at start-up
    press(app.root, "<Control-o>")
    assert app.root.tk.call("set", "::tk::dialog::file::showHiddenBtn") == "1"
    assert app.root.tk.call("set", "::tk::dialog::file::showHiddenVar") == "0"


def test_ctrl_a_in_the_save_dialogs_name_selects_it_all_to_type_over(app, tmp_path):
    """Tk's own dialog took Ctrl+A to the start of the line: typing a name then made
    "phone.pngnumber_174843.png"."""
    selected = []

    def press_ctrl_a_then_cancel():
        name = ".__tk_filedialog.contents.f2.ent"
        if not app.root.tk.call("winfo", "exists", name):
            app.root.after(50, press_ctrl_a_then_cancel)
            return
        app.root.tk.call("focus", "-force", name)
        app.root.tk.call("event", "generate", name, "<Control-a>")
        selected.append(app.root.tk.call(name, "selection", "present")
                        and (app.root.tk.call(name, "index", "sel.first"), app.root.tk.call(name, "index", "sel.last"),
                             app.root.tk.call(name, "get")))
        app.root.tk.call("event", "generate", ".__tk_filedialog", "<Escape>")

    app.root.after(100, press_ctrl_a_then_cancel)
    assert ask_where_to_save(app.root, "digit_1.png", tmp_path) is None  # cancelled
    assert selected == [(0, len("digit_1.png"), "digit_1.png")]
