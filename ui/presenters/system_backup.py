"""系统 › 备份与恢复 (admin): back up now, restore, the backup folder, the backups, a check.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.system_backup.
"""

import os

from gjz_registry import ForeignBackupError, RegistryError, settings
from gjz_registry.services.maintenance import SERVER_BACKUPS
from ui import texts as T


def kb(size):
    return T.SIZE_KB.format(size=f"{max(1, round(size / 1024)):,}")


class BackupPresenter:
    """For a view with show_folder(path), show_backups(rows), show_message(text, error),
    show_check(lines), ask_restore_file() → path, ask_confirm(text) → bool, and
    show_server_note(text) (a server database: no file backups here, the note says how)."""

    def __init__(self, registry, view):
        self.registry = registry
        self.view = view
        self.paths = []

    def load(self):
        maintenance = self.registry.maintenance
        if not self.registry.is_sqlite:  # the server backs up its databases, not the client
            self.view.show_server_note(SERVER_BACKUPS.format(target=self.registry.where))
            return
        self.view.show_folder(maintenance.backup_folder())
        found = maintenance.backups()
        self.paths = [path for _, path, _ in found]
        self.view.show_backups(
            [
                (i, (when.strftime("%Y-%m-%d %H:%M:%S"), os.path.basename(path), kb(size)))
                for i, (when, path, size) in enumerate(found)
            ]
        )

    def backup_now(self):
        try:
            path = self.registry.maintenance.backup()
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        self.load()
        self.view.show_message(T.BACKUP_DONE.format(path=path), False)
        return path

    def restore(self, path=None):
        """Restore from ``path`` (else the file the user picks) after a confirmation; returns
        the safety copy of the database as it was, or None."""
        path = path or self.view.ask_restore_file(self.registry.maintenance.backup_folder())
        if not path:
            return None
        if not self.view.ask_confirm(T.RESTORE_CONFIRM.format(path=path)):
            return None
        try:
            try:
                done = self.registry.maintenance.restore(path)
            except ForeignBackupError as exc:  # another database's backup: ask once more
                if not self.view.ask_confirm(
                    T.RESTORE_FOREIGN_CONFIRM.format(reason=exc.details["reason"])
                ):
                    return None
                done = self.registry.maintenance.restore(path, force=True)
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        self.load()
        self.view.show_message(T.RESTORE_DONE.format(path=path, safety=done.safety), False)
        return done.safety

    def restore_listed(self, index):
        if index is None or not 0 <= index < len(self.paths):
            self.view.show_message(T.NOTHING_SELECTED)
            return None
        return self.restore(self.paths[index])

    def save_folder(self, folder):
        folder = (folder or "").strip()
        if not folder:
            self.view.show_message(T.REQUIRED.format(label=T.BACKUP_FOLDER))
            return None
        try:
            self.registry.reference.set_setting(settings.BACKUP_DIR, folder)
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        self.load()
        self.view.show_message(T.BACKUP_FOLDER_SAVED, False)
        return folder

    def check(self):
        try:
            report = self.registry.maintenance.check()
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        if report.ok:
            lines = [T.CHECK_OK.format(enterprises=report.enterprises)]
        else:
            lines = [T.CHECK_PROBLEMS.format(count=len(report.problems))] + report.problems
        self.view.show_check(lines)
        return report
