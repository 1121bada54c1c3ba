"""The demo generator's tables: names, fields, streets, roads, registration authorities,
carrier kinds and sizes, stay lengths and promotion odds (gjz_registry.demo)."""

import dataclasses
import datetime
from itertools import accumulate
from typing import NamedTuple

from gjz_registry import reference as ref

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
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


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


def money_text(value):
    """A money figure as the demo writes it (two decimals, never negative)."""
    return f"{max(value, 0.0):.2f}"


def day_of(ordinal):
    """The date of a day ordinal (None stays None)."""
    return None if ordinal is None else datetime.date.fromordinal(ordinal)
