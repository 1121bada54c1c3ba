"""The enterprise form: presenter (no Tk) and window.

Tabs: 基本信息, 资质, 年度数据, 孵化历程, 操作记录.

Fields are validated as the user leaves them, with the same rules the service applies on
save (``EnterpriseService.clean``); a stale version is refused with the service's message.
Street users get the street fixed to theirs; viewers and out-of-scope users get no editing.
"""

from tkinter import ttk

from gjz_registry import ConflictError, InvalidValueError
from gjz_registry import reference as ref
from ui import texts as T
from ui.audit_text import AuditText, action_label
from ui.views.record_window import RecordWindow
from ui.widgets.form import Field, FormGrid

FIELD_KEYS = (
    "name",
    "credit_code",
    "street",
    "industry",
    "legal_rep",
    "contact_name",
    "contact_phone",
    "address",
    "founded_on",
    "registered_capital",
    "employees",
    "rd_staff",
    "status",
    "notes",
)


class EnterpriseFormPresenter:
    """Loads, validates and saves one enterprise for a view with set_values(dict),
    set_error(key, message), set_editable(bool, street_fixed), show_message(text),
    saved(record)."""

    def __init__(self, registry, view, enterprise_id=None):
        self.registry = registry
        self.view = view
        self.enterprise_id = enterprise_id
        self.record = None
        self.loaded = {}
        from gjz_registry.services.enterprises import FIELDS

        self.labels = {key: FIELDS[key][0] for key in FIELD_KEYS}
        self.required = {"name", "credit_code", "street"}

    def fields(self):
        reference = self.registry.reference
        actor = self.registry.actor
        streets = [actor.street] if actor.scoped else reference.streets()
        kinds = {
            "street": ("choice", tuple(streets)),
            "industry": ("choice", ("",) + tuple(reference.industries())),
            "status": ("choice", ref.ENTERPRISE_STATUSES),
            "founded_on": ("date", ()),
            "notes": ("multiline", ()),
        }
        result = []
        for key in FIELD_KEYS:
            kind, choices = kinds.get(key, ("text", ()))
            result.append(
                Field(
                    key,
                    self.labels[key],
                    kind,
                    key in self.required,
                    choices,
                    span=key in ("name", "address", "notes"),
                )
            )
        return result

    @property
    def editable(self):
        actor = self.registry.actor
        if not actor.can_write:
            return False
        if actor.scoped and self.record is not None and self.record.street != actor.street:
            return False
        return True

    def load(self):
        if self.enterprise_id is None:
            actor = self.registry.actor
            self.loaded = {k: "" for k in FIELD_KEYS}
            self.loaded["status"] = ref.STATUS_ACTIVE
            if actor.scoped:
                self.loaded["street"] = actor.street
        else:
            self.record = self.registry.enterprises.get(self.enterprise_id)
            self.loaded = {k: _text(getattr(self.record, k)) for k in FIELD_KEYS}
        self.view.set_values(self.loaded)
        self.view.set_editable(self.editable, street_fixed=self.registry.actor.scoped)
        return self.record

    def dirty(self, values):
        return any(values.get(k, "") != self.loaded.get(k, "") for k in FIELD_KEYS)

    def check_field(self, key, raw):
        """The reason ``raw`` is not acceptable for ``key`` (None when it is)."""
        if key not in self.labels:
            return None
        if not raw:
            return T.REQUIRED.format(label=self.labels[key]) if key in self.required else None
        try:
            self.registry.enterprises.clean({key: raw}, partial=True)
        except InvalidValueError as exc:
            return str(exc)
        return None

    def leave(self, key, raw):
        message = self.check_field(key, raw)
        self.view.set_error(key, message)
        return message

    def save(self, values):
        """Validate everything, then create or update; returns the record or None."""
        problems = {k: self.check_field(k, values.get(k, "")) for k in FIELD_KEYS}
        for key, message in problems.items():
            self.view.set_error(key, message)
        if any(problems.values()):
            return None
        data = {k: (values.get(k) or None) for k in FIELD_KEYS}
        try:
            if self.enterprise_id is None:
                record = self.registry.enterprises.create(data)
            else:
                changed = {k: v for k, v in data.items() if values.get(k, "") != self.loaded[k]}
                if not changed:
                    return self.record
                record = self.registry.enterprises.update(
                    self.enterprise_id, changed, version=self.record.version
                )
        except InvalidValueError as exc:
            key = self._key_for_label(exc.field)
            if key:
                self.view.set_error(key, str(exc))
            else:
                self.view.show_message(str(exc))
            return None
        except ConflictError as exc:
            self.view.show_message(str(exc))
            return None
        self.enterprise_id = record.id
        self.record = record
        self.loaded = {k: _text(getattr(record, k)) for k in FIELD_KEYS}
        self.view.saved(record)
        return record

    def _key_for_label(self, label):
        for key, text in self.labels.items():
            if text == label:
                return key
        return None

    # --- tabs --------------------------------------------------------------------------
    def qualification_rows(self):
        rows = []
        for q in self.registry.qualifications.for_enterprise(self.enterprise_id):
            status = T.SUPERSEDED if q.superseded_by else q.status()
            rows.append(
                (q.id, (q.kind, q.number or "", _text(q.granted_on), _text(q.expires_on), status))
            )
        return rows

    def annual_rows(self):
        rows = []
        for a in self.registry.annual.for_enterprise(self.enterprise_id):
            val = a.values
            rows.append(
                (
                    a.year,
                    (
                        a.year,
                        _text(val["revenue"]),
                        _text(val["output_value"]),
                        _text(val["rd_expense"]),
                        _text(a.rd_intensity),
                        _text(a.revenue_growth),
                        _text(val["employees"]),
                        _text(val["rd_staff"]),
                    ),
                )
            )
        return rows

    def history_rows(self):
        return [
            (
                r.id,
                (
                    r.carrier,
                    r.stage,
                    _text(r.entered_on),
                    _text(r.left_on) or T.IN_RESIDENCE,
                    r.exit_reason or "",
                    r.months,
                    r.basis or "",
                ),
            )
            for r in self.registry.incubation.history(self.enterprise_id)
        ]

    def audit_rows(self):
        entries = self.registry.enterprises.audit_trail(self.enterprise_id)
        texts = AuditText(self.registry).describe_all(entries)
        return [
            (
                entry.id,
                (entry.at.strftime("%Y-%m-%d %H:%M"), entry.user, action_label(entry.action), text),
            )
            for entry, text in zip(entries, texts)
        ]


