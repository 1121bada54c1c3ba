"""Text files a user gives the command line, saved by Notepad on a Chinese Windows PC: UTF-8
with a BOM, 「Unicode」 (UTF-16 with a BOM, CRLF line ends) or 「ANSI」 (GBK).  Each works;
a file in no known encoding gets one Chinese line and exit code 2, never 「内部错误」."""

import codecs

import pytest

from tests.acceptance.test_cli import gjz

# Text files (password, template) a user gives the command line: SQLite only.
pytestmark = pytest.mark.sqlite_only

PASSWORD = "甘井子管理员2024"  # Chinese characters: GBK and UTF-8 bytes differ
TEMPLATE = "兹证明{holder_name}于{entered_on}入驻{carrier_name}，特此证明。"

NOTEPAD = {
    "gbk": lambda text: text.replace("\n", "\r\n").encode("gbk"),
    "utf-16": lambda text: codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le"),
    "utf-16-be": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-8": lambda text: text.encode("utf-8"),
}


def write(path, data):
    path.write_bytes(data)
    return path


@pytest.fixture
def database(tmp_path):
    """A database whose admin password has Chinese characters."""
    db = tmp_path / "t.db"
    secret = write(tmp_path / "utf8.txt", NOTEPAD["utf-8"](PASSWORD + "\n"))
    result = gjz("--db", db, "init", "--password-file", secret)
    assert result.returncode == 0, result.stderr
    return db


@pytest.mark.parametrize("encoding", sorted(NOTEPAD))
def test_password_file_in_every_notepad_encoding(tmp_path, database, encoding):
    secret = write(tmp_path / f"{encoding}.txt", NOTEPAD[encoding](PASSWORD + "\n"))
    result = gjz("--db", database, "--user", "admin", "--password-file", secret, "user", "list")
    assert result.returncode == 0, result.stderr
    assert "admin" in result.stdout


def test_init_with_a_gbk_password_file(tmp_path):
    """The password set from Notepad's 「ANSI」 file is the one typed, whatever file logs in."""
    db = tmp_path / "gbk.db"
    secret = write(tmp_path / "gbk.txt", NOTEPAD["gbk"](PASSWORD + "\n"))
    result = gjz("--db", db, "init", "--password-file", secret)
    assert result.returncode == 0, result.stderr
    same = write(tmp_path / "utf16.txt", NOTEPAD["utf-16"](PASSWORD))
    result = gjz("--db", db, "--user", "admin", "--password-file", same, "user", "list")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("encoding", ["gbk", "utf-16"])
def test_certificate_template_from_notepad(tmp_path, database, encoding):
    template = write(tmp_path / "模板.txt", NOTEPAD[encoding](TEMPLATE))
    result = gjz("--db", database, "certificate", "template", "incubation", "--set", template)
    assert result.returncode == 0, result.stderr
    assert TEMPLATE.replace("\n", "") in result.stdout


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"\xb8\xca\xbe\xae\x80\xd7\xd3", "编码无法识别"),  # GBK broken by a stray byte
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "不是文本文件"),  # a workbook, chosen by mistake
        (codecs.BOM_UTF16_LE + b"a\x00b", "编码无法识别"),  # UTF-16 cut off mid-character
    ],
)
def test_unknown_encoding_is_one_chinese_line(tmp_path, database, content, reason):
    bad = write(tmp_path / "坏文件.txt", content)
    for args in (
        ("--user", "admin", "--password-file", bad, "user", "list"),
        ("certificate", "template", "incubation", "--set", bad),
    ):
        result = gjz("--db", database, *args)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and reason in lines[0] and "坏文件.txt" in lines[0], lines
        assert "内部错误" not in result.stderr
