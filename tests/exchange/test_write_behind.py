"""Write-behind (db/writebehind.py): an import's chunk writes run on a worker thread, on the
importer's connection and inside its transaction — on PostgreSQL, and on a SQLite file in
WAL mode, whose lookups run on a reader thread of their own connection; a SQLite database in
memory writes in line.  The contract: writes land in the caller's transaction, in order; the
first failure is raised in the caller's thread and nothing after it is written; a failed or
cancelled import leaves no worker thread and no row behind."""

import datetime
import sys
import threading
import time

import peewee
import pytest

from db.database import engine
from db.models import Enterprise, Street
from db.writebehind import Behind, Inline
from gjz_registry.exchange import bulk
from gjz_registry.exchange.importer import ImportCancelledError
from tests.exchange.importing import add_carrier
from tests.exchange.workbooks import credit_code, write_openpyxl

HEADER = ["企业名称", "统一社会信用代码", "所属街道", "高新技术企业证书编号", "高企发证日期"]


def _workers():
    return [t for t in threading.enumerate() if t.name.startswith("gjz-write-behind")]


def _db(registry=None):
    db = Enterprise._meta.database
    return getattr(db, "obj", db)


def test_each_engine_gets_its_kind(registry, db_engine):
    db = _db(registry)
    before = sys.getswitchinterval()
    with db.atomic():
        behind = bulk.write_behind(db)
        try:
            assert isinstance(behind, Behind)
            # a SQLite file reads apart, on a connection of its own, with a shorter switch
            assert behind.reads_apart == (db_engine == "sqlite")
            if db_engine == "sqlite":
                assert sys.getswitchinterval() < before
        finally:
            behind.close()
    assert not _workers()
    assert sys.getswitchinterval() == before


def test_a_database_in_memory_writes_in_line():
    """A second connection to ':memory:' would open another, empty database."""
    db = peewee.SqliteDatabase(":memory:")
    with db.atomic():
        assert isinstance(engine(db).write_behind(db, aborted=lambda e: False), Inline)
    db.close()


def test_a_database_file_reached_by_another_name_writes_in_line(tmp_path, monkeypatch):
    """A relative name opened before the working folder changed: a second connection
    opened by that name would reach another file."""
    monkeypatch.chdir(tmp_path)
    db = peewee.SqliteDatabase("relative.db", pragmas={"journal_mode": "wal"})
    with db.atomic():
        behind = engine(db).write_behind(db, aborted=lambda e: False)
        behind.close()
        assert isinstance(behind, Behind)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    with db.atomic():
        assert isinstance(engine(db).write_behind(db, aborted=lambda e: False), Inline)
    db.close()


def test_a_database_without_wal_writes_in_line(tmp_path):
    db = peewee.SqliteDatabase(str(tmp_path / "journal.db"), pragmas={"journal_mode": "delete"})
    with db.atomic():
        assert isinstance(engine(db).write_behind(db, aborted=lambda e: False), Inline)
    db.close()


def test_the_switch_interval_comes_back_when_the_last_worker_stops(registry):
    db = _db(registry)
    before = sys.getswitchinterval()
    with db.atomic():
        first = Behind(db, switch_interval=0.0005)
        second = Behind(db, switch_interval=0.0005)
        first.close()
        assert sys.getswitchinterval() == 0.0005  # the second still runs
        second.close()
        second.close()  # twice: no second restore
    assert sys.getswitchinterval() == before


def _insert(db, eid, street_id):
    return lambda: db.execute_sql(
        "INSERT INTO street_note_probe (id, street_id) VALUES (%s, %s)".replace("%s", db.param),
        (eid, street_id),
    )


@pytest.fixture
def probe(registry):
    """A scratch table for the contract tests."""
    db = _db(registry)
    db.execute_sql("CREATE TABLE street_note_probe (id INTEGER PRIMARY KEY, street_id INTEGER)")
    yield db
    db.execute_sql("DROP TABLE street_note_probe")


