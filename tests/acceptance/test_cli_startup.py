"""What a command loads before it works (issue 15, point 6: `gjz report …` end to end).

The Excel exchange (readers, writers, conflict rules) and pypinyin's dictionaries were most of
a command's start-up time, imported by every command though only imports, exports and name
writes use them: they are loaded when first used.
"""

import subprocess
import sys

import pytest

from tests.acceptance.test_cli import ROOT

# What a command imports at start-up, whatever the database: SQLite only.
pytestmark = pytest.mark.sqlite_only


def child(code):
    """What ``python -c code`` prints, run from the project folder (a fresh interpreter)."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout + done.stderr


def test_opening_a_registry_loads_neither_the_exchange_nor_pypinyin(tmp_path):
    code = (
        "import sys\n"
        "from gjz_registry import cli, open_registry\n"
        f"registry = open_registry({str(tmp_path / 'r.db')!r}).as_local_admin()\n"
        "registry.listings.listing('high-tech-list')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('pypinyin', 'openpyxl',"
        " 'python_calamine', 'gjz_registry.exchange.service')))\n"
        "print(loaded)\n"
        "registry.exchange\n"
        "print('gjz_registry.exchange.service' in sys.modules)\n"
    )
    out = child(code)
    assert out.splitlines() == ["[]", "True"], out


def test_finding_and_registering_the_font_does_not_load_fonttools():
    """fontTools (a third of a print's start-up time) is needed only to convert a CFF font:
    the outline format and the subfont names are read from the font file's own tables."""
    code = (
        "import sys\n"
        "from reports.fonts import register_fonts\n"
        "fonts = register_fonts()\n"
        "print(fonts.choice.source, sorted(m for m in sys.modules if m.startswith('fontTools')))\n"
    )
    out = child(code)
    source, loaded = out.split(" ", 1)
    if source != "converted":  # converting a CFF font does need fontTools
        assert loaded.strip() == "[]", out
