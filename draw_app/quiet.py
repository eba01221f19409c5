"""Keep TensorFlow's native start-up chatter off the user's terminal.

TensorFlow writes absl/oneDNN/cpu_feature_guard lines and its converter writes MLIR
diagnostics straight to file descriptors 1 and 2 from C++, where neither
``TF_CPP_MIN_LOG_LEVEL`` nor Python's ``logging`` reaches (the absl lines come out
before the level is even read). The only switch that works is to point those
descriptors elsewhere for the few calls that talk.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def native_output_silenced() -> Iterator[None]:
    """Send fd 1 and fd 2 to the null device while the block runs.

    Python-level exceptions still propagate with their messages; only the native
    libraries' chatter is lost.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    saved = {fd: os.dup(fd) for fd in (1, 2)}
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        for fd in saved:
            os.dup2(null, fd)
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, copy in saved.items():
            os.dup2(copy, fd)
            os.close(copy)
        os.close(null)


def import_tensorflow():
    """Import TensorFlow quietly; only the training script and ``.h5`` models need it.

    Listing the devices here makes TensorFlow probe for CUDA now, inside the silenced
    block, instead of complaining about the missing GPU at the first model it builds.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with native_output_silenced():
        import tensorflow

        tensorflow.config.list_physical_devices()

    return tensorflow
