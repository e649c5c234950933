"""A rule waived needs a second person, for everybody as for one proposal: a rule setting or a
regional rule filed by one BKD operator is in force nowhere (checklist, matching, the public
page) until another person with the authority — as for waivers, the roles of
``MUTASI_PENGECUALIAN_PEMBERI`` — approves it; they may reject it with a reason; nobody
decides what they filed. Ending one early waits for the second person too."""

import datetime
import importlib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from mutasi.ketentuan import services as ketentuan_services
from mutasi.ketentuan.berlaku import Berlaku, seluruh_pemerintah
from mutasi.ketentuan.choices import JenisAturan, KunciKetentuan, StatusKetentuan
from mutasi.models import AturanDaerah, AuditLog, KetentuanMutasi, Notifikasi
from mutasi.pencocokan import skor
from mutasi.usulan import eligibility, tugas
from pegawai.access import Role
from tests.factories import FormasiFactory, PegawaiFactory, UserFactory
from tests.test_putusan import usulan_untuk

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Jakarta")
HARI = datetime.timedelta(days=1)
# More years in post than the factories' employee has (in post since 1 January 2020).
LEBIH_DARI_MASA_JABATAN = 20


def today():
    return timezone.localdate()


@pytest.fixture
def usulan(unit_a, unit_b, operator_bkd):
    """An inter-agency move from agency A that passes every rule."""
    formasi = FormasiFactory(unit=unit_b, kebutuhan=1)
    pegawai = PegawaiFactory(unit=unit_a, jabatan=formasi.jabatan)
    return usulan_untuk(pegawai, formasi, operator_bkd)


def ajukan(user, nilai=LEBIH_DARI_MASA_JABATAN, kunci=KunciKetentuan.MIN_TAHUN_JABATAN, **f):
    f.setdefault("berlaku_mulai", today())
    obj = KetentuanMutasi(kunci=kunci, nilai=nilai, alasan="Peraturan Gubernur.", **f)
    return ketentuan_services.tambah(obj, user)


def larangan(user, **f):
    f.setdefault("berlaku_mulai", today())
    f.setdefault("berlaku_sampai", today() + 30 * HARI)
    obj = AturanDaerah(
        jenis=JenisAturan.LARANGAN, pesan="Menjelang pilkada.", alasan="UU 10/2016.", **f
    )
    return ketentuan_services.tambah(obj, user)


def masa_jabatan(usulan, hari=None):
    return next(s for s in eligibility.periksa(usulan, hari) if s.kode == "masa_jabatan")


def putus(client, obj, putusan="setujui", perkara="mulai", alasan=""):
    return client.post(
        obj.get_putuskan_url(), {"perkara": perkara, "putusan": putusan, "alasan": alasan}
    )


# --- Filed is not in force ----------------------------------------------------------------------


def test_a_setting_filed_by_one_person_is_not_in_force_anywhere(usulan, operator_bkd):
    k = ajukan(operator_bkd)
    larangan(operator_bkd)
    assert k.status == StatusKetentuan.DIAJUKAN
    berlaku = Berlaku()
    assert berlaku.ketentuan == [] and berlaku.aturan == []
    masa = masa_jabatan(usulan)
    assert masa.status == eligibility.LULUS and "bawaan (lingkungan)" in masa.ketentuan
    assert not any(s.kode == "daerah_larangan" for s in eligibility.periksa(usulan))
    log = AuditLog.objects.get(action="mutasi.ketentuan.diajukan", object_id=k.pk)
    assert log.actor == operator_bkd and log.data["nilai"] == LEBIH_DARI_MASA_JABATAN


def test_approval_by_another_person_puts_it_in_force_and_the_checklist_reads_it(
    usulan, operator_bkd, pejabat
):
    k = ajukan(operator_bkd)
    assert masa_jabatan(usulan).status == eligibility.LULUS
    ketentuan_services.setujui(KetentuanMutasi, k.pk, pejabat)
    k.refresh_from_db()
    assert (k.status, k.diputuskan_oleh, k.berlaku_mulai) == (
        StatusKetentuan.DISETUJUI,
        pejabat,
        today(),
    )
    masa = masa_jabatan(usulan)
    assert masa.status == eligibility.GAGAL and f"Ketentuan #{k.pk} berlaku" in masa.ketentuan
    log = AuditLog.objects.get(action="mutasi.ketentuan.disetujui", object_id=k.pk)
    assert log.actor == pejabat and log.data["berlaku_mulai"] == today().isoformat()
    assert Notifikasi.objects.filter(penerima=operator_bkd, judul__contains="disetujui")


