"""Where the files shipped with the program live: the model and the sample drawings.

From a clone or an editable install they are the project's top-level sample_model/ and
sample_digit/; in the packaged executable they are in PyInstaller's bundle folder.
Never the current directory, so the program works wherever it is started from.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The folder holding sample_model/ and sample_digit/."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent


def default_model_path() -> Path:
    return resource_root() / "sample_model" / "cnn.tflite"


def sample_digits_folder() -> Path:
    return resource_root() / "sample_digit"
