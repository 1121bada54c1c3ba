"""Start the desktop client: theme, error handler, database, first run, login, main window."""

import contextlib
import logging
import tkinter as tk
from tkinter import messagebox

from gjz_registry import DatabaseDamagedError, RegistryError, open_registry, presence
from gjz_registry.demo_accounts import describe, open_demo
from gjz_registry.registry import shown_target
from gjz_registry.services.restore import newest_good_backup, restore_damaged
from ui import errors, theme
from ui import texts as T
from ui.dialogs import confirm
from ui.dialogs.login import FirstRunDialog, LoginDialog
from ui.main_window import MainWindow
from ui.views import catalogue

log = logging.getLogger(__name__)


class App:
    """Owns the Tk root and the anonymous registry; logs users in and out."""

    def __init__(self, root, registry, demo=False):
        self.root = root
        self.registry = registry
        self.demo = demo
        self.window = None

    def start(self):
        """First-run password if needed, then login; False when the user gave up."""
        if not self.registry.has_users():
            password = FirstRunDialog(self.root).result
            if password is None:
                return False
            self.registry.as_local_admin("setup").users.create(
                "admin", password, "admin", display_name="管理员"
            )
        return self.login(username="admin" if not self.demo else "")

    def login(self, username=""):
        dialog = LoginDialog(
            self.root, self.registry.login, describe() if self.demo else (), username=username
        )
        if dialog.result is None:
            return False
        self.show_main(dialog.result)
        return True

    def show_main(self, user_registry):
        if self.window is not None:
            self.window.destroy()
        if self.registry.path:
            errors.DATABASE["path"] = self.registry.path
            presence.announce(self.registry.path, user_registry.actor.display_name)
            try:
                user_registry.maintenance.auto_backup()
            except RegistryError as exc:  # a failed backup must not stop the day's work
                errors.show(exc, parent=self.root)
        self.root.deiconify()
        self.window = MainWindow(
            self.root,
            user_registry,
            catalogue.Views(user_registry),
            on_switch_user=self.switch_user,
            demo=self.demo,
        )

    def switch_user(self):
        self.window.destroy()
        self.window = None
        self.root.withdraw()
        if not self.login():
            self.root.destroy()


def open_target(target, demo):
    return open_demo(target) if demo else open_registry(target)


def offer_restore(root, target, demo, exc, ask=None):
    """The database cannot be opened: when it is damaged and a good backup of this database
    exists (its id, read from the backup file), offer to restore that backup (the damaged file
    is kept aside); return the opened registry or None.  A restore that fails — the file held
    by another program, or an error nobody foresaw (logged with its traceback) — is said in a
    message; the client then ends normally.  ``ask``: the yes/no question (default
    confirm.ask)."""
    damaged = isinstance(exc, DatabaseDamagedError)
    good = newest_good_backup(str(target)) if damaged else None
    if good is None:
        messagebox.showerror(T.CANNOT_OPEN, str(exc), parent=root)
        return None
    ask = ask or confirm.ask
    question = T.OFFER_RESTORE.format(error=exc, backup=good)
    if not ask(root, T.CANNOT_OPEN, question, ok=T.RESTORE_OK, icon="warning"):
        return None
    try:
        kept = restore_damaged(str(target), good)
        registry = open_target(target, demo)
    except Exception as again:  # shown (and logged with its traceback unless a RegistryError)
        log.error("restoring %s from %s failed: %s", shown_target(target), good, again)
        messagebox.showerror(T.CANNOT_OPEN, errors.message_for(again), parent=root)
        return None
    messagebox.showinfo(T.CANNOT_OPEN, T.RESTORED.format(backup=good, kept=kept), parent=root)
    return registry


def open_for_client(root, target, demo):
    """Open the database (offering a backup when it is damaged); say so when opening upgraded
    an older one.  None when it cannot be opened (the log names the cause)."""
    try:
        registry = open_target(target, demo)
    except RegistryError as exc:
        log.error("cannot open the database %s: %s", shown_target(target), exc)
        registry = offer_restore(root, target, demo, exc)
    if registry is not None and registry.upgraded is not None:
        messagebox.showinfo(T.APP_TITLE, registry.upgraded.message, parent=root)
    return registry


def run(target, demo=False):
    """Run the client until its window closes; return the process exit code.  RegistryError
    when Tk cannot start (a broken Tcl/Tk installation, no display)."""
    theme.enable_dpi_awareness()
    try:
        root = tk.Tk()
    except tk.TclError as exc:
        raise RegistryError(T.TK_BROKEN.format(reason=exc)) from None
    try:
        root.withdraw()
        root.title(T.APP_TITLE)
        theme.apply(root)
        errors.install(root)
        registry = open_for_client(root, target, demo)
        if registry is None:
            root.destroy()
            return 2
        errors.DATABASE["path"] = registry.path  # a lock wait from the first-run dialog on
        app = App(root, registry, demo)
        try:
            if not app.start():
                root.destroy()
                return 0
            root.mainloop()
        finally:
            if registry.path:
                presence.withdraw(registry.path)
            registry.close()
        return 0
    except BaseException:  # the message box about it needs a Tk of its own (ui/startup.py)
        with contextlib.suppress(tk.TclError):
            root.destroy()
        raise
