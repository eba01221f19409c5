"""Find the digits of a number written in the window, from its strokes, left to right.

The window knows every stroke, in the order it was drawn, so two digits written close
together or overlapping are still apart, which pixels alone cannot tell (draw_app/segment.py
finds digits in a picture's pixels). People write a number digit by digit: a stroke
either begins a digit or adds to one (group_strokes); pieces of a digit the pen was
lifted between are joined (pen_lifts_joined), a group that is two digits written touching
is parted (read_apart, cut_along_the_path), and marks much smaller than the digits are
left out and counted (digits_and_marks). Each digit becomes a DigitCrop, its strokes
painted white on black, which draw_app.preprocess brings to 28x28 like any drawing.
Where geometry cannot tell, a ``read`` function decides: any function from a group of
strokes to a Reading, so the rules are tested with made-up strokes and a made-up reader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np
from PIL import Image, ImageDraw

from draw_app.marks import underlines_among
from draw_app.segment import (ATTACHED, BROKEN_SHARED, HALF_BOW, MARGIN, NEAR, PART, REACH, SMALLEST_DIGIT, TALL,
                              TALLEST, WIDE,
                              DigitCrop, Extent, Reader, Reading, centre_of_ink, is_dash_beside, is_dot_sized,
                              reads_as_cut_across, shared_columns, union)
from draw_app.strokes import Stroke, paint_stroke

GroupReader = Callable[[Sequence[Stroke]], "Reading | None"]
"""Reads the digit drawn with a group of strokes, as a Reader reads a crop."""

ENCLOSED = 0.75
"""A stroke with another digit's ink on both sides of this share of its middle half is held
by that digit (see encloses)."""

PEN_LIFT_SURE = 0.5
"""How surely strokes drawn one after the other must read together to be one digit
(pen_lifts_joined). Chosen on 1,800 numbers of MNIST *training* digits written stroke by
stroke (number_accuracy.py --strokes --split train): 94.94, 95.67, 96.06 and 96.11 % read
exactly at 0.99 (SURE, as for pieces of ink), 0.9, 0.7 and 0.5, and no better below 0.5
(0.3 and 0: 96.11 %). Strokes drawn one after the other are likelier one digit than
pieces of ink side by side, whose order nobody knows."""

HALF_SURE = 0.9
"""Two groups drawn one after the other side by side, each about as tall as both, whose ink
touches and which together are narrower than the line is tall, are the halves of one digit
(a 0 drawn as two arcs, read as "1? 9?") when they read as one surer than apart, and neither
reads as a digit this surely: two digits written close enough to touch each read surely
(touching pairs written stroke by stroke, --split train: 94.9 % read exactly without this
test, 95.8 % with it, as without the rule; the other numbers alike, 96.10 %). So, within a
group of strokes, parts that each read this surely may be two digits (read_apart). Halves
that bow away from each other as a 0's do (bow_apart) are one digit however surely each
reads."""

CONTINUED = 2.0
"""A stroke begun within this many pen widths (and NEAR of the line's height) of where the stroke
before it ended, heading on the same way (at most 60 degrees off), carries that stroke on: the
pen was lifted in the middle of a stroke and put down again (see pen_lifts_joined)."""

LONGEST_STEPS = 3
"""How many of each stroke's longest steps between points are tried as where the pen went on
from one digit to the next without being lifted (cut_along_the_path)..."""

FAST_STEP = 3.0
"""...of those at least this many times as long as the stroke's median step..."""

PATH_SHARED = 0.4
"""...and how much of the narrower part's columns the two parts may share."""


def find_digits_in_strokes(strokes: Sequence[Stroke], read: GroupReader | None = None) -> list[DigitCrop]:
    """The digits drawn with these strokes (given in the order drawn), left to right; with
    ``read``, the reader decides where geometry cannot (see pen_lifts_joined)."""
    return sorted((stroke_crop(group) for group in digit_groups(strokes, read)), key=centre_of_ink)


def digit_groups(strokes: Sequence[Stroke], read: GroupReader | None = None) -> list[list[Stroke]]:
    """The strokes of each digit (see group_strokes, and pen_lifts_joined, where ``read``
    is used), without the marks that are no digits (see digits_and_marks)."""
    return digits_and_marks(strokes, read)[0]


def digits_and_marks(strokes: Sequence[Stroke],
                     read: GroupReader | None = None) -> tuple[list[list[Stroke]], list[list[Stroke]]]:
    """The strokes of each digit, and of each mark that is no digit, as digit_groups has them.

    A group much smaller than the digits around it (a dash, a tick, a digit written far
    smaller than the rest), or a dot (as is_dot has it), is a mark: the window says how many
    were left out, or a digit written small would vanish from the number without a word. So
    is a stroke drawn under two digits or more (marks.is_underline, by the strokes' centre
    lines: a stroke apart from the others even where its ink touches theirs), which joined
    the digit it touched, and moved it along the number (underlined numbers read exactly
    55.9 % of the time, benchmarks/number_accuracy.py --strokes --underline); under one, the
    digit's crop is read without it only if it reads doubtfully with it (Predictor.predict).
    A group may be two digits written touching (see read_apart).
    """
    lines = set(underlines_among([stroke_line(stroke) for stroke in strokes], fewest_over=2,
                                 slope=lambda index: stroke_slope(strokes[index])))
    marks = [[stroke] for index, stroke in enumerate(strokes) if index in lines]
    groups = group_strokes([stroke for index, stroke in enumerate(strokes) if index not in lines])
    if not groups:
        return [], marks
    pen = pen_width(strokes)
    line = written_height(groups, pen)
    digits = []
    for group in (part for joined in pen_lifts_joined(groups, line, pen, read)
                  for part in read_apart(joined, line, pen, read)):
        (digits if is_digit_sized(group_extent(group), line, pen) else marks).append(group)
    return digits, marks


def is_digit_sized(extent: Extent, line: float, pen: float) -> bool:
    """Whether ink within ``extent`` may be a digit of a line ``line`` tall: no dot, and not far
    smaller than the digits (SMALLEST_DIGIT)."""
    return extent[3] - extent[1] >= SMALLEST_DIGIT * line and not is_dot_sized(extent, pen, line)


def read_apart(group: list[Stroke], line: float, pen: float, read: GroupReader | None) -> list[list[Stroke]]:
    """The group as one digit, or as the two digits written touching that it is.

    group_strokes joins a stroke that touches a digit and shares its columns (a 4's upright
    through its bar), so a 1 written against a 7's bar or an 8's side joined it, and the
    two read as one sure digit (71 as 7, 81 as 8; a 67 written overlapping as no digit).
    The group's strokes, in the order drawn, are split in two where side_by_side_splits
    allows, and the two parts are two digits when each reads at least HALF_SURE and the
    product of their confidences beats the whole's reading (a whole reading as no digit,
    0); of all such places, the one that scores best (best_parting). A 4's L is seldom as
    tall as its upright, and no sure digit. Nothing is read where no split is possible:
    this runs at every update while a stroke is drawn.

    On touching pairs of MNIST *training* digits written stroke by stroke (number_accuracy.py
    --strokes --split train, 300 pairs for each of seeds 7, 11 and 13): 94.7 -> 97.3, 95.3 ->
    98.0 and 96.3 -> 98.3 % read exactly; the 1,500 other numbers of each read as before
    or better (seed 7: 95.93 -> 96.00 %; seeds 11 and 13: 95.87 % either way), none lost;
    pairs written without lifting the pen 54.0, 48.0 and 48.7 -> 48.3 %. With PART measured
    against the line's height instead of both parts', the halves of a leaning 1 drawn in
    two goes, a line of two short groups, were two sure 1s (seed 11 lost two numbers).
    """
    if read is None:
        return [group]

    def whole() -> float:
        reading = read(group)
        return reading.confidence if reading else 0.0

    partings = ((group[:count], group[count:]) for count in side_by_side_splits(group, line, pen))
    return best_parting(partings, read, whole) or [group]


def best_parting(partings: Iterable[tuple[list[Stroke], list[Stroke]]], read: GroupReader,
                 whole: Callable[[], float]) -> list[list[Stroke]] | None:
    """Of the ways to part a group of strokes in two, the one whose parts are two digits most
    surely: each reads at least HALF_SURE and the product of their confidences beats the
    whole's (``whole()``, 0 for no digit; asked for only once a parting reads so); None if
    none is (read_apart, cut_along_the_path)."""
    best, best_score = None, None
    for first, rest in partings:
        apart = read(first), read(rest)
        if apart[0] is None or apart[1] is None or min(apart[0].confidence, apart[1].confidence) < HALF_SURE:
            continue
        if best_score is None:
            best_score = whole()
        score = apart[0].confidence * apart[1].confidence
        if score > best_score:
            best, best_score = [first, rest], score
    return best


def side_by_side_splits(group: Sequence[Stroke], line: float, pen: float) -> list[int]:
    """Where a group's strokes may be split into two digits side by side (see side_by_side):
    the counts of strokes before each such place (see read_apart)."""
    return [count for count in range(1, len(group)) if side_by_side(group[:count], group[count:], line, pen)]


def side_by_side(first: Sequence[Stroke], rest: Sequence[Stroke], line: float, pen: float) -> bool:
    """Whether strokes drawn first and the rest may be two digits side by side, on geometry
    alone: each about as tall as both (PART: a bar, a flag, the halves of a 1 drawn in two
    goes are not), the rest's centre further right (a number is written left to right: a
    stroke added on the left, within a digit's columns, belongs to it), and each large
    enough for a digit of the line (is_digit_sized), or parting them would turn a digit
    into a mark."""
    one, other = group_extent(first), group_extent(rest)
    _, top, _, bottom = union(one, other)
    return (min(one[3] - one[1], other[3] - other[1]) >= PART * (bottom - top)
            and other[0] + other[2] > one[0] + one[2]
            and is_digit_sized(one, line, pen) and is_digit_sized(other, line, pen)
            and not encloses(first, rest) and not encloses(rest, first))


def encloses(outer: Sequence[Stroke], inner: Sequence[Stroke]) -> bool:
    """Whether ``outer`` has ink on both sides of ``inner`` along most of its middle half: a stroke
    drawn inside a 0's loop, or a slashed 0's slash, is part of the 0, since digits side by side
    do not hold one another. (2024 written with a slashed 0 read 20124: the slash, a sure 1,
    was read apart from the 0, which read doubtfully with it; a new user's trial.) A 1 tucked
    under a 7's bar has the 7's stem on one side only, and a 1 written against an 8's side
    the 8 on one side of most of it."""
    _, top, _, bottom = group_extent(inner)
    quarter, pen = (bottom - top) / 4, pen_width([*outer, *inner])
    middle = np.array([point for stroke in inner for point in stroke.points
                       if top + quarter <= point[1] <= bottom - quarter], np.float64).reshape(-1, 2)
    around = np.array([point for stroke in outer for point in stroke.points], np.float64).reshape(-1, 2)
    if not len(middle) or not len(around):
        return False
    in_row = np.abs(around[None, :, 1] - middle[:, None, 1]) <= quarter  # each middle point against all around
    left = (in_row & (around[None, :, 0] < middle[:, None, 0] - pen / 2)).any(axis=1)
    right = (in_row & (around[None, :, 0] > middle[:, None, 0] + pen / 2)).any(axis=1)
    return bool((left & right).mean() >= ENCLOSED)


def may_be_read_apart(group: Sequence[Stroke]) -> bool:
    """Whether a group of strokes alone on the paper may be two digits written touching (read_apart)."""
    _, top, _, bottom = group_extent(group)
    return bool(side_by_side_splits(group, bottom - top, pen_width(group)))


def cut_along_the_path(group: Sequence[Stroke], line: float, read: Reader,
                       whole: Callable[[], float]) -> list[list[Stroke]] | None:
    """The strokes of the two digits a group of strokes is when it was written without lifting
    the pen between them (a 12 in one stroke), cut where the pen went from one to the next;
    None if no cut reads better than the whole, which reads ``whole()`` surely (0 for no
    digit; asked for only when a cut lies side by side). Each part may hold two digits more
    (a 123 in one stroke): the caller cuts them again.

    The group's points, in the order drawn, are the first digit's, then the pen's way to the
    next, then the next digit's: cut anywhere on that way, the two parts are the two digits,
    each with a tail, and they lie side by side. So the group is cut at places along the way
    the pen went (cuts_along_the_path), and a cut counts where its parts lie side by side
    (side_by_side) sharing at most PATH_SHARED of the narrower's columns (a single digit cut
    along its way, a 2's curve and its foot, lies over itself), each reads at least
    HALF_SURE, and the product of their confidences beats the whole's; of those, the one that
    scores best (best_parting). Ink cut in a picture (split_touching) keeps the pen's way
    from one digit to the next as ink of one of them; cut along the path, it is only tails.

    On 300 pairs of MNIST *training* digits written with the pen running on from the first
    digit into the second (number_accuracy.py --strokes --split train, its last line), for
    each of seeds 7, 11 and 13: 54.0 -> 80.7, 48.0 -> 80.7 and 48.3 -> 79.7 % read exactly;
    the 1,500 numbers and 300 touching pairs of each as before, none lost. Cut also at 24
    places evenly spaced along each stroke, whatever its steps: 82.3, 81.7 and 83.3 % with
    PATH_SHARED at 0.5, but a 4 and a 9 written in one stroke were cut into two sure digits
    (seeds 11 and 13 lost a number each; at 0.3, 75.7, 74.3 and 75.7 %, seed 13 still lost
    one), and a 12 written at an even pace was cut into 82.
    """
    pen = pen_width(group)

    def apart_on_paper(first: list[Stroke], rest: list[Stroke]) -> bool:
        one, other = group_extent(first), group_extent(rest)
        return (side_by_side(first, rest, line, pen)
                and shared_columns(one, other) <= PATH_SHARED * min(one[2] - one[0], other[2] - other[0]))

    partings = (parting for parting in cuts_along_the_path(group) if apart_on_paper(*parting))
    return best_parting(partings, lambda part: read(stroke_crop(part).image), whole)


def cuts_along_the_path(group: Sequence[Stroke]) -> Iterator[tuple[list[Stroke], list[Stroke]]]:
    """The group's strokes cut in two at places along the way the pen went: the strokes before
    and the beginning of a stroke, and the rest of it and the strokes after. Each stroke is
    cut at each of its LONGEST_STEPS longest steps between points that are FAST_STEP times
    its median step or longer, the step left out: where the pen moved fast, as it does from
    one digit to the next (the pointer's place comes at about the mouse's report rate, so a
    fast move leaves long steps; a place reported twice is no step). A number written at an
    even pace is not cut here: a 12 written so, cut at steps no longer than the rest, read
    82. Neither the first step nor the last is cut: a part of one point is a dot."""
    for index, stroke in enumerate(group):
        count = len(stroke.points)
        if count < 4:
            continue
        steps = np.hypot(*np.diff(np.asarray(stroke.points, np.float64), axis=0).T)
        if not steps.any():
            continue
        fast = FAST_STEP * np.median(steps[steps > 0])
        for place in sorted(int(step) + 1 for step in np.argsort(steps)[-LONGEST_STEPS:]
                            if steps[step] >= fast and 2 <= step + 1 <= count - 2):
            yield ([*group[:index], Stroke(stroke.width, stroke.points[:place])],
                   [Stroke(stroke.width, stroke.points[place:]), *group[index + 1:]])


def pen_width(strokes: Sequence[Stroke]) -> float:
    """The pen the number was written with: its strokes' median width."""
    return float(np.median([stroke.width for stroke in strokes]))


def written_height(groups: Sequence[Sequence[Stroke]], pen: float) -> float:
    """How tall the digits drawn with these groups of strokes are (see stacked_height)."""
    return stacked_height([group_extent(group) for group in groups], pen)


def stacked_height(extents: Sequence[Extent], pen: float) -> float:
    """How tall the digits are, much as line_height has it for pieces of ink: each group as
    tall as everything above and below it in its columns (a digit drawn in two goes is as
    tall as both), the median of those at least half the tallest; dots stack with nothing.
    Unlike line_height, groups that only sit one above the other do not stack: the cents
    of a price written small and raised would make the line tall enough to drop them."""
    tallest = max(bottom - top for _, top, _, bottom in extents)
    strokes = [extent for extent in extents if not is_dot_sized(extent, pen, tallest)] or list(extents)
    stacks = []
    for extent in strokes:
        top, bottom = extent[1], extent[3]
        for other in strokes:
            if shared_columns(extent, other) >= ATTACHED * min(extent[2] - extent[0], other[2] - other[0]):
                top, bottom = min(top, other[1]), max(bottom, other[3])
        stacks.append(bottom - top)
    return float(np.median([stack for stack in stacks if stack >= 0.5 * max(stacks)]))


def group_strokes(strokes: Sequence[Stroke]) -> list[list[Stroke]]:
    """The strokes of each digit, in the order drawn; digits in the order they were begun.

    People write a number digit by digit, so each stroke is either the first of a new
    digit or an addition to one already there: a 5's top bar, a 4's second stroke, a
    7's crossbar. A stroke is an addition when a digit's columns cover most of its
    width, it is near that digit vertically, and either one of the two is small next
    to the other (a bar) or the stroke touches the digit's ink. A stroke beside a
    digit, or under a 7's bar without touching it, begins a new digit: that is what
    pixels alone cannot tell.
    """
    groups: list[list[Stroke]] = []
    extents: list[Extent] = []
    for stroke in strokes:
        if not stroke.points:
            continue
        extent = stroke_extent(stroke)
        owner = None
        best_overlap = 0.0
        for index, (group, digit_extent) in enumerate(zip(groups, extents)):
            overlap = shared_columns(extent, digit_extent)
            if overlap > best_overlap and belongs_to(stroke, extent, group, digit_extent, overlap):
                owner, best_overlap = index, overlap
        if owner is None:
            groups.append([stroke])
            extents.append(extent)
        else:
            groups[owner].append(stroke)
            extents[owner] = union(extents[owner], extent)
    return groups


def belongs_to(stroke: Stroke, extent: Extent, group: list[Stroke], digit_extent: Extent, overlap: float) -> bool:
    """Whether the stroke adds to the group's digit (see group_strokes). A dot, hardly longer
    than the pen is wide, adds to a digit only within a pen's width of its ink, as a piece of
    ink does (group_pieces): elsewhere it is a stray mark, which would spoil the digit."""
    left, top, right, bottom = extent
    _, group_top, _, group_bottom = digit_extent
    height, group_height = bottom - top, group_bottom - group_top
    gap = max(group_top - bottom, top - group_bottom, 0.0)
    if overlap < ATTACHED * (right - left) or gap > REACH * max(height, group_height):
        return False
    if is_dot_sized(extent, stroke.width, group_height):
        return any(strokes_touch(stroke, other, tolerance=stroke.width) for other in group)
    if min(height, group_height) < TALL * max(height, group_height):
        return True
    if encloses(group, [stroke]):  # after the cheap test: this runs for every stroke at every update
        return True
    return any(strokes_touch(stroke, other, tolerance=0.05 * max(height, group_height)) for other in group)


def pen_lifts_joined(groups: list[list[Stroke]], line: float, pen: float,
                     read: GroupReader | None = None) -> list[list[Stroke]]:
    """Groups drawn one after the other that are the pieces of one digit, joined.

    A pen lifted in the middle of a stroke and put down again a little further on (a 1,
    a 7's stem, a 2's diagonal drawn in two goes) leaves pieces that group_strokes, which
    knows no line height, keeps apart when neither is small next to the other. Two groups
    drawn one after the other, neither a dot, are one digit when their ink comes within
    NEAR of the line's height, together they are no taller than TALLEST of it or of the
    tallest group (else they are two lines), and either one is short for a digit (under
    TALL of the line) and they share most of the narrower's columns (one above the
    other), or, with ``read``, one is at most PART of their
    joint height and they read as one digit surer than apart, and at least PEN_LIFT_SURE:
    a 4 whose upright misses its bar, the end of a 0 cut off beside it. That is
    join_where_better's rule for pieces of ink side by side, less strict, since the order
    strokes were drawn in says more than where ink lies.

    On 3,000 numbers of MNIST *training* digits written stroke by stroke
    (number_accuracy.py --strokes --split train), 87.57 % were read exactly before this;
    91.57 % with pieces one above the other joined and stray dots kept out of digits
    (belongs_to); 93.90 % with reading too (at SURE); 94.27 % with the line's height taken
    from the groups at least 3/4 as tall as the tallest (at 1/2, a digit's pieces made the
    line look short); 95.60 % with PEN_LIFT_SURE lowered to 0.5; 95.50 % with the line's
    height from stacks of groups instead (stacked_height: a lone 1 drawn in two goes read
    as 11), dots never joined (a decimal point under a digit was) and two lines never.
    Joining groups one above the other whatever their columns, as stacks_joined does for
    ink, and stacking them in the line's height read 96.03 %, but lost the cents of a price
    written small and raised (14 for 14 with 99 raised), which these numbers never hold.

    Where the pen came down again says more: a group whose first stroke carries on the
    last stroke of the group before (``continues``) is the rest of its digit when one of
    the two is at most PART of their joint height (two digits side by side are each about
    as tall as both), together they are narrower than ink that may be two digits (WIDE)
    and they read as one digit at least PEN_LIFT_SURE surely (without ``read``, on
    geometry alone), however tall the two (a lone 1 in two goes is a line of two short
    groups) and however surely each reads alone (a 1's halves are two fine 1s). On the
    same training numbers 95.50 -> 96.10 % (in pieces 85.6 -> 89.0 %, no kind worse);
    without PART's test 95.93 %, as the last stroke of an 8 or a 9 ran on into the first
    of a 1 or a 3 beside it (touching pairs 95.8 -> 95.0 %). The group's last stroke is
    the one drawn just before, unless a stroke was added to an earlier digit since (a 5's
    bar after the next digit): then the two were drawn apart in time, and are seldom
    near, heading the same way, and narrow together. Halves side by side, each about as
    tall as both (a 0 drawn as two arcs), are one digit only as HALF_SURE says when their
    ink touches; when it does not but they share many columns (a leaning 0 cut across
    twice, read 12), as join_where_better's BROKEN_SURE rule has it for ink. That rule
    gained little here: on 1,500 numbers of training digits for each of seeds 7 and 11,
    95.27 -> 95.33 % and 95.47 -> 95.47 % (in pieces 16 -> 15 and 15 -> 14 with a wrong
    number of digits), touching pairs unchanged.

    An outside trial of number mode (numbers written stroke by stroke in 40 templates of
    people's styles) found two ways an open 4, whose upright misses its bar, was lost.
    Its L-shaped first stroke, written close after a 3, read with the 3 as a sure 3 and
    was joined to it, leaving the upright a 1 (34 read 31): groups side by side that
    share no columns are not one digit when together they are wider than one (WIDE),
    however they read (in the trial's cramped numbers 290 -> 292 of 300 right). And an
    upright added once the next digit was written was never tried against its bar (47
    read 617): a group drawn back, left of the digit before it, is tried against the
    earlier digits too, latest first (the trial's numbers with late strokes 258 -> 300 of
    300, and late and cramped 249 -> 283). On the training numbers 96.13 -> 96.23 %, no
    kind worse, touching pairs 95.8 % either way.

    A pen skipping on its way (a tablet's, a worn mouse's) leaves a stroke in three pieces
    or more, and where one between two others reads as no digit or is no more than a dot,
    no two neighbours read as one digit (a 4 in four strokes was read 614, a 7 in three as
    11). Such a piece (is_fragment), drawn between the group before it and the next and
    with its ink near the next one's, is tried with the next against the one before: all
    three are one digit when the one before and the two after are, as above. And groups
    just joined (a bridge, a drawn-back group, any) are tried again with the group drawn
    before them, and so on back while they join (a 4 begun with its upright, its L in two
    pieces: the pieces joined, then the L to the upright; a 44 was read 414). On 1,500
    numbers of training digits for each of seeds 7, 11 and 13: 95.33 -> 95.93, 95.47 ->
    95.87 and 95.20 -> 95.87 % read exactly (in pieces 86.8 -> 89.6, 88.0 -> 89.6 and 89.6
    -> 92.4 %), no number lost, touching
    pairs unchanged; on seed 7 the piece between alone gave 95.80 %, trying again alone
    95.40 %. Without the test that the piece's ink is near the next group's, a mark inside
    a 0 and a 7's bar beside it were read as a 5 (117071 read 117511), and seed 7 lost two
    numbers.
    """
    extents = [group_extent(group) for group in groups]
    tallest = max(bottom - top for _, top, _, bottom in extents)
    joined, joined_extents = groups[:1], extents[:1]

    def joins(index: int, group: list[Stroke], extent: Extent) -> bool:
        """Whether ``group``, drawn after joined[index], is the rest of its digit (is_pen_lift)."""
        return is_pen_lift(joined[index], group, joined_extents[index], extent, line, pen, tallest, read)

    def join(owner: int, index: int) -> None:
        """joined[index] joins joined[owner], drawn before it (``index`` > ``owner``, which stays put)."""
        joined[owner] = joined[owner] + joined.pop(index)
        joined_extents[owner] = union(joined_extents[owner], joined_extents.pop(index))

    def bridges(index: int, group: list[Stroke]) -> bool:
        """Whether joined[index] is a piece between the group before it and ``group``, near ``group``."""
        piece = joined[index]
        return (index > 0 and any(strokes_touch(stroke, other, NEAR * line) for stroke in group for other in piece)
                and is_fragment(piece, joined_extents[index], line, pen, read))

    for group, extent in zip(groups[1:], extents[1:]):
        joined.append(group)
        joined_extents.append(extent)
        new, before = len(joined) - 1, len(joined) - 2
        candidates = [before]
        if extent[2] <= joined_extents[before][0]:  # drawn back, left of the digit before: an earlier one's rest?
            candidates += range(before - 1, -1, -1)
        owner = next((index for index in candidates if joins(index, group, extent)), None)
        if owner is not None:
            join(owner, new)
        elif bridges(before, group) and joins(before - 1, joined[before] + group,
                                             union(joined_extents[before], extent)):
            join(before, new)
            join(before - 1, before)
            owner = before - 1
        while owner is not None and owner > 0 and joins(owner - 1, joined[owner], joined_extents[owner]):
            join(owner - 1, owner)
            owner -= 1
    return joined


def is_fragment(group: list[Stroke], extent: Extent, line: float, pen: float, read: GroupReader | None) -> bool:
    """Whether a group is too little to be a digit of its own: a dot, or ink that reads as no
    digit (see pen_lifts_joined)."""
    return is_dot_sized(extent, pen, line) or (read is not None and read(group) is None)


def is_pen_lift(first: list[Stroke], second: list[Stroke], one: Extent, other: Extent, line: float, pen: float,
                tallest: float, read: GroupReader | None) -> bool:
    """Whether two groups drawn one after the other, whose extents are ``one`` and ``other``,
    are the pieces of one digit (see pen_lifts_joined). The reader is asked only after the
    cheap tests that could rule it out: this runs on every update while a number is written."""
    if is_dot_sized(one, pen, line) or is_dot_sized(other, pen, line):
        return False
    left, top, right, bottom = union(one, other)
    shorter = min(one[3] - one[1], other[3] - other[1])
    if (shorter <= PART * (bottom - top) and right - left < WIDE * max(line, bottom - top)
            and continues(first[-1], second[0], pen, line)):
        together = read(first + second) if read else Reading(0, 1.0)
        if together is not None and together.confidence >= PEN_LIFT_SURE:
            return True
    if (bottom - top > TALLEST * max(line, tallest)
            or not any(strokes_touch(stroke, earlier, tolerance=NEAR * line) for stroke in second for earlier in first)):
        return False
    narrower = min(one[2] - one[0], other[2] - other[0])
    if shorter < TALL * line and shared_columns(one, other) >= ATTACHED * narrower:
        return True
    if read is None or (shared_columns(one, other) <= 0 and right - left >= WIDE * max(line, bottom - top)):
        return False
    halves = shorter > PART * (bottom - top)  # side by side, each about as tall as both: a 0's halves, or two digits
    if halves and right - left >= line:
        return False
    touching = halves and any(strokes_touch(stroke, earlier, tolerance=0.0) for stroke in second for earlier in first)
    cut_across = halves and shared_columns(one, other) >= BROKEN_SHARED * narrower
    if halves and not (touching or cut_across):
        return False
    readings = [read(group) for group in (first, second, first + second)]
    apart, both = [reading.confidence if reading else 0.0 for reading in readings[:2]], readings[2]
    if touching and bow_apart(*((first, second) if one[0] <= other[0] else (second, first))):
        return both is not None and both.confidence >= PEN_LIFT_SURE
    if touching and max(apart) >= HALF_SURE:
        return False
    if any(is_dash_beside(mark, digit, line) and (both.confidence if both else 0.0) <= sure_alone
           for mark, digit, sure_alone in ((other, one, apart[0]), (one, other, apart[1]))):
        return False  # a dash after (or before) a digit that reads no more surely with it (segment.without_dashes)
    if halves and not touching and not reads_as_cut_across(apart, both.confidence if both else 0.0):
        return False
    return both is not None and both.confidence >= PEN_LIFT_SURE and both.confidence > apart[0] * apart[1]


def bow_apart(left: Sequence[Stroke], right: Sequence[Stroke]) -> bool:
    """Whether two groups side by side bow away from each other, ( then ), as the halves of a
    0 drawn in two goes do (segment.HALF_BOW): each read as a sure 1 (a trial's 2026 read
    21126 at 98.7 %), though two 1s written close enough to touch are straight, or bent at
    their flags."""
    return stroke_crop(left).bow <= -HALF_BOW and stroke_crop(right).bow >= HALF_BOW


def continues(before: Stroke, after: Stroke, pen: float, line: float) -> bool:
    """Whether ``after`` carries ``before`` on: it begins near where ``before`` ended (CONTINUED)
    and heads on the same way, as when the pen is lifted in the middle of a stroke and put
    down again a little further on. The next digit's first stroke begins at its top, away
    from where the digit before ended, or heads another way."""
    (end_x, end_y), (start_x, start_y) = before.points[-1], after.points[0]
    if np.hypot(start_x - end_x, start_y - end_y) > CONTINUED * pen + NEAR * line:
        return False
    ending, beginning = heading(before.points[::-1], CONTINUED * pen), heading(after.points, CONTINUED * pen)
    return -(ending[0] * beginning[0] + ending[1] * beginning[1]) >= 0.5  # cos 60 degrees


def heading(points: Sequence[tuple[float, float]], length: float) -> tuple[float, float]:
    """Which way the path sets off from its first point: the unit vector to its first point
    ``length`` away (or to its last point); (0, 0) for a path that goes nowhere."""
    x, y = points[0]
    far_x, far_y = next(((px, py) for px, py in points[1:] if np.hypot(px - x, py - y) >= length), points[-1])
    distance = float(np.hypot(far_x - x, far_y - y))
    return ((far_x - x) / distance, (far_y - y) / distance) if distance else (0.0, 0.0)


def stroke_line(stroke: Stroke) -> Extent:
    """left, top, right, bottom of the stroke's centre line, without its pen's width."""
    xs, ys = zip(*stroke.points)
    return float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys))


