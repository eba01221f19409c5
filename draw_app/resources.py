"""Where the files shipped with the program live: the model, the sample drawings and the reference digits.

An installed wheel and the packaged executable carry them inside the package, as
draw_app/sample_model/ and draw_app/sample_digit/ (setup.cfg and draw_app.spec put
them there). In a clone or an editable install they are the project's top-level
sample_model/ and sample_digit/, where training writes and users look. Never the
current directory, so the program works wherever it is started from. The reference
digits (draw_app/adapt.py) belong to the code, not to a model: they are always inside
the package.

The executable also changes how the system's own programs (xclip, xdg-open) would be
started from it, which system_program_environment undoes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def resource_root() -> Path:
    """The folder holding sample_model/ and sample_digit/."""
    return PACKAGE if (PACKAGE / "sample_model").is_dir() else PACKAGE.parent


def default_model_path() -> Path:
    return resource_root() / "sample_model" / "cnn.tflite"


def system_program_environment() -> dict[str, str]:
    """The environment to start one of the system's programs in. The packaged executable's
    loader puts its own folder first in LD_LIBRARY_PATH (keeping the person's own in
    LD_LIBRARY_PATH_ORIG), so a program started from it would load the executable's copies
    of the system's libraries, which need not match it; as PyInstaller's documentation
    advises, the person's own path is put back."""
    environment = dict(os.environ)
    if getattr(sys, "frozen", False):
        original = environment.pop("LD_LIBRARY_PATH_ORIG", None)
        if original is None:
            environment.pop("LD_LIBRARY_PATH", None)
        else:
            environment["LD_LIBRARY_PATH"] = original
    return environment


def reference_digits_path() -> Path:
    """Typical drawings of each digit, as model inputs (tools/make_reference_digits.py)."""
    return PACKAGE / "reference_digits.npz"


def sample_digits_folder() -> Path:
    return resource_root() / "sample_digit"
