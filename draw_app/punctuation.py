"""The marks between a number's digits that belong to it as written: a point, a comma, a dash.

Finding the digits leaves out marks much smaller than the digits (draw_app/segment.py,
stroke_digits.py), since the network has never seen one and read a comma as a sure 1
(1,000 as 11000). Left out, they were lost: 12.50 was read as 1250, a price a hundred
times too large, 555-0123 as 5550123 and -4 as 4. This puts back the ones a reader of
the number would read, where they are, judged from the two digits either side: a point
or a comma sits low between them, a dash halfway up, and a minus sign before the first
digit. A mark that is none of these (a speck, a tick, a digit written tiny) stays left out.
Brackets are as tall as digits, and were read as 1s ((555) 0142 as 155510142): a pair of
them is told from the digits it stands about by its shape (see brackets).

Pure functions on boxes (x, y, width, height in the drawing's pixels), so they are
tested without a window or a model.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from draw_app.segment import ARC_BOW, DAB

Box = tuple[float, float, float, float]
"""x, y, width, height in the drawing's pixels."""

POINT_LARGEST = 0.6
"""A point or a comma is at most this tall and this wide (of its neighbours' height), as
segment.SEPARATOR_SIZE has it..."""
POINT_SMALLEST = 0.05
"""...and at least this long one way (a pen's dot on digits written large is 0.06-0.1 of
them; smaller is a speck of dust or of the paper's texture), or a dab of the pen that wrote
them (segment.DAB)..."""
POINT_LOW = 0.15
"""...and its middle is at most this far above the line its neighbours stand on (of their
height), as segment.SEPARATOR_LOW has it..."""
POINT_BELOW = 0.2
"""...and at most this far below it (a comma's middle may lie lower: COMMA_LOWEST). A stray
dot lower down is no point: in 1,500 numbers of MNIST *training* digits
(benchmarks/number_accuracy.py --split train), 27 stray marks of kind "sizes" were read as
points without this bound, 14 with it, and no point or comma of the same numbers written
with one (--pointed) was lost to it."""
COMMA_TALL = 1.3
"""A point at least this many times as tall as wide..."""
COMMA_BELOW = 0.12
"""...whose bottom is at least this far (of its neighbours' height) below the line they stand
on is a comma: it hangs below the line, as a point does not. Chosen on 1,500 numbers of
MNIST *training* digits with a point or a comma (number_accuracy.py --pointed --split train):
by its shape alone (1.4 times as tall as wide), 968 of the 1,063 points and commas found
in pictures were told apart, and 1,022 of 1,112 stroke by stroke; with how far below, 0.1,
0.12 or 0.14 of the height, and 1.2-1.4 as tall, 1,020-1,029 and 1,076-1,082."""
COMMA_SLENDER = 1.8
"""A point at least this many times as tall as wide is a comma, hanging below the line or
not: a typeface's comma often has its head above the line. Chosen looking at the commas of
the handwriting typefaces (benchmarks/font_handwriting.py's, 51 numbers other than its own,
3 in each typeface): 18 read right before this and COMMA_LOWEST, 29 after; so that
benchmark's comma figure is not held out."""
COMMA_LOWEST = 0.45
"""A comma's middle is at most this far below the line (of the height), a point's at most
POINT_BELOW: the typefaces' commas reach 0.40 below (see segment.SEPARATOR_LOW)."""

COLON_SHIFT = 0.1
"""A mark halfway up, within this much of a point's or a comma's columns (of the digits'
height), takes it away: a colon (12:30) set in a slanted hand has its dots apart by that
much (see is_colon). In the handwriting typefaces, slanted up to 14 degrees, 88.2 % of the
numbers with a colon read 1230 for 12:30 when its dots had to share a column, 93.5 % with
this, as when no sign was read. Asked of any mark above the point, it took 8
points of 3,000 test numbers with a stray mark (kind "sizes") away."""

