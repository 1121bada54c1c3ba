"""Imports point one way (DESIGN §2): ui → gjz_registry → db; reports renders plain data.

The command line is a front end like ui/: gjz_registry/cli.py and the command modules it
loads, gjz_registry/cli_*.py (cli_chain, cli_reports, cli_common…), may import reports (and
never tkinter or ui); nothing else in gjz_registry imports them.

The checker parses every module of gjz_registry/, db/, reports/ and ui/ with ``ast`` (nothing
is imported), resolves relative imports against the module's package, and reports each import
that breaks a rule.  A second test runs it on a fake tree full of violations, so a checker
that silently found nothing could not pass.
"""

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("gjz_registry", "db", "reports", "ui")
TK = ("tkinter", "_tkinter", "tkcalendar")
CLI = "gjz_registry/cli.py"
CLI_MODULE = re.compile(r"gjz_registry/cli(_\w+)?\.py")  # cli.py and cli_*.py
CLI_IMPORTS = ("gjz_registry.cli", "gjz_registry.cli_*")  # "*": any name with that prefix


def _matches(name, prefixes):
    """The first of ``prefixes`` that ``name`` is, or is a submodule of; else None."""
    for prefix in prefixes:
        if prefix.endswith("*"):
            if name.startswith(prefix[:-1]):
                return prefix
        elif name == prefix or name.startswith(prefix + "."):
            return prefix
    return None


def is_front_end(rel):
    """gjz_registry/cli.py and gjz_registry/cli_*.py: command-line front ends."""
    return bool(CLI_MODULE.fullmatch(rel))


def _rules(rel):
    """[(forbidden prefixes, module level only?, reason)] for the file at ``rel`` (posix)."""
    top = rel.split("/", 1)[0]
    rules = []
    if is_front_end(rel):
        # The CLI is a front end: it may render reports, but it never imports the desktop
        # client (not even lazily): main.py hands the `gui` command its entry point.
        rules.append((TK + ("ui",), False, "cli.py/cli_*.py never import tkinter or ui"))
    elif top in ("gjz_registry", "db"):
        rules.append(
            (TK + ("ui", "reports"), False, f"{top}/ never imports tkinter, ui or reports")
        )
    if top == "gjz_registry" and not is_front_end(rel):
        rules.append((CLI_IMPORTS, False, "only front ends import gjz_registry.cli/cli_*"))
    if top == "db":
        rules.append((("gjz_registry",), False, "db/ never imports gjz_registry"))
    if top == "ui":
        rules.append((("peewee", "playhouse", "db"), False, "ui/ never imports peewee or db"))
    if top == "reports":
        forbidden = ("db", "peewee", "playhouse", "gjz_registry.services", "ui")
        rules.append((forbidden, False, "reports/ never imports db, peewee, services or ui"))
    return rules


def _module_name(rel):
    parts = rel[: -len(".py")].split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _package_of(rel):
    """The package a module's relative imports start from."""
    parts = rel.split("/")[:-1]
    return ".".join(parts)


