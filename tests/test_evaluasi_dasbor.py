"""The programme dashboard: each figure against values computed by hand on a small set."""

import datetime
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook
from pypdf import PdfReader

from evaluasi import dasbor, dasbor_grafik
from evaluasi.choices import StatusPelatihan
from evaluasi.filters import DasborFilter
from evaluasi.models import (
    Evaluasi,
    HitunganDasbor,
    Pelatihan,
    PenilaianAtasan,
    PenilaianDiri,
)
from mutasi import audit
from mutasi.models import Usulan
from mutasi.usulan.choices import JenisMutasi, SikapPegawai, StatusUsulan
from pegawai.access import Role
from pegawai.choices import Golongan, PredikatSkp
from tests.factories import (
    FormasiFactory,
    PegawaiFactory,
    SkpFactory,
    UnitKerjaFactory,
    UserFactory,
    make_move,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)
D = datetime.date


def _penilaian(usulan, kinerja, adaptasi, kepuasan, adaptasi_diri, beban, user):
    evaluasi = Evaluasi.objects.get(usulan=usulan, bulan=3)
    PenilaianAtasan.objects.create(
        evaluasi=evaluasi,
        kinerja=kinerja,
        adaptasi=adaptasi,
        rekomendasi="pertahankan",
        penilai=user,
    )
    PenilaianDiri.objects.create(
        evaluasi=evaluasi, kepuasan=kepuasan, adaptasi=adaptasi_diri, beban_kerja=beban
    )
    return evaluasi


