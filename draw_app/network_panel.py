"""Inside the network: the drawing as each layer of the network sees it, updated as you draw.

The 30 maps of the first convolution and the 15 of the second, the two dense layers'
activations as strips of cells, and the ten outputs. Clicking a map (or Up and Down)
shows it large beside the filter that made it. The pictures come from
draw_app/network_view.py; this panel lays them out at a scale taken from the height it
is given. Each layer is one image in a widget of its own, so a live update repaints
those images and nothing else on the screen.
"""

from __future__ import annotations

import math
import tkinter as tk
from tkinter import font as tkfont
from tkinter import ttk
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageTk

from draw_app import network_view as view
from draw_app.theme import BACKGROUND, LARGEST_SCALE, MUTED, PANEL_HEIGHT, panel_scale

if TYPE_CHECKING:  # for type hints only: the panels are handed readings, not the model
    from draw_app.predictor import Prediction

SCALES = [round(0.6 + 0.05 * step, 2) for step in range(25)]
"""The layout scales tried, smallest first (0.6 to 1.8)."""

CONVOLUTIONS = {"conv1": (24, 30, 6), "conv2": (10, 15, 5)}
"""Each convolution's map side, number of maps and maps to a row in the mosaic."""

STRIPS = {"dense128": (128, 32), "dense50": (50, 25), "output": (10, 10)}
"""Each dense layer's size and cells to a row."""

CAPTIONS = {"conv1": "First convolution: 30 maps of 24×24", "conv2": "Second convolution: 15 maps of 10×10",
            "dense128": "Dense layer of 128", "dense50": "Dense layer of 50", "output": "The ten outputs"}

FILTER_CAPTIONS = {"none": "this model has no\nfilters to show",
                   "conv1": "its 5×5 filter: blue adds,\norange takes away",
                   "conv2": "its filter: 3×3 on each of\nthe first layer's 30 maps"}
"""What is said under the filter beside a map: the panel is made as wide as the widest, so none is cut."""

GAP = 2
COLUMN_GAP = 20

ACTIVATION_PALETTE = view.ACTIVATION_COLOURS.tobytes()
"""The colours of the activation pictures' levels, as Pillow takes a palette."""


def sizes_at(scale: float) -> dict[str, int]:
    """Tile sizes in pixels at a layout scale: whole zoom factors, so every map pixel is square."""
    cell = max(4, round(7 * scale))
    conv1 = max(1, round(2 * scale))
    # The second convolution's maps are drawn no larger than the first's (2 x 10 <= 24 pixels
    # a zoom): rounding alone made them the larger ones in a small window.
    return {"conv1": 24 * conv1, "conv2": 10 * max(2, min(round(4 * scale), 2 * conv1)),
            "dense128": cell, "dense50": cell, "output": 3 * cell, "detail": 24 * max(3, round(5 * scale))}


