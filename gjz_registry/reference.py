"""Reference values: the fixed vocabularies of the registry and the seed data.

Values are the official Chinese names; code works with these names directly (they are also
what the database stores for enumerations, and what Excel files carry).  Streets and
industries live in tables (editable); the lists here only seed them.
"""

# 孵化阶段 — the four levels of the incubation chain, in order.
STAGE_MAKERSPACE = "苗圃"
STAGE_INCUBATOR = "孵化器"
STAGE_ACCELERATOR = "加速器"
STAGE_INDUSTRIAL_BASE = "产业化基地"
STAGES = (STAGE_MAKERSPACE, STAGE_INCUBATOR, STAGE_ACCELERATOR, STAGE_INDUSTRIAL_BASE)

# 载体类型 — carrier kinds, and which stage each serves.
CARRIER_MAKERSPACE = "众创空间(苗圃)"
CARRIER_INCUBATOR = "孵化器"
CARRIER_ACCELERATOR = "加速器"
CARRIER_INDUSTRIAL_BASE = "产业化基地"
CARRIER_KINDS = (
    CARRIER_MAKERSPACE,
    CARRIER_INCUBATOR,
    CARRIER_ACCELERATOR,
    CARRIER_INDUSTRIAL_BASE,
)
STAGE_OF_CARRIER_KIND = dict(zip(CARRIER_KINDS, STAGES))
CARRIER_KIND_OF_STAGE = dict(zip(STAGES, CARRIER_KINDS))

# 认定级别
CARRIER_LEVELS = ("国家级", "省级", "市级", "区级", "未认定")
# 科技奖励: the highest level of science and technology award an enterprise won in a year.
AWARD_LEVELS = ("国家级", "省级", "市级")
CARRIER_STATUSES = ("运营", "停运")

# 企业状态
# 技术领域: the eight 国家重点支持的高新技术领域 (高新技术企业认定管理办法, 附件)
TECH_FIELDS = (
    "电子信息",
    "生物与新医药",
    "航空航天",
    "新材料",
    "高技术服务",
    "新能源与节能",
    "资源与环境",
    "先进制造与自动化",
)

STATUS_ACTIVE = "在营"
STATUS_MOVED_OUT = "迁出"
STATUS_DEREGISTERED = "注销"
ENTERPRISE_STATUSES = (STATUS_ACTIVE, STATUS_MOVED_OUT, STATUS_DEREGISTERED)

# 离开载体的原因
EXIT_GRADUATED = "毕业"
EXIT_PROMOTED = "晋级"
EXIT_MOVED_OUT = "迁出"
EXIT_TERMINATED = "终止"
EXIT_DEREGISTERED = "注销"
EXIT_RETURNED = "退回"  # moved back to an earlier stage (always with a reason, in the notes)
EXIT_REASONS = (
    EXIT_GRADUATED,
    EXIT_PROMOTED,
    EXIT_MOVED_OUT,
    EXIT_RETURNED,
    EXIT_TERMINATED,
    EXIT_DEREGISTERED,
)
# Why a stay ends when the enterprise moves on to another carrier (see move_exit_reason).
MOVE_EXIT_REASONS = (EXIT_PROMOTED, EXIT_MOVED_OUT, EXIT_RETURNED)


def move_exit_reason(from_stage, to_stage):
    """How a move from ``from_stage`` to ``to_stage`` closes the stay it leaves: 晋级 to a
    later stage, 迁出 to another carrier of the same stage, 退回 to an earlier stage."""
    step = STAGES.index(to_stage) - STAGES.index(from_stage)
    if step > 0:
        return EXIT_PROMOTED
    return EXIT_MOVED_OUT if step == 0 else EXIT_RETURNED


# 资质类型
QUAL_HIGH_TECH = "高新技术企业"
QUAL_TECH_SME = "科技型中小企业"
QUAL_GAZELLE = "瞪羚企业"
QUAL_LEADING = "创新型领军企业"
QUAL_ABOVE_SCALE = "规模以上企业"
QUAL_SPECIALISED = "专精特新"
# 专精特新"小巨人" (the national list, 工业和信息化部; three years), asked by the Torch form
QUAL_LITTLE_GIANT = "专精特新“小巨人”企业"
QUALIFICATION_KINDS = (
    QUAL_HIGH_TECH,
    QUAL_TECH_SME,
    QUAL_GAZELLE,
    QUAL_LEADING,
    QUAL_ABOVE_SCALE,
    QUAL_SPECIALISED,
    QUAL_LITTLE_GIANT,
)
# Computed, never stored.
QUAL_VALID = "有效"
QUAL_EXPIRING = "即将到期"
QUAL_EXPIRED = "过期"
QUAL_REVOKED = "撤销"
QUAL_SUPERSEDED = "已被取代"
QUAL_NOT_YET = "未生效"
QUAL_UNDATED = "日期不全"  # no start (发证日期 or 年度) or no 有效期至: never valid

# 用户角色
ROLE_ADMIN = "admin"
ROLE_STREET = "street"
ROLE_VIEWER = "viewer"
ROLES = (ROLE_ADMIN, ROLE_STREET, ROLE_VIEWER)
ROLE_NAMES = {ROLE_ADMIN: "管理员", ROLE_STREET: "街道用户", ROLE_VIEWER: "只读用户"}

# 单位类型
STREET_KINDS = ("街道", "园区", "管委会")

# Streets and industries (产业领域) are tables seeded by db/migrations/0002_reference_data.py
# and editable afterwards; code reads them from the database, never from a list here.

# 行政区划代码 of 甘井子区 and its neighbours (used in credit codes, demo data).
DISTRICT_CODE = "210211"
NEIGHBOUR_CODES = ("210202", "210203", "210204", "210212", "210213", "210214")
DISTRICT_NAME = "甘井子区"
DEFAULT_UNIT_NAME = "甘井子区科学技术局"

# Incubation rules (《科技企业孵化器管理办法》国科发区〔2018〕300号), editable in 系统›基础数据
# (stored as JSON in the setting ``incubation_rules``; these are the defaults).
GRADUATION_RULES = (
    ("high_tech", "已认定并备案为高新技术企业"),
    ("investment", "累计获得天使投资或风险投资超过 500 万元"),
    ("revenue", "连续 2 年营业收入累计超过 1000 万元"),
    ("merger_or_listing", "被兼并、收购或在国内外资本市场挂牌、上市"),
)
DEFAULT_INCUBATION_RULES = {
    "investment_threshold": 500,  # 万元, cumulative, strictly above
    "revenue_two_year_threshold": 1000,  # 万元, sum of two consecutive years, strictly above
    "entry_max_age_months": 24,  # founded at most this long before entering an incubator
    "entry_age_stages": [STAGE_INCUBATOR],
    # 孵化期限 per stage: {stage: {"months": M, "long_cycle_months": L}}; a resident of that
    # stage longer than M months (L in a long-cycle field) is 超期在孵.  A stage not listed
    # has no limit (加速器 and 产业化基地 take enterprises that have finished incubating).
    # The 300号文 sets 48 / 60 months for incubators; the district applies them to 苗圃 too.
    "time_limits": {
        STAGE_MAKERSPACE: {"months": 48, "long_cycle_months": 60},
        STAGE_INCUBATOR: {"months": 48, "long_cycle_months": 60},
    },
    # 生物医药 belongs to the plan's field 生命健康; 集成电路设计 and 现代农业 have no field of
    # their own in the plan, so the admin adds them here if such fields are created.
    "long_cycle_fields": ["生命健康", "生物医药", "集成电路设计", "现代农业"],
}
