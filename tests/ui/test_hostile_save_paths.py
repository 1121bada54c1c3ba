"""The client's save dialogs answered with the database, its WAL, a backup or another SQLite
file (issue 13, point 1): every job a save dialog runs (ui.jobs, found by walking the module)
and the import wizard's 保存错误清单 refuse it with the output guard's message, as an
administrator and as a viewer, and every file stays byte-identical.  Driven through the
widgets too: the dialog answered by the test, the message shown in the 提示 dialog.

A control run writes each job to an ordinary file and checks that the writer itself (not only
the job's first check) went through the registry's guard.
"""

import inspect
import os
import shutil
import types
from tkinter import messagebox, ttk

import pytest

from gjz_registry.errors import OutputPathError
from gjz_registry.outputs import OutputGuard
from reports.data import ListReport
from tests.conftest import PASSWORD
from tests.exchange.importing import COLUMN, add_carrier, enterprise_rows
from tests.exchange.workbooks import write_openpyxl
from tests.ui.exchange_files import fake_save, finish
from ui import jobs, list_output
from ui.output import OutputRunner
from ui.wizard.presenter import ImportWizardPresenter
from ui.wizard.window import ImportWizard
from ui.worker import Task, run_now

HELPERS = {"fonts_for", "file_job"}  # public functions of ui.jobs that are not jobs
LISTS = ("high-tech-list", "tech-sme-list", "carrier-list", "residents")


@pytest.fixture
def world(registry, db_path, tmp_path):
    """Enterprises in a carrier, an issued certificate, a backup, another SQLite file and a
    workbook with a rejected row; the logins are done (a login records its time)."""
    admin = registry.login("admin", PASSWORD)
    add_carrier(admin)
    write_openpyxl(tmp_path / "setup.xlsx", enterprise_rows(3))
    assert admin.exchange.import_file(tmp_path / "setup.xlsx").created == 3
    ids = [e.id for e in admin.enterprises.list().items]
    serial = admin.certificates.issue("incubation", enterprise_id=ids[0]).serial
    backup = admin.maintenance.backup()
    other = tmp_path / "other.db"
    shutil.copyfile(backup, other)
    rows = enterprise_rows(2, start=10)
    rows[2][COLUMN["所属街道"]] = "火星街道"
    write_openpyxl(tmp_path / "in.xlsx", rows)
    targets = {
        "database": str(db_path),
        "wal": f"{db_path}-wal",
        "backup": backup,
        "in-backups": os.path.join(os.path.dirname(backup), "清单.xlsx"),
        "other-sqlite": str(other),
    }
    return types.SimpleNamespace(
        admin=admin,
        viewer=registry.login("viewer", PASSWORD),
        ids=ids,
        serial=serial,
        targets=targets,
        workbook=tmp_path / "in.xlsx",
    )


def job_table(world, registry):
    """{name: job(path, task)}: every job of ui.jobs (each export kind) for ``registry``."""
    found = {
        f"export {kind}": jobs.export(registry, kind) for kind in registry.exchange.export_kinds()
    }
    found["targets_workbook"] = jobs.targets_workbook(registry)
    found.update({f"listing_pdf {kind}": jobs.listing_pdf(registry, kind) for kind in LISTS})
    found["report_pdf"] = jobs.report_pdf(registry, ListReport("名单", ["企业名称"], [["甲"]]))
    found["statistics_pdf"] = jobs.statistics_pdf(registry)
    found["targets_pdf"] = jobs.targets_pdf(registry)
    found["review_pdf sheets"] = jobs.review_pdf(registry)
    found["review_pdf ranking"] = jobs.review_pdf(registry, ranking=True)
    found["issue"] = jobs.issue(registry, "incubation", enterprise_id=world.ids[1])
    found["issue_batch"] = jobs.issue_batch(registry, "incubation", world.ids[1:])
    found["reprint"] = jobs.reprint(registry, [world.serial])
    return found


def files_of(tmp_path):
    """Every file under tmp_path and its bytes — but the database's shared-memory index (-shm),
    which SQLite itself updates on every read (it is checked not to be an output instead)."""
    found = {}
    for path in sorted(tmp_path.rglob("*")):
        if not path.is_file() or path.name.startswith("gjz-registry.log"):
            continue
        data = path.read_bytes()
        if path.name.endswith("-shm"):
            assert not data.startswith((b"PK", b"%PDF")), f"{path} was overwritten"
            continue
        found[str(path)] = data
    return found


def test_every_job_of_the_client_is_in_the_table(world):
    public = {
        name
        for name, function in inspect.getmembers(jobs, inspect.isfunction)
        if function.__module__ == jobs.__name__ and not name.startswith("_")
    }
    tabled = {name.split()[0] for name in job_table(world, world.admin)}
    assert public - HELPERS == tabled, "a new job in ui.jobs: add it to job_table()"


