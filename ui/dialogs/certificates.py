"""Certificate dialogs: issue one (kind + holder found by name, pinyin or code), issue to the
enterprises selected in the list, and revoke with a reason.

The issue dialogs only decide *what* to issue: their result is a ``list_output.Output`` whose
job issues and prints in the background (ui.jobs), so the certificate is recorded only when
its PDF was written.  Revoking is quick and happens in the dialog, with the service's refusal
shown inline.
"""

import datetime
import tkinter as tk
from tkinter import ttk

from gjz_registry import RegistryError
from gjz_registry import certificate_texts as certs
from gjz_registry.errors import InvalidValueError
from ui import files, jobs
from ui import texts as T
from ui.dialogs.base import Dialog
from ui.list_output import Output
from ui.widgets.dateentry import OptionalDateEntry
from ui.widgets.search import search_as_you_type

SEARCH_LIMIT = 30
CARRIER_KIND = "carrier"


def kind_titles(for_carriers=None):
    """{title: key} of the certificate kinds (None: all; True: carriers'; False: enterprises')."""
    return {
        k.title: k.key
        for k in certs.KINDS.values()
        if for_carriers is None or (k.key == CARRIER_KIND) == for_carriers
    }


class _IssueBase(Dialog):
    def _grid_row(self, grid, row, label, widget, sticky="we"):
        ttk.Label(grid, text=label).grid(row=row, column=0, sticky="ne", padx=(0, 8), pady=4)
        widget.grid(row=row, column=1, sticky=sticky, pady=4)
        return widget

    def _date(self):
        """The issue date (today when empty), or None after showing the reason."""
        try:
            return self.date.get_date() or datetime.date.today()
        except InvalidValueError as exc:
            self.show_error(str(exc))
            return None


class BatchIssueDialog(_IssueBase):
    """颁发证书… for the enterprises selected in the list; result: an Output."""

    ok_text = T.ISSUE_OK

    def __init__(self, parent, registry, enterprise_ids, _utest=False):
        self.registry = registry
        self.enterprise_ids = list(enterprise_ids)
        self.kinds = kind_titles(for_carriers=False)
        super().__init__(parent, T.ISSUE_BATCH_TITLE, _utest=_utest)

    def body(self, frame):
        ttk.Label(frame, text=T.ISSUE_SELECTED.format(count=len(self.enterprise_ids))).pack(
            anchor="w", pady=(0, 8)
        )
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        names = list(self.kinds)
        self.kind = self._grid_row(
            grid, 0, T.CERT_KIND, ttk.Combobox(grid, values=names, state="readonly", width=28)
        )
        self.kind.set(names[0])
        self.date = self._grid_row(grid, 1, T.ISSUE_DATE, OptionalDateEntry(grid), "w")
        self.date.set_date(datetime.date.today())
        ttk.Label(frame, text=T.ISSUE_BATCH_NOTE, style="Muted.TLabel", wraplength=380).pack(
            anchor="w", pady=(8, 0)
        )
        return self.kind

    def validate(self):
        day = self._date()
        if day is None:
            return None
        title = self.kind.get()
        name = files.safe_name(T.ISSUE_BATCH_FILE.format(title=title, date=day.isoformat()))
        job = jobs.issue_batch(self.registry, self.kinds[title], self.enterprise_ids, day)
        return Output(T.ISSUE_BATCH_TITLE, name + ".pdf", "pdf", job)


