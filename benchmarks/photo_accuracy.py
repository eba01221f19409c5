"""Accuracy on photos of digits written on paper: uneven light, blur, noise and JPEG.

Each MNIST digit is redrawn with a round pen as canvas_drawings.py draws it, in a
dark pen colour on a paper tint, and then "photographed": the light falls off across
the sheet in a random direction and towards the corners, the lens blurs a little, the
sensor adds noise and the file is a JPEG of middling quality. Every drawing is read as
predict.py reads an image file, once as photographed in even light and once in
uneven light, so the two rows differ only by the light. With --paper lined or
squared, the paper has printed lines, fainter than the pen, a little askew; with
--paper highlighted, a highlighter's band is drawn across the writing. With
--desk all, the sheet is smaller than the photo and lies on a desk that shows all
round it, a little askew; with --desk corner, the desk shows along two sides that meet;
with --desk tilted, it shows all round and the photo is taken at an angle, so that the
sheet is no rectangle (a phone held over a note, not square to it); with --desk steep,
at a steeper angle, the sheet's far side much shorter than its near one; with --desk far,
the sheet is small in the photo, taken from further away; with --desk turned, the sheet
fills the photo, turned so that the desk shows in its corners only.

    python benchmarks/photo_accuracy.py --data path/to/mnist.npz [--count 10000] [--split test|train]
                                        [--paper plain|lined|squared|highlighted]
                                        [--desk all|corner|tilted|steep|far|turned]
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
from canvas_drawings import CANVASES  # noqa: E402
from tally import Tally  # noqa: E402

from draw_app.predictor import ModelError, Predictor  # noqa: E402
from training.restroke import stroke_mask  # noqa: E402


PAPERS = ("plain", "lined", "squared", "highlighted")
"""What a digit can be written on (--paper): see on_paper and highlighter_band."""

HIGHLIGHTERS = ((255, 240, 60), (255, 120, 190), (130, 240, 110), (255, 170, 70), (110, 200, 255))
"""A highlighter's colours, as the paper shows through them: yellow, pink, green, orange, blue."""

DESKS = ("all", "corner", "tilted", "steep", "far", "turned")
"""Where the desk shows round the sheet in the photo (--desk): see on_desk."""


def photo(digit: np.ndarray, rng: np.random.Generator, uneven_light: bool, paper: str = "plain",
          desk: str | None = None) -> np.ndarray:
    """One MNIST digit written on paper and photographed, as an RGB uint8 image."""
    width, height = CANVASES[rng.integers(len(CANVASES))]
    size = rng.uniform(0.3, 0.9) * min(height, width)
    pen = int(max(2, round(rng.uniform(0.015, 0.16) * size)))
    span = size * 1.2 + pen
    offset = (rng.uniform(pen / 2, max(pen / 2, width - span)), rng.uniform(pen / 2, max(pen / 2, height - span)))
    ink = on_paper(stroke_mask(digit, size, pen, (width, height), offset), rng, paper, size)
    wash = highlighter_band(ink, rng) if paper == "highlighted" else None
    return photographed(ink, rng, uneven_light, desk, wash)


def on_paper(ink_mask: np.ndarray, rng: np.random.Generator, paper: str, writing_height: float) -> np.ndarray:
    """Ink (a uint8 mask) on plain paper as it is; on lined or squared paper, with the paper's
    printed lines added, a little askew, fainter than the pen (25-60 % of its ink).

    Lined paper's lines are 0.6-1.1 of the writing's height apart, squared paper's
    0.2-0.45 (digits two to five squares tall), 1-2 pixels thick, turned up to 2 degrees.
    Highlighted paper is plain (its band is no ink: see highlighter_band)."""
    if paper in ("plain", "highlighted"):
        return ink_mask
    height, width = ink_mask.shape
    pitch = writing_height * (rng.uniform(0.6, 1.1) if paper == "lined" else rng.uniform(0.2, 0.45))
    thickness, slope = int(rng.integers(1, 3)), np.tan(np.deg2rad(rng.uniform(-2, 2)))
    strength, first = rng.uniform(0.25, 0.6), rng.uniform(0, pitch)
    lines = np.zeros_like(ink_mask)
    reach = 2 * max(height, width)
    for offset in first + pitch * np.arange(-int(reach / pitch), int(reach / pitch)):
        cv2.line(lines, (-reach, round(offset - reach * slope)), (reach, round(offset + reach * slope)), 255, thickness)
        if paper == "squared":
            cv2.line(lines, (round(offset + reach * slope), -reach), (round(offset - reach * slope), reach), 255,
                     thickness)
    return np.maximum(ink_mask, (lines * strength).astype(np.uint8))


