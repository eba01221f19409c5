"""Accuracy on other people's handwriting as fonts: digits and numbers in 17 handwriting typefaces.

Each typeface was made from one person's writing, or drawn to look hand-written, by
people who never saw this project: six fonts from the "Because We Had To" project,
a French school font with a broad nib's thick strokes and hairlines, a felt-tip
cursive, a brush script, a Japanese pencil hand, Korean pen and brush hands, xkcd's
hand and more. They come from Debian's font packages; nothing in training comes from them. Each
digit is drawn 50 times at random sizes (25-220 pixels tall), slants, turns, pen
weights and colours on canvases as benchmarks/canvas_drawings.py uses, some as scans
(blurred, noisy), and read as predict.py reads an image; then numbers (years, prices
and a phone number, then random ones of 1-6 digits), half set as the font sets them
(in some fonts neighbours then touch, as in cramped writing) and half with a little
space added, read as ``predict.py --number`` reads an image. Last, numbers with a
separator between groups of digits (1,250  3.50  12:30  06-123  24/12), a little
spaced: read exactly when their digits are and a comma, point or dash is in its place
(draw_app.punctuation); a colon or a slash is left out. Then numbers whose first group
of digits is in brackets, as an area code is ((555)0142), read exactly only with both
brackets in their places.

Left out on purpose: fonts whose digits are outlines or hatching rather than strokes
(fonts-femkeklaver, fonts-cabinsketch), and display lettering (Lobster, Leckerli).

    sudo apt install fonts-bwht fonts-breip fonts-dkg-handwriting fonts-dancingscript \\
        fonts-ecolier-court fonts-humor-sans fonts-kaushanscript fonts-kristi fonts-klee \\
        fonts-nanum-extra fonts-tlwg-purisa
    python benchmarks/font_handwriting.py [--examples fonts.png]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from canvas_drawings import CANVASES, INKS_ON_PAPER, on_paper  # noqa: E402
from tally import Tally  # noqa: E402

from draw_app.files import write_atomically  # noqa: E402
from draw_app.number import read_number  # noqa: E402
from draw_app.predictor import ModelError, Predictor  # noqa: E402

FONTS = {
    "BecauseWeBuild-Regular.otf": "fonts-bwht", "BecauseWeConnect-Regular.otf": "fonts-bwht",
    "BecauseWeCreate-Regular.otf": "fonts-bwht", "BecauseWeLearn-Regular.otf": "fonts-bwht",
    "BecauseWeMentor-Regular.otf": "fonts-bwht", "BecauseWeOrganize-Regular.otf": "fonts-bwht",
    "Breip.ttf": "fonts-breip", "dkg.ttf": "fonts-dkg-handwriting",
    "DancingScript-Regular.otf": "fonts-dancingscript", "Ecolier-court.ttf": "fonts-ecolier-court",
    "Humor-Sans.ttf": "fonts-humor-sans", "KaushanScript-Regular.otf": "fonts-kaushanscript",
    "Kristi.ttf": "fonts-kristi", "KleeOne-Regular.ttf": "fonts-klee", "NanumPen.ttf": "fonts-nanum-extra",
    "NanumBrush.ttf": "fonts-nanum-extra", "Purisa.ttf": "fonts-tlwg-purisa",
}
"""Each typeface's file and the Debian package it comes in."""

FONT_FOLDERS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts"]
"""Where the typefaces are looked for: the system's fonts and the user's."""

NUMBERS = ["2026", "1999", "1984", "499", "1250", "0712345678", "911", "17", "77", "100"]
"""Numbers people write (years, prices without their point, a phone number), each read as set and spaced
before random ones."""

SEPARATORS = ",.:-/"
"""What people write between groups of digits: a thousands comma, a decimal point or comma, a
time's colon, a phone number's dash, a date's slash..."""
READ_SEPARATORS = ",.-"
"""...of which a number's text keeps these (draw_app.punctuation); the others are left out."""

EXAMPLE_CELL = 64
"""Pixels a side of each drawing in the --examples sheet..."""
NAME_WIDTH = 150
"""...and the width of the typeface's name to the left of its row."""


def find_fonts() -> tuple[dict[str, Path], list[str]]:
    """The typefaces found on this machine by file name, and the packages of those missing."""
    found = {}
    for folder in FONT_FOLDERS:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.name in FONTS and path.name not in found:
                    found[path.name] = path
    missing = sorted({package for name, package in FONTS.items() if name not in found})
    return found, missing


