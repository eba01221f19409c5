"""How often pictures with no digit are refused, and how often real digits are.

Every picture is read by the predictor exactly as the app and predict.py read it, and
gets one of three verdicts: refused (no digit found: preprocessing saw no ink, or the
prediction says ``no_digit``), unsure (``unsure``: the app shows the runner-up too),
or read as a digit.

Pictures with no digit:
- every kind in training/non_digits.py, drawn from other random streams than training
  uses (so not the same pictures, but the same families);
- kinds training never sees: photos, textures and pages of text shipped with
  scikit-image, whole and randomly cropped; the app's own screenshots in docs/, whole
  and in large crops (a small crop could hold nothing but the drawn digit); and two
  families made here, words in Pillow's built-in font and line art (charts, tables,
  nested polygons, hatching).
Real digits: canvas-style drawings of MNIST *test* digits (canvas_drawings.py) and the
drawings in sample_digit/, read through the file API as predict.py reads them.

With --number, every picture with no digit is also read as ``predict.py --number``
reads one, and the share that comes out as a number (rather than "no digit found") is
printed by kind. The app's screenshots hold digits (its bars are labelled 0-9), so a
number read in them is no mistake.

    python benchmarks/no_digit.py --data path/to/mnist.npz
    python benchmarks/no_digit.py --count 1000 --digits 10000 --sheet /tmp/no_digit.png
    python benchmarks/no_digit.py --data path/to/mnist.npz --number

Without --data, MNIST comes from keras.datasets' download (which needs TensorFlow).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from canvas_drawings import drawings  # noqa: E402

from draw_app.files import write_atomically  # noqa: E402
from draw_app.images import ImageError, read_image  # noqa: E402
from draw_app.number import read_number, read_one_digit  # noqa: E402
from draw_app.predictor import ModelError, Prediction, Predictor  # noqa: E402
from draw_app.resources import sample_digits_folder  # noqa: E402
from training.non_digits import KINDS, canvas_shape, colour, ink_and_paper  # noqa: E402

REFUSED, UNSURE, READ = "refused", "unsure", "read"
BENCHMARK_STREAM = 7_919
"""Mixed into every random stream here, so no picture is one that training draws."""

PHOTOS = ("astronaut", "camera", "cat", "chelsea", "coffee", "coins", "rocket", "hubble_deep_field",
          "immunohistochemistry", "moon", "clock", "cell", "retina", "colorwheel", "logo", "horse")
TEXTURES = ("brick", "grass", "gravel")
PAGES = ("text", "page")
MIN_CROP = 0.4
"""Crops of photos keep at least this share of each side: smaller ones are mostly blur."""
MIN_SCREENSHOT_CROP = 0.6
"""Crops of a screenshot keep at least this share of each side, so that they always hold
more than the drawing canvas (the screenshot shows a drawn digit, which is a digit)."""
HELD_OUT_WORDS = ("bonjour merci fenster haus casa libro gato perro mesa agua stadt blume "
                  "zeitung klavier maison jardin voiture kitchen garden window yellow orange "
                  "quick brown fox jumps over lazy dog hello thanks").split()


# ---------------------------------------------------------------------------- verdicts


def verdict(prediction: Prediction | None) -> str:
    """REFUSED, UNSURE or READ: what the user is told about the picture."""
    if prediction is None or prediction.no_digit:
        return REFUSED
    return UNSURE if prediction.unsure else READ


@dataclass
class Tally:
    """Verdicts of one kind of picture; for digits also how many the network read right."""
    verdicts: Counter = field(default_factory=Counter)
    digits_read: Counter = field(default_factory=Counter)
    confidences: list[float] = field(default_factory=list)
    right: int = 0
    right_but_doubted: int = 0

    def add(self, prediction: Prediction | None, label: int | None = None) -> None:
        outcome = verdict(prediction)
        self.verdicts[outcome] += 1
        self.confidences.append(0.0 if prediction is None else prediction.confidence)
        if outcome == READ:
            self.digits_read[prediction.digit] += 1
        if label is not None and prediction is not None and prediction.digit == label:
            self.right += 1
            self.right_but_doubted += outcome != READ

    @property
    def count(self) -> int:
        return sum(self.verdicts.values())

    def share(self, *outcomes: str) -> float:
        return sum(self.verdicts[outcome] for outcome in outcomes) / max(self.count, 1)

    def median_confidence(self) -> float:
        """The network's confidence in its top digit, median over the pictures (a blank one counts as 0)."""
        return float(np.median(self.confidences)) if self.confidences else 0.0

    def commonest_reading(self) -> str:
        """The digit most often read with confidence, and its share of all pictures."""
        if not self.digits_read:
            return "-"
        digit, times = self.digits_read.most_common(1)[0]
        return f"{digit} ({times / self.count:.0%})"


