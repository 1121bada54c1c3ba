"""Pure validators for the identifiers and values the registry keeps (DESIGN §5).

Each ``validate_*`` function takes the raw value (as typed or as read from Excel), returns the
normalised value, or raises :class:`InvalidValueError` whose Chinese message names the field
and the rule that failed.  ``None`` and blank strings are the caller's business (use
``clean_text`` first and skip optional fields).

Every text is first rid of what a reader cannot see (:func:`strip_invisible`): terminal
escape sequences, control characters, bidirectional overrides, zero-width characters.

An import runs these a million times, so the usual cell takes a short way, each proven to
end where the general steps end (tests/unit/test_validator_shortcuts.py compares them on
ordinary and hostile texts): a printable text (``str.isprintable``, a C loop) holds nothing
:func:`strip_invisible` acts on (every code point checked); a text that already is a clean
credit code (18 characters of CREDIT_ALPHABET) or a plain mobile or landline number is
returned as it is, since the normalising steps would leave it so.
"""

import datetime
import operator
import re
import unicodedata
from decimal import Decimal, DecimalException

from gjz_registry.errors import InvalidValueError

# 统一社会信用代码 (GB 32100-2015): the 31 characters, value = index.
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# A wrong check character means a mistyped character *somewhere* in the code: the message never
# names the expected check character, which would invite changing only the last one (DESIGN §5).
CHECK_CHAR_WRONG = "「{field}」校验位不符：代码中有字符录入错误，请逐位核对"
_SPACES = re.compile(r"\s+")
_nfkc = unicodedata.normalize


# What no stored text keeps.  Terminal escape sequences go whole (ESC [ 31 m, not only the
# ESC), then the C0 and C1 control characters (tab and line breaks are handled apart), the
# bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069, U+061C), the
# zero-width characters and marks (U+200B–200F, U+2060), the other characters no cell shows
# (soft hyphen U+00AD, U+180E, the invisible operators U+2061–2064, the deprecated format
# characters U+206A–206F, the tag characters U+E0001, U+E0020–E007F) and the byte-order mark.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor movement, erasing
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the same, introduced by the one-byte CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: window title, hyperlink (ends BEL or ESC \\)
    r"|\x1b[ -/]*[0-~]"  # any other escape sequence
)
INVISIBLE = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\U000e0001\U000e0020-\U000e007f"
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
# Any character the substitutions below act on (an escape sequence starts with ESC or the
# one-byte CSI): a text without one, nearly every text, is returned as it is.
_TOUCHED = re.compile(f"[\t\n\r\x85\u2028\u2029{INVISIBLE}]")


def strip_invisible(text, multiline=False):
    """``text`` without escape sequences and invisible characters (see above).  A line break
    or a tab becomes one space; with ``multiline`` (notes) a line break stays, as "\\n"."""
    if text.isprintable() or _TOUCHED.search(text) is None:
        return text
    text = _LINE_BREAK.sub("\n" if multiline else " ", text).replace("\t", " ")
    return _INVISIBLE.sub("", _ESCAPE_SEQUENCE.sub("", text))


def has_invisible(text):
    """True when :func:`strip_invisible` deletes characters from ``text`` (line breaks and
    tabs, which become spaces or stay, do not count)."""
    if text.isprintable() or _INVISIBLE.search(text) is None:  # nearly every text
        return False
    return _INVISIBLE.search(_LINE_BREAK.sub(" ", text)) is not None


def visible_text(value, multiline=True):
    """A text kept as written (no NFKC, no stripping: notes, quotations, settings) but for
    what :func:`strip_invisible` removes; anything that is not a string as it is."""
    return strip_invisible(value, multiline) if isinstance(value, str) else value


def _plain(value, multiline=False):
    """A value as text: visible characters only, NFKC (full-width → half-width), stripped."""
    return _nfkc("NFKC", strip_invisible(str(value), multiline)).strip()


def normalise(value):
    """NFKC (full-width → half-width), strip, remove inner whitespace, upper-case."""
    return _SPACES.sub("", _plain(value)).upper()


