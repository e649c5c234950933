"""Post-mutation evaluations: scheduling, reminders, both assessments, privacy, training."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluasi import services
from evaluasi.choices import Rekomendasi, StatusPelatihan
from evaluasi.models import Evaluasi, Pelatihan, PenilaianAtasan, PenilaianDiri
from evaluasi.tasks import kirim_pengingat
from instansi.models import Kompetensi
from mutasi.models import Notifikasi
from pegawai.access import Role
from tests.factories import (
    FormasiFactory,
    JabatanFactory,
    PegawaiFactory,
    UserFactory,
    make_move,
    terbitkan_sk,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def kepala_b(opd_b):
    return UserFactory(
        username="kepala.b", perangkat_daerah=opd_b, roles=[Role.KEPALA_OPD], email="kb@x.id"
    )


@pytest.fixture
def formasi_b(unit_b):
    jabatan = JabatanFactory(nama="Analis Kurikulum")
    jabatan.kompetensi.set(
        [Kompetensi.objects.create(nama=n) for n in ("Kurikulum", "Asesmen", "Statistik")]
    )
    return FormasiFactory(unit=unit_b, jabatan=jabatan)


@pytest.fixture
def move(pegawai_a, formasi_b, operator_bkd, asn_a):
    """Siti moved from Dinkes to Disdik 100 days ago: her 3-month evaluation is due."""
    asn_a.email = "siti@x.id"
    asn_a.save()
    return make_move(pegawai_a, formasi_b, TODAY - datetime.timedelta(days=100), operator_bkd)


@pytest.fixture
def due(move):
    return Evaluasi.objects.get(usulan=move, bulan=3)


def atasan_data(**extra):
    return {
        "kinerja": "4",
        "adaptasi": "3",
        "komentar": "Cepat belajar.",
        "rekomendasi": Rekomendasi.PERTAHANKAN,
    } | extra


def diri_data(**extra):
    return {
        "kepuasan": "4",
        "adaptasi": "4",
        "beban_kerja": "3",
        "yang_membantu": "RAHASIA-MEMBANTU rekan satu tim",
        "yang_menghambat": "RAHASIA-MENGHAMBAT jarak rumah",
        "pelatihan_diinginkan": "Statistik",
    } | extra


# --- Scheduling ---------------------------------------------------------------------------


def test_implementing_a_move_schedules_evaluations_at_3_6_12_months(
    operator_bkd, pejabat, monkeypatch, django_capture_on_commit_callbacks
):
    from mutasi.sk import pelaksanaan
    from mutasi.sk import services as sk
    from tests.test_sk import draft, make_approved

    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    usulan = make_approved(operator_bkd, 1)[0]
    letter = draft(operator_bkd, [usulan], alasan_tmt_surut="Pegawai sudah bertugas sejak itu.")
    tmt = TODAY - datetime.timedelta(days=2)
    sk.ubah_baris(letter.pk, operator_bkd, usulan.pk, tmt=tmt)
    with django_capture_on_commit_callbacks(execute=True):
        terbitkan_sk(letter.pk, pejabat)
    pelaksanaan.laksanakan(letter.pk, usulan.pk, operator_bkd, tmt)

    rows = list(Evaluasi.objects.filter(usulan=usulan).order_by("bulan"))
    assert [e.bulan for e in rows] == [3, 6, 12]
    assert [e.jatuh_tempo for e in rows] == [services.add_months(tmt, m) for m in (3, 6, 12)]
    assert all(e.tenggat == e.jatuh_tempo + datetime.timedelta(days=30) for e in rows)
    assert {e.unit_id for e in rows} == {usulan.formasi_tujuan.unit_id}
    assert {e.perangkat_daerah_id for e in rows} == {usulan.formasi_tujuan.unit.perangkat_daerah_id}


def test_month_arithmetic_keeps_the_end_of_the_month():
    assert services.add_months(datetime.date(2026, 1, 31), 3) == datetime.date(2026, 4, 30)
    assert services.add_months(datetime.date(2025, 11, 30), 3) == datetime.date(2026, 2, 28)
    assert services.add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert services.add_months(datetime.date(2026, 1, 15), 12) == datetime.date(2027, 1, 15)


def test_scheduling_twice_creates_each_evaluation_once(move):
    services.jadwalkan(move, TODAY - datetime.timedelta(days=100))
    services.jadwalkan(move, TODAY - datetime.timedelta(days=100))
    assert Evaluasi.objects.filter(usulan=move).count() == 3


def test_the_stages_come_from_the_settings(settings, pegawai_a, formasi_b, operator_bkd):
    settings.EVALUASI_BULAN = [1, 2]
    settings.EVALUASI_TENGGAT_HARI = 10
    tmt = datetime.date(2026, 3, 10)
    usulan = make_move(pegawai_a, formasi_b, tmt, operator_bkd)
    rows = Evaluasi.objects.filter(usulan=usulan).order_by("bulan")
    assert [(e.bulan, e.jatuh_tempo, e.tenggat) for e in rows] == [
        (1, datetime.date(2026, 4, 10), datetime.date(2026, 4, 20)),
        (2, datetime.date(2026, 5, 10), datetime.date(2026, 5, 20)),
    ]


def test_a_move_out_of_this_government_gets_no_evaluation(pegawai_a, operator_bkd):
    usulan = make_move(pegawai_a, None, TODAY, operator_bkd, tujuan_luar="Pemerintah Kota Lain")
    assert not Evaluasi.objects.filter(usulan=usulan).exists()


# --- Reminders ----------------------------------------------------------------------------


def test_a_due_evaluation_is_reminded_once_even_if_the_task_runs_twice(
    due, kepala_b, asn_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = kirim_pengingat.enqueue().return_value
    with django_capture_on_commit_callbacks(execute=True):
        second = kirim_pengingat.enqueue().return_value
    assert first["pengingat"] == [due.pk] and second["pengingat"] == []
    assert Notifikasi.objects.filter(penerima=kepala_b).count() == 1
    assert Notifikasi.objects.filter(penerima=asn_a).count() == 1
    assert Notifikasi.objects.get(penerima=asn_a).tautan == due.get_absolute_url()
    assert sorted(m.to[0] for m in mail.outbox) == ["kb@x.id", "siti@x.id"]
    due.refresh_from_db()
    assert due.pengingat_pada is not None
    # The 6- and 12-month evaluations are not due yet.
    assert Evaluasi.objects.filter(usulan=due.usulan, pengingat_pada__isnull=True).count() == 2


def test_only_the_missing_part_is_reminded(due, kepala_b, asn_a):
    PenilaianAtasan.objects.create(
        evaluasi=due, kinerja=3, adaptasi=3, rekomendasi="pertahankan", penilai=kepala_b
    )
    services.kirim_pengingat()
    assert not Notifikasi.objects.filter(penerima=kepala_b).exists()
    assert Notifikasi.objects.filter(penerima=asn_a).count() == 1


def test_overdue_evaluations_warn_bkd_once_and_are_listed(due, kepala_b, operator_bkd, login):
    Evaluasi.objects.filter(pk=due.pk).update(
        jatuh_tempo=TODAY - datetime.timedelta(days=40), tenggat=TODAY - datetime.timedelta(days=1)
    )
    result = services.kirim_pengingat()
    again = services.kirim_pengingat()
    assert result["terlambat"] == [due.pk] and again["terlambat"] == []
    warning = Notifikasi.objects.get(penerima=operator_bkd)
    assert "1 evaluasi" in warning.judul and "Siti Rahmawati" in warning.pesan
    page = login(operator_bkd).get(reverse("evaluasi:list") + "?status=terlambat")
    assert "Siti Rahmawati" in page.content.decode()


def test_the_cron_command_runs_the_reminders(due, kepala_b):
    from django.core.management import call_command

    call_command("kirim_pengingat_evaluasi")
    call_command("kirim_pengingat_evaluasi", "--sekarang")
    assert Notifikasi.objects.filter(penerima=kepala_b).count() == 1


# --- Supervisor assessment ----------------------------------------------------------------


def test_the_supervisor_fills_the_due_evaluation(due, kepala_b, login, formasi_b):
    client = login(kepala_b)
    page = client.get(due.get_absolute_url())
    assert page.status_code == 200
    assert "Sesuai harapan: tugas pokok selesai" in page.content.decode()  # an anchor
    gap = formasi_b.jabatan.kompetensi.get(nama="Statistik")
    data = atasan_data(
        kesenjangan=[gap.pk],
        rekomendasi=Rekomendasi.PELATIHAN,
        pelatihan_topik="Statistik dasar",
        pelatihan_penyelenggara="BPSDM",
        pelatihan_tenggat=(TODAY + datetime.timedelta(days=60)).isoformat(),
    )
    response = client.post(reverse("evaluasi:nilai_atasan", args=[due.pk]), data)
    assert response.status_code == 302
    penilaian = PenilaianAtasan.objects.get(evaluasi=due)
    assert (penilaian.kinerja, penilaian.adaptasi, penilaian.penilai) == (4, 3, kepala_b)
    assert list(penilaian.kesenjangan.all()) == [gap]
    assert Pelatihan.objects.get(evaluasi=due).topik == "Statistik dasar"


def test_a_second_supervisor_submission_changes_nothing(due, kepala_b, login):
    client = login(kepala_b)
    client.post(reverse("evaluasi:nilai_atasan", args=[due.pk]), atasan_data())
    response = client.post(
        reverse("evaluasi:nilai_atasan", args=[due.pk]), atasan_data(kinerja="1")
    )
    assert PenilaianAtasan.objects.get(evaluasi=due).kinerja == 4
    assert "sudah diisi" in " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_a_score_out_of_range_is_refused(due, kepala_b, login):
    response = login(kepala_b).post(
        reverse("evaluasi:nilai_atasan", args=[due.pk]), atasan_data(kinerja="7")
    )
    assert response.status_code == 400
    assert "Pilih skor 1 sampai 5." in response.content.decode()
    assert not PenilaianAtasan.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        PenilaianAtasan.objects.create(
            evaluasi=due, kinerja=6, adaptasi=3, rekomendasi="pertahankan", penilai=kepala_b
        )


def test_a_gap_outside_the_jabatan_competencies_is_refused(due, kepala_b, login):
    other = Kompetensi.objects.create(nama="Menjahit")
    response = login(kepala_b).post(
        reverse("evaluasi:nilai_atasan", args=[due.pk]), atasan_data(kesenjangan=[other.pk])
    )
    assert response.status_code == 400
    assert not PenilaianAtasan.objects.exists()


def test_an_evaluation_cannot_be_filled_before_it_is_due(move, kepala_b, asn_a, login):
    later = Evaluasi.objects.get(usulan=move, bulan=6)
    response = login(kepala_b).post(
        reverse("evaluasi:nilai_atasan", args=[later.pk]), atasan_data()
    )
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "baru dapat diisi mulai" in messages
    response = login(asn_a).post(reverse("evaluasi:nilai_diri", args=[later.pk]), diri_data())
    assert not PenilaianAtasan.objects.exists() and not PenilaianDiri.objects.exists()


# --- Who may see and do what --------------------------------------------------------------


def test_the_origin_agency_head_cannot_see_the_evaluation(due, kepala_opd_a, login):
    client = login(kepala_opd_a)
    assert client.get(due.get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("evaluasi:nilai_atasan", args=[due.pk]), atasan_data()).status_code
        == 404
    )
    assert "Siti" not in client.get(reverse("evaluasi:list") + "?status=semua").content.decode()


def test_an_operator_of_the_new_agency_sees_but_cannot_assess(due, opd_b, login):
    operator = UserFactory(perangkat_daerah=opd_b, roles=[Role.OPERATOR_OPD])
    client = login(operator)
    assert client.get(due.get_absolute_url()).status_code == 200
    assert (
        client.post(reverse("evaluasi:nilai_atasan", args=[due.pk]), atasan_data()).status_code
        == 403
    )
    assert not PenilaianAtasan.objects.exists()


def test_bkd_sees_but_assesses_nobody(due, operator_bkd, login):
    client = login(operator_bkd)
    assert client.get(due.get_absolute_url()).status_code == 200
    assert (
        client.post(reverse("evaluasi:nilai_atasan", args=[due.pk]), atasan_data()).status_code
        == 403
    )
    assert (
        client.post(reverse("evaluasi:nilai_diri", args=[due.pk]), diri_data()).status_code == 403
    )


def test_the_employee_cannot_assess_as_supervisor_and_the_head_not_as_employee(
    due, asn_a, kepala_b, login
):
    assert (
        login(asn_a)
        .post(reverse("evaluasi:nilai_atasan", args=[due.pk]), atasan_data())
        .status_code
        == 403
    )
    assert (
        login(kepala_b).post(reverse("evaluasi:nilai_diri", args=[due.pk]), diri_data()).status_code
        == 403
    )
    assert not PenilaianAtasan.objects.exists() and not PenilaianDiri.objects.exists()


def test_another_employee_gets_404(due, pegawai_b, login):
    other = UserFactory(pegawai=pegawai_b, roles=[Role.ASN])
    assert login(other).get(due.get_absolute_url()).status_code == 404


def test_anonymous_visitors_go_to_the_login_page(due, client):
    response = client.get(due.get_absolute_url())
    assert response.status_code == 302 and "/masuk/" in response["Location"]
    assert client.get(reverse("evaluasi:dasbor")).status_code == 302


def test_a_head_moved_himself_does_not_assess_himself(
    opd_b, unit_a, formasi_b, operator_bkd, login
):
    pegawai = PegawaiFactory(unit=unit_a)
    head = UserFactory(perangkat_daerah=opd_b, pegawai=pegawai, roles=[Role.KEPALA_OPD, Role.ASN])
    usulan = make_move(pegawai, formasi_b, TODAY - datetime.timedelta(days=100), operator_bkd)
    evaluasi = Evaluasi.objects.get(usulan=usulan, bulan=3)
    client = login(head)
    assert (
        client.post(reverse("evaluasi:nilai_atasan", args=[evaluasi.pk]), atasan_data()).status_code
        == 403
    )
    assert (
        client.post(reverse("evaluasi:nilai_diri", args=[evaluasi.pk]), diri_data()).status_code
        == 302
    )
    assert PenilaianDiri.objects.filter(evaluasi=evaluasi).exists()


# --- Self-assessment and its privacy ------------------------------------------------------


def test_the_employee_fills_the_self_assessment_once(due, asn_a, login):
    client = login(asn_a)
    assert (
        client.post(reverse("evaluasi:nilai_diri", args=[due.pk]), diri_data()).status_code == 302
    )
    response = client.post(reverse("evaluasi:nilai_diri", args=[due.pk]), diri_data(kepuasan="1"))
    assert PenilaianDiri.objects.get(evaluasi=due).kepuasan == 4
    assert "sudah Anda isi" in " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_the_supervisor_does_not_read_the_free_text_without_consent(
    due, asn_a, kepala_b, operator_bkd, tim_pertimbangan, login
):
    login(asn_a).post(reverse("evaluasi:nilai_diri", args=[due.pk]), diri_data())
    head_page = login(kepala_b).get(due.get_absolute_url()).content.decode()
    assert "RAHASIA-MEMBANTU" not in head_page and "RAHASIA-MENGHAMBAT" not in head_page
    assert "tidak mengizinkan atasan" in head_page
    assert "4/5" in head_page  # the scores are shown
    assert "RAHASIA-MENGHAMBAT" in login(operator_bkd).get(due.get_absolute_url()).content.decode()
    assert "RAHASIA-MENGHAMBAT" in login(asn_a).get(due.get_absolute_url()).content.decode()
    panel_page = login(tim_pertimbangan).get(due.get_absolute_url()).content.decode()
    assert "4/5" in panel_page and "RAHASIA-MENGHAMBAT" not in panel_page


def test_the_supervisor_reads_the_free_text_with_consent(due, asn_a, kepala_b, login):
    login(asn_a).post(reverse("evaluasi:nilai_diri", args=[due.pk]), diri_data(izinkan_atasan="on"))
    assert PenilaianDiri.objects.get(evaluasi=due).izinkan_atasan
    assert "RAHASIA-MENGHAMBAT" in login(kepala_b).get(due.get_absolute_url()).content.decode()


# --- Training follow-up -------------------------------------------------------------------


@pytest.fixture
def pelatihan(due, kepala_b):
    return services.tambah_pelatihan(
        due.pk, kepala_b, {"topik": "Asesmen", "penyelenggara": "BPSDM", "tenggat": TODAY}
    )


def test_a_training_is_closed_only_with_real_evidence(pelatihan, asn_a, login):
    client = login(asn_a)
    url = reverse("evaluasi:pelatihan_selesai", args=[pelatihan.pk])
    fake = SimpleUploadedFile("sertifikat.pdf", b"bukan pdf", content_type="application/pdf")
    response = client.post(url, {"tanggal": TODAY.isoformat(), "bukti": fake})
    assert "bukan PDF" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    pelatihan.refresh_from_db()
    assert pelatihan.status == StatusPelatihan.DIRENCANAKAN and not pelatihan.bukti
    real = SimpleUploadedFile("sertifikat.pdf", PDF, content_type="application/pdf")
    client.post(url, {"tanggal": TODAY.isoformat(), "bukti": real})
    pelatihan.refresh_from_db()
    assert pelatihan.status == StatusPelatihan.SELESAI and pelatihan.bukti_tipe == "application/pdf"
    download = client.get(reverse("evaluasi:pelatihan_bukti", args=[pelatihan.pk]))
    assert b"".join(download.streaming_content) == PDF
    again = client.post(
        url, {"tanggal": TODAY.isoformat(), "bukti": SimpleUploadedFile("b.pdf", PDF)}
    )
    assert "sudah berstatus Selesai" in " ".join(str(m) for m in get_messages(again.wsgi_request))


def test_an_outsider_cannot_close_or_download_a_training(pelatihan, kepala_opd_a, login):
    client = login(kepala_opd_a)
    url = reverse("evaluasi:pelatihan_selesai", args=[pelatihan.pk])
    assert (
        client.post(
            url, {"tanggal": TODAY.isoformat(), "bukti": SimpleUploadedFile("b.pdf", PDF)}
        ).status_code
        == 404
    )
    assert client.get(reverse("evaluasi:pelatihan_bukti", args=[pelatihan.pk])).status_code == 404


def test_bkd_sees_every_open_training(pelatihan, operator_bkd, opd_a, login):
    response = login(operator_bkd).get(reverse("evaluasi:pelatihan_list"))
    assert "Asesmen" in response.content.decode()


# --- Lists: scoped, constant queries ------------------------------------------------------


def _add_moves(n, unit_a, formasi_b, operator_bkd):
    for _i in range(n):
        make_move(
            PegawaiFactory(unit=unit_a),
            formasi_b,
            TODAY - datetime.timedelta(days=100),
            operator_bkd,
        )


@pytest.mark.parametrize("name", ["evaluasi:list", "evaluasi:pelatihan_list"])
def test_list_pages_use_a_constant_number_of_queries(
    name, operator_bkd, unit_a, formasi_b, kepala_b, login
):
    client = login(operator_bkd)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name) + "?status=semua").status_code == 200
        return len(ctx.captured_queries)

    _add_moves(2, unit_a, formasi_b, operator_bkd)
    for e in Evaluasi.objects.all():
        services.tambah_pelatihan(
            e.pk, kepala_b, {"topik": "T", "penyelenggara": "P", "tenggat": TODAY}
        )
    few = count()
    _add_moves(5, unit_a, formasi_b, operator_bkd)
    for e in Evaluasi.objects.filter(pelatihan__isnull=True):
        services.tambah_pelatihan(
            e.pk, kepala_b, {"topik": "T", "penyelenggara": "P", "tenggat": TODAY}
        )
    assert count() == few


def test_the_employee_sees_only_their_own_evaluations(
    due, asn_a, pegawai_b, unit_a, formasi_b, operator_bkd, login
):
    make_move(pegawai_b, formasi_b, TODAY - datetime.timedelta(days=100), operator_bkd)
    page = login(asn_a).get(reverse("evaluasi:list") + "?status=semua").content.decode()
    assert "Siti Rahmawati" in page and "Budi Santoso" not in page


def test_the_employee_profile_lists_the_evaluations_with_scores(due, kepala_b, asn_a, login):
    PenilaianAtasan.objects.create(
        evaluasi=due, kinerja=5, adaptasi=4, rekomendasi="pertahankan", penilai=kepala_b
    )
    page = login(asn_a).get(reverse("pegawai:me"), follow=True).content.decode()
    assert "Evaluasi pasca-mutasi" in page and due.get_absolute_url() in page and "5/5" in page


def test_the_scores_are_copied_onto_the_evaluation_for_the_dashboard(due, kepala_b):
    atasan = PenilaianAtasan.objects.create(
        evaluasi=due, kinerja=4, adaptasi=2, rekomendasi="pertahankan", penilai=kepala_b
    )
    PenilaianDiri.objects.create(evaluasi=due, kepuasan=5, adaptasi=3, beban_kerja=1)
    due.refresh_from_db()
    assert (
        due.skor_kinerja,
        due.skor_adaptasi_atasan,
        due.skor_kepuasan,
        due.skor_adaptasi_diri,
        due.skor_beban_kerja,
    ) == (4, 2, 5, 3, 1)
    atasan.kinerja = 5
    atasan.save()
    due.refresh_from_db()
    assert due.skor_kinerja == 5
    PenilaianAtasan.objects.filter(pk=atasan.pk).delete()
    due.refresh_from_db()
    assert (due.skor_kinerja, due.skor_adaptasi_atasan, due.skor_kepuasan) == (None, None, 5)


def test_waiting_lists_only_evaluations_whose_part_is_still_the_users(due, kepala_b, asn_a, login):
    url = reverse("evaluasi:list")
    assert due.pegawai.nama in login(kepala_b).get(url).text
    PenilaianAtasan.objects.create(evaluasi=due, penilai=kepala_b, **atasan_data())
    # The supervisor's part is done: not theirs to fill any more, still the employee's.
    assert due.pegawai.nama not in login(kepala_b).get(url).text
    assert f"/evaluasi/{due.pk}/" in login(asn_a).get(url).text
    inbox = login(kepala_b).get(reverse("mutasi:tugas")).text
    assert f"/evaluasi/{due.pk}/" not in inbox


def _closed(pelatihan, asn_a, login, name="sertifikat.pdf"):
    client = login(asn_a)
    url = reverse("evaluasi:pelatihan_selesai", args=[pelatihan.pk])
    berkas = SimpleUploadedFile(name, PDF, content_type="text/html")
    client.post(url, {"tanggal": TODAY.isoformat(), "bukti": berkas})
    pelatihan.refresh_from_db()
    assert pelatihan.status == StatusPelatihan.SELESAI
    return client


def test_evidence_named_html_downloads_as_the_pdf_it_is_in_a_sandbox(pelatihan, asn_a, login):
    client = _closed(pelatihan, asn_a, login, name="sertifikat.html")
    assert pelatihan.bukti_tipe == "application/pdf"  # from its content, not the browser's word
    response = client.get(reverse("evaluasi:pelatihan_bukti", args=[pelatihan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="sertifikat.pdf"'
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_evidence_of_an_unchecked_type_is_only_bytes_to_save(pelatihan, asn_a, login):
    client = _closed(pelatihan, asn_a, login)
    # A row from before types were checked.
    Pelatihan.objects.filter(pk=pelatihan.pk).update(bukti_nama="x.html", bukti_tipe="text/html")
    response = client.get(reverse("evaluasi:pelatihan_bukti", args=[pelatihan.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="x.bin"'
    assert response["Content-Security-Policy"] == "sandbox"


def test_evidence_gone_from_the_disk_is_a_404_page_that_says_so(pelatihan, asn_a, login):
    client = _closed(pelatihan, asn_a, login)
    pelatihan.bukti.storage.delete(pelatihan.bukti.name)
    response = client.get(reverse("evaluasi:pelatihan_bukti", args=[pelatihan.pk]))
    assert response.status_code == 404
    assert "Berkas tidak ditemukan" in response.text
    assert "tidak ada di penyimpanan" in response.text


def test_a_training_target_already_past_is_refused_and_what_was_typed_stays(due, kepala_b, login):
    client = login(kepala_b)
    kemarin = (TODAY - datetime.timedelta(days=1)).isoformat()
    rating = atasan_data(
        rekomendasi=Rekomendasi.PELATIHAN,
        komentar="Perlu pelatihan statistik.",
        pelatihan_topik="Statistik dasar",
        pelatihan_penyelenggara="BPSDM",
        pelatihan_tenggat="1926-01-31",
    )
    response = client.post(reverse("evaluasi:nilai_atasan", args=[due.pk]), rating)
    assert response.status_code == 400
    assert "tidak boleh sebelum hari ini" in response.content.decode()
    assert "Perlu pelatihan statistik." in response.content.decode()
    assert not PenilaianAtasan.objects.filter(evaluasi=due).exists()

    added = client.post(
        reverse("evaluasi:pelatihan_tambah", args=[due.pk]),
        {"topik": "Asesmen", "penyelenggara": "BPSDM", "tenggat": kemarin},
    )
    assert added.status_code == 400
    assert "tidak boleh sebelum hari ini" in added.content.decode()
    assert not Pelatihan.objects.filter(evaluasi=due).exists()
    with pytest.raises(ValidationError):
        services.tambah_pelatihan(
            due.pk,
            kepala_b,
            {"topik": "T", "penyelenggara": "P", "tenggat": TODAY - datetime.timedelta(days=1)},
        )
