"""What a command loads before it works (issue 15, point 6: `gjz report …` end to end).

The Excel exchange (readers, writers, conflict rules) and pypinyin's dictionaries were most of
a command's start-up time, imported by every command though only imports, exports and name
writes use them: they are loaded when first used.  A command on a SQLite file does not load
the PostgreSQL driver either (peewee would import it when loaded: db/drivers.py).
"""

import subprocess
import sys

import pytest

from tests.acceptance.test_cli import ROOT, gjz

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


def _report_in_a_child(db, *extra):
    """``main.py --db DB report high-tech-list OUT`` (plus ``extra`` arguments) run in a fresh
    interpreter as the ``gjz`` command runs it; prints whether psycopg got loaded."""
    argv = ["main.py", *extra, "--db", str(db), "report", "high-tech-list", str(db) + ".pdf"]
    return child(
        "import sys\n"
        f"sys.argv = {argv!r}\n"
        "import main\n"
        "code = main.main()\n"
        "print(code, 'psycopg' in sys.modules)\n"
    )


def test_a_report_on_a_sqlite_file_does_not_load_the_server_driver(tmp_path):
    db = tmp_path / "r.db"
    password = tmp_path / "pw.txt"
    password.write_text("admin-pass-1\n", encoding="utf-8")
    assert gjz("--db", db, "init", "--password-file", password).returncode == 0
    out = _report_in_a_child(db)
    assert "0 False" in out.splitlines(), out
    assert (tmp_path / "r.db.pdf").exists()


def test_a_command_naming_a_server_keeps_the_driver_in_peewee():
    """Only a command line that cannot reach a server leaves the drivers out of peewee."""
    from db import drivers

    assert drivers.names_a_server(["--db-url", "postgresql://gjz@db.example/gjz", "init"], {})
    assert drivers.names_a_server(["db", "copy", "a.db", "POSTGRES://h/d"], {})
    assert drivers.names_a_server(["report", "high-tech-list", "x.pdf"], {"GJZ_DB": "postgresql:"})
    assert not drivers.names_a_server(["--db", "a.db", "report", "high-tech-list", "x.pdf"], {})
    report = ["--db", "a.db", "report", "high-tech-list", "x.pdf"]
    assert drivers.sqlite_only_command(["/usr/bin/gjz", *report], {})
    assert not drivers.sqlite_only_command(["main.py", "--db", "a.db", "gui"], {})
    assert not drivers.sqlite_only_command(["main.py"], {})  # the desktop client
    assert not drivers.sqlite_only_command(["/venv/bin/pytest", *report], {})  # not the program
    code = (
        "import sys\n"
        "sys.argv = ['main.py', '--db-url', 'postgresql://nobody@127.0.0.1:1/none', '--version']\n"
        "try:\n"
        "    import psycopg  # noqa: F401\n"
        "except ImportError:\n"
        "    print('no driver installed')\n"
        "else:\n"
        "    import main, peewee\n"
        "    print(peewee.psycopg is sys.modules['psycopg'])\n"
    )
    assert child(code).splitlines()[-1] in ("True", "no driver installed")
