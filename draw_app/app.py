"""The drawing window: draw a digit with the mouse and watch the network read it.

DigitApp only composes the window's parts and connects them; each part does one job:
the paper (draw_app/paper.py) shows the drawing and takes the pen, the reading panel
(reading_panel.py) shows the guess, the network panel (network_panel.py) what each
layer makes of the drawing, the toolbar and status bar (toolbar.py) the commands and
what is true now, and commands.py names every action with its key for the menus.

In number mode the paper is wide and holds a number, whose digits draw_app/number.py
finds (from the strokes, or from the pixels of an opened photo) and reads; the number
line above the paper (number_line.py) shows the whole number, the paper a box and a
reading for each digit, and the panels the digit chosen by a click or the arrow keys
(by default the one being written).

The window opens at once; the model loads on a worker thread, and the first stroke is
read as soon as it is ready. While a stroke is drawn the guess is refreshed at most
every UPDATE_INTERVAL_MS, so drawing never stutters, and once more on release. The app
hands the drawing to a DrawingReader (drawing_reader.py: what is read, from which
pixels, and what is kept) and shows what comes back; it knows nothing of how the model
runs, nor of pixels: the drawing and draw_app/images.py make the pictures.
"""

from __future__ import annotations

import logging
import queue
import threading
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from tkinter import ttk

from draw_app import dialogs
from draw_app.clipboard import PASTED, pasted_picture
from draw_app.commands import command, install
from draw_app.drawing_reader import DrawingReader
from draw_app.files import write_atomically
from draw_app.help import TITLE, AboutBox, AnswerHelpWindow, ShortcutsWindow
from draw_app.images import ImageError, read_image, saved_format
from draw_app.network_panel import NetworkPanel
from draw_app.number import NumberReading
from draw_app.number_line import NumberLine
from draw_app.paper import DigitBox, Paper
from draw_app.predictor import ModelError, Prediction, Predictor
from draw_app.reading_panel import ReadingPanel, several_digits_hint
from draw_app.strokes import Drawing, picture_for_paper
from draw_app.teaching import JUST_DOTS, Teaching, teach_hint
from draw_app.theme import LARGEST_SCALE, SCALE_STEP, SMALLEST_SCALE, apply_style, widest_scale
from draw_app.toolbar import StatusBar, Toolbar, status_line

log = logging.getLogger("draw_app")

PAPER_SIDE = 520
DEFAULT_PEN = 18
UPDATE_INTERVAL_MS = 40
SMALLEST_WINDOW = (640, 480)
SMALLEST_WINDOW_WITH_NETWORK = (1000, 480)
SMALLEST_WINDOW_FOR_NUMBERS_WITH_NETWORK = (1100, 480)
"""Number mode's wide paper beside both panels at their smallest."""
SMALLEST_PAPER = {False: 300, True: 480}
"""However tall the window, the side panels grow only as far as its width leaves the paper
this wide (square, and in number mode), or as wide as its height allows if that is less."""
BODY_PADDING = 16
PANEL_GAPS = {"reading": 20, "network": 24}
SCREEN_EDGES = 100
"""Screen height left for the menu bar, the title bar and a task bar."""
NUMBER_ASPECT = 2.5
"""In number mode the paper is this many times as wide as it is tall: room for six digits."""

ICON = Path(__file__).resolve().parent / "icon.png"


