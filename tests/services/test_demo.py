"""Demo data (gjz_registry.demo): reproducible, valid, consistent with the registry's rules.

One demo database of 1 500 enterprises (fixed seed and ``today``) is generated per module in a
real SQLite file; the checks read it with plain SQL (and the models bound to it explicitly,
since other tests in this module open further databases).
"""

import datetime
import json
import re
import unicodedata
from collections import defaultdict
from decimal import Decimal

import pytest

from db import migrations
from db.database import open_database
from db.models import ALL_MODELS, AnnualReport, CarrierYear, Enterprise
from gjz_registry import demo, demo_tables
from gjz_registry import reference as ref
from gjz_registry.errors import RuleError
from gjz_registry.services import search
from gjz_registry.services.carrier_counts import year_counts
from gjz_registry.validators import (
    validate_credit_code,
    validate_high_tech_number,
    validate_tech_sme_number,
)

TODAY = datetime.date(2024, 6, 30)
COUNT = 1500
TABLES = ("carrier", "enterprise", "residency", "qualification", "annual_report", "carrier_year")


def fresh_db(path):
    db = open_database(str(path))
    migrations.migrate(db, True)
    return db


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = fresh_db(tmp_path_factory.mktemp("demo") / "demo.db")
    calls = []
    summary = demo.generate(db, COUNT, seed=7, today=TODAY, progress=lambda *a: calls.append(a))
    yield db, summary, calls
    db.close()


def rows(db, sql, *args):
    return db.execute_sql(sql, args).fetchall()


