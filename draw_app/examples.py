"""The user's own labelled drawings: one folder per digit, one PNG per example.

When the app reads a drawing wrongly and the user says what it is, the 28x28 picture
the network saw is kept here as an example of that digit, so the predictor can read
drawings like it as the user said (draw_app/adapt.py) and a full retrain can learn
from them (``python training/cnn.py --extra DIR``). The layout is the one
``keras.utils.image_dataset_from_directory`` reads::

    examples/
        4/20250314-091502-123456.png
        4/20250314-091733-004211.png
        7/...

so the examples can be used anywhere. They live in the user's data folder
(platformdirs), or under ``$DRAW_APP_DATA`` when that is set: tests and experiments
use their own folder and never touch the real one.

A folder of examples is something people copy, edit and fill by hand, so reading it
never fails: a file that is not an image, a damaged one, a blank one, one holding just
a dot or a folder that is not named after a digit is skipped with a one-line warning
naming it. Hidden files (``.DS_Store``, a temporary left by a crash) are skipped
without one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
from PIL import Image

from draw_app.files import write_atomically
from draw_app.images import ImageError, is_image_name, read_image, saved_format
from draw_app.preprocess import MNIST_SIDE, is_blob, to_mnist_candidates
from draw_app.readable import os_error_reason

DATA_FOLDER_VARIABLE = "DRAW_APP_DATA"
"""When set, the app keeps its data (the examples) in this folder instead of the user's data folder."""

DIGITS = [str(digit) for digit in range(10)]

TAUGHT_AT = "%Y%m%d-%H%M%S-%f"
"""How an example the app keeps is named: the time it was taught (a second one in the same
microsecond gets -2, see unused_name)."""


def data_folder() -> Path:
    """Where the app keeps what it learns: ``$DRAW_APP_DATA``, or the user's data folder for draw-app."""
    override = os.environ.get(DATA_FOLDER_VARIABLE)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_data_path("draw-app", appauthor=False)


def default_examples_folder() -> Path:
    """The user's examples: what the app teaches and what predict.py reads with by default."""
    return data_folder() / "examples"


class NotADigit(ValueError):
    """A picture that holds no digit to learn from: just a dot (a click on the paper)."""


@dataclass(frozen=True)
class Example:
    path: Path
    digit: int
    model_input: np.ndarray = field(repr=False, compare=False)
    """The 28x28 float image in [0, 1], as the network reads it."""


@dataclass
class FolderContents:
    examples: list[Example]
    problems: list[str]
    """One line per file that was skipped: "path: reason"."""


