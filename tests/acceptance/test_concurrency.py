"""Two processes on one database (a SQLite file, or a PostgreSQL database on the server): no
「database is locked」 crash, no lost update."""

import multiprocessing
import os

from gjz_registry import ConflictError, open_registry
from tests.conftest import enterprise_data

WRITES = 150


def _writer(path, folder, worker, start_at, results):
    """A second client: creates and updates enterprises as fast as it can."""
    os.environ["GJZ_DATA_DIR"] = os.path.join(folder, f"data{worker}")
    reg = open_registry(path)
    me = reg.as_local_admin(f"worker{worker}")
    errors = []
    start_at.wait()
    for n in range(WRITES):
        try:
            record = me.enterprises.create(enterprise_data(worker * 10000 + n + 1))
            me.enterprises.update(record.id, {"notes": f"w{worker}-{n}"}, version=record.version)
        except Exception as exc:  # any failure is a test failure, reported to the parent
            errors.append(f"{type(exc).__name__}: {exc}")
    results.put((worker, errors))
    reg.close()


def _editor(path, folder, enterprise_id, version, text, start_at, results):
    os.environ["GJZ_DATA_DIR"] = os.path.join(folder, f"edit-{text}")
    reg = open_registry(path)
    me = reg.as_local_admin(text)
    start_at.wait()
    try:
        me.enterprises.update(enterprise_id, {"contact_name": text}, version=version)
        results.put((text, "saved"))
    except ConflictError as exc:
        results.put((text, f"conflict: {exc}"))
    reg.close()


def run_workers(target, argument_lists):
    ctx = multiprocessing.get_context("spawn")
    start_at = ctx.Event()
    results = ctx.Queue()
    processes = [
        ctx.Process(target=target, args=(*args, start_at, results)) for args in argument_lists
    ]
    for p in processes:
        p.start()
    start_at.set()
    collected = [results.get(timeout=240) for _ in processes]
    for p in processes:
        p.join(timeout=60)
    return collected


def test_two_writers_never_crash_on_locks(tmp_path, db_target):
    path, folder = str(db_target), str(tmp_path)
    open_registry(path).close()
    results = run_workers(_writer, [(path, folder, 1), (path, folder, 2)])
    for worker, errors in results:
        assert errors == [], f"worker {worker}: {errors[:3]}"
    reg = open_registry(path)
    admin = reg.as_local_admin()
    assert admin.enterprises.count() == 2 * WRITES
    assert admin.maintenance.check().ok
    reg.close()


def test_same_record_edited_twice_one_conflict_no_lost_update(tmp_path, db_target):
    path, folder = str(db_target), str(tmp_path)
    reg = open_registry(path)
    record = reg.as_local_admin().enterprises.create(enterprise_data(1))
    reg.close()
    results = dict(
        run_workers(
            _editor,
            [(path, folder, record.id, record.version, name) for name in ("甲", "乙")],
        )
    )
    outcomes = sorted(results.values())
    assert outcomes[1] == "saved" and outcomes[0].startswith("conflict: ")
    winner = next(name for name, outcome in results.items() if outcome == "saved")
    reg = open_registry(path)
    saved = reg.as_local_admin().enterprises.get(record.id)
    assert saved.contact_name == winner and saved.version == record.version + 1
    reg.close()
