"""The carrier form: presenter (no Tk) and window, with the tabs 在孵企业 and 毕业企业.

Fields are checked as the user leaves them with the rules the service applies on save
(``CarrierService.clean``); a stale version is refused with the service's message.  Every
user may read every carrier; street users edit only their own street's carriers (the street
is fixed for them) and viewers edit nothing.  Admission starts from the enterprise (its
孵化历程 tab), not here: the 在孵企业 tab only lists and opens the residents.
"""

from tkinter import ttk

from gjz_registry import InvalidValueError, RegistryError
from gjz_registry import reference as ref
from ui import texts as T
from ui.views.local_rows import text
from ui.views.record_window import RecordWindow
from ui.widgets.form import Field, FormGrid
from ui.widgets.table import Table

FIELD_KEYS = (
    "name",
    "kind",
    "level",
    "operator_name",
    "operator_credit_code",
    "street",
    "recognized_on",
    "address",
    "area_m2",
    "status",
    "contact_name",
    "contact_phone",
    "notes",
)
REQUIRED = {"name", "kind"}
SPAN = {"name", "address", "notes"}


class CarrierFormPresenter:
    """Loads, validates and saves one carrier for a view with set_values(dict),
    set_error(key, message), set_editable(editable, street_fixed, note),
    show_message(text) and saved(record)."""

    def __init__(self, registry, view, carrier_id=None):
        self.registry = registry
        self.view = view
        self.carrier_id = carrier_id
        self.record = None
        self.loaded = {}
        from gjz_registry.services.carriers import FIELDS

        self.labels = {key: FIELDS[key][0] for key in FIELD_KEYS}

    def fields(self):
        actor = self.registry.actor
        streets = [actor.street] if actor.scoped else [""] + self.registry.reference.streets()
        kinds = {
            "kind": ("choice", ref.CARRIER_KINDS),
            "level": ("choice", ref.CARRIER_LEVELS),
            "street": ("choice", tuple(streets)),
            "status": ("choice", ref.CARRIER_STATUSES),
            "recognized_on": ("date", ()),
            "notes": ("multiline", ()),
        }
        result = []
        for key in FIELD_KEYS:
            kind, choices = kinds.get(key, ("text", ()))
            result.append(
                Field(key, self.labels[key], kind, key in REQUIRED, choices, span=key in SPAN)
            )
        return result

    @property
    def other_street(self):
        """True when a street user looks at another street's carrier."""
        actor = self.registry.actor
        return bool(actor.scoped and self.record is not None and self.record.street != actor.street)

    @property
    def editable(self):
        return self.registry.actor.can_write and not self.other_street

    def readonly_note(self):
        if self.editable:
            return ""
        if self.other_street:
            return T.CARRIER_OTHER_STREET.format(street=self.record.street or "")
        return T.READONLY_NOTE

    def load(self):
        if self.carrier_id is None:
            self.loaded = {k: "" for k in FIELD_KEYS}
            self.loaded.update(level="未认定", status=ref.CARRIER_STATUSES[0])
            if self.registry.actor.scoped:
                self.loaded["street"] = self.registry.actor.street
        else:
            self.record = self.registry.carriers.get(self.carrier_id)
            self.loaded = {k: text(getattr(self.record, k)) for k in FIELD_KEYS}
        self.view.set_values(self.loaded)
        self.view.set_editable(self.editable, self.registry.actor.scoped, self.readonly_note())
        return self.record

    def dirty(self, values):
        return any(values.get(k, "") != self.loaded.get(k, "") for k in FIELD_KEYS)

    def check_field(self, key, raw):
        """The reason ``raw`` is not acceptable for ``key`` (None when it is)."""
        if key not in self.labels:
            return None
        if not raw:
            return T.REQUIRED.format(label=self.labels[key]) if key in REQUIRED else None
        try:
            self.registry.carriers.clean({key: raw}, partial=True)
        except InvalidValueError as exc:
            return str(exc)
        return None

    def leave(self, key, raw):
        message = self.check_field(key, raw)
        self.view.set_error(key, message)
        return message

    def save(self, values):
        """Validate everything, then create or update; returns the record or None."""
        if not self.editable:
            return None
        problems = {k: self.check_field(k, values.get(k, "")) for k in FIELD_KEYS}
        for key, message in problems.items():
            self.view.set_error(key, message)
        if any(problems.values()):
            return None
        data = {k: (values.get(k) or None) for k in FIELD_KEYS}
        try:
            if self.carrier_id is None:
                record = self.registry.carriers.create(data)
            else:
                changed = {k: v for k, v in data.items() if values.get(k, "") != self.loaded[k]}
                if not changed:
                    return self.record
                record = self.registry.carriers.update(
                    self.carrier_id, changed, version=self.record.version
                )
        except InvalidValueError as exc:
            key = next((k for k, label in self.labels.items() if label == exc.field), None)
            if key:
                self.view.set_error(key, str(exc))
            else:
                self.view.show_message(str(exc))
            return None
        except RegistryError as exc:  # ConflictError, DuplicateError, PermissionDeniedError
            self.view.show_message(str(exc))
            return None
        self.carrier_id = record.id
        self.record = record
        self.loaded = {k: text(getattr(record, k)) for k in FIELD_KEYS}
        self.view.saved(record)
        return record

    # --- tabs --------------------------------------------------------------------------
    def resident_rows(self):
        """Current residents (within the user's scope), keyed by enterprise id."""
        return [
            (r.enterprise_id, (r.enterprise_name, r.stage, text(r.entered_on), r.months))
            for r in self.registry.incubation.residents(carrier_id=self.carrier_id)
        ]

    def graduate_rows(self):
        graduates = self.registry.carriers.graduates(self.carrier_id)
        return [(index, (name, text(day))) for index, (name, day) in enumerate(graduates, 1)]

    def residents_note(self):
        actor = self.registry.actor
        if actor.scoped:
            return T.RESIDENTS_SCOPED_NOTE.format(street=actor.street)
        return T.RESIDENTS_NOTE


