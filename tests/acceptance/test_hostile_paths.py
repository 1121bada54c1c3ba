"""No command writes its output onto the database, its companion files, a backup or another
SQLite file (issue 13, point 1), however the path is spelled.

The writing commands are found by walking the command line's own parser: every argument that
names a file or a folder is either an input (listed here) or an output, and every output has
invocations here (one per export and report kind, which are read from the program too), so a
new command cannot write a file without meeting this test.  Each invocation is run against
each hostile target — the database given absolutely, relatively, through ``..`` and through a
symlink, its -wal/-shm/-journal files, a backup and a new file in the backup folder, another
SQLite file, a 300-character name — as the local administrator and as a viewer; every one is
refused with the guard's message (exit 2) and every file is byte-identical afterwards.  A
control run of each invocation to an ordinary file shows that it really writes there.

The matrix runs ``gjz_registry.cli.main`` in this process (a subprocess each would take
minutes); the issue's own reproductions run as real processes through main.py.
"""

import argparse
import shutil
from pathlib import Path

import pytest

from gjz_registry import cli, cli_exchange, open_registry
from gjz_registry.exchange.exporter import EXPORTS
from gjz_registry.exchange.template import TEMPLATES
from tests.acceptance.test_cli import gjz
from tests.exchange.importing import COLUMN, add_carrier, content, enterprise_rows
from tests.exchange.workbooks import write_openpyxl

# Outputs onto the database file, its -wal/-shm and backup files: SQLite only.
pytestmark = pytest.mark.sqlite_only

PASSWORD = "hostile-pass-1"
DB = "registry.db"
GUARD_WORDS = ("不能写入", "无法写入")  # gjz_registry.outputs: refusals and unusable paths

# Every argument naming a file or a folder: (command words, dest) → what it is.
INPUTS = {
    ((), "db"),
    ((), "db_url"),
    ((), "password_file"),
    ((), "db_password_file"),
    (("init",), "password_file"),
    (("import",), "target"),
    (("restore",), "file"),
    (("plan", "import"), "file"),
    (("review", "indicators", "import"), "file"),
    (("db", "copy"), "source"),
    (("certificate", "template"), "set"),
    (("user", "add"), "new_password_file"),
    (("user", "passwd"), "new_password_file"),
    (("user", "passwd"), "old_password_file"),
}
OUTPUTS = {
    (("export",), "output"),
    (("import",), "errors"),
    (("report",), "output"),
    (("certificate", "issue"), "output"),
    (("certificate", "reprint"), "output"),
    (("plan", "export"), "output"),
    (("review", "indicators", "export"), "output"),
    (("review", "scores"), "output"),
    (("db", "copy"), "target"),  # a new SQLite file (or a server database)
}
FOLDERS = {(("backup",), "folder")}
PATH_WORDS = ("file", "output", "errors", "folder", "dir", "path", "db", "target", "out")

# Hostile targets, relative to the work folder (the working directory of every run).
TARGETS = {
    "database": None,  # the absolute path of the database (filled in per test)
    "relative": DB,
    "dotdot": f"sub/../{DB}",
    "symlink": "link.db",
    "wal": f"{DB}-wal",
    "shm": f"{DB}-shm",
    "journal": f"{DB}-journal",
    "backup": "BACKUP",  # an existing backup (filled in per test)
    "in-backups": "BACKUPS/清单.pdf",  # a new file in the backup folder
    "other-sqlite": "other.db",
    "too-long": "名" * 300 + ".pdf",  # issue 13, point 10: a name the system cannot take
    "log": None,  # the program's own log (filled in per test): overwritten, the errors went
    "old-log": None,  # a rotated copy of it
}


def path_arguments():
    """{(command words, dest)} of every argument whose name or metavar says file/folder."""
    found = set()

    def walk(parser, words):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, words + (name,))
                continue
            names = f"{action.dest} {action.metavar or ''}".lower()
            if any(word in names for word in PATH_WORDS):
                found.add((words, action.dest))

    walk(cli.build_parser(), ())
    return found


def report_kinds():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    kind = next(a for a in sub.choices["report"]._actions if a.dest == "kind")
    return sorted(kind.choices)


def export_kinds():
    cli.build_parser()  # the command modules register their export kinds
    return sorted(set(EXPORTS) | set(TEMPLATES) | set(cli_exchange.EXPORT_COMMANDS))


