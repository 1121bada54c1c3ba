"""系统 › 操作日志 (admin): the audit log, newest first, with filters and pages.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.system_audit.
"""

from gjz_registry import RegistryError
from ui import texts as T
from ui.audit_text import (
    ACTIONS,
    AuditText,
    action_label,
    describe,  # noqa: F401  (re-exported: callers import it from here)
)

PAGE_SIZE = 100


def entry_values(e, text):
    """The row of one entry; ``text``: its description (AuditText.describe_all)."""
    return (
        e.at.strftime("%Y-%m-%d %H:%M:%S"),
        e.user,
        action_label(e.action),
        T.AUDIT_ENTITIES.get(e.entity, e.entity),
        "" if e.entity_id is None else e.entity_id,
        text,
    )


class AuditPresenter:
    """For a view with show_page(rows, total, page, pages), show_message(text)."""

    def __init__(self, registry, view, page_size=PAGE_SIZE):
        self.registry = registry
        self.view = view
        self.page_size = page_size
        self.filters = {}
        self.page = 0
        self.total = 0

    def choices(self):
        """Values offered by the filter boxes: users, action names, object names."""
        users = [u.username for u in self.registry.users.list()]
        return {
            "user": users,
            "action": list(dict.fromkeys(ACTIONS.values())),
            "entity": list(T.AUDIT_ENTITIES.values()),
        }

    def set_filters(self, user="", action="", since=None, until=None, entity="", entity_id=""):
        """Filters as shown on screen (Chinese names); False when one is not valid."""
        codes = {v: k for k, v in ACTIONS.items()}
        entities = {v: k for k, v in T.AUDIT_ENTITIES.items()}
        entity_id = str(entity_id or "").strip()
        if entity_id and not entity_id.isdigit():
            self.view.show_message(T.AUDIT_BAD_ID)
            return False
        self.view.show_message("")
        self.filters = dict(
            user=user.strip() or None,
            action=codes.get(action, action) or None,
            since=since,
            until=until,
            entity=entities.get(entity, entity) or None,
            entity_id=int(entity_id) if entity_id else None,
        )
        self.page = 0
        return self.load()

    def load(self):
        try:
            page = self.registry.audit.list(
                offset=self.page * self.page_size, limit=self.page_size, **self.filters
            )
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return False
        self.total = page.total
        pages = max(1, -(-page.total // self.page_size))
        texts = AuditText(self.registry).describe_all(page.items)
        rows = [(e.id, entry_values(e, text)) for e, text in zip(page.items, texts)]
        self.view.show_page(rows, page.total, self.page, pages)
        return True

    def go_to_page(self, index):
        self.page = max(0, index)
        return self.load()
