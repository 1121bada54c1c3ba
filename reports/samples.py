"""Realistic sample data for the renderers, plus a small command line.

Used by the tests, by the benchmark (``list_speed``) and to regenerate the pictures in
docs/screenshots/.  The data is synthetic (names, codes and numbers are made up, credit
codes carry a valid GB 32100 check character) and deterministic for a given seed.

    python -m reports.samples pdf OUTDIR          sample list, certificates and statistics
    python -m reports.samples screenshots [DIR]   list-page.png and certificate.png (pdftoppm)
    python -m reports.samples bench [ROWS]        render_list vs the bare baseline (best of 3)
"""

from __future__ import annotations

import datetime
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reports.data import CertificateData, ChartSpec, ListReport, StatisticsReport, StatSection

STREETS = (
    "大连湾街道",
    "南关岭街道",
    "营城子街道",
    "周水子街道",
    "革镇堡街道",
    "辛寨子街道",
    "甘井子街道",
    "中华路街道",
    "泉水街道",
    "兴华街道",
    "椒金山街道",
    "机场街道",
    "红旗街道",
    "凌水街道",
)
FIELDS = (
    "人工智能及新一代信息技术",
    "海洋工程装备制造",
    "智能和清洁能源装备",
    "生命健康",
    "节能环保",
    "新材料",
    "其他",
)
STAGES = ("苗圃", "孵化器", "加速器", "产业化基地")
_BRANDS = "华信恒通海创博远天成正泰瑞普金源晟达凯盛中科智联新锐宏图东方北洋星河远航腾龙安泰"
_TRADES = (
    "信息技术",
    "软件",
    "智能装备",
    "海洋工程",
    "生物科技",
    "新材料科技",
    "环保科技",
    "电子科技",
    "医疗器械",
    "能源科技",
    "数据服务",
    "精密机械",
)
_SUFFIXES = ("有限公司", "股份有限公司", "科技有限公司")
_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

LIST_HEADERS = ("企业名称", "统一社会信用代码", "所属街道", "证书编号", "发证日期", "有效期至")


def credit_code(rng: random.Random) -> str:
    """A synthetic 统一社会信用代码 of a Ganjingzi company with a valid check character."""
    body = "91210211" + "".join(rng.choice(_CODE_CHARS) for _ in range(9))
    total = sum(_CODE_CHARS.index(c) * w for c, w in zip(body, _CODE_WEIGHTS, strict=True))
    return body + _CODE_CHARS[(31 - total % 31) % 31]


def company_name(rng: random.Random, long: bool = False) -> str:
    brand = "".join(rng.sample(_BRANDS, 2))
    name = f"大连{brand}{rng.choice(_TRADES)}{rng.choice(_SUFFIXES)}"
    if long:
        name = f"大连{brand}海洋工程装备与智能制造技术研究院（甘井子区分院）{rng.choice(_SUFFIXES)}"
    return name


def list_rows(count: int, seed: int = 2020, long_every: int = 0) -> list[list[str]]:
    """``count`` rows of a 高新技术企业 list, sorted by street then name.

    Every ``long_every``-th row (0 = none) has a long name that must wrap in its cell.
    """
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        granted = datetime.date(2020, rng.choice((9, 10, 11, 12)), rng.randint(1, 28))
        expires = granted.replace(year=granted.year + 3) - datetime.timedelta(days=1)
        long = bool(long_every) and i % long_every == long_every - 1
        rows.append(
            [
                company_name(rng, long),
                credit_code(rng),
                rng.choice(STREETS),
                f"GR2020210{rng.randint(0, 99999):05d}",
                granted.isoformat(),
                expires.isoformat(),
            ]
        )
    order = {street: i for i, street in enumerate(STREETS)}
    rows.sort(key=lambda r: (order[r[2]], r[0]))
    return rows


def list_report(count: int = 120, seed: int = 2020, long_every: int = 0) -> ListReport:
    """A 甘井子区2020年高新技术企业名单 with ``count`` rows."""
    return ListReport(
        title="甘井子区2020年高新技术企业名单",
        columns=list(LIST_HEADERS),
        rows=list_rows(count, seed, long_every),
        unit_name="甘井子区科学技术局",
        date=datetime.date(2020, 12, 31),
        note="注：按所属街道、企业名称拼音排序；有效期为发证之日起三年。",
    )


