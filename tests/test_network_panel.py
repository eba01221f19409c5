"""Inside the network, on its own: the maps it shows are the model's, in order, beside their filters."""

import numpy as np
import pytest
from conftest import ROOT
from gui import pump, shown_picture

from draw_app import network_view as view
from draw_app.network_panel import NetworkPanel
from draw_app.predictor import Predictor
from draw_app.theme import apply_style


@pytest.fixture(scope="module")
def predictor():
    return Predictor()


@pytest.fixture
def seven(predictor):
    return predictor.predict_file(ROOT / "sample_digit" / "7_thin.png")


@pytest.fixture
def panel(tk_root, predictor):
    tk_root.geometry("900x560+0+0")
    panel = NetworkPanel(tk_root, apply_style(tk_root))
    panel.pack(side="left", fill="y")
    panel.set_filters(predictor.network.filters())
    pump(tk_root, 0.3)
    return panel


def test_the_model_gives_every_layer_the_panel_shows(seven):
    assert {name: seven.layers[name].shape for name in ("conv1", "conv2", "dense128", "dense50")} == \
        {"conv1": (24, 24, 30), "conv2": (10, 10, 15), "dense128": (128,), "dense50": (50,)}


def test_the_first_layer_maps_are_the_filters_applied_to_what_the_network_saw(seven, predictor):
    """Each map is its filter slid over the 28x28, plus a constant (its bias), where it is not cut to 0."""
    filters = predictor.network.filters()["conv1"][..., 0]
    windows = np.lib.stride_tricks.sliding_window_view(seven.model_input, (5, 5))
    for index in range(30):
        response = (windows * filters[index]).sum(axis=(2, 3))
        active = seven.layers["conv1"][..., index] > 1e-3
        if active.sum() > 10:
            bias = seven.layers["conv1"][..., index][active] - response[active]
            assert np.ptp(bias) < 1e-3, index


def test_the_panel_shows_each_layer_as_the_model_computed_it(panel, seven):
    panel.show(seven)
    shown = shown_picture(panel.pictures["conv1"])
    factor = panel._sizes["conv1"] // 24
    expected = view.maps_picture(seven.layers["conv1"], 6, factor)
    view.outline_tile(expected, 0, 6, 24 * factor, factor, view.SELECTED_LEVEL)
    assert np.array_equal(shown, view.coloured(expected))
    shown = shown_picture(panel.pictures["conv2"])
    assert np.array_equal(shown, view.coloured(view.maps_picture(seven.layers["conv2"], 5, panel._sizes["conv2"] // 10)))
    for layer, columns in [("dense128", 32), ("dense50", 25)]:
        expected = view.strip_picture(seven.layers[layer], columns, panel._sizes[layer], 2)
        assert np.array_equal(shown_picture(panel.pictures[layer]), view.coloured(expected))
    outputs = shown_picture(panel.pictures["output"])
    cell = panel._sizes["output"]
    brightest = int(np.argmax(outputs[cell // 2, cell // 2::cell + 2].sum(axis=1)))  # each cell's middle
    assert brightest == seven.digit == 7


def test_clicking_a_map_shows_it_large_with_its_filter(panel, seven, predictor):
    panel.show(seven)
    tile = panel._sizes["conv1"]
    gap = tile // 24
    row, column = divmod(13, 6)
    panel.pictures["conv1"].event_generate("<ButtonPress-1>", x=column * (tile + gap) + 5, y=row * (tile + gap) + 5)
    panel.update()
    assert panel.selected == ("conv1", 13)
    side = panel._sizes["detail"]
    activations = seven.layers["conv1"]
    assert np.array_equal(shown_picture(panel.pictures["detail map"]),
                          view.coloured(view.map_picture(activations[..., 13], float(activations.max()), side)))
    kernel = predictor.network.filters()["conv1"][13, ..., 0]
    assert np.array_equal(shown_picture(panel.pictures["detail filter"]), view.filter_picture(kernel, side))
    assert panel.detail_title.cget("text") == "Map 14 of 30, first convolution"


def test_a_second_layer_map_shows_its_thirty_slices(panel, seven):
    panel.show(seven)
    panel.select("conv2", 4)
    filter_picture = shown_picture(panel.pictures["detail filter"])
    assert filter_picture.shape[0] < filter_picture.shape[1]  # five rows of six 3x3 slices
    assert "30 maps" in panel.filter_caption.cget("text")
    panel.step_selection(1)
    assert panel.selected == ("conv2", 5)
    panel.select("conv2", 14)
    panel.step_selection(1)
    assert panel.selected == ("conv1", 0)


def test_nothing_drawn_shows_empty_layers(panel, seven):
    panel.show(seven)
    panel.show(None)
    assert (shown_picture(panel.pictures["conv2"]) == (0, 0, 0)).all(axis=2).sum() > 10 * 10 * 15


@pytest.mark.parametrize("height", [380, 560, 900])
def test_everything_fits_in_the_height_given(panel, height):
    panel.winfo_toplevel().geometry(f"1400x{height}")
    pump(panel, 0.3)
    for widget in panel.pictures.values():
        bottom = widget.winfo_rooty() + widget.winfo_height() - panel.winfo_rooty()
        assert widget.winfo_height() == widget.winfo_reqheight() and bottom <= panel.winfo_height()


def test_a_limit_keeps_the_panel_from_growing_with_the_height(panel):
    panel.winfo_toplevel().geometry("1400x900")
    pump(panel, 0.3)
    grown = panel.winfo_reqwidth()
    panel.limit_scale(0.7)
    pump(panel, 0.2)
    assert panel.winfo_reqwidth() < 0.75 * grown
    panel.select("conv2", 0)  # the longest caption under the filter still fits in the panel
    caption = panel.filter_caption
    assert caption.winfo_rootx() + caption.winfo_reqwidth() <= panel.winfo_rootx() + panel.winfo_width()
