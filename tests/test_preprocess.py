"""Preprocessing turns drawings of every kind into the same MNIST-like 28x28 image."""

import cv2
import numpy as np
import pytest
from conftest import ROOT
from pictures import difference, ring, seven

from draw_app import preprocess
from draw_app.ink import enlarge_small, ink_map
from draw_app.preprocess import MNIST_CENTRE, nearby_views, to_mnist


def centre_of_mass(image):
    moments = cv2.moments(image)
    return moments["m10"] / moments["m00"], moments["m01"] / moments["m00"]


def test_output_is_28x28_in_unit_range_with_full_ink():
    result = to_mnist(seven())
    assert result.shape == (28, 28)
    assert result.dtype == np.float32
    assert result.min() >= 0.0 and result.max() == pytest.approx(1.0)


def test_digit_fits_20x20_box_and_centre_of_mass_is_centred():
    for image in (seven(), ring(), seven(canvas=(640, 300), top_left=(20, 20), height=200)):
        result = to_mnist(image)
        rows, columns = np.nonzero(result > 0.05)
        assert max(np.ptp(rows), np.ptp(columns)) + 1 in (19, 20, 21)
        x, y = centre_of_mass(result)
        assert abs(x - MNIST_CENTRE) <= 0.6 and abs(y - MNIST_CENTRE) <= 0.6


def test_same_digit_anywhere_on_the_canvas_gives_nearly_the_same_image():
    reference = to_mnist(seven())
    for top_left in [(10, 10), (230, 140), (60, 150)]:
        assert difference(to_mnist(seven(top_left=top_left)), reference) < 0.01


def test_same_digit_at_another_size_gives_nearly_the_same_image():
    reference = to_mnist(seven(height=240, pen=16))
    small = to_mnist(seven(top_left=(40, 40), height=120, pen=8))
    large = to_mnist(seven(canvas=(800, 800), top_left=(100, 100), height=600, pen=40))
    assert difference(small, reference) < 0.04
    assert difference(large, reference) < 0.04


def test_paper_texture_and_specks_are_ignored():
    rng = np.random.default_rng(0)
    noisy = seven().astype(np.float32) + rng.normal(0, 8, (400, 400))
    for x, y in [(20, 380), (370, 30), (380, 370)]:
        cv2.circle(noisy, (x, y), 2, 0, -1)
    noisy = np.clip(noisy, 0, 255).astype(np.uint8)
    assert difference(to_mnist(noisy), to_mnist(seven())) < 0.02


def test_a_speck_far_from_a_small_digit_on_a_page_is_dust_not_part_of_the_digit():
    """A 1 cm digit on an A4 scan at 300 dpi, and a speck of dust 1.3 mm wide far from it: the
    speck stretched the digit's box across the page, and the digit was "no digit found"."""
    page = seven(canvas=(2480, 3508), top_left=(1400, 2000), height=118, pen=10)
    clean = to_mnist(page)
    cv2.circle(page, (500, 700), 8, 0, -1)
    assert difference(to_mnist(page), clean) < 0.01


def test_specks_are_dust_only_far_from_the_digit():
    boxes = np.array([[100, 100, 60, 100],  # the digit (reach: its 100 pixels)
                      [165, 150, 8, 8],     # a dot just beside it (a full stop, a broken-off end): kept
                      [270, 150, 8, 8],     # out of the digit's reach, within the dot's: kept
                      [400, 600, 8, 8],     # a speck far off: dust
                      [400, 300, 40, 10]])  # a mark too large for a speck, however far: kept
    extents = boxes[:, 2:].max(axis=1)
    assert preprocess.specks_far_off(boxes, extents).tolist() == [False, False, False, True, False]


def test_a_field_of_specks_is_left_whole():
    """Where the larger pieces are scattered there is no one digit to be far from."""
    scattered = [[x, y, 6 + (x + y) % 5, 6] for x in range(0, 400, 50) for y in range(0, 400, 50)]
    smaller = [[x + 25, y + 25, 2, 2] for x in range(0, 350, 50) for y in range(0, 350, 50)]  # among them
    boxes = np.array(scattered + smaller)
    assert not preprocess.specks_far_off(boxes, boxes[:, 2:].max(axis=1)).any()


def test_a_trail_of_fine_dust_does_not_bring_a_far_speck_into_the_digit():
    """Dust too fine to count is taken out anyway; it must not lead from the digit to a speck."""
    page = seven(canvas=(2480, 3508), top_left=(1400, 2000), height=118, pen=10)
    clean = to_mnist(page)
    cv2.circle(page, (500, 700), 8, 0, -1)
    for step in np.linspace(0, 1, 21)[1:-1]:  # every 80 pixels from the speck to the digit
        cv2.circle(page, (round(500 + step * 900), round(700 + step * 1300)), 3, 0, -1)
    assert difference(to_mnist(page), clean) < 0.01


