"""A picture pasted from the clipboard: a screenshot, a drawing copied in another program,
or an image file copied in a file manager, read as Open reads a file.

Digits drawn in other people's apps are read most easily by copying them there and
pasting them here, without saving a file first.

On Linux the clipboard is read with xclip (X11) or wl-paste (Wayland), which a desktop
may lack (then the person is told which package to install), each run with a time
limit: a program holding the clipboard may never hand it over. What it offers is asked
first, and only a picture or a text is fetched, never anything else. The fetched bytes
go to a temporary file that read_image reads, so a huge picture is refused by its header
before anything is decoded. The window calls pasted_picture off its own thread: on X11
it may itself hold the clipboard (its Copy), and must stay free to hand it over.

On Windows the clipboard is read the same way with PowerShell, on macOS with osascript
(both part of the system), each under the same time limit; the clipboard's text, for the
file names it may hold, is given by the window (Tk reads it there).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import numpy as np
from draw_app.images import ImageError, is_image_name, read_image
from draw_app.resources import system_program_environment

NO_PICTURE = "the clipboard holds no picture; copy one first (a screenshot, or an image in another program)"
PASTED = "the pasted picture"
"""What a pasted picture is called on the paper and in the status bar: it has no file of its own."""

WAIT_SECONDS = 10
"""How long a program holding the clipboard has to hand each thing asked for over."""
TIMED_OUT = 124
"""What coreutils' timeout returns when it stopped the program it ran."""

PICTURE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/bmp": ".bmp", "image/gif": ".gif",
                 "image/tiff": ".tiff", "image/webp": ".webp", "image/x-bmp": ".bmp"}
"""The pictures asked for, in this order of preference, and the suffix their file gets."""
TEXT_TYPES = ("text/uri-list", "UTF8_STRING", "text/plain;charset=utf-8", "text/plain", "STRING")
"""The texts asked for (a file manager's Copy offers its files' addresses as text/uri-list)."""


def pasted_picture(text: str = "") -> tuple[np.ndarray, str]:
    """The clipboard's picture as read_image reads a file, and what to call it; ImageError
    with a one-line reason when it holds none, or it cannot be read. ``text``: the
    clipboard's text as the window reads it, used on Windows and macOS only."""
    if sys.platform == "win32":
        return from_windows_clipboard(text)
    if sys.platform == "darwin":
        return from_macos_clipboard(text)
    return from_linux_clipboard()


def from_linux_clipboard() -> tuple[np.ndarray, str]:
    """Ask xclip or wl-paste what the clipboard offers, then fetch a picture, else a text naming files."""
    on_wayland = bool(os.environ.get("WAYLAND_DISPLAY"))
    wayland = on_wayland and shutil.which("wl-paste") is not None  # else xclip, through XWayland
    tool = "wl-paste" if wayland else "xclip"
    if not shutil.which(tool):
        package = "wl-clipboard" if on_wayland else "xclip"
        raise ImageError(f"pasting a picture here needs {'wl-paste' if on_wayland else 'xclip'}: "
                         f"install the {package} package")
    offered = ["wl-paste", "--list-types"] if wayland else ["xclip", "-selection", "clipboard", "-o", "-t", "TARGETS"]
    kinds = (fetched(offered) or b"").decode("utf-8", "replace").split()
    picture = next((kind for kind in PICTURE_TYPES if kind in kinds), None)
    if picture is not None:
        data = fetched(fetch_command(picture, wayland))
        if data:
            return picture_from_bytes(data, PICTURE_TYPES[picture])
    text = next((kind for kind in TEXT_TYPES if kind in kinds), None)
    data = fetched(fetch_command(text, wayland)) if text is not None else None
    return copied_image_file(image_files_named_in(data.decode("utf-8", "replace") if data else ""))


def fetch_command(kind: str, wayland: bool) -> list[str]:
    """The command that writes what the clipboard holds as ``kind`` (a picture's or a text's type)."""
    return ["wl-paste", "--no-newline", "--type", kind] if wayland else \
        ["xclip", "-selection", "clipboard", "-o", "-t", kind]