def _count(db):
    return db.execute_sql("SELECT COUNT(*) FROM street_note_probe").fetchone()[0]


def test_lookups_read_apart_see_the_database_as_before_the_load(probe, db_engine):
    """On a SQLite file a lookup does not wait for the writes: it reads the last commit on
    a connection of its own (closed with the worker); elsewhere it is queued behind them."""
    street = Street.select().first().id
    _insert(probe, 1, street)()
    with probe.atomic() as tx:
        behind = bulk.write_behind(probe)
        behind.submit(_insert(probe, 2, street))
        behind.wait()
        asked = behind.ask(lambda: (_count(probe), threading.current_thread().name))
        assert asked() == (
            (1, "gjz-write-behind-reads") if behind.reads_apart else (2, "gjz-write-behind")
        )
        behind.close()
        assert _count(probe) == 2  # this thread: its own transaction
        tx.rollback()
    assert not _workers()


def test_a_failed_lookup_read_apart_is_raised_by_its_answer_alone(probe):
    """Its own connection's error, raised where the answer is awaited; the writes go on."""
    street = Street.select().first().id
    with probe.atomic() as tx:
        behind = Behind(probe, reads_apart=True)
        asked = behind.ask(lambda: probe.execute_sql("SELECT nothing FROM street_note_probe"))
        with pytest.raises(peewee.DatabaseError):
            asked()
        behind.submit(_insert(probe, 3, street))
        assert behind.close() is None
        assert _count(probe) == 1
        tx.rollback()
    assert not _workers()


def test_writes_land_in_the_callers_transaction_in_order(probe):
    street = Street.select().first().id
    with probe.atomic() as tx:
        behind = bulk.write_behind(probe)
        for eid in range(1, 6):
            behind.submit(_insert(probe, eid, street))
        behind.wait()
        assert _count(probe) == 5  # this thread sees them: the same transaction
        behind.close()
        tx.rollback()
    assert _count(probe) == 0  # rolled back with the caller's transaction
    assert not _workers()


def test_first_failure_is_raised_here_and_stops_the_rest(probe, db_engine):
    street = Street.select().first().id
    with pytest.raises(peewee.IntegrityError):
        with probe.atomic():
            behind = bulk.write_behind(probe)
            try:
                behind.submit(_insert(probe, 1, street))
                behind.submit(_insert(probe, 1, street))  # the same id: refused
                if isinstance(behind, Behind):
                    behind.submit(_insert(probe, 2, street))  # queued after the failure
                behind.wait()
            except peewee.IntegrityError as exc:
                assert behind.close(exc) is exc  # the same error, reported once
                raise
    assert not _workers()
    assert _count(probe) == 0  # nothing of the failed transaction stays
    # the connection is usable again at once
    with probe.atomic():
        behind = bulk.write_behind(probe)
        behind.submit(_insert(probe, 7, street))
        behind.close()
    assert _count(probe) == 1


def test_a_failure_is_raised_by_submit_or_close(probe):
    """In line, by the submit that failed; behind, by close (or returned by it to a caller
    on its way out with an error of its own)."""
    street = Street.select().first().id
    with pytest.raises(peewee.IntegrityError):
        with probe.atomic():
            behind = bulk.write_behind(probe)
            behind.submit(_insert(probe, 1, street))
            behind.submit(_insert(probe, 1, street))
            behind.close()
    assert not _workers()
    with probe.atomic() as tx:
        behind = bulk.write_behind(probe)
        behind.submit(_insert(probe, 1, street))
        if isinstance(behind, Behind):
            behind.submit(_insert(probe, 1, street))
            failure = RuntimeError("the caller's own")
            # on the way out of a failed load: the worker's error came first and is reported
            assert isinstance(behind.close(failure), peewee.IntegrityError)
            assert not _workers()
        tx.rollback()