def certificates() -> list[CertificateData]:
    """One certificate of each kind."""
    common = dict(unit_name="甘井子区科学技术局", issued_on=datetime.date(2020, 12, 18))
    return [
        CertificateData(
            kind="incubation",
            serial="GJZ-2020-RF-000001",
            verify_code="7KQ4-M2XD-A3FH",
            holder_name="大连海创智能装备有限公司",
            fields={
                "credit_code": "91210211MA0XK4Q23T",
                "carrier_name": "大连生态科技创新城孵化器",
                "stage": "孵化器",
                "entered_on": datetime.date(2019, 3, 15),
            },
            **common,
        ),
        CertificateData(
            kind="graduation",
            serial="GJZ-2020-BY-000007",
            verify_code="P8WN-3HJA-QZ5K",
            holder_name="大连博远生物科技有限公司",
            fields={
                "credit_code": "91210211MA0Y2R7C5K",
                "carrier_name": "甘井子区科技企业加速器",
                "stage": "加速器",
                "entered_on": datetime.date(2017, 6, 1),
                "graduated_on": datetime.date(2020, 11, 30),
            },
            **common,
        ),
        CertificateData(
            kind="cultivation",
            serial="GJZ-2020-PY-000032",
            verify_code="Q2ZT-6FMC-WL4R",
            holder_name="大连星河新材料科技有限公司",
            fields={"credit_code": "91210211MA0QW8L18B", "year": 2020},
            **common,
        ),
        CertificateData(
            kind="carrier",
            serial="GJZ-2020-ZT-000003",
            verify_code="H6DC-X4RB-N7TE",
            holder_name="大连湾海洋科技众创空间",
            fields={
                "operator_name": "大连湾科技服务有限公司",
                "credit_code": "91210211MA0U5T6P0N",
                "carrier_kind": "众创空间（苗圃）",
                "level": "区级",
            },
            **common,
        ),
    ]


def statistics_report() -> StatisticsReport:
    """A statistics report with every kind of section the services will fill."""
    rng = random.Random(7)
    streets = STREETS[:8]
    stage_rows = [[s] + [rng.randint(0, 18) for _ in STAGES] for s in streets]
    for row in stage_rows:
        row.append(sum(row[1:]))
    stage_totals = ["合计"] + [sum(r[i] for r in stage_rows) for i in range(1, len(STAGES) + 2)]
    field_rows = [[s] + [rng.randint(0, 12) for _ in FIELDS] for s in streets]
    for row in field_rows:
        row.append(sum(row[1:]))
    field_totals = ["合计"] + [sum(r[i] for r in field_rows) for i in range(1, len(FIELDS) + 2)]
    funnel = [["苗圃", 164], ["孵化器", 96], ["加速器", 41], ["产业化基地", 17]]
    years = ["2018", "2019", "2020"]
    quals = [["高新技术企业", 88, 112, 143], ["科技型中小企业", 260, 331, 415]]
    carriers = [
        ["大连生态科技创新城孵化器", "孵化器", 60, 52, "86.7%"],
        ["甘井子区科技企业加速器", "加速器", 30, 21, "70.0%"],
        ["大连湾海洋科技众创空间", "众创空间(苗圃)", 80, 77, "96.3%"],
        ["营城子智能制造产业化基地", "产业化基地", 20, 9, "45.0%"],
    ]
    return StatisticsReport(
        title="甘井子区孵化链企业统计报告",
        subtitle="（截至2020年12月31日）",
        unit_name="甘井子区科学技术局",
        date=datetime.date(2020, 12, 31),
        sections=[
            StatSection(
                "各街道孵化阶段分布",
                ["所属街道", *STAGES, "合计"],
                stage_rows,
                stage_totals,
                ChartSpec(
                    "bar",
                    list(streets),
                    [(s, [r[i + 1] for r in stage_rows]) for i, s in enumerate(STAGES)],
                    stacked=True,
                ),
            ),
            StatSection(
                "各街道产业领域分布",
                ["所属街道", *FIELDS, "合计"],
                field_rows,
                field_totals,
                ChartSpec(
                    "pie", list(FIELDS), [("企业数", field_totals[1:-1])], title="产业领域构成"
                ),
            ),
            StatSection(
                "孵化链漏斗",
                ["孵化阶段", "企业数"],
                funnel,
                None,
                ChartSpec("bar", [r[0] for r in funnel], [("企业数", [r[1] for r in funnel])]),
            ),
            StatSection(
                "历年资质认定数量",
                ["资质类型", *years],
                quals,
                None,
                ChartSpec("bar", years, [(r[0], r[1:]) for r in quals]),
            ),
            StatSection(
                "孵化载体入驻情况",
                ["载体名称", "载体类型", "可容纳企业", "在孵企业", "入驻率"],
                carriers,
                ["合计", "", 190, 159, "83.7%"],
                note="入驻率 = 在孵企业数 ÷ 可容纳企业数。",
            ),
        ],
    )


