"""``gjz report`` and ``gjz certificate`` on a demo database (a SQLite file or a PostgreSQL
database), checked with independent tools.

Every PDF is read back with poppler (pdffonts: the Chinese font is embedded; pdftotext: the
names come back; pdftoppm: page 1 is not blank) and QR codes are decoded with zbarimg.  A
missing tool or font skips these tests, or fails them under GJZ_REQUIRE_GUI=1.

``certificate verify`` exits 0 only for a valid certificate; 已撤销, 未知 and 校验码不符 exit 2
with the verdict printed on stdout.
"""

import datetime
import os
import subprocess

import pytest

from gjz_registry import open_registry
from tests.acceptance.test_cli import gjz, query
from tests.reports.pdftools import (
    assert_cjk_embedded,
    dark_fraction,
    page_count,
    page_size,
    pdftotext,
    render_page,
    require_tool,
    squeeze,
)

TODAY = datetime.date.today()
DEMO_ENTERPRISES = 5000  # enough valid 高新技术企业 for a list of 30 pages and more
LIST_KINDS = ("high-tech-list", "tech-sme-list", "carrier-list", "residents")


@pytest.fixture(scope="module")
def fonts_available():
    from reports.fonts import find_font

    if not find_font().embedded:
        message = "no TrueType CJK font on this machine (Debian: fonts-wqy-zenhei)"
        if os.environ.get("GJZ_REQUIRE_GUI") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def demo_db(module_db_target, fonts_available):
    """The demo database (a SQLite file or a PostgreSQL database), which the tests only read."""
    path = module_db_target
    folder = path.parent
    env = {"GJZ_DATA_DIR": str(folder / "data")}
    (folder / "data").mkdir()
    password = folder / "pw.txt"
    password.write_text("admin-pass-1\n", encoding="utf-8")
    for args in (
        ("init", "--password-file", password),
        ("demo", "--enterprises", DEMO_ENTERPRISES, "--seed", 3),
    ):
        result = gjz("--db", path, *args, env=env)
        assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def db(demo_db, copy_db):
    """A private copy of the demo database (certificates change it)."""
    return copy_db(demo_db)


def rows(path, sql, *params):
    return [tuple(row) for row in query(path, sql, *params)]


def decode_qr(pdf, page, out):
    png = render_page(pdf, page, out, dpi=200)
    zbarimg = require_tool("zbarimg")
    result = subprocess.run([zbarimg, "--raw", "-q", str(png)], capture_output=True, text=True)
    assert result.returncode == 0, f"zbarimg found no code: {result.stderr}"
    return result.stdout.strip()


def listing(path, kind, **filters):
    reg = open_registry(path)
    try:
        return reg.as_local_admin("test").listings.listing(kind, **filters)
    finally:
        reg.close()


# --------------------------------------------------------------------------- reports


@pytest.mark.parametrize("kind", LIST_KINDS)
def test_each_list_embeds_the_font_and_gives_back_every_name(demo_db, tmp_path, kind):
    pdf = tmp_path / f"{kind}.pdf"
    result = gjz("--db", demo_db, "report", kind, pdf)
    assert result.returncode == 0, result.stderr
    assert "已生成" in result.stdout
    expected = listing(demo_db, kind)
    assert expected.rows, f"the demo data has no rows for {kind}"
    assert_cjk_embedded(pdf)
    text = squeeze(pdftotext(pdf))
    assert squeeze(expected.title) in text
    for row in expected.rows:
        assert squeeze(str(row[0])) in text, row[0]
    # in the printed order: street, then pinyin
    positions = [text.index(squeeze(str(row[0]))) for row in expected.rows[:50]]
    assert positions == sorted(positions)
    assert dark_fraction(pdf, 1, tmp_path) > 0.01, "page 1 looks blank"


def test_statistics_report(demo_db, tmp_path):
    pdf = tmp_path / "statistics.pdf"
    result = gjz("--db", demo_db, "report", "statistics", pdf, "--year", TODAY.year - 1)
    assert result.returncode == 0, result.stderr
    assert_cjk_embedded(pdf)
    text = squeeze(pdftotext(pdf))
    for title in ("各街道孵化阶段分布", "各街道产业领域分布", "孵化链漏斗", "孵化载体入驻情况"):
        assert title in text
    assert "大连湾街道" in text and "产业化基地" in text
    assert dark_fraction(pdf, 1, tmp_path) > 0.01
    refused = gjz("--db", demo_db, "report", "statistics", pdf, "--street", "大连湾街道")
    assert refused.returncode == 2 and "--street" in refused.stderr


