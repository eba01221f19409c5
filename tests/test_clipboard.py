"""Pictures pasted from the clipboard: what the clipboard may hold on each system (given here
in place of Pillow's ImageGrab), and what the person is told when it holds none.
test_app.py pastes through the real clipboard (xclip, under Xvfb)."""

import re
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT
from PIL import Image

from draw_app import clipboard
from draw_app.clipboard import NO_PICTURE, image_files_named_in, pasted_picture
from draw_app.images import ImageError, read_image

SAMPLE = ROOT / "sample_digit" / "3_blue_on_cream.png"


def holding(monkeypatch, content):
    """The clipboard holds ``content``, as ImageGrab.grabclipboard gives it (or raises it)."""
    def grab():
        if isinstance(content, Exception):
            raise content
        return content

    monkeypatch.setattr(clipboard.ImageGrab, "grabclipboard", grab)


def test_a_picture_on_the_clipboard_reads_as_the_same_picture_in_a_file(monkeypatch):
    holding(monkeypatch, Image.open(SAMPLE))
    pixels, name = pasted_picture()
    assert np.array_equal(pixels, read_image(SAMPLE)) and name == "the pasted picture"


def test_image_files_copied_in_a_file_manager_read_the_first_image(monkeypatch, tmp_path):
    notes = tmp_path / "notes.txt"
    holding(monkeypatch, [str(notes), str(SAMPLE)])  # Windows' Explorer: a list of files
    assert pasted_picture()[1] == SAMPLE.name
    holding(monkeypatch, None)  # Linux file managers: their addresses, as text
    assert pasted_picture(f"file://{SAMPLE.as_posix()}\n")[1] == SAMPLE.name


def test_file_addresses_and_paths_in_the_clipboards_text_are_the_files_they_name():
    assert image_files_named_in("file:///home/ann/My%20digits/seven.png\r\n/tmp/two.jpg\n\n") == [
        Path("/home/ann/My digits/seven.png"), Path("/tmp/two.jpg")]


@pytest.mark.parametrize("content, text, reason", [
    (None, "", NO_PICTURE),
    (None, "1234", NO_PICTURE),  # a number copied as text is no picture of one
    ([], "", NO_PICTURE),
    (None, "/nowhere/seven.png", "no such file"),
    (NotImplementedError("wl-paste or xclip is required"), "", "needs xclip"),
    (ChildProcessError("xclip error: Can't open display"), "", "cannot read the clipboard (xclip error"),
])
def test_a_clipboard_with_no_picture_to_read_says_why_in_one_line(monkeypatch, content, text, reason):
    holding(monkeypatch, content)
    with pytest.raises(ImageError, match=re.escape(reason)) as error:
        pasted_picture(text)
    assert "\n" not in str(error.value)
