"""predict.py / digit-predict: read the digit in image files from the command line.

    python predict.py sample_digit/7_thin.png
    python predict.py --json sample_digit/ > results.jsonl
    python predict.py --number sample_digit/numbers/year_2026.png

Every input gets one line, good or bad, and a bad one never stops the rest. Exit code:
0 when every input got a digit, 1 when any did not, 2 for wrong usage.
"""

from __future__ import annotations

import argparse
import json
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from draw_app import __version__
from draw_app.examples import default_examples_folder
from draw_app.images import ImageError, is_image_name, read_image
from draw_app.number import NumberReading, read_number_file, read_one_digit
from draw_app.predictor import NO_DIGIT, ModelError, Prediction, Predictor
from draw_app.readable import os_error_reason

BAR_WIDTH = 40


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Read the hand-drawn digit in each image file.", allow_abbrev=False)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="image file, or directory whose image files are read in name order")
    parser.add_argument("--model", type=given_path, default=None, metavar="FILE",
                        help="model file: .tflite, or .h5/.keras (slower start; needs TensorFlow); "
                             "default: the shipped sample_model/cnn.tflite")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object per image instead of text")
    parser.add_argument("--top", type=int, default=1, metavar="K",
                        help="show the K most likely digits (default: 1)")
    parser.add_argument("--number", action="store_true",
                        help="read each image as a number of one or more digits, left to right")
    examples = parser.add_mutually_exclusive_group()
    examples.add_argument("--examples", type=given_path, default=None, metavar="DIR",
                          help="read with this folder of your own labelled examples (one folder per digit); "
                               f"default: the app's, {default_examples_folder()}, when it exists")
    examples.add_argument("--no-examples", action="store_true",
                          help="read with the bare model, without any examples")
    argv = sys.argv[1:] if argv is None else argv
    # options between the files too, as people type them; after "--" everything is a file (-x.png)
    args = parser.parse_args(argv) if "--" in argv else parser.parse_intermixed_args(argv)
    if not 1 <= args.top <= 10:
        parser.error("--top must be between 1 and 10")
    if args.number and args.top != 1:
        parser.error("--top does not apply to --number (each digit's ten probabilities are in --json)")
    if args.examples is not None and not is_directory(args.examples):
        parser.error(f"--examples {args.examples}: " + ("not a folder" if os.path.exists(args.examples)
                                                        else "no such folder"))
    return args


def given_path(text: str) -> Path:
    """An option's path; an empty one is refused (Path("") would be ".", the current folder)."""
    if not text:
        raise argparse.ArgumentTypeError("needs a path, not an empty one")
    return Path(text)


def expand(paths: list[str]) -> Iterator[tuple[Path | str, str | None]]:
    """(image path, None) per input image, or (path, reason) for an input that has none.

    Anything that is not a directory is handed on as it is: reading it says what is
    wrong with it. In a directory, every non-directory with an image's name counts,
    so a picture there that cannot be read is reported rather than silently skipped.
    A lone "-" is standard input to most tools, and not read here; a file named so is,
    as ./- (the path is looked at as typed: Path would make ./- plain "-"). An empty
    argument (a script's unset variable) names no file, as to ls and cat: Path would make
    it ".", and the current folder was read whole.
    """
    for text in paths:
        if not text:
            yield text, "an empty path names no file"
            continue
        path = Path(text)
        if text == "-":
            yield path, "reading a picture from standard input is not supported: save it to a file"
            continue
        if not is_directory(path):
            yield path, None
            continue
        try:
            children = sorted(path.iterdir())
        except OSError as error:
            yield path, f"cannot list this directory ({os_error_reason(error)})"
            continue
        images = [child for child in children if is_image_name(child) and not is_directory(child)]
        if not images:
            yield path, "no image files in this directory"
        for image in images:
            yield image, None


