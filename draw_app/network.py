"""The digit network on LiteRT: a 28x28 image in, probabilities and the layers' activations out.

The shipped ``cnn.tflite`` is the 9-layer CNN exported with named outputs (see
training/export.py): ``probabilities`` and ``logits`` for reading, ``conv1``, ``conv2``,
``dense128`` and ``dense50`` for the window's look inside the network and for learning
from the user's examples. A model with a single output (an older export, or someone
else's) still reads digits; it just has no layers to show. Only this module knows
that LiteRT runs underneath; TensorFlow is imported only when someone explicitly hands
us a Keras ``.h5``/``.keras`` file, and then only to convert it to the same LiteRT form.

Someone else's model is checked when it loads, so that it either reads digits or is
refused in one line, never fails on every image afterwards: it must take one 28x28
image and give ten numbers. A full-integer quantized model (int8 or uint8 tensors)
gets its input scaled into integers and its outputs back into real numbers with the
tensors' own quantization parameters. A few probe images show what the outputs are:
probabilities are used as they are, other finite numbers are taken for logits and
turned into probabilities by a softmax (``notes`` says so), and NaN or infinite
outputs make the model refused.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from draw_app.readable import os_error_reason, why_unreadable

if TYPE_CHECKING:  # imported where a model is loaded: importing draw_app stays quick
    from ai_edge_litert.interpreter import Interpreter

TRAIN_HINT = "train one with: python training/cnn.py --data path/to/mnist.npz"

MODEL_SUFFIXES = (".tflite", ".h5", ".keras")

LAYER_OUTPUTS = ("conv1", "conv2", "dense128", "dense50")
"""Activations a fully exported model gives besides its probabilities, first layer first."""

FILTER_SHAPES = {"conv1": (30, 5, 5, 1), "conv2": (15, 3, 3, 30)}
"""The two convolutions' kernels as LiteRT stores them: (filters, height, width, channels)."""

INPUT_SHAPES = ((1, 28, 28, 1), (1, 28, 28), (1, 784))
"""Input tensors that hold one 28x28 image: a CNN's, or a plain dense network's."""

LOGITS_NOTE = ("its outputs are not probabilities (ten numbers from 0 to 1 that sum to 1); "
               "they are read as logits, and a softmax turns them into probabilities")


class ModelError(Exception):
    """The model cannot be loaded, or gives no usable answer; str() says why and how to get one."""


