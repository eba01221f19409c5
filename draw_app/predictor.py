"""Read a digit from an image: preprocessing, the network and an honest answer, behind one class.

The app and the command line both ask a Predictor; neither knows that LiteRT runs
underneath (draw_app/network.py). Besides the digit, a Prediction says whether the
answer is unsure and, when the picture holds no single hand-drawn digit, why not:
one rule for both, so the window and ``predict.py`` never disagree.

The raw softmax of a network trained to be right is over-confident on what it has not
seen. The training script therefore measures, on a validation split held out from
training, a temperature that makes the probabilities honest, a bias for each digit and
the confidence below which an answer is marked unsure, and writes them into the
model's ``cnn.json``.
Both are measured on readings made as here: the network's evidence averaged over the
drawing and a few nearby views of it (preprocess.nearby_views).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from draw_app import adapt
from draw_app.images import ImageError, read_image
from draw_app.network import ModelError, Network, evidence_of
from draw_app.preprocess import is_blob, narrowed_candidates, nearby_views, to_mnist_candidates
from draw_app.resources import default_model_path
from draw_app.typical import TypicalDigits

__all__ = ["NO_DIGIT", "Calibration", "ModelError", "Prediction", "Predictor"]


NO_DIGIT = "no digit found"
"""The error for a picture that holds no digit, word for word: scripts match it."""


@dataclass(frozen=True)
class Prediction:
    digit: int
    confidence: float
    probabilities: tuple[float, ...]
    model_input: np.ndarray
    """The 28x28 image in [0, 1] that the model saw."""
    unsure: bool = False
    """The answer is too likely to be wrong to be given as certain: show the runner-up too."""
    no_digit: str | None = None
    """Why the picture is not one hand-drawn digit (then ``digit`` is not an answer), or None."""
    layers: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)
    """The network's activations by layer (conv1, conv2, dense128, dense50), when the model has them."""
    from_examples: bool = False
    """The user's examples decided the answer: the model alone would have read another digit, or
    been unsure of it (or found no digit)."""

    @property
    def runner_up(self) -> int:
        """The second most likely digit."""
        return int(np.argsort(self.probabilities)[-2])


MAX_DIGIT_BIAS = 10.0
"""A fitted bias for a digit is under 1 (the shipped model's: -0.69 to +0.35); one beyond
10 would outweigh whatever the network sees."""


def is_number(value: object) -> bool:
    """An int or float from JSON, not a bool (which Python counts as an int) nor a string."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class Calibration:
    """How raw network outputs become honest answers; measured by training/cnn.py."""
    temperature: float = 1.0
    """Logits are divided by this before the softmax (above 1: less over-confident)."""
    unsure_below: float = 0.8
    """A calibrated confidence below this marks the answer unsure."""
    no_digit_below: float = 0.0
    """A calibrated confidence below this means the picture holds no digit the model knows."""
    digit_bias: tuple[float, ...] = (0.0,) * 10
    """Added to each digit's evidence before the temperature divides it. Fitted with the
    temperature, it moves the line between digits where the network leans to one side on
    the validation split: a network that learned MNIST's 7s reads flagged 1s as 7 too often."""

    @classmethod
    def of_model(cls, model_path: Path) -> Calibration:
        """The settings in the model's ``.json`` report, or the defaults if it has none."""
        report_path = model_path.with_suffix(".json")
        try:
            settings = json.loads(report_path.read_text(encoding="utf-8")).get("calibration", {})
            bias = settings.get("digit_bias", list(cls.digit_bias))
            if not (isinstance(bias, list) and all(is_number(value) for value in bias)):
                return cls()
            calibration = cls(**{name: float(settings[name]) for name in
                                 ("temperature", "unsure_below", "no_digit_below") if name in settings},
                              digit_bias=tuple(map(float, bias)))
        except (OSError, ValueError, TypeError, AttributeError, OverflowError):
            return cls()
        return calibration if calibration.is_sensible() else cls()

    def is_sensible(self) -> bool:
        """A finite temperature above 0, 0 <= no_digit_below <= unsure_below <= 1 and ten
        biases within MAX_DIGIT_BIAS: a report edited by hand could otherwise make every
        answer sure, every picture no digit, or every reading one digit."""
        return (math.isfinite(self.temperature) and self.temperature > 0
                and 0 <= self.no_digit_below <= self.unsure_below <= 1
                and len(self.digit_bias) == 10 and all(abs(value) <= MAX_DIGIT_BIAS for value in self.digit_bias))


def best_first(reading: Prediction) -> tuple[bool, float]:
    """Of several readings of one picture, the one that finds a digit, and the surest of those that do."""
    return reading.no_digit is None, reading.confidence


