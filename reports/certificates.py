"""Certificates: 入孵证明, 毕业证书, 培育库入库证书, 孵化载体认定证书 — one A4 page each.

Each kind has a default wording (``KINDS[kind].template``), a ``str.format`` template with
placeholders such as ``{holder_name}`` and ``{credit_code}``; settings may replace it.
``fill_template`` fills one and raises InvalidValueError (Chinese message) for a placeholder
without a value or a malformed template.

A page has a double border, the title, the body (paragraphs indented two characters), the
issuing unit and date at the bottom right over a round placeholder for the seal, and at the
bottom the serial number, the verify code and a QR code (reportlab's own QrCodeWidget)
carrying ``GJZ-CERT|serial|verify_code`` — see ``qr_payload`` / ``parse_qr_payload``.
"""

from __future__ import annotations

import datetime
import os
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from gjz_registry.errors import InvalidValueError
from reports.data import CertificateData
from reports.fonts import RegisteredFonts, register_fonts
from reports.layout import draw_text, format_date, synthetic_bold
from reports.output import atomic_path
from reports.wrap import text_width, wrap_text

QR_PREFIX = "GJZ-CERT"
DEFAULT_BASIS = "甘井子区创新驱动三年行动计划（2018—2020年）"

BORDER = colors.HexColor("#A1262A")  # 证书红
SEAL = colors.HexColor("#D9534F")
TEXT = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#555555")


@dataclass(frozen=True)
class CertificateKind:
    """A kind of certificate: its key, title, default wording and the placeholders it knows."""

    key: str
    title: str
    template: str
    placeholders: tuple[str, ...]


_COMMON = ("holder_name", "credit_code", "unit_name", "issued_on", "year", "basis")

KINDS: dict[str, CertificateKind] = {
    kind.key: kind
    for kind in (
        CertificateKind(
            "incubation",
            "入孵证明",
            "兹证明{holder_name}（统一社会信用代码：{credit_code}）于{entered_on}入驻"
            "{carrier_name}，现为该载体在孵企业，所处孵化阶段为「{stage}」。\n特此证明。",
            _COMMON + ("carrier_name", "stage", "entered_on"),
        ),
        CertificateKind(
            "graduation",
            "毕业证书",
            "{holder_name}（统一社会信用代码：{credit_code}）于{entered_on}入驻{carrier_name}，"
            "经孵化培育，符合《{basis}》规定的毕业条件，准予于{graduated_on}从「{stage}」"
            "阶段毕业。\n特发此证。",
            _COMMON + ("carrier_name", "stage", "entered_on", "graduated_on"),
        ),
        CertificateKind(
            "cultivation",
            "高新技术企业培育库入库证书",
            "{holder_name}（统一社会信用代码：{credit_code}）经审核，符合《{basis}》有关条件，"
            "列入甘井子区{year}年度高新技术企业培育库。\n特发此证。",
            _COMMON,
        ),
        CertificateKind(
            "carrier",
            "孵化载体认定证书",
            "{holder_name}（运营机构：{operator_name}，统一社会信用代码：{credit_code}）经审核，"
            "符合《{basis}》规定的认定条件，认定为{level}{carrier_kind}。\n特发此证。",
            _COMMON + ("operator_name", "carrier_kind", "level"),
        ),
    )
}
_BY_TITLE = {kind.title: kind for kind in KINDS.values()}


def kind_of(kind: str) -> CertificateKind:
    """The CertificateKind for a key ("incubation"…) or a Chinese title ("入孵证明"…).

    Raises InvalidValueError for an unknown kind.
    """
    found = KINDS.get(kind) or _BY_TITLE.get(kind)
    if found is None:
        known = "、".join(k.title for k in KINDS.values())
        raise InvalidValueError(f"未知的证书种类「{kind}」，应为：{known}。", field="kind")
    return found


def default_template(kind: str) -> str:
    """The default wording of ``kind`` (a key or a title)."""
    return kind_of(kind).template


def _display(value) -> str:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return format_date(value)
    return "" if value is None else str(value)


