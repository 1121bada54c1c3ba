"""Tests of gjz_registry/validators.py: credit codes, certificate numbers, phone, dates, money.

Property tests (hypothesis) cover the credit code's normalisation and its check character;
the last test feeds random values to every validator: each returns or raises
InvalidValueError, never another exception.
"""

import datetime
import string
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def gb32100_check_char(first17):
    """The check character computed from the standard itself (weights 3^i mod 31)."""
    total = sum(ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return ALPHABET[(31 - total % 31) % 31]


def full_width(text):
    """ASCII → full-width forms (U+FF01…U+FF5E); a space becomes the ideographic space."""
    return "".join(
        "\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text
    )


def rejected(func, *args, **kwargs):
    """Call ``func`` expecting InvalidValueError; return its message."""
    with pytest.raises(InvalidValueError) as info:
        func(*args, **kwargs)
    return str(info.value)


bodies = st.text(alphabet=ALPHABET, min_size=17, max_size=17)
valid_codes = bodies.map(lambda body: body + v.credit_check_char(body))


# --- 统一社会信用代码 -----------------------------------------------------------------------


def test_alphabet_is_the_standard_one():
    assert v.CREDIT_ALPHABET == ALPHABET
    assert not set("IOZSV") & set(ALPHABET)


@given(bodies)
def test_check_char_agrees_with_the_standard(body):
    assert v.credit_check_char(body) == gb32100_check_char(body)


@given(valid_codes)
def test_every_code_with_its_check_char_validates(code):
    assert v.validate_credit_code(code) == code


@given(valid_codes, st.data())
def test_lower_case_spaces_and_full_width_are_normalised(code, data):
    text = code.lower() if data.draw(st.booleans(), label="lower") else code
    chars = list(text)
    for _ in range(data.draw(st.integers(0, 4), label="inner spaces")):
        at = data.draw(st.integers(0, len(chars)), label="at")
        chars.insert(at, data.draw(st.sampled_from([" ", "\u3000", "\t"]), label="space"))
    text = "".join(chars)
    if data.draw(st.booleans(), label="full width"):
        text = full_width(text)
    text = (
        data.draw(st.sampled_from(["", " ", "\u3000"]))
        + text
        + data.draw(st.sampled_from(["", " ", "\n"]))
    )
    assert v.validate_credit_code(text) == code


@given(valid_codes)
def test_every_single_character_substitution_is_rejected(code):
    for position in range(18):
        for other in ALPHABET:
            if other == code[position]:
                continue
            wrong = code[:position] + other + code[position + 1 :]
            with pytest.raises(InvalidValueError):
                v.validate_credit_code(wrong)


@pytest.mark.parametrize(
    "code",
    [
        "91110000600037341L",  # the example of python-stdnum's documentation
        # Y1210211MD0123456: Σ value×3^i mod 31 = 1419 mod 31 = 24, so 31 − 24 = 7.
        "Y1210211MD01234567",
        "N2210211MC0000012B",  # 群团组织: first 8 characters are not all digits
        "A1000000MB0001234R",  # 中央军委改革和编制办公室
        "12210200MB1234567H",  # 机关/事业单位
        "91210211MA0Y7U8X2Q",  # 企业, Ganjingzi District region code 210211
    ],
)
def test_literal_codes_checked_by_hand(code):
    assert gb32100_check_char(code[:17]) == code[17]
    assert v.validate_credit_code(code) == code
    assert v.validate_credit_code(full_width(code.lower())) == code


@given(st.sampled_from("ANY"), st.text(alphabet=ALPHABET, min_size=16, max_size=16))
def test_codes_starting_with_a_letter_validate(first, rest):
    body = first + rest
    code = body + gb32100_check_char(body)
    assert v.validate_credit_code(code) == code


CHECK_MESSAGE = "「统一社会信用代码」校验位不符：代码中有字符录入错误，请逐位核对"


@given(valid_codes, st.sampled_from(ALPHABET))
def test_wrong_check_char_never_hands_out_the_right_one(code, wrong):
    """A wrong last character gets the message of DESIGN §5: the code is not valid, check
    every character — never 「应为 X」, which invites changing only the last character."""
    if wrong == code[17]:
        wrong = ALPHABET[(ALPHABET.index(wrong) + 1) % 31]
    message = rejected(v.validate_credit_code, code[:17] + wrong)
    assert message == CHECK_MESSAGE
    assert "应为" not in message and "实为" not in message
    # no letter or digit at all, so neither the right check character nor the typed one
    assert not [c for c in message if c.isascii() and c.isalnum()]


@given(valid_codes, st.integers(0, 16), st.sampled_from(ALPHABET))
def test_one_mistyped_character_anywhere_gets_the_same_message(code, position, typo):
    """Any single mistyped character breaks the check character (31 is prime): the message is
    the same wherever the typo is, so it cannot point at the last character."""
    if typo == code[position]:
        typo = ALPHABET[(ALPHABET.index(typo) + 1) % 31]
    mistyped = code[:position] + typo + code[position + 1 :]
    assert rejected(v.validate_credit_code, mistyped) == CHECK_MESSAGE


@pytest.mark.parametrize("number", [911100006000373410, 9.1110000600037e17, 0, 12.5])
def test_numeric_credit_code_is_rejected_with_advice(number):
    message = rejected(v.validate_credit_code, number)
    assert "数字" in message and "文本" in message


@pytest.mark.parametrize("text", ["9111000060003734", "91110000600037341", "91110000600037341LL"])
def test_wrong_length_says_how_long(text):
    message = rejected(v.validate_credit_code, text)
    assert f"应为 18 位，实为 {len(text)} 位" in message


@pytest.mark.parametrize("bad", list("IOZSV") + ["-", "*", "中"])
def test_illegal_characters_are_named(bad):
    code = "91110000600037341L"
    message = rejected(v.validate_credit_code, code[:9] + bad + code[10:])
    assert f"非法字符「{bad}」" in message
    assert "I、O、Z、S、V" in message


@pytest.mark.parametrize("blank", [None, "", "   ", "\u3000"])
def test_blank_credit_code(blank):
    assert "不能为空" in rejected(v.validate_credit_code, blank)


def test_field_name_and_row_appear_in_the_message():
    error = pytest.raises(InvalidValueError, v.validate_credit_code, "123", field="信用代码")
    assert "「信用代码」" in str(error.value)
    assert error.value.field == "信用代码"
    assert str(InvalidValueError("「x」错", row=12)).startswith("第 12 行")


def test_normalise_and_clean_text():
    assert v.normalise(" ９１ａ　b\t") == "91AB"
    assert v.clean_text("  大连湾街道\u3000") == "大连湾街道"
    assert v.clean_text("   ") is None
    assert v.clean_text(None) is None


# --- 高新技术企业证书编号 / 科技型中小企业入库登记编号 ---------------------------------------


@pytest.mark.parametrize(
    "text",
    ["GR202333005602", "gr202333005602", " GR 2023 33 005602 ", full_width("GR202121000123")],
)
def test_high_tech_number_valid(text):
    result = v.validate_high_tech_number(text)
    assert result == v.normalise(text)
    assert v.number_year(result) in (2021, 2023)


@pytest.mark.parametrize(
    "text",
    ["GR20233300560", "GR2023330056021", "GX202333005602", "202333005602", "GR2023A3005602", ""],
)
def test_high_tech_number_bad_format(text):
    message = rejected(v.validate_high_tech_number, text)
    assert "「高新技术企业证书编号」格式应为 GR" in message


def test_high_tech_number_unreasonable_year():
    assert "年份 1899 不合理" in rejected(v.validate_high_tech_number, "GR189933005602")
    future = datetime.date.today().year + 2
    assert f"年份 {future}" in rejected(v.validate_high_tech_number, f"GR{future}21000001")


@pytest.mark.parametrize(
    "text", ["2024341181A8020396", "2024341181a8020396", "2024 341181 A 8020396"]
)
def test_tech_sme_number_valid(text):
    assert v.validate_tech_sme_number(text) == "2024341181A8020396"
    assert v.number_year("2024341181A8020396") == 2024


@pytest.mark.parametrize(
    "text", ["2024341181A802039", "2024341181AA020396", "202434118118020396", "GR202333005602"]
)
def test_tech_sme_number_bad_format(text):
    assert "年份4位+区县代码6位+字母1位+数字7位" in rejected(v.validate_tech_sme_number, text)


def test_tech_sme_number_unreasonable_year():
    assert "年份 1980 不合理" in rejected(v.validate_tech_sme_number, "1980210211A0000123")


# --- 联系电话 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("13812345678", "13812345678"),
        ("19912345678", "19912345678"),
        (" 138 1234 5678 ", "13812345678"),
        ("+86 13812345678", "13812345678"),
        ("0411-86543210", "0411-86543210"),
        ("041186543210", "041186543210"),
        ("010-1234567", "010-1234567"),
        ("(0411)86543210", "041186543210"),
        ("０４１１－８６５４３２１０", "0411-86543210"),
        ("１３８１２３４５６７８", "13812345678"),
        ("0411—86543210", "0411-86543210"),
        (13812345678, "13812345678"),
    ],
)
def test_phone_valid(text, expected):
    assert v.validate_phone(text) == expected


