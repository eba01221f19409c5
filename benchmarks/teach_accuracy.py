"""Teaching the app a handwriting habit: how many examples it takes, and what it costs other digits.

Three simulated habits (--habit). The writer slashes their zeros (a stroke from top
right to bottom left through the ring, as many programmers and engineers write 0 to
tell it from O): MNIST has no such zeros, and the bare model reads many of them as 8.
Or the writer puts a long flag on their 1s (40-65 degrees from the stem, 0.3-0.55 of
its length: the long end of what the training styles draw), which the bare model
sometimes reads as 7, and which lie among ordinary 7s, so a lesson can cost those.
Or the writer closes their 4s at the top, which the bare model now and then reads as
9 (the rule was tuned on the first two; this one checks it on a habit it was not).
The writer's drawings are MNIST *test* digits, redrawn canvas-style as
benchmarks/canvas_drawings.py draws (random canvas, size, pen, ink and paper) in the
habit; every other one is what the writer corrects in the app, and the rest are held
out and only ever read.

A "writer" here is one order in which those drawings come: each time the bare model
misreads one, the writer teaches it as what they meant (as in the app), until they
have given 10 examples. Accuracy on the held-out drawings is measured after 0, 1, 3,
5 and 10 examples, averaged over --writers writers (worst writer beside it), and the
canvas-style drawings of all MNIST test digits are read with each writer's 10
examples in place, to show what the lesson costs ordinary digits: all of them, and
those of the digit the habit is mistaken for (8 or 7) after 1 and after 10 examples.

Five ways to learn from the examples are compared on the same readings: the shipped
rule (draw_app/adapt.py: evidence from the nearest example in the pooled conv2
features, reaching no farther than REACH times the distance to the nearest reference
digit of another kind), the same rule without the reference digits (RADIUS alone, as
shipped before), the same rule in the Dense-128 activations, a kernel vote of the
examples in Dense-128 mixed into the probabilities, and a small numpy fine-tune of a
linear correction on Dense-128 with replayed features of canvas-style MNIST
*training* digits. Then the shipped rule is timed through a real Predictor with a
folder of 200 and 500 examples. --tune prints the shipped rule's accuracy for a grid
of RADIUS, BOOST and REACH on MNIST *training* digits, which is how they were chosen;
rerun it, with each habit, after retraining the model.

    python benchmarks/teach_accuracy.py --data path/to/mnist.npz [--habit long-flag-one] [--model FILE] [--tune]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from canvas_drawings import CANVASES, INKS_ON_PAPER, drawings, on_paper  # noqa: E402
from style_accuracy import styled_drawing  # noqa: E402

from draw_app import adapt  # noqa: E402
from draw_app.examples import ExamplesFolder  # noqa: E402
from draw_app.predictor import ModelError, Prediction, Predictor  # noqa: E402
from training.restroke import centre_line, centre_line_dots, centre_line_segments, stroke_segments  # noqa: E402
from training.styles import Drawer, flag_1  # noqa: E402

EXAMPLE_COUNTS = (0, 1, 3, 5, 10)
SLASH_OVERSHOOT = (0.0, 0.12)
"""How far past the ring's corners the slash ends, as a share of the ring's size (negative: short of them)."""
RADIUS_BEFORE = 1.1
"""RADIUS as shipped before REACH: the rule the "before" row measures."""
LONG_FLAG_ANGLES = (40.0, 65.0)
LONG_FLAG_LENGTHS = (0.3, 0.55)
"""The long-flag writer's flags: degrees from the stem, and length as a share of it
(training/styles.py draws 20-70 degrees and 0.2-0.6 of the stem)."""


# ------------------------------------------------------------- the writer's habit


def slashed_zero(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A zero with a slash through it, drawn on a random canvas as canvas_drawings.redraw draws."""
    width, height = CANVASES[rng.integers(len(CANVASES))]
    size = rng.uniform(0.3, 0.9) * min(height, width)
    pen = int(max(2, round(rng.uniform(0.015, 0.16) * size)))
    ink, paper = INKS_ON_PAPER[rng.integers(len(INKS_ON_PAPER))]
    transparent = rng.random() < 0.25

    skeleton = centre_line(digit)
    rows, columns = np.nonzero(skeleton)
    left, right, top, bottom = columns.min(), columns.max(), rows.min(), rows.max()
    overshoot = rng.uniform(*SLASH_OVERSHOOT)
    reach_x, reach_y = overshoot * (right - left), overshoot * (bottom - top)
    slash = np.array([[[right + reach_x, top - reach_y], [left - reach_x, bottom + reach_y]]])
    segments = np.concatenate([centre_line_segments(skeleton).astype(np.float64), slash])

    span = size * 1.3 + pen
    offset = (rng.uniform(pen / 2, max(pen / 2, width - span)), rng.uniform(pen / 2, max(pen / 2, height - span)))
    mask = stroke_segments(segments, centre_line_dots(skeleton), size, pen, (width, height), offset)
    return on_paper(mask, ink, paper, transparent)


