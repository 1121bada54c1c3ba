"""Files the user picks and opens: save/open dialogs, remembered folders, the system viewer.

- :func:`ask_save_path` / :func:`ask_open_path` wrap tkinter's file dialogs, start in the
  folder used last for that purpose and remember the new one in ``folders.json`` in the data
  directory (like the window size in main_window's ``window.json``);
- :func:`open_with_system` shows a file in the system's viewer (``os.startfile`` on Windows,
  ``open`` on macOS, ``xdg-open`` elsewhere), or its folder with a message when no program
  opens that kind of file;
- :func:`default_name` makes the Chinese file names offered, e.g.
  「甘井子区2026年高新技术企业名单.pdf」.

Tests replace ``ask_save_path``, ``ask_open_path`` and ``open_with_system`` (module attributes,
looked up at call time) so no dialog opens and no viewer is launched.
"""

import datetime
import json
import os
import subprocess
import sys

from gjz_registry import paths
from ui import texts as T

FOLDERS_FILE = "folders.json"
FILETYPES = {
    "pdf": [(T.FILETYPE_PDF, "*.pdf")],
    "xlsx": [(T.FILETYPE_XLSX, "*.xlsx")],
    "workbook": [(T.FILETYPE_WORKBOOK, "*.xlsx *.xlsm *.xls *.ods"), (T.FILETYPE_ALL, "*")],
}
_UNSAFE = '\\/:*?"<>|'


def _folders_path():
    return os.path.join(paths.data_dir(), FOLDERS_FILE)


def load_folders():
    try:
        with open(_folders_path(), encoding="utf-8") as fh:
            data = json.load(fh)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def folder_for(purpose):
    """The folder last used for ``purpose`` (when it still exists), else the home folder."""
    folder = load_folders().get(purpose)
    if folder and os.path.isdir(folder):
        return folder
    return os.path.expanduser("~")


def remember_folder(purpose, path):
    """Remember the folder of ``path`` for the next dialog of ``purpose``."""
    folders = load_folders()
    folders[purpose] = os.path.dirname(os.path.abspath(path))
    try:
        with open(_folders_path(), "w", encoding="utf-8") as fh:
            json.dump(folders, fh, ensure_ascii=False)
    except OSError:
        pass  # a remembered folder is a nicety, never a reason to fail


def safe_name(text):
    """``text`` without the characters Windows forbids in file names."""
    return "".join("_" if ch in _UNSAFE else ch for ch in text).strip() or T.UNTITLED


def default_name(title, extension, district="", street=None, year=None, stamp=False):
    """「甘井子区大连湾街道2026年高新技术企业名单.pdf」: district, street, year, title.

    ``year`` None means the current one; ``stamp`` adds today's date (for exports that are
    not about one year, e.g. 「甘井子区企业信息_2026-11-27.xlsx」)."""
    today = datetime.date.today()
    if stamp:
        name = f"{district}{street or ''}{title}_{today.isoformat()}"
    else:
        name = f"{district}{street or ''}{year or today.year}年{title}"
    return f"{safe_name(name)}.{extension}"


def ask_save_path(parent, title, initialfile, kind, purpose="output", initialdir=None):
    """The path the user chose to save to (with the extension of ``kind``), or None.  The
    dialog starts in ``initialdir`` when it exists, else in the folder last used for
    ``purpose``."""
    from tkinter import filedialog

    extension = "." + ("xlsx" if kind == "workbook" else kind)
    if not (initialdir and os.path.isdir(initialdir)):
        initialdir = folder_for(purpose)
    path = filedialog.asksaveasfilename(
        parent=parent,
        title=title,
        initialdir=initialdir,
        initialfile=initialfile,
        defaultextension=extension,
        filetypes=FILETYPES[kind],
    )
    if not path:
        return None
    path = str(path)
    if not path.lower().endswith(extension):
        path += extension
    remember_folder(purpose, path)
    return path


def ask_open_path(parent, title, kind="workbook", purpose="import"):
    """The existing file the user chose, or None."""
    from tkinter import filedialog

    path = filedialog.askopenfilename(
        parent=parent, title=title, initialdir=folder_for(purpose), filetypes=FILETYPES[kind]
    )
    if not path:
        return None
    remember_folder(purpose, str(path))
    return str(path)


def open_with_system(path, parent=None):
    """Show ``path`` in the system's viewer (returns at once).

    Windows: ``os.startfile`` raises when no program is associated with the file's type
    (WinError 1155: a PC without a PDF reader or without Excel/WPS) or the program cannot be
    started; then the folder holding the file is opened instead and a message (over
    ``parent``) says why.  Where even that fails — or ``xdg-open``/``open`` is missing — the
    message says the file cannot be opened and where it is.  Returns the message shown, or
    None when the viewer started."""
    path = os.fspath(path)
    try:
        _start(path)
        return None
    except OSError as exc:
        reason = exc.strerror or str(exc)
    folder = os.path.dirname(os.path.abspath(path))
    message = T.OPEN_FAILED.format(path=path, reason=reason)
    if not os.path.isdir(path):
        try:
            _start(folder)
            extension = os.path.splitext(path)[1].lower() or T.NO_EXTENSION
            message = T.OPEN_NO_PROGRAM.format(
                extension=extension, folder=folder, name=os.path.basename(path)
            )
        except OSError:
            pass
    from tkinter import messagebox

    messagebox.showinfo(T.ERROR_TITLE, message, parent=parent)
    return message


def _start(path):
    """Start the system's viewer on ``path``; OSError when it cannot be started."""
    if sys.platform.startswith("win"):
        os.startfile(path)  # noqa: S606 - the user's own file, by their request
    elif sys.platform == "darwin":
        subprocess.Popen(["open", path])
    else:
        subprocess.Popen(["xdg-open", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