def highlighter_band(ink_mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Where a highlighter went over the writing in a uint8 ink mask, as a float32 share
    (0-1) of each pixel: a band 0.3-0.7 of the writing's height across its middle part,
    from 0-0.3 of that height before the writing to as far after it, turned up to 4
    degrees, of 0.5-1 strength, its edges softened by a pixel or two."""
    rows, columns = np.flatnonzero(ink_mask.any(axis=1)), np.flatnonzero(ink_mask.any(axis=0))
    top, bottom, left, right = rows[0], rows[-1] + 1, columns[0], columns[-1] + 1
    writing = bottom - top
    thickness = rng.uniform(0.3, 0.7) * writing
    middle = top + rng.uniform(0.3, 0.7) * writing
    start, end = left - rng.uniform(0, 0.3) * writing, right + rng.uniform(0, 0.3) * writing
    rise = np.tan(np.deg2rad(rng.uniform(-4, 4))) * (end - start) / 2
    corners = np.array([(start, middle - rise - thickness / 2), (end, middle + rise - thickness / 2),
                        (end, middle + rise + thickness / 2), (start, middle - rise + thickness / 2)])
    band = np.zeros(ink_mask.shape, np.float32)
    cv2.fillPoly(band, [np.round(corners).astype(np.int32)], rng.uniform(0.5, 1.0))
    return cv2.GaussianBlur(band, (0, 0), rng.uniform(0.5, 2.0))


def photographed(ink_mask: np.ndarray, rng: np.random.Generator, uneven_light: bool,
                 desk: str | None = None, wash: np.ndarray | None = None) -> np.ndarray:
    """Ink (a uint8 mask, 255 = full ink) written on paper and photographed, as an RGB uint8
    image; with ``desk``, the sheet lies on a desk that shows round it (see on_desk); with
    ``wash``, a highlighter's band (see highlighter_band) colours the paper under the ink."""
    height, width = ink_mask.shape
    ink_share = ink_mask.astype(np.float32)[..., None] / 255
    ink_share *= rng.uniform(0.7, 1.0)  # a pen that does not cover the paper fully
    paper = rng.uniform([200, 195, 180], [250, 248, 240]).astype(np.float32)
    if wash is not None:  # a highlighter is a coloured filter over the paper
        tint = np.array(HIGHLIGHTERS[rng.integers(len(HIGHLIGHTERS))], np.float32) / 255
        paper = paper * (1 - wash[..., None] * (1 - tint))
    ink = rng.uniform([10, 10, 10], [90, 90, 140]).astype(np.float32)
    image = ink * ink_share + paper * (1 - ink_share)
    if desk:
        image = on_desk(image, rng, desk)
    # The light: brighter on one side than the other, and darker towards the corners.
    rows, columns = np.mgrid[0:height, 0:width].astype(np.float32)
    across = (columns / width - 0.5), (rows / height - 0.5)
    direction = rng.uniform(0, 2 * np.pi)
    slope, corners = rng.uniform(0.1, 0.45), rng.uniform(0, 0.35)
    light = (1 - slope * (across[0] * np.cos(direction) + across[1] * np.sin(direction) + 0.5)) \
        * (1 - 2 * corners * (across[0] ** 2 + across[1] ** 2))
    if uneven_light:
        image *= light[..., None]
    image = cv2.GaussianBlur(image, (0, 0), rng.uniform(0.6, 2.0))
    image += rng.normal(0, rng.uniform(2, 8), image.shape)
    encoded = cv2.imencode(".jpg", np.clip(image, 0, 255).astype(np.uint8)[..., ::-1],
                           [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(40, 90))])[1]
    return cv2.imdecode(encoded, cv2.IMREAD_COLOR)[..., ::-1].copy()


DESK_WORDS = {"all": "showing all round", "corner": "showing at a corner",
              "tilted": "showing all round, taken at an angle", "steep": "showing all round, taken at a steep angle",
              "far": "showing all round, taken from further away", "turned": "showing in the corners, the sheet turned"}
"""How a run's heading says where the desk shows."""