def stroke_slope(stroke: Stroke) -> float:
    """How the stroke climbs or falls: pixels down per pixel across, fitted to its points."""
    xs, ys = np.array(stroke.points, np.float64).T
    return float(np.polyfit(xs, ys, 1)[0]) if np.ptp(xs) > 0 else 0.0


def stroke_extent(stroke: Stroke) -> Extent:
    """left, top, right, bottom of the ink the stroke leaves, its pen's width included.
    (Plain Python: for a stroke's few dozen points, and on every update while a number is
    written, it is several times faster than making them an array first.)"""
    left, top, right, bottom = stroke_line(stroke)
    radius = float(stroke.width) / 2
    return left - radius, top - radius, right + radius, bottom + radius


def strokes_touch(one: Stroke, other: Stroke, tolerance: float) -> bool:
    """Whether the two strokes' ink meets, or comes within ``tolerance`` pixels."""
    reach = (one.width + other.width) / 2 + tolerance
    (left, top, right, bottom), (other_left, other_top, other_right, other_bottom) = \
        stroke_extent(one), stroke_extent(other)
    if max(other_left - right, left - other_right, other_top - bottom, top - other_bottom) > tolerance:
        return False  # their boxes are too far apart for any of their ink to be near
    step = max(1.0, min(one.width, other.width) / 2)
    first, second = dense_points(one.points, step), dense_points(other.points, step)
    distances = np.hypot(first[:, None, 0] - second[None, :, 0], first[:, None, 1] - second[None, :, 1])
    return bool(distances.min() <= reach)


