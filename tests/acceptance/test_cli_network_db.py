"""A database on a Windows share is refused by the command line with one Chinese line (exit
code 2), before any file is created — here too, where the share path is only a name."""

import pytest

from tests.acceptance.test_cli import gjz

# A database file on a Windows share: SQLite only.
pytestmark = pytest.mark.sqlite_only


def test_share_path_is_refused(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # where the share path would land as a file name
    secret = tmp_path / "pw.txt"
    secret.write_text("admin-pass-1\n", encoding="utf-8")
    share = r"\\server\科技科\registry.db"
    result = gjz("--db", share, "init", "--password-file", secret)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and share in lines[0], lines
    assert "本机硬盘" in lines[0] and "PostgreSQL" in lines[0]
    assert list(work.iterdir()) == []
