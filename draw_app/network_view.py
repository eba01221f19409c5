"""Pictures of the network's layers: activations as mosaics and strips, filters as coloured grids.

Everything here is numpy in, uint8 arrays out, so the pictures are tested without a
window and the panel (draw_app/network_panel.py) only puts them on the screen.
Activations (all >= 0 after relu) are shown black for none to white for the layer's
strongest, through the window's blue; filter weights blue where they add, orange
where they take away, white where they do nothing.

A picture of activations is one colour level per pixel, coloured by ACTIVATION_COLOURS
only as the screen gets it (the panel hands both to Pillow as a palette image). A live
update makes six of them, and colouring them in numpy first cost about half a
millisecond an update; ``coloured`` gives the RGB picture the screen shows, which the
tests compare the screen with.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

TOP_LEVEL = 252
"""The colour level of a layer's strongest activation; 0 is none."""
EDGE_LEVEL = 253
"""The colour level of the thin edge round each cell of a dense layer: its strongest cells are
near-white, and without an edge they vanished into the panel's light background."""
SELECTED_LEVEL = 254
"""The colour level of the frame round the selected map."""
GAP_LEVEL = 255
"""The colour level of the gaps between maps and cells (the panel's background)."""

BACKGROUND_RGB = (0xF4, 0xF5, 0xF7)
EDGE_RGB = (0xC7, 0xCB, 0xD1)
SELECTED_RGB = (0xF5, 0x9E, 0x0B)


def colour_table(stops: list[tuple[float, tuple[int, int, int]]], entries: int) -> np.ndarray:
    """A (entries, 3) uint8 table running through the colour ``stops`` (position 0..1, RGB)."""
    positions = np.linspace(0, 1, entries)
    where = [stop[0] for stop in stops]
    return np.stack([np.interp(positions, where, [stop[1][channel] for stop in stops])
                     for channel in range(3)], axis=1).round().astype(np.uint8)


ACTIVATION_COLOURS = np.vstack([
    colour_table([(0.0, (0, 0, 0)), (0.45, (0x1E, 0x40, 0xAF)), (0.8, (0x60, 0xA5, 0xFA)),
                  (1.0, (0xFF, 0xFF, 0xFF))], TOP_LEVEL + 1),
    np.array([EDGE_RGB, SELECTED_RGB, BACKGROUND_RGB], np.uint8)])
"""Level 0..TOP_LEVEL -> black, blue, light blue, white; then the cells' edges, the selected map's
frame and the gaps."""

WEIGHT_COLOURS = colour_table([(0.0, (0xEA, 0x58, 0x0C)), (0.5, (0xFF, 0xFF, 0xFF)), (1.0, (0x1D, 0x4E, 0xD8))], 255)
"""Index 0 -> the most negative weight (orange), 127 -> zero (white), 254 -> the most positive (blue)."""


def levels(values: np.ndarray, top: float) -> np.ndarray:
    """Activations as colour levels 0..TOP_LEVEL, ``top`` and above being TOP_LEVEL."""
    if top <= 0:
        return np.zeros(values.shape, np.uint8)
    return np.clip(values * (TOP_LEVEL / top), 0, TOP_LEVEL).astype(np.uint8)  # never an edge's, frame's or gap's


def coloured(picture: np.ndarray) -> np.ndarray:
    """A picture of colour levels as RGB, as the screen shows it."""
    return ACTIVATION_COLOURS[picture]


def mosaic(tiles: np.ndarray, columns: int, gap: int) -> np.ndarray:
    """(count, height, width) levels -> one grid of them, row by row, GAP_LEVEL between."""
    count, height, width = tiles.shape
    rows = math.ceil(count / columns)
    grid = np.full((rows, height + gap, columns, width + gap), GAP_LEVEL, np.uint8)
    padded = np.full((rows * columns, height, width), GAP_LEVEL, np.uint8)
    padded[:count] = tiles
    grid[:, :height, :, :width] = padded.reshape(rows, columns, height, width).transpose(0, 2, 1, 3)
    return grid.reshape(rows * (height + gap), columns * (width + gap))[:rows * (height + gap) - gap,
                                                                     :columns * (width + gap) - gap]


