"""Read an image file into an array that preprocessing understands, or say why not.

Whatever Pillow reads comes out as uint8 gray (H, W), RGB (H, W, 3) or RGBA (H, W, 4):
palettes, 16-bit and float images, LA and palette transparency, CMYK and the rest are
folded into those three so that preprocessing has few cases to think about.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 50_000_000
"""A 40-megapixel photo passes; larger files are far more likely decompression bombs."""

MIN_SIDE = 8
"""Below this no digit can be drawn (MNIST itself is 28x28)."""

IMAGE_SUFFIXES = frozenset(
    ".png .jpg .jpeg .bmp .gif .tif .tiff .webp .ppm .pgm .pbm .pnm .tga .ico".split())


class ImageError(Exception):
    """The file cannot be read as a drawing; str() is a short reason for the user."""


def is_image_name(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES


def read_image(path: str | Path) -> np.ndarray:
    """Load ``path`` as a uint8 gray, RGB or RGBA array.

    Raises ImageError with a one-line reason for every way a file can be unusable.
    """
    path = Path(path)
    if not path.exists():
        raise ImageError("no such file")
    if path.is_dir():
        raise ImageError("is a directory, not an image")
    if path.stat().st_size == 0:
        raise ImageError("empty file")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageError(f"image too large ({width}x{height} pixels)")
                if min(width, height) < MIN_SIDE:
                    raise ImageError(f"image too small ({width}x{height} pixels)")
                image.load()
                return image_to_array(ImageOps.exif_transpose(image))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError("image too large") from None
    except UnidentifiedImageError:
        raise ImageError("not an image file Pillow can read") from None
    except PermissionError:
        raise ImageError("permission denied") from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageError(f"truncated or corrupt image ({error})") from None


def image_to_array(image: Image.Image) -> np.ndarray:
    """Fold any Pillow mode into uint8 gray, RGB or RGBA."""
    if image.mode in ("1", "L"):
        return np.asarray(image.convert("L"))
    if image.mode.startswith("I") or image.mode == "F":
        values = np.asarray(image, dtype=np.float64)
        full_scale = 65535.0 if image.mode.startswith("I;16") or values.max() > 255 else 255.0
        return np.clip(values * (255.0 / full_scale) + 0.5, 0, 255).astype(np.uint8)
    if "A" in image.mode or "transparency" in image.info:
        return np.asarray(image.convert("RGBA"))
    return np.asarray(image.convert("RGB"))