class ExamplesFolder:
    """Reads, adds and removes the examples in one folder (which need not exist yet)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def read(self) -> FolderContents:
        """Every example in the folder, digit by digit, oldest first; skipped files are in ``problems``."""
        contents = FolderContents([], [])
        if not self.root.exists():
            return contents
        for entry in sorted(visible_entries(self.root, contents.problems)):
            if entry.name in DIGITS and entry.is_dir():
                for path in sorted(visible_entries(entry, contents.problems)):
                    try:
                        contents.examples.append(Example(path, int(entry.name), read_example(path)))
                    except ImageError as error:
                        contents.problems.append(f"{path}: {error}")
            else:
                where = "not a digit's folder" if entry.is_dir() else "not in a digit's folder"
                contents.problems.append(f"{entry}: {where} (examples go in folders named 0 to 9)")
        return contents

    def add(self, model_input: np.ndarray, digit: int) -> Example:
        """Save a 28x28 image in [0, 1] as an example of ``digit``; OSError if it cannot be written,
        NotADigit if it is just a dot (read_example would skip it).

        The picture is kept as 8-bit gray, so the example returned holds the image as
        it will be read back after a restart, not the unrounded one.
        """
        if digit not in range(10):
            raise ValueError(f"not a digit: {digit!r}")
        pixels = gray_pixels(model_input)
        if pixels.shape != (MNIST_SIDE, MNIST_SIDE):
            raise ValueError(f"an example is a 28x28 image, not {pixels.shape}")
        if is_blob(pixels.astype(np.float32) / 255):
            raise NotADigit("just a dot, no digit on it")
        folder = self.root / str(digit)
        folder.mkdir(parents=True, exist_ok=True)
        path = unused_name(folder, datetime.now().strftime(TAUGHT_AT))
        write_atomically(path, lambda temporary: Image.fromarray(pixels, "L").save(temporary, format="PNG"))
        return Example(path, digit, pixels.astype(np.float32) / 255)

    def restore(self, example: Example, data: bytes | None) -> None:
        """Write a removed example's file back under its own name: ``data``, its bytes, or
        (None) the 28x28 the network saw, when the file was gone before it was removed."""
        example.path.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            write_atomically(example.path, lambda temporary: Image.fromarray(gray_pixels(example.model_input)).save(
                temporary, format=saved_format(example.path)))
        else:
            write_atomically(example.path, lambda temporary: Path(temporary).write_bytes(data))

    def remove(self, example: Example) -> None:
        """Delete one example's file (gone already is fine) and its digit's folder if that is now empty."""
        example.path.unlink(missing_ok=True)
        try:
            example.path.parent.rmdir()
        except OSError:  # other examples (or other files) are still there
            pass


def visible_entries(folder: Path, problems: list[str]) -> list[Path]:
    """The entries of ``folder`` not hidden by a leading dot; a folder that cannot be listed is a problem."""
    try:
        return [entry for entry in folder.iterdir() if not entry.name.startswith(".")]
    except OSError as error:
        problems.append(f"{folder}: cannot list this folder ({os_error_reason(error)})")
        return []


def gray_pixels(model_input: np.ndarray) -> np.ndarray:
    """A model input in [0, 1] as the 8-bit gray picture an example is kept as."""
    return np.clip(np.round(np.asarray(model_input, np.float32) * 255), 0, 255).astype(np.uint8)


def taught_at(path: Path) -> datetime | None:
    """When the app kept the example in ``path``, from its name; None for a file named otherwise
    (one the person put in the folder)."""
    stem = path.stem.rsplit("-", 1)[0] if path.stem.count("-") == 3 else path.stem  # without unused_name's -2
    try:
        return datetime.strptime(stem, TAUGHT_AT)
    except ValueError:
        return None


def unused_name(folder: Path, stem: str) -> Path:
    path, number = folder / f"{stem}.png", 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.png"
    return path


def read_example(path: Path) -> np.ndarray:
    """One example file as the network's 28x28 input in [0, 1]; ImageError says why not.

    The app saves what the network saw: 28x28, light ink on black, which is used as it
    is (preprocessing it again would shift and rescale it slightly). Any other picture
    (a scan, a drawing made elsewhere) is brought to that form as every drawing is.
    """
    if path.is_dir():
        raise ImageError("a folder inside a digit's folder (examples are image files)")
    if not is_image_name(path):
        raise ImageError("not an image file")
    image = read_image(path)
    if is_mnist_form(image):
        model_input = image.astype(np.float32) / 255
    else:
        candidates = to_mnist_candidates(image)  # as predict.py reads it: a faint scan, a form's cell
        if not candidates:
            raise ImageError("blank image, no digit on it")
        model_input = candidates[0]
    if is_blob(model_input):  # ExamplesFolder.add keeps no click; one kept before, or put here, is no example
        raise ImageError("just a dot, no digit on it")
    return model_input


def is_mnist_form(image: np.ndarray) -> bool:
    """Whether an image is already a 28x28 MNIST-like picture: gray, ink on a black border."""
    if image.shape != (MNIST_SIDE, MNIST_SIDE) or image.max() == 0:
        return False
    border = np.concatenate([image[0], image[-1], image[:, 0], image[:, -1]])
    return int(border.max()) <= 32


# ------------------------------------------------------------- training with the examples


def load_labelled_folders(folders: Iterable[str | Path]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Every example in these folders as MNIST data: (uint8 images N x 28 x 28, labels N, problems).

    Each folder has the examples' layout (one subfolder per digit). A folder that does
    not exist is a problem too, so a typo on the command line is not silently ignored.
    """
    images, labels, problems = [], [], []
    for folder in map(Path, folders):
        if not folder.is_dir():
            problems.append(f"{folder}: no such folder")
            continue
        contents = ExamplesFolder(folder).read()
        problems += contents.problems
        for example in contents.examples:
            images.append(np.round(example.model_input * 255).astype(np.uint8))
            labels.append(example.digit)
    return (np.asarray(images, np.uint8).reshape(-1, MNIST_SIDE, MNIST_SIDE), np.asarray(labels, np.uint8),
            problems)


EXTRA_SHARE = 0.02
"""The user's examples are repeated until they are this share of the training set..."""
MAX_REPEATS = 100
"""...but no example is repeated more often than this (a handful of drawings is not 1,200 digits)."""


def oversampled(images: np.ndarray, labels: np.ndarray, training_size: int) -> tuple[np.ndarray, np.ndarray]:
    """The examples repeated so that a few dozen of them count among tens of thousands of MNIST digits.

    Thirty examples among 60,000 digits would be seen once an epoch and drown; repeated
    to 2 % of the set (40 times each) they weigh like a writer the network should know,
    and the training pipeline's random distortions make every repeat a little different.
    """
    if not len(images):
        return images, labels
    repeats = int(np.clip(round(EXTRA_SHARE * training_size / len(images)), 1, MAX_REPEATS))
    return np.repeat(images, repeats, axis=0), np.repeat(labels, repeats, axis=0)
