"""Teaching the app your handwriting, in the window: say what a drawing really is, and it sticks.

When the reading is wrong, the person clicks the right digit's row in the bars or
presses that digit's key. The 28x28 picture the network saw is kept as an example of
that digit (draw_app/examples.py), the predictor reads with it from that moment
(draw_app/adapt.py), and the drawing is read again at once, so the bars show the new
reading and the status bar says what was learned. Undo takes back the lessons given
since the drawing last changed, newest first, before it takes back any stroke. The
Teach menu does the same by digit, shows how many examples there are of each, takes
back the last lesson even after the drawing changed (a digit key pressed by mistake),
shows them all to forget one at a time (draw_app/examples_window.py), opens their
folder and forgets them all, after asking.

A drawing is taught only if it is one digit: not a dot (a click), nor several digits
side by side, which the network reads squeezed into one 28x28 and a lesson would then
tie to a digit, so that other numbers were read as that digit, surely.

Only this module knows about teaching; the app hands it the shown reading, why the
drawing is no single digit (when it is not) and a way to read the drawing again, and
asks it first when Undo is pressed.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tkinter as tk
from collections.abc import Callable
from pathlib import Path
from tkinter import messagebox

from draw_app import dialogs
from draw_app.adapt import UserExamples
from draw_app.commands import command
from draw_app.examples import Example, NotADigit
from draw_app.examples_window import ExamplesWindow
from draw_app.help import TITLE
from draw_app.readable import os_error_reason
from draw_app.resources import system_program_environment

log = logging.getLogger("draw_app")

MENU = "Teach"

JUST_DOTS = "a dot is no digit. Draw the digit first."
"""Why a dot is not taught, for the app to say too."""


def examples_text(count: int) -> str:
    return f"{examples_count(count)} of yours"


def examples_count(count: int) -> str:
    return f"{count} example{'s' if count != 1 else ''}"


def a_digit(digit: int) -> str:
    """ "a 3", but "an 8", as it is said."""
    return f"{'an' if digit == 8 else 'a'} {digit}"


def teach_hint(digit: int) -> str:
    """What a click on ``digit``'s bar does, said while the pointer is on it: a click there
    teaches, and a learner who means only to look at the bars should know it first."""
    return f"Click to teach the app that the digit shown is {a_digit(digit)} (or press {digit})."


class Teaching:
    """The digit keys, the clickable bars' handler, Undo's first say and the Teach menu."""

    def __init__(self, root: tk.Tk, menu_bar: tk.Menu, note: Callable[[str | None], object],
                 shown_reading: Callable[[], object], why_not_one_digit: Callable[[], str | None],
                 read_again: Callable[[], object]) -> None:
        self.root = root
        self._note = note
        self._shown_reading = shown_reading
        self._why_not_one_digit = why_not_one_digit
        """Why the drawing shown is no single digit to teach (several side by side, just dots), or None."""
        self._read_again = read_again
        self.examples: UserExamples | None = None
        """The predictor's examples, once a model that can learn is loaded."""
        self.model_loaded = False
        self.lessons: list[Example] = []
        """The lessons given since the drawing last changed, newest last: what Undo takes back first."""
        self.given: list[Example] = []
        """Every lesson given since the app started and not taken back, newest last: a digit key
        pressed by mistake can still be taken back after the drawing changed (the Teach menu)."""
        self.window: ExamplesWindow | None = None
        """The "Your examples" window while it is open."""
        self._forgotten_files: dict[Path, bytes | None] = {}
        """The files of the examples forgotten in that window, for its Ctrl+Z to write back as they
        were (a picture the person put in the folder is theirs, not a 28x28 the app could make again)."""

        self.menu = tk.Menu(menu_bar, tearoff=False)
        for digit in range(10):
            self.menu.add_command(command=lambda digit=digit: self.teach(digit), accelerator=str(digit))
        self.menu.add_separator()
        self.menu.add_command(command=self.forget_last)
        self._last_lesson_item = self.menu.index("end")
        self.menu.add_command(label="Your examples…", command=self.show_examples)
        self.menu.add_command(label="Open the examples' folder", command=self.open_folder)
        self.menu.add_command(label="Forget all examples…", command=self.forget_all)
        menu_bar.insert_cascade(menu_bar.index("Help"), label=MENU, menu=self.menu, underline=0)
        self._refresh_menu()
        for digit in range(10):
            for sequence in (f"<KeyPress-{digit}>", f"<KeyPress-KP_{digit}>"):
                root.bind(sequence, lambda event, digit=digit: self.teach(digit) or "break")

    def set_examples(self, examples: UserExamples | None) -> None:
        """The model is loaded: teach its predictor's examples (None: this model cannot learn)."""
        self.examples, self.model_loaded = examples, True
        if examples is not None:
            for problem in examples.problems:
                log.warning("skipped example %s", problem)
            log.info("%s in %s", examples_text(len(examples)), examples.path)
        self._refresh_menu()

    # ---------------------------------------------------------------- lessons

    def teach(self, digit: int) -> None:
        """The drawing shown is a ``digit``: keep it as an example and read it again with it."""
        reading = self._shown_reading()
        if self.examples is None:
            self._note("This model cannot learn from examples (it has no conv2 output)." if self.model_loaded
                       else "The model is still loading.")
            return
        if reading is None:
            self._note("Nothing to teach yet: draw a digit; then, if it is read wrongly, press the right "
                       "digit's key or click its row.")
            return
        why_not = self._why_not_one_digit()
        if why_not is not None:
            self._note(f"Not learned: {why_not}")
            return
        if any(lesson.digit == digit for lesson in self.lessons):  # a key pressed twice kept the drawing twice
            self._note(f"Already learned: that was {a_digit(digit)} ({self._counts_text(digit)}).")
            return
        try:
            example = self.examples.learn(reading.model_input, digit)
        except NotADigit:  # an opened picture of a dot
            self._note(f"Not learned: {JUST_DOTS}")
            return
        except OSError as error:
            dialogs.show_error(self.root, f"Cannot keep the example in {self.examples.path}:\n"
                                          f"{os_error_reason(error)}")
            return
        self.lessons.append(example)
        self.given.append(example)
        self._refresh_menu()
        self._read_again()
        # A lesson against an earlier one is kept beside it, the nearer deciding; a teacher
        # correcting a slip of their own had no word that the two lessons disagreed.
        earlier = reading.digit if reading.from_examples and reading.digit != digit else None
        against = "" if earlier is None else \
            f" You had taught one like it as {a_digit(earlier)}: Your examples (Teach menu) shows both."
        self._note(f"Learned: that was {a_digit(digit)} ({self._counts_text(digit)}).{against} "
                   f"Undo ({command('undo').key}) takes it back.")

    def undo(self) -> bool:
        """Take back the newest lesson given since the drawing changed; False if there is none."""
        if not self.lessons or self.examples is None:
            return False
        # Off the list even if its file cannot be deleted: else every Undo would only say so
        # again, and never reach the strokes (the Teach menu can still try again).
        self._take_back(self.lessons.pop())
        return True

    def forget_last(self) -> None:
        """Take back the newest lesson still kept, whatever was drawn since (the Teach menu)."""
        if self.given and self.examples is not None:
            self._take_back(self.given[-1])

    def _take_back(self, example: Example, said: str = "Took back the lesson: not {digit} after all") -> bool:
        """Forget one example; ``said`` begins the status bar's note. False if its file could not go."""
        try:
            self.examples.unlearn(example)
        except OSError as error:
            dialogs.show_error(self._front(), f"Cannot delete the example {example.path}:\n{os_error_reason(error)}")
            return False
        for kept in (self.lessons, self.given):
            if example in kept:
                kept.remove(example)
        self._refresh_menu()
        self._read_again()
        self._note(f"{said.format(digit=a_digit(example.digit))} ({self._counts_text(example.digit)}).")
        return True

    def _forget_in_window(self, example: Example) -> bool:
        """Forget an example the person chose in the examples window, keeping its file's bytes
        until the window closes, for Ctrl+Z there."""
        try:
            data = example.path.read_bytes()
        except FileNotFoundError:  # deleted already (in the folder): Ctrl+Z writes the 28x28 kept
            data = None
        except OSError as error:
            dialogs.show_error(self._front(), f"Cannot read the example {example.path}:\n{os_error_reason(error)}")
            return False
        if not self._take_back(example, said="Forgot an example of {digit}"):
            return False
        self._forgotten_files[example.path] = data
        return True

    def _bring_back(self, example: Example) -> bool:
        """Write an example forgotten in the window back as it was, and read with it again (Ctrl+Z there)."""
        try:
            self.examples.relearn(example, self._forgotten_files[example.path])
        except OSError as error:
            dialogs.show_error(self._front(), f"Cannot write the example {example.path} back:\n"
                                              f"{os_error_reason(error)}")
            return False
        del self._forgotten_files[example.path]
        self._refresh_menu()
        self._read_again()
        self._note(f"Brought back an example of {a_digit(example.digit)} ({self._counts_text(example.digit)}).")
        return True

    def _front(self) -> tk.Misc:
        """The window a message goes over: the examples window while it is open, else the main one."""
        return self.window if self.window is not None and self.window.winfo_exists() else self.root

    def _counts_text(self, digit: int) -> str:
        """How many examples are kept now, of ``digit`` and in all: "2 examples of a 3, 5 in all"."""
        return f"{examples_count(self.examples.counts()[digit])} of {a_digit(digit)}, {len(self.examples)} in all"

    def drawing_changed(self) -> None:
        """From now on Undo is about the drawing again."""
        self.lessons.clear()

    # ------------------------------------------------------------------ menu

    def _refresh_menu(self) -> None:
        """Each digit's item with its count of examples; what cannot be done now greyed out; and
        the examples window, if it is open, showing them as they are now."""
        counts = self.examples.counts() if self.examples is not None else [0] * 10
        for digit in range(10):
            self.menu.entryconfigure(digit, label=f"That was {a_digit(digit)}  ({examples_text(counts[digit])})",
                                     state="normal" if self.examples is not None else "disabled")
        last = f" (that was {a_digit(self.given[-1].digit)})" if self.given else ""
        self.menu.entryconfigure(self._last_lesson_item, label=f"Take back the last lesson{last}",
                                 state="normal" if self.given and self.examples is not None else "disabled")
        for label, state in [("Your examples…", self.examples is not None),
                             ("Open the examples' folder", self.examples is not None),
                             ("Forget all examples…", self.examples is not None and len(self.examples) > 0)]:
            self.menu.entryconfigure(label, state="normal" if state else "disabled")

        if self.window is not None and self.window.winfo_exists():
            self.window.show(self.examples.examples if self.examples is not None else [])

    def show_examples(self) -> None:
        """Open the examples window (or bring it to the front)."""
        if self.examples is None:
            return
        if self.window is not None and self.window.winfo_exists():
            self.window.lift()
            self.window.focus_force()
            return
        self._forgotten_files.clear()  # a new window's Ctrl+Z starts afresh
        self.window = ExamplesWindow(self.root, self.examples.examples, forget=self._forget_in_window,
                                     bring_back=self._bring_back)

    def open_folder(self) -> None:
        """Show the examples in the system's file manager (the folder is made if there is none yet)."""
        if self.examples is None:
            return
        folder = self.examples.path
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            dialogs.show_error(self.root, f"Cannot make the examples' folder {folder}:\n{os_error_reason(error)}")
            return
        try:
            open_in_file_manager(folder)
        except OSError:  # no file manager to start (xdg-open missing): the folder itself is fine
            dialogs.show_info(self.root, f"No file manager could be started to show it.\n\n"
                                         f"Your examples are in the folder\n{folder}")

    def forget_all(self) -> None:
        """Delete every example, after asking; drawings are read by the model alone again."""
        if self.examples is None or not len(self.examples):
            return
        count = len(self.examples)
        question = "Forget your one example?" if count == 1 else f"Forget all {examples_text(count)}?"
        if not messagebox.askyesno(TITLE, f"{question}\n\nDrawings will be read by the "
                                          f"model alone again. This cannot be undone.",
                                   icon="warning", default="no", parent=self.root):
            return
        try:
            self.examples.forget_all()
        except OSError as error:
            dialogs.show_error(self.root, f"Cannot delete every example in {self.examples.path}:\n"
                                          f"{os_error_reason(error)}")
        self.lessons.clear()
        self.given.clear()
        self._forgotten_files.clear()  # "This cannot be undone", in the examples window either
        if self.window is not None and self.window.winfo_exists():
            self.window.forgotten.clear()
        self._refresh_menu()
        self._read_again()
        self._note(f"Forgot {examples_text(count - len(self.examples))}: the model alone reads your drawings again.")


def open_in_file_manager(folder: Path) -> None:
    """Open ``folder`` in Explorer, Finder or the desktop's file manager; OSError if there is none."""
    if sys.platform == "win32":
        os.startfile(folder)
    else:
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        subprocess.Popen([opener, str(folder)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, env=system_program_environment())
