"""Finding the digits of a number written in the window, from its strokes: made-up strokes,
and a made-up reader where one is needed."""

import math

import numpy as np
import pytest
from drawn_shapes import FIVE_BAR, FIVE_BODY, FOUR, NINE, ONE, SEVEN, TWO, ZERO, leaning_zero_arc, lefts, strokes_of

from draw_app.segment import MARGIN, Reading
from draw_app.stroke_digits import (continues, cut_along_the_path, cuts_along_the_path, find_digits_in_strokes,
                                    group_strokes, stroke_crop)
from draw_app.strokes import Stroke


@pytest.mark.parametrize("digit", [FOUR, [FIVE_BODY[0], FIVE_BAR[0]], SEVEN + [[(0.15, 0.5), (0.5, 0.5)]]],
                         ids=["4 in two strokes", "5 with its bar apart", "7 with a crossbar"])
def test_strokes_of_one_digit_are_one_group(digit):
    assert len(group_strokes(strokes_of(digit, 100, 60, 180))) == 1


def test_a_bar_drawn_before_the_rest_of_its_digit_joins_it():
    strokes = strokes_of(FIVE_BAR, 100, 60, 180) + strokes_of(FIVE_BODY, 100, 60, 180)
    assert len(group_strokes(strokes)) == 1


def test_a_digit_under_a_sevens_bar_is_a_digit_of_its_own_though_its_pixels_overlap():
    seven = [Stroke(10, [(100, 60), (330, 60)]), Stroke(10, [(208, 60), (136, 240)])]  # a long bar
    one = [Stroke(10, [(290, 90), (290, 240)])]  # under the bar, not touching it
    assert group_strokes(seven + one) == [seven, one]


def test_two_digits_written_close_together_are_two_groups():
    strokes = strokes_of(ONE, 100, 60, 180) + strokes_of(ONE, 125, 60, 180)
    assert len(group_strokes(strokes)) == 2


def test_stroke_digits_are_ordered_left_to_right_whatever_order_they_were_drawn_in():
    strokes = strokes_of(SEVEN, 500, 60, 180) + strokes_of(ONE, 100, 60, 180) + strokes_of(FOUR, 300, 60, 180)
    crops = find_digits_in_strokes(strokes)
    assert len(crops) == 3 and lefts(crops) == sorted(lefts(crops))
    x, y, width, height = crops[0].box
    assert (x, y) == (100 + 54 - 5, 60 - 5) and height == 190


def test_a_dot_among_stroke_digits_is_left_out():
    strokes = strokes_of(TWO, 100, 60, 180) + [Stroke(10, [(260, 200)])] + strokes_of(SEVEN, 300, 60, 180)
    assert len(find_digits_in_strokes(strokes)) == 2


def test_a_stray_dot_within_a_digits_columns_does_not_join_it_but_one_on_its_stroke_does():
    zero = strokes_of(ZERO, 100, 60, 180)
    inside = Stroke(10, [(150, 100)])  # in the 0's columns, far from its ink
    on_it = Stroke(10, [(100 + 0.3 * 180, 60 + 6)])  # on the top of the 0
    assert len(group_strokes(zero + [inside])) == 2
    crop, = find_digits_in_strokes(zero + [inside])  # the dot is a mark, left out
    assert crop.box == find_digits_in_strokes(zero)[0].box
    assert len(group_strokes(zero + [on_it])) == 1


def test_a_dot_drawn_just_under_a_digit_is_not_taken_for_a_piece_of_it():
    """A decimal point under the end of a 2's foot, nearer than a pen lift's gap."""
    two = strokes_of(TWO, 100, 60, 180)
    point = Stroke(10, [(200, 262)])
    crop, = find_digits_in_strokes(two + [point], read=lambda group: Reading(2, 0.999))
    assert crop.box == find_digits_in_strokes(two)[0].box


def test_a_stroke_drawn_in_two_goes_with_the_pen_lifted_in_between_is_one_digit():
    """Each half of the 1 is too tall to be a bar of the other and they do not touch: only
    the line's height says that each is short for a digit."""
    one_in_two_goes = [Stroke(10, [(130, 60), (130, 145)]), Stroke(10, [(130, 160), (130, 240)])]
    two = strokes_of(TWO, 200, 60, 180)
    assert len(group_strokes(one_in_two_goes + two)) == 3
    crops = find_digits_in_strokes(one_in_two_goes + two)
    assert len(crops) == 2 and crops[0].box[3] == 190


