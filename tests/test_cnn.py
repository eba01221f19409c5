"""training/cnn.py end to end on a small committed slice of MNIST, and its errors."""

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from conftest import ROOT, SLICE, permission_bits_count, run_python, train

import draw_app

CHATTER = ("cpu_feature_guard", "absl::InitializeLog", "oneDNN", "XNNPACK", "cuInit", "cudart", "node_def_util")


def test_training_writes_model_files_and_report(trained):
    result, output = trained[0]
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in output.iterdir()) == ["cnn.h5", "cnn.json", "cnn.tflite"]
    report = json.loads((output / "cnn.json").read_text())
    for key in ("test_accuracy", "test_accuracy_one_view", "test_loss", "per_digit_accuracy", "confusion_matrix",
                "epochs", "seed", "data_sha256", "training_seconds", "versions", "calibration", "validation", "recipe"):
        assert key in report
    assert report["epochs"] == 3 and report["training_images"] == 480 and report["validation_images"] == 120
    assert report["recipe"]["one_distortion"] == 0.5 and report["recipe"]["weight_average"] == 0.9
    assert set(report["calibration"]) == {"temperature", "digit_bias", "unsure_below", "no_digit_below"}
    assert len(report["calibration"]["digit_bias"]) == 10 and abs(sum(report["calibration"]["digit_bias"])) < 1e-3
    assert 0 <= report["calibration"]["no_digit_below"] <= report["calibration"]["unsure_below"] <= 1
    assert set(report["validation"]["accuracy"]) == {"mnist", "round_pen", "styled"}
    assert np.array(report["confusion_matrix"]).sum() == 1000
    assert len(report["per_digit_accuracy"]) == 10
    assert "test accuracy" in result.stdout and "confusion matrix" in result.stdout


def test_loss_falls_and_the_model_learns_something(trained):
    report = json.loads((trained[0][1] / "cnn.json").read_text())
    assert report["loss_per_epoch"][1] < report["loss_per_epoch"][0]
    assert report["test_accuracy"] > 0.3
    assert report["no_digit_images"] == 48


def test_saved_h5_and_tflite_agree(trained):
    from draw_app.network import Network
    from draw_app.quiet import import_tensorflow

    output = trained[0][1]
    keras = import_tensorflow().keras
    model = keras.models.load_model(output / "cnn.h5", compile=False)
    assert len(model.layers) == 9
    with np.load(SLICE) as data:
        images = (data["x_test"][:200] / 255.0).astype(np.float32)[..., None]
    expected = model.predict(images, verbose=0)
    network = Network(output / "cnn.tflite")
    got = np.stack([network.run(image)["probabilities"] for image in images])
    assert (got.argmax(1) == expected.argmax(1)).all()
    assert np.abs(got - expected).max() < 1e-4


def test_the_calibration_is_measured_on_readings_made_as_the_app_makes_them(trained):
    """training's logits_of (what the temperature and thresholds are fit to) and the
    Predictor (what the app and predict.py answer) read the same way: over the drawing
    and its nearby views."""
    from draw_app.predictor import Predictor
    from training import cnn

    output = trained[0][1]
    cnn.load_tensorflow()
    logits_reader = cnn.logits_model(cnn.keras.models.load_model(output / "cnn.h5", compile=False))
    with np.load(SLICE) as data:
        images = data["x_test"][:50]
    predictor = Predictor(output / "cnn.tflite")
    temperature, bias = predictor.calibration.temperature, np.array(predictor.calibration.digit_bias)
    assert bias.any()  # fitted, so the comparison below checks that the app adds it
    expected = cnn.softmax(cnn.logits_of(logits_reader, images) + bias, temperature)
    got = np.stack([predictor.probabilities(image / 255.0) for image in images.astype(np.float32)])
    assert np.abs(got - expected).max() < 1e-4
    one_view = cnn.softmax(cnn.logits_of(logits_reader, images, views=False) + bias, temperature)
    assert np.abs(one_view - expected).max() > 1e-3  # the views do change the reading


def test_tflite_exposes_the_layers_the_app_shows(trained):
    from draw_app.network import Network

    network = Network(trained[0][1] / "cnn.tflite")
    outputs = network.run(np.zeros((28, 28), np.float32))
    assert {name: value.shape for name, value in outputs.items()} == {
        "probabilities": (10,), "logits": (10,), "conv1": (24, 24, 30), "conv2": (10, 10, 15),
        "dense128": (128,), "dense50": (50,)}
    assert {name: kernel.shape for name, kernel in network.filters().items()} == {
        "conv1": (30, 5, 5, 1), "conv2": (15, 3, 3, 30)}


