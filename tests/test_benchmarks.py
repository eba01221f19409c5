"""The benchmarks and tools the README runs on MNIST say what is wrong with the data in one line."""

import pytest
from conftest import run_python


@pytest.mark.parametrize("script", ["benchmarks/number_accuracy.py", "benchmarks/boxed_accuracy.py",
                                    "benchmarks/canvas_accuracy.py", "tools/make_reference_digits.py"])
def test_an_unusable_mnist_file_is_named_in_one_line_without_a_traceback(script, tmp_path):
    broken = tmp_path / "mnist.npz"
    broken.write_bytes(b"not an npz")
    result = run_python(script, "--data", broken)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [f"error: {broken}: not an .npz file (keras's mnist.npz is a zip "
                                                  "archive of four arrays)"]
