"""Windows' refusal to rename or delete a file that is open, emulated for tests on Linux.

On Windows ``os.replace``, ``os.rename`` and ``os.remove`` raise PermissionError (WinError 32,
「另一个程序正在使用此文件，进程无法访问。」) when the file — or a rename's target — is open in a
process that did not share delete access: a virus scanner for a moment, Excel until the file is
closed, a second client, or this very process through an sqlite3 connection it did not close.
POSIX renames and deletes open files without a word, so those bugs cannot be seen here unless
emulated.  :class:`WindowsLocks` patches the four functions (``os.unlink`` too) to refuse:

- ``hold(path)`` until ``release(path)`` (Excel), ``hold(path, times=N)`` the next N times
  (a scanner);
- ``hold_open_files()``: every file this process has open, as /proc/self/fd shows it (real
  on Linux) — so an sqlite3 connection left open blocks the rename of its database, its -wal
  and its -shm exactly as on Windows.

``refused`` lists each refusal as (operation, path).
"""

import os

WINDOWS_TEXT = "另一个程序正在使用此文件，进程无法访问。"


def open_in_this_process():
    """The real paths of the files this process has open (from /proc/self/fd)."""
    found = set()
    for entry in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{entry}")
        except OSError:  # closed meanwhile (the listing's own descriptor)
            continue
        if target.startswith("/"):
            found.add(target)
    return found


class WindowsLocks:
    """Patch os.replace/rename/remove/unlink (through ``monkeypatch``) to refuse held files."""

    def __init__(self, monkeypatch):
        self.held = {}  # real path -> refusals left (None: until released)
        self.open_files = False
        self.refused = []
        for name in ("replace", "rename", "remove", "unlink"):
            monkeypatch.setattr(os, name, self._guarded(name, getattr(os, name)))

    def hold(self, path, times=None):
        self.held[os.path.realpath(path)] = times
        return self

    def release(self, path):
        self.held.pop(os.path.realpath(path), None)

    def hold_open_files(self):
        self.open_files = True
        return self

    def _locked(self, path):
        real = os.path.realpath(path)
        if real in self.held:
            left = self.held[real]
            if left is None:
                return True
            if left > 0:
                self.held[real] = left - 1
                return True
        return self.open_files and real in open_in_this_process()

    def _guarded(self, name, real_function):
        def guarded(*paths, **kwargs):
            for path in paths[:2]:
                if isinstance(path, (str, bytes, os.PathLike)) and self._locked(path):
                    self.refused.append((name, os.fspath(path)))
                    raise PermissionError(13, WINDOWS_TEXT, os.fspath(path))
            return real_function(*paths, **kwargs)

        return guarded
