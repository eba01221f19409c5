"""training/styles.py: handwriting styles drawn from MNIST digits look like what their names say."""

import cv2
import numpy as np
import pytest
from conftest import ROOT

from training.restroke import SKELETON_SCALE, restroke_for_training, stroke_mask
from training.styles import (STYLES, restyle, restyle_for_training, restyled_lines, stroke_lines,
                             trace_strokes)

SLICE = ROOT / "tests" / "data" / "mnist_slice.npz"
SIZE, PEN = 100, 3
"""A thin pen on a 100 px digit, where the drawings' shapes are measured."""


@pytest.fixture(scope="module")
def mnist():
    with np.load(SLICE) as data:
        return data["x_test"], data["y_test"]


def digits_of(mnist, digit, count=60):
    images, labels = mnist
    return images[labels == digit][:count]


def drawn(digit, style, seed):
    """The digit in ``style`` with a thin pen, cropped to its ink; None if it cannot take the style."""
    lines = restyled_lines(digit, style, np.random.default_rng(seed), PEN / (SIZE / 20 / SKELETON_SCALE))
    return None if lines is None else cropped(stroke_lines(lines, SIZE, PEN, (300, 300), (60, 60)))


def plain(digit):
    """The digit redrawn with the same thin pen and no style, cropped to its ink."""
    return cropped(stroke_mask(digit, SIZE, PEN, (300, 300), (60, 60)))


def cropped(mask):
    rows, columns = np.nonzero(mask > 127)
    return mask[rows.min():rows.max() + 1, columns.min():columns.max() + 1]


def all_drawn(mnist, style, count=60):
    """(styled, plain) pairs for the slice's digits of that style that can take it."""
    pairs = []
    for seed, digit in enumerate(digits_of(mnist, STYLES[style], count)):
        styled = drawn(digit, style, seed)
        if styled is not None:
            pairs.append((styled, plain(digit)))
    return pairs


