"""predict.py --number: a number per image, in text and JSON, with one-line errors."""

import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, SAMPLE_DIGITS, run_python
from PIL import Image

from draw_app.cli import number_json_line, number_text_line
from draw_app.number import DigitReading, NumberReading
from draw_app.predictor import Prediction

NUMBERS = sorted((ROOT / "sample_digit" / "numbers").glob("*.png"))
YEAR = ROOT / "sample_digit" / "numbers" / "year_2026.png"
DIGIT_TEXT = re.compile(r"^\d (\d+\.\d%|\? \d+\.\d% or \d \d+\.\d%)$")


def predict(*args, **kwargs):
    return run_python(ROOT / "predict.py", *args, **kwargs)


def written_number(path):
    """The number a sample drawing shows, from its name: year_2026.png shows 2026, and
    price_with_a_comma_12,50.png 12,50."""
    return path.stem.rsplit("_", 1)[1]


def digits_of(number):
    """The number's digits, without its points, commas and dashes."""
    return "".join(character for character in number if character.isdigit())


def test_there_are_number_samples_of_every_kind_the_issue_asks_for():
    kinds = {path.stem.rsplit("_", 1)[0] for path in NUMBERS}
    assert {"year", "price", "phone", "light_on_dark"} <= kinds


def test_sample_numbers_are_read_with_each_digit_and_how_sure_it_is():
    result = predict("--number", *NUMBERS)
    assert result.returncode == 0 and result.stderr == ""
    for line, path in zip(result.stdout.splitlines(), NUMBERS, strict=True):
        number = written_number(path)
        assert line.startswith(f"{path}: {number}  (") and line.endswith(")")
        digits = line.split("  (", 1)[1][:-1].split(", ")
        assert len(digits) == len(digits_of(number))
        assert all(DIGIT_TEXT.match(text) for text in digits), digits
        assert "".join(text[0] for text in digits) == digits_of(number)


def test_json_lines_have_exactly_the_documented_fields():
    result = predict("--number", "--json", *NUMBERS)
    assert result.returncode == 0
    for line, path in zip(result.stdout.splitlines(), NUMBERS, strict=True):
        record = json.loads(line)
        assert list(record) == ["path", "number", "digits", "error"]
        assert record["path"] == str(path) and record["number"] == written_number(path)
        assert record["error"] is None
        width, height = Image.open(path).size
        for digit, written in zip(record["digits"], digits_of(record["number"]), strict=True):
            assert list(digit) == ["digit", "confidence", "unsure", "probabilities", "box", "from_examples"]
            assert digit["unsure"] is False  # the samples are written clearly
            assert digit["from_examples"] is False  # the tests read with no examples folder
            assert digit["digit"] == int(written)
            assert len(digit["probabilities"]) == 10
            assert digit["confidence"] == pytest.approx(max(digit["probabilities"]), abs=1e-4)
            x, y, box_width, box_height = digit["box"]
            assert 0 <= x and x + box_width <= width and 0 <= y and y + box_height <= height
        lefts = [digit["box"][0] for digit in record["digits"]]
        assert lefts == sorted(lefts)


def test_a_one_digit_image_is_a_one_digit_number():
    result = predict("--number", "--json", *SAMPLE_DIGITS)
    assert result.returncode == 0
    numbers = [json.loads(line)["number"] for line in result.stdout.splitlines()]
    assert numbers == [path.name[0] for path in SAMPLE_DIGITS]


def test_blank_and_bad_images_get_one_line_each_and_the_rest_are_still_read(tmp_path):
    blank = tmp_path / "blank.png"
    Image.new("RGB", (600, 200), "white").save(blank)
    (tmp_path / "notes.png").write_text("not a picture")
    inputs = [blank, tmp_path / "missing.png", tmp_path / "notes.png", YEAR]
    result = predict("--number", *inputs)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert errors[0] == f"{blank}: error: no digit found"
    assert [line.split(": error: ")[0] for line in errors] == [str(path) for path in inputs[:3]]
    assert result.stdout.startswith(f"{YEAR}: 2026  (")


def test_json_for_a_blank_image_has_no_number_and_says_why(tmp_path):
    blank = tmp_path / "blank.png"
    Image.new("L", (600, 200), 255).save(blank)
    result = predict("--number", "--json", blank)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"path": str(blank), "number": None, "digits": None,
                                         "error": "no digit found"}


def test_two_rows_of_digits_are_one_error_saying_so_not_no_digit_found(tmp_path):
    """Each row is a number of its own; read together they came out as "no digit found"."""
    year = Image.open(YEAR).convert("RGB")
    rows = Image.new("RGB", (year.width, 2 * year.height), "white")
    rows.paste(year, (0, 0))
    rows.paste(year, (0, year.height))
    path = tmp_path / "two years.png"
    rows.save(path)
    result = predict("--number", path, YEAR)
    assert result.returncode == 1
    assert result.stderr == (f"{path}: error: 2 rows of writing, one above the other: a number is read "
                             "from one row (crop the picture to one row)\n")
    assert result.stdout.startswith(f"{YEAR}: 2026  (")