# ---------------------------------------------------------------------------- pictures with no digit


def random_crop(image: np.ndarray, rng: np.random.Generator, min_fraction: float) -> np.ndarray:
    """A crop keeping min_fraction to all of each side, and at least 64 px of it where the image has them."""
    height, width = image.shape[:2]
    crop_height = min(height, max(64, round(height * rng.uniform(min_fraction, 1.0))))
    crop_width = min(width, max(64, round(width * rng.uniform(min_fraction, 1.0))))
    top = int(rng.integers(height - crop_height + 1))
    left = int(rng.integers(width - crop_width + 1))
    return image[top:top + crop_height, left:left + crop_width]


@cache
def scikit_image(name: str) -> np.ndarray:
    """One of scikit-image's sample pictures as uint8 (the horse is a boolean silhouette)."""
    import skimage.data

    image = getattr(skimage.data, name)()
    return image.astype(np.uint8) * 255 if image.dtype == bool else image


def whole_then_crops(images: list[np.ndarray], count: int, rng: np.random.Generator,
                     min_fraction: float) -> Iterator[np.ndarray]:
    """Each image whole once, then random crops of them in turn, ``count`` in all."""
    for index in range(count):
        image = images[index % len(images)]
        yield image if index < len(images) else random_crop(image, rng, min_fraction)


def pillow_words(rng: np.random.Generator) -> np.ndarray:
    """Words in Pillow's built-in font (not a Hershey font, which training uses), one to four lines."""
    height, width = canvas_shape(rng)
    ink, paper = ink_and_paper(rng)
    picture = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(picture)
    lines = int(rng.integers(1, 5))
    size = max(8, int(rng.uniform(0.3, 0.8) * height / lines))
    font = ImageFont.load_default(size=size)
    for line in range(lines):
        text = " ".join(HELD_OUT_WORDS[index] for index in rng.integers(len(HELD_OUT_WORDS), size=rng.integers(1, 5)))
        while draw.textlength(text, font=font) > width * 0.95 and " " in text:
            text = text.rsplit(" ", 1)[0]
        left = rng.uniform(0, max(1.0, width - draw.textlength(text, font=font)))
        draw.text((left, line * height / lines + rng.uniform(0, 0.2) * height / lines), text, fill=ink, font=font)
    return np.asarray(picture)