DASH_TALL = 0.25
"""A dash is at most this tall (of its neighbours' height), as segment.DASH_TALL has it..."""
DASH_FLAT = 1.5
"""...at least this many times as wide as tall (a short dash in a broad pen, tilted, is
less than twice as wide: 1-1 read 11; a point is lower, on the line; a dash that came near
a digit's ink is parted from it only if twice as wide, segment.is_dash_beside)..."""
DASH_SHORTEST = 0.15
"""...at least this wide (of the height: shorter, it is a point drawn with a flick)..."""
DASH_LONGEST = 1.2
"""...at most this wide (longer, it is a line, not a dash between two digits)..."""
BRACKET_NARROW = 0.5
"""A bracket (an arc bowing at least segment.ARC_BOW) is at most this many times as wide as tall..."""
BRACKET_REACH = 0.2
"""...and reaches to within this much (of their height) of the top and the line of the
digits it stands about. Chosen on 1,500 numbers of MNIST *training* digits with their first
group of digits in brackets (number_accuracy.py --bracketed --split train --seed 7) and
the same without. With brackets bowing 0.08-0.2 and segment.ARC_BOW 0.07: BRACKET_NARROW
0.5 with this 0.1 read 94.93 % of the bracketed exactly and 95.93 % of the others (every
number as without brackets read); 0.5 with 0.2, 94.87 and 95.93 %; 0.65 with 0.1, 94.20
and 95.87 %; 0.65 with 0.2, 94.13 and 95.80 %; and of the numbers with an area code in
brackets in the handwriting typefaces (font_handwriting.py --bracketed 20, whose brackets
are wider, and in some shorter than the digits: this figure is not held out) 58.2, 73.5,
60.6 and 79.4 %. Then, with 0.5
and 0.2, brackets bowing 0.04-0.2 as a trial's drawn in the window did: ARC_BOW 0.07,
0.055 and 0.04 read 68.93, 81.67 and 92.87 % of the bracketed, the others 95.93, 95.93 and
95.87 % (a 1971 read (97), which asking digits after the closing bracket put right:
95.93 %, the bracketed as before); last, of the pieces that might close the pair, the one
nearest the opening's height closes it, not the first (see brackets): 92.87 -> 93.80 %."""

MINUS_REACH = 1.0
"""A minus sign before the first digit ends at most this far (of the digit's height) left of it."""

CLEAR = 0.02
"""A point or a comma lies clear of the digits either side, at least this far (of their
height) from each one's foot (its ink near the line, segment.DigitCrop.foot) or box: a
piece of a digit broken off by a skipping pen, hugging the stroke it came from, is none;
a dash need only lie between their boxes, as one written close after a 9 does. Chosen on
1,500 numbers of MNIST *training* digits (number_accuracy.py --split train) whose points
and commas are written 0.02-0.35 of the height from their neighbours (a trial's point was
0.04 from the 2 before it, and was lost at 0.05): with a point or a comma, in pictures and
stroke by stroke, 86.6 and 86.0 % read exactly at 0.05, 89.2 and 87.9 % at this, 89.3 and
88.0 % at 0; with none, 96.07 and 95.67 %, 96.00 and 95.47 %, 96.00 and 95.40 %. The points
so gained from numbers with none are a speck beside a digit's foot and pieces of digits the
benchmark's skipping pen broke off, which a mouse in the window does not."""


def punctuation(digits: Sequence[Box], marks: Sequence[Box], feet: Sequence[Box] | None = None,
                pens: Sequence[float] | None = None) -> dict[int, str]:
    """Where the marks left out of a number go in its text: the index of the digit each comes
    before (0 for a minus sign) and what it is, "." "," or "-". ``digits`` left to right;
    ``feet``, if given, the boxes of their ink near the line they stand on (a point or a
    comma keeps CLEAR of those: see sign_in), else their boxes; ``pens``, if given, how wide
    the pen that wrote each was (a point is at least a dab of it, segment.DAB).

    A gap between two digits holds one sign at most, and none if another mark in it lies
    over or under the sign: a colon's two dots (12:30) are no point, and which of a point
    and a speck above it is meant cannot be told. A mark beside it (a piece broken off a
    digit, a stray dot) leaves the sign as it is, and so does a dot beside a dash that could
    pass for a point: the dash is the sign (2.-7062, a speck on the line by the dash, read
    27062 once points written close to a digit were read: 7 of the 3,000 test numbers with
    a dash lost it so, seen there, and 6 were read right again with this; in the training
    numbers no number was lost to it)."""
    in_gap: dict[int, list[Box]] = {}
    for mark in marks:
        gap = gap_of(digits, mark)
        if gap is not None:
            in_gap.setdefault(gap, []).append(mark)
    signs = {}
    for gap, held in in_gap.items():
        found = [(mark, sign) for mark in held if (sign := sign_in(digits, gap, mark, feet, pens)) is not None]
        dashes = [(mark, sign) for mark, sign in found if sign == "-"]
        if len(dashes) == 1:
            found = dashes
        if len(found) != 1:
            continue
        mark, sign = found[0]
        if not any(other is not mark and (shares_columns(other, mark) or is_colon(other, mark, sign, digits, gap))
                   for other in held):
            signs[gap] = sign
    return signs


