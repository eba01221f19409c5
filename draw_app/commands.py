"""Every action of the window, with its key: one table for the menus, the key bindings and Help.

An action is named here once, with its menu, its label and its key, so the menu's
accelerators, the bindings and the Help window's list of shortcuts cannot disagree.
The digit keys 0-9 are left free on purpose: they are for telling the app which digit
a drawing really is.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from dataclasses import dataclass

from draw_app.theme import MENU_BAR

MENUS = ("File", "Edit", "View", "Help")


@dataclass(frozen=True)
class Command:
    name: str
    """What the app calls the handler by."""
    label: str
    menu: str
    key: str
    """The key as people read it, shown in the menu and in Help."""
    sequences: tuple[str, ...]
    """The Tk event sequences that run it."""
    toggle: bool = False
    """Switches something on or off: a check mark in the menu."""
    needs: str | None = None
    """The toggle that must be on for it to do anything; while it is off, its menu item is greyed."""


def control(letter: str) -> tuple[str, ...]:
    """Ctrl+letter, whether or not Caps Lock is on."""
    return f"<Control-{letter}>", f"<Control-{letter.upper()}>"


COMMANDS = (
    Command("open", "Open image…", "File", "Ctrl+O", control("o")),
    Command("save", "Save drawing…", "File", "Ctrl+S", control("s")),
    Command("quit", "Quit", "File", "Ctrl+Q", control("q")),
    Command("undo", "Undo", "Edit", "Ctrl+Z", control("z")),
    Command("redo", "Redo", "Edit", "Ctrl+Y", control("y") + ("<Control-Shift-Z>", "<Control-Shift-z>")),
    Command("copy", "Copy the reading", "Edit", "Ctrl+C", control("c")),
    Command("paste", "Paste a picture", "Edit", "Ctrl+V", control("v")),
    Command("clear", "Clear", "Edit", "Esc", ("<Escape>",)),
    Command("thinner_pen", "Thinner pen", "Edit", "−", ("<minus>", "<KP_Subtract>")),
    Command("thicker_pen", "Thicker pen", "Edit", "+", ("<plus>", "<equal>", "<KP_Add>")),
    Command("number_mode", "Number mode", "View", "Ctrl+N", control("n"), toggle=True),
    Command("previous_digit", "Previous digit of the number", "View", "←", ("<Left>",), needs="number_mode"),
    Command("next_digit", "Next digit of the number", "View", "→", ("<Right>",), needs="number_mode"),
    Command("network", "Inside the network", "View", "Ctrl+I", control("i"), toggle=True),
    Command("previous_map", "Previous map", "View", "↑", ("<Up>",), needs="network"),
    Command("next_map", "Next map", "View", "↓", ("<Down>",), needs="network"),
    Command("answer_help", "What the answer means", "Help", "F2", ("<F2>",)),
    Command("shortcuts", "Keyboard shortcuts", "Help", "F1", ("<F1>",)),
    Command("about", "About Draw a Digit", "Help", "Shift+F1", ("<Shift-F1>",)),
)

SEPARATE_AFTER = {"save", "clear", "next_digit"}
"""Menu items followed by a separator, to group them."""


def command(name: str) -> Command:
    return next(entry for entry in COMMANDS if entry.name == name)


def install(root: tk.Tk, handlers: dict[str, Callable[[], object]],
            toggles: dict[str, tk.BooleanVar]) -> tk.Menu:
    """Put up the menu bar and bind every key; returns the menu bar.

    ``handlers`` has a function for every command; ``toggles`` the variable behind
    each toggle's check mark, which the handler reads.
    """
    bar = tk.Menu(root, tearoff=False, **MENU_BAR)
    menus = {title: tk.Menu(bar, tearoff=False) for title in MENUS}
    for entry in COMMANDS:
        menu = menus[entry.menu]
        if entry.toggle:
            menu.add_checkbutton(label=entry.label, accelerator=entry.key, variable=toggles[entry.name],
                                 command=handlers[entry.name])
        else:
            menu.add_command(label=entry.label, accelerator=entry.key, command=handlers[entry.name])
        if entry.needs:
            grey_while_off(menu, menu.index("end"), toggles[entry.needs])
        if entry.name in SEPARATE_AFTER:
            menu.add_separator()
        for sequence in entry.sequences:
            root.bind(sequence, key_handler(entry, handlers[entry.name], toggles))
    for title in MENUS:
        bar.add_cascade(label=title, menu=menus[title], underline=0)  # Alt and its first letter opens it
    root.configure(menu=bar)
    return bar


def grey_while_off(menu: tk.Menu, index: int, toggle: tk.BooleanVar) -> None:
    """Keep a menu item greyed while ``toggle`` is off: a learner who picks "Next map" with no
    network shown sees nothing happen, and cannot tell why."""

    def follow(*_) -> None:
        menu.entryconfigure(index, state="normal" if toggle.get() else "disabled")

    toggle.trace_add("write", follow)
    follow()


def key_handler(entry: Command, handler: Callable[[], object],
                toggles: dict[str, tk.BooleanVar]) -> Callable[[tk.Event], str]:
    """A key runs what the menu item runs; for a toggle it first flips the check mark, as a click does."""

    def run(event: tk.Event) -> str:
        if entry.toggle:
            toggles[entry.name].set(not toggles[entry.name].get())
        handler()
        return "break"

    return run
