"""Re-export a trained Keras model as the LiteRT model the app runs, without retraining.

    python training/export.py sample_model/cnn.h5

writes ``cnn.tflite`` beside the ``.h5`` (atomically) and checks that both read the same
digits. training/cnn.py does the same at the end of every run; this is for when only
the export changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from draw_app.export import tflite_bytes  # noqa: E402
from draw_app.files import write_atomically  # noqa: E402
from draw_app.network import Network  # noqa: E402
from draw_app.quiet import import_tensorflow, native_output_silenced  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the .tflite twin of a trained Keras digit model.")
    parser.add_argument("model", type=Path, help="the trained .h5 or .keras file")
    args = parser.parse_args(argv)
    keras = import_tensorflow().keras
    try:
        with native_output_silenced():
            model = keras.models.load_model(args.model, compile=False)
    except Exception as error:
        print(f"error: {args.model}: not a loadable Keras model ({error})", file=sys.stderr)
        return 1
    target = args.model.with_suffix(".tflite")
    write_atomically(target, lambda path: path.write_bytes(tflite_bytes(model)))
    probe = np.random.default_rng(0).random((20, 28, 28, 1), dtype=np.float32)
    lite = Network(target)
    difference = max(float(np.abs(lite.run(image)["probabilities"] - model(image[None])[0]).max()) for image in probe)
    print(f"wrote {target} with outputs {', '.join(lite.outputs)}; largest difference from "
          f"{args.model.name}: {difference:.1e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
