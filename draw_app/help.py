"""The Help menu's windows: what the answer means, the keyboard shortcuts, and About
(version, model, its accuracy)."""

from __future__ import annotations

import json
import tkinter as tk
from pathlib import Path
from tkinter import ttk

import draw_app
from draw_app.commands import COMMANDS, MENUS, Command

TITLE = "Draw a Digit"

MOUSE = (("Draw", "drag with the left button"),
         ("Show a digit of a number in the panels", "click its box or its reading"),
         ("Show a map large, with its filter", "click it in Inside the network"),
         ("Teach: that was this digit", "click the digit's row"))

TEACH = (("That was a 0 … 9 (keeps it as your example)", "0 … 9"),
         ("Take back a lesson just given (Undo)", "Ctrl+Z"))
"""The Teach menu's keys (draw_app/teaching.py binds them; they are not commands of the menu bar)."""

OTHER_KEYS = {"redo": "Ctrl+Shift+Z"}
"""Keys a command also answers to, which its menu item has no room to show."""


def also_keyed(entry: Command) -> str:
    """A command's key, and any other it answers to (OTHER_KEYS)."""
    return " or ".join([entry.key] + ([OTHER_KEYS[entry.name]] if entry.name in OTHER_KEYS else []))


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(menu, action, key) for every command, in the menu bar's order: the Teach menu's keys
    (which teaching.py adds, before Help) among the others."""
    rows = []
    for menu in MENUS:
        if menu == "Help":
            rows += [("Teach", action, key) for action, key in TEACH]
        rows += [(entry.menu, entry.label.rstrip("…"), also_keyed(entry))
                 for entry in COMMANDS if entry.menu == menu]
    return rows


def answer_help(unsure_below: float | None) -> list[tuple[str, str]]:
    """What the reading beside the paper means, said for someone who has never met a neural
    network (a trial's teacher found only shortcuts and MNIST's test accuracy in Help):
    (heading, paragraph) pairs. ``unsure_below``: the model's line under which it says it
    is not sure (None: no model loaded yet)."""
    line = f"{unsure_below:.0%}" if unsure_below is not None else "the line measured for the model"
    return [
        ("The guess", "The large digit is the network's best guess, and the percentage how sure it is. "
                      "The ten bars show how likely each digit is; together they make 100%."),
        ("Not sure", f"Orange, with a question mark: the guess is under {line}, or the digit is drawn small "
                     "for the pen, so the runner-up is named too. Check it, or draw the digit more clearly."),
        ("No digit here", "The drawing is not like any digit: a scribble, a letter, a dot."),
        ("Even 100% can be wrong", "The network learned from tens of thousands of digits written by a few "
                                   "hundred people, none of them you. When it is wrong, press the right "
                                   "digit's key, or click its bar: the app keeps your drawing as an example "
                                   "and reads your handwriting better. A reading your examples decided says "
                                   "\"as you taught\"; the Teach menu takes lessons back."),
        ("What the network saw", "Your drawing as the network gets it: cut to the ink, shrunk to 28×28 "
                                 "pixels, light on dark, like the digits it learned from."),
        ("Number mode", "Each digit gets a box with its reading above it: grey when sure, orange with a "
                        "question mark when not. The blue one is the digit the panel shows; click another, "
                        "or press ← and →."),
        ("Tips", "Write large, filling the paper; for a small digit, a thinner pen (−). One digit at a "
                 "time, or Number mode (Ctrl+N) for several on one row."),
    ]


def about_text(model_path: Path | None) -> str:
    """The About box's text: the version, the model and how well it reads MNIST's test digits."""
    lines = [f"{TITLE} {draw_app.__version__}",
             "Draw a digit and watch a convolutional network trained on MNIST read it.", ""]
    if model_path is None:
        lines.append("The model is not loaded.")
        return "\n".join(lines)
    lines.append(f"Model: {model_path.name}")
    try:
        report = json.loads(model_path.with_suffix(".json").read_text(encoding="utf-8"))
        accuracy = float(report["test_accuracy"])
    except (OSError, ValueError, KeyError, TypeError):
        lines.append("Its accuracy was not measured (no report beside it).")
    else:
        lines.append(f"It reads {accuracy:.2%} of MNIST's test digits correctly, "
                     "digits it never saw in training.")
    return "\n".join(lines)


class HelpWindow(tk.Toplevel):
    """A small window over the main one that Esc or its button closes."""

    def __init__(self, parent: tk.Misc, title: str) -> None:
        super().__init__(parent)
        self.title(title)
        self.transient(parent)
        self.resizable(False, False)
        self.body = ttk.Frame(self, padding=16)
        self.body.pack(fill="both", expand=True)
        self.bind("<Escape>", lambda event: self.close())

    def close(self) -> None:
        """Close, and give the keyboard back to the main window: without a window manager nothing
        else would, and the app's shortcuts would stop working."""
        parent = self.master
        self.destroy()
        parent.focus_force()

    def add_close_button(self, row: int) -> None:
        button = ttk.Button(self.body, text="Close", command=self.close)
        button.grid(row=row, column=0, columnspan=3, sticky="e", pady=(12, 0))
        button.focus_set()


