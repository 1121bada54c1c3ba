"""Pinyin search keys for many names at once, exactly as ``search.pinyin_keys`` makes them.

``search.pinyin_keys`` calls pypinyin twice per name (~110 µs); an import of 50 000 rows would
spend six seconds there.  pypinyin converts a name word by word after splitting it into runs
of Chinese characters and segmenting each run by forward maximum matching against its phrase
dictionary; a word's pinyin depends on the word alone.  :class:`PinyinKeys` therefore does the
same split and segmentation, and converts each distinct *word* once (大连, 科技, 有限公司… come
back thousands of times).  The initials are the first letters of the same syllables, which
is what pypinyin's FIRST_LETTER style returns.

The matching (:func:`_walk`) is written out by hand, for speed: pypinyin's spends a generator
and a method call per character and walks the prefixes of every position one character at a
time, while most positions (科 in 大连永皓科技) begin no phrase, which one look at the two
characters there says — the prefixes of the dictionary hold every beginning of every phrase.
tests/exchange/test_pinyin.py checks that the keys equal ``search.pinyin_keys`` on demo names
and on random and phrase-rich text, and that the split equals pypinyin's.
"""

import operator
import re

from pypinyin import lazy_pinyin
from pypinyin.constants import PHRASES_DICT, RE_HANS
from pypinyin.seg import mmseg
from pypinyin.seg.simpleseg import seg as pypinyin_seg

from gjz_registry.services import search

_WORD = re.compile(r"\w", re.UNICODE)
_NOT_WORD = re.compile(r"\W")
_FULL, _INITIALS = operator.itemgetter(0), operator.itemgetter(1)


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


def _walk(run, known, convert, found):
    """Append to ``found``, for each word that ``mmseg.seg.cut(run)`` yields, ``known(word)``
    or, when that is empty, ``convert(word)``.

    Forward maximum matching, phrases only: the longest phrase of the dictionary at each
    position, else one character; a rest that only begins phrases goes character by
    character.  Where the two characters at a position begin no phrase, the word there is its
    one character, whatever the dictionary holds of that character alone."""
    prefixes, phrases = _PREFIXES, PHRASES_DICT
    start, end = 0, len(run)
    while start < end:
        stop = start + 2
        if stop <= end and run[start:stop] in prefixes:  # a longer phrase may start here
            best = stop if run[start:stop] in phrases else 0  # the end of the longest phrase
            stop += 1
            while stop <= end:
                piece = run[start:stop]
                if piece not in prefixes:
                    break
                if piece in phrases:
                    best = stop
                stop += 1
            else:
                if not best:  # the whole rest begins a phrase but holds none
                    for word in run[start:]:
                        found.append(known(word) or convert(word))
                    return
            if best:
                word = run[start:best]
                found.append(known(word) or convert(word))
                start = best
                continue
        word = run[start]
        found.append(known(word) or convert(word))
        start += 1


def _cut(run, words):
    """Append to ``words`` what ``mmseg.seg.cut(run)`` yields."""
    _walk(run, str, None, words)


def _each(chars):
    return list(chars)


def _usable():
    """True when pypinyin is shaped as this module expects (else it segments by itself)."""
    return _HAN_RUN is not None and bool(PHRASES_DICT) and isinstance(_PREFIXES, set)


def _split(text):
    """The words pypinyin converts for ``text``: ``simpleseg.seg`` without its per-character
    regex calls."""
    if not _usable():
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
        self._fast = _usable()

    def _word(self, word):
        syllables = lazy_pinyin(word, errors=_each)
        full = "".join(s for s in syllables if _WORD.match(s or " "))
        initials = "".join(s[0] for s in syllables if s and _WORD.match(s[0]))
        found = self._words[word] = (_NOT_WORD.sub("", full), initials)
        return found

    def __call__(self, name):
        text = search._plain(name)
        known, convert = self._words.get, self._word
        found = []
        if not self._fast:
            found = [known(word) or convert(word) for word in pypinyin_seg(text)]
        elif _HAN_RUN.fullmatch(text):  # most names: one run of Chinese characters
            _walk(text, known, convert, found)
        else:
            start = 0
            for match in _HAN_RUN.finditer(text):
                if match.start() > start:
                    word = text[start : match.start()]
                    found.append(known(word) or convert(word))
                _walk(match.group(), known, convert, found)
                start = match.end()
            if start < len(text) or not found:
                word = text[start:]
                found.append(known(word) or convert(word))
        return "".join(map(_FULL, found)), "".join(map(_INITIALS, found))