def dense_points(points: Sequence[tuple[float, float]], step: float) -> np.ndarray:
    """The polyline's points with more put in, so none is more than ``step`` from the next."""
    points = np.asarray(points, np.float64)
    moves = np.diff(points, axis=0)
    counts = np.maximum(1, np.ceil(np.hypot(moves[:, 0], moves[:, 1]) / step)).astype(int)
    move = np.repeat(np.arange(len(moves)), counts)  # which move each new point is on...
    along = (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + 1) / counts[move]  # ...how far
    return np.concatenate([points[:1], points[move] + moves[move] * along[:, None]])


def group_extent(strokes: Sequence[Stroke]) -> Extent:
    extent = stroke_extent(strokes[0])
    for stroke in strokes[1:]:
        extent = union(extent, stroke_extent(stroke))
    return extent


def stroke_crop(strokes: Sequence[Stroke]) -> DigitCrop:
    """The strokes painted with their round pen, white on black, as a crop of the canvas."""
    left, top, right, bottom = group_extent(strokes)
    x, y = int(np.floor(left)), int(np.floor(top))
    width, height = int(np.ceil(right)) - x, int(np.ceil(bottom)) - y
    image = Image.new("L", (width + 2 * MARGIN, height + 2 * MARGIN), 0)
    pen = ImageDraw.Draw(image)
    shift = np.array([MARGIN - x, MARGIN - y], np.float64)
    for stroke in strokes:
        paint_stroke(pen, [tuple(point) for point in np.asarray(stroke.points, np.float64) + shift], stroke.width, 255)
    return DigitCrop((x, y, width, height), np.asarray(image))
