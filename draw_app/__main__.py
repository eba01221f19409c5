"""Start the drawing app: python -m draw_app, the draw-app command, or the executable.

    python -m draw_app [--model FILE] [--log-level LEVEL]
    python -m draw_app --self-test
    python -m draw_app --version
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from draw_app import __version__

if TYPE_CHECKING:  # imported when needed: --version and --help answer at once
    from draw_app.predictor import Predictor

NO_DISPLAY = "no display found: run it on a desktop, or under xvfb-run"


def program_name() -> str:
    """The name the program was started by, for its usage line and --version: draw-app, or the
    executable's name; draw_app for ``python -m draw_app`` (whose argv[0] is __main__.py)."""
    name = Path(sys.argv[0]).stem
    return "draw_app" if name in ("__main__", "") else name


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=program_name(), description="Draw a digit and watch a CNN read it.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--model", type=Path, default=None, metavar="FILE",
                        help="model file: .tflite, or .h5/.keras (slower start; needs TensorFlow); "
                             "default: the shipped sample_model/cnn.tflite")
    parser.add_argument("--log-level", default="WARNING", type=str.upper,
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                        help="what to log on stderr; INFO logs every new prediction (default: WARNING)")
    parser.add_argument("--self-test", action="store_true",
                        help="open no window: read every bundled sample digit and report; exit 0 if all are right")
    return parser.parse_args(argv)


def self_test(model: Path | None) -> int:
    """Prove the model and the bundled data files are in place and read digits right."""
    from draw_app.images import ImageError, is_image_name
    from draw_app.predictor import ModelError, Predictor
    from draw_app.resources import sample_digits_folder

    started = time.perf_counter()
    try:
        predictor = Predictor(model)
    except ModelError as error:
        print(f"self-test failed: {error}")
        return 1
    samples = sorted(path for path in sample_digits_folder().glob("*") if is_image_name(path))
    if not samples:
        print(f"self-test failed: no sample drawings in {sample_digits_folder()}")
        return 1
    right, layers = 0, {}
    for path in samples:
        expected = int(path.name[0])
        try:
            prediction = predictor.predict_file(path)
        except (ImageError, ModelError) as error:
            print(f"WRONG {path.name}: {error}")
            continue
        layers = prediction.layers or layers
        if prediction.digit == expected:
            right += 1
            print(f"ok    {path.name}: {prediction.digit} ({prediction.confidence:.1%})")
        else:
            print(f"WRONG {path.name}: read {prediction.digit} ({prediction.confidence:.1%}), expected {expected}")
    seconds = time.perf_counter() - started
    if layers:  # what Inside the network shows, from the same LiteRT run (a model of one's own may have none)
        print("self-test: layers for Inside the network: "
              + ", ".join(f"{name} {'x'.join(map(str, values.shape))}" for name, values in layers.items()))
    print(f"self-test: {right}/{len(samples)} sample digits read correctly with "
          f"{predictor.model_path.name} in {seconds:.2f} s")
    return 0 if right == len(samples) else 1


def run_app(model: Path | None) -> int:
    import tkinter as tk

    from draw_app.app import DigitApp

    def load_predictor() -> Predictor:
        from draw_app.examples import default_examples_folder
        from draw_app.predictor import Predictor

        return Predictor(model, examples=default_examples_folder())

    try:
        root = tk.Tk()
    except tk.TclError as error:  # no $DISPLAY, one that cannot be reached, or a broken Tk
        print(NO_DISPLAY if "display" in str(error) else f"cannot open a window: {error}", file=sys.stderr)
        return 1
    DigitApp(root, load_predictor)
    root.wait_visibility(root)
    logging.getLogger("draw_app").info("window shown")
    root.mainloop()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level, format="%(message)s")
    if args.self_test:
        return self_test(args.model)
    return run_app(args.model)


if __name__ == "__main__":
    sys.exit(main())
