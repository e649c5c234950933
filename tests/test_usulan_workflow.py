"""The proposal lifecycle through the services: states, roles, separation of duties."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mutasi.models import AuditLog, Notifikasi, Usulan
from mutasi.usulan import eligibility, pengecualian, services
from mutasi.usulan.choices import (
    JenisMutasi,
    KategoriAlasan,
    SikapPegawai,
    StatusDokumen,
    StatusUsulan,
)
from pegawai.choices import PredikatSkp
from tests.factories import FormasiFactory, SkpFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def eligible_a(pegawai_a):
    """An employee of agency A who meets every rule: 6 years in post, SKP Baik."""
    pegawai_a.tmt_jabatan = datetime.date(2020, 1, 1)
    pegawai_a.save()
    for tahun in eligibility.tahun_skp(datetime.date.today()):
        SkpFactory(pegawai=pegawai_a, tahun=tahun, predikat=PredikatSkp.BAIK)
    return pegawai_a


@pytest.fixture
def vacancy_b(unit_b, eligible_a):
    return FormasiFactory(unit=unit_b, jabatan=eligible_a.jabatan, kebutuhan=2)


def file_proposal(user, pegawai, formasi, **extra):
    fields = {
        "jenis": JenisMutasi.ANTAR_OPD,
        "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI,
        "alasan_publik": "Mengisi kekurangan tenaga di Dinas Pendidikan.",
        "formasi_tujuan": formasi,
        "tanggal_rencana": datetime.date.today() + datetime.timedelta(days=60),
    } | extra
    return services.buat_usulan(user, pegawai, **fields)


def upload_all(usulan, user):
    for jenis in usulan.dokumen_wajib:
        services.unggah_dokumen(
            usulan.pk, user, jenis, SimpleUploadedFile("x.pdf", PDF, "application/pdf")
        )


def test_the_whole_lifecycle_records_every_step(
    kepala_opd_a, verifikator, tim_pertimbangan, pejabat, asn_a, eligible_a, vacancy_b
):
    usulan = file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    upload_all(usulan, kepala_opd_a)
    services.ajukan(usulan.pk, kepala_opd_a)
    for dokumen in usulan.dokumen.all():
        services.periksa_dokumen(dokumen.pk, verifikator, StatusDokumen.DITERIMA)
    services.verifikasi(usulan.pk, verifikator)
    services.catat_sikap(usulan.pk, asn_a, SikapPegawai.KEBERATAN, "Anak saya sekolah di sini.")
    services.nilai(usulan.pk, tim_pertimbangan, 4, "Kompetensi cocok.")
    with pytest.raises(ValidationError, match="keberatan"):
        services.rekomendasikan(usulan.pk, tim_pertimbangan, "setujui", "Layak.")
    services.jawab_keberatan(usulan.pk, tim_pertimbangan, "Lokasi baru dekat; ada sekolah.")
    services.rekomendasikan(usulan.pk, tim_pertimbangan, "setujui", "Layak.")
    services.setujui(usulan.pk, pejabat, "Sesuai rekomendasi.")

    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DISETUJUI
    steps = list(
        AuditLog.objects.for_object(usulan)
        .filter(action__in=[f"mutasi.usulan.{s}" for s in StatusUsulan.values])
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert steps == [
        "mutasi.usulan.diajukan",
        "mutasi.usulan.terverifikasi",
        "mutasi.usulan.dipertimbangkan",
        "mutasi.usulan.disetujui",
    ]
    assert Notifikasi.objects.filter(penerima=asn_a, judul__contains="tentang Anda").exists()


def test_only_one_open_proposal_per_employee(kepala_opd_a, eligible_a, vacancy_b):
    file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    with pytest.raises(ValidationError, match="sudah memiliki usulan"):
        file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    assert Usulan.objects.count() == 1


def test_submission_needs_every_required_document(kepala_opd_a, eligible_a, vacancy_b):
    usulan = file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    with pytest.raises(ValidationError, match="Dokumen wajib"):
        services.ajukan(usulan.pk, kepala_opd_a)
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.KONSEP


def test_nobody_verifies_what_they_filed(verifikator, operator_bkd, eligible_a, vacancy_b):
    from pegawai.access import Role
    from tests.factories import UserFactory

    both = UserFactory(roles=[Role.OPERATOR_BKD, Role.VERIFIKATOR_BKD])
    usulan = file_proposal(both, eligible_a, vacancy_b)
    upload_all(usulan, both)
    services.ajukan(usulan.pk, both)
    with pytest.raises(PermissionDenied, match="yang Anda buat sendiri"):
        services.verifikasi(usulan.pk, both)


def test_wrong_role_cannot_approve(kepala_opd_a, verifikator, eligible_a, vacancy_b):
    usulan = file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    with pytest.raises(PermissionDenied):
        services.setujui(usulan.pk, verifikator)
    with pytest.raises(PermissionDenied):
        services.setujui(usulan.pk, kepala_opd_a)


def test_a_pdf_that_is_not_a_pdf_is_refused(kepala_opd_a, eligible_a, vacancy_b):
    usulan = file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    fake = SimpleUploadedFile("surat.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(ValidationError, match="bukan PDF"):
        services.unggah_dokumen(usulan.pk, kepala_opd_a, "surat_usulan", fake)
    assert not usulan.dokumen.exists()


def test_failing_hard_rule_blocks_until_a_second_person_grants_the_exception(
    kepala_opd_a, verifikator, pejabat, eligible_a, vacancy_b
):
    # vacancy_b makes eligible_a eligible; then they turn out to be new in the post.
    eligible_a.tmt_jabatan = datetime.date.today() - datetime.timedelta(days=200)
    eligible_a.save()
    usulan = file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    upload_all(usulan, kepala_opd_a)
    with pytest.raises(ValidationError, match="Masa dalam jabatan"):
        services.ajukan(usulan.pk, kepala_opd_a)
    pengecualian.minta_pengecualian(usulan.pk, verifikator, "masa_jabatan", "Kebutuhan mendesak.")
    with pytest.raises(ValidationError, match="Masa dalam jabatan"):
        services.ajukan(usulan.pk, kepala_opd_a)  # asked for, not yet granted
    pengecualian.putuskan_pengecualian(usulan.pk, pejabat, "masa_jabatan", True, "Setuju.")
    services.ajukan(usulan.pk, kepala_opd_a)
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIAJUKAN


def test_employee_request_goes_to_the_agency_head_first(asn_a, kepala_opd_a, eligible_a, vacancy_b):
    usulan = file_proposal(asn_a, eligible_a, vacancy_b, jenis=JenisMutasi.ANTAR_OPD)
    assert usulan.alasan == KategoriAlasan.PERMINTAAN_SENDIRI
    upload_all(usulan, asn_a)
    services.ajukan(usulan.pk, asn_a)
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.MENUNGGU_KEPALA
    services.dukung(usulan.pk, kepala_opd_a)
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIAJUKAN


def test_objection_after_the_window_is_refused(
    kepala_opd_a, asn_a, eligible_a, vacancy_b, settings
):
    usulan = file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    upload_all(usulan, kepala_opd_a)
    services.ajukan(usulan.pk, kepala_opd_a)
    Usulan.objects.filter(pk=usulan.pk).update(
        batas_sikap=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError, match="Batas waktu"):
        services.catat_sikap(usulan.pk, asn_a, SikapPegawai.KEBERATAN, "Tidak mau.")
    usulan.refresh_from_db()
    assert usulan.sikap == ""


def test_replaying_a_transition_is_refused_with_the_current_state(
    kepala_opd_a, eligible_a, vacancy_b
):
    usulan = file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    upload_all(usulan, kepala_opd_a)
    services.ajukan(usulan.pk, kepala_opd_a)
    with pytest.raises(ValidationError, match="berstatus Diajukan"):
        services.ajukan(usulan.pk, kepala_opd_a)


def test_staff_cannot_file_a_proposal_about_themselves(kepala_opd_a, eligible_a, vacancy_b):
    kepala_opd_a.pegawai = eligible_a
    kepala_opd_a.save()
    with pytest.raises(PermissionDenied):
        file_proposal(kepala_opd_a, eligible_a, vacancy_b, alasan=KategoriAlasan.PERMINTAAN_SENDIRI)
    assert not Usulan.objects.filter(pegawai=eligible_a).exists()


def test_an_answered_objection_cannot_be_reset_by_the_employee(
    kepala_opd_a, verifikator, tim_pertimbangan, asn_a, eligible_a, vacancy_b
):
    usulan = file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    upload_all(usulan, kepala_opd_a)
    services.ajukan(usulan.pk, kepala_opd_a)
    services.catat_sikap(usulan.pk, asn_a, SikapPegawai.KEBERATAN, "Anak saya sekolah di sini.")
    services.jawab_keberatan(usulan.pk, tim_pertimbangan, "Lokasi baru dekat; ada sekolah.")
    with pytest.raises(ValidationError, match="sudah dijawab"):
        services.catat_sikap(usulan.pk, asn_a, SikapPegawai.KEBERATAN, "Alasan baru.")
    usulan.refresh_from_db()
    assert usulan.jawaban_keberatan == "Lokasi baru dekat; ada sekolah."
    assert usulan.sikap_alasan == "Anak saya sekolah di sini."
