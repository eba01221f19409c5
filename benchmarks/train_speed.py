"""Training cost and result: the original project's recipe against ours.

Seed recipe: the same 9-layer CNN, Adam at a constant 0.001, batch 200, 10 epochs, no
augmentation (the original CNN.py). Ours: training/cnn.py's defaults (round-pen and
styled redraws, pictures with no digit, distortions on the fly, cosine learning rate).
Both are measured on the MNIST test split. By default our row is read from the shipped
model's cnn.json, which that training run measured on this machine; --retrain-ours
trains it again.

    python benchmarks/train_speed.py --data path/to/mnist.npz
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from training import cnn  # noqa: E402


def seed_recipe(data: Path, epochs: int) -> tuple[float, float]:
    """(seconds per epoch, test accuracy) of the original project's training."""
    from draw_app.quiet import import_tensorflow

    cnn.tf = import_tensorflow()
    keras = cnn.keras = cnn.tf.keras
    (x_train, y_train), (x_test, y_test), _ = cnn.load_mnist(data)
    x_train, x_test = cnn.to_model_input(x_train), cnn.to_model_input(x_test)
    keras.utils.set_random_seed(1)
    model = cnn.build_model()
    model.compile(optimizer=keras.optimizers.Adam(0.001), loss="sparse_categorical_crossentropy")
    started = time.perf_counter()
    model.fit(x_train, y_train, batch_size=200, epochs=epochs, verbose=2)
    seconds = time.perf_counter() - started
    probabilities = model.predict(x_test, batch_size=1000, verbose=0)
    return seconds / epochs, cnn.evaluate(probabilities, y_test)["test_accuracy"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None,
                        help="mnist.npz in keras layout (default: download with keras)")
    parser.add_argument("--seed-epochs", type=int, default=10, help="epochs of the seed recipe (default: 10)")
    parser.add_argument("--retrain-ours", action="store_true",
                        help="train our recipe again (into a temporary folder) instead of reading cnn.json")
    args = parser.parse_args()

    seed_per_epoch, seed_accuracy = seed_recipe(args.data, args.seed_epochs)
    if args.retrain_ours:
        with tempfile.TemporaryDirectory() as folder:
            data = ["--data", str(args.data)] if args.data else []
            subprocess.run([sys.executable, str(ROOT / "training" / "cnn.py"), *data, "--output", folder], check=True)
            ours = json.loads((Path(folder) / "cnn.json").read_text())
        source = "trained just now"
    else:
        ours = json.loads((ROOT / "sample_model" / "cnn.json").read_text())
        source = "from sample_model/cnn.json"
    ours_per_epoch = ours["training_seconds"] / ours["epochs"]

    print()
    print("| recipe | epochs | seconds per epoch | MNIST test accuracy |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| seed: constant Adam, batch 200, no augmentation | {args.seed_epochs} | {seed_per_epoch:.1f} "
          f"| {seed_accuracy:.2%} |")
    print(f"| ours: round-pen and styled redraws, no-digit pictures, distortions, cosine LR, "
          f"batch {ours['recipe']['batch_size']} ({source}) "
          f"| {ours['epochs']} | {ours_per_epoch:.1f} | {ours['test_accuracy']:.2%} |")


if __name__ == "__main__":
    main()
