"""predict.py with the user's examples: the app's folder by default, --examples DIR, --no-examples."""

import json
import os

import pytest
from PIL import Image, ImageDraw
from conftest import ROOT, run_python

from draw_app.examples import DATA_FOLDER_VARIABLE
from draw_app.images import read_image
from draw_app.predictor import Predictor
from draw_app.preprocess import to_mnist

FLAGGED_ONE = ROOT / "sample_digit" / "1_thick.png"
SEVEN = ROOT / "sample_digit" / "7_thin.png"


def teach(folder, path, digit):
    Predictor(examples=folder).examples.learn(to_mnist(read_image(path)), digit)


@pytest.fixture
def data(tmp_path):
    """A data folder of this test's own, as the app would make it."""
    return tmp_path / "data"


def predict(data, *args):
    return run_python(ROOT / "predict.py", *args, env={**os.environ, DATA_FOLDER_VARIABLE: str(data)})


def records(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_apps_examples_are_read_with_by_default(data):
    teach(data / "examples", FLAGGED_ONE, 7)
    result = predict(data, "--json", FLAGGED_ONE, SEVEN)
    assert result.returncode == 0 and result.stderr == ""
    taught, untouched = records(result)
    assert (taught["digit"], taught["from_examples"]) == (7, True)
    assert (untouched["digit"], untouched["from_examples"]) == (7, False)


def test_no_examples_reads_with_the_bare_model(data):
    teach(data / "examples", FLAGGED_ONE, 7)
    [record] = records(predict(data, "--json", "--no-examples", FLAGGED_ONE))
    assert (record["digit"], record["from_examples"]) == (1, False)


def test_without_an_examples_folder_the_bare_model_reads_and_nothing_is_created(data):
    result = predict(data, "--json", FLAGGED_ONE)
    [record] = records(result)
    assert (record["digit"], record["from_examples"]) == (1, False) and result.stderr == ""
    assert not data.exists()


def test_examples_dir_reads_with_that_folder_instead_of_the_apps(data, tmp_path):
    teach(data / "examples", FLAGGED_ONE, 7)
    teach(tmp_path / "fours", FLAGGED_ONE, 4)
    [record] = records(predict(data, "--json", "--examples", tmp_path / "fours", FLAGGED_ONE))
    assert (record["digit"], record["from_examples"]) == (4, True)


def test_text_output_says_when_the_examples_decided(data):
    teach(data / "examples", FLAGGED_ONE, 7)
    result = predict(data, "--top", "2", FLAGGED_ONE, SEVEN)
    taught, untouched = result.stdout.splitlines()
    assert taught.startswith(f"{FLAGGED_ONE}: 7 (") and taught.endswith(", as your examples taught")
    assert untouched.startswith(f"{SEVEN}: 7 (") and "examples" not in untouched


def test_a_damaged_example_gets_a_warning_and_the_rest_still_teach(data):
    teach(data / "examples", FLAGGED_ONE, 7)
    (data / "examples" / "7" / "half.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    result = predict(data, "--json", FLAGGED_ONE)
    assert result.returncode == 0 and records(result)[0]["digit"] == 7
    [warning] = result.stderr.splitlines()
    assert warning.startswith(f"warning: skipped example {data / 'examples' / '7' / 'half.png'}: "
                              "not an image file this program can read")


def test_a_missing_examples_folder_is_wrong_usage(data, tmp_path):
    result = predict(data, "--examples", tmp_path / "nowhere", FLAGGED_ONE)
    assert result.returncode == 2 and f"--examples {tmp_path / 'nowhere'}: no such folder" in result.stderr


def test_an_examples_file_rather_than_folder_is_wrong_usage_that_says_so(data, tmp_path):
    notes = tmp_path / "notes.png"
    notes.write_bytes(b"not a folder")
    result = predict(data, "--examples", notes, FLAGGED_ONE)
    assert result.returncode == 2 and f"--examples {notes}: not a folder" in result.stderr


def test_a_dot_in_the_examples_is_skipped_with_a_warning(data, tmp_path):
    (tmp_path / "0").mkdir()
    dot = Image.new("L", (200, 200), 255)
    ImageDraw.Draw(dot).ellipse((95, 95, 105, 105), fill=0)
    dot.save(tmp_path / "0" / "click.png")
    result = predict(data, "--examples", tmp_path, FLAGGED_ONE)
    assert result.returncode == 0
    assert result.stderr.strip() == f"warning: skipped example {tmp_path / '0' / 'click.png'}: just a dot, no digit on it"


def test_examples_and_no_examples_together_are_wrong_usage(data, tmp_path):
    result = predict(data, "--examples", tmp_path, "--no-examples", FLAGGED_ONE)
    assert result.returncode == 2 and "not allowed with" in result.stderr


def test_a_model_without_conv2_says_it_reads_without_the_examples(data, tmp_path):
    from hostile_models import write_model

    model = write_model("float", tmp_path)
    teach(tmp_path / "mine", FLAGGED_ONE, 7)
    result = predict(data, "--json", "--model", model, "--examples", tmp_path / "mine", SEVEN)
    assert result.returncode == 0 and records(result)[0]["from_examples"] is False
    assert result.stderr == f"note: {model} has no conv2 output, so it reads without your examples\n"


def test_a_number_says_which_digits_the_examples_decided(data):
    teach(data / "examples", FLAGGED_ONE, 7)
    [record] = records(predict(data, "--json", "--number", FLAGGED_ONE))
    assert [(digit["digit"], digit["from_examples"]) for digit in record["digits"]] == [(7, True)]
    text = predict(data, "--number", FLAGGED_ONE).stdout
    assert text.startswith(f"{FLAGGED_ONE}: 7  (7 ") and text.endswith(", as your examples taught\n")
