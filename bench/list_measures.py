"""The PDF measures of bench/run.py: the list rendered in process, a certificate batch, and
the list PDF end to end, as a clerk meets it.

The in-process list render: 10 000 rows of the 高新技术企业 list rendered by
``reports.lists.render_list`` against ``render_list_baseline`` (best of 3, interleaved).
End to end:

``gjz report high-tech-list OUT.pdf --year Y`` runs in a subprocess on the benchmark
database — interpreter start, imports, opening (with its quick check), the query, wrapping,
the PDF and its atomic write — against bench/list_baseline.py in a subprocess of its own:
bare reportlab writing the same cells (序号 included) with the same font, page size, margins
and column widths, one line per row at a fixed row height.  The baseline's rows are taken
from the program beforehand (untimed) and handed over as JSON.  Both write binary (Flate-only)
streams, as the program does.  Best of 3 of each, interleaved.  Bound: ratio ≤ 1.5.

An installed program runs from compiled bytecode (pip compiles it at install time), as
reportlab does here; so both processes run with the program's bytecode compiled beforehand
into a temporary cache (PYTHONPYCACHEPREFIX), whatever PYTHONDONTWRITEBYTECODE says —
otherwise every run would compile the program's sources again, a cost no clerk pays.
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


LIST_ROWS = 10_000
LIST_RATIO_BOUND = 1.5
BATCH_CERTIFICATES = 1_000


def bench_registry(ctx):
    """A Registry on the benchmark database acting as a local administrator."""
    from gjz_registry import reference as ref
    from gjz_registry.registry import Registry
    from gjz_registry.services.base import Actor

    return Registry(ctx.db, None, Actor(label="bench", role=ref.ROLE_ADMIN, display_name="bench"))


def _best_of_interleaved(repeat, functions):
    """{name: (best wall s, best CPU s)} of ``functions`` ({name: callable}), run in turn
    ``repeat`` times (interleaved, after a garbage collection, so a busy machine or a
    collector pass hurts both sides alike)."""
    import gc

    best = {}
    for _ in range(repeat):
        for name, function in functions.items():
            gc.collect()
            w, c = time.perf_counter(), time.process_time()
            function()
            w, c = time.perf_counter() - w, time.process_time() - c
            wall, cpu = best.get(name, (w, c))
            best[name] = (min(wall, w), min(cpu, c))
    return best


def measure_list_render(ctx):
    """The 高新技术企业 list from the demo data, 10 000 rows (cycled when there are fewer),
    rendered by reports.lists.render_list against render_list_baseline (bare reportlab,
    fixed 40-row Table chunks, same font, columns and page size); best of 3, interleaved."""
    import itertools

    from reports.fonts import register_fonts
    from reports.lists import render_list, render_list_baseline

    listing = bench_registry(ctx).listings.high_tech()
    source = listing.rows or [["—"] * len(listing.columns)]
    listing.rows = list(itertools.islice(itertools.cycle(source), LIST_ROWS))
    fonts = register_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        ours = os.path.join(tmp, "list.pdf")
        bare = os.path.join(tmp, "baseline.pdf")
        render_list(listing, ours, fonts)  # warm caches (font metrics, reportlab imports)
        render_list_baseline(listing, bare, fonts)
        best = _best_of_interleaved(
            3,
            {
                "ours": lambda: render_list(listing, ours, fonts),
                "bare": lambda: render_list_baseline(listing, bare, fonts),
            },
        )
    (wall, cpu), (base_wall, base_cpu) = best["ours"], best["bare"]
    ratio = wall / base_wall
    name = f"list render {LIST_ROWS} rows ({len(source)} distinct)"
    return [
        row(name, wall, "s", base_wall, f"ratio ≤ {LIST_RATIO_BOUND}", ratio <= LIST_RATIO_BOUND),
        row(f"{name} CPU", cpu, "s", base_cpu, "(info)"),
    ]


def measure_certificate_batch(ctx):
    """1 000 毕业证书 in one batch: issue (rules, serials, HMAC, audit; rolled back
    afterwards, so the database is unchanged) and render one PDF of 1 000 pages."""
    from reports.certificates import render_certificates
    from reports.fonts import register_fonts

    ids = [
        r[0]
        for r in ctx.db.execute_sql(
            "SELECT DISTINCT enterprise_id FROM residency WHERE exit_reason = '毕业'"
            " ORDER BY enterprise_id LIMIT ?",
            (BATCH_CERTIFICATES,),
        )
    ]
    if not ids:
        return []
    registry = bench_registry(ctx)
    fonts = register_fonts()
    with ctx.db.atomic() as transaction:
        started = time.perf_counter()
        result = registry.certificates.issue_batch("graduation", ids)
        issued = time.perf_counter() - started
        transaction.rollback()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        render_certificates(result.issued, os.path.join(tmp, "batch.pdf"), fonts)
        rendered = time.perf_counter() - started
    count = len(result.issued)
    return [
        row(f"certificates: issue {count} in one batch", issued, "s", None, "(info)"),
        row(f"certificates: render {count} pages in one PDF", rendered, "s", None, "(info)"),
    ]


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


def _compiled(folder):
    """The environment of the measured processes: the program's bytecode compiled into
    ``folder`` (as an installation has it), read from there."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=folder)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    sources = ["main.py", "gjz_registry", "db", "reports"]
    argv = [sys.executable, "-m", "compileall", "-q", *sources]
    subprocess.run(argv, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    return env


def _run(argv, env=None):
    """(wall seconds, CPU seconds of the child) of one run of ``argv``."""
    before = _children_cpu()
    started = time.perf_counter()
    subprocess.run(argv, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env=env)
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
        env = _compiled(os.path.join(tmp, "bytecode"))
        best = {}
        for _ in range(REPEAT):
            for name, argv in (("ours", ours), ("bare", bare)):
                wall, cpu = _run(argv, env)
                old = best.get(name, (wall, cpu))
                best[name] = (min(old[0], wall), min(old[1], cpu))
    (wall, cpu), (base_wall, base_cpu) = best["ours"], best["bare"]
    ok = wall <= RATIO_BOUND * base_wall
    name = f"list PDF end to end: gjz report, {len(spec['rows'])} rows"
    return [
        row(name, wall, "s", base_wall, f"ratio ≤ {RATIO_BOUND}", ok),
        row(f"{name} CPU", cpu, "s", base_cpu, "(info)"),
    ]