class NetworkPanel(ttk.Frame):
    """Shows a Prediction's layers; ``show`` is cheap enough to run on every live update."""

    def __init__(self, parent: tk.Misc, family: str) -> None:
        super().__init__(parent)
        self.heading_font = tkfont.Font(self, family=family, size=11, weight="bold")
        self.small_font = tkfont.Font(self, family=family, size=9)
        self.selected = ("conv1", 0)
        self.filters: dict[str, np.ndarray] = {}
        self._layers: dict[str, np.ndarray] = {}
        self._outputs: tuple[float, ...] = ()
        self._scale = 0.0
        self._sizes: dict[str, int] = {}
        self._photos: dict[str, ImageTk.PhotoImage] = {}
        self._shown: dict[str, np.ndarray] = {}

        ttk.Label(self, text="Inside the network", font=self.heading_font).grid(
            row=0, column=0, columnspan=2, sticky="w", pady=(0, 4))
        left, right = ttk.Frame(self), ttk.Frame(self)
        left.grid(row=1, column=0, sticky="nw")
        right.grid(row=1, column=1, sticky="nw", padx=(COLUMN_GAP, 0))
        self._columns = (left, right)
        self.pictures: dict[str, tk.Widget] = {}
        for layer in CONVOLUTIONS:
            self._caption(left, CAPTIONS[layer])
            picture = tk.Label(left, background=BACKGROUND, borderwidth=0, cursor="hand2")
            picture.pack(anchor="w", pady=(2, 8))
            picture.bind("<ButtonPress-1>", lambda event, layer=layer: self._clicked(layer, event))
            self.pictures[layer] = picture
        for layer in STRIPS:
            self._caption(right, CAPTIONS[layer])
            picture = tk.Label(right, background=BACKGROUND, borderwidth=0)
            picture.pack(anchor="w", pady=(2, 0 if layer == "output" else 8))
            self.pictures[layer] = picture
        self.output_digits = tk.Canvas(right, background=BACKGROUND, highlightthickness=0, height=1, width=1)
        self.output_digits.pack(anchor="w", pady=(0, 10))
        self.detail_title = self._caption(right, "", muted=False)
        detail = ttk.Frame(right)
        detail.pack(anchor="w", pady=(2, 0))
        for column, (name, caption) in enumerate([("detail map", "the map"), ("detail filter", "")]):
            picture = tk.Label(detail, background=BACKGROUND, borderwidth=0)
            picture.grid(row=0, column=column, sticky="nw", padx=(0, 16))
            self.pictures[name] = picture
            label = ttk.Label(detail, text=caption, font=self.small_font, foreground=MUTED, justify="left")
            label.grid(row=1, column=column, sticky="nw", pady=(2, 0))
        self.filter_caption = label
        self.pack_propagate(False)
        self.grid_propagate(False)  # its size is set from the height it is given, not from its contents
        self.largest_scale = LARGEST_SCALE
        """The largest scale the window's width leaves room for (see limit_scale)."""
        self._height = PANEL_HEIGHT
        self.bind("<Configure>", self._resized)
        self._lay_out(self.scale_for(PANEL_HEIGHT))

    # ------------------------------------------------------------------ showing

    def set_filters(self, filters: dict[str, np.ndarray]) -> None:
        """The model's convolution kernels, (filters, height, width, channels) by layer."""
        self.filters = filters
        self._show_filter()

    def show(self, prediction: Prediction | None) -> None:
        """Show a Prediction's layers (blank for None, or for a model without layers)."""
        self._layers = dict(prediction.layers) if prediction is not None else {}
        self._outputs = tuple(prediction.probabilities) if prediction is not None else ()
        self._show_layers()
        self._show_map()

    def select(self, layer: str, index: int) -> None:
        """Show map ``index`` of convolution ``layer`` large, with its filter."""
        self.selected = (layer, index)
        self._show_layers()
        self._show_map()
        self._show_filter()

    def step_selection(self, step: int) -> None:
        """Select the next (1) or previous (-1) map, through conv1's and then conv2's."""
        order = [(layer, index) for layer, (_, count, _) in CONVOLUTIONS.items() for index in range(count)]
        self.select(*order[(order.index(self.selected) + step) % len(order)])

    def _activations(self, layer: str) -> np.ndarray:
        side, count, _ = CONVOLUTIONS[layer]
        return self._layers.get(layer, np.zeros((side, side, count), np.float32))

    def _show_layers(self) -> None:
        for layer, (side, _, columns) in CONVOLUTIONS.items():
            factor = self._sizes[layer] // side
            picture = view.maps_picture(self._activations(layer), columns, factor)
            if layer == self.selected[0]:
                view.outline_tile(picture, self.selected[1], columns, self._sizes[layer], factor, view.SELECTED_LEVEL)
            self._put(layer, picture)
        for layer, (size, columns) in STRIPS.items():
            if layer == "output":
                values, top = np.asarray(self._outputs or (0.0,) * 10, np.float32), 1.0
            else:
                values, top = self._layers.get(layer, np.zeros(size, np.float32)), None
            self._put(layer, view.strip_picture(values, columns, self._sizes[layer], GAP, top=top))

    def _show_map(self) -> None:
        layer, index = self.selected
        activations = self._activations(layer)
        self._put("detail map", view.map_picture(activations[..., index], float(activations.max()),
                                                 self._sizes["detail"]))

    def _show_filter(self) -> None:
        layer, index = self.selected
        count = CONVOLUTIONS[layer][1]
        side = self._sizes["detail"]
        kernel = self.filters.get(layer)
        if kernel is None:
            picture = np.full((side, side, 3), view.BACKGROUND_RGB, np.uint8)
        elif layer == "conv1":
            picture = view.filter_picture(kernel[index, ..., 0], side)
        else:
            columns = 6
            picture = view.filter_slices_picture(kernel[index], columns, (side - (columns - 1) * GAP) // columns, GAP)
        self._put("detail filter", picture)
        self.filter_caption.configure(text=FILTER_CAPTIONS["none" if kernel is None else layer])
        name = "first" if layer == "conv1" else "second"
        self.detail_title.configure(text=f"Map {index + 1} of {count}, {name} convolution")

    def _put(self, name: str, picture: np.ndarray) -> None:
        """Put one picture (colour levels, or RGB) on the screen: a paste into its photo, remade only
        when its size changed, and nothing at all when the picture is the one already shown (the
        outputs, mostly). Colour levels go to Pillow as a palette image, which colours them as
        it copies them for Tk."""
        shown = self._shown.get(name)
        if shown is not None and shown.shape == picture.shape and np.array_equal(shown, picture):
            return
        self._shown[name] = picture
        image = Image.fromarray(np.ascontiguousarray(picture))
        if picture.ndim == 2:
            image.putpalette(ACTIVATION_PALETTE)
        photo = self._photos.get(name)
        if photo is not None and (photo.width(), photo.height()) == image.size:
            photo.paste(image)
        else:
            self._photos[name] = ImageTk.PhotoImage(image)
            self.pictures[name].configure(image=self._photos[name])

    def _clicked(self, layer: str, event: tk.Event) -> None:
        side, count, columns = CONVOLUTIONS[layer]
        tile = self._sizes[layer]
        index = view.cell_at(event.x, event.y, columns, count, tile, tile // side)
        if index is not None:
            self.select(layer, index)

    # ------------------------------------------------------------------ layout

    def _caption(self, parent: tk.Misc, text: str, muted: bool = True) -> ttk.Label:
        label = ttk.Label(parent, text=text, font=self.small_font, foreground=MUTED if muted else None)
        label.pack(anchor="w")
        return label

    def scale_for(self, height: int) -> float:
        """The window's panel scale, or a smaller one if the pictures would not fit in ``height`` pixels
        or the window's width leaves no room for them (largest_scale)."""
        largest = min(panel_scale(height), self.largest_scale)
        fitting = [scale for scale in SCALES if scale <= largest and self._height_at(scale) <= height]
        return fitting[-1] if fitting else SCALES[0]

    @property
    def scale(self) -> float:
        """The layout scale the panel is drawn at now."""
        return self._scale

    def limit_scale(self, largest: float) -> None:
        """Grow with the height given no larger than ``largest``: the room the window's width leaves."""
        self.largest_scale = largest
        self._lay_out(self.scale_for(self._height))

    def width_at_scale_one(self) -> float:
        """About how wide the panel is at layout scale 1 (its width grows with the scale)."""
        return self.winfo_reqwidth() / self._scale

    def fit_height(self, height: int) -> None:
        """Lay the panel out for ``height`` pixels now, before Tk gives it them: the window asks how
        wide the panel will be before it is shown."""
        self._height = height
        self._lay_out(self.scale_for(height))

    def _resized(self, event: tk.Event) -> None:
        self.fit_height(event.height)

    def _height_at(self, scale: float) -> int:
        """The pixels the panel's contents need at ``scale``: its taller column under the heading."""
        sizes = sizes_at(scale)
        small = tkfont.Font(family=self.small_font.actual("family"), size=max(8, round(9 * scale)))
        line = small.metrics("linespace") + 2  # a ttk label is one line and its border
        heading = tkfont.Font(family=self.heading_font.actual("family"), size=max(8, round(11 * scale)),
                              weight="bold").metrics("linespace") + 2

        def grid_height(count: int, columns: int, tile: int, gap: int) -> int:
            return -(-count // columns) * (tile + gap) - gap

        left = sum(line + 2 + grid_height(count, columns, sizes[layer], sizes[layer] // side) + 8
                   for layer, (side, count, columns) in CONVOLUTIONS.items())
        right = sum(line + 2 + grid_height(size, columns, sizes[layer], GAP) + 8 for layer, (size, columns) in
                    STRIPS.items()) + (line + 2) + 2 + line + 2 + sizes["detail"] + 2 + 2 * line
        return heading + 4 + max(left, right) + 8  # 8: what Tk adds around labels, measured

    def _lay_out(self, scale: float) -> None:
        """Size every picture and font for ``scale``, then show them again."""
        scale = round(scale, 2)
        if scale == self._scale:
            return
        self._scale = scale
        self.heading_font.configure(size=max(8, round(11 * scale)))
        self.small_font.configure(size=max(8, round(9 * scale)))
        self._sizes = sizes_at(scale)
        cell = self._sizes["output"]
        widest = max(self.small_font.measure(line)
                     for caption in FILTER_CAPTIONS.values() for line in caption.split("\n"))
        self.filter_caption.configure(width=math.ceil(widest / self.small_font.measure("0")) + 1)
        self.output_digits.delete("all")
        self.output_digits.configure(width=10 * (cell + GAP), height=self.small_font.metrics("linespace") + 2)
        for digit in range(10):
            self.output_digits.create_text(digit * (cell + GAP) + cell / 2, 1, text=str(digit), anchor="n",
                                           font=self.small_font, fill=MUTED)
        self._show_layers()
        self._show_map()
        self._show_filter()
        self.update_idletasks()
        left, right = self._columns
        self.configure(width=left.winfo_reqwidth() + COLUMN_GAP + right.winfo_reqwidth(), height=PANEL_HEIGHT)
