"""Pictures of the layers: the right shapes, the right colours, and clicks found on the right map."""

import numpy as np

from draw_app import network_view as view


def test_maps_picture_lays_the_maps_out_row_by_row_with_gaps():
    activations = np.zeros((24, 24, 30), np.float32)
    activations[..., 7] = 2.0  # map 7: row 1, column 1 of six
    picture = view.maps_picture(activations, columns=6, factor=2)
    tile, gap = 48, 2
    assert picture.shape == (5 * (tile + gap) - gap, 6 * (tile + gap) - gap)
    top, left = 1 * (tile + gap), 1 * (tile + gap)
    shown = view.coloured(picture)
    assert (shown[top:top + tile, left:left + tile] == (255, 255, 255)).all()  # the strongest: white
    assert (shown[0:tile, 0:tile] == (0, 0, 0)).all()  # none: black
    assert (shown[tile:tile + gap, :] == view.BACKGROUND_RGB).all()


def test_activations_are_shown_on_their_layers_scale():
    values = np.array([0.0, 1.0, 2.0, 4.0], np.float32)
    assert view.levels(values, 4.0).tolist() == [0, 63, 126, view.TOP_LEVEL]
    assert view.levels(values, 0.0).tolist() == [0, 0, 0, 0]


def test_strip_picture_has_a_cell_per_unit():
    picture = view.strip_picture(np.arange(128, dtype=np.float32), columns=32, cell=7, gap=2)
    assert picture.shape == (4 * 9 - 2, 32 * 9 - 2)
    assert (picture[-6:-1, -6:-1] == view.TOP_LEVEL).all()  # the last unit is the largest
    edge = view.coloured(picture[-7:, -7:])[[0, -1]].reshape(-1, 3)
    assert (edge == view.EDGE_RGB).all() and view.EDGE_RGB != view.BACKGROUND_RGB  # a white cell still shows
    assert (view.coloured(picture)[7:9] == view.BACKGROUND_RGB).all()  # the gap between the rows


def test_filter_picture_colours_weights_by_sign():
    kernel = np.zeros((5, 5), np.float32)
    kernel[0, 0], kernel[4, 4] = -0.5, 1.0
    picture = view.filter_picture(kernel, side=100)
    assert picture.shape == (100, 100, 3)
    assert tuple(picture[0, 0]) == tuple(view.WEIGHT_COLOURS[64])  # half the largest, negative: orange
    assert tuple(picture[-1, -1]) == tuple(view.WEIGHT_COLOURS[254])  # the largest, positive: blue
    assert tuple(picture[50, 50]) == (255, 255, 255)  # zero: white


def test_filter_slices_show_one_grid_per_input_map():
    kernel = np.random.default_rng(0).normal(size=(3, 3, 30)).astype(np.float32)
    picture = view.filter_slices_picture(kernel, columns=6, cell=18, gap=2)
    assert picture.shape == (5 * 20 - 2, 6 * 20 - 2, 3)


def test_cell_at_finds_the_tile_under_the_pointer():
    assert view.cell_at(5, 5, columns=6, count=30, cell=48, gap=2) == 0
    assert view.cell_at(60, 110, columns=6, count=30, cell=48, gap=2) == 13
    assert view.cell_at(49, 5, columns=6, count=30, cell=48, gap=2) is None  # the gap
    assert view.cell_at(5, 260, columns=6, count=30, cell=48, gap=2) is None  # below the last row


def test_outline_tile_frames_the_selected_map():
    picture = view.maps_picture(np.zeros((10, 10, 15), np.float32), columns=5, factor=4)
    view.outline_tile(picture, 6, columns=5, tile=40, gap=4, level=view.SELECTED_LEVEL)
    shown = view.coloured(picture)
    assert tuple(shown[44, 44]) == view.SELECTED_RGB and tuple(shown[60, 60]) == (0, 0, 0)
