"""The chain commands of the CLI on a real database (incubation, expiring, overdue, stats), a
SQLite file or a PostgreSQL database."""

import datetime

import pytest

from gjz_registry import open_registry
from tests.acceptance.test_cli import gjz
from tests.conftest import enterprise_data, make_code

TODAY = datetime.date.today()


@pytest.fixture
def chain_db(db_target):
    path = db_target
    reg = open_registry(path)
    admin = reg.as_local_admin("test")
    admin.carriers.create({"name": "甘井子区测试孵化器", "kind": "孵化器", "street": "大连湾街道"})
    admin.carriers.create({"name": "大连测试加速器", "kind": "加速器", "street": "大连湾街道"})
    admin.carriers.create({"name": "大连测试产业化基地", "kind": "产业化基地"})
    young = admin.enterprises.create(enterprise_data(1, founded_on="2023-01-10"))
    # expiring: one certificate ending in 30 days, one in 120 days, one already expired
    for n, days in ((2, 30), (3, 120), (4, -5)):
        e = admin.enterprises.create(enterprise_data(n, founded_on="2010-01-01"))
        expiry = TODAY + datetime.timedelta(days=days)
        granted = expiry.replace(year=expiry.year - 3) + datetime.timedelta(days=1)
        admin.qualifications.add(
            e.id, "高新技术企业", f"GR{granted.year}21{n:06d}", granted_on=granted
        )
    old = admin.enterprises.create(enterprise_data(5, founded_on="2015-01-01"))
    admin.incubation.admit(old.id, 1, TODAY.replace(year=TODAY.year - 5), override_reason="测试")
    reg.close()
    return path, young


def test_admit_move_history(chain_db):
    path, young = chain_db
    code = young.credit_code
    assert (
        gjz(
            "--db", path, "incubation", "admit", code, "甘井子区测试孵化器", "--date", "2024-01-05"
        ).returncode
        == 0
    )
    again = gjz("--db", path, "incubation", "admit", code, "大连测试加速器", "--date", "2024-02-01")
    assert again.returncode == 2 and "只能在一个载体" in again.stderr
    assert (
        gjz(
            "--db", path, "incubation", "move", code, "大连测试加速器", "--date", "2025-01-05"
        ).returncode
        == 0
    )
    assert (
        gjz(
            "--db", path, "incubation", "move", code, "大连测试产业化基地", "--date", "2026-01-05"
        ).returncode
        == 0
    )
    history = gjz("--db", path, "incubation", "history", code)
    assert history.returncode == 0
    lines = history.stdout.strip().splitlines()[2:]
    assert len(lines) == 3 and sum("晋级" in line for line in lines) == 2
    refused = gjz("--db", path, "incubation", "graduate", code)
    assert refused.returncode == 2 and "不满足毕业条件" in refused.stderr


def test_expiring_lists_exactly_the_window(chain_db):
    path, _ = chain_db
    result = gjz("--db", path, "expiring", "--days", "90")
    assert result.returncode == 0
    assert make_code(2) in result.stdout
    assert make_code(3) not in result.stdout and make_code(4) not in result.stdout


def test_overdue_and_stats(chain_db):
    path, _ = chain_db
    overdue = gjz("--db", path, "overdue")
    assert overdue.returncode == 0 and "测试5号" in overdue.stdout
    assert "孵化期限：苗圃 48 个月（长周期领域 60 个月）；孵化器 48 个月" in overdue.stdout
    stats = gjz("--db", path, "stats", "street-stage")
    assert stats.returncode == 0 and "大连湾街道" in stats.stdout and "合计" in stats.stdout
    for table in ("street-field", "funnel", "carriers", "qualifications", "output"):
        assert gjz("--db", path, "stats", table).returncode == 0, table


def test_unknown_carrier_is_one_line(chain_db):
    path, young = chain_db
    result = gjz("--db", path, "incubation", "admit", young.credit_code, "不存在的载体")
    assert result.returncode == 2 and "载体「不存在的载体」不存在" in result.stderr


def test_move_back_needs_reason_then_correct_and_withdraw(chain_db):
    """Issue 16, points 6 and 7 on the command line: 退回 with --reason, correct, withdraw."""
    path, young = chain_db
    code = young.credit_code
    run = lambda *args: gjz("--db", path, "incubation", *args)  # noqa: E731
    assert run("admit", code, "甘井子区测试孵化器", "--date", "2024-01-05").returncode == 0
    assert run("move", code, "大连测试加速器", "--date", "2024-06-01").returncode == 0
    back = run("move", code, "甘井子区测试孵化器", "--date", "2024-09-01")
    assert back.returncode == 2 and "须填写退回原因" in back.stderr and "--reason" in back.stderr
    back = run(
        "move", code, "甘井子区测试孵化器", "--date", "2024-09-01", "--reason", "未达加速条件"
    )
    assert back.returncode == 0, back.stderr
    history = run("history", code).stdout
    assert "退回" in history and "未达加速条件" in history
    nothing = run("correct", code)
    assert nothing.returncode == 2 and "至少一项" in nothing.stderr
    fixed = run("correct", code, "--date", "2024-10-01")
    assert fixed.returncode == 0, fixed.stderr
    assert "2024-10-01 从「大连测试加速器」（加速器）退回到「甘井子区测试孵化器」" in fixed.stdout
    undone = run("withdraw", code)
    assert undone.returncode == 0, undone.stderr
    assert "恢复在「大连测试加速器」（加速器）在孵" in undone.stdout
    history = run("history", code).stdout
    assert "退回" not in history and "在孵" in history
