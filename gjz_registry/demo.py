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
from typing import NamedTuple

from db.database import engine
from db.models import AnnualReport, Carrier, Enterprise, Qualification, Residency, now
from gjz_registry import reference as ref
from gjz_registry.errors import RuleError
from gjz_registry.fields import CARRIER, ENTERPRISE
from gjz_registry.services import audit, search
from gjz_registry.services.base import Actor
from gjz_registry.services.qualifications import add_years, expiry_for
from gjz_registry.validators import credit_check_char

NOT_EMPTY = "数据库中已有企业数据，演示数据只能写入空数据库"
AUDIT_ENTITY = "database"  # the audit row of a generation: action "demo", this entity
CHUNK = 1000
FIRST_REPORT_YEAR = 2017
PLAN_ISSUED = datetime.date(2018, 7, 27)
EPOCH = datetime.date(1995, 1, 1).toordinal()
MODERN_CODES = datetime.date(2016, 1, 1).toordinal()  # new organisation codes (MA…) from here
CHAIN_START = datetime.date(2012, 1, 1).toordinal()  # makerspaces and incubators from here

# --- vocabularies ---------------------------------------------------------------------------
# Trade-name characters: chosen so that their pinyin never depends on the neighbouring
# character (checked pairwise), which lets the pinyin keys be built from cached parts.
TRADE_CHARS = (
    "华信德海博创锐智科达恒远泰鑫联星安瑞宏通诚汇昌凯中天久正新晨光明力源航澜蓝鲸港湾金丰峰"
    "富嘉伟兴东辰宇弘祥隆腾飞捷佳美益润泽阳景铭晟骏毅卓越拓普众顺永立振云峻皓鹏耀奥彩凌杰融"
    "睿思维成汉唐禾洋岳易芯迈臻尚亿升启悦望鼎聚川盈坤乾元亨"
)
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华玉红文斌鹏辉宇浩欣怡涵萱"
    "博晓东海燕志丹颖慧琳婷雪梅春峰岩亮鑫楠凯晨阳宁波健飞雷琦璐佳莉倩瑶"
)

AI, MARINE, ENERGY, HEALTH, GREEN, MATERIAL, OTHER = (
    "人工智能及新一代信息技术",
    "海洋工程装备制造",
    "智能和清洁能源装备",
    "生命健康",
    "节能环保",
    "新材料",
    "其他",
)
FIELD_WORDS = {
    AI: ("智能科技", "信息技术", "软件", "数据科技", "网络科技"),
    MARINE: ("海洋工程", "船舶科技", "海工装备", "重工"),
    ENERGY: ("新能源", "电气", "储能科技", "氢能"),
    HEALTH: ("生物科技", "医疗器械", "医药", "基因科技"),
    GREEN: ("环保科技", "节能技术", "环境工程"),
    MATERIAL: ("新材料", "复合材料", "材料科技"),
    OTHER: ("科技", "技术服务"),
}
FIELD_WEIGHTS = {AI: 28, MARINE: 9, ENERGY: 11, HEALTH: 12, GREEN: 10, MATERIAL: 10, OTHER: 20}
MANUFACTURING = {MARINE, ENERGY, MATERIAL, GREEN}
# Lead streets per field, as the plan assigns them (3× weight for that field).
ECO_CITY = "大连生态科技创新城"
FIELD_STREETS = {
    AI: (ECO_CITY,),
    MARINE: ("大连湾街道", "南关岭街道"),
    ENERGY: (ECO_CITY, "营城子街道", "大连湾街道"),
    HEALTH: (ECO_CITY, "营城子街道", "周水子街道"),
    GREEN: (ECO_CITY, "革镇堡街道"),
    MATERIAL: ("大连湾街道", "营城子街道", "辛寨子街道", "甘井子街道"),
}
PLAN_STREETS = (
    "大连湾街道",
    "南关岭街道",
    "营城子街道",
    "周水子街道",
    "革镇堡街道",
    "辛寨子街道",
    "甘井子街道",
    "中华路街道",
)
CARRIER_FOCUS = {
    AI: "人工智能",
    MARINE: "海洋装备",
    ENERGY: "清洁能源",
    HEALTH: "生命健康",
    GREEN: "节能环保",
    MATERIAL: "新材料",
}
ROADS = {
    "大连湾街道": ("金三角路", "临港路"),
    "南关岭街道": ("南关岭路", "华北路"),
    "营城子街道": ("营城子大街", "营城子中街"),
    "周水子街道": ("机场前街", "周水子路"),
    "革镇堡街道": ("革镇堡路", "金三角路"),
    "辛寨子街道": ("辛寨子路", "红旗西路"),
    "甘井子街道": ("虹港路", "甘井子路"),
    "中华路街道": ("华北路", "中华西路"),
    "泉水街道": ("泉水路", "华北路"),
    "红旗街道": ("红旗西路", "黄浦路"),
    "凌水街道": ("软件园路", "凌水路"),
    "七贤岭街道": ("黄浦路", "七贤岭路"),
    ECO_CITY: ("营城子大街", "学府大道"),
}
ROADS_ANY = (
    "华北路",
    "红旗西路",
    "软件园路",
    "黄浦路",
    "虹港路",
    "营城子大街",
    "南关岭路",
    "革镇堡路",
    "辛寨子路",
    "金三角路",
)
FORMS = ("有限公司", "股份有限公司", "有限责任公司")
FORM_CUM = tuple(accumulate((85, 8, 7)))