@pytest.mark.parametrize("role", ["admin", "viewer"])
def test_every_job_refuses_the_database_a_backup_and_sqlite_files(world, role, tmp_path):
    registry = getattr(world, role)
    before = files_of(tmp_path)
    for name, job in job_table(world, registry).items():
        for target, path in world.targets.items():
            with pytest.raises(OutputPathError) as caught:
                job(path, Task())
            assert f"「{path}」" in str(caught.value), f"{name} → {target}: {caught.value}"
    assert files_of(tmp_path) == before
    assert registry.certificates.list().total == 1  # nothing issued


def test_each_writer_writes_through_the_registry_guard(world, db_path, tmp_path, monkeypatch):
    """The control: to an ordinary file every job writes, and the writer's own atomic write
    used the registry's guard (knowing the database), not a guard-less default."""
    used = []
    original = OutputGuard.temporary

    def spy(self, path, keep=()):
        used.append((self.database, os.fspath(path)))
        return original(self, path, keep)

    monkeypatch.setattr(OutputGuard, "temporary", spy)
    folder = tmp_path / "out"
    folder.mkdir()
    for name, job in job_table(world, world.admin).items():
        path = folder / (name.replace(" ", "_") + ".out")
        job(path, Task())
        assert path.exists(), name
        assert (str(db_path), str(path)) in used, f"{name} did not write through registry.outputs"


def test_the_wizard_saves_its_error_list_only_where_allowed(world, tmp_path):
    before = files_of(tmp_path)
    p = ImportWizardPresenter(world.admin, types.SimpleNamespace(**_silent_view()), run=run_now)
    p.choose_file(world.workbook)
    p.go("options")
    p.dry_run, p.on_conflict = True, "update"
    p.start_import()
    assert p.has_errors_file
    for path in [*world.targets.values(), str(world.workbook)]:
        with pytest.raises(OutputPathError, match="不能写入"):
            p.save_errors(path)
    assert p.saved_errors is None
    saved = p.save_errors(tmp_path / "错误清单.xlsx")
    assert os.path.exists(saved)
    after = files_of(tmp_path)
    del after[str(tmp_path / "错误清单.xlsx")]
    assert after == before
    p.close()


def _silent_view():
    names = ("show_step show_loading show_preview show_file_error show_progress show_result "
             "show_cancelled show_import_error")  # fmt: skip
    return {name: (lambda *args: None) for name in names.split()}


# --- through the widgets -------------------------------------------------------------------
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(messagebox, "showwarning", lambda title, text, **kw: shown.append(text))
    monkeypatch.setattr(messagebox, "showerror", lambda title, text, **kw: shown.append(text))
    return shown


def test_a_viewers_save_dialog_answered_with_the_database(tk_root, world, tmp_path, monkeypatch):
    """导出Excel and 打印名单 of the lists as a viewer, the dialog answered with the database
    and its WAL: the 提示 dialog shows the guard's message, nothing is written."""
    shown = warnings_shown(monkeypatch)
    before = files_of(tmp_path)
    frame = ttk.Frame(tk_root)
    runner = OutputRunner(frame)
    for target in ("database", "wal"):
        path = world.targets[target]
        fake_save(monkeypatch, tmp_path, chosen=path)
        for output in (
            list_output.enterprise_export(world.viewer, {}, ""),
            list_output.enterprise_print(world.viewer, {}, "", None),
            list_output.carrier_print(world.viewer, {"street": None}, "", [], []),
        ):
            finish(tk_root, runner.save(output))
            assert shown[-1].startswith("不能写入") and f"「{path}」" in shown[-1]
            assert runner.done is None  # no 已保存 window
    assert len(shown) == 6
    assert files_of(tmp_path) == before


def test_the_wizards_save_button_answered_with_the_database(tk_root, world, tmp_path, monkeypatch):
    shown = warnings_shown(monkeypatch)
    wizard = ImportWizard(tk_root, world.admin)
    p = wizard.presenter
    wizard.steps["file"].choose(str(world.workbook))
    finish(tk_root, p.worker)
    p.go("options")
    p.dry_run, p.on_conflict = True, "update"
    finish(tk_root, p.start_import())
    before = files_of(tmp_path)
    for path in (world.targets["database"], world.targets["backup"], str(world.workbook)):
        fake_save(monkeypatch, tmp_path, chosen=path)
        assert wizard.steps["result"].save_errors() is None
        assert shown[-1].startswith("不能写入") and f"「{path}」" in shown[-1]
    assert len(shown) == 3 and p.saved_errors is None
    assert files_of(tmp_path) == before
    wizard.close_button.invoke()
