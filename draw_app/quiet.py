"""Keep the runtimes' native chatter off the user's terminal.

TensorFlow writes absl/oneDNN/cpu_feature_guard lines, its converter MLIR diagnostics,
and LiteRT "Created TensorFlow Lite XNNPACK delegate", straight to file descriptors 1
and 2 from C++, where neither ``TF_CPP_MIN_LOG_LEVEL`` nor Python's ``logging``
reaches (the absl lines come out before the level is even read). The only switch that
works is to point those descriptors elsewhere for the few calls that talk.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from types import ModuleType


@contextlib.contextmanager
def native_output_silenced() -> Iterator[None]:
    """Send fd 1 and fd 2 to the null device while the block runs.

    Python-level exceptions still propagate with their messages; only the native
    libraries' chatter is lost.
    """
    _flush_python_streams()
    saved = {}
    for fd in (1, 2):
        try:
            saved[fd] = os.dup(fd)
        except OSError:  # no such descriptor, as in a windowed app on Windows: nothing to hide
            pass
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        for fd in saved:
            os.dup2(null, fd)
        yield
    finally:
        _flush_python_streams()
        for fd, copy in saved.items():
            os.dup2(copy, fd)
            os.close(copy)
        os.close(null)


def _flush_python_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def import_tensorflow() -> ModuleType:
    """Import TensorFlow quietly; only the training script and ``.h5`` models need it.

    Listing the devices here makes TensorFlow probe for CUDA now, inside the silenced
    block, instead of complaining about the missing GPU at the first model it builds.
    Its C++ log is kept to fatal messages (level 3): training's first batch logged an
    error-level line of its own ops' mismatch, "NodeDef mentions attribute
    use_unbounded_threadpool", in the middle of the run, which then went on as it should;
    what does fail reaches Python as an exception with its message.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with native_output_silenced():
        try:
            import tensorflow
        except ImportError as error:
            if error.name != "tensorflow":  # installed, but broken: its own message says how
                raise NoTensorFlow(f"TensorFlow is installed but cannot be imported: {error}") from error
            raise NoTensorFlow("TensorFlow is not installed: it comes with the project's train extra "
                               '(pip install -e ".[train]" in the project\'s folder)') from None

        tensorflow.config.list_physical_devices()

    return tensorflow


class NoTensorFlow(ImportError):
    """TensorFlow is not installed, or broken: the message says which, and what to install."""
