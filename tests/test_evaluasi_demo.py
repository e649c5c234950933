"""The demo's implemented moves with evaluations: filled, due and overdue, trainings."""

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.models import FileField
from django.urls import reverse
from django.utils import timezone

from evaluasi import dasbor
from evaluasi.choices import StatusPelatihan
from evaluasi.models import Evaluasi, Pelatihan, PenilaianAtasan, PenilaianDiri
from mutasi.demo.evaluasi import ARSIP_EVALUASI
from mutasi.models import Usulan
from pegawai.models import User
from tests.seeded import seeded_demo

pytestmark = pytest.mark.django_db

# Seeded once for the module; each test runs in its own savepoint on it.
demo = seeded_demo(pegawai=300)


@pytest.fixture
def media_root(demo):
    return demo


def test_the_demo_has_evaluations_in_every_state_and_seeds_once(client):
    counts = (
        Usulan.objects.filter(catatan_internal=ARSIP_EVALUASI).count(),
        Evaluasi.objects.count(),
        PenilaianAtasan.objects.count(),
        PenilaianDiri.objects.count(),
        Pelatihan.objects.count(),
    )
    assert counts[0] >= 20
    today = timezone.localdate()
    statuses = {
        e.status(today)
        for e in Evaluasi.objects.select_related("penilaian_atasan", "penilaian_diri")
    }
    assert statuses == {"selesai", "belum", "jatuh_tempo", "terlambat"}, (statuses, counts)
    assert set(Pelatihan.objects.values_list("status", flat=True)) == {
        StatusPelatihan.SELESAI,
        StatusPelatihan.DIRENCANAKAN,
    }
    # Supervisors are the heads of the receiving agencies where the demo has one.
    assert Evaluasi.objects.filter(perangkat_daerah__users__username="kepala.dinkes").exists()
    d = dasbor.hitung(dasbor.mutasi_terlaksana(), Usulan.objects.all())
    assert d.jumlah >= counts[0] and d.skor["kepuasan"] is not None
    assert d.kinerja["dibandingkan"] > 0

    call_command("seed_demo", pegawai=300, force=True, verbosity=0)
    assert counts == (
        Usulan.objects.filter(catatan_internal=ARSIP_EVALUASI).count(),
        Evaluasi.objects.count(),
        PenilaianAtasan.objects.count(),
        PenilaianDiri.objects.count(),
        Pelatihan.objects.count(),
    )
    client.force_login(User.objects.get(username="operator.bkd"))
    assert client.get(reverse("evaluasi:dasbor")).status_code == 200


def test_every_file_the_demo_records_is_on_the_disk_and_downloads(client, settings):
    recorded = [
        (model, field.name, name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField)
        for name in model.objects.exclude(**{field.name: ""}).values_list(field.name, flat=True)
        if name
    ]
    assert any(model is Pelatihan for model, _field, _name in recorded)
    missing = [row for row in recorded if not default_storage.exists(row[2])]
    assert missing == []
    client.force_login(User.objects.get(username="operator.bkd"))
    pelatihan = Pelatihan.objects.exclude(bukti="").first()
    response = client.get(reverse("evaluasi:pelatihan_bukti", args=[pelatihan.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
