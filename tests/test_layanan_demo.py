"""The demo's public-service quality: service units of every kind, three years of surveys and
complaints told from the reference day, units better after moves and units not, priorities
on the pages."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from evaluasi import dasbor
from evaluasi import layanan as dampak
from instansi.choices import JenisUnit
from instansi.layanan.models import HasilSkm, PengaduanBulanan
from instansi.models import UnitKerja
from pegawai.models import User
from tests.seeded import seeded_demo

pytestmark = pytest.mark.django_db

# Seeded once for the module; each test runs in its own savepoint on it.
demo = seeded_demo(pegawai=300)


@pytest.fixture
def media_root(demo):
    return demo


def test_the_demo_has_service_units_with_three_years_of_data_and_both_stories(client):
    today = timezone.localdate()
    units = UnitKerja.objects.filter(layanan_publik=True)
    kinds = set(units.values_list("jenis", flat=True))
    assert {JenisUnit.PUSKESMAS, JenisUnit.SEKOLAH} <= kinds
    names = set(units.values_list("nama", flat=True))
    assert "Bidang Pelayanan Pendaftaran Penduduk" in names  # Disdukcapil
    assert "Bidang Pelayanan Perizinan dan Non-Perizinan" in names  # DPMPTSP
    assert all(u.layanan for u in units)
    months = PengaduanBulanan.objects.dates("bulan", "month")
    assert months.first() >= datetime.date(today.year - 3, today.month, 1)
    assert months.last() < today.replace(day=1)
    assert len(months) == 36
    assert HasilSkm.objects.values("tahun").distinct().count() >= 3
    assert all(h.selesai < today for h in HasilSkm.objects.all())
    # Receiving units judged one by one: some better after the move, some not.
    effects = [
        d.aduan.dampak
        for d in (dampak.dampak_unit(u, today) for u in units)
        if d and d.aduan.dampak is not None
    ]
    assert any(e < -0.5 for e in effects) and any(e > 0 for e in effects)
    d = dampak.dampak_program(dasbor.mutasi_terlaksana(), today)
    assert not d.terlalu_sedikit

    client.force_login(User.objects.get(username="operator.bkd"))
    response = client.get(reverse("instansi:layanan"))
    assert response.context["jumlah_prioritas"] > 0
    # A priority unit's vacancies carry the mark (the list filtered to the unit).
    prioritas = [u for u in response.context["units"] if u.prioritas]
    shown = [
        "prioritas" in client.get(reverse("mutasi:lowongan"), {"unit": u.pk}).content.decode()
        for u in prioritas
    ]
    assert any(shown)
    assert "terlalu sedikit data" not in client.get(reverse("evaluasi:dasbor")).content.decode()

    counts = (HasilSkm.objects.count(), PengaduanBulanan.objects.count())
    call_command("seed_demo", pegawai=300, force=True, verbosity=0)
    assert (HasilSkm.objects.count(), PengaduanBulanan.objects.count()) == counts


@time_machine.travel(datetime.datetime(2026, 12, 4, 10, tzinfo=ZoneInfo("Asia/Jakarta")))
def test_the_example_complaint_file_in_docs_imports_into_the_demo(client):
    from pathlib import Path

    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(User.objects.get(username="operator.bkd"))
    data = (Path(settings.BASE_DIR) / "docs" / "contoh-impor-pengaduan.csv").read_bytes()
    response = client.post(
        reverse("instansi:layanan_impor"),
        {"berkas": SimpleUploadedFile("contoh.csv", data, "text/csv")},
        follow=True,
    )
    assert "3 baris rekap pengaduan disimpan" in response.content.decode()
    row = PengaduanBulanan.objects.get(
        unit__kode="2.12.01.02", bulan=datetime.date(2026, 1, 1), kategori="waktu"
    )
    assert (row.jumlah, row.selesai, str(row.rata_hari_selesai)) == (12, 10, "4.5")