def slanted_one_in_two_goes(left: float, top: float) -> list[Stroke]:
    """A 1 leaning right, 180 tall, drawn in two goes: the pen lifted halfway down and put
    down again 15 pixels on. The halves share none of their columns and are a pen's width
    wider than a dot: only where the second began says they are one stroke."""
    first = [(left + 60 - 0.3 * y, top + y) for y in range(0, 91, 10)]
    second = [(left + 60 - 0.3 * y, top + y) for y in range(105, 181, 15)]
    return [Stroke(10, first), Stroke(10, second)]


@pytest.mark.parametrize("second, carries_on", [
    ([(100, 125), (100, 200)], True),  # put down again 25 below, heading on down
    ([(95, 110), (85, 190)], True),  # a little back and aside, heading much the same way
    ([(100, 160), (100, 240)], False),  # 60 below: too far for a pen lift
    ([(110, 125), (190, 125)], False),  # heading off sideways
    ([(100, 110), (100, 40)], False),  # heading back up
    ([(100, 125)], False),  # a dot goes nowhere
])
def test_a_stroke_carries_on_the_last_one_where_it_begins_near_its_end_heading_the_same_way(second, carries_on):
    first = Stroke(10, [(100, 0), (100, 50), (100, 100)])
    assert continues(first, Stroke(10, second), pen=10, line=100) is carries_on


def test_a_slanted_1_drawn_in_two_goes_is_one_digit_alone_or_in_a_number():
    one = slanted_one_in_two_goes(100, 60)
    assert len(group_strokes(one)) == 2  # neither half is a bar of the other
    crop, = find_digits_in_strokes(one)
    assert crop.box[3] == 190  # 180 and the pen
    assert len(find_digits_in_strokes(one, read=lambda group: Reading(1, 0.99))) == 1
    assert len(find_digits_in_strokes(one + strokes_of(SEVEN, 200, 60, 180))) == 2


def test_a_digit_begun_where_the_one_before_ended_is_a_digit_of_its_own():
    """The 1 of a 01 written close begins just beside the top of the 0, where the 0 ended: but
    each is as tall as both, as no digit and the rest of its stroke are. A 7 begun where a
    5's bar ended, heading on the same way: together too wide for one digit."""
    zero = [Stroke(10, [(100 + 36 * math.sin(a), 150 - 90 * math.cos(a)) for a in np.linspace(0, 2 * math.pi, 40)])]
    one = [Stroke(10, [(148, 65), (148, 240)])]
    assert len(find_digits_in_strokes(zero + one)) == 2
    five = strokes_of(FIVE_BODY, 100, 60, 180) + strokes_of(FIVE_BAR, 100, 60, 180)
    seven = [Stroke(10, [(205, 60), (318, 60), (240, 240)])]
    assert len(find_digits_in_strokes(five + seven, read=lambda group: Reading(5, 0.99))) == 2


def zero_in_two_arcs(left: float, top: float, height: float = 180, width: float = 0.56,
                     apart: float = 0) -> list[Stroke]:
    """A 0 drawn as its left arc, top to bottom, then its right arc, top to bottom: halves
    side by side, each as tall as both, whose ink meets at the top and the bottom (unless
    the right one is drawn ``apart`` pixels further on)."""
    centre_x, centre_y, across, down = left + 0.3 * height, top + height / 2, width / 2 * height, 0.48 * height
    return [Stroke(10, [(centre_x + sign * across * math.sin(a) + (apart if sign > 0 else 0),
                         centre_y - down * math.cos(a)) for a in np.linspace(0, math.pi, 20)]) for sign in (-1, 1)]


@pytest.mark.parametrize("halves, together, digits", [(0.6, 0.99, 1), (0.99, 0.99, 1), (0.6, 0.3, 2)],
                         ids=["unsure halves of a sure 0", "halves read as sure 1s", "no surer together"])
