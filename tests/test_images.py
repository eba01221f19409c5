"""Reading image files: every Pillow mode becomes gray/RGB/RGBA; bad files get a reason."""

import os
import subprocess
import struct
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT
from PIL import Image, ImageDraw, PngImagePlugin

from draw_app.images import READ_SIDE, ImageError, read_image, saved_format
from draw_app.ink import MIN_CONTRAST
from draw_app.preprocess import to_mnist

SEVEN = ROOT / "sample_digit" / "7_thin.png"


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


@pytest.mark.parametrize("bits", [10, 12])
def test_a_sensors_bits_stored_unscaled_in_a_16_bit_file_read_as_a_visible_picture(tmp_path, bits):
    """A 12-bit scan in a 16-bit PNG is 0-4095: read as 16 bits, its paper is nearly black
    and its digit fainter than any ink."""
    paper = 2 ** bits - 1
    values = np.full((40, 40), round(paper * 0.9), np.uint16)
    values[10:30, 18:22] = round(paper * 0.1)
    Image.fromarray(values).save(tmp_path / "deep.png")
    array = read_image(tmp_path / "deep.png")
    assert abs(int(array[0, 0]) - 230) <= 1 and abs(int(array[20, 20]) - 25) <= 1


@pytest.mark.parametrize("make, reason", [
    (lambda path: None, "no such file"),
    (lambda path: path.write_bytes(b""), "empty file"),
    (lambda path: path.write_text("just some text\n"), "not an image"),
    (lambda path: path.write_bytes(_png_bytes()[:200]), "truncated"),
    (lambda path: Image.new("L", (1, 1)).save(path), "too small"),
    (lambda path: Image.new("1", (8000, 7000)).save(path), r"too large \(8000x7000 pixels; at most 50 megapixels\)"),
    (lambda path: Image.new("1", (20000, 15000)).save(path),
     r"too large \(300 megapixels; at most 50 megapixels, 250 "),
])
def test_bad_files_get_a_short_reason(tmp_path, make, reason):
    path = tmp_path / "bad.png"
    make(path)
    with pytest.raises(ImageError, match=reason):
        read_image(path)