def invocations(serial, code):
    """{name: (argument, argv with "{out}")} — every way the program writes a file."""
    found = {}
    for kind in export_kinds():
        found[f"export {kind}"] = ((("export",), "output"), ["export", kind, "{out}"])
    for kind in report_kinds():
        found[f"report {kind}"] = ((("report",), "output"), ["report", kind, "{out}"])
    errors = (("import",), "errors")
    found["import --errors"] = (errors, ["import", "in.xlsx", "--errors", "{out}"])
    found["import --dry-run --errors"] = (
        errors,
        ["import", "in.xlsx", "--dry-run", "--errors", "{out}"],
    )
    found["certificate issue"] = (
        (("certificate", "issue"), "output"),
        ["certificate", "issue", "incubation", "--enterprise", code, "{out}"],
    )
    found["certificate reprint"] = (
        (("certificate", "reprint"), "output"),
        ["certificate", "reprint", serial, "{out}"],
    )
    found["backup"] = ((("backup",), "folder"), ["backup", "{out}"])
    found["plan export"] = ((("plan", "export"), "output"), ["plan", "export", "1", "{out}"])
    found["review indicators export"] = (
        (("review", "indicators", "export"), "output"),
        ["review", "indicators", "export", "{out}"],
    )
    found["review scores --output"] = (
        (("review", "scores"), "output"),
        ["review", "scores", "--output", "{out}"],
    )
    found["db copy"] = ((("db", "copy"), "target"), ["db", "copy", DB, "{out}"])
    return found


