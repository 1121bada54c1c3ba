"""The yearly tabs of a record window: a carrier's 年度运营 and an enterprise's 年度数据.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.year_tab.  One form per year, built from the record kind's field
spec (gjz_registry.yearly_fields: labels with their units, kinds) in groups.  The year chooser
offers the years entered, last year and the year after the newest entered; it starts on last
year.  A year not entered yet starts with what the service's ``prefill`` carries over from
the year before, and the view marks those fields.  Each field is checked as the user leaves
it with the service's rules; save passes the version read, so a record saved by someone else
since is refused with the service's message; a field error names its field by code and is
shown on that field.

The view has set_years(years, year), set_values(dict), set_carried(keys), set_error(key,
message), focus_field(key), set_note(text), set_editable(editable), show_message(text,
error=True), saved(record) and, for a carrier, set_comparison(rows), for an enterprise
set_flags(heading, flags, derived).
"""

import datetime

from gjz_registry import InvalidValueError, RegistryError
from gjz_registry import reference as ref
from gjz_registry.fields import ANNUAL, CARRIER_YEAR
from gjz_registry.services.annual import clean_annual
from gjz_registry.yearly_fields import REPORTED_COUNTS
from ui import texts as T
from ui.presenters.data import Field
from ui.presenters.form_checks import check_all, reason, show_invalid
from ui.views.local_rows import text

FIRST_YEAR = 1990  # services.annual.check_year's earliest year


def _between(spec, first, last):
    """The codes of ``spec``'s fields from ``first`` to ``last``, in the spec's order."""
    codes = spec.codes
    return codes[codes.index(first) : codes.index(last) + 1]


class YearFormPresenter:
    """One year of one record (carrier or enterprise) for ``view``."""

    spec = None  # the yearly record's field spec
    groups = ()  # (title, field codes, columns) of the form's groups, in order
    width = 12  # an entry's width in characters

    def __init__(self, registry, view, owner_id, editable=True):
        self.registry = registry
        self.view = view
        self.owner_id = owner_id
        self.can_edit = editable and registry.actor.can_write
        self.year = None
        self.record = None  # the year's saved record, None for a new year
        self.loaded = {}
        self.carried = frozenset()

    # --- what the service does (a subclass per record kind) ---------------------------
    def entered_years(self):
        raise NotImplementedError

    def read(self, year):
        """The saved record of ``year`` or None."""
        raise NotImplementedError

    def values_of(self, record):
        return {code: getattr(record, code) for code in self.codes}

    def prefill(self, year):
        raise NotImplementedError

    def clean(self, data):
        raise NotImplementedError

    def write(self, year, data, version):
        raise NotImplementedError

    def after_load(self):
        """Show what the tab shows beside the form (the comparison, the flags)."""

    # --- the form --------------------------------------------------------------------
    @property
    def codes(self):
        return tuple(code for _, codes, _ in self.groups for code in codes)

    @classmethod
    def fields(cls, codes):
        """The form's Field descriptions of ``codes`` (labels and units from the spec)."""
        result = []
        for code in codes:
            spec_field = cls.spec[code]
            if spec_field.kind == "choice":
                result.append(
                    Field(code, spec_field.label, "choice", choices=("",) + spec_field.vocabulary)
                )
            elif spec_field.kind == "note":
                result.append(Field(code, spec_field.label, "multiline", width=40, span=True))
            else:
                result.append(Field(code, spec_field.label, width=cls.width))
        return result

    def years(self):
        """The chooser's years, newest first: those entered, last year and the next one."""
        this_year = datetime.date.today().year
        entered = set(self.entered_years())
        following = min(max(entered, default=this_year - 2) + 1, this_year)
        return sorted(entered | {this_year - 1, following}, reverse=True)

    def load(self, year=None):
        """Show ``year`` (last year when None); returns the year shown."""
        if year is None:
            year = datetime.date.today().year - 1
        self.year = year
        self.record = self.read(year)
        if self.record is not None:
            values = self.values_of(self.record)
            self.carried = frozenset()
            note = T.YEAR_ENTERED.format(year=year, version=self.record.version)
        else:
            values = self.prefill(year) if self.can_edit else {}
            self.carried = frozenset(values)
            note = (T.YEAR_CARRIED if values else T.YEAR_NEW).format(year=year, previous=year - 1)
        self.loaded = {code: text(values.get(code)) for code in self.codes}  # as shown
        self.view.set_years(self.years(), year)
        self.view.set_values(self.loaded)
        self.view.set_carried(self.carried)
        for code in self.codes:
            self.view.set_error(code, None)
        self.view.set_note(note if self.can_edit else T.READONLY_NOTE)
        self.view.set_editable(self.can_edit)
        self.after_load()
        return year

    def choose(self, raw, values):
        """The user picked or typed year ``raw``; ``values`` the form's.  Returns the year
        shown (None when ``raw`` is no year; the current year while there are unsaved
        changes)."""
        try:
            year = int(str(raw).strip().replace("年", ""))
        except ValueError:
            year = None
        this_year = datetime.date.today().year
        if year is None or not FIRST_YEAR <= year <= this_year:
            self.view.show_message(T.YEAR_INVALID.format(last=this_year, example=this_year - 1))
            self.view.set_years(self.years(), self.year)
            return None
        if year == self.year:
            return year
        if self.can_edit and self.dirty(values):
            self.view.show_message(T.YEAR_UNSAVED.format(year=self.year))
            self.view.set_years(self.years(), self.year)
            return self.year
        self.view.show_message("")
        return self.load(year)

    def dirty(self, values):
        """True when ``values`` differ from the year as shown (saved, or carried over)."""
        return self.can_edit and any(
            values.get(code, "") != self.loaded.get(code, "") for code in self.codes
        )

    def check_field(self, key, raw):
        """The reason ``raw`` is not acceptable for ``key`` (None when it is)."""
        if key not in self.codes or not raw:
            return None
        return reason(self.clean, key, raw)

    def leave(self, key, raw):
        message = self.check_field(key, raw)
        self.view.set_error(key, message)
        return message

    def save(self, values):
        """Validate every field, then create or update the year; returns the record or None."""
        if not self.can_edit:
            return None
        if not check_all(self.view, self.check_field, self.codes, values):
            return None
        if self.record is not None and not self.dirty(values):
            self.view.show_message(T.YEAR_NOTHING_TO_SAVE.format(year=self.year), error=False)
            return self.record
        if self.record is None:  # a new year: what is filled in
            data = {code: values[code] for code in self.codes if values.get(code)}
        else:  # only what changed: the audit log names it
            data = {
                code: values.get(code) or None
                for code in self.codes
                if values.get(code, "") != self.loaded[code]
            }
        version = None if self.record is None else self.record.version
        try:
            record = self.write(self.year, data, version)
        except InvalidValueError as exc:
            show_invalid(self.view, exc, self.codes)
            return None
        except RegistryError as exc:  # a stale version, a refused scope
            self.view.show_message(str(exc))
            return None
        self.load(self.year)
        self.view.show_message(T.YEAR_SAVED.format(year=self.year), error=False)
        self.view.saved(record)
        return record


