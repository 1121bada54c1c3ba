"""The certificate register (证书登记簿) and certificate checking (证书核验) of 报表证书.

Register: every certificate the user may see, newest first, filtered by kind, status and a
text (serial, holder…); 颁发证书… (one holder, found by name, pinyin or code), 补打 (the
selected ones again, one PDF) and 撤销… (with a reason).  Checking: a serial typed with its
verify code, or the whole text a QR reader types (``GJZ-CERT|serial|code``).  Presenters
without Tk; the panels are passive.

The presenter part (no Tk) is ui.presenters.certificates.
"""

import tkinter as tk
from tkinter import messagebox, ttk

from ui import texts as T
from ui import theme
from ui.dialogs.certificates import IssueDialog, RevokeCertificateDialog
from ui.output import OutputRunner, describe_certificates
from ui.presenters.certificates import STATUSES, CertificatesPresenter, VerifyPresenter
from ui.views.list_view import add_choice
from ui.widgets.listpanel import ListPanel
from ui.widgets.search import search_as_you_type


class CertificatesPanel(ttk.Frame):
    def __init__(self, parent, registry, on_count=None):
        super().__init__(parent, padding=(0, 8, 0, 0))
        self.registry = registry
        self.on_count = on_count
        self.presenter = CertificatesPresenter(registry, self)
        self.output = OutputRunner(self)
        p = self.presenter
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        self.actions = []
        if p.can_write:
            self.actions = [
                (T.ISSUE_CERTIFICATE, self.issue),
                (T.REPRINT, self.reprint),
                (T.REVOKE_CERTIFICATE, self.revoke),
            ]
        self.buttons = {}
        for label, command in self.actions:
            style = "Accent.TButton" if command == self.issue else "TButton"
            button = ttk.Button(bar, text=label, command=command, style=style)
            button.pack(side="left", padx=(0, 6))
            self.buttons[label] = button
        ttk.Label(bar, text=T.SEARCH_LABEL).pack(side="left", padx=(10, 0))
        self.search_var = tk.StringVar()
        self.search = ttk.Entry(bar, textvariable=self.search_var, width=22)
        self.search.pack(side="left", padx=(6, 12))
        self._search_wait = search_as_you_type(self, self.search_var, self.search_now)
        self.search.bind("<Return>", lambda e: self.search_now())
        kinds = [T.FILTER_ALL] + p.kind_choices()
        self.kind_box = add_choice(bar, T.CERT_KIND, kinds, 22, p.set_kind)
        statuses = [T.FILTER_ALL, *STATUSES]
        self.status_box = add_choice(bar, T.FILTER_STATUS, statuses, 8, p.set_status)
        self.panel = ListPanel(
            self,
            T.CERTIFICATE_COLUMNS,
            on_open=lambda record_id: self.reprint() if p.can_write else None,
            on_sort=p.sort_by,
            on_page=p.go_to_page,
            menu_items=self.actions[1:],
        )
        self.panel.pack(fill="both", expand=True)
        p.load()

    def show_page(self, rows, total, page, pages, sort_key, sort_desc):
        self.panel.show(rows, total, page, pages, sort_key, sort_desc)
        if self.on_count:
            self.on_count(total)

    def search_now(self):
        self._search_wait.cancel()
        self.presenter.set_text(self.search_var.get())

    def refresh(self):
        self.presenter.load()

    def issue(self):
        dialog = IssueDialog(self, self.registry)
        if dialog.result is None:
            return None
        return self.output.save(
            dialog.result, describe=describe_certificates, on_done=lambda r: self.refresh()
        )

    def reprint(self):
        output = self.presenter.reprint_output(self.panel.table.selected_ids())
        if output is None:
            messagebox.showinfo(T.ERROR_TITLE, T.NOTHING_SELECTED, parent=self)
            return None
        return self.output.save(output, describe=describe_certificates)

    def revoke(self):
        record = self.presenter.record(self.panel.selected_id())
        if record is None:
            messagebox.showinfo(T.ERROR_TITLE, T.NOTHING_SELECTED, parent=self)
            return None
        dialog = RevokeCertificateDialog(self, self.registry, record.serial, record.holder_name)
        if dialog.result is not None:
            self.refresh()
        return dialog.result


class VerifyPanel(ttk.Frame):
    """A serial and its code, or the QR text pasted whole; the register's verdict below."""

    def __init__(self, parent, registry):
        super().__init__(parent, padding=(0, 12, 0, 0))
        self.presenter = VerifyPresenter(registry, self)
        ttk.Label(self, text=T.VERIFY_INTRO, wraplength=760, justify="left").pack(anchor="w")
        grid = ttk.Frame(self)
        grid.pack(anchor="w", pady=(12, 0))
        ttk.Label(grid, text=T.VERIFY_INPUT).grid(row=0, column=0, sticky="e", padx=(0, 8))
        self.serial = ttk.Entry(grid, width=52)
        self.serial.grid(row=0, column=1, sticky="w", pady=4)
        ttk.Label(grid, text=T.VERIFY_CODE).grid(row=1, column=0, sticky="e", padx=(0, 8))
        self.code = ttk.Entry(grid, width=20)
        self.code.grid(row=1, column=1, sticky="w", pady=4)
        self.verify_button = ttk.Button(
            grid, text=T.VERIFY_BUTTON, style="Accent.TButton", command=self.verify
        )
        self.verify_button.grid(row=0, column=2, rowspan=2, padx=(12, 0))
        for entry in (self.serial, self.code):
            entry.bind("<Return>", lambda e: self.verify())
            entry.bind("<KP_Enter>", lambda e: self.verify())
        self.status = tk.Label(
            self, font=("TkDefaultFont", 18, "bold"), background=theme.BACKGROUND
        )
        self.status.pack(anchor="w", pady=(18, 6))
        self.facts = ttk.Frame(self)
        self.facts.pack(anchor="w", fill="x")

    def verify(self):
        from ui import errors

        try:
            return self.presenter.verify(self.serial.get(), self.code.get())
        except Exception as exc:  # a RegistryError shows as 提示; others go to the log
            errors.show(exc, parent=self)
            return None
        finally:
            # a QR reader types the next code into the same box: make it ready
            self.serial.select_range(0, "end")
            self.serial.focus_set()

    def show_verdict(self, result):
        colour = theme.ACCENT if result.valid else theme.ERROR
        self.status.configure(text=T.VERIFY_STATUS.format(status=result.status), foreground=colour)
        for child in self.facts.winfo_children():
            child.destroy()
        for row, (label, value) in enumerate(self.presenter.lines(result)):
            ttk.Label(self.facts, text=label, style="Muted.TLabel").grid(
                row=row, column=0, sticky="nw", padx=(0, 12), pady=2
            )
            ttk.Label(self.facts, text=value, wraplength=640, justify="left").grid(
                row=row, column=1, sticky="w", pady=2
            )

    def status_text(self):
        return self.status.cget("text")
