"""Every command of the command line is documented in the README (sqlite-utils' habit)."""

import argparse
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
