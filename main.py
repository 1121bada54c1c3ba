"""Entry point: ``python main.py [global options] [command]`` — the same as the ``gjz`` command."""

import sys

from gjz_registry.cli import main

if __name__ == "__main__":
    sys.exit(main())