def test_a_png_whose_pixel_data_breaks_off_is_refused_not_read_in_part(tmp_path):
    """Looking for the EXIF orientation decodes a PNG, and the decoding error was swallowed there:
    the rows decoded before the damage were read as the picture."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = np.zeros((64, 64), np.uint8)
    pixels[8:56, 28:36] = 255  # a 1, light on dark
    compressed = zlib.compress(b"".join(b"\x00" + row.tobytes() for row in pixels))
    damaged = compressed[:len(compressed) // 2] + bytes(range(7, 7 + len(compressed) // 2))
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 0, 0, 0, 0))
    (tmp_path / "damaged.png").write_bytes(b"\x89PNG\r\n\x1a\n" + header + chunk(b"IDAT", damaged)
                                           + chunk(b"IEND", b""))
    with pytest.raises(ImageError, match="truncated or corrupt image"):
        read_image(tmp_path / "damaged.png")


def test_a_long_animation_of_large_blank_frames_is_not_looked_through_to_its_end(tmp_path, monkeypatch):
    """Each frame looked at is decoded: 121 blank 4000x4000 frames took a minute."""
    from draw_app import images

    path = tmp_path / "blank.gif"
    first, *rest = [Image.new("L", (100, 100), shade) for shade in range(255, 195, -2)]
    first.save(path, save_all=True, append_images=rest)
    looked_at = []
    monkeypatch.setattr(images, "MAX_PIXELS", 10 * 100 * 100)
    monkeypatch.setattr(images, "has_ink", lambda frame: looked_at.append(frame) and False)
    read_image(path)
    assert len(looked_at) == 10  # the first frame and later ones, up to MAX_PIXELS in all


def test_directory_is_not_an_image(tmp_path):
    with pytest.raises(ImageError, match="directory"):
        read_image(tmp_path)


def _png_bytes() -> bytes:
    import io

    buffer = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (100, 100), np.uint8)).save(buffer, "PNG")
    return buffer.getvalue()


# ------------------------------------------------------------- hostile files (issue #9)

def _symlink_to_itself(path):
    os.symlink(path.name, path)


def _symlink_to_nowhere(path):
    os.symlink("nowhere.png", path)


def _symlink_to_device(path):
    os.symlink(os.devnull, path)


@pytest.mark.parametrize("make, reason", [
    (os.mkfifo, "is a pipe, not a file (save what it carries to a file first)"),
    (_symlink_to_device, "is a device, not a file"),
    (_symlink_to_itself, "symbolic link loop"),
    (_symlink_to_nowhere, "broken symbolic link (it points to nowhere.png, which does not exist)"),
])
def test_what_is_not_a_file_says_what_it_is(tmp_path, make, reason):
    path = tmp_path / "odd.png"
    make(path)
    with pytest.raises(ImageError) as error:
        read_image(path)
    assert str(error.value) == reason


def test_a_name_too_long_for_the_file_system_is_said_so(tmp_path):
    with pytest.raises(ImageError, match="file name too long"):
        read_image(tmp_path / ("a" * 300 + ".png"))


def test_png_text_chunk_bomb_is_named_not_called_corrupt(tmp_path):
    """A few kilobytes of zTXt that unpack to megabytes, beside a perfectly good picture."""
    metadata = PngImagePlugin.PngInfo()
    metadata.add_text("comment", "a" * 3_000_000, zip=True)
    path = tmp_path / "bomb.png"
    Image.new("L", (40, 40), 255).save(path, pnginfo=metadata)
    assert path.stat().st_size < 20_000
    with pytest.raises(ImageError) as error:
        read_image(path)
    assert "PNG text chunks" in str(error.value) and "corrupt" not in str(error.value)


def _digit_values(scale: float, dtype) -> np.ndarray:
    """A 7-like mark, full-scale paper and zero ink, in any range of values."""
    seven = np.asarray(Image.open(SEVEN).convert("L"), np.float64) / 255
    return (seven * scale).astype(dtype)


def test_float_images_scaled_0_to_1_are_read_like_their_8_bit_original(tmp_path):
    Image.fromarray(_digit_values(1.0, np.float32)).save(tmp_path / "unit.tif")
    Image.fromarray(_digit_values(255.0, np.float32)).save(tmp_path / "byte.tif")
    eight_bit = np.asarray(Image.open(SEVEN).convert("L"))
    for name in ("unit.tif", "byte.tif"):
        array = read_image(tmp_path / name)
        assert array.dtype == np.uint8 and np.abs(array.astype(int) - eight_bit).max() <= 1
    np.testing.assert_allclose(to_mnist(read_image(tmp_path / "unit.tif")), to_mnist(eight_bit), atol=2 / 255)


def test_nan_and_infinite_pixels_are_paper_without_a_numpy_warning(tmp_path):
    values = _digit_values(1.0, np.float32)
    values[:40] = np.nan            # a missing band along the top border
    values[300:320, 20:60] = np.inf  # and a patch of nonsense on the paper
    Image.fromarray(values).save(tmp_path / "holes.tif")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        array = read_image(tmp_path / "holes.tif")
    assert array.ndim == 2 and array[:40].min() == 255 and array[300:320, 20:60].min() == 255
    clean = np.asarray(Image.open(SEVEN).convert("L"))
    np.testing.assert_array_equal(array[40:300], clean[40:300])


def test_a_float_image_with_no_number_at_all_is_blank(tmp_path):
    Image.fromarray(np.full((40, 40), np.nan, np.float32)).save(tmp_path / "void.tif")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert to_mnist(read_image(tmp_path / "void.tif")) is None


@pytest.mark.parametrize("suffix", [".gif", ".tif"])
def test_the_first_frame_with_ink_is_read(tmp_path, suffix):
    path = tmp_path / f"animation{suffix}"
    first, *rest = [Image.new("L", (400, 400), 255), Image.new("L", (400, 400), 250),  # two blank frames
                    Image.open(SEVEN).convert("L")]
    first.save(path, save_all=True, append_images=rest)
    assert Image.open(path).n_frames == 3
    np.testing.assert_array_equal(to_mnist(read_image(path)), to_mnist(np.asarray(rest[-1])))


def test_an_animation_that_starts_with_ink_is_read_at_its_first_frame(tmp_path):
    seven = Image.open(SEVEN).convert("L")
    path = tmp_path / "starts_drawn.gif"
    seven.save(path, save_all=True, append_images=[Image.new("L", seven.size, 255), seven.rotate(90)])
    np.testing.assert_array_equal(to_mnist(read_image(path)), to_mnist(np.asarray(seven)))


def test_an_animation_without_any_ink_is_blank(tmp_path):
    path = tmp_path / "blank.gif"
    first, *rest = [Image.new("L", (60, 60), shade) for shade in (255, 250, 245)]
    first.save(path, save_all=True, append_images=rest)
    assert to_mnist(read_image(path)) is None


def test_exif_orientation_is_applied(tmp_path):
    picture = Image.new("L", (60, 40), 255)
    picture.putpixel((0, 0), 0)
    exif = picture.getexif()
    exif[0x0112] = 6  # the camera was turned a quarter clockwise
    picture.save(tmp_path / "turned.png", exif=exif)
    array = read_image(tmp_path / "turned.png")
    assert array.shape == (60, 40) and array[0, -1] == 0


def test_an_iphone_photo_in_heic_is_read_upright_once():
    """iPhones save photos as HEIC; "not an image file this program can read" was all they got."""
    # 60x40 as stored, a dark corner top left, and the turn a quarter clockwise (the phone was
    # held on its side), which HEIF keeps as a transform of its own (written with pillow-heif)
    array = read_image(ROOT / "tests" / "data" / "photo_turned_dark_corner.heic")
    assert array.shape == (60, 40, 3)
    assert array[:6, -6:].mean() < 60 and array[-6:, :6].mean() > 200  # turned once: the corner is top right


def test_thin_strokes_survive_shrinking_a_huge_one_bit_image(tmp_path):
    """Pillow would resize a bilevel image by picking pixels, and a 1-pixel line would vanish."""
    picture = Image.new("1", (7000, 7000), 1)
    ImageDraw.Draw(picture).line([(3500, 1000), (3500, 6000)], fill=0, width=1)
    picture.save(tmp_path / "line.png")
    array = read_image(tmp_path / "line.png")
    assert max(array.shape) == READ_SIDE
    assert array.min() < 255 - MIN_CONTRAST  # the line is still there, as a grey one


def test_large_jpeg_is_decoded_small(tmp_path):
    Image.new("RGB", (6000, 4000), "white").save(tmp_path / "photo.jpg")
    assert read_image(tmp_path / "photo.jpg").shape == (1365, 2048, 3)


MEMORY_PROBE = """
import re, sys
from pathlib import Path
from draw_app.images import read_image
array = read_image(sys.argv[1])
peak_kb = re.search(r"VmHWM:\\s*(\\d+) kB", Path("/proc/self/status").read_text()).group(1)
print(array.shape[0], array.shape[1], int(peak_kb) // 1024)
"""
"""Peak resident memory of a process that reads one image. VmHWM, not ru_maxrss: Linux
carries ru_maxrss over from the parent that forked the process (here, pytest)."""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from Linux's /proc")
@pytest.mark.parametrize("kind", ["16-bit PNG", "float TIFF"])
def test_50_megapixel_deep_images_are_read_small_within_400_mb(tmp_path, kind):
    """Issue #9 measured 1.4-1.6 GB for these; benchmarks/read_memory.py measures every kind."""
    width, height = 8000, 6250
    if kind == "16-bit PNG":
        values = np.full((height, width), 65535, np.uint16)
        path = tmp_path / "deep.png"
    else:
        values = np.ones((height, width), np.float32)
        values[:100] = np.nan
        path = tmp_path / "float.tif"
    values[1000:5000, 3800:4400] = 0
    Image.fromarray(values).save(path, **({"compression": "tiff_adobe_deflate"} if kind == "float TIFF" else {}))
    del values
    result = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(path)], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    rows, columns, peak_mb = map(int, result.stdout.split())
    assert (rows, columns) == (1600, 2048)
    assert peak_mb < 400, f"reading took {peak_mb} MB"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from Linux's /proc")
