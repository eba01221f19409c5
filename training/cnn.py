"""Train the digit CNN on MNIST and save it as cnn.h5, cnn.tflite and cnn.json.

The network is the original project's 9-layer CNN, unchanged. What makes it read
people's drawings and not only MNIST is the training: half of the images are shown
redrawn with a round pen as in the app (training/restroke.py), every batch is distorted
on the fly (rotation, scaling, shear, shift, thinner or bolder strokes), and the
learning rate follows a cosine schedule. Accuracy is measured on the MNIST test split,
which training never sees.

    python training/cnn.py --data ../shared/mnist/mnist.npz
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import multiprocessing
import platform
import signal
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from draw_app.export import tflite_bytes  # noqa: E402
from draw_app.files import write_atomically  # noqa: E402
from draw_app.network import Network  # noqa: E402
from draw_app.quiet import import_tensorflow, native_output_silenced  # noqa: E402
from training.restroke import restroke_for_training  # noqa: E402

tf = import_tensorflow()
import keras  # noqa: E402

NUM_CLASSES = 10
IMAGE_SHAPE = (28, 28, 1)
PROJECT_ROOT = Path(__file__).resolve().parent.parent
MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
MNIST_KERAS_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"


class DataError(Exception):
    """The MNIST file cannot be used; the message names the file and the problem."""


# ---------------------------------------------------------------------------- data


def load_mnist(path: Path | None) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray], Path]:
    """Return ((x_train, y_train), (x_test, y_test), file) from a keras-layout mnist.npz.

    Without a path, this is the file keras.datasets.mnist.load_data() downloads once
    and caches; with one, a local copy in the same layout.
    """
    if path is None:
        try:
            path = Path(keras.utils.get_file("mnist.npz", origin=MNIST_URL, file_hash=MNIST_KERAS_SHA256))
        except Exception as error:
            raise DataError(f"could not download MNIST ({error}); pass --data path/to/mnist.npz") from None
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in ("x_train", "y_train", "x_test", "y_test")}
    except KeyError as error:
        raise DataError(f"{path}: not an MNIST file, missing array {error}") from None
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
        raise DataError(f"{path}: not a readable .npz file ({error})") from None

    for split in ("train", "test"):
        images, labels = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if images.ndim != 3 or images.shape[1:] != (28, 28):
            raise DataError(f"{path}: x_{split} has shape {images.shape}, expected (N, 28, 28)")
        if labels.shape != (len(images),):
            raise DataError(f"{path}: y_{split} has shape {labels.shape}, expected ({len(images)},)")
        if len(labels) and (labels.min() < 0 or labels.max() >= NUM_CLASSES):
            raise DataError(f"{path}: y_{split} holds labels outside 0-9")
        if len(images) == 0:
            raise DataError(f"{path}: x_{split} is empty")
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"]), path


def restroke(images: np.ndarray, seed: int) -> np.ndarray:
    """Every training digit redrawn with a round pen of random width (training/restroke.py),
    on all cores."""
    chunks = [(images[start:start + 2000], seed, start) for start in range(0, len(images), 2000)]
    # Workers ignore Ctrl+C: the main process stops them and reports the interruption.
    with multiprocessing.get_context("spawn").Pool(initializer=signal.signal,
                                                   initargs=(signal.SIGINT, signal.SIG_IGN)) as pool:
        return np.concatenate(pool.starmap(restroke_for_training, chunks))


def to_model_input(images: np.ndarray) -> np.ndarray:
    """uint8 (N, 28, 28) with bright ink -> float32 (N, 28, 28, 1) in [0, 1]."""
    return (images.astype("float32") / 255.0)[..., np.newaxis]


def distort(images: tf.Tensor, seed: tf.Tensor) -> tf.Tensor:
    """Randomly rotate, scale, shear, shift and thin or thicken a batch of digits.

    One affine map per image, so each image is resampled once and stays sharp. The
    randomness is stateless and keyed by ``seed``, so a run is reproducible however
    tf.data schedules the work.
    """
    batch = tf.shape(images)[0]
    # tf.data hands one integer per batch; stateless ops want a pair per random draw.
    seeds = tf.random.experimental.stateless_split(tf.stack([seed, seed // 7 + 1]), num=7)

    def uniform(index: int, low: float, high: float) -> tf.Tensor:
        return tf.random.stateless_uniform([batch], seeds[index], low, high)

    angle = uniform(0, -math.radians(15), math.radians(15))
    scale = uniform(1, 0.85, 1.15)
    stretch = uniform(2, -0.1, 0.1)
    shear = uniform(3, -0.3, 0.3)
    shift_x = uniform(4, -2.0, 2.0)
    shift_y = uniform(5, -2.0, 2.0)
    bold = uniform(6, -0.5, 1.0)

    # Output pixel (x, y) samples input A @ ((x, y) - centre) + centre + shift.
    cos, sin = tf.cos(angle), tf.sin(angle)
    sx, sy = scale * (1 + stretch), scale * (1 - stretch)
    a00, a01 = cos * sx, (cos * shear - sin) * sy
    a10, a11 = sin * sx, (sin * shear + cos) * sy
    centre = (IMAGE_SHAPE[0] - 1) / 2
    zeros = tf.zeros_like(angle)
    transforms = tf.stack([
        a00, a01, centre - a00 * centre - a01 * centre + shift_x,
        a10, a11, centre - a10 * centre - a11 * centre + shift_y,
        zeros, zeros,
    ], axis=1)
    warped = tf.raw_ops.ImageProjectiveTransformV3(
        images=images, transforms=transforms, output_shape=IMAGE_SHAPE[:2],
        fill_value=0.0, interpolation="BILINEAR", fill_mode="CONSTANT")

    # bold > 0 blends towards a 3x3 dilation (bolder pen), bold < 0 towards an erosion.
    dilated = tf.nn.max_pool2d(warped, 3, 1, "SAME")
    eroded = -tf.nn.max_pool2d(-warped, 3, 1, "SAME")
    bold = tf.reshape(bold, [-1, 1, 1, 1])
    return tf.where(bold > 0, warped + bold * (dilated - warped), warped - bold * (eroded - warped))


def training_dataset(x: np.ndarray, x_redrawn: np.ndarray | None, y: np.ndarray, batch_size: int,
                     seed: int, restroke_fraction: float) -> tf.data.Dataset:
    """Shuffled batches; with redrawn digits given, each image is its redrawn twin with
    probability ``restroke_fraction``, and then distorted."""
    if x_redrawn is None:
        dataset = tf.data.Dataset.from_tensor_slices((x, y))
        return dataset.shuffle(len(x), seed=seed, reshuffle_each_iteration=True).batch(batch_size).prefetch(2)

    def mix_and_distort(batch, batch_seed):
        (original, redrawn, labels) = batch
        pick = tf.random.stateless_uniform([tf.shape(original)[0], 1, 1, 1], tf.stack([batch_seed, 0]))
        images = tf.where(pick < restroke_fraction, redrawn, original)
        return distort(images, batch_seed), labels

    dataset = tf.data.Dataset.from_tensor_slices((x, x_redrawn, y))
    dataset = dataset.shuffle(len(x), seed=seed, reshuffle_each_iteration=True).batch(batch_size)
    batch_seeds = tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True)
    dataset = tf.data.Dataset.zip((dataset, batch_seeds)).map(
        mix_and_distort, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
    return dataset.prefetch(tf.data.AUTOTUNE)


# --------------------------------------------------------------------------- model


def build_model() -> keras.Model:
    """The original project's 9-layer CNN, unchanged."""
    return keras.Sequential([
        keras.Input(shape=IMAGE_SHAPE),
        keras.layers.Conv2D(30, (5, 5), activation="relu"),
        keras.layers.MaxPooling2D(pool_size=(2, 2)),
        keras.layers.Conv2D(15, (3, 3), activation="relu"),
        keras.layers.MaxPooling2D(pool_size=(2, 2)),
        keras.layers.Dropout(0.2),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(50, activation="relu"),
        keras.layers.Dense(NUM_CLASSES, activation="softmax"),
    ], name="digit_cnn")


