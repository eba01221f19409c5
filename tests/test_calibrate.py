"""training/calibrate.py: a trained model's calibration fitted again, nothing else touched."""

import json
import shutil

import numpy as np
from conftest import ROOT, SLICE, run_python

FITTED = ("calibration", "validation", "test_accuracy", "test_accuracy_one_view", "confusion_matrix")


def calibrate(*args):
    return run_python(ROOT / "training" / "calibrate.py", *args)


def test_the_same_model_gets_the_calibration_its_run_fitted_and_keeps_its_files(trained, tmp_path):
    """A report whose calibration was spoiled gets back what training fitted on the same split."""
    assert trained[0][0].returncode == 0, trained[0][0].stderr
    run = trained[0][1]
    shutil.copytree(run, tmp_path / "model")
    model = tmp_path / "model"
    original = json.loads((run / "cnn.json").read_text())
    spoiled = {**original, "calibration": {"temperature": 9.0}, "validation": {}, "test_accuracy": 0.1}
    (model / "cnn.json").write_text(json.dumps(spoiled))

    result = calibrate("--data", SLICE, "--model-dir", model)

    assert result.returncode == 0, result.stderr
    report = json.loads((model / "cnn.json").read_text())
    for name in FITTED:
        assert report[name] == original[name], name
    assert report["recipe"] == original["recipe"] and "calibrate.py" in report["recalibrated"]
    for name in ("cnn.h5", "cnn.tflite"):
        assert (model / name).read_bytes() == (run / name).read_bytes()
    assert sorted(path.name for path in model.iterdir()) == ["cnn.h5", "cnn.json", "cnn.tflite"]


def test_another_data_file_is_refused_in_one_line_and_the_report_kept(trained, tmp_path):
    run = trained[0][1]
    shutil.copytree(run, tmp_path / "model")
    with np.load(SLICE) as data:
        arrays = dict(data)
    arrays["x_test"] = arrays["x_test"][::-1].copy()
    np.savez(tmp_path / "other.npz", **arrays)
    before = (tmp_path / "model" / "cnn.json").read_bytes()

    result = calibrate("--data", tmp_path / "other.npz", "--model-dir", tmp_path / "model")

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'other.npz'} is not the data file this model was trained on (its sha256 differs)"]
    assert (tmp_path / "model" / "cnn.json").read_bytes() == before


def test_a_folder_without_a_training_report_gets_a_one_line_error(tmp_path):
    (tmp_path / "cnn.json").write_text('{"test_accuracy": 0.99, "seed": "1", "training_images": true}')
    result = calibrate("--data", SLICE, "--model-dir", tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [(
        f"error: {tmp_path / 'cnn.json'}: not a report of training/cnn.py: it needs seed (a whole number), "
        "training_images (a whole number >= 0), validation_images (a whole number >= 1), data_sha256 (a string)")]
    result = calibrate("--data", SLICE, "--model-dir", tmp_path / "missing")
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "cannot be read as a model report" in result.stderr


def test_a_model_trained_with_examples_or_a_broken_h5_gets_a_one_line_error(trained, tmp_path):
    shutil.copytree(trained[0][1], tmp_path / "model")
    model = tmp_path / "model"
    report = json.loads((model / "cnn.json").read_text())
    (model / "cnn.h5").write_bytes(b"not a model")
    result = calibrate("--data", SLICE, "--model-dir", model)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith(
        f"error: {model / 'cnn.h5'}: cannot be read as this project's Keras model")
    assert len([line for line in result.stderr.splitlines() if line.startswith(("error", "Traceback"))]) == 1

    report["recipe"]["extra"] = ["my_examples"]
    (model / "cnn.json").write_text(json.dumps(report))
    result = calibrate("--data", SLICE, "--model-dir", model)
    assert result.returncode == 1 and "trained with --extra examples" in result.stderr
    assert json.loads((model / "cnn.json").read_text()) == report
