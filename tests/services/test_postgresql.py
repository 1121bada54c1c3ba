"""What only a PostgreSQL server database has to show (db/engines/postgresql.py).

The rest of the program is tested on PostgreSQL by the engine-parametrised fixtures
(tests/conftest.py); here: the engine's own search indexes are used by the search's queries,
a lock wait ends with the same Chinese message as on SQLite, many clients keep the optimistic
versions, and a password never shows in what is printed, logged or audited.
"""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from db import database, engines
from db.engines.postgresql import PASSWORD_FILE_VARIABLE
from gjz_registry import ConflictError, demo, open_registry
from gjz_registry.dberrors import busy_message, classify
from gjz_registry.services import search
from tests.conftest import enterprise_data

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def url(pg_url):
    return pg_url


@pytest.fixture
def pg_admin(url):
    registry = open_registry(url)
    yield registry.as_local_admin("test")
    registry.close()


def gjz(*args, env=None):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, **(env or {})),
        timeout=300,
    )


def plan(db, sql, args):
    """The plan PostgreSQL makes for ``sql`` when a table scan is made as dear as possible:
    it names an index only when an index can answer the query."""
    sql = sql.replace("?", "%s")
    with db.atomic():
        db.execute_sql("SET LOCAL enable_seqscan = off")
        # nor reading a whole covering B-tree (the list's (name_pinyin, id)) instead of a table
        db.execute_sql("SET LOCAL enable_indexonlyscan = off")
        return "\n".join(r[0] for r in db.execute_sql("EXPLAIN " + sql, args).fetchall())


@pytest.mark.parametrize(
    "text, index",
    [
        ("光谷量子", "enterprise_name_trgm"),  # a name fragment: pg_trgm GIN
        ("guanggu", "enterprise_name_pinyin_trgm"),  # pinyin inside the name
        ("gglz", "enterprise_name_initials_trgm"),  # initials inside
    ],
)
def test_substrings_are_answered_by_trigram_indexes(pg_admin, text, index):
    db = pg_admin.db
    # a rare text among many names (on an empty table reading a B-tree whole costs nothing;
    # a text in most names is found sooner walking the ids in order)
    demo.generate(db, 300, seed=1)
    pg_admin.enterprises.create(enterprise_data(1, name="大连光谷量子有限公司"))
    db.execute_sql("ANALYZE enterprise")
    compact = text
    is_latin = text.isascii()
    tiers = engines.of(db).substring_tiers(text, compact, is_latin, list(text))
    # the condition alone: with ORDER BY id, walking the ids is cheaper at 300 rows
    conditions = [sql.replace("{scope}", "").replace(" ORDER BY e.id", "") for sql, _ in tiers]
    plans = [plan(db, sql, args) for sql, (_, args) in zip(conditions, tiers, strict=True)]
    assert any(index in p for p in plans), plans


@pytest.mark.parametrize("column", ["name", "name_pinyin", "name_initials", "credit_code"])
def test_prefixes_are_answered_by_pattern_ops_btrees(pg_admin, column):
    db = pg_admin.db
    engine = engines.of(db)
    sql = (
        f"SELECT id FROM enterprise WHERE {engine.prefix_where(column)}"
        f" ORDER BY {engine.index_order(column)} LIMIT 50"
    )
    assert f"enterprise_{column}_prefix" in plan(db, sql, ["dl", "dl\U0010ffff"])


def test_search_finds_each_kind_of_key(pg_admin):
    first = pg_admin.enterprises.create(enterprise_data(1, name="大连光谷科技有限公司"))
    pg_admin.enterprises.create(enterprise_data(2, name="大连海湾生物有限公司"))
    db = pg_admin.db
    for text in ("光谷", "谷科", "dlgg", "guanggu", "ggkj", first.credit_code[:10], "Guang Gu"):
        assert search.find_ids(db, text)[:1] == [first.id], text
    assert search.find_ids(db, "50%_") == []  # LIKE's wildcards are text, not wildcards


