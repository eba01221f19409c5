"""The digit network on LiteRT: a 28x28 image in, probabilities and the layers' activations out.

The shipped ``cnn.tflite`` is the 9-layer CNN exported with named outputs (see
training/export.py): ``probabilities`` and ``logits`` for reading, ``conv1``, ``conv2``,
``dense128`` and ``dense50`` for the window's look inside the network and for learning
from the user's examples. A model with a single output (an older export, or someone
else's) still reads digits; it just has no layers to show. Only this module knows
that LiteRT runs underneath; TensorFlow is imported only when someone explicitly hands
us a Keras ``.h5``/``.keras`` file, and then only to convert it to the same LiteRT form.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

TRAIN_HINT = "train one with: python training/cnn.py --data path/to/mnist.npz"

LAYER_OUTPUTS = ("conv1", "conv2", "dense128", "dense50")
"""Activations a fully exported model gives besides its probabilities, first layer first."""

FILTER_SHAPES = {"conv1": (30, 5, 5, 1), "conv2": (15, 3, 3, 30)}
"""The two convolutions' kernels as LiteRT stores them: (filters, height, width, channels)."""


class ModelError(Exception):
    """The model cannot be loaded; str() says why and how to get one."""


class Network:
    """Loads a model file once, then runs it on any number of 28x28 images."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._interpreter = load_interpreter(path)
        signatures = self._interpreter.get_signature_list()
        outputs = next(iter(signatures.values()))["outputs"] if signatures else []
        if "probabilities" in outputs:
            self._runner = self._interpreter.get_signature_runner()
            self._input_name = next(iter(signatures.values()))["inputs"][0]
            self.outputs = tuple(outputs)
        else:
            self._runner = None
            self._input = self._interpreter.get_input_details()[0]
            self._output = self._interpreter.get_output_details()[0]
            self.outputs = ("probabilities",)
            if tuple(self._input["shape"][1:]) != (28, 28, 1) or self._output["shape"][-1] != 10:
                raise ModelError(f"{path}: expects input {shape_text(self._input['shape'])} and gives "
                                 f"{shape_text(self._output['shape'])}, not a 28x28 digit model")

    @property
    def has_layers(self) -> bool:
        """Whether the model shows its layers' activations (the shipped one does)."""
        return all(name in self.outputs for name in LAYER_OUTPUTS)

    def run(self, model_input: np.ndarray) -> dict[str, np.ndarray]:
        """Every output for one 28x28 image in [0, 1], without the batch axis."""
        image = np.asarray(model_input, np.float32).reshape(1, 28, 28, 1)
        if self._runner is not None:
            return {name: value[0] for name, value in self._runner(**{self._input_name: image}).items()}
        self._interpreter.set_tensor(self._input["index"], image)
        self._interpreter.invoke()
        return {"probabilities": self._interpreter.get_tensor(self._output["index"])[0].copy()}

    def filters(self) -> dict[str, np.ndarray]:
        """The convolution kernels by layer name, (filters, height, width, channels); {} if not found."""
        found = {}
        for detail in self._interpreter.get_tensor_details():
            for name, shape in FILTER_SHAPES.items():
                if tuple(detail["shape"]) == shape and name not in found:
                    try:
                        found[name] = self._interpreter.get_tensor(detail["index"]).copy()
                    except ValueError:  # a tensor the runtime does not keep: nothing to show
                        pass
        return found


def load_interpreter(path: Path):
    from ai_edge_litert.interpreter import Interpreter

    from draw_app.quiet import native_output_silenced

    if not path.is_file():
        raise ModelError(f"model file {path} not found; {TRAIN_HINT}")
    if path.suffix.lower() in (".h5", ".keras"):
        content = convert_keras_model(path)
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


def convert_keras_model(path: Path) -> bytes:
    """A Keras model file as the same LiteRT model the training script exports."""
    from draw_app.export import tflite_bytes
    from draw_app.quiet import import_tensorflow, native_output_silenced

    keras = import_tensorflow().keras
    try:
        with native_output_silenced():
            model = keras.models.load_model(path, compile=False)
            return tflite_bytes(model)
    except Exception as error:
        raise ModelError(f"{path}: not a loadable Keras model ({first_line(error)}); "
                         f"{TRAIN_HINT}") from None


def shape_text(shape) -> str:
    return "(" + ", ".join(str(int(side)) for side in shape) + ")"


def first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
