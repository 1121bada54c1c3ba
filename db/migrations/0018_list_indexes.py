"""Migration 0018: indexes the enterprise list needs at a million enterprises.

- Every column the list sorts by is ordered together with the id that breaks its ties, so a
  page (keyset or OFFSET, services.paging) is read from one index without sorting: on SQLite
  an index on the column alone already is (its entries end with the rowid) — only 成立日期 and
  更新时间 had none; on PostgreSQL (column, id) (db/engines ``index_ends_with_id``).
- The 资质 filter (services.validity.valid_on, asked once as ``id IN (…)``) reads the
  qualifications of a kind that have not expired yet from one covering index instead of every
  qualification of the kind and its row: at a million enterprises, 48 000 index entries
  instead of 362 000 rows for 高新技术企业.
"""

from db import engines

NAME = "list_indexes"

SORTED = ("name_pinyin", "industry_id", "stage", "founded_on", "updated_at", "status")
INDEXED_ALONE = ("name_pinyin", "industry_id", "stage", "status")  # by migration 0001
VALID_COLUMNS = "kind, expires_on, granted_on, year, revoked_on, superseded_by_id, enterprise_id"


def up(db, is_sqlite):
    with_id = not engines.of(db).index_ends_with_id
    for column in SORTED:
        if with_id:
            columns = f"{column}, id"
        elif column in INDEXED_ALONE:
            continue
        else:
            columns = column
        db.execute_sql(
            f"CREATE INDEX IF NOT EXISTS enterprise_{column}_sort ON enterprise ({columns})"
        )
    db.execute_sql(
        f"CREATE INDEX IF NOT EXISTS qualification_kind_valid ON qualification ({VALID_COLUMNS})"
    )
