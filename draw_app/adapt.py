"""Read drawings like the user's own examples as the user said they are, at once.

A network trained on MNIST has habits; a person has others. When the user corrects a
reading, the drawing becomes an example (draw_app/examples.py), and from then on
every drawing is compared with the examples in the network's own feature space: the
output of its second convolution after max-pooling, the 375 numbers its dense layers
read, scaled to unit length. A drawing near an example of digit d gets extra
evidence for d, added to the calibrated log-probabilities:

    boost = BOOST * max(0, 1 - (distance / reach)**2)

from the nearest example of each digit. A drawing just like the example gets the full
boost, which overrules any but the most certain reading (and the very drawing taught
is read as taught, however certain: SAME_DRAWING); far away it gets nothing. In
between, the model's own confidence still counts, so an ordinary 8 that happens to
resemble a slashed 0 the user taught stays an 8 as long as the model is sure of it.

How far an example reaches depends on where the drawing is: RADIUS at most, and no
farther than REACH times the drawing's distance to the nearest typical drawing of
another digit (the reference digits, draw_app/reference_digits.npz, made by
tools/make_reference_digits.py). A 1 with a long flag lies among 7s; taught as a 1
with RADIUS alone, it made a quarter of ordinary 7s read as 1. An ordinary 7 lies
nearer to typical 7s than to the taught 1, so the lesson no longer reaches it, while
the user's other flagged 1s, nearer to their own example than to any typical 7, are
still read as 1s.

Nothing is trained: adding or removing an example is adding or removing one row, so a
lesson takes effect (and is taken back) instantly, and the rule is numpy only, as in
the packaged executable. ``benchmarks/teach_accuracy.py`` measures it against a kernel
vote in the dense layers and a small fine-tune of a linear head with replayed MNIST
features, and tunes RADIUS, BOOST and REACH on MNIST training digits (``--tune``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from draw_app.examples import Example, ExamplesFolder
from draw_app.resources import reference_digits_path

FEATURE_LAYER = "conv2"
"""The network output the examples are compared in; the model must export it."""

RADIUS = 1.2
"""Distance (between unit vectors, so 0 to 2) at which an example stops counting."""

BOOST = 15.0
"""Extra log-evidence a drawing identical to an example gets for the example's digit..."""

REACH = 1.3
"""...and an example reaches no farther than this many times the drawing's distance to the
nearest reference drawing of another digit (see the module's docstring)."""

SAME_DRAWING = 0.1
"""...and a drawing this near an example is the very drawing taught (redrawn to the pixel,
or saved and read back: 0.002 apart; a one-pixel move is 0.35, another 7 of the same
hand about 0.3). It is read as the example's digit however sure the model was of another,
with the evidence of the next digit plus SAME_DRAWING_MARGIN: BOOST alone left a 4 the
model was sure of read "4? 53 % or 9" right after the person said it was a 9."""
SAME_DRAWING_MARGIN = float(np.log(99))
"""About 99 % for the taught digit."""


