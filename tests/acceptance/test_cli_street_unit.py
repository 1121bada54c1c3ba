"""A street clerk prints a list on the command line: the PDF names their street office as
制表单位 (not the district's 科学技术局), read back with pdftotext."""

import datetime

from gjz_registry import open_registry
from tests.acceptance.test_cli import gjz
from tests.conftest import PASSWORD, enterprise_data
from tests.reports.pdftools import pdftotext, squeeze


def test_a_clerks_printed_list_names_the_street_office(tmp_path, db_target):
    db = db_target
    (tmp_path / "pw.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    reg = open_registry(db)
    admin = reg.as_local_admin("setup")
    admin.users.create("dlw", PASSWORD, "street", street="大连湾街道")
    e = admin.enterprises.create(enterprise_data(1, name="大连湾高企科技有限公司"))
    granted = datetime.date.today() - datetime.timedelta(days=30)
    admin.qualifications.add(e.id, "高新技术企业", f"GR{granted.year}21000001", granted_on=granted)
    reg.close()
    env = {"GJZ_DATA_DIR": str(tmp_path / "data")}
    login = ("--db", db, "--user", "dlw", "--password-file", tmp_path / "pw.txt")
    out = tmp_path / "名单.pdf"
    result = gjz(*login, "report", "high-tech-list", out, env=env)
    assert result.returncode == 0, result.stderr
    text = squeeze(pdftotext(out))
    assert "制表单位：甘井子区大连湾街道办事处" in text and "大连湾高企科技有限公司" in text
    assert "科学技术局" not in text
    # the district's own list still names the district office
    district = tmp_path / "全区.pdf"
    result = gjz("--db", db, "report", "high-tech-list", district, env=env)
    assert result.returncode == 0, result.stderr
    assert "制表单位：甘井子区科学技术局" in squeeze(pdftotext(district))
