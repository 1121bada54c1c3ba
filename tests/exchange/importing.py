"""Helpers for the import, undo and export tests: valid enterprise rows and table dumps.

``enterprise_row(n)`` is workbooks.enterprise_row made to pass every rule of the registry
(founded a few months before entering the incubator, distinct certificate numbers), so a
test changes exactly the cell it is about.
"""

import datetime
import sqlite3

from tests.acceptance.test_cli import dump
from tests.exchange import workbooks as W

HEADERS = W.ENTERPRISE_HEADERS
CARRIER = "甘井子区科技孵化器"
COLUMN = {header: index for index, header in enumerate(HEADERS)}


def enterprise_row(n, **changes):
    """A valid 21-column enterprise row; ``changes`` by canonical header."""
    row = W.enterprise_row(n)
    row[COLUMN["成立日期"]] = datetime.date(2019, 1, 1) + datetime.timedelta(days=n % 300)
    row[COLUMN["高新技术企业证书编号"]] = f"GR2023210{n:05d}"
    row[COLUMN["科技型中小企业入库登记编号"]] = f"2024210211A{n:07d}"
    for header, value in changes.items():
        row[COLUMN[header]] = value
    return row


def enterprise_rows(count, start=1, **changes):
    """The header and ``count`` valid rows numbered from ``start``."""
    return [list(HEADERS)] + [enterprise_row(n, **changes) for n in range(start, start + count)]


def plain_rows(count, start=1):
    """Rows without the chain and certificate columns (the first 13 and 备注)."""
    keep = list(range(13)) + [20]
    rows = enterprise_rows(count, start)
    return [[row[i] for i in keep] for row in rows]


def add_carrier(registry, name=CARRIER, kind="孵化器", street="大连湾街道"):
    return registry.carriers.create({"name": name, "kind": kind, "street": street})


def content(target, skip=("audit_log", "import_batch")):
    """Every table's rows without the audit trail and batches (``skip``) and without the
    full-text indexes' shadow tables, whose pages differ after an insert and a delete even
    when the index holds the same entries (searches check those).  ``target``: a SQLite
    file, or a PostgreSQL database's URL (the engine-parametrised ``db_target``)."""
    if "://" in str(target):
        return {t: rows for t, rows in dump(target).items() if t not in skip}
    con = sqlite3.connect(target)
    try:
        virtual = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
        ]
    finally:
        con.close()
    return {
        table: rows
        for table, rows in dump(target).items()
        if table not in skip and not any(table.startswith(v) for v in virtual)
    }


__all__ = ["W", "dump"]