def is_directory(path: Path) -> bool:
    """Whether ``path`` is a directory; False when it cannot even be looked at."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def json_line(path: Path | str, prediction: Prediction | None, error: str | None) -> str:
    return json.dumps({
        "path": str(path),
        "digit": prediction.digit if prediction else None,
        "confidence": round(prediction.confidence, 4) if prediction else None,
        "unsure": prediction.unsure if prediction else None,
        "probabilities": [round(p, 4) for p in prediction.probabilities] if prediction else None,
        "from_examples": prediction.from_examples if prediction else None,
        "error": error,
    }, allow_nan=False)  # strict JSON; the network guarantees finite probabilities


def shown(path: Path | str) -> str:
    """A path as text output shows it: every character that does not print escaped (\\n, \\r,
    \\x1b, \\t, \\udcff for an undecodable byte), so that a file's name can neither break the one
    line per input nor send escapes to the terminal. An empty one is shown as ''."""
    if not str(path):
        return "''"
    return "".join(character if character.isprintable() or character == " " else
                   character.encode("unicode_escape", "backslashreplace").decode("ascii") for character in str(path))


def complain(line: str) -> None:
    """One line on standard error. If even that cannot be written (a full disk), the answers
    on standard output still go on: they are what the person asked for."""
    try:
        print(line, file=sys.stderr, flush=True)
    except OSError:
        # Standard error goes nowhere from now on: the line left in its buffer would fail
        # again as Python exits, and turn the exit code into 120.
        point_at_nothing(2)


def text_line(path: Path | str, prediction: Prediction, top: int) -> str:
    """photo.png: 7 (98.2%); an unsure answer as 7 (58.1%, unsure: or 1 41.0%)."""
    probabilities = prediction.probabilities
    ranked = sorted(range(10), key=lambda digit: -probabilities[digit])[:top]
    guesses = [f"{digit} ({probabilities[digit]:.1%})" for digit in ranked]
    if prediction.unsure:
        runner_up = "" if top > 1 else f": or {prediction.runner_up} {probabilities[prediction.runner_up]:.1%}"
        guesses[0] = f"{prediction.digit} ({prediction.confidence:.1%}, unsure{runner_up})"
    guesses = ", ".join(guesses)
    return f"{shown(path)}: {guesses}" + (", as your examples taught" if prediction.from_examples else "")


def bar_chart(prediction: Prediction) -> str:
    block = "█" if _can_print("█") else "#"
    lines = []
    for digit, probability in enumerate(prediction.probabilities):
        bar = block * round(probability * BAR_WIDTH)
        marker = " <" if digit == prediction.digit else ""
        lines.append(f"  {digit} {bar:<{BAR_WIDTH}} {probability:6.1%}{marker}")
    return "\n".join(lines)


def _can_print(text: str) -> bool:
    try:
        text.encode(getattr(sys.stdout, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def run(args: argparse.Namespace) -> int:
    try:
        predictor = Predictor(args.model, examples=examples_folder(args))
    except ModelError as error:
        complain(f"error: {error}")
        return 1
    for note in predictor.notes:
        complain(f"note: {shown(predictor.model_path)}: {note}")
    if predictor.examples is not None:
        for problem in predictor.examples.problems:
            complain(shown(f"warning: skipped example {problem}"))
    elif args.examples is not None:
        complain(f"note: {shown(predictor.model_path)} has no conv2 output, so it reads without your examples")

    inputs = list(expand(args.paths))
    failures = 0
    for path, problem in inputs:
        if args.number:
            failures += not show_number(predictor, path, problem, args.json)
            continue
        prediction, several = None, 0
        if problem is None:
            prediction, problem, several = read_digit(predictor, path)
        failures += prediction is None
        if args.json:
            print(json_line(path, prediction, problem), flush=True)
        elif prediction is None:
            complain(f"{shown(path)}: error: {side_by_side_error(several) if several >= 2 else problem}")
        else:
            print(text_line(path, prediction, args.top), flush=True)
            if len(inputs) == 1:
                print(bar_chart(prediction))
    return 1 if failures else 0


def read_digit(predictor: Predictor, path: Path | str) -> tuple[Prediction | None, str | None, int]:
    """The digit in one image file, or why there is none; and, when there is none or it is
    unsure, how many digits the picture holds side by side (see side_by_side_error)."""
    try:
        prediction, several = read_one_digit(predictor, read_image(path))
    except (ImageError, ModelError) as error:
        return None, str(error), 0
    if several >= 2:  # the digits squeezed into one 28x28, read as a doubtful digit: meaningless
        return None, NO_DIGIT, several
    if prediction is None or prediction.no_digit:
        return None, NO_DIGIT, 0
    return prediction, None, 0


def side_by_side_error(several: int) -> str:
    """Why a picture that holds ``several`` digits side by side has no digit, and what reads
    them (JSON says "no digit found", as scripts match it: "no digit found (it looks like 4
    digits side by side ...)" contradicted itself)."""
    return f"{several} digits side by side, not one: read them with --number"


