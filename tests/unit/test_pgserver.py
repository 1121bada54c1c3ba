"""The test run's PostgreSQL (tests/pgserver.py, tests/conftest.py): a missing server is a
failure under GJZ_REQUIRE_PG=1 (scripts/test.sh sets it) and a skip with its reason without;
a server left running by a killed run is stopped and removed by the next; the engine-dependent
tests are parametrised over both engines, the inherently-SQLite ones not.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests import conftest, pgserver


def test_a_missing_server_fails_when_required_and_skips_with_a_reason_otherwise(monkeypatch):
    monkeypatch.setenv("GJZ_REQUIRE_PG", "1")
    with pytest.raises(pytest.fail.Exception, match="GJZ_REQUIRE_PG=1 but no initdb"):
        pgserver.unavailable("no initdb")
    monkeypatch.delenv("GJZ_REQUIRE_PG")
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL: no initdb"):
        pgserver.unavailable("no initdb")


class Definition:
    def __init__(self, path, marker=None):
        self.fspath = path
        self._marker = marker

    def get_closest_marker(self, name):
        return self._marker if name == "sqlite_only" else None


class Metafunc:
    def __init__(self, path, fixturenames, marker=None):
        self.definition = Definition(path, marker)
        self.fixturenames = fixturenames
        self.chosen = None

    def parametrize(self, name, values, scope=None):
        self.chosen = (name, values)


TESTS = Path(conftest.__file__).parent


@pytest.mark.parametrize(
    "where, names, marker, engines",
    [
        (
            "services/test_x.py",
            ["registry", "db_target", "db_engine"],
            None,
            ["sqlite", "postgresql"],
        ),
        ("exchange/test_x.py", ["admin", "db_target", "db_engine"], None, ["sqlite", "postgresql"]),
        (
            "reports/test_x.py",
            ["registry", "db_target", "db_engine"],
            None,
            ["sqlite", "postgresql"],
        ),
        ("acceptance/test_x.py", ["db", "db_target", "db_engine"], None, ["sqlite", "postgresql"]),
        ("services/test_x.py", ["registry", "db_target", "db_engine"], "mark", ["sqlite"]),
        ("services/test_x.py", ["db_path", "registry", "db_target", "db_engine"], None, ["sqlite"]),
        ("ui/test_x.py", ["registry", "db_target", "db_engine"], None, ["sqlite"]),
    ],
)
def test_which_tests_run_on_both_engines(where, names, marker, engines):
    metafunc = Metafunc(TESTS / where, names, marker)
    conftest.pytest_generate_tests(metafunc)
    assert metafunc.chosen == ("db_engine", engines)


def test_a_server_that_does_not_answer_is_unavailable_not_an_error(monkeypatch):
    """GJZ_TEST_PG_URL naming a server that is down: the reason pg_cluster hands to
    unavailable() (a failure under GJZ_REQUIRE_PG=1), not a traceback."""
    pytest.importorskip("psycopg")
    port = pgserver._free_port()  # nobody listens there
    monkeypatch.setenv("GJZ_TEST_PG_URL", f"postgresql://postgres@127.0.0.1:{port}")
    with pytest.raises(RuntimeError, match=f"cannot reach the server .*:{port}"):
        pgserver.session_cluster()


def test_a_killed_runs_server_is_stopped_and_removed_a_live_runs_kept():
    """A run killed before it stopped its server (SIGKILL, a CI timeout): the next run's
    reap_leftovers stops that server and removes its folder; the folder of a run still going,
    and a folder without an owner, are left alone."""
    psycopg = pytest.importorskip("psycopg")
    if pgserver._bindir() is None:
        pgserver.unavailable("no PostgreSQL server programs (initdb) on this machine")
    parent = tempfile.mkdtemp(prefix="gjz-reap-")
    os.chmod(parent, 0o755)  # the server's own user (postgres, under root) must get in
    over = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()  # fmt: skip
    folders = {}
    for name, owner in (("killed", over), ("running", str(os.getpid())), ("unknown", None)):
        folders[name] = os.path.join(parent, pgserver.PREFIX + name)
        os.mkdir(folders[name])
        if owner:
            Path(folders[name], pgserver.OWNER_FILE).write_text(owner, encoding="ascii")
    leftover = pgserver.start(folders["killed"])
    try:
        with psycopg.connect(leftover.url("postgres")):
            pass  # running, as a killed run leaves it
        assert pgserver.reap_leftovers(parent) == [folders["killed"]]
        assert not os.path.exists(folders["killed"])
        assert os.path.isdir(folders["running"]) and os.path.isdir(folders["unknown"])
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(leftover.url("postgres"), connect_timeout=5)
    finally:
        leftover.stop()
        shutil.rmtree(parent, ignore_errors=True)