def test_same_seed_gives_the_same_model(trained):
    (first, first_dir), (second, second_dir) = trained
    one = json.loads((first_dir / "cnn.json").read_text())
    two = json.loads((second_dir / "cnn.json").read_text())
    assert one["loss_per_epoch"] == two["loss_per_epoch"]
    assert one["confusion_matrix"] == two["confusion_matrix"]


def test_no_runtime_chatter_reaches_the_terminal(trained):
    result = trained[0][0]
    for noise in CHATTER:
        assert noise not in result.stdout + result.stderr


def write_truncated(path):
    path.write_bytes(SLICE.read_bytes()[:5000])


def write_wrong_shape(path):
    np.savez(path, x_train=np.zeros((10, 32, 32), np.uint8), y_train=np.zeros(10, np.uint8),
             x_test=np.zeros((10, 32, 32), np.uint8), y_test=np.zeros(10, np.uint8))


def write_missing_key(path):
    np.savez(path, x_train=np.zeros((10, 28, 28), np.uint8))


@pytest.mark.parametrize("make, reason", [
    (None, "no such file"),
    (write_truncated, "not a readable .npz"),
    (lambda path: path.write_text("hello"), "not an .npz file (keras's mnist.npz is a zip archive of four arrays)"),
    (lambda path: np.save(path.with_suffix(".npy"), np.zeros(3)) or path.with_suffix(".npy").rename(path),
     "not an .npz file"),
    (write_wrong_shape, "expected (N, 28, 28)"),
    (write_missing_key, "not an MNIST file: no y_train, x_test, y_test array in it"),
], ids=["missing", "truncated", "text", "one-array", "wrong-shape", "missing-key"])
def test_bad_data_file_gets_a_one_line_error_and_leaves_no_folder(tmp_path, make, reason):
    data = tmp_path / "mnist.npz"
    if make:
        make(data)
    result = run_python(ROOT / "training" / "cnn.py", "--data", data, "--output", tmp_path / "new" / "out")
    assert result.returncode == 1
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
    assert str(data) in result.stderr and reason in result.stderr
    assert not (tmp_path / "new").exists()  # made for the model, and nothing was saved


def test_an_output_folder_that_cannot_be_made_leaves_none_of_the_folders_above_it(tmp_path):
    result = run_python(ROOT / "training" / "cnn.py", "--data", SLICE, "--output", tmp_path / "new" / ("x" * 300))
    assert result.returncode == 1 and "cannot write the model to" in result.stderr
    assert not (tmp_path / "new").exists()


