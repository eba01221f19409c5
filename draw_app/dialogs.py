"""The file dialogs and message boxes the window asks the person through."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import filedialog, messagebox

from draw_app.help import TITLE
from draw_app.images import IMAGE_SUFFIXES

IMAGE_FILETYPES = [("Images", " ".join(f"*{suffix}" for suffix in sorted(IMAGE_SUFFIXES))), ("All files", "*")]
"""Every kind of file the app reads (predict.py reads the same ones from a directory)."""


def ask_image_to_open(parent: tk.Misc, number_mode: bool = False) -> Path | None:
    title = "Open a photo or image of a number" if number_mode else "Open an image of a digit"
    path = filedialog.askopenfilename(parent=parent, filetypes=IMAGE_FILETYPES, title=title)
    return Path(path) if path else None


def ask_where_to_save(parent: tk.Misc, suggested_name: str) -> Path | None:
    """A PNG file name; the dialog itself asks before replacing a file."""
    path = filedialog.asksaveasfilename(parent=parent, title="Save the drawing as PNG", defaultextension=".png",
                                        initialfile=suggested_name, filetypes=[("PNG image", "*.png")],
                                        confirmoverwrite=True)
    return Path(path) if path else None


def show_error(parent: tk.Misc, message: str) -> None:
    messagebox.showerror(TITLE, message, parent=parent)


def show_info(parent: tk.Misc, message: str) -> None:
    messagebox.showinfo(TITLE, message, parent=parent)