def clean_text(value, multiline=False):
    """Strip a free-text value, NFKC-normalise it, turn blank into None.  Invisible
    characters go (:func:`strip_invisible`); a line break becomes a space unless the text is
    ``multiline`` (notes)."""
    if value is None:
        return None
    if value.__class__ is str and value.isprintable():  # nothing for strip_invisible to do
        return _nfkc("NFKC", value).strip() or None
    return _plain(value, multiline) or None


def clean_texts(values):
    """``[clean_text(v) for v in values]`` for a list of printable texts, by one NFKC call
    over them all (an import has 50 000 names, addresses…: one call per text costs more than
    the normalising); None when one of them is not a printable ``str`` (the caller then
    cleans them one by one).

    Joining is safe: a printable text holds no line break, and a line break (a starter that
    composes with nothing, NFKC of itself) ends the normalisation of the text before it —
    tests/unit/test_clean_texts.py checks both over every code point, and the result
    against :func:`clean_text`."""
    if not values or not {value.__class__ for value in values} <= {str}:
        return None
    if not "".join(values).isprintable():
        return None
    normal = _nfkc("NFKC", "\n".join(values)).split("\n")
    if len(normal) != len(values):  # (never: the tests above)
        return None
    return [text.strip() or None for text in normal]


def clean_name(value):
    """An enterprise or organisation name: :func:`clean_text` (full-width letters and digits
    become ordinary ones), with its brackets in the registered Chinese form —
    「奥亿飞(大连)科技有限公司」 and 「奥亿飞（大连）科技有限公司」 are one name, stored as the
    latter."""
    text = clean_text(value)
    return name_form(text) if text else text


def name_form(text):
    """Brackets of an already normalised text in the registered form (for lookups by name):
    organisation names are registered with the Chinese brackets （）, which NFKC folds to ( ).
    (Two replace() calls, not a translate() table: that looks up every character.)"""
    return text.replace("(", "（").replace(")", "）")


_CREDIT_VALUE = {c: i for i, c in enumerate(CREDIT_ALPHABET)}
_CREDIT_VALUE.update({c.lower(): i for c, i in _CREDIT_VALUE.items()})  # as stdnum took them
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26…
# {character: value × weight} for each of the 17 positions (one look-up a character)
_CREDIT_TERMS = tuple({c: i * w for c, i in _CREDIT_VALUE.items()} for w in _CREDIT_WEIGHTS)
# A code already in its normalised form (what nearly every cell holds)
_CREDIT_FORM = re.compile(f"[{CREDIT_ALPHABET}]{{18}}")


def credit_check_char(first17):
    """The GB 32100-2015 check character for the first 17 characters (of CREDIT_ALPHABET):
    the weighted sum of their values, weights 3^i mod 31, completed to a multiple of 31."""
    total = sum(map(operator.getitem, _CREDIT_TERMS, first17))
    return CREDIT_ALPHABET[-total % 31]


def validate_credit_code(value, field="统一社会信用代码"):
    """Return the normalised 18-character credit code or raise InvalidValueError."""
    if value.__class__ is str and _CREDIT_FORM.fullmatch(value):
        code = value  # the usual cell: the steps of _credit_form() leave it as it is
    else:
        code = _credit_form(value, field)
    if code[17] != credit_check_char(code[:17]):
        raise InvalidValueError(CHECK_CHAR_WRONG.format(field=field), field=field, value=value)
    # python-stdnum's uscc.validate() (tests/unit/test_validators.py compares the two) would
    # add nothing but a refusal of legitimate codes whose first 8 characters are not all
    # digits (registration authorities N 群团, Y 其他, A 中央军委…), and its normalising
    # and check character cost 30 µs a code on a 50 000-row import.
    return code


def _credit_form(value, field):
    """The normalised credit code: 18 characters of CREDIT_ALPHABET (check not checked)."""
    if value is None or str(value).strip() == "":
        raise InvalidValueError(f"「{field}」不能为空", field=field)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise InvalidValueError(
            f"「{field}」是数字格式，Excel 已丢失部分位数：请把该列设为文本后重新填写",
            field=field,
            value=value,
        )
    code = normalise(value)
    if len(code) != 18:
        raise InvalidValueError(
            f"「{field}」应为 18 位，实为 {len(code)} 位：{code}", field=field, value=value
        )
    bad = [c for c in code if c not in CREDIT_ALPHABET]
    if bad:
        raise InvalidValueError(
            f"「{field}」含非法字符「{bad[0]}」（不得含 I、O、Z、S、V 及标点）：{code}",
            field=field,
            value=value,
        )
    return code


