"""Synthetic demo data: a realistic, reproducible registry written into an empty database.

``generate(db, enterprises=2000, seed=1, today=None)`` fills a freshly initialised database
(streets and industries seeded by the migrations, no enterprises yet) with carriers of the
four kinds, enterprises with valid credit codes, their incubation-chain history, 高新技术企业 /
科技型中小企业 and other qualifications, and annual reports from 2017 to last year — shaped
after the 2018–2020 action plan (its six fields, its lead streets, the chain
苗圃(众创空间) → 孵化器 → 加速器 → 产业化基地).

Everything comes from one ``random.Random(seed)`` and the date ``today``: the same seed and
``today`` give the same rows.  The data keeps the registry's invariants — Enterprise.stage and
Enterprise.carrier equal the one open Residency, residencies move forward through the stages
in carriers of the matching kind, certificate expiry follows the service's rule, rd_staff ≤
employees — so the screens, reports and rules can be tried on it.

Speed: 100 000 enterprises must take well under a minute, so rows are not written through
the per-record services (no per-row audit) but with one prepared INSERT per table and
``executemany`` in chunks, all in one transaction (peewee's Model.insert_many spends ~40 µs per
row building SQL; executemany ~5 µs).  One AuditLog row records the whole generation.
"""

import dataclasses
import datetime
import math
import operator
import random
from bisect import bisect_right
from itertools import accumulate

from db.database import engine
from db.models import AnnualReport, Carrier, Enterprise, Qualification, Residency, now
from gjz_registry import reference as ref
from gjz_registry.demo_chain import Chain
from gjz_registry.demo_draws import Draws
from gjz_registry.demo_figures import Figures
from gjz_registry.demo_operations import TORCH_FIGURES, Operations, carrier_years
from gjz_registry.demo_tables import (
    AUDIT_ENTITY,
    AUTH_CUM,
    AUTHORITIES,
    CAPITAL_CUM,
    CAPITALS,
    CARRIER_AREA,
    CARRIER_FOCUS,
    CARRIER_SHARES,
    CHAIN_START,
    CHUNK,
    COUNT_FIGURES,
    ECO_CITY,
    EPOCH,
    FIELD_STREETS,
    FIELD_WEIGHTS,
    LEVEL_CUM,
    MONEY_FIGURES,
    NOT_EMPTY,
    OTHER,
    PLAN_ISSUED,
    PLAN_STREETS,
    ROADS,
    ROADS_ANY,
    CarrierSlot,
    day_of,
)
from gjz_registry.errors import RuleError
from gjz_registry.fields import CARRIER, ENTERPRISE
from gjz_registry.services import audit, search
from gjz_registry.services.base import Actor


@dataclasses.dataclass
class DemoSummary:
    """What :func:`generate` wrote (counts of rows)."""

    enterprises: int = 0
    carriers: int = 0  # rows of each table; high_tech / tech_sme count qualification rows
    residencies: int = 0
    open_residencies: int = 0
    qualifications: int = 0
    high_tech: int = 0
    tech_sme: int = 0
    annual_reports: int = 0
    carrier_years: int = 0  # two years of operations per operating carrier
    seed: int = 1
    today: str = ""

    def as_dict(self):
        return dataclasses.asdict(self)


def generate(db, enterprises=2000, seed=1, today=None, progress=None, user="demo"):
    """Fill an empty database with demo data; return a :class:`DemoSummary`.

    ``progress(done, total)`` is called after each chunk of enterprises; ``user`` is who the
    audit row names (``DemoService.fill`` passes the acting user; it also checks who may).
    Raises RuleError when the database already holds enterprises or has no streets/industries
    (not initialised).
    """
    if enterprises < 1:
        raise RuleError("演示企业数量至少为 1")
    today = today or datetime.date.today()
    with db.atomic():
        if db.execute_sql("SELECT id FROM enterprise LIMIT 1").fetchone():
            raise RuleError(NOT_EMPTY)
        summary = _Generator(db, seed, today).run(enterprises, progress, user)
    return summary


# --- writing ------------------------------------------------------------------------------
def _columns(model, names):
    fields = model._meta.fields
    return [fields[n].column_name for n in names.split()]


def _insert(db, model, columns, rows):
    """One prepared INSERT, executed for every row (values already in database form)."""
    if rows:
        marks = ", ".join([db.param] * len(columns))
        names = ", ".join(f'"{c}"' for c in columns)  # "user" is reserved on PostgreSQL
        sql = f"INSERT INTO {model._meta.table_name} ({names}) VALUES ({marks})"
        db.cursor().executemany(sql, rows)
        if "id" in columns:
            engine(db).ids_taken(db, model._meta.table_name)