def _imported_names(node, package):
    """Every module name an import node may load (for `from a import b`: a and a.b)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = package.split(".") if package else []
        if node.level - 1 >= len(base):
            return []  # beyond the top-level package: Python refuses it anyway
        base = base[: len(base) - (node.level - 1)]
        if node.module:
            base.append(node.module)
        module = ".".join(base)
    else:
        module = node.module or ""
    names = [module] if module else []
    for alias in node.names:
        if alias.name != "*":
            names.append(f"{module}.{alias.name}" if module else alias.name)
    return names


def _dynamic_import(node):
    """The literal name given to importlib.import_module("…") or __import__("…"), if any."""
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if called not in ("import_module", "__import__") or not node.args:
        return None
    first = node.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def _imports(tree, package):
    """Yield (line, module name, inside a function?) for every import in ``tree``."""

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
            )
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for name in _imported_names(child, package):
                    yield child.lineno, name, in_function
            elif isinstance(child, ast.Call):
                name = _dynamic_import(child)
                if name:
                    yield child.lineno, name, in_function
            yield from visit(child, nested)

    yield from visit(tree, False)


def check_layers(root):
    """Return (number of files checked, [violation messages]) for the tree under ``root``."""
    root = Path(root)
    violations = []
    checked = 0
    for top in PACKAGES:
        for path in sorted((root / top).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            checked += 1
            try:
                tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
            except (SyntaxError, UnicodeDecodeError) as exc:
                violations.append(f"{rel}: cannot be parsed ({exc})")
                continue
            rules = _rules(rel)
            seen = set()
            for line, name, in_function in _imports(tree, _package_of(rel)):
                for forbidden, module_level_only, reason in rules:
                    if module_level_only and in_function:
                        continue
                    hit = _matches(name, forbidden)
                    if hit and (rel, line, hit) not in seen:
                        seen.add((rel, line, hit))
                        violations.append(f"{rel}:{line}: imports {name} — {reason}")
    return checked, violations


def test_imports_point_one_way():
    checked, violations = check_layers(REPO)
    assert checked >= 5, "the layer check found almost no modules: wrong repository root?"
    assert not violations, "layer rules broken (DESIGN §2):\n" + "\n".join(violations)


FAKE_TREE = {
    # allowed
    "gjz_registry/__init__.py": "from .errors import RegistryError\n",
    "gjz_registry/errors.py": "class RegistryError(Exception):\n    pass\n",
    "gjz_registry/services/ok.py": "from db import models\nfrom .. import errors\n",
    "db/ok.py": "import peewee\nfrom playhouse.migrate import SqliteMigrator\n",
    "ui/ok.py": "import tkinter\nfrom gjz_registry import open_registry\nimport reports.lists\n",
    "reports/ok.py": "import reportlab\nfrom gjz_registry.errors import RegistryError\n",
    # cli.py: reports anywhere; ui and tkinter nowhere, not even inside a function (bad)
    "gjz_registry/cli.py": (
        "import reports.certificates\n"
        "from reports import lists\n"
        "def gui():\n"
        "    from ui.app import run\n"
        "    import tkinter\n"
        "    return run()\n"
        "from ui import app\n"
    ),
    # violations
    "gjz_registry/services/bad_tk.py": "def f():\n    import tkinter.ttk\n",
    "gjz_registry/services/bad_ui.py": "from ui.views import enterprises\n",
    "gjz_registry/services/bad_reports.py": "if True:\n    from reports.lists import render\n",
    "gjz_registry/services/bad_cli.py": "from .. import cli\n",
    # command modules are front ends too: reports anywhere (tkinter in a function: bad)
    "gjz_registry/cli_reports.py": (
        "from reports.lists import render_list\n"
        "from gjz_registry import cli_common\n"
        "def gui():\n"
        "    import tkinter\n"
    ),
    "gjz_registry/cli_bad.py": "import tkinter\n",
    "gjz_registry/exchange/bad_cli_module.py": "from gjz_registry import cli_reports\n",
    "gjz_registry/exchange/bad_dynamic.py": "import importlib\nimportlib.import_module('ui.app')\n",
    "db/bad_domain.py": "from gjz_registry.validators import normalise\n",
    "db/migrations/bad_tkcalendar.py": "class M:\n    import tkcalendar\n",
    "ui/views/bad_peewee.py": "import peewee\n",
    "ui/views/bad_db.py": "from db.models import Enterprise\n",
    "ui/dialogs/bad_playhouse.py": "from playhouse.shortcuts import model_to_dict\n",
    "reports/bad_services.py": "from gjz_registry import services\n",
    "reports/bad_db.py": "import db\n",
    "reports/bad_ui.py": "from ui.widgets import table\n",
    "reports/bad_syntax.py": "def broken(:\n",
}

EXPECTED = {
    ("gjz_registry/cli.py", 4, "ui.app"),
    ("gjz_registry/cli.py", 5, "tkinter"),
    ("gjz_registry/cli.py", 7, "ui"),
    ("gjz_registry/cli_reports.py", 4, "tkinter"),
    ("gjz_registry/services/bad_tk.py", 2, "tkinter.ttk"),
    ("gjz_registry/services/bad_ui.py", 1, "ui.views"),
    ("gjz_registry/services/bad_reports.py", 2, "reports.lists"),
    ("gjz_registry/services/bad_cli.py", 1, "gjz_registry.cli"),
    ("gjz_registry/cli_bad.py", 1, "tkinter"),
    ("gjz_registry/exchange/bad_cli_module.py", 1, "gjz_registry.cli_reports"),
    ("gjz_registry/exchange/bad_dynamic.py", 2, "ui.app"),
    ("db/bad_domain.py", 1, "gjz_registry.validators"),
    ("db/migrations/bad_tkcalendar.py", 2, "tkcalendar"),
    ("ui/views/bad_peewee.py", 1, "peewee"),
    ("ui/views/bad_db.py", 1, "db.models"),
    ("ui/dialogs/bad_playhouse.py", 1, "playhouse.shortcuts"),
    ("reports/bad_services.py", 1, "gjz_registry.services"),
    ("reports/bad_db.py", 1, "db"),
    ("reports/bad_ui.py", 1, "ui.widgets"),
}


def test_checker_reports_every_kind_of_violation(tmp_path):
    for rel, source in FAKE_TREE.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")

    checked, violations = check_layers(tmp_path)

    assert checked == len(FAKE_TREE)
    for rel, line, name in EXPECTED:
        prefix = f"{rel}:{line}: imports {name} "
        assert any(v.startswith(prefix) for v in violations), f"missed {prefix!r}: {violations}"
    assert any(v.startswith("reports/bad_syntax.py: cannot be parsed") for v in violations)
    # Nothing else: the allowed files and the front ends' reports imports pass.
    assert len(violations) == len(EXPECTED) + 1, "\n".join(violations)


def test_relative_imports_resolve_against_the_package():
    tree = ast.parse("from . import a\nfrom ..b import c\nfrom ... import d\n")  # last: too far
    names = [name for _, name, _ in _imports(tree, "gjz_registry.services")]
    assert names == [
        "gjz_registry.services",
        "gjz_registry.services.a",
        "gjz_registry.b",
        "gjz_registry.b.c",
    ]
