"""What every read returns to a street clerk: the administrator's result, filtered to the
clerk's street (README 「角色与权限」: 查看、导出、统计 — 街道用户仅本街道).

Every read of the matrix (tests/services/test_permissions.py: the CASES that write nothing)
has an EXPECTED rule here, saying how the administrator's answer becomes the clerk's:

- ``same``: the answer holds no street's data (carriers, plans, reference data) or is about
  one record the clerk may see: the administrator's answer, unchanged;
- ``filtered(rule)``: ``rule(admin, street, ids, answer)`` — the administrator's answer with
  the other streets' rows taken out, or the administrator asking for that street;
- ``pruned(rule)``: ``rule(admin, street, ids)`` asked on a copy of the database from which
  every other street's enterprise (and what hangs from it) was deleted — for figures that
  cannot be filtered after the fact (the funnel, counts per year, sums per field).

The world (test_permissions.world) has records of both streets in every list and figure, so
a read that forgets the clerk's street returns rows or counts the rule does not.  A viewer's
answer is the administrator's.  Both clerks are checked: 大连湾街道 and 南关岭街道.
"""

import dataclasses
import shutil
import sqlite3

import openpyxl
import pytest

from db.models import User
from gjz_registry import open_registry
from gjz_registry.registry import Registry
from gjz_registry.services import statreport
from gjz_registry.services.base import scope_refusal
from gjz_registry.services.statistics import CrossTable
from gjz_registry.services.users import actor_for
from tests.services.test_permissions import (
    ALL,
    CASES,
    EMPTY_WORLD,
    ROLES,
    A,
    O,
    S,
    V,
    make_template,
    world,
)

STREET = {S: "大连湾街道", O: "南关岭街道"}
NOT_READS = {  # files on disk, not records: maintenance is checked by its own tests
    ("maintenance", m) for m in ("backup", "auto_backup", "backup_folder", "check", "backups")
}


def same(admin, street, ids, answer):
    return answer


def filtered(rule):
    return ("full", rule)


def pruned(rule):
    return ("pruned", rule)


SAME = ("full", same)


# --- how an answer is filtered to one street -------------------------------------------------
def items_of(street, attribute="street"):
    """A list (or a Page's items) without the rows of other streets."""

    def rule(admin, s, ids, answer):
        keep = [x for x in _items(answer) if getattr(x, attribute) == s]
        if hasattr(answer, "items"):
            return dataclasses.replace(answer, items=keep, total=len(keep))
        return keep

    return rule


def preview_of(admin, s, ids, answer):
    """An import preview: a row registered in another street is a refusal for the clerk (never
    its registered values); the rest as the administrator sees them."""
    street_column = 3  # 所属街道 in tests.exchange.importing.plain_rows (the matrix's workbook)
    rows = []
    for row in answer.rows:
        if row.action not in (None, "新增") and row.cells[street_column] != s:
            refusal = f"第 {row.number} 行" + scope_refusal("信用代码", s)
            row = dataclasses.replace(row, errors={street_column: refusal}, action=None, changes=[])
        rows.append(row)
    return dataclasses.replace(answer, rows=rows)


def enterprises_of(admin, s, ids, answer):
    """Residency records (no street of their own) of the street's enterprises."""
    return [r for r in answer if r.enterprise_id in ids["by_street"][s]]


def street_row(admin, s, ids, table):
    """A street × column CrossTable reduced to the street's row."""
    rows = [(label, values) for label, values in table.rows if label == s]
    totals = rows[0][1] if rows else [0] * len(table.columns)
    return CrossTable(table.title, table.row_header, table.columns, rows, list(totals), sum(totals))


def listing_rows(admin, s, ids, listing):
    """A printed list without the rows of other streets (its 所属街道 column)."""
    column = listing[1].index("所属街道")
    return (listing[0], listing[1], [row for row in listing[2] if row[column] == s])


def street_office(admin, s, ids, answer):
    """The unit a clerk's outputs name: their street office, not the district's."""
    return admin.reference.unit_name(s)


def occupancy(statistics, s):
    """carrier_occupancy on a pruned database: the street's carriers, and the carriers of
    other streets (or none) where its enterprises are or were."""
    return [
        c for c in statistics.carrier_occupancy() if c.street == s or c.residents or c.graduates
    ]


