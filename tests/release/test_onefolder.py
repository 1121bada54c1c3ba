"""The one-folder app (PyInstaller, ``build_release.py --onefolder``) copied into a fresh
folder and run with no network and no Python of its own: the version, the migrations (a new
database and an older one upgraded), an import, a PDF report through the CFF → TrueType font
conversion (fontTools), and the client's login window (Tcl/Tk)."""

import shutil
import subprocess

import pytest

import gjz_registry
from db import migrations
from tests.exchange import workbooks as W
from tests.exchange.importing import enterprise_rows
from tests.old_database import database_at_version
from tests.release.conftest import assert_login_window, offline, offline_env
from tests.reports.test_fonts import make_cff_font

PASSWORD = "admin-pass-1"


@pytest.fixture(scope="module")
def app(onefolder, tmp_path_factory):
    base = tmp_path_factory.mktemp("onefolder")
    folder = base / "离线 程序" / onefolder.name
    shutil.copytree(onefolder, folder, symlinks=True)
    return folder


def test_the_onefolder_app_works_offline(app, tmp_path, _data_dir):
    env = offline_env(tmp_path, _data_dir)
    gjz = app / "gjz"

    def run(*args, **extra):
        return offline(gjz, *args, env=dict(env, **extra), cwd=tmp_path)

    version = run("--version")
    assert (version.returncode, version.stdout) == (0, f"gjz-registry {gjz_registry.__version__}\n")
    secret = tmp_path / "pw.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    init = run("init", "--password-file", secret)
    assert init.returncode == 0, init.stderr
    assert f"结构版本 {migrations.latest_version()}" in init.stdout  # every migration ran
    book = W.write_openpyxl(
        tmp_path / "企业.xlsx", enterprise_rows(3, 孵化阶段=None, 入驻载体=None, 入驻日期=None)
    )
    imported = run("import", book)
    assert imported.returncode == 0 and "新增 3" in imported.stdout, imported.stderr
    # an OpenType/CFF font is converted to TrueType with fontTools, then embedded
    covered = "".join(dict.fromkeys("大连测试科技有限公司123甘井子区高新技术企业名单"))
    otf = make_cff_font(tmp_path / "cff.otf", text=covered)
    pdf = tmp_path / "名单.pdf"
    report = run("report", "high-tech-list", pdf, "--year", "2025", GJZ_FONT=str(otf))
    assert report.returncode == 0, report.stderr
    assert "转换为 TrueType" in report.stderr
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    assert "TrueType" in fonts and " yes yes " in fonts, fonts
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert all(f"大连测试科技有限公司{n}" in text for n in range(1, 4))
    # an older database is backed up and upgraded by the frozen migrations
    old = database_at_version(tmp_path / "old.db", 4)
    upgraded = run("--db", old, "search", "大连")
    assert upgraded.returncode == 0, upgraded.stderr
    assert upgraded.stderr.startswith(
        f"数据库已从结构版本 4 升级到 {migrations.latest_version()}，升级前的备份："
    )


def test_the_onefolder_client_shows_the_login_window(app, tmp_path, _data_dir):
    env = offline_env(tmp_path, _data_dir)
    secret = tmp_path / "pw.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    assert offline(app / "gjz", "init", "--password-file", secret, env=env).returncode == 0
    assert_login_window(app / "gjz-client", env)
