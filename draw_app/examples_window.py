"""The Teach menu's "Your examples" window: every example taught, digit by digit, as the
network saw it, to look over and forget one at a time.

Before it, the only way to see them was the examples' folder in a file manager: no use
in the executable on a machine without one, and a file manager shows 28x28 pictures as
specks. A teacher whose pupil pressed a wrong digit key a while ago could only forget
every example. Here a slip is found by eye (a 7 among the 1s), selected and forgotten;
Ctrl+Z in the window brings the last one forgotten back.

The window knows nothing of how examples are kept or read with: it is given the
examples and two callbacks, ``forget`` and ``bring_back`` (each True when done), and
Teaching calls ``show`` whenever they change.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Sequence
from pathlib import Path
from tkinter import ttk

import numpy as np
from PIL import Image, ImageTk

from draw_app.commands import control
from draw_app.examples import Example, gray_pixels, taught_at
from draw_app.help import TITLE, HelpWindow
from draw_app.theme import ACCENT, SURFACE, TEXT

THUMBNAIL = 56
"""An example's side on screen: its 28x28 pixels, each shown 2x2, so a stroke can be told from a speck."""
GAP = 8
HEADING = 30
"""The height of a digit's heading line above its examples."""
COLUMNS = 8
"""How many examples a row holds when the window opens; a wider window holds more."""
TALLEST = 460
"""The most the list asks for in height when the window opens: more scrolls."""


