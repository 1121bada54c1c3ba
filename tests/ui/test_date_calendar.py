"""Opening a date field's calendar writes nothing into the field: a clerk who drops it down
and closes it again (Esc) keeps an unknown 成立日期 empty and a mistyped date as typed (with
its reason in red); only a day picked in the calendar is written.  A read-only form's date
opens no calendar (no day can be picked into it)."""

import datetime

from tests.conftest import enterprise_data
from ui.views.enterprise_form import EnterpriseWindow


def open_and_close(tk_root, entry):
    entry.focus_force()
    tk_root.update()
    entry.drop_down()
    tk_root.update()
    assert entry._calendar.winfo_ismapped()
    entry._calendar.event_generate("<Escape>")
    tk_root.update()
    return entry.get()


def test_a_calendar_opened_and_closed_changes_nothing(tk_root, admin):
    e = admin.enterprises.create(enterprise_data(1, founded_on=None))
    window = EnterpriseWindow(tk_root, admin, e.id, _utest=True)
    tk_root.deiconify()
    try:
        field = window.form.widgets["founded_on"]
        assert open_and_close(tk_root, field) == ""
        assert not window.presenter.dirty(window.form.values())
        field.insert(0, "2019-11-31")
        assert open_and_close(tk_root, field) == "2019-11-31"
        # a day picked in the calendar is written
        field.drop_down()
        tk_root.update()
        field._calendar.selection_set(datetime.date(2019, 11, 22))
        field._select()
        assert field.get() == "2019-11-22"
    finally:
        window.destroy()
        tk_root.withdraw()


def test_a_read_only_date_opens_no_calendar(tk_root, admin, viewer):
    e = admin.enterprises.create(enterprise_data(1, founded_on="2002-11-28"))
    window = EnterpriseWindow(tk_root, viewer, e.id, _utest=True)
    tk_root.deiconify()
    try:
        field = window.form.widgets["founded_on"]
        field.drop_down()
        tk_root.update()
        assert not field._calendar.winfo_ismapped() and field.get() == "2002-11-28"
    finally:
        window.destroy()
        tk_root.withdraw()
