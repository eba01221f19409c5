"""Read an image file into an array that preprocessing understands, or say why not.

Whatever Pillow reads comes out as uint8 gray (H, W), RGB (H, W, 3) or RGBA (H, W, 4):
palettes, 16-bit and float images, LA and palette transparency, CMYK and the rest are
folded into those three so that preprocessing has few cases to think about.

A file may be hostile as well as odd, so reading is bounded: larger images are shrunk
while they are read (before any conversion makes copies of them), float pixels that
are not numbers count as paper, and of an animation or a multi-page file the first
frame with something drawn on it is read.
"""

from __future__ import annotations

import functools
import math
import os
import re
import struct
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from draw_app.readable import os_error_reason, why_unreadable

MAX_PIXELS = 50_000_000
"""A 48-megapixel photo passes; larger files are far more likely decompression bombs..."""

MAX_JPEG_PIXELS = 250_000_000
"""...except JPEGs as cameras and phones write them (baseline, not progressive), which decode
straight to an eighth, a quarter or half of their size (see shrunk_while_reading), never to
more than about 17 megapixels: a 200-megapixel phone photo passes and decodes in about 65 MB. A
progressive JPEG holds all of its coefficients while it decodes, so MAX_PIXELS holds for it."""

Image.MAX_IMAGE_PIXELS = MAX_JPEG_PIXELS
# Pillow refuses files over twice its limit as it opens them, and warns (read_image makes that
# an error) over it; at its default, 89 megapixels, it would refuse the photos above. check_size
# holds every other kind of file to MAX_PIXELS before a pixel is decoded.

MIN_SIDE = 8
"""Below this no digit can be drawn (MNIST itself is 28x28)."""

READ_SIDE = 2048
"""Larger images are shrunk to this while being read. Preprocessing looks no closer
than 1024 pixels a side, and a row of digits read as a number keeps twice that; the
full-size pixels would only cost memory (a 50-megapixel float image is 200 MB as
Pillow holds it and several times that once converted)."""

SHRINK_STRIP_ROWS = 128
"""Rows of the shrunk image made at a time (a strip of a 50-megapixel image: about 20 MB)."""

MAX_FRAMES = 100
"""Frames of an animation or pages of a multi-page file looked at for one with ink, as long as
their pixels come to no more than MAX_PIXELS in all."""

MAX_ANIMATION_PIXELS = 16_000_000
"""Frames after the first are looked at only in files up to this size: Pillow composes
a GIF's later frames in full-size RGB beside the previous one, about 9 bytes a pixel
at its peak (450 MB for 50 megapixels)."""

DEEP_SCALES = (255.0, 1023.0, 4095.0, 16383.0, 65535.0)
"""Full scales of integer pixels deeper than 8 bits, tried in turn (see deep_to_array):
8 bits stored in a 16-bit file, a sensor's 10, 12 or 14, and 16."""

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_PIXEL_CHUNKS = frozenset({b"IDAT", b"fdAT"})
"""The chunks that hold a PNG's pixels (and an animated PNG's later frames): Pillow decodes them as a stream."""
MAX_PNG_CHUNKS = 64_000_000
"""Bytes of a PNG's chunks besides its pixels read at most. Pillow reads each of them
(colour profile, Exif, text, chunks it does not know, which it keeps) whole into memory,
so a sparse file with a chunk that claims gigabytes took 14 s and 3 GB to be found
useless. Real ones are kilobytes; Pillow's own cap on text is 64 MB in all."""

IMAGE_SUFFIXES = frozenset(
    ".png .jpg .jpeg .jfif .heic .heif .bmp .gif .tif .tiff .webp .avif .jp2 .ppm .pgm .pbm .pnm .tga .ico .pcx .sgi "
    ".xbm".split())

EXIF_ORIENTATION = 0x0112
ORIENTATION_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
"""How to turn a picture upright for each EXIF orientation (the table ImageOps.exif_transpose uses)."""


class ImageError(Exception):
    """The file cannot be read as a drawing; str() is a short reason for the user."""


def is_image_name(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES


SAVED_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".bmp": "BMP", ".gif": "GIF", ".tif": "TIFF",
                 ".tiff": "TIFF", ".webp": "WEBP"}
"""The formats a drawing may be saved in, by the file name's suffix: common ones that keep a gray picture."""


def saved_format(path: Path) -> str:
    """The format a drawing saved as ``path`` is written in: the one its suffix names
    ("digit.jpg" is a JPEG; it was PNG data under a .jpg name, which some programs refuse),
    else PNG, the save dialog's own (the name is kept as typed: a file of another name
    could be overwritten without the dialog having asked)."""
    return SAVED_FORMATS.get(path.suffix.lower(), "PNG")


