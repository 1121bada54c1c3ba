"""The list PDF end to end, as a clerk meets it (imported by bench/run.py into MEASURES).

``gjz report high-tech-list OUT.pdf --year Y`` runs in a subprocess on the benchmark
database — interpreter start, imports, opening (with its quick check), the query, wrapping,
the PDF and its atomic write — against bench/list_baseline.py in a subprocess of its own:
bare reportlab writing the same cells (序号 included) with the same font, page size, margins
and column widths, one line per row at a fixed row height.  The baseline's rows are taken
from the program beforehand (untimed) and handed over as JSON.  Best of 3 of each,
interleaved.  Bound: ratio ≤ 1.5.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASELINE = os.path.join(ROOT, "bench", "list_baseline.py")
RATIO_BOUND = 1.5
REPEAT = 3


def row(measure, value, unit, baseline=None, bound="", ok=True):
    """A result row in run.py's format."""
    ratio = value / baseline if value is not None and baseline else None
    return dict(
        measure=measure, value=value, unit=unit, baseline=baseline, ratio=ratio, bound=bound, ok=ok
    )


def _baseline_spec(registry, year):
    """The cells, page and widths of the list the command prints (for the bare build)."""
    from reports import lists
    from reports.data import ListReport
    from reports.fonts import register_fonts

    fonts = register_fonts()
    report = ListReport.coerce(registry.listings.listing("high-tech-list", year=year))
    setup, columns, widths = lists._layout(report, fonts, len(report.rows))
    rows = []
    for number, source in enumerate(report.rows, start=1):
        cells = [lists._cell(v) for v in source]
        rows.append(([str(number)] if report.numbered else []) + cells)
    spec = dict(
        pagesize=list(setup.pagesize),
        margins=[setup.left, setup.right, setup.top, setup.bottom],
        widths=widths,
        header=[c.header for c in columns],
        rows=rows,
    )
    choice = fonts.choice
    return spec, choice.path, choice.subfont_index


def _run(argv):
    """(wall seconds, CPU seconds of the child) of one run of ``argv``."""
    before = _children_cpu()
    started = time.perf_counter()
    subprocess.run(argv, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, _children_cpu() - before


def _children_cpu():
    try:
        import resource
    except ImportError:  # Windows: no CPU figure
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_list_end_to_end(ctx, registry, year):
    """``registry``: an administrator's Registry on ``ctx.db``; ``year``: the list's year."""
    database = ctx.db.database
    spec, font_path, subfont = _baseline_spec(registry, year)
    if font_path is None:
        return []  # no TrueType font on this machine: nothing to compare
    with tempfile.TemporaryDirectory() as tmp:
        rows_file = os.path.join(tmp, "rows.json")
        with open(rows_file, "w", encoding="utf-8") as fh:
            json.dump(spec, fh, ensure_ascii=False)
        ours = [sys.executable, os.path.join(ROOT, "main.py"), "--db", database, "report"]
        ours += ["high-tech-list", os.path.join(tmp, "list.pdf"), "--year", str(year)]
        bare = [sys.executable, BASELINE, rows_file, font_path, str(subfont)]
        bare.append(os.path.join(tmp, "bare.pdf"))
        best = {}
        for _ in range(REPEAT):
            for name, argv in (("ours", ours), ("bare", bare)):
                wall, cpu = _run(argv)
                old = best.get(name, (wall, cpu))
                best[name] = (min(old[0], wall), min(old[1], cpu))
    (wall, cpu), (base_wall, base_cpu) = best["ours"], best["bare"]
    ok = wall <= RATIO_BOUND * base_wall
    name = f"list PDF end to end: gjz report, {len(spec['rows'])} rows"
    return [
        row(name, wall, "s", base_wall, f"ratio ≤ {RATIO_BOUND}", ok),
        row(f"{name} CPU", cpu, "s", base_cpu, "(info)"),
    ]