@pytest.mark.parametrize(
    "text",
    ["12812345678", "1381234567", "138123456789", "411-86543210", "0411-865432", "电话", "", "abc"],
)
def test_phone_bad(text):
    message = rejected(v.validate_phone, text, field="联系人电话")
    assert "「联系人电话」应为 11 位手机号或带区号的固定电话" in message


# --- 日期 --------------------------------------------------------------------------------------

NOV_22 = datetime.date(2019, 11, 22)


@pytest.mark.parametrize(
    "value",
    [
        NOV_22,
        datetime.datetime(2019, 11, 22, 15, 30),
        43791,
        43791.0,
        "2019-11-22",
        "2019/11/22",
        "2019.11.22",
        "2019年11月22日",
        "2019年11月22",
        " 2019-11-22 ",
        "２０１９－１１－２２",
        "2019 年 11 月 22 日",
    ],
)
def test_date_accepted_forms(value):
    assert v.validate_date(value) == NOV_22


def test_date_single_digit_month_and_day():
    assert v.validate_date("2020/1/5") == datetime.date(2020, 1, 5)


@pytest.mark.parametrize("text", ["2019-02-30", "2019-13-01", "2019-00-10", "2021-02-29"])
def test_date_that_does_not_exist(text):
    assert "不是存在的日期" in rejected(v.validate_date, text, field="成立日期")


