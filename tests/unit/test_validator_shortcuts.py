"""The validators' shortcuts for the usual cell give what their general steps give.

clean_text, validate_credit_code, validate_phone and cells' text and code converters take a
short way for a plain ``str`` that is printable / already a clean credit code / already a
plain phone number.  A ``str`` subclass never takes it (the tests are ``__class__ is str``),
so ``f(Text(x))`` runs the general steps on the same text: both must agree — value or
message — on ordinary and hostile texts.  strip_invisible and has_invisible skip their scan
for a printable text: no printable character is one they act on (every code point checked).
"""

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError
from gjz_registry.exchange import cells
from gjz_registry.exchange import columns as cols
from tests.conftest import make_code

ENTERPRISES = cols.get_kind("enterprises")


class Text(str):
    """The same text, by the general path."""


HOSTILE = [
    "",
    " ",
    "\u3000大连\u3000",
    "\t大连\n",
    "大连\x00科技",
    "\x1b[31m红\x1b[0m",
    "\u202e反向",
    "零\u200b宽",
    "\ufeff",
    "第一行\r\n第二行",
    "=1+1",
    "ＡＢＣ１２３（大连）",
    "(大连)",
    "e\u0301",  # a combining accent: NFKC composes it
    "\u00b4",  # NFKC: a space and a combining accent
    "ｶﾀｶﾅ",
    "13912345678",
    "13912345678\n",
    " 13912345678",
    "+8613912345678",
    "0411-86543210",
    "0411—86543210",
    "（0411）86543210",
    "041186543210",
    "１３９１２３４５６７８",
    "1391234567８",
    "139123456789",
    "23912345678",
    make_code(1),
    make_code(2).lower(),
    f" {make_code(3)} ",
    make_code(4)[:17] + "0",
    make_code(5) + "\n",
    "91210211MA0000001I",
    "GR202321000123",
    "gr202321000123",
    "2024210211A0000123",
]
TEXTS = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=20),
    st.text(alphabet=v.CREDIT_ALPHABET + "IOSVZ\n -", min_size=16, max_size=19),
    st.text(alphabet="0123456789-+ ()（）—－\n\u3000", max_size=16),
)


def outcome(function, *args, **kwargs):
    try:
        return "value", function(*args, **kwargs)
    except InvalidValueError as exc:
        return "error", str(exc), exc.field, exc.value


def agree(text):
    for function in (v.validate_credit_code, v.validate_phone, v.normalise):
        assert outcome(function, text) == outcome(function, Text(text)), function
    for multiline in (False, True):
        assert v.clean_text(text, multiline) == v.clean_text(Text(text), multiline)
    assert v.name_form(text) == text.translate({ord("("): "（", ord(")"): "）"})
    for code in ("name", "notes", "credit_code", "high_tech_number", "contact_phone"):
        column = ENTERPRISES.column(code)
        assert outcome(cells.convert_cell, column, text) == outcome(
            cells.convert_cell, column, Text(text)
        ), code


@pytest.mark.parametrize("text", HOSTILE)
def test_the_shortcuts_agree_with_the_general_steps_on_hostile_texts(text):
    agree(text)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_shortcuts_agree_with_the_general_steps(text):
    agree(text)


def test_no_printable_character_is_one_the_cleaning_acts_on():
    """isprintable() is the quick "nothing to strip" test of strip_invisible, has_invisible
    and clean_text: every character it passes is one they leave (and escape sequences
    start with ESC or the one-byte CSI, which it does not pass)."""
    acted_on = [
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if c.isprintable() and (v._TOUCHED.search(c) or v._INVISIBLE.search(c))
    ]
    assert acted_on == []
    assert not "\x1b".isprintable() and not "\x9b".isprintable()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=v.CREDIT_ALPHABET + v.CREDIT_ALPHABET.lower(), min_size=17, max_size=17))
def test_check_character_by_position_tables_is_the_weighted_sum(body):
    values = {c: i for i, c in enumerate(v.CREDIT_ALPHABET)}
    total = sum(values[c.upper()] * pow(3, i, 31) for i, c in enumerate(body))
    assert v.credit_check_char(body) == v.CREDIT_ALPHABET[-total % 31]
