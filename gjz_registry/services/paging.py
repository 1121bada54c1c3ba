"""Keyset (seek) paging of a sorted list, and OFFSET that stays cheap for a jump.

A list sorted by a column is ordered by (column, id) — the id breaks ties, in the same
direction — so every row has a unique *key* (value, id) and the page after a row is «the
first ``limit`` rows whose key comes after it»: the database seeks its (column, id) index to
the key instead of reading and dropping every row before it, so the next page of page 5 000
costs what the first page costs.  :class:`Page` carries the keys of its first and last row
(``first_key``, ``last_key``) for the caller to ask for the page after or before.

NULL values sort first in ascending order on SQLite and last on PostgreSQL (each engine's
``nulls_first``); :func:`after` keeps the engine's own order, so a keyset page is always the
page OFFSET would give on that engine.

A jump to any page (page N without a neighbour's key) uses OFFSET over a query that selects
only ids from the enterprise table and its indexes (no joins), from whichever end of the list
is nearer (:func:`window`).
"""

from peewee import Tuple


def after(column, id_column, key, desc, nulls_first):
    """The condition «the row comes after ``key`` (value, id)» in the order (column, id),
    descending when ``desc``; ``nulls_first``: the engine puts NULL first in ascending order."""
    value, rid = key
    if not getattr(column, "null", True):  # a NOT NULL column: no NULL rows to place
        return later_key(column, id_column, key, desc)
    nulls_before = nulls_first != desc  # in this direction, NULL rows come before the others
    later = (lambda a, b: a < b) if desc else (lambda a, b: a > b)
    if value is None:
        among_nulls = column.is_null() & later(id_column, rid)
        return (among_nulls | column.is_null(False)) if nulls_before else among_nulls
    among_values = later_key(column, id_column, key, desc)
    return among_values if nulls_before else (among_values | column.is_null())


def later_key(column, id_column, key, desc):
    """(column, id) after ``key`` among non-NULL values: one row-value comparison, which both
    engines answer by seeking the (column, id) index."""
    value, rid = key
    pair, bound = Tuple(column, id_column), Tuple(column.to_value(value), rid)
    return pair < bound if desc else pair > bound


def ordering(column, id_column, desc):
    """ORDER BY terms of the list's order: (column, id), both in the same direction."""
    if desc:
        return [column.desc(), id_column.desc()]
    return [column.asc(), id_column.asc()]


def window(offset, limit, total):
    """(reverse, offset, limit) reaching rows ``offset`` … ``offset + limit`` of ``total``:
    from the end (in the reversed order, then turned back) when the end is nearer."""
    limit = max(0, min(limit, total - offset))
    from_end = total - offset - limit
    if limit and from_end < offset:
        return True, from_end, limit
    return False, offset, limit
