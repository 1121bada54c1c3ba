"""A year (2023) of carrier operations and resident annual data for the Torch and annual
export tests (tests/exchange/test_torch_export.py and the CLI's), entered either through the
services (:func:`build_year`) or — as a clerk does — by importing the two sheets a carrier and
its residents send, saved by LibreOffice Calc (:func:`sheet_rows`, :func:`import_year`).

Two streets: 大连湾街道 holds a national incubator (with 2023 operations) and an accelerator
(without); 南关岭街道 a makerspace (with).  Three residents at the end of 2023 and one that
left in 2023.  Money has 4 decimals (1234.5678 万元 → 12345.678 千元).
"""

import datetime
from decimal import Decimal

from gjz_registry import fields
from tests.conftest import enterprise_data, make_code

YEAR = 2023
INCUBATOR = "大连湾测试孵化器"
MAKERSPACE = "南关岭测试众创空间"
ACCELERATOR = "大连湾测试加速器"
FORMULA = '=HYPERLINK("http://x","点我")'  # text that looks like a formula

INCUBATOR_YEAR = {
    "site_area_m2": "5000.5",
    "incubation_area_m2": "3200.25",
    "management_staff": 12,
    "mentors_full": 3,
    "mentors_part": 7,
    "seed_fund": "1234.5678",
    "fund_invested": "88.0001",
    "enterprises_invested": 2,
    "platforms": 4,
    "events": 15,
    "total_income": "456.789",
    "fiscal_support": "50",
    "reported_start": 2,
    "reported_admitted": 2,
    "reported_graduated": 0,
    "reported_left": 1,
    "reported_end": 4,  # the registry counts 2: flagged
}
MAKERSPACE_YEAR = {
    "site_area_m2": "800",
    "stations": 60,
    "management_staff": 5,
    "mentors_full": 1,
    "mentors_part": 2,
    "total_income": "12.3456",
    "events": 30,
    "reported_start": 0,
    "reported_admitted": 1,
    "reported_graduated": 0,
    "reported_left": 0,
    "reported_end": 1,  # agrees with the registry
}
# each resident's annual data of the year (万元 with 4 decimals)
ANNUAL = {
    1: {
        "revenue": "1234.5678",
        "output_value": "1000",
        "net_profit": "-12.3456",
        "rd_expense": "100.0001",
        "tax_paid": "20.5",
        "export_total": "3.0003",
        "ip_applied": 5,
        "ip_granted": 3,
        "invention_applied": 2,
        "invention_patents": 1,
        "patents_granted": 3,
        "software_copyrights": 4,
        "tech_contracts": 2,
        "tech_contract_amount": "45.6789",
        "investment_received": "500.1234",
        "employees": 30,
        "rd_staff": 10,
        "graduates_hired": 3,
        "award_level": "省级",
    },
    2: {"revenue": "10.0001", "rd_expense": "1.2345", "employees": 8, "rd_staff": 2},
    3: {"revenue": "99.9999", "net_profit": "7.5", "employees": 5, "award_level": "市级"},
}


def build_structure(admin):
    """The carriers, residents and qualifications, without the 2023 figures; {name: id}."""
    incubator = admin.carriers.create(
        {
            "name": INCUBATOR,
            "kind": "孵化器",
            "street": "大连湾街道",
            "level": "国家级",
            "address": FORMULA,
            "operator_name": "大连湾科技服务有限公司",
            "operator_credit_code": make_code(900),
        }
    )
    makerspace = admin.carriers.create(
        {"name": MAKERSPACE, "kind": "众创空间(苗圃)", "street": "南关岭街道", "level": "市级"}
    )
    accelerator = admin.carriers.create(
        {"name": ACCELERATOR, "kind": "加速器", "street": "大连湾街道"}
    )
    founded = "2021-06-01"
    ids = {"incubator": incubator.id, "makerspace": makerspace.id, "accelerator": accelerator.id}
    people = {
        1: ("大连湾街道", incubator.id, "2022-03-01"),  # in residence all year
        2: ("大连湾街道", incubator.id, "2023-04-01"),  # admitted in the year
        3: ("南关岭街道", makerspace.id, "2023-02-01"),  # admitted to the makerspace
        4: ("大连湾街道", incubator.id, "2022-05-01"),  # left in the year
    }
    for n, (street, carrier, entered) in people.items():
        data = enterprise_data(n, street=street, founded_on=founded, registered_capital="100.5")
        if n == 1:
            data["tech_field"] = "电子信息"
        enterprise = admin.enterprises.create(data)
        ids[n] = enterprise.id
        admin.incubation.admit(enterprise.id, carrier, entered)
    admin.incubation.leave(ids[4], "2023-09-30")
    admin.qualifications.add(
        ids[1], "高新技术企业", "GR202221000001", granted_on=datetime.date(2022, 11, 1)
    )
    admin.qualifications.add(ids[2], "科技型中小企业", "2023210211A0000002", year=YEAR)
    admin.qualifications.add(
        ids[3], "专精特新“小巨人”企业", "GJXJR20230003", granted_on=datetime.date(2023, 7, 1)
    )
    return ids


def build_year(admin):
    """The carriers, residents, qualifications and 2023 figures, through the services."""
    ids = build_structure(admin)
    for n, data in ANNUAL.items():
        admin.annual.save(ids[n], YEAR, data)
    admin.carrier_years.save(ids["incubator"], YEAR, INCUBATOR_YEAR)
    admin.carrier_years.save(ids["makerspace"], YEAR, MAKERSPACE_YEAR)
    return ids


def _cell(value):
    """A figure as a clerk's sheet holds it: a number (万元 texts become numbers)."""
    return float(Decimal(value)) if isinstance(value, str) and value[0] in "-0123456789" else value


def sheet_rows():
    """(carrier operations rows, annual data rows): the 2023 figures as the two import sheets
    (a title line, the headers of the specs' labels, one row per carrier / enterprise)."""
    spec = fields.CARRIER_YEAR
    codes = [c for c in spec.sheet_order if c in spec]
    carriers = [
        ["甘井子区2023年度载体运营情况"],
        ["序号", "载体名称", "年度"] + [spec.label(c) for c in codes],
    ]
    for seq, (name, data) in enumerate(
        ((INCUBATOR, INCUBATOR_YEAR), (MAKERSPACE, MAKERSPACE_YEAR))
    ):
        carriers.append([seq + 1, name, YEAR] + [_cell(data.get(c)) for c in codes])
    annual_codes = fields.ANNUAL.codes
    annual = [
        ["甘井子区2023年度在孵企业年度数据"],
        ["企业名称", "统一社会信用代码", "年度"] + [fields.ANNUAL.label(c) for c in annual_codes],
    ]
    for n, data in ANNUAL.items():
        name = enterprise_data(n)["name"]
        annual.append([name, make_code(n), YEAR] + [_cell(data.get(c)) for c in annual_codes])
    return carriers, annual


def import_year(admin, books):
    """The structure, then the 2023 figures imported from ``books`` (the carrier operations
    and the annual workbook, as saved by LibreOffice); returns {name: id}."""
    ids = build_structure(admin)
    for path, rows in zip(books, (2, len(ANNUAL))):
        result = admin.exchange.import_file(path)
        assert (result.read, result.created, result.rejected) == (rows, rows, 0), result.rejections
    return ids


def thousand(value):
    """What a 万元 text must read back as in 千元 (calamine gives floats)."""
    return float(Decimal(value) * 10)
