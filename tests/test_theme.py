"""The layout scale the side panels share: from the window's height, and no larger than its width allows."""

from draw_app.theme import LARGEST_SCALE, SMALLEST_SCALE, panel_scale, widest_scale


def test_panels_grow_with_the_height_between_the_smallest_and_largest_scale():
    assert panel_scale(100) == SMALLEST_SCALE and panel_scale(5000) == LARGEST_SCALE
    assert panel_scale(500) < panel_scale(800)


def test_panels_take_the_largest_step_of_scale_their_widths_leave_room_for():
    assert widest_scale(1000, [300, 700]) == 1.0
    assert widest_scale(990, [300, 700]) == 0.95
    assert widest_scale(100, [300, 700]) == SMALLEST_SCALE
    assert widest_scale(10_000, [300, 700]) == LARGEST_SCALE
