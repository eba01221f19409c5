"""Exact-number accuracy on numbers of 1-6 digits composed from MNIST test digits.

Numbers are written as number_drawings.py describes: gaps from generous to tight,
digits reaching into each other's columns, digits in pieces, slanted and wavy lines,
digits of different sizes with a stray mark. Each is read by draw_app.number exactly
as ``predict.py --number`` reads an image file, and counts only if every digit is
right and there is none too many or too few. Beside it, the same digits read one by
one, each on its own, show how much is lost to the model and how much to finding the
digits. Pairs of touching digits are measured apart: how often they are cut in two,
and how often both are then read right. With --photos, each number is first written on
paper and photographed as photo_accuracy.py photographs a digit (a paper tint, a dark
pen, blur, noise, JPEG), in even light or with the light falling off across the sheet,
on plain paper or, with --paper, on lined or squared paper or under a highlighter's
band, and with --desk, on a
sheet lying on a desk that shows round it (all round, or at a corner, or all round in
a photo taken at an angle). With --strokes,
each number is written as the window's number mode gets it, stroke by stroke (each
piece of a digit's centre line one stroke, digit after digit), and read from its
strokes as number mode reads them; the touching pairs are then also written without
lifting the pen between their two digits (number_drawings.pen_paths with ``joined``).
With --underline, every number (and pair) is underlined by hand, once or twice, as a
total or an answer is (number_drawings.underlined): the same numbers, so the figures
compare with a run without it. With --italic DEGREES, every digit leans that much further
to the right (negative: to the left) than its MNIST writer wrote it, as an italic hand
writes (number_drawings.leaning); the digits read alone lean as far. With --dashed, every
number of two digits or more has a dash between two groups of its digits, as a phone
number is written, and with --pointed a point or a comma (half each), as a price or a
thousand is (number_drawings.signed): it reads exactly only with the sign in its place
and no digit for it (12.50, not 1250 or 12150); the touching pairs are as without it.
With --bracketed, the first group of the digits of every such number is in brackets, as
an area code is ((555) 0142; number_drawings.bracketed), which read exactly only as
brackets, not as 1s.

    python benchmarks/number_accuracy.py --data path/to/mnist.npz --count 3000
    python benchmarks/number_accuracy.py --data path/to/mnist.npz --photos uneven [--paper lined] [--desk all]
    python benchmarks/number_accuracy.py --data path/to/mnist.npz --strokes [--underline]
    python benchmarks/number_accuracy.py --data path/to/mnist.npz --italic 30 [--strokes]
    python benchmarks/number_accuracy.py --data path/to/mnist.npz --dashed [--strokes]
    python benchmarks/number_accuracy.py --data path/to/mnist.npz --pointed [--strokes]
    python benchmarks/number_accuracy.py --data path/to/mnist.npz --bracketed [--strokes]
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
from number_drawings import (KINDS, bracketed, gap_of_mark, numbers, pen_paths, signed, strokes_pen,  # noqa: E402
                             underlined, written)
from photo_accuracy import DESK_WORDS, DESKS, PAPERS, highlighter_band, on_paper, photographed  # noqa: E402

from draw_app.number import NumberReading, read_number, read_number_strokes  # noqa: E402
from draw_app.predictor import Predictor  # noqa: E402
from draw_app.stroke_digits import stroke_crop  # noqa: E402
from draw_app.strokes import Stroke  # noqa: E402
from training.cnn import DataError, load_mnist  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download with keras)")
    parser.add_argument("--split", choices=["test", "train"], default="test",
                        help="compose from these MNIST digits (default: test; train is for tuning the rules)")
    parser.add_argument("--count", type=int, default=3000, help="how many non-touching numbers (default: 3000)")
    parser.add_argument("--touching", type=int, default=1000, help="how many touching pairs (default: 1000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for digits, pens, gaps and colours (default: 0)")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--photos", choices=["even", "uneven"], default=None,
                        help="photograph each number on paper in this light first (default: read the drawings)")
    parser.add_argument("--paper", choices=PAPERS, default="plain",
                        help="with --photos, the paper written on: plain, lined or squared, or plain with a "
                             "highlighter's band across the writing (default: plain)")
    parser.add_argument("--desk", choices=DESKS, default=None,
                        help="with --photos, the sheet on a desk that shows all round it, or at a corner, or "
                             "all round in a photo taken at an angle, or at a steep one")
    parser.add_argument("--strokes", action="store_true",
                        help="write each number stroke by stroke and read it as number mode reads strokes")
    parser.add_argument("--underline", action="store_true",
                        help="underline every number by hand, once or twice, before it is read")
    parser.add_argument("--italic", type=float, default=0.0, metavar="DEGREES",
                        help="every digit leans this many degrees further to the right (negative: left)")
    parser.add_argument("--dashed", action="store_true",
                        help="a dash between two groups of the digits of every number, as a phone number's")
    parser.add_argument("--pointed", action="store_true",
                        help="a point or a comma (half each) between two groups of the digits of every number, "
                             "as a price's or a thousand's")
    parser.add_argument("--bracketed", action="store_true",
                        help="the first group of the digits of every number in brackets, as an area code's")
    parser.add_argument("--save-errors", type=Path, default=None,
                        help="write the misread numbers as PNG files into this directory")
    args = parser.parse_args()
    if (args.paper != "plain" or args.desk) and args.photos is None:
        parser.error("--paper and --desk say how a number is photographed: give --photos too")
    if args.strokes and args.photos:
        parser.error("--strokes reads what was drawn in the window, --photos a photo: give one of them")
    if args.dashed + args.pointed + args.bracketed > 1:
        parser.error("a number is written with one of --dashed, --pointed and --bracketed: give one of them")

    try:
        train, test, _ = load_mnist(args.data)
    except DataError as error:
        sys.exit(f"error: {error}")
    digits, labels = train if args.split == "train" else test
    predictor = Predictor(args.model)
    camera = np.random.default_rng(args.seed + 2)  # the same papers, pens and cameras in either light
    underliner = np.random.default_rng(args.seed + 3)  # apart, so the numbers are those of a run without
    dasher = np.random.default_rng(args.seed + 4)
    pointer = np.random.default_rng(args.seed + 5)
    bracketer = np.random.default_rng(args.seed + 6)

    def with_sign(drawing):
        """The drawing with the dash, point, comma or brackets the options ask for."""
        if args.bracketed:
            return bracketed(drawing, bracketer)
        if args.dashed:
            return signed(drawing, dasher, "-")
        if args.pointed:
            return signed(drawing, pointer, "." if pointer.random() < 0.5 else ",")
        return drawing

    def picture(drawing) -> np.ndarray | list[Stroke]:
        """What is read: the drawing itself, a photo of it, or the strokes that drew it."""
        if args.underline:
            drawing = underlined(drawing, underliner)
        if args.strokes:
            return strokes_of(pen_paths(drawing), strokes_pen(drawing.pen))
        if args.photos is None:
            return drawing.image
        rows = np.flatnonzero(drawing.ink.any(axis=1))
        ink = on_paper(drawing.ink, camera, args.paper, writing_height=rows[-1] - rows[0] + 1)
        wash = highlighter_band(ink, camera) if args.paper == "highlighted" else None
        return photographed(ink, camera, uneven_light=args.photos == "uneven", desk=args.desk, wash=wash)

    def reading_of(read: np.ndarray | list[Stroke]) -> NumberReading:
        if isinstance(read, list):
            return read_number_strokes(predictor, read)
        return read_number(predictor, read)

    right, alone_right, total, miscounted = Counter(), Counter(), Counter(), Counter()
    marks_in_a_gap = marks_read_as_signs = 0  # stray marks where a sign is written: either reading is right
    digits_right = digits_total = 0
    seconds = []
    for index, drawing in enumerate(numbers(digits, labels, args.count, seed=args.seed, lean=args.italic)):
        drawing = with_sign(drawing)
        image = picture(drawing)
        started = time.perf_counter()
        text = reading_of(image).text or ""
        seconds.append(time.perf_counter() - started)
        alone_text = read_alone(predictor, drawing, args.strokes)
        alone = alone_text == drawing.number
        digits_right += sum(read == digit for read, digit in zip(alone_text, drawing.number))
        digits_total += len(drawing.number)
        for key in (drawing.kind, len(drawing.number), "all"):
            total[key] += 1
            right[key] += text in written(drawing)
            alone_right[key] += alone
        miscounted[drawing.kind] += sum(map(str.isdigit, text)) != len(drawing.number)
        if text not in written(drawing):
            save_error(args.save_errors, index, drawing, image, text)
        if gap_of_mark(drawing) is not None:
            marks_in_a_gap += 1
            marks_read_as_signs += text in written(drawing) and text != min(written(drawing), key=len)

    on_a_desk = f" on a desk {DESK_WORDS[args.desk]}" if args.desk else ""
    taken = (f", photographed on {args.paper} paper{on_a_desk} in {args.photos} light" if args.photos
             else ", written stroke by stroke" if args.strokes else "") + (", underlined" if args.underline else "") \
        + (f", leaning {args.italic:g} degrees further right" if args.italic else "")
    signs = (", with a dash between two groups of digits" if args.dashed
              else ", with a point or a comma between two groups of digits" if args.pointed
              else ", with the first group of digits in brackets" if args.bracketed else "")
    if args.count:
        print(f"{total['all']} numbers of 1-6 digits from MNIST {args.split} digits{taken}{signs} (seed {args.seed})")
        print(f"  read exactly:                      {right['all'] / total['all']:.2%}")
        print(f"  every digit right when read alone: {alone_right['all'] / total['all']:.2%}"
              "  (the most that finding the digits can give)")
        print(f"  digits read alone:                 {digits_right / digits_total:.2%} right")
        print("  by length:  " + ", ".join(f"{length}: {right[length] / total[length]:.1%}"
                                           for length in range(1, 7) if total[length]))
        print("  by kind:          exact   alone   wrong number of digits")
        for kind in KINDS:
            if total[kind]:
                print(f"    {kind:13} {right[kind] / total[kind]:7.2%} {alone_right[kind] / total[kind]:7.2%}"
                      f"   {miscounted[kind]} of {total[kind]}")
        print(f"  stray marks where a point, comma or dash is written: {marks_in_a_gap}"
              f" ({marks_read_as_signs} read as one, which counts as right, as leaving it out does)")
        print(f"  reading one number: {np.median(seconds) * 1000:.1f} ms median, "
              f"{np.percentile(seconds, 95) * 1000:.1f} ms 95th percentile")

    if args.touching:
        cut = pair_right = joined_cut = joined_right = 0
        for index, drawing in enumerate(numbers(digits, labels, args.touching, kinds=("touching",),
                                                lengths=range(2, 3), seed=args.seed + 1, lean=args.italic)):
            image = picture(drawing)
            reading = reading_of(image)
            cut += len(reading.digits) == 2
            pair_right += reading.text == drawing.number
            if reading.text != drawing.number:
                save_error(args.save_errors, args.count + index, drawing, image, reading.text or "")
            if args.strokes:
                joined = strokes_of(pen_paths(drawing, joined=True), strokes_pen(drawing.pen))
                reading = read_number_strokes(predictor, joined)
                joined_cut += len(reading.digits) == 2
                joined_right += reading.text == drawing.number
        print(f"{args.touching} pairs of touching digits from MNIST {args.split} digits{taken}")
        print(f"  cut in two: {cut / args.touching:.1%}, read exactly: {pair_right / args.touching:.1%}")
        if args.strokes:
            print(f"  written without lifting the pen between the two: cut in two: {joined_cut / args.touching:.1%}, "
                  f"read exactly: {joined_right / args.touching:.1%}")


def read_alone(predictor: Predictor, drawing, strokes: bool = False) -> str:
    """The number as the digits read one by one, each on its own: a perfect cut (with
    ``strokes``, each digit's own strokes, as number mode would read it if it grouped
    the strokes perfectly)."""
    if strokes:
        pictures = [stroke_crop(strokes_of(centre.pen_paths(), strokes_pen(drawing.pen))).image
                    for centre in drawing.centre_lines]
    else:
        pictures = [cv2.copyMakeBorder(digit, 4, 4, 4, 4, cv2.BORDER_CONSTANT) for digit in drawing.digits]
    return "".join(str(predictor.predict(picture).digit) for picture in pictures)


def strokes_of(paths, pen: float) -> list[Stroke]:
    return [Stroke(pen, [tuple(point) for point in path]) for path in paths]


def save_error(folder: Path | None, index: int, drawing, image: np.ndarray | list[Stroke], text: str) -> None:
    if folder is None:
        return
    if isinstance(image, list):  # strokes: as painted, white on black
        image = stroke_crop(image).image
    folder.mkdir(parents=True, exist_ok=True)
    if image.ndim == 3:
        image = image[..., [2, 1, 0, 3][:image.shape[2]]]
    name = f"{index:05d}_{drawing.kind.replace(' ', '-')}_{min(written(drawing), key=len)}_as_{text or 'nothing'}.png"
    cv2.imwrite(str(folder / name), image)


if __name__ == "__main__":
    main()
