"""``gjz db copy SOURCE TARGET`` and backups of a server database (issue 15, point 4).

A small registry with every kind of row — users with their password hashes, a street user,
an import batch, audit rows, a certificate and the secret that signs it, settings, the action
plan, demo enterprises with qualifications superseding each other and moved residencies — is
copied SQLite → SQLite, and SQLite → PostgreSQL → SQLite on a throw-away server; every table's
rows and checksum come back equal, the copies work (logins, certificate verification, new ids
after the copied ones), and a non-empty target is refused and left as it was.
"""

import datetime
import os
import shutil
import sqlite3

import pytest

from db import copying
from db.database import make_database
from gjz_registry import cli, demo, open_registry
from gjz_registry.dbcopy import shown
from tests.acceptance.test_cli import dump
from tests.exchange.importing import add_carrier, enterprise_rows
from tests.exchange.workbooks import write_openpyxl

PASSWORD = "copy-pass-1"


def make_registry(folder):
    """The source registry file; returns (path, certificate serial)."""
    path = folder / "street.db"
    registry = open_registry(path)
    try:
        db = registry.db
        demo.generate(db, 40, seed=3, today=datetime.date(2024, 11, 27))
        admin = registry.as_local_admin("setup")
        admin.users.create("admin", PASSWORD, "admin")
        admin.users.create("clerk", PASSWORD, "street", street="大连湾街道")
        add_carrier(admin)
        write_openpyxl(folder / "in.xlsx", enterprise_rows(3))
        assert admin.exchange.import_file(folder / "in.xlsx").created == 3
        (resident,) = db.execute_sql(
            "SELECT enterprise_id FROM residency WHERE left_on IS NULL LIMIT 1"
        ).fetchone()
        serial = admin.certificates.issue("incubation", enterprise_id=resident).serial
    finally:
        registry.close()
    return path, serial


def run(argv, capsys):
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def checksums(target):
    db = make_database(target)
    db.connect()
    try:
        return {
            t: (copying.count_rows(db, t), copying.table_checksum(db, t, copying.columns_of(db, t)))
            for t in copying.TABLES
        }
    finally:
        db.close()


def plain(sums):
    return {t: (rows, checksum.hexdigest) for t, (rows, checksum) in sums.items()}


def assert_copy_printed(out):
    lines = [line for line in out.splitlines() if line.split(" ")[0] in copying.TABLES]
    assert len(lines) == len(copying.TABLES), out
    assert all(line.rstrip().endswith("一致") and "不一致" not in line for line in lines), out


def assert_registry_works(target, serial):
    """Logins with the copied hashes, the certificate's verification with the copied
    secret, and a new row after the copied ids."""
    registry = open_registry(target)
    try:
        admin = registry.login("admin", PASSWORD)
        assert registry.login("clerk", PASSWORD).actor.street
        assert admin.certificates.verify(serial).status == "有效"
        before = registry.db.execute_sql("SELECT MAX(id) FROM carrier").fetchone()[0]
        assert add_carrier(admin, name="复制后新建的载体").id == before + 1
    finally:
        registry.close()


# --- SQLite → SQLite -----------------------------------------------------------------------
def test_copy_to_a_new_sqlite_file_gives_every_row_back(tmp_path, capsys):
    source, serial = make_registry(tmp_path)
    before = dump(source)
    target = tmp_path / "copy" / "副本.db"
    target.parent.mkdir()

    code, out, err = run(["db", "copy", str(source), str(target)], capsys)

    assert code == 0, err
    assert_copy_printed(out)
    assert plain(checksums(str(source))) == plain(checksums(str(target)))
    copied = dump(target)
    for table in copying.TABLES:
        assert copied[table] == before[table], table
    assert len(copied["user"]) == 2 and len(copied["certificate"]) == 1
    assert dump(source) == before  # the source is only read
    assert not [p for p in target.parent.iterdir() if p.name != "副本.db"]
    assert_registry_works(target, serial)
    # the search index of the copy is built
    registry = open_registry(target)
    try:
        name = registry.db.execute_sql("SELECT name FROM enterprise WHERE id = 7").fetchone()[0]
        assert 7 in [e.id for e in registry.as_local_admin().enterprises.search(name[-6:-4])]
    finally:
        registry.close()


