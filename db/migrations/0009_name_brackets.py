"""Migration 0009: organisation names with the registered Chinese brackets （）.

Up to version 8 names were stored NFKC-folded, so 「奥亿飞（大连）科技有限公司」 became
「奥亿飞(大连)科技有限公司」 on saving or importing, and certificates, lists and exports showed the
ASCII brackets.  From now on names keep （） (validators.clean_name); this step converts the
names already stored: enterprise names (their search keys do not change: pinyin skips
brackets; the trigram index follows through its update trigger), carrier names and operator
names.  A carrier whose converted name is already taken keeps its name (carrier names are
unique).  Certificates are left as they were issued.
"""

NAME = "name_brackets"

_CONVERTED = "replace(replace({column}, '(', '（'), ')', '）')"
_HAS_ASCII = "({column} LIKE {param} OR {column} LIKE {param})"
# bound, not written in the SQL: psycopg reads every % in a statement as a placeholder
_ASCII_PATTERNS = ("%(%", "%)%")


def up(db, is_sqlite):
    has = _HAS_ASCII.format(column="name", param=db.param)
    db.execute_sql(
        f"UPDATE enterprise SET name = {_CONVERTED.format(column='name')} WHERE {has}",
        _ASCII_PATTERNS,
    )
    taken = (
        "SELECT 1 FROM carrier AS other"
        f" WHERE other.name = {_CONVERTED.format(column='carrier.name')}"
    )
    db.execute_sql(
        f"UPDATE carrier SET name = {_CONVERTED.format(column='name')}"
        f" WHERE {has} AND NOT EXISTS ({taken})",
        _ASCII_PATTERNS,
    )
    db.execute_sql(
        f"UPDATE carrier SET operator_name = {_CONVERTED.format(column='operator_name')}"
        f" WHERE {_HAS_ASCII.format(column='operator_name', param=db.param)}",
        _ASCII_PATTERNS,
    )