def test_a_long_list_counts_its_pages_in_every_footer(demo_db, tmp_path):
    pdf = tmp_path / "long.pdf"
    assert gjz("--db", demo_db, "report", "high-tech-list", pdf).returncode == 0
    total = page_count(pdf)
    assert total >= 30, f"only {total} pages: raise DEMO_ENTERPRISES"
    width, height = page_size(pdf)
    assert width > height  # six columns: landscape
    pages = pdftotext(pdf).split("\f")
    for number in range(1, total + 1):
        page = squeeze(pages[number - 1])
        assert f"第{number}页共{total}页" in page, number
        assert "统一社会信用代码" in page  # the header repeats
    last = squeeze(pages[total - 1])
    assert "制表人" in last and "审核人" in last and "盖章" in last
    assert "制表人" not in squeeze(pages[0])


def test_street_and_year_filters(demo_db, tmp_path):
    pdf = tmp_path / "filtered.pdf"
    year = TODAY.year - 1
    args = ("report", "tech-sme-list", pdf, "--street", "大连湾街道", "--year", year)
    assert gjz("--db", demo_db, *args).returncode == 0
    expected = listing(demo_db, "tech-sme-list", street="大连湾街道", year=year)
    text = squeeze(pdftotext(pdf))
    assert f"甘井子区{year}年科技型中小企业名单" in text
    assert {row[2] for row in expected.rows} == {"大连湾街道"}
    for row in expected.rows:
        assert row[0] in text
    other = listing(demo_db, "tech-sme-list", street="南关岭街道", year=year)
    assert not any(row[0] in text for row in other.rows)
    bad = gjz("--db", demo_db, "report", "high-tech-list", pdf, "--street", "火星街道")
    assert bad.returncode == 2 and "火星街道" in bad.stderr


def test_bad_output_is_refused_before_any_work(demo_db, tmp_path):
    missing = gjz("--db", demo_db, "report", "residents", tmp_path / "nope" / "x.pdf")
    assert missing.returncode == 2 and "不存在" in missing.stderr
    unknown = gjz("--db", demo_db, "report", "phone-book", tmp_path / "x.pdf")
    assert unknown.returncode == 2 and "参数错误" in unknown.stderr


# --------------------------------------------------------------------------- certificates


def resident_codes(path, count):
    return [
        r[0]
        for r in rows(
            path,
            "SELECT e.credit_code FROM residency r JOIN enterprise e ON e.id = r.enterprise_id"
            " WHERE r.left_on IS NULL ORDER BY e.id LIMIT ?",
            count,
        )
    ]


def test_certificate_qr_decodes_and_verifies(db, tmp_path):
    code = resident_codes(db, 1)[0]
    name = rows(db, "SELECT name FROM enterprise WHERE credit_code = ?", code)[0][0]
    pdf = tmp_path / "入孵证明.pdf"
    issued = gjz("--db", db, "certificate", "issue", "incubation", "--enterprise", code, pdf)
    assert issued.returncode == 0, issued.stderr
    assert_cjk_embedded(pdf)
    assert page_count(pdf) == 1
    text = squeeze(pdftotext(pdf))
    assert "入孵证明" in text and name in text
    assert dark_fraction(pdf, 1, tmp_path) > 0.01

    payload = decode_qr(pdf, 1, tmp_path)
    prefix, serial, verify_code = payload.split("|")
    assert prefix == "GJZ-CERT" and serial.startswith(f"GJZ-{TODAY.year}-RF-")
    assert serial in text and verify_code in text
    assert rows(db, "SELECT verify_code FROM certificate WHERE serial = ?", serial) == [
        (verify_code,)
    ]

    ok = gjz("--db", db, "certificate", "verify", payload)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("有效") and name in ok.stdout
    typed = gjz("--db", db, "certificate", "verify", serial, "--code", verify_code.lower())
    assert typed.returncode == 0 and typed.stdout.startswith("有效")

    other_code = "AAAA-AAAA-AAAA" if verify_code != "AAAA-AAAA-AAAA" else "BBBB-BBBB-BBBB"
    altered_code = gjz("--db", db, "certificate", "verify", f"GJZ-CERT|{serial}|{other_code}")
    assert altered_code.returncode == 2 and altered_code.stdout.startswith("校验码不符")
    altered_serial = serial[:-1] + ("2" if serial[-1] != "2" else "3")
    forged = gjz("--db", db, "certificate", "verify", f"GJZ-CERT|{altered_serial}|{verify_code}")
    assert forged.returncode == 2 and forged.stdout.startswith("未知")
    garbage = gjz("--db", db, "certificate", "verify", "HELLO|x")
    assert garbage.returncode == 2 and "二维码" in garbage.stderr

    revoked = gjz("--db", db, "certificate", "revoke", serial, "--reason", "企业已迁出")
    assert revoked.returncode == 0 and "已撤销" in revoked.stdout
    after = gjz("--db", db, "certificate", "verify", payload)
    assert (
        after.returncode == 2 and after.stdout.startswith("已撤销") and "企业已迁出" in after.stdout
    )
    listed = gjz("--db", db, "certificate", "list")
    assert serial in listed.stdout and "已撤销" in listed.stdout


