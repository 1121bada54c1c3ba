"""peewee models: the registry's tables (DESIGN §4).

Code names equal column names (a foreign key ``street`` is the column ``street_id``).  Money is
Decimal in 万元, dates are dates.  Writable records carry ``created_at``, ``updated_at`` and
``version`` for optimistic locking.  Enumerations are stored as their Chinese names (see
gjz_registry.reference).  The schema itself is created by migrations, not by these classes;
tests/unit/test_migrations.py checks that both agree.
"""

import datetime

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from db.database import database_proxy


def now():
    return datetime.datetime.now().replace(microsecond=0)


def Money(**kw):
    """万元, four decimals (元-exact up to 0.0001 万元)."""
    return DecimalField(max_digits=16, decimal_places=4, auto_round=True, null=True, **kw)


class BaseModel(Model):
    id = AutoField()

    class Meta:
        database = database_proxy
        legacy_table_names = False


class VersionedModel(BaseModel):
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    version = IntegerField(default=1)


class Street(VersionedModel):
    name = CharField(max_length=50, unique=True)
    kind = CharField(max_length=10, default="街道")
    sort_order = IntegerField(default=0)
    active = BooleanField(default=True)


class Industry(VersionedModel):
    code = CharField(max_length=10, unique=True)
    name = CharField(max_length=50, unique=True)
    sort_order = IntegerField(default=0)


class Carrier(VersionedModel):
    name = CharField(max_length=200, unique=True)
    kind = CharField(max_length=20)
    level = CharField(max_length=10, default="未认定")
    operator_name = CharField(max_length=200, null=True)
    operator_credit_code = CharField(max_length=18, null=True)
    street = ForeignKeyField(Street, backref="carriers", null=True)
    address = CharField(max_length=300, null=True)
    area_m2 = DecimalField(max_digits=12, decimal_places=2, null=True)
    recognized_on = DateField(null=True)
    contact_name = CharField(max_length=50, null=True)
    contact_phone = CharField(max_length=30, null=True)
    status = CharField(max_length=10, default="运营")
    notes = TextField(null=True)


class Enterprise(VersionedModel):
    name = CharField(max_length=200, index=True)
    credit_code = CharField(max_length=18, unique=True)
    legal_rep = CharField(max_length=50, null=True)
    contact_name = CharField(max_length=50, null=True)
    contact_phone = CharField(max_length=30, null=True)
    address = CharField(max_length=300, null=True)
    street = ForeignKeyField(Street, backref="enterprises")
    industry = ForeignKeyField(Industry, backref="enterprises", null=True)
    tech_field = CharField(max_length=20, null=True)  # 技术领域 (reference.TECH_FIELDS)
    founded_on = DateField(null=True)
    registered_capital = Money()
    employees = IntegerField(null=True)
    rd_staff = IntegerField(null=True)
    status = CharField(max_length=10, default="在营", index=True)
    stage = CharField(max_length=10, null=True, index=True)
    carrier = ForeignKeyField(Carrier, backref="residents", null=True)
    name_pinyin = CharField(max_length=800, default="", index=True)
    name_initials = CharField(max_length=200, default="", index=True)
    notes = TextField(null=True)


class Qualification(VersionedModel):
    enterprise = ForeignKeyField(Enterprise, backref="qualifications")
    kind = CharField(max_length=20, index=True)
    number = CharField(max_length=40, null=True, index=True)
    granted_on = DateField(null=True)
    expires_on = DateField(null=True, index=True)
    year = IntegerField(null=True)
    revoked_on = DateField(null=True)
    superseded_by = ForeignKeyField("self", null=True, backref="supersedes")
    notes = TextField(null=True)


class AnnualReport(VersionedModel):
    enterprise = ForeignKeyField(Enterprise, backref="annual_reports")
    year = IntegerField()
    revenue = Money()
    output_value = Money()
    rd_expense = Money()
    tax_paid = Money()
    invention_patents = IntegerField(null=True)
    patents_granted = IntegerField(null=True)
    tech_contract_amount = Money()
    investment_received = Money()
    employees = IntegerField(null=True)
    rd_staff = IntegerField(null=True)
    # since schema 15: the Torch enterprise form's figures (gjz_registry.fields.ANNUAL)
    net_profit = DecimalField(max_digits=16, decimal_places=4, auto_round=True, null=True)
    export_total = Money()
    ip_applied = IntegerField(null=True)
    ip_granted = IntegerField(null=True)
    invention_applied = IntegerField(null=True)
    software_copyrights = IntegerField(null=True)
    tech_contracts = IntegerField(null=True)
    graduates_hired = IntegerField(null=True)
    award_level = CharField(max_length=10, null=True)

    class Meta:
        indexes = ((("enterprise", "year"), True),)


