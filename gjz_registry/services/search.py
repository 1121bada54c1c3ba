"""Pinyin keys and the enterprise search index.

Search must answer each keystroke over 100 000 enterprises in a few milliseconds, so nothing
here scans the table.  Matches come in tiers, best first, each tier an indexed query with a
LIMIT so it stops as soon as it has enough rows:

1. credit-code prefix (B-tree range on ``credit_code``) when the text looks like a code;
2. exact name, then name prefix (B-tree range on ``name``);
3. for Latin text: pinyin-initials prefix, then full-pinyin prefix (B-tree ranges);
4. substring anywhere: for 3 characters or more, ``LIKE '%text%'`` on the FTS5 trigram
   table ``enterprise_trigram`` (kept in step by triggers, migrations 0006/0007); for one or two
   characters, a phrase query on ``enterprise_search``, whose columns hold the name's
   characters, its pinyin letters and its initials *one token per character* — a phrase of
   adjacent one-character tokens is exactly a substring, even of one Chinese character.

Prefix tiers rank by length only within a bounded window of the first rows in index order,
so a prefix shared by every name (大连…) costs a fraction of a millisecond, not a sort of the
whole table.

The indexes are the engine's (db/engines): on SQLite the FTS5 tables above, on PostgreSQL
pg_trgm GIN indexes for substrings of three characters or more, the ``enterprise_gram`` GIN
index of one- and two-character pieces for shorter ones, and ``text_pattern_ops`` B-trees for
prefixes.  Every tier returns its rows in a fixed order (prefix tiers: shortest, then the key's
byte order, then id; substring tiers: ascending id), so both engines give the same results.
"""

import re
import unicodedata

from db.database import engine
from gjz_registry.validators import name_form

_WORD = re.compile(r"\w", re.UNICODE)
_LATIN = re.compile(r"^[a-z]+$")
_CODE = re.compile(r"^[0-9A-Z]+$")
# Characters that sort after anything a name or code can contain (prefix upper bound).
_HIGH = "\U0010ffff"
# Prefix matches are ranked (shorter first) within this many rows in index order.
_PREFIX_WINDOW = 500


def _plain(text):
    return unicodedata.normalize("NFKC", text or "").lower()


def pinyin_keys(name):
    """Return (full pinyin, initials) of a name, lower-case, no separators.

    大连科技有限公司 → ('daliankejiyouxiangongsi', 'dlkjyxgs'); Latin letters and digits are kept.
    """
    from pypinyin import Style, lazy_pinyin  # here: a third of a command's start-up time

    text = _plain(name)
    syllables = lazy_pinyin(text, errors=lambda chars: list(chars))
    full = "".join(s for s in syllables if _WORD.match(s or " "))
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda chars: list(chars))
    short = "".join(s[0] for s in initials if s and _WORD.match(s[0]))
    return re.sub(r"\W", "", full), short


def index_rows(db, rows, new=False):
    """(Re)index enterprises: ``rows`` are (id, name, name_pinyin, name_initials); ``new``
    says none of them is indexed yet (records just inserted)."""
    engine(db).index_rows(db, rows, new)


def new_index_writer(db, rows):
    """A function of ``db`` that indexes the new enterprises ``rows`` (id, name, pinyin,
    initials): their tokens made now, the writing when called (an import's chunk writes may
    run behind, on another thread: exchange/bulk.write_behind)."""
    return engine(db).new_index_writer(rows)


TRIGRAM_TRIGGER = "enterprise_trigram_ai"


def index_trigram(db, ids):
    """Add the enterprises whose id is in ``ids`` (a range) to the trigram index, in one
    statement — for bulk inserts made while :data:`TRIGRAM_TRIGGER` is suspended."""
    engine(db).index_new_range(db, ids)


def unindex(db, ids):
    engine(db).unindex(db, ids)


def rebuild(db):
    """Rebuild the whole index from the enterprise table (after a restore or repair)."""
    return engine(db).rebuild_search(db)


def find_ids(db, text, limit=50, street_id=None):
    """Ids of enterprises matching ``text``, best matches first, at most ``limit``."""
    # names are stored with the registered Chinese brackets (validators.clean_name)
    raw = name_form(unicodedata.normalize("NFKC", text or "").strip())
    if not raw or limit <= 0:
        return []
    found = []
    seen = set()
    scope_sql = " AND street_id = ?" if street_id is not None else ""
    scope_args = [street_id] if street_id is not None else []

    def take(sql, args):
        """Run one tier (``args`` include the scope's) and add its new ids, up to the limit."""
        need = limit - len(found)
        if need <= 0:
            return
        sql = (sql + " LIMIT ?").replace("?", db.param)
        for (rid,) in db.execute_sql(sql, args + [need + len(seen)]):
            if rid not in seen:
                seen.add(rid)
                found.append(rid)
                if len(found) >= limit:
                    return

    compact = re.sub(r"\s+", "", raw)
    code = compact.upper()
    if len(code) >= 2 and _CODE.match(code) and any(c.isdigit() for c in code):
        take(
            f"SELECT id FROM enterprise WHERE {engine(db).prefix_where('credit_code')}"
            f"{scope_sql} ORDER BY {engine(db).index_order('credit_code')}",
            [code, code + _HIGH] + scope_args,
        )
    take(f"SELECT id FROM enterprise WHERE name = ?{scope_sql}", [raw] + scope_args)
    take(_prefix_sql(db, "name", scope_sql), [raw, raw + _HIGH] + scope_args + [_PREFIX_WINDOW])
    latin = compact.lower()
    is_latin = bool(_LATIN.match(latin))
    if is_latin:
        for column in ("name_initials", "name_pinyin"):
            take(
                _prefix_sql(db, column, scope_sql),
                [latin, latin + _HIGH] + scope_args + [_PREFIX_WINDOW],
            )
    tokens = _WORD.findall(_plain(raw))
    if not tokens or len(found) >= limit:
        return found
    e_scope = scope_sql.replace("street_id", "e.street_id")
    for sql, args in engine(db).substring_tiers(raw, compact, is_latin, tokens):
        take(sql.replace("{scope}", e_scope), args + scope_args)
    return found


def _prefix_sql(db, column, scope_sql):
    """Rows whose ``column`` starts with the text, shortest first, ranked in a bounded window
        of the index (an ORDER BY over every match would sort the whole table for 大连…); equal
    keys in id order, so both engines rank alike."""
    eng = engine(db)
    return (
        f"SELECT id FROM (SELECT id, {column} AS k FROM enterprise"
        f" WHERE {eng.prefix_where(column)}{scope_sql} ORDER BY {eng.index_order(column)}, id"
        f" LIMIT ?) AS w ORDER BY length(k), {eng.index_order('k')}, id"
    )
