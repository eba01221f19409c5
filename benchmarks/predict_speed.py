"""How long reading one drawing takes: preprocessing, inference, and predict.py as a whole.

Times are per image over canvas-style drawings (400x400 and other canvases, see
canvas_drawings.py), median and 95th percentile, plus the whole `python predict.py
one.png` process from start to exit. Preprocessing is timed as the app and predict.py
do it (preprocess.to_mnist_candidates: printed lines, boxes and answer lines looked for too).

    python benchmarks/predict_speed.py
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from canvas_drawings import drawings  # noqa: E402

from draw_app.predictor import Predictor  # noqa: E402
from draw_app.preprocess import to_mnist_candidates  # noqa: E402


def percentiles(seconds: list[float]) -> str:
    milliseconds = np.array(seconds) * 1000
    return f"median {np.median(milliseconds):7.3f} ms   95th percentile {np.percentile(milliseconds, 95):7.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "data" / "mnist_slice.npz",
                        help="mnist.npz to draw test digits from (default: the tests' 1,000 test digits)")
    parser.add_argument("--count", type=int, default=1000, help="drawings to time (default: 1000)")
    parser.add_argument("--runs", type=int, default=10, help="runs of the whole CLI process (default: 10)")
    args = parser.parse_args()

    with np.load(args.data) as data:
        digits = data["x_test"][:args.count]
    images = [image for image, _ in drawings(digits, seed=1)]
    square = [image for image in images if image.shape[:2] == (400, 400)]

    started = time.perf_counter()
    predictor = Predictor()
    load_seconds = time.perf_counter() - started

    preprocess_times, inference_times = [], []
    for image in images:
        started = time.perf_counter()
        model_input = to_mnist_candidates(image)[0]
        preprocess_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        predictor.probabilities(model_input)
        inference_times.append(time.perf_counter() - started)
    square_times = []
    for image in square:
        started = time.perf_counter()
        to_mnist_candidates(image)
        square_times.append(time.perf_counter() - started)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seven.png"
        Image.open(ROOT / "sample_digit" / "7_thin.png").save(path)
        process_times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "predict.py"), str(path)], check=True, capture_output=True)
            process_times.append(time.perf_counter() - started)
        many = Path(folder) / "many"
        many.mkdir()
        for index, image in enumerate(images[:500]):
            Image.fromarray(image).save(many / f"{index:04d}.png")
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "predict.py"), "--json", str(many)], capture_output=True)
        per_file = (time.perf_counter() - started) / min(len(images), 500)

    print(f"{len(images)} canvas-style drawings ({len(square)} of them 400x400), model loaded in "
          f"{load_seconds * 1000:.1f} ms")
    print(f"  preprocessing, all canvases   {percentiles(preprocess_times)}")
    print(f"  preprocessing, 400x400        {percentiles(square_times)}")
    print(f"  inference (LiteRT)            {percentiles(inference_times)}")
    print(f"  python predict.py one.png     median {statistics.median(process_times):.3f} s over {args.runs} runs")
    print(f"  python predict.py 500 files   {per_file * 1000:.1f} ms per file, including start-up")


if __name__ == "__main__":
    main()