_HIGH_TECH = re.compile(r"^GR(\d{4})(\d{2})(\d{6})$", re.ASCII)
_TECH_SME = re.compile(r"^(\d{4})(\d{6})([A-Z])(\d{7})$", re.ASCII)


def validate_high_tech_number(value, field="高新技术企业证书编号"):
    """GR + 4-digit year + 2-digit region + 6-digit serial, e.g. GR202333005602."""
    code = normalise(value or "")
    match = _HIGH_TECH.match(code)
    if not match:
        raise InvalidValueError(
            f"「{field}」格式应为 GR+年份4位+地区2位+序号6位（如 GR202321000123），实为「{code}」",
            field=field,
            value=value,
        )
    _check_year(int(match.group(1)), field, value)
    return code


def validate_tech_sme_number(value, field="科技型中小企业入库登记编号"):
    """4-digit year + 6-digit county code + 1 letter + 7 digits, e.g. 2024341181A8020396."""
    code = normalise(value or "")
    match = _TECH_SME.match(code)
    if not match:
        raise InvalidValueError(
            f"「{field}」格式应为 年份4位+区县代码6位+字母1位+数字7位"
            f"（如 2024210211A0000123），实为「{code}」",
            field=field,
            value=value,
        )
    _check_year(int(match.group(1)), field, value)
    return code


def number_year(code):
    """The year embedded in a 高企 or 科小 number."""
    digits = code[2:6] if code.startswith("GR") else code[:4]
    return int(digits)


def _check_year(year, field, value):
    if not 1990 <= year <= datetime.date.today().year + 1:
        raise InvalidValueError(f"「{field}」中的年份 {year} 不合理", field=field, value=value)


_MOBILE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$", re.ASCII)
_PHONE_PUNCTUATION = re.compile(r"[\s()（）]")


def validate_phone(value, field="联系电话"):
    """Mobile 1[3-9]xxxxxxxxx or landline 0xx(x)-xxxxxxx(x); full-width digits accepted."""
    if value.__class__ is str and (_MOBILE.fullmatch(value) or _LANDLINE.fullmatch(value)):
        return value  # the usual cell: the steps below leave it as it is
    if isinstance(value, float) and value.is_integer():  # a phone stored as a number
        value = int(value)
    text = _plain(value)
    text = _PHONE_PUNCTUATION.sub("", text).replace("—", "-").replace("－", "-")
    if text.startswith("+86"):
        text = text[3:]
    if _MOBILE.match(text) or _LANDLINE.match(text):
        return text
    raise InvalidValueError(
        f"「{field}」应为 11 位手机号或带区号的固定电话（如 0411-86543210），实为「{value}」",
        field=field,
        value=value,
    )


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$", re.ASCII)
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def validate_date(value, field="日期", earliest=datetime.date(1949, 10, 1), latest=None):
    """Accept a date, datetime, Excel serial number or text (2019-11-22, 2019/11/22,
    2019.11.22, 2019年11月22日); return a date within [earliest, latest]."""
    latest = latest or datetime.date.today() + datetime.timedelta(days=366 * 10)
    if isinstance(value, datetime.datetime):
        result = value.date()
    elif isinstance(value, datetime.date):
        result = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not 1 <= value <= 2958465:
            raise InvalidValueError(f"「{field}」不是有效日期：{value}", field=field, value=value)
        result = _EXCEL_EPOCH + datetime.timedelta(days=int(value))
    else:
        text = _plain(value)
        match = _DATE_TEXT.match(text)
        if not match:
            raise InvalidValueError(
                f"「{field}」应为日期（如 2019-11-22），实为「{value}」", field=field, value=value
            )
        try:
            result = datetime.date(*(int(g) for g in match.groups()))
        except ValueError:
            raise InvalidValueError(
                f"「{field}」不是存在的日期：「{value}」", field=field, value=value
            ) from None
    if not earliest <= result <= latest:
        raise InvalidValueError(
            f"「{field}」{result.isoformat()} 超出合理范围（{earliest.isoformat()} 至 "
            f"{latest.isoformat()}）",
            field=field,
            value=value,
        )
    return result


