"""Faults (issue 17): the database lost or hung under the app and the worker, files gone from
the disk, and the demo command stopped. The app answers with its Indonesian 503 or 404 pages
within seconds, the worker waits and carries on, and nothing is left half-written or running.
"""

import contextlib
import glob
import logging
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django_tasks.base import TaskResultStatus

from instansi.models import Jabatan
from pegawai.models import Pegawai
from tests.factories import JabatanFactory, UnitKerjaFactory
from tests.test_import import UPLOAD_URL, csv_file, siti
from tests.tugas_uji import tulis_dua_baris

pytestmark = pytest.mark.django_db


def gone(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


# --- sessions: the database lost while the session is saved --------------------------------


def test_a_session_lost_with_the_database_mid_import_is_the_indonesian_503(
    login, operator_bkd, opd_a, monkeypatch
):
    UnitKerjaFactory(perangkat_daerah=opd_a, kode="DINKES-P2P")
    JabatanFactory(nama="Epidemiolog Kesehatan Ahli Pertama")
    client = login(operator_bkd)
    client.raise_request_exception = False
    # Django turns a session it cannot save into SessionInterrupted, an English 400.
    monkeypatch.setattr(Session, "save", gone)
    response = client.post(UPLOAD_URL, {"berkas": csv_file([siti()])})
    assert response.status_code == 503
    assert "Layanan sedang tidak tersedia" in response.text
    assert "Bad Request" not in response.text
    assert response["Retry-After"] == "30"
    assert not Pegawai.objects.exists()
    assert Jabatan.objects.count() == 1


def test_other_bad_requests_get_an_indonesian_400_page(client):
    client.raise_request_exception = False
    # A host outside ALLOWED_HOSTS is Django's DisallowedHost, a 400.
    response = client.get("/", HTTP_HOST="penyerang.example")
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in response.text
    assert "Bad Request" not in response.text


# --- the worker: waits with a capped back-off and carries on --------------------------------


class Outage:
    """The database refuses connections for ``rounds`` waits of the worker."""

    def __init__(self, monkeypatch, rounds):
        self.rounds = rounds
        self.waits = []
        original = BaseDatabaseWrapper.ensure_connection

        def ensure_connection(connection):
            if self.rounds:
                raise OperationalError("connection to server at 127.0.0.1 failed: refused")
            return original(connection)

        monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", ensure_connection)
        monkeypatch.setattr("mutasi.management.commands.db_worker.Worker.sleep", self.sleep)

    def sleep(self, seconds):
        self.waits.append(seconds)
        self.rounds = max(self.rounds - 1, 0)


@pytest.fixture
def db_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker(**options):
    call_command("db_worker", reload=False, startup_delay=False, interval=0, verbosity=0, **options)


# The worker closes its connections as in production: a real transaction per test.
@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_out_a_lost_database_with_a_capped_back_off_and_logs_it(
    db_tasks, monkeypatch, caplog
):
    from django_tasks_db.models import DBTaskResult

    result = tulis_dua_baris.enqueue(1)
    monkeypatch.setattr("mutasi.management.commands.db_worker.Worker.max_delay", 8)
    outage = Outage(monkeypatch, rounds=6)
    with caplog.at_level(logging.WARNING, logger="mutasi.worker"):
        run_worker(max_tasks=1)
    assert outage.waits == [1, 2, 4, 8, 8, 8]
    assert "database unavailable" in caplog.text
    assert "database available again" in caplog.text
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    assert set(Group.objects.filter(name__startswith="uji-").values_list("name", flat=True)) == {
        "uji-1-a",
        "uji-1-b",
    }


@pytest.mark.django_db(transaction=True)
def test_a_task_cut_off_by_the_outage_is_run_again_and_written_once(db_tasks, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    outage = Outage(monkeypatch, rounds=0)
    original = Group.objects.create
    calls = []

    def create(**fields):
        calls.append(fields["name"])
        if calls == ["uji-7-a", "uji-7-b"]:
            # The database goes away between the task's two rows, and stays away while
            # the worker tries to record the failure.
            outage.rounds = 2
        return original(**fields)

    monkeypatch.setattr(Group.objects, "create", create)
    result = tulis_dua_baris.enqueue(7)
    run_worker(max_tasks=1)
    assert outage.waits == [1, 2]
    stored = DBTaskResult.objects.get(pk=result.id)
    assert stored.status == TaskResultStatus.SUCCESSFUL
    assert len(stored.worker_ids) == 2  # run twice, by the same worker
    assert sorted(Group.objects.filter(name__startswith="uji-").values_list("name", flat=True)) == [
        "uji-7-a",
        "uji-7-b",
    ]


@pytest.mark.django_db(transaction=True)
def test_the_batch_worker_still_ends_on_a_lost_database(db_tasks, monkeypatch):
    Outage(monkeypatch, rounds=1)
    with pytest.raises(OperationalError):
        run_worker(batch=True)


# --- a PostgreSQL of the test's own, suspended (SIGSTOP) and resumed -------------------------

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, timeout=20):
    """Status, body and headers of a GET, and how long the answer took."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            answer = response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        answer = error.code, error.read().decode(), dict(error.headers)
    return *answer, time.monotonic() - start


def _wait_until(check, seconds, what, details=lambda: ""):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {seconds} s\n{details()}")


class OwnPostgres:
    """A throwaway cluster in a temporary directory, its processes in one process group."""

    def __init__(self, directory: Path):
        self.bin = Path(PG_BIN[-1]).parent if PG_BIN else Path(shutil.which("initdb")).parent
        self.dir = directory
        self.port = _free_port()
        # initdb refuses to run as root (CI runs as root).
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            os.chown(directory, pwd.getpwnam("postgres").pw_uid, -1)
        self._run("initdb", "-D", self.dir / "data", "-U", "postgres", "-A", "trust")
        self._run("initdb", "--version")  # (kept in the log when initdb above fails)
        self.process = subprocess.Popen(
            [self.bin / "postgres", "-D", self.dir / "data", "-p", str(self.port)]
            + ["-k", str(self.dir), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"],
            user=self.user,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=(self.dir / "postgres.log").open("w"),
        )
        _wait_until(lambda: self.sql("postgres", "SELECT 1") == "1", 20, "PostgreSQL starts")

    def _run(self, tool, *args, **kwargs):
        return subprocess.run(
            [self.bin / tool, *map(str, args)],
            user=self.user,
            check=True,
            capture_output=True,
            text=True,
            **kwargs,
        )

    def sql(self, database, query) -> str:
        result = subprocess.run(
            [self.bin / "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
            + ["-d", database, "-tAc", query],
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout.strip()

    def signal(self, signum):
        """To the postmaster first (it starts no backend while stopped), then to each of its
        children: a backend leaves the postmaster's process group (setsid)."""
        os.kill(self.process.pid, signum)
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                # pid (comm) state ppid ...; comm may hold spaces.
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    os.kill(int(stat.parent.name), signum)

    def stop(self):
        with contextlib.suppress(ProcessLookupError):
            self.signal(signal.SIGCONT)
            self.process.send_signal(signal.SIGQUIT)  # immediate shutdown
        self.process.wait(timeout=20)


@pytest.fixture
def own_postgres():
    if "postgresql" not in django_settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("needs PostgreSQL (DATABASE_URL); CI runs the suite on it")
    if not PG_BIN and not shutil.which("initdb"):
        if os.environ.get("CI"):
            pytest.fail("CI needs PostgreSQL's server tools (initdb) for the fault test")
        pytest.skip("needs PostgreSQL's server tools (initdb)")
    directory = Path(tempfile.mkdtemp(prefix="mutasi-gangguan-"))
    cluster = None
    try:
        cluster = OwnPostgres(directory)
        yield cluster
    finally:
        if cluster:
            cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


def _copy_schema(cluster, name):
    """The test database's tables (and its few rows) into the throwaway cluster: faster than
    migrating."""
    source = django_settings.DATABASES["default"]
    cluster.sql("postgres", f"CREATE DATABASE {name}")
    dump = subprocess.Popen(
        [cluster.bin / "pg_dump", "--no-owner", "--no-privileges"]
        + (["-h", source["HOST"]] if source["HOST"] else [])
        + ["-p", str(source["PORT"] or 5432), "-U", source["USER"] or "postgres", source["NAME"]],
        stdout=subprocess.PIPE,
        env={**os.environ, "PGPASSWORD": source["PASSWORD"] or ""},
    )
    subprocess.run(
        [cluster.bin / "psql", "-q", "-h", "127.0.0.1", "-p", str(cluster.port)]
        + ["-U", "postgres", "-d", name, "-v", "ON_ERROR_STOP=1"],
        stdin=dump.stdout,
        check=True,
        capture_output=True,
    )
    assert dump.wait() == 0


DB = "mutasi_gangguan"
TASKS = (
    "SELECT string_agg(status, ',' ORDER BY enqueued_at) FROM django_tasks_database_dbtaskresult"
)


def test_a_suspended_database_gives_503_within_seconds_and_nothing_is_lost_or_half_written(
    own_postgres, tmp_path
):
    started = time.monotonic()
    cluster = own_postgres
    _copy_schema(cluster, DB)
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{cluster.port}/{DB}",
        "DEBUG": "0",
        "SECRET_KEY": "uji-gangguan-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_SETTINGS_MODULE": "mutasi.settings",
        # Tighter than the defaults (3 s each), so the test stays short.
        "DB_HEALTH_CHECK_TIMEOUT": "1",
        "DB_CONNECT_TIMEOUT": "2",
        "DB_STATEMENT_TIMEOUT": "2",
        "JEDA_TUGAS_UJI": "1",
    }
    manage = [sys.executable, "manage.py"]
    interval = ["--interval", "0.2"]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "app.log").open("w")
    processes = []

    def start(command, **kwargs):
        process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=log, **kwargs)
        processes.append(process)
        return process

    try:
        # Copy the static files only: hashing them all takes a minute (WHITENOISE_MANIFEST_STRICT
        # is off, so the pages hash the few they name).
        collectstatic = start([*manage, "collectstatic", "--noinput", "--no-post-process", "-v0"])
        start(
            [sys.executable, "-m", "gunicorn", "mutasi.wsgi", "-b", f"127.0.0.1:{port}"]
            + ["-w", "1", "--timeout", "30"],
            stdout=subprocess.DEVNULL,
        )
        worker = start([*manage, "db_worker", "--no-reload", "--no-startup-delay"] + interval)
        assert collectstatic.wait(timeout=60) == 0, _log(tmp_path)
        _wait_until(lambda: _get(f"{base}/healthz")[0] == 200, 30, "the app starts")
        # The app worker holds a persistent connection (CONN_MAX_AGE) before the outage.
        assert _get(f"{base}/transparansi/?q=a")[0] == 200, _log(tmp_path)

        _enqueue(cluster, tulis_dua_baris, range(3))
        _wait_until(
            lambda: "RUNNING" in cluster.sql(DB, TASKS),
            20,
            "a task runs",
            lambda: cluster.sql(DB, TASKS) + _log(tmp_path),
        )

        cluster.signal(signal.SIGSTOP)
        suspended = time.monotonic()
        status, body, headers, took = _get(f"{base}/healthz")
        assert (status, body, took < 5) == (503, "database unavailable", True), took
        for path in ("/transparansi/?q=b", "/verifikasi/ABCD-EFGH-JKMN-PQRS/"):
            status, body, headers, took = _get(base + path)
            assert status == 503 and took < 5, (path, status, took)
            assert "Layanan sedang tidak tersedia" in body
            assert headers["Retry-After"] == "30"
        # Long enough for the worker's own wait on the database to give up too.
        time.sleep(max(0, 8 - (time.monotonic() - suspended)))
        assert worker.poll() is None, _log(tmp_path)
        cluster.signal(signal.SIGCONT)

        _wait_until(lambda: _get(f"{base}/healthz")[0] == 200, 10, "the app recovers")
        assert _get(f"{base}/transparansi/?q=d")[0] == 200, _log(tmp_path)
        _wait_until(
            lambda: cluster.sql(DB, TASKS) == "SUCCESSFUL,SUCCESSFUL,SUCCESSFUL",
            20,
            "the worker carries on",
            lambda: cluster.sql(DB, TASKS) + _log(tmp_path),
        )
        assert worker.poll() is None
        rows = cluster.sql(
            DB, "SELECT string_agg(name, ',' ORDER BY name) FROM auth_group WHERE name LIKE 'uji-%'"
        )
        assert rows == "uji-0-a,uji-0-b,uji-1-a,uji-1-b,uji-2-a,uji-2-b"
        assert "is queued again" in _log(tmp_path)
    finally:
        for process in processes:
            if process.poll() is None:
                # gunicorn's quick shutdown; the worker's graceful one.
                process.send_signal(signal.SIGTERM if process is worker else signal.SIGQUIT)
        for process in processes:
            process.wait(timeout=20)
    assert time.monotonic() - started < 60