def resident_figures(outputs):
    """carrier_years.outputs without the carrier records (their resident count is every
    street's, as carriers.list shows it): the figures per carrier id."""
    return [(carrier.id, figures) for carrier, figures in outputs]


def statistics_report(admin, s, ids):
    """The report assembled from the figures a clerk of ``s`` may see."""
    stats = admin.statistics

    class Figures:
        def __getattr__(self, name):
            return getattr(stats, name)

        def carrier_occupancy(self):
            return occupancy(stats, s)

    day = admin.listings.as_of(None)
    unit = admin.reference.unit_name(s)  # the clerk's report names their street office
    return report(statreport.assemble(Figures(), day, unit, "甘井子区"))


def street_figures(admin, s, ids, progress):
    """The clerk's computed district rows are the administrator's figures of the street."""
    table = progress["streets"]
    values = dict(zip(table["keys"], dict(table["rows"]).get(s, []), strict=False))
    return {
        "streets": dict(table, rows=[r for r in table["rows"] if r[0] == s], totals=None),
        "district": {m: values.get(m) for m in progress["district"]},
    }


def own_batches(batches, street):
    """Import batches are not a street's but their importer's: a clerk's own only."""
    username = {name: ROLES[clerk] for clerk, name in STREET.items()}[street]
    return [b for b in batches if b.user == username]


# --- what comparing an answer looks at -------------------------------------------------------
def _items(answer):
    return answer.items if hasattr(answer, "items") else answer


def workbook_rows(result):
    """An export's first sheet, read back."""
    book = openpyxl.load_workbook(result.path, read_only=True)
    try:
        return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def plan_book(path):
    """A plan workbook's sheets, read back."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [[tuple(r) for r in sheet.iter_rows(values_only=True)] for sheet in book]
    finally:
        book.close()


def listing(answer):
    return (answer.title, answer.columns, answer.rows)


def progress(answer):
    """A Progress as the parts a street's figures show in: the per-street table and the
    computed district rows' figures."""
    table = answer.streets
    return {
        "streets": {
            "columns": table.columns,
            "keys": table.measures,
            "rows": [(name, values) for name, values in table.rows],
            "totals": table.totals,
        },
        "district": {r.measure: r.actual for r in answer.rows if r.computed and r.scope == "区"},
    }


def report(answer):
    return {k: v for k, v in answer.items() if k != "date"}


