"""predict.py: output formats, exit codes and a one-line error for every bad input."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, SAMPLE_DIGITS, run_python
from PIL import Image

SEVEN = ROOT / "sample_digit" / "7_thin.png"


def predict(*args, **kwargs):
    return run_python(ROOT / "predict.py", *args, **kwargs)


def test_single_image_prints_digit_confidence_and_a_bar_chart():
    result = predict(SEVEN)
    lines = result.stdout.splitlines()
    assert result.returncode == 0
    assert lines[0].startswith(f"{SEVEN}: 7 (") and lines[0].endswith("%)")
    assert len(lines) == 11
    assert [line.split()[0] for line in lines[1:]] == [str(digit) for digit in range(10)]
    assert lines[8].endswith("<")
    assert result.stderr == ""


def test_directory_reads_its_images_in_name_order_and_skips_other_files(tmp_path):
    for path in SAMPLE_DIGITS[:3]:
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "notes.txt").write_text("not an image")
    result = predict(tmp_path)
    assert result.returncode == 0
    names = [line.split(":")[0] for line in result.stdout.splitlines()]
    assert names == [str(tmp_path / path.name) for path in SAMPLE_DIGITS[:3]]
    for line, path in zip(result.stdout.splitlines(), SAMPLE_DIGITS[:3]):
        assert line.split(": ")[1].startswith(path.name[0])


def test_json_lines_have_exactly_the_documented_fields():
    result = predict("--json", *SAMPLE_DIGITS)
    assert result.returncode == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(SAMPLE_DIGITS)
    for record, path in zip(records, SAMPLE_DIGITS):
        assert list(record) == ["path", "digit", "confidence", "probabilities", "error"]
        assert record["path"] == str(path) and record["digit"] == int(path.name[0])
        assert record["error"] is None
        assert len(record["probabilities"]) == 10
        assert record["confidence"] == pytest.approx(max(record["probabilities"]), abs=1e-4)


def test_top_k_lists_the_k_most_likely_digits():
    line = predict("--top", "3", SEVEN).stdout.splitlines()[0]
    guesses = line.split(": ", 1)[1].split(", ")
    assert len(guesses) == 3 and guesses[0].startswith("7 (")
    percentages = [float(guess.split("(")[1].rstrip("%)")) for guess in guesses]
    assert percentages == sorted(percentages, reverse=True)


def make_bad_inputs(folder):
    """Every kind of bad input a user hands us, each with the reason we must give."""
    bad = {
        folder / "missing.png": "no such file",
        folder / "empty.png": "empty file",
        folder / "text.png": "not an image",
        folder / "truncated.png": "truncated",
        folder / "huge.png": "too large",
        folder / "dot.png": "too small",
        folder / "blank.png": "no digit found",
    }
    (folder / "empty.png").write_bytes(b"")
    (folder / "text.png").write_text("hello, I am not a picture\n")
    (folder / "truncated.png").write_bytes(SEVEN.read_bytes()[:300])
    Image.new("1", (8000, 7000)).save(folder / "huge.png")
    Image.new("L", (1, 1)).save(folder / "dot.png")
    Image.new("RGB", (400, 400), "white").save(folder / "blank.png")
    return bad


def test_every_bad_input_gets_one_line_naming_it_and_the_rest_still_run(tmp_path):
    bad = make_bad_inputs(tmp_path)
    result = predict(SEVEN, *bad, SAMPLE_DIGITS[0])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert len(errors) == len(bad)
    for line, (path, reason) in zip(errors, bad.items()):
        assert line.startswith(f"{path}: error: ") and reason in line
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [str(SEVEN), str(SAMPLE_DIGITS[0])]


def test_json_reports_failures_with_nulls_and_a_message(tmp_path):
    bad = make_bad_inputs(tmp_path)
    result = predict("--json", *bad, SEVEN)
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for record, (path, reason) in zip(records, bad.items()):
        assert record["path"] == str(path)
        assert record["digit"] is None and record["confidence"] is None and record["probabilities"] is None
        assert reason in record["error"]
    assert records[-1]["digit"] == 7 and records[-1]["error"] is None


@pytest.mark.parametrize("args", [[], ["--top", "0", str(SEVEN)], ["--bogus", str(SEVEN)]])
def test_wrong_usage_exits_2(args):
    result = predict(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr and "Traceback" not in result.stderr


def test_missing_model_says_how_to_train_one(tmp_path):
    result = predict("--model", tmp_path / "none.tflite", SEVEN)
    assert result.returncode == 1
    assert "not found" in result.stderr and "training/cnn.py" in result.stderr
    assert "Traceback" not in result.stderr


def test_works_from_another_directory(tmp_path):
    image = tmp_path / "mine.png"
    shutil.copy(SEVEN, image)
    result = predict(image.name, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("mine.png: 7 (")


def test_reader_closing_the_pipe_early_is_not_an_error():
    pipeline = subprocess.run(f"'{sys.executable}' predict.py sample_digit sample_digit | head -n 1",
                              shell=True, capture_output=True, text=True, cwd=ROOT)
    assert pipeline.stdout.count("\n") == 1
    assert "Traceback" not in pipeline.stderr and "BrokenPipe" not in pipeline.stderr


def test_digit_predict_console_script_is_installed():
    script = shutil.which("digit-predict", path=str(Path(sys.executable).parent))
    assert script, "pip install -e . should install the digit-predict command beside python"
    result = subprocess.run([script, "--json", str(SEVEN)], capture_output=True, text=True)
    assert result.returncode == 0 and json.loads(result.stdout)["digit"] == 7


def test_many_files_in_one_call(tmp_path):
    rng = np.random.default_rng(0)
    base = np.asarray(Image.open(SEVEN).convert("L"))
    for index in range(40):
        shifted = np.roll(base, (int(rng.integers(-40, 40)), int(rng.integers(-40, 40))), axis=(0, 1))
        Image.fromarray(shifted).save(tmp_path / f"{index:03d}.png")
    result = predict("--json", tmp_path)
    assert result.returncode == 0
    assert [json.loads(line)["digit"] for line in result.stdout.splitlines()] == [7] * 40
