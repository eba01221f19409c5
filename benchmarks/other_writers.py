"""Accuracy on digits nobody here drew: the 1,797 scans in scikit-learn's digits set.

They are the UCI "optical recognition of handwritten digits" set: forms filled in by
43 people, scanned, normalised to 32x32 bitmaps and reduced to 8x8 blocks that count
their inked pixels (0-16): soft, blurry, low-resolution digits, nothing like MNIST's.
Nothing in training comes from them. They showed that small pictures must be enlarged
before thresholding (draw_app.preprocess.enlarge_small); how far was then chosen on
MNIST training digits saved small, not on these. Each scan is read exactly as
predict.py reads an image file, as it is (8x8) and enlarged as a viewer would show it
(64x64, smoothly and in blocks), as dark ink on white paper. Then numbers: three scans
side by side (drawn at random, so mostly by different writers), read as
``predict.py --number`` reads an image file, as they are and enlarged eight times.

    python benchmarks/other_writers.py          # needs scikit-learn (the [train] extra)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tally import Tally  # noqa: E402

from draw_app.number import read_number  # noqa: E402
from draw_app.predictor import ModelError, Predictor  # noqa: E402

VIEWS = {"8x8, as scanned": None, "64x64, enlarged smoothly": cv2.INTER_LINEAR,
         "64x64, enlarged in blocks": cv2.INTER_NEAREST}
"""How each scan is handed over: its own 8x8, or enlarged as an image viewer would."""

NUMBER_VIEWS = {"as scanned, 10 pixels tall": None, "enlarged smoothly to 80": cv2.INTER_LINEAR,
                "enlarged in blocks to 80": cv2.INTER_NEAREST}
"""How a number of scans is handed over: as the row of 8x8s, or that row enlarged eight times."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--numbers", type=int, default=600, help="numbers of three scans to read (default: 600)")
    args = parser.parse_args()
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        print("error: this benchmark needs scikit-learn: pip install -e \".[train]\"", file=sys.stderr)
        return 1
    try:
        predictor = Predictor(args.model)
    except ModelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    digits = load_digits()
    scans = (255 - digits.images / 16 * 255).round().astype(np.uint8)  # dark ink on white
    print(f"{len(scans)} scans by 43 writers (scikit-learn's digits), read by {predictor.model_path}")
    print(f"{'as given':28} {Tally.HEADER}")
    started = time.perf_counter()
    for name, interpolation in VIEWS.items():
        tally = Tally()
        for scan, label in zip(scans, digits.target):
            image = scan if interpolation is None else cv2.resize(scan, (64, 64), interpolation=interpolation)
            tally.add(predictor.predict(image), label)
        print(f"{name:28} {tally.row()}")

    rng = np.random.default_rng(0)
    numbers = [rng.choice(len(scans), 3, replace=False) for _ in range(args.numbers)]
    print(f"\n{args.numbers} numbers of three scans side by side, a pixel of paper round each scan")
    for name, interpolation in NUMBER_VIEWS.items():
        exact = 0
        for chosen in numbers:
            row = np.hstack([np.pad(scans[index], 1, constant_values=255) for index in chosen])
            image = row if interpolation is None else cv2.resize(row, None, fx=8, fy=8, interpolation=interpolation)
            exact += read_number(predictor, image).text == "".join(str(digits.target[index]) for index in chosen)
        print(f"{name:28} read exactly {exact / len(numbers):7.2%}")
    print(f"{time.perf_counter() - started:.1f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