class ListTab(ttk.Frame):
    """A note line and a table fed by ``rows()``."""

    def __init__(self, notebook, title, columns, rows, note="", on_open=None):
        super().__init__(notebook, padding=10)
        self.rows = rows
        self.note = ttk.Label(self, text=note, style="Muted.TLabel")
        self.note.pack(anchor="w", pady=(0, 6))
        self.table = Table(self, columns, on_open=on_open, height=12)
        self.table.pack(fill="both", expand=True)
        notebook.add(self, text=title)

    def refresh(self):
        self.table.set_rows(self.rows())


class CarrierWindow(RecordWindow):
    """The form in its own window; ``on_saved(record)`` lets the list refresh."""

    title_format = T.CARRIER_TITLE

    def __init__(self, parent, registry, carrier_id=None, on_saved=None, _utest=False):
        super().__init__(parent)
        self.registry = registry
        self.on_saved = on_saved
        self.presenter = CarrierFormPresenter(registry, self, carrier_id)
        self.geometry("900x660")
        self.minsize(800, 560)
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
        self.message = ttk.Label(outer, style="Error.TLabel", wraplength=820)
        self.message.pack(side="bottom", fill="x", pady=(6, 0))
        self.notebook = ttk.Notebook(outer)
        self.notebook.pack(fill="both", expand=True)
        basic = ttk.Frame(self.notebook, padding=10)
        self.notebook.add(basic, text=T.TAB_BASIC)
        self.form = FormGrid(basic, self.presenter.fields(), on_leave=self.presenter.leave)
        self.form.pack(fill="x")
        self.note = ttk.Label(basic, style="Muted.TLabel")
        self.note.pack(anchor="w", pady=(10, 0))
        p = self.presenter
        self.tabs = {
            "residents": ListTab(
                self.notebook,
                T.TAB_RESIDENTS,
                T.CARRIER_RESIDENT_COLUMNS,
                p.resident_rows,
                p.residents_note(),
                on_open=self.open_enterprise,
            ),
            "graduates": ListTab(
                self.notebook,
                T.TAB_GRADUATES,
                T.CARRIER_GRADUATE_COLUMNS,
                p.graduate_rows,
                T.GRADUATES_NOTE,
            ),
        }
        self.bind("<Control-s>", lambda e: self.save())
        self.bind("<Escape>", lambda e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        record = p.load()
        self.title(T.CARRIER_TITLE.format(name=record.name) if record else T.CARRIER_NEW)
        self.refresh_tabs()
        self.form.focus_first()
        if not _utest:
            self.transient(parent)

    @property
    def record_id(self):
        return self.presenter.carrier_id

    def open_enterprise(self, enterprise_id):
        from ui.views.enterprise_form import EnterpriseWindow

        return EnterpriseWindow(
            self, self.registry, enterprise_id, on_saved=lambda record: self.refresh_tabs()
        )
