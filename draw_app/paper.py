"""The paper: a canvas that shows the drawing's image and turns the pen's movements into strokes.

The canvas shows the very image the model reads (draw_app/strokes.py renders it), as
one Tk photo: while a stroke is drawn only the few pixels it changed are copied to the
screen, and after undo, clear, open or a resize the whole image is. The paper keeps
its shape (square for a digit, wide for a number) and grows and shrinks with the
window; the drawing is scaled with it.

In number mode the paper also shows a light box around each digit with its reading
above it; clicking a reading, or clicking inside a box without moving the pen, selects
that digit (a stroke begins only once the pen moves, so a click leaves no dot).
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from tkinter import font as tkfont
from tkinter import ttk

from PIL import ImageTk

from draw_app.strokes import Box, Drawing
from draw_app.theme import ACCENT, BAR_FILL, MUTED, PAPER_EDGE, UNSURE, keep_fonts_loaded

SMALLEST_SIDE = 100
"""The paper is never shorter than this, however small the window (at 120, number mode's paper
with the network panel on a 1024-pixel screen was wider than its room, and cut off)."""

BOX_PADDING = 3
"""Pixels of paper between a digit's ink and the box drawn round it in number mode."""

CLICK_SLACK = 3
"""Pixels a pressed pen may wander inside a digit's box and still be a click on it, not a stroke."""


@dataclass(frozen=True)
class DigitBox:
    """A digit of a number as the paper marks it: where it is (pixels) and what it was read as."""
    box: tuple[int, int, int, int]
    """x, y, width, height in the drawing's pixels."""
    label: str
    unsure: bool = False
    selected: bool = False


