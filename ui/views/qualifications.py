"""Qualifications: the valid ones of a kind, and those about to expire, with days left.

Two tabs: 有效资质 (qualifications.current(kind, street)) and 即将到期
(qualifications.expiring(N days, kind), N one of 30/60/90/180).  District users may filter by
street; a street user's lists are their street's already (the service scopes them).  Rows
are keyed by qualification id and open the enterprise form.  The presenter has no Tk.
导出Excel writes the 有效资质 list's standard export; 打印名单 prints the tab on screen
(the standard 高企/科小 list when it is one of those).
"""

import datetime

from gjz_registry import reference as ref
from ui import list_output
from ui import texts as T
from ui.output import OutputRunner
from ui.views.list_presenter import LocalListsPresenter, chosen
from ui.views.list_view import TabbedListView, add_buttons, add_choice
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


class QualificationsView(TabbedListView):
    """Street filter and name filter on top, then a notebook: 有效资质 and 即将到期."""

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, registry, on_open=on_open, on_count=on_count)
        self.presenter = QualificationsPresenter(registry, self)
        self.output = OutputRunner(self)
        choices = self.presenter.choices()
        bar = self.add_bar()
        menu = [(T.OPEN, self.open_selected)]
        outputs = [(T.EXPORT_EXCEL, self.export_excel), (T.PRINT_LIST, self.print_list)]
        self.buttons = add_buttons(bar, menu, outputs, gap=10)
        self.excel_button = self.buttons[T.EXPORT_EXCEL]
        self.print_button = self.buttons[T.PRINT_LIST]
        self.add_search(bar, T.QUAL_SEARCH_HINT, width=26, before=10, after=16)
        self.street_box = None
        if self.presenter.street_filter:
            streets = [T.FILTER_ALL] + choices["street"]
            self.street_box = add_choice(
                bar, T.FILTER_STREET, streets, 16, self.presenter.set_street
            )
        self.add_notebook(LISTS, menu, filters=True)
        valid_bar = self.notebook.filter_bars["valid"]
        self.kind_box = add_choice(
            valid_bar, T.QUAL_KIND_LABEL, choices["kind"], 16, self.presenter.set_kind
        )
        self.kind_box.set(self.presenter.kind)
        soon_bar = self.notebook.filter_bars["expiring"]
        self.expiring_kind_box = add_choice(
            soon_bar,
            T.QUAL_KIND_LABEL,
            [T.FILTER_ALL] + choices["kind"],
            16,
            self.presenter.set_expiring_kind,
        )
        self.days_box = add_choice(
            soon_bar, T.QUAL_WITHIN_LABEL, choices["days"], 10, self.presenter.set_days
        )
        self.days_box.set(T.QUAL_WITHIN_CHOICE.format(days=DEFAULT_DAYS))
        self.presenter.load()

    # --- behaviour ---------------------------------------------------------------------
    def _tab_changed(self):
        super()._tab_changed()
        # the expiring list has no standard export; it can be printed
        valid = self.current_key() == "valid"
        self.excel_button.state(["!disabled"] if valid else ["disabled"])

    def export_excel(self):
        if self.current_key() != "valid":
            return None
        return self.output.save(self.presenter.export_output())

    def print_list(self):
        return self.output.save(self.presenter.print_output(self.current_key()))