def test_the_approvers_are_notified_of_a_filed_setting_and_the_filer_is_not(operator_bkd, pejabat):
    ajukan(operator_bkd)
    assert Notifikasi.objects.filter(penerima=pejabat, judul__contains="menunggu persetujuan")
    assert not Notifikasi.objects.filter(penerima=operator_bkd)


def test_a_filed_weight_does_not_change_the_matching_until_approved(operator_bkd, pejabat):
    before = skor.bobot_default()
    k = ajukan(operator_bkd, 40, KunciKetentuan.BOBOT_TALENTA)
    assert skor.bobot_default() == before
    ketentuan_services.setujui(KetentuanMutasi, k.pk, pejabat)
    assert skor.bobot_default()["talenta"] == 40


def test_the_public_page_shows_a_setting_only_once_approved(client, operator_bkd, pejabat):
    k = ajukan(operator_bkd, None, KunciKetentuan.EVALUASI_BULAN, nilai_daftar="2, 5")
    url = reverse("publik:bagaimana")
    assert "dievaluasi 2 dan 5 bulan kemudian" not in client.get(url).content.decode()
    ketentuan_services.setujui(KetentuanMutasi, k.pk, pejabat)
    assert "dievaluasi 2 dan 5 bulan kemudian" in client.get(url).content.decode()


# --- Who decides -------------------------------------------------------------------------------


def test_nobody_approves_what_they_filed_even_holding_both_roles(client, opd_a):
    both = UserFactory(roles=[Role.OPERATOR_BKD, Role.PEJABAT_PENETAP])
    k = ajukan(both)
    with pytest.raises(PermissionDenied, match="diputuskan oleh orang lain"):
        ketentuan_services.setujui(KetentuanMutasi, k.pk, both)
    with pytest.raises(PermissionDenied):
        ketentuan_services.tolak(KetentuanMutasi, k.pk, both, "Keliru.")
    client.force_login(both)
    response = putus(client, k)
    assert response.status_code == 403
    assert "diputuskan oleh orang lain" in response.content.decode()
    k.refresh_from_db()
    assert k.status == StatusKetentuan.DIAJUKAN and k.diputuskan_oleh is None
    assert AuditLog.objects.filter(action="akses.ditolak", actor=both).exists()
    # Nor does the database let it through.
    assert not KetentuanMutasi.objects.berlaku_pada(today()).exists()


@pytest.mark.parametrize("peran", [Role.OPERATOR_BKD, Role.VERIFIKATOR_BKD, Role.ADMIN])
def test_roles_without_the_authority_cannot_approve(client, operator_bkd, peran):
    k = ajukan(operator_bkd)
    other = UserFactory(roles=[peran])
    with pytest.raises(PermissionDenied):
        ketentuan_services.setujui(KetentuanMutasi, k.pk, other)
    client.force_login(other)
    assert client.get(k.get_putuskan_url()).status_code == 403
    assert putus(client, k).status_code == 403
    k.refresh_from_db()
    assert k.status == StatusKetentuan.DIAJUKAN


def test_the_approving_role_follows_the_waiver_setting(operator_bkd, tim_pertimbangan, settings):
    settings.MUTASI_PENGECUALIAN_PEMBERI = ["Tim Pertimbangan"]
    k = ajukan(operator_bkd)
    ketentuan_services.setujui(KetentuanMutasi, k.pk, tim_pertimbangan)
    k.refresh_from_db()
    assert k.status == StatusKetentuan.DISETUJUI


def test_the_decision_page_is_a_404_for_an_unknown_row_and_closed_to_others(
    client, operator_bkd, pejabat, kepala_opd_a, asn_a
):
    k = ajukan(operator_bkd)
    for url in (k.get_putuskan_url(), reverse("ketentuan:aturan_putuskan", args=[k.pk])):
        assert client.get(url).url.startswith(reverse("login"))
    for user in (kepala_opd_a, asn_a):
        client.force_login(user)
        assert client.get(k.get_putuskan_url()).status_code == 403
    client.force_login(pejabat)
    assert client.get(reverse("ketentuan:ketentuan_putuskan", args=[999])).status_code == 404
    assert client.get(reverse("ketentuan:aturan_putuskan", args=[999])).status_code == 404
    html = client.get(k.get_putuskan_url()).content.decode()
    assert "Simpan putusan" in html and "Peraturan Gubernur." in html


