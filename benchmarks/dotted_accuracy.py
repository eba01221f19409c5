"""Digits drawn as lines of dots: a program that stamps a dot where the mouse is reported.

Many small drawing programs paint a round dot at each mouse position instead of a line
from the last one, so a fast stroke comes out as a string of beads; stippled and
dot-matrix prints look the same. Each MNIST digit is thinned to its centre line
(training/restroke.py) and dots of one size are stamped along it, no two closer than
``spacing`` dot radii (placed in a random order, so the gaps vary up to twice that),
then read as predict.py reads an image file. With --number, numbers of 2-6 such digits
(one dot size for the whole number) are set side by side a tenth to half a digit's
height apart and read as ``predict.py --number`` reads them: a number counts only if
every digit is right and there is none too many or too few.

    python benchmarks/dotted_accuracy.py --data path/to/mnist.npz
    python benchmarks/dotted_accuracy.py --data path/to/mnist.npz --number
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

from draw_app.number import read_number  # noqa: E402
from draw_app.predictor import ModelError, Predictor  # noqa: E402

SPACINGS = (2.0, 2.5, 3.0, 3.5)
"""Least distance between two dots' centres, in dot radii: 2 is dots that touch."""
SCALE = 3
"""Canvas pixels to a pixel of the centre line (which is 4x finer than 28x28): MNIST's 28x28 frame
becomes 336 pixels, 416 with the border."""


def dotted(digit: np.ndarray, spacing: float, rng: np.random.Generator) -> np.ndarray:
    """The digit as dots of a random radius (4-10 px) stamped along its centre line, black on white."""
    return 255 - dotted_ink(digit, spacing, rng.uniform(4, 10), rng)


def dotted_ink(digit: np.ndarray, spacing: float, radius: float, rng: np.random.Generator) -> np.ndarray:
    """The digit's dots (255 = ink, on black) on MNIST's frame made 416 pixels square."""
    skeleton = centre_line(digit)
    rows, columns = np.nonzero(skeleton)
    border = 40
    shape = (skeleton.shape[0] * SCALE + 2 * border, skeleton.shape[1] * SCALE + 2 * border)
    taken = np.zeros(shape, np.uint8)
    ink = np.zeros(shape, np.uint8)
    for index in rng.permutation(len(rows)):
        x, y = columns[index] * SCALE + border, rows[index] * SCALE + border
        if taken[y, x]:
            continue
        cv2.circle(taken, (x, y), round(spacing * radius), 1, -1)
        cv2.circle(ink, (x, y), round(radius), 255, -1, cv2.LINE_AA)
    return ink


def dotted_number(digits: np.ndarray, spacing: float, rng: np.random.Generator) -> np.ndarray:
    """The digits as dots of one random radius, side by side a tenth to half a digit's height
    apart (MNIST's digits are 20 of its 28 pixels tall: 240 here), black on white."""
    radius = rng.uniform(4, 10)
    inks = [dotted_ink(digit, spacing, radius, rng) for digit in digits]
    columns = [np.flatnonzero(ink.any(axis=0)) for ink in inks]
    pieces = [ink[:, inked[0]:inked[-1] + 1] for ink, inked in zip(inks, columns)]
    gaps = [np.zeros((inks[0].shape[0], round(rng.uniform(0.1, 0.5) * 240)), np.uint8) for _ in pieces]
    margin = np.zeros((inks[0].shape[0], 40), np.uint8)
    return 255 - np.hstack([margin] + [part for piece, gap in zip(pieces, gaps) for part in (piece, gap)][:-1]
                           + [margin])


def read_numbers(predictor: Predictor, digits: np.ndarray, labels: np.ndarray, count: int, seed: int) -> None:
    """Numbers of 2-6 dotted digits (taken in order from the first), read exactly at each spacing."""
    print(f"{count} numbers of 2-6 MNIST digits drawn as dots at each spacing (seed {seed}), "
          f"read by {predictor.model_path}")
    print(f"{'dots at least':>14} {'read exactly':>13} {'wrong number of digits':>23}")
    for spacing in SPACINGS:
        rng = np.random.default_rng([seed, round(10 * spacing), 1])
        right = miscounted = used = 0
        for _ in range(count):
            length = int(rng.integers(2, 7))
            chosen = np.arange(used, used + length) % len(digits)
            used += length
            written = "".join(str(label) for label in labels[chosen])
            read = read_number(predictor, dotted_number(digits[chosen], spacing, rng)).text or ""
            right += read == written
            miscounted += len(read) != len(written)
        print(f"{spacing:>7.2f} radii {right / count:>13.1%} {miscounted:>17} of {count}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download it with keras, once)")
    parser.add_argument("--split", choices=["test", "train"], default="test",
                        help="draw MNIST's test digits (default) or training digits (for choosing settings)")
    parser.add_argument("--count", type=int, default=1000, help="digits drawn at each spacing (default: 1000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for dot sizes and places (default: 0)")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--number", action="store_true",
                        help="read numbers of 2-6 dotted digits, --count of them at each spacing, instead")
    args = parser.parse_args()

    from training.cnn import DataError, load_mnist

    try:
        (x_train, y_train), (x_test, y_test), data_path = load_mnist(args.data)
        predictor = Predictor(args.model)
    except (DataError, ModelError) as error:
        raise SystemExit(f"error: {error}") from None
    digits, labels = (x_test, y_test) if args.split == "test" else (x_train, y_train)
    if args.number:
        read_numbers(predictor, digits, labels, args.count, args.seed)
        return
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
