"""Failed logins at the command line: the count is the database's (shared with the client),
a locked name is refused with until when, ``user list`` shows the lock and ``user unlock``
lifts it; every failure is in the audit log."""

import datetime

from gjz_registry import open_registry
from tests.acceptance.test_cli import execute, gjz, query
from tests.conftest import PASSWORD


def test_lock_refusal_list_and_unlock(tmp_path, db_target):
    db = db_target
    registry = open_registry(db)
    registry.as_local_admin("setup").users.create("dlw", PASSWORD, "street", street="大连湾街道")
    registry.close()
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(PASSWORD + "\n", encoding="utf-8")
    bad.write_text("wrong-pass\n", encoding="utf-8")
    as_dlw = ("--db", db, "--user", "dlw", "--password-file")

    first = gjz(*as_dlw, bad, "search", "大连")
    assert (first.returncode, first.stderr) == (2, "用户名或密码错误\n")
    # the client (or another command) failed too and the name is locked: no wait at two
    # failures, so the refusal comes at once
    until = (datetime.datetime.now() + datetime.timedelta(minutes=15)).replace(second=0)
    execute(
        db,
        "UPDATE login_failure SET failures = 2, locked_until = ? WHERE username = 'dlw'",
        until.isoformat(sep=" "),
    )
    refused = gjz(*as_dlw, good, "search", "大连")
    assert refused.returncode == 2
    assert "账户「dlw」因连续 2 次登录失败已锁定至 " in refused.stderr
    assert f"{until:%H:%M}，请届时再试，或请管理员解锁" in refused.stderr

    listed = gjz("--db", db, "user", "list")
    assert "锁定至" in [line for line in listed.stdout.splitlines() if "dlw" in line][0]
    unlocked = gjz("--db", db, "user", "unlock", "dlw")
    assert unlocked.stdout == "已解除用户「dlw」的登录锁定（清除连续失败 2 次）\n"
    assert gjz(*as_dlw, good, "search", "大连").returncode == 0
    again = gjz("--db", db, "user", "unlock", "dlw")
    assert again.stdout == "用户「dlw」没有登录失败记录，无需解锁\n"

    actions = [r[0] for r in query(db, "SELECT action FROM audit_log ORDER BY id")]
    assert actions.count("login_failed") == 2 and actions.count("unlock") == 1
