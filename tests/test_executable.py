"""The packaged executable, as built by `pyinstaller draw_app.spec`, checked as a user gets it.

Run with: python -m pytest tests/test_executable.py --archive dist/draw_app-*-linux-*.tar.xz
The archive is unpacked into a temporary folder and everything runs from another
directory outside the project, so a file missing from the bundle cannot be papered
over by the checkout.
"""

import os
import queue
import shutil
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, cannot_run

SAMPLE_COUNT = len(list((ROOT / "sample_digit").glob("*.png")))
DOWNLOAD_LIMIT_MB = 130


@pytest.fixture(scope="module")
def archive(pytestconfig):
    path = pytestconfig.getoption("--archive").resolve()
    assert path.is_file(), f"{path} not built; run: pyinstaller draw_app.spec"
    return path


@pytest.fixture(scope="module")
def folder(archive, tmp_path_factory):
    """The unpacked program folder: draw_app/ with the program and _internal/."""
    destination = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archive) as packed:
        packed.extractall(destination, filter="tar")
    return destination / "draw_app"


@pytest.fixture(scope="module")
def executable(folder):
    return folder / "draw_app"


def test_download_is_small(archive):
    assert archive.stat().st_size < DOWNLOAD_LIMIT_MB * 1024 * 1024


def test_user_sees_one_program_beside_one_folder(folder):
    assert sorted(path.name for path in folder.iterdir()) == ["_internal", "draw_app"]
    assert os.access(folder / "draw_app", os.X_OK)


def test_bundle_carries_the_model_and_drawings_but_no_tensorflow(folder, executable):
    files = [path.relative_to(folder).as_posix() for path in folder.rglob("*")]
    for shipped in ("_internal/draw_app/sample_model/cnn.tflite", "_internal/draw_app/sample_model/cnn.json",
                    "_internal/draw_app/sample_digit/7_thin.png", "_internal/draw_app/reference_digits.npz"):
        assert shipped in files
    viewer = shutil.which("pyi-archive_viewer", path=str(Path(sys.executable).parent))
    modules = subprocess.run([viewer, "--list", "--recursive", str(executable)], capture_output=True, text=True,
                             check=True).stdout
    assert "ai_edge_litert" in modules and "draw_app.predictor" in modules
    everything = "\n".join(files).lower() + modules.lower()
    assert "tensorflow" not in everything.replace("tensorflow_lite", "")
    assert "keras" not in everything
    assert "qt5" not in everything, "OpenCV's GUI libraries: build with opencv-python-headless"


def test_self_test_passes_from_another_directory(executable, tmp_path):
    result = subprocess.run([str(executable), "--self-test"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"self-test: {SAMPLE_COUNT}/{SAMPLE_COUNT} sample digits read correctly" in result.stdout
    # The network panel's pictures come from LiteRT in the executable too, not only in the source tree.
    assert "layers for Inside the network: conv1 24x24x30, conv2 10x10x15, dense128 128, dense50 50" in result.stdout
    assert result.stderr == ""


def test_version(executable):
    from draw_app import __version__

    result = subprocess.run([str(executable), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"draw_app {__version__}"


def test_without_a_display_it_says_so_in_one_line(executable, tmp_path):
    environment = {name: value for name, value in os.environ.items() if name not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run([str(executable)], cwd=tmp_path, env=environment, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1
    assert result.stderr == "no display found: run it on a desktop, or under xvfb-run\n"


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


def test_a_picture_pasted_is_read_through_the_systems_xclip(executable, tmp_path):
    """xclip is the system's, started from the executable, whose loader points the library
    path at the executable's own copies of the system's libraries (resources.system_program_environment)."""
    if not shutil.which("xdotool") or not shutil.which("xclip"):
        cannot_run("xdotool and xclip are needed to paste (apt-get install xdotool xclip)")
    subprocess.run(["xclip", "-selection", "clipboard", "-t", "image/png", "-i"], check=True, timeout=10,
                   input=(ROOT / "sample_digit" / "3_blue_on_cream.png").read_bytes())
    process = subprocess.Popen([str(executable), "--log-level", "DEBUG"], cwd=tmp_path,
                               stderr=subprocess.PIPE, text=True)
    lines = queue.Queue()
    threading.Thread(target=read_lines, args=(process.stderr, lines), daemon=True).start()
    try:
        wait_for(lines, "model ")
        window = subprocess.run(["xdotool", "search", "--name", "Draw a Digit"], capture_output=True, text=True,
                                check=True).stdout.split()[0]
        subprocess.run(["xdotool", "key", "--window", window, "ctrl+v"], check=True)
        assert wait_for(lines, "prediction: ", seconds=20).startswith("prediction: 3 (")
    finally:
        process.terminate()
        process.wait(timeout=20)
