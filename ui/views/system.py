"""系统: accounts, reference data, backups, the audit log, one's own password and 关于.

Administrators get every tab: 用户, 基础数据, 备份与恢复, 操作日志, 绩效评价指标, 修改密码,
关于.  Everyone else sees only 修改密码 (their own, with the old one) and 关于 — the services
refuse the rest anyway, so nothing is offered that would only say no.  Tabs are built when
first shown.

The presenter part (no Tk) is ui.presenters.system.
"""

from tkinter import ttk

from ui import texts as T
from ui.presenters.system import PasswordPresenter, about_facts


class PasswordTab(ttk.Frame):
    def __init__(self, parent, registry):
        super().__init__(parent, padding=20)
        self.presenter = PasswordPresenter(registry, self)
        ttk.Label(
            self, text=T.PASSWORD_FOR.format(username=registry.actor.label), style="Heading.TLabel"
        ).pack(anchor="w", pady=(0, 12))
        grid = ttk.Frame(self)
        grid.pack(anchor="w")
        self.entries = {}
        for row, (key, label) in enumerate(
            (
                ("old", T.FIELD_OLD_PASSWORD),
                ("new", T.FIELD_NEW_PASSWORD),
                ("again", T.FIELD_PASSWORD_AGAIN),
            )
        ):
            ttk.Label(grid, text=label).grid(row=row, column=0, sticky="e", padx=(0, 10), pady=5)
            entry = ttk.Entry(grid, show="•", width=28)
            entry.grid(row=row, column=1, sticky="w", pady=5)
            entry.bind("<Return>", lambda e: self.change())
            self.entries[key] = entry
        self.button = ttk.Button(
            grid, text=T.PASSWORD_CHANGE, style="Accent.TButton", command=self.change
        )
        self.button.grid(row=3, column=1, sticky="w", pady=(10, 0))
        self.message = ttk.Label(self, style="Error.TLabel")
        self.message.pack(anchor="w", pady=(12, 0))

    def change(self):
        done = self.presenter.change(*(self.entries[k].get() for k in ("old", "new", "again")))
        if done:
            for entry in self.entries.values():
                entry.delete(0, "end")
        return done

    def show_message(self, value, error=True):
        self.message.configure(text=value, style="Error.TLabel" if error else "Muted.TLabel")


class AboutTab(ttk.Frame):
    def __init__(self, parent, registry):
        super().__init__(parent, padding=20)
        ttk.Label(self, text=T.APP_TITLE, style="Title.TLabel").pack(anchor="w")
        ttk.Label(self, text=T.ABOUT_PURPOSE, style="Muted.TLabel").pack(anchor="w", pady=(4, 16))
        grid = ttk.Frame(self)
        grid.pack(anchor="w", fill="x")
        grid.columnconfigure(1, weight=1)
        self.values = {}
        for row, (label, value) in enumerate(about_facts(registry)):
            ttk.Label(grid, text=label).grid(row=row, column=0, sticky="ne", padx=(0, 14), pady=4)
            shown = ttk.Entry(grid, width=90)  # read-only entries: paths can be copied
            shown.insert(0, str(value))
            shown.configure(state="readonly")
            shown.grid(row=row, column=1, sticky="we", pady=4)
            self.values[label] = shown


class SystemView(ttk.Frame):
    def __init__(self, parent, registry, on_count=None):
        super().__init__(parent, padding=(12, 10))
        self.registry = registry
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True)
        self.notebook.enable_traversal()
        self.tabs = {}
        self.pages = {}
        self.factories = {}
        keys = [("password", T.SYS_TAB_PASSWORD), ("about", T.SYS_TAB_ABOUT)]
        if registry.actor.is_admin:
            keys = [
                ("users", T.SYS_TAB_USERS),
                ("reference", T.SYS_TAB_REFERENCE),
                ("backup", T.SYS_TAB_BACKUP),
                ("audit", T.SYS_TAB_AUDIT),
                ("review", T.SYS_TAB_REVIEW),
            ] + keys
        for key, title in keys:
            page = ttk.Frame(self.notebook)
            self.notebook.add(page, text=title)
            self.pages[key] = page
        self.notebook.bind("<<NotebookTabChanged>>", lambda e: self._build(self.current_key()))
        self._build(keys[0][0])

    def _factory(self, key):
        if key == "users":
            from ui.views.system_users import UsersTab as cls
        elif key == "reference":
            from ui.views.system_reference import ReferenceTab as cls
        elif key == "backup":
            from ui.views.system_backup import BackupTab as cls
        elif key == "audit":
            from ui.views.system_audit import AuditTab as cls
        elif key == "review":
            from ui.views.system_review import ReviewIndicatorsTab as cls
        elif key == "password":
            cls = PasswordTab
        else:
            cls = AboutTab
        return cls

    def _build(self, key):
        if key in self.tabs:
            return self.tabs[key]
        tab = self._factory(key)(self.pages[key], self.registry)
        tab.pack(fill="both", expand=True)
        self.tabs[key] = tab
        return tab

    def keys(self):
        return list(self.pages)

    def current_key(self):
        selected = self.notebook.select()
        for key, page in self.pages.items():
            if str(page) == selected:
                return key
        return None

    def select(self, key):
        """Show tab ``key`` (building it) and return it."""
        self.notebook.select(self.pages[key])
        self.update_idletasks()
        return self._build(key)

    def refresh(self):
        tab = self.tabs.get(self.current_key())
        if tab is not None and hasattr(tab, "refresh"):
            tab.refresh()
