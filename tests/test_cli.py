"""predict.py: output formats, exit codes and a one-line error for every bad input."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, SAMPLE_DIGITS, cannot_run, permission_bits_count, run_python
from pictures import in_a_drawing_program
from PIL import Image, PngImagePlugin

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
        assert list(record) == ["path", "digit", "confidence", "unsure", "probabilities", "from_examples",
                                "error"]
        assert record["path"] == str(path) and record["digit"] == int(path.name[0])
        assert record["error"] is None
        assert len(record["probabilities"]) == 10
        assert record["confidence"] == pytest.approx(max(record["probabilities"]), abs=1e-4)


def test_run_by_a_python_without_the_project_it_says_what_to_do(tmp_path):
    missing = tmp_path / "PIL"
    missing.mkdir()
    (missing / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'PIL'\", name='PIL')")
    result = predict(SEVEN, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"predict.py: the module PIL is not installed for {sys.executable}: install ")
    assert result.stderr.count("\n") == 1


def test_options_may_come_between_the_files_and_after_a_double_dash_only_files(tmp_path):
    zero = ROOT / "sample_digit" / "0_thin.png"
    result = predict(SEVEN, "--json", zero, "--no-examples")
    assert result.returncode == 0 and result.stderr == ""
    assert [json.loads(line)["digit"] for line in result.stdout.splitlines()] == [7, 0]
    shutil.copy(SEVEN, tmp_path / "-seven.png")
    result = predict("--json", "--", "-seven.png", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["digit"] == 7


def test_a_screenshot_of_another_drawing_program_is_read_as_the_digit_on_its_canvas(tmp_path):
    screenshot = tmp_path / "paint.png"
    Image.fromarray(in_a_drawing_program("7_thin.png")).save(screenshot)
    result = predict(str(screenshot))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{screenshot}: 7 (")


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


@pytest.mark.parametrize("args", [[], ["--top", "0", str(SEVEN)], ["--bogus", str(SEVEN)], ["--jso", str(SEVEN)],
                                  ["--model", "", str(SEVEN)], ["--examples", "", str(SEVEN)]],
                         ids=["nothing", "top 0", "unknown", "abbreviated", "empty model", "empty examples"])
def test_wrong_usage_exits_2(args):
    result = predict(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr and "Traceback" not in result.stderr


def test_a_dash_says_standard_input_is_not_read_and_the_rest_still_run():
    result = predict("-", SEVEN)
    assert result.returncode == 1 and result.stdout.startswith(f"{SEVEN}: 7 (")
    assert result.stderr == "-: error: reading a picture from standard input is not supported: save it to a file\n"


def test_an_empty_path_is_one_error_not_the_current_folder_read_whole():
    """As from a script's unset variable: Path("") is ".", and it read every picture in the folder."""
    result = predict("", SEVEN)  # run in the project's folder, whose sample drawings are not in it
    assert result.returncode == 1 and result.stdout.splitlines()[0].startswith(f"{SEVEN}: 7 (")
    assert result.stderr == "'': error: an empty path names no file\n"
    as_json = predict("--json", "--number", "")
    assert json.loads(as_json.stdout) == {"path": "", "number": None, "digits": None,
                                          "error": "an empty path names no file"}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_a_failure():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, ROOT / "predict.py", SEVEN, SEVEN], stdout=full,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr == "error: cannot write the answers: no space left on device\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_errors_that_cannot_be_written_do_not_stop_the_answers():
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, ROOT / "predict.py", "nothing.png", SEVEN], stderr=full,
                                stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert result.returncode == 1 and result.stdout.startswith(f"{SEVEN}: 7 (")


@pytest.mark.skipif(sys.platform == "win32", reason="closing a standard stream is a Unix shell's")
def test_closed_standard_error_loses_only_the_errors():
    result = subprocess.run(f"'{sys.executable}' predict.py '{SEVEN}' nothing.png 2>&-", shell=True,
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1 and result.stdout.startswith(f"{SEVEN}: 7 (")


def test_a_file_named_dash_is_read_as_dot_slash_dash(tmp_path):
    shutil.copy(SEVEN, tmp_path / "-")
    result = predict("./-", cwd=tmp_path)
    assert result.returncode == 0 and ": 7 (" in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="closing a standard stream is a Unix shell's")