class IssueDialog(_IssueBase):
    """颁发证书…: a kind, then the holder (an enterprise, or a carrier for 孵化载体认定证书)."""

    ok_text = T.ISSUE_OK

    def __init__(self, parent, registry, _utest=False):
        self.registry = registry
        self.kinds = kind_titles()
        self.found = {}
        super().__init__(parent, T.ISSUE_TITLE, _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="both", expand=True)
        grid.columnconfigure(1, weight=1)
        names = list(self.kinds)
        self.kind = self._grid_row(
            grid, 0, T.CERT_KIND, ttk.Combobox(grid, values=names, state="readonly", width=30)
        )
        self.kind.set(names[0])
        self.kind.bind("<<ComboboxSelected>>", lambda e: self.search_now())
        self.search_var = tk.StringVar()
        self.search = self._grid_row(
            grid, 1, T.ISSUE_HOLDER, ttk.Entry(grid, textvariable=self.search_var, width=40)
        )
        self.hint = ttk.Label(grid, style="Muted.TLabel")
        self.hint.grid(row=2, column=1, sticky="w")
        self.results = ttk.Treeview(
            grid, columns=("name", "code", "street"), show="headings", height=8
        )
        for key, heading, width in T.ISSUE_RESULT_COLUMNS:
            self.results.heading(key, text=heading)
            self.results.column(key, width=width)
        self.results.grid(row=3, column=1, sticky="nsew", pady=(2, 4))
        self.date = self._grid_row(grid, 4, T.ISSUE_DATE, OptionalDateEntry(grid), "w")
        self.date.set_date(datetime.date.today())
        self._search_wait = search_as_you_type(self, self.search_var, self.search_now)
        self.search.bind("<Down>", lambda e: self._first_result())
        self.results.bind("<Double-1>", lambda e: self.ok())
        self._show_hint()
        return self.search

    @property
    def for_carrier(self):
        return self.kinds[self.kind.get()] == CARRIER_KIND

    def _show_hint(self):
        self.hint.configure(text=T.ISSUE_FIND_CARRIER if self.for_carrier else T.ISSUE_FIND)

    def search_now(self):
        self._search_wait.cancel()
        self._show_hint()
        text = self.search_var.get().strip()
        self.results.delete(*self.results.get_children())
        self.found = {}
        if not text:
            return
        if self.for_carrier:
            page = self.registry.carriers.list(text=text, limit=SEARCH_LIMIT)
            rows = [(c.id, c.name, c.kind, c.street or "") for c in page.items]
        else:
            found = self.registry.enterprises.search(text, limit=SEARCH_LIMIT)
            rows = [(e.id, e.name, e.credit_code, e.street) for e in found]
        for holder_id, *values in rows:
            self.found[str(holder_id)] = (holder_id, values[0])
            self.results.insert("", "end", iid=str(holder_id), values=values)
        children = self.results.get_children()
        if len(children) == 1:
            self.results.selection_set(children[0])

    def _first_result(self):
        children = self.results.get_children()
        if children:
            self.results.focus_set()
            self.results.focus(children[0])
            self.results.selection_set(children[0])

    def validate(self):
        selected = self.results.selection()
        if not selected:
            self.show_error(T.ISSUE_CHOOSE_HOLDER)
            return None
        day = self._date()
        if day is None:
            return None
        holder_id, name = self.found[selected[0]]
        title = self.kind.get()
        key = self.kinds[title]
        target = {"carrier_id" if key == CARRIER_KIND else "enterprise_id": holder_id}
        job = jobs.issue(self.registry, key, on_date=day, **target)
        initial = files.safe_name(T.ISSUE_FILE.format(title=title, name=name)) + ".pdf"
        return Output(T.ISSUE_TITLE, initial, "pdf", job)


class RevokeCertificateDialog(Dialog):
    """撤销证书: a reason (required) and a date; the result is the revoked record."""

    ok_text = T.REVOKE_OK

    def __init__(self, parent, registry, serial, holder="", _utest=False):
        self.registry = registry
        self.serial = serial
        self.holder = holder
        super().__init__(parent, T.REVOKE_TITLE, _utest=_utest)

    def body(self, frame):
        ttk.Label(frame, text=T.REVOKE_WHICH.format(serial=self.serial, holder=self.holder)).pack(
            anchor="w", pady=(0, 8)
        )
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        ttk.Label(grid, text=T.REVOKE_REASON).grid(row=0, column=0, sticky="e", padx=(0, 8))
        self.reason = ttk.Entry(grid, width=40)
        self.reason.grid(row=0, column=1, sticky="we", pady=4)
        ttk.Label(grid, text=T.REVOKE_DATE).grid(row=1, column=0, sticky="e", padx=(0, 8))
        self.date = OptionalDateEntry(grid)
        self.date.grid(row=1, column=1, sticky="w", pady=4)
        self.date.set_date(datetime.date.today())
        return self.reason

    def validate(self):
        try:
            return self.registry.certificates.revoke(
                self.serial, self.reason.get(), self.date.get_date()
            )
        except RegistryError as exc:
            self.show_error(str(exc))
            return None
