"""Failed logins: counted per typed name in the database, delayed, locked, audited, reset.

The clock and the wait are the registry's ``login_throttle``: a fake one here, so the delay
sequence is checked without sleeping."""

import datetime
import sqlite3

import pytest

from gjz_registry import open_registry
from gjz_registry.errors import AuthenticationError, NotFoundError, PermissionDeniedError
from gjz_registry.services import logins
from tests.conftest import PASSWORD
from tests.fake_throttle import START, FakeThrottle


@pytest.fixture
def throttle(registry):
    fake = FakeThrottle()
    registry.login_throttle = fake
    return fake


def fail(registry, name="dlw", password="wrong-pass"):
    with pytest.raises(AuthenticationError) as info:
        registry.login(name, password)
    return str(info.value)


def audit_rows(admin, action):
    return [e for e in admin.audit.list(action=action, limit=1000).items]


def test_delays_grow_after_the_third_failure_then_the_tenth_locks(registry, throttle, admin):
    messages = [fail(registry) for _ in range(10)]
    # no wait before the first three attempts (0-2 failures before them), then 1, 2, 4, 8 …
    assert throttle.waits == [1, 2, 4, 8, 8, 8, 8]
    assert messages[0] == messages[1] == "用户名或密码错误"
    assert "已连续失败 3 次" in messages[2] and "连续失败 10 次将锁定 15 分钟" in messages[2]
    # locked at 09:00:39 (the fake clock moved by the waits) for 15 minutes, to the minute
    assert messages[9] == (
        "账户「dlw」因连续 10 次登录失败已锁定至 09:16，请届时再试，或请管理员解锁"
    )
    # while locked even the right password is refused, after the longest wait
    assert "已锁定至 09:16" in fail(registry, password=PASSWORD)
    assert throttle.waits[-1] == 8
    failed = audit_rows(admin, "login_failed")
    assert len(failed) == 11 and {e.user for e in failed} == {"dlw"}
    assert failed[-1].after["failures"] == 1 and failed[0].after["locked_until"]
    locks = audit_rows(admin, "lock")
    assert len(locks) == 1
    assert locks[0].after["locked_until"] == f"{START:%Y-%m-%d} 09:16"
    assert locks[0].entity == "user" and locks[0].entity_id == admin.users._get("dlw").id


def test_lock_runs_out_and_a_later_failure_locks_again(registry, throttle):
    for _ in range(10):
        fail(registry)
    throttle.at = START.replace(minute=16)
    assert registry.login("dlw", PASSWORD).actor.label == "dlw"  # the lock has run out
    assert fail(registry) == "用户名或密码错误"  # and the success reset the count
    for _ in range(9):
        fail(registry)
    throttle.advance(minutes=20)
    again = fail(registry)  # 11th failure in a row after the lock ran out: locked again
    assert "连续 11 次" in again and "已锁定至" in again


def test_success_resets_the_count(registry, throttle):
    for _ in range(5):
        fail(registry)
    registry.login("dlw", PASSWORD)
    throttle.waits.clear()
    for _ in range(3):
        fail(registry)
    assert throttle.waits == []  # counted from zero again


def test_count_is_per_name(registry, throttle):
    for _ in range(10):
        fail(registry, "dlw")
    assert registry.login("ngl", PASSWORD).actor.label == "ngl"
    assert "用户名或密码错误" == fail(registry, "ngl")


def test_count_is_shared_between_processes(registry, throttle, db_path):
    for _ in range(4):
        fail(registry)
    # another program (a second client, the command line) opening the same file sees it
    other = sqlite3.connect(db_path)
    assert other.execute(
        "SELECT failures FROM login_failure WHERE username = 'dlw'"
    ).fetchall() == [(4,)]
    other.close()


def test_unknown_name_gets_the_same_answers_and_no_user(registry, throttle, admin):
    known = [fail(registry, "dlw") for _ in range(10)]
    known_waits, throttle.waits = throttle.waits, []
    throttle.at = START
    unknown = [fail(registry, "dlx") for _ in range(10)]
    assert throttle.waits == known_waits
    assert [m.replace("dlx", "dlw") for m in unknown] == known
    assert [u.username for u in admin.users.list()] == ["admin", "dlw", "ngl", "viewer"]
    rows = [e for e in audit_rows(admin, "login_failed") if e.user == "dlx"]
    assert len(rows) == 10 and {e.entity_id for e in rows} == {None}
    assert [e.after["username"] for e in audit_rows(admin, "lock")] == ["dlx", "dlw"]


def test_admin_unlocks(registry, throttle, admin, clerk):
    for _ in range(10):
        fail(registry)
    [locked] = [u for u in admin.users.list() if u.locked_until]
    assert locked.username == "dlw"
    with pytest.raises(PermissionDeniedError):
        clerk.users.unlock("dlw")
    assert admin.users.unlock("dlw") == 10
    assert registry.login("dlw", PASSWORD).actor.label == "dlw"
    assert admin.users.unlock("dlw") == 0  # nothing left to unlock, nothing audited
    [entry] = audit_rows(admin, "unlock")
    assert entry.user == "admin" and entry.before["failures"] == 10
    assert entry.after == {"failures": 0, "locked_until": None}
    with pytest.raises(NotFoundError):
        admin.users.unlock("nobody")


def test_lock_survives_reopening(db_path, registry, throttle):
    for _ in range(10):
        fail(registry)
    registry.close()
    again = open_registry(db_path)
    again.login_throttle = throttle
    try:
        with pytest.raises(AuthenticationError, match="已锁定至"):
            again.login("dlw", PASSWORD)
    finally:
        again.close()


def test_delay_rule_and_lock_end():
    assert [logins.delay_for(n) for n in range(12)] == [0, 0, 0, 1, 2, 4, 8, 8, 8, 8, 8, 8]
    at = datetime.datetime(2026, 3, 2, 23, 50, 1)
    assert logins.lock_end(at) == datetime.datetime(2026, 3, 3, 0, 6)
    assert logins.lock_end(at.replace(second=0)) == datetime.datetime(2026, 3, 3, 0, 5)
    assert logins.show_time(logins.lock_end(at), at) == "2026-03-03 00:06"