class CarrierYearPresenter(YearFormPresenter):
    """年度运营: one carrier's figures of a year, its five reported counts beside the
    registry's own (from the residency history)."""

    spec = CARRIER_YEAR
    groups = (
        (T.GROUP_SITE, _between(CARRIER_YEAR, "site_area_m2", "mentors_part"), 2),
        (T.GROUP_FUNDS, _between(CARRIER_YEAR, "seed_fund", "fiscal_support"), 2),
        (T.GROUP_RESIDENTS, REPORTED_COUNTS + ("notes",), 1),
    )
    comparison_group = T.GROUP_RESIDENTS  # the group the comparison is shown beside

    @property
    def service(self):
        return self.registry.carrier_years

    def entered_years(self):
        return [record.year for record in self.service.for_carrier(self.owner_id)]

    def read(self, year):
        return self.service.get(self.owner_id, year)

    def prefill(self, year):
        return self.service.prefill(self.owner_id, year)

    def clean(self, data):
        return self.service.clean(data, partial=True)

    def write(self, year, data, version):
        return self.service.save(self.owner_id, year, data, version=version)

    def comparison_rows(self):
        """(label, reported, computed, differs text, differs) of the five counts."""
        rows = []
        for _code, label, reported, computed, differs in self.service.comparison(
            self.owner_id, self.year
        ):
            mark = (
                T.COMPARISON_DIFFERS
                if differs
                else (T.COMPARISON_SAME if reported is not None else "")
            )
            rows.append((label, text(reported), text(computed), mark, bool(differs)))
        return rows

    def after_load(self):
        self.view.set_comparison(self.comparison_rows())


class AnnualYearPresenter(YearFormPresenter):
    """年度数据: one enterprise's figures of a year, the qualification flags of that year
    (computed from its qualifications, read-only) and the derived figures."""

    spec = ANNUAL
    groups = (
        (
            T.GROUP_BUSINESS,
            ("revenue", "output_value", "net_profit", "tax_paid", "export_total"),
            2,
        ),
        (
            T.GROUP_RESEARCH,
            (
                "rd_expense",
                "tech_contract_amount",
                "ip_applied",
                "ip_granted",
                "invention_applied",
                "invention_patents",
                "patents_granted",
                "software_copyrights",
                "tech_contracts",
            ),
            2,
        ),
        (T.GROUP_STAFF, ("employees", "rd_staff", "graduates_hired"), 2),
        (T.GROUP_FINANCE, ("investment_received", "award_level"), 2),
    )

    @property
    def service(self):
        return self.registry.annual

    def entered_years(self):
        return [record.year for record in self.service.for_enterprise(self.owner_id)]

    def read(self, year):
        found = self.service.for_enterprise(self.owner_id, year)
        return found[0] if found else None

    def values_of(self, record):
        return {code: record.values.get(code) for code in self.codes}

    def prefill(self, year):
        return self.service.prefill(self.owner_id, year)

    def clean(self, data):
        return clean_annual(data)

    def write(self, year, data, version):
        return self.service.save(self.owner_id, year, data, version=version)

    def flags_text(self):
        """The year's qualification flags: (heading, one line of marks)."""
        flags = self.service.flags(self.owner_id, self.year)
        kinds = [kind for kind in ref.QUALIFICATION_KINDS if kind in flags]
        kinds += [kind for kind in flags if kind not in kinds]
        marks = [
            (T.ANNUAL_FLAG_ON if flags[kind] else T.ANNUAL_FLAG_OFF).format(kind=kind)
            for kind in kinds
        ]
        return T.ANNUAL_FLAGS.format(year=self.year), "　".join(marks)

    def derived_text(self):
        """研发投入强度 and 营业收入同比 of the year (— when they cannot be computed)."""
        record = self.record

        def percent(value):
            return T.ANNUAL_NO_FIGURE if value is None else f"{text(value)}%"

        return T.ANNUAL_DERIVED.format(
            intensity=percent(record and record.rd_intensity),
            growth=percent(record and record.revenue_growth),
        )

    def after_load(self):
        self.view.set_flags(*self.flags_text(), self.derived_text())