def test_a_zero_drawn_as_two_arcs_is_one_digit_when_it_reads_as_one(halves, together, digits):
    """A 0's arcs bow away from each other, however surely each reads as a 1 (a trial's
    2026 read 21126)."""
    zero = zero_in_two_arcs(100, 60)

    def read(group):
        return Reading(0, together) if len(group) == 2 else Reading(1, halves)

    assert len(group_strokes(zero)) == 2
    assert len(find_digits_in_strokes(zero, read)) == digits
    assert len(find_digits_in_strokes(zero)) == 2  # without a reader, geometry cannot tell


def test_straight_strokes_touching_side_by_side_that_each_read_surely_stay_two_digits():
    """Two digits written close enough to touch each read surely; they do not bow apart as a 0's halves."""
    strokes = [Stroke(10, [(100, 240), (150, 60)]), Stroke(10, [(150, 60), (200, 240)])]

    def read(group):
        return Reading(0, 0.99) if len(group) == 2 else Reading(1, 0.95)

    assert len(find_digits_in_strokes(strokes, read)) == 2


@pytest.mark.parametrize("shape", [{"apart": 20}, {"width": 1.1}], ids=["not touching", "wider than tall"])
def test_arcs_side_by_side_that_do_not_touch_or_are_wide_stay_two_digits(shape):
    """However the reader reads them: ")(" drawn apart, or two arcs as wide as a digit each."""
    arcs = zero_in_two_arcs(100, 60, **shape)
    assert len(find_digits_in_strokes(arcs, lambda group: Reading(0, 0.99) if len(group) == 2
                                      else Reading(1, 0.6))) == 2


def test_pieces_that_carry_a_stroke_on_stay_apart_when_they_do_not_read_as_one_digit():
    one = slanted_one_in_two_goes(100, 60)
    assert len(find_digits_in_strokes(one, read=lambda group: Reading(1, 0.4) if len(group) == 2
                                      else Reading(1, 0.99))) == 2


@pytest.mark.parametrize("cents", [[NINE, NINE], [TWO]], ids=["14 and 99 raised", "10 and a raised 2"])
def test_the_cents_of_a_price_written_small_and_raised_are_digits_of_their_own(cents):
    """Cents (or a power) written half as tall and above the line share few rows with the
    digit before them: they are not the pieces of one digit drawn in two goes."""
    whole = strokes_of(ONE, 100, 150, 180) + strokes_of(FOUR if len(cents) == 2 else ZERO, 220, 150, 180)
    small = [stroke for place, shape in enumerate(cents) for stroke in strokes_of(shape, 340 + 55 * place, 75, 81)]
    crops = find_digits_in_strokes(whole + small, read=lambda group: Reading(9, 0.9))
    assert len(crops) == 2 + len(cents)
    assert all(crop.box[3] < 100 for crop in crops[2:])


def test_two_short_digits_drawn_one_after_the_other_side_by_side_stay_apart():
    small_ones = strokes_of(ONE, 100, 150, 90) + strokes_of(ONE, 140, 150, 90)
    assert len(find_digits_in_strokes(strokes_of(TWO, 300, 60, 180) + small_ones)) == 3


@pytest.mark.parametrize("apart, together, digits", [(0.3, 0.999, 1), (0.999, 0.5, 2), (0.3, 0.4, 2)])
def test_stroke_pieces_side_by_side_are_one_digit_when_they_read_better_together(apart, together, digits):
    """A 4 whose upright was drawn after its bar and misses it: two groups side by side."""
    bar = [Stroke(10, [(172, 60), (100, 177), (181, 177)])]
    upright = [Stroke(10, [(195, 90), (195, 240)])]

    def read(group):
        return Reading(4, together) if len(group) == 2 else Reading(1, apart)

    assert len(find_digits_in_strokes(bar + upright, read)) == digits
    assert len(find_digits_in_strokes(bar + upright)) == 2  # without a reader, geometry alone


