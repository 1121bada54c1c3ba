"""Certificates: wording templates, QR payload, one page per certificate, real PDF checks."""

from __future__ import annotations

import datetime
import subprocess

import pytest

from gjz_registry.errors import InvalidValueError, RegistryError
from reports import samples
from reports.certificates import (
    KINDS,
    certificate_body,
    default_template,
    fill_template,
    kind_of,
    parse_qr_payload,
    qr_payload,
    render_certificate,
    render_certificates,
    template_placeholders,
)
from reports.data import CertificateData

from .pdftools import (
    assert_cjk_embedded,
    dark_fraction,
    page_count,
    pdftotext,
    render_page,
    require_tool,
    squeeze,
)


def _decode_qr(png) -> str:
    zbarimg = require_tool("zbarimg")
    result = subprocess.run([zbarimg, "--raw", "-q", str(png)], capture_output=True, text=True)
    assert result.returncode == 0, f"zbarimg found no code: {result.stderr}"
    return result.stdout.strip()


# --------------------------------------------------------------------------- wording


def test_every_kind_has_a_title_and_a_default_wording_using_known_placeholders():
    assert {k.title for k in KINDS.values()} == {
        "入孵证明",
        "毕业证书",
        "高新技术企业培育库入库证书",
        "孵化载体认定证书",
    }
    for kind in KINDS.values():
        used = set(template_placeholders(kind.template))
        assert "holder_name" in used
        assert used <= set(kind.placeholders), kind.key
        assert kind_of(kind.title) is kind  # the Chinese title works as a kind too


def test_the_wording_has_one_home_shared_with_the_certificate_service():
    from gjz_registry import certificate_texts

    assert KINDS is certificate_texts.KINDS
    assert fill_template is certificate_texts.fill_template
    assert [k.code for k in KINDS.values()] == ["RF", "BY", "PY", "ZT"]
    assert kind_of("py").key == "cultivation"  # the serial's kind code works too


def test_fill_template_prints_dates_the_chinese_way():
    text = fill_template(
        "{holder_name}于{entered_on}入驻{carrier_name}。",
        {
            "holder_name": "大连海创智能装备有限公司",
            "entered_on": datetime.date(2019, 3, 5),
            "carrier_name": "大连生态科技创新城孵化器",
            "unused": "x",
        },
    )
    assert text == "大连海创智能装备有限公司于2019年3月5日入驻大连生态科技创新城孵化器。"


def test_missing_placeholder_is_a_clear_chinese_error():
    with pytest.raises(InvalidValueError) as caught:
        fill_template(default_template("incubation"), {"holder_name": "大连某某有限公司"})
    message = str(caught.value)
    assert isinstance(caught.value, RegistryError)
    assert "占位符" in message and "没有对应的值" in message
    for name in ("{credit_code}", "{carrier_name}", "{entered_on}", "{stage}"):
        assert name in message
    assert "{holder_name}" not in message


@pytest.mark.parametrize(
    "template, fragment",
    [
        ("兹证明{holder_name", "格式错误"),
        ("兹证明{holder_name.__class__}", "写法不对"),
        ("兹证明{0}", "写法不对"),
        ("兹证明{holder_name!r}", "写法不对"),
        ("兹证明{}", "写法不对"),
    ],
)
def test_malformed_templates_are_refused(template, fragment):
    with pytest.raises(InvalidValueError, match=fragment):
        fill_template(template, {"holder_name": "甲"})


def test_literal_braces_are_allowed_when_doubled():
    assert fill_template("{{注}}{holder_name}", {"holder_name": "甲"}) == "{注}甲"


def test_certificate_body_uses_custom_template_fields_and_finished_text():
    cert = samples.certificates()[0]
    assert "大连生态科技创新城孵化器" in certificate_body(cert)
    cert.template = "{holder_name}（{credit_code}）由{unit_name}于{issued_on}确认入孵。"
    assert certificate_body(cert) == (
        "大连海创智能装备有限公司（91210211MA0XK4Q23T）由甘井子区科学技术局于2020年12月18日确认入孵。"
    )
    cert.body = "已填好的正文。"
    assert certificate_body(cert) == "已填好的正文。"


def test_unknown_kind_is_refused():
    with pytest.raises(InvalidValueError, match="未知的证书种类"):
        kind_of("diploma")


