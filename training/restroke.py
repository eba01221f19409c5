"""MNIST digits redrawn as a person draws them in the app: one round pen, one width.

MNIST was written with real pens, whose strokes swell and fade; a mouse drawing has
strokes of one width with round ends and no pressure at all. A network trained on
MNIST alone misreads more of the latter, so training also shows it MNIST digits
redrawn that way: thinned to their centre line, then stroked again with a round pen
of random width. The benchmark uses the same redrawing on test digits, on canvases
of every shape and colour.
"""

from __future__ import annotations

import cv2
import numpy as np
from skimage.morphology import skeletonize

SKELETON_SCALE = 4
SUBPIXEL_BITS = 4


def centre_line(digit: np.ndarray) -> np.ndarray:
    """The digit's one-pixel centre line, on a grid SKELETON_SCALE times finer than 28x28."""
    large = cv2.resize(digit, None, fx=SKELETON_SCALE, fy=SKELETON_SCALE, interpolation=cv2.INTER_CUBIC)
    return skeletonize(large > 127)


def centre_line_segments(skeleton: np.ndarray) -> np.ndarray:
    """(N, 2, 2) segments joining each centre-line pixel to its 8-connected neighbours."""
    segments = []
    height, width = skeleton.shape
    for dy, dx in [(0, 1), (1, 0), (1, 1), (1, -1)]:
        start = skeleton[:height - dy, max(0, -dx):width - max(0, dx)]
        end = skeleton[dy:, max(0, dx):width - max(0, -dx) if dx < 0 else width]
        rows, columns = np.nonzero(start & end)
        columns = columns + max(0, -dx)
        segments.append(np.stack([np.stack([columns, rows], 1), np.stack([columns + dx, rows + dy], 1)], 1))
    return np.concatenate(segments)


def stroke_mask(digit: np.ndarray, size: float, pen: int, canvas: tuple[int, int],
                offset: tuple[float, float]) -> np.ndarray:
    """A canvas-sized uint8 mask (255 = ink) of the digit redrawn ``size`` px tall.

    The centre line is stroked with round-capped lines of width ``pen``; ``offset`` is
    where the digit's top-left corner goes.
    """
    skeleton = centre_line(digit)
    return stroke_segments(centre_line_segments(skeleton), centre_line_dots(skeleton), size, pen, canvas, offset)


def centre_line_dots(skeleton: np.ndarray) -> np.ndarray:
    """(M, 2) centre-line pixels with no neighbour, which no segment draws."""
    neighbours = cv2.filter2D(skeleton.astype(np.uint8), -1, np.ones((3, 3)), borderType=cv2.BORDER_CONSTANT)
    rows, columns = np.nonzero(skeleton & (neighbours == 1))
    return np.stack([columns, rows], 1)


def stroke_segments(segments: np.ndarray, dots: np.ndarray, size: float, pen: int, canvas: tuple[int, int],
                    offset: tuple[float, float]) -> np.ndarray:
    """A canvas-sized uint8 mask (255 = ink) of centre-line segments stroked with a round pen.

    ``segments`` (N, 2, 2) and ``dots`` (M, 2) are (x, y) points on the centre-line
    grid, where 20 MNIST pixels are 20 * SKELETON_SCALE units; they are scaled so that
    those 20 pixels become ``size`` canvas pixels, and their top-left corner goes to
    ``offset``. Every segment gets round caps, so joints are round as a pen's are.
    """
    mask = np.zeros(canvas[::-1], np.uint8)
    points = np.concatenate([segments.reshape(-1, 2), dots.reshape(-1, 2)])
    if not len(points):
        return mask
    scale = size / 20 / SKELETON_SCALE
    one = 1 << SUBPIXEL_BITS
    origin = points.min(axis=0)

    def to_canvas(points: np.ndarray) -> np.ndarray:
        return np.round(((points - origin) * scale + offset) * one).astype(np.int32)

    cv2.polylines(mask, list(to_canvas(segments.reshape(-1, 2, 2))), False, 255, pen, cv2.LINE_AA,
                  shift=SUBPIXEL_BITS)
    for x, y in to_canvas(dots.reshape(-1, 2)):
        cv2.circle(mask, (int(x), int(y)), pen * one // 2, 255, -1, cv2.LINE_AA, shift=SUBPIXEL_BITS)
    return mask


def round_pen_mask(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The digit redrawn 60-120 px tall with a round pen 2-20 % of that wide, on a canvas just large enough."""
    size = rng.uniform(60, 120)
    pen = int(max(2, round(rng.uniform(0.02, 0.2) * size)))
    margin = pen + 10
    return stroke_mask(digit, size, pen, (int(size * 1.2) + 2 * margin,) * 2, (margin, margin))


def back_to_mnist(mask: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """A drawing brought to MNIST's 28x28 uint8 form exactly as the app does; ``fallback`` if it is blank."""
    from draw_app.preprocess import to_mnist

    mnist_like = to_mnist(mask)
    return fallback if mnist_like is None else np.round(mnist_like * 255).astype(np.uint8)


def restroke_for_training(images: np.ndarray, seed: int, first_index: int) -> np.ndarray:
    """Redraw each digit with a random round pen and bring it back to 28x28 the way the
    app does (draw_app.preprocess), so training sees exactly what inference will see.

    Each image's pen is drawn from its own generator keyed by (seed, index), so the
    result does not depend on how the work is split between processes.
    """
    redrawn = np.empty_like(images)
    for offset, digit in enumerate(images):
        rng = np.random.default_rng([seed, first_index + offset])
        redrawn[offset] = back_to_mnist(round_pen_mask(digit, rng), digit)
    return redrawn
