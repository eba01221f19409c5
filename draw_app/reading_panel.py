"""The reading panel: the network's guess in large type, its ten bars, and the 28x28 it saw.

The panel grows with the window: everything in it is laid out at one scale, taken
from the height it is given, so at the smallest window nothing is cut off and on a
large one the bars and the 28x28 view are large too. A click on a digit's bar is
reported through ``on_digit_click`` (for telling the app which digit it really is), and
the row under the pointer through ``on_digit_hover`` (to say what a click would do).
"""

from __future__ import annotations

import math
import tkinter as tk
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from tkinter import font as tkfont
from tkinter import ttk

import numpy as np
from PIL import Image, ImageTk

from draw_app.theme import (ACCENT, BACKGROUND, BAR_EMPTY, BAR_FILL, ERROR, LARGEST_SCALE, MUTED, PANEL_HEIGHT,
                            TEXT, UNSURE, keep_fonts_loaded, panel_scale)

if TYPE_CHECKING:  # for type hints only: the panels are handed readings, not the model
    from draw_app.predictor import Prediction

FONTS = (("heading", 11, "bold"), ("guess", 56, "bold"), ("confidence", 13, "normal"), ("digit", 11, "normal"),
         ("best digit", 11, "bold"), ("value", 10, "normal"), ("best value", 10, "bold"))
"""Each font of the panel: its name, its size at layout scale 1 and its weight."""

CLICK_SLOP = 6
"""How far, in pixels, the pointer may move between press and release for a click on a row:
a hand's tremor, as desktops allow (GTK 8, Windows 4); any further is a drag, which teaches nothing."""

WIDEST_LINES = ("not like any digit", "100%, yet unsure", "Cannot read it —", "try Number mode")
"""The longest lines shown beside the guess: the line is made as wide as they are, so none is cut."""


def several_digits_hint(count: int) -> str:
    """Shown instead of a guess when the paper holds ``count`` digits side by side (its last
    line is one of WIDEST_LINES)."""
    return f"{count} digits here:\ntry Number mode"


def guess_text(prediction: Prediction | None, unsure_below: float = 1.0) -> tuple[str, str, str]:
    """What the guess and the line beside it say about a Prediction, and in which colour.
    ``unsure_below``: the model's line under which a reading is unsure; one marked unsure at
    or above it was so for another reason (a digit small for the pen, whose strokes run
    together), and the line does not call its confidence too low ("Not sure: 97%" read as a
    contradiction to a trial's user).

    When the person's own examples decided the digit, the line says so ("as you taught"):
    after a lesson, learned on purpose or by a slip, the reading may differ from the
    network's, and the person should be able to tell which of the two they see."""
    if prediction.no_digit:
        return "–", f"No digit here:\n{prediction.no_digit}", MUTED
    taught = "\nas you taught" if prediction.from_examples else ""
    if prediction.unsure:
        runner_up = prediction.runner_up
        doubt = (f"Not sure: {prediction.confidence:.0%}" if prediction.confidence < unsure_below
                 else f"{prediction.confidence:.0%}, yet unsure")
        return (f"{prediction.digit}?", f"{doubt}\nor {runner_up} "
                f"({prediction.probabilities[runner_up]:.0%}){taught}", UNSURE)
    sure = " sure" if taught else "\nsure"
    return str(prediction.digit), f"{prediction.confidence:.1%}{sure}{taught}", ACCENT


