"""release/constraints.txt pins every dependency, and pins what the tests run with.

scripts/build_release.py ships exactly these versions in the offline bundle; scripts/test.sh
installs with ``-c release/constraints.txt``, so the suite tests what the bundle ships.
"""

import importlib.metadata
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_release():
    spec = importlib.util.spec_from_file_location(
        "build_release", ROOT / "scripts/build_release.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def installed_closure(br):
    """Canonical names of the installed distributions setup.cfg's requirements pull in."""
    todo = [(req.name, frozenset(req.extras)) for req in br.install_requires()]
    seen = set()
    while todo:
        name, extras = todo.pop()
        name = br.canonicalize_name(name)
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        for line in importlib.metadata.requires(name) or ():
            req = br.Requirement(line)
            if req.marker is None or any(
                req.marker.evaluate({"extra": extra}) for extra in ("", *extras)
            ):
                todo.append((req.name, frozenset(req.extras)))
    return {name for name, _ in seen}


def test_every_requirement_is_pinned_for_every_target():
    br = build_release()
    br.check_pins_cover_requirements(br.read_pins())  # raises BuildError naming the gap


def test_the_pins_are_what_the_tests_run_with():
    br = build_release()
    here = {
        br.canonicalize_name(pin.name): str(pin.specifier).removeprefix("==")
        for pin in br.read_pins()
        if pin.marker is None or pin.marker.evaluate()
    }
    assert set(here) == installed_closure(br)
    installed = {name: importlib.metadata.version(name) for name in here}
    assert installed == here