def features(outputs: dict[str, np.ndarray]) -> np.ndarray:
    """The drawing's place in feature space: conv2 max-pooled 2x2 (as the network pools it), unit length."""
    conv = np.asarray(outputs[FEATURE_LAYER], np.float32)
    height, width, channels = conv.shape
    pooled = conv[:height // 2 * 2, :width // 2 * 2].reshape(height // 2, 2, width // 2, 2, channels).max(axis=(1, 3))
    vector = pooled.ravel()
    length = float(np.linalg.norm(vector))
    return vector / length if length > 0 else vector


def reference_inputs() -> tuple[np.ndarray, np.ndarray]:
    """The reference digits: (N, 28, 28) model inputs in [0, 1], and the digit each one is."""
    with np.load(reference_digits_path()) as references:
        return references["inputs"].astype(np.float32) / 255, references["digits"].astype(np.int64)


def reference_features(features_of: Callable[[np.ndarray], np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The reference digits' feature vectors, one per row (the network runs for each: about
    0.1 s), and the digit each one is."""
    inputs, digits = reference_inputs()
    return np.stack([features_of(model_input) for model_input in inputs]), digits


def unit_distances(rows: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """The distance from a unit vector to each unit-length row (0 to 2)."""
    return np.sqrt(np.maximum(2.0 - 2.0 * (rows @ np.asarray(vector, np.float32)), 0.0))


class Adaptation:
    """The examples' features and digits, and how they change a reading.

    ``references`` are the reference digits: their feature vectors, one per row, and
    the digit each one is. Without them an example reaches RADIUS whatever lies around
    it (the rule before REACH, for comparison in the benchmark).
    """

    def __init__(self, references: tuple[np.ndarray, np.ndarray] | None = None,
                 radius: float = RADIUS, boost: float = BOOST, reach: float = REACH) -> None:
        self.radius, self.boost, self.reach = radius, boost, reach
        self._references: np.ndarray | None = None
        self._reference_kinds, self._reference_starts = np.zeros(0, np.int64), np.zeros(0, np.int64)
        """The digits among the references, and where each one's rows begin in ``_references``,
        which holds them digit by digit (np.minimum.at took a millisecond a reading)."""
        if references is not None:
            vectors, digits = np.asarray(references[0], np.float32), np.asarray(references[1], np.int64)
            if len(vectors) != len(digits):
                raise ValueError(f"{len(vectors)} reference vectors but {len(digits)} digits")
            order = np.argsort(digits, kind="stable")
            self._references = vectors[order]
            self._reference_kinds, self._reference_starts = np.unique(digits[order], return_index=True)
        self._features: np.ndarray | None = None
        self._digits = np.zeros(0, np.int64)

    def __len__(self) -> int:
        return len(self._digits)

    def add(self, vectors: np.ndarray, digits: np.ndarray | list[int]) -> None:
        """Add examples: one feature vector per row, with its digit."""
        vectors = np.atleast_2d(np.asarray(vectors, np.float32))
        self._features = vectors if self._features is None else np.concatenate([self._features, vectors])
        self._digits = np.concatenate([self._digits, np.asarray(digits, np.int64).ravel()])

    def remove(self, index: int) -> None:
        """Forget the example added ``index``-th (counting the ones still here)."""
        self._features = np.delete(self._features, index, axis=0)
        self._digits = np.delete(self._digits, index)

    def distances(self, vector: np.ndarray) -> np.ndarray:
        """The distance from a drawing's feature vector to each example, in the order they were added."""
        return unit_distances(self._features, vector) if len(self._digits) else np.zeros(0)

    def boosts(self, vector: np.ndarray) -> np.ndarray:
        """Extra log-evidence for each digit from the nearest example of that digit."""
        nearest = np.full(10, np.inf)
        np.minimum.at(nearest, self._digits, self.distances(vector))
        if not (nearest < self.radius).any():
            return np.zeros(10)
        return self.boost * np.maximum(1.0 - (nearest / self.reaches(vector)) ** 2, 0.0)

    def reaches(self, vector: np.ndarray) -> np.ndarray:
        """How far each digit's examples reach from this drawing: RADIUS, or less where a
        reference drawing of another digit lies nearer (REACH)."""
        if self._references is None:
            return np.full(10, self.radius)
        typical = np.full(10, np.inf)
        typical[self._reference_kinds] = np.minimum.reduceat(unit_distances(self._references, vector),
                                                             self._reference_starts)
        nearest, second = np.argsort(typical)[:2]
        other_digit = np.where(np.arange(10) == nearest, typical[second], typical[nearest])
        return np.clip(self.reach * other_digit, 1e-6, self.radius)  # above 0: no 0/0 on a reference itself

    def same_drawing(self, vector: np.ndarray) -> int | None:
        """The digit the person said this very drawing is (see SAME_DRAWING), or None. When they
        said it twice (a wrong key, then the right one), the last time counts."""
        same = np.flatnonzero(self.distances(vector) <= SAME_DRAWING)
        return int(self._digits[same[-1]]) if same.size else None

    def adjust(self, probabilities: np.ndarray, vector: np.ndarray) -> tuple[np.ndarray, bool]:
        """(the probabilities with the examples' evidence added, whether that changed the answer)."""
        boosts, taught = self.boosts(vector), self.same_drawing(vector)
        if not boosts.any() and taught is None:
            return probabilities, False
        evidence = np.log(np.maximum(np.asarray(probabilities, np.float64), 1e-300)) + boosts
        if taught is not None:
            evidence[taught] = max(evidence[taught], np.delete(evidence, taught).max() + SAME_DRAWING_MARGIN)
        adjusted = np.exp(evidence - evidence.max())
        adjusted /= adjusted.sum()
        return adjusted, int(adjusted.argmax()) != int(np.argmax(probabilities))


class UserExamples:
    """A folder of examples kept in step with the Adaptation that reads with them.

    ``features_of`` turns a 28x28 model input into its feature vector, and
    ``reference_features`` gives the reference digits' vectors (see reference_features); the
    predictor runs the network for both, and shares the latter with others, so this class
    needs no model of its own.
    """

    def __init__(self, folder: str | Path, features_of: Callable[[np.ndarray], np.ndarray],
                 reference_features: Callable[[], tuple[np.ndarray, np.ndarray]]) -> None:
        self.folder = ExamplesFolder(folder)
        self._features_of = features_of
        self._reference_features = reference_features
        contents = self.folder.read()
        self.problems = contents.problems
        """The files in the folder that were skipped, one "path: reason" line each."""
        self.examples: list[Example] = contents.examples
        self._adaptation: Adaptation | None = None
        if self.examples:
            self._made_adaptation().add(np.stack([features_of(example.model_input) for example in self.examples]),
                                        [example.digit for example in self.examples])

    def _made_adaptation(self) -> Adaptation:
        """The Adaptation, made at the first example: the reference digits' features take the
        network about 0.1 s, which a folder without examples need not wait for."""
        if self._adaptation is None:
            self._adaptation = Adaptation(self._reference_features())
        return self._adaptation

    def __len__(self) -> int:
        return len(self.examples)

    @property
    def path(self) -> Path:
        return self.folder.root

    def counts(self) -> list[int]:
        """How many examples there are of each digit, 0 to 9."""
        return np.bincount([example.digit for example in self.examples], minlength=10).tolist()

    def learn(self, model_input: np.ndarray, digit: int) -> Example:
        """Keep a 28x28 model input as an example of ``digit`` and read with it from now on.

        Raises OSError when the example cannot be saved, examples.NotADigit when it is just a
        dot; then nothing is learned.
        """
        adaptation = self._made_adaptation()  # first: without the reference digits, no example is kept
        example = self.folder.add(model_input, digit)
        adaptation.add(self._features_of(example.model_input), [digit])
        self.examples.append(example)
        return example

    def unlearn(self, example: Example) -> None:
        """Take one lesson back: delete its file and stop reading with it."""
        index = self.examples.index(example)
        self.folder.remove(example)
        self._made_adaptation().remove(index)
        del self.examples[index]

    def relearn(self, example: Example, data: bytes | None) -> None:
        """Take back an unlearn: write the example's file back as it was (``data``: its bytes;
        None: its 28x28, the file having gone before) and read with it again."""
        self.folder.restore(example, data)
        self._made_adaptation().add(self._features_of(example.model_input), [example.digit])
        self.examples.append(example)

    def forget_all(self) -> int:
        """Delete every example this folder holds; returns how many there were."""
        count = len(self.examples)
        for example in list(reversed(self.examples)):  # one by one: a file that cannot go leaves the rest consistent
            self.unlearn(example)
        return count

    def adjust(self, probabilities: np.ndarray, outputs: dict[str, np.ndarray]) -> tuple[np.ndarray, bool]:
        """The reading with the examples' evidence, and whether the examples decided the answer."""
        if not self.examples:
            return probabilities, False
        return self._made_adaptation().adjust(probabilities, features(outputs))
