"""The frozen app's entry point: the same as the `planner` command."""

import multiprocessing
import sys

from planner.app.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the projection's child process must not start another window
    sys.exit(main())
