"""Typed values from raw Excel cells, one column type at a time (DESIGN §5, §6).

The reader hands over what the file holds: ``str``, ``int``/``float``, ``datetime``/``date``,
``bool`` or ``None``.  :func:`convert_cell` turns one raw value into the column's type (or
``None`` for a blank cell) and raises :class:`InvalidValueError` whose Chinese message names
the column; :func:`convert_row` does a whole row and collects *every* error of it, so the
error workbook can highlight each bad cell.  Nothing here touches the database: whether a
street or an industry exists is the import service's business.  :func:`cell_converter`
looks a column's type up once for the import's rows (rows.RowConverter); the text and code
converters test for a plain ``str`` first, the class nearly every cell has.
"""

import datetime
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from gjz_registry import validators
from gjz_registry.errors import InvalidValueError
from gjz_registry.exchange import columns as cols

_YEAR_TEXT = re.compile(r"^(\d{4})(?:\.0+)?\s*(?:年度?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_WHOLE_NUMBER_TEXT = re.compile(r"^([+-]?\d+)\.0*$")
_COUNT_UNIT = re.compile(r"(人|个|项|件|名|位)$")
_AREA_UNIT = re.compile(r"(平方米|m2|㎡|平米|平方)$", re.IGNORECASE)
_CODE_RULES = {
    cols.CREDIT_CODE: validators.validate_credit_code,
    cols.HIGH_TECH_NUMBER: validators.validate_high_tech_number,
    cols.TECH_SME_NUMBER: validators.validate_tech_sme_number,
}


def is_blank(value):
    """True for an empty cell: None, or a string of whitespace only."""
    if value is None:
        return True
    return isinstance(value, str) and not value.strip()


def is_blank_row(raw_row):
    """True when every cell of the row is blank."""
    if raw_row and not is_blank(raw_row[-1]):  # a data row read: its last cell is filled
        return False
    return all(is_blank(v) for v in raw_row)


def excel_number_text(value):
    """How Excel's 常规 format shows a long number: 912102117... → ``9.12102E+17``."""
    number = float(value)
    if number.is_integer() and abs(number) < 1e11:
        return str(int(number))
    return f"{number:.5E}".replace("E+0", "E+").replace("E-0", "E-")


def number_as_text(value):
    """A number read from a text column as the text the user typed: 12.0 → ``"12"``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _fail(column, reason, value):
    raise InvalidValueError(f"「{column.header}」{reason}", field=column.header, value=value)


def _text(column, value):
    if value.__class__ is str:  # nearly every cell (the tests below are for other classes)
        return validators.clean_text(value, multiline=True)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return number_as_text(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    # line breaks stay until the field's own rule (the service's) decides: notes keep them
    return validators.clean_text(value, multiline=True)


def _code(column, value):
    if value.__class__ is str:  # nearly every cell (the tests below are for other classes)
        return _CODE_RULES[column.rule](value, field=column.header)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        _fail(
            column,
            f"为数字格式（如 {excel_number_text(value)}），Excel 已丢失位数，"
            "请将该列设为文本后重新填写",
            value,
        )
    if not isinstance(value, str):
        _fail(column, f"应为文本，实为「{value}」", value)
    return _CODE_RULES[column.rule](value, field=column.header)


def _date(column, value):
    if isinstance(value, (datetime.time, datetime.timedelta)):
        _fail(column, f"应为日期（如 2019-11-22），实为时间「{value}」", value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        typed = number_as_text(value)
        compact = _COMPACT_DATE.match(typed)
        if compact:  # 20191122 typed as a number, not a serial
            value = "-".join(compact.groups())
        else:  # a serial: refused with the number the cell shows (2019, not 1905-07-11)
            try:
                return validators.validate_date(value, field=column.header)
            except InvalidValueError:
                _fail(column, f"应为日期（如 2019-11-22），实为数字「{typed}」", value)
    elif isinstance(value, str):
        value = unicodedata.normalize("NFKC", value).strip()
        compact = _COMPACT_DATE.match(value)
        if compact:
            value = "-".join(compact.groups())
        value = _TIME_SUFFIX.sub("", value)
    return validators.validate_date(value, field=column.header)


def _money(column, value, unit=None):
    signed = column.type == cols.SIGNED_MONEY
    amount = validators.validate_money(value, field=column.header, signed=signed)
    # A header in 元, 千元 or 亿元 (注册资本（元）, 营业收入（千元）) scales plain numbers, rounded
    # to 0.0001 万元 (one 元) half-even as every amount; text with its own unit (500万元,
    # 5000000元) was already converted by validate_money.
    plain = not isinstance(value, str) or not re.search(r"(元|万)\s*$", value.strip())
    if plain and unit not in (None, "万元"):
        amount = (amount * Decimal(cols.MONEY_UNITS[unit])).quantize(Decimal("0.0001"))
    return amount


def _number(column, value):
    if isinstance(value, bool):
        _fail(column, f"应为数值，实为「{value}」", value)
    text = value if isinstance(value, str) else number_as_text(value)
    text = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    text = _AREA_UNIT.sub("", text).strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        _fail(column, f"应为数值，实为「{value}」", value)
    if not number.is_finite() or number < 0:
        _fail(column, f"应为不小于 0 的数值，实为「{value}」", value)
    if number >= validators.AREA_LIMIT:  # 1e30 would not even round to 0.01
        _fail(column, f"数值过大：{value}", value)
    return number.quantize(Decimal("0.01"))


def _count(column, value):
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().replace(",", "")
        text = _COUNT_UNIT.sub("", text).strip()
        whole = _WHOLE_NUMBER_TEXT.match(text)
        value = whole.group(1) if whole else text
    return validators.validate_count(value, field=column.header)


def _year(column, value):
    if isinstance(value, bool):
        _fail(column, f"应为年份（如 2020），实为「{value}」", value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        year = value.year
    elif isinstance(value, (int, float)):
        if not float(value).is_integer():
            _fail(column, f"应为年份（如 2020），实为「{value}」", value)
        year = int(value)
    else:
        match = _YEAR_TEXT.match(unicodedata.normalize("NFKC", str(value)).strip())
        if not match:
            _fail(column, f"应为年份（如 2020），实为「{value}」", value)
        year = int(match.group(1))
    latest = datetime.date.today().year + 1
    if not 1949 <= year <= latest:
        _fail(column, f"年份 {year} 不合理（应在 1949 至 {latest} 之间）", value)
    return year


def _choice(column, value):
    text = _text(column, value)
    text = dict(column.aliases).get(text, text)
    return validators.validate_choice(text, column.choices, column.header)


def _phone(column, value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = number_as_text(value)
    return validators.validate_phone(value, field=column.header)


_CONVERTERS = {
    cols.TEXT: _text,
    cols.CODE: _code,
    cols.DATE: _date,
    cols.NUMBER: _number,
    cols.COUNT: _count,
    cols.YEAR: _year,
    cols.CHOICE: _choice,
    cols.PHONE: _phone,
}


def convert_cell(column, value, unit=None):
    """The typed value of one raw cell for ``column`` (a :class:`~columns.Column`), or None
    for a blank cell (even in a required column: :func:`convert_row` reports those).
    ``unit`` is the unit the header named (``columns.header_unit``), for money columns.
    Raises InvalidValueError (``field`` = the canonical header)."""
    if is_blank(value) or column.type == cols.IGNORE:
        return None
    return cell_converter(column, unit)(value)


def cell_converter(column, unit=None):
    """:func:`convert_cell` for the cells of one column that are not blank, as a function
    of the raw value (the column's type looked up once, not once per cell)."""
    if column.type in cols.MONEY_TYPES:
        return functools.partial(_money, column, unit=unit)
    return functools.partial(_CONVERTERS[column.type], column)


def convert_row(kind, mapping, raw_row, row_number, units=None):
    """Convert one data row.

    ``kind`` is a kind code or :class:`~columns.Kind`; ``mapping`` is ``{column_index: code}``
    from :func:`~gjz_registry.exchange.header.detect_header`; ``raw_row`` the reader's list;
    ``row_number`` the 1-based row number in the sheet (used in messages); ``units`` an
    optional ``{column_index: unit}`` for money columns whose header names 元.

    Returns ``(values, errors)``: ``values`` maps every mapped column code except 序号 to its
    typed value (None when blank or invalid); ``errors`` is a list of
    ``(column_index, message)``, one per bad cell, including blank required cells, in
    column order.  Messages start with 「第 N 行」.
    """
    kind = cols.get_kind(kind)
    units = units or {}
    values, errors = {}, []
    for index in sorted(mapping):
        column = kind.column(mapping[index])
        if column.type == cols.IGNORE:
            continue
        raw = raw_row[index] if index < len(raw_row) else None
        try:
            value = convert_cell(column, raw, units.get(index))
        except InvalidValueError as exc:
            errors.append((index, f"第 {row_number} 行{exc.message}"))
            value = None
        else:
            if value is None and column.required:
                errors.append((index, f"第 {row_number} 行「{column.header}」不能为空"))
        values[column.code] = value
    return values, errors
