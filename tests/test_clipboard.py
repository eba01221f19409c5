"""Pictures pasted from the clipboard: what the clipboard may offer on each system (the tools
that read it are stood in for here), and what the person is told when it holds no picture.
test_app.py pastes through the real X clipboard (xclip, under Xvfb)."""

import re
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT
from PIL import Image

from draw_app import clipboard
from draw_app.clipboard import (NO_PICTURE, PASTED, WINDOWS_READER, fetched, from_linux_clipboard,
                                from_macos_clipboard, from_windows_clipboard, image_files_named_in)
from draw_app.images import ImageError, read_image

SAMPLE = ROOT / "sample_digit" / "3_blue_on_cream.png"


def offering(monkeypatch, offers, tools=("xclip", "wl-paste"), wayland=False):
    """A Linux clipboard offering ``offers`` (kind -> bytes), read with whichever of ``tools`` is installed."""
    asked = []

    def fake_fetched(command):
        asked.append(command)
        kind = command[-1]
        if kind in ("TARGETS", "--list-types"):
            return "\n".join(offers).encode() if offers else None
        return offers.get(kind)

    monkeypatch.setattr(clipboard, "fetched", fake_fetched)
    monkeypatch.setattr(clipboard.shutil, "which", lambda tool: f"/usr/bin/{tool}" if tool in tools else None)
    if wayland:
        monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    else:
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return asked


def test_a_picture_offered_reads_as_the_same_picture_in_a_file(monkeypatch):
    asked = offering(monkeypatch, {"TARGETS": b"", "image/png": SAMPLE.read_bytes(), "UTF8_STRING": b"x"})
    pixels, name = from_linux_clipboard()
    assert np.array_equal(pixels, read_image(SAMPLE)) and name == PASTED
    assert [command[-1] for command in asked] == ["TARGETS", "image/png"]  # what is offered, then only the picture


def test_image_files_copied_in_a_file_manager_read_the_first_image(monkeypatch):
    addresses = f"file:///nowhere/notes.txt\r\nfile://{SAMPLE.as_posix()}\r\n".encode()
    offering(monkeypatch, {"x-special/gnome-copied-files": b"copy", "text/uri-list": addresses}, wayland=True)
    assert from_linux_clipboard()[1] == SAMPLE.name


def test_of_several_image_files_copied_the_first_is_read_and_its_name_says_so(monkeypatch):
    other = ROOT / "sample_digit" / "7_thin.png"
    addresses = f"file://{SAMPLE.as_posix()}\r\nfile:///nowhere/notes.txt\r\nfile://{other.as_posix()}\r\n".encode()
    offering(monkeypatch, {"text/uri-list": addresses})
    pixels, name = from_linux_clipboard()
    assert np.array_equal(pixels, read_image(SAMPLE))
    assert name == f"{SAMPLE.name} (the first of 2 pictures copied)"


@pytest.mark.parametrize("offers, reason", [
    ({}, NO_PICTURE),  # nothing copied
    ({"UTF8_STRING": b"1234"}, NO_PICTURE),  # a number copied as text is no picture of one
    ({"UTF8_STRING": b"https://example.com/seven.png"}, NO_PICTURE),  # a web page's picture names no file here
    ({"UTF8_STRING": b"/nowhere/seven.png"}, "no such file"),
    ({"image/png": b"not a PNG at all"}, "not an image file this program can read"),
])
def test_a_clipboard_with_no_picture_to_read_says_why_in_one_line(monkeypatch, offers, reason):
    offering(monkeypatch, offers)
    with pytest.raises(ImageError, match=re.escape(reason)) as error:
        from_linux_clipboard()
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("wayland, said", [(False, "needs xclip: install the xclip package"),
                                           (True, "needs wl-paste: install the wl-clipboard package")])
def test_without_the_tool_that_reads_the_clipboard_it_says_which_package_to_install(monkeypatch, wayland, said):
    offering(monkeypatch, {"image/png": SAMPLE.read_bytes()}, tools=(), wayland=wayland)
    with pytest.raises(ImageError, match=said):
        from_linux_clipboard()