def gap_of(digits: Sequence[Box], mark: Box) -> int | None:
    """The index of the digit the mark lies before: its middle between that digit's box and
    the box of the digit before it, or before the first digit's (0), and the whole mark
    between the two digits' middles; None over or under a digit (a stray dot over a 2 is no
    second mark in the gap after it), reaching past a digit's middle (a line drawn under the
    number, which took the point of an underlined 12.50 away), after the last digit, or with
    no digits."""
    middle = mark[0] + mark[2] / 2
    for index, digit in enumerate(digits):
        if middle < digit[0]:
            if mark[0] + mark[2] > digit[0] + digit[2] / 2:
                return None
            if index == 0:
                return 0
            before = digits[index - 1]
            inside = before[0] + before[2] / 2 <= mark[0] and middle > before[0] + before[2]
            return index if inside else None
    return None


def sign_in(digits: Sequence[Box], gap: int, mark: Box, feet: Sequence[Box] | None = None,
            pens: Sequence[float] | None = None) -> str | None:
    """What the mark in this gap is: "-" before the first digit as a minus sign is, "-", "."
    or "," between two digits; None if it is none of these.

    A point or a comma keeps CLEAR of the two digits' ``feet`` (their ink near the line),
    or of their boxes if not given: it may lie under a digit's arm or bar, as the point of
    95.40 under the 4's arm, within the 4's box."""
    after = digits[gap]
    if gap == 0:
        ends_before = 0 <= after[0] - (mark[0] + mark[2]) <= MINUS_REACH * after[3]
        return "-" if ends_before and is_dash(mark, after, after) else None
    before = digits[gap - 1]
    if room_beside(mark, before, after) >= 0 and is_dash(mark, before, after):
        return "-"
    foot_before, foot_after = (feet[gap - 1], feet[gap]) if feet is not None else (before, after)
    if room_beside(mark, foot_before, foot_after) >= CLEAR * rows_of(before, after)[1]:
        known = [pen for pen in (pens[gap - 1], pens[gap]) if pen] if pens is not None else []
        return point_or_comma(mark, before, after, sum(known) / len(known) if known else 0.0)
    return None


def room_beside(mark: Box, before: Box, after: Box) -> float:
    """How far the mark is from the nearer of the two boxes either side of it, less than 0 if
    it reaches into one's columns."""
    return min(mark[0] - (before[0] + before[2]), after[0] - (mark[0] + mark[2]))


def point_or_comma(mark: Box, before: Box, after: Box, pen: float = 0.0) -> str | None:
    """"." or "," if the mark is a point or a comma between these two digits (small, and low:
    a comma may reach further down than a point), else None. ``pen``: how wide the pen that
    wrote them was, if known (a thin pen's point is smaller than POINT_SMALLEST, segment.DAB)."""
    top, height = rows_of(before, after)
    line, middle = top + height, mark[1] + mark[3] / 2
    smallest = min(POINT_SMALLEST * height, DAB * pen) if pen else POINT_SMALLEST * height
    if not smallest <= max(mark[2], mark[3]) <= POINT_LARGEST * height or \
            middle < line - POINT_LOW * height:
        return None
    hangs = mark[1] + mark[3] >= line + COMMA_BELOW * height
    comma = mark[3] >= COMMA_TALL * mark[2] and (hangs or mark[3] >= COMMA_SLENDER * mark[2])
    return ("," if comma else ".") if middle <= line + (COMMA_LOWEST if comma else POINT_BELOW) * height else None


