"""training/non_digits.py makes pictures with no digit; benchmarks/no_digit.py counts what the predictor says to them."""

import sys

import cv2
import numpy as np
import pytest
from conftest import ROOT, run_python

from draw_app.predictor import Prediction
from draw_app.preprocess import to_mnist
from training.non_digits import KINDS, MAX_SIDE, MIN_SIDE, looks_like_a_one, non_digits_for_training

sys.path.insert(0, str(ROOT / "benchmarks"))
import no_digit  # noqa: E402

SLICE = ROOT / "tests" / "data" / "mnist_slice.npz"
SEEDS = range(12)


def prediction(digit=3, confidence=0.99, unsure=False, no_digit_reason=None):
    probabilities = np.full(10, (1 - confidence) / 9)
    probabilities[digit] = confidence
    return Prediction(digit, confidence, tuple(probabilities), np.zeros((28, 28), np.float32),
                      unsure=unsure, no_digit=no_digit_reason)


# ---------------------------------------------------------------------------- the kinds


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_makes_a_gray_or_rgb_picture_of_app_size(kind):
    for seed in SEEDS:
        image = KINDS[kind](np.random.default_rng(seed))
        assert image.dtype == np.uint8
        assert image.ndim == 2 or (image.ndim == 3 and image.shape[2] == 3)
        assert MIN_SIDE <= min(image.shape[:2]) and max(image.shape[:2]) <= MAX_SIDE
        assert max(image.shape[:2]) <= 2 * min(image.shape[:2])
        assert image.std() > 0, "a flat picture teaches nothing"


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_reproducible_from_its_generator(kind):
    first = KINDS[kind](np.random.default_rng([4, 2]))
    again = KINDS[kind](np.random.default_rng([4, 2]))
    other = KINDS[kind](np.random.default_rng([4, 3]))
    assert np.array_equal(first, again)
    assert first.shape != other.shape or not np.array_equal(first, other)


@pytest.mark.parametrize("kind", KINDS)
def test_most_pictures_of_every_kind_reach_the_network(kind):
    """Preprocessing drops blank pictures; a kind it always dropped would be no use to training."""
    seen = [to_mnist(KINDS[kind](np.random.default_rng(seed))) for seed in SEEDS]
    assert sum(image is not None for image in seen) >= len(SEEDS) // 2


def test_kinds_are_the_families_people_feed_the_app():
    assert {"uniform_noise", "gaussian_noise", "salt_and_pepper", "gradient", "vignette", "checkerboard", "grid",
            "text_line", "text_page", "shape_clutter", "scribble", "blobs", "photo_texture", "symbols"} <= set(KINDS)


def test_an_upright_sliver_looks_like_a_one_and_a_text_line_or_blob_does_not():
    bar, line, blob = (np.zeros((28, 28), np.float32) for _ in range(3))
    bar[4:24, 12:17] = 1
    line[12:16, 4:24] = 1
    cv2.circle(blob, (14, 14), 8, 1.0, -1)
    assert looks_like_a_one(bar)
    assert not looks_like_a_one(line)
    assert not looks_like_a_one(blob)


# ---------------------------------------------------------------------------- for training


def test_training_images_are_mnist_shaped_and_never_blank_or_one_like():
    images = non_digits_for_training(40, seed=1, first_index=0)
    assert images.shape == (40, 28, 28)
    assert images.dtype == np.uint8
    assert all(image.max() == 255 for image in images), "preprocessing stretches the ink to full"
    assert not any(looks_like_a_one(image / 255.0) for image in images)


def test_training_images_do_not_depend_on_how_the_work_is_split():
    whole = non_digits_for_training(12, seed=5, first_index=100)
    parts = np.concatenate([non_digits_for_training(5, seed=5, first_index=100),
                            non_digits_for_training(7, seed=5, first_index=105)])
    assert np.array_equal(whole, parts)


def test_training_images_follow_the_seed():
    assert np.array_equal(non_digits_for_training(6, 3, 0), non_digits_for_training(6, 3, 0))
    assert not np.array_equal(non_digits_for_training(6, 3, 0), non_digits_for_training(6, 4, 0))


def test_training_images_are_varied():
    """No picture comes twice, nor nearly so, and nearly any two differ plainly. Not every two: a line of
    text on a small canvas is cropped to a flat bar, and two such lines are two near-alike bars."""
    images = non_digits_for_training(30, seed=2, first_index=0).reshape(30, -1).astype(np.float32)
    distances = np.abs(images[:, None] - images[None]).mean(axis=2)[~np.eye(30, dtype=bool)]
    assert distances.min() > 0.5
    assert np.mean(distances > 5) > 0.99


