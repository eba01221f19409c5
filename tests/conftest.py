"""Shared fixtures. In CI (CI set) a skipped test fails the run: the GUI tests in
particular must really run there, under the Xvfb that pytest-xvfb starts."""

import gc
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIGITS = sorted((ROOT / "sample_digit").glob("*.png"))


def run_python(*args, **kwargs):
    """Run a Python script of the project the way a user would, capturing its output."""
    import subprocess

    return subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True,
                          cwd=kwargs.pop("cwd", ROOT), timeout=kwargs.pop("timeout", 600), **kwargs)


SLICE = ROOT / "tests" / "data" / "mnist_slice.npz"


def train(*args):
    """Run training/cnn.py on the MNIST slice."""
    return run_python(ROOT / "training" / "cnn.py", "--data", SLICE, *args)


@pytest.fixture(scope="session")
def trained(tmp_path_factory):
    """Two runs with the same seed, three epochs each on 480 images (120 held out for validation),
    1s turned and sheared half as far as other digits (the flag's path through the distortions),
    ending with averaged weights."""
    runs = []
    for name in ("first", "second"):
        output = tmp_path_factory.mktemp(name)
        runs.append((train("--epochs", "3", "--batch-size", "32", "--one-distortion", "0.5",
                           "--weight-average", "0.9", "--output", output),
                     output))
    return runs


def permission_bits_count():
    """preexec_fn under which permission bits hold for the child, even when tests run as root (CI).

    Root reads and enters anything by its CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
    capabilities, so a 'permission denied' case run as root would test nothing. Dropping
    the two from the bounding set before exec makes the child's root an ordinary owner,
    refused by mode 000 like anyone. None when we are not root: nothing to drop.
    """
    if os.geteuid() != 0:
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)

    def drop_override():
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")

    return drop_override


def cannot_run(reason: str):
    """A test that cannot run here: skipped on a developer's machine, failed in CI."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(autouse=True, scope="session")
def private_data_folder(tmp_path_factory):
    """No test reads or writes the user's real data (their examples): the app and
    predict.py, in this process and in the ones tests start, keep theirs here."""
    from draw_app.examples import DATA_FOLDER_VARIABLE

    os.environ[DATA_FOLDER_VARIABLE] = str(tmp_path_factory.mktemp("draw-app-data"))


@pytest.fixture
def tk_root():
    import tkinter

    try:
        root = tkinter.Tk()
    except tkinter.TclError as error:
        cannot_run(f"Tk cannot open a window ({error}); install Xvfb so pytest-xvfb can start it")
    yield root
    root.destroy()
    # Collect the window's garbage here, on the main thread. Left for later, Python may
    # collect it on whatever thread next allocates, such as the app's model-loading
    # worker, where every Tk object's __del__ waits about a second for a main loop.
    gc.collect()


def pytest_addoption(parser):
    parser.addoption("--archive", type=Path, default=None,
                     help="the packed executable to check, dist/draw_app-*.tar.xz (runs tests/test_executable.py)")


def pytest_ignore_collect(collection_path, config):
    """The packaged executable's tests run only when one is named: building it takes minutes.

    Returns None for every other path, so pytest's own rules (--ignore, virtual
    environments) still decide; False would switch them off.
    """
    if collection_path.name == "test_executable.py" and config.getoption("--archive") is None:
        return True
    return None


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped and exitstatus == pytest.ExitCode.OK:
        reporter.write_line(f"CI: {len(skipped)} test(s) skipped; every test must run in CI", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
