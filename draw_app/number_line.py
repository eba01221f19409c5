"""Number mode's line above the paper: the whole number in large type and how sure the network is.

The number is only as sure as its least sure digits together (a NumberReading's
confidence is the product of its digits'); when any digit is unsure the line says so
and names the digits to check. The digits themselves are marked on the paper
(draw_app/paper.py) and the chosen one is shown in the reading panel.
"""

from __future__ import annotations

import tkinter as tk
from tkinter import font as tkfont
from tkinter import ttk
from typing import TYPE_CHECKING

from draw_app.theme import ACCENT, BAR_EMPTY, MUTED, TEXT, UNSURE

if TYPE_CHECKING:  # for type hints only: the panels are handed readings, not the model
    from draw_app.number import NumberReading

NUMBER_SIZE, LINE_SIZE = 36, 12
"""The number's and the line's type at layout scale 1."""


def number_text(reading: NumberReading | None, writing: bool = False) -> tuple[str, str, str]:
    """The number, the line beside it and its colour for a NumberReading (None: nothing read
    yet). Ink with no digit in it is said to be none only once the pen is lifted
    (``writing`` False): the first stroke of a number may be no digit yet (a 5's bar)."""
    if reading is not None and reading.rows > 1:
        return "", f"{reading.rows} rows of writing:\nwrite the number on one row", UNSURE
    if reading is None or (writing and not reading.digits):
        return "", "Write a number on the paper,\ndigit by digit, left to right", MUTED
    if not reading.digits:  # ink, but none of it a digit: a dash, a dot, an opened photo of no number
        return "", "No digit found here:\nnothing on the paper reads as one", MUTED
    if reading.unsure:
        doubtful = [ordinal(place + 1) for place, digit in enumerate(reading.digits) if digit.prediction.unsure]
        which = doubtful[0] + " digit" if len(doubtful) == 1 else ", ".join(doubtful[:-1]) + f" and {doubtful[-1]} digits"
        return reading.text, f"Not sure: {reading.confidence:.0%}\ncheck the {which}", UNSURE
    return reading.text, f"{reading.confidence:.1%} sure", ACCENT


def ordinal(place: int) -> str:
    """1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st: a place named by a bare number
    ("check digit 1") reads as a digit, the 1."""
    suffix = "th" if 10 <= place % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(place % 10, "th")
    return f"{place}{suffix}"


class NumberLine(ttk.Frame):
    """Its type is set at the side panels' scale (``fit``), so that the line and the panels
    beside it look alike at every size."""

    def __init__(self, parent: tk.Misc, family: str) -> None:
        super().__init__(parent, padding=(0, 0, 0, 6))
        self.number_font = tkfont.Font(self, family=family, size=NUMBER_SIZE, weight="bold")
        self.line_font = tkfont.Font(self, family=family, size=LINE_SIZE)
        self.number = ttk.Label(self, text="", font=self.number_font, foreground=ACCENT)
        self.number.pack(side="left")
        self.confidence = ttk.Label(self, text="", font=self.line_font, foreground=TEXT, justify="left")
        self.confidence.pack(side="left", padx=(16, 0))

    def fit(self, scale: float) -> None:
        """Set the type for a layout scale (draw_app/theme.py)."""
        self.number_font.configure(size=max(18, round(NUMBER_SIZE * scale)))
        self.line_font.configure(size=max(8, round(LINE_SIZE * scale)))

    def show(self, reading: NumberReading | None, writing: bool = False) -> None:
        """Show a NumberReading (see number_text); with None, how to begin."""
        number, line, colour = number_text(reading, writing)
        self.number.configure(text=number or "?", foreground=colour if number else BAR_EMPTY)
        self.confidence.configure(text=line, foreground=TEXT if colour == ACCENT else colour)
