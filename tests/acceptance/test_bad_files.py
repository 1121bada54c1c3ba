"""The hostile and broken files of tests/data/bad/ through ``gjz import``, as a user would.

Each must end with exit code 2 (one Chinese line on stderr) or exit code 1 with every row
rejected for a Chinese reason — within 120 s, inside a 1.5 GB address-space limit, without a
traceback — and leave every table of the database exactly as it was.
"""

import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.acceptance.test_cli import dump

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "tests" / "data" / "bad").iterdir())
CHINESE = re.compile(r"[\u4e00-\u9fff]")
MEMORY_LIMIT = 1536 * 1024 * 1024


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("bad") / "registry.db"
    password = path.parent / "pw.txt"
    password.write_text("admin-pass-1\n")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            str(path),
            "init",
            "--password-file",
            str(password),
        ],
        check=True,
        capture_output=True,
    )
    return path


def test_corpus_is_complete():
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("bad_file", CORPUS, ids=lambda p: p.name)
def test_bad_file_is_refused_cleanly(database, bad_file):
    before = dump(database)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(database), "import", str(bad_file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        preexec_fn=limit_memory,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode in (1, 2), result.stdout + result.stderr
    if result.returncode == 2:
        assert CHINESE.search(result.stderr) and len(result.stderr.strip().splitlines()) == 1
    else:
        assert "拒绝" in result.stdout and CHINESE.search(result.stdout)
    assert dump(database) == before
