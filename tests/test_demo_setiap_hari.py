"""The demo keeps every promise of the README on any day of the year: seeded on awkward days
(New Year's Day, a leap day, the last days of December, the suite's own day), it has the
same stories, told from that day."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from evaluasi import dasbor
from evaluasi.models import Evaluasi
from instansi.choices import StatusAnalisis
from instansi.models import AnalisisBebanKerja, PerangkatDaerah
from mutasi.demo.context import ARSIP
from mutasi.demo.evaluasi import ARSIP_EVALUASI
from mutasi.models import StatusSK, SuratKeputusan, SuratKeputusanUsulan, Usulan
from mutasi.usulan import kursi
from mutasi.usulan.choices import StatusUsulan
from pegawai.models import Skp, User

pytestmark = pytest.mark.django_db

TZ = datetime.timezone(datetime.timedelta(hours=7))  # Asia/Jakarta

# A leap day is the reference day of the last test below.
AWKWARD_DAYS = [
    datetime.date(2027, 1, 1),
    datetime.date(2026, 12, 31),
    datetime.date(2027, 12, 30),
    datetime.date(2027, 7, 15),
    # A story's first steps months back must pass the rules on their own day too (this day
    # broke `./dev run` with 600 employees: see the test below).
    datetime.date(2027, 4, 1),
    datetime.date(2027, 9, 30),
]


def promises(today: datetime.date) -> dict[str, bool]:
    """What the README says the demo holds, each checked against the data."""
    stories = Usulan.objects.exclude(catatan_internal__in=[ARSIP, ARSIP_EVALUASI])
    letters = SuratKeputusan.objects.exclude(baris__usulan__catatan_internal=ARSIP_EVALUASI)
    published = letters.filter(status=StatusSK.TERBIT).annotate(n=Count("baris"))
    revoked = published.filter(dicabut_oleh__isnull=False)
    evaluations = Evaluasi.objects.select_related("penilaian_atasan", "penilaian_diri")
    statuses = {e.status(today) for e in evaluations}
    dinkes_due = [
        e
        for e in evaluations.filter(perangkat_daerah__users__username="kepala.dinkes", bulan=3)
        if e.status(today) in ("jatuh_tempo", "terlambat") and not hasattr(e, "penilaian_atasan")
    ]
    summary = dasbor.hitung(dasbor.mutasi_terlaksana(), Usulan.objects.all())
    last_year = today.year - 1
    register = SuratKeputusan.objects.filter(status=StatusSK.TERBIT).order_by("tahun", "urut")
    by_date = list(register.values_list("tahun", "tanggal_terbit", "diterbitkan_pada"))
    return {
        "perangkat daerah": PerangkatDaerah.objects.count() >= 20,
        "usulan di setiap status": all(
            stories.filter(status=s).exists() for s in StatusUsulan.values
        ),
        "SK kolektif": published.filter(n__gte=2, dicabut_oleh__isnull=True).exists(),
        "SK dicabut dan dibetulkan": revoked.count() == 1,
        "SK baru dengan TMT di depan": published.filter(baris__tmt__gt=today).exists(),
        "satu draf SK menunggu pejabat": letters.filter(status=StatusSK.DIAJUKAN).count() == 1,
        "SK tahun ini, terbit sampai hari ini": all(
            s.tahun == today.year and s.tanggal_terbit <= today for s in published
        ),
        "nomor SK urut menurut tanggal": by_date == sorted(by_date),
        "ABK tahun lalu diterima": AnalisisBebanKerja.objects.filter(
            tahun=last_year, status=StatusAnalisis.DITERIMA
        ).count()
        == PerangkatDaerah.objects.count(),
        "ABK tahun ini berjalan": AnalisisBebanKerja.objects.filter(tahun=today.year).exists(),
        "evaluasi selesai, belum, jatuh tempo, terlambat": statuses
        == {"selesai", "belum", "jatuh_tempo", "terlambat"},
        "kepala.dinkes punya evaluasi 3 bulan untuk diisi": len(dinkes_due) > 0,
        "SKP sebelum dan sesudah mutasi": summary.kinerja["dibandingkan"] > 0,
        "SKP hanya untuk tahun yang sudah lewat": not Skp.objects.filter(
            tahun__gte=today.year
        ).exists(),
        "tidak ada kursi yang dipesan dua kali": not kursi.dengan_kursi()
        .filter(masuk__gt=0, kursi__lt=0)
        .exists(),
        "setiap baris SK terbit tersalin": not SuratKeputusanUsulan.objects.filter(
            sk__status=StatusSK.TERBIT, nama=""
        ).exists(),
        "setiap keputusan usulan cerita punya salinan syarat": not stories.filter(
            status__in=[StatusUsulan.DITETAPKAN, StatusUsulan.DILAKSANAKAN], salinan__isnull=True
        ).exists(),
        "akun asn punya usulan": Usulan.objects.filter(
            pegawai__user__username="asn", status=StatusUsulan.DIAJUKAN
        ).exists(),
    }


@pytest.mark.parametrize("day", AWKWARD_DAYS, ids=str)
def test_the_demo_keeps_the_readmes_promises_on_an_awkward_day(day):
    with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, tzinfo=TZ)):
        call_command("seed_demo", pegawai=300, force=True, verbosity=0)
        assert timezone.localdate() == day
        broken = [name for name, kept in promises(day).items() if not kept]

    assert broken == []
    assert User.objects.filter(username="kepala.dinkes").exists()


def test_a_larger_demo_publishes_its_letters_on_a_day_that_once_failed():
    """5 December 2026, 600 employees: a proposal approved before the letter's day was of
    someone not yet two years in post on that day. Every story must hold on each of its
    own days."""
    moment = datetime.datetime(2026, 12, 5, 7, 13, tzinfo=TZ)
    with time_machine.travel(moment):
        call_command("seed_demo", pegawai=600, force=True, verbosity=0)
        broken = [name for name, kept in promises(moment.date()).items() if not kept]
    assert broken == []


def test_the_demo_is_told_from_the_given_reference_day():
    day = datetime.date(2028, 2, 29)

    call_command("seed_demo", "--tanggal=2028-02-29", pegawai=300, force=True, verbosity=0)

    with time_machine.travel(datetime.datetime(2028, 2, 29, 15, tzinfo=TZ)):
        broken = [name for name, kept in promises(day).items() if not kept]
    assert broken == []
