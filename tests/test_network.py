"""Loading someone else's model: quantized and logit models read digits, broken ones are refused in one line."""

import os

import numpy as np
import pytest
from conftest import ROOT, run_python
from hostile_models import KINDS, mnist_slice, write_model

from draw_app.images import read_image
from draw_app.network import LAYER_OUTPUTS, ModelError, Network, evidence_of
from draw_app.predictor import Predictor
from draw_app.resources import default_model_path

SEVEN = ROOT / "sample_digit" / "7_thin.png"


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    folder = tmp_path_factory.mktemp("models")
    return {kind: write_model(kind, folder) for kind in KINDS}


@pytest.fixture(scope="module")
def digits():
    """200 MNIST test digits as the network takes them."""
    return mnist_slice()["x_test"][:200] / 255.0


def probabilities_of(network, images):
    return np.array([network.run(image)["probabilities"] for image in images])


def test_shipped_model_gives_its_probabilities_as_they_are(digits):
    network = Network(default_model_path())
    assert not network.reads_logits and network.notes == ()
    assert {*LAYER_OUTPUTS, "probabilities", "logits"} <= set(network.outputs)
    outputs = network.run(digits[0])
    probabilities = outputs["probabilities"]
    assert probabilities.shape == (10,) and probabilities.min() >= 0
    assert probabilities.sum() == pytest.approx(1, abs=1e-5)
    exponentials = np.exp(outputs["logits"] - outputs["logits"].max())
    np.testing.assert_allclose(probabilities, exponentials / exponentials.sum(), atol=1e-5)


@pytest.mark.parametrize("kind", ["shipped", "float", "int8", "logits"])
def test_evidence_for_nearby_views_is_the_logits_a_whole_run_gives(models, digits, kind):
    """Reading a view copies out its logits alone; the reading must be the one all outputs give."""
    network = Network(default_model_path() if kind == "shipped" else models[kind])
    for image in digits[:20]:
        evidence = network.evidence(image)
        assert evidence.dtype == np.float64 and evidence.shape == (10,)
        np.testing.assert_allclose(evidence, evidence_of(network.run(image)), atol=1e-5)


@pytest.mark.parametrize("kind", ["int8", "uint8"])
def test_full_integer_quantized_model_reads_like_its_float_original(models, digits, kind):
    reference = probabilities_of(Network(models["float"]), digits)
    network = Network(models[kind])
    probabilities = probabilities_of(network, digits)
    assert network.notes == ()
    np.testing.assert_allclose(probabilities.sum(axis=1), 1, atol=1e-5)
    assert np.abs(probabilities - reference).max() < 0.05  # a few quantization steps of 1/256
    assert np.mean(probabilities.argmax(axis=1) == reference.argmax(axis=1)) >= 0.97


def test_predictor_reads_a_drawing_with_a_quantized_model(models):
    """What the window and the self-test do on every stroke: no error, ten probabilities."""
    prediction = Predictor(models["int8"]).predict(read_image(SEVEN))
    assert prediction is not None and 0 <= prediction.digit <= 9
    assert sum(prediction.probabilities) == pytest.approx(1, abs=1e-5)


def test_logits_are_turned_into_probabilities_and_the_user_is_told(models, digits):
    network = Network(models["logits"])
    assert network.reads_logits and "logits" in network.outputs
    assert len(network.notes) == 1 and "not probabilities" in network.notes[0] and "softmax" in network.notes[0]
    np.testing.assert_allclose(probabilities_of(network, digits),
                               probabilities_of(Network(models["float"]), digits), atol=1e-5)
    prediction = Predictor(models["logits"]).predict(read_image(SEVEN))
    assert sum(prediction.probabilities) == pytest.approx(1, abs=1e-5)


def test_model_giving_nan_is_refused_when_it_loads(models):
    with pytest.raises(ModelError, match="NaN") as error:
        Network(models["nan"])
    assert "\n" not in str(error.value)


def test_model_going_nan_on_one_image_raises_model_error_not_nan_probabilities(models, digits, monkeypatch):
    network = Network(models["float"])
    monkeypatch.setattr(network, "_raw_run", lambda image: {"probabilities": np.full(10, np.nan, np.float32)})
    with pytest.raises(ModelError, match="not numbers"):
        network.run(digits[0])


def test_model_for_other_images_is_refused_with_its_shapes(models):
    with pytest.raises(ModelError) as error:
        Network(models["wide"])
    assert "expects input (1, 32, 32, 1) and gives (1, 10), not a 28x28 digit model" in str(error.value)


def _symlink_to_itself(path):
    os.symlink(path.name, path)


def _symlink_to_device(path):
    os.symlink(os.devnull, path)


@pytest.mark.parametrize("name, make, reason", [
    ("missing.tflite", lambda path: None, "not found"),
    ("folder.tflite", lambda path: path.mkdir(), "is a directory"),
    ("empty.tflite", lambda path: path.write_bytes(b""), "empty file"),
    ("pipe.tflite", os.mkfifo, "is a pipe"),
    ("device.tflite", _symlink_to_device, "is a device"),
    ("loop.tflite", _symlink_to_itself, "symbolic link loop"),
    ("text.tflite", lambda path: path.write_text("not a model\n"), "not a valid LiteRT model"),
    ("half.tflite", lambda path: path.write_bytes(default_model_path().read_bytes()[:3000]),
     "not a valid LiteRT model"),
    ("model.onnx", lambda path: path.write_bytes(b"onnx"), "unknown model type"),
])
def test_unusable_model_files_are_refused_in_one_line(tmp_path, name, make, reason):
    path = tmp_path / name
    make(path)
    with pytest.raises(ModelError, match=reason) as error:
        Network(path)
    message = str(error.value)
    assert str(path) in message and "\n" not in message
    assert "model_path" not in message and "np." not in message


def test_self_test_with_a_quantized_model_reads_every_sample_without_a_traceback(models):
    result = run_python("-m", "draw_app", "--self-test", "--model", models["uint8"])
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("self-test: ")
    assert "read correctly with uint8.tflite" in result.stdout
