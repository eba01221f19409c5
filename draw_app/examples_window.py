"""The Teach menu's "Your examples" window: every example taught, digit by digit, as the
network saw it, to look over and forget one at a time.

Before it, the only way to see them was the examples' folder in a file manager: no use
in the executable on a machine without one, and a file manager shows 28x28 pictures as
specks. A teacher whose pupil pressed a wrong digit key a while ago could only forget
every example. Here a slip is found by eye (a 7 among the 1s), selected and forgotten;
Ctrl+Z in the window brings the last one forgotten back.

The window knows nothing of how examples are kept or read with: it is given the
examples and two callbacks, ``forget`` and ``bring_back``, and Teaching calls ``show``
whenever they change.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Sequence
from datetime import datetime
from tkinter import ttk

import numpy as np
from PIL import Image, ImageTk

from draw_app.examples import Example
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
    """Digit by digit, oldest first within a digit (the order they were taught in)."""
    return sorted(examples, key=lambda example: example.digit)


def taught_when(example: Example) -> str:
    """When an example was taught, read from its file's name (the app names them by the time);
    a picture the person put in the folder is named by its file."""
    try:
        when = datetime.strptime(example.path.stem, "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return f"was added as {example.path.name}"
    return f"was taught on {when:%d %b %Y at %H:%M}"


def thumbnail(model_input: np.ndarray) -> Image.Image:
    """The 28x28 picture as the network saw it (light ink on black), each pixel a square."""
    pixels = np.clip(np.round(np.asarray(model_input) * 255), 0, 255).astype(np.uint8)
    return Image.fromarray(pixels, "L").resize((THUMBNAIL, THUMBNAIL), Image.Resampling.NEAREST)


class ExamplesWindow(HelpWindow):
    """The examples taught, grouped by digit; click one (or ←/→) to select it, Forget or Delete forgets it."""

    def __init__(self, parent: tk.Misc, examples: Sequence[Example], forget: Callable[[Example], bool],
                 bring_back: Callable[[Example], Example | None]) -> None:
        super().__init__(parent, f"{TITLE}: your examples")
        self.resizable(True, True)
        self._forget, self._bring_back = forget, bring_back
        self.examples: list[Example] = []
        self.selected: Example | None = None
        self.forgotten: list[Example] = []
        """The examples forgotten here, newest last: what Ctrl+Z brings back."""
        self._photos: list[ImageTk.PhotoImage] = []

        self.body.columnconfigure(0, weight=1)
        self.body.rowconfigure(1, weight=1)
        self.summary = ttk.Label(self.body, justify="left")
        self.summary.grid(row=0, column=0, columnspan=2, sticky="w", pady=(0, 8))
        width = GAP + COLUMNS * (THUMBNAIL + GAP)
        self.canvas = tk.Canvas(self.body, width=width, height=TALLEST, background=SURFACE, highlightthickness=0)
        self.canvas.grid(row=1, column=0, sticky="nsew")
        scrollbar = ttk.Scrollbar(self.body, orient="vertical", command=self.canvas.yview)
        scrollbar.grid(row=1, column=1, sticky="ns")
        self.canvas.configure(yscrollcommand=scrollbar.set)
        self.about = ttk.Label(self.body, style="Muted.TLabel")
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
        for sequence in ("<Delete>", "<BackSpace>"):
            self.bind(sequence, lambda event: self.forget_selected())
        self.bind("<Control-z>", lambda event: self.bring_back())
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
        self._photos = [ImageTk.PhotoImage(thumbnail(example.model_input), master=self)
                        for example in self.examples]
        count = len(self.examples)
        self.summary.configure(text="No examples yet. When a drawing is read wrongly, press the right digit's key "
                                    "(or click its row in the bars) to teach it." if not count else
                               f"{count} example{'s' if count != 1 else ''} of your handwriting, as the network "
                               f"saw them: drawings like one are read as its digit. Click one (or use ←/→) to "
                               f"select it; Forget (or Delete) takes it away, Ctrl+Z brings it back.",
                               wraplength=GAP + COLUMNS * (THUMBNAIL + GAP))
        self._draw()

    def _draw(self) -> None:
        canvas = self.canvas
        canvas.delete("all")
        heading_font = ttk.Style(self).lookup("Heading.TLabel", "font")
        places, headings, height = layout([example.digit for example in self.examples],
                                          max(canvas.winfo_width(), THUMBNAIL + 2 * GAP))
        for digit, count, top in headings:
            canvas.create_text(GAP, top + HEADING // 2, anchor="w", fill=TEXT, font=heading_font,
                               text=f"{digit}   ({count} example{'s' if count != 1 else ''})")
        for index, ((left, top), photo) in enumerate(zip(places, self._photos)):
            canvas.create_image(left, top, anchor="nw", image=photo, tags=("example", f"example{index}"))
        if self.selected is not None:
            left, top = places[self.examples.index(self.selected)]
            canvas.create_rectangle(left - 3, top - 3, left + THUMBNAIL + 2, top + THUMBNAIL + 2, outline=ACCENT,
                                    width=3, tags="selection")
        canvas.configure(scrollregion=(0, 0, canvas.winfo_width(), height))
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
        self._draw()
        self._scroll_to_selected()

    def step(self, step: int) -> None:
        """Select the example before or after the selected one (←/→), stopping at the ends."""
        if self.examples:
            index = self.examples.index(self.selected) if self.selected in self.examples else 0
            self.select(self.examples[max(0, min(len(self.examples) - 1, index + step))])

    def _scroll_to_selected(self) -> None:
        """Bring the selected example into view, if it is scrolled out of it."""
        box = self.canvas.bbox("selection")
        region = self.canvas.cget("scrollregion").split()
        if not box or not region or float(region[3]) <= 0:
            return
        height = float(region[3])
        first, last = self.canvas.yview()
        if box[1] < first * height:
            self.canvas.yview_moveto(box[1] / height)
        elif box[3] > last * height:
            self.canvas.yview_moveto((box[3] - self.canvas.winfo_height()) / height)

    def forget_selected(self) -> None:
        """Forget the selected example: the drawings like it are read by the model (or other examples) again."""
        example = self.selected
        if example is not None and self._forget(example):
            self.forgotten.append(example)
            self._draw()

    def bring_back(self) -> None:
        """Teach the last example forgotten here again (Ctrl+Z)."""
        if self.forgotten:
            back = self._bring_back(self.forgotten[-1])
            if back is not None:
                self.forgotten.pop()
                self.select(back)
