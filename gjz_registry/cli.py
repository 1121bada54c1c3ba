"""The command line: ``gjz …`` or ``python main.py …`` (DESIGN §8).

It parses arguments, calls the facade and prints; it decides nothing.  RegistryError messages
are printed as one Chinese line on stderr with exit code 2; anything else is logged with its
traceback and reported as 「内部错误，详情见日志」.  Exit codes: 0 done, 1 done with rejected
rows, 2 error.
"""

import argparse
import getpass
import os
import sys
import time

import gjz_registry
from db.engines import shown
from db.engines.postgresql import PASSWORD_FILE_VARIABLE as DB_PASSWORD_FILE
from gjz_registry import (
    cli_admin,
    cli_chain,
    cli_db,
    cli_exchange,
    cli_plan,
    cli_reports,
    cli_targets,
    logs,
    paths,
)
from gjz_registry import cli_output as out
from gjz_registry import cli_texts as T
from gjz_registry.cli_common import EXIT_ERROR, EXIT_OK, Parser, UsageError
from gjz_registry.dberrors import classify
from gjz_registry.errors import (
    AuthenticationError,
    DatabaseDamagedError,
    InvalidValueError,
    RegistryError,
)
from gjz_registry.services.logins import show_time
from gjz_registry.textfiles import read_user_text

# Command groups living in their own modules: each has register(subparsers) -> {name: handler}
# and touches only the parsers it adds, so the modules may be imported in any order; this
# tuple's order is the order of the commands in --help.  A new group: a module and an entry here.
COMMAND_MODULES = (cli_chain, cli_reports, cli_exchange, cli_targets, cli_plan, cli_admin, cli_db)


# --- parser ------------------------------------------------------------------------------
def build_parser():
    """The whole parser; command modules add their commands (and handlers) as it is built."""
    p = Parser(prog="gjz", description=T.PROG_DESCRIPTION)
    p.add_argument(
        "--version", action="version", version=gjz_registry.version_line(), help=T.VERSION_HELP
    )
    p.add_argument(
        "--db", help="数据库文件路径（默认：用户数据目录下的 registry.db，或环境变量 GJZ_DB）"
    )
    p.add_argument("--db-url", help="数据库地址，如 sqlite:///x.db 或 postgresql://…")
    p.add_argument("--user", help="以该用户身份登录（默认：本机管理员）")
    p.add_argument("--password-file", help="从文件读取密码（第一行）")
    p.add_argument(
        "--db-password-file",
        help="服务器数据库的密码文件（第一行；不要把密码写进 --db-url；也可用 PGPASSFILE）",
    )
    p.add_argument("--demo", action="store_true", help="打开演示数据库（首次使用时自动生成）")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

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
    search.add_argument("--limit", type=int, default=20)

    user = sub.add_parser("user", help="用户管理").add_subparsers(
        dest="action", metavar="ACTION", parser_class=Parser
    )
    add = user.add_parser("add", help="添加用户")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=["admin", "street", "viewer"])
    add.add_argument("--street", help="街道用户所属街道")
    add.add_argument("--name", help="姓名或显示名")
    add.add_argument("--new-password-file", help="新用户密码文件（否则提示输入）")
    user.add_parser("list", help="列出用户")
    pw = user.add_parser(
        "passwd", help="修改密码（管理员可重设任何人的；其他用户改自己的，需原密码）"
    )
    pw.add_argument("username")
    pw.add_argument("--new-password-file", help="新密码文件（否则提示输入）")
    pw.add_argument(
        "--old-password-file", help="原密码文件（非管理员修改自己的密码时；否则提示输入）"
    )
    for name, text in (
        ("disable", "停用用户"),
        ("enable", "启用用户"),
        ("unlock", "解除连续登录失败造成的锁定"),
    ):
        user.add_parser(name, help=text).add_argument("username")

    for module in COMMAND_MODULES:
        COMMANDS.update(module.register(sub))
    return p


# --- entry point ---------------------------------------------------------------------
def main(argv=None, gui=None):
    """Run one command; ``gui(target, demo=…)`` starts the desktop client (main.py passes
    it).  Returns the exit code.  Whatever it prints passes through cli_output.visible."""
    with out.visible_output():
        return _main(argv, gui)


