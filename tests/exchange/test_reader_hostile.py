"""Tests of gjz_registry/exchange/reader.py on files that must be refused or survived.

Each hostile file gets a FileFormatError with a one-line Chinese message naming the file.
Files that could exhaust memory or time if a guard failed (bombs, stray far cells) are read
in a child process with a memory limit and a generous timeout, so a failing guard fails
its test instead of killing the test run; no test asserts a duration.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import python_calamine

from gjz_registry.errors import FileFormatError
from gjz_registry.exchange import inspection, reader
from gjz_registry.exchange.reader import open_workbook
from tests.exchange import workbooks as W

REPO = Path(__file__).resolve().parents[2]
CHILD = """
import json, sys
try:
    import resource
    limit = int(sys.argv[3]) << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
except (ImportError, ValueError, OSError):
    pass
from gjz_registry.errors import FileFormatError
from gjz_registry.exchange.reader import open_workbook
try:
    with open_workbook(sys.argv[1], engine=sys.argv[2]) as workbook:
        rows = list(workbook.rows())
    filled = [number for number, row in enumerate(rows, 1) if row]
    report = {"rows": len(rows), "engine": workbook.engine, "filled": filled}
    print(json.dumps(dict(report, last=repr(rows[-1]) if rows else None, text=repr(rows[:1000]))))
except FileFormatError as exc:
    print(json.dumps({"refused": str(exc)}))
"""


def read_in_child(path, engine="auto", memory_mb=1536, timeout=120):
    """Open and read ``path`` in a child process; return its JSON report."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), engine, str(memory_mb)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def refused(path, engine="auto"):
    """Open and read ``path``, expecting FileFormatError; return its message."""
    with pytest.raises(FileFormatError) as info:
        with open_workbook(path, engine=engine) as workbook:
            list(workbook.rows())
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"「{Path(path).name}」")
    return message


@pytest.mark.parametrize(
    "factory, reason",
    [
        (W.empty_file, "文件是空的"),
        (W.text_file, "不是 Excel 工作簿（.xlsx/.xls/.ods）"),
        (W.csv_file, "不是 Excel 工作簿（.xlsx/.xls/.ods）"),
        (W.pdf_file, "不是 Excel 工作簿（.xlsx/.xls/.ods）"),
        (W.png_file, "不是 Excel 工作簿（.xlsx/.xls/.ods）"),
        (W.docx_like_zip, "不是 Excel 工作簿（.xlsx/.xls/.ods）"),
        (W.truncated_zip, "文件已损坏（压缩包不完整）"),
        (W.lying_sizes, "文件已损坏（压缩包不完整）"),
        (W.encrypted_xlsx, "文件已加密，请在 Excel 中取消密码后再导入"),
        (W.ole2_not_a_workbook, "文件已损坏或格式不受支持"),
        (W.many_members, "包含的部件超过 10000 个"),
        (W.ratio_bomb, "压缩比异常，疑似压缩炸弹"),
    ],
)
def test_files_that_are_not_readable_workbooks_are_refused(tmp_path, factory, reason):
    path = factory(tmp_path / "企业名单.xlsx")
    assert reason in refused(path)