def template_placeholders(template: str) -> list[str]:
    """The placeholder names used in ``template``; InvalidValueError if it is malformed."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise InvalidValueError(
            f"证书模板格式错误：{exc}。大括号必须成对出现（文字中的大括号请写成 {{{{ 或 }}}}）。",
            field="template",
        ) from exc
    names = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name or not name.isidentifier() or spec or conversion:
            raise InvalidValueError(
                f"证书模板中的占位符「{{{name}}}」写法不对：只能写成 {{名称}}，"
                "如 {holder_name}。",
                field="template",
            )
        names.append(name)
    return names


def fill_template(template: str, values: Mapping) -> str:
    """Fill ``template``'s ``{placeholders}`` from ``values`` (dates print as 2020年1月2日).

    Raises InvalidValueError naming every placeholder that has no value (None or "" count
    as missing), or when the template is malformed.
    """
    names = template_placeholders(template)
    missing = [n for n in dict.fromkeys(names) if values.get(n) in (None, "")]
    if missing:
        listed = "、".join(f"{{{n}}}" for n in missing)
        raise InvalidValueError(
            f"证书模板中的占位符 {listed} 没有对应的值，无法生成证书正文。"
            "请补全相关信息，或在设置中修改证书模板。",
            field="template",
            value=missing,
        )
    return template.format_map({n: _display(values[n]) for n in names})


def certificate_body(cert: CertificateData) -> str:
    """The finished wording of ``cert``: its ``body``, else its template filled with its fields."""
    if cert.body:
        return cert.body
    kind = kind_of(cert.kind)
    issued = cert.issued_on
    values = {
        "basis": DEFAULT_BASIS,
        "holder_name": cert.holder_name,
        "unit_name": cert.unit_name,
        "issued_on": issued,
        "year": getattr(issued, "year", None),
    }
    values.update({k: v for k, v in (cert.fields or {}).items() if v not in (None, "")})
    return fill_template(cert.template or kind.template, values)


def qr_payload(serial: str, verify_code: str) -> str:
    """The text in a certificate's QR code: ``GJZ-CERT|serial|verify_code``."""
    for label, value in (("证书编号", serial), ("验证码", verify_code)):
        if not value or "|" in str(value):
            raise InvalidValueError(f"{label}不能为空，也不能含有「|」。", field=label, value=value)
    return f"{QR_PREFIX}|{serial}|{verify_code}"


def parse_qr_payload(text: str) -> tuple[str, str]:
    """(serial, verify_code) from a scanned QR text; InvalidValueError if it is not ours."""
    parts = (text or "").strip().split("|")
    if len(parts) != 3 or parts[0] != QR_PREFIX or not parts[1] or not parts[2]:
        raise InvalidValueError("二维码内容不是本系统签发的证书信息。", field="qr", value=text)
    return parts[1], parts[2]


# --------------------------------------------------------------------------- drawing

PAGE_W, PAGE_H = A4
OUTER = 12 * mm  # outer border inset
GAP = 2.2 * mm  # between the two border lines
TEXT_X = 30 * mm  # body left and right margin


def _draw_border(c) -> None:
    c.saveState()
    c.setStrokeColor(BORDER)
    c.setLineWidth(3.2)
    c.rect(OUTER, OUTER, PAGE_W - 2 * OUTER, PAGE_H - 2 * OUTER)
    inner = OUTER + GAP
    c.setLineWidth(0.9)
    c.rect(inner, inner, PAGE_W - 2 * inner, PAGE_H - 2 * inner)
    # small corner squares, a common ornament of Chinese certificates
    size = 5 * mm
    c.setLineWidth(0.9)
    for x in (inner + 2.5 * mm, PAGE_W - inner - 2.5 * mm - size):
        for y in (inner + 2.5 * mm, PAGE_H - inner - 2.5 * mm - size):
            c.rect(x, y, size, size)
    c.restoreState()


def _draw_title(c, title: str, fonts: RegisteredFonts) -> None:
    width = PAGE_W - 2 * TEXT_X
    size = 36.0
    spacing = size * 0.45 if len(title) <= 6 else 0.0
    while size > 16:
        natural = c.stringWidth(title, fonts.bold, size) + spacing * (len(title) - 1)
        if natural <= width:
            break
        size -= 1
        spacing = size * 0.45 if len(title) <= 6 else 0.0
    c.setFillColor(TEXT)
    draw_text(
        c,
        PAGE_W / 2,
        PAGE_H - 62 * mm,
        title,
        fonts.bold,
        size,
        "center",
        embolden=synthetic_bold(fonts),
        spacing=spacing,
    )


def _body_lines(body: str, font: str, size: float, width: float):
    """[(line, x offset, justify?)] of the body: two-character indent, justified lines."""
    result = []
    for paragraph in (p.strip() for p in body.split("\n")):
        if not paragraph:
            continue
        lines = wrap_text(paragraph, font, size, width, first_width=width - 2 * size)
        for i, line in enumerate(lines):
            result.append((line, 2 * size if i == 0 else 0.0, i < len(lines) - 1))
    return result


def _draw_body(c, body: str, fonts: RegisteredFonts) -> None:
    top = PAGE_H - 85 * mm
    bottom = 118 * mm  # keep clear of the unit, the seal and the QR code
    width = PAGE_W - 2 * TEXT_X
    size = 16.0
    while True:
        leading = size * 2.0
        lines = _body_lines(body, fonts.regular, size, width)
        if len(lines) * leading <= top - bottom or size <= 9:
            break
        size -= 0.5
    c.setFillColor(TEXT)
    y = top - size
    for line, indent, justify in lines:
        spacing = 0.0
        if justify and len(line) > 1:
            slack = width - indent - text_width(line, fonts.regular, size)
            if 0 < slack < 2 * size:  # spread the line to the margin, as typeset Chinese is
                spacing = slack / (len(line) - 1)
        draw_text(c, TEXT_X + indent, y, line, fonts.regular, size, spacing=spacing)
        y -= leading