def test_a_failed_run_leaves_a_folder_that_was_there_before(tmp_path):
    (tmp_path / "out").mkdir()
    result = run_python(ROOT / "training" / "cnn.py", "--data", tmp_path / "none.npz", "--output", tmp_path / "out")
    assert result.returncode == 1 and (tmp_path / "out").is_dir()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_leaves_the_previous_model_and_no_temporary_files(tmp_path, stop):
    output = tmp_path / "out"
    output.mkdir()
    (output / "cnn.json").write_text("the previous model's report")
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    process = subprocess.Popen([sys.executable, str(ROOT / "training" / "cnn.py"), "--data", str(SLICE),
                                "--epochs", "50", "--output", str(output)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=buffered)
    deadline = time.monotonic() + 120
    for line in process.stdout:
        if line.startswith("Epoch 2/") or time.monotonic() > deadline:
            break
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr[-2000:]
    assert stderr.strip() == "training interrupted; no model files were changed"
    assert [path.name for path in output.iterdir()] == ["cnn.json"]
    assert (output / "cnn.json").read_text() == "the previous model's report"


def test_a_second_run_into_the_same_folder_stops_at_once(tmp_path):
    from training.cnn import only_run_into

    with only_run_into(tmp_path):
        result = train("--epochs", "20", "--output", tmp_path)
    assert result.returncode == 1
    assert "another training run is writing there" in result.stderr and "Epoch" not in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_help_and_version_answer_without_tensorflow(tmp_path):
    broken = tmp_path / "tensorflow"
    broken.mkdir()
    (broken / "__init__.py").write_text("raise ImportError('TensorFlow must not be imported for --help')")
    environment = {**os.environ, "PYTHONPATH": str(tmp_path)}
    help_result = run_python(ROOT / "training" / "cnn.py", "--help", env=environment)
    version_result = run_python(ROOT / "training" / "cnn.py", "--version", env=environment)
    assert help_result.returncode == 0 and "--output" in help_result.stdout
    assert version_result.returncode == 0 and version_result.stdout.split()[-1] == draw_app.__version__


def test_training_without_tensorflow_says_what_to_install(tmp_path):
    missing = tmp_path / "tensorflow"
    missing.mkdir()
    (missing / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'tensorflow'\", name='tensorflow')")
    environment = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = run_python(ROOT / "training" / "cnn.py", "--data", SLICE, "--output", tmp_path / "out", env=environment)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == ("error: TensorFlow is not installed: it comes with the project's train extra "
                             '(pip install -e ".[train]" in the project\'s folder)\n')
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("flags, message", [
    (["--limit", "3000"], "would replace the shipped model"),
    (["--epochs", "3"], "would replace the shipped model"),
    (["--learning-rate", "nan"], "--learning-rate must be"),
    (["--learning-rate", "-0.1"], "--learning-rate must be"),
    (["--seed", "-1"], "--seed must be between"),
    (["--seed", str(2**32)], "--seed must be between"),
    (["--restroke-fraction", "0.7", "--style-fraction", "0.7", "--output", "elsewhere"], "add up to at most 1"),
    (["--one-distortion", "1.5", "--output", "elsewhere"], "--one-distortion must be between 0 and 1"),
    (["--weight-average", "1", "--output", "elsewhere"], "--weight-average must be 0 or more and below 1"),
])
def test_bad_flags_are_refused_before_anything_starts(flags, message):
    shipped = {path.name: path.stat().st_mtime_ns for path in (ROOT / "sample_model").iterdir()}
    result = train(*flags)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert {path.name: path.stat().st_mtime_ns for path in (ROOT / "sample_model").iterdir()} == shipped


def write_slice_with(path, **changes):
    with np.load(SLICE) as data:
        arrays = {key: data[key] for key in data.files}
    for key, change in changes.items():
        arrays[key] = change(arrays[key])
    np.savez(path, **arrays)


def with_nan_pixel(images):
    images = images.astype(np.float32)
    images[0, 0, 0] = np.nan
    return images


@pytest.mark.parametrize("change, reason", [
    ({"x_train": with_nan_pixel}, "x_train holds NaN or infinite pixels"),
    ({"x_test": lambda images: images.astype(np.float32) * 2}, "x_test has pixels from 0 to 510"),
    ({"y_train": lambda labels: labels.astype(str)}, "y_train holds <U"),
    ({"y_train": lambda labels: np.where(np.arange(len(labels)) == 3, np.nan, labels)}, "not whole numbers"),
    ({"y_test": lambda labels: labels + 1}, "labels outside 0-9"),
], ids=["nan-pixels", "pixel-range", "string-labels", "nan-labels", "label-range"])
def test_data_that_is_not_mnist_like_is_refused_in_one_line(tmp_path, change, reason):
    data = tmp_path / "odd.npz"
    write_slice_with(data, **change)
    result = run_python(ROOT / "training" / "cnn.py", "--data", data, "--output", tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert str(data) in result.stderr and reason in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_pixels_scaled_0_to_1_are_used_as_0_to_255():
    from training.cnn import checked_pixels

    scaled = checked_pixels(np.array([[0.0, 0.5, 1.0]], np.float32), "x")
    assert scaled.dtype == np.uint8 and scaled.tolist() == [[0, 128, 255]]


def test_the_calibration_moves_the_line_a_network_leans_across():
    """A network that under-reads 1s (every 1's logit a point too low) is given it back by
    the bias, with no 1 lost and more read right; an even-handed one gets almost none."""
    from training.cnn import fit_calibration

    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, 4000)
    fair = 3.0 * np.eye(10)[labels] + rng.normal(0, 1.0, (4000, 10))
    leaning = fair - np.eye(10)[1]
    temperature, bias = fit_calibration(leaning, labels)
    assert temperature > 0 and abs(bias.sum()) < 1e-9
    assert 0.8 < bias[1] - np.delete(bias, 1).mean() < 1.2
    right_before = (leaning.argmax(1) == labels).mean()
    assert ((leaning + bias).argmax(1) == labels).mean() > right_before + 0.01
    assert np.abs(fit_calibration(fair, labels)[1]).max() < 0.15


def test_a_weak_models_answers_under_even_odds_are_never_sure():
    """A quick run's model, right two times in three, set its line at 18 % and gave 26 % as sure."""
    from training.cnn import calibrate

    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, 2000)
    weak = 0.8 * np.eye(10)[labels] + rng.normal(0, 1.0, (2000, 10))
    calibration, _ = calibrate({"mnist": weak}, labels, rng.normal(0, 1.0, (100, 10)), 0.02, 0.001)
    assert calibration["unsure_below"] == 0.5 and calibration["no_digit_below"] < 0.5