def test_a_handmade_encrypted_container_is_recognised(tmp_path):
    path = W._ole2_container(
        tmp_path / "加密.xlsx", {"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"x"}
    )
    assert "文件已加密" in refused(path)


def test_a_gigabyte_zip_bomb_is_refused_before_decompressing(tmp_path):
    path = W.zip_bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 20 << 20
    assert "解压后超过 500 MB，疑似压缩炸弹" in read_in_child(path)["refused"]


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
@pytest.mark.parametrize("engine", ["auto", "openpyxl"])
def test_billion_laughs_is_refused(tmp_path, member, engine):
    path = W.billion_laughs(tmp_path / "laughs.xlsx", member=member)
    report = read_in_child(path, engine, memory_mb=1024)
    assert "refused" in report and "lollol" not in report["refused"]


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
@pytest.mark.parametrize("engine", ["auto", "openpyxl"])
def test_external_entities_are_not_resolved(tmp_path, member, engine):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE\n")
    path = W.external_entity(tmp_path / "xxe.xlsx", target=str(secret), member=member)
    report = read_in_child(path, engine)
    assert "TOP-SECRET-LINE" not in json.dumps(report, ensure_ascii=False)
    assert "refused" in report


def test_etc_passwd_never_appears(tmp_path):
    path = W.external_entity(tmp_path / "xxe.xlsx", target="/etc/passwd")
    with pytest.raises(FileFormatError) as info:
        with open_workbook(path) as workbook:
            list(workbook.rows())
    assert "root:" not in str(info.value)


def test_calamine_does_not_expand_entities(tmp_path):
    """The first reader itself: quick-xml knows no custom entities and stops."""
    for path in (
        W.billion_laughs(tmp_path / "laughs.xlsx"),
        W.external_entity(tmp_path / "xxe.xlsx"),
    ):
        with pytest.raises(python_calamine.CalamineError, match="entity"):
            python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)


def test_openpyxl_refuses_entity_declarations_as_unsafe(tmp_path):
    path = W.billion_laughs(tmp_path / "laughs.xlsx")
    assert reader.UNSAFE_XML in refused(path, engine="openpyxl")


@pytest.mark.parametrize(
    "ref, refusal",
    [
        ("U900000", None),
        ("A600000", None),
        ("XFD1048576", "超过 1000000 行（第 1048576 行有内容）"),
        ("ZZ200000", "第 200000 行超过 200 列"),
    ],
)
def test_a_stray_far_cell_is_read_or_refused_without_exhausting_memory(tmp_path, ref, refusal):
    """calamine would allocate rows × columns cells of ~32 bytes (U900000: 600 MB,
    XFD1048576: 550 GB) and abort the process; such sheets are read from a copy without
    their empty rows, so the stray cell is read (or refused with the reason), never dropped.
    512 MB is enough for the reader and too little for calamine's grid."""
    path = W.stray_cell(tmp_path / "stray.xlsx", W.enterprise_rows(3), ref=ref)
    report = read_in_child(path, memory_mb=512)
    if refusal:
        assert refusal in report["refused"]
        return
    assert report["engine"] == "calamine"
    row = int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    assert report["filled"] == [1, 2, 3, 4, row] and report["rows"] == row
    assert report["last"] == repr([None] * (ord(ref[0]) - ord("A")) + ["x"])


def test_an_ods_whose_repeated_rows_would_explode_is_refused(tmp_path):
    path = W.ods_repeat_bomb(tmp_path / "repeat.ods")
    assert "数据区域过大" in read_in_child(path, memory_mb=1024)["refused"]


def test_libreoffice_style_repeated_empty_rows_are_fine(tmp_path):
    path = W.write_ods(tmp_path / "lo.ods", W.enterprise_rows(2))
    filler = (
        b'<table:table-row table:number-rows-repeated="1048573">'
        b'<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    W.rewrite_member(
        path, "content.xml", lambda xml: xml.replace(b"</table:table>", filler + b"</table:table>")
    )
    assert read_in_child(path, memory_mb=1024)["rows"] == 3


def test_a_single_quoted_cell_reference_makes_the_estimate_the_whole_grid(tmp_path):
    """References in single quotes are not scanned one by one: one such reference makes
    the estimate the largest grid, so the sheet is read from a compacted copy."""
    path = W.write_openpyxl(tmp_path / "quoted.xlsx", W.enterprise_rows(2))
    assert inspection.inspect_file(path)[1] <= reader.MAX_CELLS
    W.rewrite_member(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<c r="A2"', b"<c r='A2'", 1),
    )
    assert inspection.inspect_file(path)[1] == 1_048_576 * 16_384
    with open_workbook(path) as workbook:
        rows = list(workbook.rows())
        assert workbook.engine == "calamine" and workbook._compacted
    assert [row[:2] for row in rows] == [row[:2] for row in W.enterprise_rows(2)]
