"""Commands on whole databases: ``gjz db copy SOURCE TARGET``.

Not run against the ``--db`` registry: both databases are named on the command line (an
SQLite file path, ``sqlite:///…`` or ``postgresql://…``; a password in a URL is masked
wherever it is printed).  The copy itself is gjz_registry.dbcopy; this module prints the
per-table verification, source and target side by side.
"""

from gjz_registry import cli_output as out
from gjz_registry import cli_texts as T
from gjz_registry.cli_common import EXIT_OK, Parser, UsageError

# Commands of this module that open their own databases instead of the --db registry.
OWN_DATABASES = ("db",)


def register(sub):
    db = sub.add_parser("db", help="整库操作：在 SQLite 文件与 PostgreSQL 数据库之间复制")
    actions = db.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    copy = actions.add_parser(
        "copy", help="把整个数据库复制到一个空的目标库（SQLite 文件或 postgresql:// 地址）"
    )
    copy.add_argument("source", metavar="SOURCE_DB", help="源数据库：文件路径或 postgresql://…")
    copy.add_argument(
        "target", metavar="TARGET_DB", help="目标：新的 SQLite 文件，或空的 PostgreSQL 数据库"
    )
    return {"db": cmd_db}


def cmd_db(args):
    if args.action != "copy":
        raise UsageError(T.DB_USAGE)
    from gjz_registry.dbcopy import copy_registry

    result = copy_registry(args.source, args.target)
    out.table(
        T.DB_COPY_HEADERS,
        [
            (
                t.table,
                t.source_rows,
                t.target_rows,
                t.source_checksum[:16],
                t.target_checksum[:16],
                T.DB_COPY_SAME if t.same else T.DB_COPY_DIFFERENT,
            )
            for t in result.tables
        ],
    )
    rows = sum(t.source_rows for t in result.tables)
    print(T.DB_COPY_DONE.format(source=result.source, target=result.target, rows=rows))
    return EXIT_OK
