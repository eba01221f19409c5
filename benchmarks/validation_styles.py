"""Figures for choosing a training recipe: the validation split drawn in every style and canvas-style.

The style and canvas benchmarks draw MNIST *test* digits, which must not choose a
recipe. This script draws the digits training/cnn.py holds out for validation (the
same split: --validation images of the training set, --split-seed its --seed) in
every style of training/styles.py and canvas-style, and reads them as the app does,
so that runs can be compared on data that is neither trained on nor tested on.
The README's recipe table comes from it (--seed 77).

    python benchmarks/validation_styles.py --data path/to/mnist.npz --model run/cnn.tflite
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from canvas_drawings import drawings  # noqa: E402
from style_accuracy import percent, styled_drawing  # noqa: E402

from draw_app.predictor import ModelError, Predictor  # noqa: E402
from training.styles import STYLES  # noqa: E402


def read_right(prediction, digit: int) -> bool:
    return prediction is not None and not prediction.no_digit and prediction.digit == digit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download it with keras, once)")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--validation", type=int, default=5000,
                        help="size of the validation split, as training/cnn.py --validation (default: 5000)")
    parser.add_argument("--split-seed", type=int, default=1,
                        help="the training run's --seed, which picks the split (default: 1)")
    parser.add_argument("--seed", type=int, default=77, help="seed for styles, pens, sizes and colours (default: 77)")
    args = parser.parse_args()

    from training.cnn import DataError, load_mnist, split_validation

    try:
        (x_train, y_train), _, data_path = load_mnist(args.data)
        predictor = Predictor(args.model)
    except (DataError, ModelError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    _, (digits, labels) = split_validation(x_train, y_train, args.validation, args.split_seed)
    print(f"{len(digits)} validation digits of {data_path.name} (split seed {args.split_seed}), drawn with "
          f"seed {args.seed}, read by {predictor.model_path}")

    print(f"{'style':16} {'drawn':>5} {'read right':>10}  misread as")
    for number, (style, digit) in enumerate(STYLES.items()):
        rng = np.random.default_rng([args.seed, number])
        drawn = right = 0
        misreads = Counter()
        for validation_digit in digits[labels == digit]:
            drawing = styled_drawing(validation_digit, style, rng)
            if drawing is None:
                continue
            drawn += 1
            prediction = predictor.predict(drawing[0])
            if read_right(prediction, digit):
                right += 1
            else:
                misreads["none" if prediction is None or prediction.no_digit else prediction.digit] += 1
        print(f"{style:16} {drawn:5} {percent(right, drawn):>10}  "
              f"{', '.join(f'{read} x{times}' for read, times in misreads.most_common(3))}")

    right = sum(read_right(predictor.predict(image), digit)
                for (image, _), digit in zip(drawings(digits, seed=args.seed), labels))
    print(f"canvas-style, all digits: {right / len(digits):.2%} of {len(digits)}")
    as_given = sum(int(predictor.probabilities(digit / 255.0).argmax() == label)
                   for digit, label in zip(digits, labels))
    print(f"as MNIST gives them: {as_given / len(digits):.2%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