@pytest.mark.parametrize("text", ["20191122", "22/11/2019", "2019-11", "明天", ""])
def test_date_bad_text(text):
    assert "「成立日期」应为日期" in rejected(v.validate_date, text, field="成立日期")


@pytest.mark.parametrize("value", ["1900-01-01", datetime.date(1949, 9, 30), 100, "2999-01-01"])
def test_date_out_of_range(value):
    assert "超出合理范围" in rejected(v.validate_date, value)


def test_date_custom_range():
    start, end = datetime.date(2018, 1, 1), datetime.date(2020, 12, 31)
    assert v.validate_date("2018-01-01", earliest=start, latest=end) == start
    assert "超出合理范围（2018-01-01 至 2020-12-31）" in rejected(
        v.validate_date, "2021-01-01", earliest=start, latest=end
    )


@pytest.mark.parametrize("serial", [0, -5, 2958466, float("nan"), float("inf")])
def test_date_bad_excel_serial(serial):
    assert "不是有效日期" in rejected(v.validate_date, serial)


def test_date_bool_is_not_a_serial():
    rejected(v.validate_date, True)


# --- 金额 / 人数 / 选项 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1,234.5万元", "1234.5"),
        ("1234.5万", "1234.5"),
        ("12345000元", "1234.5"),
        ("12,345,000 元", "1234.5"),
        ("１２３４．５", "1234.5"),
        ("  88  ", "88"),
        ("0", "0"),
        (1234.5, "1234.5"),
        (100, "100"),
        (Decimal("0.00005"), "0.0000"),  # rounded half-even to 4 places
        (Decimal("2.00015"), "2.0002"),
    ],
)
def test_money_accepted(value, expected):
    result = v.validate_money(value)
    assert result == Decimal(expected)
    assert result.as_tuple().exponent == -4


@pytest.mark.parametrize("value", ["-1", "-0.5万元", -3, -0.01])
def test_money_negative(value):
    assert "不能为负数" in rejected(v.validate_money, value, field="注册资本")


@pytest.mark.parametrize(
    "value", ["abc", "万元", "", "1.2.3", "NaN", "sNaN", "Infinity", True, None]
)
def test_money_garbage(value):
    assert "应为金额" in rejected(v.validate_money, value, field="注册资本")


@pytest.mark.parametrize("value", ["1e12", 10**12, "9999999999999万元"])
def test_money_too_large(value):
    assert "数额过大" in rejected(v.validate_money, value)


def test_money_huge_exponent_is_rejected_cleanly():
    rejected(v.validate_money, "1e1000000")


def test_money_in_yuan_scales_wan():
    assert v.validate_money("100万元", unit="元") == Decimal("1000000")


@pytest.mark.parametrize(
    "value, expected", [(12, 12), ("12", 12), (" 1,234 ", 1234), (12.0, 12), ("１２", 12), ("0", 0)]
)
def test_count_accepted(value, expected):
    assert v.validate_count(value) == expected


