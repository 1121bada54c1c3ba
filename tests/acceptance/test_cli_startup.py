"""What a command loads before it works (issue 15, point 6: `gjz report …` end to end).

The Excel exchange (readers, writers, conflict rules) and pypinyin's dictionaries were most of
a command's start-up time, imported by every command though only imports, exports and name
writes use them: they are loaded when first used.
"""

import subprocess
import sys

from tests.acceptance.test_cli import ROOT


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
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == ["[]", "True"], done.stdout + done.stderr
