"""Accuracy on canvas-style drawings that training never saw.

MNIST test digits are redrawn as a person would draw them on a canvas (see
canvas_drawings.py) and read by the predictor, exactly as the app and predict.py read
them. For comparison the same drawings are also read after a plain resize to 28x28,
which is what the original project did.

    python benchmarks/canvas_accuracy.py --data path/to/mnist.npz --count 5000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from canvas_drawings import drawings  # noqa: E402

from draw_app.predictor import Predictor  # noqa: E402
from training.cnn import DataError, load_mnist  # noqa: E402


def plain_resize(image: np.ndarray) -> np.ndarray:
    """The original project's preprocessing: grayscale, resize to 28x28, invert."""
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_RGBA2GRAY if image.shape[2] == 4 else cv2.COLOR_RGB2GRAY)
    return 1.0 - cv2.resize(image, (28, 28), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download with keras)")
    parser.add_argument("--count", type=int, default=5000, help="how many test digits to redraw (default: 5000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for pens, sizes and colours (default: 0)")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--save-errors", type=Path, default=None,
                        help="write the misread drawings as PNG files into this directory")
    args = parser.parse_args()

    try:
        _, (digits, labels), _ = load_mnist(args.data)
    except DataError as error:
        sys.exit(f"error: {error}")
    digits, labels = digits[:args.count], labels[:args.count]
    predictor = Predictor(args.model)

    right = baseline_right = 0
    blank = refused = right_but_doubtful = wrong_but_doubtful = 0
    errors = Counter()
    started = time.perf_counter()
    for index, ((image, kind), label) in enumerate(zip(drawings(digits, args.seed), labels)):
        prediction = predictor.predict(image)
        if prediction is None:
            blank += 1
        elif prediction.no_digit:
            refused += 1
        elif prediction.digit == label:
            right += 1
            right_but_doubtful += prediction.unsure
        else:
            wrong_but_doubtful += prediction.unsure
            errors[f"{label}->{prediction.digit}"] += 1
            if args.save_errors:
                args.save_errors.mkdir(parents=True, exist_ok=True)
                name = f"{index:05d}_{label}_as_{prediction.digit}.png"
                cv2.imwrite(str(args.save_errors / name),
                            image[..., [2, 1, 0, 3][:image.shape[2]]] if image.ndim == 3 else image)
        baseline_right += int(predictor.probabilities(plain_resize(image)).argmax() == label)
    seconds = time.perf_counter() - started

    count = len(labels)
    print(f"canvas-style drawings of {count} MNIST test digits (seed {args.seed})")
    wrong = count - right - blank - refused
    print(f"  our preprocessing: {right / count:.2%} read correctly ({wrong} wrong, {refused} refused as no digit, "
          f"{blank} blank)")
    print(f"  unsure: {right_but_doubtful / max(right, 1):.2%} of the right answers, "
          f"{wrong_but_doubtful / max(wrong, 1):.1%} of the misreads; refused: {refused / count:.2%} of the drawings")
    print(f"  plain resize:      {baseline_right / count:.2%} read correctly")
    print(f"  most common confusions: {', '.join(f'{k} x{v}' for k, v in errors.most_common(8))}")
    print(f"  {seconds:.1f} s in all")


if __name__ == "__main__":
    main()
