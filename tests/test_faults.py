"""Faults (issue 8): the database going away and coming back, a failing background task, a
failing PDF render — the app answers 503 instead of 500, recovers by itself, and never leaves
a letter half-published or a number used twice."""

import datetime
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from django.utils import timezone

from mutasi.models import AuditLog, NomorSurat, StatusRender, StatusSK, SuratKeputusan
from mutasi.usulan.choices import StatusUsulan
from tests.factories import terbitkan_sk
from tests.test_sk import draft, make_approved

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


# --- the database goes away (simulated; runs on SQLite too) ---------------------------------


def broken(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def test_healthz_says_503_with_a_short_body_while_the_database_is_away(client, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.text == "database unavailable"
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    monkeypatch.undo()
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_gives_a_friendly_503_instead_of_a_500(
    client, login, operator_bkd, monkeypatch, error
):
    client = login(operator_bkd)
    client.raise_request_exception = False

    def gone(*args, **kwargs):
        raise error("server closed the connection unexpectedly")

    # The session (read by the authentication middleware) is the first thing to need the
    # database: the failure happens outside any view.
    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.load", gone)
    response = client.get(reverse("pegawai:list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Layanan sedang tidak tersedia" in response.text
    assert "coba lagi dalam 30 detik" in response.text
    assert "Content-Security-Policy" in response


def test_a_view_losing_the_database_is_a_503_too(client, monkeypatch):
    client.raise_request_exception = False
    monkeypatch.setattr("mutasi.publik.data.keputusan", broken)
    response = client.get("/transparansi/?q=apa")
    assert response.status_code == 503
    assert "Layanan sedang tidak tersedia" in response.text


def test_other_errors_stay_a_500(client, monkeypatch):
    client.raise_request_exception = False

    def bug(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr("mutasi.publik.data.keputusan", bug)
    response = client.get("/transparansi/?q=apa")
    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.text


# --- the database goes away for real: a throwaway PostgreSQL cluster -------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url, timeout=15):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def _wait_for(url, status, seconds=30):
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            last = _get(url, timeout=10)
            if last[0] == status:
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last = error
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer {status} within {seconds}s: {last}")


@pytest.fixture
def pg_cluster():
    """A PostgreSQL cluster of our own, to stop and start (never the shared one)."""
    engine = django_settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        pytest.skip("needs PostgreSQL (CI runs it)")
    tools = [shutil.which(t) for t in ("pg_createcluster", "pg_ctlcluster", "pg_dropcluster")]
    if not all(tools) or not Path("/etc/postgresql").is_dir():
        pytest.skip("needs Debian's postgresql-common (pg_createcluster)")
    if os.geteuid() != 0:
        pytest.skip("pg_createcluster needs root")
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    name, port = f"fault{os.getpid()}", _free_port()
    ctl = ["pg_ctlcluster", "--skip-systemctl-redirect", version, name]
    subprocess.run(
        ["pg_createcluster", version, name, "--port", str(port), "--", "--auth=trust"],
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run([*ctl, "start"], check=True, capture_output=True)
        yield {"port": port, "stop": [*ctl, "stop", "-m", "fast"], "start": [*ctl, "start"]}
    finally:
        subprocess.run(
            ["pg_dropcluster", "--stop", version, name], capture_output=True, check=False
        )


def test_the_app_answers_503_while_postgresql_is_down_and_recovers_by_itself(pg_cluster, tmp_path):
    db_url = f"postgres://postgres@127.0.0.1:{pg_cluster['port']}/mutasi_fault"
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-p", str(pg_cluster["port"]), "-U", "postgres"]
        + ["mutasi_fault"],
        check=True,
    )
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "DEBUG": "0",
        "SECRET_KEY": "uji-gangguan-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "DJANGO_SETTINGS_MODULE": "mutasi.settings",
    }
    # Copy the static files only: hashing and compressing them all takes a minute, and with
    # WHITENOISE_MANIFEST_STRICT off the pages hash the few they name on the fly.
    for command in (["migrate"], ["collectstatic", "--noinput", "--no-post-process"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True
        )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "mutasi.wsgi", "-b", f"127.0.0.1:{port}"]
        + ["-w", "2", "--timeout", "30"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
    )
    try:
        _wait_for(f"{base}/healthz", 200)
        # Both workers hold a persistent connection (CONN_MAX_AGE) before the outage.
        log = tmp_path / "gunicorn.log"
        for _ in range(4):
            assert _get(f"{base}/transparansi/?q=a")[0] == 200, log.read_text()[-3000:]

        subprocess.run(pg_cluster["stop"], check=True, capture_output=True)
        status, body, headers = _wait_for(f"{base}/healthz", 503, seconds=15)
        assert body == "database unavailable"
        status, body, headers = _get(f"{base}/transparansi/?q=b")
        assert status == 503
        assert "Layanan sedang tidak tersedia" in body
        assert headers["Retry-After"] == "30"
        assert "Traceback" not in body

        subprocess.run(pg_cluster["start"], check=True, capture_output=True)
        _wait_for(f"{base}/healthz", 200, seconds=30)
        # Every worker reconnects by itself: no restart of the app.
        for _ in range(4):
            status, body, _h = _get(f"{base}/transparansi/?q=c")
            assert status == 200, log.read_text()[-3000:]
    finally:
        server.terminate()
        server.wait(timeout=20)


# --- a PDF render that fails: never half-published, numbers never reused ---------------------


@pytest.fixture
def publish(pejabat, django_capture_on_commit_callbacks):
    def _publish(letter):
        with django_capture_on_commit_callbacks(execute=True):
            terbitkan_sk(letter.pk, pejabat)
        return SuratKeputusan.objects.get(pk=letter.pk)

    return _publish


def test_a_publication_that_fails_midway_changes_nothing_and_gives_the_number_back(
    operator_bkd, pejabat, publish, monkeypatch
):
    usulan = make_approved(operator_bkd, 2)
    first = draft(operator_bkd, usulan[:1])
    second = draft(operator_bkd, usulan[1:])

    def mail_down(*args, **kwargs):
        raise ConnectionError("server surat tidak menjawab")

    monkeypatch.setattr("mutasi.sk.terbit.notify", mail_down)
    with pytest.raises(ConnectionError):
        terbitkan_sk(first.pk, pejabat)
    first.refresh_from_db()
    # Submitted to the official (that step's notice went out), not published: no number.
    assert first.status == StatusSK.DIAJUKAN and first.nomor in ("", None) and first.urut is None
    for item in usulan:
        item.refresh_from_db()
        assert item.status == StatusUsulan.DISETUJUI
    assert not AuditLog.objects.filter(action="mutasi.sk.diterbitkan").exists()
    assert NomorSurat.objects.filter(terakhir__gt=0).count() == 0

    monkeypatch.undo()
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    assert publish(second).urut == 1
    assert publish(first).urut == 2


def test_a_failed_render_leaves_no_file_and_retrying_keeps_the_number(
    operator_bkd, login, publish, monkeypatch, django_capture_on_commit_callbacks, client
):
    def no_font(sk):
        raise OSError("font tidak ditemukan")

    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", no_font)
    letter = publish(draft(operator_bkd, make_approved(operator_bkd, 1)))
    nomor, urut = letter.nomor, letter.urut
    assert letter.render_status == StatusRender.GAGAL
    # Nothing half-done: no file, no hash, nothing to download.
    assert not letter.berkas and not letter.sha256
    staff = login(operator_bkd)
    assert staff.get(reverse("mutasi:sk_unduh", args=[letter.pk])).status_code == 404
    assert AuditLog.objects.filter(action="mutasi.sk.pdf_gagal").count() == (
        django_settings.SK_RENDER_PERCOBAAN
    )

    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            staff.post(reverse("mutasi:sk_render_ulang", args=[letter.pk]))
    letter.refresh_from_db()
    assert letter.render_status == StatusRender.SELESAI and letter.sha256
    assert (letter.nomor, letter.urut) == (nomor, urut)
    assert NomorSurat.objects.get().terakhir == 1
    assert SuratKeputusan.objects.filter(nomor=nomor).count() == 1


# --- a background task that fails, with the real worker -------------------------------------


# The worker closes its database connections between tasks, as in production: that needs a
# real transaction per test, not the rolled-back one.
@pytest.mark.django_db(transaction=True)
def test_the_worker_records_a_failing_task_retries_it_later_and_then_succeeds(
    operator_bkd, pejabat, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    letter = draft(operator_bkd, make_approved(operator_bkd, 1))
    with django_capture_on_commit_callbacks(execute=True):
        terbitkan_sk(letter.pk, pejabat)

    def crash(sk):
        raise MemoryError("kehabisan memori")

    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", crash)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert failed.exception_class_path == "builtins.MemoryError"
    assert "kehabisan memori" in failed.traceback
    # (the reminder deferred to the letter's TMT waits too)
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY, task_path__endswith="render_sk")
    assert retry.run_after > timezone.now()  # waits, instead of hammering
    letter.refresh_from_db()
    assert letter.terbit and letter.render_status == StatusRender.GAGAL
    assert "MemoryError" in letter.render_error and not letter.berkas

    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    DBTaskResult.objects.filter(pk=retry.pk).update(
        run_after=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.SUCCESSFUL
    letter.refresh_from_db()
    assert letter.render_status == StatusRender.SELESAI and letter.render_percobaan == 2
    assert NomorSurat.objects.get().terakhir == 1
