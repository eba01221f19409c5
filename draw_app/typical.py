"""How unlike the typical drawings of its digit a drawing is: one digit or two touching.

The network reads almost any ink as some digit, and surely: two digits written close
enough to touch read together as one sure 4 or 7 (a 14, a 17), and a cut through one
digit gives halves that read as sure digits. What the softmax hides, the network's
feature space shows: two touching digits squeezed into one 28x28 lie far from every
typical drawing of the digit they are read as, while each of them, cut apart, lies near
typical drawings of its own. So segmentation weighs a cut by how much nearer to typical
drawings its halves lie than the whole does (segment.split_touching), and so it weighs
pieces of ink that geometry grouped as one digit (segment.pieces_read_apart).

The feature space is the one the user's examples are compared in (draw_app/adapt.py:
conv2 max-pooled, unit length), and the typical drawings are the same reference digits
(draw_app/reference_digits.npz). A drawing's unlikeness is its mean distance to the
NEAREST nearest reference drawings of the digit it reads as (0 to 2). Of numbers composed
from MNIST *training* digits as benchmarks/number_accuracy.py composes them, single
digits wide enough to be tried for a cut lie 0.65 from their kind (median of 1,201; 95 %
nearer than 0.84), touching pairs that read as one digit 0.93 (median of 338; 95 %
further than 0.79), and the halves of the cut that parts a pair right 0.70 (median of
their mean).
"""

from __future__ import annotations

import numpy as np

from draw_app.adapt import unit_distances

NEAREST = 5
"""How many of the nearest reference drawings of a digit a drawing's unlikeness averages
over. On 600 touching pairs of training digits (seed 7's), the cuts segment.split_touching
would choose read 75.8 % right with 1, 5 or 10 alike; on 1,000 others (seed 11's), 76.4 %
with 1 and 76.9 % with 5."""


class TypicalDigits:
    """The reference digits' feature vectors, grouped by digit, to measure drawings against."""

    def __init__(self, references: tuple[np.ndarray, np.ndarray]) -> None:
        vectors, digits = np.asarray(references[0], np.float32), np.asarray(references[1], np.int64)
        self._of_digit = {int(digit): vectors[digits == digit] for digit in np.unique(digits)}

    def unlikeness(self, vector: np.ndarray, digit: int) -> float:
        """The mean distance from a drawing's unit feature vector to the NEAREST nearest
        reference drawings of ``digit`` (2.0, the farthest, if there are none)."""
        references = self._of_digit.get(digit)
        if references is None:
            return 2.0
        distances = unit_distances(references, vector)
        nearest = min(NEAREST, len(distances))
        return float(np.partition(distances, nearest - 1)[:nearest].mean())
