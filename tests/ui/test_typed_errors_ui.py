"""The client shows each typed error by its class, never by matching its text, and a form
marks and focuses the entry an error names by its field code."""

import sqlite3

import pytest

from db import database
from gjz_registry import (
    DatabaseDamagedError,
    DatabaseTooNewError,
    LockTimeoutError,
    OutOfScopeError,
    StaleVersionError,
    dberrors,
    open_registry,
)
from tests.conftest import enterprise_data
from tests.damage import break_header
from tests.old_database import make_newer
from ui import errors
from ui.views.enterprise_form import EnterpriseWindow


@pytest.fixture
def short_timeout(monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setitem(database.SQLITE_PRAGMAS, "busy_timeout", 100)


def refusal(call):
    try:
        call()
    except Exception as exc:  # the error as the service or the facade raises it
        return exc
    raise AssertionError("nothing raised")


def opened(path, spoil):
    open_registry(path).close()
    spoil(path)
    return refusal(lambda: open_registry(path))


def locked_write(path):
    """The raw driver error of a write while another connection holds the lock."""
    con = sqlite3.connect(path, timeout=0.05)
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    try:
        return refusal(lambda: con.execute("BEGIN IMMEDIATE"))
    finally:
        holder.rollback()
        holder.close()
        con.close()


def test_every_typed_error_is_shown_as_a_warning_with_its_message(
    tmp_path, admin, clerk, monkeypatch
):
    made = admin.enterprises.create(enterprise_data(1, street="南关岭街道"))
    admin.enterprises.update(made.id, {"employees": 30}, version=made.version)
    raised = {  # the services' first: opening another database rebinds the models
        OutOfScopeError: refusal(lambda: clerk.enterprises.get(made.id)),
        StaleVersionError: refusal(
            lambda: admin.enterprises.update(made.id, {"employees": 40}, version=made.version)
        ),
        DatabaseDamagedError: opened(tmp_path / "damaged.db", break_header),
        DatabaseTooNewError: opened(tmp_path / "newer.db", make_newer),
    }
    shown = []
    for kind in ("showwarning", "showerror"):
        monkeypatch.setattr(
            errors.messagebox, kind, lambda t, m, _k=kind, **k: shown.append((_k, m))
        )
    for kind, exc in raised.items():
        assert type(exc) is kind
        shown.clear()
        errors.show(exc)
        assert shown == [("showwarning", str(exc))]
    shown.clear()
    raw = locked_write(tmp_path / "locked.db")
    assert isinstance(dberrors.classify(raw), LockTimeoutError)
    errors.show(raw)
    assert shown == [("showwarning", dberrors.busy_message())]
    shown.clear()
    errors.show(ValueError("数据库已损坏"))  # a bug, whatever its text says
    assert [kind for kind, _ in shown] == ["showerror"]


def test_a_save_blocked_by_the_write_lock_is_said_in_the_form(tk_root, db_path, short_timeout):
    """The lock timeout leaves the service as a LockTimeoutError, a RegistryError the form
    shows in its message line (not an internal error)."""
    registry = open_registry(db_path)
    user = registry.as_local_admin()
    window = EnterpriseWindow(tk_root, user, None, _utest=True)
    for key, value in enterprise_data(1).items():
        window.form.set(key, value)
    holder = sqlite3.connect(db_path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert window.save() is None
    finally:
        holder.rollback()
        holder.close()
    assert window.message.cget("text").startswith("数据库正忙")
    window.destroy()
    registry.close()


def test_a_service_error_marks_and_focuses_its_field_by_code(tk_root, clerk):
    """研发人员 more than 从业人员 is a rule of the service (no single field shows it): its
    error names the field "rd_staff", whose entry gets the reason and the focus."""
    window = EnterpriseWindow(tk_root, clerk, None, _utest=True)
    for key, value in enterprise_data(1, employees="12", rd_staff="20").items():
        window.form.set(key, value)
    window.deiconify()
    window.form.widgets["name"].focus_force()
    tk_root.update()
    assert window.save() is None
    tk_root.update()
    assert "不能多于" in window.form.error_text("rd_staff")
    assert window.focus_get() is window.form.widgets["rd_staff"]
    window.destroy()
