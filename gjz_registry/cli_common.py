"""What the command-line modules share: the Chinese argparse parser, exit codes, dates,
whole numbers."""

import argparse

from gjz_registry.errors import RegistryError

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2


class UsageError(RegistryError):
    """Bad arguments (argparse errors are turned into this to print one Chinese line)."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line Chinese errors instead of usage text and exit 2."""

    def error(self, message):
        for english, chinese in _ARGPARSE_PHRASES:
            message = message.replace(english, chinese)
        raise UsageError(f"参数错误：{message}（用 -h 查看用法）")


_ARGPARSE_PHRASES = (
    ("unrecognized arguments", "无法识别的参数"),
    ("invalid choice", "无效的选项"),
    ("choose from", "可选"),
    ("the following arguments are required", "缺少必需的参数"),
    ("expected one argument", "需要一个参数值"),
    ("invalid int value", "不是整数"),
    ("argument ", "参数 "),
)


# The largest whole number a count or a record number on the command line may be: SQLite's
# INTEGER ends at 2**63 - 1, and a larger one reached the driver as an internal error.
LARGEST_NUMBER = 2**31 - 1


def whole_number(text):
    """``text`` as a whole number of ASCII digits up to LARGEST_NUMBER, else None (「²」 and
    「١٢」 are digits to str.isdigit, but no number to int)."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or int(text) > LARGEST_NUMBER:
        return None
    return int(text)


def count(text):
    """argparse ``type=`` of a count (``--limit``): a whole number up to LARGEST_NUMBER."""
    number = whole_number(text)
    if number is None:
        raise argparse.ArgumentTypeError(f"「{text}」应为不大于 {LARGEST_NUMBER} 的非负整数")
    return number


def parse_day(text, field="日期"):
    if not text:
        return None
    from gjz_registry.validators import validate_date

    return validate_date(text, field)


def output_workbook(registry, path, message):
    """Check the ``.xlsx`` a command is to write: the output guard first (its reason — the
    database, a backup … — matters more), then the suffix (``message``, with ``{path}``)."""
    registry.outputs.check(path)
    if not str(path).lower().endswith(".xlsx"):
        raise UsageError(message.format(path=path))