def _insert_records(db, model, names, records):
    """:func:`_insert` of ``records`` ({model field: value}, every one of ``names``)."""
    values = operator.itemgetter(*names)
    _insert(db, model, _columns(model, " ".join(names)), list(map(values, records)))


# The fields written: every field of the record kind's spec (gjz_registry.fields), then the
# bookkeeping ones.
STAMPS = ("created_at", "updated_at", "version")
ENTERPRISE_FIELDS = ("id", *ENTERPRISE.codes, "name_pinyin", "name_initials", *STAMPS)
CARRIER_FIELDS = ("id", *CARRIER.codes, *STAMPS)
# Fields the demo does not fill itself: a share of the records gets a value of the
# field's vocabulary (the spec's demo_share), drawn from a Random of their own so that the
# rest of the data stays the same when a field is added.
DRAWN_FIELDS = tuple(f for f in ENTERPRISE.fields if f.demo_share and f.vocabulary)
# A new record's fields before the generator fills them (those it does not fill stay empty).
ENTERPRISE_BLANK = dict.fromkeys(ENTERPRISE_FIELDS)
CARRIER_BLANK = dict.fromkeys(CARRIER_FIELDS)
RESIDENCY_FIELDS = (
    "id enterprise carrier stage entered_on left_on exit_reason notes area_m2 moved_from".split()
) + list(STAMPS)
QUALIFICATION_FIELDS = (
    "id enterprise kind number granted_on expires_on year revoked_on superseded_by".split()
) + list(STAMPS)
REPORT_FIELDS = ("enterprise", "year", *MONEY_FIGURES, *COUNT_FIGURES, *TORCH_FIGURES, *STAMPS)


