"""The frozen app's entry point: the same as the `planner` command."""

import sys

from planner.app.main import main

if __name__ == "__main__":
    sys.exit(main())