def test_a_filer_cannot_file_without_the_role(verifikator):
    with pytest.raises(PermissionDenied):
        ajukan(verifikator)
    assert not KetentuanMutasi.objects.exists()


# --- Rejection and stale decisions -------------------------------------------------------------


def test_a_rejected_setting_is_never_in_force_and_keeps_its_reason(
    client, usulan, operator_bkd, pejabat
):
    k = ajukan(operator_bkd)
    client.force_login(pejabat)
    response = putus(client, k, "tolak")
    assert response.status_code == 200 and "Tuliskan alasan menolak." in response.content.decode()
    response = putus(client, k, "tolak", alasan="Bertentangan dengan PP 11/2017.")
    assert response.status_code == 302
    k.refresh_from_db()
    assert (k.status, k.alasan_ditolak, k.diputuskan_oleh) == (
        StatusKetentuan.DITOLAK,
        "Bertentangan dengan PP 11/2017.",
        pejabat,
    )
    assert masa_jabatan(usulan).status == eligibility.LULUS
    log = AuditLog.objects.get(action="mutasi.ketentuan.ditolak", object_id=k.pk)
    assert log.data["alasan"] == "Bertentangan dengan PP 11/2017."
    html = client.get(reverse("ketentuan:daftar")).content.decode()
    assert "ditolak, tidak berlaku" in html and "Bertentangan dengan PP 11/2017." in html

    # Approving a rejected row afterwards: a message, not an error, and nothing changes.
    with pytest.raises(ValidationError, match="sudah ditolak"):
        ketentuan_services.setujui(KetentuanMutasi, k.pk, UserFactory(roles=[Role.PEJABAT_PENETAP]))
    response = putus(client, k)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "sudah ditolak" in page
    k.refresh_from_db()
    assert k.status == StatusKetentuan.DITOLAK


def test_approving_twice_is_refused_with_a_message(client, operator_bkd, pejabat):
    k = ajukan(operator_bkd)
    second = UserFactory(roles=[Role.PEJABAT_PENETAP])
    ketentuan_services.setujui(KetentuanMutasi, k.pk, pejabat)
    with pytest.raises(ValidationError, match="sudah disetujui"):
        ketentuan_services.setujui(KetentuanMutasi, k.pk, second)
    client.force_login(second)
    response = putus(client, k)
    assert response.status_code == 302
    assert "sudah disetujui" in client.get(response.url).content.decode()
    # Opening the page of a row that no longer waits says so.
    response = client.get(k.get_putuskan_url())
    assert response.status_code == 302
    assert AuditLog.objects.filter(action="mutasi.ketentuan.disetujui").count() == 1


# --- Late approval -----------------------------------------------------------------------------


def test_approved_after_its_start_date_it_is_in_force_from_the_approval_day_only(
    client, usulan, operator_bkd, pejabat
):
    mulai = today()
    k = ajukan(operator_bkd, berlaku_mulai=mulai)
    later = mulai + 3 * HARI
    with time_machine.travel(datetime.datetime.combine(later, datetime.time(10), TZ)):
        client.force_login(pejabat)
        html = client.get(k.get_putuskan_url()).content.decode()
        assert "sudah lewat" in html
        response = putus(client, k)
        assert "berlaku mulai hari ini" in client.get(response.url).content.decode()
    k.refresh_from_db()
    assert (k.berlaku_mulai, k.berlaku_mulai_diajukan) == (later, mulai)
    # The days before the approval are judged as they were.
    assert masa_jabatan(usulan, later - HARI).status == eligibility.LULUS
    assert masa_jabatan(usulan, later).status == eligibility.GAGAL
    log = AuditLog.objects.get(action="mutasi.ketentuan.disetujui", object_id=k.pk)
    assert log.data["berlaku_mulai"] == later.isoformat()
    assert log.data["berlaku_mulai_diajukan"] == mulai.isoformat()
    with time_machine.travel(datetime.datetime.combine(later, datetime.time(11), TZ)):
        html = client.get(reverse("ketentuan:daftar")).content.decode()
    assert "disetujui sesudahnya, berlaku sejak hari persetujuan" in html


