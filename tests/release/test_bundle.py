"""The offline release bundle (issue 17): built from PyPI by scripts/build_release.py, then
installed into a fresh folder and run with no network at all (``unshare -n``) — the version,
an import, a PDF report, the client's login window, reinstalling over the data, upgrading an
older database — with this machine's Python and with Python 3.10, the oldest supported."""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import gjz_registry
from db import migrations
from tests.exchange import workbooks as W
from tests.exchange.importing import enterprise_rows
from tests.old_database import database_at_version, make_newer
from tests.release.conftest import (
    ROOT,
    assert_login_window,
    offline,
    offline_env,
    python310,
    require,
)

VERSION = gjz_registry.__version__
PASSWORD = "admin-pass-1"


def pinned_names(platform=None, python=None):
    """The pinned distributions' names; given a target (a TARGETS key and "3.x"), only those
    whose marker holds there (tzdata is Windows's, typing-extensions older Pythons'); with
    ``platform="host"``, those whose marker holds here (pip download evaluates the markers
    on the machine it runs on, whatever --platform and --python-version say)."""
    lines = (ROOT / "release" / "constraints.txt").read_text(encoding="utf-8").splitlines()
    names = set()
    for line in lines:
        if not line or line[0] == "#":
            continue
        requirement = Requirement(line)
        if platform == "host" and requirement.marker is not None:
            if not requirement.marker.evaluate():
                continue
        elif platform and requirement.marker is not None:
            system = "win32" if platform.startswith("win") else "linux"
            target = {"sys_platform": system, "python_version": python}
            if not requirement.marker.evaluate(target):
                continue
        names.add(canonical(requirement.name))
    return names | {"gjz-registry"}


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


# --- the wheelhouse ---------------------------------------------------------------------
TARGETS = {
    "win_amd64": ["win_amd64"],
    "linux_x86_64": ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"],
}


