"""A tkcalendar DateEntry that may be left empty and accepts typed dates in the usual forms.

tkcalendar's own entry always holds a date and silently puts the old one back when the text
does not parse; a registry field is often unknown, and clerks type 2019/11/22 or 2019年11月22日.
Here an empty text stays empty, text that does not parse stays as typed (the form shows
the reason in red), and the calendar drops down on today's date when the field is empty —
opening it writes nothing into the field.
"""

import datetime

from tkcalendar import DateEntry

from gjz_registry import validators
from gjz_registry.errors import InvalidValueError


class OptionalDateEntry(DateEntry):
    def __init__(self, master=None, **kw):
        kw.setdefault("date_pattern", "yyyy-mm-dd")
        kw.setdefault("locale", "zh_CN")
        kw.setdefault("width", 12)
        super().__init__(master, **kw)
        # DateEntry.__init__ sets the calendar's parse_date/format_date on the instance, which
        # would hide the methods below (bad text then fails with IndexError deep in tkcalendar)
        for name in ("parse_date", "format_date"):
            self.__dict__.pop(name, None)
        self.delete(0, "end")

    def parse_date(self, text):
        return validators.validate_date(text, "日期", earliest=datetime.date(1900, 1, 1))

    def format_date(self, date=None):
        return date.isoformat() if date else ""

    def _validate_date(self):
        text = self.get().strip()
        if not text:
            return True
        try:
            date = self.parse_date(text)
        except InvalidValueError:
            return False
        self._date = date
        self._set_text(date.isoformat())
        return True

    def get_date(self):
        """The date, None when empty; InvalidValueError when the text is not a date."""
        text = self.get().strip()
        return self.parse_date(text) if text else None

    def set_date(self, date):
        self.delete(0, "end")
        if date:
            super().set_date(date)

    def drop_down(self):
        """Open (or close) the calendar on the date typed, today when the field is empty or
        its text is no date — without writing that day into the field: only a day picked in
        the calendar is (closing it with Esc keeps the field as it was).  Not in a read-only
        field."""
        if "readonly" in self.state() and not self._calendar.winfo_ismapped():
            return None  # a read-only form's date: tkcalendar would let a day be picked
        typed = self.get()
        if self._calendar.winfo_ismapped() or (typed.strip() and self._validate_date()):
            return super().drop_down()
        self._date = datetime.date.today()
        self._set_text(self._date.isoformat())  # tkcalendar opens on the date in the text
        super().drop_down()
        self._set_text(typed)