def layout(digits: Sequence[int], width: int) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]], int]:
    """Where each example goes, digit after digit, wrapping at ``width``.

    ``digits``: the examples' digits, in the order they are shown (grouped by digit).
    Returns each example's top-left corner, each digit's heading (digit, count, top) and
    the height of it all.
    """
    columns = max(1, (width - GAP) // (THUMBNAIL + GAP))
    places, headings, top = [], [], GAP
    for digit in sorted(set(digits)):
        count = list(digits).count(digit)
        headings.append((digit, count, top))
        top += HEADING
        for column_index in range(count):
            row, column = divmod(column_index, columns)
            places.append((GAP + column * (THUMBNAIL + GAP), top + row * (THUMBNAIL + GAP)))
        top += -(-count // columns) * (THUMBNAIL + GAP) + GAP
    return places, headings, top


def in_showing_order(examples: Sequence[Example]) -> list[Example]:
    """Digit by digit, each digit's in the order of their files' names, as the folder is read:
    the app names them by the time they were taught."""
    return sorted(examples, key=lambda example: (example.digit, example.path.stem))  # -2 after its first


def taught_when(example: Example) -> str:
    """When an example was taught; a picture the person put in the folder is named by its file."""
    when = taught_at(example.path)
    return f"was taught on {when:%d %b %Y at %H:%M}" if when else f"was added as {example.path.name}"


def thumbnail(model_input: np.ndarray) -> Image.Image:
    """The 28x28 picture as the network saw it (light ink on black), each pixel a square."""
    return Image.fromarray(gray_pixels(model_input)).resize((THUMBNAIL, THUMBNAIL), Image.Resampling.NEAREST)


class ExamplesWindow(HelpWindow):
    """The examples taught, grouped by digit; click one (or the arrow keys, Home, End) to select it,
    Forget or Delete forgets it."""

    def __init__(self, parent: tk.Misc, examples: Sequence[Example], forget: Callable[[Example], bool],
                 bring_back: Callable[[Example], bool]) -> None:
        super().__init__(parent, f"{TITLE}: your examples")
        self.resizable(True, True)
        self._forget, self._bring_back = forget, bring_back
        self.examples: list[Example] = []
        self.selected: Example | None = None
        self.forgotten: list[Example] = []
        """The examples forgotten here, newest last: what Ctrl+Z brings back, one by one."""
        self._photos: dict[Path, ImageTk.PhotoImage] = {}
        """Each example's thumbnail, made once: with thousands of examples, making them all again
        for every lesson took half a second."""
        self._places: list[tuple[int, int]] = []

        width = GAP + COLUMNS * (THUMBNAIL + GAP)
        self.body.columnconfigure(0, weight=1)
        self.body.rowconfigure(1, weight=1)
        self.summary = ttk.Label(self.body, justify="left", wraplength=width)
        self.summary.grid(row=0, column=0, columnspan=2, sticky="w", pady=(0, 8))
        self.canvas = tk.Canvas(self.body, width=width, height=TALLEST, background=SURFACE, highlightthickness=0)
        self.canvas.grid(row=1, column=0, sticky="nsew")
        scrollbar = ttk.Scrollbar(self.body, orient="vertical", command=self.canvas.yview)
        scrollbar.grid(row=1, column=1, sticky="ns")
        self.canvas.configure(yscrollcommand=scrollbar.set)
        self.about = ttk.Label(self.body, style="Muted.TLabel", wraplength=width)
        self.about.grid(row=2, column=0, columnspan=2, sticky="w", pady=(8, 0))
        buttons = ttk.Frame(self.body)
        buttons.grid(row=3, column=0, columnspan=2, sticky="e", pady=(12, 0))
        self.forget_button = ttk.Button(buttons, text="Forget this example", command=self.forget_selected)
        self.forget_button.pack(side="left", padx=(0, 8))
        close = ttk.Button(buttons, text="Close", command=self.close)
        close.pack(side="left")
        close.focus_set()

        self.canvas.bind("<Configure>", lambda event: self._draw())
        self.canvas.bind("<Button-1>", self._clicked)
        for sequence, step in (("<Left>", -1), ("<Right>", 1)):
            self.bind(sequence, lambda event, step=step: self.step(step))
        for sequence, end in (("<Home>", 0), ("<End>", -1)):
            self.bind(sequence, lambda event, end=end: self.examples and self.select(self.examples[end]))
        for sequence, direction in (("<Up>", -1), ("<Down>", 1)):
            self.bind(sequence, lambda event, direction=direction: self.step_row(direction))
        for sequence in ("<Delete>", "<BackSpace>"):
            self.bind(sequence, lambda event: self.forget_selected())
        for sequence in control("z"):
            self.bind(sequence, lambda event: self.bring_back())
        for sequence, units in (("<Button-4>", -1), ("<Button-5>", 1)):  # X11's wheel
            self.canvas.bind(sequence, lambda event, units=units: self.canvas.yview_scroll(units, "units"))
        self.canvas.bind("<MouseWheel>", lambda event: self.canvas.yview_scroll(-1 if event.delta > 0 else 1,
                                                                                 "units"))
        self.show(examples)

    def show(self, examples: Sequence[Example]) -> None:
        """Show these examples (after a lesson, a forgetting, or Forget all in the menu); the
        selection stays on the example it was on, or moves to the one after a forgotten one."""
        before = self.examples
        self.examples = in_showing_order(examples)
        if self.selected is not None and self.selected not in self.examples:
            index = before.index(self.selected) if self.selected in before else 0
            self.selected = self.examples[min(index, len(self.examples) - 1)] if self.examples else None
        if self.selected is None and self.examples:
            self.selected = self.examples[0]
        shown = {example.path for example in self.examples}
        self._photos = {path: photo for path, photo in self._photos.items() if path in shown}
        for example in self.examples:
            if example.path not in self._photos:
                self._photos[example.path] = ImageTk.PhotoImage(thumbnail(example.model_input), master=self)
        count = len(self.examples)
        self.summary.configure(text="No examples yet. When a drawing is read wrongly, press the right digit's key "
                                    "(or click its row in the bars) to teach it." if not count else
                               f"{count} example{'s' if count != 1 else ''} of your handwriting, each as the network "
                               "saw it: a drawing like an example is read as that example's digit. Click one (or use "
                               "the arrow keys) to select it; Forget (or Delete) takes it away, Ctrl+Z brings it back.")
        self._draw()
        self._scroll_to_selected()

    def _draw(self) -> None:
        canvas = self.canvas
        canvas.delete("all")
        heading_font = ttk.Style(self).lookup("Heading.TLabel", "font")
        self._places, headings, height = layout([example.digit for example in self.examples],
                                                max(canvas.winfo_width(), THUMBNAIL + 2 * GAP))
        for digit, count, top in headings:
            canvas.create_text(GAP, top + HEADING // 2, anchor="w", fill=TEXT, font=heading_font,
                               text=f"{digit}   ({count} example{'s' if count != 1 else ''})")
        for index, (left, top) in enumerate(self._places):
            canvas.create_image(left, top, anchor="nw", image=self._photos[self.examples[index].path],
                                tags=("example", f"example{index}"))
        canvas.create_rectangle(0, 0, 0, 0, outline=ACCENT, width=3, state="hidden", tags="selection")
        canvas.configure(scrollregion=(0, 0, canvas.winfo_width(), height))
        self._show_selection()

    def _show_selection(self) -> None:
        """Ring the selected example and say what it is; the rest of the drawing stays."""
        if self.selected is None:
            self.canvas.itemconfigure("selection", state="hidden")
        else:
            left, top = self._places[self.examples.index(self.selected)]
            self.canvas.coords("selection", left - 3, top - 3, left + THUMBNAIL + 2, top + THUMBNAIL + 2)
            self.canvas.itemconfigure("selection", state="normal")
        self.forget_button.state(["!disabled"] if self.selected is not None else ["disabled"])
        said = [] if self.selected is None else [f"This {self.selected.digit} {taught_when(self.selected)}."]
        if self.forgotten:
            said.append(f"Ctrl+Z brings back the {self.forgotten[-1].digit} just forgotten.")
        self.about.configure(text="  ".join(said))

    def _clicked(self, event: tk.Event) -> None:
        hit = self.canvas.find_overlapping(*(2 * [self.canvas.canvasx(event.x), self.canvas.canvasy(event.y)]))
        for item in hit:
            tags = [tag for tag in self.canvas.gettags(item) if tag.startswith("example") and tag != "example"]
            if tags:
                self.select(self.examples[int(tags[0].removeprefix("example"))])
                return

    def select(self, example: Example) -> None:
        self.selected = example
        self._show_selection()
        self._scroll_to_selected()

    def step(self, step: int) -> None:
        """Select the example before or after the selected one (←/→), stopping at the ends."""
        if self.examples:
            index = self.examples.index(self.selected) if self.selected in self.examples else 0
            self.select(self.examples[max(0, min(len(self.examples) - 1, index + step))])

    def step_row(self, direction: int) -> None:
        """Select the example in the row above (-1) or below (1) the selected one, the nearest
        to it left and right (↑/↓; rows of other digits too), staying put at the top or bottom."""
        if self.selected not in self.examples:
            return
        x, y = self._places[self.examples.index(self.selected)]
        rows = [top for _, top in self._places if (top - y) * direction > 0]
        if rows:
            row = min(rows, key=lambda top: abs(top - y))
            nearest = min((abs(left - x), index) for index, (left, top) in enumerate(self._places) if top == row)
            self.select(self.examples[nearest[1]])

    def _selection_in_view(self) -> bool:
        box = self.canvas.bbox("selection")
        top, bottom = self.canvas.canvasy(0), self.canvas.canvasy(self.canvas.winfo_height())
        return bool(box) and box[1] >= top - 1 and box[3] <= bottom + 1

    def _scroll_to_selected(self) -> None:
        """Bring the selected example into view, if it is scrolled out of it."""
        self.canvas.update_idletasks()
        region = self.canvas.cget("scrollregion").split()
        if self.selected is None or not region or float(region[3]) <= 0 or self._selection_in_view():
            return
        box, height = self.canvas.bbox("selection"), float(region[3])
        if box[1] < self.canvas.canvasy(0):
            self.canvas.yview_moveto(box[1] / height)
        else:
            self.canvas.yview_moveto((box[3] - self.canvas.winfo_height()) / height)

    def forget_selected(self) -> None:
        """Forget the selected example: drawings like it are read by the model (or other examples)
        again. One scrolled out of view is only brought into it: what goes is always seen first."""
        example = self.selected
        if example is None:
            return
        if not self._selection_in_view():
            self._scroll_to_selected()
            return
        if self._forget(example):
            self.forgotten.append(example)
            self._show_selection()

    def bring_back(self) -> None:
        """Bring back the last example forgotten here (Ctrl+Z), then the one before, and so on."""
        if self.forgotten and self._bring_back(self.forgotten[-1]):
            self.select(self.forgotten.pop())