@pytest.mark.parametrize("side, together, digits", [
    (0.6, 0.95, 1),   # the left side reads doubtfully, the whole surely: one 0, its pen lifted twice
    (0.92, 0.95, 2),  # each reads well apart: two digits, though together they would gain
    (0.6, 0.8, 2),    # nor do they read well together
])
def test_stroke_halves_apart_sharing_columns_are_one_digit_when_one_reads_doubtfully(side, together, digits):
    """A leaning 0 drawn as two strokes that do not touch, each nearly as tall as the 0: its
    left side, and the rest reaching back over most of the side's columns (such a 0 was
    read 12). They are a 0's halves only when the reader says so."""
    left_side, rest = strokes_of([leaning_zero_arc(120, 240), leaning_zero_arc(-100, 100)], 100, 60, 180)

    def read(group):
        if len(group) == 2:
            return Reading(0, together)
        return Reading(1, side) if group[0] is left_side else Reading(2, 0.99)

    assert len(find_digits_in_strokes([left_side, rest], read)) == digits
    assert len(find_digits_in_strokes([left_side, rest])) == 2  # without a reader, geometry alone


@pytest.mark.parametrize("together, digits", [(0.999, 2), (0.2, 3)])
def test_a_stroke_drawn_back_beside_an_earlier_digit_joins_it_when_they_read_better_together(together, digits):
    """The upright of a 4 that misses its bar, added after the 7 beside it was written: it is
    drawn back, left of the digit before it, so it may be the rest of an earlier digit."""
    bar = Stroke(10, [(172, 60), (100, 177), (181, 177)])
    upright = Stroke(10, [(195, 90), (195, 240)])
    seven = strokes_of(SEVEN, 300, 60, 180)

    def read(group):
        return Reading(4, together) if bar in group and upright in group else Reading(1, 0.3)

    assert len(find_digits_in_strokes([bar, *seven, upright], read)) == digits


def one_in_pieces(*spans: tuple[float, float]) -> list[Stroke]:
    """A 1 leaning right, 180 tall, the pen skipping on its way down: a piece for each span of
    its height, sharing none of their columns."""
    return [Stroke(10, [(200 - 0.5 * y, 60 + y) for y in np.linspace(start, end, 8)]) for start, end in spans]


def one_in_three_goes() -> list[Stroke]:
    """A long piece, a short one and a long one, a pen's width and a little apart."""
    return one_in_pieces((0, 60), (74, 106), (120, 180))


@pytest.mark.parametrize("pieces, middle, digits", [
    (one_in_three_goes(), None, 1),
    (one_in_three_goes(), Reading(1, 0.4), 3),
    (one_in_pieces((0, 75), (88, 93), (105, 180)), Reading(1, 0.4), 1),
], ids=["reading as no digit", "reading as a doubtful 1", "a dot"])
def test_a_piece_between_two_pen_lifts_that_is_no_digit_is_read_with_both_its_neighbours(pieces, middle, digits):
    """No two neighbouring pieces read as one digit (each pair reads 0.3), all three together
    do; the middle piece, reading as no digit or no more than a dot, is a piece cut off by
    pen lifts on both sides, a skipping pen's (a 4 in four strokes was read 614, a 7 in three
    11), not a digit. A dot is never a digit: the dot's 1 has two, not three."""
    top, middle_piece, foot = pieces

    def read(group):
        if len(group) == 3:
            return Reading(1, 0.99)
        if len(group) == 2:
            return Reading(7, 0.3)
        return middle if group[0] is middle_piece else Reading(1, 0.6)

    assert len(find_digits_in_strokes(pieces, read)) == digits


def test_a_piece_reading_as_no_digit_joins_the_next_only_where_its_ink_is_near():
    """A stray mark inside a 0, near its right side, then a 1 in two goes beside it: the mark
    is no bridge from the 0 to the 1's top half, well off to its right (a 0 and a 7's bar were
    read as a 5 that way)."""
    zero = strokes_of(ZERO, 100, 60, 180)
    mark = Stroke(10, [(178, 140), (180, 156)])
    one = slanted_one_in_two_goes(240, 60)

    def read(group):
        if group == [mark]:
            return None
        return Reading(0, 0.99) if group == zero else Reading(1, 0.99) if group == one else Reading(5, 0.6)

    crops = find_digits_in_strokes(zero + [mark] + one, read)
    assert [crop.box for crop in crops] == [find_digits_in_strokes(zero)[0].box, find_digits_in_strokes(one)[0].box]


