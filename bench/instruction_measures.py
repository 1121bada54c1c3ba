"""The 50 000-row SQLite import against its floor by instruction count
(``python bench/run.py --instructions``; needs valgrind).

The wall-clock ratio of bench/exchange_measures.py moves with whatever else the machine does:
on the two shared cores this project is measured on, the same code gave 1.47 to 2.06 within
one hour (ninth session), the floor alone 2.5 to 3.5 s.  callgrind counts the instructions
each side executes, which is the same on every run of the same code on the same input, so
a change of a few per cent shows.  It is not a time — a cache miss costs many instructions'
worth, and SQLite's work has more of them than Python's — so these rows inform (``(info)``);
the bound stays on the wall-clock row.

Each side runs in its own process under ``valgrind --tool=callgrind --instr-atstart=no``
(the two at once, one per core) and counts (``callgrind_control -i on`` / ``off``) exactly
the part exchange_measures times, after doing the same work once uncounted (modules, the
pinyin dictionaries, the file in the page cache):

- import: ``exchange.import_file`` of the workbook into a fresh copy of the database that
  holds the carriers only;
- floor: the bare python-calamine read, then ``import_floor.sqlite_bare_writes``'s timed part
  (the same rows written by bare sqlite3).
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

import exchange_measures  # bench/exchange_measures.py

ROOT = exchange_measures.ROOT
_TOTALS = re.compile(r"^totals:\s*(\d+)", re.MULTILINE)
SIDES = ("import", "floor")

_CHILD = r"""
import os, shutil, subprocess, sys
root, side, book, empty, folder, rows = sys.argv[1:7]
sys.path[:0] = [root, os.path.join(root, "bench")]

def counting(flag):
    subprocess.run(["callgrind_control", "-i", flag, str(os.getpid())], check=True,
                   capture_output=True)

def fresh(name):
    target = os.path.join(folder, name)
    for leftover in (target, target + "-wal", target + "-shm"):
        if os.path.exists(leftover):
            os.remove(leftover)
    shutil.copyfile(empty, target)
    return target

def imported(name, counted=False):
    from gjz_registry.registry import open_registry
    target = fresh(name)
    registry = open_registry(target).as_local_admin("bench")
    if counted:
        counting("on")
    result = registry.exchange.import_file(book)
    if counted:
        counting("off")
    registry.close()
    assert result.created == int(rows) and result.rejected == 0, result.counts
    return target

if side == "import":
    imported(side + "-warm.db")
    imported(side + ".db", counted=True)
else:
    import import_floor, python_calamine
    target = imported(side + "-source.db")  # what the floor writes again
    for counted in (False, True):
        if counted:
            counting("on")
        workbook = python_calamine.CalamineWorkbook.from_path(book)
        workbook.get_sheet_by_name("企业信息").to_python()
        workbook.close()
        if counted:
            counting("off")
    import_floor.sqlite_bare_writes(target, empty)  # uncounted once
    import_floor.sqlite_bare_writes(target, empty, around=(lambda: counting("on"),
                                                           lambda: counting("off")))
"""


def measure():
    """The instruction rows (or one row saying why there are none)."""
    if not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        return [_row("import instructions: valgrind is not installed", None, None, False)]
    folder = tempfile.mkdtemp(prefix="gjz-instructions-")
    try:
        with exchange_measures._SameDatabase():
            state = exchange_measures._workbooks()
            empty = _carriers_only(state, folder)
        runs = {side: _start(side, state["enterprises"], empty, folder) for side in SIDES}
        counts = {side: _finish(side, *run) for side, run in runs.items()}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ours, floor = counts["import"], counts["floor"]
    return [
        _row("floor instructions: bare read + bare sqlite3 writes (callgrind)", floor, None, True),
        _row(
            f"import {exchange_measures.ROWS} rows × 21 columns: instructions (callgrind)",
            ours,
            floor,
            True,
        ),
    ]


def _carriers_only(state, folder):
    """A database holding the carriers only (what the import starts from)."""
    from gjz_registry.registry import open_registry

    path = os.path.join(folder, "empty.db")
    registry = open_registry(path).as_local_admin("bench")
    registry.exchange.import_file(state["carriers"])
    registry.close()  # the WAL checkpointed: one file to copy
    return path


def _start(side, book, empty, folder):
    out = os.path.join(folder, f"{side}.callgrind")
    command = [
        "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        f"--callgrind-out-file={out}",
        sys.executable,
        "-c",
        _CHILD,
        ROOT,
        side,
        book,
        empty,
        folder,
        str(exchange_measures.ROWS),
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    return process, out


def _finish(side, process, out):
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"instruction count of the {side} failed:\n{stderr[-3000:]}")
    with open(out) as stream:
        found = _TOTALS.search(stream.read())
    if not found:
        raise SystemExit(f"no totals in {out}")
    return int(found.group(1)) / 1e9


def _row(measure, value, baseline, ok):
    return {
        "measure": measure,
        "value": value,
        "unit": "G instr",
        "baseline": baseline,
        "ratio": value / baseline if value and baseline else None,
        "bound": "(info: instructions, not time; the bound is on the wall-clock row)",
        "ok": ok,
    }
