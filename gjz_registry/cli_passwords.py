"""Passwords on the command line: from a file (its first line) or typed at the terminal."""

import getpass
import sys

from gjz_registry import cli_texts as T
from gjz_registry.errors import AuthenticationError, InvalidValueError, RegistryError
from gjz_registry.textfiles import read_user_text


def read_password_file(path):
    lines = read_user_text(path, T.PASSWORD_FILE).splitlines()
    first = lines[0] if lines else ""
    if not first:
        raise RegistryError(T.PASSWORD_FILE_EMPTY.format(path=path))
    return first


def prompt(text, missing):
    """A password typed at the terminal; AuthenticationError(``missing``) without one."""
    if not sys.stdin or not sys.stdin.isatty():
        raise AuthenticationError(missing)
    return getpass.getpass(text)


def new_password(file_option, who, missing=None):
    """``who``'s new password: from ``file_option``'s file, else typed twice at the terminal;
    AuthenticationError(``missing``, by default naming ``who``) when neither is there."""
    if file_option:
        return read_password_file(file_option)
    if not sys.stdin or not sys.stdin.isatty():
        raise AuthenticationError(missing or T.NO_NEW_PASSWORD.format(name=who))
    first = getpass.getpass(T.NEW_PASSWORD_PROMPT.format(name=who))
    if getpass.getpass(T.PASSWORD_AGAIN) != first:
        raise InvalidValueError(T.PASSWORD_MISMATCH)
    return first
