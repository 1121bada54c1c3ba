"""系统: accounts, reference data, backups, the audit log, one's own password and 关于.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.system.
"""

import gjz_registry
from gjz_registry import RegistryError, paths, settings
from ui import texts as T


def about_facts(registry):
    """[(label, value)] for 关于: version (what ``gjz --version`` prints), database, report
    font, log file, data folder."""
    from reports.fonts import find_font

    actor = registry.actor
    font = find_font(registry.reference.setting(settings.FONT_PATH))
    facts = [
        (T.ABOUT_VERSION, gjz_registry.version_line()),
        (T.ABOUT_USER, f"{actor.display_name or actor.label}（{actor.label}）"),
        (T.ABOUT_DATABASE if registry.is_sqlite else T.ABOUT_SERVER_DATABASE, registry.where),
        # the note names the file again when the font is embedded; say it only when it is not
        (T.ABOUT_FONT, font.name if font.embedded else f"{font.name}　{font.note}"),
    ]
    if font.path:
        facts.append((T.ABOUT_FONT_FILE, font.path))
    facts += [(T.ABOUT_LOG, paths.log_file()), (T.ABOUT_DATA, paths.data_dir())]
    return facts


class PasswordPresenter:
    """Changes the logged-in user's own password; view: show_message(text, error)."""

    def __init__(self, registry, view):
        self.registry = registry
        self.view = view

    def change(self, old, new, again):
        if not new or new != again:
            self.view.show_message(T.FIRST_RUN_MISMATCH if new else T.PASSWORD_TOO_SHORT)
            return False
        try:
            self.registry.users.set_password(self.registry.actor.label, new, old)
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return False
        self.view.show_message(T.PASSWORD_CHANGED, False)
        return True
