"""Supporting documents through the proposal page: upload, check by content, download."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from mutasi.models import AuditLog, Dokumen
from mutasi.usulan import eligibility, pengecualian, services
from mutasi.usulan.choices import (
    JenisDokumen,
    JenisMutasi,
    KategoriAlasan,
    StatusDokumen,
    StatusUsulan,
)
from pegawai.choices import PredikatSkp
from tests.factories import (
    FormasiFactory,
    PegawaiFactory,
    PerangkatDaerahFactory,
    SkpFactory,
    UnitKerjaFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def eligible_a(pegawai_a):
    pegawai_a.tmt_jabatan = datetime.date(2020, 1, 1)
    pegawai_a.save()
    for tahun in eligibility.tahun_skp(timezone.localdate()):
        SkpFactory(pegawai=pegawai_a, tahun=tahun, predikat=PredikatSkp.BAIK)
    return pegawai_a


@pytest.fixture
def usulan(kepala_opd_a, eligible_a, unit_b):
    formasi = FormasiFactory(unit=unit_b, jabatan=eligible_a.jabatan, kebutuhan=2)
    return services.buat_usulan(
        kepala_opd_a,
        eligible_a,
        jenis=JenisMutasi.ANTAR_OPD,
        alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
        alasan_publik="Mengisi kekurangan guru.",
        formasi_tujuan=formasi,
        tanggal_rencana=timezone.localdate() + datetime.timedelta(days=30),
    )


def upload(client, usulan, jenis=JenisDokumen.SURAT_USULAN, content=PDF, name="surat.pdf"):
    return client.post(
        reverse("mutasi:dokumen_unggah", args=[usulan.pk]),
        {"jenis": jenis, "berkas": SimpleUploadedFile(name, content, "application/pdf")},
        follow=True,
    )


def stored_files(settings):
    root = settings.MEDIA_ROOT / "dokumen"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def download_url(usulan, dokumen):
    return reverse("mutasi:dokumen_unduh", args=[usulan.pk, dokumen.pk])


def test_the_filer_uploads_and_the_page_lists_it_as_waiting(login, kepala_opd_a, usulan):
    response = upload(login(kepala_opd_a), usulan)
    assert "Diunggah: Surat permohonan / usulan mutasi." in response.text
    dokumen = usulan.dokumen.get()
    assert dokumen.tipe == "application/pdf"
    assert dokumen.nama_asli == "surat.pdf"
    assert "Menunggu diperiksa" in response.text
    assert download_url(usulan, dokumen) in response.text
    assert "Belum diunggah" in response.text  # the other required documents


def test_download_is_an_attachment_that_the_browser_will_not_render(login, kepala_opd_a, usulan):
    client = login(kepala_opd_a)
    upload(client, usulan, content=PNG, name="skp 2025")
    dokumen = usulan.dokumen.get()
    response = client.get(download_url(usulan, dokumen))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "skp 2025.png" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"


def test_another_agency_gets_404_on_a_document(login, kepala_opd_a, operator_opd_b, usulan):
    upload(login(kepala_opd_a), usulan)
    dokumen = usulan.dokumen.get()
    client = login(operator_opd_b)
    assert client.get(download_url(usulan, dokumen)).status_code == 404


def test_a_document_of_another_proposal_is_not_reachable_through_ours(
    login, kepala_opd_a, operator_bkd, usulan, unit_a
):
    upload(login(kepala_opd_a), usulan)
    dokumen = usulan.dokumen.get()
    other = services.buat_usulan(
        operator_bkd,
        PegawaiFactory(unit=unit_a),
        jenis=JenisMutasi.DALAM_OPD,
        alasan=KategoriAlasan.PENYEGARAN,
        alasan_publik="Penyegaran.",
        formasi_tujuan=FormasiFactory(unit=unit_a),
        tanggal_rencana=timezone.localdate(),
    )
    response = login(operator_bkd).get(download_url(other, dokumen))
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, kepala_opd_a, usulan):
    client.force_login(kepala_opd_a)
    upload(client, usulan)
    dokumen = usulan.dokumen.get()
    client.logout()
    response = client.get(download_url(usulan, dokumen))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_file_that_claims_to_be_pdf_but_is_not_is_refused(login, kepala_opd_a, usulan, settings):
    response = upload(login(kepala_opd_a), usulan, content=b"MZ\x90\x00 not a pdf")
    assert "bukan PDF, PNG atau JPEG" in response.text
    assert not Dokumen.objects.exists()
    assert stored_files(settings) == []


@override_settings(MAX_UPLOAD_MB=1)
def test_a_file_over_the_size_limit_is_refused(login, kepala_opd_a, usulan, settings):
    payload = b"%PDF-1.4\n" + b"0" * (1_536 * 1024)
    response = upload(login(kepala_opd_a), usulan, content=payload)
    assert "Berkas terlalu besar" in response.text
    assert "maksimal 1 MB" in response.text
    assert not Dokumen.objects.exists()
    assert stored_files(settings) == []


def test_uploading_without_a_file_says_so(login, kepala_opd_a, usulan):
    response = login(kepala_opd_a).post(
        reverse("mutasi:dokumen_unggah", args=[usulan.pk]),
        {"jenis": JenisDokumen.SKP},
        follow=True,
    )
    assert "Pilih berkas" in response.text
    assert not Dokumen.objects.exists()


def test_an_unknown_document_type_is_refused(login, kepala_opd_a, usulan):
    response = upload(login(kepala_opd_a), usulan, jenis="ktp")
    assert "Jenis dokumen tidak dikenal." in response.text
    assert not Dokumen.objects.exists()


def test_a_new_upload_replaces_the_old_one(
    login, kepala_opd_a, usulan, settings, django_capture_on_commit_callbacks
):
    client = login(kepala_opd_a)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, usulan, name="lama.pdf")
        upload(client, usulan, name="baru.pdf")
    assert list(usulan.dokumen.values_list("nama_asli", flat=True)) == ["baru.pdf"]
    assert len(stored_files(settings)) == 1


def test_only_the_filer_side_uploads(login, verifikator, operator_opd_b, usulan):
    assert upload(login(verifikator), usulan).status_code == 403
    # The receiving agency does not see another agency's draft at all.
    assert upload(login(operator_opd_b), usulan).status_code == 404
    assert not Dokumen.objects.exists()
    assert AuditLog.objects.filter(action="akses.ditolak", actor=verifikator).exists()


def _submit(usulan, user):
    for jenis in usulan.dokumen_wajib:
        services.unggah_dokumen(
            usulan.pk, user, jenis, SimpleUploadedFile("x.pdf", PDF, "application/pdf")
        )
    services.ajukan(usulan.pk, user)


def test_no_upload_after_submission(login, kepala_opd_a, usulan):
    _submit(usulan, kepala_opd_a)
    client = login(kepala_opd_a)
    page = client.get(usulan.get_absolute_url()).text
    assert 'action="{}"'.format(reverse("mutasi:dokumen_unggah", args=[usulan.pk])) not in page
    response = upload(client, usulan)
    assert "sekarang berstatus Diajukan" in response.text


def test_the_verifier_accepts_or_asks_for_a_fix_with_a_note(
    login, kepala_opd_a, verifikator, usulan
):
    _submit(usulan, kepala_opd_a)
    skp, surat = usulan.dokumen.get(jenis="skp"), usulan.dokumen.get(jenis="surat_usulan")
    client = login(verifikator)
    periksa = reverse("mutasi:dokumen_periksa", args=[usulan.pk, skp.pk])
    response = client.post(periksa, {"status": "perbaiki", "catatan": ""}, follow=True)
    assert "Tuliskan apa yang harus diperbaiki" in response.text
    client.post(periksa, {"status": "perbaiki", "catatan": "SKP 2024 tidak terbaca."})
    client.post(
        reverse("mutasi:dokumen_periksa", args=[usulan.pk, surat.pk]), {"status": "diterima"}
    )
    skp.refresh_from_db()
    surat.refresh_from_db()
    assert (skp.status, surat.status) == (StatusDokumen.PERBAIKI, StatusDokumen.DITERIMA)
    response = client.post(reverse("mutasi:usulan_verifikasi", args=[usulan.pk]), follow=True)
    assert "Dokumen belum diterima semua" in response.text
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIAJUKAN
    page = login(kepala_opd_a).get(usulan.get_absolute_url()).text
    assert "Perlu diperbaiki" in page
    assert "SKP 2024 tidak terbaca." in page


def test_a_returned_proposal_given_another_target_has_its_target_documents_checked_again(
    kepala_opd_a, verifikator, usulan, unit_b
):
    _submit(usulan, kepala_opd_a)
    services.terima_semua_dokumen(usulan.pk, verifikator)
    services.kembalikan(usulan.pk, verifikator, "Perbaiki alasan publik.")
    # An edit that keeps the target reopens nothing.
    services.ubah_usulan(usulan.pk, kepala_opd_a, alasan_publik="Mengisi kekurangan.")
    assert set(usulan.dokumen.values_list("status", flat=True)) == {StatusDokumen.DITERIMA}
    unit = UnitKerjaFactory(perangkat_daerah=unit_b.perangkat_daerah)
    other = FormasiFactory(unit=unit, jabatan=usulan.pegawai.jabatan, kebutuhan=2)
    services.ubah_usulan(usulan.pk, kepala_opd_a, formasi_tujuan=other)
    status = dict(usulan.dokumen.values_list("jenis", "status"))
    for jenis in (JenisDokumen.ANJAB_ABK, JenisDokumen.USULAN_PPK_PENERIMA):
        assert status.get(jenis, StatusDokumen.MENUNGGU) == StatusDokumen.MENUNGGU
    assert status[JenisDokumen.SURAT_USULAN] == StatusDokumen.MENUNGGU
    assert status[JenisDokumen.SKP] == StatusDokumen.DITERIMA  # about the person, not the post


def test_a_new_target_lets_the_waivers_of_the_old_targets_rules_lapse(
    kepala_opd_a, verifikator, pejabat, usulan, unit_b
):
    _submit(usulan, kepala_opd_a)
    pengecualian.minta_pengecualian(usulan.pk, verifikator, "golongan", "Unit tujuan kekurangan.")
    pengecualian.putuskan_pengecualian(usulan.pk, pejabat, "golongan", True)
    pengecualian.minta_pengecualian(usulan.pk, verifikator, "masa_jabatan", "Mendesak.")
    pengecualian.putuskan_pengecualian(usulan.pk, pejabat, "masa_jabatan", True)
    services.kembalikan(usulan.pk, verifikator, "Perbaiki tujuan.")
    unit = UnitKerjaFactory(perangkat_daerah=unit_b.perangkat_daerah)
    other = FormasiFactory(unit=unit, jabatan=usulan.pegawai.jabatan, kebutuhan=2)
    services.ubah_usulan(usulan.pk, kepala_opd_a, formasi_tujuan=other)
    status = dict(usulan.pengecualian.values_list("syarat", "status"))
    assert status == {"golongan": "ditolak", "masa_jabatan": "diberikan"}  # tenure is the person's


def test_a_new_target_lets_the_panels_scores_for_the_old_target_lapse(
    login, kepala_opd_a, verifikator, tim_pertimbangan, usulan, unit_b
):
    """Scored for one post, returned, given another post, verified again: the old score let
    the panel recommend (from a page left open) with nobody having judged the new target."""
    _submit(usulan, kepala_opd_a)
    services.terima_semua_dokumen(usulan.pk, verifikator)
    services.verifikasi(usulan.pk, verifikator)
    services.nilai(usulan.pk, tim_pertimbangan, 5, "Cocok untuk jabatan tujuan.")
    services.kembalikan(usulan.pk, verifikator, "Tujuan keliru.")
    unit = UnitKerjaFactory(perangkat_daerah=unit_b.perangkat_daerah)
    other = FormasiFactory(unit=unit, jabatan=usulan.pegawai.jabatan, kebutuhan=2)
    services.ubah_usulan(usulan.pk, kepala_opd_a, formasi_tujuan=other)
    services.ajukan(usulan.pk, kepala_opd_a)
    services.terima_semua_dokumen(usulan.pk, verifikator)
    services.verifikasi(usulan.pk, verifikator)

    with pytest.raises(ValidationError, match="Belum ada penilaian"):
        services.rekomendasikan(usulan.pk, tim_pertimbangan, "setujui", "Layak.")
    page = login(tim_pertimbangan).get(usulan.get_absolute_url()).text
    assert "Belum ada anggota tim yang memberi nilai." in page
    assert "Nilai Tim Pertimbangan gugur karena tujuan diubah" in page


def test_only_the_verifier_checks_documents(login, kepala_opd_a, usulan):
    _submit(usulan, kepala_opd_a)
    dokumen = usulan.dokumen.first()
    response = login(kepala_opd_a).post(
        reverse("mutasi:dokumen_periksa", args=[usulan.pk, dokumen.pk]), {"status": "diterima"}
    )
    assert response.status_code == 403
    dokumen.refresh_from_db()
    assert dokumen.status == StatusDokumen.MENUNGGU


def test_a_document_id_from_another_proposal_is_404_for_the_verifier(
    login, kepala_opd_a, verifikator, usulan, eligible_a
):
    _submit(usulan, kepala_opd_a)
    dokumen = usulan.dokumen.first()
    opd_c = PerangkatDaerahFactory()
    other_unit = UnitKerjaFactory(perangkat_daerah=opd_c)
    other = services.buat_usulan(
        kepala_opd_a,
        PegawaiFactory(unit=eligible_a.unit),
        jenis=JenisMutasi.ANTAR_OPD,
        alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
        alasan_publik="x",
        formasi_tujuan=FormasiFactory(unit=other_unit),
        tanggal_rencana=timezone.localdate(),
    )
    response = login(verifikator).post(
        reverse("mutasi:dokumen_periksa", args=[other.pk, dokumen.pk]), {"status": "diterima"}
    )
    assert response.status_code == 404


def test_the_download_name_takes_the_extension_of_the_checked_type(login, kepala_opd_a, usulan):
    client = login(kepala_opd_a)
    upload(client, usulan, content=PDF, name="surat.html")
    response = client.get(download_url(usulan, usulan.dokumen.get()))
    assert response["Content-Disposition"] == 'attachment; filename="surat.pdf"'
    assert response["Content-Type"] == "application/pdf"
    inline = client.get(download_url(usulan, usulan.dokumen.get()) + "?lihat=1")
    assert inline["Content-Disposition"] == 'inline; filename="surat.pdf"'
    assert inline["Content-Security-Policy"] == "sandbox"


def test_a_document_gone_from_the_disk_is_a_404_page_not_a_500(login, kepala_opd_a, usulan):
    client = login(kepala_opd_a)
    upload(client, usulan)
    dokumen = usulan.dokumen.get()
    dokumen.berkas.storage.delete(dokumen.berkas.name)
    response = client.get(download_url(usulan, dokumen))
    assert response.status_code == 404
    assert "Berkas tidak ditemukan" in response.text
