"""The file dialogs and message boxes the window asks the person through."""

from __future__ import annotations

import tkinter as tk
from pathlib import Path
from tkinter import filedialog, messagebox

from draw_app.help import TITLE
from draw_app.images import IMAGE_SUFFIXES


def image_file_types(parent: tk.Misc) -> list[tuple[str, str]]:
    """Every kind of file the app reads (predict.py reads the same ones from a directory).
    Tk's own dialog (X11) matches names case by case, and cameras name their photos
    IMG_0001.JPG, so there the upper-case suffixes are offered too; the native dialogs of
    Windows and macOS ignore case, and would only show the list twice."""
    suffixes = sorted(IMAGE_SUFFIXES)
    if parent.tk.call("tk", "windowingsystem") == "x11":
        suffixes += [suffix.upper() for suffix in suffixes]
    return [("Images", " ".join(f"*{suffix}" for suffix in suffixes)), ("All files", "*")]


def hide_hidden_files(parent: tk.Misc) -> None:
    """Leave dot-files (.git, .cache, .venv) out of Tk's own file dialogs, behind a "Show Hidden"
    box, as desktop file dialogs do. Only X11 uses Tk's own dialogs; Windows and macOS have
    native ones. The dialog's script must be loaded before its settings can be changed, and
    asking for it with an unknown option loads it without showing anything; done when a
    dialog is first asked for, not at start-up, and only once (the person's own choice in
    the box then stands)."""
    if parent.tk.call("tk", "windowingsystem") != "x11" or parent.tk.call("info", "exists",
                                                                           "::tk::dialog::file::showHiddenBtn"):
        return
    try:
        parent.tk.call("tk_getOpenFile", "-no-such-option")
    except tk.TclError:
        pass
    parent.tk.call("set", "::tk::dialog::file::showHiddenBtn", "1")
    parent.tk.call("set", "::tk::dialog::file::showHiddenVar", "0")


def select_all_with_ctrl_a(parent: tk.Misc) -> None:
    """Ctrl+A selects the whole text of a text box, as on Windows and in desktop file dialogs.
    Tk's own file dialogs (X11) kept the Emacs meaning, the start of the line, so a new user
    who pressed Ctrl+A and typed a name saved "phone.pngnumber_174843.png". Bound for every
    text box of the window (the dialogs' are the only ones); their name box is a ttk entry
    that Tk made itself, known to the handler only by its path."""
    if parent.tk.call("tk", "windowingsystem") != "x11":
        return

    def select_all(event: tk.Event) -> str:
        parent.tk.call(str(event.widget), "selection", "range", 0, "end")
        parent.tk.call(str(event.widget), "icursor", "end")
        return "break"

    for entry_class in ("TEntry", "Entry"):
        parent.bind_class(entry_class, "<Control-a>", select_all)


def ask_image_to_open(parent: tk.Misc, number_mode: bool = False) -> Path | None:
    hide_hidden_files(parent)
    select_all_with_ctrl_a(parent)
    title = "Open a photo or image of a number" if number_mode else "Open an image of a digit"
    path = filedialog.askopenfilename(parent=parent, filetypes=image_file_types(parent), title=title)
    return Path(path) if path else None


def ask_where_to_save(parent: tk.Misc, suggested_name: str, folder: Path | None) -> Path | None:
    """A file name for the drawing, PNG unless the person types another suffix (.jpg, .bmp),
    offered in ``folder`` (None: the person's pictures folder); the dialog itself asks before
    replacing a file."""
    hide_hidden_files(parent)
    select_all_with_ctrl_a(parent)
    path = filedialog.asksaveasfilename(parent=parent, title="Save the drawing", defaultextension=".png",
                                        initialfile=suggested_name, initialdir=str(folder or pictures_folder()),
                                        filetypes=[("PNG image", "*.png"), ("JPEG image", "*.jpg *.jpeg")],
                                        confirmoverwrite=True)
    return Path(path) if path else None


def pictures_folder() -> Path:
    """Where a first drawing is saved: the person's pictures folder, or home if there is none.

    Not the folder a picture was last opened from, which Tk would offer: that may be the
    app's own samples, inside the installed program (or a packaged executable's temporary
    folder, deleted when it quits)."""
    import platformdirs

    pictures = Path(platformdirs.user_pictures_dir())
    return pictures if pictures.is_dir() else Path.home()


def show_error(parent: tk.Misc, message: str) -> None:
    messagebox.showerror(TITLE, message, parent=parent)


def show_info(parent: tk.Misc, message: str) -> None:
    messagebox.showinfo(TITLE, message, parent=parent)


def ask_save_before_quitting(parent: tk.Misc) -> bool | None:
    """True: save the drawing, then quit; False: quit without saving; None: stay."""
    return messagebox.askyesnocancel(TITLE, "Save your drawing before quitting?",
                                     detail="If you don't, it is lost.", icon=messagebox.WARNING, parent=parent)
