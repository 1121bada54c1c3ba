"""Qualifications: the valid ones of a kind, and those about to expire, with days left.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.qualifications.
"""

import datetime

from gjz_registry import reference as ref
from ui import list_output
from ui import texts as T
from ui.views.list_presenter import LocalListsPresenter, chosen
from ui.views.local_rows import text

DEFAULT_DAYS = 90


LISTS = {
    "valid": (T.QUAL_TAB_VALID, T.QUAL_VALID_COLUMNS),
    "expiring": (T.QUAL_TAB_EXPIRING, T.QUAL_EXPIRING_COLUMNS),
}


class QualificationsPresenter(LocalListsPresenter):
    """State of both lists for a view with show_list(key, rows, total, page, pages,
    sort_key, sort_desc) and open_record(enterprise_id)."""

    def __init__(self, registry, view, page_size=100, today=None):
        super().__init__(registry, view, LISTS, page_size)
        self.today = today
        self.kind = ref.QUAL_HIGH_TECH
        self.expiring_kind = None  # None: every kind
        self.street = None
        self.days = DEFAULT_DAYS
        self.enterprise_of = {}

    @property
    def street_filter(self):
        """District users may choose a street; street users see theirs only."""
        return not self.registry.actor.scoped

    def choices(self):
        return {
            "kind": list(ref.QUALIFICATION_KINDS),
            "street": self.registry.reference.streets() if self.street_filter else [],
            "days": [T.QUAL_WITHIN_CHOICE.format(days=d) for d in T.QUAL_WITHIN_DAYS],
        }

    def load(self):
        self.load_valid()
        self.load_expiring()

    def load_valid(self):
        as_of = self.today or datetime.date.today()
        records = self.registry.qualifications.current(self.kind, as_of, street=self.street)
        rows = []
        for q in records:
            self.enterprise_of[q.id] = q.enterprise_id
            values = (
                q.enterprise_name,
                q.credit_code or "",
                q.street or "",
                q.number or "",
                text(q.granted_on),
                text(q.expires_on),
                q.status(as_of),
            )
            rows.append((q.id, values))
        self.lists["valid"].replace(rows)
        self.show("valid")

    def load_expiring(self):
        as_of = self.today or datetime.date.today()
        records = self.registry.qualifications.expiring(self.days, as_of, kind=self.expiring_kind)
        rows = []
        for q in records:
            if self.street and q.street != self.street:
                continue
            self.enterprise_of[q.id] = q.enterprise_id
            values = (
                q.enterprise_name,
                q.credit_code or "",
                q.street or "",
                q.kind,
                q.number or "",
                text(q.expires_on),
                (q.expires_on - as_of).days,
            )
            rows.append((q.id, values))
        self.lists["expiring"].replace(rows)
        self.show("expiring")

    def set_kind(self, kind):
        self.kind = kind
        self.lists["valid"].page = 0
        self.load_valid()

    def set_expiring_kind(self, kind):
        self.expiring_kind = chosen(kind)
        self.lists["expiring"].page = 0
        self.load_expiring()

    def set_days(self, days):
        """``days`` is a number or one of the choices shown (「90 天内」)."""
        if isinstance(days, str):
            days = int("".join(ch for ch in days if ch.isdigit()))
        self.days = days
        self.lists["expiring"].page = 0
        self.load_expiring()

    def set_street(self, street):
        self.street = chosen(street)
        for rows in self.lists.values():
            rows.page = 0
        self.load()

    def open(self, qualification_id):
        enterprise_id = self.enterprise_of.get(qualification_id)
        if enterprise_id is None:
            return None
        return self.view.open_record(enterprise_id)

    # --- output ----------------------------------------------------------------------------
    def export_output(self):
        """导出Excel of the 有效资质 tab: its kind's list, of the chosen street."""
        return list_output.qualification_export(self.registry, self.kind, self.street)

    def print_output(self, key):
        """打印名单 of tab ``key`` as it is on screen."""
        rows = self.lists[key]
        headers = [heading for _, heading, _ in LISTS[key][1]]
        if key == "valid":
            title = T.QUAL_VALID_REPORT.format(kind=self.kind)
            kind = self.kind
        else:
            kind = self.expiring_kind or T.QUAL_ANY_KIND
            title = T.QUAL_EXPIRING_REPORT.format(kind=kind, days=self.days)
            kind = None  # never one of the standard lists
        return list_output.qualification_print(
            self.registry, kind, self.street, rows.text, rows.matching(), headers, title
        )
