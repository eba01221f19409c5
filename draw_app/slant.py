"""How far a writer's digits lean, and the digits of a number set upright.

Italic handwriting leans every digit the same way, further to the right than most of
MNIST's writers did, and the network reads a digit leaning far to the right worse: a 7
or a 6 becomes a 1. One digit's lean says little (a 1 leans further than a 0 in anyone's
hand), but the digits of a number written together share their writer's slant, so a
number's digits that lean further to the right than MNIST's by LEANS_BEYOND are set
upright by that much before they are read (draw_app.number). What it gives on numbers
of MNIST test digits leaning 20 and 30 degrees is in the README (Italic numbers).

Pure functions on crops of ink (light on black), so they are tested without a model.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from draw_app.segment import DigitCrop

MNIST_LEAN = 0.12
"""The median lean of MNIST's training digits (see lean; 0.118 over the first 20,000):
most lean a little to the right."""

LEANS_BEYOND = 0.15
"""A number whose digits lean further to the right than MNIST's by more than this (about
9 degrees) is set upright. Chosen on numbers of MNIST *training* digits (number_accuracy.py
--split train --seed 7, 600 numbers leaning 20 degrees further, 1,500 upright; then with
backhands set upright too, see lean_beyond_mnist): leaning, 94.83 % were read exactly as
they were, 96.33 % set upright from 0.15, 96.00 % from 0.25; upright, 95.73, 95.80 and
95.73 %."""

LEAN_STEP = 0.05
"""A number is set upright by a whole number of these: as it is written, a digit more
changes its median lean a little, and each change has every digit read again."""

TALL_ENOUGH = 0.5
"""Only pieces whose ink is at least this share as tall as the tallest's say how the
writing leans: not a comma, a point or a dash."""


def lean(image: np.ndarray) -> float:
    """How far the ink leans to the right: how many pixels its middle moves right for each
    row up, from its second moments (negative when it leans to the left); 0 for ink with
    no height."""
    moments = cv2.moments(image.astype(np.float32))
    return -moments["mu11"] / moments["mu02"] if moments["mu02"] > 0 else 0.0


def leans_of_digits(crops: Sequence[DigitCrop]) -> list[float]:
    """The leans of those pieces of a number whose ink is tall enough to be digits (TALL_ENOUGH)."""
    tallest = max((crop.box[3] for crop in crops), default=0)
    return [lean(crop.image) for crop in crops if crop.box[3] >= TALL_ENOUGH * tallest]


def lean_beyond_mnist(leans: Sequence[float]) -> float:
    """How much further to the right than MNIST's the digits of a number lean, as one hand
    wrote them: their median lean less MNIST_LEAN, to the nearest LEAN_STEP; 0 when that is
    within LEANS_BEYOND, or fewer than two digits tell.

    A number leaning to the left (a backhand) is read as it is. On numbers of MNIST
    *training* digits (seed 11), setting those upright too read 4 more of 1,200 leaning 15
    degrees to the left, but 5 fewer of 1,500 upright ones, whose digits come from different
    writers and now and then lean left together; upright only to the right, as many upright
    numbers were read right as without it (1,447), and 4 more of 600 leaning 15 degrees to
    the right."""
    if len(leans) < 2:
        return 0.0
    beyond = float(np.median(leans)) - MNIST_LEAN
    return round(beyond / LEAN_STEP) * LEAN_STEP if beyond > LEANS_BEYOND else 0.0


def set_upright(image: np.ndarray, by: float) -> np.ndarray:
    """The ink leaning ``by`` less (see lean): each row moved sideways, the middle row
    staying, the image widened to hold it all."""
    height = image.shape[0]
    pad = int(np.ceil(abs(by) * height / 2)) + 1
    matrix = np.float32([[1, by, pad - by * (height - 1) / 2], [0, 1, 0]])
    return cv2.warpAffine(image, matrix, (image.shape[1] + 2 * pad, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=0)