def fetched(command: Sequence[str]) -> bytes | None:
    """What a clipboard tool wrote, or None if it failed (an empty clipboard, a kind not offered).

    On Linux the tool runs under coreutils' timeout (Windows' timeout.exe only waits), which
    stops it even if the window closes while it waits for an owner that never answers (this
    thread's own limit dies with the window); the thread's limit, a little longer, is for
    systems without it."""
    limit = ["timeout", str(WAIT_SECONDS)] if sys.platform.startswith("linux") and shutil.which("timeout") else []
    try:
        done = subprocess.run([*limit, *command], capture_output=True, stdin=subprocess.DEVNULL,
                              timeout=WAIT_SECONDS + 2, env=system_program_environment())
    except subprocess.TimeoutExpired:
        done = None
    except OSError as error:
        raise ImageError(f"cannot read the clipboard ({error})") from None
    if done is None or (limit and done.returncode == TIMED_OUT):
        raise ImageError(f"the program holding the clipboard did not hand it over in {WAIT_SECONDS} s")
    return done.stdout if done.returncode == 0 else None


def picture_from_bytes(data: bytes, suffix: str) -> tuple[np.ndarray, str]:
    """A picture's file contents, read as read_image reads a file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"pasted{suffix}"
        path.write_bytes(data)
        return read_image(path), PASTED


WINDOWS_READER = """
Add-Type -AssemblyName System.Windows.Forms, System.Drawing
[Console]::OutputEncoding = [Text.Encoding]::UTF8
$files = [System.Windows.Forms.Clipboard]::GetFileDropList()
if ($files.Count) { $files; exit 0 }
$picture = [System.Windows.Forms.Clipboard]::GetImage()
if ($picture) { $picture.Save($args[0], [System.Drawing.Imaging.ImageFormat]::Png) }
"""
"""PowerShell that writes the files copied in Explorer, one a line, or saves the clipboard's
picture as the PNG its argument names."""


def from_windows_clipboard(text: str) -> tuple[np.ndarray, str]:
    """The picture on Windows' clipboard (through PowerShell, as xclip on Linux), else the
    image files copied in Explorer, else those ``text`` names ("Copy as path")."""
    with tempfile.TemporaryDirectory() as folder:
        script, picture = Path(folder) / "paste.ps1", Path(folder) / "pasted.png"
        script.write_text(WINDOWS_READER, encoding="utf-8")
        files = fetched(["powershell", "-NoProfile", "-NonInteractive", "-STA", "-ExecutionPolicy", "Bypass",
                         "-File", str(script), str(picture)])
        if picture.exists():
            return read_image(picture), PASTED
    return copied_image_file(image_files_named_in((files or b"").decode("utf-8", "replace") + "\n" + text))


def from_macos_clipboard(text: str) -> tuple[np.ndarray, str]:
    """The file copied in Finder (which also offers the file's icon as a picture), else the
    clipboard's picture as PNG (through osascript), else the image files ``text`` names."""
    finder_file = fetched(["osascript", "-e", "POSIX path of (the clipboard as «class furl»)"])
    if finder_file and finder_file.strip():
        return copied_image_file([Path(finder_file.decode("utf-8", "replace").strip())])
    answer = (fetched(["osascript", "-e", "get the clipboard as «class PNGf»"]) or b"").decode("utf-8", "replace")
    answer = answer.strip()
    if answer.startswith("«data PNGf") and answer.endswith("»"):  # the PNG's bytes, in hexadecimal
        try:
            return picture_from_bytes(bytes.fromhex(answer[len("«data PNGf"):-1]), ".png")
        except ValueError:
            pass
    return copied_image_file(image_files_named_in(text))


def image_files_named_in(text: str) -> list[Path]:
    """The files a clipboard's text names, one per line: paths (quoted, as Windows' "Copy as
    path" gives them, or not), or file:// addresses (a Linux file manager's Copy). Other
    addresses (a web page's picture) name no file here."""
    paths = []
    for line in text.splitlines():
        line = line.strip().strip('"')
        if line.startswith("#"):  # a comment, in a text/uri-list
            continue
        address = urlparse(line)
        if address.scheme == "file":
            host = f"//{address.netloc}" if address.netloc not in ("", "localhost") else ""
            paths.append(Path(url2pathname(host + address.path)))  # unquotes %20; on Windows /C:/x is a drive's path
        elif line and (len(address.scheme) <= 1 or not address.netloc):  # C:\... parses as scheme "c"
            paths.append(Path(line))
    return paths


def copied_image_file(paths: list[Path]) -> tuple[np.ndarray, str]:
    """The first image file among ``paths``, read, and what to call it; ImageError if none is
    one. The paper holds one picture: where several were copied, its name says it is the
    first, or the others would be left out without a word."""
    images = [path for path in paths if is_image_name(path)]
    if not images:
        raise ImageError(NO_PICTURE)
    several = f" (the first of {len(images)} pictures copied)" if len(images) > 1 else ""
    return read_image(images[0]), images[0].name + several
