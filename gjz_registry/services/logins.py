"""Failed logins: a counter per typed user name, an increasing delay and a temporary lock.

The rule, in this one place (the command line and the client both log in through
``users.authenticate``, which calls the functions below):

- Failures are counted in the database (table ``login_failure``), so every process sees the
  same count, per *typed* name: a name no user has gets exactly the same answers, delays and
  lock as a real one, and no row in ``user`` is created for it.
- After :data:`FREE_FAILURES` failures in a row, each further attempt with that name waits
  :func:`delay_for` seconds (1, 2, 4, then 8) before anything is checked — a locked name too.
- The :data:`LOCK_AFTER`-th failure in a row locks the name for :data:`LOCK_MINUTES` minutes
  (to the next whole minute); while it is locked no password is checked and the message says
  until when.  A failure after the lock has run out locks it again at once.
- A successful login resets the count; so does an administrator's ``UserService.unlock``
  (``gjz user unlock NAME``, 系统 › 用户 › 解锁).
- Every failed attempt is audited (``login_failed``) and so is every lock (``lock``), in the
  same transaction as the count; the audit's user is the name typed.

:class:`Throttle` carries the clock and the sleep function, so tests need not wait.
"""

import dataclasses
import datetime
import socket
import time
from typing import Callable

from db.models import LoginFailure, now
from gjz_registry import validators as v
from gjz_registry.errors import AuthenticationError
from gjz_registry.services import audit
from gjz_registry.services.base import Actor

FREE_FAILURES = 3  # failures in a row answered at once
MAX_DELAY = 8  # seconds, the longest wait before an attempt
LOCK_AFTER = 10  # the failure in a row that locks the name
LOCK_MINUTES = 15
KEY_LENGTH = 100  # the longest name kept as a counter's key (user names have at most 50)

WRONG = "用户名或密码错误"
WRONG_COUNTED = (
    "用户名或密码错误（已连续失败 {failures} 次；连续失败 {limit} 次将锁定 {minutes} 分钟）"
)
LOCKED = "账户「{name}」因连续 {failures} 次登录失败已锁定至 {until}，请届时再试，或请管理员解锁"


@dataclasses.dataclass
class Throttle:
    """The clock (``clock() -> datetime``) and the wait (``sleep(seconds)``) logins use."""

    clock: Callable = now
    sleep: Callable = time.sleep


def delay_for(failures):
    """Seconds an attempt waits after ``failures`` failures in a row: 0 for the first
    :data:`FREE_FAILURES`, then 1, 2, 4 … up to :data:`MAX_DELAY`."""
    if failures < FREE_FAILURES:
        return 0
    return min(2 ** (failures - FREE_FAILURES), MAX_DELAY)


def lock_end(at):
    """When a lock set at ``at`` ends: :data:`LOCK_MINUTES` later, up to the whole minute."""
    end = at + datetime.timedelta(minutes=LOCK_MINUTES)
    if end.second or end.microsecond:
        end = end.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    return end


def key_of(username):
    """The counter's key for a typed name (stripped, as users are looked up)."""
    return (username or "").strip()[:KEY_LENGTH]


def state(name):
    """(failures in a row, locked until or None) of a counter key."""
    row = LoginFailure.get_or_none(LoginFailure.username == name)
    return (row.failures, row.locked_until) if row else (0, None)


def before_attempt(name, user, throttle):
    """Wait as long as the failures of ``name`` say; refuse (audited) while it is locked."""
    failures, _ = state(name)
    delay = delay_for(failures)
    if delay:
        throttle.sleep(delay)
    failures, locked_until = state(name)  # again: another process may have changed it
    at = throttle.clock()
    if locked_until is None or locked_until <= at:
        return
    with LoginFailure._meta.database.atomic():
        _audit(name, user, "login_failed", failures, locked_until)
    raise AuthenticationError(_locked_message(name, failures, locked_until, at))


def failed(name, user, throttle):
    """Count a failed attempt (locking the name at the limit), audit it, and raise the
    AuthenticationError the user sees."""
    at = throttle.clock()
    with LoginFailure._meta.database.atomic():
        row = LoginFailure.get_or_none(LoginFailure.username == name)
        failures = (row.failures if row else 0) + 1
        locked_until = lock_end(at) if failures >= LOCK_AFTER else None
        if row is None:
            LoginFailure.create(
                username=name, failures=1, last_failed_at=at, locked_until=locked_until
            )
        else:
            LoginFailure.update(
                failures=LoginFailure.failures + 1, last_failed_at=at, locked_until=locked_until
            ).where(LoginFailure.id == row.id).execute()
        _audit(name, user, "login_failed", failures)
        if locked_until is not None:
            _audit(name, user, "lock", failures, locked_until)
    if locked_until is not None:
        raise AuthenticationError(_locked_message(name, failures, locked_until, at))
    if failures >= FREE_FAILURES:
        raise AuthenticationError(
            WRONG_COUNTED.format(failures=failures, limit=LOCK_AFTER, minutes=LOCK_MINUTES)
        )
    raise AuthenticationError(WRONG)


def reset(name):
    """Forget the failures of ``name`` (a successful login); return the row's
    (failures, locked until), or None when there was none."""
    row = LoginFailure.get_or_none(LoginFailure.username == name)
    if row is None:
        return None
    LoginFailure.delete().where(LoginFailure.id == row.id).execute()
    return row.failures, row.locked_until


def locked_names(at=None):
    """{name: locked until} of the names locked at ``at`` (now)."""
    at = at or now()
    query = LoginFailure.select().where(LoginFailure.locked_until > at)
    return {row.username: row.locked_until for row in query}


def show_time(moment, at=None):
    """A lock's end as the messages show it: 「14:05」 today, 「2026-03-02 00:10」 otherwise."""
    at = at or now()
    if moment.date() == at.date():
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def _locked_message(name, failures, locked_until, at):
    return LOCKED.format(
        name=v.clean_text(name) or "", failures=failures, until=show_time(locked_until, at)
    )


def _audit(name, user, action, failures, locked_until=None):
    shown = v.clean_text(name) or ""
    after = {"username": shown, "failures": failures, "computer": _computer()}
    if locked_until is not None:
        after["locked_until"] = locked_until.strftime("%Y-%m-%d %H:%M")
    actor = Actor(label=shown[:80], role=None)
    # A login event, not a record write: its audit row only.
    audit.record(actor, action, "user", user.id if user else None, None, after)


def _computer():
    try:
        return socket.gethostname()
    except OSError:
        return ""
