"""Benchmarks of gjz-registry, each measure printed beside a bare-library baseline.

    python bench/run.py                  # 100 000 demo enterprises
    python bench/run.py --quick          # 20 000
    python bench/run.py --enterprises N [--seed S] [--keep DB]
    python bench/run.py --db DB          # measure an existing demo database (no generation)
    python bench/run.py --engine postgresql --pg-url postgresql://user@host:port
                                         # the search, list, exchange and concurrency
                                         # measures on PostgreSQL too
    python bench/run.py --scale 1000000 [--db DB | --keep DB] [--engine postgresql …]
                                         # only the scale rows (bench/scale_measures.py)
    python bench/run.py --instructions   # only the 50 000-row import and its floor by
                                         # instruction count (bench/instruction_measures.py;
                                         # needs valgrind, about 5 minutes)

Builds a temporary SQLite database (migrations + gjz_registry.demo), prints how long the demo
generation took, then runs every function in ``MEASURES``.  A measure takes the
:class:`Context` and returns rows ``{measure, value, unit, baseline, ratio, bound, ok}``;
``value``/``baseline`` are numbers (or None), ``bound`` is the text of the rule and ``ok``
whether it holds.  Add a measure by writing such a function and appending it to MEASURES.

Search measures time ``search.find_ids(db, text, 50)`` over ~200 query strings of one kind
taken from the demo data (all different, except "first keystrokes", which repeats the few
common prefixes in their real proportions) against the baseline a naive implementation would
use: ``SELECT id FROM enterprise WHERE name LIKE '%q%' OR name_initials LIKE '%q%' OR
credit_code LIKE 'q%' LIMIT 50`` on the same table through the raw sqlite3 connection.
The bounds: median < 10 ms and median ≤ 0.5 × the baseline's median (on the PostgreSQL copy
the median alone: see compare_search).  Exit status 1 when a
bound fails (tests never assert timings; this script is where they are checked).
"""

import argparse
import dataclasses
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import concurrency_measures  # noqa: E402  (bench/concurrency_measures.py)
import engine_measures  # noqa: E402  (bench/engine_measures.py)
import exchange_measures  # noqa: E402  (bench/exchange_measures.py)
import instruction_measures  # noqa: E402  (bench/instruction_measures.py: --instructions)
import list_measures  # noqa: E402  (bench/list_measures.py)
import scale_measures  # noqa: E402  (bench/scale_measures.py: --scale N)
import ui_measures  # noqa: E402  (bench/ui_measures.py; needs a display: run under xvfb-run)
from list_measures import bench_registry  # noqa: E402

from db import migrations  # noqa: E402
from db.database import open_database  # noqa: E402
from gjz_registry import demo  # noqa: E402
from gjz_registry.services import search  # noqa: E402

QUERIES = 200
LIMIT = 50
MEDIAN_BOUND_MS = 10.0
RATIO_BOUND = 0.5
GENERATION_BOUND_S = 60.0  # for 100 000 enterprises; scaled for other sizes
BASELINE_SQL = (
    "SELECT id FROM enterprise WHERE name LIKE ? OR name_initials LIKE ? OR credit_code LIKE ?"
    " LIMIT 50"
)


@dataclasses.dataclass
class Context:
    db: object  # the peewee database
    enterprises: int
    generation_seconds: float
    rng: random.Random
    server: bool = False  # the PostgreSQL copy (rows marked [postgresql])

    @property
    def raw(self):
        """The bare driver connection under peewee (for baselines)."""
        return self.db.connection()

    def sql(self, text):
        """``text`` (written with ``?`` parameters) in the database's parameter style."""
        if self.db.param == "?":
            return text
        return text.replace("%", "%%").replace("?", "%s")


