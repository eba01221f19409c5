"""How quickly the app starts and how much each live update costs while drawing.

The app (or the packaged executable) is started with --log-level INFO, and the time
is taken as its lines arrive: "window shown" once the window is visible on the screen,
"model ... ready" once the first stroke can be read. The per-update cost is measured
in-process on strokes drawn with event_generate, with and without the network panel
shown, each until Tk has put the new pictures on the screen.

Needs an X display; without one it starts Xvfb itself.

    python benchmarks/app_speed.py
    python benchmarks/app_speed.py --command dist/draw_app/draw_app
"""

from __future__ import annotations

import argparse
import gc
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def launch_times(command: list[str]) -> tuple[float, float]:
    """Seconds from launch to the window being shown, and to the model being ready,
    as the app reports them on stderr (--log-level INFO)."""
    started = time.perf_counter()
    process = subprocess.Popen([*command, "--log-level", "INFO"], stderr=subprocess.PIPE, text=True)
    window = ready = None
    try:
        for line in process.stderr:
            if line.startswith("window shown"):
                window = time.perf_counter() - started
            elif line.startswith("model ") and line.rstrip().endswith(" ready"):
                ready = time.perf_counter() - started
            if window is not None and ready is not None:
                break
    finally:
        process.terminate()
        process.wait()
    return window, ready


def update_costs(strokes: int, network_panel: bool) -> tuple[list[float], list[float]]:
    """Seconds per live update while drawing: drawing -> preprocessing -> model -> panels,
    until the panels' new pictures are on the screen (Tk's redraw included). Both the
    time that passed and the processor time the app used, which differ when other
    programs keep the processor busy. Each stroke starts on a cleared paper, and the
    clearing is drawn before it, so that the first update does not pay for it."""
    import tkinter as tk

    from draw_app.app import DigitApp
    from draw_app.predictor import Predictor

    root = tk.Tk()
    app = DigitApp(root, Predictor)
    while not app.is_ready():
        root.update()
    if network_panel:
        app.toggles["network"].set(True)
        app.show_network_panel()
    root.update()
    side = app.canvas.winfo_width()
    rng = np.random.default_rng(0)
    costs, processor = [], []
    for _ in range(strokes):
        app.clear()
        root.update()  # the cleared window drawn, as it is long before a person's next stroke
        x, y = side / 2, side / 5
        app.canvas.event_generate("<ButtonPress-1>", x=int(x), y=int(y))
        for _ in range(30):
            x, y = np.clip([x + rng.normal(0, 0.03 * side), y + rng.normal(0.02 * side, 0.015 * side)],
                           0.05 * side, 0.95 * side)
            app.canvas.event_generate("<B1-Motion>", x=int(x), y=int(y))
            started, started_processor = time.perf_counter(), time.process_time()
            app.update_prediction()
            root.update_idletasks()
            costs.append(time.perf_counter() - started)
            processor.append(time.process_time() - started_processor)
        app.canvas.event_generate("<ButtonRelease-1>", x=int(x), y=int(y))
        root.update()
    root.destroy()
    gc.collect()  # here, not on the next window's model-loading thread, where Tk would abort
    return costs, processor


def number_update_costs(repeats: int) -> tuple[list[float], list[float]]:
    """Like update_costs, in number mode with six digits on the paper: five are written,
    then the sixth is drawn (and taken back, ``repeats`` times) while its updates are timed."""
    import tkinter as tk

    from draw_app.app import DigitApp
    from draw_app.predictor import Predictor
    from tools.drawn_digits import number_strokes

    root = tk.Tk()
    app = DigitApp(root, Predictor)
    while not app.is_ready():
        root.update()
    app.toggles["number_mode"].set(True)
    app.switch_number_mode()
    for _ in range(20):
        root.update()
    scale = app.canvas.winfo_height() / 400

    def draw(points, timed=None):
        points = [(x * scale, y * scale) for x, y in points]
        app.canvas.event_generate("<ButtonPress-1>", x=round(points[0][0]), y=round(points[0][1]))
        for x, y in points[1:]:
            app.canvas.event_generate("<B1-Motion>", x=round(x), y=round(y))
            if timed is not None:
                started, started_processor = time.perf_counter(), time.process_time()
                app.update_prediction()
                root.update_idletasks()
                timed[0].append(time.perf_counter() - started)
                timed[1].append(time.process_time() - started_processor)
        app.canvas.event_generate("<ButtonRelease-1>", x=round(points[-1][0]), y=round(points[-1][1]))
        root.update()

    for points in number_strokes("20261"):
        draw(points)
    costs: tuple[list[float], list[float]] = ([], [])
    sixth = "0123456789"
    for repeat in range(repeats):
        strokes = number_strokes("20261" + sixth[repeat % 10])[len(number_strokes("20261")):]
        for points in strokes:
            draw(points, costs)
        assert app.number is not None and len(app.number.digits) == 6, app.number
        for _ in strokes:
            app.undo()
        root.update()  # the undone strokes taken off the screen before the next are drawn
    root.destroy()
    gc.collect()  # here, not on the next window's model-loading thread, where Tk would abort
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--command", default=f"{shlex.quote(sys.executable)} -m draw_app",
                        help="how to start the app (default: this python -m draw_app)")
    parser.add_argument("--launches", type=int, default=5, help="launches to time (default: 5)")
    parser.add_argument("--strokes", type=int, default=30, help="strokes of 30 moves to time (default: 30)")
    parser.add_argument("--numbers", type=int, default=30,
                        help="sixth digits to draw beside five in number mode (default: 30)")
    args = parser.parse_args()

    display = None
    if not os.environ.get("DISPLAY"):
        from pyvirtualdisplay import Display

        display = Display(size=(1280, 900)).start()
    try:
        launches = [launch_times(shlex.split(args.command)) for _ in range(args.launches)]
        updates = {"live update while drawing": update_costs(args.strokes, network_panel=False),
                   "  with Inside the network": update_costs(args.strokes, network_panel=True),
                   "  number mode, six digits": number_update_costs(args.numbers)}
    finally:
        if display:
            display.stop()

    windows, readies = zip(*launches)
    print(f"app started as: {args.command}")
    print(f"  launch to window shown        median {statistics.median(windows):.2f} s over {len(windows)} launches")
    print(f"  launch to model ready         median {statistics.median(readies):.2f} s")
    for name, (costs, processor) in updates.items():
        costs, processor = np.array(costs) * 1000, np.array(processor) * 1000
        print(f"  {name:<28}  median {np.median(costs):.2f} ms   95th percentile {np.percentile(costs, 95):.2f} ms"
              f"   (processor time of all its threads: median {np.median(processor):.2f} ms, 95th percentile "
              f"{np.percentile(processor, 95):.2f} ms) over {len(costs)} updates")
    print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