def text_mask(text: str, font_path: Path, height: float, rng: np.random.Generator, spacing: float = 0.0) -> np.ndarray:
    """The text's ink (255) on nothing (0), its digits about ``height`` pixels tall, drawn
    with a random pen weight, slant and turn; ``spacing`` adds that share of the height
    between characters."""
    probe = ImageFont.truetype(str(font_path), 100)
    _, top, _, bottom = probe.getbbox("0123456789")
    font = ImageFont.truetype(str(font_path), max(8, round(100 * height / (bottom - top))))
    weight = int(rng.integers(0, max(1, round(height / 30)) + 1)) if rng.random() < 0.4 else 0
    widths = [font.getlength(character) + spacing * height for character in text]
    size = (int(sum(widths) + 2 * height), int(3 * height))
    image = Image.new("L", size, 0)
    draw = ImageDraw.Draw(image)
    x = height
    for character, width in zip(text, widths):
        draw.text((x, size[1] / 2), character, font=font, fill=255, anchor="lm", stroke_width=weight, stroke_fill=255)
        x += width
    mask = np.asarray(image)
    slant = rng.uniform(-0.25, 0.25)
    turn = rng.uniform(-8, 8)
    centre = (size[0] / 2, size[1] / 2)
    matrix = cv2.getRotationMatrix2D(centre, turn, 1.0)
    matrix[0, 1] += slant
    matrix[0, 2] -= slant * centre[1]
    mask = cv2.warpAffine(mask, matrix, size, flags=cv2.INTER_LINEAR)
    rows, columns = np.nonzero(mask > 0)
    return mask[rows.min():rows.max() + 1, columns.min():columns.max() + 1]


def separated_number(separator: str, rng: np.random.Generator) -> str:
    """Groups of 1-3 random digits with the separator between them: two groups around a
    comma or a point (1,250; 3.50), two or three around the others (12:30; 24/12/26)."""
    groups = 2 if separator in ",." else int(rng.integers(2, 4))
    return separator.join("".join(map(str, rng.integers(0, 10, rng.integers(1, 4)))) for _ in range(groups))


def bracketed_number(rng: np.random.Generator) -> str:
    """An area code of 1-4 random digits in brackets, then 2-6 more: (555)0142."""
    def digits(low: int, high: int) -> str:
        return "".join(map(str, rng.integers(0, 10, rng.integers(low, high + 1))))

    return f"({digits(1, 4)}){digits(2, 6)}"