# --- helpers ------------------------------------------------------------------------------
def row(measure, value, unit, baseline=None, bound="", ok=True):
    ratio = value / baseline if value is not None and baseline else None
    return dict(
        measure=measure, value=value, unit=unit, baseline=baseline, ratio=ratio, bound=bound, ok=ok
    )


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def time_each(function, queries):
    """Milliseconds per query (one untimed warm-up pass over all queries first)."""
    for q in queries:
        function(q)
    samples = []
    for q in queries:
        started = time.perf_counter()
        function(q)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def sample_column(ctx, column, count):
    total = ctx.db.execute_sql("SELECT MAX(id) FROM enterprise").fetchone()[0]
    ids = ctx.rng.sample(range(1, total + 1), min(total, count))
    marks = ",".join("?" * len(ids))
    sql = f"SELECT {column} FROM enterprise WHERE id IN ({marks}) ORDER BY id"
    return [r[0] for r in ctx.db.execute_sql(ctx.sql(sql), ids)]


def distinct(values, count=QUERIES):
    seen = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
        if len(seen) == count:
            break
    return seen


def compare_search(ctx, label, queries, ratio_bound=True):
    """Rows for median and p95 of find_ids against the LIKE baseline.

    ``ratio_bound=False`` keeps only the absolute bound (for one- and two-letter first
    keystrokes the LIKE baseline stops after the first 50 rows in table order, unranked,
    which costs microseconds; ranking prefix matches first cannot be half of that, and
    does not need to be: both are far under a keystroke's budget)."""
    if ctx.server:
        # On the server the bare LIKE runs on the same table, whose pg_trgm and prefix
        # indexes (the search's own) serve it once the server has statistics (autovacuum's
        # analyse): then it is no naive scan — 0.26–0.38 ms at 100 000 enterprises, against
        # 4–267 ms in runs before the analyse — and half of it is no rule.  Issue 15's bound
        # for the server is the median alone; the baseline stays printed.
        ratio_bound = False
    ours = time_each(lambda q: search.find_ids(ctx.db, q, LIMIT), queries)
    raw, baseline_sql = ctx.raw, ctx.sql(BASELINE_SQL)

    def baseline(q):
        return raw.execute(baseline_sql, (f"%{q}%", f"%{q.lower()}%", f"{q}%")).fetchall()

    base = time_each(baseline, queries)
    median, base_median = statistics.median(ours), statistics.median(base)
    ok = median < MEDIAN_BOUND_MS and (not ratio_bound or median <= RATIO_BOUND * base_median)
    name = f"search {label} ({len(queries)} q)"
    bound = f"< {MEDIAN_BOUND_MS:g} ms" + (f", ratio ≤ {RATIO_BOUND}" if ratio_bound else "")
    return [
        row(f"{name} median", median, "ms", base_median, bound, ok),
        row(f"{name} p95", percentile(ours, 0.95), "ms", percentile(base, 0.95), "(info)"),
    ]


# --- measures -----------------------------------------------------------------------------
def measure_generation(ctx):
    if ctx.generation_seconds is None:
        return []  # measuring an existing database (--db)
    bound = GENERATION_BOUND_S * max(ctx.enterprises, 20_000) / 100_000
    return [
        row(
            f"demo generate {ctx.enterprises} enterprises",
            ctx.generation_seconds,
            "s",
            None,
            f"< {bound:g} s",
            ctx.generation_seconds < bound,
        )
    ]


def measure_name_fragment(ctx):
    """Two Chinese characters from inside a real name (the trade name part)."""
    names = sample_column(ctx, "name", QUERIES * 3)
    fragments = []
    for name in names:
        core = name[2:] if name.startswith("大连") else name
        start = ctx.rng.randrange(0, max(1, min(3, len(core) - 6)))
        fragment = core[start : start + 2]
        if all("\u4e00" <= c <= "\u9fff" for c in fragment):
            fragments.append(fragment)
    return compare_search(ctx, "name fragment", distinct(fragments))


def measure_initials(ctx):
    """The first 3–4 letters of a real name's pinyin initials."""
    initials = sample_column(ctx, "name_initials", QUERIES * 3)
    prefixes = [i[: ctx.rng.choice((3, 4))] for i in initials]
    return compare_search(ctx, "pinyin initials", distinct(prefixes))


