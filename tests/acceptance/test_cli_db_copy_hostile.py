"""``gjz db copy`` of a database with hostile content (gjz_registry/dbcopy.py).

A SQLite file can hold what PostgreSQL refuses: a NUL character in a text, a text longer than
the column allows, a text in a number column of a hand-edited file.  Copying it to a server
used to end as 「内部错误」; it is one Chinese line naming the table and the server's reason,
the copy is rolled back and the same target takes the corrected source.  And the verification
compares content: a value changed on its way into the target (on either engine) is reported
as a difference and a SQLite target is not kept.
"""

import datetime
import sqlite3

import pytest

from db import copying
from gjz_registry import cli, demo, open_registry


def make_source(folder):
    path = folder / "街道 源库.db"
    registry = open_registry(path)
    try:
        demo.generate(registry.db, 10, seed=3, today=datetime.date(2024, 11, 27))
    finally:
        registry.close()
    return path


def run(argv, capsys):
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def server_rows(url, table):
    from db.database import make_database

    db = make_database(url)
    db.connect()
    try:
        return copying.count_rows(db, table)
    finally:
        db.close()


@pytest.mark.parametrize(
    "column, value, reason",
    [
        ("name", "大连\x00科技有限公司", "NUL"),
        ("name", "大连" + "长" * 300 + "有限公司", "too long"),
        ("employees", "很多", "integer"),
    ],
)
def test_a_value_the_server_refuses_is_one_line_naming_the_table(
    tmp_path, pg_url, capsys, column, value, reason
):
    source = make_source(tmp_path)
    with sqlite3.connect(source) as con:
        original = con.execute(f"SELECT {column} FROM enterprise WHERE id = 3").fetchone()[0]
        con.execute(f"UPDATE enterprise SET {column} = ? WHERE id = 3", (value,))
    con.close()

    code, out, err = run(["db", "copy", str(source), pg_url], capsys)

    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and "内部错误" not in err, err
    assert "「enterprise」" in err and reason in err and "复制已撤销" in err, err
    assert server_rows(pg_url, "enterprise") == 0  # rolled back
    with sqlite3.connect(source) as con:
        con.execute(f"UPDATE enterprise SET {column} = ? WHERE id = 3", (original,))
    con.close()
    code, out, err = run(["db", "copy", str(source), pg_url], capsys)
    assert code == 0, err  # the same target, still empty, takes the corrected source
    assert server_rows(pg_url, "enterprise") == 10


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_value_changed_on_its_way_is_reported(tmp_path, capsys, monkeypatch, engine, request):
    """Break one value in the target: the per-table checksums find it."""
    source = make_source(tmp_path)
    target = request.getfixturevalue("pg_url") if engine == "postgresql" else tmp_path / "副本.db"
    converted = copying._to_target

    def one_value_broken(value, kind, sqlite):
        value = converted(value, kind, sqlite)
        if value == "大连湾街道":
            return "大连湾街道 "  # an invisible difference
        return value

    monkeypatch.setattr(copying, "_to_target", one_value_broken)
    code, out, err = run(["db", "copy", str(source), str(target)], capsys)
    assert code == 2 and "核对不一致" in err and "「street」" in err, err
    assert len(err.strip().splitlines()) == 1
    if engine == "sqlite":
        assert not target.exists()


@pytest.mark.sqlite_only  # damaged files
def test_a_damaged_or_foreign_source_is_named_in_chinese(tmp_path, capsys):
    """Was 「数据库已损坏：请用 gjz restore…」 without saying which of the two databases, or
    the driver's English 「file is not a database」."""
    from tests.damage import damage_table

    damaged = make_source(tmp_path)
    damage_table(damaged, "enterprise")
    junk = tmp_path / "不是 数据库.db"
    junk.write_bytes(b"this is no database at all" * 200)
    for source, detail in (
        (damaged, "已损坏（读取表「enterprise」时发现）"),
        (junk, "不是 SQLite"),
    ):
        target = tmp_path / "副本.db"
        code, out, err = run(["db", "copy", str(source), str(target)], capsys)
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        assert f"「{source}」" in err and detail in err and "check" in err, err
        assert "file is not a database" not in err
        assert not target.exists()


@pytest.mark.sqlite_only  # files
def test_an_existing_file_of_any_kind_is_never_the_target(tmp_path, capsys):
    """A document named as the target by mistake was replaced by the copy."""
    source = make_source(tmp_path)
    document = tmp_path / "重要 文档.txt"
    document.write_text("不能丢的内容\n", encoding="utf-8")
    empty = tmp_path / "空.db"
    empty.write_bytes(b"")
    for target in (document, empty):
        before = target.read_bytes()
        code, out, err = run(["db", "copy", str(source), str(target)], capsys)
        assert code == 2 and "已存在" in err and len(err.strip().splitlines()) == 1, err
        assert target.read_bytes() == before
    files = sorted(p.name for p in tmp_path.iterdir() if p.name != "data")  # data: conftest
    assert files == sorted([source.name, document.name, empty.name])


def test_a_server_target_with_a_newer_programs_schema_is_one_line(tmp_path, pg_url, capsys):
    """An empty server database a newer program has migrated: was 「内部错误」."""
    import psycopg

    source = make_source(tmp_path)
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute(
            "INSERT INTO schema_migration (version, name, applied_at) VALUES (999, 'x', now())"
        )
    code, out, err = run(["db", "copy", str(source), pg_url], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "更新版本" in err and "999" in err and "内部错误" not in err, err
    assert server_rows(pg_url, "enterprise") == 0
