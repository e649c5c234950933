"""Regional rules in the app (issue 20, point 1): thresholds set by BKD per scope from an
effective date, the region's extra rules (a required document, a lock period, a blackout),
the checklist naming the version it applied, and the decision snapshot keeping it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from instansi.choices import RumpunJabatan
from mutasi.ketentuan import services as ketentuan_services
from mutasi.ketentuan.berlaku import Berlaku
from mutasi.ketentuan.choices import DihitungDari, JenisAturan, KunciKetentuan, Lingkup
from mutasi.models import (
    AturanDaerah,
    AuditLog,
    Dokumen,
    KetentuanMutasi,
    SalinanKeputusan,
    TahapKeputusan,
    Usulan,
)
from mutasi.usulan import eligibility, jejak, services
from mutasi.usulan.choices import JenisDokumen, JenisMutasi, StatusDokumen, StatusUsulan
from pegawai.access import Role
from pegawai.choices import JenisAsn
from tests.factories import (
    FormasiFactory,
    PegawaiFactory,
    UserFactory,
    akhiri_ketentuan,
    berlakukan,
)
from tests.test_putusan import usulan_untuk

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Jakarta")
# The factories' employee took the post on 1 January 2020 and entered service (CPNS) on
# 1 January 2010; the suite's day is in December 2026 or later.
LEBIH_DARI_MASA_JABATAN = 20


def today():
    return timezone.localdate()


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin.uji", roles=[Role.ADMIN])


@pytest.fixture
def usulan(unit_a, unit_b, operator_bkd):
    """An inter-agency move from agency A (administration post) that passes every rule."""
    formasi = FormasiFactory(unit=unit_b, kebutuhan=1)
    pegawai = PegawaiFactory(unit=unit_a, jabatan=formasi.jabatan)
    return usulan_untuk(pegawai, formasi, operator_bkd)


def ketentuan(user, nilai=LEBIH_DARI_MASA_JABATAN, kunci=KunciKetentuan.MIN_TAHUN_JABATAN, **f):
    """A threshold setting filed by ``user`` and approved by another person, in force from
    today by default."""
    f.setdefault("berlaku_mulai", today())
    obj = KetentuanMutasi(kunci=kunci, nilai=nilai, alasan="Peraturan Gubernur.", **f)
    return berlakukan(obj, user)


def aturan(user, jenis, pesan, **f):
    f.setdefault("berlaku_mulai", today())
    obj = AturanDaerah(jenis=jenis, pesan=pesan, alasan="Peraturan Gubernur.", **f)
    return berlakukan(obj, user)


def baris(usulan, kode, hari=None):
    return next((s for s in eligibility.periksa(usulan, hari) if s.kode == kode), None)


# --- Each source of a threshold --------------------------------------------------------------


def test_without_settings_the_environment_default_applies_and_is_named(usulan, settings):
    settings.MUTASI_MIN_TAHUN_JABATAN = 2
    masa = baris(usulan, "masa_jabatan")
    assert masa.status == eligibility.LULUS
    assert "Masa minimal dalam jabatan (tahun) 2: bawaan (lingkungan)" in masa.ketentuan


def test_a_government_wide_setting_changes_the_checklist_and_names_its_version(
    usulan, operator_bkd
):
    k = ketentuan(operator_bkd)
    masa = baris(usulan, "masa_jabatan")
    assert masa.status == eligibility.GAGAL and masa.menghalangi
    assert f"minimal {LEBIH_DARI_MASA_JABATAN} tahun" in masa.fakta
    assert f"Ketentuan #{k.pk} berlaku" in masa.ketentuan
    assert "Seluruh pemerintah daerah" in masa.ketentuan


def test_an_agency_setting_applies_to_moves_from_that_agency_only_and_beats_the_government(
    usulan, operator_bkd, opd_a, opd_b, unit_b
):
    ketentuan(operator_bkd, lingkup=Lingkup.PERANGKAT_DAERAH, perangkat_daerah=opd_b)
    assert baris(usulan, "masa_jabatan").status == eligibility.LULUS  # the move is from A

    ketentuan(operator_bkd)  # government-wide: fails
    k = ketentuan(operator_bkd, nilai=1, lingkup=Lingkup.PERANGKAT_DAERAH, perangkat_daerah=opd_a)
    masa = baris(usulan, "masa_jabatan")
    assert masa.status == eligibility.LULUS
    assert f"Ketentuan #{k.pk} berlaku" in masa.ketentuan and opd_a.nama in masa.ketentuan


def test_a_setting_for_a_kind_of_asn_applies_to_that_kind_only_and_beats_the_government(
    usulan, operator_bkd, opd_a
):
    # The route of appointment: a PPPK-only setting leaves this PNS alone.
    ketentuan(operator_bkd, lingkup=Lingkup.JENIS_ASN, jenis_asn=JenisAsn.PPPK)
    assert baris(usulan, "masa_jabatan").status == eligibility.LULUS

    ketentuan(operator_bkd)  # government-wide: fails
    k = ketentuan(operator_bkd, nilai=1, lingkup=Lingkup.JENIS_ASN, jenis_asn=JenisAsn.PNS)
    masa = baris(usulan, "masa_jabatan")
    assert masa.status == eligibility.LULUS
    assert f"Ketentuan #{k.pk} berlaku" in masa.ketentuan and "PNS" in masa.ketentuan

    # An agency's setting is more specific than the kind of ASN.
    ketentuan(operator_bkd, lingkup=Lingkup.PERANGKAT_DAERAH, perangkat_daerah=opd_a)
    assert baris(usulan, "masa_jabatan").status == eligibility.GAGAL


def test_a_kind_of_asn_scope_without_the_kind_is_refused_with_a_message(operator_bkd):
    obj = KetentuanMutasi(
        kunci=KunciKetentuan.MIN_TAHUN_JABATAN,
        nilai=3,
        lingkup=Lingkup.JENIS_ASN,
        berlaku_mulai=today(),
        alasan="Peraturan Gubernur.",
    )
    with pytest.raises(ValidationError) as error:
        ketentuan_services.tambah(obj, operator_bkd)
    assert "jenis_asn" in error.value.message_dict
    assert not KetentuanMutasi.objects.exists()


def test_a_setting_for_a_type_of_move_beats_the_agency(usulan, operator_bkd, opd_a):
    ketentuan(operator_bkd, nilai=1, lingkup=Lingkup.PERANGKAT_DAERAH, perangkat_daerah=opd_a)
    ketentuan(operator_bkd, lingkup=Lingkup.JENIS_MUTASI, jenis_mutasi=JenisMutasi.DALAM_OPD)
    assert baris(usulan, "masa_jabatan").status == eligibility.LULUS  # an inter-agency move

    k = ketentuan(operator_bkd, lingkup=Lingkup.JENIS_MUTASI, jenis_mutasi=JenisMutasi.ANTAR_OPD)
    masa = baris(usulan, "masa_jabatan")
    assert masa.status == eligibility.GAGAL
    assert (
        f"Ketentuan #{k.pk}" in masa.ketentuan and "mutasi Antar perangkat daerah" in masa.ketentuan
    )


def test_a_setting_for_the_family_of_the_current_post_is_the_most_specific(usulan, operator_bkd):
    ketentuan(operator_bkd, nilai=1, lingkup=Lingkup.JENIS_MUTASI, jenis_mutasi=usulan.jenis)
    ketentuan(operator_bkd, lingkup=Lingkup.RUMPUN, rumpun=RumpunJabatan.PENDIDIKAN)
    assert baris(usulan, "masa_jabatan").status == eligibility.LULUS  # not a teacher's post

    k = ketentuan(operator_bkd, lingkup=Lingkup.RUMPUN, rumpun=usulan.jabatan_asal.rumpun)
    masa = baris(usulan, "masa_jabatan")
    assert masa.status == eligibility.GAGAL and f"Ketentuan #{k.pk}" in masa.ketentuan


def test_each_threshold_of_the_checklist_follows_its_setting(usulan, operator_bkd):
    usulan.permintaan_sendiri = True
    usulan.save()
    lines = {s.kode: s for s in eligibility.periksa(usulan)}
    assert all(lines[k].status == eligibility.LULUS for k in ("skp", "pns_baru", "pensiun"))
    ketentuan(operator_bkd, nilai=5, kunci=KunciKetentuan.TAHUN_SKP)  # only 2 years recorded
    ketentuan(operator_bkd, nilai=30, kunci=KunciKetentuan.MASA_KERJA_PERMINTAAN_SENDIRI)
    ketentuan(operator_bkd, nilai=40, kunci=KunciKetentuan.TAHUN_SEBELUM_PENSIUN)
    lines = {s.kode: s for s in eligibility.periksa(usulan)}
    for kode in ("skp", "pns_baru", "pensiun"):
        assert lines[kode].status == eligibility.GAGAL, kode
        assert "Ketentuan #" in lines[kode].ketentuan, kode


# --- Effective dates -------------------------------------------------------------------------


def test_a_setting_applies_from_its_effective_date_not_the_day_before(usulan, operator_bkd):
    mulai = today() + datetime.timedelta(days=10)
    ketentuan(operator_bkd, berlaku_mulai=mulai)
    assert baris(usulan, "masa_jabatan", mulai - datetime.timedelta(days=1)).status == "lulus"
    assert baris(usulan, "masa_jabatan", mulai).status == eligibility.GAGAL


def test_the_latest_version_of_a_scope_applies_and_an_ended_one_stops_after_its_last_day(
    usulan, operator_bkd
):
    first = ketentuan(operator_bkd)
    later = today() + datetime.timedelta(days=5)
    second = ketentuan(operator_bkd, nilai=1, berlaku_mulai=later)
    assert f"#{first.pk}" in baris(usulan, "masa_jabatan").ketentuan
    assert f"#{second.pk}" in baris(usulan, "masa_jabatan", later).ketentuan

    akhiri_ketentuan(KetentuanMutasi, second.pk, operator_bkd, later, "Dicabut.")
    after = later + datetime.timedelta(days=1)
    # The first version is in force again from the day after.
    assert f"#{first.pk}" in baris(usulan, "masa_jabatan", after).ketentuan
    akhiri_ketentuan(KetentuanMutasi, first.pk, operator_bkd, today(), "Dicabut.")
    assert "bawaan (lingkungan)" in baris(usulan, "masa_jabatan", after).ketentuan


def test_the_settings_cost_a_constant_number_of_queries_per_checklist(
    usulan, operator_bkd, opd_a, django_assert_num_queries
):
    with django_assert_num_queries(2):  # the settings and the regional rules of the day
        berlaku = Berlaku(today())
    before = len(eligibility.periksa(usulan, today(), berlaku))
    with django_assert_num_queries(0):
        berlaku.untuk_usulan(usulan, usulan.jabatan_asal)

    ketentuan(operator_bkd, nilai=1)
    ketentuan(operator_bkd, nilai=1, lingkup=Lingkup.PERANGKAT_DAERAH, perangkat_daerah=opd_a)
    ketentuan(operator_bkd, nilai=1, kunci=KunciKetentuan.KELAS_NAIK_MAKS)
    aturan(operator_bkd, JenisAturan.MASA_KUNCI, "Kunci.", tahun=1, dihitung_dari="tmt_cpns")
    with django_assert_num_queries(2):
        berlaku = Berlaku(today())
    with django_assert_num_queries(0):
        terapan = berlaku.untuk_usulan(usulan, usulan.jabatan_asal)
    assert terapan.angka("kelas_naik_maks") == 1 and len(terapan.aturan) == 1
    assert len(eligibility.periksa(usulan, today(), berlaku)) == before + 1


# --- The region's extra rules ----------------------------------------------------------------


def test_a_required_document_fails_the_checklist_until_the_verifier_accepts_it(
    usulan, operator_bkd, pejabat
):
    pesan = "Lampirkan pertimbangan teknis BKN untuk setiap mutasi antar-OPD."
    rule = aturan(operator_bkd, JenisAturan.DOKUMEN, pesan, jenis_dokumen=JenisDokumen.PERTEK)
    line = baris(usulan, "daerah_dokumen")
    assert line.status == eligibility.GAGAL and line.menghalangi
    assert pesan in line.fakta and f"Aturan daerah #{rule.pk}" in line.ketentuan
    assert not line.dapat_dikecualikan
    with pytest.raises(ValidationError, match="Dokumen wajib aturan daerah"):
        services.setujui(usulan.pk, pejabat)

    dokumen = Dokumen(
        usulan=usulan,
        jenis=JenisDokumen.PERTEK,
        nama_asli="pertek.pdf",
        tipe="application/pdf",
        ukuran=3,
        diunggah_oleh=operator_bkd,
    )
    dokumen.berkas.save("pertek", ContentFile(b"pdf"), save=True)
    assert baris(usulan, "daerah_dokumen").status == eligibility.GAGAL  # uploaded, not accepted
    Dokumen.objects.filter(pk=dokumen.pk).update(status=StatusDokumen.DITERIMA)
    assert baris(usulan, "daerah_dokumen").status == eligibility.LULUS


def test_a_lock_period_for_a_family_holds_moves_from_that_family(usulan, operator_bkd):
    pesan = "Pegawai rumpun ini tidak dapat dimutasi sebelum 10 tahun dalam jabatannya."
    aturan(
        operator_bkd,
        JenisAturan.MASA_KUNCI,
        "Guru terikat 5 tahun.",
        tahun=5,
        dihitung_dari=DihitungDari.TMT_CPNS,
        lingkup=Lingkup.RUMPUN,
        rumpun=RumpunJabatan.PENDIDIKAN,
    )
    assert baris(usulan, "daerah_masa_kunci") is None  # not a teacher's post

    aturan(
        operator_bkd,
        JenisAturan.MASA_KUNCI,
        pesan,
        tahun=LEBIH_DARI_MASA_JABATAN,
        dihitung_dari=DihitungDari.TMT_JABATAN,
        lingkup=Lingkup.RUMPUN,
        rumpun=usulan.jabatan_asal.rumpun,
    )
    line = baris(usulan, "daerah_masa_kunci")
    assert line.status == eligibility.GAGAL and line.menghalangi and pesan in line.fakta
    assert "sejak TMT jabatan sekarang 1 Januari 2020" in line.fakta


def test_a_lock_period_counted_from_appointment_passes_once_it_is_over(usulan, operator_bkd):
    aturan(
        operator_bkd,
        JenisAturan.MASA_KUNCI,
        "Ikatan dinas lulusan sekolah kedinasan 8 tahun.",
        tahun=8,
        dihitung_dari=DihitungDari.TMT_CPNS,
    )
    line = baris(usulan, "daerah_masa_kunci")
    assert line.status == eligibility.LULUS  # in service since 2010
    assert "Masa kunci sudah lewat" in line.fakta


def test_a_blackout_stops_approval_but_not_the_work_before_it(usulan, operator_bkd, pejabat):
    pesan = "Tidak ada mutasi enam bulan sebelum pemilihan kepala daerah."
    sampai = today() + datetime.timedelta(days=30)
    aturan(operator_bkd, JenisAturan.LARANGAN, pesan, berlaku_sampai=sampai)

    line = baris(usulan, "daerah_larangan")  # waiting for the official's decision
    assert line.status == eligibility.GAGAL and pesan in line.fakta
    with pytest.raises(ValidationError, match="Masa larangan mutasi"):
        services.setujui(usulan.pk, pejabat)
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DIPERTIMBANGKAN

    assert baris(usulan, "daerah_larangan", sampai + datetime.timedelta(days=1)) is None

    Usulan.objects.filter(pk=usulan.pk).update(status=StatusUsulan.DIAJUKAN)
    line = baris(Usulan.objects.get(pk=usulan.pk), "daerah_larangan")
    assert line.status == eligibility.TINJAU and not line.menghalangi  # the work goes on


# --- The pages -------------------------------------------------------------------------------


def test_bkd_files_a_rule_in_the_browser_and_once_approved_it_changes_the_checklist_from_its_date(
    login, operator_bkd, pejabat, usulan
):
    client = login(operator_bkd)
    assert "Ajukan aturan" in client.get(reverse("ketentuan:daftar")).content.decode()
    mulai = today() + datetime.timedelta(days=1)
    pesan = "Surat keterangan bebas utang bank wajib dilampirkan."
    response = client.post(
        reverse("ketentuan:aturan_tambah"),
        {
            "jenis": JenisAturan.DOKUMEN,
            "pesan": pesan,
            "jenis_dokumen": JenisDokumen.PERTEK,
            "lingkup": Lingkup.PEMERINTAH,
            "berlaku_mulai": mulai.isoformat(),
            "alasan": "Peraturan Gubernur Nomor 12 Tahun 2026.",
        },
    )
    assert response.status_code == 302 and response.url == reverse("ketentuan:daftar")
    rule = AturanDaerah.objects.get()
    assert rule.dibuat_oleh == operator_bkd
    assert AuditLog.objects.filter(action="mutasi.aturan_daerah.diajukan", object_id=rule.pk)
    assert pesan in client.get(reverse("ketentuan:daftar")).content.decode()
    response = login(pejabat).post(
        reverse("ketentuan:aturan_putuskan", args=[rule.pk]),
        {"perkara": "mulai", "putusan": "setujui"},
    )
    assert response.status_code == 302

    page = reverse("mutasi:usulan_detail", args=[usulan.pk])
    assert pesan not in client.get(page).content.decode()
    moment = datetime.datetime.combine(mulai, datetime.time(10), TZ)
    with time_machine.travel(moment, tick=False):
        html = login(operator_bkd).get(page).content.decode()
    assert pesan in html and f"Aturan daerah #{rule.pk}" in html


def test_bkd_files_and_ends_a_setting_in_the_browser_each_approved_by_another(
    login, operator_bkd, pejabat
):
    client = login(operator_bkd)
    response = client.post(
        reverse("ketentuan:ketentuan_tambah"),
        {
            "kunci": KunciKetentuan.MIN_TAHUN_JABATAN,
            "nilai": "3",
            "lingkup": Lingkup.PEMERINTAH,
            "berlaku_mulai": today().isoformat(),
            "alasan": "Peraturan Gubernur.",
        },
    )
    assert response.status_code == 302
    k = KetentuanMutasi.objects.get()
    assert (k.nilai, k.dibuat_oleh) == (3, operator_bkd)
    putus = reverse("ketentuan:ketentuan_putuskan", args=[k.pk])
    approver = login(pejabat)
    assert approver.post(putus, {"perkara": "mulai", "putusan": "setujui"}).status_code == 302

    url = reverse("ketentuan:ketentuan_akhiri", args=[k.pk])
    client = login(operator_bkd)
    assert client.get(url).status_code == 200
    response = client.post(url, {"berlaku_sampai": today().isoformat(), "alasan_berakhir": "x"})
    assert response.status_code == 302
    k.refresh_from_db()
    # Asked for, not yet ended: still in force until another person approves.
    assert (k.berlaku_sampai, k.akhir_diajukan, k.diakhiri_oleh) == (None, today(), operator_bkd)
    assert k.berlaku_pada(today() + datetime.timedelta(days=1))
    again = client.post(url, {"berlaku_sampai": today().isoformat(), "alasan_berakhir": "y"})
    assert "sudah diajukan dan menunggu keputusan" in again.content.decode()
    approver = login(pejabat)
    assert approver.post(putus, {"perkara": "akhir", "putusan": "setujui"}).status_code == 302
    k.refresh_from_db()
    assert (k.berlaku_sampai, k.diakhiri_oleh, k.alasan_berakhir) == (today(), operator_bkd, "x")
    assert k.akhir_disetujui_oleh == pejabat
    assert AuditLog.objects.filter(action="mutasi.ketentuan.diakhiri", object_id=k.pk)
    client = login(operator_bkd)
    # Ended rows stay in the history; they are not ended twice.
    assert "Diakhiri: x" in client.get(reverse("ketentuan:daftar")).content.decode()
    again = client.post(url, {"berlaku_sampai": today().isoformat(), "alasan_berakhir": "y"})
    assert "Sudah diakhiri sebelumnya." in again.content.decode()


@pytest.mark.parametrize("peran", [Role.VERIFIKATOR_BKD, Role.OPERATOR_OPD, Role.ASN])
def test_other_roles_cannot_add_a_rule(client, peran, opd_a):
    user = UserFactory(
        roles=[peran], perangkat_daerah=opd_a if peran == Role.OPERATOR_OPD else None
    )
    client.force_login(user)
    data = {
        "kunci": KunciKetentuan.MIN_TAHUN_JABATAN,
        "nilai": "3",
        "lingkup": Lingkup.PEMERINTAH,
        "berlaku_mulai": today().isoformat(),
        "alasan": "x",
    }
    assert client.post(reverse("ketentuan:ketentuan_tambah"), data).status_code == 403
    assert not KetentuanMutasi.objects.exists()


def test_the_list_is_for_government_wide_roles_and_anonymous_visitors_log_in(
    client, verifikator, kepala_opd_a
):
    url = reverse("ketentuan:daftar")
    assert client.get(url).url.startswith(reverse("login"))
    client.force_login(kepala_opd_a)
    assert client.get(url).status_code == 403
    client.force_login(verifikator)
    html = client.get(url).content.decode()
    assert "Nilai bawaan (lingkungan)" in html and "Ajukan ketentuan" not in html


@pytest.mark.parametrize(
    ("view", "data", "pesan"),
    [
        ("ketentuan_tambah", {"berlaku_mulai": "kemarin"}, "Tidak boleh berlaku surut"),
        ("ketentuan_tambah", {"nilai": "99"}, "Nilai harus antara 0 dan 40."),
        ("ketentuan_tambah", {"lingkup": Lingkup.PERANGKAT_DAERAH}, "Pilih untuk siapa"),
        ("ketentuan_tambah", {"berlaku_mulai": "2027-02-30"}, "tanggal yang valid"),
        ("aturan_tambah", {"jenis": JenisAturan.LARANGAN}, "Masa larangan perlu tanggal akhir."),
        ("aturan_tambah", {"jenis": JenisAturan.MASA_KUNCI}, "Masa kunci harus antara 1"),
        ("aturan_tambah", {"jenis_dokumen": ""}, "Pilih dokumen yang diwajibkan."),
        ("aturan_tambah", {"pesan": ""}, "Bidang ini tidak boleh kosong."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_saves_nothing(
    login, operator_bkd, view, data, pesan
):
    yesterday = (today() - datetime.timedelta(days=1)).isoformat()
    valid = {
        "kunci": KunciKetentuan.MIN_TAHUN_JABATAN,
        "nilai": "3",
        "jenis": JenisAturan.DOKUMEN,
        "jenis_dokumen": JenisDokumen.PERTEK,
        "pesan": "Pesan.",
        "lingkup": Lingkup.PEMERINTAH,
        "berlaku_mulai": today().isoformat(),
        "alasan": "Peraturan Gubernur.",
    }
    data = {k: (yesterday if v == "kemarin" else v) for k, v in data.items()}
    response = login(operator_bkd).post(reverse(f"ketentuan:{view}"), valid | data)
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not KetentuanMutasi.objects.exists() and not AturanDaerah.objects.exists()
    assert not AuditLog.objects.filter(action__endswith=".diajukan").exists()


def test_a_setting_cannot_be_ended_before_today_nor_a_blackout_extended(login, operator_bkd):
    client = login(operator_bkd)
    k = ketentuan(operator_bkd)
    yesterday = today() - datetime.timedelta(days=1)
    response = client.post(
        reverse("ketentuan:ketentuan_akhiri", args=[k.pk]),
        {"berlaku_sampai": yesterday.isoformat(), "alasan_berakhir": "x"},
    )
    assert "Tidak boleh surut: paling awal hari ini." in response.content.decode()
    sampai = today() + datetime.timedelta(days=3)
    a = aturan(operator_bkd, JenisAturan.LARANGAN, "Pilkada.", berlaku_sampai=sampai)
    response = client.post(
        reverse("ketentuan:aturan_akhiri", args=[a.pk]),
        {
            "berlaku_sampai": (sampai + datetime.timedelta(days=1)).isoformat(),
            "alasan_berakhir": "x",
        },
    )
    assert "Tidak dapat diperpanjang" in response.content.decode()
    k.refresh_from_db()
    a.refresh_from_db()
    assert k.berlaku_sampai is None and a.berlaku_sampai == sampai


def test_an_unknown_rule_is_a_404(login, operator_bkd):
    client = login(operator_bkd)
    assert client.get(reverse("ketentuan:ketentuan_akhiri", args=[999])).status_code == 404
    assert client.get(reverse("ketentuan:aturan_akhiri", args=[999])).status_code == 404


def test_the_list_page_query_count_does_not_grow_with_rows(
    login, operator_bkd, opd_a, django_assert_num_queries
):
    client = login(operator_bkd)
    url = reverse("ketentuan:daftar")
    ketentuan(operator_bkd)
    aturan(operator_bkd, JenisAturan.LARANGAN, "Pilkada.", berlaku_sampai=today())
    client.get(url)  # warm the caches (content types, session)
    # Session, user, groups, unread notices; the settings and the rules, each with its agency
    # and people joined.
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
    for _i in range(3):
        ketentuan(operator_bkd, lingkup=Lingkup.PERANGKAT_DAERAH, perangkat_daerah=opd_a)
        aturan(
            operator_bkd,
            JenisAturan.MASA_KUNCI,
            "Kunci.",
            tahun=2,
            dihitung_dari=DihitungDari.TMT_JABATAN,
            lingkup=Lingkup.PERANGKAT_DAERAH,
            perangkat_daerah=opd_a,
        )
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


# --- The decision keeps the version ----------------------------------------------------------


def test_the_decision_snapshot_keeps_the_version_applied(usulan, operator_bkd, pejabat):
    k = ketentuan(operator_bkd, nilai=1)
    services.setujui(usulan.pk, pejabat)
    salinan = SalinanKeputusan.objects.get(usulan=usulan, tahap=TahapKeputusan.PERSETUJUAN)
    masa = next(s for s in jejak.syarat_tersimpan(salinan) if s.kode == "masa_jabatan")
    assert f"Ketentuan #{k.pk} berlaku" in masa.ketentuan
    kept = salinan.data["aturan"]["ketentuan"]["min_tahun_jabatan"]
    assert (kept["nilai"], kept["ketentuan"]) == (1, k.pk)
    assert salinan.data["aturan"]["ketentuan"]["tahun_skp"]["sumber"] == "bawaan (lingkungan)"

    # A later version changes today's checklist, never the decision's.
    akhiri_ketentuan(KetentuanMutasi, k.pk, operator_bkd, today(), "Diganti.", pejabat)
    ketentuan(operator_bkd, berlaku_mulai=today() + datetime.timedelta(days=1))
    salinan.refresh_from_db()
    masa = next(s for s in jejak.syarat_tersimpan(salinan) if s.kode == "masa_jabatan")
    assert f"Ketentuan #{k.pk} berlaku" in masa.ketentuan


def test_older_snapshots_without_versions_still_read(usulan, operator_bkd, pejabat):
    services.setujui(usulan.pk, pejabat)
    salinan = SalinanKeputusan.objects.get(usulan=usulan)
    for row in salinan.data["syarat"]:
        del row["ketentuan"]
    salinan.save()
    assert all(s.ketentuan == "" for s in jejak.syarat_tersimpan(salinan))
