"""validators.strip_invisible and the cleaning built on it: what a reader cannot see is not
stored — control characters, whole terminal escape sequences, bidirectional overrides and
isolates, zero-width characters — and single-line text has no line breaks."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gjz_registry import validators as v
from gjz_registry.cli_output import visible
from tests.conftest import make_code

C0 = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\x0b\x0c"]
C1 = [chr(c) for c in range(0x7F, 0xA0) if c != 0x85]  # DEL and C1 (NEL is a line break)
BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C]]
ZERO_WIDTH = [chr(c) for c in [*range(0x200B, 0x2010), 0x2060, 0xFEFF]]
LINE_BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("char", C0 + C1 + BIDI + ZERO_WIDTH, ids=lambda c: f"U+{ord(c[0]):04X}")
def test_each_invisible_character_is_removed(char):
    assert v.strip_invisible(f"大连{char}科技") == "大连科技"
    assert v.clean_text(f"{char}大连科技{char}") == "大连科技"
    assert v.has_invisible(f"大连{char}科技")


@pytest.mark.parametrize(
    "text, kept",
    [
        ("\x1b[31m红色\x1b[0m公司", "红色公司"),  # colour on and off: the whole CSI goes
        ("\x1b[2J\x1b[1;1H公司", "公司"),  # erase screen, cursor home
        ("\x1b[38;5;196m公司", "公司"),  # 256-colour parameters
        ("\x9b31m公司", "公司"),  # the one-byte CSI
        ("\x1b]0;窗口标题\x07公司", "公司"),  # OSC (window title) ended by BEL
        ("\x1b]8;;http://x.cn\x1b\\链接\x1b]8;;\x1b\\公司", "链接公司"),  # OSC hyperlink
        ("\x1bc公司", "公司"),  # reset terminal (ESC c)
        ("\x1b(B公司", "公司"),  # character set selection
        ("公司\x1b", "公司"),  # a lone ESC at the end
        ("\x1b大连", "大连"),  # ESC before text that ends no sequence: only ESC goes
        ("\x1b]0;没有结束", "0;没有结束"),  # an unterminated OSC: only its introducer goes
    ],
)
def test_escape_sequences_are_removed_whole(text, kept):
    assert v.strip_invisible(text) == kept
    assert v.has_invisible(text)


@pytest.mark.parametrize("brk", LINE_BREAKS, ids=repr)
def test_line_breaks_in_one_line_text_become_a_space_and_stay_in_notes(brk):
    assert v.clean_text(f"大连市{brk}甘井子区") == "大连市 甘井子区"
    assert v.clean_text(f"第一行{brk}第二行", multiline=True) == "第一行\n第二行"
    assert not v.has_invisible(f"第一行{brk}第二行")  # nothing was deleted


def test_tabs_become_spaces_and_notes_lose_only_the_invisible():
    assert v.clean_text("注册\t地址") == "注册 地址"
    note = "\u202e已核实\x1b[1m\r\n\t下次回访\u200b\n"
    assert v.clean_text(note, multiline=True) == "已核实\n 下次回访"
    assert not v.has_invisible("注册\t地址\n")


def test_visible_text_keeps_what_is_written():
    """Notes and quotations (no NFKC): full-width punctuation stays, line breaks stay."""
    assert v.visible_text("第（一）项，见附件：\r\n\u202e二") == "第（一）项，见附件：\n二"
    assert v.visible_text(None) is None and v.visible_text(3) == 3


def test_identifiers_and_numbers_go_through_the_same_rule():
    code = make_code(7)
    assert v.validate_credit_code(f"{code[:9]}\u200b{code[9:]}\ufeff") == code
    assert v.validate_phone("139\u200b1234\u202e5678") == "13912345678"
    assert str(v.validate_date("2019-11-22\x00")) == "2019-11-22"
    assert str(v.validate_money("\u2066100.5\u2069")) == "100.5000"
    assert v.validate_count("2\u200b0") == 20
    assert v.clean_name("\x1b[31m奥亿飞(大连)科技有限公司\x1b[0m") == "奥亿飞（大连）科技有限公司"


def test_ordinary_chinese_text_is_untouched():
    text = "大连·甘井子区（一期）“科技”——创新…《名单》、第1号；ＡＢＣ"
    assert v.strip_invisible(text) == text and not v.has_invisible(text)


printable = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40)


@given(printable)
def test_cleaned_text_has_nothing_invisible_and_cleaning_again_changes_nothing(text):
    once = v.strip_invisible(text)
    assert not v.has_invisible(once) and "\n" not in once and "\r" not in once
    assert v.strip_invisible(once) == once
    assert visible(once) == once  # the CLI escapes nothing in a cleaned text


@given(printable)
def test_the_cli_prints_no_control_character(text):
    shown = visible(text)
    assert not any(c in shown for c in C0 + C1 + BIDI + ZERO_WIDTH + ["\r"])
