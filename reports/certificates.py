"""Certificates: 入孵证明, 毕业证书, 培育库入库证书, 孵化载体认定证书 — one A4 page each.

The renderer draws the wording it is given: ``CertificateData.body`` as the certificate
service filled it.  The kinds, titles and default templates live in one place,
``gjz_registry.certificate_texts`` (a pure module the service fills bodies with); they are
re-exported here, and ``certificate_body`` still fills ``template``/``fields`` when a caller
(samples, tests) passes no finished body.

A page has a double border, the title, the body (paragraphs indented two characters; names,
terms and 「…」 quotations are never broken across lines where they fit one — a name too long
for the line first shrinks the body font, step by step down to ``NAME_FLOOR``, and only then
breaks at a sensible point, see ``reports.wrap``), the issuing unit and date at the bottom
right over a round placeholder for the seal, and at the bottom the serial number, the verify
code and a QR code (encoded by reportlab's QrCodeWidget) carrying
``GJZ-CERT|serial|verify_code`` — see ``qr_payload`` / ``parse_qr_payload``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from gjz_registry import outputs
from gjz_registry.certificate_texts import (
    DEFAULT_BASIS,
    KINDS,
    QR_PREFIX,
    CertificateKind,
    default_template,
    fill_template,
    kind_of,
    names_of,
    parse_qr_payload,
    qr_payload,
    template_placeholders,
)
from gjz_registry.errors import InvalidValueError
from reports.data import CertificateData
from reports.fonts import RegisteredFonts, register_fonts
from reports.layout import draw_text, format_date, synthetic_bold
from reports.wrap import kept_spans, text_width, wrap_text

BORDER = colors.HexColor("#A1262A")  # 证书红
SEAL = colors.HexColor("#D9534F")
TEXT = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#555555")


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


# --------------------------------------------------------------------------- drawing

PAGE_W, PAGE_H = A4
OUTER = 12 * mm  # outer border inset
GAP = 2.2 * mm  # between the two border lines
TEXT_X = 30 * mm  # body left and right margin
BODY_TOP = PAGE_H - 85 * mm  # under the title
BODY_BOTTOM = 118 * mm  # keep clear of the unit, the seal and the QR code
BODY_WIDTH = PAGE_W - 2 * TEXT_X
BODY_SIZE = 16.0  # points: the body's font size, when everything fits
NAME_FLOOR = 12.0  # the body shrinks down to this size before a name is broken


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
        natural = text_width(title, fonts.bold, size) + spacing * (len(title) - 1)
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


def certificate_names(cert: CertificateData) -> tuple[str, ...]:
    """The names and terms ``cert``'s body keeps whole: the holder's, the ones the service
    found (``names``) and the name values of ``fields``."""
    found = (cert.holder_name, *cert.names, *names_of(cert.fields or {}))
    return tuple(dict.fromkeys(n for n in found if n))


def _body_lines(body: str, font: str, size: float, width: float, names=()):
    """[(line, x offset, justify?)] of the body: two-character indent, justified lines."""
    result = []
    for paragraph in (p.strip() for p in body.split("\n")):
        if not paragraph:
            continue
        lines = wrap_text(paragraph, font, size, width, first_width=width - 2 * size, keep=names)
        for i, line in enumerate(lines):
            result.append((line, 2 * size if i == 0 else 0.0, i < len(lines) - 1))
    return result


def body_size(body: str, font: str, names=()):
    """(size, lines) of the body: the largest size, in half points from BODY_SIZE, at which
    no kept run (name, term, quotation) is broken across lines — or NAME_FLOOR — and the
    lines fit between the title and the seal (9 points at the least)."""
    paragraphs = [p.strip() for p in body.split("\n")]
    runs = [p[a:b] for p in paragraphs for a, b in kept_spans(p, names)]
    size = BODY_SIZE
    while True:
        lines = _body_lines(body, font, size, BODY_WIDTH, names)
        whole = size <= NAME_FLOOR or all(any(r in line for line, _, _ in lines) for r in runs)
        if (whole and len(lines) * size * 2.0 <= BODY_TOP - BODY_BOTTOM) or size <= 9:
            return size, lines
        size -= 0.5


def _draw_body(c, body: str, fonts: RegisteredFonts, names=()) -> None:
    width = BODY_WIDTH
    size, lines = body_size(body, fonts.regular, names)
    leading = size * 2.0
    c.setFillColor(TEXT)
    y = BODY_TOP - size
    for line, indent, justify in lines:
        spacing = 0.0
        if justify and len(line) > 1:
            slack = width - indent - text_width(line, fonts.regular, size)
            # spread the line to the margin, as typeset Chinese is; one ended early so as
            # not to break the name that follows stays ragged (spread, it would be spaced out)
            if 0 < slack < 2 * size:
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
    while size > 9 and text_width(unit, fonts.regular, size) > 80 * mm:
        size -= 0.5
    draw_text(c, centre_x, unit_y, unit, fonts.regular, size, "center")
    draw_text(c, centre_x, date_y, format_date(cert.issued_on), fonts.regular, 15, "center")


def draw_qr(c, payload: str, x: float, y: float, size: float, border: int = 2) -> None:
    """Draw the QR code of ``payload`` as a ``size``-point square with its corner at (x, y).

    reportlab's QrCodeWidget encodes it (level M; the widget's own module matrix); the dark
    modules are then drawn as one filled path, with the widget's geometry, instead of one
    shape per module through renderPDF — ten times faster, which a batch of 1 000 feels.
    """
    widget = QrCodeWidget(payload, barLevel="M", barBorder=border, barWidth=size, barHeight=size)
    qr = widget.qr
    qr.make()
    box = size / (qr.getModuleCount() + 2 * border)
    path = c.beginPath()
    for r, row in enumerate(qr.modules):
        column = 0
        for dark, run in itertools.groupby(bool(m) for m in row):
            count = sum(1 for _ in run)
            if dark:
                top = y + size - (r + border + 1) * box
                path.rect(x + (column + border) * box, top, count * box, box)
            column += count
    c.saveState()
    c.setFillColor(colors.black)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def _draw_serial_and_qr(c, cert: CertificateData, fonts: RegisteredFonts) -> None:
    payload = qr_payload(cert.serial, cert.verify_code)
    size = 30 * mm
    left = TEXT_X - 2 * mm
    bottom = 24 * mm
    draw_qr(c, payload, left, bottom, size)
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
    _draw_body(c, body, fonts, certificate_names(cert))
    _draw_issuer(c, cert, fonts)
    _draw_serial_and_qr(c, cert, fonts)


def render_certificates(
    certificates: Iterable,
    path: str | os.PathLike,
    fonts: RegisteredFonts | None = None,
    guard=None,
) -> str:
    """Write the certificates (CertificateData or dicts) to one PDF, one per A4 page.

    Every certificate's wording is checked before anything is written, so a bad template
    raises InvalidValueError and leaves no file.  The file is written atomically through the
    output guard ``guard`` (gjz_registry.outputs; the front ends pass ``registry.outputs``):
    OutputPathError when ``path`` may not or cannot be written.  Returns the path.
    """
    certs = [CertificateData.coerce(c) for c in certificates]
    if not certs:
        raise InvalidValueError("没有选择要打印的证书。")
    for cert in certs:
        certificate_body(cert)
        qr_payload(cert.serial, cert.verify_code)
    fonts = fonts or register_fonts()
    title = certs[0].title or kind_of(certs[0].kind).title
    with outputs.temporary(path, guard) as tmp:
        c = rl_canvas.Canvas(tmp, pagesize=A4, initialFontName=fonts.regular)
        c.setTitle(title if len(certs) == 1 else f"{title}等 {len(certs)} 份证书")
        c.setAuthor(certs[0].unit_name or "")
        c.setCreator("甘井子区孵化链企业登记系统")
        for cert in certs:
            draw_certificate(c, cert, fonts)
            c.showPage()
        c.save()
    return str(path)


def render_certificate(
    cert, path: str | os.PathLike, fonts: RegisteredFonts | None = None, guard=None
) -> str:
    """Write a single certificate to ``path``; see :func:`render_certificates`."""
    return render_certificates([cert], path, fonts, guard)


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
    "draw_qr",
    "render_certificates",
    "render_certificate",
]