class Predictor:
    """Loads a model once, then reads any number of images."""

    def __init__(self, model_path: str | Path | None = None, examples: str | Path | None = None) -> None:
        self.model_path = Path(model_path) if model_path else default_model_path()
        self.network = Network(self.model_path)
        self.calibration = Calibration.of_model(self.model_path)
        can_adapt = adapt.FEATURE_LAYER in self.network.outputs
        self._reference_features: tuple[np.ndarray, np.ndarray] | None = None
        self._typical_digits: TypicalDigits | None = None
        """Made at the first unlikeness asked for."""
        self.examples = (adapt.UserExamples(examples, self.features, self.reference_features)
                         if examples is not None and can_adapt else None)
        """The user's examples (draw_app/adapt.py) read with; None without a folder, or if the model lacks conv2."""

    @property
    def notes(self) -> tuple[str, ...]:
        """What was done to make this model's outputs usable (Network.notes), for the user to be told."""
        return self.network.notes

    def filters(self) -> dict[str, np.ndarray]:
        """The convolution kernels by layer name, for the look inside the network; {} if not found."""
        return self.network.filters()

    def predict(self, image: np.ndarray) -> Prediction | None:
        """Read the digit in a gray, RGB or RGBA uint8 drawing; None if there is no ink.

        A picture may give several candidate 28x28s (preprocess.to_mnist_candidates: a photo
        lit unevenly as it is and with its light made even, a sheet on a desk within the sheet
        and as a whole): the reading that finds a digit, and the surest of those that do, is
        the answer. Only if that is doubtful (unsure or no digit) is a picture that its ink
        fills read narrowed as well (preprocess.narrowed_candidates), and one with a line
        drawn under the digit without the line (to_mnist_candidates, ``unlined``), and such a
        reading taken only if it is sure: a sure reading is never overturned by a squeezed one
        (a narrowed 7 is a fine flagged 1) nor by one without a foot (a 3 drawn in two goes
        is a 7 without its lower curve), and a picture with no digit is not made one."""
        readings = [self.read(model_input) for model_input in to_mnist_candidates(image)]
        best = max(readings, key=best_first, default=None)
        if best is not None and (best.no_digit or best.unsure):
            # perhaps a digit scaled to fill its box, which MNIST never does (preprocess.narrowed),
            # or an underlined one (an underlined 2 is an unsure 3)
            others = to_mnist_candidates(image, unlined=True) + narrowed_candidates(image)
            sure = [reading for reading in map(self.read, others) if not reading.no_digit and not reading.unsure]
            best = max([best, *sure], key=best_first)
        return best

    def predict_file(self, path: str | Path) -> Prediction:
        """Read the digit in an image file; ImageError says why there is none."""
        prediction = self.predict(read_image(path))
        if prediction is None or prediction.no_digit:
            raise ImageError(NO_DIGIT)
        return prediction

    def read(self, model_input: np.ndarray) -> Prediction:
        """Read one preprocessed 28x28 image in [0, 1]."""
        outputs = self.network.run(model_input)
        probabilities = self._calibrated(outputs, model_input)
        from_examples = False
        if self.examples is not None:
            alone = probabilities
            probabilities, from_examples = self.examples.adjust(probabilities, outputs)
            # Made sure by the examples: "100% sure" a trial's unsure 1 (73%) became, said nothing of them.
            from_examples |= float(alone.max()) < self.calibration.unsure_below <= float(probabilities.max())
        digit = int(probabilities.argmax())
        confidence = float(probabilities[digit])
        no_digit = ("not like any digit" if confidence < self.calibration.no_digit_below
                    else "just a dot" if is_blob(model_input) else None)
        return Prediction(digit, confidence, tuple(float(p) for p in probabilities), model_input,
                          unsure=confidence < self.calibration.unsure_below, no_digit=no_digit,
                          layers={name: outputs[name] for name in outputs if name not in ("probabilities", "logits")},
                          from_examples=from_examples)

    def features(self, model_input: np.ndarray) -> np.ndarray:
        """Where a 28x28 image lies in the feature space the user's examples are compared in."""
        return adapt.features(self.network.run(model_input))

    def reference_features(self) -> tuple[np.ndarray, np.ndarray]:
        """The reference digits' feature vectors and digits (adapt.reference_features), for the
        user's examples and for unlikeness alike: made once, at the first asked for, since the
        network runs for each of the 2,000 (about 0.1 s)."""
        if self._reference_features is None:
            self._reference_features = adapt.reference_features(self.features)
        return self._reference_features

    def unlikeness(self, prediction: Prediction) -> float:
        """How far the drawing read lies from typical drawings of the digit it is read as
        (draw_app/typical.py: 0 to 2); 0.0, as if typical, if the model does not export the
        features, or if the user's examples decided the reading: a drawing read as taught is
        like the user's hand, not the reference digits, and is not to be cut for that."""
        if adapt.FEATURE_LAYER not in prediction.layers or prediction.from_examples:
            return 0.0
        if self._typical_digits is None:
            self._typical_digits = TypicalDigits(self.reference_features())
        return self._typical_digits.unlikeness(adapt.features(prediction.layers), prediction.digit)

    def probabilities(self, model_input: np.ndarray) -> np.ndarray:
        """Ten calibrated probabilities for one preprocessed 28x28 image."""
        return self._calibrated(self.network.run(model_input), model_input)

    def _calibrated(self, outputs: dict[str, np.ndarray], model_input: np.ndarray) -> np.ndarray:
        """The softmax of the mean evidence over the image (its ``outputs``) and its nearby
        views, with the calibrated bias for each digit and at the calibrated temperature."""
        readings = [evidence_of(outputs)] + [self.network.evidence(view) for view in nearby_views(model_input)]
        evidence = (np.mean(readings, axis=0) + self.calibration.digit_bias) / self.calibration.temperature
        exponentials = np.exp(evidence - evidence.max())
        return exponentials / exponentials.sum()
