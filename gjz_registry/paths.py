"""Where the program keeps its files: data directory, default database, logs, backups.

Windows: ``%APPDATA%\\gjz-registry``; elsewhere ``~/.local/share/gjz-registry`` (or
``$XDG_DATA_HOME``).  ``GJZ_DATA_DIR`` overrides the folder, ``GJZ_DB`` the database.
"""

import os
import sys

APP_DIR_NAME = "gjz-registry"


def data_dir():
    """The per-user data folder (created on first use)."""
    folder = os.environ.get("GJZ_DATA_DIR")
    if not folder:
        if sys.platform.startswith("win"):
            base = os.environ.get("APPDATA") or os.path.expanduser("~\\AppData\\Roaming")
        else:
            base = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
        folder = os.path.join(base, APP_DIR_NAME)
    os.makedirs(folder, exist_ok=True)
    return folder


def default_db():
    """The database used when neither --db nor GJZ_DB is given."""
    return os.environ.get("GJZ_DB") or os.path.join(data_dir(), "registry.db")


def demo_db():
    return os.path.join(data_dir(), "demo.db")


def log_file():
    return os.path.join(data_dir(), "gjz-registry.log")


def backup_dir():
    return os.path.join(data_dir(), "backups")