class ReadingPanel(ttk.Frame):
    """Shows one Prediction, or a hint when there is none."""

    def __init__(self, parent: tk.Misc, family: str, on_digit_click: Callable[[int], object] | None = None,
                 on_digit_hover: Callable[[int | None], object] | None = None) -> None:
        super().__init__(parent)
        self._on_digit_click = on_digit_click
        self._on_digit_hover = on_digit_hover
        self._pressed_digit: int | None = None
        self._pressed_at = (0, 0)
        self.unsure_below = 1.0
        """The model's line under which a reading is unsure (see guess_text); set once it is loaded."""
        self._travel = 0
        """How far the pointer has gone from where the button was pressed."""
        self._hovered_digit: int | None = None
        self._scale = 0.0
        self._geometry = (0.0, 0.0, 0.0, 0.0)
        """Row height, where the bars start, their full length, where the values end; set by _fit."""
        self._probabilities: Sequence[float] = (0.0,) * 10
        self._best: int | None = None
        self._best_fill = ACCENT
        """The best digit's bar: blue, or orange like the guess when the network is unsure."""
        self._model_input: np.ndarray | None = None
        self._bars_shown = False
        self._shown: dict[tk.Widget, dict] = {}
        self._items_shown: dict[int, dict] = {}
        """What each bar item was last given, so that only changes go to Tk."""
        self.fonts = {name: tkfont.Font(self, family=family, size=size, weight=weight) for name, size, weight in FONTS}

        self.heading = ttk.Label(self, text="The network reads", font=self.fonts["heading"])
        self.heading.pack(anchor="w")
        guess_row = ttk.Frame(self)
        guess_row.pack(anchor="w", fill="x")
        self.guess = ttk.Label(guess_row, text="?", font=self.fonts["guess"], width=2, anchor="center",
                               foreground=BAR_EMPTY)
        self.guess.pack(side="left")
        self.confidence = ttk.Label(guess_row, text="", font=self.fonts["confidence"])
        self.confidence.pack(side="left", padx=(8, 0))

        self.bars = tk.Canvas(self, background=BACKGROUND, highlightthickness=0, width=264, height=244)
        self.bars.pack(anchor="w", pady=(4, 12))
        self._bar_items = []
        for digit in range(10):
            label = self.bars.create_text(0, 0, text=str(digit), fill=TEXT, tags=("row", f"row{digit}"))
            empty = self.bars.create_rectangle(0, 0, 0, 0, fill=BAR_EMPTY, outline="", tags=("row", f"row{digit}"))
            bar = self.bars.create_rectangle(0, 0, 0, 0, fill=BAR_FILL, outline="", tags=("row", f"row{digit}"))
            value = self.bars.create_text(0, 0, text="–", anchor="e", fill=MUTED, tags=("row", f"row{digit}"))
            self._bar_items.append((label, empty, bar, value))
        keep_fonts_loaded(self.bars, *self.fonts.values())  # the bold "best" font moves from row to row
        if on_digit_click:
            # A click, as a button takes one: pressed and released on the same row, and not a drag.
            # Teaching on the press alone taught by a slip: a stroke begun just beside the paper,
            # on the bars; a loop drawn on the bars back to the row it began on taught too.
            self.bars.configure(cursor="hand2")
            self.bars.bind("<ButtonPress-1>", self._row_pressed)
            self.bars.bind("<B1-Motion>", self._row_dragged)
            self.bars.bind("<ButtonRelease-1>", self._row_released)
        if on_digit_hover:
            self.bars.bind("<Motion>", self._row_hovered)
            self.bars.bind("<Leave>", lambda event: self._hover(None))

        self.view_heading = ttk.Label(self, text="What the network saw (28×28)", font=self.fonts["heading"])
        self.view_heading.pack(anchor="w")
        self._view_photo = ImageTk.PhotoImage(Image.new("L", (140, 140), 0))
        self.view = tk.Label(self, image=self._view_photo, background="black", borderwidth=0)
        self.view.pack(anchor="w", pady=(6, 0))
        # The panel's size is set, not taken from its contents: they follow its size, and
        # letting them also decide it would make the two chase each other.
        self.pack_propagate(False)
        self.largest_scale = LARGEST_SCALE
        """The largest scale the window's width leaves room for (see limit_scale)."""
        self._height = PANEL_HEIGHT
        self.bind("<Configure>", self._resized)
        self._fit(panel_scale(PANEL_HEIGHT))

    # ------------------------------------------------------------------ showing

    def show(self, prediction: Prediction | None, hint: str = "", hint_is_error: bool = False,
             model_input: np.ndarray | None = None) -> None:
        """Show a Prediction; with None, show ``hint`` (what to do to get one) and, if given,
        the 28x28 ``model_input`` that gave no reading worth showing (why it gave none)."""
        if prediction is None:
            self._set(self.guess, text="?", foreground=BAR_EMPTY)
            self._set(self.confidence, text=hint, foreground=ERROR if hint_is_error else MUTED)
            self._probabilities, self._best, self._model_input = (0.0,) * 10, None, model_input
            self._bars_shown = False
        else:
            guess, line, colour = guess_text(prediction, self.unsure_below)
            self._set(self.guess, text=guess, foreground=colour)
            self._set(self.confidence, text=line, foreground=TEXT if colour == ACCENT else colour)
            self._probabilities = prediction.probabilities
            self._best = None if prediction.no_digit else prediction.digit
            self._best_fill = UNSURE if prediction.unsure else ACCENT
            self._model_input = prediction.model_input
            self._bars_shown = True
        self._show_bars()
        self._show_view()

    def _set(self, widget: tk.Widget, **options) -> None:
        """Configure ``widget`` only if something changed: while drawing, most updates change little,
        and every change costs Tk a redraw."""
        if self._shown.get(widget) != options:
            self._shown[widget] = options
            widget.configure(**options)

    def set_heading(self, text: str) -> None:
        """What the panel is about: "The network reads", or which digit of a number."""
        self._set(self.heading, text=text)

    def shown_percentages(self) -> list[str]:
        """The ten values beside the bars, as the person reads them."""
        return [self.bars.itemcget(value, "text") for *_, value in self._bar_items]

    def _show_bars(self) -> None:
        row, left, length, right = self._geometry
        shown = self._bars_shown
        for digit, (probability, (label, _, bar, value)) in enumerate(zip(self._probabilities, self._bar_items)):
            best = digit == self._best
            top = digit * row
            end = round(left + max(1.0, length * probability))
            self._set_item(bar, coords=(left, top + 0.2 * row, end, top + 0.8 * row),
                           state="normal" if shown and probability >= 0.0005 else "hidden",
                           fill=self._best_fill if best else BAR_FILL)
            self._set_item(label, font=self.fonts["best digit" if best else "digit"])
            self._set_item(value, text=f"{probability:.1%}" if shown else "–",
                           font=self.fonts["best value" if best else "value"], fill=TEXT if shown else MUTED)

    def _set_item(self, item: int, coords: tuple[float, ...] | None = None, **options) -> None:
        """Give a bar's item the options that changed: while drawing most stay as they are, and
        Tk lays out a text again whenever its text or font is set, even to what it was."""
        shown = self._items_shown.setdefault(item, {})
        if coords is not None and shown.get("coords") != coords:
            shown["coords"] = coords
            self.bars.coords(item, *coords)
        changed = {name: option for name, option in options.items() if shown.get(name) != option}
        if changed:
            shown.update(changed)
            self.bars.itemconfigure(item, **changed)

    def _show_view(self) -> None:
        side = self._view_photo.width()
        if self._model_input is None:
            self._view_photo.paste(Image.new("L", (side, side), 0))
            return
        view = Image.fromarray((self._model_input * 255).astype(np.uint8))
        self._view_photo.paste(view.resize((side, side), Image.Resampling.NEAREST))

    def _row_at(self, event: tk.Event) -> int | None:
        """The digit whose row is under the pointer; None off the rows."""
        row, _, _, right = self._geometry
        x, y = self.bars.canvasx(event.x), self.bars.canvasy(event.y)
        digit = int(y // row)
        return digit if 0 <= digit <= 9 and 0 <= x <= right else None

    def _row_pressed(self, event: tk.Event) -> None:
        self._pressed_digit = self._row_at(event)
        self._pressed_at = (event.x, event.y)
        self._travel = 0

    def _row_dragged(self, event: tk.Event) -> None:
        """How far the pointer has gone from the press: a drag out and back to it is no click.
        (With the button held, Tk sends this instead of <Motion>: the hint follows too.)"""
        self._travel = max(self._travel, abs(event.x - self._pressed_at[0]), abs(event.y - self._pressed_at[1]))
        if self._on_digit_hover:
            self._row_hovered(event)

    def _row_released(self, event: tk.Event) -> None:
        pressed, self._pressed_digit = self._pressed_digit, None
        self._row_dragged(event)
        if pressed is not None and self._row_at(event) == pressed and self._travel <= CLICK_SLOP:
            self._on_digit_click(pressed)

    def _row_hovered(self, event: tk.Event) -> None:
        """Say what a click would do, while there are bars to click: with none shown, "the
        digit shown" would be no digit."""
        self._hover(self._row_at(event) if self._bars_shown else None)

    def _hover(self, digit: int | None) -> None:
        if digit != self._hovered_digit:
            self._hovered_digit = digit
            self._on_digit_hover(digit)

    # ------------------------------------------------------------------ layout

    def _bar_geometry(self) -> tuple[float, float, float, float]:
        """Row height, where the bars start, their full length, where the values end.

        Measuring the font asks Tk, which cost a live update a fifth of a millisecond:
        it is done when the panel is laid out, and kept in ``_geometry``."""
        s = self._scale
        left, length = 24 * s, 170 * s
        return 24 * s, left, length, left + length + 10 * s + self.fonts["best value"].measure("100.0%")

    def limit_scale(self, largest: float) -> None:
        """Grow with the height given no larger than ``largest``: the room the window's width leaves."""
        self.largest_scale = largest
        self._fit(min(panel_scale(self._height), largest))

    @property
    def scale(self) -> float:
        """The layout scale the panel is drawn at now."""
        return self._scale

    def width_at_scale_one(self) -> float:
        """About how wide the panel is at layout scale 1 (its width grows with the scale)."""
        return self.winfo_reqwidth() / self._scale

    def _resized(self, event: tk.Event) -> None:
        self._height = event.height
        self._fit(min(panel_scale(event.height), self.largest_scale))

    def _fit(self, scale: float) -> None:
        """Lay the panel out at ``scale``: fonts, bars and the 28x28 view all grow together."""
        scale = round(scale, 2)
        if scale == self._scale:
            return
        self._scale = scale
        for name, size, _ in FONTS:
            self.fonts[name].configure(size=max(8 if size < 20 else 28, round(size * scale)))
        self._geometry = row, left, length, right = self._bar_geometry()
        confidence = self.fonts["confidence"]
        self.confidence.configure(width=math.ceil(max(map(confidence.measure, WIDEST_LINES)) / confidence.measure("0")))
        self._items_shown.clear()
        self.bars.configure(width=math.ceil(right + 2), height=math.ceil(10 * row))
        for digit, (label, empty, _, value) in enumerate(self._bar_items):
            top = digit * row
            self.bars.coords(label, left / 3, top + row / 2)
            self.bars.coords(empty, left, top + 0.2 * row, left + length, top + 0.8 * row)
            self.bars.coords(value, right, top + row / 2)
        side = 28 * max(2, round(5 * scale))
        if side != self._view_photo.width():
            self._view_photo = ImageTk.PhotoImage(Image.new("L", (side, side), 0))
            self.view.configure(image=self._view_photo)
        self.update_idletasks()
        self.configure(width=max(child.winfo_reqwidth() for child in self.winfo_children()), height=PANEL_HEIGHT)
        self._show_bars()
        self._show_view()
