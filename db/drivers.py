"""Which server drivers a process loads with peewee.

peewee imports every driver it knows of (psycopg, psycopg2, pymysql…) when it is itself first
imported; psycopg alone costs about 0.1 s, a third of a short command's start-up.  A command
line that can only open SQLite files — no argument and no ``GJZ_DB`` naming a server — loads
peewee with those drivers hidden (``sys.modules[name] = None`` makes an import fail, as if the
package were not installed), so peewee records them as absent and SQLite works as ever.  The
entries are removed again at once: only peewee's own record of the drivers is affected, so
such a process cannot open a server database (:func:`drivers_hidden` says so).
"""

import os
import sys

SERVER_DRIVERS = ("psycopg2cffi", "psycopg2", "psycopg", "pymysql", "MySQLdb")
SERVER_MARKS = ("postgres",)  # a token naming a server target (postgresql://, postgres://)
PROGRAM_NAMES = ("main", "gjz")  # what sys.argv[0] is called when main.py is the program

_hidden = False


def names_a_server(argv, environ=os.environ):
    """Whether a command line or the environment's GJZ_DB may name a server database."""
    values = [*map(str, argv), environ.get("GJZ_DB", "")]
    return any(mark in value.lower() for value in values for mark in SERVER_MARKS)


def sqlite_only_command(argv, environ=os.environ):
    """Whether ``argv`` (sys.argv) is the program's own command line (``python main.py …``,
    ``gjz …``; not a test runner importing main.py) running a command other than the desktop
    client that names no server database."""
    program = os.path.splitext(os.path.basename(str(argv[0]) if argv else ""))[0].lower()
    args = list(argv[1:])
    if program not in PROGRAM_NAMES or not args or "gui" in args:
        return False
    return not names_a_server(args, environ)


def load_peewee_for_sqlite_only():
    """Import peewee without the server drivers, unless it is already loaded.  Returns
    whether the drivers were hidden."""
    global _hidden
    if "peewee" in sys.modules:
        return False
    hidden = [name for name in SERVER_DRIVERS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None
    try:
        import peewee  # noqa: F401
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    _hidden = True
    return True


def drivers_hidden():
    """Whether this process loaded peewee without its server drivers."""
    return _hidden
