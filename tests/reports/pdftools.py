"""Helpers for the PDF tests: poppler and zbar wrappers, page pictures.

The tests read real PDFs back with poppler (pdftotext, pdffonts, pdfinfo, pdftoppm) and
decode QR codes with zbarimg.  A missing tool skips those tests — unless GJZ_REQUIRE_GUI=1
(as in CI), where it fails them, so a machine without the tools cannot pass silently.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest


def require_tool(name: str) -> str:
    """The path of command ``name``; skip (or fail under GJZ_REQUIRE_GUI=1) if missing."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (Debian: poppler-utils / zbar-tools)"
    if os.environ.get("GJZ_REQUIRE_GUI") == "1":
        pytest.fail(message)
    pytest.skip(message)


def pdftotext(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """The text of ``pdf`` (pages first..last), as poppler extracts it."""
    cmd = [require_tool("pdftotext"), "-enc", "UTF-8"]
    if first is not None:
        cmd += ["-f", str(first), "-l", str(last if last is not None else first)]
    cmd += [str(pdf), "-"]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def squeeze(text: str) -> str:
    """``text`` without any whitespace (wrapped cells come back with line breaks)."""
    return re.sub(r"\s+", "", text)


def pdffonts(pdf: Path) -> list[dict]:
    """pdffonts' table as dicts: name, type, emb ('yes'/'no')."""
    out = subprocess.run(
        [require_tool("pdffonts"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    rows = []
    for line in out.splitlines()[2:]:
        # name may contain no spaces; the type may ("TrueType", "Type 1", "CID TrueType").
        match = re.match(
            r"(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line
        )
        if match:
            rows.append({"name": match.group(1), "type": match.group(2), "emb": match.group(4)})
    return rows


def page_count(pdf: Path) -> int:
    out = subprocess.run(
        [require_tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def page_size(pdf: Path) -> tuple[float, float]:
    out = subprocess.run(
        [require_tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    match = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", out, re.M)
    return float(match.group(1)), float(match.group(2))


def render_page(pdf: Path, page: int, out_dir: Path, dpi: int = 100) -> Path:
    """Page ``page`` of ``pdf`` as a PNG (pdftoppm)."""
    stem = out_dir / f"{pdf.stem}-p{page}"
    subprocess.run(
        [
            require_tool("pdftoppm"),
            "-r",
            str(dpi),
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    return Path(f"{stem}.png")


def dark_fraction(pdf: Path, page: int, out_dir: Path, dpi: int = 60) -> float:
    """Share of page ``page``'s pixels that are dark (ink), 0…1.

    The page is rendered as a greyscale PGM (``pdftoppm -gray``), a format simple enough
    to read without an imaging library.
    """
    stem = out_dir / f"{pdf.stem}-p{page}-gray"
    subprocess.run(
        [require_tool("pdftoppm"), "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page)]
        + ["-singlefile", str(pdf), str(stem)],
        check=True,
    )
    data = Path(f"{stem}.pgm").read_bytes()
    # P5 header: magic, width, height, maxval, each followed by whitespace, then the bytes.
    fields = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert fields, "pdftoppm -gray did not write a binary PGM"
    width, height, maxval = (int(x) for x in fields.groups())
    pixels = data[fields.end() : fields.end() + width * height]
    assert maxval == 255 and len(pixels) == width * height
    dark = sum(pixels.count(bytes([value])) for value in range(128))
    return dark / (width * height)


def assert_cjk_embedded(pdf: Path) -> None:
    """Every font in ``pdf`` is embedded, and there is at least one (the CJK one)."""
    fonts = pdffonts(pdf)
    assert fonts, f"pdffonts found no font in {pdf}"
    not_embedded = [f["name"] for f in fonts if f["emb"] != "yes"]
    assert not not_embedded, f"fonts not embedded in {pdf.name}: {not_embedded}"