class Authority(NamedTuple):
    """A registration authority: credit code positions 1–2, the name's suffix, the
    organisation code's prefix, and its share of the demo's enterprises."""

    code: str
    suffix: str
    org_prefix: str
    weight: int


AUTHORITIES = (
    Authority("91", None, "MA", 960),  # 工商: 企业
    Authority("12", "研究所", "MB", 15),  # 机构编制: 事业单位
    Authority("52", "研究院", "MJ", 15),  # 民政: 民办非企业单位
    Authority("N1", "专业合作社", "MA", 5),  # 农业: 集体经济组织
    Authority("Y1", "技术服务中心", "MA", 5),  # 其他
)
AUTH_CUM = tuple(accumulate(a.weight for a in AUTHORITIES))


class CarrierSlot(NamedTuple):
    """A demo carrier as the chain picks one (ordered by opening day, for bisect)."""

    opened: int
    id: int
    street_id: int
    address: str
    status: str


@dataclasses.dataclass
class Stay:
    """One stay of an enterprise's generated incubation history."""

    carrier: CarrierSlot
    stage: int
    entered: int
    left: int = None
    reason: str = None
    basis: tuple = None


CARRIER_SHARES = (
    (ref.CARRIER_MAKERSPACE, 0.35),
    (ref.CARRIER_INCUBATOR, 0.30),
    (ref.CARRIER_ACCELERATOR, 0.20),
    (ref.CARRIER_INDUSTRIAL_BASE, 0.15),
)
CARRIER_AREA = {  # m², by kind
    ref.CARRIER_MAKERSPACE: (1000, 6000),
    ref.CARRIER_INCUBATOR: (10000, 60000),
    ref.CARRIER_ACCELERATOR: (20000, 100000),
    ref.CARRIER_INDUSTRIAL_BASE: (50000, 300000),
}
RESIDENT_AREA = ((5, 30), (30, 300), (100, 1000), (300, 3000))  # m² per resident, by stage
LEVEL_CUM = tuple(accumulate((8, 18, 30, 24, 20)))  # 国家级 省级 市级 区级 未认定
START_STAGE_CUM = tuple(accumulate((45, 35, 13, 7)))
STAY_DAYS = ((90, 360), (360, 1300), (360, 1100), (540, 2500))  # per stage, min/max
PROMOTE = (0.62, 0.45, 0.35, 0.0)
CAPITALS = (10, 20, 30, 50, 100, 200, 300, 500, 800, 1000, 2000, 3000, 5000, 10000)
CAPITAL_CUM = tuple(accumulate((4, 5, 8, 14, 20, 12, 10, 11, 3, 7, 3, 1, 1, 1)))
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


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
# An annual report's figures (the generator's working rows carry them by these names).
MONEY_FIGURES = (
    "revenue",
    "output_value",
    "rd_expense",
    "tax_paid",
    "tech_contract_amount",
    "investment_received",
)
COUNT_FIGURES = ("invention_patents", "patents_granted", "employees", "rd_staff")
REPORT_FIELDS = ("enterprise", "year", *MONEY_FIGURES, *COUNT_FIGURES, *STAMPS)


