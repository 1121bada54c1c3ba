"""The command line: ``gjz …`` or ``python main.py …`` (DESIGN §8).

It parses arguments, calls the facade and prints; it decides nothing.  RegistryError messages
are printed as one Chinese line on stderr with exit code 2; anything else is logged with its
traceback and reported as 「内部错误，详情见日志」.  Exit codes: 0 done, 1 done with rejected
rows, 2 error.
"""

import os
import sys

import gjz_registry
from db.database import sqlite_path
from db.engines import shown
from db.engines.postgresql import PASSWORD_FILE_VARIABLE as DB_PASSWORD_FILE
from gjz_registry import (
    cli_admin,
    cli_chain,
    cli_db,
    cli_exchange,
    cli_plan,
    cli_reports,
    cli_review,
    cli_setup,
    cli_targets,
    cli_users,
    logs,
    paths,
)
from gjz_registry import cli_output as out
from gjz_registry import cli_texts as T
from gjz_registry.cli_common import EXIT_ERROR, EXIT_OK, Parser
from gjz_registry.cli_passwords import prompt, read_password_file
from gjz_registry.dberrors import classify
from gjz_registry.errors import (
    DatabaseDamagedError,
    RegistryError,
)

# Command groups living in their own modules: each has register(subparsers) -> {name: handler}
# and touches only the parsers it adds, so the modules may be imported in any order; this
# tuple's order is the order of the commands in --help.  A new group: a module and an entry here.
COMMAND_MODULES = (
    cli_setup,
    cli_users,
    cli_chain,
    cli_reports,
    cli_exchange,
    cli_targets,
    cli_plan,
    cli_review,
    cli_admin,
    cli_db,
)


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
    path = sqlite_path(target)  # None for a server; sqlite:///… names a file as --db does
    if not create and path not in (None, ":memory:") and not os.path.exists(path):
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


# The desktop client, handed in by the entry point (main.py): the domain package never
# imports the user interface (DESIGN §2), so ``gjz gui`` works only through main().
_front_end = {}


def run_gui(args):
    gui = _front_end.get("gui")
    if gui is None:
        raise RegistryError(T.GUI_UNAVAILABLE.format(reason="未提供桌面客户端入口"))
    return gui(target_of(args), demo=args.demo)


COMMANDS = {}  # command name → handler, filled by the COMMAND_MODULES as the parser is built