def holes(mask):
    """How many closed loops the ink makes (areas of paper it encloses)."""
    _, hierarchy = cv2.findContours((mask > 127).astype(np.uint8), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    return 0 if hierarchy is None else int((hierarchy[0][:, 3] >= 0).sum())


def pieces(mask):
    count, _, stats, _ = cv2.connectedComponentsWithStats((mask > 127).astype(np.uint8))
    return int((stats[1:, cv2.CC_STAT_AREA] > 20).sum())


def widest_run(rows):
    """The widest stretch of ink across any of these rows, in pixels."""
    return max((np.ptp(np.nonzero(row > 127)[0]) + 1 if (row > 127).any() else 0) for row in rows)


def test_styles_are_named_for_their_digit():
    assert set(STYLES) >= {"flag_1", "flag_foot_1", "crossed_7", "closed_4", "open_4", "straight_tail_9",
                           "curved_tail_9", "open_top_8", "angular_6", "detached_top_5"}
    for style, digit in STYLES.items():
        assert style.endswith(f"_{digit}")


@pytest.mark.parametrize("style", list(STYLES))
def test_most_digits_take_each_style_and_give_an_ink_mask(mnist, style):
    rng = np.random.default_rng(0)
    digits = digits_of(mnist, STYLES[style], 40)
    masks = [restyle(digit, style, rng) for digit in digits]
    drawn_masks = [mask for mask in masks if mask is not None]
    assert len(drawn_masks) >= (0.3 if style == "open_top_8" else 0.6) * len(digits)
    for mask in drawn_masks:
        assert mask.dtype == np.uint8 and mask.ndim == 2
        assert mask.max() == 255 and (mask > 127).mean() < 0.6
        assert not mask[0].any() and not mask[-1].any() and not mask[:, 0].any() and not mask[:, -1].any()


def test_a_flagged_1_is_wider_at_the_top_than_at_the_bottom(mnist):
    pairs = all_drawn(mnist, "flag_1")
    assert len(pairs) >= 40
    widening = [(ink_span(styled[:len(styled) // 3]) - ink_span(styled[-len(styled) // 3:])) / len(styled)
                for styled, _ in pairs]
    plain_widening = [(ink_span(bare[:len(bare) // 3]) - ink_span(bare[-len(bare) // 3:])) / len(bare)
                      for _, bare in pairs]
    assert min(widening) > 0
    assert np.median(widening) > np.median(plain_widening) + 0.1


def ink_span(rows):
    """How far the ink in these rows reaches from left to right, in pixels."""
    columns = np.nonzero((rows > 127).any(axis=0))[0]
    return np.ptp(columns) + 1


def test_a_footed_1_stands_on_a_level_base(mnist):
    for styled, bare in all_drawn(mnist, "flag_foot_1"):
        height = styled.shape[0]
        assert widest_run(styled[-PEN - 2:]) > 0.25 * height > widest_run(bare[-PEN - 2:])


def test_a_crossed_7_has_a_bar_across_its_middle(mnist):
    pairs = all_drawn(mnist, "crossed_7")
    assert len(pairs) >= 40
    crossed = [widest_run(styled[int(0.35 * len(styled)):int(0.7 * len(styled))]) / len(styled)
               for styled, _ in pairs]
    bare = [widest_run(plain_7[int(0.35 * len(plain_7)):int(0.7 * len(plain_7))]) / len(plain_7)
            for _, plain_7 in pairs]
    assert min(crossed) > 0.2
    assert np.median(crossed) > np.median(bare) + 0.15


def test_the_top_loop_of_an_open_top_8_is_open(mnist):
    pairs = all_drawn(mnist, "open_top_8")
    assert len(pairs) >= 15
    for styled, bare in pairs:
        assert holes(styled) < holes(bare)
        assert all(y > 0.4 * len(styled) for y in hole_heights(styled))  # the lower loop is still closed


def hole_heights(mask):
    """The height of the middle of each closed loop in the ink."""
    contours, hierarchy = cv2.findContours((mask > 127).astype(np.uint8), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_NONE)
    if hierarchy is None:
        return []
    return [contour[:, 0, 1].mean() for contour, (*_, parent) in zip(contours, hierarchy[0]) if parent >= 0]


def test_a_closed_4_has_a_closed_top_and_an_open_4_has_none(mnist):
    closed, opened = all_drawn(mnist, "closed_4"), all_drawn(mnist, "open_4")
    assert len(closed) >= 35 and len(opened) >= 35
    assert np.mean([holes(styled) >= 1 for styled, _ in closed]) >= 0.95
    assert np.mean([holes(styled) == 0 for styled, _ in opened]) >= 0.95


def test_the_top_bar_of_a_detached_top_5_is_a_stroke_of_its_own(mnist):
    pairs = all_drawn(mnist, "detached_top_5")
    assert len(pairs) >= 30
    for styled, bare in pairs:
        assert pieces(styled) == pieces(bare) + 1


def test_a_curved_tail_curls_left_and_a_straight_one_does_not(mnist):
    curved, straight = all_drawn(mnist, "curved_tail_9"), all_drawn(mnist, "straight_tail_9")
    assert len(curved) >= 30 and len(straight) >= 30

    def foot_width(mask):
        return widest_run(mask[-len(mask) // 8:]) / len(mask)

    assert np.median([foot_width(styled) for styled, _ in curved]) > 0.2
    assert np.median([foot_width(styled) for styled, _ in straight]) < 0.12
    assert all(holes(styled) >= 1 for styled, _ in curved + straight)  # the loop is kept


def test_angular_digits_are_drawn_with_few_straight_segments(mnist):
    for seed, digit in enumerate(digits_of(mnist, 6, 30)):
        lines = restyled_lines(digit, "angular_6", np.random.default_rng(seed), 3.0)
        corners = sum(len(line) for line in lines)
        assert corners <= 30 < len(trace_strokes_points(digit))


def trace_strokes_points(digit):
    from training.restroke import centre_line

    return np.concatenate([stroke.points for stroke in trace_strokes(centre_line(digit)).strokes])


def test_a_digit_that_cannot_take_a_style_gives_none(mnist):
    rng = np.random.default_rng(0)
    zero, one = digits_of(mnist, 0, 1)[0], digits_of(mnist, 1, 1)[0]
    assert restyle(np.zeros((28, 28), np.uint8), "flag_1", rng) is None
    assert restyle(zero, "flag_1", rng) is None  # a 0 has no straight stem to flag
    assert restyle(one, "open_top_8", rng) is None  # nor a 1 any loop to open
    with pytest.raises(ValueError, match="unknown style"):
        restyle(one, "gothic_1", rng)


def test_same_seed_same_drawing(mnist):
    digit = digits_of(mnist, 7, 1)[0]
    first = restyle(digit, "crossed_7", np.random.default_rng(3))
    assert np.array_equal(first, restyle(digit, "crossed_7", np.random.default_rng(3)))
    assert not np.array_equal(first, restyle(digit, "crossed_7", np.random.default_rng(4)))


def test_restyle_for_training_gives_mnist_like_images_independent_of_chunking(mnist):
    images, labels = mnist[0][:120], mnist[1][:120]
    whole = restyle_for_training(images, labels, seed=5, first_index=1000)
    assert whole.shape == images.shape and whole.dtype == np.uint8
    in_chunks = np.concatenate([restyle_for_training(images[:50], labels[:50], 5, 1000),
                                restyle_for_training(images[50:], labels[50:], 5, 1050)])
    assert np.array_equal(whole, in_chunks)
    assert (whole.max(axis=(1, 2)) == 255).all()
    assert not np.array_equal(whole, restroke_for_training(images, 5, 1000))
    rows, columns = np.indices((28, 28))
    for image in whole:
        ink = image.astype(float)
        assert abs((ink * rows).sum() / ink.sum() - 14) < 1.5 and abs((ink * columns).sum() / ink.sum() - 14) < 1.5


def test_trace_strokes_finds_ends_junctions_and_loops():
    tee = np.zeros((40, 40), bool)
    tee[5, 5:35] = True
    tee[5:35, 20] = True
    graph = trace_strokes(tee)
    assert len(graph.strokes) == 3 and len(graph.ends()) == 3
    ring = cv2.circle(np.zeros((40, 40), np.uint8), (20, 20), 12, 1, 1).astype(bool)
    loop = trace_strokes(ring)
    assert len(loop.strokes) == 1 and loop.strokes[0].closed and not loop.ends()
    staircase = np.eye(30, dtype=bool) | np.eye(30, k=1, dtype=bool)
    assert len(trace_strokes(staircase).strokes) == 1
