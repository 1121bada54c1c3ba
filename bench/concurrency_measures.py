"""The concurrency measure of bench/run.py, on SQLite (a copy of the benchmark database) and,
with ``--engine postgresql``, on the server's copy of it.

Eight processes start at the same moment and work for SECONDS: six update enterprises through
the services — each picks one of HOT enterprises, reads it (``enterprises.get``), saves its
从业人员 plus one with the version it read, and on StaleVersionError (someone saved first)
reads it again and retries — while two import workbooks of new enterprises (IMPORT_ROWS rows
each, one after another, through ``exchange.import_file``).  A lock wait beyond the timeout
ends as LockTimeoutError: counted, the update not made (not lost either).

Lost updates: each updating process counts its successful saves per enterprise; at the end
every hot enterprise's 从业人员 must have grown by exactly the sum of those counts.  The
rows: updates per second (all processes, info), lost updates (bound: 0, a failure
otherwise), the retries, lock timeouts and imported rows (info).
"""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROCESSES = 8
IMPORTERS = 2
HOT = 40
SECONDS = 10.0
IMPORT_ROWS = 500
WORKBOOKS = 6  # per importing process: more than it can import in SECONDS

_CHILD = """
import json, random, sys, time
from gjz_registry import open_registry
from gjz_registry.errors import LockTimeoutError, StaleVersionError
target, role, seconds, seed, rest = sys.argv[1:6]
registry = open_registry(target).as_local_admin("bench" + seed)
rng = random.Random(int(seed))
print("ready", flush=True)
sys.stdin.readline()  # "go": every process is ready
start = time.time()
end = start + float(seconds)
out = dict(role=role, updates=0, stale=0, timeouts=0, imported=0, counts={})
if role == "update":
    hot = [int(i) for i in rest.split(",")]
    while time.time() < end:
        eid = rng.choice(hot)
        while True:
            record = registry.enterprises.get(eid)
            try:
                registry.enterprises.update(
                    eid, {"employees": record.employees + 1}, record.version
                )
            except StaleVersionError:
                out["stale"] += 1
                continue
            except LockTimeoutError:
                out["timeouts"] += 1
                break
            out["updates"] += 1
            out["counts"][eid] = out["counts"].get(eid, 0) + 1
            break
else:
    for path in rest.split("|"):
        if time.time() >= end:
            break
        try:
            result = registry.exchange.import_file(path)
        except LockTimeoutError:
            out["timeouts"] += 1
            continue
        out["imported"] += result.created
out["seconds"] = time.time() - start
registry.close()
print(json.dumps(out))
"""


def row(measure, value, unit, baseline=None, bound="", ok=True):
    """A result row in run.py's format."""
    ratio = value / baseline if value is not None and baseline else None
    return dict(
        measure=measure, value=value, unit=unit, baseline=baseline, ratio=ratio, bound=bound, ok=ok
    )


def measure_concurrency(ctx):
    """On a copy of run.py's SQLite database (the measures before it read the original)."""
    from db.database import database_proxy

    saved = database_proxy.obj
    folder = tempfile.mkdtemp(prefix="gjz-bench-concurrency-")
    try:
        target = os.path.join(folder, "concurrency.db")
        ctx.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(ctx.db.database, target)
        return _run(target, folder, "")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if saved is not None:
            database_proxy.initialize(saved)


