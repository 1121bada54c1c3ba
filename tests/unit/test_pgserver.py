"""The test run's PostgreSQL (tests/pgserver.py, tests/conftest.py): a missing server is a
failure under GJZ_REQUIRE_PG=1 (scripts/test.sh sets it) and a skip with its reason without;
the engine-dependent tests are parametrised over both engines, the inherently-SQLite ones not.
"""

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
