"""The examples folder: where it is, what a saved example looks like, and files that are not examples."""

import numpy as np
import platformdirs
import pytest
from conftest import ROOT
from PIL import Image

from draw_app.examples import (DATA_FOLDER_VARIABLE, ExamplesFolder, NotADigit, default_examples_folder,
                               load_labelled_folders, oversampled)
from draw_app.images import read_image
from draw_app.preprocess import to_mnist

SEVEN = ROOT / "sample_digit" / "7_thin.png"


def model_input(path=SEVEN) -> np.ndarray:
    return to_mnist(read_image(path))


def test_examples_live_in_the_data_folder_the_environment_names(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_FOLDER_VARIABLE, str(tmp_path))
    assert default_examples_folder() == tmp_path / "examples"


def test_without_the_variable_examples_live_in_the_users_data_folder(monkeypatch):
    monkeypatch.delenv(DATA_FOLDER_VARIABLE)
    assert default_examples_folder() == platformdirs.user_data_path("draw-app", appauthor=False) / "examples"


def test_an_example_is_a_28x28_png_in_its_digits_folder_and_reads_back_as_saved(tmp_path):
    folder = ExamplesFolder(tmp_path / "examples")
    example = folder.add(model_input(), 7)
    assert example.path.parent == tmp_path / "examples" / "7" and example.path.suffix == ".png"
    with Image.open(example.path) as image:
        assert image.mode == "L" and image.size == (28, 28)
    assert np.array_equal(example.model_input, np.round(model_input() * 255) / 255)
    [read_back] = folder.read().examples
    assert read_back == example and np.array_equal(read_back.model_input, example.model_input)


def test_examples_added_at_once_get_names_of_their_own_and_no_temporaries_stay(tmp_path):
    folder = ExamplesFolder(tmp_path)
    paths = [folder.add(model_input(), 7).path for _ in range(5)]
    assert len(set(paths)) == 5
    assert sorted((tmp_path / "7").iterdir()) == sorted(paths)


def test_only_digits_can_be_taught(tmp_path):
    with pytest.raises(ValueError):
        ExamplesFolder(tmp_path).add(model_input(), 10)


def test_damaged_and_foreign_files_are_skipped_with_a_line_naming_each(tmp_path):
    folder = ExamplesFolder(tmp_path)
    good = folder.add(model_input(), 7)
    (tmp_path / "7" / "notes.txt").write_text("my sevens")
    (tmp_path / "7" / "cut.png").write_bytes(good.path.read_bytes()[:60])
    Image.new("L", (28, 28), 0).save(tmp_path / "7" / "blank.png")
    (tmp_path / "7" / "more").mkdir()
    (tmp_path / "7" / ".DS_Store").write_bytes(b"\0\1")
    (tmp_path / "sevens").mkdir()
    (tmp_path / "readme.md").write_text("examples")

    contents = folder.read()
    assert contents.examples == [good]
    reasons = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in contents.problems}
    assert set(reasons) == {str(tmp_path / name) for name in
                            ("7/notes.txt", "7/cut.png", "7/blank.png", "7/more", "sevens", "readme.md")}
    assert reasons[str(tmp_path / "7" / "notes.txt")] == "not an image file"
    assert "truncated or corrupt" in reasons[str(tmp_path / "7" / "cut.png")]
    assert "blank" in reasons[str(tmp_path / "7" / "blank.png")]
    assert "not a digit's folder" in reasons[str(tmp_path / "sevens")]
    assert "not in a digit's folder" in reasons[str(tmp_path / "readme.md")]


def test_a_faint_scan_is_an_example_as_predict_py_reads_it(tmp_path):
    (tmp_path / "7").mkdir()
    faint = np.asarray(Image.open(SEVEN).convert("L"), np.float32)
    Image.fromarray((250 - 25 * (255 - faint) / 255).astype(np.uint8)).save(tmp_path / "7" / "faint.png")
    [example] = ExamplesFolder(tmp_path).read().examples
    assert example.digit == 7 and np.abs(example.model_input - model_input()).mean() < 0.03


def test_a_drawing_of_any_size_is_an_example_after_preprocessing(tmp_path):
    (tmp_path / "7").mkdir()
    Image.open(SEVEN).save(tmp_path / "7" / "drawn elsewhere.png")
    [example] = ExamplesFolder(tmp_path).read().examples
    assert example.digit == 7 and np.allclose(example.model_input, model_input(), atol=1e-6)


def test_a_folder_not_made_yet_has_no_examples_and_no_problems(tmp_path):
    contents = ExamplesFolder(tmp_path / "not yet").read()
    assert contents.examples == [] and contents.problems == []


def test_removing_an_example_deletes_its_file_and_its_emptied_folder(tmp_path):
    folder = ExamplesFolder(tmp_path)
    first, second = folder.add(model_input(), 7), folder.add(model_input(), 7)
    folder.remove(first)
    assert not first.path.exists() and second.path.exists()
    folder.remove(second)
    assert not (tmp_path / "7").exists()


def test_labelled_folders_load_as_mnist_data_for_training(tmp_path):
    mine, theirs = ExamplesFolder(tmp_path / "mine"), ExamplesFolder(tmp_path / "theirs")
    mine.add(model_input(), 7)
    mine.add(model_input(ROOT / "sample_digit" / "1_thick.png"), 1)
    theirs.add(model_input(), 4)
    (tmp_path / "theirs" / "4" / "broken.png").write_bytes(b"not a png")

    images, labels, problems = load_labelled_folders([tmp_path / "mine", tmp_path / "theirs", tmp_path / "typo"])
    assert images.shape == (3, 28, 28) and images.dtype == np.uint8
    assert labels.tolist() == [1, 7, 4]
    assert images[1].max() == 255 and images[1][0].max() == 0  # light ink on black, as MNIST
    assert [line.split(": ")[0] for line in problems] == [str(tmp_path / "theirs" / "4" / "broken.png"),
                                                           str(tmp_path / "typo")]


@pytest.mark.parametrize("count, training_size, repeats", [(30, 60_000, 40), (1, 60_000, 100),
                                                           (5_000, 60_000, 1), (0, 60_000, 0)])
def test_a_few_dozen_examples_are_repeated_to_count_in_training(count, training_size, repeats):
    images, labels = np.zeros((count, 28, 28), np.uint8), np.arange(count) % 10
    more_images, more_labels = oversampled(images, labels, training_size)
    assert len(more_images) == len(more_labels) == count * repeats
    assert np.array_equal(np.bincount(more_labels, minlength=10), np.bincount(labels, minlength=10) * repeats)


def test_a_dot_is_not_kept_as_an_example(tmp_path):
    dot = np.zeros((28, 28), np.float32)
    dot[12:16, 12:16] = 1.0
    with pytest.raises(NotADigit):
        ExamplesFolder(tmp_path).add(dot, 0)
    assert not list(tmp_path.rglob("*.png"))
