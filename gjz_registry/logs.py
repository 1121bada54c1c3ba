"""Logging to a rotating file in the data directory (tracebacks go there, never on screen)."""

import logging
import logging.handlers

from gjz_registry import paths

_configured = False


def setup(level=logging.INFO):
    """Configure the root logger once; return the log file path."""
    global _configured
    path = paths.log_file()
    if not _configured:
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root = logging.getLogger()
        root.addHandler(handler)
        root.setLevel(level)
        _configured = True
    for note in paths.take_notes():  # e.g. the data folder moved out of the roaming profile
        logging.getLogger("gjz_registry.paths").warning(note)
    return path


def log_exception(message="unhandled error"):
    """Log the current exception with its traceback; return the log file path."""
    path = setup()
    logging.getLogger("gjz_registry").exception(message)
    return path
