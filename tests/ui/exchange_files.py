"""Workbooks and helpers for the client's import, export and printing tests.

``messy_workbook`` is what a street office really sends: a merged title row, a note row,
headers in other words (单位名称, 信用代码, 街道…), an extra column nobody asked for, good rows
and a few bad ones (wrong check character, an unknown street, a credit code typed as a
number, money that is not a number).  ``big_workbook`` writes N valid rows fast (XlsxWriter).
The driving helpers run the Tk loop until a worker or a condition is done.
"""

import datetime
import subprocess
import time
from pathlib import Path

from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN, HEADERS, enterprise_row
from tests.reports.pdftools import pdftotext, render_page, require_tool, squeeze  # noqa: F401

SYNONYMS = {"企业名称": "单位名称", "统一社会信用代码": "信用代码", "所属街道": "街道"}
BAD_ROWS = 4


def plain_row(n):
    """An enterprise row that needs no carrier (not in the chain) — 14 + 备注 columns."""
    row = enterprise_row(n)
    for header in ("孵化阶段", "入驻载体", "入驻日期"):
        row[COLUMN[header]] = None
    return row


def wrong_check_character(n):
    right = W.credit_code(n)
    return right[:-1] + ("X" if right[-1] != "X" else "Y")


def messy_rows(good=6, start=1):
    """Title, note, header (synonyms + 奇怪列), ``good`` valid rows and BAD_ROWS bad ones.

    Returns (rows, names of the good enterprises, sheet row numbers of the bad rows)."""
    headers = [SYNONYMS.get(h, h) for h in HEADERS] + ["奇怪列"]
    rows = [["甘井子区科技企业名单（街道报送）"], ["填报单位：大连湾街道科技科"], headers]
    names = []
    for n in range(start, start + good):
        row = plain_row(n) + ["随便写的"]
        names.append(row[COLUMN["企业名称"]])
        rows.append(row)
    bad = []
    for k, (header, value_of) in enumerate(
        (
            ("统一社会信用代码", wrong_check_character),
            ("所属街道", lambda n: "火星街道"),
            ("统一社会信用代码", lambda n: 912102117000001234.0),  # lost its digits
            ("注册资本(万元)", lambda n: "一百万"),
        )
    ):
        n = start + good + k
        row = plain_row(n) + [None]
        row[COLUMN[header]] = value_of(n)
        rows.append(row)
        bad.append(len(rows))  # the sheet row number (1-based)
    return rows, names, bad


def messy_workbook(path, good=6, start=1):
    """Write :func:`messy_rows` with the title merged across the table; returns
    (path, good names, bad row numbers)."""
    rows, names, bad = messy_rows(good, start)
    W.write_openpyxl(path, rows, merges=["A1:V1"])
    return path, names, bad


def big_workbook(path, count):
    """``count`` valid enterprise rows (not in the chain), written by XlsxWriter."""
    rows = [list(HEADERS)]
    base = datetime.date(2019, 1, 1)
    for n in range(1, count + 1):
        row = plain_row(n)
        row[COLUMN["成立日期"]] = base + datetime.timedelta(days=n % 300)
        rows.append(row)
    return W.write_xlsxwriter(path, rows)


def decode_qr(pdf, folder):
    """The text of the QR code on the first page of ``pdf`` (pdftoppm + zbarimg)."""
    png = render_page(Path(pdf), 1, Path(folder), dpi=150)
    found = subprocess.run(
        [require_tool("zbarimg"), "--raw", "-q", str(png)], capture_output=True, text=True
    )
    assert found.returncode == 0, f"zbarimg found no code: {found.stderr}"
    return found.stdout.strip()


def wait(root, ms):
    """Let Tk's event loop run for ``ms`` milliseconds."""
    root.after(ms, root.quit)
    root.mainloop()


def pump(root, until, timeout=60.0, step=0.01):
    """Run the Tk loop until ``until()`` is true; fail after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not until():
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout} s waiting for {until}")
        root.update()
        time.sleep(step)
    root.update()


def finish(root, worker, timeout=60.0):
    """Wait until ``worker`` (ui.worker.Worker) has delivered its result or error."""
    pump(root, lambda: worker.finished, timeout)
    return worker


def find(widget, cls):
    """The first descendant of ``widget`` (a Tk widget) that is a ``cls``."""
    for child in widget.winfo_children():
        if isinstance(child, cls):
            return child
        found = find(child, cls)
        if found is not None:
            return found
    return None


def drive_dialog(root, cls, fill, delay=300):
    """Schedule ``fill(dialog)`` for the modal ``cls`` dialog the next call opens; returns a
    check() that re-raises what went wrong inside (the dialog is cancelled then, so a broken
    test fails instead of waiting forever on the modal dialog)."""
    problems = []

    def run():
        dialog = find(root, cls)
        try:
            if dialog is None:
                raise AssertionError(f"no {cls.__name__} is open")
            fill(dialog)
        except BaseException as exc:  # noqa: B036 - handed back to the test
            problems.append(exc)
            if dialog is not None and dialog.winfo_exists():
                dialog.cancel()

    root.after(delay, run)

    def check():
        if problems:
            raise problems[0]

    return check


def fake_save(monkeypatch, folder, chosen=None):
    """Make every save dialog answer ``folder / offered name`` (or ``chosen``); returns the
    list of (title, offered name) asked for."""
    from ui import files

    asked = []

    def ask(parent, title, initialfile, kind, purpose="output", initialdir=None):
        asked.append((title, initialfile))
        return str(chosen or (folder / initialfile))

    monkeypatch.setattr(files, "ask_save_path", ask)
    return asked


def fake_viewer(monkeypatch):
    """Record the files the client would show in the system viewer (none is launched)."""
    from ui import files

    opened = []
    monkeypatch.setattr(
        files, "open_with_system", lambda path, parent=None: opened.append(str(path))
    )
    return opened
