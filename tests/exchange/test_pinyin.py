"""exchange/pinyin.py must give exactly what search.pinyin_keys gives, only faster."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin.constants import PHRASES_DICT
from pypinyin.seg.simpleseg import seg

from gjz_registry.exchange.pinyin import PinyinKeys, _split
from gjz_registry.services import search

NAMES = [
    "大连重工机械有限公司",
    "大连长兴岛行政中心",
    "甘井子区银行路乐和科技中心",
    "大连ABC科技有限公司（甘井子分公司）",
    "Dalian 2024 智能 科技",
    "〇号仓库",
    "",
    "   ",
    "大连𠀀𠀁科技",
]
CHARS = "大连重庆长行乐和了的地得着中国银行人民ＡＢＣabc123 -_()（）·、，.\t〇㐀𠀀"


def test_known_names_match_search_keys():
    keys = PinyinKeys()
    for name in NAMES * 2:  # the second round comes from the word cache
        assert keys(name) == search.pinyin_keys(name), name


def test_random_common_characters_match():
    rng = random.Random(7)
    pool = CHARS + "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(400))
    keys = PinyinKeys()
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 14)))
        assert keys(text) == search.pinyin_keys(text), repr(text)
        assert _split(text) == seg(text), repr(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_any_text_matches(text):
    assert PinyinKeys()(text) == search.pinyin_keys(text)


def test_phrase_rich_text_splits_as_pypinyin():
    """Text made of dictionary phrases, their beginnings and other characters: the longest
    phrase at each position, and a tail that only begins phrases, as pypinyin splits them."""
    rng = random.Random(11)
    phrases = rng.sample(sorted(PHRASES_DICT), 3000)
    keys = PinyinKeys()
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 5)):
            phrase = rng.choice(phrases)
            parts.append(phrase[: rng.randint(1, len(phrase))] + rng.choice(["", "", "x", "科"]))
        text = "".join(parts)
        assert _split(text) == seg(text), text
        assert keys(text) == search.pinyin_keys(text), text
