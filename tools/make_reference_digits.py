"""Make draw_app/reference_digits.npz: typical drawings of each digit, for reading with examples.

A lesson (draw_app/adapt.py) reaches only drawings nearly as close to it as to a typical
drawing of another digit; these are those typical drawings: the first PER_DIGIT MNIST
*training* digits of each kind, drawn canvas-style as benchmarks/canvas_drawings.py
draws (random pen, size, canvas, colours) and preprocessed as the app preprocesses a
drawing, kept as the 28x28 model inputs (one byte a pixel). They are model inputs, not
features, so any model computes its own features from them.

    python tools/make_reference_digits.py --data path/to/mnist.npz
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
from canvas_drawings import drawings  # noqa: E402

from draw_app.files import write_atomically  # noqa: E402
from draw_app.predictor import Predictor  # noqa: E402
from draw_app.resources import reference_digits_path  # noqa: E402
from training.cnn import DataError, load_mnist  # noqa: E402

PER_DIGIT = 200
SEED = 7


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download with keras)")
    parser.add_argument("--output", type=Path, default=reference_digits_path(),
                        help=f"where to write them (default: {reference_digits_path()})")
    args = parser.parse_args()

    try:
        (images, labels), _, _ = load_mnist(args.data)
    except DataError as error:
        sys.exit(f"error: {error}")
    chosen = np.concatenate([np.flatnonzero(labels == digit)[:PER_DIGIT] for digit in range(10)])
    predictor = Predictor()  # preprocessed as the app preprocesses: the shipped model only picks among candidates
    inputs, digits = [], []
    for (drawing, _), digit in zip(drawings(images[chosen], SEED), labels[chosen]):
        prediction = predictor.predict(drawing)
        if prediction is not None:
            inputs.append(np.round(prediction.model_input * 255).astype(np.uint8))
            digits.append(digit)
    write_atomically(args.output, lambda path: np.savez_compressed(path, inputs=np.stack(inputs),
                                                                   digits=np.asarray(digits, np.uint8)))
    print(f"{len(inputs)} reference digits ({np.bincount(digits, minlength=10).tolist()} of each) "
          f"-> {args.output} ({args.output.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
