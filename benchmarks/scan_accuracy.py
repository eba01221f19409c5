"""Accuracy on scanned pages: one small handwritten digit on a whole A4 page, and dust.

A teacher scans a worksheet with one digit written on it. Each
MNIST digit is redrawn with a round pen as canvas_drawings.py draws it, 0.6-2 cm tall
with a 0.3-0.8 mm pen, somewhere on an A4 page scanned at 150 or 300 dpi (paper a
little grey and grainy, the scanner's optics a little soft). Every page is read three
times by the predictor, the same digit in the same place each time:
clean; with fine dust (30-80 specks 0.1-0.3 mm across, anywhere); and with a few
specks (1-3 dots 0.5-1.5 mm across, anywhere: dust, a stray touch of the pen).

    python benchmarks/scan_accuracy.py --data path/to/mnist.npz [--count 500] [--split test|train]
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

from draw_app.predictor import ModelError, Predictor  # noqa: E402
from training.restroke import stroke_mask  # noqa: E402

A4_CM = (21.0, 29.7)
DUST = {"clean": (0, 0, 0.0, 0.0), "fine dust": (30, 80, 0.1, 0.3), "a few specks": (1, 3, 0.5, 1.5)}
"""Each row's specks: how many (least, most) and how wide (mm, least and most)."""


def scanned_page(digit: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, float]:
    """One MNIST digit written on an A4 page, as float32 gray levels (dark ink on light paper), and the dpi."""
    dpi = float(rng.choice([150, 300]))
    per_cm = dpi / 2.54
    width, height = round(A4_CM[0] * per_cm), round(A4_CM[1] * per_cm)
    size = rng.uniform(0.6, 2.0) * per_cm
    pen = int(max(1, round(rng.uniform(0.03, 0.08) * per_cm)))
    span = size * 1.4 + pen
    offset = (rng.uniform(0.1 * width, 0.9 * width - span), rng.uniform(0.1 * height, 0.9 * height - span))
    ink = stroke_mask(digit, size, pen, (width, height), offset).astype(np.float32) / 255
    ink *= rng.uniform(0.75, 1.0)  # a pen that does not cover the paper fully
    paper, dark = rng.uniform(225, 250), rng.uniform(20, 90)
    return (dark * ink + paper * (1 - ink)).astype(np.float32), dpi


def with_dust(page: np.ndarray, dpi: float, dust: tuple[int, int, float, float], rng: np.random.Generator) -> np.ndarray:
    """The page with specks of dust on it, blurred and grainy as a scanner gives it, as uint8."""
    page = page.copy()
    least, most, smallest, largest = dust
    height, width = page.shape
    for _ in range(rng.integers(least, most + 1) if most else 0):
        radius = rng.uniform(smallest, largest) / 25.4 * dpi / 2
        centre = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        cv2.circle(page, centre, max(1, round(radius)), float(rng.uniform(30, 120)), -1, cv2.LINE_AA)
    page = cv2.GaussianBlur(page, (0, 0), dpi / 300)
    page += rng.normal(0, rng.uniform(1.5, 4), page.shape).astype(np.float32)
    return np.clip(page, 0, 255).astype(np.uint8)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download with keras)")
    parser.add_argument("--split", choices=["test", "train"], default="test",
                        help="MNIST digits to write: test, or train to choose settings on (default: test)")
    parser.add_argument("--count", type=int, default=500, help="how many pages (default: 500)")
    parser.add_argument("--seed", type=int, default=0, help="seed for pages, pens, places and dust (default: 0)")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--save", type=Path, default=None, help="write the first 6 pages of each row here")
    args = parser.parse_args()

    from training.cnn import DataError, load_mnist

    try:
        train, test, data_path = load_mnist(args.data)
        predictor = Predictor(args.model)
    except (DataError, ModelError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    digits, labels = (test if args.split == "test" else train)
    digits, labels = digits[:args.count], labels[:args.count]

    print(f"{len(labels)} MNIST {args.split} digits, each alone on a scanned A4 page ({data_path.name}, "
          f"seed {args.seed}), read by {predictor.model_path}")
    print(f"{'dust':13} {Tally.HEADER}")
    started = time.perf_counter()
    tallies = {name: Tally() for name in DUST}
    pages = np.random.default_rng(args.seed)
    for index, (digit, label) in enumerate(zip(digits, labels)):
        page, dpi = scanned_page(digit, pages)
        for row, (name, dust) in enumerate(DUST.items()):
            scan = with_dust(page, dpi, dust, np.random.default_rng([args.seed, index, row]))
            if args.save and index < 6:
                args.save.mkdir(parents=True, exist_ok=True)
                cv2.imwrite(str(args.save / f"{name.replace(' ', '_')}_{index}_{label}.png"), scan)
            tallies[name].add(predictor.predict(scan), label)
    for name, tally in tallies.items():
        print(f"{name:13} {tally.row()}")
    print(f"{time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