@pytest.fixture
def data(unit_a, unit_b, operator_bkd, opd_b):
    """Four moves from unit A to unit B.

    | move | sex | born | filed      | letter     | days | TMT        | SKP before → after |
    |------|-----|------|------------|------------|------|------------|--------------------|
    | m1   | 1   | 1985 | 2025-01-01 | 2025-02-10 | 40   | 2025-03-01 | Baik → Sangat Baik |
    | m2   | 2   | 1998 | 2025-04-01 | 2025-05-01 | 30   | 2025-06-01 | Baik → Baik        |
    | m3   | 2   | 1985 | 2025-05-02 | 2025-08-30 | 120  | 2025-09-01 | S.Baik → Kurang    |
    | m4   | 1   | 1985 | 2025-09-21 | 2025-09-30 | 9    | 2025-10-01 | Baik → (none)      |
    """
    kepala = UserFactory(perangkat_daerah=opd_b, roles=[Role.KEPALA_OPD])
    formasi = FormasiFactory(unit=unit_b)
    p = [
        PegawaiFactory(unit=unit_a, jenis_kelamin="1", golongan=Golongan.III_B),
        PegawaiFactory(
            unit=unit_a, jenis_kelamin="2", lahir=D(1998, 1, 1), golongan=Golongan.III_A
        ),
        PegawaiFactory(unit=unit_a, jenis_kelamin="2", golongan=Golongan.III_B),
        PegawaiFactory(unit=unit_a, jenis_kelamin="1", golongan=Golongan.III_B),
    ]
    skp = [
        (PredikatSkp.BAIK, PredikatSkp.SANGAT_BAIK),
        (PredikatSkp.BAIK, PredikatSkp.BAIK),
        (PredikatSkp.SANGAT_BAIK, PredikatSkp.KURANG),
        (PredikatSkp.BAIK, None),
    ]
    for pegawai, (before, after) in zip(p, skp, strict=True):
        SkpFactory(pegawai=pegawai, tahun=2023, predikat=PredikatSkp.SANGAT_KURANG)
        SkpFactory(pegawai=pegawai, tahun=2024, predikat=before)
        SkpFactory(pegawai=pegawai, tahun=2025, predikat=PredikatSkp.SANGAT_KURANG)
        if after:
            SkpFactory(pegawai=pegawai, tahun=2026, predikat=after)
    dates = [
        (D(2025, 1, 1), D(2025, 2, 10), D(2025, 3, 1)),
        (D(2025, 4, 1), D(2025, 5, 1), D(2025, 6, 1)),
        (D(2025, 5, 2), D(2025, 8, 30), D(2025, 9, 1)),
        (D(2025, 9, 21), D(2025, 9, 30), D(2025, 10, 1)),
    ]
    m = [
        make_move(pegawai, formasi, tmt, operator_bkd, diajukan=filed, terbit=letter)
        for pegawai, (filed, letter, tmt) in zip(p, dates, strict=True)
    ]
    Usulan.objects.filter(pk=m[1].pk).update(
        sikap=SikapPegawai.KEBERATAN, jawaban_keberatan="Sudah dipertimbangkan."
    )
    m[3].jenis = JenisMutasi.DALAM_OPD
    m[3].save()
    e1 = _penilaian(m[0], 4, 3, 5, 4, 3, kepala)
    e2 = _penilaian(m[1], 2, 2, 3, 2, 4, kepala)
    # Two more proposals with objections: one rejected and answered, one pending unanswered.
    for status, answer in ((StatusUsulan.DITOLAK, "Dijawab."), (StatusUsulan.DIAJUKAN, "")):
        pegawai = PegawaiFactory(unit=unit_a, aktif=False)
        u = Usulan.objects.create(
            pegawai=pegawai,
            jenis=JenisMutasi.ANTAR_OPD,
            alasan=m[0].alasan,
            alasan_publik="x",
            unit_asal=unit_a,
            jabatan_asal=pegawai.jabatan,
            formasi_tujuan=formasi,
            tanggal_rencana=TODAY,
            dibuat_oleh=operator_bkd,
        )
        Usulan.objects.filter(pk=u.pk).update(
            status=status, sikap=SikapPegawai.KEBERATAN, jawaban_keberatan=answer
        )
    # Trainings: one done, one open and late, one cancelled.
    Pelatihan.objects.create(
        evaluasi=e1,
        topik="A",
        penyelenggara="P",
        tenggat=D(2026, 1, 1),
        dibuat_oleh=kepala,
        status=StatusPelatihan.SELESAI,
        bukti="pelatihan/x",
        selesai_pada=D(2025, 12, 1),
    )
    Pelatihan.objects.create(
        evaluasi=e1, topik="B", penyelenggara="P", tenggat=D(2026, 2, 1), dibuat_oleh=kepala
    )
    Pelatihan.objects.create(
        evaluasi=e2,
        topik="C",
        penyelenggara="P",
        tenggat=D(2026, 2, 1),
        dibuat_oleh=kepala,
        status=StatusPelatihan.DIBATALKAN,
    )
    return {"moves": m, "pegawai": p, "formasi": formasi}


def hitung(**filters):
    saring = DasborFilter(filters or None, queryset=dasbor.mutasi_terlaksana())
    moves = saring.qs if saring.is_bound else dasbor.mutasi_terlaksana()
    return dasbor.hitung(moves, saring.usulan_queryset(), TODAY)


def test_moves_and_time_from_proposal_to_letter(data):
    d = hitung()
    assert d.jumlah == 4
    # Days 9, 30, 40, 120: the median is (30 + 40) / 2; p90 sits at rank 0.9 × 3 = 2.7,
    # 40 + 0.7 × (120 − 40) = 96.
    assert d.durasi_median == pytest.approx(35)
    assert d.durasi_p90 == pytest.approx(96)
    assert [(m.date() if hasattr(m, "date") else m, n) for m, n in d.per_bulan] == [
        (D(2025, 3, 1), 1),
        (D(2025, 6, 1), 1),
        (D(2025, 9, 1), 1),
        (D(2025, 10, 1), 1),
    ]
    # The chart names the months in Indonesian whatever the server's locale.
    assert dasbor_grafik.grafik(d)["bulan"]["labels"] == [
        "Mar 2025",
        "Jun 2025",
        "Sep 2025",
        "Okt 2025",
    ]


