"""Faint writing: digits in light grey or faded, and pictures with no digit made as faint.

Ink that differs from the paper by less than ink.MIN_CONTRAST (48 of 255) used to
be taken for texture, so a light-grey digit, a faded scan or a pencil pressed lightly
was "no digit found". Such ink is now read where the paper round it is clean
(ink.raised_faint_ink). This measures both sides of that rule:

- canvas-style MNIST *test* digits (canvas_drawings.py) made faint: ink 16-24, 24-32,
  32-48 levels from the paper (and 48-64, which was always read), on clean paper, on
  paper with a scanner's noise, and saved as JPEG;
- every kind of picture with no digit of no_digit.py, made as faint: the share
  refused or marked unsure, which must stay as high as at full contrast.

    python benchmarks/faint_accuracy.py --data path/to/mnist.npz
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from canvas_drawings import drawings  # noqa: E402
from no_digit import READ, REFUSED, UNSURE, Tally, mnist_test_digits, non_digit_sets  # noqa: E402

from draw_app.predictor import ModelError, Predictor  # noqa: E402

CONTRASTS = [(16, 24), (24, 32), (32, 48), (48, 64)]
PAPERS = ("clean", "scanner noise", "JPEG")


def grey(image: np.ndarray) -> np.ndarray:
    """A picture as grey levels, a transparent one laid on paper that its ink stands out from."""
    if image.ndim == 3 and image.shape[2] == 4:
        alpha = image[..., 3:].astype(np.float32) / 255
        paper = 255.0 if image[..., :3].mean() < 128 else 0.0
        image = (image[..., :3] * alpha + paper * (1 - alpha)).astype(np.uint8)
    return np.asarray(Image.fromarray(image).convert("L"), np.float32)


def faint(image: np.ndarray, contrast: float, paper: str, rng: np.random.Generator) -> np.ndarray:
    """The picture in grey on light paper, its strongest ink ``contrast`` levels from the paper."""
    levels = grey(image)
    ink = np.abs(levels - np.median(levels))
    ink /= max(float(ink.max()), 1.0)
    picture = rng.uniform(200, 255) - contrast * ink
    if paper == "scanner noise":
        picture += rng.normal(0, 2, picture.shape)
    picture = np.clip(picture, 0, 255).astype(np.uint8)
    if paper == "JPEG":
        saved = io.BytesIO()
        Image.fromarray(picture).save(saved, "JPEG", quality=int(rng.integers(50, 90)))
        picture = np.asarray(Image.open(io.BytesIO(saved.getvalue())))
    return picture


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download with keras)")
    parser.add_argument("--digits", type=int, default=1000,
                        help="MNIST test digits drawn for each contrast and paper (default: 1000)")
    parser.add_argument("--count", type=int, default=50,
                        help="pictures of each kind with no digit, at each contrast (default: 50)")
    parser.add_argument("--seed", type=int, default=0, help="seed for every picture drawn here (default: 0)")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    args = parser.parse_args()

    try:
        predictor = Predictor(args.model)
    except ModelError as error:
        raise SystemExit(str(error)) from None
    digits, labels = mnist_test_digits(args.data, args.digits)

    print(f"model {predictor.model_path}, seed {args.seed}\n")
    print(f"{args.digits} canvas-style MNIST test digits at each contrast, read right / refused as no digit")
    print(f"{'ink, levels from the paper':28}" + "".join(f"{paper:>22}" for paper in PAPERS))
    for number, (low, high) in enumerate(CONTRASTS):
        cells = []
        for paper in PAPERS:
            rng = np.random.default_rng([args.seed, number, PAPERS.index(paper)])
            tally = Tally()
            for (image, _), label in zip(drawings(digits, args.seed), labels):
                tally.add(predictor.predict(faint(image, rng.uniform(low, high), paper, rng)), label=int(label))
            cells.append(f"{tally.right / tally.count:.1%} / {tally.share(REFUSED):.1%}")
        print(f"{f'{low}-{high}':28}" + "".join(f"{cell:>22}" for cell in cells))

    print(f"\npictures with no digit ({args.count} of each of the 21 kinds), refused or marked unsure")
    print(f"{'ink, levels from the paper':28}{'kinds training sees':>22}{'kinds it never sees':>22}"
          f"{'all kinds':>12}   most often read as a digit")
    for number, (low, high) in enumerate([*CONTRASTS, (255, 255)]):
        rng = np.random.default_rng([args.seed, number, len(PAPERS)])
        sets = non_digit_sets(args.count, args.seed)
        tallies = {}
        for name, (_, pictures) in sets.items():
            tally = tallies[name] = Tally()
            for picture in pictures():
                tally.add(predictor.predict(picture if high == 255 else
                                            faint(picture, rng.uniform(low, high), "clean", rng)))
        doubted = {name: tally.share(REFUSED, UNSURE) for name, tally in tallies.items()}
        trained = [doubted[name] for name, (held_out, _) in sets.items() if not held_out]
        unseen = [doubted[name] for name, (held_out, _) in sets.items() if held_out]
        weakest = [name for name in sorted(tallies, key=lambda name: tallies[name].verdicts[READ], reverse=True)[:2]
                   if tallies[name].verdicts[READ]]
        label = "as they are" if high == 255 else f"{low}-{high}"
        print(f"{label:28}{np.mean(trained):>22.1%}{np.mean(unseen):>22.1%}{np.mean(list(doubted.values())):>12.1%}   "
              + (", ".join(f"{name} ({tallies[name].share(READ):.0%})" for name in weakest) or "-"))


if __name__ == "__main__":
    main()
