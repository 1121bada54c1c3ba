"""The migration runner turns foreign keys off outside the transaction of a step that rebuilds
a table (db/migrations/__init__.py), and refuses a step that leaves a broken reference."""

import sys
import types

import pytest

from db import migrations
from db.database import open_database

PARENT = "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT {extra})"


def step(name, up, rebuilds=False):
    module = types.ModuleType(f"{migrations.__name__}.{name}")
    module.up = up
    if rebuilds:
        module.REBUILDS_TABLES = True
    return module


def creating(keeper):
    """Parent rows, children that cascade on delete and (``keeper``) rows that refuse it."""

    def create(db, is_sqlite):
        db.execute_sql(PARENT.format(extra=""))
        db.execute_sql(
            "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL"
            " REFERENCES parent (id) ON DELETE CASCADE)"
        )
        db.execute_sql("INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b')")
        db.execute_sql("INSERT INTO child (parent_id) VALUES (1), (2)")
        if keeper:
            db.execute_sql(
                "CREATE TABLE keeper (id INTEGER PRIMARY KEY,"
                " parent_id INTEGER REFERENCES parent (id))"
            )
            db.execute_sql("INSERT INTO keeper (parent_id) VALUES (2)")

    return create


create = creating(keeper=True)


def rebuild(keep="1, 2"):
    """The 12-step way to give ``parent`` a new column: new table, copy, drop, rename."""

    def up(db, is_sqlite):
        db.execute_sql(PARENT.replace("parent", "new_parent").format(extra=", note TEXT"))
        db.execute_sql(
            f"INSERT INTO new_parent (id, name) SELECT id, name FROM parent WHERE id IN ({keep})"
        )
        db.execute_sql("DROP TABLE parent")
        db.execute_sql("ALTER TABLE new_parent RENAME TO parent")

    return up


@pytest.fixture
def run(tmp_path, monkeypatch):
    """migrate() over the given steps only (numbered 1, 2, …) on a fresh SQLite file."""
    db = open_database(tmp_path / "steps.db")

    def run_steps(*modules):
        names = [(n, m.__name__.rsplit(".", 1)[1]) for n, m in enumerate(modules, 1)]
        for module in modules:
            monkeypatch.setitem(sys.modules, module.__name__, module)
        monkeypatch.setattr(migrations, "available", lambda: names)
        return migrations.migrate(db, True)

    yield db, run_steps
    db.close()


@pytest.mark.parametrize("keeper", [True, False], ids=["restricting", "cascading"])
def test_rebuilding_a_referenced_table_neither_cascades_nor_fails(run, keeper):
    """With foreign keys on, DROP TABLE parent would fail on the keeper's row, or (without
    it) delete every child through the cascade."""
    db, run_steps = run
    steps = step("t1_create", creating(keeper)), step("t2_rebuild", rebuild(), True)
    assert run_steps(*steps) == [1, 2]
    assert db.execute_sql("SELECT count(*) FROM child").fetchone() == (2,)
    assert "note" in {r[1] for r in db.execute_sql("PRAGMA table_info(parent)")}
    assert db.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)


def test_a_broken_reference_left_by_a_step_is_found_and_rolled_back(run):
    db, run_steps = run
    run_steps(step("t1_create", create))
    with pytest.raises(migrations.ForeignKeyViolation) as info:
        run_steps(step("t1_create", create), step("t2_lossy", rebuild(keep="1"), True))
    assert {row[0] for row in info.value.rows} == {"child", "keeper"}
    assert "note" not in {r[1] for r in db.execute_sql("PRAGMA table_info(parent)")}
    assert db.execute_sql("SELECT count(*) FROM parent").fetchone() == (2,)
    assert migrations.applied_versions(db) == {1}
    assert db.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)


def test_a_step_that_does_not_declare_a_rebuild_keeps_foreign_keys_on(run):
    db, run_steps = run
    seen = []

    def look(db, is_sqlite):
        seen.append(db.execute_sql("PRAGMA foreign_keys").fetchone()[0])

    run_steps(step("t1_look", look))
    assert seen == [1]


def test_the_note_on_the_missing_0005():
    assert 5 not in [v for v, _ in migrations.available()]
    assert "There is no 0005" in migrations.__doc__