# --- the prepared database -----------------------------------------------------------------
@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """A registry with a carrier, enterprises in it, an issued certificate, a viewer, one
    backup, another SQLite file and a workbook with a good and a rejected row."""
    folder = tmp_path_factory.mktemp("hostile")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GJZ_DATA_DIR", str(folder / "data"))
        registry = open_registry(folder / DB)
        try:
            admin = registry.as_local_admin("setup")
            admin.users.create("admin", PASSWORD, "admin")
            admin.users.create("viewer", PASSWORD, "viewer")
            add_carrier(admin)
            write_openpyxl(folder / "setup.xlsx", enterprise_rows(3))
            assert admin.exchange.import_file(folder / "setup.xlsx").created == 3
            first, second = admin.enterprises.list().items[:2]
            serial = admin.certificates.issue("incubation", enterprise_id=first.id).serial
            backup = Path(admin.maintenance.backup())
        finally:
            registry.close()
    rows = enterprise_rows(2, start=10)
    rows[2][
        COLUMN["所属街道"]
    ] = "火星街道"  # 所属街道: rejected, so the import writes its error workbook
    write_openpyxl(folder / "in.xlsx", rows)
    shutil.copyfile(folder / DB, folder / "other.db")
    (folder / "pw.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    (folder / "setup.xlsx").unlink()
    return folder, backup.relative_to(folder), serial, second.credit_code


@pytest.fixture
def place(prepared, tmp_path, monkeypatch):
    """A copy of the prepared folder as the working directory; GJZ_DATA_DIR (set by the
    conftest to tmp_path/data) holds its backup folder."""
    source, backup, serial, code = prepared
    work = tmp_path / "work"
    shutil.copytree(source / "data" / "backups", tmp_path / "data" / "backups")
    shutil.copytree(source, work, ignore=shutil.ignore_patterns("data"))
    (work / "sub").mkdir()
    (work / "link.db").symlink_to(work / DB)
    monkeypatch.chdir(work)
    targets = dict(TARGETS)
    targets["database"] = str(work / DB)
    targets["backup"] = str(tmp_path / "data" / backup.relative_to("data"))
    targets["in-backups"] = str(tmp_path / "data" / "backups" / "清单.pdf")
    targets["log"] = str(tmp_path / "data" / "gjz-registry.log")
    targets["old-log"] = str(tmp_path / "data" / "gjz-registry.log.2")
    return work, targets, invocations(serial, code)


def snapshot(tmp_path):
    """Every file under tmp_path (the work folder, the backups, the data folder) and its
    bytes (a symlink as where it points); the log file is left out (a refused command may
    log)."""
    return {
        str(p): str(p.readlink()) if p.is_symlink() else p.read_bytes()
        for p in sorted(tmp_path.rglob("*"))
        if (p.is_file() or p.is_symlink()) and not p.name.startswith("gjz-registry.log")
    }


def run(argv, capsys):
    code = cli.main(["--db", DB, *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- the tests -----------------------------------------------------------------------------
def test_every_argument_naming_a_file_is_an_input_or_a_guarded_output():
    assert path_arguments() == INPUTS | OUTPUTS | FOLDERS, (
        "a command line argument names a file or folder: add it to INPUTS, or to OUTPUTS or "
        "FOLDERS (and to invocations()) — outputs must go through gjz_registry.outputs"
    )
    covered = {argument for argument, _ in invocations("S", "C").values()}
    assert covered == OUTPUTS | FOLDERS
    assert len(report_kinds()) >= 5 and len(export_kinds()) >= 7


def test_each_invocation_really_writes_to_an_ordinary_file(place, capsys, tmp_path):
    """The control: without a hostile target every invocation writes its file, so the
    refusals below are the guard's doing and not some other error's."""
    work, _, found = place
    for name, (_, argv) in found.items():
        target = work / "ordinary" / name.replace(" ", "_")
        if name != "backup":
            target.parent.mkdir(exist_ok=True)
            target = target.with_suffix(".pdf" if "report" in name or "cert" in name else ".xlsx")
        code, out, err = run([a.replace("{out}", str(target)) for a in argv], capsys)
        assert code in (0, 1), f"{name}: {err}"
        assert target.exists(), f"{name} wrote nothing at {target}: {out} {err}"


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_every_writing_command_refuses_the_target(place, target, capsys, tmp_path):
    work, targets, found = place
    path = targets[target]
    before = snapshot(tmp_path)
    for name, (_, argv) in found.items():
        if name == "backup" and target == "in-backups":
            continue  # a backup may of course go into a folder inside the backup folder
        code, out, err = run([a.replace("{out}", path) for a in argv], capsys)
        assert code == 2, f"{name} → {path}: exit {code}: {out} {err}"
        assert err.startswith(GUARD_WORDS) and f"「{path}」" in err, f"{name} → {path}: {err}"
        assert "内部错误" not in err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("target", ["database", "backup"])
def test_a_viewer_is_refused_too(place, target, capsys, tmp_path):
    """Any role could overwrite the database before; a viewer's login only records the time
    of the login (user table), everything else stays byte-identical."""
    work, targets, found = place
    path = targets[target]
    before_files = {k: v for k, v in snapshot(tmp_path).items() if not k.endswith(DB)}
    before = content(work / DB, skip=("user", "audit_log"))
    login = ["--user", "viewer", "--password-file", "pw.txt"]
    for name, (_, argv) in found.items():
        code, out, err = run(login + [a.replace("{out}", path) for a in argv], capsys)
        assert code == 2, f"{name} → {path}: exit {code}: {out} {err}"
        if name.startswith("import"):  # a viewer may not import at all
            assert "只读用户" in err or err.startswith(GUARD_WORDS), err
        else:
            assert err.startswith(GUARD_WORDS) and f"「{path}」" in err, f"{name}: {err}"
    assert {k: v for k, v in snapshot(tmp_path).items() if not k.endswith(DB)} == before_files
    assert content(work / DB, skip=("user", "audit_log")) == before


def test_the_error_workbook_never_replaces_the_file_being_imported(place, capsys, tmp_path):
    before = snapshot(tmp_path)
    for errors in ("in.xlsx", "./sub/../in.xlsx"):
        code, out, err = run(["import", "in.xlsx", "--errors", errors], capsys)
        assert code == 2 and "正在读取的文件" in err and f"「{errors}」" in err, out + err
    assert snapshot(tmp_path) == before


def test_the_reproductions_of_the_issue_as_real_processes(place, tmp_path):
    """gjz --db d.db export enterprises d.db (as a viewer), import --dry-run --errors d.db,
    export template d.db, report … d.pdf with the database named so, and a 300-character
    output name: exit 2, one Chinese line, the database intact."""
    work, _, _ = place
    shutil.copyfile(work / DB, work / "d.db")
    shutil.copyfile(work / DB, work / "d.pdf")
    before = snapshot(tmp_path)
    viewer = ["--user", "viewer", "--password-file", work / "pw.txt"]
    for args in (
        ["--db", work / "d.db", "export", "template", work / "d.db"],
        ["--db", work / "d.db", "import", work / "in.xlsx", "--dry-run", "--errors", work / "d.db"],
        ["--db", work / "d.pdf", "report", "high-tech-list", work / "d.pdf"],
        ["--db", work / "d.db", "export", "enterprises", work / ("名" * 300 + ".xlsx")],
    ):
        result = gjz(*args)
        assert result.returncode == 2, result.stdout + result.stderr
        assert result.stderr.startswith(GUARD_WORDS) and "内部错误" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(tmp_path) == before
    as_viewer = gjz("--db", work / "d.db", *viewer, "export", "enterprises", work / "d.db")
    assert as_viewer.returncode == 2 and "正在使用的数据库文件" in as_viewer.stderr
    assert (work / "d.db").read_bytes()[:16] == b"SQLite format 3\x00"
    assert content(work / "d.db", skip=("user", "audit_log")) == content(
        work / DB, skip=("user", "audit_log")
    )