def compile_model(model: keras.Model, learning_rate: float, total_steps: int) -> None:
    """Adam with a cosine decay: large steps early, fine ones at the end."""
    schedule = keras.optimizers.schedules.CosineDecay(learning_rate, decay_steps=total_steps, alpha=0.01)
    model.compile(optimizer=keras.optimizers.Adam(schedule),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])


# ---------------------------------------------------------------------- evaluation


def evaluate(model: keras.Model, x_test: np.ndarray, y_test: np.ndarray) -> dict:
    probabilities = model.predict(x_test, batch_size=1000, verbose=0)
    loss = float(keras.losses.sparse_categorical_crossentropy(y_test, probabilities).numpy().mean())
    predicted = probabilities.argmax(axis=1)
    confusion = np.zeros((NUM_CLASSES, NUM_CLASSES), dtype=int)
    np.add.at(confusion, (y_test, predicted), 1)
    per_digit = confusion.diagonal() / np.maximum(confusion.sum(axis=1), 1)
    return {
        "test_accuracy": float((predicted == y_test).mean()),
        "test_loss": loss,
        "per_digit_accuracy": {str(digit): round(float(acc), 4) for digit, acc in enumerate(per_digit)},
        "confusion_matrix": confusion.tolist(),
        "probabilities": probabilities,
    }


def print_summary(figures: dict, seconds: float) -> None:
    print(f"\ntest accuracy {figures['test_accuracy']:.2%}   test loss {figures['test_loss']:.4f}   "
          f"training time {seconds:.0f} s")
    print("per digit:   " + "  ".join(f"{d}: {acc:.2%}" for d, acc in figures["per_digit_accuracy"].items()))
    print("confusion matrix (rows: true digit, columns: predicted):")
    print("      " + "".join(f"{d:>6}" for d in range(NUM_CLASSES)))
    for digit, row in enumerate(figures["confusion_matrix"]):
        print(f"{digit:>6}" + "".join(f"{count:>6}" for count in row))


# -------------------------------------------------------------------------- export


