"""Each typed error is raised in its real situation (gjz_registry/errors.py, dberrors.py).

A damaged file, a database of a newer program, a second connection holding the write lock
past a short busy timeout, another street's record, a stale version: each comes out as its own
RegistryError subclass, so front ends tell them apart by class, never by message text.
"""

import sqlite3

import peewee
import pytest

from db import database
from gjz_registry import (
    ConflictError,
    DatabaseDamagedError,
    DatabaseError,
    DatabaseTooNewError,
    InvalidValueError,
    LockTimeoutError,
    OutOfScopeError,
    PermissionDeniedError,
    StaleVersionError,
    dberrors,
    fields,
    open_registry,
)
from tests.conftest import PASSWORD, enterprise_data
from tests.damage import break_header, damage_table
from tests.old_database import make_newer


def test_a_damaged_file_is_refused_as_damaged(db_path):
    open_registry(db_path).close()
    break_header(db_path)
    with pytest.raises(DatabaseDamagedError):
        open_registry(db_path)


def test_damage_met_in_a_transaction_is_a_damaged_database_error(db_path):
    """The file opens (its header is sound), the damaged table is met by a service call."""
    registry = open_registry(db_path)
    admin = registry.as_local_admin()
    made = admin.enterprises.create(enterprise_data(1))
    registry.close()
    damage_table(db_path)
    registry = open_registry(db_path, check=False)
    try:
        with pytest.raises(DatabaseDamagedError):
            registry.as_local_admin().enterprises.update(made.id, {"employees": 30}, version=1)
    finally:
        registry.close()


def test_a_newer_database_is_too_new_not_damaged(db_path):
    open_registry(db_path).close()
    make_newer(db_path)
    with pytest.raises(DatabaseTooNewError) as info:
        open_registry(db_path)
    assert not isinstance(info.value, DatabaseDamagedError)


