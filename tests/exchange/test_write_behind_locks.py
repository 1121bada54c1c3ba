"""Write-behind on PostgreSQL (db/writebehind.py) when another client holds what an import's
chunk write needs: the import waits lock_timeout and then says 数据库正忙, exactly as when the
writes ran in line — even when this thread used the connection meanwhile (a carrier name first
met in a later chunk is looked up while converting), which PostgreSQL then refuses as part of
a transaction already broken by the worker's failure."""

import datetime
import threading

import psycopg
import pytest

from db import database
from db.models import Enterprise
from gjz_registry import open_registry
from gjz_registry.dberrors import busy_message
from gjz_registry.errors import LockTimeoutError
from gjz_registry.exchange import bulk, enterprise_rows
from tests.conftest import PASSWORD
from tests.exchange.workbooks import credit_code, write_openpyxl

HEADER = ["企业名称", "统一社会信用代码", "所属街道", "入驻载体", "入驻日期"]


@pytest.fixture
def waiting(pg_url, monkeypatch):
    """(url, admin) of a registry whose connection waits 300 ms for a lock."""
    setup = open_registry(pg_url)
    setup.as_local_admin("setup").users.create("admin", PASSWORD, "admin")
    setup.close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    registry = open_registry(pg_url)
    yield pg_url, registry.login("admin", PASSWORD)
    registry.close()


def _book(tmp_path, count, late_carrier):
    """``count`` new enterprises; row 6 (chunk 1) enters 后写载体甲; with ``late_carrier`` the
    rows of chunk 3 enter 后写载体乙, a name no earlier row had (looked up while converting)."""
    rows = [HEADER]
    for i in range(count):
        carrier = "后写载体甲" if i == 5 else None
        if late_carrier and i >= 1000:
            carrier = "后写载体乙"
        day = datetime.date(2024, 3, 1) if carrier else None
        name = f"大连锁等待测试科技{i:05d}有限公司"
        rows.append([name, credit_code(i + 1), "大连湾街道", carrier, day])
    path = tmp_path / "locks.xlsx"
    write_openpyxl(path, rows)
    return path


@pytest.mark.parametrize("meanwhile", ["nothing", "carrier-in-chunk-3", "cancel"])
def test_a_chunk_write_waiting_for_a_lock_ends_with_the_busy_message(
    waiting, tmp_path, meanwhile, monkeypatch
):
    """Meanwhile this thread converts chunk 3 (``carrier-in-chunk-3``: a lookup of its own,
    which the server refuses) or is cancelled: done in line, chunk 1's write failed first."""
    url, admin = waiting
    # 后写载体乙 is looked up (converting chunk 3) once chunk 1's write has failed behind: the
    # order in which the two threads meet the connection is otherwise a matter of luck
    failed, insert_rows = threading.Event(), bulk.insert_rows
    carrier_by_name = enterprise_rows._CarrierNames.__call__

    def watched(*args):
        try:
            return insert_rows(*args)
        except BaseException:
            failed.set()
            raise

    def after_the_failure(names, name):
        if name == "后写载体乙":
            assert failed.wait(60)
            names.by_name = None  # read the carriers again: a statement of this thread
        return carrier_by_name(names, name)

    monkeypatch.setattr(bulk, "insert_rows", watched)
    monkeypatch.setattr(enterprise_rows._CarrierNames, "__call__", after_the_failure)
    for name in ("后写载体甲", "后写载体乙"):
        admin.carriers.create({"name": name, "kind": "孵化器", "street": "大连湾街道"})
    path = _book(tmp_path, 1400, meanwhile == "carrier-in-chunk-3")
    asked = []

    def cancel():  # asked before each chunk: cancelled once chunk 1's write has failed
        asked.append(1)
        return len(asked) > 1 and failed.wait(60)

    # another client is deleting 后写载体甲 and has not committed: chunk 1's residency waits
    holder = psycopg.connect(url)
    try:
        holder.execute("DELETE FROM carrier WHERE name = '后写载体甲'")
        with pytest.raises(LockTimeoutError) as caught:
            admin.exchange.import_file(
                path, kind="enterprises", cancel=cancel if meanwhile == "cancel" else None
            )
        assert str(caught.value) == busy_message()
    finally:
        holder.close()
    assert Enterprise.select().count() == 0
    assert not [t for t in threading.enumerate() if t.name.startswith("gjz-write-behind")]
