"""系统 › 备份与恢复 (admin): back up now, restore, the backup folder, the backups, a check.

立即备份 writes a verified copy (maintenance.backup); 从备份恢复… asks for a file (or takes
the backup double-clicked in the list) and a confirmation that names the file and says the
current database is backed up first (maintenance.restore does that) — and, for a backup that
is not this database's, a second confirmation that says so; the backup folder is the
Setting backup_dir; 检查数据库 lists what maintenance.check finds.  On a server database
(PostgreSQL) the file actions are off and a note points to pg_dump and ``gjz db copy``.

The presenter part (no Tk) is ui.presenters.system_backup.
"""

import os
import tkinter as tk
from tkinter import filedialog, ttk

from ui import texts as T
from ui.dialogs import confirm
from ui.presenters.system_backup import BackupPresenter
from ui.widgets.table import Table


class BackupTab(ttk.Frame):
    def __init__(self, parent, registry):
        super().__init__(parent, padding=10)
        self.registry = registry
        self.presenter = p = BackupPresenter(registry, self)
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        self.buttons = {}
        for key, label, command in (
            ("backup", T.BACKUP_NOW, p.backup_now),
            ("restore", T.BACKUP_RESTORE, lambda: p.restore()),
            ("check", T.BACKUP_CHECK, p.check),
        ):
            self.buttons[key] = ttk.Button(bar, text=label, command=command)
            self.buttons[key].pack(side="left", padx=(0, 6))
        self.buttons["backup"].configure(style="Accent.TButton")
        folder = ttk.Frame(self)
        folder.pack(fill="x", pady=(0, 4))
        ttk.Label(folder, text=T.BACKUP_FOLDER).pack(side="left")
        self.folder = ttk.Entry(folder, width=60)
        self.folder.pack(side="left", padx=(8, 6))
        self.buttons["folder"] = ttk.Button(
            folder, text=T.BACKUP_CHOOSE, command=self.choose_folder
        )
        self.buttons["folder"].pack(side="left")
        self.buttons["save"] = ttk.Button(
            folder, text=T.SAVE, command=lambda: p.save_folder(self.folder.get())
        )
        self.buttons["save"].pack(side="left", padx=(6, 0))
        self.message = ttk.Label(self, style="Error.TLabel", wraplength=900)
        self.message.pack(fill="x", pady=(2, 6))
        body = ttk.Frame(self)
        body.pack(fill="both", expand=True)
        left = ttk.Frame(body)
        left.pack(side="left", fill="both", expand=True)
        ttk.Label(left, text=T.BACKUP_LIST, style="Heading.TLabel").pack(anchor="w", pady=(0, 4))
        self.backups = Table(left, T.BACKUP_COLUMNS, on_open=p.restore_listed, height=12)
        self.backups.pack(fill="both", expand=True)
        right = ttk.Frame(body)
        right.pack(side="left", fill="both", expand=True, padx=(16, 0))
        ttk.Label(right, text=T.BACKUP_CHECK, style="Heading.TLabel").pack(anchor="w", pady=(0, 4))
        self.check_text = tk.Text(
            right, height=12, width=50, wrap="word", relief="solid", borderwidth=1
        )
        self.check_text.pack(fill="both", expand=True)
        self.show_check([T.CHECK_HINT])
        p.load()

    def choose_folder(self):
        folder = filedialog.askdirectory(
            parent=self, initialdir=self.folder.get() or None, title=T.BACKUP_FOLDER
        )
        if folder:
            self.folder.delete(0, "end")
            self.folder.insert(0, folder)

    # --- presenter's view interface ---------------------------------------------------
    def show_folder(self, path):
        self.folder.delete(0, "end")
        self.folder.insert(0, path)

    def show_backups(self, rows):
        self.backups.set_rows(rows)

    def show_message(self, value, error=True):
        self.message.configure(text=value, style="Error.TLabel" if error else "Muted.TLabel")

    def show_server_note(self, text):
        """A server database: the file actions are off, the note says how it is backed up."""
        for key in ("backup", "restore", "folder", "save"):
            self.buttons[key].configure(state="disabled")
        self.folder.configure(state="disabled")
        self.show_message(text, error=False)

    def show_check(self, lines):
        self.check_text.configure(state="normal")
        self.check_text.delete("1.0", "end")
        self.check_text.insert("1.0", "\n".join(lines))
        self.check_text.configure(state="disabled")

    def ask_restore_file(self, folder):
        path = filedialog.askopenfilename(
            parent=self,
            title=T.RESTORE_TITLE,
            initialdir=folder if os.path.isdir(folder) else None,
            filetypes=[(T.BACKUP_FILES, "*.db"), (T.BACKUP_ALL_FILES, "*")],
        )
        return path or None

    def ask_confirm(self, question):
        return confirm.ask(self, T.RESTORE_CONFIRM_TITLE, question, ok=T.RESTORE_OK, icon="warning")

    def refresh(self):
        self.presenter.load()