class AnswerHelpWindow(HelpWindow):
    """What the reading means, in a few short paragraphs (see answer_help)."""

    def __init__(self, parent: tk.Misc, unsure_below: float | None) -> None:
        super().__init__(parent, f"{TITLE}: what the answer means")
        self.paragraphs = answer_help(unsure_below)
        for row, (heading, paragraph) in enumerate(self.paragraphs):
            ttk.Label(self.body, text=heading, style="Heading.TLabel").grid(
                row=2 * row, column=0, sticky="w", pady=(0 if row == 0 else 10, 2))
            ttk.Label(self.body, text=paragraph, justify="left", wraplength=460).grid(row=2 * row + 1, column=0,
                                                                                      sticky="w", padx=(12, 0))
        self.add_close_button(2 * len(self.paragraphs))


class ShortcutsWindow(HelpWindow):
    """Every key of the app, grouped by menu in two columns, and what the mouse does under
    them: in one column the window was 773 pixels tall, more than a 768-pixel screen."""

    def __init__(self, parent: tk.Misc) -> None:
        super().__init__(parent, f"{TITLE}: keyboard shortcuts")
        groups: dict[str, list[tuple[str, str]]] = {}
        for menu, action, key in shortcut_rows():
            groups.setdefault(menu, []).append((action, key))
        columns = [ttk.Frame(self.body), ttk.Frame(self.body)]
        columns[0].grid(row=0, column=0, sticky="nw")
        columns[1].grid(row=0, column=1, sticky="nw", padx=(36, 0))
        half, lines = sum(len(rows) + 1 for rows in groups.values()) / 2, 0
        for menu, rows in groups.items():  # a group goes right once most of it would lie past the middle
            self._add_group(columns[lines + (len(rows) + 1) / 2 > half], menu, rows, key_style="Heading.TLabel")
            lines += len(rows) + 1
        mouse = ttk.Frame(self.body)
        mouse.grid(row=1, column=0, columnspan=2, sticky="w", pady=(10, 0))
        self._add_group(mouse, "Mouse", MOUSE, key_style="TLabel")
        self.add_close_button(2)

    @staticmethod
    def _add_group(frame: ttk.Frame, heading: str, rows, key_style: str) -> None:
        """A heading, and under it an action and its key (or what to do with the mouse) a row."""
        top = frame.grid_size()[1]
        ttk.Label(frame, text=heading, style="Heading.TLabel").grid(row=top, column=0, columnspan=2, sticky="w",
                                                                    pady=(0 if top == 0 else 10, 2))
        for row, (action, key) in enumerate(rows, start=top + 1):
            ttk.Label(frame, text=action).grid(row=row, column=0, sticky="w", padx=(12, 24))
            ttk.Label(frame, text=key, style=key_style).grid(row=row, column=1, sticky="w")


class AboutBox(HelpWindow):
    def __init__(self, parent: tk.Misc, model_path: Path | None, icon: tk.PhotoImage | None = None) -> None:
        super().__init__(parent, f"About {TITLE}")
        if icon is not None:
            self.icon = icon.subsample(max(1, -(-icon.width() // 96)))  # the window's icon, at most 96 pixels
            ttk.Label(self.body, image=self.icon).grid(row=0, column=0, rowspan=2, sticky="n", padx=(0, 16))
        self.text = about_text(model_path)
        title, rest = self.text.split("\n", 1)
        ttk.Label(self.body, text=title, style="Heading.TLabel").grid(row=0, column=1, sticky="nw")
        ttk.Label(self.body, text=rest, justify="left", wraplength=380).grid(row=1, column=1, sticky="nw",
                                                                             pady=(4, 0))
        self.add_close_button(2)
