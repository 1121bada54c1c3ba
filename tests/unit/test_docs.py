"""Every command of the command line is documented in the README (sqlite-utils' habit)."""

import argparse
import os
import re
from pathlib import Path

from gjz_registry.cli import build_parser

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def commands():
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return sorted(action.choices)
    return []


def test_every_command_is_in_the_readme():
    missing = [c for c in commands() if not re.search(rf"(^|\n|; ){re.escape(c)}\b", README)]
    assert commands() and not missing, f"README does not document: {missing}"


def test_readme_has_the_two_commands():
    assert "python -m pip install -e . && python main.py --demo" in README
    assert "bash scripts/test.sh" in README
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text()
    assert "scripts/test.sh" in ci


def data_location_section():
    start = README.index("### 数据存放位置")
    return README[start : README.index("\n#", start + 1)]


def test_readme_says_where_the_demo_database_is_and_its_commands_open_it(capsys):
    """The data-location section names the demo's file as the program makes it (not only
    registry.db), and the command lines it gives for the demo find its enterprises."""
    from gjz_registry import cli, open_registry, paths

    section = data_location_section()
    demo = paths.demo_db()  # in the test's own data folder (GJZ_DATA_DIR)
    name = os.path.basename(demo)
    assert f"`{name}`" in section
    linux = f"~/.local/share/{paths.APP_DIR_NAME}/{name}"
    windows = f"%LOCALAPPDATA%\\{paths.APP_DIR_NAME}\\{name}"
    commands = re.findall(r"`(gjz [^`]+)`", section)
    assert any("--demo" in c for c in commands), commands
    assert any(linux in c for c in commands) and any(windows in c for c in commands), commands

    registry = open_registry(demo)
    registry.as_local_admin("test").demo.fill(enterprises=12, seed=3)
    registry.close()
    for command in commands:
        argv = command.split()[1:]
        if "--db" in argv:  # the documented default folder → where this test's data is
            argv[argv.index("--db") + 1] = demo
        capsys.readouterr()
        assert cli.main(argv) == 0, command
        assert "大连" in capsys.readouterr().out, command