def show_number(predictor: Predictor, path: Path | str, problem: str | None, as_json: bool) -> bool:
    """Read the number in one input and print it, or why there is none; False if there is none."""
    reading = None
    if problem is None:
        try:
            reading = read_number_file(predictor, path)
        except (ImageError, ModelError) as error:
            problem = str(error)
    if as_json:
        print(number_json_line(path, reading, problem), flush=True)
    elif reading is None:
        complain(f"{shown(path)}: error: {problem}")
    else:
        print(number_text_line(path, reading), flush=True)
    return reading is not None


def number_text_line(path: Path | str, reading: NumberReading) -> str:
    """photo.png: 2026  (2 99.9%, 0 100.0%, 2 97.1%, 6 99.8%); an unsure digit as 1? 59.0% or 7 35.2%;
    ", as your examples taught" after it when they decided a digit, as for one digit (text_line)."""
    digits = ", ".join(digit_text(digit.prediction) for digit in reading.digits)
    taught = any(digit.prediction.from_examples for digit in reading.digits)
    return f"{shown(path)}: {reading.text}  ({digits})" + (", as your examples taught" if taught else "")


def digit_text(prediction: Prediction) -> str:
    if not prediction.unsure:
        return f"{prediction.digit} {prediction.confidence:.1%}"
    runner_up = prediction.runner_up
    return (f"{prediction.digit}? {prediction.confidence:.1%} "
            f"or {runner_up} {prediction.probabilities[runner_up]:.1%}")


def number_json_line(path: Path | str, reading: NumberReading | None, error: str | None) -> str:
    return json.dumps({
        "path": str(path),
        "number": reading.text if reading else None,
        "digits": [{
            "digit": digit.prediction.digit,
            "confidence": round(digit.prediction.confidence, 4),
            "unsure": digit.prediction.unsure,
            "probabilities": [round(p, 4) for p in digit.prediction.probabilities],
            "box": list(digit.box),
            "from_examples": digit.prediction.from_examples,
        } for digit in reading.digits] if reading else None,
        "error": error,
    }, allow_nan=False)


def examples_folder(args: argparse.Namespace) -> Path | None:
    """The examples to read with: --examples, else the app's own folder if it has one, unless --no-examples."""
    if args.no_examples:
        return None
    if args.examples is not None:
        return args.examples
    folder = default_examples_folder()
    return folder if is_directory(folder) else None


def main(argv: list[str] | None = None) -> int:
    if sys.stdout is None:  # started with its output closed (>&-): every answer would vanish
        if sys.stderr is not None:
            complain("error: standard output is closed: there is nowhere to write the answers")
        return 1
    if sys.stderr is None:  # started with standard error closed (2>&-)
        give_closed_error_output_somewhere()
    show_unencodable_text_escaped()
    args = parse_args(argv)
    try:
        status = run(args)
        sys.stdout.flush()  # a full disk fails here, not unnoticed as Python exits
        return status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (say, `head`) has gone: stop quietly, as Unix tools do, and keep
        # Python from complaining when it flushes stdout at exit.
        point_at_nothing(sys.stdout.fileno())
        return 1
    except OSError as error:  # only writing the answers is left unguarded in run (a full disk)
        point_at_nothing(sys.stdout.fileno())
        complain(f"error: cannot write the answers: {os_error_reason(error)}")
        return 1


def give_closed_error_output_somewhere() -> None:
    """Put /dev/null where a closed standard error was. Left closed, descriptor 2 is the next
    file opened, and silencing LiteRT's chatter on it (draw_app/quiet.py) swapped it with
    standard output: every answer went to /dev/null and the run ended with 0."""
    point_at_nothing(2)
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the rest of the run)


def point_at_nothing(descriptor: int) -> None:
    """Make a file descriptor write to /dev/null (open or closed before)."""
    null = os.open(os.devnull, os.O_WRONLY)
    if null != descriptor:
        os.dup2(null, descriptor)
        os.close(null)


def show_unencodable_text_escaped() -> None:
    """Print characters the output's encoding lacks as escapes (\\u6570) instead of failing.

    Output redirected on a Windows console (cp1252), or PYTHONIOENCODING, cannot show
    every file name; a name shown escaped is better than a run stopped at it. File
    names that are not valid text (undecodable bytes) are escaped the same way.
    """
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


if __name__ == "__main__":
    sys.exit(main())
