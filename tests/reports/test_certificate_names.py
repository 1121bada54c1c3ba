"""Certificates keep names whole: an enterprise's or a carrier's name and a 「…」 quotation are
never broken across lines where they fit one; a name too long for the line first shrinks the
body's font (down to NAME_FLOOR), and only then breaks at a sensible point.  Checked on the
PDF with pdftotext, for certificates the service issues and reprints."""

from __future__ import annotations

import datetime

from reports.certificates import (
    BODY_SIZE,
    NAME_FLOOR,
    body_size,
    certificate_body,
    certificate_names,
    render_certificates,
)
from reports.data import CertificateData
from reports.wrap import name_parts
from tests.conftest import enterprise_data

from .pdftools import pdftotext

TODAY = datetime.date.today()
CARRIER = "大连弘东众创空间"
HOLDER = "大连弘东众创空间科技发展有限公司"
LONG = "大连中凯海洋工程装备与智能制造技术研究院甘井子区分院科技有限公司"  # 31 characters
COMMON = dict(unit_name="甘井子区科学技术局", issued_on=datetime.date(2026, 12, 1))


def lines_of(pdf):
    return [line.strip() for line in pdftotext(pdf).splitlines() if line.strip()]


def whole(lines, name):
    """``name`` printed on one line (True), not at all (None), or broken (False)."""
    if any(name in line for line in lines):
        return True
    return None if name not in "".join(lines) else False


def incubation(holder, carrier=CARRIER, stage="苗圃", names=()):
    return CertificateData(
        kind="incubation",
        serial="GJZ-2026-RF-000001",
        verify_code="7KQ4-M2XD-A3FH",
        holder_name=holder,
        fields={
            "credit_code": "91210211MA0XK4Q23T",
            "carrier_name": carrier,
            "stage": stage,
            "entered_on": datetime.date(2025, 3, 15),
        },
        names=names,
        **COMMON,
    )


def test_names_and_quotations_print_whole(fonts, tmp_path):
    cert = incubation(HOLDER)
    assert body_size(certificate_body(cert), fonts.regular, certificate_names(cert))[0] == (
        BODY_SIZE  # everything fits at the full size: nothing shrinks
    )
    pdf = tmp_path / "入孵证明.pdf"
    render_certificates([cert], pdf, fonts)
    lines = lines_of(pdf)
    for name in (HOLDER, CARRIER, "「苗圃」"):
        assert whole(lines, name), (name, lines)


def test_a_name_too_long_for_the_line_shrinks_the_font_before_it_breaks(fonts, tmp_path):
    cert = incubation(LONG)
    size, lines = body_size(certificate_body(cert), fonts.regular, certificate_names(cert))
    assert NAME_FLOOR <= size < BODY_SIZE
    assert any(LONG in line for line, _, _ in lines)
    pdf = tmp_path / "长名称.pdf"
    render_certificates([cert], pdf, fonts)
    lines = lines_of(pdf)
    for name in (
        LONG,
        CARRIER,
        "「苗圃」",
    ):  # before: 「…甘/井子区分院…」「大连弘东/众创空间」「苗/圃」
        assert whole(lines, name), (name, lines)
    # longer than any line even at the floor: broken at the floor size, at a sensible point
    longer = LONG.replace("科技有限公司", "高端装备制造与工业互联网科技发展有限公司")
    assert name_parts(longer) == [
        "大连中凯海洋工程装备与智能制造技术研究院",
        "甘井子区",
        "分院高端装备制造与工业互联网科技发展有限公司",
    ]
    cert = incubation(longer)
    size, lines = body_size(certificate_body(cert), fonts.regular, certificate_names(cert))
    assert size == NAME_FLOOR
    assert lines[0][0] == "兹证明大连中凯海洋工程装备与智能制造技术研究院甘井子区"
    assert lines[1][0].startswith("分院高端装备制造与工业互联网科技发展有限公司")


def test_issued_and_reprinted_certificates_keep_the_carriers_name(admin, fonts, tmp_path):
    """The service names what to keep: the holder, the carrier, the stage — at issue from the
    facts, at reprint from the registry's carriers found in the stored wording."""
    space = admin.carriers.create(
        {"name": CARRIER, "kind": "众创空间(苗圃)", "street": "大连湾街道"}
    )
    e = admin.enterprises.create(
        enterprise_data(1, name=LONG, founded_on=TODAY - datetime.timedelta(days=200))
    )
    admin.incubation.admit(e.id, space.id, TODAY - datetime.timedelta(days=100))
    issued = admin.certificates.issue("incubation", enterprise_id=e.id)
    assert {LONG, CARRIER, "苗圃"} <= set(issued.names)
    again = admin.certificates.reprint(issued.serial)
    assert {CARRIER, "苗圃"} <= set(again.names)
    for record in (issued, again):
        pdf = tmp_path / f"{record.serial}-{len(record.names)}.pdf"
        render_certificates([record], pdf, fonts)
        lines = lines_of(pdf)
        assert whole(lines, LONG) and whole(lines, CARRIER) and whole(lines, "「苗圃」"), lines
