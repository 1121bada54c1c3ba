"""Shared fixtures: a real registry per test, with users of every role, on each engine.

Each test gets its own database — a SQLite file under tmp_path (never :memory:, so WAL,
foreign keys and the FTS index behave as in production), and for the engine-dependent tests
(ENGINE_FOLDERS) also a fresh PostgreSQL database on the run's throw-away server
(tests/pgserver.py) — and its own data directory (GJZ_DATA_DIR), so logs, backups and fonts
caches never touch the developer's real folders.

A test runs on both engines when it asks for the ``registry`` (or ``db_target``) fixture and
lies in an ENGINE_FOLDERS folder; it stays on SQLite when it is marked ``sqlite_only`` (file
backups, damaged files, WAL) or asks for ``db_path`` itself (it works with the file).
"""

import logging
import shutil
import sqlite3
from pathlib import Path

import pytest

from gjz_registry import fileops, open_registry
from gjz_registry.validators import credit_check_char
from tests import pgserver

PASSWORD = "secret123"


def code(body17):
    """A credit code with its correct check character."""
    return body17 + credit_check_char(body17)


def make_code(n, area="210211"):
    """The n-th synthetic company credit code (91 + area + MA + 7-digit serial)."""
    return code(f"91{area}MA{n:07d}")


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("GJZ_DATA_DIR", str(folder))
    monkeypatch.delenv("GJZ_DB", raising=False)
    return folder


@pytest.fixture(autouse=True)
def _no_retry_pauses(monkeypatch):
    """A rename another program refuses is tried again after pauses (gjz_registry.fileops);
    tests do not sit through them (a test of the pauses passes its own ``sleep``)."""
    monkeypatch.setattr(fileops, "SLEEP", lambda seconds: None)


@pytest.fixture
def fresh_log(monkeypatch):
    """The log configured anew in this test (gjz_registry.logs configures it once per
    process); the handler it adds is removed afterwards."""
    from gjz_registry import logs

    monkeypatch.setattr(logs, "_configured", False)
    monkeypatch.setattr(logs, "_path", None)
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


ENGINE_FOLDERS = ("services", "exchange", "reports", "acceptance")
_TESTS = Path(__file__).resolve().parent


def _runs_on_postgresql(metafunc):
    path = Path(str(metafunc.definition.fspath)).resolve()
    folder = path.relative_to(_TESTS).parts[0] if path.is_relative_to(_TESTS) else None
    return (
        folder in ENGINE_FOLDERS
        and metafunc.definition.get_closest_marker("sqlite_only") is None
        and "db_path" not in metafunc.fixturenames
    )


def pytest_generate_tests(metafunc):
    if "db_engine" in metafunc.fixturenames:
        engines = ["sqlite", "postgresql"] if _runs_on_postgresql(metafunc) else ["sqlite"]
        # module scope: a module's tests run engine by engine, and a module-scoped database
        # (module_db_target) can follow the engine
        metafunc.parametrize("db_engine", engines, scope="module")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Each module's tests engine by engine, so a module's shared database (module_db_target)
    is built once per engine: pytest's own grouping by the module-scoped ``db_engine`` breaks
    up when a test has parameters of its own."""
    first = {}
    for index, item in enumerate(items):
        first.setdefault(item.path, index)

    def key(pair):
        index, item = pair
        engine = getattr(item, "callspec", None) and item.callspec.params.get("db_engine")
        return first[item.path], engine == "postgresql", index

    items[:] = [item for _, item in sorted(enumerate(items), key=key)]


@pytest.fixture
def db_engine():
    """SQLite for a test that reaches the registry only through request.getfixturevalue
    (pytest_generate_tests parametrises the tests that name ``db_engine`` or a fixture using
    it; this default shadows nothing there)."""
    return "sqlite"


@pytest.fixture(scope="session")
def pg_cluster():
    """The run's PostgreSQL server with the migrated template (tests/pgserver.py)."""
    try:
        cluster, folder = pgserver.session_cluster()
    except (RuntimeError, ImportError) as exc:
        pgserver.unavailable(str(exc))
    yield cluster
    cluster.stop()
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "registry.db"


@pytest.fixture
def db_target(db_engine, request):
    """Where this test's registry lives: a SQLite file path, or a fresh PostgreSQL database's
    URL (dropped after the test)."""
    if db_engine == "sqlite":
        return request.getfixturevalue("db_path")
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="module")
def module_db_target(db_engine, request, tmp_path_factory):
    """A database a module's tests share on one engine (a demo database they only read, or
    copy with ``copy_db``): a SQLite file in its own folder, or a PostgreSQL database (a
    ServerDb: its URL, with a folder as ``parent``)."""
    folder = tmp_path_factory.mktemp("module-db")
    if db_engine == "sqlite":
        yield folder / "registry.db"
        return
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.new_database()
    yield pgserver.ServerDb(url, folder)
    cluster.drop(url)


@pytest.fixture
def copy_db(request, tmp_path):
    """``copy_db(source)``: a private copy of a closed database (SQLite file or PostgreSQL
    database), dropped or removed with the test's folder."""
    made = []

    def copy(source):
        if isinstance(source, str):
            cluster = request.getfixturevalue("pg_cluster")
            url = cluster.new_database(template=source.rsplit("/", 1)[1])
            made.append((cluster, url))
            return pgserver.ServerDb(url, tmp_path)
        target = tmp_path / f"copy-{len(made)}.db"
        made.append((None, target))
        old, new = sqlite3.connect(source), sqlite3.connect(target)
        try:
            old.backup(new)
        finally:
            old.close()
            new.close()
        return target

    yield copy
    for cluster, url in made:
        if cluster:
            cluster.drop(url)


@pytest.fixture
def pg_url(pg_cluster):
    """A fresh PostgreSQL database copied from the migrated template; dropped after the test."""
    url = pg_cluster.new_database()
    yield url
    pg_cluster.drop(url)


@pytest.fixture
def registry(db_target):
    reg = open_registry(db_target)
    admin = reg.as_local_admin("setup")
    admin.users.create("admin", PASSWORD, "admin", display_name="管理员")
    admin.users.create("dlw", PASSWORD, "street", street="大连湾街道")
    admin.users.create("ngl", PASSWORD, "street", street="南关岭街道")
    admin.users.create("viewer", PASSWORD, "viewer")
    yield reg
    reg.close()


@pytest.fixture
def admin(registry):
    return registry.login("admin", PASSWORD)


@pytest.fixture
def clerk(registry):
    """A street user of 大连湾街道."""
    return registry.login("dlw", PASSWORD)


@pytest.fixture
def other_clerk(registry):
    """A street user of 南关岭街道."""
    return registry.login("ngl", PASSWORD)


@pytest.fixture
def viewer(registry):
    return registry.login("viewer", PASSWORD)


def enterprise_data(n=1, **overrides):
    data = {
        "name": f"大连测试{n}号科技有限公司",
        "credit_code": make_code(n),
        "street": "大连湾街道",
        "industry": "人工智能及新一代信息技术",
        "founded_on": "2020-03-15",
        "contact_phone": "13912345678",
        "employees": 20,
        "rd_staff": 5,
    }
    data.update(overrides)
    return data
