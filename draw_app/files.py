"""Write files so that a crash, a full disk or Ctrl+C never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Call write(temporary_path) beside ``target``, then rename it into place.

    The rename is atomic, so ``target`` is either the old file or the complete new
    one. The temporary keeps ``target``'s suffix, because some writers (Keras's .h5
    saver, Pillow) pick the format from it.
    """
    target = Path(target)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=target.suffix)
    os.close(handle)
    try:
        write(Path(temporary))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes files private; give them the usual mode
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