def test_performance_after_compares_skp_across_the_year_of_the_move(data):
    k = hitung().kinerja
    assert (k["lebih_baik"], k["sama"], k["lebih_buruk"], k["dibandingkan"]) == (1, 1, 1, 3)
    assert k["porsi_lebih_baik"] == pytest.approx(1 / 3)


def test_score_averages_and_evaluation_counts(data):
    d = hitung()
    assert d.skor["kinerja"] == pytest.approx(3.0)
    assert d.skor["adaptasi_atasan"] == pytest.approx(2.5)
    assert d.skor["kepuasan"] == pytest.approx(4.0)
    assert d.skor["adaptasi_diri"] == pytest.approx(3.0)
    assert d.skor["beban_kerja"] == pytest.approx(3.5)
    # 4 moves × 3 stages, all past their deadline on 23 November 2026; two are complete.
    assert d.evaluasi == {"jumlah": 12, "jatuh_tempo": 12, "atasan": 2, "diri": 2, "terlambat": 10}
    assert [r["bulan"] for r in d.skor_per_tahap] == [3, 6, 12]
    assert d.skor_per_tahap[1]["kinerja"] is None


def test_objections_and_how_they_were_answered(data):
    k = hitung().keberatan
    assert (k["usulan"], k["keberatan"], k["dijawab"]) == (6, 3, 2)
    assert (k["tetap_dilaksanakan"], k["ditolak"], k["dibatalkan"], k["masih_proses"]) == (
        1,
        1,
        0,
        1,
    )
    assert k["porsi"] == pytest.approx(0.5)


def test_training_completion(data):
    p = hitung().pelatihan
    assert (p["jumlah"], p["selesai"], p["terbuka"], p["terlambat"], p["dibatalkan"]) == (
        3,
        1,
        1,
        1,
        1,
    )
    assert p["porsi_selesai"] == pytest.approx(0.5)  # the cancelled one does not count


def test_fairness_by_gender_age_and_golongan(data):
    groups = {g["judul"]: {r["label"]: r for r in g["baris"]} for g in hitung().keadilan}
    gender = groups["Jenis kelamin"]
    assert gender["Laki-laki"]["mutasi"] == 2 and gender["Perempuan"]["mutasi"] == 2
    # Active employees: the four movers (the two with pending objections are inactive).
    assert gender["Laki-laki"]["pegawai"] == 2 and gender["Laki-laki"]["per_100"] == 100
    assert gender["Laki-laki"]["kinerja"] == 4 and gender["Perempuan"]["kinerja"] == 2
    assert gender["Perempuan"]["kepuasan"] == 3
    age = groups["Kelompok usia"]
    assert age["< 30 tahun"]["mutasi"] == 1 and age["40–49 tahun"]["mutasi"] == 3
    assert age["30–39 tahun"]["mutasi"] == 0
    golongan = groups["Golongan"]
    assert golongan["III/a"]["mutasi"] == 1 and golongan["III/b"]["mutasi"] == 3
    agency = groups["Perangkat daerah tujuan"]
    assert agency["Dinas Pendidikan"]["mutasi"] == 4


def test_filters_narrow_every_figure(data, opd_a):
    d = hitung(dari="2025-05-01", sampai="2025-09-15")
    assert d.jumlah == 2  # m2, m3
    assert d.durasi_median == pytest.approx(75)
    assert (d.kinerja["sama"], d.kinerja["lebih_buruk"], d.kinerja["lebih_baik"]) == (1, 1, 0)
    assert d.skor["kinerja"] == pytest.approx(2)
    assert hitung(jenis=JenisMutasi.DALAM_OPD).jumlah == 1
    assert hitung(perangkat_daerah=str(opd_a.pk)).jumlah == 4
    assert hitung(alasan="permintaan_sendiri").jumlah == 0


def test_employees_moved_twice_within_two_years(data, unit_b, operator_bkd):
    first = data["pegawai"][0]
    make_move(first, FormasiFactory(unit=UnitKerjaFactory()), D(2026, 6, 1), operator_bkd)
    old = data["pegawai"][3]
    make_move(old, FormasiFactory(), D(2023, 1, 1), operator_bkd)  # 33 months before m4
    d = hitung()
    assert d.berulang_jumlah == 1
    assert d.berulang[0]["usulan__pegawai_id"] == first.pk and d.berulang[0]["n"] == 2


