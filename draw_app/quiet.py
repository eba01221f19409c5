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
import tempfile
from collections.abc import Iterator


@contextlib.contextmanager
def native_output_silenced() -> Iterator[None]:
    """Send fd 1 and fd 2 to a scratch file while the block runs.

    If the block raises, what was captured is replayed on stderr, so a real failure
    still shows the library's own explanation.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    saved = {fd: os.dup(fd) for fd in (1, 2)}
    with tempfile.TemporaryFile(mode="w+b") as scratch:
        for fd in saved:
            os.dup2(scratch.fileno(), fd)
        try:
            yield
        except BaseException:
            _restore(saved)
            scratch.seek(0)
            sys.stderr.write(scratch.read().decode(errors="replace"))
            raise
        else:
            _restore(saved)


def _restore(saved: dict[int, int]) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    for fd, copy in saved.items():
        os.dup2(copy, fd)
        os.close(copy)


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
