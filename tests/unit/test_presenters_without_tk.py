"""Presenters import no Tk, not even indirectly (STYLE §2; issue 14, point 6): every module of
ui/ that defines a presenter imports in a Python whose tkinter is blocked."""

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BLOCK = """
import importlib, json, sys
for name in ("tkinter", "_tkinter", "tkcalendar"):
    sys.modules[name] = None  # `import tkinter` now raises ImportError
failed = {}
for module in sys.argv[1:]:
    try:
        importlib.import_module(module)
    except ImportError as exc:
        failed[module] = str(exc)
print(json.dumps(failed))
"""


def presenter_modules():
    """The modules of ui/ that define a class named …Presenter, and all of ui/presenters/."""
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defines = any(
            isinstance(node, ast.ClassDef) and node.name.endswith("Presenter") for node in tree.body
        )
        if defines or path.parent.name == "presenters":
            found.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found


def test_every_presenter_module_imports_without_tkinter():
    modules = presenter_modules()
    done = subprocess.run(
        [sys.executable, "-c", BLOCK, *modules],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == {}
    assert len(modules) > 20  # the screens' presenters were found (and ui/presenters/)


def test_the_block_holds():
    """The same check refuses a module that needs Tk (so the test above can fail)."""
    done = subprocess.run(
        [sys.executable, "-c", BLOCK, "ui.theme"], cwd=ROOT, capture_output=True, text=True
    )
    assert "ui.theme" in json.loads(done.stdout)