def test_closed_standard_output_is_a_failure_not_silence():
    result = subprocess.run(f"'{sys.executable}' predict.py '{SEVEN}' >&-", shell=True, capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 1 and "standard output is closed" in result.stderr
    assert "Traceback" not in result.stderr


def test_control_characters_in_file_names_are_escaped_in_text_output(tmp_path):
    """A name could otherwise print a line of its own, a fake answer, or colour the terminal."""
    name = tmp_path / "cr\rfake.png: 9 (99.9%)\n\x1b[31mred.png"
    shutil.copy(SEVEN, name)
    result = predict(name)
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{tmp_path}/cr\\rfake.png: 9 (99.9%)\\n\\x1b[31mred.png: 7 (")
    assert "\r" not in result.stdout and "\x1b" not in result.stdout
    assert json.loads(predict("--json", name).stdout)["path"] == str(name)  # JSON escapes its own way


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


# ------------------------------------------------------------ hostile inputs (issue #9)

@pytest.fixture
def locked(tmp_path):
    """(directory without any permission holding a digit, directory we may list but not enter)."""
    closed, unenterable = tmp_path / "closed", tmp_path / "unenterable"
    for folder in (closed, unenterable):
        folder.mkdir()
        shutil.copy(SEVEN, folder / "seven.png")
    closed.chmod(0o000)
    unenterable.chmod(0o444)
    yield closed, unenterable
    closed.chmod(0o755)
    unenterable.chmod(0o755)


def test_paths_that_cannot_be_looked_at_get_one_line_each_and_the_rest_still_run(tmp_path, locked):
    closed, unenterable = locked
    too_long = tmp_path / ("a" * 300 + ".png")
    try:
        result = predict(too_long, closed, closed / "seven.png", unenterable, SEVEN,
                         preexec_fn=permission_bits_count())
    except subprocess.SubprocessError as error:  # root without the right to drop its powers
        cannot_run(f"cannot run a child without root's permission override: {error}")
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{too_long}: error: file name too long for the file system",
        f"{closed}: error: cannot list this directory (permission denied)",
        f"{closed / 'seven.png'}: error: permission denied",
        f"{unenterable / 'seven.png'}: error: permission denied",
    ]
    assert result.stdout.startswith(f"{SEVEN}: 7 (") and result.returncode == 1


def test_pipes_devices_and_links_say_what_they_are(tmp_path):
    os.mkfifo(tmp_path / "fifo.png")
    os.symlink("loop.png", tmp_path / "loop.png")
    os.symlink("gone.png", tmp_path / "dangling.png")
    result = predict(tmp_path / "fifo.png", os.devnull, tmp_path / "loop.png", tmp_path / "dangling.png",
                     "/dev/stdin", SEVEN, input=SEVEN.read_text(encoding="latin-1"), encoding="latin-1")
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'fifo.png'}: error: is a pipe, not a file (save what it carries to a file first)",
        f"{os.devnull}: error: is a device, not a file",
        f"{tmp_path / 'loop.png'}: error: symbolic link loop",
        f"{tmp_path / 'dangling.png'}: error: broken symbolic link (it points to gone.png, which does not exist)",
        "/dev/stdin: error: is a pipe, not a file (save what it carries to a file first)",
    ]
    assert result.stdout.startswith(f"{SEVEN}: 7 (")


def test_unreadable_images_in_a_directory_are_reported_not_skipped(tmp_path):
    shutil.copy(SEVEN, tmp_path / "a_seven.png")
    os.mkfifo(tmp_path / "b_pipe.png")
    (tmp_path / "c_folder.png").mkdir()  # a directory with an image's name is not an input
    result = predict(tmp_path)
    assert result.stdout.startswith(f"{tmp_path / 'a_seven.png'}: 7 (")
    assert result.stderr.splitlines() == [f"{tmp_path / 'b_pipe.png'}: error: is a pipe, not a file "
                                          "(save what it carries to a file first)"]


