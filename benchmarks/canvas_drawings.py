"""Canvas-style drawings made from MNIST test digits, for measuring what users see.

Each MNIST test digit is thinned to its centre line and redrawn with a round pen of
random width (training/restroke.py), at a random size and place, on a canvas of random
shape: dark ink on light paper or light on dark, RGB, or RGBA with a transparent
background. The digits come from the test split, which training never sees.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from training.restroke import stroke_mask  # noqa: E402

CANVASES = [(400, 400), (280, 280), (300, 500), (600, 400), (480, 640), (200, 200)]
INKS_ON_PAPER = [((0, 0, 0), (255, 255, 255)), ((20, 40, 200), (250, 245, 225)),
                 ((60, 60, 60), (235, 235, 235)), ((255, 255, 255), (0, 0, 0)),
                 ((240, 240, 120), (30, 30, 60))]


def redraw(digit: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, str]:
    """One MNIST digit as a person might have drawn it; returns (image, description)."""
    width, height = CANVASES[rng.integers(len(CANVASES))]
    size = rng.uniform(0.3, 0.9) * min(height, width)
    pen = int(max(2, round(rng.uniform(0.015, 0.16) * size)))
    ink, paper = INKS_ON_PAPER[rng.integers(len(INKS_ON_PAPER))]
    transparent = rng.random() < 0.25

    span = size * 1.2 + pen
    offset = (rng.uniform(pen / 2, max(pen / 2, width - span)), rng.uniform(pen / 2, max(pen / 2, height - span)))
    mask = stroke_mask(digit, size, pen, (width, height), offset)
    kind = f"{'RGBA' if transparent else 'RGB'} {width}x{height} pen {pen}px digit {size:.0f}px"
    return on_paper(mask, ink, paper, transparent), kind


def on_paper(mask: np.ndarray, ink: tuple, paper: tuple, transparent: bool) -> np.ndarray:
    """An ink mask (255 = ink) as an RGB image in those colours, or as RGBA ink on nothing."""
    if transparent:
        return np.dstack([np.broadcast_to(np.asarray(ink, np.uint8), mask.shape + (3,)), mask])
    alpha = mask.astype(np.float32)[..., None] / 255
    return (np.asarray(ink, np.float32) * alpha + np.asarray(paper, np.float32) * (1 - alpha)).astype(np.uint8)


def drawings(digits: np.ndarray, seed: int = 0):
    """Yield (image, description) for each digit, reproducibly."""
    rng = np.random.default_rng(seed)
    for digit in digits:
        yield redraw(digit, rng)