class Network:
    """Loads a model file once, then runs it on any number of 28x28 images."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._interpreter = load_interpreter(path)
        signatures = self._interpreter.get_signature_list()
        outputs = next(iter(signatures.values()))["outputs"] if signatures else []
        if "probabilities" in outputs:
            # The signature runner only names the tensors: it is let go at once, because while it
            # lives LiteRT refuses the plain calls that let evidence() copy out one output alone.
            runner = self._interpreter.get_signature_runner()
            inputs = runner.get_input_details()
            self._outputs = runner.get_output_details()
            del runner
        else:
            inputs = {detail["name"]: detail for detail in self._interpreter.get_input_details()}
            self._outputs = {"probabilities": self._interpreter.get_output_details()[0]}
        self._input = self._single_digit_input(inputs)
        self._input_shape = tuple(self._input["shape"])
        self._quantized_input = is_quantized(self._input)
        self._quantized_outputs = {name for name, tensor in self._outputs.items() if is_quantized(tensor)}
        self.reads_logits = self._outputs_are_logits()
        self.outputs = tuple(self._outputs) + (("logits",) if self.reads_logits and "logits" not in self._outputs
                                               else ())
        self.notes: tuple[str, ...] = (LOGITS_NOTE,) if self.reads_logits else ()
        """What was done to make this model's outputs usable, for the user to be told."""

    def run(self, model_input: np.ndarray) -> dict[str, np.ndarray]:
        """Every output for one 28x28 image in [0, 1], without the batch axis.

        ``probabilities`` are ten finite numbers that sum to 1 (ModelError if the model
        gives NaN for this image); ``logits``, when there are any, are finite too.
        """
        outputs = self._raw_run(model_input)
        probabilities = outputs["probabilities"]
        if not np.isfinite(probabilities).all() or ("logits" in outputs and not np.isfinite(outputs["logits"]).all()):
            raise ModelError(f"{self.path}: the model's outputs for this image are not numbers (NaN or infinite)")
        if self.reads_logits:
            outputs.setdefault("logits", probabilities)
            outputs["probabilities"] = softmax(probabilities)
        elif "probabilities" in self._quantized_outputs:  # off by the rounding: make them sum to exactly 1
            probabilities = np.clip(probabilities, 0, None)
            if probabilities.sum() <= 0:
                raise ModelError(f"{self.path}: the model's outputs for this image are all zero")
            outputs["probabilities"] = probabilities / probabilities.sum()
        return outputs

    def evidence(self, model_input: np.ndarray) -> np.ndarray:
        """What a reading averages over a drawing and its nearby views, for one 28x28 image:
        the logits as float64 (see evidence_of).

        For the nearby views nothing else is needed, and copying out every layer's
        activations cost as much again as running the network on the image."""
        if "logits" not in self._outputs:
            return evidence_of(self.run(model_input))
        logits = self._raw_run(model_input, ("logits",))["logits"]
        if not np.isfinite(logits).all():
            raise ModelError(f"{self.path}: the model's outputs for this image are not numbers (NaN or infinite)")
        return logits.astype(np.float64)

    def filters(self) -> dict[str, np.ndarray]:
        """The convolution kernels by layer name, (filters, height, width, channels); {} if not found."""
        found = {}
        for detail in self._interpreter.get_tensor_details():
            for name, shape in FILTER_SHAPES.items():
                if tuple(detail["shape"]) == shape and name not in found:
                    try:
                        found[name] = dequantized(self._interpreter.get_tensor(detail["index"]), detail)
                    except ValueError:  # a tensor the runtime does not keep: nothing to show
                        pass
        return found

    def _single_digit_input(self, inputs: dict[str, dict]) -> dict:
        """The model's one input, after checking that it takes a 28x28 image and gives ten numbers."""
        probabilities = self._outputs["probabilities"]
        if len(inputs) != 1:
            raise ModelError(f"{self.path}: takes {len(inputs)} inputs, not one 28x28 digit image")
        detail = next(iter(inputs.values()))
        if tuple(detail["shape"]) not in INPUT_SHAPES or int(np.prod(probabilities["shape"])) != 10:
            raise ModelError(f"{self.path}: expects input {shape_text(detail['shape'])} and gives "
                             f"{shape_text(probabilities['shape'])}, not a 28x28 digit model")
        for kind, tensor in (("input", detail), ("output", probabilities)):
            if np.dtype(tensor["dtype"]) != np.float32 and not is_quantized(tensor):
                raise ModelError(f"{self.path}: its {kind} is {np.dtype(tensor['dtype']).name} without "
                                 "quantization parameters; give a float32 or a quantized int8/uint8 model")
        return detail

    def _outputs_are_logits(self) -> bool:
        """Run the probe images: False for probabilities, True for logits; ModelError otherwise."""
        try:
            answers = [self._raw_run(probe) for probe in probe_images()]
        except (ValueError, RuntimeError) as error:
            raise ModelError(f"{self.path}: fails when run ({first_line(error)})") from None
        for answer in answers:
            if not all(np.isfinite(answer[name]).all() for name in ("probabilities", "logits") if name in answer):
                raise ModelError(f"{self.path}: gives NaN or infinite outputs, a broken model; {TRAIN_HINT}")
        scale = self._outputs["probabilities"]["quantization"][0]
        tolerance = 1e-3 + 10 * scale  # a quantized output is off by up to half a step per digit
        return not all(are_probabilities(answer["probabilities"], tolerance) for answer in answers)

    def _raw_run(self, model_input: np.ndarray, names: tuple[str, ...] | None = None) -> dict[str, np.ndarray]:
        """The model's outputs (all, or those ``names``) as real numbers, without the batch axis,
        as it gives them."""
        image = np.asarray(model_input, np.float32).reshape(self._input_shape)
        if self._quantized_input:
            image = quantized(image, self._input)
        self._interpreter.set_tensor(self._input["index"], image)
        self._interpreter.invoke()
        outputs = {}
        for name in names or self._outputs:
            value = self._interpreter.get_tensor(self._outputs[name]["index"])
            if name in self._quantized_outputs:
                value = dequantized(value, self._outputs[name])
            outputs[name] = value.reshape(10) if name == "probabilities" else value[0]
        return outputs


