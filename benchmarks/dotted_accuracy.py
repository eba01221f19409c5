"""Digits drawn as lines of dots: a program that stamps a dot where the mouse is reported.

Many small drawing programs paint a round dot at each mouse position instead of a line
from the last one, so a fast stroke comes out as a string of beads; stippled and
dot-matrix prints look the same. Each MNIST digit is thinned to its centre line
(training/restroke.py) and dots of one size are stamped along it, no two closer than
``spacing`` dot radii (placed in a random order, so the gaps vary up to twice that),
then read as predict.py reads an image file.

    python benchmarks/dotted_accuracy.py --data path/to/mnist.npz
    python benchmarks/dotted_accuracy.py --data path/to/mnist.npz --split train   # for choosing settings
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from training.restroke import centre_line  # noqa: E402

from draw_app.predictor import ModelError, Predictor  # noqa: E402

SPACINGS = (2.0, 2.5, 3.0, 3.5)
"""Least distance between two dots' centres, in dot radii: 2 is dots that touch."""
SCALE = 3
"""Canvas pixels to a pixel of the centre line (which is 4x finer than 28x28): MNIST's 28x28 frame
becomes 336 pixels, 416 with the border."""


def dotted(digit: np.ndarray, spacing: float, rng: np.random.Generator) -> np.ndarray:
    """The digit as dots of a random radius (4-10 px) stamped along its centre line, black on white."""
    skeleton = centre_line(digit)
    rows, columns = np.nonzero(skeleton)
    radius = rng.uniform(4, 10)
    border = 40
    shape = (skeleton.shape[0] * SCALE + 2 * border, skeleton.shape[1] * SCALE + 2 * border)
    taken = np.zeros(shape, np.uint8)
    picture = np.full(shape, 255, np.uint8)
    for index in rng.permutation(len(rows)):
        x, y = columns[index] * SCALE + border, rows[index] * SCALE + border
        if taken[y, x]:
            continue
        cv2.circle(taken, (x, y), round(spacing * radius), 1, -1)
        cv2.circle(picture, (x, y), round(radius), 0, -1, cv2.LINE_AA)
    return picture


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download it with keras, once)")
    parser.add_argument("--split", choices=["test", "train"], default="test",
                        help="draw MNIST's test digits (default) or training digits (for choosing settings)")
    parser.add_argument("--count", type=int, default=1000, help="digits drawn at each spacing (default: 1000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for dot sizes and places (default: 0)")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    args = parser.parse_args()

    from training.cnn import DataError, load_mnist

    try:
        (x_train, y_train), (x_test, y_test), data_path = load_mnist(args.data)
        predictor = Predictor(args.model)
    except (DataError, ModelError) as error:
        raise SystemExit(f"error: {error}") from None
    digits, labels = (x_test, y_test) if args.split == "test" else (x_train, y_train)
    digits, labels = digits[:args.count], labels[:args.count]

    print(f"{len(digits)} MNIST {args.split} digits of {data_path.name} drawn as dots (seed {args.seed}), "
          f"read by {predictor.model_path}")
    print(f"{'dots at least':>14} {'read right':>11} {'refused':>8}  commonest misreads")
    for spacing in SPACINGS:
        rng = np.random.default_rng([args.seed, round(10 * spacing)])
        right = refused = 0
        misreads = Counter()
        for digit, label in zip(digits, labels):
            prediction = predictor.predict(dotted(digit, spacing, rng))
            if prediction is None or prediction.no_digit:
                refused += 1
            elif prediction.digit == label:
                right += 1
            else:
                misreads[f"{label}->{prediction.digit}"] += 1
        print(f"{spacing:>7.2f} radii {right / len(digits):>11.1%} {refused / len(digits):>8.1%}  "
              + ", ".join(f"{pair} x{times}" for pair, times in misreads.most_common(4)))


if __name__ == "__main__":
    main()
