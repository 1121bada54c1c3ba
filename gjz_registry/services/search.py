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

On a database other than SQLite the substring tier falls back to LIKE.
"""

import re
import unicodedata

from db.database import is_sqlite
from gjz_registry.validators import name_form

_WORD = re.compile(r"\w", re.UNICODE)
_LATIN = re.compile(r"^[a-z]+$")
_LIKE_SPECIAL = re.compile(r"[%_]")
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


def _spaced(text):
    return " ".join(_WORD.findall(_plain(text)))


def index_rows(db, rows, new=False):
    """(Re)index enterprises: ``rows`` are (id, name, name_pinyin, name_initials); ``new``
    says none of them is indexed yet (records just inserted)."""
    if not is_sqlite(db):
        return
    rows = list(rows)
    if not rows:
        return
    cursor = db.cursor()
    if not new:
        cursor.executemany("DELETE FROM enterprise_search WHERE rowid = ?", [(r[0],) for r in rows])
    cursor.executemany(
        "INSERT INTO enterprise_search (rowid, chars, py, ini) VALUES (?, ?, ?, ?)",
        [(r[0], _spaced(r[1]), " ".join(r[2] or ""), " ".join(r[3] or "")) for r in rows],
    )


TRIGRAM_TRIGGER = "enterprise_trigram_ai"


def index_trigram(db, ids):
    """Add the enterprises whose id is in ``ids`` (a range) to the trigram index, in one
    statement — for bulk inserts made while :data:`TRIGRAM_TRIGGER` is suspended."""
    if is_sqlite(db) and len(ids):
        db.execute_sql(
            "INSERT INTO enterprise_trigram(rowid, name, name_pinyin, name_initials)"
            " SELECT id, name, name_pinyin, name_initials FROM enterprise"
            " WHERE id >= ? AND id < ?",
            (ids.start, ids.stop),
        )


def unindex(db, ids):
    if is_sqlite(db) and ids:
        db.cursor().executemany(
            "DELETE FROM enterprise_search WHERE rowid = ?", [(i,) for i in ids]
        )


def rebuild(db):
    """Rebuild the whole index from the enterprise table (after a restore or repair)."""
    if not is_sqlite(db):
        return 0
    db.execute_sql("DELETE FROM enterprise_search")
    rows = db.execute_sql("SELECT id, name, name_pinyin, name_initials FROM enterprise").fetchall()
    index_rows(db, rows)
    return len(rows)


def _fts_phrase(tokens):
    return '"' + " ".join(tokens) + '"'


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
            f"SELECT id FROM enterprise WHERE credit_code >= ? AND credit_code < ?{scope_sql}"
            " ORDER BY credit_code",
            [code, code + _HIGH] + scope_args,
        )
    take(f"SELECT id FROM enterprise WHERE name = ?{scope_sql}", [raw] + scope_args)
    take(_prefix_sql("name", scope_sql), [raw, raw + _HIGH] + scope_args + [_PREFIX_WINDOW])
    latin = compact.lower()
    is_latin = bool(_LATIN.match(latin))
    if is_latin:
        for column in ("name_initials", "name_pinyin"):
            take(
                _prefix_sql(column, scope_sql),
                [latin, latin + _HIGH] + scope_args + [_PREFIX_WINDOW],
            )
    tokens = _WORD.findall(_plain(raw))
    if not tokens or len(found) >= limit:
        return found
    e_scope = scope_sql.replace("street_id", "e.street_id")
    if is_sqlite(db) and len(compact) >= 3 and not _LIKE_SPECIAL.search(compact):
        # LIKE on a trigram table is answered from the index (an ESCAPE clause or an OR of
        # two columns is not, hence one tier per column and no wildcard characters)
        for column in ("name_initials", "name_pinyin") if is_latin else ("name",):
            take(
                "SELECT t.rowid FROM enterprise_trigram t JOIN enterprise e ON e.id = t.rowid"
                f" WHERE t.{column} LIKE ?{e_scope}",
                [f"%{latin if is_latin else compact}%"] + scope_args,
            )
    elif is_sqlite(db) and len(compact) < 3:
        columns = "{chars py ini}" if is_latin else "chars"
        take(
            "SELECT s.rowid FROM enterprise_search s JOIN enterprise e ON e.id = s.rowid"
            f" WHERE enterprise_search MATCH ?{e_scope}",
            [f"{columns} : {_fts_phrase(tokens)}"] + scope_args,
        )
    else:
        pattern = "%" + raw.replace("%", "").replace("_", "") + "%"
        take(
            "SELECT id FROM enterprise WHERE (name LIKE ? OR name_pinyin LIKE ?"
            f" OR name_initials LIKE ?){scope_sql}",
            [pattern, pattern.lower(), pattern.lower()] + scope_args,
        )
    return found


def _prefix_sql(column, scope_sql):
    """Rows whose ``column`` starts with the text, shortest first, ranked in a bounded window
    of the index (an ORDER BY over every match would sort the whole table for 大连…)."""
    return (
        f"SELECT id FROM (SELECT id, {column} AS k FROM enterprise"
        f" WHERE {column} >= ? AND {column} < ?{scope_sql} ORDER BY {column} LIMIT ?)"
        " ORDER BY length(k), k"
    )
