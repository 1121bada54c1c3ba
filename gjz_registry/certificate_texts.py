"""The wording of certificates: kinds, titles, default templates and how they are filled.

The one copy of the default wording (the services fill the body text; ``reports`` only draws
it).  A template is a ``str.format`` text with named placeholders such as ``{holder_name}``;
the administrator may replace it (Setting ``certificate_template.<kind>``).  Pure functions,
no database: both the certificate service and the renderer import this module.

Kinds: incubation 入孵证明 (RF), graduation 毕业证书 (BY), cultivation 高新技术企业培育库入库证书
(PY), carrier 孵化载体认定证书 (ZT) — the two letters are the serial's kind code.
"""

from __future__ import annotations

import datetime
import string
from collections.abc import Mapping
from dataclasses import dataclass

from gjz_registry.errors import InvalidValueError

QR_PREFIX = "GJZ-CERT"
DEFAULT_BASIS = "甘井子区创新驱动三年行动计划（2018—2020年）"

# What each placeholder means, for the settings screen and for error messages.
PLACEHOLDER_LABELS = {
    "holder_name": "持证单位名称",
    "credit_code": "统一社会信用代码",
    "unit_name": "发证单位",
    "issued_on": "发证日期",
    "year": "发证年度",
    "basis": "依据文件",
    "street": "所属街道",
    "carrier_name": "入驻载体",
    "stage": "孵化阶段",
    "entered_on": "入驻日期",
    "graduated_on": "毕业日期",
    "graduation_basis": "毕业条件",
    "operator_name": "运营机构",
    "carrier_kind": "载体类型",
    "level": "认定级别",
    "recognized_on": "认定日期",
}


@dataclass(frozen=True)
class CertificateKind:
    """A kind of certificate: key, serial code, title, default wording, known placeholders."""

    key: str
    code: str
    title: str
    template: str
    placeholders: tuple[str, ...]


_COMMON = ("holder_name", "credit_code", "unit_name", "issued_on", "year", "basis", "street")
_STAY = ("carrier_name", "stage", "entered_on")

KINDS: dict[str, CertificateKind] = {
    kind.key: kind
    for kind in (
        CertificateKind(
            "incubation",
            "RF",
            "入孵证明",
            "兹证明{holder_name}（统一社会信用代码：{credit_code}）于{entered_on}入驻"
            "{carrier_name}，现为该载体在孵企业，所处孵化阶段为「{stage}」。\n特此证明。",
            _COMMON + _STAY,
        ),
        CertificateKind(
            "graduation",
            "BY",
            "毕业证书",
            "{holder_name}（统一社会信用代码：{credit_code}）于{entered_on}入驻{carrier_name}，"
            "经孵化培育，符合《{basis}》规定的毕业条件，准予于{graduated_on}从「{stage}」"
            "阶段毕业。\n特发此证。",
            _COMMON + _STAY + ("graduated_on", "graduation_basis"),
        ),
        CertificateKind(
            "cultivation",
            "PY",
            "高新技术企业培育库入库证书",
            "{holder_name}（统一社会信用代码：{credit_code}）经审核，符合《{basis}》有关条件，"
            "列入甘井子区{year}年度高新技术企业培育库。\n特发此证。",
            _COMMON,
        ),
        CertificateKind(
            "carrier",
            "ZT",
            "孵化载体认定证书",
            "{holder_name}（运营机构：{operator_name}，统一社会信用代码：{credit_code}）经审核，"
            "符合《{basis}》规定的认定条件，认定为{level}{carrier_kind}。\n特发此证。",
            _COMMON + ("operator_name", "carrier_kind", "level", "recognized_on"),
        ),
    )
}
_BY_TITLE = {kind.title: kind for kind in KINDS.values()}
_BY_CODE = {kind.code: kind for kind in KINDS.values()}


def kind_of(kind: str) -> CertificateKind:
    """The CertificateKind for a key ("incubation"), a title ("入孵证明") or a code ("RF").

    Raises InvalidValueError for an unknown kind.
    """
    text = (kind or "").strip()
    found = KINDS.get(text) or _BY_TITLE.get(text) or _BY_CODE.get(text.upper())
    if found is None:
        known = "、".join(f"{k.key}（{k.title}）" for k in KINDS.values())
        raise InvalidValueError(f"未知的证书种类「{kind}」，应为：{known}。", field="kind")
    return found


def default_template(kind: str) -> str:
    """The default wording of ``kind`` (a key, title or code)."""
    return kind_of(kind).template


def display(value) -> str:
    """How a value prints in a certificate: dates as 2020年1月2日, None as ""."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
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


def check_template(kind: str, template: str) -> str:
    """``template`` stripped, if it is well formed and uses only ``kind``'s placeholders.

    Raises InvalidValueError naming each unknown placeholder and listing the known ones.
    """
    found = kind_of(kind)
    text = (template or "").strip()
    if not text:
        raise InvalidValueError(f"「{found.title}」的证书模板不能为空。", field="template")
    unknown = [n for n in dict.fromkeys(template_placeholders(text)) if n not in found.placeholders]
    if unknown:
        known = "、".join(f"{{{n}}}{PLACEHOLDER_LABELS.get(n, '')}" for n in found.placeholders)
        raise InvalidValueError(
            f"「{found.title}」的模板中有未知的占位符 {'、'.join('{' + n + '}' for n in unknown)}；"
            f"可用的占位符：{known}。",
            field="template",
            value=unknown,
        )
    return text


def fill_template(template: str, values: Mapping) -> str:
    """Fill ``template``'s ``{placeholders}`` from ``values`` (dates print as 2020年1月2日).

    Raises InvalidValueError naming every placeholder that has no value (None or "" count
    as missing), or when the template is malformed.
    """
    names = template_placeholders(template)
    missing = [n for n in dict.fromkeys(names) if values.get(n) in (None, "")]
    if missing:
        listed = "、".join(
            f"{{{n}}}" + (f"（{PLACEHOLDER_LABELS[n]}）" if n in PLACEHOLDER_LABELS else "")
            for n in missing
        )
        raise InvalidValueError(
            f"证书模板中的占位符 {listed} 没有对应的值，无法生成证书正文。"
            "请补全相关信息，或在设置中修改证书模板。",
            field="template",
            value=missing,
        )
    return template.format_map({n: display(values[n]) for n in names})


# The values a printed certificate keeps whole on a line (names and terms, never 「大连弘/东众创
# 空间」 or 「众创空间(苗/圃)」); see reports.wrap.
NAME_PLACEHOLDERS = ("holder_name", "carrier_name", "operator_name", "carrier_kind", "stage")


def names_of(values: Mapping) -> tuple[str, ...]:
    """The names and terms among ``values`` (a placeholder → value mapping) to keep whole."""
    found = (display(values.get(n)) for n in NAME_PLACEHOLDERS)
    return tuple(dict.fromkeys(name for name in found if name))


def names_in(body: str, candidates) -> tuple[str, ...]:
    """Those of ``candidates`` (known names and terms) that ``body`` mentions."""
    return tuple(dict.fromkeys(name for name in candidates if name and name in body))


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
    return parts[1].strip(), parts[2].strip()


__all__ = [
    "QR_PREFIX",
    "DEFAULT_BASIS",
    "PLACEHOLDER_LABELS",
    "NAME_PLACEHOLDERS",
    "names_of",
    "names_in",
    "CertificateKind",
    "KINDS",
    "kind_of",
    "default_template",
    "display",
    "template_placeholders",
    "check_template",
    "fill_template",
    "qr_payload",
    "parse_qr_payload",
]
