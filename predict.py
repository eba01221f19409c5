"""Read the hand-drawn digit in image files: python predict.py PATH [PATH ...]

The same program as the `digit-predict` command; see draw_app/cli.py.
"""

import sys

from draw_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
