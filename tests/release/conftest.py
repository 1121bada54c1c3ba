"""Fixtures for the release tests: the bundle built once per session, offline commands.

The release tests build the offline bundle (scripts/build_release.py, which downloads from
PyPI) and install and run it inside a network namespace without network (``unshare -n``,
which needs root), with the client under Xvfb.  Without these tools a test is skipped — but
under CI (CI=true) or GJZ_REQUIRE_GUI=1 (scripts/test.sh) it fails with the reason, so a
machine that cannot run them cannot pass as "all skipped".  Every test here is marked
``release`` and ``slow``: ``-m "not release"`` leaves them out.
"""

import functools
import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TOOLS = ("unshare", "xvfb-run", "xauth", "xwininfo", "pdftotext")


@functools.lru_cache(maxsize=None)
def offline_problem():
    """None when commands can run without network here, else the reason they cannot."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return f"missing {', '.join(missing)} (scripts/test.sh installs them as root)"
    if os.geteuid() != 0:
        return "unshare -n (a namespace without network) needs root"
    probe = subprocess.run(["unshare", "-n", "--", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"unshare -n does not work here: {probe.stderr.strip()}"
    return None


def required():
    return os.environ.get("CI") == "true" or os.environ.get("GJZ_REQUIRE_GUI") == "1"


def require(problem):
    """Skip the running test for ``problem``, or fail it where the release tests must run."""
    if problem is None:
        return
    if required():
        pytest.fail(f"release test cannot run: {problem}", pytrace=False)
    pytest.skip(problem)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.release)
            item.add_marker(pytest.mark.slow)


def pytest_runtest_setup(item):
    if item.get_closest_marker("release") is not None:
        require(offline_problem())


def offline_env(home, data):
    """A plain user's environment: no PYTHONPATH, no pip settings, no display."""
    return {
        "HOME": str(home),
        "GJZ_DATA_DIR": str(data),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "PIP_CONFIG_FILE": os.devnull,
    }


def offline(*command, env, cwd=None, timeout=600):
    """Run ``command`` in a new network namespace: no network at all, not even loopback."""
    return subprocess.run(
        ["unshare", "-n", "--", *map(str, command)],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def assert_login_window(client, env):
    """Start ``client`` offline under a fresh Xvfb and see its login window appear."""
    from ui.texts import LOGIN_TITLE

    seen = offline(
        "xvfb-run",
        "-a",
        "-s",
        "-screen 0 1280x800x24",
        sys.executable,
        HERE / "see_window.py",
        LOGIN_TITLE,
        "--",
        client,
        env=env,
    )
    assert seen.returncode == 0, seen.stdout + seen.stderr
    assert seen.stdout.strip() == f"seen: {LOGIN_TITLE}"


def python310():
    """A Python 3.10 with tkinter and venv (the oldest the bundle supports), or None."""
    pyenv = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    candidates = [
        shutil.which("python3.10"),
        *sorted(glob.glob(f"{pyenv}/versions/3.10*/bin/python3.10")),
    ]
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys, tkinter, venv; assert sys.version_info[:2] == (3, 10)"],
            capture_output=True,
        )
        if probe.returncode == 0:
            return candidate
    return None


def build(dist, *options):
    """Run scripts/build_release.py into ``dist``; return the one folder it made."""
    built = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_release.py"), "--dist", str(dist)]
        + list(options),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=1200,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (folder,) = dist.iterdir()
    return folder


@pytest.fixture(scope="session")
def bundle(tmp_path_factory):
    """The bundle, built once for the session by scripts/build_release.py (from PyPI)."""
    require(offline_problem())
    return build(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def onefolder(tmp_path_factory):
    """The PyInstaller one-folder app, built once for the session (--onefolder)."""
    require(offline_problem())
    return build(tmp_path_factory.mktemp("dist-onefolder"), "--onefolder")
