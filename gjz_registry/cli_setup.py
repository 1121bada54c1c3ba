"""Commands that set a registry up or look into it: ``gui`` (handled by cli.dispatch, which
hands it to the desktop client), ``init``, ``demo`` and ``search``."""

import argparse
import time

from gjz_registry import cli_output as out
from gjz_registry import cli_texts as T
from gjz_registry.cli_common import EXIT_OK, count
from gjz_registry.cli_passwords import new_password


def register(sub):
    """Add gui, init, demo and search to the subparsers ``sub``; {name: handler}."""
    sub.add_parser("gui", help="启动桌面客户端（不带命令时的默认行为）")
    init = sub.add_parser("init", help="创建或升级数据库并写入基础数据（可重复运行）")
    init.add_argument("--password-file", default=argparse.SUPPRESS, help="管理员密码文件")
    demo = sub.add_parser("demo", help="在空数据库中生成演示数据（管理员）")
    demo.add_argument("--enterprises", type=int, default=2000, help="企业数量（默认 2000）")
    demo.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同数据）")
    demo.add_argument(
        "--force", action="store_true", help="数据库中已有其他用户时仍然写入（演示账户密码公开）"
    )

    search = sub.add_parser("search", help="按名称、拼音、首字母或信用代码查找企业")
    search.add_argument("text")
    search.add_argument("--limit", type=count, default=20)
    return {"init": cmd_init, "demo": cmd_demo, "search": cmd_search}


def cmd_init(args, registry):
    where = registry.where
    if registry.has_users():
        print(T.INIT_UPGRADED.format(path=where, version=registry.schema_version()))
        return EXIT_OK
    password = new_password(args.password_file, "admin", T.NO_PASSWORD)
    registry.as_local_admin().users.create("admin", password, "admin", display_name="管理员")
    print(T.INIT_CREATED.format(path=where, version=registry.schema_version()))
    return EXIT_OK


def cmd_demo(args, registry):
    from gjz_registry.demo_accounts import describe

    started = time.perf_counter()
    summary, created = registry.demo.fill(args.enterprises, args.seed, force=args.force)
    print(
        T.DEMO_DONE.format(
            enterprises=summary.enterprises,
            carriers=summary.carriers,
            residencies=summary.residencies,
            qualifications=summary.qualifications,
            annual=summary.annual_reports,
            carrier_years=summary.carrier_years,
            seconds=time.perf_counter() - started,
        )
    )
    if created:
        print(T.DEMO_ACCOUNTS.format(accounts="；".join(describe(created))))
    return EXIT_OK


def cmd_search(args, registry):
    found = registry.enterprises.search(args.text, limit=args.limit)
    if not found:
        print(T.SEARCH_NONE.format(text=args.text))
        return EXIT_OK
    out.table(
        T.SEARCH_HEADERS,
        [(e.name, e.credit_code, e.street, e.stage or "—", e.status) for e in found],
    )
    return EXIT_OK
