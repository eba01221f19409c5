"""How the window looks: its colours, its font and the ttk styles every panel shares."""

from __future__ import annotations

import math
import tkinter as tk
from tkinter import font as tkfont
from tkinter import ttk

BACKGROUND = "#f4f5f7"
TEXT = "#1f2933"
MUTED = "#6b7280"
ACCENT = "#2563eb"
ACCENT_DARK = "#1d4ed8"
SURFACE = "#ffffff"
HOVER = "#eef2ff"
BAR_EMPTY = "#e5e7eb"
BAR_FILL = "#93c5fd"
PAPER_EDGE = "#c7cbd1"
UNSURE = "#d97706"
ERROR = "#b91c1c"

MENU_BAR = {"background": BACKGROUND, "activebackground": BAR_EMPTY, "relief": "flat", "borderwidth": 0}
"""The menu bar's look: of the window, where its menus are white sheets that stand out from it
(on X11; Windows and macOS draw their own menu bars)."""

FONT_FAMILIES = ("Segoe UI", "Helvetica Neue", "DejaVu Sans", "Helvetica")

PANEL_HEIGHT = 560
"""The height the side panels ask for; the window gives them more or less, and they fit to that."""

SMALLEST_SCALE, LARGEST_SCALE = 0.6, 1.8
SCALE_STEP = 0.05
HEIGHT_PER_SCALE, FIXED_HEIGHT = 540, 30
"""At layout scale s the reading panel needs HEIGHT_PER_SCALE * s + FIXED_HEIGHT pixels (measured)."""


def panel_scale(height: int) -> float:
    """The layout scale of the side panels in a window whose panels are ``height`` pixels tall.

    Fonts, bars and pictures grow and shrink together with it, so the panels side by
    side look alike at every size.
    """
    return min(LARGEST_SCALE, max(SMALLEST_SCALE, (height - FIXED_HEIGHT) / HEIGHT_PER_SCALE))


def widest_scale(room: int, widths_at_scale_one: list[float]) -> float:
    """The largest layout scale, in steps of SCALE_STEP, at which side panels this wide at
    scale 1 fit side by side in ``room`` pixels (never under SMALLEST_SCALE).

    A tall window asks for large panels (panel_scale); on a screen no wider than the
    window, panels that large took all the width, and the paper vanished.
    """
    fitting = room / max(sum(widths_at_scale_one), 1.0)
    return min(LARGEST_SCALE, max(SMALLEST_SCALE, round(math.floor(fitting / SCALE_STEP + 1e-9) * SCALE_STEP, 2)))


def apply_style(root: tk.Misc) -> str:
    """Set up the ttk styles on ``root``; returns the font family the window uses."""
    available = set(tkfont.families(root))
    family = next((name for name in FONT_FAMILIES if name in available), "TkDefaultFont")
    style = ttk.Style(root)
    style.theme_use("clam")
    style.configure(".", background=BACKGROUND, foreground=TEXT, font=(family, 10))
    # clam's own grey bevels, its crossed check boxes and its grooved slider looked like no
    # other part of the window: flat, in the window's colours, the accent where it is on.
    style.configure("TButton", padding=(6, 4), background=SURFACE, bordercolor=PAPER_EDGE,
                    lightcolor=SURFACE, darkcolor=SURFACE, focuscolor=ACCENT)
    # style.map replaces clam's own lists, so each keeps a "disabled" look of its own.
    style.map("TButton", background=[("disabled", BACKGROUND), ("pressed", BAR_EMPTY), ("active", HOVER)],
              foreground=[("disabled", MUTED)],
              lightcolor=[("pressed", BAR_EMPTY), ("active", HOVER)],
              darkcolor=[("pressed", BAR_EMPTY), ("active", HOVER)], bordercolor=[("active", MUTED)])
    style.configure("TCheckbutton", indicatorbackground=SURFACE, indicatorforeground=SURFACE,
                    indicatormargin=(0, 0, 6, 0), upperbordercolor=MUTED, lowerbordercolor=MUTED, focuscolor=ACCENT)
    style.map("TCheckbutton", background=[("active", BACKGROUND)], foreground=[("disabled", MUTED)],
              indicatorbackground=[("disabled", BAR_EMPTY), ("selected", ACCENT), ("pressed", BAR_EMPTY)],
              upperbordercolor=[("selected", ACCENT)], lowerbordercolor=[("selected", ACCENT)])
    style.configure("Horizontal.TScale", troughcolor=BAR_EMPTY, background=ACCENT, bordercolor=BAR_FILL,
                    lightcolor=ACCENT, darkcolor=ACCENT, gripcount=0, sliderlength=12, troughrelief="flat")
    style.map("Horizontal.TScale", background=[("active", ACCENT_DARK)], lightcolor=[("active", ACCENT_DARK)],
              darkcolor=[("active", ACCENT_DARK)])
    for option, value in [("background", SURFACE), ("foreground", TEXT), ("activeBackground", HOVER),
                          ("activeForeground", TEXT), ("selectColor", ACCENT), ("activeBorderWidth", 0),
                          ("relief", "raised"), ("borderWidth", 1)]:
        root.option_add(f"*Menu.{option}", value)  # read as each menu is made, so before the menu bar
    style.configure("Heading.TLabel", font=(family, 11, "bold"))
    style.configure("Muted.TLabel", foreground=MUTED)
    style.configure("Status.TLabel", foreground=MUTED, padding=(12, 3))
    style.configure("Error.TLabel", foreground=ERROR, padding=(12, 3))
    root.configure(background=BACKGROUND)
    return family


def keep_fonts_loaded(canvas: tk.Canvas, *fonts) -> None:
    """Keep ``fonts`` loaded in Tk for as long as ``canvas`` lives.

    Tk frees a font the moment no item uses it and loads it afresh for the next item
    that does, which took up to half a millisecond of a live update whenever a bold
    font moved from one item to another or items were drawn anew. A hidden item per
    font keeps each in use.
    """
    for font in fonts:
        canvas.create_text(0, 0, text="", font=font, state="hidden")
