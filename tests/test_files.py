"""Saving never leaves half a file behind, nor a stray temporary."""

import os
import stat

import pytest

from draw_app.files import write_atomically


def test_the_new_file_replaces_the_old_whole_with_the_usual_mode(tmp_path):
    target = tmp_path / "seven.png"
    target.write_bytes(b"old drawing")
    write_atomically(target, lambda temporary: temporary.write_bytes(b"new drawing"))
    assert target.read_bytes() == b"new drawing"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not mkstemp's private 0o600
    assert [path.name for path in tmp_path.iterdir()] == ["seven.png"]


def test_a_writer_that_fails_leaves_the_old_file_as_it_was_and_no_temporary(tmp_path):
    target = tmp_path / "seven.png"
    target.write_bytes(b"old drawing")

    def fails_half_way(temporary):
        temporary.write_bytes(b"half a dra")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomically(target, fails_half_way)
    assert target.read_bytes() == b"old drawing"
    assert [path.name for path in tmp_path.iterdir()] == ["seven.png"]


def test_the_writer_is_given_a_name_with_the_targets_suffix(tmp_path):
    """Pillow and Keras's .h5 saver choose the format from the suffix."""
    seen = []
    write_atomically(tmp_path / "model.h5", lambda temporary: seen.append(temporary.suffix) or temporary.touch())
    assert seen == [".h5"]
