"""Accuracy on handwriting styles MNIST hardly has: flagged and footed 1s, crossed 7s and more.

Every style of training/styles.py is drawn from MNIST *test* digits of its digit, on a
canvas as benchmarks/canvas_drawings.py draws (random canvas shape, size, pen width,
ink and paper), and read by the predictor exactly as the app and predict.py read
drawings. Beside the styles, the same test digits are read as MNIST gives them and
redrawn plainly canvas-style: the baseline for each digit.

Be clear about what this measures. The style generator is the one training can use
(training/restyle_for_training), so a model trained on it has seen this family of
shapes, with other random proportions; what it has never seen are these digits, which
come from the test split, and these random draws (their own seed, and canvas sizes,
pens and colours that training does not use). A model trained without the styles
shows how far MNIST alone carries.

    python benchmarks/style_accuracy.py --data path/to/mnist.npz [--count 500] [--examples styles.png]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from canvas_drawings import CANVASES, INKS_ON_PAPER, drawings, on_paper  # noqa: E402

from draw_app.files import write_atomically  # noqa: E402
from draw_app.predictor import ModelError, Predictor  # noqa: E402
from training.restroke import SKELETON_SCALE  # noqa: E402
from training.styles import STYLES, Drawer, lines_extent, restyled_lines, stroke_lines  # noqa: E402

EXAMPLES_PER_STYLE = 12
EXAMPLE_CELL = 64
RIGHT, WRONG = (40, 140, 40), (210, 30, 30)
"""Colours (RGB) of what was read under each example."""
EXAMPLE_PALETTE = Image.new("P", (1, 1))
EXAMPLE_PALETTE.putpalette([level for gray in range(0, 256, 9) for level in (gray, gray, gray)] + [*RIGHT, *WRONG])
"""Grays for the anti-aliased ink plus the two text colours: a small PNG with nothing lost."""


def styled_drawing(digit: np.ndarray, style: str | Drawer, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray] | None:
    """(image, ink mask) of one test digit drawn in ``style`` on a canvas, or None if it cannot take it.

    Canvas, size, pen and colours are drawn as canvas_drawings.redraw draws them.
    """
    width, height = CANVASES[rng.integers(len(CANVASES))]
    size = rng.uniform(0.3, 0.9) * min(height, width)
    pen = int(max(2, round(rng.uniform(0.015, 0.16) * size)))
    ink, paper = INKS_ON_PAPER[rng.integers(len(INKS_ON_PAPER))]
    transparent = rng.random() < 0.25

    scale = size / 20 / SKELETON_SCALE
    lines = restyled_lines(digit, style, rng, pen / scale)
    if lines is None:
        return None
    span = lines_extent(lines) * scale + pen
    fit = min(1.0, (width - pen) / span[0], (height - pen) / span[1])  # a wide foot or bar must stay on the canvas
    size, span = size * fit, span * fit
    offset = (rng.uniform(pen / 2, max(pen / 2, width - span[0])), rng.uniform(pen / 2, max(pen / 2, height - span[1])))
    mask = stroke_lines(lines, size, pen, (width, height), offset)
    return on_paper(mask, ink, paper, transparent), mask


def example_cell(mask: np.ndarray, read: int | None, right: bool) -> np.ndarray:
    """The drawing, dark on white in a square cell, with what was read under it (red if wrong)."""
    rows, columns = np.nonzero(mask)
    ink = mask[rows.min():rows.max() + 1, columns.min():columns.max() + 1]
    scale = (EXAMPLE_CELL - 20) / max(ink.shape)
    ink = cv2.resize(ink, (max(1, round(ink.shape[1] * scale)), max(1, round(ink.shape[0] * scale))),
                     interpolation=cv2.INTER_AREA)
    cell = np.full((EXAMPLE_CELL, EXAMPLE_CELL, 3), 255, np.uint8)
    top, left = (EXAMPLE_CELL - 14 - ink.shape[0]) // 2, (EXAMPLE_CELL - ink.shape[1]) // 2
    cell[top:top + ink.shape[0], left:left + ink.shape[1]] = 255 - ink[..., None]
    colour = (RIGHT if right else WRONG)[::-1]  # OpenCV draws in BGR
    cv2.putText(cell, "-" if read is None else str(read), (EXAMPLE_CELL // 2 - 5, EXAMPLE_CELL - 4),
                cv2.FONT_HERSHEY_SIMPLEX, 0.45, colour, 1, cv2.LINE_AA)
    cell[:, -1] = cell[-1, :] = 200
    return cell


def examples_grid(rows: dict[str, list[np.ndarray]]) -> np.ndarray:
    label_width = 130
    lines = []
    for style, cells in rows.items():
        cells = cells + [np.full((EXAMPLE_CELL, EXAMPLE_CELL, 3), 255, np.uint8)] * (EXAMPLES_PER_STYLE - len(cells))
        label = np.full((EXAMPLE_CELL, label_width, 3), 255, np.uint8)
        cv2.putText(label, style, (6, EXAMPLE_CELL // 2 + 5), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 1, cv2.LINE_AA)
        lines.append(np.hstack([label] + cells))
    return np.vstack(lines)


def percent(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     -"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download it with keras, once)")
    parser.add_argument("--count", type=int, default=None,
                        help="try at most this many test digits per style (default: all of its digit)")
    parser.add_argument("--seed", type=int, default=0, help="seed for styles, pens, sizes and colours (default: 0)")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--examples", type=Path, default=None,
                        help=f"write a PNG of the first {EXAMPLES_PER_STYLE} drawings of each style, "
                             "with what was read (red: wrong)")
    args = parser.parse_args()
    if args.count is not None and args.count < 1:
        parser.error("--count must be at least 1")
    if args.examples and not args.examples.parent.is_dir():
        parser.error(f"--examples: {args.examples.parent} is not a directory")

    from training.cnn import DataError, load_mnist

    try:
        _, (digits, labels), data_path = load_mnist(args.data)
        predictor = Predictor(args.model)
    except (DataError, ModelError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    started = time.perf_counter()
    print(f"handwriting styles drawn from MNIST test digits ({data_path.name}, seed {args.seed}), "
          f"read by {predictor.model_path}")
    print(f"{'style':16} {'digit':>5} {'drawn':>11} {'read right':>10} {'refused':>8} "
          f"{'unsure: of misreads':>19} {'of right':>8}  misread as")
    examples: dict[str, list[np.ndarray]] = {}
    totals = Counter()
    for number, (style, digit) in enumerate(STYLES.items()):
        rng = np.random.default_rng([args.seed, number])
        tried = digits[labels == digit][:args.count]
        drawn = right = refused = unsure_wrong = unsure_right = 0
        misreads = Counter()
        examples[style] = []
        for test_digit in tried:
            drawing = styled_drawing(test_digit, style, rng)
            if drawing is None:
                continue
            image, mask = drawing
            drawn += 1
            prediction = predictor.predict(image)
            correct = prediction is not None and not prediction.no_digit and prediction.digit == digit
            if prediction is None or prediction.no_digit:
                refused += 1
            elif correct:
                right += 1
                unsure_right += prediction.unsure
            else:
                misreads[prediction.digit] += 1
                unsure_wrong += prediction.unsure
            if len(examples[style]) < EXAMPLES_PER_STYLE:
                examples[style].append(example_cell(mask, None if prediction is None else prediction.digit, correct))
        wrong = drawn - right - refused
        totals.update(drawn=drawn, right=right, refused=refused, wrong=wrong, unsure_wrong=unsure_wrong,
                      unsure_right=unsure_right)
        print(f"{style:16} {digit:5} {drawn:5}/{len(tried):<5} {percent(right, drawn):>10} {refused:8} "
              f"{percent(unsure_wrong, wrong):>19} {percent(unsure_right, right):>8}  "
              f"{', '.join(f'{read} x{times}' for read, times in misreads.most_common(3))}")
    print(f"{'all styles':16} {'':5} {totals['drawn']:11} {percent(totals['right'], totals['drawn']):>10} "
          f"{totals['refused']:8} {percent(totals['unsure_wrong'], totals['wrong']):>19} "
          f"{percent(totals['unsure_right'], totals['right']):>8}")

    print("\nbaselines, the same test digits without a style:")
    print(f"{'digit':>5} {'MNIST 28x28':>12} {'canvas-style redraw':>20}")
    for digit in sorted(set(STYLES.values())):
        tried = digits[labels == digit][:args.count]
        as_given = sum(int(predictor.probabilities(test_digit / 255.0).argmax() == digit) for test_digit in tried)
        redrawn = 0
        for image, _ in drawings(tried, seed=args.seed):
            prediction = predictor.predict(image)
            redrawn += prediction is not None and not prediction.no_digit and prediction.digit == digit
        print(f"{digit:5} {percent(as_given, len(tried)):>12} {percent(redrawn, len(tried)):>20}")
    print(f"{time.perf_counter() - started:.0f} s in all")

    if args.examples:
        grid = Image.fromarray(examples_grid(examples)[..., ::-1]).quantize(palette=EXAMPLE_PALETTE,
                                                                            dither=Image.Dither.NONE)
        try:
            write_atomically(args.examples, lambda path: grid.save(path, optimize=True))
        except OSError as error:
            print(f"error: cannot write {args.examples}: {error.strerror or error}", file=sys.stderr)
            return 1
        print(f"examples written to {args.examples}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