def test_a_worker_error_caused_by_the_callers_is_not_the_one_reported(probe):
    """The caller's statement fails first; PostgreSQL then refuses the worker's write (the
    transaction is aborted): the caller's error is the one to report."""
    street = Street.select().first().id
    probe.execute_sql(
        "INSERT INTO street_note_probe (id, street_id) VALUES (1, %s)".replace("%s", probe.param),
        (street,),
    )
    with pytest.raises(peewee.IntegrityError):
        with probe.atomic():
            behind = bulk.write_behind(probe)
            try:
                _insert(probe, 1, street)()  # the caller's own: refused
            except peewee.IntegrityError as exc:
                behind.submit(_insert(probe, 2, street))  # behind, after it: refused too
                assert behind.close(exc) is exc
                raise
    assert not _workers()
    assert _count(probe) == 1


def _big_book(tmp_path, n):
    """``n`` new enterprises, every tenth with a 高企 certificate (a second table written
    behind)."""
    rows = [HEADER]
    for i in range(n):
        number, day = (
            (f"GR2023210{i:05d}", datetime.date(2023, 11, 22)) if i % 10 == 0 else (None, None)
        )
        rows.append(
            [f"大连后写测试科技{i:05d}有限公司", credit_code(i + 1), "大连湾街道", number, day]
        )
    path = tmp_path / "many.xlsx"
    write_openpyxl(path, rows)
    return path


def test_a_large_import_writes_every_chunk_and_finds_its_names(admin, tmp_path):
    path = _big_book(tmp_path, 1234)
    result = admin.exchange.import_file(path, kind="enterprises")
    assert (result.created, result.rejected) == (1234, 0)
    assert Enterprise.select().count() == 1234
    # the search rows of every chunk were written too (they ran behind)
    db = _db()
    assert engine(db).search_index_rows(db) == 1234
    assert [e.name for e in admin.enterprises.search("01233")] == ["大连后写测试科技01233有限公司"]
    assert not _workers()


def test_a_cancelled_import_stops_the_worker_and_writes_nothing(admin, tmp_path):
    path = _big_book(tmp_path, 1600)
    asked = []

    def cancel():
        asked.append(1)
        return len(asked) == 3  # after two chunks were handed over

    with pytest.raises(ImportCancelledError):
        admin.exchange.import_file(path, kind="enterprises", cancel=cancel)
    assert not _workers()
    assert Enterprise.select().count() == 0
    # and the registry imports at once after
    result = admin.exchange.import_file(path, kind="enterprises")
    assert result.created == 1600


def test_a_failing_chunk_write_rolls_the_whole_import_back(admin, tmp_path, monkeypatch):
    path = _big_book(tmp_path, 1300)
    calls = []
    real = bulk.insert_rows

    def failing(db, model, columns, rows):
        if model is Enterprise:
            calls.append(threading.current_thread().name)
            if len(calls) == 2:
                raise peewee.OperationalError("磁盘已满（测试）")
        return real(db, model, columns, rows)

    monkeypatch.setattr(bulk, "insert_rows", failing)
    with pytest.raises(peewee.OperationalError, match="磁盘已满"):
        admin.exchange.import_file(path, kind="enterprises")
    assert not _workers()
    assert Enterprise.select().count() == 0
    assert calls[0] == "gjz-write-behind"  # the chunk writes ran on the worker


# --- lookups asked ahead of the writes (enterprise_import.EnterpriseWriter._ask) -------------


def _book(tmp_path, name, rows):
    path = tmp_path / name
    write_openpyxl(path, [HEADER, *rows])
    return path


def _row(i, number=None, name=None):
    day = datetime.date(2023, 11, 22) if number else None
    return [
        name or f"大连后写测试科技{i:05d}有限公司",
        credit_code(i + 1),
        "大连湾街道",
        number,
        day,
    ]