def test_a_lock_wait_ends_with_the_same_message_as_on_sqlite(url, pg_admin, monkeypatch):
    """Another client holds the table; a command waits lock_timeout, then says 数据库正忙."""
    pg_admin.enterprises.create(enterprise_data(1))
    holder = psycopg.connect(url)
    try:
        holder.execute("LOCK TABLE enterprise IN ACCESS EXCLUSIVE MODE")
        result = gjz("--db-url", url, "search", "大连", env={"GJZ_BUSY_TIMEOUT_MS": "300"})
        assert result.returncode == 2
        assert result.stderr.strip() == busy_message()
        monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
        waiting = open_registry(url).as_local_admin("test")
        with pytest.raises(Exception) as caught:
            waiting.enterprises.search("大连")
        assert str(classify(caught.value, url)) == busy_message()
        waiting.db.close()
    finally:
        holder.close()


def test_two_clients_saving_the_same_version_one_wins(url, pg_admin):
    """Optimistic versions across connections: the second save of version 1 is refused,
    whether it reads the row before the first commits or after."""
    record = pg_admin.enterprises.create(enterprise_data(1))
    other = open_registry(url).as_local_admin("other")  # its own connection
    other.enterprises.update(record.id, {"employees": 30}, record.version)
    with pytest.raises(ConflictError):
        pg_admin.enterprises.update(record.id, {"employees": 40}, record.version)
    assert pg_admin.enterprises.get(record.id).employees == 30
    other.db.close()


def test_a_password_in_the_url_is_never_shown(url, tmp_path):
    secret = "Pg-Secret-815"
    with_password = url.replace("postgres@", f"postgres:{secret}@")  # trust accepts any
    admin_pw = tmp_path / "admin.txt"
    admin_pw.write_text("admin-pass-1\n", encoding="utf-8")
    data = tmp_path / "data"
    env = {"GJZ_DATA_DIR": str(data)}
    made = gjz("--db-url", with_password, "init", "--password-file", admin_pw, env=env)
    assert made.returncode == 0, made.stderr
    assert "已创建数据库" in made.stdout and "postgres:***@" in made.stdout
    missing = with_password.rsplit("/", 1)[0] + "/no_such_database"
    failed = gjz("--db-url", missing, "search", "x", env=env)
    assert failed.returncode == 2 and "postgres:***@" in failed.stderr
    broken = gjz("--db-url", with_password, "report", "no-such-report", env=env)
    written = [made.stdout, made.stderr, failed.stdout, failed.stderr, broken.stderr]
    written += [p.read_text(encoding="utf-8") for p in data.rglob("*.log")]
    with psycopg.connect(url) as conn:
        written += [str(row) for row in conn.execute("SELECT * FROM audit_log")]
    assert not any(secret in text for text in written)


def test_the_password_comes_from_a_password_file(tmp_path, monkeypatch):
    target = "postgresql://clerk@db.example:5432/gjz"
    secret = tmp_path / "db-password.txt"
    secret.write_text("from-the-file\n", encoding="utf-8")
    assert database.make_database(target, secret).connect_params["password"] == "from-the-file"
    monkeypatch.setenv(PASSWORD_FILE_VARIABLE, str(secret))
    assert database.make_database(target).connect_params["password"] == "from-the-file"
    monkeypatch.delenv(PASSWORD_FILE_VARIABLE)
    assert database.make_database(target).connect_params["password"] is None  # PGPASSFILE


def test_masking_is_one_function_for_every_form():
    assert engines.shown("postgresql://u:p%40ss@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert engines.shown("postgresql://u@h/db") == "postgresql://u@h/db"
    assert engines.shown("/data/registry.db") == "/data/registry.db"


def test_records_created_after_a_bulk_load_get_ids_of_their_own(pg_admin, tmp_path):
    """Imports and demo data write explicit ids; the id sequences move past them, so the next
    record created one at a time does not collide with a loaded one."""
    from tests.exchange import workbooks as W
    from tests.exchange.importing import add_carrier, plain_rows

    add_carrier(pg_admin)
    source = W.write_openpyxl(tmp_path / "in.xlsx", plain_rows(3))
    assert pg_admin.exchange.import_file(source).created == 3
    created = pg_admin.enterprises.create(enterprise_data(900))
    assert created.id == 4


def test_records_created_after_the_demo_data_get_ids_of_their_own(pg_admin):
    summary, _ = pg_admin.demo.fill(40, seed=2)
    created = pg_admin.enterprises.create(enterprise_data(900, name="大连演示之后科技有限公司"))
    assert created.id == summary.enterprises + 1
    carrier = pg_admin.carriers.create({"name": "演示之后孵化器", "kind": "孵化器"})
    assert carrier.id == pg_admin.db.execute_sql("SELECT MAX(id) FROM carrier").fetchone()[0]
