"""List-page measures and the PostgreSQL side of bench/run.py (``--engine postgresql``).

- list pages (both engines): ``registry.enterprises.list`` as the client's list asks for it —
  the first page (100 rows, by name), the first page filtered to 高新技术企业 holding a valid
  certificate, and a deep page (page 5 000, or the last page of a smaller database) — the
  median of 5 calls each.  Bound: ≤ 0.5 s each.
- PostgreSQL: the benchmark's SQLite database is copied into a new database on the server
  named by ``--pg-url`` (``postgresql://user@host:port``; the database ``gjz_bench_<pid>`` is
  created there and dropped afterwards) with ``gjz db copy``'s own function — the copy's
  time and its verification are a row — and run.py's search and list measures run again on
  it, their rows marked ``[postgresql]``, beside the SQLite rows of the same run.
"""

import os
import statistics
import time

PAGE = 100
DEEP_PAGE = 5_000
LIST_BOUND_S = 0.5
REPEAT = 5


def row(measure, value, unit, baseline=None, bound="", ok=True):
    """A result row in run.py's format."""
    ratio = value / baseline if value is not None and baseline else None
    return dict(
        measure=measure, value=value, unit=unit, baseline=baseline, ratio=ratio, bound=bound, ok=ok
    )


def _median_seconds(function):
    function()  # warm
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def measure_list_pages(ctx, registry):
    """First page, 高企-filtered first page and a deep page of the enterprise list."""
    total = registry.enterprises.list(limit=1).total
    deep = min(DEEP_PAGE - 1, max(0, (total - 1) // PAGE))
    cases = {
        "first page": dict(),
        "高企 first page": dict(qualification="高新技术企业"),
        f"page {deep + 1}": dict(offset=deep * PAGE),
    }
    rows = []
    for label, options in cases.items():
        seconds = _median_seconds(lambda o=options: registry.enterprises.list(limit=PAGE, **o))
        bound = f"≤ {LIST_BOUND_S} s"
        rows.append(
            row(f"list {label} ({PAGE} rows)", seconds, "s", None, bound, seconds <= LIST_BOUND_S)
        )
    return rows


def postgres_database(base_url, sqlite_file):
    """A new database on the server at ``base_url`` holding a copy of ``sqlite_file``;
    returns (url, rows) where rows are the copy's result rows.  Drop it with :func:`drop`."""
    from gjz_registry.dbcopy import copy_registry

    url = f"{base_url.rstrip('/')}/gjz_bench_{os.getpid()}"
    _admin(base_url, f'DROP DATABASE IF EXISTS "{_name(url)}"')
    _admin(base_url, f'CREATE DATABASE "{_name(url)}"')
    started = time.perf_counter()
    result = copy_registry(sqlite_file, url)
    seconds = time.perf_counter() - started
    total = sum(t.source_rows for t in result.tables)
    name = f"[postgresql] gjz db copy of the bench database ({total} rows, checksums equal)"
    return url, [row(name, seconds, "s", None, "(info)", result.ok)]


def drop(base_url, url):
    _admin(base_url, f'DROP DATABASE IF EXISTS "{_name(url)}" WITH (FORCE)')


def _name(url):
    return url.rsplit("/", 1)[1]


def _admin(base_url, sql):
    import psycopg

    with psycopg.connect(f"{base_url.rstrip('/')}/postgres", autocommit=True) as conn:
        conn.execute(sql)
