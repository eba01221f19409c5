"""Canvas-style drawings made from MNIST test digits, for measuring what users see.

Each MNIST test digit is thinned to its centre line and redrawn with a round pen of
random width, at a random size and place, on a canvas of random shape: dark ink on
light paper or light on dark, RGB or RGBA with a transparent background. None of these
images was seen in training (the digits come from the test split).
"""

from __future__ import annotations

import cv2
import numpy as np
from skimage.morphology import skeletonize

CANVASES = [(400, 400), (280, 280), (300, 500), (600, 400), (480, 640), (200, 200)]
INKS_ON_PAPER = [((0, 0, 0), (255, 255, 255)), ((20, 40, 200), (250, 245, 225)),
                 ((60, 60, 60), (235, 235, 235)), ((255, 255, 255), (0, 0, 0)),
                 ((240, 240, 120), (30, 30, 60))]
SKELETON_SCALE = 4


def centre_line(digit: np.ndarray) -> np.ndarray:
    """(N, 2) x, y points of the digit's one-pixel skeleton, in 28x28 units."""
    large = cv2.resize(digit, None, fx=SKELETON_SCALE, fy=SKELETON_SCALE, interpolation=cv2.INTER_CUBIC)
    rows, columns = np.nonzero(skeletonize(large > 127))
    return np.stack([columns, rows], axis=1) / SKELETON_SCALE


def redraw(digit: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, str]:
    """One MNIST digit as a person might have drawn it; returns (image, description)."""
    height, width = CANVASES[rng.integers(len(CANVASES))]
    size = rng.uniform(0.3, 0.9) * min(height, width)
    pen = int(max(2, round(rng.uniform(0.015, 0.16) * size)))
    ink, paper = INKS_ON_PAPER[rng.integers(len(INKS_ON_PAPER))]
    transparent = rng.random() < 0.25

    points = centre_line(digit)
    scale = size / 20
    points = (points - points.min(axis=0)) * scale
    span = points.max(axis=0) + pen
    offset = np.array([rng.uniform(pen / 2, max(pen / 2, width - span[0])),
                       rng.uniform(pen / 2, max(pen / 2, height - span[1]))])
    points = np.round((points + offset) * 16).astype(np.int32)

    mask = np.zeros((height, width), np.uint8)
    step = 16 * scale / SKELETON_SCALE * 1.5
    for index, point in enumerate(points):
        near = points[index + 1:]
        close = near[np.abs(near - point).max(axis=1) <= step]
        for other in close:
            cv2.line(mask, tuple(point), tuple(other), 255, pen, cv2.LINE_AA, shift=4)
        if not len(close):
            cv2.circle(mask, tuple(point), pen * 8, 255, -1, cv2.LINE_AA, shift=4)

    alpha = mask.astype(np.float32)[..., None] / 255
    image = np.asarray(ink, np.float32) * alpha + np.asarray(paper, np.float32) * (1 - alpha)
    image = image.astype(np.uint8)
    if transparent:
        image = np.dstack([np.broadcast_to(np.asarray(ink, np.uint8), image.shape), mask])
    kind = f"{'RGBA' if transparent else 'RGB'} {width}x{height} pen {pen}px digit {size:.0f}px"
    return image, kind


def drawings(digits: np.ndarray, seed: int = 0):
    """Yield (image, description) for each digit, reproducibly."""
    rng = np.random.default_rng(seed)
    for digit in digits:
        yield redraw(digit, rng)