def _draw_issuer(c, cert: CertificateData, fonts: RegisteredFonts) -> None:
    centre_x = PAGE_W - 62 * mm
    unit_y = 92 * mm
    date_y = unit_y - 11 * mm
    # The seal's place: a dashed circle the unit name and date sit on, as a stamp would.
    c.saveState()
    c.setStrokeColor(SEAL)
    c.setLineWidth(0.8)
    c.setDash(3, 2)
    c.circle(centre_x, unit_y - 4 * mm, 21 * mm)
    c.setFillColor(SEAL)
    draw_text(c, centre_x, unit_y + 12 * mm, "（盖章）", fonts.regular, 9, "center")
    c.restoreState()
    c.setFillColor(TEXT)
    unit = cert.unit_name or ""
    size = 15.0
    while size > 9 and c.stringWidth(unit, fonts.regular, size) > 80 * mm:
        size -= 0.5
    draw_text(c, centre_x, unit_y, unit, fonts.regular, size, "center")
    draw_text(c, centre_x, date_y, format_date(cert.issued_on), fonts.regular, 15, "center")


def _draw_serial_and_qr(c, cert: CertificateData, fonts: RegisteredFonts) -> None:
    payload = qr_payload(cert.serial, cert.verify_code)
    size = 30 * mm
    # barLevel and barBorder go to the constructor: the code is encoded there.
    widget = QrCodeWidget(payload, barLevel="M", barBorder=2, barWidth=size, barHeight=size)
    drawing = Drawing(size, size)
    drawing.initialFontName = fonts.regular  # else the renderer references Helvetica
    drawing.add(widget)
    left = TEXT_X - 2 * mm
    bottom = 24 * mm
    renderPDF.draw(drawing, c, left, bottom)
    text_x = left + size + 4 * mm
    c.setFillColor(TEXT)
    draw_text(c, text_x, bottom + 20 * mm, f"证书编号：{cert.serial}", fonts.regular, 11)
    draw_text(c, text_x, bottom + 13 * mm, f"验 证 码：{cert.verify_code}", fonts.regular, 11)
    c.setFillColor(MUTED)
    draw_text(
        c,
        text_x,
        bottom + 5 * mm,
        "扫描二维码或在登记系统中输入证书编号可核验本证书真伪。",
        fonts.regular,
        8.5,
    )


def draw_certificate(c, cert: CertificateData, fonts: RegisteredFonts) -> None:
    """Draw ``cert`` on the current page of canvas ``c`` (does not end the page)."""
    kind = kind_of(cert.kind)
    body = certificate_body(cert)
    _draw_border(c)
    _draw_title(c, cert.title or kind.title, fonts)
    _draw_body(c, body, fonts)
    _draw_issuer(c, cert, fonts)
    _draw_serial_and_qr(c, cert, fonts)


def render_certificates(
    certificates: Iterable, path: str | os.PathLike, fonts: RegisteredFonts | None = None
) -> str:
    """Write the certificates (CertificateData or dicts) to one PDF, one per A4 page.

    Every certificate's wording is checked before anything is written, so a bad template
    raises InvalidValueError and leaves no file.  Returns the path.
    """
    certs = [CertificateData.coerce(c) for c in certificates]
    if not certs:
        raise InvalidValueError("没有选择要打印的证书。")
    for cert in certs:
        certificate_body(cert)
        qr_payload(cert.serial, cert.verify_code)
    fonts = fonts or register_fonts()
    title = certs[0].title or kind_of(certs[0].kind).title
    with atomic_path(path) as tmp:
        c = rl_canvas.Canvas(tmp, pagesize=A4, initialFontName=fonts.regular)
        c.setTitle(title if len(certs) == 1 else f"{title}等 {len(certs)} 份证书")
        c.setAuthor(certs[0].unit_name or "")
        c.setCreator("甘井子区孵化链企业登记系统")
        for cert in certs:
            draw_certificate(c, cert, fonts)
            c.showPage()
        c.save()
    return str(path)


def render_certificate(cert, path: str | os.PathLike, fonts: RegisteredFonts | None = None) -> str:
    """Write a single certificate to ``path``; see :func:`render_certificates`."""
    return render_certificates([cert], path, fonts)


__all__ = [
    "QR_PREFIX",
    "DEFAULT_BASIS",
    "CertificateKind",
    "KINDS",
    "CertificateData",
    "kind_of",
    "default_template",
    "template_placeholders",
    "fill_template",
    "certificate_body",
    "qr_payload",
    "parse_qr_payload",
    "draw_certificate",
    "render_certificates",
    "render_certificate",
]