def test_pieces_joined_are_tried_again_with_the_pieces_before_them_while_they_join():
    """A 1 in four goes whose pieces read as one digit only from the last back: the last two
    join, then the three, then all four (a 4 begun with its upright, its L in two pieces,
    was read 414: its L's pieces joined, then not the upright)."""
    pieces = one_in_pieces((0, 40), (54, 80), (94, 126), (140, 180))
    readings = {4: Reading(1, 0.99), 3: Reading(1, 0.95), 2: Reading(1, 0.9)}

    def read(group):
        if group == pieces[-len(group):]:  # the last pieces
            return readings.get(len(group), Reading(1, 0.6))
        return Reading(7, 0.3) if len(group) > 1 else Reading(1, 0.6)

    assert len(group_strokes(pieces)) == 4
    assert len(find_digits_in_strokes(pieces, read)) == 1


def seven_and_one_touching(one_at: float) -> tuple[list[Stroke], Stroke]:
    """A 7 180 tall, then a 1 as tall written against it at x = ``one_at``, within its columns:
    touching its bar (right of the 7's middle) or its foot (left of it)."""
    return strokes_of(SEVEN, 100, 60, 180), Stroke(10, [(one_at, 62), (one_at, 240)])


@pytest.mark.parametrize("one_at, whole, one, digits", [
    (200, 0.95, 0.99, 2),    # each a sure digit, together less sure: a 7 and a 1
    (200, None, 0.99, 2),    # each a sure digit, together no digit
    (200, 0.9999, 0.99, 1),  # together surer than the two apart
    (200, 0.5, 0.85, 1),     # the 1 no sure digit
    (130, 0.5, 0.99, 1),     # the 1 left of the 7's middle: drawn into it
])
def test_a_digit_written_touching_the_one_before_is_a_digit_of_its_own_when_the_two_read_better_apart(
        one_at, whole, one, digits):
    """The 1 touches the 7 and lies within its columns, so it joins its group, as a 4's upright
    joins its L; read apart, the two may be the digits they are (71 was read 7)."""
    seven, upright = seven_and_one_touching(one_at)

    def read(group):
        if len(group) == 2:
            return None if whole is None else Reading(7, whole)
        return Reading(1, one) if group == [upright] else Reading(7, 0.999)

    assert len(group_strokes([*seven, upright])) == 1
    crops = find_digits_in_strokes([*seven, upright], read)
    assert len(crops) == digits
    if digits == 2:
        assert crops[1].box == find_digits_in_strokes([upright])[0].box


@pytest.mark.parametrize("slash", [[(0.2, 0.85), (0.55, 0.05)], [(0.22, 0.75), (0.4, 0.2)]],
                         ids=["reaching past the 0", "inside the 0"])
def test_a_slashed_zeros_slash_is_part_of_the_zero_however_surely_the_two_read_apart(slash):
    """2024 written with a slashed 0 read 20124 (a new user's trial): the 0 and the slash, read
    apart, were a sure 0 and a sure 1, the slashed 0 a doubtful one."""
    strokes = strokes_of(ZERO, 100, 60, 180) + strokes_of([slash], 100, 60, 180)

    def read(group):
        return Reading(0, 0.6) if len(group) == 2 else Reading(0 if group[0] is strokes[0] else 1, 0.999)

    assert len(find_digits_in_strokes(strokes, read)) == 1
    seven, upright = seven_and_one_touching(200)  # a 1 against a 7: the 7 on one side of it only
    assert len(find_digits_in_strokes([*seven, upright], lambda group: Reading(7, 0.5) if len(group) == 2
                                      else Reading(1 if group == [upright] else 7, 0.999))) == 2


BACKHAND_ONE_IN_TWO_GOES = [Stroke(10, [(100, 60), (145, 150)]), Stroke(10, [(152, 165), (190, 240)])]
"""A 1 leaning left drawn in two goes: its second half lies further right, each half half as tall as both."""


@pytest.mark.parametrize("strokes", [strokes_of(FOUR, 100, 60, 180), BACKHAND_ONE_IN_TWO_GOES],
                         ids=["a 4's L and upright", "a backhand 1 in two goes"])
def test_strokes_not_each_as_tall_as_both_are_one_digit_however_surely_they_read_apart(strokes):
    """However the reader reads them: the parts of one digit, not two digits side by side."""
    assert len(find_digits_in_strokes(strokes, lambda group: Reading(1, 0.99) if len(group) == 1
                                      else Reading(4, 0.5))) == 1


