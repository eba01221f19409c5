"""training/cnn.py end to end on a small committed slice of MNIST, and its errors."""

import json
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from conftest import ROOT, run_python

SLICE = ROOT / "tests" / "data" / "mnist_slice.npz"
CHATTER = ("cpu_feature_guard", "absl::InitializeLog", "oneDNN", "XNNPACK", "cuInit", "cudart")


def train(*args):
    return run_python(ROOT / "training" / "cnn.py", "--data", SLICE, *args)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """Two runs with the same seed, two epochs each on 600 images."""
    runs = []
    for name in ("first", "second"):
        output = tmp_path_factory.mktemp(name)
        runs.append((train("--epochs", "2", "--batch-size", "64", "--output", output), output))
    return runs


def test_training_writes_model_files_and_report(trained):
    result, output = trained[0]
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in output.iterdir()) == ["cnn.h5", "cnn.json", "cnn.tflite"]
    report = json.loads((output / "cnn.json").read_text())
    for key in ("test_accuracy", "test_loss", "per_digit_accuracy", "confusion_matrix", "epochs", "seed",
                "data_sha256", "training_seconds", "versions"):
        assert key in report
    assert report["epochs"] == 2 and report["training_images"] == 600
    assert np.array(report["confusion_matrix"]).sum() == 1000
    assert len(report["per_digit_accuracy"]) == 10
    assert "test accuracy" in result.stdout and "confusion matrix" in result.stdout


def test_loss_falls_and_the_model_learns_something(trained):
    report = json.loads((trained[0][1] / "cnn.json").read_text())
    assert report["loss_per_epoch"][1] < report["loss_per_epoch"][0]
    assert report["test_accuracy"] > 0.3


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
    (lambda path: path.write_text("hello"), "not a readable .npz"),
    (write_wrong_shape, "expected (N, 28, 28)"),
    (write_missing_key, "missing array"),
], ids=["missing", "truncated", "text", "wrong-shape", "missing-key"])
def test_bad_data_file_gets_a_one_line_error(tmp_path, make, reason):
    data = tmp_path / "mnist.npz"
    if make:
        make(data)
    result = run_python(ROOT / "training" / "cnn.py", "--data", data, "--output", tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
    assert str(data) in result.stderr and reason in result.stderr
    assert not (tmp_path / "out").exists()


def test_ctrl_c_stops_cleanly_and_leaves_no_model(tmp_path):
    output = tmp_path / "out"
    process = subprocess.Popen([sys.executable, str(ROOT / "training" / "cnn.py"), "--data", str(SLICE),
                                "--epochs", "50", "--output", str(output)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.monotonic() + 120
    for line in process.stdout:
        if line.startswith("Epoch 2/") or time.monotonic() > deadline:
            break
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.strip() == "training interrupted; no model files were changed"
    assert not output.exists() or not list(output.iterdir())


def test_shipped_model_report_meets_the_accuracy_bar():
    report = json.loads((ROOT / "sample_model" / "cnn.json").read_text())
    assert report["test_accuracy"] >= 0.994
    assert report["training_images"] == 60000
    assert report["tflite_agreement"]["same_digit_fraction"] == 1.0
    assert report["tflite_agreement"]["max_abs_probability_difference"] < 1e-4


def test_unwritable_output_fails_before_training(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a directory")
    result = run_python(ROOT / "training" / "cnn.py", "--data", SLICE, "--output", blocker / "models")
    assert result.returncode == 1
    assert "cannot write the model" in result.stderr and "Traceback" not in result.stderr
    assert "Epoch" not in result.stdout
