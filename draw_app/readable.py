"""Why a path cannot be read as a file, in the few words a user needs.

An image and a model are each one regular file. Whatever else a path may name (a
directory, a pipe, a device, a broken or looping symbolic link), and whatever stops us
from even looking (a name longer than the file system allows, a directory we may not
enter), gets a short reason here instead of an OSError traceback, so the caller can
say it on one line and go on with the next input.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

OS_ERROR_REASONS = {
    errno.ENOENT: "no such file",
    errno.ENOTDIR: "no such file (a part of its path is not a directory)",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENAMETOOLONG: "file name too long for the file system",
    errno.ELOOP: "symbolic link loop",
    errno.EISDIR: "is a directory, not a file",
}


def why_unreadable(path: Path) -> str | None:
    """A short reason ``path`` is not a non-empty regular file, or None if it is one.

    Only looks at the file system entry (following symbolic links); whether the file
    may be opened and what it holds is for the reader to find out.
    """
    try:
        status = os.stat(path)
    except OSError as error:
        return os_error_reason(error, path)
    except ValueError:  # a NUL character in the name
        return "not a valid file name"
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "is a pipe, not a file (save what it carries to a file first)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    if status.st_size == 0:
        return "empty file"
    return None


def os_error_reason(error: OSError, path: Path | None = None) -> str:
    """What an OSError from the file system means for the user, without the errno."""
    if error.errno == errno.ENOENT and path is not None and os.path.islink(path):
        return f"broken symbolic link (it points to {os.readlink(path)}, which does not exist)"
    if error.errno in OS_ERROR_REASONS:
        return OS_ERROR_REASONS[error.errno]
    return (error.strerror or str(error) or type(error).__name__).lower()