def test_workload_spread_before_and_after(settings, operator_bkd):
    """Unit X (2,000 hours) lost one of two holders to unit Y (3,000 hours): EJ goes from
    1.0 and 1.5 (mean 1.25, sd 0.25) to 2.0 and 1.0 (mean 1.5, sd 0.5)."""
    settings.ABK_JAM_EFEKTIF = 1000
    x, y = UnitKerjaFactory(), UnitKerjaFactory()
    fx = FormasiFactory(unit=x, beban_kerja_jam=2000)
    fy = FormasiFactory(unit=y, beban_kerja_jam=3000)
    PegawaiFactory(unit=x, jabatan=fx.jabatan)
    PegawaiFactory.create_batch(2, unit=y, jabatan=fy.jabatan)
    mover = PegawaiFactory(unit=x, jabatan=fx.jabatan)
    make_move(mover, fy, D(2026, 3, 1), operator_bkd)
    d = hitung()
    assert float(d.sebaran_sesudah.rata_rata) == pytest.approx(1.5)
    assert float(d.sebaran_sesudah.simpangan_baku) == pytest.approx(0.5)
    assert float(d.sebaran_sebelum.rata_rata) == pytest.approx(1.25)
    assert float(d.sebaran_sebelum.simpangan_baku) == pytest.approx(0.25)


# --- The page ------------------------------------------------------------------------------------


def test_only_government_wide_roles_see_the_dashboard(
    data, operator_bkd, kepala_opd_a, asn_a, login
):
    assert login(operator_bkd).get(reverse("evaluasi:dasbor")).status_code == 200
    assert login(kepala_opd_a).get(reverse("evaluasi:dasbor")).status_code == 403
    assert login(asn_a).get(reverse("evaluasi:dasbor")).status_code == 403


def test_the_page_shows_the_figures_and_chart_data(data, operator_bkd, login):
    page = login(operator_bkd).get(reverse("evaluasi:dasbor")).content.decode()
    assert 'data-angka="jumlah">4<' in page
    assert 'id="grafik-kinerja"' in page and 'id="grafik-tahap"' in page
    assert "<script>" not in page.replace('<script type="application/json"', "")


def test_the_dashboard_query_count_does_not_grow_with_moves(data, operator_bkd, unit_a, login):
    client = login(operator_bkd)

    def count():
        HitunganDasbor.objects.all().delete()  # the figures themselves, not the kept copy
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("evaluasi:dasbor")).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for _i in range(5):
        make_move(PegawaiFactory(unit=unit_a), data["formasi"], D(2026, 1, 5), operator_bkd)
    assert count() == few


