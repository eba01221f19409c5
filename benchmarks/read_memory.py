"""Peak memory of `predict.py` on the largest images it accepts, one hostile kind at a time.

Every kind is made at 8000x6250 (50 megapixels, the most read_image accepts; two
animations also at 16, and JPEGs as phones write them at 200, which read_image decodes at a
quarter of their size) with a digit-like bar on it, in a temporary directory; then a fresh process runs
`predict.py --json FILE` on it and reports its peak resident memory (VmHWM from
Linux's /proc, which unlike ru_maxrss starts afresh in each process) and how long it
took. The first line is the same process on a small drawing, for the baseline.

    python benchmarks/read_memory.py
    python benchmarks/read_memory.py --project /tmp/old-checkout   # compare another version
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, PngImagePlugin

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 8000, 6250

CHILD = """
import json, re, runpy, sys
from pathlib import Path
project, image = sys.argv[1:]
sys.path.insert(0, project)
sys.argv = [str(Path(project) / "predict.py"), "--json", image]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit:
    pass
except Exception as error:  # an older version may crash outright: that is a result too
    print(json.dumps({"digit": None, "error": f"crashed with {type(error).__name__}"}))
sys.stdout.flush()
print(re.search(r"VmHWM:\\s*(\\d+) kB", Path("/proc/self/status").read_text()).group(1), file=sys.stderr)
"""


def bar(shape: tuple[int, ...], paper, ink, dtype) -> np.ndarray:
    """Paper with a tall bar of ink in the middle: a 1 that fills most of the picture."""
    values = np.full(shape, paper, dtype)
    height, width = shape[:2]
    values[height // 6:height * 5 // 6, width * 19 // 40:width * 22 // 40] = ink
    return values


def make_images(folder: Path) -> dict[str, Path]:
    """One file per kind; each made and dropped before the next, to keep this process small."""
    made = {}

    def save(name: str, image: Image.Image, file_name: str, **options) -> None:
        made[name] = folder / file_name
        image.save(made[name], **options)

    save("8-bit gray PNG", Image.fromarray(bar((HEIGHT, WIDTH), 255, 0, np.uint8)), "gray.png")
    save("RGB PNG", Image.fromarray(bar((HEIGHT, WIDTH, 3), 255, 0, np.uint8)), "rgb.png")
    save("RGBA PNG", Image.fromarray(bar((HEIGHT, WIDTH, 4), 0, 255, np.uint8)), "rgba.png")
    save("palette PNG", Image.fromarray(bar((HEIGHT, WIDTH), 255, 0, np.uint8)).convert("P"), "palette.png")
    save("1-bit PNG", Image.fromarray(bar((HEIGHT, WIDTH), 255, 0, np.uint8)).convert("1"), "bilevel.png")
    save("16-bit gray PNG", Image.fromarray(bar((HEIGHT, WIDTH), 65535, 0, np.uint16)), "deep.png")
    save("JPEG", Image.fromarray(bar((HEIGHT, WIDTH, 3), 255, 0, np.uint8)), "photo.jpg", quality=90)
    save("200 MP phone JPEG", Image.fromarray(bar((12240, 16320, 3), 255, 0, np.uint8)),
         "phone.jpg", quality=90)
    save("64 MP progressive JPEG", Image.fromarray(bar((6936, 9248, 3), 255, 0, np.uint8)), "progressive.jpg",
         quality=90, progressive=True)
    floats = bar((HEIGHT, WIDTH), 1.0, 0.0, np.float32)
    floats[:HEIGHT // 10] = np.nan
    save("float TIFF, 0-1, NaN band", Image.fromarray(floats), "float.tif", compression="tiff_adobe_deflate")
    del floats
    save("32-bit integer TIFF", Image.fromarray(bar((HEIGHT, WIDTH), 65535, 0, np.int32)), "int.tif",
         compression="tiff_adobe_deflate")
    blank = Image.new("L", (WIDTH, HEIGHT), 255)
    drawn = Image.fromarray(bar((HEIGHT, WIDTH), 255, 0, np.uint8))
    save("GIF, blank first frame", blank, "animated.gif", save_all=True, append_images=[drawn])
    save("TIFF, blank first page", blank, "pages.tif", save_all=True, compression="tiff_adobe_deflate",
         append_images=[drawn])
    searched = (4000, 4000)  # within images.MAX_ANIMATION_PIXELS, so its later frames are looked at
    save("16 MP GIF, blank first frame", blank.resize(searched), "animated_16mp.gif", save_all=True,
         append_images=[drawn.resize(searched)])
    save("16 MP TIFF, blank first page", blank.resize(searched), "pages_16mp.tif", save_all=True,
         compression="tiff_adobe_deflate", append_images=[drawn.resize(searched)])
    metadata = PngImagePlugin.PngInfo()
    metadata.add_text("comment", "a" * 3_000_000, zip=True)
    save("PNG with a 3 MB zTXt chunk", Image.new("L", (400, 400), 255), "text_bomb.png", pnginfo=metadata)
    return made


def measure(project: Path, image: Path) -> tuple[int, float, str]:
    """(peak MB, seconds, what predict.py said) for one process reading ``image``."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD, str(project), str(image)],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    try:
        record = json.loads(result.stdout.splitlines()[-1])
        answer = f"digit {record['digit']}" if record.get("digit") is not None else f"error: {record['error']}"
    except (IndexError, ValueError):
        answer = "no answer"
    return peak_kb // 1024, seconds, answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT,
                        help="the checkout whose predict.py to measure (default: this one)")
    args = parser.parse_args()
    if not Path("/proc/self/status").exists():
        sys.exit("needs Linux's /proc to read peak memory")

    print(f"{'input':<30} {'peak':>7} {'time':>7}  answer")
    baseline = measure(args.project, ROOT / "sample_digit" / "7_thin.png")
    print(f"{'400x400 drawing (baseline)':<30} {baseline[0]:>4} MB {baseline[1]:>5.2f} s  {baseline[2]}")
    with tempfile.TemporaryDirectory() as folder:
        for name, path in make_images(Path(folder)).items():
            peak_mb, seconds, answer = measure(args.project, path)
            size = path.stat().st_size
            print(f"{name:<30} {peak_mb:>4} MB {seconds:>5.2f} s  {answer}   ({size / 1e6:.2f} MB file)")


if __name__ == "__main__":
    main()