# (service, method) → (expected rule, what of the answer is compared (None: all of it)); a
# rule gets the administrator's answer as compared and returns the clerk's as compared
EXPECTED = {
    ("enterprises", "get"): (SAME, None),
    ("enterprises", "get_by_code"): (SAME, None),
    ("enterprises", "find_by_code"): (SAME, None),
    ("enterprises", "audit_trail"): (SAME, None),
    ("enterprises", "names"): (
        filtered(lambda a, s, i, names: {k: v for k, v in names.items() if k in i["by_street"][s]}),
        None,
    ),
    ("enterprises", "list"): (filtered(lambda a, s, i, _: a.enterprises.list(street=s)), None),
    ("enterprises", "count"): (filtered(lambda a, s, i, _: a.enterprises.count(street=s)), None),
    ("enterprises", "search"): (filtered(items_of("street")), None),
    ("enterprises", "clean"): (SAME, None),
    ("enterprises", "clean_column"): (SAME, None),
    ("carriers", "get"): (SAME, None),
    ("carriers", "get_by_name"): (SAME, None),
    ("carriers", "list"): (SAME, None),
    ("carriers", "names"): (SAME, None),
    ("carriers", "graduates"): (pruned(lambda a, s, i: a.carriers.graduates(i["incubator"])), None),
    ("carriers", "audit_trail"): (SAME, None),
    ("carriers", "choices"): (SAME, None),
    ("carriers", "clean"): (SAME, None),
    ("carriers", "clean_column"): (SAME, None),
    ("qualifications", "get"): (SAME, None),
    ("qualifications", "for_enterprise"): (SAME, None),
    ("qualifications", "current"): (
        filtered(lambda a, s, i, _: a.qualifications.current("高新技术企业", street=s)),
        None,
    ),
    ("qualifications", "expiring"): (filtered(items_of("street")), None),
    ("incubation", "history"): (SAME, None),
    ("incubation", "residents"): (filtered(enterprises_of), None),
    ("incubation", "overdue"): (filtered(enterprises_of), None),
    ("incubation", "graduation_candidates"): (filtered(enterprises_of), None),
    ("incubation", "graduation_checks"): (SAME, None),
    ("incubation", "rules"): (SAME, None),
    ("incubation", "time_limit_text"): (SAME, None),
    ("incubation", "last_step"): (SAME, None),
    ("annual", "for_enterprise"): (SAME, None),
    ("annual", "prefill"): (SAME, None),
    ("annual", "flags"): (SAME, None),
    ("carrier_years", "clean"): (SAME, None),
    ("carrier_years", "clean_column"): (SAME, None),
    ("carrier_years", "get"): (SAME, None),
    ("carrier_years", "prefill"): (SAME, None),
    ("carrier_years", "for_carrier"): (SAME, None),
    # a carrier's aggregate counts: every role reads them whole (services/carrier_years.py)
    ("carrier_years", "counts"): (SAME, None),
    ("carrier_years", "comparison"): (SAME, None),
    ("carrier_years", "outputs"): (
        pruned(lambda a, s, i: resident_figures(a.carrier_years.outputs(2020))),
        lambda answer: resident_figures(answer),
    ),
    ("reviews", "measures"): (SAME, None),
    ("reviews", "indicators"): (SAME, None),
    ("reviews", "default_year"): (SAME, None),
    ("reviews", "scores"): (SAME, None),  # one carrier of the clerk's street
    # the street's carriers, with their district-wide ranks (as the carrier list's counts)
    ("reviews", "ranking"): (filtered(items_of("street")), None),
    ("reviews", "sheets"): (filtered(items_of("street")), None),
    ("users", "count"): (SAME, None),
    # the newest audit row's id: an opaque "something was written" token (no record in it)
    ("audit", "latest_id"): (SAME, None),
    ("users", "list"): (SAME, None),  # administrators only
    ("audit", "list"): (SAME, None),  # administrators only
    ("reference", "setting"): (SAME, None),
    ("reference", "streets"): (SAME, None),
    ("reference", "industries"): (SAME, None),
    ("reference", "street_id"): (SAME, None),
    ("reference", "street_name"): (SAME, None),
    ("reference", "industry_id"): (SAME, None),
    ("reference", "invalidate"): (SAME, None),
    ("reference", "district"): (SAME, None),
    ("reference", "unit_name"): (SAME, None),
    ("reference", "default_street_unit"): (SAME, None),
    ("reference", "street_units"): (SAME, None),
    ("reference", "own_unit_name"): (filtered(street_office), None),
    ("statistics", "street_stage"): (filtered(street_row), None),
    ("statistics", "street_field"): (filtered(street_row), None),
    ("statistics", "street_counts"): (filtered(street_row), None),
    ("statistics", "qualification_counts"): (
        pruned(lambda a, s, i: a.statistics.qualification_counts([2019, 2020, 2025])),
        None,
    ),
    ("statistics", "valid_count"): (
        filtered(lambda a, s, i, _: a.statistics.valid_count("高新技术企业", _today(), s)),
        None,
    ),
    ("statistics", "funnel"): (
        pruned(lambda a, s, i: a.statistics.funnel([2019, 2020, 2023, 2024])),
        None,
    ),
    ("statistics", "carrier_occupancy"): (pruned(lambda a, s, i: occupancy(a.statistics, s)), None),
    ("statistics", "field_output"): (pruned(lambda a, s, i: a.statistics.field_output(2019)), None),
    ("statistics", "incubation_output"): (
        pruned(lambda a, s, i: a.statistics.incubation_output(2020)),
        None,
    ),
    ("statistics", "carrier_year_on_year"): (
        pruned(lambda a, s, i: a.statistics.carrier_year_on_year(2024)),
        None,
    ),
    ("statistics", "incubator_figures"): (
        pruned(lambda a, s, i: a.statistics.incubator_figures(2024)),
        None,
    ),
    ("certificates", "verify"): (SAME, None),
    ("certificates", "verify_payload"): (SAME, None),
    ("certificates", "get"): (SAME, None),
    ("certificates", "reprint"): (SAME, None),
    ("certificates", "list"): (filtered(items_of("street")), None),
    ("certificates", "template"): (SAME, None),
    ("certificates", "unit_name"): (SAME, None),
    ("certificates", "basis"): (SAME, None),
    ("listings", "listing"): (filtered(listing_rows), listing),
    ("listings", "kinds"): (SAME, lambda kinds: sorted(kinds)),
    ("listings", "high_tech"): (filtered(listing_rows), listing),
    ("listings", "tech_sme"): (filtered(listing_rows), listing),
    ("listings", "carriers"): (filtered(listing_rows), listing),
    ("listings", "residents"): (filtered(listing_rows), listing),
    ("listings", "statistics_report"): (pruned(statistics_report), report),
    ("listings", "unit_name"): (filtered(street_office), None),
    ("listings", "district"): (SAME, None),
    ("listings", "as_of"): (SAME, None),
    ("exchange", "preview"): (filtered(preview_of), None),
    ("exchange", "batches"): (filtered(lambda a, s, i, answer: own_batches(answer, s)), None),
    ("exchange", "export"): (
        filtered(
            lambda a, s, i, _: workbook_rows(a.exchange.export("enterprises", _out(), street=s))
        ),
        workbook_rows,
    ),
    ("exchange", "export_kinds"): (SAME, None),
    ("exchange", "template"): (SAME, workbook_rows),
    ("targets", "plans"): (SAME, None),
    ("targets", "plan"): (SAME, None),
    ("targets", "in_force"): (SAME, None),
    ("targets", "plan_text"): (SAME, None),
    ("targets", "periods"): (SAME, None),
    ("targets", "default_period"): (SAME, None),
    ("targets", "targets"): (SAME, None),
    ("targets", "target"): (SAME, None),
    ("targets", "tasks"): (SAME, None),
    ("targets", "task_by_number"): (SAME, None),
    ("targets", "measures"): (SAME, None),
    ("targets", "split_checks"): (SAME, None),
    ("targets", "export_plan"): (SAME, plan_book),
    ("targets", "preview_plan"): (SAME, None),  # administrators only
    ("targets", "actuals"): (
        filtered(lambda a, s, i, answer: [x for x in answer if x["scope"] == s]),
        None,
    ),
    ("targets", "progress"): (filtered(street_figures), progress),
    ("targets", "drill_down"): (
        filtered(
            lambda a, s, i, _: a.targets.drill_down(
                measure="valid_high_tech", period="2020H1", street=s
            )
        ),
        None,
    ),
    ("demo", "is_demo_database"): (SAME, None),
}