def test_a_108_megapixel_phone_photo_is_read_at_a_fraction_of_its_size(tmp_path):
    """Phones write 64-200 megapixel JPEGs; over 50 megapixels they were refused as too large."""
    picture = Image.new("L", (12000, 9000), 235)
    ImageDraw.Draw(picture).line([(6000, 1500), (5600, 7500)], fill=30, width=500)
    picture.save(tmp_path / "phone.jpg", quality=85)
    del picture
    result = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(tmp_path / "phone.jpg")], capture_output=True,
                            text=True, cwd=ROOT, check=True)
    rows, columns, peak_mb = map(int, result.stdout.split())
    assert (rows, columns) == (1536, 2048)
    assert peak_mb < 200, f"reading took {peak_mb} MB"  # as much as a 12-megapixel photo at full size


def test_a_progressive_jpeg_is_held_to_the_limit_for_pictures_decoded_whole(tmp_path, monkeypatch):
    """A progressive JPEG keeps all its coefficients while it decodes, whatever size it is decoded at."""
    from draw_app import images

    monkeypatch.setattr(images, "MAX_PIXELS", 1_000_000)
    picture = Image.new("L", (1600, 1000), 235)
    picture.save(tmp_path / "baseline.jpg")
    picture.save(tmp_path / "progressive.jpg", progressive=True)
    assert read_image(tmp_path / "baseline.jpg").shape == (1000, 1600)
    with pytest.raises(ImageError, match=r"too large \(1600x1000 pixels; at most"):
        read_image(tmp_path / "progressive.jpg")
    monkeypatch.setattr(images, "MAX_JPEG_PIXELS", 1_500_000)
    with pytest.raises(ImageError, match=r"too large \(1600x1000 pixels; at most"):
        read_image(tmp_path / "baseline.jpg")