def test_of_the_places_a_group_may_be_read_apart_the_one_that_reads_best_is_taken():
    """A 7 with a crossbar, then a 1 against it: the 7 without its crossbar reads less surely
    than with it, and the crossbar with the 1 less surely than the 1 alone."""
    seven, upright = seven_and_one_touching(200)
    crossbar = Stroke(10, [(130, 150), (190, 150)])
    readings = {1: Reading(7, 0.95), 2: Reading(7, 0.999)}

    def read(group):
        if group[0] is upright or group[0] is crossbar:
            return Reading(1, 0.99) if group == [upright] else Reading(1, 0.95)
        return readings.get(len(group), Reading(7, 0.5))

    first, second = find_digits_in_strokes([*seven, crossbar, upright], read)
    assert first.box == find_digits_in_strokes([*seven, crossbar])[0].box
    assert second.box == find_digits_in_strokes([upright])[0].box


def test_a_group_is_not_read_apart_where_a_part_would_be_too_small_for_a_digit():
    """A 7 and a 1 written small after a 0 three times as tall: the 1 alone would be a mark."""
    zero = strokes_of(ZERO, 100, 60, 180)
    seven = [Stroke(10, [(260, 170), (300, 170), (275, 240)])]
    one = Stroke(10, [(296, 188), (296, 240)])

    def read(group):
        return Reading(7, 0.5) if len(group) == 2 else Reading(1, 0.99) if group == [one] else Reading(7, 0.99)

    crops = find_digits_in_strokes(zero + seven + [one], read)
    assert len(crops) == 2 and np.array_equal(crops[1].image, find_digits_in_strokes(seven + [one])[0].image)


def one_two_in_one_stroke() -> tuple[Stroke, Stroke, Stroke]:
    """12 written without lifting the pen, the pen moving fast from the 1's foot to the 2's top
    (one long step between points); and the 1 and the 2 as strokes of their own."""
    one, two = strokes_of(ONE, 100, 60, 180)[0], strokes_of(TWO, 190, 60, 180)[0]
    return Stroke(10, one.points + two.points), one, two


DOUBTFUL_SIX = Reading(6, 0.5)


def reads_only(*wanted: tuple[Stroke, Reading], otherwise=DOUBTFUL_SIX):
    """A reader of crops that reads the given strokes' crops as given, and anything else as ``otherwise``."""
    def read(image):
        return next((reading for stroke, reading in wanted if np.array_equal(image, stroke_crop([stroke]).image)),
                    otherwise)
    return read


def test_a_number_written_in_one_stroke_is_cut_where_the_pen_went_from_one_digit_to_the_next():
    together, one, two = one_two_in_one_stroke()
    assert any(first[0].points == one.points for first, _ in cuts_along_the_path([together]))
    parts = cut_along_the_path([together], 180, reads_only((one, Reading(1, 0.99)), (two, Reading(2, 0.99))),
                               lambda: 0.9)
    assert [[stroke.points for stroke in part] for part in parts] == [[one.points], [two.points]]


def test_a_number_written_in_one_stroke_at_an_even_pace_is_not_cut_along_its_path():
    """No step is longer than the others: the way from one digit to the next cannot be told
    (it is left to the cut through its ink)."""
    one_then_two = [(0.3, 0.0), (0.3, 1.0)] + [(0.5 + x, y) for x, y in TWO[0]]
    assert list(cuts_along_the_path(strokes_of([one_then_two], 100, 60, 180))) == []


@pytest.mark.parametrize("whole, apart", [(0.99, 0.99), (0.3, 0.85)], ids=["surer whole", "parts unsure"])
def test_a_stroke_is_not_cut_where_its_parts_read_no_better_or_no_surer_than_it(whole, apart):
    together, one, two = one_two_in_one_stroke()
    read = reads_only((one, Reading(1, apart)), (two, Reading(2, apart)))
    assert cut_along_the_path([together], 180, read, lambda: whole) is None