class DigitApp:
    """The main window. ``predictor_factory`` builds the Predictor on a worker thread."""

    def __init__(self, root: tk.Tk, predictor_factory: Callable[[], Predictor]) -> None:
        self.root = root
        self.predictor: Predictor | None = None
        self.reader: DrawingReader | None = None
        """Reads the paper with the predictor, once it is loaded."""
        self.model_error: str | None = None
        self.reading_error: str | None = None
        """Why the model could not read the drawing as it is now (a model that fails on some images)."""
        self.prediction = None
        self.number = None
        """The NumberReading in number mode, else None."""
        self.chosen_digit: int | None = None
        """The digit of the number shown in the panels when the person chose one; None: the one being written."""
        self.drawing = Drawing(PAPER_SIDE, PAPER_SIDE)
        self.digits_seen = 0
        """How many digits side by side the paper seems to hold outside number mode (see _count_digits)."""
        self.strokes_off_paper = 0
        """Strokes of a number beyond the square paper's edge after number mode was left (see _count_digits)."""
        self.shown_guess: tuple[int | str, str] | None = None
        """What the log last said was read, so it says each reading once: a digit (or "none") and how
        sure (or why not), or in number mode the number and how sure."""
        self.saved_to: Path | None = None
        """The folder the last drawing was saved in, where Save offers to save the next."""
        self.saved_mark = self.drawing.mark()
        """The drawing as it was last saved (see Drawing.mark), so quitting asks only when it changed since."""
        self._update_pending: str | None = None
        self._extra_width = {"network": 0, "number_mode": 0}
        """The width each part shown asks the window to grow by: the network panel, number mode's wide paper."""
        self._widened = 0
        """How much wider than the person made it the window is now (see _fit_width)."""
        self._number_mode_height = 0
        """The window's height when number mode was turned on (see switch_number_mode)."""
        self._panel_limits_pending: str | None = None
        self._measuring_network = False
        """True while show_network_panel measures how wide the panel will be (see there)."""
        self._panels_fitted_to: tuple = ()
        """The sizes the panels' largest scale was last worked out for (see _request_panel_limits)."""
        self._loaded: queue.Queue = queue.Queue()
        self._pasted: queue.Queue | None = None
        """While a paste fetches the clipboard (see paste_picture): where its picture, or why not, arrives."""

        root.title(TITLE)
        root.protocol("WM_DELETE_WINDOW", self.quit)  # the window's close button asks as Quit does
        self._icon = tk.PhotoImage(file=str(ICON))
        root.iconphoto(True, self._icon)
        root.minsize(*SMALLEST_WINDOW)
        family = apply_style(root)
        self.toggles = {"network": tk.BooleanVar(root, False), "number_mode": tk.BooleanVar(root, False)}
        self.pen_width = tk.IntVar(root, DEFAULT_PEN)
        handlers = {"open": self.open_image, "save": self.save_drawing, "quit": self.quit,
                    "undo": self.undo, "redo": self.redo, "copy": self.copy_reading,
                    "paste": self.paste_picture, "clear": self.clear,
                    "thinner_pen": lambda: self.toolbar.change_pen(-2),
                    "thicker_pen": lambda: self.toolbar.change_pen(2),
                    "network": self.show_network_panel, "previous_map": lambda: self.step_map(-1),
                    "next_map": lambda: self.step_map(1), "number_mode": self.switch_number_mode,
                    "previous_digit": lambda: self.step_digit(-1), "next_digit": lambda: self.step_digit(1),
                    "answer_help": lambda: AnswerHelpWindow(
                        root, self.predictor.calibration.unsure_below if self.predictor else None),
                    "shortcuts": lambda: ShortcutsWindow(root),
                    "about": lambda: AboutBox(root, self.predictor.model_path if self.predictor else None, self._icon)}
        self.menu = install(root, handlers, self.toggles)

        self.status = StatusBar(root)
        self.status.pack(side="bottom", fill="x")
        self.teaching = Teaching(root, self.menu, note=self.status.note, shown_reading=lambda: self.prediction,
                                 why_not_one_digit=self._why_not_one_digit, read_again=self._lessons_changed)
        self.body = body = ttk.Frame(root, padding=(BODY_PADDING, 12, BODY_PADDING, 8))
        body.pack(fill="both", expand=True)
        body.columnconfigure(0, weight=1)
        body.rowconfigure(1, weight=1)
        self.toolbar = Toolbar(body, handlers, self.toggles, self.pen_width, hint=self.status.hint)
        self.toolbar.grid(row=0, column=0, columnspan=3, sticky="ew")
        paper_column = ttk.Frame(body)
        paper_column.grid(row=1, column=0, sticky="nsew")
        self.number_line = NumberLine(paper_column, family)
        self.paper = Paper(paper_column, self.drawing, pen_width=self.pen_width.get, on_change=self._drawn,
                           on_stroke_end=self._stroke_ended, on_resize=self._request_update,
                           on_digit_click=self.choose_digit)
        self.paper.pack(side="bottom", fill="both", expand=True)
        self.paper.bind("<Configure>", self._align_number_line, add="+")
        self.canvas = self.paper.canvas
        self.reading = ReadingPanel(body, family, on_digit_click=self.teaching.teach,
                                    on_digit_hover=lambda digit: self.status.hint(None if digit is None
                                                                                   else teach_hint(digit)))
        self.reading.grid(row=1, column=1, sticky="ns", padx=(PANEL_GAPS["reading"], 0))
        self.network = NetworkPanel(body, family)
        for resized in (body, self.paper, self.reading, self.network):
            resized.bind("<Configure>", self._request_panel_limits, add="+")
        self.show_prediction(None)
        self._show_status()
        self._fit_screen()

        threading.Thread(target=self._load_model, args=(predictor_factory,), daemon=True).start()
        root.after(20, self._check_model_loaded)

    def _fit_screen(self) -> None:
        """On a small screen, open the window only as large as the screen: the panels fit themselves to it."""
        self.root.update_idletasks()
        width, height = self.root.winfo_reqwidth(), self.root.winfo_reqheight()
        room = (self.root.winfo_screenwidth(), self.root.winfo_screenheight() - SCREEN_EDGES)
        if width > room[0] or height > room[1]:
            self.root.geometry(f"{max(SMALLEST_WINDOW[0], min(width, room[0]))}x"
                               f"{max(SMALLEST_WINDOW[1], min(height, room[1]))}")

    # --------------------------------------------------------------- drawing

    def _drawn(self) -> None:
        """The pen changed the drawing: what the status bar said about the old one is no longer true,
        and in a number the digit being written is the one to show."""
        self.status.note(None)
        self.teaching.drawing_changed()
        self.chosen_digit = None
        self._request_update()

    def _stroke_ended(self) -> None:
        """A stroke is finished: count the digits on the paper again, and read it at once."""
        self._count_digits()
        self.update_prediction()

    def undo(self) -> None:
        if self.teaching.undo():  # a lesson just given goes first
            return
        if self.drawing.undo():
            self._replaced()
        else:
            self.status.note("Nothing to undo.")

    def redo(self) -> None:
        """Bring back what Undo took back from the drawing (Ctrl+Shift+Z too, as many programs have it)."""
        if self.drawing.redo():
            self._replaced()
        else:
            self.status.note("Nothing to redo.")

    def clear(self) -> None:
        """Blank the paper; Undo brings the drawing back (Esc is an easy key to press by mistake)."""
        if self.drawing.clear():
            self._replaced()
            self.status.note(f"Cleared. Undo ({command('undo').key}) brings the drawing back.")

    def copy_reading(self) -> None:
        """Put what the window reads on the clipboard, to paste anywhere: the number in number
        mode, else the digit shown as the guess (its best guess, if unsure)."""
        number_mode = self.toggles["number_mode"].get()
        if number_mode and self.number is not None and self.number.digits:
            text, unsure = self.number.text, self.number.unsure
        elif not number_mode and self.prediction is not None and not self.prediction.no_digit and \
                not self._squeezed(self.prediction):
            text, unsure = str(self.prediction.digit), self.prediction.unsure
        else:
            self.status.note(f"Nothing to copy: no {'number' if number_mode else 'digit'} is read.")
            return
        self.root.clipboard_clear()
        self.root.clipboard_append(text)
        self.status.note(f"Copied {text}" + (", read unsurely: check it." if unsure else "."))

    def _replaced(self) -> None:
        """The drawing changed as a whole (undo, clear, open): show it and read it again."""
        self.paper.cancel_stroke()
        self.paper.repaint()
        self.status.note(None)
        self.teaching.drawing_changed()
        self.chosen_digit = None
        self._count_digits()
        self.update_prediction()

    def _count_digits(self) -> None:
        """Outside number mode, count the digits side by side on the paper, and the strokes of a
        number left beyond its edge, for the status bar to point to number mode. Counted when a
        stroke ends or the drawing changes as a whole, never while the pen moves: grouping
        strokes takes up to a few ms."""
        self.digits_seen = self.strokes_off_paper = 0
        if self.toggles["number_mode"].get() or self.drawing.is_empty() or self.reader is None:
            return
        self.strokes_off_paper = len(self.drawing.visible_strokes()) - len(self.drawing.pixel_strokes())
        try:
            self.digits_seen = self.reader.digits_side_by_side(self.drawing)
        except ModelError:  # a model that fails on some drawings: update_prediction says so
            pass

    def _why_not_one_digit(self) -> str | None:
        """Why what is shown is no single digit to teach, or None (in number mode the chosen
        digit is shown, and it is one)."""
        if self.toggles["number_mode"].get():
            return None
        if self.digits_seen >= 2:
            return f"{self.digits_seen} digits side by side. Teach one at a time, or in Number mode."
        if self.drawing.is_only_dots():
            return JUST_DOTS
        return None

    # -------------------------------------------------------------- reading

    def _lessons_changed(self) -> None:
        """The predictor learned or forgot an example of the user's: every reading kept is out of date."""
        self.reader = DrawingReader(self.predictor)
        self.update_prediction()

    def _request_update(self) -> None:
        """Refresh the guess soon, but at most once per UPDATE_INTERVAL_MS while drawing."""
        if self._update_pending is None:
            self._update_pending = self.root.after(UPDATE_INTERVAL_MS, self.update_prediction)

    def update_prediction(self) -> None:
        if self._update_pending is not None:
            self.root.after_cancel(self._update_pending)
            self._update_pending = None
        failed_before, self.reading_error = self.reading_error, None
        try:
            if self.reader is not None and self.toggles["number_mode"].get():
                self.show_number(self.reader.number(self.drawing, writing=self.paper.drawing_stroke))
            elif self.reader is not None:
                self.show_prediction(self.reader.digit(self.drawing))
        except ModelError as error:  # someone else's model failing on this drawing: said, and drawing goes on
            self.reading_error = str(error)
            if self.reading_error != failed_before:
                log.error("cannot read the drawing: %s", error)
            self.number = None
            self.paper.show_digits([])
            self.show_prediction(None)
        self._show_status()

    def show_prediction(self, prediction: Prediction | None, log_it: bool = True) -> None:
        """Show a Prediction (or None: nothing drawn, or no model yet) in the panels."""
        self.prediction = prediction
        if self.model_error or self.reading_error:
            hint, is_error = ("No model" if self.model_error else "Cannot read it") + " —\nsee below", True
        else:
            # in number mode the line above the paper already says to write a number
            waiting = "Each digit you\nwrite shows here" if self.toggles["number_mode"].get() else \
                "Draw a digit\non the paper"
            if prediction is None and self._rows_seen() > 1:  # rows of digits, in number mode
                waiting = f"{self._rows_seen()} rows of writing:\nnot one number"
            elif prediction is None and self.drawing.picture_alone() is not None:  # a picture with no digit
                waiting = "No digit found\nin the picture"
            hint, is_error = (waiting if self.predictor else "Loading\nthe model…"), False
        if self._squeezed(prediction):  # the squeezed 28x28 stays in view, as it shows why
            self.reading.show(None, several_digits_hint(self.digits_seen), model_input=prediction.model_input)
        else:
            self.reading.show(prediction, hint, is_error)
        if self.toggles["network"].get():
            self.network.show(prediction)
        if not log_it:
            return
        guess = None
        if prediction is not None:
            guess = ("none", prediction.no_digit) if prediction.no_digit else \
                (prediction.digit, f"{prediction.confidence:.1%}")
        if guess != self.shown_guess and guess is not None:
            log.info("prediction: %s (%s)", *guess)
        self.shown_guess = guess

    def _squeezed(self, prediction) -> bool:
        """Whether the reading is of several digits squeezed into one 28x28, read as a doubtful
        digit: meaningless, as predict.py says, so no guess is shown (nor copied)."""
        return self.digits_seen >= 2 and prediction is not None and (prediction.unsure or prediction.no_digit)

    # ----------------------------------------------------------- number mode

    def switch_number_mode(self) -> None:
        """Number mode on or off, as its toggle says: a wide paper for a number, or a square one.

        The paper is shown anew, so what the status bar last said of it goes (a lesson about
        a reading no longer shown, a digit of the number or the whole drawing as one; a save;
        a clear) and would hide what it says of the paper now (strokes left beyond the square
        paper's edge). Undo is about the drawing again; the Teach menu still takes the last
        lesson back.

        A window made taller in number mode is left as much wider with it (and one made shorter,
        narrower): the square paper then takes the height the person gave the wide one, rather
        than leaving a band empty under it."""
        self.status.note(None)
        self.teaching.drawing_changed()
        number_mode = self.toggles["number_mode"].get()
        width = self.root.winfo_width()
        if number_mode:
            self._number_mode_height = self.root.winfo_height()
        else:
            width += self.root.winfo_height() - self._number_mode_height
        self._extra_width["number_mode"] = round(self.drawing.size[1] * (NUMBER_ASPECT - 1)) if number_mode else 0
        if number_mode:
            self.number_line.pack(side="top", fill="x", before=self.paper, padx=(self.paper.left_margin(), 0))
        else:
            self.number_line.pack_forget()
            self.paper.show_digits([])
            self.number = None
            self.reading.set_heading("The network reads")
        self._set_smallest_window()
        self._fit_width(width)
        self.paper.set_aspect(NUMBER_ASPECT if number_mode else 1.0)
        self._request_panel_limits()
        self.chosen_digit = None
        self._count_digits()
        self.update_prediction()

    def _align_number_line(self, event: tk.Event | None = None) -> None:
        """The number above the paper starts where the paper does (the paper is centred in its room)."""
        if self.number_line.winfo_manager():
            self.number_line.pack_configure(padx=(self.paper.left_margin(), 0))

    def show_number(self, number: NumberReading | None) -> None:
        """Show a NumberReading: the number above the paper, its digits on it, the chosen one in the panels."""
        self.number = number
        digits = number.digits if number else ()
        shown = self._shown_digit()
        self.number_line.show(number, writing=self.paper.drawing_stroke)
        self.paper.show_digits([DigitBox(digit.box, guess_label(digit.prediction), digit.prediction.unsure,
                                         index == shown) for index, digit in enumerate(digits)])
        self.reading.set_heading(f"Digit {shown + 1} of {len(digits)} reads" if digits else "The network reads")
        self.show_prediction(digits[shown].prediction if digits else None, log_it=False)
        text = (number.text, f"{number.confidence:.1%}") if digits else None
        if text != self.shown_guess and text is not None:
            log.info("number: %s (%s)", *text)
        self.shown_guess = text

    def _shown_digit(self) -> int:
        """The digit to show in the panels: the chosen one, else the one the last stroke went into."""
        digits = self.number.digits if self.number else ()
        if not digits:
            return 0
        if self.chosen_digit is not None and self.chosen_digit < len(digits):
            return self.chosen_digit
        strokes = self.drawing.pixel_strokes()
        if strokes:
            x, y = strokes[-1].points[-1]
            for index, digit in enumerate(digits):
                left, top, width, height = digit.box
                if left <= x <= left + width and top <= y <= top + height:
                    return index
        return len(digits) - 1

    def choose_digit(self, index: int) -> None:
        """Show digit ``index`` of the number in the panels (a click on its box or reading)."""
        if not self.toggles["number_mode"].get():
            return
        self.chosen_digit = index
        self.show_number(self.number)

    def step_digit(self, step: int) -> None:
        if self.number and self.number.digits:
            self.choose_digit((self._shown_digit() + step) % len(self.number.digits))

    def _rows_seen(self) -> int:
        """How many rows of writing, one above the other, number mode found on the paper (1 if not read)."""
        return self.number.rows if self.number is not None and self.toggles["number_mode"].get() else 1

    def _marks_left_out(self) -> int:
        """How many marks number mode read as no digit among the strokes (0 if not read)."""
        return self.number.marks_left_out if self.number is not None and self.toggles["number_mode"].get() else 0

    def _examples_taught(self) -> int:
        """How many examples of handwriting the model reads with (0 before it is loaded)."""
        examples = self.predictor.examples if self.predictor else None
        return len(examples) if examples is not None else 0

    def _show_status(self) -> None:
        model = self.predictor.model_path.name if self.predictor else None
        line = status_line(self.drawing, model, number_mode=self.toggles["number_mode"].get(),
                           model_error=self.model_error, reading_error=self.reading_error,
                           digits_seen=self.digits_seen, strokes_off_paper=self.strokes_off_paper,
                           rows_seen=self._rows_seen(), examples=self._examples_taught(),
                           marks_left_out=self._marks_left_out())
        self.status.show_state(line, error=bool(self.model_error or self.reading_error))

    # ------------------------------------------------------------- the model

    def _load_model(self, predictor_factory) -> None:
        try:
            self._loaded.put(predictor_factory())
        except Exception as error:  # shown in the window; the app stays usable for drawing
            self._loaded.put(error)

    def _check_model_loaded(self) -> None:
        try:
            result = self._loaded.get_nowait()
        except queue.Empty:
            self.root.after(20, self._check_model_loaded)
            return
        if isinstance(result, Exception):
            log.error("model not loaded: %s", result)
            self.model_error = str(result)
            self.show_prediction(None)
            self._show_status()
            return
        self.predictor = result
        self.reader = DrawingReader(result)
        self.reading.unsure_below = result.calibration.unsure_below
        self.network.set_filters(result.filters())
        self.teaching.set_examples(result.examples)
        log.info("model %s ready", result.model_path.name)
        log.debug("canvas at screen %d,%d size %dx%d", self.canvas.winfo_rootx(), self.canvas.winfo_rooty(),
                  self.canvas.winfo_width(), self.canvas.winfo_height())
        self._count_digits()  # what was drawn while the model loaded
        self.update_prediction()

    def is_ready(self) -> bool:
        return self.predictor is not None

    # ----------------------------------------------------- inside the network

    def show_network_panel(self) -> None:
        """Show or hide the network panel, as its toggle says; the window widens to make room."""
        width = self.root.winfo_width()
        if self.toggles["network"].get():
            self.network.grid(row=1, column=2, sticky="ns", padx=(PANEL_GAPS["network"], 0))
            # Measured as large as the row's height allows, up to scale 1 (past it, the panels
            # grow only into width the paper cannot use): fitting the panels to the window's
            # width now would fit them to the narrower window before it widens for the panel.
            self._measuring_network = True
            try:
                self.network.limit_scale(1.0)
                self.network.fit_height(self.reading.winfo_height())
                self.network.show(self.prediction)
                self.root.update_idletasks()
                self._extra_width["network"] = self.network.winfo_reqwidth() + PANEL_GAPS["network"]
            finally:
                self._measuring_network = False
        else:
            self.network.grid_remove()
            self._extra_width["network"] = 0
        self._set_smallest_window()
        self._fit_width(width)
        self._request_panel_limits()

    def _set_smallest_window(self) -> None:
        """The smallest window for the parts shown, never wider than the screen: on a 1024-pixel
        screen (a classroom projector) number mode with the network panel asked for 1100, and
        the window's right edge was cut off."""
        if not self.toggles["network"].get():
            width, height = SMALLEST_WINDOW
        elif self.toggles["number_mode"].get():
            width, height = SMALLEST_WINDOW_FOR_NUMBERS_WITH_NETWORK
        else:
            width, height = SMALLEST_WINDOW_WITH_NETWORK
        self.root.minsize(min(width, self.root.winfo_screenwidth()), height)

    def _request_panel_limits(self, event: tk.Event | None = None) -> None:
        """Work the panels' largest scale out again once Tk is idle, if the window's width, the
        paper's or a panel's height, or the parts shown changed since it was last worked out
        (one answer for a burst of changes, from the sizes they end at). A panel only made
        wider or narrower asks for nothing: that is what working it out does."""
        if self._measuring_network:
            return  # show_network_panel asks once the window has its new width
        if self._panel_limits_pending is None and self._panel_room() != self._panels_fitted_to:
            self._panel_limits_pending = self.root.after_idle(self._limit_panel_scales)

    def _panel_room(self) -> tuple:
        """What the panels' largest scale depends on."""
        return (self.root.winfo_width(), self.paper.winfo_height(), self.reading.winfo_height(),
                self.network.winfo_height(), self.toggles["network"].get(), self.toggles["number_mode"].get())

    def _limit_panel_scales(self) -> None:
        """Let the side panels grow with the window's height only as far as its width leaves
        the paper room (SMALLEST_PAPER): on a screen no wider than a tall window, the network
        panel grown to the height took all the width, and the paper vanished.

        The panels' widths do not grow quite in step with their scale (fonts never shrink
        under 8 points), so the scale worked out from their widths now is tried, then
        moved a step at a time to the largest that fits. Trying a scale lays the panels out,
        which asks for this again: that is ignored until the answer is in (see finally).
        The sizes it is worked out for are kept as they were when it began: a height that
        changed while it ran (the paper's, a moment after the window's) asks for it again."""
        room = self._panel_room()
        try:
            self._fit_panels_to_width()
        finally:
            self._panels_fitted_to = room
            self._panel_limits_pending = None

    def _fit_panels_to_width(self) -> None:
        panels = [self.reading] + ([self.network] if self.toggles["network"].get() else [])
        number_mode = self.toggles["number_mode"].get()
        gaps = PANEL_GAPS["reading"] + (PANEL_GAPS["network"] if len(panels) > 1 else 0)
        # The window's width, not the body's: the body, which spans it, gets a new width a
        # moment after the window does (when a panel was shown, this ran in that moment).
        room = self.root.winfo_width() - 2 * BODY_PADDING - gaps

        def width_at(scale: float) -> int:
            for panel in panels:
                panel.limit_scale(scale)
            return sum(panel.winfo_reqwidth() for panel in panels)

        paper_at_full_height = round(self.paper.winfo_height() * self.paper.aspect)
        # The paper first: the panels grow past scale 1 (or the scale the height gives them,
        # if less) only into width the paper cannot use. Grown with a taller window, they took
        # its width and left it smaller than in a shorter window, with empty room under it.
        paper = max(min(SMALLEST_PAPER[number_mode], paper_at_full_height),
                    min(paper_at_full_height, room - width_at(1.0)))
        room -= paper
        widths_at_scale_one = [panel.width_at_scale_one() for panel in panels]
        largest = widest_scale(room, widths_at_scale_one)
        while largest > SMALLEST_SCALE and width_at(largest) > room:
            largest = round(largest - SCALE_STEP, 2)
        width_at(largest)
        while largest < LARGEST_SCALE:
            scales = [panel.scale for panel in panels]
            if width_at(round(largest + SCALE_STEP, 2)) > room or [panel.scale for panel in panels] == scales:
                break  # no room; or the height holds them back (until it grows)
            largest = round(largest + SCALE_STEP, 2)  # even if no wider: small fonts stop shrinking at 8 points
        width_at(largest)
        self.number_line.fit(self.reading.scale)

    def _fit_width(self, width: int) -> None:
        """Make the window, ``width`` pixels wide before a part was shown or hidden, as wide as the
        person made it plus what every part now shown asks for, as far as the screen allows.

        Worked out from all the parts each time, not widened and narrowed part by part: on
        a small screen the second part shown gets no room of its own, and hiding the first
        must then keep the width the second still needs."""
        chosen = min(width - self._widened, self.root.winfo_screenwidth())  # never wider than the screen
        wanted = min(self.root.winfo_screenwidth(), chosen + sum(self._extra_width.values()))
        fitted = max(int(self.root.minsize()[0]), wanted)  # the smallest window for the parts now shown
        self._widened = fitted - chosen
        self.root.geometry(f"{fitted}x{self.root.winfo_height()}")

    def step_map(self, step: int) -> None:
        if self.toggles["network"].get():
            self.network.step_selection(step)

    # ----------------------------------------------------------------- files

    def open_image(self) -> None:
        path = dialogs.ask_image_to_open(self.root, self.toggles["number_mode"].get())
        if path:
            self.open_path(path)

    def paste_picture(self) -> None:
        """Read the picture on the clipboard as Open reads a file (a screenshot, a drawing copied
        in another program, an image file copied in a file manager).

        It is fetched on a worker thread while the window goes on: on X11 the window may hold
        the clipboard itself (its Copy) and must answer the request for it, and another
        program may take seconds to hand it over (see draw_app.clipboard). What arrives after
        the drawing changed (a stroke, Esc, Undo) is dropped: the person has moved on."""
        if self._pasted is not None:
            return  # a paste is under way
        self.paper.end_stroke()  # Ctrl+V with the button down: a dialog may take its release
        text = ""
        if self.root.tk.call("tk", "windowingsystem") != "x11":  # there Tk reads the system's clipboard itself
            try:
                text = self.root.clipboard_get()
            except tk.TclError:  # no text on it (a picture only), or nothing at all
                pass
        self._pasted = pasted = queue.Queue()

        def fetch() -> None:
            result: object = RuntimeError("the clipboard's reader stopped")
            try:
                result = pasted_picture(text)
            except Exception as error:  # said in the window, whatever it is
                if not isinstance(error, ImageError):
                    log.exception("cannot paste")
                result = error
            finally:
                pasted.put(result)

        threading.Thread(target=fetch, daemon=True).start()
        self.status.note("Reading the clipboard…")
        self.root.after(20, self._check_pasted, pasted, self.drawing.mark())

    def _check_pasted(self, pasted: queue.Queue, mark: tuple) -> None:
        """Show what the paste brought (``mark``: the drawing when Ctrl+V was pressed)."""
        if pasted is not self._pasted:
            return  # given up (Save or Quit came first)
        try:
            result = pasted.get_nowait()
        except queue.Empty:
            self.root.after(20, self._check_pasted, pasted, mark)
            return
        self._pasted = None
        if not self.drawing.is_as_marked(mark):
            self.status.note("Paste dropped: the drawing changed while the clipboard was read.")
            return
        self.status.note(None)
        if isinstance(result, Exception):
            dialogs.show_error(self.root, f"Cannot paste a picture:\n{result}")
            return
        pixels, name = result
        self.drawing.add_picture(picture_for_paper(pixels), name, pixels)
        self._replaced()

    @property
    def is_pasting(self) -> bool:
        """Whether a paste is fetching the clipboard's picture."""
        return self._pasted is not None

    def open_path(self, path: Path) -> bool:
        """Show an image file on the paper and read it; on failure keep the drawing."""
        try:
            pixels = read_image(path)
        except ImageError as error:
            dialogs.show_error(self.root, f"Cannot open {path.name}:\n{error}")
            return False
        self.drawing.add_picture(picture_for_paper(pixels), path.name, pixels)
        self._replaced()
        return True

    def save_drawing(self) -> bool:
        """Ask where, then save; True if the drawing was saved."""
        self._pasted = None  # a paste arriving under the dialog would be saved in place of the drawing
        number_mode = self.toggles["number_mode"].get()
        if self.drawing.is_empty():
            what = "number" if number_mode else "digit"
            dialogs.show_info(self.root, f"There is nothing to save yet: draw a {what} first.")
            return False
        if number_mode:
            name = f"number_{self.number.text}.png" if self.number and self.number.digits else "number.png"
        else:
            shown = self.prediction
            name = "digit.png" if shown is None or shown.no_digit or self._squeezed(shown) else f"digit_{shown.digit}.png"
        path = dialogs.ask_where_to_save(self.root, name, self.saved_to)
        return path is not None and self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Write the drawing in the format its name asks for (PNG unless it names another) via a
        temporary file, so a failed save harms nothing."""
        try:
            write_atomically(path, lambda temporary: self.drawing.image.save(temporary, saved_format(path)))
        except OSError as error:
            dialogs.show_error(self.root, f"Cannot save {path.name}:\n{error.strerror or error}")
            return False
        self.saved_to = path.parent
        self.saved_mark = self.drawing.mark()
        self.status.note(f"Saved {path}")
        return True

    def has_unsaved_drawing(self) -> bool:
        """Whether quitting would lose what the paper shows: strokes drawn, or a pasted picture
        (no file holds it), never saved as they are now. A picture opened and not drawn on is
        its file's already."""
        alone = self.drawing.picture_alone()
        unsaved = alone.name == PASTED if alone is not None else bool(self.drawing.visible_strokes())
        return unsaved and not self.drawing.is_as_marked(self.saved_mark)

    def quit(self) -> None:
        """Close the window, first offering to save a drawing that would be lost (as drawing
        programs do); Cancel, or cancelling the file dialog, keeps the window open."""
        self.paper.end_stroke()  # Ctrl+Q with the button down: the dialog would take its release
        self._pasted = None  # a paste arriving under the dialog would replace what it asks about
        if self.has_unsaved_drawing():
            answer = dialogs.ask_save_before_quitting(self.root)
            if answer is None or (answer and not self.save_drawing()):
                return
        self.root.destroy()


def guess_label(prediction: Prediction) -> str:
    """A digit's reading as the paper marks it: the digit, with a question mark when unsure."""
    return f"{prediction.digit}?" if prediction.unsure else str(prediction.digit)