def test_a_certificate_of_an_earlier_chunk_is_known_to_a_later_one(admin, tmp_path):
    """The lookups of chunk 2 may run before chunk 1 is written: a number chunk 1 gave one
    enterprise is still 已登记 for a row of chunk 2, and a number repeated within a chunk is
    still 与第 N 行重复 — as when each chunk was looked up after the one before."""
    rows = [_row(i) for i in range(1300)]
    rows[10] = _row(10, "GR202321000010")
    rows[600] = _row(600, "GR202321000010")  # chunk 2: chunk 1's number
    rows[1100] = _row(1100, "GR202321000010")  # chunk 3
    rows[700] = _row(700, "GR202321000700")
    rows[701] = _row(701, "GR202321000700")  # the same chunk: a repeat
    result = admin.exchange.import_file(_book(tmp_path, "c.xlsx", rows), kind="enterprises")
    messages = {r.row_number: r.message for r in result.rejections}
    holder = "大连后写测试科技00010有限公司"
    assert set(messages) == {602, 1102, 703}
    assert "GR202321000010 已登记为" in messages[602] and holder in messages[602]
    assert "GR202321000010 已登记为" in messages[1102] and holder in messages[1102]
    assert "GR202321000700 与第 702 行重复" in messages[703]
    assert result.created == 1297
    assert not _workers()


@pytest.mark.parametrize("later", [800, 1400], ids=["the next chunk", "two chunks on"])
def test_later_chunks_see_the_changes_of_registered_records(admin, tmp_path, later):
    """A chunk that changed registered records is followed by lookups that see it: a
    certificate of an enterprise renamed in chunk 1 is refused in a later chunk under its
    new name.  Lookups read apart see the database as it was before the import, so from
    then on every later chunk — not only the next — asks in line."""
    first = [_row(i) for i in range(3)]
    first[1] = _row(1, "GR202321000001")
    admin.exchange.import_file(_book(tmp_path, "first.xlsx", first), kind="enterprises")
    rows = [_row(i) for i in range(3, 1700)]
    rows[5] = _row(1, None, name="大连改名以后科技有限公司")  # chunk 1: renames a registered one
    rows[later] = _row(2000, "GR202321000001")  # chunk 2 or 3: its certificate
    result = admin.exchange.import_file(_book(tmp_path, "second.xlsx", rows), kind="enterprises")
    messages = {r.row_number: r.message for r in result.rejections}
    assert list(messages) == [later + 2]
    assert "大连改名以后科技有限公司" in messages[later + 2]
    assert (result.created, result.updated) == (1695, 1)


# --- attacks on the worker and its reader (review of the SQLite write-behind) ---------------


@pytest.fixture
def switching_restored():
    before = sys.getswitchinterval()
    yield before
    sys.setswitchinterval(before)


def _carrier_book(tmp_path, count, carrier_from):
    """``count`` new enterprises; those from row ``carrier_from`` on entered a carrier."""
    rows = [["企业名称", "统一社会信用代码", "所属街道", "入驻载体", "入驻日期"]]
    for i in range(count):
        carrier = "后写测试载体" if i >= carrier_from else None
        rows.append(
            [
                f"大连后写测试科技{i:05d}有限公司",
                credit_code(i + 1),
                "大连湾街道",
                carrier,
                datetime.date(2024, 3, 1) if carrier else None,
            ]
        )
    path = tmp_path / "carriers.xlsx"
    write_openpyxl(path, rows)
    return path


def _slow_worker(monkeypatch, seconds):
    """Each enterprise INSERT on the worker takes ``seconds`` more."""
    real = bulk.insert_rows

    def slow(db, model, columns, rows):
        if model is Enterprise and threading.current_thread().name == "gjz-write-behind":
            time.sleep(seconds)
        return real(db, model, columns, rows)

    monkeypatch.setattr(bulk, "insert_rows", slow)


