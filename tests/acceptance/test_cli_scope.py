"""Roles and scope on the command line (issue 13): what a street clerk, a viewer and an
administrator may do with real processes, and what the refusals tell them."""

import openpyxl
import pytest

from gjz_registry import open_registry
from tests.acceptance.test_cli import dump, gjz, query
from tests.conftest import PASSWORD, enterprise_data, make_code
from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN, plain_rows
from tests.pgserver import ServerDb
from tests.reports.pdftools import pdftotext

SECRET = "南关岭保密科技有限公司"
OWN_CARRIER, OTHER_CARRIER, DISTRICT_CARRIER = (
    "大连湾甲孵化器",
    "南关岭乙孵化器",
    "甘井子区区级加速器",
)


@pytest.fixture
def db(tmp_path, db_target):
    """Users of every role (password PASSWORD in pw.txt), an enterprise of 南关岭街道 a
    大连湾街道 clerk must not learn about, a certificate, and carriers of both streets and of
    none; in a SQLite file or a PostgreSQL database."""
    path = db_target if not isinstance(db_target, str) else ServerDb(db_target, tmp_path)
    (tmp_path / "pw.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    reg = open_registry(path)
    setup = reg.as_local_admin("setup")
    setup.users.create("admin", PASSWORD, "admin")
    setup.users.create("dlw", PASSWORD, "street", street="大连湾街道")
    setup.users.create("ngl", PASSWORD, "street", street="南关岭街道")
    setup.users.create("look", PASSWORD, "viewer")
    own = setup.carriers.create({"name": OWN_CARRIER, "kind": "孵化器", "street": "大连湾街道"})
    setup.carriers.create({"name": OTHER_CARRIER, "kind": "孵化器", "street": "南关岭街道"})
    setup.carriers.create({"name": DISTRICT_CARRIER, "kind": "加速器"})
    secret = setup.enterprises.create(enterprise_data(7, name=SECRET, street="南关岭街道"))
    setup.annual.save(secret.id, 2024, {"revenue": 4321})
    resident = setup.enterprises.create(enterprise_data(1, founded_on="2024-01-01"))
    setup.incubation.admit(resident.id, own.id, "2024-06-01")
    serial = setup.certificates.issue("incubation", enterprise_id=resident.id).serial
    reg.close()
    return path, serial


def as_user(path, name, password_file=None):
    password_file = password_file or path.parent / "pw.txt"
    return ["--db", path, "--user", name, "--password-file", password_file]


def data(path):
    """Every table but the accounts (a login stamps the user's row)."""
    return {table: rows for table, rows in dump(path).items() if table != "user"}


def audit_rows(path, action):
    rows = query(path, 'SELECT "user", entity FROM audit_log WHERE action = ? ORDER BY id', action)
    return [tuple(row) for row in rows]


def test_an_out_of_scope_credit_code_is_refused_without_the_name(tmp_path, db):
    path, _ = db
    code = make_code(7)
    history = gjz(*as_user(path, "dlw"), "incubation", "history", code)
    assert history.returncode == 2 and "该信用代码已在其他街道登记" in history.stderr
    assert SECRET not in history.stderr and "4321" not in history.stderr
    rows = plain_rows(1)
    rows[1][COLUMN["统一社会信用代码"]] = code
    rows[1][COLUMN["所属街道"]] = None
    before = data(path)
    run = gjz(*as_user(path, "dlw"), "import", W.write_openpyxl(tmp_path / "r.xlsx", rows))
    assert run.returncode == 1 and "该信用代码已在其他街道登记" in run.stdout
    assert SECRET not in run.stdout + run.stderr
    assert data(path) == before


def test_demo_is_an_administrators_command_on_a_new_database(tmp_path):
    path = tmp_path / "new.db"
    (tmp_path / "pw.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    assert gjz("--db", path, "init", "--password-file", tmp_path / "pw.txt").returncode == 0
    added = gjz(
        "--db", path, "user", "add", "look", "--role", "viewer",
        "--new-password-file", tmp_path / "pw.txt",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    before = data(path)
    viewer = gjz(*as_user(path, "look"), "demo", "--enterprises", 5)
    assert viewer.returncode == 2 and "生成演示数据需要管理员权限" in viewer.stderr
    assert data(path) == before
    # the database has a real account besides the initial administrator: not without --force
    local = gjz("--db", path, "demo", "--enterprises", 5)
    assert local.returncode == 2 and "已有其他用户（look）" in local.stderr
    assert data(path) == before
    forced = gjz(*as_user(path, "admin"), "demo", "--enterprises", 5, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "dalianwan / street123" in forced.stdout and "admin / admin123" not in forced.stdout
    assert audit_rows(path, "demo") == [("admin", "database")]
    assert audit_rows(path, "create")[-2:] == [("admin", "user"), ("admin", "user")]


def test_a_viewers_reprint_is_audited(tmp_path, db):
    path, serial = db
    run = gjz(*as_user(path, "look"), "certificate", "reprint", serial, tmp_path / "again.pdf")
    assert run.returncode == 0, run.stderr
    assert audit_rows(path, "reprint") == [("look", "certificate")]


def test_a_street_user_changes_their_own_password_with_the_old_one(tmp_path, db):
    path, _ = db
    new, wrong = tmp_path / "new.txt", tmp_path / "wrong.txt"
    new.write_text("changed-pass-2\n", encoding="utf-8")
    wrong.write_text("not-my-password\n", encoding="utf-8")
    change = [*as_user(path, "dlw"), "user", "passwd", "dlw", "--new-password-file", new]
    no_old = gjz(*change, stdin="")
    assert no_old.returncode == 2 and "修改自己的密码需要原密码" in no_old.stderr
    bad_old = gjz(*change, "--old-password-file", wrong)
    assert bad_old.returncode == 2 and "原密码错误" in bad_old.stderr
    done = gjz(*change, "--old-password-file", path.parent / "pw.txt")
    assert done.returncode == 0 and "已修改用户「dlw」的密码" in done.stdout
    assert gjz(*as_user(path, "dlw", new), "search", "测试").returncode == 0
    assert audit_rows(path, "passwd") == [("dlw", "user")]


def test_a_login_without_a_password_source_says_so(db):
    path, _ = db
    run = gjz("--db", path, "--user", "dlw", "search", "测试", stdin="")
    assert run.returncode == 2
    assert "以用户「dlw」登录需要密码" in run.stderr and "管理员" not in run.stderr
    add = gjz("--db", path, "user", "add", "x1", "--role", "viewer", stdin="")
    assert add.returncode == 2 and "需要设置用户「x1」的新密码" in add.stderr


def test_a_clerk_drilling_into_another_street_is_refused_with_exit_2(db):
    path, _ = db
    for indicator in ("高新技术企业", "valid_high_tech"):
        run = gjz(*as_user(path, "dlw"), "targets", "drill", indicator, "--street", "南关岭街道")
        assert run.returncode == 2 and "只能查看大连湾街道" in run.stderr, indicator
        assert run.stdout == ""


def test_a_clerks_carrier_export_and_carrier_list_both_cover_their_street(tmp_path, db):
    """README 角色与权限: 导出 Excel、打印名单与报表 — 街道用户仅本街道; the carriers of a
    street user's outputs are those of the administrator's output of that street."""
    path, _ = db

    def exported(*user, street=()):
        out = tmp_path / "carriers.xlsx"
        out.unlink(missing_ok=True)
        run = gjz(*user, "export", "carriers", out, *street)
        assert run.returncode == 0, run.stderr
        rows = openpyxl.load_workbook(out)["载体信息"].iter_rows(min_row=2, values_only=True)
        return [row[1] for row in rows]

    clerk = exported(*as_user(path, "dlw"))
    assert clerk == [OWN_CARRIER]
    assert exported("--db", path, street=("--street", "大连湾街道")) == clerk
    pdf = tmp_path / "carriers.pdf"
    run = gjz(*as_user(path, "dlw"), "report", "carrier-list", pdf)
    assert run.returncode == 0, run.stderr
    text = pdftotext(pdf)
    assert OWN_CARRIER in text and OTHER_CARRIER not in text and DISTRICT_CARRIER not in text
