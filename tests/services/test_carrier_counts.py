"""A carrier's in-incubation counts and its residents' outputs (services/carrier_counts.py).

One history of 2022–2024 with admissions, a promotion to another carrier, a 退回, a move to
another carrier of the same stage, a move within the same carrier, graduations, leaving,
an enterprise entering and leaving within 2023, leaving and coming back, and back-dated
entries (all of them: entered today, dated years ago), counted for 2023 by hand; the identity
start + admitted − graduated − left = end for every carrier and year, here and on the demo.
"""

import collections
import datetime
from decimal import Decimal

import pytest

from db.models import Residency
from gjz_registry import reference as ref
from gjz_registry.demo import generate
from gjz_registry.services.carrier_counts import YearCounts, resident_outputs, year_counts
from tests.conftest import enterprise_data


def _carrier(admin, name, kind, street="大连湾街道"):
    return admin.carriers.create({"name": name, "kind": kind, "street": street}).id


@pytest.fixture
def history(admin):
    """Carriers A, B (incubators), C (accelerator) and the enterprises' stays."""
    a = _carrier(admin, "甘井子区计数孵化器甲", "孵化器")
    b = _carrier(admin, "甘井子区计数孵化器乙", "孵化器", street="南关岭街道")
    c = _carrier(admin, "甘井子区计数加速器", "加速器")
    inc = admin.incubation
    made = {}

    def enterprise(key, founded="2021-12-01", street="大连湾街道"):
        n = len(made) + 1
        made[key] = admin.enterprises.create(
            enterprise_data(n, founded_on=founded, street=street)
        ).id
        return made[key]

    inc.admit(enterprise("graduate"), a, "2022-03-01")
    inc.graduate(made["graduate"], "2023-06-30", "merger_or_listing", "2023年被收购")
    inc.admit(enterprise("promoted"), a, "2022-05-01")
    inc.move(made["promoted"], c, "2023-04-01")  # 晋级: leaves A, admitted to C
    inc.admit(enterprise("returned"), c, "2022-01-10")
    inc.move(made["returned"], a, "2023-05-01", reason="未达到加速器条件")  # 退回 to A
    inc.admit(enterprise("in_and_out", founded="2022-06-01"), a, "2023-02-01")
    inc.leave(made["in_and_out"], "2023-09-01")
    inc.admit(enterprise("new_year_eve"), a, "2022-12-31")  # at the start of 2023
    inc.admit(enterprise("last_day", founded="2022-06-01"), a, "2023-12-31")  # admitted, at end
    inc.admit(enterprise("left_last_day"), a, "2022-02-01")
    inc.leave(made["left_last_day"], "2023-12-31", ref.EXIT_TERMINATED)  # left in 2023
    inc.admit(enterprise("next_year", founded="2023-06-01"), a, "2024-01-01")  # not in 2023
    inc.admit(enterprise("sideways", street="南关岭街道"), b, "2022-04-01")
    inc.move(made["sideways"], a, "2023-07-01")  # 迁出 B → A (same stage)
    inc.admit(enterprise("comes_back"), b, "2022-04-01")
    inc.leave(made["comes_back"], "2023-03-01")
    inc.admit(made["comes_back"], b, "2023-06-01")  # back: neither admitted nor leaving
    inc.admit(enterprise("stays"), b, "2021-12-15")
    inc.admit(enterprise("inside"), b, "2022-04-01")
    # a move within the same carrier (older data: the services refuse it today)
    first = Residency.get(Residency.enterprise == made["inside"])
    first.left_on, first.exit_reason = datetime.date(2023, 3, 1), ref.EXIT_MOVED_OUT
    first.save()
    Residency.create(
        enterprise=made["inside"],
        carrier=b,
        stage=first.stage,
        entered_on=datetime.date(2023, 3, 1),
        moved_from=first.id,
    )
    return {"a": a, "b": b, "c": c, **made}


def test_counts_of_2023_agree_with_the_history(admin, history):
    found = year_counts([history["a"], history["b"], history["c"]], 2023)
    # A: start graduate, promoted, new_year_eve, left_last_day; admitted returned,
    # in_and_out, last_day, sideways; graduated graduate; left promoted (晋级 to C),
    # in_and_out, left_last_day; end returned, new_year_eve, last_day, sideways
    assert found[history["a"]] == YearCounts(start=4, admitted=4, graduated=1, left=3, end=4)
    # B: start sideways, comes_back, stays, inside; left sideways (迁出 to A)
    assert found[history["b"]] == YearCounts(start=4, admitted=0, graduated=0, left=1, end=3)
    # C: start returned; admitted promoted; left returned (退回 to A)
    assert found[history["c"]] == YearCounts(start=1, admitted=1, graduated=0, left=1, end=1)
    assert admin.carrier_years.counts(history["a"], 2023) == found[history["a"]]
    assert year_counts([history["a"]], 2024)[history["a"]] == YearCounts(4, 1, 0, 0, 5)
    assert year_counts([history["a"]], 2021)[history["a"]] == YearCounts()


