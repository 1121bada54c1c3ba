"""The one rule for «a qualification of kind K is valid on day D» (资质在某日是否有效).

Every count, list, filter, export, certificate check and graduation check asks this module;
nothing else writes the rule.  In words:

A qualification is **valid on day D** when all four hold:

1. **It has begun**: D is on or after its start — its 发证日期 (``granted_on``), or, for a
   record without one, 1 January of its 认定/入库年度 (``year``).  A record with neither date
   never begins.
2. **It has not expired**: D is on or before its 有效期至 (``expires_on``; the last valid day
   counts).  A record without an expiry date is never valid.
3. **It is not revoked**: it has no 撤销日期, or D is before it — from the revocation day on
   it is not valid.
4. **It is not replaced**: it has no successor (``superseded_by``), or D is before the
   successor's start (as in 1) — from the day the newer certificate begins, the older one no
   longer counts, even if its own three years are not over.

An enterprise holds K on D when at least one of its qualifications of kind K is valid on D;
counts count such enterprises once.  A list «of year Y» (``--year Y``) holds the enterprises
valid at the end of Y: on 31 December Y, or today for the current year (:func:`year_end`).
The year's **newly recognised** enterprises (``--granted-in Y``, 新认定/新入库) are another
list: those whose qualification begins in Y (:func:`recognised_in`), not revoked by the list's
date.

:func:`valid_on` builds the condition for any peewee query over ``Qualification`` (so counts
and lists stay in SQL); :func:`is_valid` answers for one record already in hand.  Both use
plain comparisons (no SQL date functions), so they run on SQLite and PostgreSQL alike.
"""

import datetime

from peewee import fn

from db.models import Qualification


def start_of(granted_on, year):
    """The first valid day: the grant date, else 1 January of ``year`` (None without both)."""
    if granted_on is not None:
        return granted_on
    if year:
        return datetime.date(int(year), 1, 1)
    return None


def year_end(year, today=None):
    """The day a list «of ``year``» is taken on: 31 December, or today for this year."""
    today = today or datetime.date.today()
    return min(datetime.date(int(year), 12, 31), today)


def is_valid(granted_on, year, expires_on, revoked_on, day, successor_start=None):
    """Whether one qualification is valid on ``day`` (see the module docstring).

    ``successor_start`` is the start of the certificate that superseded it (None if none).
    """
    start = start_of(granted_on, year)
    return (
        start is not None
        and start <= day
        and expires_on is not None
        and day <= expires_on
        and (revoked_on is None or day < revoked_on)
        and (successor_start is None or day < successor_start)
    )


def _begun(model, day):
    """SQL: ``model``'s qualification has begun by ``day`` (rule 1)."""
    return (model.granted_on <= day) | (model.granted_on.is_null() & (model.year <= day.year))


def valid_on(kind, day, model=Qualification):
    """The condition «this qualification (of ``kind``; any kind for None) is valid on ``day``»
    for any query over ``model`` (Qualification or an alias of it)."""
    successor = Qualification.alias("successor")
    replaced = successor.select(successor.id).where(
        (successor.id == model.superseded_by) & _begun(successor, day)
    )
    condition = (
        _begun(model, day)
        & (model.expires_on >= day)
        & (model.revoked_on.is_null() | (model.revoked_on > day))
        & (model.superseded_by.is_null() | ~fn.EXISTS(replaced))
    )
    if kind is not None:
        condition = (model.kind == kind) & condition
    return condition


def recognised_in(kind, year, model=Qualification):
    """The condition «this qualification of ``kind`` begins in ``year``» (新认定/新入库) and
    is not revoked by the list's date (:func:`year_end`)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    begins = (model.granted_on >= first) & (model.granted_on <= last)
    begins |= model.granted_on.is_null() & (model.year == year)
    day = year_end(year)
    not_revoked = model.revoked_on.is_null() | (model.revoked_on > day)
    return (model.kind == kind) & begins & not_revoked
