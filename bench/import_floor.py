"""The floor of the 50 000-row import on each engine (bench/exchange_measures.py): what bare
driver code needs to write the very rows the import wrote — the enterprises, residencies,
qualifications and audit rows, values already converted, into the same schema with its
indexes and search tables, in one transaction.  No workbook, no Python checks, no pinyin.

- SQLite (sqlite3): the program's own pragmas; the enterprise table's ordinary indexes and
  its trigram trigger dropped first and made again at the end (the import does the same:
  for a load at least as large as the table that is the fastest way, and WAL readers are
  not held up by it), the trigram index filled by one ``INSERT … SELECT``, the character
  search table by ``executemany`` (faster than multi-row statements for that table), the
  rest by multi-row INSERTs.
- PostgreSQL (psycopg 3): ``COPY … FROM STDIN`` per table into live indexes (the import
  keeps them too: dropping an index takes a lock that would stop every other client's
  searches and lists until the import ends).

Each function returns (wall seconds, CPU seconds) of the timed part (the rows are fetched
before); the CPU of the server's work is not this process's, so PostgreSQL's is None.
"""

import os
import shutil
import sqlite3
import time

TABLES = ("enterprise", "residency", "qualification", "audit_log")
# PostgreSQL's own search rows (the short-fragment grams, migration 0017), keyed by
# enterprise_id; SQLite's search tables are filled apart (sqlite_bare_writes)
POSTGRES_SEARCH_TABLES = ("enterprise_gram",)


def sqlite_bare_writes(imported, empty, around=None):
    """Seconds for bare sqlite3 to write what the import into ``imported`` wrote, into a
    copy of ``empty`` (the database the import started from).  ``around``: a pair of
    functions called just before and just after the timed part (bench/instruction_measures.py
    counts the instructions between them)."""
    from db.database import SQLITE_PRAGMAS

    source = sqlite3.connect(imported)
    tables = {name: source.execute(f"SELECT * FROM {name}").fetchall() for name in TABLES}
    search_rows = source.execute("SELECT rowid, chars, py, ini FROM enterprise_search").fetchall()
    source.close()
    target = empty + ".floor.db"
    shutil.copyfile(empty, target)
    con = sqlite3.connect(target, isolation_level=None)
    for name, value in SQLITE_PRAGMAS.items():  # the program's own settings (page cache…)
        con.execute(f"PRAGMA {name}={value}")
    known = {name: {r[0] for r in con.execute(f"SELECT id FROM {name}")} for name in tables}
    if around:
        around[0]()
    start, cpu = time.perf_counter(), time.process_time()
    con.execute("BEGIN IMMEDIATE")
    trigger = con.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'enterprise_trigram_ai'"
    ).fetchone()[0]
    indexes = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'enterprise'"
        " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"
    ).fetchall()
    con.execute("DROP TRIGGER enterprise_trigram_ai")
    for name, _ in indexes:
        con.execute(f'DROP INDEX "{name}"')
    for name, rows in tables.items():
        _insert(con, f"INSERT INTO {name} VALUES ", [r for r in rows if r[0] not in known[name]])
    con.execute(
        "INSERT INTO enterprise_trigram (rowid, name, name_pinyin, name_initials)"
        " SELECT id, name, name_pinyin, name_initials FROM enterprise"
    )
    con.executemany(
        "INSERT INTO enterprise_search (rowid, chars, py, ini) VALUES (?, ?, ?, ?)", search_rows
    )
    con.execute(trigger)
    for _, sql in indexes:
        con.execute(sql)
    con.execute("COMMIT")
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if around:
        around[1]()
    con.close()
    for leftover in (target, target + "-wal", target + "-shm"):
        if os.path.exists(leftover):
            os.remove(leftover)
    return seconds, cpu


def _insert(con, head, rows):
    """Many rows per statement."""
    if not rows:
        return
    one = "(" + ", ".join("?" * len(rows[0])) + ")"
    per = max(1, 999 // len(rows[0]))
    for start in range(0, len(rows), per):
        chunk = rows[start : start + per]
        con.execute(head + ", ".join([one] * len(chunk)), [v for r in chunk for v in r])


def postgres_bare_copy(imported_url, floor_url):
    """Seconds for bare psycopg to COPY what the import into ``imported_url`` wrote into
    ``floor_url`` (a copy of the database the import started from)."""
    import psycopg

    names = TABLES + POSTGRES_SEARCH_TABLES
    with psycopg.connect(imported_url) as source:
        tables = {}
        for name in names:
            cursor = source.execute(f'SELECT * FROM "{name}" ORDER BY 1')
            tables[name] = ([d.name for d in cursor.description], cursor.fetchall())
    with psycopg.connect(floor_url) as con:
        known = {
            n: {r[0] for r in con.execute(f'SELECT {tables[n][0][0]} FROM "{n}"')} for n in names
        }
        rows = {name: [r for r in tables[name][1] if r[0] not in known[name]] for name in names}
        con.commit()
        start = time.perf_counter()
        with con.transaction():
            for name in names:
                columns = ", ".join(f'"{c}"' for c in tables[name][0])
                with con.cursor().copy(f'COPY "{name}" ({columns}) FROM STDIN') as copy:
                    for row in rows[name]:
                        copy.write_row(row)
        return time.perf_counter() - start, None
