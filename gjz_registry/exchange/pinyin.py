"""Pinyin search keys for many names at once, exactly as ``search.pinyin_keys`` makes them.

``search.pinyin_keys`` calls pypinyin twice per name (~110 µs); an import of 50 000 rows would
spend six seconds there.  pypinyin converts a name word by word after splitting it into runs
of Chinese characters and segmenting each run by forward maximum matching against its phrase
dictionary; a word's pinyin depends on the word alone.  :class:`PinyinKeys` therefore does the
same split and segmentation, and converts each distinct *word* once (大连, 科技, 有限公司… come
back thousands of times).  The initials are the first letters of the same syllables, which
is what pypinyin's FIRST_LETTER style returns.  tests/exchange/test_pinyin.py checks that the
result equals ``search.pinyin_keys`` on demo names and on random text.
"""

import re

from pypinyin import lazy_pinyin
from pypinyin.constants import PHRASES_DICT, RE_HANS
from pypinyin.seg import mmseg
from pypinyin.seg.simpleseg import seg as pypinyin_seg

from gjz_registry.services import search

_WORD = re.compile(r"\w", re.UNICODE)
_NOT_WORD = re.compile(r"\W")


def _run_pattern():
    """A regex finding the runs of characters that pypinyin treats as Chinese, built from
    pypinyin's own RE_HANS (``^(?:[…])+$``); None if its shape is not the expected one."""
    pattern = RE_HANS.pattern
    if not (pattern.startswith("^(?:[") and pattern.endswith("])+$")):
        return None
    return re.compile(pattern[4:-3] + "+")


_HAN_RUN = _run_pattern()
# the prefixes of every phrase, which mmseg's forward maximum matching walks
_PREFIXES = getattr(getattr(mmseg.seg, "_prefix_set", None), "_set", None)


def _cut(run, words):
    """Append to ``words`` what ``mmseg.seg.cut(run)`` yields (forward maximum matching,
    phrases only: the longest phrase of the dictionary at each position, else one
    character; a tail that only starts phrases goes character by character) without its
    generator and its method call per character."""
    prefixes, phrases = _PREFIXES, PHRASES_DICT
    start, end = 0, len(run)
    while start < end:
        best = 0  # the end of the longest phrase starting at ``start``
        stop = start + 1
        while stop <= end and run[start:stop] in prefixes:
            if run[start:stop] in phrases:
                best = stop
            stop += 1
        if best:
            words.append(run[start:best])
            start = best
        elif stop > end:  # the whole rest starts a phrase but holds none
            words.extend(run[start:])
            start = end
        else:
            words.append(run[start])
            start += 1


def _each(chars):
    return list(chars)


def _split(text):
    """The words pypinyin converts for ``text``: ``simpleseg.seg`` without its per-character
    regex calls."""
    if _HAN_RUN is None or not PHRASES_DICT or not isinstance(_PREFIXES, set):
        return pypinyin_seg(text)
    words = []
    start = 0
    for match in _HAN_RUN.finditer(text):
        if match.start() > start:
            words.append(text[start : match.start()])
        _cut(match.group(), words)
        start = match.end()
    if start < len(text) or not words:
        words.append(text[start:])
    return words


class PinyinKeys:
    """``keys(name) -> (full pinyin, initials)``, equal to ``search.pinyin_keys(name)``.

    Keeps one entry per distinct word seen; create one per import.
    """

    def __init__(self):
        self._words = {}

    def _word(self, word):
        syllables = lazy_pinyin(word, errors=_each)
        full = "".join(s for s in syllables if _WORD.match(s or " "))
        initials = "".join(s[0] for s in syllables if s and _WORD.match(s[0]))
        found = self._words[word] = (_NOT_WORD.sub("", full), initials)
        return found

    def __call__(self, name):
        text = search._plain(name)
        words = self._words
        full, initials = [], []
        for word in _split(text):
            found = words.get(word) or self._word(word)
            full.append(found[0])
            initials.append(found[1])
        return "".join(full), "".join(initials)