def _money(value):
    return f"{max(value, 0.0):.2f}"


def _day(ordinal):
    return None if ordinal is None else datetime.date.fromordinal(ordinal)


class _Generator:
    """All the draws, in one fixed order, from one Random."""

    def __init__(self, db, seed, today):
        self.db = db
        self.rng = random.Random(seed)
        self.drawn_rng = random.Random(f"{seed}:fields")
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

    # --- small draws --------------------------------------------------------------------
    def pick(self, items, cum):
        return items[bisect_right(cum, self.rng.random() * cum[-1])]

    def person(self):
        rng = self.rng
        given = rng.choice(GIVEN_CHARS)
        if rng.random() < 0.6:
            given += rng.choice(GIVEN_CHARS)
        return rng.choice(SURNAMES) + given

    def mobile(self):
        rng = self.rng
        return f"1{rng.choice('3335556788889')}{rng.randrange(10**9):09d}"

    def landline(self):
        return f"0411-{self.rng.choice('8886')}{self.rng.randrange(10**7):07d}"

    def address(self, street_name):
        rng = self.rng
        road = rng.choice(ROADS.get(street_name, ROADS_ANY))
        number = 1 + int(rng.random() ** 2 * 300)
        text = f"大连市甘井子区{road}{number}号"
        if rng.random() < 0.4:
            text += f"{rng.randint(1, 12)}{rng.randint(1, 30):02d}室"
        return text

    def keys(self, part):
        found = self.pinyin_cache.get(part)
        if found is None:
            found = self.pinyin_cache[part] = search.pinyin_keys(part)
        return found

    def trade(self, length):
        return "".join(self.rng.choice(TRADE_CHARS) for _ in range(length))

    def name(self, field, suffix):
        """A unique organisation name and its (pinyin, initials) keys."""
        rng = self.rng
        word = rng.choice(FIELD_WORDS.get(field, FIELD_WORDS[OTHER]))
        if suffix is None:
            suffix = FORMS[bisect_right(FORM_CUM, rng.random() * FORM_CUM[-1])]
        trade = self.trade(2 if rng.random() < 0.55 else 3)
        # a few are styled like 中环凯茵生态环境发展（大连）有限公司
        branded = suffix == FORMS[0] and rng.random() < 0.03
        prefix = "大连"
        attempt = 0
        while True:
            parts = (trade, "（大连）") if branded else (prefix, trade)
            name = "".join(parts) + word + suffix
            if name not in self.names:
                break
            attempt += 1
            trade = self.trade(3)
            if attempt > 3 and not branded:
                prefix = rng.choice(("辽宁", "大连市"))
        self.names.add(name)
        # Trade-name characters are context-free (see TRADE_CHARS): key them one by one.
        chars = [self.keys(c) for c in trade]
        trade_keys = ("".join(k[0] for k in chars), "".join(k[1] for k in chars))
        keys = [trade_keys, self.keys(parts[1])] if branded else [self.keys(prefix), trade_keys]
        keys += [self.keys(word), self.keys(suffix)]
        return name, "".join(k[0] for k in keys), "".join(k[1] for k in keys)

    def org_code(self, prefix, founded_ord):
        """Positions 9–17: a GB 11714 organisation code (8 characters + its check)."""
        rng = self.rng
        if prefix and (founded_ord >= MODERN_CODES or rng.random() < 0.2):
            body = prefix + "".join(rng.choice(_ORG_CHARS) for _ in range(6))
        else:
            body = rng.choice("1257") + f"{rng.randrange(10**7):07d}"
        total = sum(
            w * (int(c) if c.isdigit() else ord(c) - 55)
            for w, c in zip(_ORG_WEIGHTS, body, strict=True)
        )
        check = 11 - total % 11
        return body + ("X" if check == 10 else "0" if check == 11 else str(check))

    def credit_code(self, authority, area, prefix, founded_ord):
        while True:
            first = authority + area + self.org_code(prefix, founded_ord)
            code = first + credit_check_char(first)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def area(self):
        rng = self.rng
        return ref.DISTRICT_CODE if rng.random() < 0.88 else rng.choice(ref.NEIGHBOUR_CODES)

    def date_in_year(self, year, first_month=1, last_month=12):
        rng = self.rng
        return datetime.date(year, rng.randint(first_month, last_month), rng.randint(1, 28))

    # --- the run --------------------------------------------------------------------------
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
                        "recognized_on": _day(recognized),
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

    def residency_area(self, carrier_id, stage, is_open):
        """Floor area used (m²); current residents never fill more than a carrier has."""
        low, high = RESIDENT_AREA[stage]
        area = self.rng.randint(low, high)
        if is_open:
            area = max(low // 2, min(area, self.free_area[carrier_id] // 4))
            self.free_area[carrier_id] -= area
        return f"{area}.00"

    def carrier_for(self, stage, on_ord, street_id):
        """A carrier of the stage's kind, opened by ``on_ord``, preferably in the street."""
        kind = ref.CARRIER_KIND_OF_STAGE[ref.STAGES[stage]]
        items = self.carriers[kind]
        if self.rng.random() < 0.6:
            local = self.carriers_in.get((kind, street_id), ())
            count = bisect_right(local, (on_ord, 1 << 60))
            if count:
                return local[int(self.rng.random() * count)]
        count = max(1, bisect_right(items, (on_ord, 1 << 60)))
        return items[int(self.rng.random() * count)]

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
            "founded_on": _day(founded),
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
            moved = previous is not None and previous["left_on"] == _day(entered)
            residencies.append(
                {
                    "id": self.next_residency_id,
                    "enterprise": eid,
                    "carrier": stay.carrier.id,
                    "stage": ref.STAGES[st],
                    "entered_on": _day(entered),
                    "left_on": _day(left),
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
            "reports": [self.report_row(eid, r) for r in reports],
        }

    def chain(self, e, street_id):
        """The incubation history: [Stay]."""
        rng = self.rng
        founded, end, limit = e["founded"], e["end"], e["limit"]
        if founded >= CHAIN_START:
            # young firms enter within 10 months of founding (an incubator takes firms at
            # most 24 months old; 300 + 360 + 20 days keeps a promoted makerspace firm below)
            if rng.random() >= 0.40:
                return []
            stage = bisect_right(START_STAGE_CUM, rng.random() * START_STAGE_CUM[-1])
            entered = founded + int(rng.random() * 300)
        else:
            # older firms join the chain only at the accelerator or the industrial base
            if rng.random() >= 0.11:
                return []
            stage = 2 + (rng.random() < 0.4)
            entered = max(founded + 30, CHAIN_START + rng.randint(0, 1500))
        if entered >= limit - 20:
            return []
        long_cycle = e["field"] == HEALTH
        stays = []
        while True:
            carrier = self.carrier_for(stage, entered, street_id)
            low, high = STAY_DAYS[stage]
            if stage == 1 and long_cycle:
                high += 500
            left = entered + rng.randint(low, high)
            if left >= limit:
                if end is not None:  # the enterprise left the district or closed
                    reason = ref.EXIT_DEREGISTERED if rng.random() < 0.6 else ref.EXIT_MOVED_OUT
                    stays.append(Stay(carrier, stage, entered, end, reason))
                else:
                    stays.append(Stay(carrier, stage, entered))
                break
            if stage < 3 and rng.random() < PROMOTE[stage]:
                stays.append(Stay(carrier, stage, entered, left, ref.EXIT_PROMOTED))
                entered = left + rng.randint(0, 20)
                stage += 1
                if entered >= limit - 20:
                    break  # promoted just before the end of the data: no next stay yet
                continue
            r = rng.random()
            if r < 0.1 and end is None:
                stays.append(Stay(carrier, stage, entered))  # stays on (overdue)
            elif r < 0.65 and stage > 0:  # a makerspace project moves on or stops instead
                basis = self.graduation_basis(e, stage, left)
                stays.append(Stay(carrier, stage, entered, left, ref.EXIT_GRADUATED, basis))
            else:
                reason = ref.EXIT_MOVED_OUT if r < 0.8 else ref.EXIT_TERMINATED
                stays.append(Stay(carrier, stage, entered, left, reason))
            break
        last = stays[-1]
        if last.left is None and last.carrier.status != "运营":  # open stays: operating carriers
            pool = self.open_carriers[ref.CARRIER_KIND_OF_STAGE[ref.STAGES[last.stage]]]
            last.carrier = rng.choice(pool)
        return stays

    def graduation_basis(self, e, stage, left):
        """Choose the rule a graduate met and note the data it needs (made true later)."""
        r = self.rng.random()
        year = _day(left).year
        first_year, last_year = self.report_span(e)
        if r < 0.3 and first_year <= year - 2 and year - 1 <= last_year:
            e["needs"]["revenue"] = year - 2
            return ("revenue", year - 2)
        if r < 0.45 and first_year <= min(year, last_year):
            e["needs"]["investment"] = min(year, last_year)
            return ("investment", min(year, last_year))
        if r < 0.55 and stage >= 2:
            return ("merger_or_listing", year)
        e["needs"]["high_tech"] = left
        return ("high_tech", left)

    def basis(self, e, basis):
        if basis is None:
            return None
        titles = dict(ref.GRADUATION_RULES)
        key, value = basis
        if key == "high_tech":
            detail = f"证书 {e['cover_number']}"
        elif key == "revenue":
            detail = f"{value}—{value + 1} 年营业收入合计 {e['revenue_sum']:.2f} 万元"
        elif key == "investment":
            detail = f"累计获得投资 {e['investment_sum']:.2f} 万元"
        else:
            detail = f"{value} 年在全国中小企业股份转让系统挂牌"
        return f"{titles[key]}（{detail}）"

    # --- qualifications -------------------------------------------------------------------
    def qual_row(self, eid, kind, number, granted, year, expires=None, revoked=None, newer=None):
        qid = self.next_qual_id
        self.next_qual_id += 1
        expires = expires or expiry_for(kind, granted, year)
        return {
            "id": qid,
            "enterprise": eid,
            "kind": kind,
            "number": number,
            "granted_on": granted,
            "expires_on": expires,
            "year": year,
            "revoked_on": revoked,
            "superseded_by": newer,
            "created_at": self.stamp,
            "updated_at": self.stamp,
            "version": 1,
        }

    def ht_grant(self, year):
        if self.rng.random() < 0.85:  # certificates are mostly dated in the autumn batches
            return self.date_in_year(year, 10, 12)
        return self.date_in_year(year)

    def high_tech(self, e):
        """高新技术企业 certificates, GR{year}21{serial}, renewed every three years."""
        rng = self.rng
        founded, limit = _day(e["founded"]), _day(e["limit"])
        cover = e["needs"].get("high_tech")
        first_year = max(2008, founded.year + 1)
        renew = 0.65
        if cover is not None:
            cover = _day(cover)
            anchor = self.ht_grant(cover.year)
            if anchor >= cover:
                anchor = self.ht_grant(cover.year - 1)
            anchor = max(anchor, founded + datetime.timedelta(days=1))
            anchor = min(anchor, cover - datetime.timedelta(days=1))
        elif self.today_ord - e["founded"] < 400 or rng.random() >= 0.19:
            return []
        elif rng.random() < 0.06 and e["end"] is None:
            # expiring within the next 90 days, not renewed yet
            anchor = add_years(self.today, -3) + datetime.timedelta(days=rng.randint(1, 88))
            renew = 0.0
            if anchor.year < first_year or anchor <= founded:
                return []
        else:
            if first_year > limit.year:
                return []
            anchor = self.ht_grant(rng.randint(first_year, limit.year))
            if anchor > limit:
                anchor = self.ht_grant(anchor.year - 1)
            if anchor <= founded or anchor > limit:
                return []
        grants = [anchor]
        while rng.random() < 0.35 and grants[0].year - 3 >= first_year:
            grants.insert(0, self.ht_grant(grants[0].year - 3))
        while rng.random() < renew:
            nxt = self.ht_grant(grants[-1].year + 3)
            if nxt > limit:
                break
            grants.append(nxt)
        rows = []
        newer = None
        for granted in reversed(grants):  # newest first, so superseded_by points backwards
            year = granted.year
            serial = self.ht_serial.get(year) or rng.randint(1, 300)
            self.ht_serial[year] = serial + rng.randint(1, 6)
            row = self.qual_row(
                e["id"], ref.QUAL_HIGH_TECH, f"GR{year}21{serial:06d}", granted, year, newer=newer
            )
            rows.append(row)
            newer = row["id"]
        if cover is not None:
            e["cover_number"] = next(r["number"] for r in rows if r["granted_on"] == anchor)
        elif rng.random() < 0.01 and rows[0]["expires_on"] > self.today:
            newest = rows[0]
            days = datetime.timedelta(days=rng.randint(90, 600))
            newest["revoked_on"] = min(self.today, newest["granted_on"] + days)
        return rows

    def other_qualifications(self, e, reports):
        rng = self.rng
        rows = []
        founded, limit = _day(e["founded"]), _day(e["limit"])
        # 科技型中小企业: a run of consecutive years, {year}{area}A{7 digits}
        if e["employees"] <= 500 and rng.random() < 0.4:
            years = range(max(FIRST_REPORT_YEAR, founded.year), limit.year + 1)
            if years:
                year = rng.choice(years)
                area = e["code"][2:8]
                while year <= limit.year:
                    granted = self.date_in_year(year, 4, 10)
                    if granted > limit or granted <= founded:
                        break
                    key = (year, area)
                    serial = self.sme_serial.get(key) or rng.randint(10000, 900000)
                    self.sme_serial[key] = serial + rng.randint(1, 9)
                    rows.append(
                        self.qual_row(
                            e["id"], ref.QUAL_TECH_SME, f"{year}{area}A{serial:07d}", granted, year
                        )
                    )
                    if rng.random() > 0.6:
                        break
                    year += 1
        if not reports or e["end"] is not None:
            return rows
        r = rng.random()
        last = reports[-1]
        if r < 0.012 and len(reports) >= 3 and last["revenue"] > reports[-3]["revenue"] * 1.4:
            year = last["year"]
            rows.append(
                self.qual_row(e["id"], ref.QUAL_GAZELLE, None, self.date_in_year(year, 9, 12), year)
            )
        elif r < 0.03 and last["year"] >= 2019:
            year = rng.randint(max(2019, reports[0]["year"]), last["year"])
            granted = self.date_in_year(year, 6, 12)
            rows.append(
                self.qual_row(
                    e["id"],
                    ref.QUAL_SPECIALISED,
                    f"LNZJTX{year}{rng.randint(1, 999):04d}",
                    granted,
                    year,
                    expires=add_years(granted, 3) - datetime.timedelta(days=1),
                )
            )
        if e["field"] in MANUFACTURING and rng.random() < 0.3:
            for rep in reports:
                if rep["revenue"] >= 2000:
                    rows.append(
                        self.qual_row(e["id"], ref.QUAL_ABOVE_SCALE, None, None, rep["year"])
                    )
        if last["revenue"] >= 50000:
            rows.append(
                self.qual_row(
                    e["id"],
                    ref.QUAL_LEADING,
                    None,
                    self.date_in_year(last["year"], 9, 12),
                    last["year"],
                )
            )
        return rows

    # --- annual reports -------------------------------------------------------------------
    def report_span(self, e):
        """First and last year an enterprise can report (from 2017, up to last year)."""
        founded = _day(e["founded"])
        first_year = max(FIRST_REPORT_YEAR, founded.year + (founded.month > 6))
        last_year = min(self.today.year - 1, _day(e["limit"]).year - (e["end"] is not None))
        return first_year, last_year

    def reports(self, e):
        """{year and the annual report's figures (MONEY_FIGURES, COUNT_FIGURES)} for each year
        the enterprise reported."""
        rng = self.rng
        founded = _day(e["founded"])
        first_year, last_year = self.report_span(e)
        needs = e["needs"]
        if first_year > last_year or (rng.random() < 0.15 and not needs):
            return []
        emp = float(e["employees"])
        revenue = (
            emp * math.exp(rng.gauss(3.0, 0.6)) * (0.5 if founded.year >= first_year - 1 else 1.0)
        )
        drift = rng.gauss(0.07, 0.07)
        output_ratio = 0.85 + 0.4 * rng.random()
        rd_ratio = 0.02 + 0.08 * rng.random()
        tax_ratio = 0.01 + 0.05 * rng.random()
        rd_share = 0.1 + 0.5 * rng.random()
        contracts = 0.3 * rng.random() if rng.random() < 0.25 else 0.0
        inventions = int(rng.random() * emp / 10)
        invest_year = rng.randint(first_year, last_year) if rng.random() < 0.07 else None
        rows = []
        for year in range(first_year, last_year + 1):
            growth = drift + rng.gauss(0, 0.12) - (0.08 if year == 2020 else 0.0)
            if rows:
                revenue *= 1 + min(max(growth, -0.4), 0.8)
                emp = max(1.0, emp * (1 + 0.5 * growth))
            granted = int(rng.random() * (1 + emp / 15))
            inventions += int(granted * rng.random())
            invest = math.exp(rng.gauss(5.0, 1.0)) if year == invest_year else 0.0
            employees = int(round(emp))
            rows.append(
                {
                    "year": year,
                    "revenue": revenue,
                    "output_value": revenue * output_ratio,
                    "rd_expense": revenue * rd_ratio,
                    "tax_paid": revenue * tax_ratio,
                    "invention_patents": inventions,
                    "patents_granted": granted,
                    "tech_contract_amount": revenue * contracts,
                    "investment_received": invest,
                    "employees": employees,
                    "rd_staff": min(employees, int(employees * rd_share)),
                }
            )
        if "revenue" in needs:
            first = needs["revenue"]
            pair = [r for r in rows if r["year"] in (first, first + 1)]
            total = sum(r["revenue"] for r in pair)
            if len(pair) == 2 and total <= 1000:
                factor = 1000 * (1.05 + 0.8 * rng.random()) / max(total, 1.0)
                for r in rows:
                    for key in MONEY_FIGURES[:5]:  # all money but the investment received
                        r[key] *= factor
            e["revenue_sum"] = sum(float(_money(r["revenue"])) for r in pair)
        if "investment" in needs:
            year = needs["investment"]
            for r in rows:
                received = sum(x["investment_received"] for x in rows if x["year"] <= year)
                if r["year"] == year and received <= 500:
                    r["investment_received"] = 520 + 2500 * rng.random()
            e["investment_sum"] = sum(
                float(_money(r["investment_received"])) for r in rows if r["year"] <= year
            )
        return rows

    def report_row(self, eid, r):
        """An annual_report record of a working row (money as 万元 text)."""
        row = dict(r, enterprise=eid, created_at=self.stamp, updated_at=self.stamp, version=1)
        for key in MONEY_FIGURES:
            row[key] = _money(r[key])
        return row
