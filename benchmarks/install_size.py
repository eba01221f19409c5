"""How much an installation weighs: the project's wheel in a fresh virtual environment.

The wheel is built from a copy of the project (`pip wheel`, as a user would) and
installed with the extras asked for into a new virtual environment; printed are the
environment's size, its biggest packages, and whether TensorFlow is among them. With
no extras it is what `pip install draw-app` gives: the app and the command line.

    python benchmarks/install_size.py
    python benchmarks/install_size.py --extras train,test
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_PART_OF_THE_PROJECT = (".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache")
MB = 1024 * 1024


def pip(*args: str | Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *map(str, args)], check=True)


def size_of(path: Path) -> int:
    """Bytes in a file or a folder, links not followed."""
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(size_of(child) for child in path.iterdir())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extras", default="", help="comma-separated extras, e.g. train,test (default: none)")
    parser.add_argument("--packages", type=int, default=10, help="biggest packages to list (default: 10)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        source = work / "draw-app"
        shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_PART_OF_THE_PROJECT))
        pip("wheel", "--no-deps", "--wheel-dir", work / "wheels", source)
        (wheel,) = (work / "wheels").glob("draw_app-*.whl")

        venv = work / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
        python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        started = time.perf_counter()
        pip("--python", python, "install", f"{wheel}[{args.extras}]" if args.extras else wheel)
        install_seconds = time.perf_counter() - started

        site_packages = Path(subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True, text=True, check=True).stdout.strip())
        packages = sorted(((entry.name, size_of(entry)) for entry in site_packages.iterdir()), key=lambda p: -p[1])
        has_tensorflow = (site_packages / "tensorflow").exists()

        print(f"{wheel.name} with extras [{args.extras}] in a fresh virtual environment "
              f"(Python {sysconfig.get_python_version()}, pip install took {install_seconds:.0f} s)")
        print(f"  size of the environment       {size_of(venv) / MB:.0f} MB")
        print(f"  TensorFlow installed          {'yes' if has_tensorflow else 'no'}")
        print("  biggest packages:")
        for name, size in packages[:args.packages]:
            print(f"    {size / MB:6.1f} MB  {name}")


if __name__ == "__main__":
    main()