def test_qr_payload_round_trip_and_refusals():
    assert qr_payload("GJZ-RF-2020-0001", "7KQ4") == "GJZ-CERT|GJZ-RF-2020-0001|7KQ4"
    assert parse_qr_payload("GJZ-CERT|GJZ-RF-2020-0001|7KQ4\n") == ("GJZ-RF-2020-0001", "7KQ4")
    for bad in ("", "hello", "GJZ-CERT|only", "OTHER|a|b", "GJZ-CERT||b"):
        with pytest.raises(InvalidValueError, match="二维码"):
            parse_qr_payload(bad)
    with pytest.raises(InvalidValueError):
        qr_payload("A|B", "C")
    with pytest.raises(InvalidValueError):
        qr_payload("A", "")


# --------------------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def batch(tmp_path_factory, fonts):
    """The four sample certificates in one PDF."""
    pdf = tmp_path_factory.mktemp("certificates") / "证书.pdf"
    render_certificates(samples.certificates(), pdf, fonts)
    return pdf


def test_one_page_per_certificate_with_embedded_font_and_text(batch):
    certs = samples.certificates()
    assert page_count(batch) == len(certs)
    assert_cjk_embedded(batch)
    for page, cert in enumerate(certs, start=1):
        text = squeeze(pdftotext(batch, page))
        title = kind_of(cert.kind).title
        # The short titles are letter-spaced; the text comes back in order either way.
        assert title in text, title
        assert cert.holder_name in text
        assert squeeze(certificate_body(cert)) in text
        assert cert.serial in text and cert.verify_code in text
        assert "甘井子区科学技术局" in text and "2020年12月18日" in text


def test_qr_code_on_each_page_decodes_to_serial_and_verify_code(batch, out):
    for page, cert in enumerate(samples.certificates(), start=1):
        png = render_page(batch, page, out, dpi=200)
        payload = _decode_qr(png)
        assert payload == f"GJZ-CERT|{cert.serial}|{cert.verify_code}"
        assert parse_qr_payload(payload) == (cert.serial, cert.verify_code)


def test_no_page_is_blank(batch, out):
    for page in range(1, page_count(batch) + 1):
        assert dark_fraction(batch, page, out) > 0.02, f"page {page} looks blank"


def test_batch_issue_of_many_certificates(out, fonts):
    template = samples.certificates()[2]
    certs = [
        {
            **template.__dict__,
            "serial": f"GJZ-2020-PY-{i:06d}",
            "holder_name": f"大连第{i}号新材料科技有限公司",
        }
        for i in range(1, 31)
    ]
    pdf = out / "batch.pdf"
    render_certificates(certs, pdf, fonts)
    assert page_count(pdf) == 30
    assert "大连第30号新材料科技有限公司" in squeeze(pdftotext(pdf, 30))


def test_bad_template_raises_before_anything_is_written(out, fonts):
    good, bad = samples.certificates()[:2]
    bad.template = "{holder_name}于{graduated_on}毕业，批次{batch_no}。"
    pdf = out / "bad.pdf"
    with pytest.raises(InvalidValueError, match="batch_no"):
        render_certificates([good, bad], pdf, fonts)
    assert not pdf.exists()
    assert list(out.iterdir()) == []


def test_long_body_shrinks_to_fit_and_custom_title(out, fonts):
    cert = CertificateData(
        kind="incubation",
        serial="GJZ-2021-RF-000099",
        verify_code="ZZZZ-0000",
        holder_name="大连测试企业有限公司",
        unit_name="甘井子区科学技术局",
        issued_on="2021年1月5日",
        title="入孵证明（副本）",
        body="兹证明大连测试企业有限公司为在孵企业。" * 30 + "\n特此证明。",
    )
    pdf = out / "long.pdf"
    render_certificate(cert, pdf, fonts)
    text = squeeze(pdftotext(pdf))
    assert "入孵证明（副本）" in text
    assert squeeze(cert.body) in text
    assert "2021年1月5日" in text
    assert _decode_qr(render_page(pdf, 1, out, dpi=200)) == "GJZ-CERT|GJZ-2021-RF-000099|ZZZZ-0000"


def test_empty_selection_is_refused(out, fonts):
    with pytest.raises(InvalidValueError, match="没有选择"):
        render_certificates([], out / "none.pdf", fonts)
