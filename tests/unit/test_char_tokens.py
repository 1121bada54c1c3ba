"""The search tokens of a text (db/engines/base.char_tokens): its letters and digits, one per
character, as the regex ``\\w`` finds them — also on the path that skips the regex."""

import re
import sys
import unicodedata

from db.engines import base

WORD = re.compile(r"\w")


def test_word_characters_are_the_alphanumerics_and_underscore():
    """The fast path rests on this: ``\\w`` is ``str.isalnum()`` or ``_``, on every code point."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(WORD.fullmatch(char)) == (char.isalnum() or char == "_"), hex(code)


def test_tokens_equal_the_regex_on_hostile_text():
    texts = [
        "大连科技有限公司",
        "大连（甘井子）科技",
        "ＡＢＣ１２３",
        "a_b",
        "",
        None,
        "\u200b大连",
        "﹏_",
        "Ⅻ号",
        "ǅ",
        "=SUM(A1)",
        "１２.５",
        "İstanbul",
    ]
    for text in texts:
        plain = unicodedata.normalize("NFKC", text or "").lower()
        assert base.char_tokens(text) == WORD.findall(plain), text


def test_a_name_of_letters_and_digits_needs_no_regex(monkeypatch):
    class Refusing:
        def findall(self, text):
            raise AssertionError("regex used")

    monkeypatch.setattr(base, "_WORD", Refusing())
    assert base.char_tokens("大连Ab1科技") == list("大连ab1科技")