@pytest.mark.parametrize("value", [1.5, "1.5", "abc", "", True, None, float("nan"), float("inf")])
def test_count_not_whole(value):
    assert "「从业人员」应为整数" in rejected(v.validate_count, value, field="从业人员")


def test_count_negative_and_huge():
    assert "不能为负数" in rejected(v.validate_count, -1)
    assert "数值过大" in rejected(v.validate_count, 10_000_001)
    assert v.validate_count(10_000_000) == 10_000_000


STAGES = ("苗圃", "孵化器", "加速器", "产业化基地")


@pytest.mark.parametrize("value", ["孵化器", " 孵化器 ", "孵化器\u3000"])
def test_choice_accepted(value):
    assert v.validate_choice(value, STAGES, "孵化阶段") == "孵化器"


@pytest.mark.parametrize("value", ["孵化", "", None, "孵 化 器"])
def test_choice_rejected_lists_the_choices(value):
    message = rejected(v.validate_choice, value, STAGES, "孵化阶段")
    assert "「孵化阶段」应为 苗圃、孵化器、加速器、产业化基地 之一" in message


# --- robustness: only InvalidValueError, whatever comes in --------------------------------------

VALIDATORS = [
    v.validate_credit_code,
    v.validate_high_tech_number,
    v.validate_tech_sme_number,
    v.validate_phone,
    v.validate_date,
    v.validate_money,
    lambda value: v.validate_money(value, unit="元"),
    v.validate_count,
    lambda value: v.validate_choice(value, STAGES, "孵化阶段"),
]

anything = st.one_of(
    st.text(),
    st.text(alphabet=string.digits + ALPHABET + " -/.,年月日万元+()GR\u3000０１２"),
    st.text(alphabet=string.printable),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(),
)


@pytest.mark.parametrize("validator", VALIDATORS)
@given(value=anything)
def test_validators_raise_only_invalid_value_error(validator, value):
    try:
        validator(value)
    except InvalidValueError as error:
        assert str(error) and "「" in str(error)


@pytest.mark.parametrize(
    "value, expected",
    [("¥1,234.5", Decimal("1234.5")), ("人民币100万元", Decimal("100")), ("-0", Decimal("0"))],
)
def test_money_currency_prefixes_and_negative_zero(value, expected):
    result = v.validate_money(value)
    assert result == expected and not result.is_signed()


@pytest.mark.parametrize("value", ["1_000", "GR٢٠٢٣33005602"])
def test_non_ascii_digits_and_underscores_refused(value):
    validator = v.validate_money if value == "1_000" else v.validate_high_tech_number
    with pytest.raises(InvalidValueError):
        validator(value)


def test_phone_read_back_as_float():
    assert v.validate_phone(13812345678.0) == "13812345678"


@st.composite
def stdnum_codes(draw):
    """Codes python-stdnum's validate() applies to (first 8 characters digits): a valid one,
    or one with a character changed (half of them), so both answers come up often."""
    body = draw(st.text(string.digits, min_size=8, max_size=8))
    body += draw(st.text(ALPHABET, min_size=9, max_size=9))
    code = body + gb32100_check_char(body)
    if draw(st.booleans()):
        position = draw(st.integers(8, 17))
        other = draw(st.sampled_from(ALPHABET.replace(code[position], "")))
        code = code[:position] + other + code[position + 1 :]
    return code


def test_agrees_with_python_stdnum_where_it_applies():
    """Where python-stdnum's validate() applies, both agree.  Every example is compared;
    the valid and the invalid answer must each come up in a fair share of them."""
    from stdnum.cn import uscc

    answers = []

    @settings(max_examples=200)
    @given(stdnum_codes())
    def compare(code):
        try:
            uscc.validate(code)
            stdnum_ok = True
        except Exception:
            stdnum_ok = False
        try:
            v.validate_credit_code(code)
            ours_ok = True
        except InvalidValueError:
            ours_ok = False
        assert ours_ok == stdnum_ok
        answers.append(ours_ok)

    compare()
    assert len(answers) >= 150 and min(answers.count(True), answers.count(False)) >= 40


def test_names_keep_the_registered_chinese_brackets():
    from gjz_registry.validators import clean_name

    assert clean_name(" 奥亿飞(大连)科技有限公司 ") == "奥亿飞（大连）科技有限公司"
    assert clean_name("奥亿飞（大连）科技有限公司") == "奥亿飞（大连）科技有限公司"
    # full-width letters and digits still become ordinary ones
    assert clean_name("ＡＢＣ１２３（大连）有限公司") == "ABC123（大连）有限公司"
    assert clean_name("   ") is None
