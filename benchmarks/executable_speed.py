"""How quickly the packaged executable starts, and how much a user downloads.

The archive that `pyinstaller draw_app.spec` packs is unpacked into a temporary
folder, as a user would, and the program in it is timed from launch: to its window
being shown (the app logs "window shown" with --log-level INFO; needs an X display,
Xvfb is started if there is none) and to the end of --self-test. It also prints what
the bundle holds, biggest first, to see what is worth dropping.

    python benchmarks/executable_speed.py dist/draw_app-1.1.0-linux-x86_64.tar.xz
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from app_speed import launch_times  # noqa: E402

MB = 1024 * 1024


def self_test_seconds(program: Path, cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([str(program), "--self-test"], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{program} --self-test failed:\n{result.stdout}{result.stderr}")
    return seconds


def size_of(path: Path) -> int:
    """Bytes in a file or a folder, links not followed (the bundle links libraries by name)."""
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(size_of(child) for child in path.iterdir())


def biggest_parts(contents: Path, count: int) -> list[tuple[str, int]]:
    """The largest files and folders of the bundle, one level down into each folder."""
    parts = []
    for entry in contents.iterdir():
        children = list(entry.iterdir()) if entry.is_dir() and not entry.is_symlink() else [entry]
        parts += [(child.relative_to(contents).as_posix(), size_of(child)) for child in children]
    return sorted(parts, key=lambda part: -part[1])[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path, help="the packed executable, dist/draw_app-*.tar.xz")
    parser.add_argument("--launches", type=int, default=5, help="launches to time, each way (default: 5)")
    parser.add_argument("--parts", type=int, default=12, help="biggest parts of the bundle to list (default: 12)")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and shutil.which("Xvfb") is None:
        sys.exit("needs an X display, or Xvfb to make one (apt-get install xvfb)")

    with tempfile.TemporaryDirectory() as temporary:
        unpacked = Path(temporary)
        started = time.perf_counter()
        with tarfile.open(args.archive) as packed:
            packed.extractall(unpacked, filter="data")
        unpack_seconds = time.perf_counter() - started
        folder = unpacked / "draw_app"
        program = folder / "draw_app"
        elsewhere = unpacked / "elsewhere"
        elsewhere.mkdir()

        self_tests = [self_test_seconds(program, elsewhere) for _ in range(args.launches)]
        display = None
        if not os.environ.get("DISPLAY"):
            from pyvirtualdisplay import Display

            display = Display(size=(1280, 900)).start()
        try:
            windows = [launch_times([str(program)])[0] for _ in range(args.launches)]
        finally:
            if display:
                display.stop()

        print(f"executable: {args.archive.name}")
        print(f"  download (the archive)        {args.archive.stat().st_size / MB:.1f} MB")
        print(f"  unpacked                      {size_of(folder) / MB:.1f} MB in {unpack_seconds:.1f} s")
        print(f"  launch to window shown        median {statistics.median(windows):.2f} s, "
              f"slowest {max(windows):.2f} s over {len(windows)} launches")
        print(f"  --self-test, launch to exit   median {statistics.median(self_tests):.2f} s, "
              f"slowest {max(self_tests):.2f} s over {len(self_tests)} launches")
        print("  biggest parts of the bundle:")
        for name, size in biggest_parts(folder / "_internal", args.parts):
            print(f"    {size / MB:6.1f} MB  {name}")


if __name__ == "__main__":
    main()