def test_batch_issue_writes_one_page_per_certificate_and_lists_refusals(db, tmp_path):
    graduates = [
        r[1]
        for r in rows(
            db,
            "SELECT DISTINCT e.id, e.credit_code FROM residency r JOIN enterprise e"
            " ON e.id = r.enterprise_id WHERE r.exit_reason = '毕业' ORDER BY e.id LIMIT 3",
        )
    ]
    never = rows(
        db,
        "SELECT credit_code, name FROM enterprise WHERE id NOT IN (SELECT enterprise_id FROM"
        " residency) ORDER BY id LIMIT 1",
    )[0]
    args = [a for c in [*graduates, never[0]] for a in ("--enterprise", c)]
    pdf = tmp_path / "毕业证书.pdf"
    result = gjz("--db", db, "certificate", "issue", "graduation", *args, pdf)
    assert result.returncode == 1, result.stderr  # done, with one refused
    assert never[1] in result.stderr and "没有毕业记录" in result.stderr
    assert page_count(pdf) == 3
    assert_cjk_embedded(pdf)
    names = dict(rows(db, "SELECT credit_code, name FROM enterprise"))
    for page, code in enumerate(graduates, start=1):
        assert names[code] in squeeze(pdftotext(pdf, page))
        payload = decode_qr(pdf, page, tmp_path)
        check = gjz("--db", db, "certificate", "verify", payload)
        assert check.returncode == 0 and names[code] in check.stdout

    serial = payload.split("|")[1]
    reprint = tmp_path / "补打.pdf"
    again = gjz("--db", db, "certificate", "reprint", serial, reprint)
    assert again.returncode == 0, again.stderr
    assert squeeze(pdftotext(reprint)) == squeeze(pdftotext(pdf, 3))


def test_refused_issue_writes_nothing(db, tmp_path):
    code = rows(
        db,
        "SELECT credit_code FROM enterprise WHERE id NOT IN (SELECT enterprise_id FROM"
        " residency) ORDER BY id LIMIT 1",
    )[0][0]
    pdf = tmp_path / "x.pdf"
    result = gjz("--db", db, "certificate", "issue", "incubation", "--enterprise", code, pdf)
    assert result.returncode == 2 and "没有在孵记录" in result.stderr
    assert "Traceback" not in result.stderr
    assert not pdf.exists()
    assert rows(db, "SELECT COUNT(*) FROM certificate") == [(0,)]
    typo = gjz("--db", db, "certificate", "issue", "incubation", "--enterprise", "123", pdf)
    assert typo.returncode == 2 and "统一社会信用代码" in typo.stderr


def test_carrier_certificate_and_street_scope(db, tmp_path):
    carrier, street = rows(
        db,
        "SELECT c.name, s.name FROM carrier c JOIN street s ON s.id = c.street_id"
        " WHERE c.level != '未认定' AND c.recognized_on IS NOT NULL ORDER BY c.id LIMIT 1",
    )[0]
    pdf = tmp_path / "载体.pdf"
    result = gjz("--db", db, "certificate", "issue", "carrier", "--carrier", carrier, pdf)
    assert result.returncode == 0, result.stderr
    assert "孵化载体认定证书" in squeeze(pdftotext(pdf)) and carrier in squeeze(pdftotext(pdf))
    assert decode_qr(pdf, 1, tmp_path).startswith(f"GJZ-CERT|GJZ-{TODAY.year}-ZT-")

    # A street user (demo account dalianwan, 大连湾街道) issues for its own street only.
    password = tmp_path / "street.txt"
    password.write_text("street123\n", encoding="utf-8")
    login = ("--db", db, "--user", "dalianwan", "--password-file", password)
    outside = rows(
        db,
        "SELECT e.credit_code FROM residency r JOIN enterprise e ON e.id = r.enterprise_id"
        " JOIN street s ON s.id = e.street_id WHERE r.left_on IS NULL AND s.name != '大连湾街道'"
        " LIMIT 1",
    )[0][0]
    denied = gjz(*login, "certificate", "issue", "incubation", "--enterprise", outside, pdf)
    assert denied.returncode == 2 and "大连湾街道" in denied.stderr
    if street != "大连湾街道":
        other = gjz(*login, "certificate", "issue", "carrier", "--carrier", carrier, pdf)
        assert other.returncode == 2 and "不属于大连湾街道" in other.stderr
