"""The proposal pages, as the people of each role use them: list, form, detail, actions,
inbox and notifications."""

import csv
import datetime
import io
import re
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mutasi.context_processors import usulan as usulan_context
from mutasi.models import AuditLog, Notifikasi, Usulan
from mutasi.usulan import eligibility, services
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusDokumen, StatusUsulan
from pegawai.access import Role
from pegawai.choices import PredikatSkp
from tests.factories import (
    FormasiFactory,
    PegawaiFactory,
    PerangkatDaerahFactory,
    SkpFactory,
    UnitKerjaFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RAHASIA = "Catatan rahasia: pernah ditegur atasan."


@pytest.fixture
def eligible_a(pegawai_a):
    """An employee of agency A who meets every rule: 6 years in post, SKP Baik."""
    pegawai_a.tmt_jabatan = datetime.date(2020, 1, 1)
    pegawai_a.save()
    for tahun in eligibility.tahun_skp(timezone.localdate()):
        SkpFactory(pegawai=pegawai_a, tahun=tahun, predikat=PredikatSkp.BAIK)
    return pegawai_a


@pytest.fixture
def vacancy_b(unit_b, eligible_a):
    return FormasiFactory(unit=unit_b, jabatan=eligible_a.jabatan, kebutuhan=2)


def pdf(name="surat.pdf"):
    return SimpleUploadedFile(name, PDF, "application/pdf")


def rencana():
    return timezone.localdate() + datetime.timedelta(days=60)


def file_proposal(user, pegawai, formasi, **extra):
    fields = {
        "jenis": JenisMutasi.ANTAR_OPD,
        "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI,
        "alasan_publik": "Mengisi kekurangan tenaga di Dinas Pendidikan.",
        "catatan_internal": RAHASIA,
        "formasi_tujuan": formasi,
        "tanggal_rencana": rencana(),
    } | extra
    return services.buat_usulan(user, pegawai, **fields)


def upload_all(usulan, user):
    for jenis in usulan.dokumen_wajib:
        services.unggah_dokumen(usulan.pk, user, jenis, pdf())


def form_data(pegawai, formasi, **extra):
    return {
        "pegawai": pegawai.pk,
        "jenis": JenisMutasi.ANTAR_OPD,
        "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI,
        "alasan_publik": "Mengisi kekurangan guru.",
        "catatan_internal": RAHASIA,
        "opd_tujuan": formasi.unit.perangkat_daerah_id,
        "formasi_tujuan": formasi.pk,
        "tanggal_rencana": rencana().isoformat(),
    } | extra


def url(name, usulan, *args):
    return reverse(f"mutasi:{name}", args=[usulan.pk, *args])


@pytest.fixture
def stage(kepala_opd_a, verifikator, tim_pertimbangan, asn_a, eligible_a, vacancy_b):
    """A proposal of agency A's head for eligible_a into vacancy_b, brought to a stage."""

    def _stage(name):
        if name == "menunggu_kepala":
            usulan = file_proposal(asn_a, eligible_a, vacancy_b)
            upload_all(usulan, asn_a)
            return services.ajukan(usulan.pk, asn_a)
        usulan = file_proposal(kepala_opd_a, eligible_a, vacancy_b)
        upload_all(usulan, kepala_opd_a)
        if name == "konsep_lengkap":
            return usulan
        services.ajukan(usulan.pk, kepala_opd_a)
        if name == "diajukan":
            return Usulan.objects.get(pk=usulan.pk)
        for dokumen in usulan.dokumen.all():
            services.periksa_dokumen(dokumen.pk, verifikator, StatusDokumen.DITERIMA)
        if name == "dokumen_diterima":
            return Usulan.objects.get(pk=usulan.pk)
        services.verifikasi(usulan.pk, verifikator)
        services.nilai(usulan.pk, tim_pertimbangan, 4, "Kompetensi cocok.")
        services.rekomendasikan(usulan.pk, tim_pertimbangan, "setujui", "Layak.")
        assert name == "dipertimbangkan"
        return Usulan.objects.get(pk=usulan.pk)

    return _stage


# --- The whole lifecycle through the pages ----------------------------------------------


def test_the_whole_lifecycle_through_the_pages(
    client, kepala_opd_a, verifikator, tim_pertimbangan, pejabat, asn_a, eligible_a, vacancy_b
):
    def employee_sees(text):
        client.force_login(asn_a)
        page = client.get(url("usulan_detail", usulan))
        assert page.status_code == 200
        assert text in page.text
        return page

    # The agency head files the proposal with its documents and submits it.
    client.force_login(kepala_opd_a)
    assert client.get(reverse("mutasi:usulan_create")).status_code == 200
    response = client.post(reverse("mutasi:usulan_create"), form_data(eligible_a, vacancy_b))
    usulan = Usulan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == usulan.get_absolute_url()
    assert usulan.unit_asal == eligible_a.unit
    for jenis in usulan.dokumen_wajib:
        client.post(url("dokumen_unggah", usulan), {"jenis": jenis, "berkas": pdf()})
    assert usulan.dokumen.count() == len(usulan.dokumen_wajib)
    client.post(url("usulan_ajukan", usulan))
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIAJUKAN
    employee_sees("Diajukan")

    # The verifier accepts each document and verifies.
    client.force_login(verifikator)
    page = client.get(url("usulan_detail", usulan))
    assert "Verifikasi dan teruskan" in page.text
    for dokumen in usulan.dokumen.all():
        client.post(url("dokumen_periksa", usulan, dokumen.pk), {"status": "diterima"})
    response = client.post(url("usulan_verifikasi", usulan), follow=True)
    assert "Usulan terverifikasi" in response.text
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.TERVERIFIKASI
    page = employee_sees("Terverifikasi")

    # The employee agrees, within the window whose deadline the page shows.
    assert "Batas menyatakan sikap" in page.text
    client.post(url("usulan_sikap", usulan), {"sikap": "setuju"})
    usulan.refresh_from_db()
    assert usulan.sikap == "setuju"

    # The panel scores and recommends, through the panel's forms on the same page.
    client.force_login(tim_pertimbangan)
    page = client.get(url("usulan_detail", usulan))
    assert reverse("mutasi:panel_nilai", args=[usulan.pk]) in page.text
    client.post(reverse("mutasi:panel_nilai", args=[usulan.pk]), {"skor": 4, "komentar": "Cocok."})
    client.post(
        reverse("mutasi:panel_rekomendasi", args=[usulan.pk]),
        {"rekomendasi": "setujui", "catatan": "Memenuhi syarat dan dibutuhkan."},
    )
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIPERTIMBANGKAN
    employee_sees("Dipertimbangkan")

    # The official approves.
    client.force_login(pejabat)
    page = client.get(url("usulan_detail", usulan))
    assert "Setujui usulan" in page.text
    client.post(url("usulan_setujui", usulan), {"catatan": "Sesuai rekomendasi."})
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DISETUJUI
    page = employee_sees("Disetujui")
    for label in ("Diajukan ke BKD", "Diverifikasi BKD", "Disetujui Pejabat Penetap"):
        assert label in page.text
    assert "Sesuai rekomendasi." in page.text


# --- Who may do what ----------------------------------------------------------------------

PERSONAS = [
    "kepala_opd_a",
    "operator_opd_b",
    "asn_a",
    "operator_bkd",
    "verifikator",
    "tim_pertimbangan",
    "pejabat",
]


@dataclass
class Langkah:
    stage: str
    data: dict
    allowed: tuple
    after: str


TRANSITIONS = {
    "ajukan": Langkah("konsep_lengkap", {}, ("kepala_opd_a", "operator_bkd"), "diajukan"),
    "dukung": Langkah("menunggu_kepala", {}, ("kepala_opd_a",), "diajukan"),
    "kembalikan": Langkah("diajukan", {"catatan": "Perbaiki SKP."}, ("verifikator",), "konsep"),
    "verifikasi": Langkah("dokumen_diterima", {}, ("verifikator",), "terverifikasi"),
    "setujui": Langkah("dipertimbangkan", {"catatan": "Ya."}, ("pejabat",), "disetujui"),
    "tolak": Langkah("dipertimbangkan", {"catatan": "Tidak."}, ("pejabat",), "ditolak"),
    "batalkan": Langkah(
        "diajukan", {"catatan": "Ditarik."}, ("kepala_opd_a", "operator_bkd"), "dibatalkan"
    ),
}


@pytest.mark.parametrize("aksi", TRANSITIONS)
def test_each_transition_is_only_for_its_role(aksi, request, client, stage):
    langkah = TRANSITIONS[aksi]
    usulan = stage(langkah.stage)
    before = usulan.status
    target = url(f"usulan_{aksi}", usulan)

    response = client.post(target, langkah.data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

    for name in PERSONAS:
        if name in langkah.allowed:
            continue
        client.force_login(request.getfixturevalue(name))
        response = client.post(target, langkah.data)
        assert response.status_code in (403, 404), name
        usulan.refresh_from_db()
        assert usulan.status == before, name

    client.force_login(request.getfixturevalue(langkah.allowed[0]))
    response = client.post(target, langkah.data)
    assert response.status_code == 302
    usulan.refresh_from_db()
    assert usulan.status == langkah.after


def test_a_denied_post_is_written_to_the_audit_log(login, verifikator, stage):
    usulan = stage("dipertimbangkan")
    response = login(verifikator).post(url("usulan_setujui", usulan))
    assert response.status_code == 403
    denied = AuditLog.objects.for_object(usulan).get(action="akses.ditolak")
    assert denied.actor == verifikator
    assert denied.data["path"] == url("usulan_setujui", usulan)
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIPERTIMBANGKAN


def test_action_pages_refuse_get(login, kepala_opd_a, stage):
    usulan = stage("konsep_lengkap")
    assert login(kepala_opd_a).get(url("usulan_ajukan", usulan)).status_code == 405


# --- What each user sees ------------------------------------------------------------------


@pytest.fixture
def opd_c_formasi(eligible_a):
    unit_c = UnitKerjaFactory(perangkat_daerah=PerangkatDaerahFactory(nama="Dinas Sosial"))
    return FormasiFactory(unit=unit_c, jabatan=eligible_a.jabatan, kebutuhan=3)


def test_another_agency_gets_404_on_a_proposal_that_does_not_touch_it(
    login, kepala_opd_a, operator_opd_b, eligible_a, opd_c_formasi
):
    usulan = file_proposal(kepala_opd_a, eligible_a, opd_c_formasi)
    upload_all(usulan, kepala_opd_a)
    services.ajukan(usulan.pk, kepala_opd_a)
    client = login(operator_opd_b)
    assert client.get(url("usulan_detail", usulan)).status_code == 404
    assert client.get(url("usulan_update", usulan)).status_code == 404
    assert client.post(url("usulan_batalkan", usulan), {"catatan": "x"}).status_code == 404
    assert usulan.kode not in client.get(reverse("mutasi:usulan_list")).text


def test_another_agencys_draft_is_invisible_even_when_it_targets_us(
    login, kepala_opd_a, operator_opd_b, eligible_a, vacancy_b
):
    usulan = file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    client = login(operator_opd_b)
    assert client.get(url("usulan_detail", usulan)).status_code == 404
    assert usulan.kode not in client.get(reverse("mutasi:usulan_list")).text
    # Once submitted, the receiving agency sees it.
    upload_all(usulan, kepala_opd_a)
    services.ajukan(usulan.pk, kepala_opd_a)
    assert client.get(url("usulan_detail", usulan)).status_code == 200
    assert usulan.kode in client.get(reverse("mutasi:usulan_list")).text


def test_the_employee_never_sees_the_internal_notes(login, asn_a, kepala_opd_a, verifikator, stage):
    usulan = stage("diajukan")
    assert RAHASIA in login(verifikator).get(url("usulan_detail", usulan)).text
    client = login(asn_a)
    page = client.get(url("usulan_detail", usulan))
    assert page.status_code == 200
    assert usulan.alasan_publik in page.text
    assert RAHASIA not in page.text
    assert "Catatan internal" not in page.text
    export = client.get(reverse("mutasi:usulan_list"), {"export": "csv"})
    assert RAHASIA not in export.content.decode("utf-8-sig")


def test_the_employee_does_not_see_a_draft_about_them(login, asn_a, stage):
    usulan = stage("konsep_lengkap")
    assert login(asn_a).get(url("usulan_detail", usulan)).status_code == 404


def test_actions_are_shown_only_to_who_can_take_them(login, kepala_opd_a, verifikator, stage):
    usulan = stage("konsep_lengkap")
    page = login(kepala_opd_a).get(url("usulan_detail", usulan)).text
    assert url("usulan_ajukan", usulan) in page
    assert url("dokumen_unggah", usulan) in page
    assert url("usulan_setujui", usulan) not in page
    page = login(verifikator).get(url("usulan_detail", usulan)).text
    assert url("usulan_ajukan", usulan) not in page
    assert url("usulan_verifikasi", usulan) not in page


def test_a_returned_proposal_shows_the_notes_on_top(login, kepala_opd_a, verifikator, stage):
    usulan = stage("diajukan")
    login(verifikator).post(url("usulan_kembalikan", usulan), {"catatan": "SKP 2024 buram."})
    page = login(kepala_opd_a).get(url("usulan_detail", usulan)).text
    assert "Dikembalikan untuk diperbaiki" in page
    assert page.index("SKP 2024 buram.") < page.index("Ringkasan usulan")


def test_returning_without_notes_is_refused_with_a_message(login, verifikator, stage):
    usulan = stage("diajukan")
    response = login(verifikator).post(
        url("usulan_kembalikan", usulan), {"catatan": "  "}, follow=True
    )
    assert "Tuliskan catatan" in response.text
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIAJUKAN


def test_the_checklist_shows_status_in_words_and_the_facts(login, kepala_opd_a, stage):
    usulan = stage("konsep_lengkap")
    page = login(kepala_opd_a).get(url("usulan_detail", usulan)).text
    assert "Masa dalam jabatan sekarang" in page
    assert "Memenuhi" in page
    assert "dalam jabatan (sejak 1 Januari 2020)" in page


def test_an_exception_is_asked_by_the_verifier_and_granted_by_the_official_on_the_page(
    login, kepala_opd_a, verifikator, pejabat, pegawai_a, vacancy_b
):
    pegawai_a.tmt_jabatan = timezone.localdate() - datetime.timedelta(days=200)
    pegawai_a.save()
    usulan = file_proposal(kepala_opd_a, pegawai_a, vacancy_b)
    page = login(verifikator).get(url("usulan_detail", usulan)).text
    assert "Tidak memenuhi" in page
    assert "Minta pengecualian" in page
    login(verifikator).post(
        url("usulan_pengecualian", usulan),
        {"syarat": "masa_jabatan", "alasan": "Kebutuhan mendesak."},
    )
    page = login(pejabat).get(url("usulan_detail", usulan)).text
    assert "Berikan pengecualian" in page and "Kebutuhan mendesak." in page
    login(pejabat).post(
        url("usulan_pengecualian_putus", usulan),
        {"syarat": "masa_jabatan", "putusan": "beri", "catatan": "Setuju."},
    )
    page = login(kepala_opd_a).get(url("usulan_detail", usulan)).text
    assert "pengecualian diberikan" in page
    assert "Diberikan oleh" in page and "Diminta oleh" in page
    # An agency can neither ask nor grant.
    assert "Minta pengecualian" not in page
    response = login(kepala_opd_a).post(
        url("usulan_pengecualian", usulan), {"syarat": "skp", "alasan": "x"}
    )
    assert response.status_code == 403


# --- Stale pages and replayed requests ------------------------------------------------------


def url_massal(aksi):
    return reverse("mutasi:usulan_massal", args=[aksi])


def test_a_replayed_approval_gives_a_message_and_changes_nothing(login, pejabat, stage):
    usulan = stage("dipertimbangkan")
    client = login(pejabat)
    client.post(url("usulan_setujui", usulan), {"catatan": "Ya."})
    response = client.post(url("usulan_setujui", usulan), {"catatan": "Ya."}, follow=True)
    assert response.status_code == 200
    assert "sekarang berstatus Disetujui" in response.text
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DISETUJUI
    assert AuditLog.objects.filter(action="mutasi.usulan.disetujui").count() == 1


def test_a_nul_byte_in_the_batch_note_is_a_message_and_approves_nothing(login, pejabat, stage):
    """PostgreSQL cannot store a NUL byte: the batch read its note raw, so the first approval
    failed with a server error (on SQLite the note was stored)."""
    usulan = stage("dipertimbangkan")
    response = login(pejabat).post(
        url_massal("setujui"), {"usulan": [usulan.pk], "catatan": "ya\x00"}, follow=True
    )
    assert response.status_code == 200
    assert "Catatan (boleh kosong):" in response.text
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIPERTIMBANGKAN


def test_submitting_a_stale_form_twice_shows_the_current_state(login, kepala_opd_a, stage):
    usulan = stage("konsep_lengkap")
    client = login(kepala_opd_a)
    first = client.post(url("usulan_ajukan", usulan), follow=True)
    assert "Usulan diajukan." in first.text
    second = client.post(url("usulan_ajukan", usulan), follow=True)
    assert "sekarang berstatus Diajukan" in second.text
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIAJUKAN


def test_submitting_without_documents_says_what_is_missing(
    login, kepala_opd_a, eligible_a, vacancy_b
):
    usulan = file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    response = login(kepala_opd_a).post(url("usulan_ajukan", usulan), follow=True)
    assert "Dokumen wajib" in response.text
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.KONSEP


# --- The employee's voice ---------------------------------------------------------------


def test_the_employee_sees_what_the_move_means_for_their_career(login, asn_a, stage, vacancy_b):
    usulan = stage("diajukan")
    page = login(asn_a).get(url("usulan_detail", usulan)).text
    assert "Arti usulan ini bagi Anda" in page
    assert "Dinas Kesehatan" in page and "Dinas Pendidikan" in page
    assert "Kelas jabatan" in page


def test_the_employee_objects_within_the_window(login, asn_a, tim_pertimbangan, stage):
    usulan = stage("diajukan")
    client = login(asn_a)
    response = client.post(
        url("usulan_sikap", usulan),
        {"sikap": "keberatan", "alasan": "Anak saya sekolah di sini."},
        follow=True,
    )
    assert "Sikap Anda dicatat" in response.text
    assert "Anak saya sekolah di sini." in response.text
    usulan.refresh_from_db()
    assert usulan.sikap == "keberatan"
    inbox = login(tim_pertimbangan).get(reverse("mutasi:tugas")).text
    assert "Keberatan pegawai yang belum dijawab" in inbox
    assert usulan.kode in inbox


def test_an_objection_after_the_window_gives_a_message(login, asn_a, stage):
    usulan = stage("diajukan")
    Usulan.objects.filter(pk=usulan.pk).update(
        batas_sikap=timezone.now() - datetime.timedelta(minutes=1)
    )
    client = login(asn_a)
    page = client.get(url("usulan_detail", usulan)).text
    assert "sudah lewat" in page
    assert url("usulan_sikap", usulan) not in page
    response = client.post(
        url("usulan_sikap", usulan), {"sikap": "keberatan", "alasan": "Tidak mau."}, follow=True
    )
    assert "Batas waktu menyatakan sikap sudah lewat" in response.text
    usulan.refresh_from_db()
    assert usulan.sikap == ""


def test_only_the_employee_records_their_consent(login, kepala_opd_a, stage):
    usulan = stage("diajukan")
    response = login(kepala_opd_a).post(url("usulan_sikap", usulan), {"sikap": "setuju"})
    assert response.status_code == 403


# --- Create and edit ----------------------------------------------------------------------


def test_an_employee_files_an_own_request_without_choosing_anyone(
    login, asn_a, kepala_opd_a, eligible_a, vacancy_b
):
    client = login(asn_a)
    page = client.get(reverse("mutasi:usulan_create")).text
    assert 'name="pegawai"' not in page
    assert 'name="alasan"' not in page
    assert 'name="catatan_internal"' not in page
    assert eligible_a.unit.nama in page
    data = form_data(eligible_a, vacancy_b, alasan=KategoriAlasan.PENGEMBANGAN_KARIER)
    del data["pegawai"], data["catatan_internal"]
    response = client.post(reverse("mutasi:usulan_create"), data)
    assert response.status_code == 302
    usulan = Usulan.objects.get()
    assert usulan.pegawai == eligible_a
    assert usulan.alasan == KategoriAlasan.PERMINTAAN_SENDIRI
    upload_all(usulan, asn_a)
    client.post(url("usulan_ajukan", usulan))
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.MENUNGGU_KEPALA
    inbox = login(kepala_opd_a).get(reverse("mutasi:tugas")).text
    assert "menunggu persetujuan Anda" in inbox
    assert usulan.kode in inbox


def test_the_vacancy_link_preselects_the_target(login, kepala_opd_a, vacancy_b):
    page = login(kepala_opd_a).get(reverse("mutasi:usulan_create"), {"formasi": vacancy_b.pk})
    form = page.context["form"]
    assert form.initial["formasi_tujuan"] == vacancy_b.pk
    assert f'<option value="{vacancy_b.pk}" selected>' in page.text
    assert "2 kursi kosong" in page.text


def test_an_agency_proposes_another_agencys_employee_for_its_vacancy_by_nip(
    login, operator_opd_b, eligible_a, vacancy_b
):
    data = form_data(eligible_a, vacancy_b, nip=eligible_a.nip)
    del data["pegawai"]
    response = login(operator_opd_b).post(reverse("mutasi:usulan_create"), data)
    assert response.status_code == 302
    usulan = Usulan.objects.get()
    assert usulan.opd_pengusul == operator_opd_b.perangkat_daerah
    assert usulan.unit_asal == eligible_a.unit


def test_an_agency_cannot_move_someone_elses_employee_elsewhere(
    login, operator_opd_b, eligible_a, opd_c_formasi
):
    data = form_data(eligible_a, opd_c_formasi, nip=eligible_a.nip)
    del data["pegawai"]
    response = login(operator_opd_b).post(reverse("mutasi:usulan_create"), data)
    assert response.status_code == 200
    assert "tidak berwenang" in response.text
    assert not Usulan.objects.exists()
    assert AuditLog.objects.filter(action="akses.ditolak", actor=operator_opd_b).exists()


def test_the_form_explains_what_does_not_fit(login, operator_bkd, eligible_a, vacancy_b):
    client = login(operator_bkd)
    data = form_data(eligible_a, vacancy_b, nip=eligible_a.nip, jenis=JenisMutasi.DALAM_OPD)
    del data["pegawai"]
    page = client.post(reverse("mutasi:usulan_create"), data)
    assert page.status_code == 200
    assert "Rotasi dalam perangkat daerah: formasi tujuan harus di" in page.text
    data |= {"jenis": JenisMutasi.ANTAR_PROVINSI, "tanggal_rencana": "2001-01-01"}
    page = client.post(reverse("mutasi:usulan_create"), data)
    assert "Tuliskan instansi tujuan di luar pemerintah daerah." in page.text
    assert "Kosongkan: jenis mutasi ini ke luar pemerintah daerah" in page.text
    assert "Rencana TMT tidak boleh sebelum hari ini." in page.text
    data["nip"] = "123"
    assert (
        "NIP harus 18 digit, yang dimasukkan 3 digit."
        in client.post(reverse("mutasi:usulan_create"), data).text
    )
    assert not Usulan.objects.exists()


def test_a_second_open_proposal_is_refused_on_the_form(login, kepala_opd_a, eligible_a, vacancy_b):
    file_proposal(kepala_opd_a, eligible_a, vacancy_b)
    page = login(kepala_opd_a).post(
        reverse("mutasi:usulan_create"), form_data(eligible_a, vacancy_b)
    )
    assert page.status_code == 200
    assert "sudah memiliki usulan mutasi yang terbuka" in page.text
    assert Usulan.objects.count() == 1


def test_an_external_move_records_the_technical_opinion(login, operator_bkd, eligible_a):
    data = {
        "nip": eligible_a.nip,
        "jenis": JenisMutasi.ANTAR_PROVINSI,
        "alasan": KategoriAlasan.ALASAN_KELUARGA,
        "alasan_publik": "Mengikuti pasangan.",
        "tujuan_luar": "Pemerintah Provinsi Sukamaju",
        "pertek_nomor": "PT-123/BKN/2026",
        "pertek_tanggal": timezone.localdate().isoformat(),
        "tanggal_rencana": rencana().isoformat(),
    }
    response = login(operator_bkd).post(reverse("mutasi:usulan_create"), data)
    assert response.status_code == 302
    usulan = Usulan.objects.get()
    assert usulan.formasi_tujuan is None
    page = login(operator_bkd).get(usulan.get_absolute_url()).text
    assert "Pemerintah Provinsi Sukamaju" in page
    assert "PT-123/BKN/2026" in page


def test_the_filer_edits_a_draft_but_not_a_submitted_proposal(login, kepala_opd_a, stage):
    usulan = stage("konsep_lengkap")
    client = login(kepala_opd_a)
    assert client.get(url("usulan_update", usulan)).status_code == 200
    data = form_data(usulan.pegawai, usulan.formasi_tujuan, alasan_publik="Kalimat baru.")
    del data["pegawai"]
    assert client.post(url("usulan_update", usulan), data).status_code == 302
    usulan.refresh_from_db()
    assert usulan.alasan_publik == "Kalimat baru."
    services.ajukan(usulan.pk, kepala_opd_a)
    response = client.get(url("usulan_update", usulan), follow=True)
    assert "tidak dapat diubah" in response.text


def test_an_agency_cannot_retarget_its_draft_to_where_it_could_not_file(
    login, operator_opd_b, eligible_a, vacancy_b, opd_c_formasi
):
    data = form_data(eligible_a, vacancy_b, nip=eligible_a.nip)
    del data["pegawai"]
    client = login(operator_opd_b)
    client.post(reverse("mutasi:usulan_create"), data)
    usulan = Usulan.objects.get()
    data |= {
        "opd_tujuan": opd_c_formasi.unit.perangkat_daerah_id,
        "formasi_tujuan": opd_c_formasi.pk,
    }
    assert client.post(url("usulan_update", usulan), data).status_code == 403
    usulan.refresh_from_db()
    assert usulan.formasi_tujuan == vacancy_b


def test_nobody_else_edits_a_draft(login, verifikator, stage):
    usulan = stage("konsep_lengkap")
    assert login(verifikator).get(url("usulan_update", usulan)).status_code == 403


def test_the_origin_preview_follows_the_chosen_employee(login, kepala_opd_a, eligible_a, pegawai_b):
    client = login(kepala_opd_a)
    page = client.get(reverse("mutasi:usulan_asal"), {"pegawai": eligible_a.pk})
    assert eligible_a.unit.nama in page.text
    # Outside the agency: found, but nothing about them is shown.
    page = client.get(reverse("mutasi:usulan_asal"), {"nip": pegawai_b.nip})
    assert "perangkat daerah lain" in page.text
    assert pegawai_b.nama not in page.text


def test_an_employee_cannot_probe_whether_a_nip_exists(login, asn_a, pegawai_b):
    page = login(asn_a).get(reverse("mutasi:usulan_asal"), {"nip": pegawai_b.nip})
    assert page.status_code == 200
    assert "perangkat daerah lain" not in page.text


def test_the_formasi_list_follows_the_target_agency(login, kepala_opd_a, vacancy_b, unit_a):
    other = FormasiFactory(unit=unit_a)
    page = login(kepala_opd_a).get(
        reverse("mutasi:usulan_formasi"), {"opd_tujuan": vacancy_b.unit.perangkat_daerah_id}
    )
    assert f'value="{vacancy_b.pk}"' in page.text
    assert f'value="{other.pk}"' not in page.text


def test_staff_without_filing_rights_cannot_open_the_form(login, verifikator, client):
    assert login(verifikator).get(reverse("mutasi:usulan_create")).status_code == 403
    client.logout()
    assert client.get(reverse("mutasi:usulan_create")).status_code == 302


# --- List and inbox -----------------------------------------------------------------------


def make_proposals(n, user, unit, formasi):
    return [
        file_proposal(user, PegawaiFactory(unit=unit), formasi, catatan_internal="")
        for _ in range(n)
    ]


def count_queries(client, path, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(queries)


def test_list_queries_do_not_grow_with_rows(login, operator_bkd, unit_a, unit_b):
    formasi = FormasiFactory(unit=unit_b, kebutuhan=50)
    client = login(operator_bkd)
    make_proposals(2, operator_bkd, unit_a, formasi)
    few = count_queries(client, reverse("mutasi:usulan_list"))
    make_proposals(6, operator_bkd, unit_a, formasi)
    many = count_queries(client, reverse("mutasi:usulan_list"))
    assert few == many


def test_inbox_queries_do_not_grow_with_rows(login, verifikator, operator_bkd, unit_a, unit_b):
    formasi = FormasiFactory(unit=unit_b, kebutuhan=50)
    client = login(verifikator)

    def submitted(n):
        rows = make_proposals(n, operator_bkd, unit_a, formasi)
        Usulan.objects.filter(pk__in=[u.pk for u in rows]).update(status=StatusUsulan.DIAJUKAN)

    submitted(2)
    few = count_queries(client, reverse("mutasi:tugas"))
    submitted(6)
    many = count_queries(client, reverse("mutasi:tugas"))
    assert few == many
    assert client.get(reverse("mutasi:tugas")).text.count('">USL-') == 8


def test_the_list_filters_and_searches(login, operator_bkd, unit_a, unit_b, opd_b):
    formasi = FormasiFactory(unit=unit_b, kebutuhan=50)
    first, second = make_proposals(2, operator_bkd, unit_a, formasi)
    Usulan.objects.filter(pk=second.pk).update(status=StatusUsulan.DIAJUKAN)
    client = login(operator_bkd)
    path = reverse("mutasi:usulan_list")

    def shown(params):
        text = client.get(path, params).text
        return [u.kode in text for u in (first, second)]

    assert shown({"status": "diajukan"}) == [False, True]
    assert shown({"q": first.kode}) == [True, False]
    assert shown({"q": second.pegawai.nip}) == [False, True]
    assert shown({"q": first.pegawai.nama.upper()}) == [True, False]
    assert shown({"opd": opd_b.pk}) == [True, True]
    assert shown({"opd": PerangkatDaerahFactory().pk}) == [False, False]
    assert shown({"jenis": JenisMutasi.DALAM_OPD}) == [False, False]


def test_the_list_exports_every_filtered_row(login, operator_bkd, unit_a, unit_b):
    formasi = FormasiFactory(unit=unit_b, kebutuhan=50)
    rows = make_proposals(3, operator_bkd, unit_a, formasi)
    response = login(operator_bkd).get(reverse("mutasi:usulan_list"), {"export": "csv"})
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:3] == ["Kode", "Pegawai", "Jenis"]
    assert len(lines) == 4
    assert {line[0] for line in lines[1:]} == {u.kode for u in rows}
    assert "Konsep" in lines[1]
    assert "<span" not in response.content.decode("utf-8-sig")
    xlsx = login(operator_bkd).get(reverse("mutasi:usulan_list"), {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_list_needs_a_role(client):
    assert client.get(reverse("mutasi:usulan_list")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("mutasi:usulan_list")).status_code == 403


def test_returned_drafts_come_first_in_the_inbox(login, kepala_opd_a, verifikator, stage, unit_a):
    usulan = stage("diajukan")
    other = file_proposal(
        kepala_opd_a, PegawaiFactory(unit=unit_a), FormasiFactory(unit=unit_a, kebutuhan=9)
    )
    services.kembalikan(usulan.pk, verifikator, "Lengkapi SKP.")
    page = login(kepala_opd_a).get(reverse("mutasi:tugas")).text
    assert "Konsep yang belum diajukan" in page
    assert page.index(usulan.kode) < page.index(other.kode)


def test_the_inbox_of_each_role(login, pejabat, asn_a, tim_pertimbangan, stage):
    usulan = stage("dipertimbangkan")
    assert usulan.kode in login(pejabat).get(reverse("mutasi:tugas")).text
    assert usulan.kode not in login(tim_pertimbangan).get(reverse("mutasi:tugas")).text
    page = login(asn_a).get(reverse("mutasi:tugas")).text
    assert "menunggu sikap Anda" in page
    assert usulan.kode in page


# --- Notifications ----------------------------------------------------------------------


def test_notifications_are_listed_newest_first_and_marked_read(login, asn_a, stage, rf):
    stage("diajukan")
    lama = Notifikasi.objects.create(penerima=asn_a, judul="Pemberitahuan lama", tautan="/")
    Notifikasi.objects.filter(pk=lama.pk).update(waktu=timezone.now() - datetime.timedelta(days=3))
    request = rf.get("/")
    request.user = asn_a
    assert usulan_context(request)["notifikasi_belum_dibaca"] == 2
    page = login(asn_a).get(reverse("mutasi:notifikasi")).text
    assert page.index("Ada usulan mutasi tentang Anda") < page.index("Pemberitahuan lama")
    assert "baru" in page
    assert not Notifikasi.objects.filter(penerima=asn_a, dibaca=False).exists()
    assert usulan_context(request)["notifikasi_belum_dibaca"] == 0


def test_notifications_are_paginated_and_private(login, asn_a, kepala_opd_a):
    for i in range(25):
        Notifikasi.objects.create(penerima=asn_a, judul=f"Pesan nomor {i:02d}")
    Notifikasi.objects.create(penerima=kepala_opd_a, judul="Untuk kepala saja")
    page = login(asn_a).get(reverse("mutasi:notifikasi")).text
    assert "Halaman 1 dari 2" in page
    assert "Untuk kepala saja" not in page
    assert Notifikasi.objects.filter(penerima=asn_a, dibaca=False).count() == 5


def test_a_long_unbroken_word_in_a_notification_wraps_on_a_phone(login, asn_a):
    # A pasted link or a long answer from the panel made the page 41,455 px wide at 390.
    Notifikasi.objects.create(penerima=asn_a, judul="Keberatan dijawab", pesan="x" * 500)
    page = login(asn_a).get(reverse("mutasi:notifikasi")).text
    assert re.search(r'<p class="[^"]*text-break[^"]*">x{500}</p>', page)


def test_the_task_count_for_the_navbar(rf, verifikator, stage):
    stage("diajukan")
    request = rf.get("/")
    request.user = verifikator
    assert usulan_context(request)["jumlah_tugas"] == 1


def test_every_role_can_open_its_inbox(request, client):
    for name in PERSONAS:
        client.force_login(request.getfixturevalue(name))
        assert client.get(reverse("mutasi:tugas")).status_code == 200, name
    client.force_login(UserFactory(roles=[Role.ADMIN]))
    assert client.get(reverse("mutasi:tugas")).status_code == 200


def test_employee_profile_lists_proposals_about_them_and_offers_filing(
    login, kepala_opd_a, asn_a, pegawai_a, unit_b
):
    from mutasi.usulan import services as usulan_services
    from mutasi.usulan.choices import JenisMutasi, KategoriAlasan
    from tests.factories import FormasiFactory

    usulan = usulan_services.buat_usulan(
        kepala_opd_a,
        pegawai_a,
        jenis=JenisMutasi.ANTAR_OPD,
        alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
        alasan_publik="Mengisi kekurangan.",
        formasi_tujuan=FormasiFactory(unit=unit_b),
        tanggal_rencana=datetime.date(2027, 1, 1),
    )
    url = reverse("pegawai:detail", args=[pegawai_a.pk])
    page = login(kepala_opd_a).get(url)
    assert usulan.kode in page.text
    assert f"?pegawai={pegawai_a.pk}" in page.text
    page = login(asn_a).get(url)
    assert usulan.kode not in page.text  # a draft is not shown to the employee yet
    assert f"?pegawai={pegawai_a.pk}" not in page.text


@pytest.mark.parametrize("sort", ["asal", "-asal", "pegawai", "status"])
def test_sorted_proposal_pages_show_each_proposal_once_in_one_order(
    login, operator_bkd, unit_a, unit_b, sort
):
    formasi = FormasiFactory(unit=unit_b, kebutuhan=50)
    made = make_proposals(7, operator_bkd, unit_a, formasi)
    client = login(operator_bkd)
    shown = []
    for page in (1, 2, 3):
        response = client.get(
            reverse("mutasi:usulan_list"), {"sort": sort, "per_page": 3, "page": page}
        )
        shown += [row.record.pk for row in response.context["table"].page.object_list]
    # All tie on the sorted column (one origin, one state) but for the employee's name.
    key = (lambda u: (u.pegawai.nama, u.pk)) if sort == "pegawai" else (lambda u: u.pk)
    expected = sorted(made, key=key, reverse=sort.startswith("-"))
    assert shown == [u.pk for u in expected]