_MONEY_AFFIX = re.compile(r"^(人民币|RMB|￥|¥)|(万元|万|元|人民币|RMB)$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$", re.ASCII)


def validate_money(value, field="金额", unit="万元", signed=False):
    """Amount in ``unit`` (万元) as Decimal; accepts 1,234.5 / ¥1234.5万元 / 12345000元.

    Negative amounts (unless ``signed``: a profit may be a loss) and amounts of a trillion or
    more (either way) are refused.
    """
    if isinstance(value, bool):
        raise InvalidValueError(f"「{field}」应为金额，实为「{value}」", field=field, value=value)
    try:
        if isinstance(value, (int, float, Decimal)):
            amount = Decimal(str(value))
        else:
            text = _plain(value).replace(",", "")
            text = text.replace(" ", "")
            factor = Decimal(1)
            match = _MONEY_AFFIX.search(text)
            while match and text:
                suffix = match.group(2)
                if suffix == "元" and unit == "万元":
                    factor *= Decimal("0.0001")
                elif suffix in ("万元", "万") and unit != "万元":
                    factor *= Decimal(10000)
                text = text[: match.start()] + text[match.end() :]
                match = _MONEY_AFFIX.search(text)
            if not _NUMBER.match(text):
                raise InvalidValueError(
                    f"「{field}」应为金额（{unit}），实为「{value}」", field=field, value=value
                )
            amount = Decimal(text) * factor
        if not amount.is_finite():
            raise DecimalException
        if amount < 0 and not signed:
            raise InvalidValueError(f"「{field}」不能为负数：{value}", field=field, value=value)
        if abs(amount) >= Decimal("1e12"):
            raise InvalidValueError(f"「{field}」数额过大：{value}", field=field, value=value)
        return (amount + 0).quantize(Decimal("0.0001"))  # + 0 turns -0 into 0
    except DecimalException:
        raise InvalidValueError(
            f"「{field}」应为金额（{unit}），实为「{value}」", field=field, value=value
        ) from None


AREA_LIMIT = Decimal("1e10")  # areas are stored with 12 digits, 2 of them after the point


def validate_area(value, field="面积"):
    """A non-negative area in 平方米 (see :func:`validate_money`) below AREA_LIMIT."""
    area = validate_money(value, field=field, unit="平方米")
    if area >= AREA_LIMIT:
        raise InvalidValueError(f"「{field}」数值过大：{value}", field=field, value=value)
    return area


def validate_count(value, field="人数"):
    """A non-negative whole number (people, patents…)."""
    if isinstance(value, bool):
        raise InvalidValueError(f"「{field}」应为整数，实为「{value}」", field=field, value=value)
    try:
        if isinstance(value, float):
            if value != int(value):
                raise ValueError
            number = int(value)
        else:
            text = _plain(value).replace(",", "")
            if not re.fullmatch(r"[+-]?\d+(\.0*)?", text, re.ASCII):
                raise ValueError
            number = int(text.split(".")[0])
    except (ValueError, OverflowError):
        raise InvalidValueError(
            f"「{field}」应为整数，实为「{value}」", field=field, value=value
        ) from None
    if number < 0:
        raise InvalidValueError(f"「{field}」不能为负数：{value}", field=field, value=value)
    if number > 10_000_000:
        raise InvalidValueError(f"「{field}」数值过大：{value}", field=field, value=value)
    return number


def validate_choice(value, choices, field):
    """One of ``choices`` (after NFKC and strip), else an error listing them."""
    text = clean_text(value)
    if text in choices:
        return text
    raise InvalidValueError(
        f"「{field}」应为 {'、'.join(choices)} 之一，实为「{value}」", field=field, value=value
    )