@pytest.mark.parametrize("python", ["3.10", "3.13"])
@pytest.mark.parametrize("platform", sorted(TARGETS))
def test_the_wheelhouse_resolves_every_dependency_offline(bundle, tmp_path, platform, python):
    command = [sys.executable, "-m", "pip", "download", "--isolated", "--no-index"]
    command += ["--find-links", str(bundle / "wheels"), "--dest", str(tmp_path / "got")]
    command += ["--only-binary=:all:", "--implementation", "cp", "--python-version", python]
    for tag in TARGETS[platform]:
        command += ["--platform", tag]
    result = subprocess.run(
        [*command, f"gjz-registry[postgresql]=={VERSION}"],  # the bundle ships the driver
        env={**os.environ, "PIP_CONFIG_FILE": os.devnull},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    got = {canonical(path.name.split("-")[0]) for path in (tmp_path / "got").iterdir()}
    assert got == pinned_names("host")  # pip resolves the markers on this machine
    # and what the target itself needs (tzdata on Windows) is in the wheelhouse for it
    names = {
        canonical(path.name.split("-")[0]): path.name for path in (bundle / "wheels").iterdir()
    }
    assert pinned_names(platform, python) <= set(names)


def test_a_missing_wheel_stops_the_build_and_leaves_no_bundle(bundle, tmp_path):
    source = tmp_path / "wheels"
    shutil.copytree(bundle / "wheels", source)
    (gone,) = source.glob("pillow-*-cp310-cp310-win_amd64.whl")
    pillow = gone.name.split("-")[1]
    gone.unlink()
    dist = tmp_path / "dist"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_release.py")]
        + ["--find-links", str(source), "--dist", str(dist)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    named = [line for line in result.stderr.splitlines() if "pillow" in line]
    assert named == [
        f"缺少 wheel：pillow=={pillow} 没有适用于 Windows x64 / Python 3.10 的 wheel",
        f"Missing wheel: no wheel of pillow=={pillow} for Windows x64 / Python 3.10",
    ]
    assert not dist.exists() or not any(dist.iterdir())


def test_the_bundle_holds_the_installers_and_says_where_the_data_lives(bundle):
    names = {path.name for path in bundle.iterdir()}
    assert {"install.bat", "shortcut.ps1", "install.sh", "requirements.txt", "README.txt"} <= names
    batch = (bundle / "install.bat").read_bytes()
    assert b"\r\n" in batch and b"\n" not in batch.replace(b"\r\n", b"")
    batch = batch.decode("gbk")  # the console code page of Chinese Windows
    assert "py -%PYVER% -m venv venv" in batch
    assert "--no-index --find-links wheels -r requirements.txt" in batch
    assert "gjz-client.exe" in batch and "shortcut.ps1" in batch
    assert (bundle / "shortcut.ps1").read_bytes().startswith(b"\xef\xbb\xbf")  # PowerShell 5
    readme = (bundle / "README.txt").read_text(encoding="utf-8-sig")
    assert "%LOCALAPPDATA%\\gjz-registry" in readme and "不带字体文件" in readme
    requirements = (bundle / "requirements.txt").read_text(encoding="utf-8")
    assert f"gjz-registry=={VERSION}" in requirements.splitlines()


# --- installed with no network ----------------------------------------------------------
class Installed:
    def __init__(self, folder, env, base):
        self.folder = folder
        self.env = env
        self.base = base
        self.bin = folder / "venv" / "bin"

    def gjz(self, *args, data=None):
        env = dict(self.env, GJZ_DATA_DIR=str(data)) if data else self.env
        return offline(self.bin / "gjz", *args, env=env, cwd=self.base)


@pytest.fixture(scope="module", params=["this-python", "python3.10"])
def installed(request, bundle, tmp_path_factory):
    """The bundle copied into a fresh folder (a space and Chinese in its path) and installed
    there with install.sh, offline."""
    python = sys.executable if request.param == "this-python" else python310()
    if python is None:
        require("no Python 3.10 with tkinter and venv here (e.g. pyenv install 3.10)")
    base = tmp_path_factory.mktemp("install")
    folder = base / "离线 安装" / bundle.name
    shutil.copytree(bundle, folder)
    (base / "home").mkdir()
    (base / "data").mkdir()
    env = offline_env(base / "home", base / "data")
    result = offline("sh", folder / "install.sh", env=dict(env, PYTHON=python))
    assert result.returncode == 0, result.stdout + result.stderr
    return Installed(folder, env, base)


def test_the_installed_copy_works_offline(installed, tmp_path):
    # no network in there at all
    probe = offline(
        sys.executable,
        "-c",
        "import socket; socket.create_connection(('1.1.1.1', 443), 5)",
        env=installed.env,
    )
    assert probe.returncode != 0 and "unreachable" in probe.stderr
    version = installed.gjz("--version")
    assert (version.returncode, version.stdout) == (0, f"gjz-registry {VERSION}\n")
    where = offline(
        installed.bin / "python",
        "-c",
        "import main, gjz_registry, reports.cff2ttf;" " print(gjz_registry.__file__)",
        env=installed.env,
        cwd=installed.base,
    )
    assert Path(where.stdout.strip()).is_relative_to(installed.folder / "venv"), where.stderr
    secret = tmp_path / "pw.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    init = installed.gjz("init", "--password-file", secret)
    assert init.returncode == 0, init.stderr
    book = W.write_openpyxl(
        tmp_path / "企业.xlsx", enterprise_rows(5, 孵化阶段=None, 入驻载体=None, 入驻日期=None)
    )
    imported = installed.gjz("import", book)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "新增 5" in imported.stdout
    pdf = tmp_path / "高企名单.pdf"
    report = installed.gjz("report", "high-tech-list", pdf, "--year", "2025")
    assert report.returncode == 0, report.stderr
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert all(f"大连测试科技有限公司{n}" in text for n in range(1, 6))
    # installing again over it keeps the data
    again = offline("sh", installed.folder / "install.sh", env=installed.env)
    assert again.returncode == 0, again.stdout + again.stderr
    found = installed.gjz("search", "大连测试")
    assert found.returncode == 0 and found.stdout.count("大连测试科技有限公司") == 5


def test_the_installed_client_shows_the_login_window(installed, tmp_path):
    desktop = (installed.folder / "gjz-registry.desktop").read_text(encoding="utf-8")
    assert desktop == (
        installed.base / "home/.local/share/applications/gjz-registry.desktop"
    ).read_text(encoding="utf-8")
    (exec_line,) = [line for line in desktop.splitlines() if line.startswith("Exec=")]
    client = exec_line.removeprefix("Exec=").strip('"')
    assert client == str(installed.bin / "gjz-client")
    data = tmp_path / "data"  # made by tests/conftest.py
    secret = tmp_path / "pw.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    assert installed.gjz("init", "--password-file", secret, data=data).returncode == 0
    assert_login_window(client, dict(installed.env, GJZ_DATA_DIR=str(data)))


def test_the_installed_copy_upgrades_an_older_database_and_refuses_a_newer_one(installed, tmp_path):
    data = tmp_path / "data"  # made by tests/conftest.py
    old = database_at_version(tmp_path / "old.db", 4)
    first = installed.gjz("--db", old, "search", "大连", data=data)
    assert first.returncode == 0, first.stderr
    (backup,) = (data / "backups").glob("*-before-upgrade-v4-*.db")
    assert first.stderr.splitlines() == [
        f"数据库已从结构版本 4 升级到 {migrations.latest_version()}，升级前的备份：{backup}"
    ]
    con = sqlite3.connect(old)
    assert con.execute("SELECT MAX(version) FROM schema_migration").fetchone() == (
        migrations.latest_version(),
    )
    con.close()
    newer = make_newer(old)
    refused = installed.gjz("--db", newer, "search", "大连", data=data)
    assert refused.returncode == 2
    assert "由更新版本的程序创建（结构版本 999" in refused.stderr
