"""Fit a trained model's calibration again on its validation split, without training it again.

training/cnn.py ends a run by fitting the calibration the app reads (a temperature, a
bias for each digit, the unsure and no-digit thresholds) on the validation split its
seed held out, and by reading the test split with it. When that fitting changes, a
model need not be trained again for 20 minutes to get it: this script rebuilds the
same validation split from the model's cnn.json (its seed and size), fits the
calibration as training does, reads the test split once more with it and rewrites
cnn.json's calibration, validation and test figures. cnn.h5 and cnn.tflite are not
touched. The validation forms are drawn by today's code, so they may differ from the
ones the run itself was calibrated on if the drawing code changed since.

    python training/calibrate.py --data mnist.npz                   # the shipped model
    python training/calibrate.py --data mnist.npz --model-dir run/  # another model set
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from training import cnn  # noqa: E402


REPORT_FIELDS = {"seed": "a whole number", "training_images": "a whole number >= 0",
                 "validation_images": "a whole number >= 1", "data_sha256": "a string"}
"""What of a training run's cnn.json rebuilds its validation split and checks its data file."""


def report_problem(report: object) -> str | None:
    """Why ``report`` (a parsed cnn.json) cannot be recalibrated, or None."""
    if not isinstance(report, dict):
        return "not a report of training/cnn.py"
    whole = {name: isinstance(report.get(name), int) and not isinstance(report.get(name), bool)
             for name in ("seed", "training_images", "validation_images")}
    fine = {"seed": whole["seed"],
            "training_images": whole["training_images"] and report["training_images"] >= 0,
            "validation_images": whole["validation_images"] and report["validation_images"] >= 1,
            "data_sha256": isinstance(report.get("data_sha256"), str)}
    wrong = [f"{name} ({REPORT_FIELDS[name]})" for name, ok in fine.items() if not ok]
    if wrong:
        return f"not a report of training/cnn.py: it needs {', '.join(wrong)}"
    recipe = report.get("recipe", {})
    if not isinstance(recipe, dict):
        return "not a report of training/cnn.py: its recipe is not a table"
    if recipe.get("extra"):
        return "this model was trained with --extra examples, whose validation split cannot be rebuilt: train it again"
    return None


def recalibrated(report: dict, model_dir: Path, data: Path | None) -> dict:
    """``report`` (a checked cnn.json) with the calibration, validation and test figures fitted anew."""
    from draw_app.quiet import native_output_silenced

    (x_train, y_train), (x_test, y_test), data_file = cnn.load_mnist(data)
    try:
        data_sha256 = cnn.sha256(data_file)
    except OSError as error:
        raise cnn.DataError(f"{data_file}: cannot be read ({error.strerror or error})") from None
    if data_sha256 != report["data_sha256"]:
        raise cnn.DataError(f"{data_file} is not the data file this model was trained on (its sha256 differs)")
    used = report["training_images"] + report["validation_images"]
    x_train, y_train = x_train[:used], y_train[:used]
    _, (x_val, y_val) = cnn.split_validation(x_train, y_train, report["validation_images"], report["seed"])

    cnn.load_tensorflow()
    model_path = model_dir / "cnn.h5"
    try:
        with native_output_silenced():
            model = cnn.keras.models.load_model(model_path, compile=False)
        logits_reader = cnn.logits_model(model)
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise cnn.DataError(f"{model_path}: cannot be read as this project's Keras model ({error})") from None
    forms, no_digit = cnn.validation_set(x_val, y_val, report["seed"])
    calibration, validation = cnn.calibrate_on_validation(logits_reader, forms, no_digit, y_val)
    figures = cnn.read_test_split(logits_reader, x_test, y_test, calibration)
    cnn.print_summary(figures)
    return {**report, **figures, "calibration": calibration, "validation": validation,
            "recalibrated": f"{datetime.date.today().isoformat()} by training/calibrate.py"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="the mnist.npz the model was trained on (default: download with keras)")
    parser.add_argument("--model-dir", type=Path, default=cnn.SHIPPED_MODEL,
                        help="folder with cnn.h5 and cnn.json (default: sample_model/)")
    args = parser.parse_args(argv)
    from draw_app.files import write_atomically

    report_path = args.model_dir / "cnn.json"
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"error: {report_path}: cannot be read as a model report ({error})", file=sys.stderr)
        return 1
    problem = report_problem(report)
    if problem:
        print(f"error: {report_path}: {problem}", file=sys.stderr)
        return 1
    try:
        with cnn.only_run_into(args.model_dir):
            report = recalibrated(report, args.model_dir, args.data)
            try:
                write_atomically(report_path, lambda path: path.write_text(json.dumps(report, indent=2) + "\n"))
            except OSError as error:
                raise cnn.DataError(f"cannot write {report_path}: {error.strerror or error}") from None
    except cnn.DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\ninterrupted; {report_path} was not changed", file=sys.stderr)
        return 130
    print(f"wrote the new calibration and test figures to {report_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
