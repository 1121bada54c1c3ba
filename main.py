"""Entry point: ``python main.py [global options] [command]``, the ``gjz`` command and the
``gjz-client`` one (the desktop client without a console window; the shortcut's target).

It wires the two front ends together and holds no logic: the command line
(gjz_registry.cli) runs every command, and ``gui`` (the default) starts the desktop client
(ui.app), which only this module imports on the command line's behalf.  Without a console
(``gjz-client``, pythonw) errors go to a message box instead of stderr (ui.startup).
"""

import sys

from db import drivers

if drivers.sqlite_only_command(sys.argv):
    drivers.load_peewee_for_sqlite_only()  # a command on a SQLite file: no server driver

from gjz_registry import cli  # noqa: E402
from gjz_registry.errors import RegistryError  # noqa: E402


def run_gui(target, demo=False):
    try:
        from ui.app import run
    except ImportError as exc:  # Python without tkinter
        raise RegistryError(cli.T.GUI_UNAVAILABLE.format(reason=exc)) from None
    return run(target, demo=demo)


def main(argv=None):
    if sys.stderr is None:  # pythonw: no console to print an error on (ui/startup.py)
        from ui import startup

        return startup.run(_main, argv)
    return _main(argv)


def _main(argv=None):
    return cli.main(argv, gui=run_gui)


def gui_main(argv=None):
    """``gjz-client [--db FILE | --demo]``: always the desktop client, whatever follows; an
    error before its window opens is shown in a message box and logged (ui/startup.py)."""
    from ui import startup

    args = list(sys.argv[1:] if argv is None else argv)
    return startup.run(_main, [*args, "gui"])


if __name__ == "__main__":
    sys.exit(main())
