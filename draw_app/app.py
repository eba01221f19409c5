"""The drawing window: draw a digit with the mouse and watch the network read it.

DigitApp only composes the window's parts and connects them; each part does one job:
the paper (draw_app/paper.py) shows the drawing and takes the pen, the reading panel
(reading_panel.py) shows the guess, the network panel (network_panel.py) what each
layer makes of the drawing, the toolbar and status bar (toolbar.py) the commands and
what is true now, and commands.py names every action with its key for the menus.

The window opens at once; the model loads on a worker thread, and the first stroke is
read as soon as it is ready. While a stroke is drawn the guess is refreshed at most
every UPDATE_INTERVAL_MS, so drawing never stutters, and once more on release. The app
hands the drawing to a Predictor and shows what comes back; it knows nothing of how
the model runs, nor of pixels: the drawing and draw_app/images.py make the pictures.
"""

from __future__ import annotations

import logging
import queue
import threading
import tkinter as tk
from pathlib import Path
from tkinter import ttk

from draw_app import dialogs
from draw_app.commands import install
from draw_app.files import write_atomically
from draw_app.help import TITLE, AboutBox, ShortcutsWindow
from draw_app.images import ImageError, picture_for_paper
from draw_app.network_panel import NetworkPanel
from draw_app.paper import Paper
from draw_app.reading_panel import ReadingPanel
from draw_app.strokes import Drawing
from draw_app.theme import apply_style
from draw_app.toolbar import StatusBar, Toolbar, status_line

log = logging.getLogger("draw_app")

PAPER_SIDE = 520
DEFAULT_PEN = 18
UPDATE_INTERVAL_MS = 40
SMALLEST_WINDOW = (640, 480)
SMALLEST_WINDOW_WITH_NETWORK = (1000, 480)

ICON = Path(__file__).resolve().parent / "icon.png"