def test_thin_strokes_are_thickened_like_mnist():
    thin, normal = to_mnist(seven(pen=2)), to_mnist(seven(pen=16))
    assert (thin > 0.5).sum() >= 0.7 * (normal > 0.5).sum()
    assert difference(thin, normal) < 0.06


@pytest.mark.parametrize("blank", [
    np.full((400, 400), 255, np.uint8),
    np.zeros((400, 400), np.uint8),
    np.full((300, 500, 3), (200, 180, 90), np.uint8),
    np.clip(np.random.default_rng(1).normal(235, 6, (400, 400)), 0, 255).astype(np.uint8),
    np.dstack([np.zeros((400, 400, 3), np.uint8), np.zeros((400, 400), np.uint8)]),
])
def test_no_ink_means_no_digit(blank):
    assert to_mnist(blank) is None


def test_mnist_digit_is_left_as_mnist_made_it():
    digit = np.zeros((28, 28), np.uint8)
    cv2.line(digit, (10, 4), (17, 4), 255, 2)
    cv2.line(digit, (17, 4), (12, 23), 255, 2)
    result = to_mnist(digit)
    rows, columns = np.nonzero(result > 0.5)
    assert np.ptp(rows) + 1 >= 18


def test_nearby_views_move_the_digit_a_pixel_each_way_and_turn_it_slightly():
    digit = to_mnist(ring())
    views = nearby_views(digit)
    assert len(views) == 6 and all(view.shape == (28, 28) for view in views)
    x, y = centre_of_mass(digit)
    moved = [centre_of_mass(view) for view in views[:4]]
    assert moved == [pytest.approx(point, abs=1e-3) for point in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1))]
    for turned in views[4:]:
        assert np.hypot(*np.subtract(centre_of_mass(turned), (x, y))) < 1.5
        assert 0.02 < np.abs(turned - digit).mean() and turned.sum() == pytest.approx(digit.sum(), rel=0.05)


def test_nearby_views_drop_ink_moved_past_the_edge_instead_of_wrapping_it():
    digit = np.zeros((28, 28), np.float32)
    digit[20:, 13:15] = 1.0  # a stroke down to the bottom edge
    moved_down = nearby_views(digit)[2]
    assert moved_down[:8].max() == 0 and moved_down[21:, 13:15].min() == 1.0


def filling_its_box(digit: np.ndarray, size=(15, 16)) -> np.ndarray:
    """A 28x28 MNIST digit cropped to its ink and scaled to fill a box of ``size`` (width, height),
    whatever its shape, as USPS's 16x16 and UCI's Dutch 15x16 digits are: a 1 as wide as an 8."""
    rows, columns = np.nonzero(digit > 30)
    return cv2.resize(digit[rows.min():rows.max() + 1, columns.min():columns.max() + 1], size,
                      interpolation=cv2.INTER_AREA)


@pytest.fixture(scope="module")
def mnist_one():
    with np.load(ROOT / "tests" / "data" / "mnist_slice.npz") as data:
        return data["x_train"][data["y_train"] == 1][0]


def test_a_digit_scaled_to_fill_a_small_box_is_also_offered_narrowed(mnist_one):
    slab = filling_its_box(mnist_one)
    ink = enlarge_small(ink_map(slab), preprocess.SMALL_SIDE)
    assert preprocess.fills_its_picture(ink)
    assert preprocess.narrowed(ink).shape == (ink.shape[0], round(preprocess.NARROWED_WIDTH * ink.shape[0]))
    assert len(preprocess.narrowed_candidates(slab)) == 1


@pytest.mark.parametrize("size", [(15, 16), (55, 59)])
def test_a_digit_with_paper_round_it_is_not_narrowed(mnist_one, size):
    """As the window's drawing and a number's digits are cropped: 4 pixels of paper round the ink."""
    framed = np.pad(filling_its_box(mnist_one, size), 4)
    assert not preprocess.fills_its_picture(ink_map(framed))
    assert preprocess.narrowed_candidates(framed) == []


def test_a_large_picture_a_block_of_ink_or_a_narrow_digit_is_not_narrowed(mnist_one):
    slab = filling_its_box(mnist_one)
    assert preprocess.narrowed_candidates(cv2.resize(slab, (150, 160), interpolation=cv2.INTER_LINEAR)) == []
    half_dark = np.zeros((16, 16), np.uint8)
    half_dark[:, 8:] = 255  # the paper's colour in doubt, all of it "ink"
    assert preprocess.narrowed_candidates(half_dark) == []
    assert preprocess.narrowed_candidates(filling_its_box(mnist_one, (6, 16))) == []  # as narrow already
