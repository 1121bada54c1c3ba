"""The client's texts: several modules (ui/texts/), one namespace, each name defined once."""

import ast
from collections import Counter
from pathlib import Path

from ui import texts as T

FOLDER = Path(T.__file__).parent


def defined_names(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names += [t.id for t in targets if isinstance(t, ast.Name)]
    return names


def test_each_text_is_defined_once_and_reached_through_the_package():
    modules = sorted(p for p in FOLDER.glob("*.py") if p.name != "__init__.py")
    assert len(modules) >= 4
    counts = Counter(name for path in modules for name in defined_names(path))
    assert [name for name, n in counts.items() if n > 1] == []  # a star import would hide one
    missing = [name for name in counts if not hasattr(T, name)]
    assert missing == []  # a module the package forgets to import