@pytest.mark.sqlite_only
def test_the_importing_thread_runs_no_statement_while_a_job_runs(admin, tmp_path, monkeypatch):
    """A carrier first named in chunk 3 is not looked up on the import's connection while
    the worker is in the middle of a job on it (SQLite keeps one error state per
    connection): the carriers are read before anything is written."""
    add_carrier(admin, "后写测试载体")
    path = _carrier_book(tmp_path, 1600, carrier_from=1000)
    _slow_worker(monkeypatch, 0.2)  # the worker is busy nearly all the time
    busy = threading.Event()
    real_submit = Behind.submit

    def submit(self, write):
        def job():
            busy.set()
            try:
                write()
            finally:
                busy.clear()

        real_submit(self, job)

    monkeypatch.setattr(Behind, "submit", submit)
    during = []
    main = threading.current_thread()

    def traced(sql):
        if threading.current_thread() is main and busy.is_set():
            during.append(sql[:80])

    _db().connection().set_trace_callback(traced)
    try:
        result = admin.exchange.import_file(path, kind="enterprises")
    finally:
        _db().connection().set_trace_callback(None)
    assert (result.created, result.rejected) == (1600, 0)
    assert during == []


def test_a_second_interrupt_while_closing_leaves_nothing_written(
    admin, tmp_path, monkeypatch, switching_restored
):
    """Ctrl-C, then Ctrl-C again while close() waits for the queued writes: the worker is
    still waited for before the rollback (written after it, its rows would be committed
    outside the import), the interruption is raised after, and the switch interval is back."""
    path = _big_book(tmp_path, 2000)
    _slow_worker(monkeypatch, 0.3)
    asked = []

    def cancel():
        asked.append(1)
        if len(asked) == 3:
            raise KeyboardInterrupt  # the first Ctrl-C
        return False

    real_join = threading.Thread.join
    interrupted = []

    def join(self, timeout=None):
        if self.name == "gjz-write-behind" and not interrupted:
            interrupted.append(1)
            raise KeyboardInterrupt  # the second, while close() waits
        return real_join(self, timeout)

    monkeypatch.setattr(threading.Thread, "join", join)
    with pytest.raises(KeyboardInterrupt):
        admin.exchange.import_file(path, kind="enterprises", cancel=cancel)
    assert interrupted
    assert not _workers()
    assert sys.getswitchinterval() == switching_restored
    assert Enterprise.select().count() == 0


def test_a_reader_that_cannot_start_leaves_nothing_running(
    registry, monkeypatch, switching_restored
):
    db = _db(registry)
    real_start = threading.Thread.start

    def start(self):
        if self.name == "gjz-write-behind-reads":
            raise RuntimeError("can't start new thread")
        return real_start(self)

    monkeypatch.setattr(threading.Thread, "start", start)
    with db.atomic():
        with pytest.raises(RuntimeError):
            Behind(db, reads_apart=True, switch_interval=0.0005)
    assert not _workers()
    assert sys.getswitchinterval() == switching_restored


def test_an_import_inside_the_callers_transaction_finds_its_records(admin, tmp_path):
    """The caller's own uncommitted record, named again in chunk 2, is found and updated:
    a second connection would not see it, so such an import looks up in line."""
    seed = _book(tmp_path, "seed.xlsx", [_row(700, name="大连外层事务科技有限公司")])
    rows = [_row(i) for i in range(1200)]
    rows[700] = _row(700, name="大连外层事务改名科技有限公司")  # chunk 2
    book = _book(tmp_path, "nested.xlsx", rows)
    with _db().atomic() as tx:
        assert admin.exchange.import_file(seed, kind="enterprises").created == 1
        result = admin.exchange.import_file(book, kind="enterprises", on_conflict="update")
        assert (result.created, result.updated, result.rejected) == (1199, 1, 0)
        assert Enterprise.get(Enterprise.credit_code == credit_code(701)).name == (
            "大连外层事务改名科技有限公司"
        )
        tx.rollback()
    assert not _workers()
