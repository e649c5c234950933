"""Faults (issue 17): the database lost or hung under the app and the worker, files gone from
the disk, and the demo command stopped. The app answers with its Indonesian 503 or 404 pages
within seconds, the worker waits and carries on, and nothing is left half-written or running.
"""

import logging

import pytest
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

    from tests.tugas_uji import tulis_dua_baris

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

    from tests import tugas_uji

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
    result = tugas_uji.tulis_dua_baris.enqueue(7)
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