# --------------------------------------------------------------------------- command line


def list_speed(rows: int = 10_000, repeat: int = 3, long_every: int = 0) -> dict:
    """Best-of-``repeat`` times of render_list and of the bare baseline on ``rows`` rows.

    Returns {"render_list": s, "baseline": s, "ratio": …, "cpu_render_list": s,
    "cpu_baseline": s, "cpu_ratio": …, "rows": n}: wall-clock seconds and this process's
    CPU seconds (steadier on a busy machine).  ``long_every`` makes every n-th name wrap.
    """
    from reports.fonts import register_fonts
    from reports.lists import render_list, render_list_baseline

    fonts = register_fonts()
    report = list_report(rows, long_every=long_every)
    best = {}
    with tempfile.TemporaryDirectory() as tmp:
        render_list_baseline(list_report(50), Path(tmp) / "warm.pdf", fonts)  # warm caches
        render_list(list_report(50), Path(tmp) / "warm.pdf", fonts)
        for _ in range(repeat):
            for name, func in (("baseline", render_list_baseline), ("render_list", render_list)):
                wall, cpu = time.perf_counter(), time.process_time()
                func(report, Path(tmp) / f"{name}.pdf", fonts)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                best[name] = min(best.get(name, wall), wall)
                best[f"cpu_{name}"] = min(best.get(f"cpu_{name}", cpu), cpu)
    best["ratio"] = best["render_list"] / best["baseline"]
    best["cpu_ratio"] = best["cpu_render_list"] / best["cpu_baseline"]
    best["rows"] = rows
    return best


def write_samples(folder: Path) -> list[Path]:
    """Write the sample list, certificates and statistics PDFs into ``folder``."""
    from reports.certificates import render_certificates
    from reports.lists import render_list
    from reports.statistics import render_statistics

    folder.mkdir(parents=True, exist_ok=True)
    out = [folder / "list.pdf", folder / "certificates.pdf", folder / "statistics.pdf"]
    render_list(list_report(120, long_every=9), out[0])
    render_certificates(certificates(), out[1])
    render_statistics(statistics_report(), out[2])
    return out


def write_screenshots(folder: Path) -> list[Path]:
    """Render page 1 of the sample list and certificate to list-page.png / certificate.png."""
    if not shutil.which("pdftoppm"):
        raise SystemExit("pdftoppm (poppler-utils) is needed for the screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = write_samples(Path(tmp))
        for pdf, name in ((pdfs[0], "list-page"), (pdfs[1], "certificate")):
            stem = Path(tmp) / name
            subprocess.run(
                ["pdftoppm", "-r", "110", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, stem],
                check=True,
            )
            target = folder / f"{name}.png"
            shutil.move(f"{stem}.png", target)
            made.append(target)
    return made


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args.pop(0) if args else "bench"
    if command == "bench":
        rows = int(args[0]) if args else 10_000
        for long_every, label in ((0, "short names"), (9, "every 9th name wraps")):
            result = list_speed(rows, long_every=long_every)
            print(
                f"list of {rows} rows ({label}), best of 3 — wall: render_list "
                f"{result['render_list']:.2f} s, baseline {result['baseline']:.2f} s, ratio "
                f"{result['ratio']:.2f}; CPU: {result['cpu_render_list']:.2f} s / "
                f"{result['cpu_baseline']:.2f} s, ratio {result['cpu_ratio']:.2f} (target ≤ 1.5)"
            )
    elif command == "pdf":
        for path in write_samples(Path(args[0] if args else ".")):
            print(path)
    elif command == "screenshots":
        for path in write_screenshots(Path(args[0] if args else "docs/screenshots")):
            print(path)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