def test_on_wayland_without_wl_paste_xclip_reads_the_clipboard_through_xwayland(monkeypatch):
    asked = offering(monkeypatch, {"image/png": SAMPLE.read_bytes()}, tools=("xclip",), wayland=True)
    assert from_linux_clipboard()[1] == PASTED and asked[0][0] == "xclip"


def test_a_program_that_never_hands_the_clipboard_over_is_waited_for_only_so_long(monkeypatch):
    monkeypatch.setattr(clipboard, "WAIT_SECONDS", 0.3)
    with pytest.raises(ImageError, match="did not hand it over in 0.3 s"):
        fetched([sys.executable, "-c", "import time; time.sleep(5)"])
    assert fetched([sys.executable, "-c", "import sys; sys.exit(1)"]) is None  # the tool's "nothing of that kind"


def test_a_huge_picture_is_refused_by_its_size_before_it_is_decoded(monkeypatch, tmp_path):
    huge = tmp_path / "huge.png"
    Image.new("L", (8000, 8000), 255).save(huge)  # 64 megapixels, more than read_image reads
    offering(monkeypatch, {"image/png": huge.read_bytes()})
    with pytest.raises(ImageError, match=r"image too large \(8000x8000 pixels; at most 50 megapixels\)"):
        from_linux_clipboard()


def test_file_addresses_and_paths_in_the_clipboards_text_are_the_files_they_name():
    text = ('# a comment naming /tmp/old.png\r\nfile:///home/ann/My%20digits/seven.png\r\n/tmp/two.jpg\n\n'
            '"/tmp/quoted three.png"\nhttps://a.b/c.png\n')
    assert image_files_named_in(text) == [Path("/home/ann/My digits/seven.png"), Path("/tmp/two.jpg"),
                                          Path("/tmp/quoted three.png")]


@pytest.mark.parametrize("clipboard_holds, text, expected", [
    ("picture", "", PASTED),
    (f"C:\\Users\\ann\\notes.txt\r\n{SAMPLE}\r\n", "", SAMPLE.name),  # files copied in Explorer
    ("", f'"{SAMPLE}"', SAMPLE.name),  # Explorer's "Copy as path", as text
])
def test_on_windows_powershell_gives_the_picture_or_the_files_copied(monkeypatch, clipboard_holds, text, expected):
    def powershell(command):
        assert command[0] == "powershell" and Path(command[-2]).read_text(encoding="utf-8") == WINDOWS_READER
        if clipboard_holds == "picture":
            Path(command[-1]).write_bytes(SAMPLE.read_bytes())  # the PNG the script saves
            return b""
        return clipboard_holds.encode() or None

    monkeypatch.setattr(clipboard, "fetched", powershell)
    assert from_windows_clipboard(text)[1] == expected
    monkeypatch.setattr(clipboard, "fetched", lambda command: None)
    with pytest.raises(ImageError, match=re.escape(NO_PICTURE)):
        from_windows_clipboard("")


def test_on_macos_a_file_copied_in_finder_comes_before_its_icon_then_the_picture(monkeypatch):
    answers = {"furl": f"{SAMPLE}\n".encode(), "PNGf": b"\xc2\xabdata PNGf" + SAMPLE.read_bytes().hex().encode()
               + b"\xc2\xbb\n"}
    monkeypatch.setattr(clipboard, "fetched", lambda command: answers[command[-1].split("class ")[1][:4]])
    assert from_macos_clipboard("")[1] == SAMPLE.name
    answers["furl"] = None  # no file copied: the picture itself
    pixels, name = from_macos_clipboard("")
    assert name == PASTED and np.array_equal(pixels, read_image(SAMPLE))


def test_xclip_started_from_the_executable_loads_the_systems_libraries_not_the_executables(monkeypatch):
    from draw_app.resources import system_program_environment

    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/draw_app/_internal:/home/ann/lib")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/home/ann/lib")
    assert system_program_environment()["LD_LIBRARY_PATH"] == "/opt/draw_app/_internal:/home/ann/lib"  # from source
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    environment = system_program_environment()
    assert environment["LD_LIBRARY_PATH"] == "/home/ann/lib" and "LD_LIBRARY_PATH_ORIG" not in environment
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG")
    assert "LD_LIBRARY_PATH" not in system_program_environment()  # the person had none
