"""The carrier form, with the tabs 在孵企业, 毕业企业, 操作记录.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.carrier_form.
"""

from gjz_registry.fields import CARRIER
from ui import texts as T
from ui.views.local_rows import text
from ui.views.record_form import RecordFormPresenter


class CarrierFormPresenter(RecordFormPresenter):
    """Loads, validates and saves one carrier (see RecordFormPresenter for the view);
    a read-only user's save does nothing."""

    service_name = "carriers"
    spec = CARRIER

    def reference_kinds(self):
        actor = self.registry.actor
        streets = [actor.street] if actor.scoped else [""] + self.registry.reference.streets()
        return {"street": ("choice", tuple(streets))}

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