def png_with_chunks(folder: Path, lengths: list[int]) -> Path:
    """A good 40x40 PNG with chunks of a kind Pillow does not know (abCd) put in after its header,
    each of ``lengths`` bytes: a sparse file, whose zeros are holes on disk (their checksums do
    not matter, as nothing reads them)."""
    picture = folder / "good.png"
    Image.new("L", (40, 40), 255).save(picture)
    png, path = picture.read_bytes(), folder / "big_chunks.png"
    with open(path, "wb") as file:
        file.write(png[:33])  # the signature and IHDR
        for length in lengths:
            file.write(struct.pack(">I", length) + b"abCd")
            file.seek(length + 4, os.SEEK_CUR)
        file.write(png[33:])
    return path


def test_a_png_chunk_claiming_gigabytes_is_refused_before_pillow_reads_it(tmp_path):
    """Pillow would read the 1.5 GB into memory (14 s and 3 GB) before finding it useless."""
    with pytest.raises(ImageError) as error:
        read_image(png_with_chunks(tmp_path, [1_500_000_000]))
    assert str(error.value) == ("its PNG chunks besides the pixels claim 1,500 MB, more than is safe to read "
                                "(up to 64 MB)")
    assert read_image(tmp_path / "good.png").shape == (40, 40)  # every chunk of a good file is walked past


def test_png_chunks_besides_the_pixels_are_counted_together(tmp_path):
    """Pillow keeps chunks it does not know: twenty of 60 MB each cost it over a gigabyte."""
    with pytest.raises(ImageError) as error:
        read_image(png_with_chunks(tmp_path, [20_000_000] * 4))
    assert str(error.value) == "its PNG chunks besides the pixels claim 80 MB, more than is safe to read (up to 64 MB)"


def test_a_png_cut_off_inside_a_chunk_is_called_truncated(tmp_path):
    path = tmp_path / "cut.png"
    Image.new("L", (40, 40), 255).save(path)
    path.write_bytes(path.read_bytes()[:33] + struct.pack(">I", 100_000_000) + b"abCd" + bytes(100))
    with pytest.raises(ImageError) as error:
        read_image(path)
    assert "safe to read" not in str(error.value)


def test_a_drawing_is_saved_in_the_format_its_name_asks_for():
    assert [saved_format(Path(name)) for name in ("a.png", "a.JPG", "a.jpeg", "a.bmp", "a.tiff", "a.webp")] == [
        "PNG", "JPEG", "JPEG", "BMP", "TIFF", "WEBP"]
    assert saved_format(Path("digit.v2")) == saved_format(Path("digit")) == "PNG"  # the dialog's own format
