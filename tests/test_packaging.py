"""The wheel, installed as a user would: `pip wheel .`, then `pip install` of that wheel
in a fresh virtual environment without extras, then both programs used from a folder
that is not the project's.

The wheel is built from a copy of the project, so the build leaves nothing in the
working tree; pip's cache makes the install take seconds after the first time.
"""

import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT

from draw_app import __version__
from draw_app.images import read_image
from draw_app.predictor import Predictor
from draw_app.preprocess import to_mnist

SAMPLE_COUNT = len(list((ROOT / "sample_digit").glob("*.png")))
INSTALL_LIMIT_MB = 400
NOT_PART_OF_THE_PROJECT = (".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache")


def pip(*args):
    """This environment's pip; with --python it installs into another one that has no pip."""
    result = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *map(str, args)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    source = tmp_path_factory.mktemp("source") / "draw-app"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_PART_OF_THE_PROJECT))
    wheels = tmp_path_factory.mktemp("wheels")
    pip("wheel", "--no-deps", "--wheel-dir", wheels, source)
    (built,) = wheels.glob("draw_app-*.whl")
    return built


@pytest.fixture(scope="module")
def environment(wheel, tmp_path_factory):
    """A fresh virtual environment with the wheel and what it requires, no extras."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, timeout=300)
    programs = venv / ("Scripts" if os.name == "nt" else "bin")
    pip("--python", programs / "python", "install", wheel)
    return venv, programs


def run(program, *args, cwd):
    return subprocess.run([str(program), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_wheel_carries_the_shipped_model_and_sample_drawings(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "draw_app/sample_model/cnn.tflite" in names
    assert "draw_app/sample_model/cnn.json" in names
    assert "draw_app/sample_model/cnn.h5" not in names  # Keras's copy: only training and tests use it
    assert "draw_app/reference_digits.npz" in names  # what a lesson is weighed against (draw_app/adapt.py)
    drawings = [name for name in names if name.startswith("draw_app/sample_digit/") and name.count("/") == 2]
    assert len(drawings) == SAMPLE_COUNT


def test_install_without_extras_has_no_tensorflow(environment, tmp_path):
    venv, programs = environment
    result = run(programs / "python", "-c",
                 "import importlib.util, draw_app.resources as r; "
                 "print(importlib.util.find_spec('tensorflow'), importlib.util.find_spec('skimage')); "
                 "print(r.default_model_path())", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    missing, model = result.stdout.splitlines()
    assert missing == "None None"
    assert model.startswith(str(venv)), "the model must come from the installed wheel, not the clone"


def test_install_without_extras_is_small(environment):
    venv, _ = environment
    size = sum(path.stat().st_size for path in venv.rglob("*") if path.is_file() and not path.is_symlink())
    assert size < INSTALL_LIMIT_MB * 1024 * 1024, f"{size / 1024 ** 2:.0f} MB"


def test_digit_predict_reads_a_file_from_another_folder(environment, tmp_path):
    _, programs = environment
    shutil.copy(ROOT / "sample_digit" / "7_thin.png", tmp_path / "seven.png")
    result = run(programs / "digit-predict", "seven.png", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("seven.png: 7 (")


def test_digit_predict_reads_with_a_lesson(environment, tmp_path):
    """The installed program finds the reference digits a lesson needs (draw_app/adapt.py)."""
    _, programs = environment
    seven = ROOT / "sample_digit" / "7_thin.png"
    Predictor(examples=tmp_path / "examples").examples.learn(to_mnist(read_image(seven)), 2)
    result = run(programs / "digit-predict", "--examples", tmp_path / "examples", seven, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"{seven}: 2 (") and "as your examples taught" in result.stdout


def test_draw_app_self_test_passes_from_another_folder(environment, tmp_path):
    _, programs = environment
    result = run(programs / "draw-app", "--self-test", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"self-test: {SAMPLE_COUNT}/{SAMPLE_COUNT} sample digits read correctly" in result.stdout


def test_both_programs_tell_their_version(environment, tmp_path):
    _, programs = environment
    assert run(programs / "digit-predict", "--version", cwd=tmp_path).stdout == f"digit-predict {__version__}\n"
    assert run(programs / "draw-app", "--version", cwd=tmp_path).stdout == f"draw-app {__version__}\n"


def test_a_keras_model_without_tensorflow_is_a_one_line_error(environment, tmp_path):
    """The install without extras has no TensorFlow: a .h5 model says what to install."""
    _, programs = environment
    result = run(programs / "digit-predict", "--model", ROOT / "sample_model" / "cnn.h5",
                 ROOT / "sample_digit" / "7_thin.png", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"error: {ROOT / 'sample_model' / 'cnn.h5'}: a Keras model needs TensorFlow")
    assert result.stderr.count("\n") == 1 and 'pip install -e ".[train]"' in result.stderr
