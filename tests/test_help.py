"""Help: every shortcut is listed, and About names the version, the model and its measured accuracy."""

import json

import draw_app
from draw_app.commands import COMMANDS
from draw_app.help import AboutBox, AnswerHelpWindow, ShortcutsWindow, about_text, answer_help, shortcut_rows


def test_the_shortcuts_list_has_every_command():
    rows = shortcut_rows()
    assert len(rows) == len(COMMANDS) + 2  # and the Teach menu's digit keys, and Undo taking back a lesson
    assert ("Edit", "Undo", "Ctrl+Z") in rows and ("Help", "Keyboard shortcuts", "F1") in rows
    assert ("Edit", "Redo", "Ctrl+Y or Ctrl+Shift+Z") in rows
    menus = list(dict.fromkeys(menu for menu, _, _ in rows))
    assert menus == ["File", "Edit", "View", "Teach", "Help"]  # as the menu bar has them


def test_about_gives_the_models_measured_accuracy(tmp_path):
    model = tmp_path / "cnn.tflite"
    model.write_bytes(b"")
    (tmp_path / "cnn.json").write_text(json.dumps({"test_accuracy": 0.9957}))
    text = about_text(model)
    assert text.splitlines()[0] == f"Draw a Digit {draw_app.__version__}"
    assert "Model: cnn.tflite" in text and "99.57% of MNIST's test digits" in text


def test_about_says_so_when_the_accuracy_is_unknown(tmp_path):
    assert "not measured" in about_text(tmp_path / "other.tflite")
    assert "not loaded" in about_text(None)


def test_the_windows_open_and_escape_closes_them(tk_root):
    for window in (ShortcutsWindow(tk_root), AboutBox(tk_root, None), AnswerHelpWindow(tk_root, 0.8948)):
        window.update()
        assert window.winfo_viewable()
        window.focus_force()
        window.event_generate("<Escape>")
        window.update()
        assert not window.winfo_exists()
        assert tk_root.focus_get() == tk_root  # the main window's shortcuts work again


def test_the_shortcuts_window_lists_the_teaching_keys(tk_root):
    window = ShortcutsWindow(tk_root)
    texts = [label.cget("text") for frame in window.body.winfo_children() for label in frame.winfo_children()
             if label.winfo_class() == "TLabel"]
    assert "Teach" in texts and "0 … 9" in texts and "click the digit's row" in texts
    window.update()
    assert window.winfo_height() <= 768 - 60  # a 768-pixel screen, with its panel and the title bar
    window.destroy()


def test_what_the_answer_means_explains_every_word_the_reading_uses():
    """A trial's teacher found only shortcuts and MNIST's accuracy in Help: nothing said what
    the bars, "Not sure", "No digit here" and "as you taught" are, nor that 100 % can be wrong."""
    text = " ".join(heading + " " + paragraph for heading, paragraph in answer_help(0.8948))
    for words in ("bars", "under 89%", "No digit here", "as you taught", "100% can be wrong", "28×28",
                  "Number mode", "grey when sure, orange"):
        assert words in text
    assert "the line measured for the model" in " ".join(paragraph for _, paragraph in answer_help(None))
