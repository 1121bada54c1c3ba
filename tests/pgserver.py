"""A throw-away PostgreSQL cluster for the test run, and a fresh database per test.

The cluster is made by ``initdb`` in a temporary folder, listens on 127.0.0.1 at a free port
(trust authentication, fsync off: nothing in it outlives the run) and is stopped when the run
ends.  GJZ_TEST_PG_URL (``postgresql://user@host:port``) names a server to use instead.  The
database every test starts from is a template migrated once per run; each test gets
``CREATE DATABASE … TEMPLATE`` (a file copy on the server, much faster than migrating) and
the database is dropped after the test.

A run killed before it could stop its server (SIGKILL, a CI timeout) leaves the server
running in its folder: the next run stops and removes every such leftover whose run is gone
(:func:`reap_leftovers`; the folder's ``owner`` file names the run's process), and never
meets it otherwise — its own folder, its own free port, its own database names.

Without PostgreSQL on the machine the PostgreSQL parameters are skipped with the reason
(``-ra`` prints it) — unless GJZ_REQUIRE_PG=1 (scripts/test.sh sets it), which makes a missing
server a failure, as GJZ_REQUIRE_GUI does for the display.
"""

import glob
import itertools
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile

import pytest

TEMPLATE = "gjz_template"
_SUPERUSER = "postgres"
PREFIX = "gjz-pg-"  # the run's folder under the temporary folder
OWNER_FILE = "owner"  # in that folder: the process id of the run that started the server


def required():
    return os.environ.get("GJZ_REQUIRE_PG") == "1"


def unavailable(reason):
    """Skip the running test for ``reason``, or fail it when PostgreSQL is required."""
    if required():
        pytest.fail(f"GJZ_REQUIRE_PG=1 but {reason}; run the tests through scripts/test.sh")
    pytest.skip(f"PostgreSQL: {reason} (GJZ_REQUIRE_PG=1 makes this a failure)")


def _bindir():
    """The folder of initdb/pg_ctl, or None."""
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True).stdout.strip()
        if out and os.path.exists(os.path.join(out, "initdb")):
            return out
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(folder, "initdb")):
            return folder
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_owner(owner, command):
    """``command`` run as ``owner`` (initdb and postgres refuse to run as root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", owner, "--", *command]
    return command


class ServerDb(str):
    """A server database's URL that, like a database file's Path, has a ``parent`` folder
    (where a CLI test keeps its password files)."""

    def __new__(cls, url, parent):
        made = super().__new__(cls, url)
        made.parent = parent
        return made


class Cluster:
    """A running server: its URL base and, when this run started it, how to stop it."""

    def __init__(self, base, stop=None):
        self.base = base  # postgresql://user@host:port
        self._stop = stop
        self._names = itertools.count(1)
        self._run = f"{os.getpid()}_{secrets.token_hex(3)}"

    def url(self, name):
        return f"{self.base}/{name}"

    def admin(self, sql):
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, template=TEMPLATE):
        """A fresh database copied from the migrated template (or from the database named
        ``template``, which nobody may be connected to); its URL.  The name is this run's
        own (a killed run's databases on a shared server never clash with it)."""
        name = f"gjz_test_{self._run}_{next(self._names)}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def drop(self, url):
        name = url.rsplit("/", 1)[1]
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self):
        if self._stop:
            self._stop()


def start(folder):
    """Start a cluster in ``folder``; return a Cluster, or raise RuntimeError why not."""
    bindir = _bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server programs (initdb) on this machine")
    owner = "postgres"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(owner)
        except KeyError:
            owner = "nobody"
        os.chown(folder, pwd.getpwnam(owner).pw_uid, -1)
    data = os.path.join(folder, "data")
    port = _free_port()
    initdb = [os.path.join(bindir, "initdb"), "-D", data, "-U", _SUPERUSER, "-A", "trust"]
    initdb += ["-E", "UTF8", "--locale=C.UTF-8"]
    done = subprocess.run(_as_owner(owner, initdb), capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"initdb failed: {done.stderr.strip()[-500:]}")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    options += " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    pg_ctl = [os.path.join(bindir, "pg_ctl"), "-D", data, "-o", options, "-w", "-t", "60"]
    log = os.path.join(folder, "server.log")
    done = subprocess.run(
        _as_owner(owner, [*pg_ctl, "-l", log, "start"]), capture_output=True, text=True
    )
    if done.returncode:
        stop_server(folder)  # started but not answering in time: not left behind
        raise RuntimeError(f"the server did not start: {done.stderr.strip()[-500:]}")
    return Cluster(f"postgresql://{_SUPERUSER}@127.0.0.1:{port}", lambda: stop_server(folder))


def stop_server(folder):
    """Stop the server whose data is in ``folder``/data, if one runs there (as the folder's
    owner, who started it)."""
    data, bindir = os.path.join(folder, "data"), _bindir()
    if bindir is None or not os.path.exists(os.path.join(data, "postmaster.pid")):
        return
    owner = pwd.getpwuid(os.stat(data).st_uid).pw_name
    pg_ctl = [os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]
    subprocess.run(_as_owner(owner, pg_ctl), capture_output=True)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def reap_leftovers(parent=None):
    """Stop and remove the servers of runs that were killed before they could (their folder's
    owner process is gone); a folder without an owner file, or whose run still lives, is
    left alone.  Returns the folders removed."""
    removed = []
    for folder in sorted(glob.glob(os.path.join(parent or tempfile.gettempdir(), PREFIX + "*"))):
        try:
            with open(os.path.join(folder, OWNER_FILE), encoding="ascii") as fh:
                pid = int(fh.read().strip())
        except (OSError, ValueError):
            continue
        if _alive(pid):
            continue
        stop_server(folder)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def make_template(cluster):
    """The template database, migrated to the newest schema."""
    from gjz_registry import open_registry

    cluster.admin(f'DROP DATABASE IF EXISTS "{TEMPLATE}"')
    cluster.admin(f'CREATE DATABASE "{TEMPLATE}"')
    open_registry(cluster.url(TEMPLATE)).close()


def session_cluster():
    """Start (or join) the run's server and build the template; return (Cluster, folder)."""
    given = os.environ.get("GJZ_TEST_PG_URL")
    folder = None
    if given:
        cluster = Cluster(given.rstrip("/"))
    else:
        reap_leftovers()
        folder = tempfile.mkdtemp(prefix=PREFIX)
        with open(os.path.join(folder, OWNER_FILE), "w", encoding="ascii") as fh:
            fh.write(str(os.getpid()))
        try:
            cluster = start(folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    try:
        make_template(cluster)
    except ImportError:
        raise
    except Exception as exc:  # psycopg's OperationalError: the server does not answer
        if type(exc).__name__ != "OperationalError":
            raise
        cluster.stop()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"cannot reach the server {cluster.base}: {exc}") from None
    except BaseException:
        cluster.stop()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return cluster, folder