def _main(argv, gui):
    if gui is not None:
        _front_end["gui"] = gui
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        return dispatch(args)
    except RegistryError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(T.INTERRUPTED, file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stdout = None
        return EXIT_OK
    except SystemExit as exc:  # -h / --help
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except Exception as exc:
        friendly = classify(exc, _opened.get("path"))
        if friendly is not None:
            print(str(friendly), file=sys.stderr)
            return EXIT_ERROR
        log = logs.log_exception("command failed: gjz " + " ".join(map(shown, argv)))
        print(T.INTERNAL_ERROR.format(log=log), file=sys.stderr)
        return EXIT_ERROR


def target_of(args):
    if args.db_url:
        return args.db_url
    if args.db:
        return args.db
    if args.demo:
        return paths.demo_db()
    return paths.default_db()


def dispatch(args):
    logs.setup()
    try:
        paths.data_dir()  # logs, backups and the default database live there
    except OSError as exc:
        raise RegistryError(
            T.DATA_DIR_UNUSABLE.format(folder=exc.filename, reason=exc.strerror or exc)
        ) from None
    if args.db_password_file:  # read where the server database is opened (db/engines)
        os.environ[DB_PASSWORD_FILE] = os.path.abspath(args.db_password_file)
    command = args.command or "gui"
    if command == "gui":
        return run_gui(args)
    handler = COMMANDS[command]
    if command in cli_db.OWN_DATABASES:  # names its databases itself (not --db)
        return handler(args)
    try:
        registry = open_for(args, create=command in ("init", "demo"))
    except DatabaseDamagedError:
        if command == "restore":  # a damaged database is replaced without being opened
            password = password_of(args) if args.user else None
            return cli_admin.restore_damaged(args, target_of(args), password)
        raise
    try:
        return handler(args, registry)
    finally:
        registry.close()


_opened = {}  # the database file of this run, for error messages about who holds it


def open_for(args, create=False):
    """Open the registry the arguments name, as the acting user."""
    from gjz_registry.registry import open_registry

    target = target_of(args)
    if not create and "://" not in target and not os.path.exists(target):
        raise RegistryError(f"数据库「{target}」不存在，请先运行 gjz init（或用 --db 指定文件）")
    _opened["path"] = target
    registry = open_registry(target, check=args.command not in cli_admin.SKIP_INTEGRITY_CHECK)
    if registry.upgraded is not None:  # a notice, not output: stdout may be a file or a pipe
        print(registry.upgraded.message, file=sys.stderr)
    if args.command == "init":
        return registry
    if args.user:
        return registry.login(args.user, password_of(args))
    return registry.as_local_admin()


def password_of(args):
    """The password of ``--user``: from --password-file, else asked on the terminal."""
    if args.password_file:
        return read_password_file(args.password_file)
    return prompt(T.LOGIN_PROMPT.format(user=args.user), T.NO_LOGIN_PASSWORD.format(user=args.user))


def read_password_file(path):
    lines = read_user_text(path, T.PASSWORD_FILE).splitlines()
    first = lines[0] if lines else ""
    if not first:
        raise RegistryError(T.PASSWORD_FILE_EMPTY.format(path=path))
    return first


def prompt(text, missing):
    """A password typed at the terminal; AuthenticationError(``missing``) without one."""
    if not sys.stdin or not sys.stdin.isatty():
        raise AuthenticationError(missing)
    return getpass.getpass(text)


def new_password(file_option, who, missing=None):
    """``who``'s new password: from ``file_option``'s file, else typed twice at the terminal;
    AuthenticationError(``missing``, by default naming ``who``) when neither is there."""
    if file_option:
        return read_password_file(file_option)
    if not sys.stdin or not sys.stdin.isatty():
        raise AuthenticationError(missing or T.NO_NEW_PASSWORD.format(name=who))
    first = getpass.getpass(T.NEW_PASSWORD_PROMPT.format(name=who))
    if getpass.getpass(T.PASSWORD_AGAIN) != first:
        raise InvalidValueError(T.PASSWORD_MISMATCH)
    return first


# --- commands ------------------------------------------------------------------------
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


def cmd_user(args, registry):
    users = registry.users
    if args.action == "add":
        password = new_password(args.new_password_file, args.username)
        record = users.create(args.username, password, args.role, args.street, args.name)
        print(T.USER_ADDED.format(name=record.username, role=record.role_name))
    elif args.action == "list":
        out.table(
            T.USER_HEADERS,
            [
                (
                    u.username,
                    u.display_name,
                    u.role_name,
                    u.street or "—",
                    user_status(u),
                    u.last_login,
                )
                for u in users.list()
            ],
        )
    elif args.action == "passwd":
        old = None
        if not registry.actor.is_admin:  # changing one's own password takes the old one
            old = (
                read_password_file(args.old_password_file)
                if args.old_password_file
                else prompt(
                    T.OLD_PASSWORD_PROMPT.format(name=args.username),
                    T.NO_OLD_PASSWORD,
                )
            )
        new = new_password(args.new_password_file, args.username)
        users.set_password(args.username, new, old)
        print(T.USER_PASSWD.format(name=args.username))
    elif args.action in ("disable", "enable"):
        users.set_active(args.username, args.action == "enable")
        text = T.USER_ENABLED if args.action == "enable" else T.USER_DISABLED
        print(text.format(name=args.username))
    elif args.action == "unlock":
        failures = users.unlock(args.username)
        text = T.USER_UNLOCKED if failures else T.USER_NOT_LOCKED
        print(text.format(name=args.username, failures=failures))
    else:
        raise UsageError("参数错误：user 需要 add/list/passwd/disable/enable/unlock 之一")
    return EXIT_OK


def user_status(record):
    """启用 / 停用, or 「锁定至 …」 while failed logins keep the account locked."""
    if record.active and record.locked_until:
        return T.LOCKED_UNTIL.format(until=show_time(record.locked_until))
    return T.ACTIVE if record.active else T.INACTIVE


# The desktop client, handed in by the entry point (main.py): the domain package never
# imports the user interface (DESIGN §2), so ``gjz gui`` works only through main().
_front_end = {}


def run_gui(args):
    gui = _front_end.get("gui")
    if gui is None:
        raise RegistryError(T.GUI_UNAVAILABLE.format(reason="未提供桌面客户端入口"))
    return gui(target_of(args), demo=args.demo)


COMMANDS = {
    "init": cmd_init,
    "demo": cmd_demo,
    "search": cmd_search,
    "user": cmd_user,
}