def tflite_probabilities(tflite_path: Path, x: np.ndarray) -> np.ndarray:
    """What the app's runtime (LiteRT, as draw_app.network runs it) makes of x."""
    network = Network(tflite_path)
    return np.stack([network.run(image)["probabilities"] for image in x])


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Train the digit CNN on MNIST.")
    parser.add_argument("--data", type=Path, default=None,
                        help="local mnist.npz in keras layout (default: download with keras)")
    parser.add_argument("--epochs", type=int, default=60, help="passes over the training set (default: 60)")
    parser.add_argument("--batch-size", type=int, default=128, help="images per training step (default: 128)")
    parser.add_argument("--learning-rate", type=float, default=0.002,
                        help="initial Adam learning rate, decayed by a cosine schedule (default: 0.002)")
    parser.add_argument("--augment", action=argparse.BooleanOptionalAction, default=True,
                        help="distort training images on the fly and mix in redrawn digits (default: on)")
    parser.add_argument("--restroke-fraction", type=float, default=0.4,
                        help="with --augment, share of images shown redrawn with a round pen (default: 0.4)")
    parser.add_argument("--seed", type=int, default=1, help="random seed; same seed, same model (default: 1)")
    parser.add_argument("--limit", type=int, default=None,
                        help="train on the first N training images only, for quick runs")
    parser.add_argument("--output", type=Path, default=PROJECT_ROOT / "sample_model",
                        help="directory for cnn.h5, cnn.tflite and cnn.json (default: sample_model/)")
    args = parser.parse_args(argv)
    for name in ("epochs", "batch_size", "limit"):
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if not 0 <= args.restroke_fraction <= 1:
        parser.error("--restroke-fraction must be between 0 and 1")
    return args


def train(args: argparse.Namespace) -> dict:
    # Data
    (x_train, y_train), (x_test, y_test), data_file = load_mnist(args.data)
    args.output.mkdir(parents=True, exist_ok=True)  # fail now, not after an hour of training
    if args.limit:
        x_train, y_train = x_train[:args.limit], y_train[:args.limit]
    print(f"{len(x_train)} training images, {len(x_test)} test images from {data_file}")
    x_redrawn, redraw_seconds = None, 0.0
    if args.augment:
        started = time.perf_counter()
        x_redrawn = to_model_input(restroke(x_train, args.seed))
        redraw_seconds = time.perf_counter() - started
        print(f"redrew the training digits with a round pen in {redraw_seconds:.0f} s")
    x_train, x_test = to_model_input(x_train), to_model_input(x_test)

    # Model
    keras.utils.set_random_seed(args.seed)
    tf.config.experimental.enable_op_determinism()
    model = build_model()
    steps_per_epoch = math.ceil(len(x_train) / args.batch_size)
    compile_model(model, args.learning_rate, args.epochs * steps_per_epoch)

    # Train
    started = time.perf_counter()
    dataset = training_dataset(x_train, x_redrawn, y_train, args.batch_size, args.seed, args.restroke_fraction)
    history = model.fit(dataset, epochs=args.epochs, verbose=2, shuffle=False)  # the dataset shuffles itself
    seconds = time.perf_counter() - started

    # Evaluate
    figures = evaluate(model, x_test, y_test)
    print_summary(figures, seconds)
    tflite_model = tflite_bytes(model)
    write_atomically(args.output / "cnn.tflite", lambda path: path.write_bytes(tflite_model))
    lite = tflite_probabilities(args.output / "cnn.tflite", x_test)
    keras_probabilities = figures.pop("probabilities")
    agreement = {
        "same_digit_fraction": float((lite.argmax(1) == keras_probabilities.argmax(1)).mean()),
        "max_abs_probability_difference": float(np.abs(lite - keras_probabilities).max()),
    }
    print(f"cnn.tflite agrees with cnn.h5 on {agreement['same_digit_fraction']:.2%} of test digits, "
          f"largest probability difference {agreement['max_abs_probability_difference']:.1e}")

    # Save
    report = {
        **figures,
        "tflite_agreement": agreement,
        "loss_per_epoch": [round(loss, 5) for loss in history.history["loss"]],
        "epochs": args.epochs, "batch_size": args.batch_size, "learning_rate": args.learning_rate,
        "augment": args.augment, "restroke_fraction": args.restroke_fraction if args.augment else 0.0,
        "seed": args.seed, "training_images": len(x_train),
        "data_file": data_file.name, "data_sha256": sha256(data_file),
        "training_seconds": round(seconds, 1), "redraw_seconds": round(redraw_seconds, 1),
        "versions": {"python": platform.python_version(), "tensorflow": tf.__version__,
                     "keras": keras.__version__, "numpy": np.__version__},
    }
    with native_output_silenced():
        write_atomically(args.output / "cnn.h5", lambda path: model.save(path))
    write_atomically(args.output / "cnn.json", lambda path: path.write_text(json.dumps(report, indent=2) + "\n"))
    print(f"wrote cnn.h5, cnn.tflite and cnn.json to {args.output}")
    return report


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        train(args)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: cannot write the model to {args.output}: {error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ntraining interrupted; no model files were changed", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