@pytest.fixture
def short_timeout(monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setitem(database.SQLITE_PRAGMAS, "busy_timeout", 100)


def hold_write_lock(path):
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_write_blocked_by_another_connection_is_a_lock_timeout(db_path, short_timeout):
    registry = open_registry(db_path)
    holder = hold_write_lock(db_path)
    try:
        with pytest.raises(LockTimeoutError) as info:
            registry.as_local_admin().enterprises.create(enterprise_data(1))
    finally:
        holder.rollback()
        holder.close()
        registry.close()
    assert isinstance(info.value, DatabaseError)
    assert isinstance(info.value.__cause__, peewee.OperationalError)


@pytest.mark.sqlite_only  # a raw sqlite3 connection holds the lock (PostgreSQL: test_postgresql)
def test_a_login_blocked_by_another_connection_is_a_lock_timeout(registry, short_timeout):
    registry.close()
    registry = open_registry(registry.target)
    holder = hold_write_lock(registry.target)
    try:
        with pytest.raises(LockTimeoutError):
            registry.login("dlw", PASSWORD)
    finally:
        holder.rollback()
        holder.close()
        registry.close()


def test_another_streets_record_is_out_of_scope(admin, clerk):
    other = admin.enterprises.create(enterprise_data(1, street="南关岭街道"))
    with pytest.raises(OutOfScopeError) as info:
        clerk.enterprises.get(other.id)
    assert isinstance(info.value, PermissionDeniedError)
    with pytest.raises(OutOfScopeError):
        clerk.enterprises.update(other.id, {"employees": 30}, version=other.version)
    with pytest.raises(OutOfScopeError):
        clerk.enterprises.create(enterprise_data(2, street="南关岭街道"))


def test_a_viewer_is_refused_but_not_out_of_scope(admin, viewer):
    made = admin.enterprises.create(enterprise_data(1))
    with pytest.raises(PermissionDeniedError) as info:
        viewer.enterprises.update(made.id, {"employees": 30}, version=made.version)
    assert not isinstance(info.value, OutOfScopeError)


def test_a_stale_version_is_a_stale_version_error(admin):
    made = admin.enterprises.create(enterprise_data(1))
    admin.enterprises.update(made.id, {"employees": 30}, version=made.version)
    with pytest.raises(StaleVersionError) as info:
        admin.enterprises.update(made.id, {"employees": 40}, version=made.version)
    assert isinstance(info.value, ConflictError)
    carrier = admin.carriers.create({"name": "大连测试孵化器", "kind": "孵化器"})
    admin.carriers.update(carrier.id, {"address": "大连湾路 1 号"}, version=carrier.version)
    with pytest.raises(StaleVersionError):
        admin.carriers.update(carrier.id, {"address": "大连湾路 2 号"}, version=carrier.version)


def raised(statement, *setup):
    con = sqlite3.connect(":memory:")
    for sql in setup:
        con.execute(sql)
    try:
        con.execute(statement)
    except sqlite3.Error as exc:
        return exc
    raise AssertionError("no error")


@pytest.mark.parametrize(
    "sqlstate, typed",
    [
        ("55P03", LockTimeoutError),  # lock_timeout ran out
        ("40P01", LockTimeoutError),  # deadlock: this side was cancelled
        ("XX001", DatabaseDamagedError),
        ("53100", DatabaseError),  # disk full
        ("3D000", DatabaseError),  # no such database
        ("28P01", DatabaseError),  # wrong password
        ("23505", type(None)),  # a unique violation the services should have prevented: a bug
    ],
)
def test_postgresql_errors_are_classified_by_sqlstate(sqlstate, typed):
    from psycopg import errors as psycopg_errors  # the [postgresql] extra, in [test]

    raw = psycopg_errors.lookup(sqlstate)("服务器的原话")
    assert type(dberrors.classify(raw)) is typed


def test_the_classifier_reads_codes_not_text():
    """A constraint violation is a bug (None: logged), whatever its text says; an error
    whose text says "locked" but carries no code is not taken for a lock timeout."""
    table = "CREATE TABLE t (x UNIQUE NOT NULL)"
    unique = raised("INSERT INTO t VALUES (1)", table, "INSERT INTO t VALUES (1)")
    assert dberrors.condition(unique) == dberrors.UNIQUE
    assert dberrors.condition(raised("INSERT INTO t VALUES (NULL)", table)) == dberrors.NOT_NULL
    assert dberrors.classify(unique) is None
    assert dberrors.classify(sqlite3.OperationalError("database is locked")) is None
    assert dberrors.classify(ValueError("database is locked")) is None


def field_of(call):
    with pytest.raises(InvalidValueError) as info:
        call()
    return info.value.field


def test_an_invalid_value_names_its_field_by_code(admin):
    """Whichever rule refuses the value — the field's own check, a rule across fields, a
    validator that only knows the label — ``field`` is the code; the label the message uses
    is the declared one."""
    made = admin.enterprises.create(enterprise_data(1))
    cases = {
        "contact_phone": lambda: admin.enterprises.create(enterprise_data(2, contact_phone="12")),
        "rd_staff": lambda: admin.enterprises.create(enterprise_data(3, rd_staff=50)),
        "name": lambda: admin.carriers.create({"kind": "孵化器"}),
        "granted_on": lambda: admin.qualifications.add(
            made.id, "高新技术企业", "GR202321000005", granted_on="2023-13-40"
        ),
        "employees": lambda: admin.annual.save(made.id, 2023, {"employees": "很多"}),
        "password": lambda: admin.users.create("new", "123", "viewer"),
        "year": lambda: admin.listings.as_of("二〇一九"),
    }
    assert {code: field_of(call) for code, call in cases.items()} == {c: c for c in cases}
    with pytest.raises(InvalidValueError) as info:
        admin.enterprises.create(enterprise_data(4, contact_phone="12"))
    assert fields.label("enterprise", info.value.field) in str(info.value)
