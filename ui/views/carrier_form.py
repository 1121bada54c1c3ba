"""The carrier form: presenter (no Tk) and window, with the tabs 在孵企业, 毕业企业, 操作记录.

Fields are checked as the user leaves them with the rules the service applies on save
(``CarrierService.clean``); a stale version is refused with the service's message.  Every
user may read every carrier; street users edit only their own street's carriers (the street
is fixed for them) and viewers edit nothing.  Admission starts from the enterprise (its
孵化历程 tab), not here: the 在孵企业 tab only lists and opens the residents.
"""

from tkinter import ttk

from gjz_registry import reference as ref
from ui import texts as T
from ui.views.local_rows import text
from ui.views.record_form import RecordFormPresenter
from ui.views.record_window import RecordWindow, TableTab

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


class CarrierFormPresenter(RecordFormPresenter):
    """Loads, validates and saves one carrier (see RecordFormPresenter for the view);
    a read-only user's save does nothing."""

    service_name = "carriers"
    record_kind = "carrier"
    field_keys = FIELD_KEYS
    required = REQUIRED
    defaults = {"level": "未认定", "status": ref.CARRIER_STATUSES[0]}

    def field_kinds(self):
        actor = self.registry.actor
        streets = [actor.street] if actor.scoped else [""] + self.registry.reference.streets()
        return {
            "kind": ("choice", ref.CARRIER_KINDS),
            "level": ("choice", ref.CARRIER_LEVELS),
            "street": ("choice", tuple(streets)),
            "status": ("choice", ref.CARRIER_STATUSES),
            "recognized_on": ("date", ()),
            "notes": ("multiline", ()),
        }

    @property
    def carrier_id(self):
        return self.record_id

    def readonly_note(self):
        if self.other_street and not self.record.street:
            return T.CARRIER_DISTRICT
        if self.other_street:
            return T.CARRIER_OTHER_STREET.format(street=self.record.street)
        return super().readonly_note()

    def save(self, values):
        if not self.editable:
            return None
        return super().save(values)

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


class ListTab(TableTab):
    """A note line above the table."""

    def __init__(self, window, title, columns, rows, note="", on_open=None):
        super().__init__(window, title, columns, rows, on_open=on_open)
        self.note = ttk.Label(self, text=note, style="Muted.TLabel")
        self.note.pack(anchor="w", pady=(0, 6), before=self.table)


class CarrierWindow(RecordWindow):
    """The carrier form in its own window; ``on_saved(record)`` lets the list refresh."""

    presenter_class = CarrierFormPresenter
    title_format = T.CARRIER_TITLE
    new_title = T.CARRIER_NEW
    message_wrap = 820

    def build_tabs(self):
        p = self.presenter
        self.tabs["residents"] = ListTab(
            self,
            T.TAB_RESIDENTS,
            T.CARRIER_RESIDENT_COLUMNS,
            p.resident_rows,
            p.residents_note(),
            on_open=self.open_enterprise,
        )
        self.tabs["graduates"] = ListTab(
            self, T.TAB_GRADUATES, T.CARRIER_GRADUATE_COLUMNS, p.graduate_rows, T.GRADUATES_NOTE
        )
        self.tabs["audit"] = TableTab(self, T.TAB_AUDIT, T.AUDIT_COLUMNS, p.audit_rows)

    def open_enterprise(self, enterprise_id):
        from ui.views.enterprise_form import EnterpriseWindow

        return EnterpriseWindow(
            self, self.registry, enterprise_id, on_saved=lambda record: self.refresh_tabs()
        )