class DigitApp:
    """The main window. ``predictor_factory`` builds the Predictor on a worker thread."""

    def __init__(self, root: tk.Tk, predictor_factory, model_name: str) -> None:
        self.root = root
        self.model_name = model_name
        self.predictor = None
        self.model_error: str | None = None
        self.prediction = None
        self.drawing = Drawing(PAPER_SIDE, PAPER_SIDE)
        self.shown_guess: tuple[int, str] | None = None
        self._update_pending: str | None = None
        self._widened_by = 0
        self._loaded: queue.Queue = queue.Queue()

        root.title(TITLE)
        self._icon = tk.PhotoImage(file=str(ICON))
        root.iconphoto(True, self._icon)
        root.minsize(*SMALLEST_WINDOW)
        family = apply_style(root)
        self.toggles = {"network": tk.BooleanVar(root, False)}
        self.pen_width = tk.IntVar(root, DEFAULT_PEN)
        handlers = {"open": self.open_image, "save": self.save_drawing, "quit": root.destroy,
                    "undo": self.undo, "clear": self.clear,
                    "thinner_pen": lambda: self.toolbar.change_pen(-2),
                    "thicker_pen": lambda: self.toolbar.change_pen(2),
                    "network": self.show_network_panel, "previous_map": lambda: self.step_map(-1),
                    "next_map": lambda: self.step_map(1),
                    "shortcuts": lambda: ShortcutsWindow(root),
                    "about": lambda: AboutBox(root, self.predictor.model_path if self.predictor else None, self._icon)}
        self.menu = install(root, handlers, self.toggles)

        self.status = StatusBar(root)
        self.status.pack(side="bottom", fill="x")
        body = ttk.Frame(root, padding=(16, 12, 16, 8))
        body.pack(fill="both", expand=True)
        body.columnconfigure(0, weight=1)
        body.rowconfigure(1, weight=1)
        self.toolbar = Toolbar(body, handlers, self.toggles, self.pen_width, hint=self.status.hint)
        self.toolbar.grid(row=0, column=0, columnspan=3, sticky="ew")
        self.paper = Paper(body, self.drawing, pen_width=self.pen_width.get, on_change=self._drawn,
                           on_stroke_end=self.update_prediction, on_resize=self._request_update)
        self.paper.grid(row=1, column=0, sticky="nsew")
        self.canvas = self.paper.canvas
        self.reading = ReadingPanel(body, family)
        self.reading.grid(row=1, column=1, sticky="ns", padx=(20, 0))
        self.network = NetworkPanel(body, family)
        self.show_prediction(None)
        self._show_status()

        threading.Thread(target=self._load_model, args=(predictor_factory,), daemon=True).start()
        root.after(20, self._check_model_loaded)

    # --------------------------------------------------------------- drawing

    def _drawn(self) -> None:
        """The pen changed the drawing: what the status bar said about the old one is no longer true."""
        self.status.note(None)
        self._request_update()

    def undo(self) -> None:
        if self.drawing.undo():
            self._replaced()

    def clear(self) -> None:
        self.drawing.clear()
        self._replaced()

    def _replaced(self) -> None:
        """The drawing changed as a whole (undo, clear, open): show it and read it again."""
        self.paper.repaint()
        self.status.note(None)
        self.update_prediction()

    # -------------------------------------------------------------- reading

    def _request_update(self) -> None:
        """Refresh the guess soon, but at most once per UPDATE_INTERVAL_MS while drawing."""
        if self._update_pending is None:
            self._update_pending = self.root.after(UPDATE_INTERVAL_MS, self.update_prediction)

    def update_prediction(self) -> None:
        if self._update_pending is not None:
            self.root.after_cancel(self._update_pending)
            self._update_pending = None
        if self.predictor is not None:
            self.show_prediction(None if self.drawing.is_empty() else self.predictor.predict(self.drawing.to_array()))
        self._show_status()

    def show_prediction(self, prediction) -> None:
        """Show a Prediction (or None: nothing drawn, or no model yet) in the panels."""
        self.prediction = prediction
        if self.model_error:
            hint, is_error = "No model —\nsee below", True
        else:
            hint, is_error = ("Draw a digit\non the paper" if self.predictor else "Loading\nthe model…"), False
        self.reading.show(prediction, hint, is_error)
        if self.toggles["network"].get():
            self.network.show(prediction)
        guess = None
        if prediction is not None:
            guess = ("none", prediction.no_digit) if prediction.no_digit else \
                (prediction.digit, f"{prediction.confidence:.1%}")
        if guess != self.shown_guess and guess is not None:
            log.info("prediction: %s (%s)", *guess)
        self.shown_guess = guess

    def _show_status(self) -> None:
        model = self.predictor.model_path.name if self.predictor else None
        self.status.show_state(status_line(self.drawing, model, self.model_error), error=bool(self.model_error))

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
        self.network.set_filters(result.network.filters())
        log.info("model %s ready", result.model_path.name)
        log.debug("canvas at screen %d,%d size %dx%d", self.canvas.winfo_rootx(), self.canvas.winfo_rooty(),
                  self.canvas.winfo_width(), self.canvas.winfo_height())
        self.update_prediction()

    def is_ready(self) -> bool:
        return self.predictor is not None

    # ----------------------------------------------------- inside the network

    def show_network_panel(self) -> None:
        """Show or hide the network panel, as its toggle says; the window widens to make room."""
        if self.toggles["network"].get():
            width, height = self.root.winfo_width(), self.root.winfo_height()
            self.network.grid(row=1, column=2, sticky="ns", padx=(24, 0))
            self.network.show(self.prediction)
            self.root.minsize(*SMALLEST_WINDOW_WITH_NETWORK)
            self.root.update_idletasks()  # the panel fits itself to the height it gets, which sets its width
            wanted = min(self.root.winfo_screenwidth(), width + self.network.winfo_reqwidth() + 24)
            self._widened_by = max(0, wanted - width)
            self.root.geometry(f"{width + self._widened_by}x{height}")
        else:
            self.network.grid_remove()
            self.root.minsize(*SMALLEST_WINDOW)
            if self._widened_by:
                self.root.geometry(f"{max(SMALLEST_WINDOW[0], self.root.winfo_width() - self._widened_by)}"
                                   f"x{self.root.winfo_height()}")
                self._widened_by = 0

    def step_map(self, step: int) -> None:
        if self.toggles["network"].get():
            self.network.step_selection(step)

    # ----------------------------------------------------------------- files

    def open_image(self) -> None:
        path = dialogs.ask_image_to_open(self.root)
        if path:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Show an image file on the paper and read it; on failure keep the drawing."""
        try:
            picture = picture_for_paper(path)
        except ImageError as error:
            dialogs.show_error(self.root, f"Cannot open {path.name}:\n{error}")
            return False
        self.drawing.add_picture(picture, path.name)
        self._replaced()
        return True

    def save_drawing(self) -> None:
        if self.drawing.is_empty():
            dialogs.show_info(self.root, "There is nothing to save yet: draw a digit first.")
            return
        digit = self.shown_guess[0] if self.shown_guess and self.shown_guess[0] != "none" else None
        path = dialogs.ask_where_to_save(self.root, f"digit_{digit}.png" if digit is not None else "digit.png")
        if path:
            self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Write the drawing as PNG via a temporary file, so a failed save harms nothing."""
        try:
            write_atomically(path, lambda temporary: self.drawing.image.save(temporary, "PNG"))
        except OSError as error:
            dialogs.show_error(self.root, f"Cannot save {path.name}:\n{error.strerror or error}")
            return False
        self.status.note(f"Saved {path}")
        return True

