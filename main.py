"""Entry point: ``python main.py [global options] [command]`` and the ``gjz`` command.

It wires the two front ends together and holds no logic: the command line
(gjz_registry.cli) runs every command, and ``gui`` (the default) starts the desktop client
(ui.app), which only this module imports on the command line's behalf.
"""

import sys

from gjz_registry import cli
from gjz_registry.errors import RegistryError


def run_gui(target, demo=False):
    try:
        from ui.app import run
    except ImportError as exc:  # Python without tkinter
        raise RegistryError(cli.T.GUI_UNAVAILABLE.format(reason=exc)) from None
    return run(target, demo=demo)


def main(argv=None):
    return cli.main(argv, gui=run_gui)


if __name__ == "__main__":
    sys.exit(main())
