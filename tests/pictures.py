"""Drawings made with OpenCV for the preprocessing and ink tests, and how alike two 28x28s are."""

from pathlib import Path

import cv2
import numpy as np

SAMPLE_FOLDER = Path(__file__).resolve().parent.parent / "sample_digit"


def seven(canvas=(400, 400), top_left=(120, 80), height=240, pen=16, ink=0, paper=255):
    """A gray canvas with a 7 drawn by a round pen."""
    image = np.full(canvas[::-1], paper, np.uint8)
    x, y = top_left
    points = np.array([(x, y), (x + 0.6 * height, y), (x + 0.2 * height, y + height)], np.int32)
    cv2.polylines(image, [points], False, ink, pen, cv2.LINE_AA)
    return image


def ring(canvas=(400, 400), centre=(200, 200), radius=110, pen=14, ink=0, paper=255):
    image = np.full(canvas[::-1], paper, np.uint8)
    cv2.ellipse(image, centre, (int(radius * 0.7), radius), 0, 0, 360, ink, pen, cv2.LINE_AA)
    return image


def boxed(image, edge=6, thickness=2, ink=0):
    """The drawing with a box printed round it, ``edge`` pixels in from the picture's edge, as on a form."""
    image = image.copy()
    height, width = image.shape
    cv2.rectangle(image, (edge, edge), (width - 1 - edge, height - 1 - edge), ink, thickness)
    return image


def difference(a, b):
    """Mean absolute pixel difference, allowing the one-pixel shift that rounding a
    centre of mass to whole pixels can make."""
    return min(float(np.abs(np.roll(a, (dy, dx), axis=(0, 1)) - b).mean())
               for dy in (-1, 0, 1) for dx in (-1, 0, 1))


def hand_line(image, left, right, y, pen=14, waver=3.0):
    """A line drawn by hand across ``image``: the pen's width, a little tilted and wavering."""
    x = np.linspace(left, right, 30)
    points = np.column_stack([x, y + 0.03 * (x - left) + waver * np.sin(x / 25)]).astype(np.int32)
    cv2.polylines(image, [points], False, 0, pen, cv2.LINE_AA)
    return image


def in_a_drawing_program(name):
    """A sample digit on the canvas of another drawing program, in a screenshot of its window:
    title bar, palette and status bar round the canvas."""
    digit = cv2.resize(cv2.imread(str(SAMPLE_FOLDER / name), cv2.IMREAD_GRAYSCALE), (200, 200))
    window = np.full((480, 640, 3), 240, np.uint8)
    window[:30] = (40, 90, 160)
    cv2.putText(window, "Untitled - Paint", (10, 21), cv2.FONT_HERSHEY_SIMPLEX, 0.55, (255, 255, 255), 1, cv2.LINE_AA)
    for index, colour in enumerate(((220, 60, 60), (60, 180, 60), (60, 90, 230), (0, 0, 0), (250, 200, 40))):
        cv2.rectangle(window, (20 + 30 * index, 40), (42 + 30 * index, 62), colour, -1)
    window[76:450, 20:620] = 255
    window[150:350, 300:500] = np.minimum(window[150:350, 300:500], digit[..., None])
    cv2.putText(window, "100%   800 x 600px", (10, 470), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (60, 60, 60), 1, cv2.LINE_AA)
    return window


def leaning(digit, degrees):
    """A digit (light on black) leaning ``degrees`` further to the right, as an italic hand
    writes it: each row moved sideways, the middle row staying, in a field widened to hold it."""
    shear = np.tan(np.radians(degrees))
    height = digit.shape[0]
    pad = int(np.ceil(abs(shear) * height / 2)) + 1
    matrix = np.float32([[1, -shear, pad + shear * (height - 1) / 2], [0, 1, 0]])
    return cv2.warpAffine(digit, matrix, (digit.shape[1] + 2 * pad, height))


def pressed_together(left, right, overlap=4, scale=6):
    """Two MNIST digits (28x28, light on black) ``scale`` times their size, written so close
    that the right one's solid ink reaches ``overlap`` pixels into the left one's, as in
    cramped writing; dark on white."""
    left, right = (cv2.resize(digit, None, fx=scale, fy=scale) for digit in (left, right))
    x = left.shape[1]
    while x > 0 and not ((left[:, x:] > 127) & (right[:, :left.shape[1] - x] > 127)).any():
        x -= 1
    x = max(0, x - overlap)
    canvas = np.zeros((left.shape[0], max(left.shape[1], x + right.shape[1])), np.uint8)
    canvas[:, :left.shape[1]] = left
    canvas[:, x:x + right.shape[1]] = np.maximum(canvas[:, x:x + right.shape[1]], right)
    return 255 - cv2.copyMakeBorder(canvas, 30, 30, 30, 30, cv2.BORDER_CONSTANT)