def line_art(rng: np.random.Generator) -> np.ndarray:
    """Charts, tables, nested polygons and hatching, drawn with OpenCV at any size."""
    height, width = canvas_shape(rng)
    ink, paper = ink_and_paper(rng)
    image = np.full((height, width, 3), paper, np.uint8)
    pen = max(1, round(min(height, width) * rng.uniform(0.005, 0.03)))
    left, top, right, bottom = (int(width * 0.1), int(height * 0.1), int(width * 0.9), int(height * 0.9))
    figure = rng.choice(["bars", "plot", "table", "polygons", "hatching"])
    if figure in ("bars", "plot"):
        cv2.polylines(image, [np.array([(left, top), (left, bottom), (right, bottom)], np.int32)], False, ink, pen)
    if figure == "bars":
        bars = int(rng.integers(3, 11))
        slot = (right - left) / bars
        for index in range(bars):
            bar_top = int(bottom - rng.uniform(0.1, 1.0) * (bottom - top))
            corners = (int(left + (index + 0.2) * slot), bar_top), (int(left + (index + 0.8) * slot), bottom)
            cv2.rectangle(image, *corners, colour(rng), -1 if rng.random() < 0.7 else pen)
    elif figure == "plot":
        x = np.linspace(left, right, 80)
        phase = x / (right - left) * rng.uniform(4, 20) + rng.uniform(0, 6)
        y = (top + bottom) / 2 + (bottom - top) * 0.4 * np.sin(phase)
        cv2.polylines(image, [np.stack([x, y], 1).astype(np.int32)], False, colour(rng), pen, cv2.LINE_AA)
    elif figure == "table":
        for y in np.linspace(top, bottom, int(rng.integers(3, 9))):
            cv2.line(image, (left, int(y)), (right, int(y)), ink, pen)
        for x in np.linspace(left, right, int(rng.integers(3, 7))):
            cv2.line(image, (int(x), top), (int(x), bottom), ink, pen)
    elif figure == "polygons":
        sides = int(rng.integers(3, 9))
        centre = np.array([width / 2, height / 2])
        turn = rng.uniform(0, math.pi)
        for ring in range(int(rng.integers(3, 7))):
            radius = min(height, width) * 0.45 * (1 - ring * 0.15)
            angles = turn + np.arange(sides) * 2 * math.pi / sides
            corners = centre + radius * np.stack([np.cos(angles), np.sin(angles)], 1)
            cv2.polylines(image, [corners.astype(np.int32)], True, ink, pen, cv2.LINE_AA)
    else:
        spacing = max(pen * 3, int(min(height, width) * rng.uniform(0.03, 0.1)))
        for offset in range(-height, width, spacing):
            cv2.line(image, (offset, height), (offset + height, 0), ink, pen, cv2.LINE_AA)
        mask = np.zeros((height, width), np.uint8)
        corners = np.stack([rng.uniform(left, right, 6), rng.uniform(top, bottom, 6)], 1).astype(np.int32)
        cv2.fillPoly(mask, [cv2.convexHull(corners)], 255)
        image[mask == 0] = paper
        cv2.polylines(image, [cv2.convexHull(corners)], True, ink, pen, cv2.LINE_AA)
    return image


def generated(make: Callable[[np.random.Generator], np.ndarray], count: int, seed: int,
              family: int) -> Iterator[np.ndarray]:
    for index in range(count):
        yield make(np.random.default_rng([BENCHMARK_STREAM, seed, family, index]))


def non_digit_sets(count: int, seed: int) -> dict[str, tuple[bool, Callable[[], Iterator[np.ndarray]]]]:
    """name -> (held out from training?, a function yielding ``count`` pictures)."""
    rng = np.random.default_rng([BENCHMARK_STREAM, seed])
    sets = {name: (False, lambda make=make, family=family: generated(make, count, seed, family))
            for family, (name, make) in enumerate(KINDS.items())}
    screenshots = [read_image(path) for path in sorted((ROOT / "docs").glob("*.png"))
                   if path.name.startswith("window_") or path.name == "unsure.png"]  # not the sheets of digits
    sets.update({
        "photos (scikit-image)": (True, lambda: whole_then_crops(
            [scikit_image(name) for name in PHOTOS], count, rng, MIN_CROP)),
        "textures (scikit-image)": (True, lambda: whole_then_crops(
            [scikit_image(name) for name in TEXTURES], count, rng, MIN_CROP)),
        "pages of text (scikit-image)": (True, lambda: whole_then_crops(
            [scikit_image(name) for name in PAGES], count, rng, MIN_CROP)),
        "checkerboard (scikit-image)": (True, lambda: whole_then_crops(
            [scikit_image("checkerboard")], count, rng, MIN_CROP)),
        "screenshots (docs/)": (True, lambda: whole_then_crops(screenshots, count, rng, MIN_SCREENSHOT_CROP)),
        "words in Pillow's font": (True, lambda: generated(pillow_words, count, seed, len(KINDS))),
        "line art": (True, lambda: generated(line_art, count, seed, len(KINDS) + 1)),
    })
    return sets


# ---------------------------------------------------------------------------- digits


