"""The workbooks the program writes are plain zips that strict readers accept (xlsx_writer.py).

Excel is stricter about Zip64 than LibreOffice: a workbook whose parts carry Zip64 extra fields
without needing them may be called damaged.  The export, the blank template and the error
workbook are checked byte by byte — no Zip64 extra field (header id 0x0001) in any local header
or central directory entry, no Zip64 end record, every size below 4 GiB, ``testzip()`` clean —
and read with openpyxl, python-calamine and LibreOffice (``soffice --headless --convert-to
csv``; scripts/test.sh installs libreoffice-calc-nogui).
"""

import csv
import os
import shutil
import struct
import subprocess
import zipfile

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from gjz_registry.exchange import xlsx_writer as xw
from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN, add_carrier, enterprise_rows

ZIP64_EXTRA = 0x0001
LOCAL, CENTRAL, END, END64, LOCATOR64 = 0x04034B50, 0x02014B50, 0x06054B50, 0x06064B50, 0x07064B50


def extra_ids(extra):
    """The header ids of the extra fields in ``extra`` (raw bytes)."""
    ids, at = [], 0
    while at + 4 <= len(extra):
        header, size = struct.unpack_from("<HH", extra, at)
        ids.append(header)
        at += 4 + size
    return ids


def assert_strict_zip(path):
    """No Zip64 anywhere in ``path``, every size below 4 GiB, every member's CRC right."""
    data = path.read_bytes()
    end = data.rfind(struct.pack("<I", END))
    assert end >= 0, f"{path.name}: no end of central directory"
    assert struct.pack("<I", END64) not in data[max(0, end - 76) : end], f"{path.name}: Zip64 end"
    assert struct.pack("<I", LOCATOR64) not in data[max(0, end - 20) : end], path.name
    count, size, offset = struct.unpack_from("<HII", data, end + 10)
    assert 0xFFFF not in (count,) and 0xFFFFFFFF not in (size, offset), path.name
    at = offset
    for _ in range(count):
        fields = struct.unpack_from("<IHHHHHHIIIHHHHHII", data, at)
        signature, compressed, file_size = fields[0], fields[8], fields[9]
        name_length, extra_length, comment_length, local_at = (
            fields[10],
            fields[11],
            fields[12],
            fields[16],
        )
        name = data[at + 46 : at + 46 + name_length].decode()
        assert signature == CENTRAL, f"{path.name}: central entry {name}"
        extra = data[at + 46 + name_length : at + 46 + name_length + extra_length]
        assert ZIP64_EXTRA not in extra_ids(extra), f"{path.name}: Zip64 in the directory of {name}"
        assert max(compressed, file_size, local_at) < 0xFFFFFFFF, f"{path.name}: {name}"
        local = struct.unpack_from("<IHHHHHIIIHH", data, local_at)
        assert local[0] == LOCAL, f"{path.name}: local header of {name}"
        local_extra_at = local_at + 30 + local[9]
        local_extra = data[local_extra_at : local_extra_at + local[10]]
        assert ZIP64_EXTRA not in extra_ids(local_extra), f"{path.name}: Zip64 in {name}'s header"
        assert 0xFFFFFFFF not in local[7:9], f"{path.name}: {name}'s header defers to Zip64"
        at += 46 + name_length + extra_length + comment_length
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None, path.name
        assert all(info.file_size < 2**32 for info in archive.infolist()), path.name


@pytest.fixture
def written(tmp_path, admin):
    """{name: path} of an export, the blank template and an error workbook."""
    add_carrier(admin)
    rows = enterprise_rows(3)
    rows[3][COLUMN["所属街道"]] = "火星街道"  # rejected: goes to the error workbook
    source = W.write_openpyxl(tmp_path / "名单.xlsx", rows)
    result = admin.exchange.import_file(source, errors_path=tmp_path / "错误清单.xlsx")
    assert (result.created, result.rejected) == (2, 1), result.rejections
    admin.exchange.export("enterprises", tmp_path / "企业.xlsx")
    admin.exchange.template(tmp_path / "模板.xlsx")
    return {p.stem: p for p in (tmp_path / n for n in ("企业.xlsx", "模板.xlsx", "错误清单.xlsx"))}


def test_no_workbook_carries_zip64(written):
    for path in written.values():
        assert_strict_zip(path)


def test_openpyxl_and_calamine_read_them(written):
    for path in written.values():
        book = openpyxl.load_workbook(path)
        first = book.worksheets[0]
        calamine = CalamineWorkbook.from_path(str(path))
        values = calamine.get_sheet_by_name(calamine.sheet_names[0]).to_python()
        assert [c.value for c in first[1]][:3] == values[0][:3], path.name
    enterprises = openpyxl.load_workbook(written["企业"]).worksheets[0]
    assert enterprises.cell(row=3, column=2).value == "大连测试科技有限公司2"


def soffice():
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice is missing: apt-get install libreoffice-calc-nogui (scripts/test.sh)"
    return found


def test_libreoffice_opens_them(written, tmp_path):
    out = tmp_path / "csv"
    done = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",  # comma, quote, UTF-8
            "--outdir",
            str(out),
            *map(str, written.values()),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr

    def rows(name):
        assert (out / f"{name}.csv").exists(), done.stdout + done.stderr
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as stream:
            return list(csv.reader(stream))

    enterprises = rows("企业")
    assert enterprises[0][:3] == ["序号", "企业名称", "统一社会信用代码"]
    assert [r[1] for r in enterprises[1:]] == ["大连测试科技有限公司1", "大连测试科技有限公司2"]
    assert enterprises[1][2] == W.credit_code(1)
    assert "＊企业名称" in rows("模板")[0]
    errors = rows("错误清单")
    assert any("大连测试科技有限公司3" in row for row in errors[1:]), errors


def test_a_sheet_past_the_memory_spool_goes_through_a_temporary_file(tmp_path, monkeypatch):
    columns = [xw.Column("名称"), xw.Column("数量", xw.NUMBER)]
    rows = [[f"企业{n}", n] for n in range(2000)]
    with xw.Workbook(tmp_path / "memory.xlsx") as book:
        book.add_sheet("表", columns, rows)
    spills = tmp_path / "spills"
    spills.mkdir()
    monkeypatch.setattr(xw, "SPOOL_BYTES", 1000)
    monkeypatch.setattr(xw.tempfile, "tempdir", str(spills))
    with xw.Workbook(tmp_path / "disk.xlsx") as book:
        book.add_sheet("表", columns, rows)
    assert_strict_zip(tmp_path / "disk.xlsx")
    sheet = "xl/worksheets/sheet1.xml"
    with (
        zipfile.ZipFile(tmp_path / "memory.xlsx") as a,
        zipfile.ZipFile(tmp_path / "disk.xlsx") as b,
    ):
        assert a.read(sheet) == b.read(sheet) and len(a.read(sheet)) > 1000
    assert os.listdir(spills) == []
