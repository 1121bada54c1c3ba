"""`gjz backup` and `gjz restore` as a user runs them: the restore permission matrix (each
role, with and without --user, wrong password, unknown user) on a healthy, a damaged, an
unreadable and a newer database; backups per database; foreign backups refused.

The matrix calls the command line's entry point in this process (the same parsing, dispatch
and error handling as a real run, without a new interpreter per case); the issue's own
reproduction runs as a real process.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db import backup
from gjz_registry import open_registry
from gjz_registry.cli import main
from tests.conftest import PASSWORD, enterprise_data, make_code
from tests.damage import break_header, damage_table

# File backups and restoring a database file: SQLite only.
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]

OK, REFUSED = 0, 2
# who runs the command: (arguments before the command, exit code on a usable database)
ACTORS = {
    "admin": (["--user", "admin"], PASSWORD, OK),
    "street clerk": (["--user", "dlw"], PASSWORD, REFUSED),
    "viewer": (["--user", "viewer"], PASSWORD, REFUSED),
    "admin, wrong password": (["--user", "admin"], "wrong-pass-1", REFUSED),
    "unknown user": (["--user", "nobody"], "wrong-pass-1", REFUSED),
    "no --user (local administrator)": ([], None, OK),
}
# the state of the database → how a successful restore reports (opened and restored in
# place, or replaced as a file that cannot be opened)
STATES = {
    "healthy": "恢复前的数据库已另存为",
    "damaged pages (opens)": "恢复前的数据库已另存为",
    "damaged version index (cannot open)": "替换损坏的数据库",
    "no longer a database": "替换损坏的数据库",
    "newer program's database": None,
}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A database with every role and enterprises 1 and 2, and a backup holding only 1."""
    folder = tmp_path_factory.mktemp("restore")
    path = folder / "template.db"
    reg = open_registry(path)
    admin = reg.as_local_admin("setup")
    admin.users.create("admin", PASSWORD, "admin")
    admin.users.create("dlw", PASSWORD, "street", street="大连湾街道")
    admin.users.create("viewer", PASSWORD, "viewer")
    admin.enterprises.create(enterprise_data(1))
    snapshot = admin.maintenance.backup(str(folder / "bk"))
    admin.enterprises.create(enterprise_data(2))
    reg.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    reg.close()
    return path, snapshot


def codes(path):
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT credit_code FROM enterprise ORDER BY id")]
    finally:
        con.close()


def prepare(template, tmp_path, state):
    path = tmp_path / "live.db"
    shutil.copy(template[0], path)
    if state == "damaged pages (opens)":
        damage_table(path, "enterprise")
    elif state == "damaged version index (cannot open)":
        damage_table(path, "schemamigration_version")  # read on opening; the users are not
    elif state == "no longer a database":
        break_header(path)
    elif state == "newer program's database":
        con = sqlite3.connect(path)
        con.execute(
            "INSERT INTO schema_migration (version, name, applied_at) VALUES (999, 'x', '')"
        )
        con.commit()
        con.close()
    return path


def run(tmp_path, path, actor, *command):
    before, password, _ = ACTORS[actor]
    args = ["--db", str(path), *before]
    if password is not None:
        pw = tmp_path / "pw.txt"
        pw.write_text(password + "\n", encoding="utf-8")
        args += ["--password-file", str(pw)]
    return main(args + [str(c) for c in command])


def safety_copies(data_dir):
    """The copies a restore keeps of the database it replaces."""
    folder = data_dir / "backups"
    found = os.listdir(folder) if folder.is_dir() else []
    return [name for name in found if "before-restore" in name or "damaged" in name]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("actor", sorted(ACTORS))
def test_restore_matrix(template, tmp_path, _data_dir, capsys, state, actor):
    path = prepare(template, tmp_path, state)
    # the unreadable database's id is nowhere to be found: --force is needed for everyone,
    # so that what decides is who may restore
    force = ["--force"] if state == "no longer a database" else []
    code = run(tmp_path, path, actor, "restore", template[1], *force)
    out, err = capsys.readouterr()
    expected = ACTORS[actor][2] if state != "newer program's database" else REFUSED
    assert code == expected, err
    if expected == OK:
        assert STATES[state] in out
        assert codes(path) == [make_code(1)]  # the backup's content
        assert backup.integrity_errors(path) == []
        assert safety_copies(_data_dir)  # the database as it was is kept
        return
    assert "Traceback" not in err and "内部错误" not in err
    assert safety_copies(_data_dir) == []  # not replaced, not even begun
    if state in ("healthy", "newer program's database"):
        assert codes(path) == [make_code(1), make_code(2)]
    else:
        assert backup.integrity_errors(path) != []  # still the damaged file, not the backup
    if state == "newer program's database":
        assert "更新版本" in err
    elif actor in ("street clerk", "viewer"):
        assert "管理员" in err


def test_restore_with_wrong_password_on_a_damaged_database_is_refused(template, tmp_path):
    """The issue's reproduction, as a real process: `--user nobody` with a wrong password on a
    database that cannot be opened must not replace it."""
    path = prepare(template, tmp_path, "damaged version index (cannot open)")
    damaged = path.read_bytes()
    pw = tmp_path / "pw.txt"
    pw.write_text("wrong-pass-1\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(path), "--user", "nobody"]
        + ["--password-file", str(pw), "restore", str(template[1])],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ),
        timeout=120,
    )
    assert result.returncode == 2 and "用户名或密码错误" in result.stderr, result.stderr
    assert path.read_bytes() == damaged


def test_restore_onto_an_unreadable_database_of_unknown_id_needs_force(
    template, tmp_path, _data_dir, capsys
):
    path = prepare(template, tmp_path, "no longer a database")
    code = run(tmp_path, path, "admin", "restore", template[1])
    err = capsys.readouterr().err
    assert code == REFUSED and "无法读出数据库" in err and "--force" in err
    assert safety_copies(_data_dir) == [] and backup.integrity_errors(path) != []


def test_backups_of_two_databases_in_one_folder(tmp_path, _data_dir, capsys):
    """Manual backups, two in the same second, of two databases in one data folder: all
    kept; restoring one database's backup into the other is refused unless --force."""
    made = {}
    for stem, n in (("a", 1), ("b", 2)):
        path = tmp_path / f"{stem}.db"
        reg = open_registry(path)
        reg.as_local_admin().enterprises.create(enterprise_data(n))
        reg.close()
        for _ in range(2):
            assert main(["--db", str(path), "backup"]) == OK
        made[stem] = [line.split("：", 1)[1] for line in capsys.readouterr().out.splitlines()]
    everything = made["a"] + made["b"]
    assert len(set(everything)) == 4 and all(os.path.exists(p) for p in everything)
    assert codes(made["b"][1]) == [make_code(2)]

    assert main(["--db", str(tmp_path / "a.db"), "restore", made["b"][1]]) == REFUSED
    err = capsys.readouterr().err
    assert "属于另一个数据库" in err and "--force" in err
    assert codes(tmp_path / "a.db") == [make_code(1)]
    assert main(["--db", str(tmp_path / "a.db"), "restore", made["b"][1], "--force"]) == OK
    captured = capsys.readouterr()
    assert captured.err.startswith("警告：") and "属于另一个数据库" in captured.err
    assert codes(tmp_path / "a.db") == [make_code(2)]
    assert main(["--db", str(tmp_path / "a.db"), "restore", made["a"][0]]) == OK  # its own
    assert codes(tmp_path / "a.db") == [make_code(1)]