def on_desk(sheet: np.ndarray, rng: np.random.Generator, where: str) -> np.ndarray:
    """The sheet (float RGB) made smaller and turned up to 8 degrees on a desk of the same
    size: wood, grey or near black, with a little grain. "all": the desk shows all round
    it (but for a corner of the turned sheet running off the photo now and then, about 3
    in 100); "corner": the sheet runs off two sides that meet, and the desk shows along
    the other two; "tilted": as "all", photographed at an angle, each corner of the
    sheet moved up to 6 % of the photo's side (a keystone, as a phone held askew gives);
    "steep": as "tilted", and a phone held low over the sheet on one of its sides (at
    random): the far side 50-80 % as long as it was and 10-30 % of the sheet nearer, so
    that the sheet's corners lie up to about 35 degrees from square. "far": as "all", the
    sheet 0.3-0.5 as large (9-25 % of the photo); "turned": the sheet as large as the photo
    or a little larger, turned 4-15 degrees, so that it runs off every side and the desk
    shows in the photo's corners only, the writing drawn in to 0.7 of the sheet round its
    middle, clear of the photo's edges (a trial's photos of a sheet filling the frame were
    refused: the desk's wedges were taken for the paper's colour)."""
    height, width = sheet.shape[:2]
    if where == "turned":  # the writing in the middle of the sheet, clear of the photo's edges
        border = np.concatenate([sheet[0], sheet[-1], sheet[:, 0], sheet[:, -1]])
        sheet = cv2.warpAffine(sheet, cv2.getRotationMatrix2D((width / 2, height / 2), 0, 0.7), (width, height),
                               flags=cv2.INTER_LINEAR, borderValue=tuple(float(v) for v in np.median(border, axis=0)))
    scale = rng.uniform(*{"corner": (0.75, 0.9), "far": (0.3, 0.5), "turned": (1.0, 1.08)}.get(where, (0.55, 0.85)))
    turn = rng.choice([-1, 1]) * rng.uniform(4, 15) if where == "turned" else rng.uniform(-8, 8)
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), turn, scale)
    if where in ("all", "tilted", "steep", "far"):
        matrix[:, 2] += rng.uniform(-0.25, 0.25, 2) * (1 - scale) * np.array([width, height])
    elif where == "corner":
        matrix[:, 2] += rng.choice([-1, 1], 2) * (1 - scale) / 2 * np.array([width, height])
    if where in ("tilted", "steep"):
        corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
        placed_corners = cv2.transform(corners[None], matrix)[0]
        placed_corners += rng.uniform(-0.06, 0.06, (4, 2)).astype(np.float32) * np.float32([width, height])
        if where == "steep":  # the far side's corners, one and two, pulled in along it and towards the near side
            far = int(rng.integers(4))
            one, two, near_two, near_one = (placed_corners[(far + step) % 4].copy() for step in range(4))
            narrower, nearer = rng.uniform(0.1, 0.25), rng.uniform(0.1, 0.3)
            placed_corners[far] = one + (two - one) * narrower + (near_one - one) * nearer
            placed_corners[(far + 1) % 4] = two + (one - two) * narrower + (near_two - two) * nearer
        matrix = cv2.getPerspectiveTransform(corners, placed_corners)
    kind = rng.integers(3)
    colour = [rng.uniform([90, 55, 30], [170, 120, 80]), np.full(3, rng.uniform(60, 150)),
              np.full(3, rng.uniform(15, 50))][kind]
    grain = cv2.resize(rng.normal(0, 1, (max(2, height // 16), max(2, width // 16))).astype(np.float32),
                       (width, height), interpolation=cv2.INTER_CUBIC)
    table = colour.astype(np.float32) * (1 + 0.08 * grain[..., None])
    warp = cv2.warpPerspective if where in ("tilted", "steep") else cv2.warpAffine
    placed = warp(sheet, matrix, (width, height), flags=cv2.INTER_LINEAR)
    cover = warp(np.ones((height, width), np.float32), matrix, (width, height), flags=cv2.INTER_LINEAR)
    return placed + table * (1 - cover[..., None])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download with keras)")
    parser.add_argument("--split", choices=["test", "train"], default="test",
                        help="MNIST digits to photograph: test, or train to choose settings on (default: test)")
    parser.add_argument("--count", type=int, default=10000, help="how many digits (default: 10000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for pens, paper, light and camera (default: 0)")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--paper", choices=PAPERS, default="plain",
                        help="write on plain, lined or squared paper, or on plain paper with a highlighter "
                             "drawn across the writing (default: plain)")
    parser.add_argument("--desk", choices=DESKS, default=None,
                        help="the sheet on a desk that shows all round it, or at a corner, or all round in a "
                             "photo taken at an angle, or at a steep one (default: no desk)")
    parser.add_argument("--save", type=Path, default=None, help="write the first 12 photos in uneven light here")
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

    on_a_desk = f" on a desk {DESK_WORDS[args.desk]}" if args.desk else ""
    print(f"{len(labels)} MNIST {args.split} digits written on {args.paper} paper and photographed{on_a_desk} "
          f"({data_path.name}, seed {args.seed}), read by {predictor.model_path}")
    print(f"{'light':8} {Tally.HEADER}")
    started = time.perf_counter()
    for uneven_light in (False, True):
        rng = np.random.default_rng(args.seed)  # the same pens, papers and cameras in both rows
        tally = Tally()
        for index, (digit, label) in enumerate(zip(digits, labels)):
            image = photo(digit, rng, uneven_light, args.paper, args.desk)
            if args.save and uneven_light and index < 12:
                args.save.mkdir(parents=True, exist_ok=True)
                cv2.imwrite(str(args.save / f"{index:02d}_{label}.jpg"), image[..., ::-1])
            tally.add(predictor.predict(image), label)
        print(f"{'uneven' if uneven_light else 'even':8} {tally.row()}", flush=True)
    print(f"{time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