def _text(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    from decimal import Decimal

    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


class EnterpriseWindow(RecordWindow):
    """The form in its own window; ``on_saved(record)`` lets the list refresh."""

    title_format = T.ENTERPRISE_TITLE

    def __init__(self, parent, registry, enterprise_id=None, on_saved=None, _utest=False):
        super().__init__(parent)
        self.registry = registry
        self.on_saved = on_saved
        self.presenter = EnterpriseFormPresenter(registry, self, enterprise_id)
        self.geometry("920x700")
        self.minsize(820, 560)
        outer = ttk.Frame(self, padding=12)
        outer.pack(fill="both", expand=True)
        buttons = ttk.Frame(outer)
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        self.cancel_button = ttk.Button(buttons, text=T.CANCEL, command=self.cancel)
        self.cancel_button.pack(side="right")
        self.save_button = ttk.Button(
            buttons, text=T.SAVE + "（Ctrl+S）", style="Accent.TButton", command=self.save
        )
        self.save_button.pack(side="right", padx=(0, 8))
        self.message = ttk.Label(outer, style="Error.TLabel", wraplength=800)
        self.message.pack(side="bottom", fill="x", pady=(6, 0))
        self.notebook = ttk.Notebook(outer)
        self.notebook.pack(fill="both", expand=True)
        basic = ttk.Frame(self.notebook, padding=10)
        self.notebook.add(basic, text=T.TAB_BASIC)
        self.form = FormGrid(basic, self.presenter.fields(), on_leave=self.presenter.leave)
        self.form.pack(fill="x")
        self.note = ttk.Label(basic, style="Muted.TLabel")
        self.note.pack(anchor="w", pady=(10, 0))
        self.tabs = {}
        from ui.views.enterprise_tabs import build_tabs

        build_tabs(self)
        self.bind("<Control-s>", lambda e: self.save())
        self.bind("<Escape>", lambda e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        try:
            record = self.presenter.load()
        except Exception:  # e.g. not visible to this user: no half-built window stays behind
            self.destroy()
            raise
        self.title(T.ENTERPRISE_TITLE.format(name=record.name) if record else T.ENTERPRISE_NEW)
        self.refresh_tabs()
        self.form.focus_first()
        if not _utest:
            self.transient(parent)

    @property
    def record_id(self):
        return self.presenter.enterprise_id