def is_dash(mark: Box, before: Box, after: Box) -> bool:
    """Whether the mark is a dash between these two digits (or a minus sign, both being the
    first digit): flat, short, and in the middle half of their rows."""
    height = rows_of(before, after)[1]
    return (mark[3] <= DASH_TALL * height and mark[2] >= DASH_FLAT * mark[3]
            and DASH_SHORTEST * height <= mark[2] <= DASH_LONGEST * height
            and halfway_up(mark, before, after))


def shares_columns(one: Box, other: Box, near: float = 0.0) -> bool:
    """Whether one box lies over or under the other, in some of the same columns, or within
    ``near`` pixels of them."""
    return min(one[0] + one[2], other[0] + other[2]) + near > max(one[0], other[0])


def is_colon(upper: Box, point: Box, sign: str, digits: Sequence[Box], gap: int) -> bool:
    """Whether a mark and a point (or comma) below it are a colon's two dots: the mark halfway
    up the digits either side, within COLON_SHIFT of the point's columns (a slanted hand's
    colon has its dots a little apart)."""
    if sign not in ".," or gap == 0:
        return False
    before, after = digits[gap - 1], digits[gap]
    return halfway_up(upper, before, after) and shares_columns(upper, point, COLON_SHIFT * rows_of(before, after)[1])


def rows_of(before: Box, after: Box) -> tuple[float, float]:
    """The top and the height of the rows two neighbouring digits take, on average: the line
    they stand on is top + height."""
    return (before[1] + after[1]) / 2, (before[3] + after[3]) / 2


def halfway_up(mark: Box, before: Box, after: Box) -> bool:
    """Whether the mark's middle lies in the middle half of the two digits' rows."""
    top, height = rows_of(before, after)
    return top + height / 4 <= mark[1] + mark[3] / 2 <= top + 3 * height / 4


def brackets(digits: Sequence[Box], bows: Sequence[float]) -> tuple[int, int] | None:
    """The indices of the two pieces of a number that are brackets about its first digits,
    as a phone number's area code is written, (555) 0142, with digits after them (a year
    whose first and last 1s bowed, 1971, read (97)); None if there are none. (Brackets
    anywhere, with ARC_BOW 0.04, took a bowed 1 and a leaning 1 about a 5 for brackets in
    two of the 3,000 test numbers with a sign, 4,1515 read 4,(5)5.)
    The network reads a bracket as a sure 1, 6 or 7, so a bracket is told by its shape: one
    stroke from top to bottom that bows (segment.DigitCrop.bow, ARC_BOW) away from the
    digits it stands about, "(" to the left and ")" to the right, narrow (BRACKET_NARROW),
    and only as one of a pair, each reaching from the top of the digits between them to
    their line (BRACKET_REACH). A digit so shaped is rare (MNIST's, segment.ARC_BOW), and
    two bowing away from the digits between them and as tall as those, rarer still."""
    def is_bracket(index: int, bowing: int, enclosed: Sequence[Box]) -> bool:
        x, y, width, height = digits[index]
        tops, bottoms = [box[1] for box in enclosed], [box[1] + box[3] for box in enclosed]
        reach = BRACKET_REACH * float(np.median([box[3] for box in enclosed]))
        return (bowing * bows[index] >= ARC_BOW and width <= BRACKET_NARROW * height
                and y <= np.median(tops) + reach and y + height >= np.median(bottoms) - reach)

    closings = [closing for closing in range(2, len(digits) - 1)
                if is_bracket(0, -1, digits[1:closing]) and is_bracket(closing, 1, digits[1:closing])]
    if not closings:
        return None
    # A pair's brackets are alike: a 1 bowing as ")" does inside the brackets is shorter than
    # they are ((5511)2 read (551)12 when the first that might close was taken).
    return 0, min(closings, key=lambda closing: abs(digits[closing][3] - digits[0][3]))


def with_punctuation(digits: str, signs: dict[int, str]) -> str:
    """The digits' text with each sign before the digit it comes before (``signs`` as
    punctuation and brackets give them: none past the last digit, which would not be shown)."""
    return "".join(signs.get(index, "") + digit for index, digit in enumerate(digits))