def load_interpreter(path: Path) -> Interpreter:
    """LiteRT's interpreter for the model file, its tensors allocated; ModelError says why not."""
    from ai_edge_litert.interpreter import Interpreter

    from draw_app.quiet import native_output_silenced

    problem = why_unreadable(path)
    if problem == "no such file":
        raise ModelError(f"model file {path} not found; check the path, or {TRAIN_HINT} "
                         "(it writes sample_model/cnn.tflite)")
    if problem:
        raise ModelError(f"model file {path}: {problem}; give a .tflite, .h5 or .keras file")
    if path.suffix.lower() not in MODEL_SUFFIXES:
        raise ModelError(f"model file {path}: unknown model type; give a .tflite, .h5 or .keras file")
    try:
        content = path.read_bytes() if path.suffix.lower() == ".tflite" else None
        if content is None:
            with open(path, "rb"):  # find out now, not from deep inside TensorFlow
                pass
    except OSError as error:
        raise ModelError(f"model file {path}: cannot read it ({os_error_reason(error, path)})") from None
    if content is None:
        content = convert_keras_model(path)
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
    """A Keras model file as the same LiteRT model the training script exports.

    A .keras file is a zip archive; given anything else, Keras says "File not found"
    of a file that is there, so that is checked here first (before TensorFlow's
    seconds of importing)."""
    if path.suffix.lower() == ".keras" and not zipfile.is_zipfile(path):
        raise ModelError(f"{path}: not a Keras model (a .keras file is a zip archive, and this is not one); "
                         f"{TRAIN_HINT}")
    from draw_app.export import tflite_bytes
    from draw_app.quiet import NoTensorFlow, import_tensorflow, native_output_silenced

    try:
        keras = import_tensorflow().keras
    except NoTensorFlow as error:
        raise ModelError(f"{path}: a Keras model needs TensorFlow to read. {error}; or give a .tflite "
                         "model (training writes one beside the .h5)") from None
    try:
        with native_output_silenced():
            model = keras.models.load_model(path, compile=False)
            return tflite_bytes(model)
    except Exception as error:
        raise ModelError(f"{path}: not a loadable Keras model ({first_line(error)}); "
                         f"{TRAIN_HINT}") from None


def probe_images() -> list[np.ndarray]:
    """28x28 images that show what a model's outputs are: blank, full, one stroke, noise.

    The noise is the golden-ratio sequence, as evenly scattered as random numbers
    without importing numpy.random (10 ms at start-up).
    """
    blank = np.zeros((28, 28), np.float32)
    stroke = blank.copy()
    stroke[4:24, 12:16] = 1.0
    noise = (np.arange(28 * 28, dtype=np.float32) * 0.618034 % 1).reshape(28, 28)
    return [blank, np.ones_like(blank), stroke, noise]


def evidence_of(outputs: dict[str, np.ndarray]) -> np.ndarray:
    """The logits, or for a model without them the log-probabilities, which differ from
    the logits only by a constant the softmax ignores."""
    if "logits" in outputs:
        return outputs["logits"].astype(np.float64)
    return np.log(np.maximum(outputs["probabilities"].astype(np.float64), np.finfo(np.float64).tiny))


def are_probabilities(values: np.ndarray, tolerance: float) -> bool:
    """Whether ten numbers are each between 0 and 1 and sum to 1, within ``tolerance``."""
    return bool(values.min() >= -tolerance and values.max() <= 1 + tolerance and abs(values.sum() - 1) <= tolerance)


def softmax(logits: np.ndarray) -> np.ndarray:
    exponentials = np.exp(logits.astype(np.float64) - logits.max())
    return (exponentials / exponentials.sum()).astype(np.float32)


def is_quantized(tensor: dict) -> bool:
    """An integer tensor standing for real numbers: real = scale * (integer - zero_point)."""
    return np.issubdtype(np.dtype(tensor["dtype"]), np.integer) and tensor["quantization"][0] > 0


def quantized(values: np.ndarray, tensor: dict) -> np.ndarray:
    """Real numbers as the integers of a quantized input tensor."""
    scale, zero_point = tensor["quantization"]
    limits = np.iinfo(tensor["dtype"])
    return np.clip(np.round(values / scale + zero_point), limits.min, limits.max).astype(tensor["dtype"])


def dequantized(values: np.ndarray, tensor: dict) -> np.ndarray:
    """A tensor's values as the real numbers they stand for (per channel, if so quantized)."""
    parameters = tensor.get("quantization_parameters") or {}
    scales = np.asarray(parameters.get("scales", ()), np.float32)
    if not np.issubdtype(values.dtype, np.integer) or not scales.size or not scales.any():
        return values
    zero_points = np.asarray(parameters["zero_points"], np.float32)
    if scales.size > 1:  # one scale per channel along the quantized dimension
        axis_shape = [1] * values.ndim
        axis_shape[parameters["quantized_dimension"]] = -1
        scales, zero_points = scales.reshape(axis_shape), zero_points.reshape(axis_shape)
    return (values.astype(np.float32) - zero_points) * scales


def shape_text(shape: Sequence[int]) -> str:
    return "(" + ", ".join(str(int(side)) for side in shape) + ")"


def first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
