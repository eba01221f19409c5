"""How unlike the typical drawings of its digit a drawing lies: made-up vectors, then the shipped model."""

import numpy as np
import pytest
from conftest import SLICE
from pictures import pressed_together

from draw_app.predictor import Predictor
from draw_app.typical import NEAREST, TypicalDigits


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, np.float32)
    return vector / np.linalg.norm(vector)


def test_unlikeness_is_the_mean_distance_to_the_nearest_references_of_the_digit():
    near, far = unit(1, 0, 0), unit(0, 1, 0)
    references = np.stack([near] * NEAREST + [far] * 3 + [unit(0, 0, 1)])
    digits = np.array([7] * NEAREST + [7] * 3 + [1])
    typical = TypicalDigits((references, digits))
    assert typical.unlikeness(near, 7) == pytest.approx(0.0, abs=1e-3)  # its NEAREST twins; the far 7s do not count
    assert typical.unlikeness(far, 7) == pytest.approx(2 * np.sqrt(2) / NEAREST, abs=1e-3)  # 3 twins, 2 at right angles
    assert typical.unlikeness(near, 1) == pytest.approx(np.sqrt(2), abs=1e-3)  # fewer than NEAREST 1s: all of them


def test_a_digit_with_no_references_lies_as_far_as_can_be():
    assert TypicalDigits((np.stack([unit(1, 0)]), np.array([3]))).unlikeness(unit(1, 0), 5) == 2.0


@pytest.fixture(scope="module")
def predictor():
    return Predictor()


def test_two_digits_pressed_together_lie_further_from_the_digit_they_read_as_than_real_digits_do(predictor):
    """The network reads a 4 and a 1 pressed together as one sure 4: its softmax cannot tell,
    its feature space can. The slice's first 100 test digits lie 0.41-0.83 from their kind
    (5th to 95th percentile)."""
    with np.load(SLICE) as data:
        digits, labels = data["x_test"][:100], data["y_test"][:100]
    alone = [predictor.unlikeness(predictor.predict(np.pad(digit, 4))) for digit in digits]
    assert np.median(alone) < 0.7
    assert "".join(map(str, labels[4:6])) == "41"
    together = predictor.predict(pressed_together(digits[4], digits[5]))
    assert together.digit == 4 and together.confidence > 0.99
    assert predictor.unlikeness(together) > max(alone[4], alone[5]) + 0.15


def test_a_drawing_read_as_the_user_taught_it_is_never_unlike_its_digit(tmp_path):
    """The user's examples decided it: it is like the user's hand, not the reference digits,
    and is not to be cut in two for lying far from them."""
    with np.load(SLICE) as data:
        four = np.pad(data["x_test"][4], 4)
    predictor = Predictor(examples=tmp_path)
    assert predictor.unlikeness(predictor.predict(four)) > 0.3
    predictor.examples.learn(predictor.predict(four).model_input, 9)
    taught = predictor.predict(four)
    assert (taught.digit, taught.from_examples) == (9, True)
    assert predictor.unlikeness(taught) == 0.0


def test_a_model_without_the_feature_layer_finds_every_drawing_typical(tmp_path):
    from hostile_models import write_model

    predictor = Predictor(write_model("float", tmp_path))
    with np.load(SLICE) as data:
        reading = predictor.predict(np.pad(data["x_test"][4], 4))
    assert "conv2" not in reading.layers and predictor.unlikeness(reading) == 0.0
