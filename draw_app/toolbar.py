"""The toolbar across the top and the status bar along the bottom of the window.

The toolbar's buttons run the same commands as the menus and keys (draw_app/commands.py);
pointing at one shows what it does and its key in the status bar. The status bar says
what is true now: a note about something that happened (a file saved) lasts only until
the drawing changes, and otherwise the line is worked out from the present state by
``status_line``.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from tkinter import ttk

from draw_app.commands import command
from draw_app.strokes import Drawing

PEN_WIDTHS = (4, 40)
"""The pen's thinnest and thickest width, in paper units (the paper is 400 tall)."""

BUTTONS = (("undo", "Undo"), ("clear", "Clear"), ("open", "Open…"), ("save", "Save…"))
TOGGLES = (("number_mode", "Number"), ("network", "Network"))
TIPS = {
    "undo": "Take back the last stroke, opened image, clearing or lesson just given",
    "clear": "Start again on blank paper (Undo brings the drawing back)",
    "open": "Open an image file and read it",
    "save": "Save the drawing as a PNG file",
    "number_mode": "Write a number of several digits on wide paper",
    "network": "Show inside the network: what each layer makes of the drawing",
}


class Toolbar(ttk.Frame):
    """Buttons for the commands, toggles for the two modes, and the pen's width."""

    def __init__(self, parent: tk.Misc, handlers: dict[str, Callable[[], object]],
                 toggles: dict[str, tk.BooleanVar], pen_width: tk.IntVar, hint: Callable[[str | None], object]) -> None:
        super().__init__(parent, padding=(0, 0, 0, 8))
        self.buttons: dict[str, ttk.Button | ttk.Checkbutton] = {}
        for name, label in BUTTONS:
            self.buttons[name] = ttk.Button(self, text=label, command=handlers[name], takefocus=False,
                                            width=-len(label))
        for name, label in TOGGLES:
            self.buttons[name] = ttk.Checkbutton(self, text=label, variable=toggles[name], command=handlers[name],
                                                 takefocus=False)
        for index, (name, button) in enumerate(self.buttons.items()):
            gap = 10 if name == TOGGLES[0][0] else 4
            button.pack(side="left", padx=(0 if index == 0 else gap, 0))
            tip = f"{TIPS[name]} ({command(name).key})"
            button.bind("<Enter>", lambda event, tip=tip: hint(tip))
            button.bind("<Leave>", lambda event: hint(None))

        self.pen_width = pen_width
        ttk.Label(self, textvariable=pen_width, width=2, anchor="e").pack(side="right")
        self.pen_scale = ttk.Scale(self, from_=PEN_WIDTHS[0], to=PEN_WIDTHS[1], variable=pen_width, length=72,
                                   takefocus=False, command=lambda value: pen_width.set(round(float(value))))
        self.pen_scale.pack(side="right", padx=(4, 2))
        pen_label = ttk.Label(self, text="Pen")
        pen_label.pack(side="right", padx=(8, 0))
        for widget in (pen_label, self.pen_scale):
            widget.bind("<Enter>", lambda event: hint(f"The pen's width ({command('thinner_pen').key} and "
                                                      f"{command('thicker_pen').key} change it)"))
            widget.bind("<Leave>", lambda event: hint(None))

    def change_pen(self, step: int) -> None:
        low, high = PEN_WIDTHS
        self.pen_width.set(min(high, max(low, self.pen_width.get() + step)))