def test_xlsx_export(data, operator_bkd, login):
    response = login(operator_bkd).get(reverse("evaluasi:dasbor") + "?export=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    rows = {r[0]: r[1] for r in book["Ringkasan"].iter_rows(values_only=True)}
    assert rows["Mutasi terlaksana"] == 4
    assert rows["Usulan sampai SK, median (hari)"] == 35
    assert rows["Usulan sampai SK, P90 (hari)"] == 96
    assert rows["Kinerja lebih baik (%)"] == 33.3
    assert rows["Pelatihan selesai (%)"] == 50
    assert "Jenis kelamin" in book.sheetnames


def test_pdf_report(data, operator_bkd, login):
    response = login(operator_bkd).get(reverse("evaluasi:dasbor") + "?export=pdf&jenis=dalam_opd")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Laporan evaluasi program mutasi" in text
    assert "Mutasi terlaksana" in text
    assert "Rotasi dalam perangkat daerah" in text  # the filter is printed


def kepuasan(page) -> str:
    return re.search(r'data-angka="kepuasan">([^<]*)<', page).group(1)


def pindah_tercatat(data, operator_bkd):
    """One more move, logged as the workflow logs it."""
    usulan = make_move(PegawaiFactory(), data["formasi"], D(2026, 1, 5), operator_bkd)
    audit.log("mutasi.usulan.dilaksanakan", operator_bkd, usulan)


# The worker closes its database connections between tasks, as in production: that needs a
# real transaction per test, not the rolled-back one.
@pytest.mark.django_db(transaction=True)
def test_kept_figures_are_shown_at_once_and_computed_again_by_the_worker(
    data, operator_bkd, login, settings
):
    from evaluasi import services

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login(operator_bkd)
    assert kepuasan(client.get(reverse("evaluasi:dasbor")).text) == "4,00"
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("evaluasi:dasbor")).text
    # Kept, the public-service effect too: session, user, unread notices, the kept row with
    # the newest audit row, and the filter's choices (computed: 30 or more).
    assert len(ctx.captured_queries) == 7
    assert "Angka dihitung pada" in page and "sedang dihitung" not in page
    evaluasi = Evaluasi.objects.get(usulan=data["moves"][2], bulan=3)
    services.nilai_diri(
        evaluasi.pk,
        UserFactory(pegawai=data["pegawai"][2], roles=[Role.ASN]),
        {"kepuasan": 1, "adaptasi": 1, "beban_kerja": 3},
    )
    # Logged since: the kept figures at once, said to be computed again, queued once.
    for _view in range(2):
        page = client.get(reverse("evaluasi:dasbor")).text
        assert kepuasan(page) == "4,00"
        assert "angka terbaru sedang dihitung di latar belakang" in page
    assert DBTaskResult.objects.filter(task_path="evaluasi.tasks.hitung_dasbor").count() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    # (5 + 3 + 1) / 3
    page = client.get(reverse("evaluasi:dasbor")).text
    assert kepuasan(page) == "3,00" and "sedang dihitung" not in page


def test_the_page_computes_itself_when_the_worker_has_not_within_ten_minutes(
    data, operator_bkd, login, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login(operator_bkd)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.get(reverse("evaluasi:dasbor"))
        pindah_tercatat(data, operator_bkd)
        page = client.get(reverse("evaluasi:dasbor")).text
        assert 'data-angka="jumlah">4<' in page and "sedang dihitung" in page
        clock.shift(datetime.timedelta(minutes=11))  # no worker ran
        page = client.get(reverse("evaluasi:dasbor")).text
        assert 'data-angka="jumlah">5<' in page and "sedang dihitung" not in page


def test_an_export_carries_the_current_figures(data, operator_bkd, login):
    client = login(operator_bkd)
    client.get(reverse("evaluasi:dasbor"))
    pindah_tercatat(data, operator_bkd)
    response = client.get(reverse("evaluasi:dasbor") + "?export=xlsx")
    rows = {
        r[0]: r[1]
        for r in load_workbook(io.BytesIO(response.content))["Ringkasan"].iter_rows(
            values_only=True
        )
    }
    assert rows["Mutasi terlaksana"] == 5


def test_percentile_cont_in_python_interpolates_like_postgresql():
    days = [9.0, 30.0, 40.0, 120.0]
    assert dasbor.percentile_cont(days, 0.5) == 35.0
    # PostgreSQL's float8_lerp: 40 + (120 - 40) × (0.9 × 3 − 2), bit for bit.
    assert dasbor.percentile_cont(days, 0.9) == 40.0 + 80.0 * (0.9 * 3 - 2)
    assert dasbor.percentile_cont([7.0], 0.9) == 7.0
    assert dasbor.percentile_cont([], 0.5) is None


def test_figures_kept_by_another_release_are_computed_again(data, operator_bkd, login):
    client = login(operator_bkd)
    client.get(reverse("evaluasi:dasbor"))
    HitunganDasbor.objects.update(isi=b"not a pickle")
    page = client.get(reverse("evaluasi:dasbor")).text
    assert 'data-angka="jumlah">4<' in page and "sedang dihitung" not in page