def on_canvas(mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The ink placed at random on a canvas as canvas_drawings uses (larger if the ink needs
    it), in one of its inks on paper; a third of them made to look scanned (blur, noise)."""
    width, height = CANVASES[rng.integers(len(CANVASES))]
    width, height = max(width, mask.shape[1] + 20), max(height, mask.shape[0] + 20)
    top, left = rng.integers(0, height - mask.shape[0] + 1), rng.integers(0, width - mask.shape[1] + 1)
    canvas = np.zeros((height, width), np.uint8)
    canvas[top:top + mask.shape[0], left:left + mask.shape[1]] = mask
    ink, paper = INKS_ON_PAPER[rng.integers(len(INKS_ON_PAPER))]
    scanned = rng.random() < 1 / 3
    image = on_paper(canvas, ink, paper, transparent=not scanned and rng.random() < 0.2)
    if scanned:
        image = cv2.GaussianBlur(image, (0, 0), rng.uniform(0.5, 1.5))
        image = np.clip(image + rng.normal(0, rng.uniform(2, 10), image.shape), 0, 255).astype(np.uint8)
    return image


def example_cell(mask: np.ndarray, read: str, right: bool) -> np.ndarray:
    """The drawing, dark on white in a cell, with what was read under it (red if wrong)."""
    scale = (EXAMPLE_CELL - 20) / max(mask.shape)
    ink = cv2.resize(mask, (max(1, round(mask.shape[1] * scale)), max(1, round(mask.shape[0] * scale))),
                     interpolation=cv2.INTER_AREA)
    cell = Image.new("RGB", (EXAMPLE_CELL, EXAMPLE_CELL), "white")
    corner = ((EXAMPLE_CELL - ink.shape[1]) // 2, (EXAMPLE_CELL - 14 - ink.shape[0]) // 2)
    cell.paste(Image.fromarray(255 - ink), corner)
    ImageDraw.Draw(cell).text((3, EXAMPLE_CELL - 13), read, fill=(40, 140, 40) if right else (210, 30, 30))
    return np.asarray(cell)


def name_cell(name: str) -> np.ndarray:
    """The typeface's name, to the left of its row of examples."""
    cell = Image.new("RGB", (NAME_WIDTH, EXAMPLE_CELL), "white")
    ImageDraw.Draw(cell).text((4, EXAMPLE_CELL // 2 - 8), Path(name).stem.removesuffix("-Regular"), fill="black")
    return np.asarray(cell)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--per-digit", type=int, default=50, help="drawings of each digit in each font (default: 50)")
    parser.add_argument("--numbers", type=int, default=100,
                        help="numbers to read in each font, half as set and half spaced (default: 100)")
    parser.add_argument("--separated", type=int, default=50,
                        help="numbers with a separator to read in each font (default: 50)")
    parser.add_argument("--bracketed", type=int, default=20,
                        help="numbers with an area code in brackets to read in each font (default: 20)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--examples", type=Path, default=None,
                        help="save a PNG of each font's digits with what was read under each")
    args = parser.parse_args()
    if args.per_digit < 1 or args.numbers < 2 or args.numbers % 2:
        parser.error("give at least one drawing of each digit, and an even number of numbers (half set, half spaced)")
    if args.separated < 0 or args.bracketed < 0:
        parser.error("--separated and --bracketed are counts of numbers: 0 or more")
    fonts, missing = find_fonts()
    if missing:
        print(f"note: {len(FONTS) - len(fonts)} typefaces not found; install them with: "
              f"sudo apt install {' '.join(missing)}", file=sys.stderr)
    if not fonts:
        print("error: none of the handwriting typefaces is installed", file=sys.stderr)
        return 1
    try:
        predictor = Predictor(args.model)
    except ModelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

    rng = np.random.default_rng(args.seed)
    separated_rng = np.random.default_rng([args.seed, 1])  # its own, so the figures above stay as they were
    bracketed_rng = np.random.default_rng([args.seed, 2])  # and its own again
    bracketed_right = 0
    started = time.perf_counter()
    print(f"{len(fonts)} handwriting typefaces, {args.per_digit} drawings of each digit in each, "
          f"{args.numbers} numbers in each, read by {predictor.model_path}")
    print(f"{'':26} {'numbers read exactly':>15}  digits:")
    print(f"{'typeface':26} {'as set':>7} {'spaced':>7} {Tally.HEADER}")
    everything, numbers_right, separated_right, separated_total, rows = Tally(), Counter(), Counter(), Counter(), []
    for name in sorted(fonts, key=str.lower):
        tally, row = Tally(), []
        for digit in range(10):
            for repeat in range(args.per_digit):
                mask = text_mask(str(digit), fonts[name], rng.uniform(25, 220), rng)
                prediction = predictor.predict(on_canvas(mask, rng))
                tally.add(prediction, digit)
                everything.add(prediction, digit)
                if repeat == 0:
                    read = "-" if prediction is None or prediction.no_digit else \
                        f"{prediction.digit}{'?' if prediction.unsure else ''}"
                    row.append(example_cell(mask, read, prediction is not None and prediction.digit == digit
                                            and not prediction.no_digit))
        right = Counter()
        for index in range(args.numbers):
            text = NUMBERS[index // 2] if index // 2 < len(NUMBERS) else \
                "".join(str(digit) for digit in rng.integers(0, 10, rng.integers(1, 7)))
            setting = "spaced" if index % 2 else "as set"
            spacing = rng.uniform(0.05, 0.3) if setting == "spaced" else 0.0
            mask = text_mask(text, fonts[name], rng.uniform(40, 120), rng, spacing)
            right[setting] += read_number(predictor, on_canvas(mask, rng)).text == text
        numbers_right.update(right)
        for index in range(args.separated):
            separator = SEPARATORS[index % len(SEPARATORS)]
            text = separated_number(separator, separated_rng)
            mask = text_mask(text, fonts[name], separated_rng.uniform(40, 120), separated_rng,
                             separated_rng.uniform(0.05, 0.3))
            read = read_number(predictor, on_canvas(mask, separated_rng)).text
            separated_total[separator] += 1
            separated_right[separator] += read == (text if separator in READ_SEPARATORS
                                                   else text.replace(separator, ""))
        for _ in range(args.bracketed):
            text = bracketed_number(bracketed_rng)
            mask = text_mask(text, fonts[name], bracketed_rng.uniform(40, 120), bracketed_rng,
                             bracketed_rng.uniform(0.05, 0.3))
            bracketed_right += read_number(predictor, on_canvas(mask, bracketed_rng)).text == text
        half = args.numbers / 2
        print(f"{Path(name).stem:26} {right['as set'] / half:7.1%} {right['spaced'] / half:7.1%} {tally.row()}")
        rows.append(np.hstack([name_cell(name), *row]))
    half = args.numbers / 2 * len(fonts)
    print(f"{'all':26} {numbers_right['as set'] / half:7.1%} {numbers_right['spaced'] / half:7.1%} {everything.row()}")
    if args.separated:
        print("numbers with a separator, read exactly (a comma, point or dash in its place, "
              "a colon or slash left out): " + "   ".join(
            f"{separator!r} {separated_right[separator] / separated_total[separator]:.1%}"
            for separator in SEPARATORS if separated_total[separator]))
    if args.bracketed:
        print(f"numbers with an area code in brackets, read exactly: "
              f"{bracketed_right / (args.bracketed * len(fonts)):.1%}")
    print(f"{time.perf_counter() - started:.1f} s in all")
    if args.examples:
        write_atomically(args.examples, lambda path: Image.fromarray(np.vstack(rows)).save(path, format="PNG"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