def status_line(drawing: Drawing, model: str | None, number_mode: bool = False, model_error: str | None = None,
                reading_error: str | None = None, digits_seen: int = 0, strokes_off_paper: int = 0,
                rows_seen: int = 1, examples: int = 0, marks_left_out: int = 0) -> str:
    """What the status bar says when nothing has just happened: the model's and the paper's state.

    ``digits_seen``: how many digits side by side the paper seems to hold; with two or
    more outside number mode, the line says what reads them all. ``strokes_off_paper``:
    strokes of a number left beyond the edge when number mode's wide paper became square.
    ``rows_seen``: rows of writing one above the other that number mode found, which it does not read.
    ``marks_left_out``: marks among number mode's strokes read as no digit (a dash, a digit written tiny).
    ``examples``: how many examples of the person's handwriting the model reads with, said on
    a blank paper (on a shared classroom computer, someone else's lessons count too)."""
    if model_error:
        return f"No model: {model_error}"
    if reading_error:
        return f"Cannot read this drawing: {reading_error}. Undo ({command('undo').key}) or draw on."
    if model is None:
        return "Loading the model…"
    several = "" if number_mode or digits_seen < 2 else \
        f" looks like {digits_seen} digits side by side: Number mode ({command('number_mode').key}) reads them all."
    count = len(drawing.visible_strokes())
    strokes = f"{count} stroke{'s' if count != 1 else ''}"
    beyond = ""
    if strokes_off_paper and not number_mode:
        which = (f"{strokes}, {strokes_off_paper} of them" if strokes_off_paper < count
                 else f"{strokes}, all" if count > 1 else strokes)
        beyond = (f"{which} beyond the paper's edge: Number mode ({command('number_mode').key}) shows "
                  f"{'it' if strokes_off_paper == 1 else 'them'} again.")
    picture = drawing.picture()
    if rows_seen > 1:
        rows = f"{rows_seen} rows of writing, one above the other: number mode reads one row."
        if picture is not None and not count:
            return f"Reading {picture.name}, which holds {rows}"
        return f"{rows} Undo ({command('undo').key}) takes back the last stroke."
    if picture is not None:
        if several and not count:
            return f"Reading {picture.name}, which{several}"
        if beyond:
            return f"Drawn on {picture.name}; {beyond}"
        on_top = " and drawn on" if count else ""
        return f"Reading {picture.name}{on_top}. Undo ({command('undo').key}) goes back to what was there before."
    if drawing.is_empty():
        what = "a number, digit by digit" if number_mode else "a digit"
        taught = f", with {examples} example{'s' if examples != 1 else ''} taught (Teach menu)" if examples else ""
        return f"Model {model} ready{taught}. Draw {what}; the guess updates as you draw."
    if beyond:
        return beyond
    if number_mode and marks_left_out:
        marks = f"{marks_left_out} mark{'s' if marks_left_out != 1 else ''}"
        return (f"{strokes}; {marks} not read as digits: specks, ticks, lines under the number "
                "and digits far smaller than the rest are left out of it.")
    if several:
        return f"This{several}"
    if drawing.is_small_for_the_pen():
        return f"{strokes}, small for the pen: write larger, or take a thinner pen ({command('thinner_pen').key})."
    return f"{strokes}. Undo ({command('undo').key}) takes back the last, Clear ({command('clear').key}) starts again."


class StatusBar(ttk.Frame):
    """One line along the bottom: a hint while the pointer is on a button, else a note, else the state."""

    def __init__(self, parent: tk.Misc) -> None:
        super().__init__(parent)
        ttk.Separator(self).pack(fill="x")
        # As wide as the window, never wider: a long line (a model's error) wraps instead of widening it.
        self.label = ttk.Label(self, style="Status.TLabel", anchor="w", width=1)
        self.label.pack(fill="x")
        self.label.bind("<Configure>", lambda event: self.label.configure(wraplength=max(1, event.width - 24)))
        self._state = ""
        self._state_is_error = False
        self._note: str | None = None
        self._hint: str | None = None

    def text(self) -> str:
        return self.label.cget("text")

    def show_state(self, text: str, error: bool = False) -> None:
        """The line worked out from the state; shown when there is no note or hint."""
        self._state, self._state_is_error = text, error
        self._refresh()

    def note(self, text: str | None) -> None:
        """Something that happened; stays until the drawing changes (``note(None)``). It is
        newer than the hint of the button or row the pointer rests on, which it replaces:
        a click on a bar's row teaches, and "Learned: …" must not hide behind "Click to teach"."""
        self._note = text
        if text is not None:
            self._hint = None
        self._refresh()

    def hint(self, text: str | None) -> None:
        self._hint = text
        self._refresh()

    def _refresh(self) -> None:
        text = self._hint or self._note or self._state
        style = "Error.TLabel" if self._state_is_error and text == self._state else "Status.TLabel"
        if (text, style) != (self.label.cget("text"), self.label.cget("style")):  # mostly so, while drawing
            self.label.configure(text=text, style=style)
