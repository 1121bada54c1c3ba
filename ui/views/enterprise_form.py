"""The enterprise form: presenter (no Tk) and window.

Tabs: 基本信息, 资质, 年度数据, 孵化历程, 操作记录.

Fields are validated as the user leaves them, with the same rules the service applies on
save (``EnterpriseService.clean``); a stale version is refused with the service's message.
Street users get the street fixed to theirs; viewers and out-of-scope users get no editing.
"""

from gjz_registry import reference as ref
from ui import texts as T
from ui.views.local_rows import text
from ui.views.record_form import RecordFormPresenter
from ui.views.record_window import RecordWindow

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


class EnterpriseFormPresenter(RecordFormPresenter):
    """Loads, validates and saves one enterprise (see RecordFormPresenter for the view)."""

    service_name = "enterprises"
    record_kind = "enterprise"
    field_keys = FIELD_KEYS
    required = {"name", "credit_code", "street"}
    defaults = {"status": ref.STATUS_ACTIVE}

    def field_kinds(self):
        reference = self.registry.reference
        actor = self.registry.actor
        streets = [actor.street] if actor.scoped else reference.streets()
        return {
            "street": ("choice", tuple(streets)),
            "industry": ("choice", ("",) + tuple(reference.industries())),
            "status": ("choice", ref.ENTERPRISE_STATUSES),
            "founded_on": ("date", ()),
            "notes": ("multiline", ()),
        }

    @property
    def enterprise_id(self):
        return self.record_id

    # --- tabs --------------------------------------------------------------------------
    def qualification_rows(self):
        rows = []
        for q in self.registry.qualifications.for_enterprise(self.enterprise_id):
            status = T.SUPERSEDED if q.superseded_by else q.status()
            rows.append(
                (q.id, (q.kind, q.number or "", text(q.granted_on), text(q.expires_on), status))
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
                        text(val["revenue"]),
                        text(val["output_value"]),
                        text(val["rd_expense"]),
                        text(a.rd_intensity),
                        text(a.revenue_growth),
                        text(val["employees"]),
                        text(val["rd_staff"]),
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
                    text(r.entered_on),
                    text(r.left_on) or T.IN_RESIDENCE,
                    r.exit_reason or "",
                    r.months,
                    r.explanation,
                ),
            )
            for r in self.registry.incubation.history(self.enterprise_id)
        ]


class EnterpriseWindow(RecordWindow):
    """The enterprise form in its own window; ``on_saved(record)`` lets the list refresh."""

    presenter_class = EnterpriseFormPresenter
    title_format = T.ENTERPRISE_TITLE
    new_title = T.ENTERPRISE_NEW
    size = (920, 700)
    min_size = (820, 560)
    message_wrap = 800

    def build_tabs(self):
        from ui.views.enterprise_tabs import build_tabs

        build_tabs(self)