def test_a_blackout_whose_dates_have_passed_cannot_be_approved(operator_bkd, pejabat):
    a = larangan(operator_bkd, berlaku_sampai=today() + HARI)
    with time_machine.travel(datetime.datetime.combine(today() + 5 * HARI, datetime.time(9), TZ)):
        with pytest.raises(ValidationError, match="sudah lewat"):
            ketentuan_services.setujui(AturanDaerah, a.pk, pejabat)
        ketentuan_services.tolak(AturanDaerah, a.pk, pejabat, "Terlambat.")
    a.refresh_from_db()
    assert a.status == StatusKetentuan.DITOLAK


# --- Ending early ------------------------------------------------------------------------------


def test_ending_early_waits_for_another_person_and_can_be_rejected(usulan, operator_bkd, pejabat):
    a = larangan(operator_bkd)
    ketentuan_services.setujui(AturanDaerah, a.pk, pejabat)
    assert any(s.kode == "daerah_larangan" for s in eligibility.periksa(usulan))

    ketentuan_services.akhiri(AturanDaerah, a.pk, operator_bkd, today(), "Pilkada ditunda.")
    a.refresh_from_db()
    assert a.menunggu_pengakhiran and a.berlaku_sampai == today() + 30 * HARI
    assert any(s.kode == "daerah_larangan" for s in eligibility.periksa(usulan, today() + HARI))
    with pytest.raises(PermissionDenied):
        ketentuan_services.setujui_akhir(AturanDaerah, a.pk, operator_bkd)

    ketentuan_services.tolak_akhir(AturanDaerah, a.pk, pejabat, "Jadwal tetap.")
    a.refresh_from_db()
    assert not a.menunggu_pengakhiran and a.diakhiri_oleh is None
    assert a.berlaku_sampai == today() + 30 * HARI
    log = AuditLog.objects.get(action="mutasi.aturan_daerah.pengakhiran_ditolak")
    assert log.data["alasan"] == "Jadwal tetap." and log.data["alasan_berakhir"] == (
        "Pilkada ditunda."
    )
    with pytest.raises(ValidationError, match="Tidak ada permintaan pengakhiran"):
        ketentuan_services.setujui_akhir(AturanDaerah, a.pk, pejabat)

    # Asked again, and approved by the second person: over after today.
    ketentuan_services.akhiri(AturanDaerah, a.pk, operator_bkd, today(), "Pilkada ditunda.")
    ketentuan_services.setujui_akhir(AturanDaerah, a.pk, pejabat)
    a.refresh_from_db()
    assert (a.berlaku_sampai, a.akhir_disetujui_oleh) == (today(), pejabat)
    assert not any(s.kode == "daerah_larangan" for s in eligibility.periksa(usulan, today() + HARI))
    assert AuditLog.objects.filter(action="mutasi.aturan_daerah.pengakhiran_diajukan").count() == 2
    assert AuditLog.objects.filter(action="mutasi.aturan_daerah.diakhiri", actor=pejabat)


def test_an_end_approved_late_ends_on_the_approval_day(operator_bkd, pejabat):
    k = ajukan(operator_bkd)
    ketentuan_services.setujui(KetentuanMutasi, k.pk, pejabat)
    ketentuan_services.akhiri(KetentuanMutasi, k.pk, operator_bkd, today(), "Diganti.")
    later = today() + 4 * HARI
    with time_machine.travel(datetime.datetime.combine(later, datetime.time(9), TZ)):
        ketentuan_services.setujui_akhir(KetentuanMutasi, k.pk, pejabat)
    k.refresh_from_db()
    assert k.berlaku_sampai == later and k.akhir_diajukan == today()
    log = AuditLog.objects.get(action="mutasi.ketentuan.diakhiri", object_id=k.pk)
    assert log.data["sampai_diajukan"] == today().isoformat()


def test_a_filed_row_cannot_be_ended_only_rejected(operator_bkd):
    k = ajukan(operator_bkd)
    with pytest.raises(ValidationError, match="belum berlaku"):
        ketentuan_services.akhiri(KetentuanMutasi, k.pk, operator_bkd, today(), "x")


# --- The approver's inbox ----------------------------------------------------------------------