def test_file_names_the_output_cannot_encode_are_escaped_and_every_file_is_read(tmp_path):
    shutil.copy(SEVEN, tmp_path / "数字.png")
    missing = tmp_path / "ゼロ.png"
    environment = dict(os.environ, PYTHONIOENCODING="cp1252")
    result = predict(tmp_path / "数字.png", missing, SEVEN, env=environment, encoding="cp1252")
    assert "Traceback" not in result.stderr and result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(f"{tmp_path}/\\u6570\\u5b57.png: 7 (")
    assert result.stdout.splitlines()[1].startswith(f"{SEVEN}: 7 (")
    assert result.stderr == f"{tmp_path}/\\u30bc\\u30ed.png: error: no such file\n"
    records = predict("--json", tmp_path / "数字.png", env=environment, encoding="cp1252")
    assert json.loads(records.stdout)["path"] == str(tmp_path / "数字.png")


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names are always text")
def test_file_names_that_are_not_text_are_escaped(tmp_path):
    name = os.fsencode(tmp_path) + b"/\xff.png"
    shutil.copy(SEVEN, name)
    result = subprocess.run([sys.executable, ROOT / "predict.py", name], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{tmp_path}/\\udcff.png: 7 (")


def test_png_text_chunk_bomb_says_so(tmp_path):
    metadata = PngImagePlugin.PngInfo()
    metadata.add_text("comment", "a" * 3_000_000, zip=True)
    Image.open(SEVEN).save(tmp_path / "bomb.png", pnginfo=metadata)
    result = predict(tmp_path / "bomb.png", SEVEN)
    assert result.stderr == (f"{tmp_path / 'bomb.png'}: error: its PNG text chunks unpack to more than is "
                             "safe to read (over 1 MB each, 64 MB in all)\n")
    assert result.stdout.startswith(f"{SEVEN}: 7 (")


def test_float_tiff_scaled_0_to_1_and_with_nan_pixels_is_read_quietly(tmp_path):
    values = np.asarray(Image.open(SEVEN).convert("L"), np.float32) / 255
    values[:30] = np.nan
    Image.fromarray(values).save(tmp_path / "unit.tif")
    result = predict(tmp_path / "unit.tif")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith(f"{tmp_path / 'unit.tif'}: 7 (")


def test_animated_gif_whose_first_frame_is_blank_is_read_at_its_drawing(tmp_path):
    blank = Image.new("L", (400, 400), 255)
    blank.save(tmp_path / "drawn.gif", save_all=True, append_images=[Image.open(SEVEN).convert("L")])
    result = predict(tmp_path / "drawn.gif")
    assert result.returncode == 0 and result.stdout.startswith(f"{tmp_path / 'drawn.gif'}: 7 (")


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    from hostile_models import write_model

    folder = tmp_path_factory.mktemp("models")
    return {kind: write_model(kind, folder) for kind in ("int8", "uint8", "logits", "nan", "wide")}


def strict_json(line: str) -> dict:
    """json.loads that refuses NaN and Infinity, as strict parsers (and the JSON standard) do."""
    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(line, parse_constant=refuse)


@pytest.mark.parametrize("kind", ["int8", "uint8"])
def test_quantized_model_reads_every_image(models, kind):
    result = predict("--model", models[kind], "--json", *SAMPLE_DIGITS)
    assert "Traceback" not in result.stderr and result.stderr == ""
    records = [strict_json(line) for line in result.stdout.splitlines()]
    assert len(records) == len(SAMPLE_DIGITS) and all(record["error"] is None for record in records)
    for record in records:
        assert sum(record["probabilities"]) == pytest.approx(1, abs=0.002)


def test_logits_model_is_read_through_a_softmax_and_says_so(models):
    result = predict("--model", models["logits"], SEVEN)
    assert result.returncode == 0
    assert result.stderr.startswith(f"note: {models['logits']}: its outputs are not probabilities")
    percentages = [float(next(word for word in line.split() if word.endswith("%"))[:-1])
                   for line in result.stdout.splitlines()[1:]]
    assert len(percentages) == 10 and min(percentages) >= 0 and sum(percentages) == pytest.approx(100, abs=0.6)
    record = strict_json(predict("--json", "--model", models["logits"], SEVEN).stdout)
    assert sum(record["probabilities"]) == pytest.approx(1, abs=0.002)


@pytest.mark.parametrize("kind, reason", [("nan", "gives NaN or infinite outputs"),
                                          ("wide", "expects input (1, 32, 32, 1) and gives (1, 10)")])
def test_unusable_model_is_one_line_before_any_image(models, kind, reason):
    for arguments in ([SEVEN], ["--json", SEVEN]):
        result = predict("--model", models[kind], *arguments)
        assert result.returncode == 1 and result.stdout == ""
        assert len(result.stderr.splitlines()) == 1 and reason in result.stderr


def test_unreadable_model_file_or_directory_is_one_line(tmp_path):
    unreadable = tmp_path / "locked.tflite"
    shutil.copy(ROOT / "sample_model" / "cnn.tflite", unreadable)
    unreadable.chmod(0o000)
    (tmp_path / "folder.tflite").mkdir()
    try:
        locked_result = predict("--model", unreadable, SEVEN, preexec_fn=permission_bits_count())
    except subprocess.SubprocessError as error:
        cannot_run(f"cannot run a child without root's permission override: {error}")
    folder_result = predict("--model", tmp_path / "folder.tflite", SEVEN)
    assert locked_result.stderr == f"error: model file {unreadable}: cannot read it (permission denied)\n"
    assert folder_result.stderr == (f"error: model file {tmp_path / 'folder.tflite'}: is a directory, "
                                    "not a file; give a .tflite, .h5 or .keras file\n")
    assert locked_result.returncode == folder_result.returncode == 1


def test_an_unsure_answer_is_marked_with_its_runner_up():
    from draw_app.cli import text_line
    from draw_app.predictor import Prediction

    probabilities = (0.0, 0.41, 0.0, 0.0, 0.0, 0.0, 0.0, 0.581, 0.009, 0.0)
    unsure = Prediction(7, 0.581, probabilities, None, unsure=True)
    assert text_line(Path("one.png"), unsure, 1) == "one.png: 7 (58.1%, unsure: or 1 41.0%)"
    assert text_line(Path("one.png"), unsure, 2) == "one.png: 7 (58.1%, unsure), 1 (41.0%)"
    sure = Prediction(7, 0.581, probabilities, None)
    assert text_line(Path("one.png"), sure, 1) == "one.png: 7 (58.1%)"