def test_boxes_are_in_the_pixels_of_the_file_even_when_it_is_read_shrunk(tmp_path):
    small = json.loads(predict("--number", "--json", YEAR).stdout)
    large = tmp_path / "large.png"
    Image.open(YEAR).resize((900 * 5, 360 * 5)).save(large)
    record = json.loads(predict("--number", "--json", large).stdout)
    assert record["number"] == "2026"
    for big, little in zip(record["digits"], small["digits"]):
        assert big["box"] == pytest.approx([5 * value for value in little["box"]], abs=12)


def test_top_does_not_apply_to_numbers():
    result = predict("--number", "--top", "3", YEAR)
    assert result.returncode == 2 and "--top" in result.stderr and "Traceback" not in result.stderr


def reading(*digits):
    """A NumberReading of (digit, confidence, unsure, runner-up, its probability) made up for the text."""
    made_up = []
    for index, (digit, confidence, unsure, runner_up, second) in enumerate(digits):
        probabilities = [0.0] * 10
        probabilities[digit], probabilities[runner_up] = confidence, second
        prediction = Prediction(digit, confidence, tuple(probabilities), np.zeros((28, 28), np.float32), unsure=unsure)
        made_up.append(DigitReading((100 * index, 0, 60, 100), prediction))
    return NumberReading(tuple(made_up))


def test_an_unsure_digit_is_marked_with_its_runner_up():
    line = number_text_line("photo.png", reading((2, 0.999, False, 3, 0.001), (1, 0.59, True, 7, 0.35),
                                                 (6, 0.998, False, 5, 0.002)))
    assert line == "photo.png: 216  (2 99.9%, 1? 59.0% or 7 35.0%, 6 99.8%)"


def test_a_digit_your_examples_decided_says_so_as_a_single_digit_does():
    taught = reading((1, 0.99, False, 7, 0.01), (7, 0.98, False, 1, 0.02))
    made_up = NumberReading((taught.digits[0], replace(taught.digits[1], prediction=replace(
        taught.digits[1].prediction, from_examples=True))))
    assert number_text_line("photo.png", made_up) == "photo.png: 17  (1 99.0%, 7 98.0%), as your examples taught"
    record = json.loads(number_json_line(Path("photo.png"), made_up, None))
    assert [digit["from_examples"] for digit in record["digits"]] == [False, True]
    assert not number_text_line("photo.png", taught).endswith("taught")


def test_an_unsure_digit_says_so_in_its_json():
    record = json.loads(number_json_line(Path("photo.png"), reading((2, 0.999, False, 3, 0.001),
                                                                    (1, 0.59, True, 7, 0.35)), None))
    assert [digit["unsure"] for digit in record["digits"]] == [False, True]


def test_a_number_read_as_one_digit_is_refused_with_a_pointer_to_number_mode():
    result = predict(YEAR, ROOT / "sample_digit" / "7_thin.png")
    assert result.returncode == 1
    assert result.stderr == f"{YEAR}: error: 4 digits side by side, not one: read them with --number\n"
    assert result.stdout.startswith(f"{ROOT / 'sample_digit' / '7_thin.png'}: 7 (")
    line = json.loads(predict("--json", YEAR).stdout)
    assert line["error"] == "no digit found"  # scripts match the error word for word


def test_a_number_read_as_one_doubtful_digit_is_refused_with_a_pointer_to_number_mode(tmp_path):
    """Squeezed into one 28x28, "21" reads as an unsure 2: a meaningless answer, given with exit code 0."""
    from gui import number_strokes
    from PIL import ImageDraw

    from draw_app.strokes import paint_stroke

    picture = Image.new("L", (440, 400), 255)
    for points in number_strokes("21"):
        paint_stroke(ImageDraw.Draw(picture), points, 14, 0)
    picture.save(tmp_path / "21.png")
    result = predict(tmp_path / "21.png")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{tmp_path / '21.png'}: error: 2 digits side by side, not one: read them with --number\n"
    assert predict("--number", tmp_path / "21.png").stdout.startswith(f"{tmp_path / '21.png'}: 21  (")


def test_a_faint_number_is_read_as_in_dark_ink(tmp_path):
    from draw_app.ink import ink_map

    ink = ink_map(np.asarray(Image.open(YEAR).convert("RGB"))).astype(np.float32)
    Image.fromarray((250 - 28 * ink / ink.max()).astype(np.uint8)).save(tmp_path / "faint 2026.png")
    assert predict("--number", tmp_path / "faint 2026.png").stdout.startswith(f"{tmp_path / 'faint 2026.png'}: 2026  (")


def test_a_word_refused_as_a_digit_gets_no_pointer_to_number_mode(tmp_path):
    from PIL import ImageDraw, ImageFont

    word = Image.new("L", (300, 80), 255)
    ImageDraw.Draw(word).text((20, 20), "hello", fill=0, font=ImageFont.load_default(size=40))
    word.save(tmp_path / "hello.png")
    result = predict(tmp_path / "hello.png")
    assert result.returncode == 1 and result.stderr == f"{tmp_path / 'hello.png'}: error: no digit found\n"