def test_the_approvers_inbox_lists_what_waits_with_the_count_in_the_menu(
    client, operator_bkd, pejabat
):
    k = ajukan(operator_bkd)
    a = larangan(operator_bkd)
    groups = {g.kode: g for g in tugas.tugas_untuk(pejabat)}
    assert list(groups["ketentuan"].queryset) == [k]
    assert list(groups["aturan_daerah"].queryset) == [a]
    assert tugas.jumlah_tugas(pejabat) == 2
    client.force_login(pejabat)
    assert ">2<" in client.get(reverse("mutasi:tugas_jumlah")).content.decode()
    html = client.get(reverse("mutasi:tugas")).content.decode()
    assert "Ketentuan mutasi menunggu persetujuan Anda" in html
    assert k.get_putuskan_url() in html and a.get_putuskan_url() in html

    # Decided: gone. Asked to end: back, as an end.
    ketentuan_services.setujui(KetentuanMutasi, k.pk, pejabat)
    assert tugas.jumlah_tugas(pejabat) == 1
    ketentuan_services.akhiri(KetentuanMutasi, k.pk, operator_bkd, today(), "Diganti.")
    assert list({g.kode: g for g in tugas.tugas_untuk(pejabat)}["ketentuan"].queryset) == [k]
    assert "Pengakhiran Ketentuan #" in client.get(reverse("mutasi:tugas")).content.decode()


def test_the_inbox_leaves_out_ones_own_and_roles_that_do_not_approve(operator_bkd):
    both = UserFactory(roles=[Role.OPERATOR_BKD, Role.PEJABAT_PENETAP])
    ajukan(both)
    assert tugas.jumlah_tugas(both) == 0
    assert not {"ketentuan", "aturan_daerah"} & {g.kode for g in tugas.tugas_untuk(operator_bkd)}


def test_the_list_shows_the_state_who_filed_and_who_decided(client, operator_bkd, pejabat):
    k = ajukan(operator_bkd)
    client.force_login(pejabat)
    html = client.get(reverse("ketentuan:daftar")).content.decode()
    assert "diajukan, belum berlaku" in html and "1 pengajuan menunggu persetujuan" in html
    assert k.get_putuskan_url() in html
    client.force_login(operator_bkd)
    assert k.get_putuskan_url() not in client.get(reverse("ketentuan:daftar")).content.decode()
    ketentuan_services.setujui(KetentuanMutasi, k.pk, pejabat)
    html = client.get(reverse("ketentuan:daftar")).content.decode()
    assert f"disetujui {pejabat.get_full_name()}" in html
    assert f"diajukan {operator_bkd.get_full_name()}" in html


# --- Rows from before ----------------------------------------------------------------------------


def test_rows_in_force_before_the_migration_stay_in_force(operator_bkd):
    k = KetentuanMutasi.objects.create(
        kunci=KunciKetentuan.MIN_TAHUN_JABATAN,
        nilai=3,
        berlaku_mulai=today(),
        alasan="Lama.",
        dibuat_oleh=operator_bkd,
    )
    migration = importlib.import_module("mutasi.migrations.0022_ketentuan_persetujuan")
    from django.apps import apps

    migration.in_force_rows_stay_in_force(apps, None)
    k.refresh_from_db()
    assert k.status == StatusKetentuan.DISETUJUI and k.diputuskan_oleh is None
    assert seluruh_pemerintah()[KunciKetentuan.MIN_TAHUN_JABATAN].ketentuan == k


# --- The demo ----------------------------------------------------------------------------------


def test_the_demo_files_its_settings_with_one_account_and_approves_them_with_another():
    from mutasi.demo.context import Context
    from mutasi.demo.ketentuan import build_ketentuan

    admin = UserFactory(username="admin", roles=[Role.ADMIN])
    pejabat = UserFactory(username="pejabat.penetap", roles=[Role.PEJABAT_PENETAP])
    build_ketentuan(Context(pegawai=0, reference=today(), log=lambda _line: None))
    rotasi = KetentuanMutasi.objects.get()
    larangan = AturanDaerah.objects.get()
    for row in (rotasi, larangan):
        assert (row.status, row.dibuat_oleh, row.diputuskan_oleh) == (
            StatusKetentuan.DISETUJUI,
            admin,
            pejabat,
        )
    # The teachers' rotation in force from the reference day, the blackout ahead.
    assert list(Berlaku(today()).ketentuan) == [rotasi]
    assert list(Berlaku(larangan.berlaku_mulai).aturan) == [larangan]
    assert larangan.berlaku_mulai > today()
