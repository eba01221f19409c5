"""Accuracy on digits and numbers written in a printed box or on a printed line, as on forms and worksheets.

MNIST *test* digits are redrawn with a round pen (as canvas_drawings.py draws them)
in a dark ink on light paper, and a box is printed round each, in the same ink:

- room: a little paper between the box and the digit;
- tight: the box drawn over the digit's outermost ink, as when the writing fills its cell;
- grey: a box printed lighter than the pen writes;
- edge: the picture cut out along the box's outer edge, so that the box is its border;
- turned: the whole picture turned by up to 1.5 degrees, as a scanner takes a page;
- line: no box, but a printed answer line under the digit, 0-10 % of its height below
  it (touching it at its lowest point, for some) and reaching 10-60 % of its width
  beyond it on either side;
- band: no box, but a dark band along one side of the picture, 3-20 % of it deep, as a
  scanner's lid or the desk beside a page shows, with 5-30 % of the digit's size of
  paper between it and the digit.

Each box is 1-4 pixels thick, with 2-12 pixels of paper between it and the picture's
edge (but at the edge), and 5-30 % of the digit's size between it and the digit (but
when tight). The same drawings without the box are the baseline. Numbers of 1-6 digits
(number_drawings.py, generous gaps) are boxed the same ways and read as
``predict.py --number`` reads an image file.

    python benchmarks/boxed_accuracy.py --data path/to/mnist.npz
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
from canvas_drawings import INKS_ON_PAPER, on_paper  # noqa: E402
from number_drawings import numbers  # noqa: E402
from tally import Tally  # noqa: E402

from draw_app.number import read_number  # noqa: E402
from draw_app.predictor import Predictor  # noqa: E402
from training.cnn import DataError, load_mnist  # noqa: E402
from training.restroke import stroke_mask  # noqa: E402

KINDS = ("room", "tight", "grey", "edge", "turned", "line", "band")

DARK_ON_LIGHT = [(ink, paper) for ink, paper in INKS_ON_PAPER if sum(ink) < sum(paper)]


def digit_mask(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One MNIST digit redrawn with a round pen, 40-200 pixels tall, cropped to its ink (255 = ink)."""
    size = rng.uniform(40, 200)
    pen = int(max(2, round(rng.uniform(0.04, 0.16) * size)))
    mask = stroke_mask(digit, size, pen, (int(size * 1.5) + 2 * pen, int(size * 1.5) + 2 * pen), (pen, pen))
    rows, columns = np.nonzero(mask)
    return mask[rows.min():rows.max() + 1, columns.min():columns.max() + 1]


def marked(mask: np.ndarray, kind: str, rng: np.random.Generator) -> np.ndarray:
    """The ink mask with a box of the given kind printed round it, and paper round the box,
    or with a line printed under it."""
    if kind == "line":
        return on_a_line(mask, rng)
    if kind == "band":
        return beside_a_band(mask, rng)
    thickness = int(rng.integers(1, 5))
    edge = 0 if kind == "edge" else int(rng.integers(2, 13))  # paper between the box and the picture's edge
    room = 0 if kind == "tight" else int(rng.uniform(0.05, 0.3) * max(mask.shape))
    canvas = np.pad(mask, edge + thickness - 1 + room)  # tight: the box's inner line runs over the digit's ink
    height, width = canvas.shape
    box = np.full_like(canvas, 150 if kind == "grey" else 255)
    box[edge + thickness:height - edge - thickness, edge + thickness:width - edge - thickness] = 0
    box[:edge], box[height - edge:], box[:, :edge], box[:, width - edge:] = 0, 0, 0, 0
    canvas = np.maximum(canvas, box)
    if kind == "turned":
        turn = cv2.getRotationMatrix2D((width / 2, height / 2), rng.uniform(-1.5, 1.5), 1.0)
        canvas = cv2.warpAffine(canvas, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=0)
    return canvas


def on_a_line(mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The ink mask written on a printed line, with paper round both."""
    height, width = mask.shape
    thickness = int(rng.integers(1, 4))
    gap = int(rng.uniform(0, 0.1) * height)
    reach = [int(rng.uniform(0.1, 0.6) * width) for _ in range(2)]
    edge = int(rng.integers(2, 13))
    canvas = np.zeros((height + gap + thickness + 2 * edge, width + sum(reach) + 2 * edge), np.uint8)
    canvas[edge:edge + height, edge + reach[0]:edge + reach[0] + width] = mask
    canvas[edge + height + gap:edge + height + gap + thickness, edge:canvas.shape[1] - edge] = 255
    return canvas


def beside_a_band(mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The ink mask with paper round it and a dark band along one side of the picture."""
    canvas = np.pad(mask, int(rng.uniform(0.05, 0.3) * max(mask.shape)) + 2)
    side = int(rng.integers(4))  # top, bottom, left, right
    depth = max(2, int(rng.uniform(0.03, 0.2) * canvas.shape[side // 2]))
    widths = [[0, 0], [0, 0]]
    widths[side // 2][side % 2] = depth
    return np.pad(canvas, widths, constant_values=255)


def on_light_paper(mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    ink, paper = DARK_ON_LIGHT[rng.integers(len(DARK_ON_LIGHT))]
    return on_paper(mask, ink, paper, transparent=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download with keras)")
    parser.add_argument("--count", type=int, default=1000, help="test digits to box in each kind (default: 1000)")
    parser.add_argument("--numbers", type=int, default=300, help="numbers to box in each kind (default: 300)")
    parser.add_argument("--seed", type=int, default=0, help="seed for pens, sizes, boxes and colours (default: 0)")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    args = parser.parse_args()

    try:
        _, (digits, labels), _ = load_mnist(args.data)
    except DataError as error:
        sys.exit(f"error: {error}")
    predictor = Predictor(args.model)
    started = time.perf_counter()

    rng = np.random.default_rng(args.seed)
    chosen = rng.choice(len(digits), args.count, replace=False)
    masks = [digit_mask(digits[index], rng) for index in chosen]
    print(f"{args.count} MNIST test digits in each kind of box, and on a line, read by {predictor.model_path}")
    print(f"{'box or line':28} {Tally.HEADER}")
    for number, kind in enumerate(("no box", *KINDS)):
        tally = Tally()
        kind_rng = np.random.default_rng([args.seed, number])
        for mask, index in zip(masks, chosen):
            drawn = np.pad(mask, int(kind_rng.integers(2, 13))) if kind == "no box" else \
                marked(mask, kind, kind_rng)
            tally.add(predictor.predict(on_light_paper(drawn, kind_rng)), int(labels[index]))
        print(f"{kind:28} {tally.row()}")

    print(f"\n{args.numbers} numbers of 1-6 MNIST test digits (generous gaps), boxed, on a line, beside a band")
    written = list(numbers(digits, labels, args.numbers, kinds=("generous",), seed=args.seed))
    for number, kind in enumerate(("no box", *KINDS)):
        kind_rng = np.random.default_rng([args.seed, number, 1])
        exact = 0
        for drawing in written:
            rows, columns = np.nonzero(drawing.ink)
            ink = drawing.ink[rows.min():rows.max() + 1, columns.min():columns.max() + 1]
            drawn = np.pad(ink, int(kind_rng.integers(2, 13))) if kind == "no box" else \
                marked(ink, kind, kind_rng)
            exact += read_number(predictor, on_light_paper(drawn, kind_rng)).text == drawing.number
        print(f"{kind:28} read exactly {exact / len(written):7.2%}")
    print(f"{time.perf_counter() - started:.1f} s in all")


if __name__ == "__main__":
    main()