def test_a_failed_model_never_replaces_a_good_one(tmp_path):
    from training.cnn import refuse_to_replace

    assert "training failed" in refuse_to_replace(tmp_path, float("nan"), "sha")
    assert "training failed" in refuse_to_replace(tmp_path, 0.15, "sha")
    assert refuse_to_replace(tmp_path, 0.6, "sha") is None  # nothing there yet
    (tmp_path / "cnn.json").write_text(json.dumps({"test_accuracy": 0.99, "data_sha256": "sha"}))
    assert "far below" in refuse_to_replace(tmp_path, 0.6, "sha")
    assert refuse_to_replace(tmp_path, 0.6, "other data") is None
    assert refuse_to_replace(tmp_path, 0.985, "sha") is None


def test_existing_unwritable_output_is_found_before_training(tmp_path):
    output = tmp_path / "read-only"
    output.mkdir()
    output.chmod(0o555)
    try:
        result = run_python(ROOT / "training" / "cnn.py", "--data", SLICE, "--output", output,
                            preexec_fn=permission_bits_count())
    finally:
        output.chmod(0o755)
    assert result.returncode == 1
    assert f"cannot write the model to {output}" in result.stderr and "Traceback" not in result.stderr
    assert "Epoch" not in result.stdout and list(output.iterdir()) == []


def test_shipped_model_report_meets_the_accuracy_bar():
    report = json.loads((ROOT / "sample_model" / "cnn.json").read_text())
    assert report["test_accuracy"] >= 0.995
    assert report["training_images"] == 55000 and report["validation_images"] == 5000
    assert report["calibration"]["temperature"] > 0 and len(report["calibration"]["digit_bias"]) == 10
    assert report["tflite_agreement"]["same_digit_fraction"] == 1.0
    assert report["tflite_agreement"]["max_abs_probability_difference"] < 1e-4


def test_unwritable_output_fails_before_training(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a directory")
    result = run_python(ROOT / "training" / "cnn.py", "--data", SLICE, "--output", blocker / "models")
    assert result.returncode == 1
    assert "cannot write the model" in result.stderr and "Traceback" not in result.stderr
    assert "Epoch" not in result.stdout


def test_only_1s_are_turned_and_sheared_less_and_by_default_nothing_changes():
    """--one-distortion touches the 1s alone, and its default leaves every distortion as it was."""
    from training import cnn

    cnn.load_tensorflow()
    tf, distort = cnn.tf, cnn.distort
    with np.load(SLICE) as data:
        images = tf.constant(cnn.to_model_input(data["x_train"][:3]))
    labels, seed = tf.constant([1, 7, -1], tf.int64), tf.constant(5, tf.int64)
    before = distort(images, seed, labels).numpy()
    np.testing.assert_array_equal(distort(images, seed, labels, 1.0).numpy(), before)
    still = distort(images, seed, labels, 0.0).numpy()
    np.testing.assert_array_equal(still[1:], before[1:])
    assert np.abs(still[0] - before[0]).max() > 0.1


def test_with_weight_average_the_model_ends_with_the_average_of_its_weights():
    """A momentum near 1 keeps the average where the first step put it (Keras starts the
    average there): one Adam step of 0.01 moves no weight further than that, four do."""
    from training import cnn

    cnn.load_tensorflow()
    keras = cnn.keras
    images = np.random.default_rng(0).random((64, 28, 28, 1), dtype=np.float32)
    targets = keras.utils.to_categorical(np.arange(64) % 10, 10)
    for weight_average, one_step_or_less in ((0.0, False), (0.999999, True)):
        keras.utils.set_random_seed(3)
        model = cnn.build_model()
        start = [weights.copy() for weights in model.get_weights()]
        cnn.compile_model(model, learning_rate=0.01, total_steps=4, weight_average=weight_average)
        model.fit(images, targets, batch_size=16, epochs=1, verbose=0)
        largest_change = max(np.abs(after - before).max() for after, before in zip(model.get_weights(), start))
        assert (largest_change <= 0.0101) == one_step_or_less, (weight_average, largest_change)