def mnist_test_digits(path: Path | None, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The first ``count`` MNIST test digits and labels from a keras-layout mnist.npz;
    without a path, the copy keras.datasets.mnist downloads once and caches."""
    if path is None:
        from training.cnn import load_mnist  # imports TensorFlow, only to download

        _, (digits, labels), _ = load_mnist(None)
    else:
        try:
            with np.load(path, allow_pickle=False) as data:
                digits, labels = data["x_test"], data["y_test"]
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
            raise SystemExit(f"{path}: not a usable mnist.npz ({error})") from None
    return digits[:count], labels[:count]


def as_predict_py_reads(predictor: Predictor, picture: np.ndarray) -> Prediction | None:
    """The picture's digit as predict.py reads a file (number.read_one_digit): a doubtful
    whole reading is also read as a number's one digit, and a picture of several digits side
    by side is refused (None)."""
    prediction, several = read_one_digit(predictor, picture)
    return None if several else prediction


def read_sample_digits(predictor: Predictor, tally: Tally) -> None:
    """The drawings in sample_digit/ through the file API; 'no digit found' is a refusal."""
    for path in sorted(sample_digits_folder().glob("*.png")):
        try:
            prediction = predictor.predict_file(path)
        except ImageError as error:
            if str(error) != "no digit found":
                raise SystemExit(f"{path}: {error}") from None
            prediction = None
        tally.add(prediction, label=int(path.name[0]))


# ---------------------------------------------------------------------------- report


def contact_sheet(examples: dict[str, list[tuple[np.ndarray, Prediction | None]]]) -> np.ndarray:
    """One row per kind: each picture (96 px) over the 28x28 the network saw and its verdict."""
    rows = []
    for name, pictures in examples.items():
        label = np.full((200, 200, 3), 255, np.uint8)
        cv2.putText(label, name[:28], (4, 100), cv2.FONT_HERSHEY_PLAIN, 0.9, (0, 0, 0), 1, cv2.LINE_AA)
        tiles = []
        for picture, prediction in pictures:
            if picture.ndim == 2:
                picture = cv2.cvtColor(picture, cv2.COLOR_GRAY2RGB)
            picture = picture[..., :3]
            height, width = picture.shape[:2]
            scale = 96 / max(height, width)
            small = cv2.resize(picture, (max(1, round(width * scale)), max(1, round(height * scale))),
                               interpolation=cv2.INTER_AREA)
            tile = np.full((200, 100, 3), 128, np.uint8)
            tile[2:2 + small.shape[0], 2:2 + small.shape[1]] = small
            if prediction is not None:
                seen = cv2.resize(np.round(prediction.model_input * 255).astype(np.uint8), (84, 84),
                                  interpolation=cv2.INTER_NEAREST)
                tile[100:184, 8:92] = seen[..., None]
            answer = verdict(prediction)
            if answer == READ:
                answer = f"{prediction.digit} {prediction.confidence:.0%}"
            cv2.putText(tile, answer, (4, 196), cv2.FONT_HERSHEY_PLAIN, 0.9, (255, 255, 0), 1, cv2.LINE_AA)
            tiles.append(tile)
        rows.append(np.hstack([label, *tiles]))
    widest = max(row.shape[1] for row in rows)
    white = (255, 255, 255)
    return np.vstack([cv2.copyMakeBorder(row, 0, 0, 0, widest - row.shape[1], cv2.BORDER_CONSTANT, value=white)
                      for row in rows])


def print_non_digits(tallies: dict[str, Tally], held_out: dict[str, bool]) -> None:
    print(f"{'pictures with no digit':34s} {'count':>6s} {'refused':>8s} {'unsure':>8s} {'read':>8s} "
          f"{'median confidence':>18s}   commonest reading")
    for name, tally in tallies.items():
        mark = " *" if held_out[name] else ""
        print(f"{name + mark:34s} {tally.count:6d} {tally.share(REFUSED):8.1%} {tally.share(UNSURE):8.1%} "
              f"{tally.share(READ):8.1%} {tally.median_confidence():18.1%}   {tally.commonest_reading()}")
    print("  (* held out: training never sees this kind)")
    for title, chosen in (("kinds training sees", False), ("held-out kinds", True)):
        group = [tally for name, tally in tallies.items() if held_out[name] == chosen]
        refused = np.mean([tally.share(REFUSED) for tally in group])
        doubted = np.mean([tally.share(REFUSED, UNSURE) for tally in group])
        print(f"  {title:20s} refused or unsure {doubted:6.1%}   refused {refused:6.1%}   (mean over kinds)")
    doubted = np.mean([tally.share(REFUSED, UNSURE) for tally in tallies.values()])
    print(f"  {'all kinds':20s} refused or unsure {doubted:6.1%}   (goal: at least 90 %, aim 98 %)")


def print_numbers(numbers: Counter, count: int) -> None:
    print(f"\n{'read as a number (--number)':34s} {'count':>6s} {'a number':>9s}")
    for name, read in numbers.items():
        print(f"{name:34s} {count:6d} {read / count:9.1%}")
    print(f"  {'all kinds':20s} a number {sum(numbers.values()) / (count * len(numbers)):6.1%}   (mean over kinds)")


def print_digits(tallies: dict[str, Tally]) -> None:
    print(f"\n{'real digits':34s} {'count':>6s} {'refused':>8s} {'unsure':>8s} {'right':>8s} "
          f"{'median confidence':>18s}   right but refused or unsure")
    for name, tally in tallies.items():
        doubted = tally.right_but_doubted / max(tally.right, 1)
        print(f"{name:34s} {tally.count:6d} {tally.share(REFUSED):8.1%} {tally.share(UNSURE):8.1%} "
              f"{tally.right / max(tally.count, 1):8.1%} {tally.median_confidence():18.1%}   "
              f"{doubted:.1%} of {tally.right} (goal: at most 3 %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download with keras)")
    parser.add_argument("--count", type=int, default=200, help="pictures of each kind with no digit (default: 200)")
    parser.add_argument("--digits", type=int, default=2000,
                        help="MNIST test digits drawn canvas-style (default: 2000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for every picture drawn here (default: 0)")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--sheet", type=Path, default=None,
                        help="also write a PNG with the first pictures of each kind, what the network saw and "
                             "the verdict")
    parser.add_argument("--number", action="store_true",
                        help="also read each picture with no digit as predict.py --number does")
    args = parser.parse_args()
    if args.count < 1 or args.digits < 1:
        parser.error("--count and --digits must be at least 1")

    try:
        predictor = Predictor(args.model)
    except ModelError as error:
        raise SystemExit(str(error)) from None
    digits, labels = mnist_test_digits(args.data, args.digits)

    started = time.perf_counter()
    sets = non_digit_sets(args.count, args.seed)
    non_digits, examples, numbers = {}, {}, Counter()
    for name, (_, pictures) in sets.items():
        tally = non_digits[name] = Tally()
        for picture in pictures():
            prediction = as_predict_py_reads(predictor, picture)
            tally.add(prediction)
            if args.number:
                numbers[name] += read_number(predictor, picture).text is not None
            if len(examples.setdefault(name, [])) < 8:
                examples[name].append((picture, prediction))

    canvas, samples = Tally(), Tally()
    for (image, _), label in zip(drawings(digits, args.seed), labels):
        canvas.add(as_predict_py_reads(predictor, image), label=int(label))
    read_sample_digits(predictor, samples)
    seconds = time.perf_counter() - started

    print(f"model {predictor.model_path}, seed {args.seed}\n")
    print_non_digits(non_digits, {name: held_out for name, (held_out, _) in sets.items()})
    print_digits({"canvas-style MNIST test digits": canvas, "sample_digit/ (file API)": samples})
    if args.number:
        print_numbers(numbers, args.count)
    print(f"\n{seconds:.1f} s in all")
    if args.sheet:
        sheet = contact_sheet(examples)
        write_atomically(args.sheet, lambda path: Image.fromarray(sheet).save(path))
        print(f"examples written to {args.sheet}")


if __name__ == "__main__":
    main()