def _today():
    import datetime

    return datetime.date.today()


def _out():
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp()) / "expected.xlsx"


# The matrix calls each method once (one export kind, one list kind): the other kinds here.
EXPORTS = ("carriers", "high-tech", "tech-sme", "residents")
LISTS = ("tech-sme-list", "carrier-list", "residents")
MORE_READS = {
    **{
        ("exchange", f"export {kind}"): (
            lambda r, i, kind=kind: r.exchange.export(kind, _out()),
            {A, S, O, V},
            0,
        )
        for kind in EXPORTS
    },
    **{
        ("listings", f"listing {kind}"): (
            lambda r, i, kind=kind: r.listings.listing(kind),
            ALL,
            None,
        )
        for kind in LISTS
    },
}
EXPECTED.update(
    {
        ("exchange", f"export {kind}"): (
            filtered(
                lambda a, s, i, _, kind=kind: workbook_rows(
                    a.exchange.export(kind, _out(), street=s)
                )
            ),
            workbook_rows,
        )
        for kind in EXPORTS
    }
)
EXPECTED.update(
    {("listings", f"listing {kind}"): (filtered(listing_rows), listing) for kind in LISTS}
)
READS = {**CASES, **MORE_READS}


def reads():
    """The matrix's reads (the cases that write nothing) and MORE_READS, in a fixed order."""
    return sorted(
        case
        for case, (_, _, audit_rows) in READS.items()
        if not audit_rows and case not in NOT_READS and case not in EMPTY_WORLD
        and case[1] not in ("import_file", "undo")
    )  # fmt: skip


def test_every_read_has_an_expected_answer():
    missing = [case for case in reads() if case not in EXPECTED]
    assert not missing, f"say in EXPECTED what a clerk gets from: {missing}"