class CarrierYear(VersionedModel):
    """A carrier's yearly operations (载体年度运营, schema 15; gjz_registry.fields.CARRIER_YEAR).
    ``reported_*`` are the in-incubation counts as the carrier reports them."""

    carrier = ForeignKeyField(Carrier, backref="years")
    year = IntegerField()
    site_area_m2 = DecimalField(max_digits=12, decimal_places=2, null=True)
    incubation_area_m2 = DecimalField(max_digits=12, decimal_places=2, null=True)
    stations = IntegerField(null=True)
    management_staff = IntegerField(null=True)
    mentors_full = IntegerField(null=True)
    mentors_part = IntegerField(null=True)
    seed_fund = Money()
    fund_invested = Money()
    enterprises_invested = IntegerField(null=True)
    platforms = IntegerField(null=True)
    research_platforms = IntegerField(null=True)
    events = IntegerField(null=True)
    total_income = Money()
    fiscal_support = Money()
    reported_start = IntegerField(null=True)
    reported_admitted = IntegerField(null=True)
    reported_graduated = IntegerField(null=True)
    reported_left = IntegerField(null=True)
    reported_end = IntegerField(null=True)
    notes = TextField(null=True)

    class Meta:
        indexes = ((("carrier", "year"), True),)


class ReviewIndicator(VersionedModel):
    """An indicator of the carriers' yearly performance review (载体绩效评价指标, schema 16):
    which measure it reads (services.review_measures), its weight and scoring rule."""

    carrier_kind = CharField(max_length=20)
    code = CharField(max_length=20)
    name = CharField(max_length=100)
    category = CharField(max_length=20, null=True)
    measure = CharField(max_length=40)
    weight = DecimalField(max_digits=6, decimal_places=2)
    rule = CharField(max_length=10, default="线性")
    full_at = DecimalField(max_digits=16, decimal_places=4, null=True)
    zero_at = DecimalField(max_digits=16, decimal_places=4, null=True)
    bands = CharField(max_length=200, null=True)
    direction = CharField(max_length=4, default="正向")
    sort_order = IntegerField(default=0)
    active = BooleanField(default=True)
    note = TextField(null=True)

    class Meta:
        indexes = ((("carrier_kind", "code"), True),)


class Residency(VersionedModel):
    enterprise = ForeignKeyField(Enterprise, backref="residencies")
    carrier = ForeignKeyField(Carrier, backref="residencies")
    stage = CharField(max_length=10)
    entered_on = DateField()
    left_on = DateField(null=True)
    exit_reason = CharField(max_length=10, null=True)
    basis = CharField(max_length=200, null=True)  # why it began: an override of the entry rule
    notes = TextField(null=True)  # why it ended: graduation rule, leave notes, reason for 退回
    area_m2 = DecimalField(max_digits=12, decimal_places=2, null=True)  # since schema 3
    # the stay this one continues after a move (NULL after an admission); since schema 12
    moved_from = ForeignKeyField("self", null=True, backref="moved_to")


class User(VersionedModel):
    username = CharField(max_length=50, unique=True)
    display_name = CharField(max_length=50, null=True)
    password_hash = CharField(max_length=300)
    role = CharField(max_length=10)
    street = ForeignKeyField(Street, null=True, backref="users")
    active = BooleanField(default=True)
    must_change_password = BooleanField(default=False)
    last_login = DateTimeField(null=True)


class LoginFailure(BaseModel):
    """Consecutive failed logins of one typed user name, whether or not such a user exists
    (gjz_registry.services.logins; migration 0011)."""

    username = CharField(max_length=100, unique=True)
    failures = IntegerField(default=0)
    last_failed_at = DateTimeField(null=True)
    locked_until = DateTimeField(null=True)


