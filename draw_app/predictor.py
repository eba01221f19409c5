"""Read a digit from an image: preprocessing plus the model, behind one small class.

The app and the command line both ask a Predictor; neither knows whether LiteRT or
TensorFlow runs underneath. The shipped ``.tflite`` runs on LiteRT, which imports in a
fraction of a second and answers in tens of microseconds; TensorFlow is imported only
when someone explicitly hands us a Keras ``.h5``/``.keras`` file, and then only to
convert it to the same LiteRT form.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from draw_app.images import ImageError, read_image
from draw_app.preprocess import to_mnist
from draw_app.resources import default_model_path

TRAIN_HINT = "train one with: python training/cnn.py --data path/to/mnist.npz"


class ModelError(Exception):
    """The model cannot be loaded; str() says why and how to get one."""


@dataclass(frozen=True)
class Prediction:
    digit: int
    confidence: float
    probabilities: tuple[float, ...]
    model_input: np.ndarray
    """The 28x28 image in [0, 1] that the model saw."""


class Predictor:
    """Loads a model once, then reads any number of images."""

    def __init__(self, model_path: str | Path | None = None) -> None:
        self.model_path = Path(model_path) if model_path else default_model_path()
        self._interpreter = _load_interpreter(self.model_path)
        self._input = self._interpreter.get_input_details()[0]
        self._output = self._interpreter.get_output_details()[0]
        if tuple(self._input["shape"][1:]) != (28, 28, 1) or self._output["shape"][-1] != 10:
            raise ModelError(f"{self.model_path}: expects input {tuple(self._input['shape'])} and "
                             f"gives {tuple(self._output['shape'])}, not a 28x28 digit model")

    def predict(self, image: np.ndarray) -> Prediction | None:
        """Read the digit in a gray, RGB or RGBA uint8 drawing; None if there is no ink."""
        model_input = to_mnist(image)
        if model_input is None:
            return None
        probabilities = self.probabilities(model_input)
        digit = int(probabilities.argmax())
        return Prediction(digit, float(probabilities[digit]),
                          tuple(float(p) for p in probabilities), model_input)

    def predict_file(self, path: str | Path) -> Prediction:
        """Read the digit in an image file; ImageError says why there is none."""
        prediction = self.predict(read_image(path))
        if prediction is None:
            raise ImageError("no digit found")
        return prediction

    def probabilities(self, model_input: np.ndarray) -> np.ndarray:
        """Ten probabilities for one preprocessed 28x28 image."""
        self._interpreter.set_tensor(self._input["index"],
                                     model_input.reshape(1, 28, 28, 1).astype(np.float32))
        self._interpreter.invoke()
        return self._interpreter.get_tensor(self._output["index"])[0].copy()


def _load_interpreter(path: Path):
    from ai_edge_litert.interpreter import Interpreter

    from draw_app.quiet import native_output_silenced

    if not path.is_file():
        raise ModelError(f"model file {path} not found; {TRAIN_HINT}")
    if path.suffix.lower() in (".h5", ".keras"):
        content = _convert_keras_model(path)
    elif path.suffix.lower() == ".tflite":
        content = path.read_bytes()
    else:
        raise ModelError(f"{path}: unknown model type; give a .tflite, .h5 or .keras file")
    try:
        # LiteRT's default XNNPACK delegate reads a digit in about 40 us on one thread
        # (its plain kernels take about 110 us), but announces itself on stderr.
        with native_output_silenced():
            interpreter = Interpreter(model_content=content, num_threads=1)
            interpreter.allocate_tensors()
    except (ValueError, RuntimeError) as error:
        raise ModelError(f"{path}: not a valid LiteRT model ({first_line(error)}); "
                         f"{TRAIN_HINT}") from None
    return interpreter


def _convert_keras_model(path: Path) -> bytes:
    from draw_app.quiet import import_tensorflow, native_output_silenced

    tensorflow = import_tensorflow()
    try:
        with native_output_silenced():
            model = tensorflow.keras.models.load_model(path, compile=False)
            return tensorflow.lite.TFLiteConverter.from_keras_model(model).convert()
    except Exception as error:
        raise ModelError(f"{path}: not a loadable Keras model ({first_line(error)}); "
                         f"{TRAIN_HINT}") from None


def first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
