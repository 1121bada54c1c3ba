"""系统 › 操作日志 (admin): the audit log, newest first, with filters and pages.

Filters: 操作人, 操作, a date range (OptionalDateEntry), the record (对象 + 编号).  The log
stores codes (``update``, ``enterprise``, field names); the screen shows them in Chinese where
a name is known (ui.texts AUDIT_* and the enterprise field labels), codes otherwise.
"""

from decimal import Decimal
from tkinter import ttk

from gjz_registry import InvalidValueError, RegistryError
from gjz_registry import certificate_texts as texts
from gjz_registry import reference as ref
from gjz_registry.services.enterprises import FIELDS as ENTERPRISE_FIELDS
from ui import texts as T
from ui.widgets.dateentry import OptionalDateEntry
from ui.widgets.listpanel import ListPanel

PAGE_SIZE = 100
ACTIONS = {**T.AUDIT_ACTIONS, **T.AUDIT_MORE_ACTIONS}
KEY_LABELS = {**{k: v[0] for k, v in ENTERPRISE_FIELDS.items()}, **T.AUDIT_KEYS}


def show_value(value, key=None):
    if key == "role" and value in ref.ROLE_NAMES:
        return ref.ROLE_NAMES[value]
    if value is True:
        return T.YES
    if value is False:
        return T.NO
    if value is None or value == "":
        return "—"
    if isinstance(value, (float, Decimal)):
        return f"{Decimal(str(value)).normalize():f}"
    return str(value)


def setting_label(key):
    """unit_name → 打印单位名称, certificate_template.graduation → 证书文字（毕业证书）."""
    if key.startswith("certificate_template."):
        kind = texts.KINDS.get(key.split(".", 1)[1])
        return T.AUDIT_SETTING_TEMPLATE.format(title=kind.title if kind else key)
    return T.AUDIT_SETTINGS.get(key, key)


def describe(entry):
    """「名称：旧 → 新；…」 for the keys the entry changed (or set, or removed)."""
    if entry.entity == "setting" and entry.after:
        # settings are logged as {"value": old} → {key: new}
        key, new = next(iter(entry.after.items()))
        old = (entry.before or {}).get("value")
        label = setting_label(key)
        if entry.before:
            return f"{label}：{show_value(old)} → {show_value(new)}"
        return f"{label}：{show_value(new)}"
    keys = list(entry.after) + [k for k in entry.before if k not in entry.after]
    parts = []
    for key in keys:
        label = KEY_LABELS.get(key, key)
        before, after = entry.before.get(key), entry.after.get(key)
        if key in entry.before and key in entry.after:
            parts.append(f"{label}：{show_value(before, key)} → {show_value(after, key)}")
        elif key in entry.after:
            parts.append(f"{label}：{show_value(after, key)}")
        else:
            parts.append(f"{label}：{show_value(before, key)} →")
    return "；".join(parts)


def entry_values(e):
    return (
        e.at.strftime("%Y-%m-%d %H:%M:%S"),
        e.user,
        ACTIONS.get(e.action, e.action),
        T.AUDIT_ENTITIES.get(e.entity, e.entity),
        "" if e.entity_id is None else e.entity_id,
        describe(e),
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
        rows = [(e.id, entry_values(e)) for e in page.items]
        self.view.show_page(rows, page.total, self.page, pages)
        return True

    def go_to_page(self, index):
        self.page = max(0, index)
        return self.load()


class AuditTab(ttk.Frame):
    def __init__(self, parent, registry):
        super().__init__(parent, padding=10)
        self.presenter = p = AuditPresenter(registry, self)
        choices = p.choices()
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        self.boxes = {}
        for key, label, width in (
            ("user", T.AUDIT_FILTER_USER, 10),
            ("action", T.AUDIT_FILTER_ACTION, 8),
            ("entity", T.AUDIT_FILTER_ENTITY, 9),
        ):
            ttk.Label(bar, text=label).pack(side="left", padx=(0, 4))
            # the user box is editable: command-line entries read like cli:<name>
            state = "normal" if key == "user" else "readonly"
            box = ttk.Combobox(bar, values=[""] + choices[key], width=width, state=state)
            box.pack(side="left", padx=(0, 8))
            box.bind("<<ComboboxSelected>>", lambda e: self.search())
            self.boxes[key] = box
        ttk.Label(bar, text=T.AUDIT_FILTER_ID).pack(side="left", padx=(0, 4))
        self.entity_id = ttk.Entry(bar, width=6)
        self.entity_id.pack(side="left", padx=(0, 8))
        ttk.Label(bar, text=T.AUDIT_FILTER_SINCE).pack(side="left", padx=(0, 4))
        self.since = OptionalDateEntry(bar)
        self.since.pack(side="left")
        ttk.Label(bar, text=T.AUDIT_FILTER_UNTIL).pack(side="left", padx=4)
        self.until = OptionalDateEntry(bar)
        self.until.pack(side="left", padx=(0, 8))
        self.search_button = ttk.Button(bar, text=T.AUDIT_SEARCH, command=self.search)
        self.search_button.pack(side="left")
        ttk.Button(bar, text=T.AUDIT_RESET, command=self.reset).pack(side="left", padx=(6, 0))
        self.message = ttk.Label(self, style="Error.TLabel")
        self.message.pack(fill="x")
        self.panel = ListPanel(self, T.AUDIT_LOG_COLUMNS, on_page=p.go_to_page)
        self.panel.pack(fill="both", expand=True, pady=(4, 0))
        for widget in (self.entity_id, self.since, self.until, self.boxes["user"]):
            widget.bind("<Return>", lambda e: self.search())
        p.set_filters()

    def search(self):
        try:
            since, until = self.since.get_date(), self.until.get_date()
        except InvalidValueError as exc:
            self.show_message(str(exc))
            return False
        return self.presenter.set_filters(
            self.boxes["user"].get(),
            self.boxes["action"].get(),
            since,
            until,
            self.boxes["entity"].get(),
            self.entity_id.get(),
        )

    def reset(self):
        for box in self.boxes.values():
            box.set("")
        self.entity_id.delete(0, "end")
        self.since.set_date(None)
        self.until.set_date(None)
        return self.presenter.set_filters()

    # --- presenter's view interface ---------------------------------------------------
    def show_page(self, rows, total, page, pages):
        self.panel.show(rows, total, page, pages)

    def show_message(self, value):
        self.message.configure(text=value)

    def refresh(self):
        self.presenter.load()
