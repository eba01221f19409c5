"""Why a path is not a file we can read, in the few words a one-line error needs."""

import os
import sys

import pytest

from draw_app.readable import os_error_reason, why_unreadable


def test_a_non_empty_regular_file_is_readable(tmp_path):
    path = tmp_path / "seven.png"
    path.write_bytes(b"\x89PNG")
    assert why_unreadable(path) is None


@pytest.mark.parametrize("make, reason", [
    (lambda path: None, "no such file"),
    (lambda path: path.mkdir(), "is a directory, not a file"),
    (lambda path: path.write_bytes(b""), "empty file"),
])
def test_what_is_not_a_readable_file_says_why(tmp_path, make, reason):
    path = tmp_path / "seven.png"
    make(path)
    assert why_unreadable(path) == reason


@pytest.mark.skipif(sys.platform == "win32", reason="pipes and symbolic links as on Linux and macOS")
def test_pipes_and_broken_or_looping_links_say_what_they_are(tmp_path):
    pipe = tmp_path / "pipe.png"
    os.mkfifo(pipe)
    assert why_unreadable(pipe).startswith("is a pipe, not a file")
    broken = tmp_path / "broken.png"
    broken.symlink_to(tmp_path / "gone.png")
    assert why_unreadable(broken) == f"broken symbolic link (it points to {tmp_path / 'gone.png'}, which does not exist)"
    loop = tmp_path / "loop.png"
    loop.symlink_to(loop)
    assert why_unreadable(loop) == "symbolic link loop"


def test_a_name_with_a_nul_character_is_no_valid_file_name():
    assert why_unreadable("seven\0.png") == "not a valid file name"


def test_an_unknown_os_error_is_said_in_its_own_words_without_the_errno():
    assert os_error_reason(OSError(5, "Input/output error")) == "input/output error"
