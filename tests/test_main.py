"""draw_app/__main__.py: how the app starts, and how it says it cannot."""

import os

import pytest
from conftest import run_python

from draw_app import __version__

NO_DISPLAY = "no display found: run it on a desktop, or under xvfb-run\n"


def test_version_is_the_package_version():
    result = run_python("-m", "draw_app", "--version")
    assert result.returncode == 0 and result.stdout == f"draw_app {__version__}\n"


@pytest.mark.parametrize("display", [None, ":65000"], ids=["no DISPLAY", "unreachable DISPLAY"])
def test_without_a_display_one_line_and_exit_code_1(display, tmp_path):
    environment = {name: value for name, value in os.environ.items() if name not in ("DISPLAY", "WAYLAND_DISPLAY")}
    if display:
        environment["DISPLAY"] = display
    result = run_python("-m", "draw_app", env=environment)
    assert result.returncode == 1
    assert result.stderr == NO_DISPLAY and result.stdout == ""
