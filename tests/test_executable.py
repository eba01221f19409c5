"""The packaged executable, as built by `pyinstaller draw_app.spec`.

Run with: python -m pytest tests/test_executable.py --executable dist/draw_app
Everything runs from a directory outside the project, so a file missing from the
bundle cannot be papered over by the checkout.
"""

import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import cannot_run

SAMPLE_COUNT = 20


@pytest.fixture(scope="module")
def executable(pytestconfig):
    path = pytestconfig.getoption("--executable").resolve()
    assert path.is_file(), f"{path} not built; run: pyinstaller draw_app.spec"
    return path


def test_executable_is_small(executable):
    assert executable.stat().st_size < 150 * 1024 * 1024


def test_bundle_carries_no_tensorflow(executable):
    viewer = shutil.which("pyi-archive_viewer", path=str(Path(sys.executable).parent))
    listing = subprocess.run([viewer, "--list", "--recursive", str(executable)], capture_output=True, text=True,
                             check=True).stdout
    assert "ai_edge_litert" in listing and "cnn.tflite" in listing and "sample_digit" in listing
    assert "tensorflow" not in listing.replace("tensorflow_lite", "").lower()
    assert "keras" not in listing.lower()


def test_self_test_passes_from_another_directory(executable, tmp_path):
    result = subprocess.run([str(executable), "--self-test"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"self-test: {SAMPLE_COUNT}/{SAMPLE_COUNT} sample digits read correctly" in result.stdout
    assert result.stderr == ""


def read_lines(stream, lines):
    for line in stream:
        lines.put(line.rstrip("\n"))


def wait_for(lines, prefix, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line.startswith(prefix):
            return line
    raise AssertionError(f"no line starting {prefix!r} within {seconds} s")


def drain(lines):
    while not lines.empty():
        yield lines.get()


def test_digit_drawn_with_the_mouse_is_recognised(executable, tmp_path):
    if not shutil.which("xdotool"):
        cannot_run("xdotool is needed to move the mouse (apt-get install xdotool)")
    process = subprocess.Popen([str(executable), "--log-level", "DEBUG"], cwd=tmp_path,
                               stderr=subprocess.PIPE, text=True)
    lines = queue.Queue()
    threading.Thread(target=read_lines, args=(process.stderr, lines), daemon=True).start()
    try:
        canvas = wait_for(lines, "canvas at screen ")
        x, y = map(int, canvas.split()[3].split(","))
        moves = [(120, 90), (290, 90)] + [(290 - 120 * i / 10, 90 + 240 * i / 10) for i in range(1, 11)]

        def xdotool(*args):
            subprocess.run(["xdotool", *map(str, args)], check=True)

        xdotool("mousemove", x + moves[0][0], y + moves[0][1])
        xdotool("mousedown", 1)
        for mx, my in moves[1:]:
            xdotool("mousemove", x + round(mx), y + round(my))
            time.sleep(0.02)
        xdotool("mouseup", 1)
        time.sleep(2)
        predictions = [line for line in drain(lines) if line.startswith("prediction: ")]
        assert predictions and predictions[-1].startswith("prediction: 7 (")
    finally:
        process.terminate()
        process.wait(timeout=20)