# ---------------------------------------------------------------------------- the benchmark's parts


def test_verdict_is_what_the_user_is_told():
    assert no_digit.verdict(None) == no_digit.REFUSED
    assert no_digit.verdict(prediction(no_digit_reason="not like any digit")) == no_digit.REFUSED
    assert no_digit.verdict(prediction(unsure=True)) == no_digit.UNSURE
    assert no_digit.verdict(prediction()) == no_digit.READ


def test_tally_counts_verdicts_readings_and_doubted_right_answers():
    tally = no_digit.Tally()
    tally.add(prediction(digit=7), label=7)
    tally.add(prediction(digit=7, unsure=True, confidence=0.5), label=7)
    tally.add(prediction(digit=1), label=4)
    tally.add(None, label=2)
    assert tally.count == 4
    assert tally.share(no_digit.READ) == 0.5
    assert tally.share(no_digit.REFUSED, no_digit.UNSURE) == 0.5
    assert (tally.right, tally.right_but_doubted) == (2, 1)
    assert tally.commonest_reading() == "7 (25%)"
    assert tally.median_confidence() == pytest.approx(0.745)
    assert no_digit.Tally().commonest_reading() == "-"


def test_random_crops_stay_inside_and_keep_the_asked_share():
    image = np.arange(300 * 500, dtype=np.uint32).reshape(300, 500)
    rng = np.random.default_rng(0)
    for _ in range(50):
        crop = no_digit.random_crop(image, rng, 0.6)
        assert 180 <= crop.shape[0] <= 300 and 300 <= crop.shape[1] <= 500
        top, left = divmod(int(crop[0, 0]), 500)
        assert np.array_equal(crop, image[top:top + crop.shape[0], left:left + crop.shape[1]])
    small = np.zeros((70, 90), np.uint8)
    assert all(min(no_digit.random_crop(small, rng, 0.1).shape) >= 64 for _ in range(20))


def test_whole_pictures_come_first_then_crops():
    images = [np.zeros((100, 200), np.uint8), np.ones((150, 120), np.uint8)]
    pictures = list(no_digit.whole_then_crops(images, 6, np.random.default_rng(0), 0.5))
    assert len(pictures) == 6
    assert pictures[0] is images[0] and pictures[1] is images[1]
    assert all(picture.shape[0] <= 150 and picture.shape[1] <= 200 for picture in pictures[2:])


@pytest.mark.parametrize("make", [no_digit.pillow_words, no_digit.line_art], ids=lambda make: make.__name__)
def test_held_out_families_make_pictures_the_app_reads(make):
    for seed in SEEDS:
        image = make(np.random.default_rng(seed))
        assert image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3
        assert MIN_SIDE <= min(image.shape[:2]) and max(image.shape[:2]) <= MAX_SIDE
        assert to_mnist(image) is not None


def test_benchmark_streams_differ_from_training_streams():
    """Same seed, same index: a benchmark picture is never the picture training drew."""
    make = KINDS["scribble"]
    benchmark = next(no_digit.generated(make, 1, seed=1, family=list(KINDS).index("scribble")))
    training = make(np.random.default_rng([1, 0]))
    assert benchmark.shape != training.shape or not np.array_equal(benchmark, training)


def test_contact_sheet_has_a_row_per_kind():
    picture = np.full((120, 80, 3), 200, np.uint8)
    sheet = no_digit.contact_sheet({"one": [(picture, prediction())], "two": [(picture[..., 0], None)] * 3})
    assert sheet.dtype == np.uint8 and sheet.shape == (400, 200 + 3 * 100, 3)


# ---------------------------------------------------------------------------- the benchmark as a script


def test_benchmark_prints_a_line_per_kind_and_the_digit_figures():
    result = run_python("benchmarks/no_digit.py", "--data", SLICE, "--count", "2", "--digits", "20")
    assert result.returncode == 0, result.stderr
    for name in [*KINDS, "photos (scikit-image)", "screenshots (docs/)", "line art", "canvas-style MNIST test digits",
                 "sample_digit/ (file API)"]:
        assert name in result.stdout
    assert "refused or unsure" in result.stdout


def test_benchmark_says_in_one_line_when_the_data_is_unusable(tmp_path):
    broken = tmp_path / "mnist.npz"
    broken.write_bytes(b"not an npz")
    result = run_python("benchmarks/no_digit.py", "--data", broken, "--count", "1", "--digits", "1")
    assert result.returncode != 0
    assert str(broken) in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
