"""validators.clean_texts: one NFKC call over many texts equals clean_text on each.

The join is safe only if no printable text holds a line break after NFKC and a line break
ends the normalisation of what comes before it; both are checked over every code point.
"""

import random
import sys
import unicodedata

from gjz_registry import validators as v

PRINTABLE = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isprintable()]


def test_no_printable_character_normalises_to_a_line_break():
    assert [c for c in PRINTABLE if "\n" in unicodedata.normalize("NFKC", c)] == []


def test_a_line_break_ends_the_normalisation_on_both_sides():
    nfkc = unicodedata.normalize
    bad = [
        c
        for c in PRINTABLE
        if nfkc("NFKC", c + "\n" + c) != nfkc("NFKC", c) + "\n" + nfkc("NFKC", c)
    ]
    assert bad == []


def test_equal_to_clean_text_on_each():
    rng = random.Random(7)
    pool = PRINTABLE[:2000] + ["（大连）", "ＡＢＣ", " 前后空格 ", "e\u0301", "\u0301", " ", "ﬁ"]
    pool += [chr(c) for c in range(0x4E00, 0x4E80)] + [chr(c) for c in range(0xFF00, 0xFF60)]
    for _ in range(300):
        texts = [
            "".join(rng.choices(pool, k=rng.randint(0, 12))) for _ in range(rng.randint(1, 40))
        ]
        texts = [t for t in texts if t.isprintable()]
        if texts:
            assert v.clean_texts(texts) == [v.clean_text(t) for t in texts]


def test_not_for_what_is_not_a_printable_text():
    assert v.clean_texts([]) is None
    assert v.clean_texts(["甲", None]) is None
    assert v.clean_texts(["甲", 12]) is None
    assert v.clean_texts(["甲", "第一行\n第二行"]) is None
    assert v.clean_texts(["甲", "零宽\u200b"]) is None
    assert v.clean_texts(["全角\u3000空格"]) is None  # a space to strip(): clean_text's own way