def test_a_target_that_exists_or_is_the_source_is_refused(tmp_path, capsys):
    source, _ = make_registry(tmp_path)
    other = tmp_path / "other.db"
    shutil.copyfile(source, other)
    before = {p: p.read_bytes() for p in (source, other)}
    for target in (source, other, tmp_path / "sub" / ".." / "street.db"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        code, out, err = run(["db", "copy", str(source), str(target)], capsys)
        assert code == 2 and err.startswith("不能写入") and "内部错误" not in err, err
    code, out, err = run(["db", "copy", str(tmp_path / "无.db"), str(tmp_path / "x.db")], capsys)
    assert code == 2 and "不存在" in err
    assert {p: p.read_bytes() for p in (source, other)} == before
    assert not (tmp_path / "x.db").exists()


def test_a_password_in_a_url_is_masked():
    assert shown("postgresql://gjz:s3cret@db.local:5432/gjz") == (
        "postgresql://gjz:***@db.local:5432/gjz"
    )
    assert shown("postgresql://gjz@db.local/gjz") == "postgresql://gjz@db.local/gjz"
    assert shown("C:/数据/registry.db") == "C:/数据/registry.db"


# --- PostgreSQL ----------------------------------------------------------------------------
@pytest.fixture
def server(pg_cluster):
    """new(name) → the URL of a new, empty database on the run's throw-away PostgreSQL
    server (tests/pgserver.py); dropped after the test."""
    made = []

    def new(name):
        url = pg_cluster.url(f"{name}_{os.getpid()}")
        pg_cluster.admin(f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')
        made.append(url)
        return url

    yield new
    for url in made:
        pg_cluster.drop(url)


def test_sqlite_to_postgresql_and_back_gives_equal_checksums(server, tmp_path, capsys):
    source, serial = make_registry(tmp_path)
    url = server("copy_round_trip")
    with_password = url.replace("postgres@", "postgres:geheim@")

    code, out, err = run(["db", "copy", str(source), with_password], capsys)

    assert code == 0, err
    assert_copy_printed(out)
    assert "geheim" not in out + err and "postgres:***@" in out
    original = plain(checksums(str(source)))
    assert plain(checksums(url)) == original

    back = tmp_path / "back.db"
    code, out, err = run(["db", "copy", url, str(back)], capsys)
    assert code == 0, err
    assert_copy_printed(out)
    assert plain(checksums(str(back))) == original
    assert dump(back) == dump(source) | {
        t: rows for t, rows in dump(back).items() if t not in copying.TABLES
    }
    assert_registry_works(back, serial)
    assert_registry_works(url, serial)  # adds a carrier on the server: sequences continue


def test_a_server_database_that_is_not_empty_is_refused(server, tmp_path, capsys):
    source, _ = make_registry(tmp_path)
    url = server("copy_not_empty")
    assert run(["db", "copy", str(source), url], capsys)[0] == 0
    before = plain(checksums(url))

    code, out, err = run(["db", "copy", str(source), url], capsys)

    assert code == 2 and "不是空库" in err and "内部错误" not in err, err
    assert plain(checksums(url)) == before
    # a database the migrations alone have written (gjz init without its administrator)
    fresh = server("copy_migrated")
    open_registry(fresh).close()
    assert run(["db", "copy", str(source), fresh], capsys)[0] == 0


def test_backup_and_restore_of_a_server_database_point_to_pg_dump_and_db_copy(
    server, tmp_path, capsys
):
    url = server("copy_backup").replace("postgres@", "postgres:geheim@")
    open_registry(url).close()
    backup_file = tmp_path / "x.db"
    sqlite3.connect(backup_file).close()
    for argv in (["backup"], ["restore", str(backup_file)]):
        code, out, err = run(["--db-url", url, *argv], capsys)
        assert code == 2, err
        assert "服务器数据库" in err and "pg_dump" in err and "gjz db copy" in err, err
        assert "geheim" not in err and "内部错误" not in err