def _log(tmp_path):
    return (tmp_path / "app.log").read_text()


def _enqueue(cluster, task, numbers):
    """Tasks into the throwaway cluster's queue, the row django-tasks-db's backend writes (the
    test's own database connections are pytest-django's)."""
    from django_tasks_db.models import get_date_max

    cluster.sql(
        DB,
        "INSERT INTO django_tasks_database_dbtaskresult (id, status, args_kwargs, priority,"
        " task_path, queue_name, backend_name, run_after, enqueued_at, exception_class_path,"
        " traceback, worker_ids) SELECT gen_random_uuid(), 'READY',"
        " jsonb_build_object('args', jsonb_build_array(n), 'kwargs', '{}'::jsonb),"
        f" {task.priority}, '{task.module_path}', '{task.queue_name}', 'default',"
        f" '{get_date_max().isoformat()}', now() + n * interval '1 ms', '', '', '[]'"
        f" FROM generate_series({min(numbers)}, {max(numbers)}) AS n",
    )


# --- ./dev run: the demo command stops with everything it started ---------------------------


def _processes_with(marker: str) -> list[int]:
    """PIDs of the processes whose environment holds ``marker`` (the demo and its children)."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        with contextlib.suppress(OSError):
            if marker.encode() in environ.read_bytes().split(b"\0"):
                found.append(int(environ.parent.name))
    return found


def _demo(tmp_path, port, marker):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DEBUG": "1",
        marker.split("=")[0]: marker.split("=")[1],
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "demo", "--port", str(port), "--pegawai", "60"],
        cwd=ROOT,
        env=env,
        stdout=(tmp_path / "demo.out").open("w"),
        stderr=(tmp_path / "demo.err").open("w"),
    )


def test_the_demo_on_a_taken_port_says_so_before_seeding_and_leaves_nothing_running(tmp_path):
    marker = f"UJI_DEMO={uuid.uuid4().hex}"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        demo = _demo(tmp_path, port, marker)
        assert demo.wait(timeout=60) == 1
    errors = (tmp_path / "demo.err").read_text()
    assert f"Port {port} sudah dipakai program lain" in errors
    assert f"Port {port} is already in use" in errors
    assert f"--port {port + 1}" in errors
    assert not (tmp_path / "demo.sqlite3").exists()  # nothing migrated or seeded
    assert _processes_with(marker) == []


def test_stopping_the_demo_by_its_pid_stops_the_server_and_the_worker(tmp_path):
    marker = f"UJI_DEMO={uuid.uuid4().hex}"
    port = _free_port()
    demo = _demo(tmp_path, port, marker)
    try:
        _wait_until(
            lambda: _get(f"http://127.0.0.1:{port}/healthz", timeout=5)[0] == 200,
            240,
            "the demo serves",
            lambda: (tmp_path / "demo.err").read_text()[-3000:],
        )
        # The command itself, the development server and the task worker.
        _wait_until(lambda: len(_processes_with(marker)) == 3, 30, "the worker starts")
        demo.send_signal(signal.SIGTERM)
        assert demo.wait(timeout=20) == 0
        _wait_until(lambda: _processes_with(marker) == [], 5, "every child ends")
    finally:
        for pid in _processes_with(marker):
            os.kill(pid, signal.SIGKILL)


def _children(marker, server_code):
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    python = [sys.executable, "-c"]
    return env, {
        "server": [*python, f"import sys, time; time.sleep(0.5); sys.exit({server_code})"]
        if server_code is not None
        else [*python, "import time; time.sleep(60)"],
        "worker": [*python, "import time; time.sleep(60)"],
    }


def test_ctrl_c_stops_both_children_and_waits_for_them():
    from mutasi.management.commands.demo import Command

    marker = f"UJI_DEMO={uuid.uuid4().hex}"
    env, commands = _children(marker, server_code=None)
    before = signal.getsignal(signal.SIGINT)  # SIG_IGN when pytest runs in the background
    timer = threading.Timer(1.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    Command()._run(commands, env)
    assert time.monotonic() - started < 10
    assert _processes_with(marker) == []
    assert signal.getsignal(signal.SIGINT) == before  # given back


def test_a_server_that_ends_stops_the_worker_and_the_demo_with_its_code():
    from mutasi.management.commands.demo import Command

    marker = f"UJI_DEMO={uuid.uuid4().hex}"
    env, commands = _children(marker, server_code=3)  # e.g. the port taken after the check
    with pytest.raises(SystemExit) as ended:
        Command()._run(commands, env)
    assert ended.value.code == 3
    assert _processes_with(marker) == []


# --- which database errors are an outage ----------------------------------------------------


def _raised_from(error, cause):
    try:
        try:
            raise cause
        except Exception as inner:
            raise error from inner
    except Exception as outer:
        return outer


class _ServerError(Exception):
    def __init__(self, sqlstate):
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("sqlstate", "lost"),
    [
        (None, True),  # psycopg's own: no answer, connection refused or reset
        ("08006", True),  # connection failure
        ("57P01", True),  # the server shuts down
        ("57014", False),  # statement timeout: the server refused this query
        ("40P01", False),  # deadlock
    ],
)
def test_only_a_lost_connection_makes_the_worker_run_a_task_again(sqlstate, lost):
    from mutasi.lib.outage import connection_lost, database_away

    error = _raised_from(OperationalError("x"), _ServerError(sqlstate))
    assert database_away(error)  # every one of them is the 503 page
    assert connection_lost(error) is lost
    assert not connection_lost(ValueError("x")) and not database_away(ValueError("x"))


def test_a_query_past_the_statement_timeout_is_refused_by_the_server(db):
    from django.db import connection, transaction

    from mutasi.lib.outage import connection_lost

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's statement_timeout (CI runs it)")
    assert connection.settings_dict["OPTIONS"]["options"].startswith("-c statement_timeout=")
    with pytest.raises(OperationalError) as caught, transaction.atomic(), connection.cursor() as c:
        c.execute("SET LOCAL statement_timeout = 200")
        c.execute("SELECT pg_sleep(2)")
    assert "statement timeout" in str(caught.value)
    assert not connection_lost(caught.value)
