"""Draw a Digit: read hand-drawn digits with a CNN trained on MNIST.

preprocess (any drawing -> MNIST-like 28x28), predictor (the model), strokes (the
drawing as an image), app (the window), cli (predict.py).
"""

__version__ = "1.1.0"
"""The program's version: the package metadata, --version and Help > About all read it."""