class Certificate(VersionedModel):
    serial = CharField(max_length=40, unique=True)
    kind = CharField(max_length=20)
    enterprise = ForeignKeyField(Enterprise, null=True, backref="certificates")
    carrier = ForeignKeyField(Carrier, null=True, backref="certificates")
    holder_name = CharField(max_length=200)
    issued_on = DateField()
    issued_by = CharField(max_length=50, null=True)
    verify_code = CharField(max_length=40)
    body = TextField(null=True)
    revoked_on = DateField(null=True)
    revoke_reason = CharField(max_length=200, null=True)
    unit_name = CharField(max_length=200, null=True)  # the issuing unit then (migration 0008)


class Plan(VersionedModel):
    name = CharField(max_length=200, unique=True)
    starts_on = DateField()
    ends_on = DateField()
    document = CharField(max_length=200, null=True)
    issued_on = DateField(null=True)
    source_text = TextField(null=True)
    # since schema 14: 考核节奏 (半年 / 季度 / 年) and 草稿 / 已发布 / 已废止
    rhythm = CharField(max_length=10, default="半年")
    status = CharField(max_length=10, default="已发布")


class Target(VersionedModel):
    plan = ForeignKeyField(Plan, backref="targets")
    indicator = CharField(max_length=100)
    period = CharField(max_length=10)
    scope = CharField(max_length=60, default="区")
    value = DecimalField(max_digits=16, decimal_places=4)
    unit = CharField(max_length=20, null=True)
    comparison = CharField(max_length=4, default=">=")
    source = TextField(null=True)
    note = TextField(null=True)
    sort_order = IntegerField(default=0)
    # since schema 4: the computed measure yielding the actual (NULL: entered by hand),
    # 按时间进度 / 直接比较, and where in the plan the target is written (二、(二), 任务 7 …)
    measure = CharField(max_length=40, null=True)
    assessment = CharField(max_length=10, default="按时间进度")
    clause = CharField(max_length=40, null=True)
    # since schema 14: the district (or field) target this row is a street's part of (分解)
    parent = ForeignKeyField("self", null=True, backref="parts", column_name="parent_id")


class PlanTask(VersionedModel):
    plan = ForeignKeyField(Plan, backref="tasks")
    number = IntegerField()
    title = CharField(max_length=200)
    lead_units = TextField(null=True)
    co_units = TextField(null=True)
    section = CharField(max_length=100, null=True)  # since schema 4: 三、重点任务 heading


class TaskProgress(VersionedModel):
    task = ForeignKeyField(PlanTask, backref="progress")
    period = CharField(max_length=10)
    status = CharField(max_length=10, default="未开始")
    note = TextField(null=True)

    class Meta:
        indexes = ((("task", "period"), True),)


class TargetActual(VersionedModel):
    indicator = CharField(max_length=100)
    period = CharField(max_length=10)
    scope = CharField(max_length=60, default="区")
    value = DecimalField(max_digits=16, decimal_places=4)
    note = TextField(null=True)

    class Meta:
        indexes = ((("indicator", "period", "scope"), True),)


class AuditLog(BaseModel):
    at = DateTimeField(default=now, index=True)
    user = CharField(max_length=80)
    action = CharField(max_length=30)
    entity = CharField(max_length=30)
    entity_id = IntegerField(null=True)
    before = TextField(null=True)
    after = TextField(null=True)
    batch = IntegerField(null=True, index=True)

    class Meta:
        indexes = ((("entity", "entity_id"), False),)


class ImportBatch(BaseModel):
    at = DateTimeField(default=now)
    user = CharField(max_length=80)
    file_name = CharField(max_length=500)
    file_sha256 = CharField(max_length=64)
    kind = CharField(max_length=20)
    total = IntegerField(default=0)
    created = IntegerField(default=0)
    updated = IntegerField(default=0)
    skipped = IntegerField(default=0)
    rejected = IntegerField(default=0)
    status = CharField(max_length=10, default="已提交")


class Setting(BaseModel):
    key = CharField(max_length=100, unique=True)
    value = TextField(null=True)


ALL_MODELS = [
    Street,
    Industry,
    Carrier,
    Enterprise,
    Qualification,
    AnnualReport,
    CarrierYear,
    ReviewIndicator,
    Residency,
    User,
    LoginFailure,
    Certificate,
    Plan,
    Target,
    PlanTask,
    TaskProgress,
    TargetActual,
    AuditLog,
    ImportBatch,
    Setting,
]