def read_image(path: str | Path) -> np.ndarray:
    """Load ``path`` as a uint8 gray, RGB or RGBA array, at most READ_SIDE pixels a side.

    Raises ImageError with a one-line reason for every way a file can be unusable.
    """
    path = Path(path)
    register_heic_reader()
    problem = why_unreadable(path) or oversized_png_chunk(path)
    if problem:
        raise ImageError(problem)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                check_size(image.size, MAX_JPEG_PIXELS if decodes_shrunk(image) else MAX_PIXELS)
                return first_frame_with_ink(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        pixels = re.search(r"\((\d+) pixels\)", str(error))  # Pillow says how many, not the sides
        size = f"{int(pixels[1]) / 1e6:.0f} megapixels" if pixels else "too many pixels"
        raise ImageError(f"image too large ({size}; at most {MAX_PIXELS / 1e6:.0f} megapixels, "
                         f"{MAX_JPEG_PIXELS / 1e6:.0f} for a camera's JPEG)") from None
    except UnidentifiedImageError:
        raise ImageError("not an image file this program can read "
                         "(it reads PNG, JPEG, HEIC, GIF, BMP, TIFF, WebP and the like)") from None
    except MemoryError:
        raise ImageError("not enough memory to read this image") from None
    except OSError as error:
        if error.errno is not None:  # the file system's complaint, not Pillow's about the data
            raise ImageError(os_error_reason(error, path)) from None
        raise ImageError(f"truncated or corrupt image ({error})") from None
    except (SyntaxError, ValueError) as error:
        if "MAX_TEXT" in str(error):  # PngImagePlugin's limits on text chunks
            raise ImageError("its PNG text chunks unpack to more than is safe to read "
                             "(over 1 MB each, 64 MB in all)") from None
        raise ImageError(f"truncated or corrupt image ({error})") from None


@functools.cache
def register_heic_reader() -> None:
    """Let Pillow read HEIC, the format iPhones save photos in (and HEIF), with pi-heif's
    plugin (pillow-heif's, reading only), which turns a picture upright itself and leaves its
    EXIF orientation at 1, so that nothing turns it twice. Registered at the first picture
    read, not at start-up. Should the plugin or its library fail to load (a build without
    them), HEIC files are "not an image file this program can read", and nothing else changes."""
    try:
        from pi_heif import register_heif_opener
    except (ImportError, OSError):
        return
    register_heif_opener()


def oversized_png_chunk(path: Path) -> str | None:
    """Why a PNG file is not read, if its chunks besides the pixels come to over MAX_PNG_CHUNKS; else None.

    Only each chunk's 8-byte header is read, skipping to the next, so a good file costs
    one small read a chunk. A chunk that claims more than the file holds is left to
    Pillow, which calls the file truncated; so is a file that is no PNG, or cannot be opened.
    """
    try:
        with open(path, "rb") as file:
            if file.read(len(PNG_SIGNATURE)) != PNG_SIGNATURE:
                return None
            size, claimed = os.fstat(file.fileno()).st_size, 0
            while len(header := file.read(8)) == 8:
                length, kind = struct.unpack(">I4s", header)
                if kind == b"IEND" or file.tell() + length > size:
                    return None
                claimed += 0 if kind in PNG_PIXEL_CHUNKS else length
                if claimed > MAX_PNG_CHUNKS:
                    return (f"its PNG chunks besides the pixels claim {claimed / 1e6:,.0f} MB, more than is safe "
                            f"to read (up to {MAX_PNG_CHUNKS // 1_000_000} MB)")
                file.seek(length + 4, os.SEEK_CUR)  # the chunk's data and its checksum
    except OSError:
        return None
    return None


def decodes_shrunk(image: Image.Image) -> bool:
    """Whether the file decodes straight to a fraction of its size: a baseline JPEG (or MPO, a
    phone's JPEG with a second picture in it)."""
    return image.format in ("JPEG", "MPO") and not image.info.get("progressive")


def check_size(size: tuple[int, int], largest: int) -> None:
    """Refuse a picture of more than ``largest`` pixels, or too small to hold a digit, by its header's size."""
    width, height = size
    if width * height > largest:
        raise ImageError(f"image too large ({width}x{height} pixels; at most {largest / 1e6:.0f} megapixels)")
    if min(width, height) < MIN_SIDE:
        raise ImageError(f"image too small ({width}x{height} pixels)")


def first_frame_with_ink(image: Image.Image) -> np.ndarray:
    """The first frame (of an animation) or page (of a TIFF) that has ink, else the first one.

    Animated GIFs often start on an empty frame and fill in the drawing later; a
    still image is its own first frame and costs nothing extra.
    """
    frame = shrunk_while_reading(image)
    frame.load()  # here a damaged file fails; looking for a PNG's EXIF would decode it and hide the failure
    orientation = exif_orientation(image)
    first = upright_array(frame, orientation)
    if not getattr(image, "is_animated", False) or not small_enough_to_animate(image.size) or has_ink(first):
        return first
    looked_at = image.width * image.height  # the first frame's
    for index in range(1, MAX_FRAMES):
        try:
            image.seek(index)
            looked_at += image.width * image.height
            if not small_enough_to_animate(image.size) or looked_at > MAX_PIXELS:
                break  # a long animation of large blank frames would take a minute to look through
            check_size(image.size, MAX_PIXELS)
            frame = upright_array(shrunk_while_reading(image), orientation)
        except (EOFError, ImageError, OSError, SyntaxError, ValueError):
            break  # the frames end, or a later one is unusable: the first one stands
        if has_ink(frame):
            return frame
    return first


def small_enough_to_animate(size: tuple[int, int]) -> bool:
    return size[0] * size[1] <= MAX_ANIMATION_PIXELS


def exif_orientation(image: Image.Image) -> int:
    """The EXIF orientation of a picture whose pixels are loaded (1 when it has none)."""
    try:
        return int(image.getexif().get(EXIF_ORIENTATION, 1))
    except (OSError, SyntaxError, TypeError, ValueError):  # a damaged EXIF block: the pixels may still be fine
        return 1


def upright_array(frame: Image.Image, orientation: int) -> np.ndarray:
    """A frame turned upright as its EXIF orientation says, as uint8 gray, RGB or RGBA."""
    if orientation in ORIENTATION_TRANSPOSE:
        frame = frame.transpose(ORIENTATION_TRANSPOSE[orientation])
    return image_to_array(frame)


def shrunk_while_reading(image: Image.Image) -> Image.Image:
    """The current frame at most READ_SIDE a side, decoded at that size when the format can.

    A JPEG decodes straight to a fraction of its size; everything else is averaged
    down (a box filter) a strip of rows at a time, so that no full-size copy is ever
    made beside the decoded image: Pillow itself would copy a transparent image whole
    to resize it, and a palette or bilevel one must be converted first (resizing those
    picks pixels, and thin strokes would vanish).
    """
    scale = READ_SIDE / max(image.size)
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    image.draft(None, size)  # JPEG only; other formats ignore it
    image.load()
    mode = {"1": "L", "P": "RGBA" if has_transparency(image) else "RGB", "PA": "RGBA"}.get(image.mode, image.mode)
    shrunk = Image.new(mode, size)
    source_rows_per_row = image.height / size[1]
    for top in range(0, size[1], SHRINK_STRIP_ROWS):
        bottom = min(top + SHRINK_STRIP_ROWS, size[1])
        source_top, source_bottom = top * source_rows_per_row, min(bottom * source_rows_per_row, image.height)
        first_row = int(source_top)
        strip = image.crop((0, first_row, image.width, math.ceil(source_bottom)))
        strip = strip if strip.mode == mode else strip.convert(mode)
        region = (0, source_top - first_row, image.width, source_bottom - first_row)
        shrunk.paste(strip.resize((size[0], bottom - top), Image.Resampling.BOX, box=region), (0, top))
    return shrunk


def has_transparency(image: Image.Image) -> bool:
    return "A" in image.mode or "transparency" in image.info


def has_ink(image: np.ndarray) -> bool:
    """Whether preprocessing would find a drawing on this picture (the test it uses itself)."""
    from draw_app.ink import ink_map, raised_faint_ink  # preprocessing reads arrays
    from draw_app.preprocess import crop_to_digit

    return crop_to_digit(raised_faint_ink(ink_map(image))) is not None


def image_to_array(image: Image.Image) -> np.ndarray:
    """Fold any Pillow mode into uint8 gray, RGB or RGBA."""
    if image.mode in ("1", "L"):
        return np.asarray(image.convert("L"))
    if image.mode.startswith("I") or image.mode == "F":
        return deep_to_array(image)
    if has_transparency(image):
        return np.asarray(image.convert("RGBA"))
    return np.asarray(image.convert("RGB"))


def deep_to_array(image: Image.Image) -> np.ndarray:
    """16-bit, 32-bit integer and float pixels as uint8 gray.

    The scale is the smallest usual one that holds the values: 0-1 (floats only), 0-255,
    or the 10, 12, 14 or 16 bits of a camera or scanner (0-1023 up to 0-65535): many
    store their 10 or 12 bits in a 16-bit file unscaled, and read as 16 bits such a
    picture is nearly black (its digit under preprocessing's faintest ink). Values
    outside all of those are stretched from their minimum to their maximum. NaN and infinite pixels carry no
    picture: they become paper, the colour of the rest of the border (or of most of
    the image when the whole border is missing).
    """
    values = np.array(image, dtype=np.float32)
    known = np.isfinite(values)
    found = values[known]
    low, high = (float(found.min()), float(found.max())) if found.size else (0.0, 0.0)
    scales = ((1.0,) if image.mode == "F" else ()) + DEEP_SCALES
    full_scale = next((scale for scale in scales if low >= 0 and high <= scale), high)
    low = 0.0 if low >= 0 and high <= DEEP_SCALES[-1] else low
    if found.size < values.size:
        values[~known] = paper_level(values, known)
    values -= low
    values *= 255.0 / max(full_scale - low, np.finfo(np.float32).tiny)
    return np.clip(values + 0.5, 0, 255).astype(np.uint8)


def paper_level(values: np.ndarray, known: np.ndarray) -> float:
    """The median of the known pixels on the border, else of all known pixels (0 if none)."""
    ring = np.concatenate([values[0], values[-1], values[1:-1, 0], values[1:-1, -1]])
    ring_known = np.concatenate([known[0], known[-1], known[1:-1, 0], known[1:-1, -1]])
    for candidates in (ring[ring_known], values[known]):
        if candidates.size:
            return float(np.median(candidates))
    return 0.0
