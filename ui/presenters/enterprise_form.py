"""The enterprise form.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.enterprise_form.
"""

from gjz_registry.fields import ENTERPRISE
from ui import texts as T
from ui.views.local_rows import text
from ui.views.record_form import RecordFormPresenter


class EnterpriseFormPresenter(RecordFormPresenter):
    """Loads, validates and saves one enterprise (see RecordFormPresenter for the view)."""

    service_name = "enterprises"
    spec = ENTERPRISE

    def reference_kinds(self):
        reference = self.registry.reference
        actor = self.registry.actor
        streets = [actor.street] if actor.scoped else reference.streets()
        return {
            "street": ("choice", tuple(streets)),
            "industry": ("choice", ("",) + tuple(reference.industries())),
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
