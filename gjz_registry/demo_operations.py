"""The demo's carrier operations and the national form's figures of its residents.

- :func:`carrier_years`: every operating carrier gets its yearly operations (载体年度运营) for
  the last two complete years before the demo's today; the in-incubation counts it reports
  are the ones computed from the demo's residency history (services/carrier_counts.py),
  except for about one carrier in eight, whose return is off by one or two (consistently:
  its year end moves with the wrong figure), so the client shows the difference flagged.
- :class:`Operations` (a mixin of the generator): an annual report of an enterprise that
  has been in a carrier gets the Torch enterprise form's figures (net profit, which may be a
  loss, exports, IP, technology contracts, graduates hired, awards).

Both draw from Randoms of their own (``seed:operations``, ``seed:torch``), so the rest of
the demo stays the same rows for the same seed.
"""

import random

from db.models import ALL_MODELS, Carrier, CarrierYear
from gjz_registry import reference as ref
from gjz_registry.demo_tables import money_text
from gjz_registry.services.carrier_counts import year_counts

# per kind: (mentors full, part), (staff), events per year, stations per 100 ㎡
KIND_SCALE = {
    ref.CARRIER_MAKERSPACE: ((1, 4), (3, 8), (12, 40), 4),
    ref.CARRIER_INCUBATOR: ((2, 8), (5, 15), (10, 30), 0),
    ref.CARRIER_ACCELERATOR: ((1, 5), (5, 12), (6, 20), 0),
    ref.CARRIER_INDUSTRIAL_BASE: ((0, 3), (6, 20), (4, 12), 0),
}


def carrier_years(db, seed, today, stamp):
    """Write two years of operations for every operating carrier; return the rows written."""
    with db.bind_ctx(ALL_MODELS):  # the models read the database being filled
        return _carrier_years(db, seed, today, stamp)


def _carrier_years(db, seed, today, stamp):
    rng = random.Random(f"{seed}:operations")
    carriers = list(
        Carrier.select(Carrier.id, Carrier.kind, Carrier.area_m2)
        .where(Carrier.status == "运营")
        .order_by(Carrier.id)
        .tuples()
    )
    ids = [c[0] for c in carriers]
    rows = []
    for year in (today.year - 2, today.year - 1):
        counts = year_counts(ids, year)
        for carrier_id, kind, area in carriers:
            rows.append(_operations(rng, carrier_id, kind, area, year, counts[carrier_id]))
    for row in rows:
        row.update(created_at=stamp, updated_at=stamp, version=1)
    if rows:
        names = list(rows[0])
        columns = [CarrierYear._meta.fields[n].column_name for n in names]
        marks = ", ".join([db.param] * len(names))
        sql = f"INSERT INTO carrier_year ({', '.join(columns)}) VALUES ({marks})"
        db.cursor().executemany(sql, [[row[n] for n in names] for row in rows])
    return len(rows)


def _operations(rng, carrier_id, kind, area, year, counts):
    (full, part), staff, events, stations = KIND_SCALE[kind]
    site = float(area or 2000)
    seed_fund = rng.choice((0, 0, 100, 200, 300, 500, 1000))
    invested = round(seed_fund * rng.uniform(0.1, 0.6), 2) if seed_fund else 0
    reported = {
        "start": counts.start,
        "admitted": counts.admitted,
        "graduated": counts.graduated,
        "left": counts.left,
    }
    if rng.random() < 0.125:  # a return that does not match the records
        wrong = rng.choice(("admitted", "graduated", "start"))
        reported[wrong] += rng.choice((1, 2))
    reported["end"] = (
        reported["start"] + reported["admitted"] - reported["graduated"] - reported["left"]
    )
    return {
        "carrier": carrier_id,
        "year": year,
        "site_area_m2": money_text(site),
        "incubation_area_m2": money_text(site * rng.uniform(0.6, 0.85)),
        "stations": int(site * stations / 100) or None,
        "management_staff": rng.randint(*staff),
        "mentors_full": rng.randint(0, full),
        "mentors_part": rng.randint(0, part),
        "seed_fund": money_text(seed_fund),
        "fund_invested": money_text(invested),
        "enterprises_invested": rng.randint(1, 6) if invested else 0,
        "platforms": rng.randint(0, 4),
        "research_platforms": rng.randint(0, 2),
        "events": rng.randint(*events),
        "total_income": money_text(site * rng.uniform(0.02, 0.08)),
        "fiscal_support": money_text(rng.choice((0, 0, 20, 50, 100))),
        **{f"reported_{code}": n for code, n in reported.items()},
        "notes": None,
    }


# the annual report's figures of the national enterprise form (schema 15)
TORCH_FIGURES = (
    "net_profit",
    "export_total",
    "ip_applied",
    "ip_granted",
    "invention_applied",
    "software_copyrights",
    "tech_contracts",
    "graduates_hired",
    "award_level",
)
TORCH_BLANK = dict.fromkeys(TORCH_FIGURES)


class Operations:
    """The Torch enterprise form's figures of the residents' annual reports."""

    def torch_figures(self, row, residencies):
        """``row`` (an annual_report record, money as 万元 text) with the new figures: drawn
        for an enterprise that has been in a carrier (``residencies``), else empty."""
        if not residencies:
            row.update(TORCH_BLANK)
            return row
        draw = self.torch_rng.random  # plain random() draws: this runs for every report
        revenue = float(row["revenue"])
        margin = 0.16 * draw() - 0.04  # about one in four makes a loss
        granted = (row["patents_granted"] or 0) + int(4 * draw())
        applied = granted + int(5 * draw())
        row["net_profit"] = f"{revenue * margin:.2f}"
        exports = draw()
        row["export_total"] = money_text(revenue * exports * 2 if exports < 0.15 else 0.0)
        row["ip_granted"] = granted
        row["ip_applied"] = applied
        row["invention_applied"] = min(applied, (row["invention_patents"] or 0) + int(3 * draw()))
        row["software_copyrights"] = int(7 * draw())
        contracts = float(row["tech_contract_amount"]) > 0
        row["tech_contracts"] = 1 + int(8 * draw()) if contracts else 0
        row["graduates_hired"] = int(draw() * (1 + row["employees"] // 8))
        award = draw()
        row["award_level"] = ref.AWARD_LEVELS[int(award * 100)] if award < 0.03 else None
        return row