# --- the answers -----------------------------------------------------------------------------
def prune(path, street):
    """Delete every enterprise not of ``street``, and every row that hangs from one."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys = OFF")
        (street_id,) = con.execute("SELECT id FROM street WHERE name = ?", (street,)).fetchone()
        con.execute("DELETE FROM enterprise WHERE street_id != ?", (street_id,))
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE"
                " VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'enterprise_%'"
            )
        ]
        dependants = ("enterprise", "residency", "qualification", "certificate", "annual_report")
        removed = True
        while removed:
            removed = False
            for table in tables:
                for fk in con.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
                    parent, column = fk[2], fk[3]
                    if parent in dependants:
                        gone = con.execute(
                            f'DELETE FROM "{table}" WHERE "{column}" IS NOT NULL AND "{column}"'
                            f' NOT IN (SELECT id FROM "{parent}")'
                        )
                        removed |= gone.rowcount > 0
        con.execute("DELETE FROM enterprise_search WHERE rowid NOT IN (SELECT id FROM enterprise)")
        con.commit()
    finally:
        con.close()


def as_role(path, role):
    reg = open_registry(path)
    return reg, Registry(reg.db, str(path), actor_for(User.get(User.username == ROLES[role])))


def answer(call, registry, ids, view):
    try:
        value = call(registry, ids)
    except Exception as exc:  # a refused or failed read is an answer too
        return ("raised", type(exc).__name__, str(exc))
    return view(value) if view else value


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    """{(read, role): answer} for every role, and {(read, clerk): expected answer}."""
    folder = tmp_path_factory.mktemp("reads")
    template, ids = make_template(folder, world)
    got, expected = {}, {}
    full = folder / "full.db"
    shutil.copy(template, full)
    base, _ = as_role(full, A)
    try:
        registries = {role: as_role(full, role)[1] for role in (A, S, O, V)}
        for case in reads():
            call, view = READS[case][0], EXPECTED[case][1]
            for role, registry in registries.items():
                got[case, role] = answer(call, registry, ids, view)
            (source, rule), _ = EXPECTED[case]
            for clerk in (S, O):
                if source == "full":
                    expected[case, clerk] = rule(registries[A], STREET[clerk], ids, got[case, A])
    finally:
        base.close()
    for clerk in (S, O):
        copy = folder / f"pruned-{clerk}.db"
        shutil.copy(template, copy)
        prune(copy, STREET[clerk])
        base, admin = as_role(copy, A)
        try:
            for case in reads():
                (source, rule), _ = EXPECTED[case]
                if source == "pruned":
                    expected[case, clerk] = rule(admin, STREET[clerk], ids)
        finally:
            base.close()
    return got, expected


def _ids(case):
    return f"{case[0]}.{case[1]}"


@pytest.mark.parametrize("case", reads(), ids=_ids)
def test_a_clerk_reads_the_administrators_answer_for_their_street(answers, case):
    got, expected = answers
    allowed = READS[case][1]
    compared = 0
    for clerk in (S, O):
        if clerk in allowed:
            assert got[case, clerk] == expected[case, clerk], f"{ROLES[clerk]}: {case}"
            compared += 1
    assert compared or not allowed & {S, O}


@pytest.mark.parametrize("case", reads(), ids=_ids)
def test_a_viewer_reads_the_administrators_answer(answers, case):
    got, _ = answers
    if case == ("exchange", "batches"):  # a viewer imports nothing: no batches of their own
        assert got[case, V] == [] != got[case, A]
    elif V in READS[case][1]:
        assert got[case, V] == got[case, A]
    else:
        assert got[case, V][0] == "raised"


# reads of a file that holds one street's rows: only the other street's clerk sees less
ONE_STREETS_ROWS = {("exchange", "preview")}


def test_the_world_gives_every_filtered_read_something_to_leave_out(answers):
    """A read whose answer for the clerk equals the administrator's unfiltered one checks
    nothing: every list and figure must differ between the whole district and a street."""
    got, expected = answers
    street_data = [case for case in reads() if EXPECTED[case][0] is not SAME]
    same_as_district = [
        case
        for case in street_data
        if expected[case, O] == got[case, A]
        or (expected[case, S] == got[case, A] and case not in ONE_STREETS_ROWS)
    ]
    assert same_as_district == []