def server_measures(base_url, url):
    """On the server's copy of the benchmark database at ``url``."""
    folder = tempfile.mkdtemp(prefix="gjz-bench-concurrency-")
    try:
        return _run(url, folder, "[postgresql] ")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _prepare(target, folder):
    """(hot ids, their 从业人员 now, [workbook paths per importer], the new codes)."""
    import openpyxl

    from gjz_registry.exchange import columns as cols
    from gjz_registry.registry import open_registry
    from gjz_registry.validators import CREDIT_ALPHABET, credit_check_char

    registry = open_registry(target).as_local_admin("bench")
    db = registry.db
    hot = dict(
        db.execute_sql(
            "SELECT id, employees FROM enterprise WHERE employees IS NOT NULL ORDER BY id LIMIT "
            + str(HOT)
        ).fetchall()
    )
    street = db.execute_sql("SELECT name FROM street ORDER BY id").fetchone()[0]
    known = {c for (c,) in db.execute_sql("SELECT credit_code FROM enterprise").fetchall()}
    registry.close()
    kind = cols.get_kind("enterprises")
    header = [kind.column(code).header for code in ("name", "credit_code", "street")]
    rng = random.Random(15)
    books, codes = [], set()
    for importer in range(IMPORTERS):
        paths = []
        for number in range(WORKBOOKS):
            book = openpyxl.Workbook(write_only=True)
            sheet = book.create_sheet("企业信息")
            sheet.append(header)
            for i in range(IMPORT_ROWS):
                code = None
                while code is None or code in known or code in codes:
                    body = "91210211" + "".join(rng.choice(CREDIT_ALPHABET) for _ in range(9))
                    code = body + credit_check_char(body)
                codes.add(code)
                sheet.append([f"大连并发{importer}{number}测{i}号科技有限公司", code, street])
            path = os.path.join(folder, f"import-{importer}-{number}.xlsx")
            book.save(path)
            paths.append(path)
        books.append(paths)
    return list(hot), hot, books, codes


def _run(target, folder, prefix):
    from gjz_registry.registry import open_registry

    ids, before, books, codes = _prepare(target, folder)
    children = []
    for number in range(PROCESSES):
        importing = number < IMPORTERS
        rest = "|".join(books[number]) if importing else ",".join(map(str, ids))
        argv = [sys.executable, "-c", _CHILD, target, "import" if importing else "update"]
        argv += [str(SECONDS), str(number), rest]
        children.append(
            subprocess.Popen(
                argv,
                cwd=ROOT,
                env=dict(os.environ, PYTHONPATH=ROOT),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for child in children:  # each has opened the registry
        if child.stdout.readline().strip() != "ready":
            child.wait()
            raise RuntimeError(child.stderr.read().strip()[-300:] or "child failed")
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child in children:
        out, err = child.communicate()
        if child.returncode != 0:
            raise RuntimeError(err.strip().splitlines()[-1] if err.strip() else "child failed")
        results.append(json.loads(out.strip().splitlines()[-1]))
    registry = open_registry(target).as_local_admin("bench")
    db = registry.db
    marks = ", ".join([db.param] * len(ids))
    after = dict(db.execute_sql(f"SELECT id, employees FROM enterprise WHERE id IN ({marks})", ids))
    marks = ", ".join([db.param] * len(codes))
    stored = db.execute_sql(
        f"SELECT COUNT(*) FROM enterprise WHERE credit_code IN ({marks})", list(codes)
    ).fetchone()[0]
    registry.close()
    saved = {eid: 0 for eid in ids}
    for result in results:
        for eid, count in result["counts"].items():
            saved[int(eid)] += count
    lost = sum(abs(after[eid] - before[eid] - saved[eid]) for eid in ids)
    updates = sum(r["updates"] for r in results)
    seconds = max(r["seconds"] for r in results if r["role"] == "update")
    imported = sum(r["imported"] for r in results)
    stale = sum(r["stale"] for r in results)
    timeouts = sum(r["timeouts"] for r in results)
    name = f"{prefix}concurrency: {PROCESSES} processes ({PROCESSES - IMPORTERS} updating"
    name += f" {HOT} enterprises, {IMPORTERS} importing), {SECONDS:g} s"
    detail = f"{stale} stale-version retries, {timeouts} lock timeouts,"
    detail += f" {imported} rows imported ({stored} stored)"
    return [
        row(f"{name}: updates per second", updates / seconds, "/s", None, "(info)"),
        row(f"{prefix}concurrency: lost updates", lost, "", None, "= 0", lost == 0),
        row(f"{prefix}concurrency: {detail}", None, "", None, "(info)", imported == stored),
    ]
