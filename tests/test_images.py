"""Reading image files: every Pillow mode becomes gray/RGB/RGBA; bad files get a reason."""

import numpy as np
import pytest
from PIL import Image

from draw_app.images import ImageError, read_image


def test_gray_rgb_and_rgba_keep_their_channels(tmp_path):
    for mode, channels in [("L", None), ("RGB", 3), ("RGBA", 4)]:
        path = tmp_path / f"{mode}.png"
        Image.new(mode, (40, 30)).save(path)
        array = read_image(path)
        assert array.dtype == np.uint8 and array.shape[:2] == (30, 40)
        assert (array.shape[2] if array.ndim == 3 else None) == channels


def test_la_and_palette_transparency_become_rgba(tmp_path):
    Image.new("LA", (40, 40), (0, 0)).save(tmp_path / "la.png")
    palette = Image.new("P", (40, 40), 0)
    palette.putpalette([255, 255, 255, 0, 0, 0])
    palette.info["transparency"] = 0
    palette.save(tmp_path / "palette.png", transparency=0)
    assert read_image(tmp_path / "la.png").shape == (40, 40, 4)
    assert read_image(tmp_path / "palette.png").shape == (40, 40, 4)


def test_16_bit_gray_is_scaled_to_8_bit(tmp_path):
    values = np.full((40, 40), 65535, np.uint16)
    values[10:30, 18:22] = 0
    Image.fromarray(values).save(tmp_path / "deep.png")
    array = read_image(tmp_path / "deep.png")
    assert array.dtype == np.uint8
    assert array.max() == 255 and array[20, 20] == 0


@pytest.mark.parametrize("make, reason", [
    (lambda path: None, "no such file"),
    (lambda path: path.write_bytes(b""), "empty file"),
    (lambda path: path.write_text("just some text\n"), "not an image"),
    (lambda path: path.write_bytes(_png_bytes()[:200]), "truncated"),
    (lambda path: Image.new("L", (1, 1)).save(path), "too small"),
    (lambda path: Image.new("1", (8000, 7000)).save(path), "too large"),
])
def test_bad_files_get_a_short_reason(tmp_path, make, reason):
    path = tmp_path / "bad.png"
    make(path)
    with pytest.raises(ImageError, match=reason):
        read_image(path)


def test_directory_is_not_an_image(tmp_path):
    with pytest.raises(ImageError, match="directory"):
        read_image(tmp_path)


def _png_bytes() -> bytes:
    import io

    buffer = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (100, 100), np.uint8)).save(buffer, "PNG")
    return buffer.getvalue()