def measure_code_prefix(ctx):
    """The first 10 characters of a real credit code (padded with 11–12 when too few)."""
    codes = sample_column(ctx, "credit_code", QUERIES * 20)
    queries = distinct(c[:10] for c in codes)
    for length in (11, 12):
        if len(queries) < QUERIES:
            queries = distinct(queries + [c[:length] for c in codes])
    return compare_search(ctx, "credit-code prefix", queries)


def measure_pinyin_inside(ctx):
    """Latin text from inside a name: the trade name's full pinyin (华信 → huaxin) or the
    initials after 大连 (dlhxkjyxgs → hxkj) — what the prefix tiers cannot answer."""
    rows = ctx.db.execute_sql(
        ctx.sql(
            "SELECT name, name_initials FROM enterprise WHERE name LIKE '大连%' AND id % 97 = 0"
        )
    ).fetchall()
    ctx.rng.shuffle(rows)
    queries = []
    for i, (name, initials) in enumerate(rows):
        if i % 2:
            queries.append(search.pinyin_keys(name[2:4])[0])
        else:
            queries.append(initials[2 : 2 + ctx.rng.choice((3, 4))])
    return compare_search(ctx, "pinyin inside name", distinct(queries))


def measure_common_syllables(ctx):
    """The three-letter pieces most frequent in the names' pinyin (ang, ong, gsi, kej…): each
    is in the pinyin of thousands of names and in few initials, the case where a trigram index
    without column lists would check every pinyin match against the initials first."""
    from collections import Counter

    sql = ctx.sql("SELECT name_pinyin FROM enterprise WHERE id % 97 = 0 ORDER BY id")
    rows = ctx.db.execute_sql(sql).fetchall()
    counts = Counter(p[i : i + 3] for (p,) in rows for i in range(len(p) - 2))
    queries = [piece for piece, _ in counts.most_common(QUERIES)]
    return compare_search(ctx, "common pinyin syllables", queries, ratio_bound=False)


