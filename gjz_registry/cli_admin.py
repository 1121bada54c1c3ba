"""Maintenance commands: ``backup [DIR]``, ``restore FILE [--force]``, ``check``."""

import sys

from gjz_registry import cli_texts as T
from gjz_registry.cli_common import EXIT_ERROR, EXIT_OK

# These commands must open a damaged database (to report on it or replace it).
SKIP_INTEGRITY_CHECK = ("restore", "check")


def register(sub):
    b = sub.add_parser("backup", help="立即备份数据库（SQLite 备份接口，写完后做完整性检查）")
    b.add_argument("folder", nargs="?", help="备份目录（默认：设置中的备份目录）")
    r = sub.add_parser("restore", help="用备份文件恢复数据库（先自动备份当前数据库）")
    r.add_argument("file")
    r.add_argument(
        "--force",
        action="store_true",
        help="备份不属于当前数据库（或无法确认）时仍然恢复：当前数据库会被另一个数据库的内容覆盖",
    )
    sub.add_parser("check", help="检查数据库：完整性、外键、孵化链一致性")
    return {"backup": cmd_backup, "restore": cmd_restore, "check": cmd_check}


def cmd_backup(args, registry):
    path = registry.maintenance.backup(args.folder)
    print(T.BACKUP_DONE.format(path=path))
    return EXIT_OK


def cmd_restore(args, registry):
    done = registry.maintenance.restore(args.file, force=args.force)
    if done.warning:
        print(T.RESTORE_FORCED.format(warning=done.warning), file=sys.stderr)
    print(T.RESTORE_DONE.format(source=args.file, safety=done.safety))
    return EXIT_OK


def restore_damaged(args, target, password=None):
    """Replace a database that cannot be opened (damaged) by a backup, keeping a copy; with
    --user the account is checked by the restore itself (the database cannot be opened)."""
    from gjz_registry.services.restore import restore_damaged as replace

    kept = replace(target, args.file, args.user, password, force=args.force)
    print(T.RESTORE_DAMAGED_DONE.format(source=args.file, kept=kept))
    return EXIT_OK


def cmd_check(args, registry):
    report = registry.maintenance.check()
    if report.ok:
        print(T.CHECK_OK.format(count=report.enterprises))
        return EXIT_OK
    print(T.CHECK_PROBLEMS.format(count=len(report.problems)))
    for problem in report.problems:
        print("  " + problem)
    return EXIT_ERROR