def test_start_plus_admitted_minus_exits_is_the_end(history):
    carriers = [history["a"], history["b"], history["c"]]
    for year in range(2020, 2027):
        for counts in year_counts(carriers, year).values():
            assert counts.start + counts.admitted - counts.graduated - counts.left == counts.end
        following = year_counts(carriers, year + 1)
        for carrier, counts in year_counts(carriers, year).items():
            assert following[carrier].start == counts.end


def test_comparison_flags_reported_counts_that_differ(admin, clerk, history):
    admin.carrier_years.save(
        history["a"], 2023, {"reported_start": 4, "reported_admitted": 5, "reported_end": 4}
    )
    rows = admin.carrier_years.comparison(history["a"], 2023)
    assert [r[0] for r in rows] == [
        "reported_start",
        "reported_admitted",
        "reported_graduated",
        "reported_left",
        "reported_end",
    ]
    assert [(r[2], r[3], r[4]) for r in rows] == [
        (4, 4, False),
        (5, 4, True),
        (None, 1, False),
        (None, 3, False),
        (4, 4, False),
    ]
    assert rows[1][1] == "当年新入孵企业数(家)"
    # the carrier's aggregate figures: a clerk of another street reads the same
    assert clerk.carrier_years.comparison(history["b"], 2023) == admin.carrier_years.comparison(
        history["b"], 2023
    )


def test_resident_outputs_sum_the_residents_at_the_year_end(admin, clerk, history):
    a = history["a"]
    admin.annual.save(history["returned"], 2023, {"revenue": "120.5", "employees": 12})
    admin.annual.save(history["sideways"], 2023, {"revenue": 80, "investment_received": 50})
    admin.annual.save(history["in_and_out"], 2023, {"revenue": 999})  # left during 2023
    admin.annual.save(history["new_year_eve"], 2022, {"revenue": 999})  # another year
    admin.qualifications.add(
        history["returned"], "高新技术企业", "GR202321000001", granted_on="2023-11-01"
    )
    admin.qualifications.add(history["sideways"], "科技型中小企业", "2023210211A0000001", year=2023)
    out = resident_outputs([a, history["b"]], 2023)[a]
    assert out.residents == 4
    assert out.revenue == Decimal("200.5")
    assert out.employees == 12
    assert out.investment_received == Decimal(50) and out.financed == 1
    assert (out.high_tech, out.new_high_tech, out.tech_sme) == (1, 1, 1)
    assert out.tech_sme_share == Decimal("25.00")
    assert resident_outputs([history["b"]], 2023)[history["b"]].revenue == 0
    # a clerk's sums cover the residents of their street (sideways is of 南关岭街道)
    by_carrier = {c.id: o for c, o in clerk.carrier_years.outputs(2023)}
    assert by_carrier[a].residents == 3 and by_carrier[a].revenue == Decimal("120.5")
    by_carrier = {c.id: o for c, o in admin.carrier_years.outputs(2023, kind="孵化器")}
    assert set(by_carrier) == {a, history["b"]} and by_carrier[a] == out


def _brute_force(stays, year):
    """The counts by the module's words, enterprise by enterprise (no SQL)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    result = collections.defaultdict(YearCounts)
    by_pair = collections.defaultdict(list)
    for s in stays:
        by_pair[s.carrier_id, s.enterprise_id].append(s)
    ids = {s.id: s for s in stays}
    for (carrier, _), rows in by_pair.items():
        counts = result[carrier]
        start = any(
            s.entered_on < first and (s.left_on is None or s.left_on >= first) for s in rows
        )
        end = any(s.entered_on <= last and (s.left_on is None or s.left_on > last) for s in rows)
        within = [
            s
            for s in rows
            if first <= s.entered_on <= last
            and not (s.moved_from_id and ids[s.moved_from_id].carrier_id == carrier)
        ]
        admitted = bool(within) and not start
        counts.start += start
        counts.end += end
        counts.admitted += admitted
        if start + admitted > end:
            moved_on = {s.moved_from_id for s in stays if s.carrier_id == carrier}
            closed = [
                s
                for s in rows
                if s.left_on is not None and first <= s.left_on <= last and s.id not in moved_on
            ]
            last_exit = max(closed, key=lambda s: (s.left_on, s.id))
            if last_exit.exit_reason == ref.EXIT_GRADUATED:
                counts.graduated += 1
            else:
                counts.left += 1
    return result


@pytest.mark.sqlite_only
def test_demo_counts_hold_the_identity_and_match_a_brute_force(tmp_path):
    from gjz_registry import open_registry

    reg = open_registry(tmp_path / "demo.db")
    generate(reg.db, enterprises=400, seed=5, today=datetime.date(2026, 11, 1))
    stays = list(Residency.select())
    carriers = sorted({s.carrier_id for s in stays})
    for year in range(2016, 2027):
        found = year_counts(carriers, year)
        expected = _brute_force(stays, year)
        for carrier in carriers:
            counts = found[carrier]
            assert counts == expected.get(carrier, YearCounts()), (carrier, year)
            assert counts.start + counts.admitted - counts.graduated - counts.left == counts.end
    reg.close()