class Paper(ttk.Frame):
    """Shows ``drawing`` and draws on it with a round pen ``pen_width()`` paper units wide.

    ``on_change`` is called after every change made with the pen; ``on_stroke_end``
    when the pen is lifted; ``on_resize`` when the paper changed size (the drawing was
    scaled with it); ``on_digit_click`` with a digit's index when its reading, or its
    box without moving the pen, is clicked in number mode.
    """

    def __init__(self, parent: tk.Misc, drawing: Drawing, *, pen_width: Callable[[], float],
                 on_change: Callable[[], object], on_stroke_end: Callable[[], object],
                 on_resize: Callable[[], object], on_digit_click: Callable[[int], object] | None = None,
                 aspect: float = 1.0) -> None:
        super().__init__(parent)
        self.drawing = drawing
        self.aspect = aspect
        self._pen_width = pen_width
        self._on_change = on_change
        self._on_stroke_end = on_stroke_end
        self._on_resize = on_resize
        self._on_digit_click = on_digit_click
        self._drawing_stroke = False
        self._digit_boxes: list[tuple[int, int, int, int]] = []
        self._pressed_on_digit: tuple[int, tuple[int, int]] | None = None
        """The digit whose box the pen was pressed in, and where, until the pen moves or is lifted."""
        width, height = drawing.size
        self.configure(width=width + 2, height=height + 2)
        self._border = tk.Frame(self, background=PAPER_EDGE, padx=1, pady=1)
        self._border.place(x=0, y=0)  # centred in the room the panels leave it by _fit_to
        self.canvas = tk.Canvas(self._border, width=width, height=height, background="white",
                                highlightthickness=0, borderwidth=0, cursor="pencil")
        self.canvas.pack()
        self._photo = ImageTk.PhotoImage(drawing.image)
        self._image_item = self.canvas.create_image(0, 0, image=self._photo, anchor="nw")
        self._reading_font = tkfont.Font(self, font=("TkDefaultFont", 9, "bold"))
        """The digits' readings in number mode; its size follows the paper's."""
        keep_fonts_loaded(self.canvas, self._reading_font)  # the readings are drawn anew on every update
        self.bind("<Configure>", self._fit)
        self.canvas.bind("<ButtonPress-1>", self._pen_down)
        self.canvas.bind("<B1-Motion>", self._pen_move)
        self.canvas.bind("<ButtonRelease-1>", self._pen_up)

    # ------------------------------------------------------------------ showing

    def repaint(self) -> None:
        """Show the whole drawing again: after undo, clear, open or a resize."""
        self._photo = ImageTk.PhotoImage(self.drawing.image)
        self.canvas.itemconfigure(self._image_item, image=self._photo)

    def left_margin(self) -> int:
        """How far in from its frame's left edge the paper is drawn (it is centred in the frame)."""
        return max(0, (self.winfo_width() - self.drawing.size[0] - 2) // 2)

    def set_aspect(self, aspect: float) -> None:
        """Make the paper ``aspect`` times as wide as it is tall, as large as the space allows."""
        self.aspect = aspect
        self._fit_to(self.winfo_width(), self.winfo_height())

    def show_digits(self, digits: Sequence[DigitBox]) -> None:
        """Mark the digits of a number: a light box around each, its reading above it."""
        self.canvas.delete("digits")
        self._digit_boxes = [digit.box for digit in digits]
        if not digits:
            self._pressed_on_digit = None  # number mode left while the button was down: no digit to choose
        font_size = max(9, round(self.canvas.winfo_height() / 22))
        if int(self._reading_font.cget("size")) != font_size:
            self._reading_font.configure(size=font_size)
        for index, digit in enumerate(digits):
            x, y, width, height = digit.box
            colour = ACCENT if digit.selected else BAR_FILL  # blue like its reading; orange means unsure
            pad = BOX_PADDING
            self.canvas.create_rectangle(x - pad, y - pad, x + width + pad, y + height + pad, outline=colour,
                                         width=2 if digit.selected else 1, dash=() if digit.selected else (4, 3),
                                         tags="digits")
            label_y, anchor = label_place(y - pad, y + height + pad, font_size, self.canvas.winfo_height())
            self.canvas.create_text(x + width / 2, label_y, text=digit.label, anchor=anchor,
                                    font=self._reading_font,
                                    fill=UNSURE if digit.unsure else (ACCENT if digit.selected else MUTED),
                                    tags=("digits", "reading", f"digit{index}"))

    # ------------------------------------------------------------------ the pen

    def _pen_down(self, event: tk.Event) -> None:
        """Start a stroke; or, on a digit's reading or in its box in number mode, wait: a click
        there chooses the digit, a movement starts the stroke (a 5's bar or a 7's flag, added
        last, begins just where the reading sits above the digit)."""
        self._pressed_on_digit = None  # a release lost to a dialog's grab must not leave an old press behind
        digit = self._reading_at(event.x, event.y)
        if digit is None:
            digit = self._box_at(event.x, event.y)
        if digit is not None and self._on_digit_click:
            self._pressed_on_digit = digit, (event.x, event.y)
            return
        self._begin_stroke(event.x, event.y)

    def _pen_move(self, event: tk.Event) -> None:
        if self._pressed_on_digit is not None:
            _, (x, y) = self._pressed_on_digit
            if max(abs(event.x - x), abs(event.y - y)) <= CLICK_SLACK:
                return
            self._pressed_on_digit = None
            self._begin_stroke(x, y)
        if self._drawing_stroke:
            self._show_changed(self.drawing.extend_stroke((event.x, event.y)))
            self._on_change()

    def _pen_up(self, event: tk.Event) -> None:
        if self._pressed_on_digit is not None:
            digit, _ = self._pressed_on_digit
            self._pressed_on_digit = None
            self._on_digit_click(digit)
        else:
            self.end_stroke()

    @property
    def drawing_stroke(self) -> bool:
        """Whether the pen is down, drawing a stroke."""
        return self._drawing_stroke

    def end_stroke(self) -> None:
        """End the stroke being drawn where the pen is now, as a release would: a dialog is about
        to take the pointer, and the release with it."""
        if self._drawing_stroke:
            self._drawing_stroke = False
            self._on_stroke_end()

    def cancel_stroke(self) -> None:
        """The drawing was replaced under the pen (Esc, Undo or Open with the button down): the
        rest of this press draws nothing, rather than carry on a stroke that is gone."""
        self._drawing_stroke = False
        self._pressed_on_digit = None

    def _begin_stroke(self, x: int, y: int) -> None:
        self._drawing_stroke = True
        self._show_changed(self.drawing.begin_stroke((x, y), self._pen_width()))
        self._on_change()

    def _show_changed(self, box: Box) -> None:
        """Copy just the pixels a pen movement changed onto the screen."""
        left, top, right, bottom = box
        if right <= left or bottom <= top:
            return
        patch = ImageTk.PhotoImage(self.drawing.image.crop(box))
        self.canvas.tk.call(str(self._photo), "copy", str(patch), "-to", left, top)

    def _box_at(self, x: int, y: int) -> int | None:
        """The index of the digit whose box (as drawn, BOX_PADDING round its ink) holds (x, y); of
        overlapping boxes, the one whose centre is nearest."""
        pad = BOX_PADDING
        inside = [(abs(left + width / 2 - x) + abs(top + height / 2 - y), index)
                  for index, (left, top, width, height) in enumerate(self._digit_boxes)
                  if left - pad <= x <= left + width + pad and top - pad <= y <= top + height + pad]
        return min(inside)[1] if inside else None

    def _reading_at(self, x: int, y: int) -> int | None:
        """The index of the digit whose reading is at (x, y), if any."""
        for item in self.canvas.find_overlapping(x - 1, y - 1, x + 1, y + 1):
            tags = self.canvas.gettags(item)
            if "reading" in tags:
                return next(int(tag[len("digit"):]) for tag in tags if tag.startswith("digit") and tag != "digits")
        return None

    # ------------------------------------------------------------------ resizing

    def _fit(self, event: tk.Event) -> None:
        self._fit_to(event.width, event.height)

    def _fit_to(self, space_width: int, space_height: int) -> None:
        """The largest paper of the right shape that fits the space; the drawing scaled to it."""
        height = max(SMALLEST_SIDE, min(space_height - 2, int((space_width - 2) / self.aspect)))
        width = max(1, round(height * self.aspect))
        # Placed by whole pixels, as left_margin says: centring with relx=0.5 rounded half a pixel
        # up, and a paper that filled an odd width lost its right edge.
        self._border.place_configure(x=max(0, (space_width - width - 2) // 2))
        if (width, height) == self.drawing.size:
            return
        self.canvas.configure(width=width, height=height)
        self.drawing.resize(width, height)
        self.repaint()
        self._on_resize()


def label_place(box_top: float, box_bottom: float, font_size: int, paper_height: int) -> tuple[float, str]:
    """Where a digit's reading goes, and the anchor it hangs from: just above its box, or, for
    a digit written at the very top of the paper, just below it, so that the reading neither
    runs off the paper nor covers the ink; squeezed in at the top if there is room for neither."""
    room = font_size + 6
    if box_top - 2 >= room:
        return box_top - 2, "s"
    if box_bottom + 2 + room <= paper_height:
        return box_bottom + 2, "n"
    return room, "s"
