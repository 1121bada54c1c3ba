"""Scale rows: a million enterprises on SQLite and on PostgreSQL (``bench/run.py --scale N``).

    python bench/run.py --scale 1000000 --keep m1.db          # generate once, keep the file
    python bench/run.py --scale 1000000 --db m1.db --engine postgresql --pg-url URL

On a database of N demo enterprises: the search median of each query kind (run.py's search
measures, ``--scale-queries`` queries each — the LIKE baseline reads the whole table for a
rare text, so 200 of them would take minutes), the enterprise list's first page, its
高企-filtered first page and page 5 000 (engine_measures.measure_list_pages: a jump, OFFSET
over ids from the nearer end), and the page after page 5 000 found from its last row's key
(keyset paging, services.paging) — the client's next page.  Bounds: search median < 10 ms,
each list page ≤ 0.5 s.

PostgreSQL: the rows are measured again on ``gjz_scale_<N>`` on the server at ``--pg-url``,
loaded from the SQLite file the first time (:func:`kept_server_copy`) and kept; a later run
finds it holding N enterprises and reuses it.
"""

import random

import engine_measures

from db.database import open_database

SCALE_QUERIES = 50


def add_options(parser):
    parser.add_argument(
        "--scale",
        type=int,
        metavar="N",
        help="only the scale rows, on N demo enterprises (with --db: that database)",
    )
    parser.add_argument("--scale-queries", type=int, default=SCALE_QUERIES)


def run(args, bench):
    """The scale rows (``bench`` is run.py's module: its Context, measures and table)."""
    if args.db:
        path, db = args.db, open_database(args.db)
        count = db.execute_sql("SELECT COUNT(*) FROM enterprise").fetchone()[0]
    elif args.keep:  # a million enterprises take minutes to make: made once, kept
        path, (db, seconds) = args.keep, bench.build(args.keep, args.scale, args.seed)
        count = args.scale
        print(f"demo generation: {count} enterprises in {seconds:.1f} s")
    else:
        raise SystemExit("--scale needs --keep FILE (to make the database) or --db FILE")
    bench.QUERIES = args.scale_queries
    rows = _marked(f"[{count}] ", measure(bench, db, count, args.seed))
    db.close()
    if args.engine == "postgresql":
        server = open_database(kept_server_copy(args.pg_url, path, count))
        rows += _marked(f"[{count}] [postgresql] ", measure(bench, server, count, args.seed))
        server.close()
    bench.print_table(rows)
    return 0 if all(r["ok"] for r in rows) else 1


def measure(bench, db, count, seed):
    ctx = bench.Context(db, count, None, random.Random(seed))
    registry = bench.bench_registry(ctx)
    searches = (
        bench.measure_name_fragment,
        bench.measure_initials,
        bench.measure_code_prefix,
        bench.measure_pinyin_inside,
        bench.measure_common_syllables,
        bench.measure_first_keystrokes,
    )
    rows = [r for m in searches for r in m(ctx)]
    return rows + engine_measures.measure_list_pages(ctx, registry) + _next_page(registry)


def _next_page(registry):
    """The page after page 5 000 (or the last but one), from page 5 000's last key and with
    its count, as the client's next page asks for it."""
    page = engine_measures.PAGE
    total = registry.enterprises.list(limit=1).total
    deep = min(engine_measures.DEEP_PAGE - 1, max(0, (total - 1) // page - 1))
    shown = registry.enterprises.list(offset=deep * page, limit=page)

    def following():
        return registry.enterprises.list(
            offset=(deep + 1) * page, limit=page, after=shown.last_key, total=shown.total
        )

    seconds = engine_measures._median_seconds(following)
    bound = engine_measures.LIST_BOUND_S
    name = f"list page {deep + 2} after page {deep + 1} (keyset, {page} rows)"
    return [engine_measures.row(name, seconds, "s", None, f"≤ {bound} s", seconds <= bound)]


def kept_server_copy(base_url, sqlite_file, count):
    """The URL of ``gjz_scale_<count>`` on the server holding the tables the scale measures
    read (carriers, enterprises, qualifications; streets and industries are the migrations'
    own) of ``sqlite_file``: made the first time, reused afterwards.  A million enterprises
    through ``gjz db copy`` (row inserts into every index, all tables) take over an hour on
    this machine, so the rows go in by COPY with the tables' ordinary indexes dropped and
    made again afterwards, foreign keys unchecked while loading; then the search index is
    rebuilt and VACUUM ANALYZE run, as after a restore."""
    if not base_url:
        raise SystemExit("--engine postgresql needs --pg-url postgresql://user@host:port")
    url = f"{base_url.rstrip('/')}/gjz_scale_{count}"
    try:
        db = open_database(url)
        held = db.execute_sql("SELECT COUNT(*) FROM enterprise").fetchone()[0]
        db.close()
    except Exception:  # no such database yet, or an empty one
        held = None
    if held != count:
        engine_measures.drop(base_url, url)
        engine_measures._admin(base_url, f'CREATE DATABASE "gjz_scale_{count}"')
        _load(sqlite_file, url)
    return url


LOADED = ("carrier", "enterprise", "qualification")


def _load(sqlite_file, url):
    import psycopg

    from db import copying, migrations
    from gjz_registry.services import search

    source, target = open_database(sqlite_file), open_database(url)
    migrations.migrate(target, False)
    with target.atomic():
        target.execute_sql("SET LOCAL session_replication_role = replica")
        indexes = target.execute_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
            " AND indexdef NOT LIKE 'CREATE UNIQUE%%'",
            (list(LOADED),),
        ).fetchall()
        for name, _ in indexes:
            target.execute_sql(f'DROP INDEX "{name}"')
        for table in LOADED:
            columns = copying.columns_of(target, table)
            kinds = [copying._kind(table, c) for c in columns]
            names = ", ".join(copying.quoted(c) for c in columns)
            rows = copying._select(source, table, columns)
            with target.cursor().copy(f"COPY {copying.quoted(table)} ({names}) FROM STDIN") as cp:
                for values in rows:
                    cp.write_row([copying._to_target(v, k, False) for v, k in zip(values, kinds)])
            print(f"loaded {table}", flush=True)
        for _, definition in indexes:
            target.execute_sql(definition)
        copying.reset_sequences(target, LOADED)
        search.rebuild(target)
    source.close()
    target.close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def _marked(prefix, rows):
    return [dict(r, measure=prefix + r["measure"]) for r in rows]
