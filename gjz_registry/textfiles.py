"""Reading a text file that a user wrote (a password file, a certificate template).

On a Chinese Windows PC such a file comes from Notepad in one of three encodings: UTF-8 (with
or without a BOM), UTF-16 with a BOM (Notepad's 「Unicode」) or the ANSI code page, GBK.
:func:`read_user_text` tries them in an order that cannot mistake one for another: a BOM
decides first (UTF-8, then UTF-16); without one the bytes must be strict UTF-8, else they
are read as GB18030 (which contains GBK).  A file that is none of these — or holds NUL
characters, which no text file does — is refused with a Chinese message saying how to save it.
"""

import codecs

from db.engines.base import read_reason
from gjz_registry.errors import FileFormatError

UNREADABLE = "无法读取{what}「{path}」：{reason}"
UNKNOWN_ENCODING = (
    "{what}「{path}」的编码无法识别（可以识别 UTF-8、UTF-16（记事本的「Unicode」）和 GBK）："
    "请用记事本打开它，「另存为」时在「编码」中选择 UTF-8"
)
NOT_TEXT = "{what}「{path}」不是文本文件（含有二进制内容）：请选用记事本保存的 .txt 文件"

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_user_text(data):
    """The text of the bytes ``data`` (without a BOM), or None when they do not decode as
    UTF-8, UTF-16 with a BOM or GB18030."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            candidates = (encoding,)
            data = data[len(bom) :]
            break
    else:
        candidates = ("utf-8", "gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text
    return None


def read_user_text(path, what):
    """The whole text of the file ``path``; ``what`` names it in messages (「密码文件」).

    Raises FileFormatError when the file cannot be opened or read (the system's reason) or
    is not text in one of the encodings above."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        reason = read_reason(exc)
        raise FileFormatError(
            UNREADABLE.format(what=what, path=path, reason=reason), path=str(path)
        ) from None
    text = decode_user_text(data)
    if text is not None and "\x00" not in text:
        return text
    # NUL characters (a workbook, a picture…, or UTF-16 saved without its BOM) are not text
    # at all; otherwise the bytes are text in an encoding we do not know
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    binary = text is not None or (b"\x00" in data and not utf16)
    message = NOT_TEXT if binary else UNKNOWN_ENCODING
    raise FileFormatError(message.format(what=what, path=path), path=str(path))
