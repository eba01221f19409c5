"""A picture pasted from the clipboard: a screenshot, a drawing copied in another program,
or an image file copied in a file manager, read as Open reads a file.

Digits drawn in other people's apps are read most easily by copying them there and
pasting them here, without saving a file first. Pillow's ImageGrab reads the system's
clipboard: natively on Windows and macOS, through xclip on X11 and wl-paste on Wayland,
which a Linux desktop may lack (then the person is told what to install).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import numpy as np
from PIL import ImageGrab, UnidentifiedImageError

from draw_app.images import ImageError, is_image_name, read_image

NO_PICTURE = "the clipboard holds no picture: copy one first (a screenshot, or an image in another program)"


def pasted_picture(text: str = "") -> tuple[np.ndarray, str]:
    """The clipboard's picture as read_image reads a file, and what to call it; ImageError
    with a one-line reason when it holds none, or cannot be read. ``text``: the clipboard's
    text, which the window reads (Tk does on every system), for image files it names."""
    try:
        content = ImageGrab.grabclipboard()
    except NotImplementedError:
        raise ImageError("pasting a picture on Linux needs xclip (or wl-paste on Wayland): "
                         "install the xclip package") from None
    except UnidentifiedImageError:  # text offered as a picture (xclip offers what it holds as anything)
        content = None
    except (ChildProcessError, OSError) as error:
        raise ImageError(f"cannot read the clipboard ({error})") from None
    if isinstance(content, list):  # files copied in Windows' Explorer
        return copied_image_file([Path(name) for name in content])
    if content is None:
        return copied_image_file(image_files_named_in(text))
    with content, tempfile.TemporaryDirectory() as folder:  # read_image's limits and conversions, as for a file
        path = Path(folder) / "pasted.png"
        content.save(path, format="PNG")
        return read_image(path), "the pasted picture"


def image_files_named_in(text: str) -> list[Path]:
    """The files a clipboard's text names, one per line: paths, or file:// addresses (what a
    Linux file manager's Copy gives other programs as text)."""
    paths = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("file://"):
            line = unquote(urlparse(line).path)
        if line:
            paths.append(Path(line))
    return paths


def copied_image_file(paths: list[Path]) -> tuple[np.ndarray, str]:
    """The first image file among ``paths``, read; ImageError if none is one."""
    images = [path for path in paths if is_image_name(path)]
    if not images:
        raise ImageError(NO_PICTURE)
    return read_image(images[0]), images[0].name
