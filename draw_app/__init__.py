"""Draw a Digit: read hand-drawn digits with a CNN trained on MNIST.

Reading: images (a file -> pixels, or why not), ink (where the writing's ink is in a
picture), preprocess (the ink -> MNIST-like 28x28), network (the model on LiteRT),
predictor (the answer, calibrated, unsure or no digit), examples and adapt (reading like
the user's own examples), segment and number (the digits of a written number), strokes
(the drawing as an image).
Shells: app (the window, composed of paper, reading_panel, network_panel, number_line,
toolbar, teaching, commands, help, dialogs and theme), cli (predict.py) and
__main__ (python -m draw_app).
"""

__version__ = "1.1.0"
"""The program's version: the package metadata, --version and Help > About all read it."""