def measure_first_keystrokes(ctx):
    """What the box holds after one or two keystrokes (大, 大连, d, dl, da, dal…), in the
    proportions real names give them — so mostly the common prefixes, repeated."""
    rows = ctx.db.execute_sql(
        ctx.sql(
            "SELECT name, name_pinyin, name_initials FROM enterprise WHERE id % 97 = 0 ORDER BY id"
        )
    ).fetchall()
    queries = []
    for name, pinyin, initials in rows[: QUERIES // 5]:
        queries += [name[:1], name[:2], initials[:1], initials[:2], pinyin[:2]]
    label = f"first keystrokes, {len(set(queries))} distinct"
    return compare_search(ctx, label, queries, ratio_bound=False)


DEMO_TODAY = datetime.date(2024, 11, 27)


def measure_list_end_to_end(ctx):
    """``gjz report high-tech-list`` of the demo's year in a subprocess against a bare
    reportlab build of the same rows in its own (bench/list_measures.py)."""
    return list_measures.measure_list_end_to_end(ctx, bench_registry(ctx), DEMO_TODAY.year)


def measure_list_pages(ctx):
    return engine_measures.measure_list_pages(ctx, bench_registry(ctx))


# What ``--engine postgresql`` measures again on the server (rows marked [postgresql]).
SERVER_MEASURES = [
    measure_name_fragment,
    measure_initials,
    measure_code_prefix,
    measure_pinyin_inside,
    measure_common_syllables,
    measure_first_keystrokes,
    measure_list_pages,
]
# Measures of other modules on the server: measure(base_url, url of the copy) -> rows.
SERVER_MODULE_MEASURES = [
    exchange_measures.server_measures,
    concurrency_measures.server_measures,
]
MEASURES = [
    measure_generation,
    *SERVER_MEASURES,
    list_measures.measure_list_render,
    measure_list_end_to_end,
    list_measures.measure_certificate_batch,
    exchange_measures.measure_export,
    exchange_measures.measure_import,
    exchange_measures.measure_import_memory,
    concurrency_measures.measure_concurrency,
    *ui_measures.MEASURES,
]


# --- running ------------------------------------------------------------------------------
def build(path, enterprises, seed):
    db = open_database(path)
    migrations.migrate(db, True)
    started = time.perf_counter()
    demo.generate(db, enterprises, seed=seed, today=DEMO_TODAY)
    return db, time.perf_counter() - started


def fmt(value, digits=3):
    if value is None:
        return "—"
    return f"{value:.{digits}f}"


def print_table(rows):
    header = ("measure", "value", "baseline", "ratio", "bound", "result")
    lines = [
        (
            r["measure"],
            f"{fmt(r['value'])} {r['unit']}",
            f"{fmt(r['baseline'])} {r['unit']}" if r["baseline"] is not None else "—",
            fmt(r["ratio"], 2),
            r["bound"],
            "pass" if r["ok"] else "FAIL",
        )
        for r in rows
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines, strict=True)]
    for line in [header] + lines:
        print("  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)).rstrip())


def server_rows(base_url, sqlite_file, count, seed):
    """SERVER_MEASURES on a PostgreSQL copy of the benchmark database, marked [postgresql]."""
    if not base_url:
        raise SystemExit("--engine postgresql needs --pg-url postgresql://user@host:port")
    url, rows = engine_measures.postgres_database(base_url, sqlite_file)
    try:
        db = open_database(url)
        ctx = Context(db, count, None, random.Random(seed), server=True)
        for measure in SERVER_MEASURES:
            try:
                measured = measure(ctx)
            except Exception as exc:  # a measure the server cannot run yet: say which, go on
                db.rollback()
                reason = str(exc).strip().splitlines()[0][:70]
                measured = [row(f"{measure.__name__}: {reason}", None, "", None, "error", False)]
            rows += [dict(r, measure="[postgresql] " + r["measure"]) for r in measured]
        db.close()
        for measure in SERVER_MODULE_MEASURES:  # their own databases, or the copy at url
            rows += measure(base_url, url)
    finally:
        engine_measures.drop(base_url, url)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description="gjz-registry benchmarks")
    parser.add_argument("--quick", action="store_true", help="20 000 enterprises")
    parser.add_argument("--enterprises", type=int, help="number of demo enterprises")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", metavar="DB", help="build the database here and keep it")
    parser.add_argument("--db", metavar="DB", help="measure an existing demo database instead")
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("GJZ_BENCH_PG_URL"),
        help="PostgreSQL server for --engine postgresql: postgresql://user@host:port",
    )
    scale_measures.add_options(parser)
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="only the import and its floor by instruction count (valgrind)",
    )
    args = parser.parse_args(argv)
    if args.instructions:
        rows = instruction_measures.measure()
        print_table(rows)
        return 0 if all(r["ok"] for r in rows) else 1
    if args.scale:
        return scale_measures.run(args, sys.modules[__name__])
    count = args.enterprises or (20_000 if args.quick else 100_000)
    folder = None
    if args.keep or args.db:
        path = args.keep or args.db
    else:
        folder = tempfile.mkdtemp(prefix="gjz-bench-")
        path = os.path.join(folder, "bench.db")
    try:
        if args.db:
            db, seconds = open_database(args.db), None
            count = db.execute_sql("SELECT COUNT(*) FROM enterprise").fetchone()[0]
        else:
            db, seconds = build(path, count, args.seed)
            print(f"demo generation: {count} enterprises in {seconds:.1f} s")
        ctx = Context(db, count, seconds, random.Random(args.seed))
        rows = [r for measure in MEASURES for r in measure(ctx)]
        db.close()
        if args.engine == "postgresql":
            rows += server_rows(args.pg_url, path, count, args.seed)
        print_table(rows)
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
