"""Read the hand-drawn digit in image files: python predict.py PATH [PATH ...]

The same program as the `digit-predict` command; see draw_app/cli.py.
"""

import sys

try:
    from draw_app.cli import main
except ModuleNotFoundError as error:  # run by a Python the project's libraries are not installed in
    if error.name is None or error.name.startswith("draw_app"):
        raise  # a fault of our own, not of the installation
    sys.exit(f"predict.py: the module {error.name} is not installed for {sys.executable}: install the project first "
             '(README, Set-up: pip install -e .), or run it with the Python that has it (.venv/bin/python)')

if __name__ == "__main__":
    sys.exit(main())
