"""``gjz user``: add, list, passwd, disable, enable and unlock users."""

from gjz_registry import cli_output as out
from gjz_registry import cli_texts as T
from gjz_registry.cli_common import EXIT_OK, Parser, UsageError
from gjz_registry.cli_passwords import new_password, prompt, read_password_file
from gjz_registry.services.logins import show_time


def register(sub):
    """Add the ``user`` group to the subparsers ``sub``; {name: handler}."""
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
    return {"user": cmd_user}


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
