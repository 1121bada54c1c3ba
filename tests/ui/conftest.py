"""Fixtures for the Tk tests: one hidden root window, and the no-display rule.

Without a display a GUI test is skipped — unless GJZ_REQUIRE_GUI=1 (set by scripts/test.sh
and so by CI), where it fails with the reason, so a broken Xvfb cannot pass as "all skipped".
The rule covers the ``tk_root`` fixture and every test marked ``gui``; every test in this
folder is marked ``gui``, so ``-m "not gui"`` leaves them out.
"""

import functools
import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=None)
def display_problem():
    """None when a Tk window can be opened here, else the reason it cannot."""
    try:
        import tkinter
    except ImportError as exc:  # Python built without Tk
        return f"tkinter is not available: {exc}"
    try:
        probe = tkinter.Tk()
    except tkinter.TclError as exc:
        return f"no display for Tk (DISPLAY={os.environ.get('DISPLAY')!r}): {exc}"
    probe.destroy()
    return None


def require_display():
    """Skip the running test without a display, or fail it when GJZ_REQUIRE_GUI=1."""
    problem = display_problem()
    if problem is None:
        return
    if os.environ.get("GJZ_REQUIRE_GUI") == "1":
        pytest.fail(
            f"GJZ_REQUIRE_GUI=1 but {problem}; run the tests through scripts/test.sh "
            "(it starts Xvfb with xvfb-run)",
            pytrace=False,
        )
    pytest.skip(problem)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.gui)


def pytest_runtest_setup(item):
    if item.get_closest_marker("gui") is not None:
        require_display()


@pytest.fixture(scope="session")
def tk_root():
    """One withdrawn ``tkinter.Tk`` for the whole session, destroyed at the end."""
    require_display()
    import tkinter

    root = tkinter.Tk()
    root.withdraw()
    yield root
    root.destroy()


@pytest.fixture(autouse=True)
def _destroy_leftover_widgets(request):
    """After each test that used the root, destroy whatever windows it left behind."""
    yield
    root = getattr(request.node, "funcargs", {}).get("tk_root")
    if root is not None:
        for child in list(root.winfo_children()):
            child.destroy()
        root.update_idletasks()