def zoom(image: np.ndarray, factor: int) -> np.ndarray:
    """Each pixel as a factor x factor block (the maps are small; blurring them would lie)."""
    if factor <= 1:
        return image
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_NEAREST_EXACT)


def maps_picture(activations: np.ndarray, columns: int, factor: int) -> np.ndarray:
    """A convolution's (height, width, maps) activations as a grid of its maps' colour levels,
    zoomed ``factor`` times (laid out at one pixel per activation, then zoomed, so the gaps
    between maps are ``factor`` pixels wide)."""
    tiles = levels(np.moveaxis(activations, -1, 0), float(activations.max()))
    return zoom(mosaic(tiles, columns, 1), factor)


def zoom_tiles(tiles: np.ndarray, factor: int) -> np.ndarray:
    return tiles.repeat(factor, axis=1).repeat(factor, axis=2) if factor > 1 else tiles


def strip_picture(values: np.ndarray, columns: int, cell: int, gap: int, top: float | None = None) -> np.ndarray:
    """A dense layer's activations as rows of square cells' colour levels, ``columns`` to a row,
    each cell within a thin edge (EDGE_LEVEL)."""
    top = float(values.max()) if top is None else top
    tiles = np.empty((len(values), cell, cell), np.uint8)
    tiles[:] = levels(values, top)[:, None, None]
    tiles[:, [0, -1], :] = EDGE_LEVEL
    tiles[:, :, [0, -1]] = EDGE_LEVEL
    return mosaic(tiles, columns, gap)


def map_picture(activation: np.ndarray, top: float, side: int) -> np.ndarray:
    """One map's colour levels, ``side`` pixels square, on its layer's scale (so maps can be compared)."""
    return zoom(levels(activation, top), max(1, side // activation.shape[0]))


def filter_picture(kernel: np.ndarray, side: int) -> np.ndarray:
    """A convolution filter of one input channel, (height, width) weights, as a coloured grid."""
    weights = kernel / max(float(np.abs(kernel).max()), 1e-12)
    image = WEIGHT_COLOURS[np.round((weights + 1) * 127).astype(np.uint8)]
    factor = max(1, side // kernel.shape[0])
    return zoom(image, factor)


def filter_slices_picture(kernel: np.ndarray, columns: int, cell: int, gap: int) -> np.ndarray:
    """A filter over many input maps, (height, width, channels), as one small grid per channel.

    All slices share one scale, the largest weight of the whole filter, so it is plain
    which of the previous layer's maps the filter leans on.
    """
    weights = kernel / max(float(np.abs(kernel).max()), 1e-12)
    indices = np.round((np.moveaxis(weights, -1, 0) + 1) * 127).astype(np.uint8)
    factor = max(1, cell // kernel.shape[0])
    colours = np.vstack([WEIGHT_COLOURS, np.array([BACKGROUND_RGB], np.uint8)])
    return colours[mosaic(zoom_tiles(indices, factor), columns, gap)]


def outline_tile(picture: np.ndarray, index: int, columns: int, tile: int, gap: int, level: int,
                 thickness: int = 2) -> None:
    """Frame tile ``index`` of a mosaic of colour levels in ``level``, inside the tile (drawn in place)."""
    row, column = divmod(index, columns)
    top, left = row * (tile + gap), column * (tile + gap)
    frame = picture[top:top + tile, left:left + tile]
    frame[:thickness], frame[-thickness:], frame[:, :thickness], frame[:, -thickness:] = level, level, level, level


def cell_at(x: float, y: float, columns: int, count: int, cell: int, gap: int) -> int | None:
    """Which tile of a mosaic the point (x, y), relative to its corner, falls on; None for a gap or outside."""
    if x < 0 or y < 0:
        return None
    column, across = divmod(int(x), cell + gap)
    row, down = divmod(int(y), cell + gap)
    index = row * columns + column
    if column >= columns or across >= cell or down >= cell or index >= count:
        return None
    return index