def in_style(style: str | Drawer) -> Callable[[np.ndarray, np.random.Generator], np.ndarray | None]:
    """Draws one digit in ``style`` as style_accuracy.py draws its styles (the image only); None
    if the digit cannot take it."""
    def draw(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray | None:
        drawn = styled_drawing(digit, style, rng)
        return None if drawn is None else drawn[0]
    return draw


@dataclass(frozen=True)
class Habit:
    digit: int
    """What the writer means..."""
    mistaken_for: int
    """...and what the bare model mostly reads instead: the digit a lesson may cost."""
    description: str
    draw: Callable[[np.ndarray, np.random.Generator], np.ndarray | None]
    """One MNIST digit drawn in the habit on a random canvas, or None if it cannot take it."""


HABITS = {"slashed-zero": Habit(0, 8, "slashed zeros", slashed_zero),
          "long-flag-one": Habit(1, 7, "1s with a long flag",
                                 in_style(partial(flag_1, angles=LONG_FLAG_ANGLES, lengths=LONG_FLAG_LENGTHS))),
          "closed-four": Habit(4, 9, "4s closed at the top", in_style("closed_4"))}


# ------------------------------------------------------------- reading once, learning many times


@dataclass
class Readings:
    """What the bare model made of a set of drawings, everything the learning rules need."""
    probabilities: np.ndarray
    """(N, 10) calibrated probabilities."""
    conv2: np.ndarray
    """(N, 375) the shipped rule's features (adapt.features)."""
    dense128: np.ndarray
    """(N, 128) Dense-128 activations at unit length."""
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    def take(self, indices) -> Readings:
        return Readings(self.probabilities[indices], self.conv2[indices], self.dense128[indices],
                        self.labels[indices])

    def accuracy(self, probabilities: np.ndarray) -> float:
        return float((probabilities.argmax(axis=1) == self.labels).mean())


def read_all(predictor: Predictor, images: Iterable[np.ndarray], labels: np.ndarray) -> Readings:
    """Drawings read as the app reads them (preprocessing, then the bare model)."""
    return readings_of((predictor.predict(image) for image in images), labels)


def read_inputs(predictor: Predictor, model_inputs: Iterable[np.ndarray], labels: np.ndarray) -> Readings:
    """28x28 model inputs read by the bare model, as they are."""
    return readings_of((predictor.read(model_input) for model_input in model_inputs), labels)


def readings_of(predictions: Iterable[Prediction], labels: np.ndarray) -> Readings:
    probabilities, conv2, dense128 = [], [], []
    for prediction in predictions:
        probabilities.append(prediction.probabilities)
        conv2.append(adapt.features(prediction.layers))
        dense128.append(unit_rows(prediction.layers["dense128"][None])[0])
    return Readings(np.array(probabilities), np.array(conv2), np.array(dense128), np.asarray(labels))


def unit_rows(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, np.float64)
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def distances(rows: np.ndarray, examples: np.ndarray) -> np.ndarray:
    """(N, K) distances between unit vectors."""
    return np.sqrt(np.maximum(2.0 - 2.0 * rows @ examples.T, 0.0))


def softmax(evidence: np.ndarray) -> np.ndarray:
    exponentials = np.exp(evidence - evidence.max(axis=1, keepdims=True))
    return exponentials / exponentials.sum(axis=1, keepdims=True)


def log_probabilities(readings: Readings) -> np.ndarray:
    return np.log(np.maximum(readings.probabilities, 1e-300))


# ------------------------------------------------------------- ways to learn from examples


def shipped_rule(references: Readings | None, radius: float = adapt.RADIUS, boost: float = adapt.BOOST,
                 reach: float = adapt.REACH):
    """draw_app/adapt.py itself, example by example as the predictor applies it; without
    ``references`` (the reference digits read by the model), the rule before REACH."""
    def learn(examples: Readings, readings: Readings) -> np.ndarray:
        adaptation = adapt.Adaptation(None if references is None else (references.conv2, references.labels),
                                      radius, boost, reach)
        adaptation.add(examples.conv2, examples.labels)
        return np.array([adaptation.adjust(p, vector)[0] for p, vector in zip(readings.probabilities, readings.conv2)])
    return learn


def boost_in_dense128(radius: float = adapt.RADIUS, boost: float = adapt.BOOST):
    """The shipped rule, but comparing drawings in the Dense-128 activations."""
    def learn(examples: Readings, readings: Readings) -> np.ndarray:
        nearest = np.full((len(readings), 10), np.inf)
        gaps = distances(readings.dense128, examples.dense128)
        for digit in np.unique(examples.labels):
            nearest[:, digit] = gaps[:, examples.labels == digit].min(axis=1)
        return softmax(log_probabilities(readings) + boost * np.maximum(1 - (nearest / radius) ** 2, 0))
    return learn


def kernel_vote(width: float = 0.4, weight: float = 10.0):
    """Each example votes for its digit with exp(-(distance/width)^2) in Dense-128; votes join the probabilities."""
    def learn(examples: Readings, readings: Readings) -> np.ndarray:
        kernel = np.exp(-(distances(readings.dense128, examples.dense128) / width) ** 2)
        votes = kernel @ np.eye(10)[examples.labels]
        mixed = readings.probabilities + weight * votes
        return mixed / mixed.sum(axis=1, keepdims=True)
    return learn


def fine_tune(replay: Readings, steps: int = 100, rate: float = 3.0, examples_share: float = 0.5,
              decay: float = 1e-3):
    """A linear correction to the log-probabilities from Dense-128, fitted by gradient descent
    on the examples together with replayed MNIST training digits (so the rest is not forgotten)."""
    def fit(examples: Readings) -> np.ndarray:
        inputs = np.hstack([np.vstack([replay.dense128, examples.dense128]), np.ones((len(replay) + len(examples), 1))])
        prior = np.vstack([log_probabilities(replay), log_probabilities(examples)])
        targets = np.eye(10)[np.concatenate([replay.labels, examples.labels])]
        weights = np.concatenate([np.full(len(replay), (1 - examples_share) / len(replay)),
                                  np.full(len(examples), examples_share / len(examples))])[:, None]
        correction = np.zeros((inputs.shape[1], 10))
        for _ in range(steps):
            error = softmax(prior + inputs @ correction) - targets
            correction -= rate * (inputs.T @ (error * weights) + decay * correction)
        return correction

    def learn(examples: Readings, readings: Readings) -> np.ndarray:
        correction = fit(examples)
        inputs = np.hstack([readings.dense128, np.ones((len(readings), 1))])
        return softmax(log_probabilities(readings) + inputs @ correction)
    return learn


# ------------------------------------------------------------- the experiment


def split(habit: Readings) -> tuple[Readings, Readings]:
    """(drawings to teach with, held-out drawings): every other one, as MNIST's order mixes its writers unevenly."""
    return habit.take(np.arange(0, len(habit), 2)), habit.take(np.arange(1, len(habit), 2))


def writers_examples(teaching: Readings, writers: int, seed: int) -> list[np.ndarray]:
    """For each writer, the first 10 teaching drawings the bare model misreads, in that writer's order."""
    rng = np.random.default_rng(seed)
    misread = np.flatnonzero(teaching.probabilities.argmax(axis=1) != teaching.labels)
    return [rng.permutation(misread)[:max(EXAMPLE_COUNTS)] for _ in range(writers)]


@dataclass
class Outcome:
    held_out: dict[int, list[float]]
    """Accuracy on the held-out drawings of the habit, per number of examples, one per writer."""
    canvas: list[float]
    """Canvas-style accuracy with each writer's 10 examples in place."""
    mistaken_for: dict[int, list[float]]
    """Canvas-style accuracy on the digit the habit is mistaken for, with 0, 1 and 10 examples."""


def run_method(learn, teaching: Readings, held_out: Readings, canvas: Readings,
               examples_per_writer: list[np.ndarray], mistaken_for: int) -> Outcome:
    is_other = canvas.labels == mistaken_for
    others = canvas.take(is_other)
    outcome = Outcome({0: [held_out.accuracy(held_out.probabilities)] * len(examples_per_writer)}, [],
                      {0: [others.accuracy(others.probabilities)] * len(examples_per_writer)})
    for chosen in examples_per_writer:
        for count in EXAMPLE_COUNTS[1:]:
            examples = teaching.take(chosen[:count])
            outcome.held_out.setdefault(count, []).append(held_out.accuracy(learn(examples, held_out)))
        outcome.mistaken_for.setdefault(1, []).append(others.accuracy(learn(teaching.take(chosen[:1]), others)))
        with_ten = learn(teaching.take(chosen), canvas)
        outcome.canvas.append(canvas.accuracy(with_ten))
        outcome.mistaken_for.setdefault(10, []).append(others.accuracy(with_ten[is_other]))
    return outcome


def outcome_row(name: str, outcome: Outcome, canvas_bare: float) -> str:
    cells = [f"{statistics.mean(values):6.1%} ({min(values):5.1%})" for values in outcome.held_out.values()]
    change = 100 * (statistics.mean(outcome.canvas) - canvas_bare)
    worst = 100 * (min(outcome.canvas) - canvas_bare)
    others = " ".join(f"{statistics.mean(values):6.1%} ({min(values):5.1%})" for values in outcome.mistaken_for.values())
    return (f"  {name:<34}" + " ".join(cells) + f"   {statistics.mean(outcome.canvas):.2%} "
            f"({change:+.2f}; worst {worst:+.2f})   " + others)


def header(mistaken_for: int) -> str:
    return (f"  {'examples taught':<34}" + " ".join(f"{count:>15}" for count in EXAMPLE_COUNTS)
            + f"   canvas-style with 10 (change in points; worst writer)   canvas-style {mistaken_for}s with 0, 1, 10")


def habit_and_canvas(predictor: Predictor, habit: Habit, images: np.ndarray, labels: np.ndarray,
                     habit_count: int | None, canvas_count: int, seed: int) -> tuple[Readings, Readings]:
    """The writer's drawings in the habit and the canvas-style drawings of ``images``, read by the bare model."""
    rng = np.random.default_rng(seed)
    drawn = [habit.draw(digit, rng) for digit in images[labels == habit.digit][:habit_count]]
    drawn = [image for image in drawn if image is not None]
    in_habit = read_all(predictor, drawn, np.full(len(drawn), habit.digit))
    canvas = read_all(predictor, (image for image, _ in drawings(images[:canvas_count], seed)), labels[:canvas_count])
    return in_habit, canvas


def reference_readings(predictor: Predictor) -> Readings:
    """The reference digits (draw_app/reference_digits.npz) as this model reads them."""
    inputs, digits = adapt.reference_inputs()
    return read_inputs(predictor, inputs, digits)


# ------------------------------------------------------------- timing the shipped rule


def median_ms(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def timing(model: Path | None, model_inputs: list[np.ndarray], digit: int) -> None:
    """A real Predictor with a real folder: a correction with 200 examples there, a reading with 500."""
    drawing = model_inputs[0]
    with tempfile.TemporaryDirectory() as folder:
        for model_input in model_inputs[:499]:
            ExamplesFolder(folder).add(model_input, digit)
        started = time.perf_counter()
        predictor = Predictor(model, examples=folder)
        loading = time.perf_counter() - started
        bare = Predictor(model)
        reading_500 = median_ms(lambda: predictor.read(drawing), 2000)
        reading_bare = median_ms(lambda: bare.read(drawing), 2000)
        for example in predictor.examples.examples[199:]:
            predictor.examples.unlearn(example)

        corrections = []
        for _ in range(50):  # what the window does: keep the lesson, read the drawing again; then undo it
            started = time.perf_counter()
            example = predictor.examples.learn(drawing, digit)
            predictor.read(drawing)
            corrections.append((time.perf_counter() - started) * 1000)
            predictor.examples.unlearn(example)
        correction_ms = statistics.median(corrections)
    print("\nshipped rule, timed through Predictor(examples=DIR) (medians):")
    print(f"  correction with 200 examples in the folder (save the PNG, learn, read again): {correction_ms:.2f} ms")
    print(f"  one reading with 500 examples: {reading_500:.3f} ms (bare model: {reading_bare:.3f} ms)")
    print(f"  starting a Predictor on a folder of 499 examples (the reference digits' features too): "
          f"{loading * 1000:.0f} ms")


# ------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="mnist.npz in keras layout")
    parser.add_argument("--model", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--writers", type=int, default=20, help="writers (orders of teaching) to average (default: 20)")
    parser.add_argument("--canvas-count", type=int, default=10000,
                        help="canvas-style test drawings read with the examples in place (default: 10000)")
    parser.add_argument("--replay", type=int, default=2000,
                        help="MNIST training digits replayed by the fine-tune (default: 2000)")
    parser.add_argument("--seed", type=int, default=0, help="seed for drawings and writers (default: 0)")
    parser.add_argument("--habit", choices=HABITS, default="slashed-zero",
                        help="the writer's habit: slashed-zero, long-flag-one or closed-four (default: slashed-zero)")
    parser.add_argument("--tune", action="store_true",
                        help="instead: the shipped rule for a grid of RADIUS, BOOST and REACH, on MNIST training digits")
    args = parser.parse_args()

    try:
        predictor = Predictor(args.model)
    except ModelError as error:
        sys.exit(f"error: {error}")
    if adapt.FEATURE_LAYER not in predictor.network.outputs or "dense128" not in predictor.network.outputs:
        sys.exit(f"error: {predictor.model_path} has no conv2 and dense128 outputs; export it with training/export.py")
    with np.load(args.data) as data:
        test_images, test_labels = data["x_test"], data["y_test"]
        train_images, train_labels = data["x_train"], data["y_train"]

    started = time.perf_counter()
    habit = HABITS[args.habit]
    references = reference_readings(predictor)
    if args.tune:
        tune(predictor, habit, references, train_images, train_labels, args)
        return
    in_habit, canvas = habit_and_canvas(predictor, habit, test_images, test_labels, None, args.canvas_count, args.seed)
    teaching, held_out = split(in_habit)
    replay_images = train_images[:args.replay]
    replay = read_all(predictor, (image for image, _ in drawings(replay_images, args.seed + 1)),
                      train_labels[:args.replay])
    print(f"model {predictor.model_path}; read {len(in_habit) + len(canvas) + len(replay)} drawings "
          f"in {time.perf_counter() - started:.0f} s")

    bare_guesses = Counter(held_out.probabilities.argmax(axis=1).tolist())
    canvas_bare = canvas.accuracy(canvas.probabilities)
    print(f"{habit.description} from the MNIST test {habit.digit}s: {len(teaching)} to teach with, "
          f"{len(held_out)} held out; the bare model reads the held-out ones as "
          + ", ".join(f"{digit} {count / len(held_out):.1%}" for digit, count in bare_guesses.most_common(4)))
    print(f"canvas-style drawings of the first {len(canvas)} MNIST test digits, bare model: {canvas_bare:.2%}")

    examples_per_writer = writers_examples(teaching, args.writers, args.seed)
    print(f"\naccuracy on the held-out {habit.description} after k examples: mean of {args.writers} writers (worst)")
    print(header(habit.mistaken_for))
    methods = {"shipped: nearest example, conv2": shipped_rule(references),
               f"RADIUS {RADIUS_BEFORE}, no reference digits (before)": shipped_rule(None, RADIUS_BEFORE),
               "the before rule in Dense-128": boost_in_dense128(RADIUS_BEFORE),
               "kernel vote in Dense-128": kernel_vote(),
               f"fine-tune, {len(replay)} MNIST replayed": fine_tune(replay)}
    for name, learn in methods.items():
        outcome = run_method(learn, teaching, held_out, canvas, examples_per_writer, habit.mistaken_for)
        print(outcome_row(name, outcome, canvas_bare), flush=True)

    corrections = teaching.take(np.resize(np.arange(len(teaching)), 200))
    fine_tuned = methods[f"fine-tune, {len(replay)} MNIST replayed"]
    fit_ms = median_ms(lambda: fine_tuned(corrections, held_out.take([0])), 5)
    print(f"  (the fine-tune takes {fit_ms:.0f} ms to refit after a correction with 200 examples)")
    rng = np.random.default_rng(args.seed)
    drawn = (habit.draw(digit, rng) for digit in test_images[test_labels == habit.digit][:600])
    habit_inputs = [predictor.predict(image).model_input for image in drawn if image is not None][:500]
    timing(args.model, habit_inputs, habit.digit)
    print(f"\n{time.perf_counter() - started:.0f} s in all")


def tune(predictor: Predictor, habit: Habit, references: Readings, images: np.ndarray, labels: np.ndarray,
         args: argparse.Namespace) -> None:
    """The shipped rule's trade-off for a grid of settings, measured on training digits only:
    from the 20,000th on, past the reference digits (the first 200 of each kind)."""
    in_habit, canvas = habit_and_canvas(predictor, habit, images[20000:], labels[20000:], 1500, 8000, args.seed + 2)
    teaching, held_out = split(in_habit)
    canvas_bare = canvas.accuracy(canvas.probabilities)
    examples_per_writer = writers_examples(teaching, args.writers, args.seed)
    print(f"MNIST training digits: {len(in_habit)} {habit.description} (bare: "
          f"{held_out.accuracy(held_out.probabilities):.1%} of the held-out ones read as {habit.digit}), "
          f"{len(canvas)} canvas-style drawings (bare: {canvas_bare:.2%})")
    print(header(habit.mistaken_for))
    for radius in (1.1, 1.2):
        for boost in (15.0, 20.0):
            for reach in (1.2, 1.3, 1.4, 1.5, None):
                shipped = " (shipped)" if (radius, boost, reach) == (adapt.RADIUS, adapt.BOOST, adapt.REACH) else ""
                rule = shipped_rule(None if reach is None else references, radius, boost, reach or adapt.REACH)
                outcome = run_method(rule, teaching, held_out, canvas, examples_per_writer, habit.mistaken_for)
                reaching = "no reference digits" if reach is None else f"REACH {reach}"
                print(outcome_row(f"RADIUS {radius} BOOST {boost:g} {reaching}{shipped}", outcome, canvas_bare),
                      flush=True)


if __name__ == "__main__":
    main()
