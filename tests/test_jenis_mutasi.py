"""Every type of move (issue 20, point 2): who decides and who issues the decree, the
documents, the Pertek tracked and required, and incoming moves from another government
carried through the whole chain."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from instansi.models import BidangPendidikan
from mutasi.laporan import hitung
from mutasi.models import AuditLog, LamaStatus, Usulan
from mutasi.sk import pelaksanaan
from mutasi.sk import services as sk_services
from mutasi.usulan import eligibility, services
from mutasi.usulan.choices import (
    DOKUMEN_WAJIB,
    JENIS_INTERNAL,
    PERLU_PERTEK,
    ArahMutasi,
    HasilPertek,
    JenisDokumen,
    JenisMutasi,
    KategoriAlasan,
    Rekomendasi,
    StatusDokumen,
    StatusUsulan,
)
from mutasi.usulan.kewenangan import KEWENANGAN
from pegawai.choices import Golongan, TingkatPendidikan
from pegawai.models import Pegawai, RiwayatJabatan
from tests.factories import (
    PDF_KECIL,
    FormasiFactory,
    PegawaiFactory,
    lengkapi,
    make_nip,
    terbitkan_sk,
)
from tests.laporan_dari_log import sama, waktu_dari_log

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def formasi(unit_a):
    return FormasiFactory(unit=unit_a, kebutuhan=3)


def isian_masuk(formasi, **extra):
    """What BKD types for a PNS of a regency coming to this province."""
    return {
        "nip": make_nip(datetime.date(1988, 5, 20), datetime.date(2012, 3, 1), "2", 7),
        "nama": "Ratna Sari",
        "gelar_belakang": "S.E.",
        "golongan": Golongan.III_B,
        "tingkat_pendidikan": TingkatPendidikan.S1,
        "asal_instansi": "Pemerintah Kabupaten Sukamaju",
        "asal_jenis_instansi": "kabkota",
        "asal_unit": "Bagian Keuangan Setda",
        "asal_jabatan": "Analis Keuangan",
        "tmt_jabatan": "2019-01-01",
        "jenis": JenisMutasi.PROVINSI_KABKOTA,
        "formasi_tujuan": formasi.pk,
        "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI,
        "alasan_publik": "Mengisi kekurangan analis keuangan.",
        "tanggal_rencana": (today() + datetime.timedelta(days=20)).isoformat(),
    } | extra


def ajukan_masuk(client, login, operator_bkd, formasi, **extra):
    login(operator_bkd)
    response = client.post(reverse("mutasi:usulan_masuk_create"), isian_masuk(formasi, **extra))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Usulan.objects.get(arah=ArahMutasi.MASUK)


# --- Authority and documents per type ---------------------------------------------------


@pytest.mark.parametrize("jenis", JenisMutasi.values)
def test_each_type_names_who_decides_its_pertek_and_its_documents(jenis):
    wewenang = KEWENANGAN[jenis]
    dokumen = DOKUMEN_WAJIB[jenis]
    assert wewenang.penetap and wewenang.dasar.startswith("PP 11/2017 Pasal 19")
    # A move inside this government needs no outside opinion; every other one does, and its
    # technical opinion is one of the documents.
    assert (jenis in PERLU_PERTEK) == (jenis not in JENIS_INTERNAL) == bool(wewenang.pertek)
    assert (JenisDokumen.PERTEK in dokumen) == (jenis in PERLU_PERTEK)
    if jenis != JenisMutasi.DALAM_OPD:
        assert JenisDokumen.PERSETUJUAN_PPK_ASAL in dokumen
        assert JenisDokumen.USULAN_PPK_PENERIMA in dokumen


@pytest.mark.parametrize(
    ("jenis", "penetap", "pertek"),
    [
        (JenisMutasi.DALAM_OPD, "PPK pemerintah daerah ini", ""),
        (JenisMutasi.ANTAR_OPD, "PPK pemerintah daerah ini", ""),
        (JenisMutasi.ANTAR_KABKOTA, "Gubernur", "Kepala Kantor Regional BKN"),
        (JenisMutasi.PROVINSI_KABKOTA, "Gubernur", "Kepala Kantor Regional BKN"),
        (JenisMutasi.ANTAR_PROVINSI, "PPK instansi penerima", "Kepala BKN"),
        (JenisMutasi.PUSAT_DAERAH, "PPK instansi penerima", "Kepala BKN"),
    ],
)
def test_the_authority_follows_pp_11_2017_as_amended(jenis, penetap, pertek):
    assert str(KEWENANGAN[jenis].penetap).startswith(penetap)
    assert str(KEWENANGAN[jenis].pertek) == pertek


# --- Filing an incoming move --------------------------------------------------------------


def test_bkd_files_an_incoming_move_and_the_person_waits_inactive(
    client, login, operator_bkd, formasi
):
    usulan = ajukan_masuk(client, login, operator_bkd, formasi)

    assert usulan.status == StatusUsulan.KONSEP and usulan.masuk
    assert usulan.unit_asal is None and usulan.asal_instansi == "Pemerintah Kabupaten Sukamaju"
    pegawai = usulan.pegawai
    assert pegawai.nama == "Ratna Sari" and pegawai.gelar_belakang == "S.E."
    assert pegawai.tanggal_lahir == datetime.date(1988, 5, 20) and pegawai.jenis_kelamin == "2"
    assert pegawai.tmt_jabatan == datetime.date(2019, 1, 1)
    # Not a holder here until they report: the seat count does not see them.
    assert not pegawai.aktif
    assert formasi.unit.pegawai.filter(aktif=True).count() == 0
    assert AuditLog.objects.for_object(usulan).filter(action="mutasi.usulan.masuk_dibuat").exists()


def test_the_proposal_page_shows_origin_authority_and_pertek(client, login, operator_bkd, formasi):
    usulan = ajukan_masuk(client, login, operator_bkd, formasi)
    page = client.get(usulan.get_absolute_url()).content.decode()
    assert "Pemerintah Kabupaten Sukamaju" in page and "Analis Keuangan" in page
    assert "Ditetapkan oleh" in page and "Gubernur" in page
    assert "Kepala Kantor Regional BKN" in page
    assert "belum dikirim" in page and "belum dicatat" in page
    assert reverse("mutasi:usulan_pertek", args=[usulan.pk]) in page


def test_rules_that_need_this_governments_records_are_judged_from_the_origin(
    client, login, operator_bkd, formasi
):
    usulan = ajukan_masuk(client, login, operator_bkd, formasi)
    hasil = {s.kode: s for s in eligibility.periksa(usulan)}
    for kode in ("skp", "disiplin", "setara", "kelas", "rumpun"):
        assert hasil[kode].status == eligibility.TINJAU
        assert "dokumen instansi asal" in hasil[kode].fakta
    # What the origin's data does tell is checked: time in post from the origin's TMT.
    assert hasil["masa_jabatan"].status == eligibility.LULUS
    assert hasil["golongan"].status == eligibility.LULUS
    assert "unit_asal" not in hasil


def test_the_origins_field_of_study_is_kept_and_meets_the_posts_requirement(
    client, login, operator_bkd, formasi
):
    keperawatan = BidangPendidikan.objects.create(nama="Keperawatan")
    formasi.jabatan.bidang_pendidikan.add(keperawatan)
    usulan = ajukan_masuk(client, login, operator_bkd, formasi)
    assert {s.kode: s.status for s in eligibility.periksa(usulan)}["pendidikan"] == (
        eligibility.GAGAL
    )

    nip = make_nip(datetime.date(1990, 2, 3), datetime.date(2014, 3, 1), "2", 8)
    client.post(
        reverse("mutasi:usulan_masuk_create"),
        isian_masuk(formasi, nip=nip, bidang_pendidikan=keperawatan.pk),
    )
    usulan = Usulan.objects.get(pegawai__nip=nip)
    assert usulan.pegawai.bidang_pendidikan == keperawatan
    assert {s.kode: s.status for s in eligibility.periksa(usulan)}["pendidikan"] == (
        eligibility.LULUS
    )


@pytest.mark.parametrize(
    ("nip", "pesan"),
    [
        ("19880520", "NIP harus 18 digit"),
        ("198805202012032A07", "NIP hanya boleh berisi angka"),
        ("198813202012032007", "bukan tanggal lahir"),
    ],
)
def test_a_bad_nip_is_refused_and_nothing_is_saved(
    client, login, operator_bkd, formasi, nip, pesan
):
    login(operator_bkd)
    response = client.post(reverse("mutasi:usulan_masuk_create"), isian_masuk(formasi, nip=nip))
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not Usulan.objects.exists() and not Pegawai.objects.filter(nip=nip).exists()


def test_someone_already_serving_here_is_not_an_incoming_move(
    client, login, operator_bkd, formasi, pegawai_a
):
    login(operator_bkd)
    response = client.post(
        reverse("mutasi:usulan_masuk_create"), isian_masuk(formasi, nip=pegawai_a.nip)
    )
    assert "sudah bekerja di pemerintah daerah ini" in response.content.decode()
    assert not Usulan.objects.exists()
    pegawai_a.refresh_from_db()
    assert pegawai_a.aktif and pegawai_a.nama != "Ratna Sari"


def test_an_internal_type_is_refused_for_an_incoming_move(client, login, operator_bkd, formasi):
    login(operator_bkd)
    response = client.post(
        reverse("mutasi:usulan_masuk_create"), isian_masuk(formasi, jenis=JenisMutasi.ANTAR_OPD)
    )
    assert response.status_code == 200
    assert not Usulan.objects.exists() and not Pegawai.objects.exists()


def test_a_returning_employee_keeps_their_record(client, login, operator_bkd, formasi, unit_b):
    lama = PegawaiFactory(unit=unit_b, aktif=False, golongan=Golongan.III_A)
    usulan = ajukan_masuk(client, login, operator_bkd, formasi, nip=lama.nip, nama=lama.nama)
    assert usulan.pegawai_id == lama.pk
    lama.refresh_from_db()
    assert lama.golongan == Golongan.III_B and not lama.aktif
    assert Pegawai.objects.count() == 1


@pytest.mark.parametrize("peran", ["kepala_opd_a", "operator_opd_b", "verifikator", "pejabat"])
def test_only_bkd_files_incoming_moves(client, login, formasi, request, peran):
    login(request.getfixturevalue(peran))
    url = reverse("mutasi:usulan_masuk_create")
    assert client.get(url).status_code == 403
    assert client.post(url, isian_masuk(formasi)).status_code == 403
    assert not Usulan.objects.exists()


def test_anonymous_is_sent_to_log_in(client, formasi):
    response = client.get(reverse("mutasi:usulan_masuk_create"))
    assert response.status_code == 302 and reverse("login") in response.url


# --- The Pertek ---------------------------------------------------------------------------


def pertek(usulan, hasil=HasilPertek.DISETUJUI):
    mohon = today() - datetime.timedelta(days=10)
    return {
        "pertek_permohonan_nomor": "800/123/BKD",
        "pertek_permohonan_tanggal": mohon.isoformat(),
        "pertek_nomor": "PT-77/KR.XI/2026",
        "pertek_tanggal": (mohon + datetime.timedelta(days=5)).isoformat(),
        "pertek_hasil": hasil,
    }


def siap_diputuskan(usulan, verifikator, tim):
    lengkapi(usulan)
    Usulan.objects.filter(pk=usulan.pk).update(status=StatusUsulan.DIAJUKAN)
    services.verifikasi(usulan.pk, verifikator, "Lengkap.")
    services.nilai(usulan.pk, tim, 4, "Sesuai kebutuhan.")
    services.rekomendasikan(usulan.pk, tim, Rekomendasi.SETUJUI, "Layak diterima.")


def test_approval_without_a_favourable_pertek_is_refused_with_a_message(
    client, login, operator_bkd, verifikator, tim_pertimbangan, pejabat, formasi
):
    usulan = ajukan_masuk(client, login, operator_bkd, formasi)
    siap_diputuskan(usulan, verifikator, tim_pertimbangan)
    setujui = reverse("mutasi:usulan_setujui", args=[usulan.pk])

    login(pejabat)
    response = client.post(setujui, {"catatan": "Diterima."}, follow=True)
    assert "Pertimbangan teknis BKN belum ada atau belum disetujui" in response.content.decode()
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIPERTIMBANGKAN

    login(operator_bkd)
    url = reverse("mutasi:usulan_pertek", args=[usulan.pk])
    client.post(url, pertek(usulan, HasilPertek.TIDAK_DISETUJUI))
    login(pejabat)
    client.post(setujui, {"catatan": "Diterima."})
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIPERTIMBANGKAN


def test_the_pertek_is_asked_for_after_filing_so_filing_does_not_need_it(
    client, login, operator_bkd, formasi
):
    """BKD asks BKN for the Pertek once the move is filed: the filing's documents leave it
    out, and it is approval that waits for it (the test above)."""
    usulan = ajukan_masuk(client, login, operator_bkd, formasi)
    assert usulan.perlu_pertek
    assert JenisDokumen.PERTEK not in usulan.dokumen_wajib
    lengkapi(usulan)
    assert not usulan.dokumen.filter(jenis=JenisDokumen.PERTEK).exists()

    response = client.post(reverse("mutasi:usulan_ajukan", args=[usulan.pk]), follow=True)

    assert "Usulan diajukan." in response.content.decode()
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIAJUKAN
    dokumen = {s.kode: s for s in eligibility.periksa(usulan)}["dokumen"]
    assert dokumen.status == "lulus"


def test_bkd_keeps_bkns_letter_with_the_pertek_it_records(client, login, operator_bkd, formasi):
    usulan = ajukan_masuk(client, login, operator_bkd, formasi)
    url = reverse("mutasi:usulan_pertek", args=[usulan.pk])
    letter = SimpleUploadedFile("pertek.pdf", PDF_KECIL, "application/pdf")

    # A letter with no opinion recorded is a message, and nothing is kept.
    request = pertek(usulan) | {"pertek_nomor": "", "pertek_tanggal": "", "pertek_hasil": ""}
    response = client.post(url, request | {"berkas": letter}, follow=True)
    assert (
        "Lampirkan surat Pertek bersama nomor, tanggal dan hasilnya." in response.content.decode()
    )
    usulan.refresh_from_db()
    assert usulan.pertek_permohonan_nomor == "" and not usulan.dokumen.exists()

    # A page that is not a PDF or an image is refused by its content, and nothing is kept.
    page = SimpleUploadedFile("pertek.pdf", b"<html><script>x</script></html>", "application/pdf")
    client.post(url, pertek(usulan) | {"berkas": page}, follow=True)
    usulan.refresh_from_db()
    assert usulan.pertek_nomor == "" and not usulan.dokumen.exists()

    letter.seek(0)
    response = client.post(url, pertek(usulan) | {"berkas": letter}, follow=True)
    assert "Pertimbangan teknis dicatat." in response.content.decode()
    usulan.refresh_from_db()
    assert usulan.pertek_lengkap
    dokumen = usulan.dokumen.get(jenis=JenisDokumen.PERTEK)
    assert dokumen.status == StatusDokumen.DITERIMA and dokumen.diunggah_oleh == operator_bkd
    assert dokumen.berkas.read() == PDF_KECIL
    assert "Pertimbangan teknis BKN" in client.get(usulan.get_absolute_url()).content.decode()


def test_a_half_recorded_pertek_is_a_message_and_changes_nothing(
    client, login, operator_bkd, formasi
):
    usulan = ajukan_masuk(client, login, operator_bkd, formasi)
    url = reverse("mutasi:usulan_pertek", args=[usulan.pk])
    data = pertek(usulan) | {"pertek_hasil": ""}
    response = client.post(url, data, follow=True)
    assert "Isi nomor, tanggal dan hasil pertimbangan teknis sekaligus" in (
        response.content.decode()
    )
    usulan.refresh_from_db()
    assert usulan.pertek_nomor == "" and usulan.pertek_permohonan_nomor == ""


def test_the_pertek_is_recorded_by_bkd_only(
    client, login, operator_bkd, operator_opd_b, kepala_opd_a, pejabat, formasi
):
    usulan = ajukan_masuk(client, login, operator_bkd, formasi)
    lengkapi(usulan)
    services.ajukan(usulan.pk, operator_bkd)
    url = reverse("mutasi:usulan_pertek", args=[usulan.pk])
    login(operator_opd_b)
    assert client.post(url, pertek(usulan)).status_code == 404
    for user in (kepala_opd_a, pejabat):
        login(user)
        assert client.post(url, pertek(usulan)).status_code == 403
    usulan.refresh_from_db()
    assert usulan.pertek_nomor == ""


def test_a_move_inside_the_government_needs_no_pertek(
    client, login, operator_bkd, pegawai_a, unit_b
):
    usulan = services.buat_usulan(
        operator_bkd,
        pegawai_a,
        jenis=JenisMutasi.ANTAR_OPD,
        alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
        alasan_publik="Mengisi kekurangan.",
        formasi_tujuan=FormasiFactory(unit=unit_b),
        tanggal_rencana=today() + datetime.timedelta(days=20),
    )
    assert usulan.arah == ArahMutasi.INTERNAL and not usulan.perlu_pertek
    login(operator_bkd)
    response = client.post(
        reverse("mutasi:usulan_pertek", args=[usulan.pk]), pertek(usulan), follow=True
    )
    assert "tidak memerlukan pertimbangan teknis" in response.content.decode()


# --- The whole chain ----------------------------------------------------------------------


def test_an_incoming_move_goes_through_the_chain_and_the_person_joins_this_government(
    client,
    login,
    operator_bkd,
    verifikator,
    tim_pertimbangan,
    pejabat,
    formasi,
    django_capture_on_commit_callbacks,
    monkeypatch,
    time_machine,
):
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    usulan = ajukan_masuk(client, login, operator_bkd, formasi)
    lengkapi(usulan)
    client.post(reverse("mutasi:usulan_ajukan", args=[usulan.pk]))
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIAJUKAN

    login(verifikator)
    client.post(reverse("mutasi:usulan_verifikasi", args=[usulan.pk]), {"catatan": "Lengkap."})
    services.nilai(usulan.pk, tim_pertimbangan, 4, "Sesuai kebutuhan.")
    services.rekomendasikan(usulan.pk, tim_pertimbangan, Rekomendasi.SETUJUI, "Layak.")

    login(operator_bkd)
    client.post(reverse("mutasi:usulan_pertek", args=[usulan.pk]), pertek(usulan))
    login(pejabat)
    client.post(reverse("mutasi:usulan_setujui", args=[usulan.pk]), {"catatan": "Diterima."})
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DISETUJUI
    assert usulan.pertek_hasil == HasilPertek.DISETUJUI

    sk = sk_services.buat_draf(
        operator_bkd,
        [usulan.pk],
        penandatangan_nama="Dr. Uji",
        penandatangan_jabatan="Gubernur Asemrowo",
    )
    with django_capture_on_commit_callbacks(execute=True):
        terbitkan_sk(sk.pk, pejabat)
    baris = sk.baris.get(usulan=usulan)
    assert baris.jabatan_lama == "Analis Keuangan"
    assert baris.opd_lama == "Pemerintah Kabupaten Sukamaju"
    assert baris.nip == usulan.pegawai.nip

    tmt = baris.tmt
    time_machine.move_to(timezone.make_aware(datetime.datetime.combine(tmt, datetime.time(9))))
    pelaksanaan.laksanakan(sk.pk, usulan.pk, operator_bkd, tmt, "SPMT/1")

    usulan.refresh_from_db()
    pegawai = Pegawai.objects.get(nip=usulan.pegawai.nip)
    assert usulan.status == StatusUsulan.DILAKSANAKAN
    assert pegawai.aktif
    assert (pegawai.unit_id, pegawai.jabatan_id) == (formasi.unit_id, formasi.jabatan_id)
    assert pegawai.tmt_jabatan == tmt
    sk.refresh_from_db()
    riwayat = RiwayatJabatan.objects.get(pegawai=pegawai)
    assert riwayat.mulai == tmt and riwayat.nomor_sk == sk.nomor
    assert formasi.unit.pegawai.filter(aktif=True).count() == 1

    # The report's time in state runs from the filing, as the audit log tells it (to the
    # second: the clock ticks between a transition and its log row).
    assert LamaStatus.objects.get(usulan=usulan, status=StatusUsulan.KONSEP).kali == 1
    everything = Usulan.objects.all()
    now = timezone.now()
    kept, logged = hitung.waktu_per_status(everything, now), waktu_dari_log(everything, now)
    assert [w.status for w in kept] == [w.status for w in logged]
    assert sama(kept, logged, 1 / 86400)


# --- Outgoing: released here, decided by the receiving side -------------------------------


@pytest.fixture
def keluar(operator_bkd, pegawai_a):
    """An outgoing move to another province that this government has approved (released)."""
    usulan = services.buat_usulan(
        operator_bkd,
        pegawai_a,
        jenis=JenisMutasi.ANTAR_PROVINSI,
        alasan=KategoriAlasan.ALASAN_KELUARGA,
        alasan_publik="Mengikuti suami.",
        tujuan_luar="Pemerintah Provinsi Jawa Timur",
        tanggal_rencana=today() + datetime.timedelta(days=20),
    )
    Usulan.objects.filter(pk=usulan.pk).update(status=StatusUsulan.DISETUJUI)
    usulan.refresh_from_db()
    return usulan


def sk_luar(**extra):
    tanggal = today() - datetime.timedelta(days=3)
    return {
        "sk_luar_nomor": "821/45/BKD.JATIM",
        "sk_luar_tanggal": tanggal.isoformat(),
        "tmt": today().isoformat(),
    } | extra


def test_an_outgoing_move_is_released_here_and_its_decree_issued_by_the_receiver(keluar):
    assert keluar.arah == ArahMutasi.KELUAR
    assert "instansi penerima" in str(keluar.penerbit_sk).lower()
    assert str(keluar.wewenang.pertek) == "Kepala BKN"


def test_bkd_records_the_receivers_decree_and_the_employee_leaves(
    client, login, operator_bkd, keluar
):
    pegawai = keluar.pegawai
    RiwayatJabatan.objects.create(
        pegawai=pegawai, jabatan=pegawai.jabatan, unit=pegawai.unit, mulai=pegawai.tmt_jabatan
    )
    login(operator_bkd)
    page = client.get(keluar.get_absolute_url()).content.decode()
    assert reverse("mutasi:usulan_sk_luar", args=[keluar.pk]) in page

    response = client.post(
        reverse("mutasi:usulan_sk_luar", args=[keluar.pk]), sk_luar(), follow=True
    )
    assert "pegawai keluar" in response.content.decode()
    keluar.refresh_from_db()
    pegawai.refresh_from_db()
    assert keluar.status == StatusUsulan.DILAKSANAKAN
    assert keluar.sk_luar_nomor == "821/45/BKD.JATIM"
    assert not pegawai.aktif
    assert RiwayatJabatan.objects.get(pegawai=pegawai).selesai == today() - datetime.timedelta(
        days=1
    )
    assert "821/45/BKD.JATIM" in client.get(keluar.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"sk_luar_nomor": ""}, "Nomor SK instansi penerima: Bidang ini tidak boleh kosong"),
        ({"tmt": (today() + datetime.timedelta(days=5)).isoformat()}, "sesudah hari ini"),
        (
            {
                "sk_luar_tanggal": today().isoformat(),
                "tmt": (today() - datetime.timedelta(days=1)).isoformat(),
            },
            "TMT tidak boleh sebelum tanggal SK",
        ),
    ],
)
def test_a_bad_external_decree_is_a_message_and_changes_nothing(
    client, login, operator_bkd, keluar, data, pesan
):
    login(operator_bkd)
    response = client.post(
        reverse("mutasi:usulan_sk_luar", args=[keluar.pk]), sk_luar(**data), follow=True
    )
    assert pesan in response.content.decode()
    keluar.refresh_from_db()
    assert keluar.status == StatusUsulan.DISETUJUI and keluar.pegawai.aktif


def test_only_bkd_records_the_external_decree(client, login, keluar, kepala_opd_a, pejabat):
    for user in (kepala_opd_a, pejabat):
        login(user)
        response = client.post(reverse("mutasi:usulan_sk_luar", args=[keluar.pk]), sk_luar())
        assert response.status_code == 403
    keluar.refresh_from_db()
    assert keluar.status == StatusUsulan.DISETUJUI and keluar.pegawai.aktif


def test_an_outgoing_move_is_not_put_in_this_governments_letter(operator_bkd, keluar):
    with pytest.raises(ValidationError, match="ditetapkan oleh instansi penerima"):
        sk_services.buat_draf(operator_bkd, [keluar.pk], penandatangan_nama="Dr. Uji")


def test_lists_and_the_report_show_an_incoming_move_by_its_origin(
    client, login, operator_bkd, formasi
):
    usulan = ajukan_masuk(client, login, operator_bkd, formasi)
    daftar = client.get(reverse("mutasi:usulan_list")).content.decode()
    assert usulan.kode in daftar and "Pemerintah Kabupaten Sukamaju" in daftar
    laporan = client.get(reverse("mutasi:laporan"))
    assert laporan.status_code == 200
    assert "Dari instansi lain (mutasi masuk)" in laporan.content.decode()


def test_an_incoming_draft_is_not_edited_through_the_ordinary_form(
    client, login, operator_bkd, formasi
):
    usulan = ajukan_masuk(client, login, operator_bkd, formasi)
    page = client.get(usulan.get_absolute_url()).content.decode()
    assert reverse("mutasi:usulan_update", args=[usulan.pk]) not in page
    response = client.get(reverse("mutasi:usulan_update", args=[usulan.pk]), follow=True)
    assert "Usulan mutasi masuk tidak diubah di sini" in response.content.decode()
    with pytest.raises(ValidationError, match="tidak diubah di sini"):
        services.ubah_usulan(usulan.pk, operator_bkd, alasan_publik="Lain.")