class _Generator(Draws, Chain, Figures, Operations):
    """All the draws, in one fixed order, from one Random."""

    def __init__(self, db, seed, today):
        self.db = db
        self.rng = random.Random(seed)
        self.drawn_rng = random.Random(f"{seed}:fields")
        self.torch_rng = random.Random(f"{seed}:torch")
        self.seed = seed
        self.today = today
        self.today_ord = today.toordinal()
        self.stamp = now()
        self.names = set(r[0] for r in db.execute_sql("SELECT name FROM carrier"))
        self.codes = set(r[0] for r in db.execute_sql("SELECT credit_code FROM enterprise"))
        self.ht_serial = {}
        self.sme_serial = {}
        self.pinyin_cache = {}
        self.summary = DemoSummary(seed=seed, today=today.isoformat())
        self._load_reference()
        self.next_qual_id = self._next_id("qualification")
        self.next_residency_id = self._next_id("residency")

    def _next_id(self, table):
        return (self.db.execute_sql(f"SELECT MAX(id) FROM {table}").fetchone()[0] or 0) + 1

    def _load_reference(self):
        streets = self.db.execute_sql(
            "SELECT id, name FROM street WHERE active ORDER BY sort_order, id"
        ).fetchall()
        industries = self.db.execute_sql(
            "SELECT id, name FROM industry ORDER BY sort_order, id"
        ).fetchall()
        if not streets or not industries:
            raise RuleError("数据库尚未初始化（没有街道或产业领域），请先运行 init")
        self.streets = streets
        self.industries = industries
        self.industry_cum = list(accumulate(FIELD_WEIGHTS.get(n, 5) for _, n in industries))
        base = [8 if n == ECO_CITY else 6 if n in PLAN_STREETS else 2 for _, n in streets]
        self.street_cum = {}
        for iid, name in industries:
            lead = FIELD_STREETS.get(name, ())
            weights = [w * 3 if n in lead else w for w, (_, n) in zip(base, streets, strict=True)]
            self.street_cum[iid] = list(accumulate(weights))
        self.carrier_street_cum = list(accumulate(base))

    def run(self, count, progress, user):
        self.make_carriers(max(12, count // 400))
        next_id = self._next_id("enterprise")
        for start in range(0, count, CHUNK):
            size = min(CHUNK, count - start)
            batch = [self.enterprise(next_id + start + i) for i in range(size)]
            self.write(batch)
            if progress:
                progress(start + size, count)
        s = self.summary
        s.enterprises = count
        s.carrier_years = carrier_years(self.db, self.seed, self.today, self.stamp)
        # One audit row records the whole generation, written as every bulk writer's are.
        audit.record_many(
            Actor(label=user, role=None),  # only its label is written
            [("demo", AUDIT_ENTITY, None, None, s.as_dict())],
            at=self.stamp,
        )
        return s

    def write(self, batch):
        db = self.db
        _insert_records(db, Enterprise, ENTERPRISE_FIELDS, [e["row"] for e in batch])
        residencies = [r for e in batch for r in e["residencies"]]
        qualifications = [q for e in batch for q in e["qualifications"]]
        reports = [r for e in batch for r in e["reports"]]
        _insert_records(db, Residency, RESIDENCY_FIELDS, residencies)
        _insert_records(db, Qualification, QUALIFICATION_FIELDS, qualifications)
        _insert_records(db, AnnualReport, REPORT_FIELDS, reports)
        search.index_rows(
            db,
            [
                (r["id"], r["name"], r["name_pinyin"], r["name_initials"])
                for r in (e["row"] for e in batch)
            ],
        )
        s = self.summary
        s.residencies += len(residencies)
        s.open_residencies += sum(1 for r in residencies if r["left_on"] is None)
        s.qualifications += len(qualifications)
        s.high_tech += sum(1 for q in qualifications if q["kind"] == ref.QUAL_HIGH_TECH)
        s.tech_sme += sum(1 for q in qualifications if q["kind"] == ref.QUAL_TECH_SME)
        s.annual_reports += len(reports)

    # --- carriers -------------------------------------------------------------------------
    def make_carriers(self, count):
        rng = self.rng
        sizes = [max(2, round(count * share)) for _, share in CARRIER_SHARES]
        sizes[0] += count - sum(sizes)
        next_id = self._next_id("carrier")
        rows = []
        self.free_area = {}
        self.carriers = {kind: [] for kind, _ in CARRIER_SHARES}
        fields = [n for _, n in self.industries if n in CARRIER_FOCUS]
        recognized_seen = 0
        for (kind, _), size in zip(CARRIER_SHARES, sizes, strict=True):
            for i in range(size):
                cid = next_id + len(rows)
                focus = CARRIER_FOCUS[rng.choice(fields)] if fields and rng.random() < 0.3 else ""
                while True:
                    x = self.trade(2)
                    name = {
                        ref.CARRIER_MAKERSPACE: f"大连{x}{focus}众创空间",
                        ref.CARRIER_INCUBATOR: f"甘井子区{x}{focus}科技企业孵化器",
                        ref.CARRIER_ACCELERATOR: f"{x}{focus}加速器",
                        ref.CARRIER_INDUSTRIAL_BASE: f"大连{x}{focus}产业化基地",
                    }[kind]
                    if name not in self.names:
                        break
                self.names.add(name)
                level = ref.CARRIER_LEVELS[bisect_right(LEVEL_CUM, rng.random() * LEVEL_CUM[-1])]
                if level == "未认定":
                    recognized = None
                    opened = rng.randint(CHAIN_START, max(CHAIN_START, self.today_ord - 700))
                else:
                    # alternate before / after the plan's issue date, so both exist
                    recognized_seen += 1
                    low = CHAIN_START + 400
                    high = max(low + 2, self.today_ord - 30)
                    cut = min(max(PLAN_ISSUED.toordinal(), low), high)
                    recognized = (
                        rng.randint(low, cut - 1) if recognized_seen % 2 else rng.randint(cut, high)
                    )
                    opened = max(CHAIN_START - 700, recognized - rng.randint(100, 1000))
                street_id, street = self.pick(self.streets, self.carrier_street_cum)
                operator = self.name(OTHER, None)[0].replace("科技有限", "科技发展有限")
                area = rng.randint(*CARRIER_AREA[kind])
                self.free_area[cid] = area
                status = "运营" if i < 2 or rng.random() > 0.05 else "停运"
                address = f"大连市甘井子区{rng.choice(ROADS.get(street, ROADS_ANY))}"
                address += f"{rng.randint(1, 200)}号"
                rows.append(
                    {
                        **CARRIER_BLANK,
                        "id": cid,
                        "name": name,
                        "kind": kind,
                        "level": level,
                        "operator_name": operator,
                        "operator_credit_code": self.credit_code(
                            "91", ref.DISTRICT_CODE, "MA", opened
                        ),
                        "street": street_id,
                        "address": address,
                        "area_m2": f"{area}.00",
                        "recognized_on": day_of(recognized),
                        "contact_name": self.person(),
                        "contact_phone": self.landline() if rng.random() < 0.5 else self.mobile(),
                        "status": status,
                        "created_at": self.stamp,
                        "updated_at": self.stamp,
                        "version": 1,
                    }
                )
                self.carriers[kind].append(CarrierSlot(opened, cid, street_id, address, status))
        self.carriers_in = {}
        for kind, items in self.carriers.items():
            items.sort()
            for item in items:
                self.carriers_in.setdefault((kind, item.street_id), []).append(item)
        self.open_carriers = {
            kind: [c for c in items if c.status == "运营"] for kind, items in self.carriers.items()
        }
        _insert_records(self.db, Carrier, CARRIER_FIELDS, rows)
        self.summary.carriers = len(rows)

    # --- one enterprise -------------------------------------------------------------------
    def enterprise(self, eid):
        rng = self.rng
        today = self.today_ord
        industry_id, field = self.pick(self.industries, self.industry_cum)
        street_id, street = self.pick(self.streets, self.street_cum[industry_id])
        founded = EPOCH + int((today - 30 - EPOCH) * rng.random() ** 0.45)
        auth = AUTHORITIES[bisect_right(AUTH_CUM, rng.random() * AUTH_CUM[-1])]
        name, pinyin, initials = self.name(field, auth.suffix)
        code = self.credit_code(auth.code, self.area(), auth.org_prefix, founded)
        r = rng.random()
        status, end = ref.STATUS_ACTIVE, None
        if today - founded > 500 and r < 0.10:
            status = ref.STATUS_DEREGISTERED if r < 0.06 else ref.STATUS_MOVED_OUT
            end = founded + 200 + int((today - founded - 200) * (0.3 + 0.7 * rng.random()))
        limit = end or today
        legal_rep = self.person()
        contact = legal_rep if rng.random() < 0.4 else self.person()
        phone = self.mobile() if rng.random() < 0.85 else self.landline()
        address = self.address(street)
        capital = CAPITALS[bisect_right(CAPITAL_CUM, rng.random() * CAPITAL_CUM[-1])]
        if rng.random() < 0.12:
            capital = round(capital * (0.5 + rng.random()), 2)
        employees = max(1, int(math.exp(rng.gauss(2.3, 0.9))))
        e = {
            "id": eid,
            "founded": founded,
            "end": end,
            "limit": limit,
            "field": field,
            "code": code,
            "employees": employees,
            "needs": {},
        }

        stays = self.chain(e, street_id)
        quals = self.high_tech(e)
        reports = self.reports(e)
        quals += self.other_qualifications(e, reports)
        stage = carrier_id = None
        if stays and stays[-1].left is None:
            carrier = stays[-1].carrier
            stage, carrier_id = ref.STAGES[stays[-1].stage], carrier.id
            if rng.random() < 0.8:  # registered at the carrier's address
                street_id = carrier.street_id
                address = f"{carrier.address}{rng.randint(1, 12)}{rng.randint(1, 40):02d}室"
        if reports:
            employees = reports[-1]["employees"]
        rd_staff = min(employees, int(employees * (0.1 + 0.5 * rng.random())))
        if reports:
            rd_staff = reports[-1]["rd_staff"]
        row = {
            **ENTERPRISE_BLANK,
            "id": eid,
            "name": name,
            "credit_code": code,
            "legal_rep": legal_rep,
            "contact_name": contact,
            "contact_phone": phone,
            "address": address,
            "street": street_id,
            "industry": industry_id,
            "founded_on": day_of(founded),
            "registered_capital": str(capital),
            "employees": employees,
            "rd_staff": rd_staff,
            "status": status,
            "stage": stage,
            "carrier": carrier_id,
            "name_pinyin": pinyin,
            "name_initials": initials,
            "created_at": self.stamp,
            "updated_at": self.stamp,
            "version": 1,
        }
        for field in DRAWN_FIELDS:
            if self.drawn_rng.random() < field.demo_share:
                row[field.code] = self.drawn_rng.choice(field.vocabulary)
        residencies = []
        for stay in stays:
            st, entered, left = stay.stage, stay.entered, stay.left
            previous = residencies[-1] if residencies else None
            # a promotion on the day the previous stay ended is a move (moved_from)
            moved = previous is not None and previous["left_on"] == day_of(entered)
            residencies.append(
                {
                    "id": self.next_residency_id,
                    "enterprise": eid,
                    "carrier": stay.carrier.id,
                    "stage": ref.STAGES[st],
                    "entered_on": day_of(entered),
                    "left_on": day_of(left),
                    "exit_reason": stay.reason,
                    # the rule a graduate met: why the stay ended
                    "notes": self.basis(e, stay.basis),
                    "area_m2": self.residency_area(stay.carrier.id, st, left is None),
                    "moved_from": previous["id"] if moved else None,
                    "created_at": self.stamp,
                    "updated_at": self.stamp,
                    "version": 1,
                }
            )
            self.next_residency_id += 1
        return {
            "row": row,
            "residencies": residencies,
            "qualifications": quals,
            "reports": [self.torch_figures(self.report_row(eid, r), residencies) for r in reports],
        }