def dump(db, table):
    """All rows of ``table`` without the wall-clock columns, in id order."""
    columns = [c.name for c in db.get_columns(table) if c.name not in ("created_at", "updated_at")]
    return rows(db, f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")


def day(value):
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def plus_three_years_minus_one_day(granted):
    try:
        later = granted.replace(year=granted.year + 3)
    except ValueError:  # 29 February
        later = granted.replace(year=granted.year + 3, day=28)
    return later - datetime.timedelta(days=1)


# --- generation as a whole ----------------------------------------------------------------
def test_same_seed_same_rows_other_seed_other_rows(tmp_path):
    one, two, other = (fresh_db(tmp_path / f"{n}.db") for n in ("one", "two", "other"))
    for db, seed in ((one, 3), (two, 3), (other, 4)):
        demo.generate(db, 300, seed=seed, today=TODAY)
    for table in TABLES:
        assert dump(one, table) == dump(two, table), table
    assert dump(one, "enterprise") != dump(other, "enterprise")
    names = {r[0] for r in rows(one, "SELECT name FROM enterprise")}
    others = {r[0] for r in rows(other, "SELECT name FROM enterprise")}
    assert len(names & others) < 30
    for db in (one, two, other):
        db.close()


def test_summary_progress_and_single_audit_row(demo_db):
    db, summary, calls = demo_db

    def count(table, where="1"):
        return rows(db, f"SELECT COUNT(*) FROM {table} WHERE {where}")[0][0]

    assert summary.enterprises == count("enterprise") == COUNT
    assert summary.carriers == count("carrier") == max(12, COUNT // 400)
    assert summary.residencies == count("residency")
    assert summary.open_residencies == count("residency", "left_on IS NULL")
    assert summary.qualifications == count("qualification")
    assert summary.high_tech == count("qualification", "kind = '高新技术企业'")
    assert summary.tech_sme == count("qualification", "kind = '科技型中小企业'")
    assert summary.annual_reports == count("annual_report")
    assert summary.carrier_years == count("carrier_year")
    assert calls[-1] == (COUNT, COUNT)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)
    audit = rows(db, "SELECT user, action, entity, after FROM audit_log")
    assert len(audit) == 1 and audit[0][:3] == ("demo", "demo", "database")
    assert json.loads(audit[0][3])["enterprises"] == COUNT


def test_refuses_a_database_with_enterprises(demo_db):
    db, _, _ = demo_db
    with pytest.raises(RuleError) as err:
        demo.generate(db, 10, seed=1, today=TODAY)
    assert str(err.value) == "数据库中已有企业数据，演示数据只能写入空数据库"
    assert rows(db, "SELECT COUNT(*) FROM enterprise")[0][0] == COUNT
    assert rows(db, "SELECT COUNT(*) FROM audit_log")[0][0] == 1


def test_versioned_columns_are_set(demo_db):
    db, _, _ = demo_db
    for table in TABLES:
        bad = rows(
            db,
            f"SELECT COUNT(*) FROM {table} WHERE version != 1 OR created_at IS NULL"
            " OR updated_at IS NULL",
        )
        assert bad[0][0] == 0, table


# --- enterprises --------------------------------------------------------------------------
def test_credit_codes_valid_unique_and_varied(demo_db):
    db, _, _ = demo_db
    codes = [r[0] for r in rows(db, "SELECT credit_code FROM enterprise")]
    codes += [r[0] for r in rows(db, "SELECT operator_credit_code FROM carrier")]
    assert all(validate_credit_code(c) == c for c in codes)
    assert len(set(codes)) == len(codes)
    firsts = {c[0] for c in codes}
    assert "9" in firsts and firsts - {"9"}, firsts
    areas = [c[2:8] for c in codes]
    assert areas.count(ref.DISTRICT_CODE) > len(areas) * 0.75
    assert set(areas) - {ref.DISTRICT_CODE} <= set(ref.NEIGHBOUR_CODES)
    assert set(areas) - {ref.DISTRICT_CODE}
    assert sum(c[8:10] == "MA" for c in codes) > len(codes) / 2


def test_names_unique_realistic_with_pinyin_keys(demo_db):
    db, _, _ = demo_db
    found = rows(db, "SELECT name, name_pinyin, name_initials FROM enterprise")
    names = [r[0] for r in found]
    assert len(set(names)) == len(names)
    assert sum(n.startswith("大连") for n in names) > len(names) * 0.9
    assert sum(n.endswith(("有限公司", "有限责任公司")) for n in names) > len(names) * 0.9
    for name, pinyin, initials in found:
        assert (pinyin, initials) == search.pinyin_keys(name), name


def test_people_phones_addresses_and_numbers(demo_db):
    db, _, _ = demo_db
    phone = re.compile(r"^(1[3-9]\d{9}|0411-\d{8})$")
    for r in rows(
        db,
        "SELECT legal_rep, contact_phone, address, founded_on, registered_capital, employees,"
        " rd_staff, status FROM enterprise",
    ):
        legal_rep, tel, address, founded, capital, employees, rd_staff, status = r
        assert 2 <= len(legal_rep) <= 3 and legal_rep[0] in demo_tables.SURNAMES
        assert phone.match(tel), tel
        assert address.startswith("大连市甘井子区") and "号" in address
        assert datetime.date(1995, 1, 1) <= day(founded) <= TODAY
        assert capital > 0 and employees >= 1 and 0 <= rd_staff <= employees
        assert status in ref.ENTERPRISE_STATUSES
    statuses = {r[0] for r in rows(db, "SELECT DISTINCT status FROM enterprise")}
    assert statuses == set(ref.ENTERPRISE_STATUSES)
    streets = rows(
        db, "SELECT COUNT(DISTINCT street_id), COUNT(DISTINCT industry_id) FROM enterprise"
    )
    assert streets[0] == (18, 7)


# --- carriers and the incubation chain ----------------------------------------------------
def test_carriers_of_every_kind_and_level(demo_db):
    db, _, _ = demo_db
    carriers = rows(db, "SELECT name, kind, level, recognized_on, street_id, area_m2 FROM carrier")
    assert {c[1] for c in carriers} == set(ref.CARRIER_KINDS)
    assert {c[2] for c in carriers} <= set(ref.CARRIER_LEVELS)
    recognized = [day(c[3]) for c in carriers if c[3]]
    assert min(recognized) < demo.PLAN_ISSUED <= max(recognized)
    patterns = {
        ref.CARRIER_MAKERSPACE: r"^大连.+众创空间$",
        ref.CARRIER_INCUBATOR: r"^甘井子区.+科技企业孵化器$",
        ref.CARRIER_ACCELERATOR: r"^.+加速器$",
        ref.CARRIER_INDUSTRIAL_BASE: r"^大连.+产业化基地$",
    }
    for name, kind, level, recognized_on, street, area in carriers:
        assert re.match(patterns[kind], name), name
        assert (level == "未认定") == (recognized_on is None)
        assert street and area > 0


def test_chain_invariants(demo_db):
    db, _, _ = demo_db
    kind_of = dict(rows(db, "SELECT id, kind FROM carrier"))
    carrier_status = dict(rows(db, "SELECT id, status FROM carrier"))
    enterprises = {
        r[0]: r
        for r in rows(db, "SELECT id, founded_on, status, stage, carrier_id FROM enterprise")
    }
    history = defaultdict(list)
    for r in rows(
        db,
        "SELECT enterprise_id, carrier_id, stage, entered_on, left_on, exit_reason, id,"
        " moved_from_id FROM residency ORDER BY entered_on, id",
    ):
        history[r[0]].append(r[1:])
    assert 0.2 < len(history) / COUNT < 0.45
    for eid, (_, founded, status, stage, carrier) in enterprises.items():
        stays = history.get(eid, [])
        open_stays = [s for s in stays if s[3] is None]
        assert len(open_stays) <= 1
        if open_stays:
            assert (stage, carrier) == (open_stays[0][1], open_stays[0][0])
            assert stays[-1][3] is None and status == ref.STATUS_ACTIVE
            assert carrier_status[carrier] == "运营"
        else:
            assert stage is None and carrier is None
        previous = None
        for carrier_id, st, entered, left, reason, rid, moved_from in stays:
            assert kind_of[carrier_id] == ref.CARRIER_KIND_OF_STAGE[st]
            assert day(entered) >= day(founded) and day(entered) <= TODAY
            if left is not None:
                assert day(entered) < day(left) <= TODAY
                assert reason in ref.EXIT_REASONS
            else:
                assert reason is None
            if previous is not None:
                assert ref.STAGES.index(st) > ref.STAGES.index(previous[1])
                assert previous[4] == ref.EXIT_PROMOTED
                assert day(entered) >= day(previous[3])
                # a promotion on the day the previous stay ended is a move (withdrawable)
                assert moved_from == (previous[5] if entered == previous[3] else None)
            else:
                assert moved_from is None
            previous = (carrier_id, st, entered, left, reason, rid)
    reasons = {r[0] for r in rows(db, "SELECT DISTINCT exit_reason FROM residency")}
    assert {None, ref.EXIT_PROMOTED, ref.EXIT_GRADUATED, ref.EXIT_MOVED_OUT} <= reasons
    starts = {h[0][1] for h in history.values()}
    assert starts == set(ref.STAGES)


def test_resident_areas_fit_their_carriers(demo_db):
    db, _, _ = demo_db
    assert rows(db, "SELECT COUNT(*) FROM residency WHERE NOT area_m2 > 0")[0][0] == 0
    overfull = rows(
        db,
        "SELECT c.name, c.area_m2, SUM(r.area_m2) FROM residency r JOIN carrier c"
        " ON c.id = r.carrier_id WHERE r.left_on IS NULL GROUP BY c.id"
        " HAVING SUM(r.area_m2) > c.area_m2",
    )
    assert overfull == []


def test_graduates_meet_the_rule_they_name(demo_db):
    db, _, _ = demo_db
    titles = dict(ref.GRADUATION_RULES)
    graduates = rows(
        db,
        "SELECT enterprise_id, left_on, notes FROM residency WHERE exit_reason = '毕业'",
    )
    assert graduates
    for eid, left, basis in graduates:
        left = day(left)
        assert basis and basis.split("（")[0] in titles.values(), basis
        if basis.startswith(titles["high_tech"]):
            certs = rows(
                db,
                "SELECT number FROM qualification WHERE enterprise_id = ? AND kind = '高新技术企业'"
                " AND granted_on <= ? AND expires_on >= ? AND revoked_on IS NULL",
                eid,
                left,
                left,
            )
            assert any(number in basis for (number,) in certs), (certs, basis)  # no order
        elif basis.startswith(titles["revenue"]):
            revenue = dict(
                rows(
                    db,
                    "SELECT year, revenue FROM annual_report WHERE enterprise_id = ? AND year <= ?",
                    eid,
                    left.year,
                )
            )
            assert any(y + 1 in revenue and revenue[y] + revenue[y + 1] > 1000 for y in revenue)
        elif basis.startswith(titles["investment"]):
            invested = rows(
                db,
                "SELECT SUM(investment_received) FROM annual_report"
                " WHERE enterprise_id = ? AND year <= ?",
                eid,
                left.year,
            )[0][0]
            assert invested > 500


# --- qualifications -----------------------------------------------------------------------
def test_high_tech_certificates(demo_db):
    db, _, _ = demo_db
    certs = rows(
        db,
        "SELECT q.id, q.enterprise_id, q.number, q.granted_on, q.expires_on, q.year,"
        " q.superseded_by_id, q.revoked_on, e.founded_on FROM qualification q"
        " JOIN enterprise e ON e.id = q.enterprise_id WHERE q.kind = '高新技术企业'",
    )
    holders = {c[1] for c in certs}
    assert 0.12 < len(holders) / COUNT < 0.32
    by_id = {c[0]: c for c in certs}
    autumn = 0
    for _, eid, number, granted, expires, year, newer, _, founded in certs:
        granted = day(granted)
        assert validate_high_tech_number(number) == number
        assert number[2:6] == str(year) and number[6:8] == "21"
        assert granted.year == year and day(founded) < granted <= TODAY
        assert day(expires) == plus_three_years_minus_one_day(granted)
        autumn += granted.month >= 10
        if newer is not None:
            successor = by_id[newer]
            assert successor[1] == eid and int(successor[5]) == year + 3
    assert autumn > len(certs) * 0.7
    assert sum(c[6] is not None for c in certs) > 10  # renewed ones
    assert len({c[2] for c in certs}) == len(certs)
    current = [c for c in certs if c[6] is None and c[7] is None]
    expired = [c for c in current if day(c[4]) < TODAY]
    expiring = [c for c in current if 0 <= (day(c[4]) - TODAY).days < 90]
    valid = [c for c in current if (day(c[4]) - TODAY).days >= 90]
    assert expired and expiring and valid


def test_tech_sme_entries(demo_db):
    db, _, _ = demo_db
    entries = rows(
        db,
        "SELECT q.enterprise_id, q.number, q.granted_on, q.expires_on, q.year, e.credit_code"
        " FROM qualification q JOIN enterprise e ON e.id = q.enterprise_id"
        " WHERE q.kind = '科技型中小企业'",
    )
    per_enterprise = defaultdict(list)
    for eid, number, granted, expires, year, code in entries:
        assert validate_tech_sme_number(number) == number
        assert re.match(rf"^{year}{code[2:8]}A\d{{7}}$", number), number
        assert day(granted).year == year and day(granted) <= TODAY
        assert day(expires) == datetime.date(year, 12, 31)
        per_enterprise[eid].append(year)
    assert 0.25 < len(per_enterprise) / COUNT < 0.45
    assert sum(len(y) > 1 for y in per_enterprise.values()) > 20
    assert all(len(set(y)) == len(y) for y in per_enterprise.values())
    assert len({e[1] for e in entries}) == len(entries)


def test_other_qualification_kinds(demo_db):
    db, _, _ = demo_db
    kinds = {r[0] for r in rows(db, "SELECT DISTINCT kind FROM qualification")}
    assert kinds <= set(ref.QUALIFICATION_KINDS)
    assert {ref.QUAL_HIGH_TECH, ref.QUAL_TECH_SME, ref.QUAL_SPECIALISED} <= kinds
    assert rows(db, "SELECT COUNT(*) FROM qualification WHERE expires_on < granted_on")[0][0] == 0


# --- annual reports -----------------------------------------------------------------------
def test_annual_reports(demo_db):
    db, _, _ = demo_db
    years = {r[0] for r in rows(db, "SELECT DISTINCT year FROM annual_report")}
    assert years == set(range(2017, TODAY.year))
    reporting = rows(db, "SELECT COUNT(DISTINCT enterprise_id) FROM annual_report")[0][0]
    active = rows(db, "SELECT COUNT(*) FROM enterprise WHERE status = '在营'")[0][0]
    assert reporting > active * 0.6
    with db.bind_ctx(ALL_MODELS):
        reports = list(AnnualReport.select())
        for r in reports:
            money = (
                r.revenue,
                r.output_value,
                r.rd_expense,
                r.tax_paid,
                r.tech_contract_amount,
                r.investment_received,
            )
            assert all(isinstance(m, Decimal) and m >= 0 for m in money)
            assert r.rd_expense < r.revenue or r.revenue == 0
            assert 0 <= r.rd_staff <= r.employees and r.patents_granted >= 0
        founded = {
            e.id: e.founded_on for e in Enterprise.select(Enterprise.id, Enterprise.founded_on)
        }
    assert all(r.year >= founded[r.enterprise_id].year for r in reports)
    revenue = {(r.enterprise_id, r.year): r.revenue for r in reports}
    big = {e for (e, y), v in revenue.items() if v + revenue.get((e, y + 1), -(10**9)) > 1000}
    assert len(big) > 20
    invested = defaultdict(Decimal)
    for r in reports:
        invested[r.enterprise_id] += r.investment_received
    assert sum(v > 500 for v in invested.values()) > 5


# --- search -------------------------------------------------------------------------------
def test_search_finds_demo_enterprises(demo_db):
    db, _, _ = demo_db
    sample = rows(
        db,
        "SELECT id, name, name_initials, credit_code FROM enterprise"
        " WHERE name LIKE '大连%' ORDER BY id LIMIT 40",
    )
    names = dict(rows(db, "SELECT id, name FROM enterprise"))
    initials = dict(rows(db, "SELECT id, name_initials FROM enterprise"))
    codes = dict(rows(db, "SELECT id, credit_code FROM enterprise"))
    for eid, name, short, code in sample:
        fragment = name[2:4]  # the trade name's first two characters
        found = search.find_ids(db, fragment, COUNT)
        assert eid in found, fragment
        assert all(fragment in re.sub(r"\W", "", names[i]) for i in found), fragment
        found = search.find_ids(db, short[:4], COUNT)
        assert eid in found and initials[found[0]].startswith(short[:4])
        found = search.find_ids(db, code[:10], 50)
        assert found and all(codes[i].startswith(code[:10]) for i in found)
        assert search.find_ids(db, code, 5)[0] == eid
        assert search.find_ids(db, name, 5)[0] == eid


def test_substring_search_equals_a_scan(demo_db):
    """Three or more characters (the trigram tier): every match holds the text (in the name,
    or for Latin text in the pinyin or initials), and when fewer than the limit match, the
    answer is exactly what a scan of the table finds."""
    db, _, _ = demo_db
    table = rows(db, "SELECT id, name, name_pinyin, name_initials FROM enterprise")
    queries = []
    for _, name, pinyin, initials in table[:: max(1, len(table) // 25)]:
        queries += [name[2:5], name[3:7], pinyin[6:11], initials[2:5]]
    # (demo names keep full-width brackets; the search folds the text to NFKC like the
    # services fold what they store, so only texts NFKC leaves alone are compared)
    for text in [q for q in queries if unicodedata.normalize("NFKC", q) == q]:
        if text.isascii():
            holds = {eid for eid, _, pinyin, initials in table if text in pinyin + " " + initials}
        else:
            holds = {eid for eid, name, _, _ in table if text in name}
        found = search.find_ids(db, text, 50)
        assert set(found) <= holds, text
        if len(holds) < 50:
            assert set(found) == holds, text


# --- carrier operations -------------------------------------------------------------------
def test_two_years_of_operations_per_operating_carrier(demo_db):
    db, _, _ = demo_db
    operating = {r[0] for r in rows(db, "SELECT id FROM carrier WHERE status = '运营'")}
    found = defaultdict(set)
    for carrier, year in rows(db, "SELECT carrier_id, year FROM carrier_year"):
        found[carrier].add(year)
    assert dict(found) == {c: {TODAY.year - 2, TODAY.year - 1} for c in operating}
    with db.bind_ctx(ALL_MODELS):
        years = list(CarrierYear.select())
        computed = {
            year: year_counts(sorted(operating), year) for year in (TODAY.year - 2, TODAY.year - 1)
        }
    differ = 0
    for row in years:
        counts = computed[row.year][row.carrier_id]
        reported = [getattr(row, f"reported_{c}") for c in ("start", "admitted", "graduated")]
        differ += reported != [counts.start, counts.admitted, counts.graduated]
        assert row.reported_end == (
            row.reported_start + row.reported_admitted - row.reported_graduated - row.reported_left
        )
        assert row.events > 0 and row.management_staff > 0 and row.site_area_m2 > 0
    assert 0 < differ < len(years) / 3  # mostly as computed, a few flagged
    assert sum(computed[TODAY.year - 1][c].end for c in operating) > 0


def test_residents_reports_have_the_national_form_figures(demo_db):
    db, _, _ = demo_db
    resident = "enterprise_id IN (SELECT enterprise_id FROM residency)"
    filled = rows(db, f"SELECT COUNT(*) FROM annual_report WHERE {resident} AND ip_applied IS NULL")
    assert filled[0][0] == 0
    others = rows(
        db, f"SELECT COUNT(*) FROM annual_report WHERE NOT {resident} AND ip_applied >= 0"
    )
    assert others[0][0] == 0
    losses = rows(db, "SELECT COUNT(*) FROM annual_report WHERE net_profit < 0")[0][0]
    assert losses > 0
    assert rows(db, "SELECT COUNT(*) FROM annual_report WHERE ip_applied < ip_granted")[0][0] == 0
    kinds = {r[0] for r in rows(db, "SELECT DISTINCT kind FROM qualification")}
    assert ref.QUAL_LITTLE_GIANT in kinds
