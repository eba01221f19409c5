"""Small LiteRT models of the kinds a user may hand to --model, made with TensorFlow's converter.

One tiny CNN is trained for a few seconds on the committed MNIST slice, so its answers
mean something, then exported several ways: float with a softmax (the reference),
full-integer quantized with int8 or uint8 tensors, without its softmax (logits), with
a NaN bias, and a copy that takes 32x32 images. Each is built once per test session.
"""

import functools
import warnings
from pathlib import Path

import numpy as np
from conftest import ROOT

KINDS = ("float", "int8", "uint8", "logits", "nan", "wide")


@functools.cache
def mnist_slice() -> dict[str, np.ndarray]:
    with np.load(ROOT / "tests" / "data" / "mnist_slice.npz") as data:
        return {name: data[name] for name in data.files}


@functools.cache
def model_bytes(kind: str) -> bytes:
    """The .tflite file of one KIND."""
    from draw_app.quiet import import_tensorflow, native_output_silenced

    tf = import_tensorflow()
    # The converter prints its SavedModel export on stdout, and warns that integer inputs
    # come without the statistics only its old TF1 path uses.
    with native_output_silenced(), warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Statistics for quantized inputs were expected")
        converter = tf.lite.TFLiteConverter.from_keras_model(keras_model(kind))
        if kind in ("int8", "uint8"):
            images = mnist_slice()["x_train"][:100, :, :, None].astype(np.float32) / 255
            converter.optimizations = [tf.lite.Optimize.DEFAULT]
            converter.representative_dataset = lambda: ([image[None]] for image in images)
            converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
            converter.inference_input_type = converter.inference_output_type = getattr(tf, kind)
        return converter.convert()


def keras_model(kind: str):
    import keras

    trained = trained_model()
    if kind in ("float", "int8", "uint8"):
        return trained
    if kind == "wide":
        return small_cnn(keras, side=32)
    copy = small_cnn(keras, activation=None if kind == "logits" else "softmax")
    copy.set_weights(trained.get_weights())
    if kind == "nan":
        kernel, bias = copy.layers[-1].get_weights()
        copy.layers[-1].set_weights([kernel, np.full_like(bias, np.nan)])
    return copy


@functools.cache
def trained_model():
    """A tiny CNN fitted to the 600 training digits of the slice (about 85 % on its test digits)."""
    import keras

    keras.utils.set_random_seed(0)
    model = small_cnn(keras)
    model.compile("adam", "sparse_categorical_crossentropy")
    data = mnist_slice()
    model.fit(data["x_train"][..., None] / 255, data["y_train"], epochs=15, batch_size=32, verbose=0)
    return model


def small_cnn(keras, side: int = 28, activation: str | None = "softmax"):
    return keras.Sequential([
        keras.Input((side, side, 1)),
        keras.layers.Conv2D(8, 3, activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(10, activation=activation),
    ])


def write_model(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.tflite"
    path.write_bytes(model_bytes(kind))
    return path