def test_a_stroke_doubling_back_over_itself_is_not_cut_into_parts_that_overlap():
    """Down to the right, back up to the left and, fast, down again: cut at the fast step, the
    parts are each about as tall as both and side by side, but share most of the narrower's
    columns, as one digit's do."""
    down_and_back, = strokes_of([[(0.0, 0.0), (0.55, 1.0), (0.28, 0.0)]], 100, 60, 180)
    down_again, = strokes_of([[(0.33, 0.09), (0.83, 1.0)]], 100, 60, 180)
    zigzag = Stroke(10, down_and_back.points + down_again.points)
    assert len(list(cuts_along_the_path([zigzag]))) == 1
    assert cut_along_the_path([zigzag], 180, lambda image: Reading(2, 0.99), lambda: 0.3) is None


def test_a_stroke_is_not_cut_along_its_path_into_parts_that_are_not_digits_side_by_side():
    """A 7 whose pen moved fast from the end of its bar down its stem: the bar is no digit."""
    bar, = strokes_of([[(0.0, 0.0), (0.6, 0.0)]], 100, 60, 180)
    stem, = strokes_of([[(0.55, 0.1), (0.2, 1.0)]], 100, 60, 180)
    seven = Stroke(10, bar.points + stem.points)
    assert len(list(cuts_along_the_path([seven]))) == 1
    assert cut_along_the_path([seven], 180, lambda image: Reading(7, 0.99), lambda: 0.3) is None


def test_a_stroke_is_not_cut_along_its_path_where_the_pen_went_back_left():
    """A 4 begun with its upright, the pen moving fast back up and left to draw its L: a
    number is written left to right, so the L is no next digit (the parts share no columns)."""
    upright, = strokes_of([[(0.9, 0.0), (0.9, 1.0)]], 100, 60, 180)
    corner, = strokes_of([[(0.5, 0.0), (0.0, 0.8), (0.7, 0.8)]], 100, 60, 180)
    four = Stroke(10, upright.points + corner.points)
    assert len(list(cuts_along_the_path([four]))) == 1
    assert cut_along_the_path([four], 180, lambda image: Reading(4, 0.99), lambda: 0.3) is None


def test_a_place_the_pen_reported_twice_is_no_step():
    """A number written at an even pace, each place reported twice: its steps are as even as
    ever, and it is not cut along its path."""
    one_then_two = [(0.3, 0.0), (0.3, 1.0)] + [(0.5 + x, y) for x, y in TWO[0]]
    even, = strokes_of([one_then_two], 100, 60, 180)
    assert list(cuts_along_the_path([Stroke(10, [point for point in even.points for _ in range(2)])])) == []


def test_groups_side_by_side_wider_together_than_a_digit_are_not_one_digit_however_they_read():
    """A short stroke written close after a digit, sharing none of its columns (the L of an
    open 4 after a 3), read with that digit as a sure 3: together they are wider than any one
    digit is (WIDE), so they are two."""
    two = strokes_of(TWO, 100, 60, 180)
    corner = [Stroke(10, [(225, 60), (220, 170), (320, 170)])]
    assert len(find_digits_in_strokes(two + corner,
                                      read=lambda group: Reading(3, 0.999 if len(group) == 2 else 0.3))) == 2


def test_a_crop_from_strokes_holds_the_strokes_painted_white_on_black():
    crop = find_digits_in_strokes(strokes_of(SEVEN, 100, 60, 180))[0]
    assert crop.image[:MARGIN].max() == 0 and crop.image.max() == 255
    assert crop.image.shape == (crop.box[3] + 2 * MARGIN, crop.box[2] + 2 * MARGIN)


def test_no_strokes_no_digits():
    assert find_digits_in_strokes([]) == []


@pytest.mark.parametrize(("with_dash", "dash_kept"), [(0.95, False), (0.995, True)])
def test_a_dash_drawn_after_a_digit_joins_it_only_where_the_digit_reads_as_surely_with_it(with_dash, dash_kept):
    """Drawn just after a 9, beside it halfway up, a phone number's dash was read with it as a 4."""
    nine = strokes_of(NINE, 100, 60, 180)
    dash = Stroke(10, [(222, 150), (262, 150)])

    def read(group):
        if group == [dash]:
            return None  # a dash is no digit
        return Reading(4, with_dash) if dash in group else Reading(9, 0.99)

    (digit,) = find_digits_in_strokes([*nine, dash], read)
    left, _, width, _ = digit.box
    assert (left + width >= 260) is dash_kept
