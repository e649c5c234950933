"""The last environment thresholds kept in the app (issue 20): the objection window, resolved
per proposal when the employee is told and kept as its deadline; the matching weights and the
evaluation months, for the whole government, effective-dated. Each defaults to the
environment, is listed on /ketentuan/ with its source, and refuses bad input."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluasi.models import Evaluasi
from mutasi.ketentuan import services as ketentuan_services
from mutasi.ketentuan.berlaku import seluruh_pemerintah
from mutasi.ketentuan.choices import KunciKetentuan, Lingkup
from mutasi.models import AuditLog, KetentuanMutasi, Notifikasi, Usulan
from mutasi.pencocokan import skor
from mutasi.usulan import eligibility, services
from mutasi.usulan.choices import SikapPegawai, StatusUsulan
from pegawai.access import Role
from pegawai.choices import PredikatSkp
from tests.factories import (
    FormasiFactory,
    PegawaiFactory,
    SkpFactory,
    UserFactory,
    akhiri_ketentuan,
    berlakukan,
    make_move,
)
from tests.test_putusan import usulan_untuk

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Jakarta")
AWAL = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=TZ)
HARI = datetime.timedelta(days=1)
J = KunciKetentuan.JENDELA_SIKAP_HARI
BOBOT_ENV = {
    "kompetensi": 30,
    "kinerja": 25,
    "masa_jabatan": 15,
    "beban_asal": 15,
    "preferensi": 10,
    "talenta": 5,
}


@pytest.fixture(autouse=True)
def waktu(settings):
    """1 March 2027, 09:00 in Jakarta, and the environment's defaults of the suite."""
    settings.MUTASI_JENDELA_SIKAP_HARI = 7
    settings.PENCOCOKAN_BOBOT = dict(BOBOT_ENV)
    settings.EVALUASI_BULAN = [3, 6, 12]
    with time_machine.travel(AWAL, tick=False) as traveller:
        yield traveller


def hari_ini():
    return timezone.localdate()


def ketentuan(user, kunci, nilai=None, daftar="", **f):
    f.setdefault("berlaku_mulai", hari_ini())
    obj = KetentuanMutasi(
        kunci=kunci, nilai=nilai, nilai_daftar=daftar, alasan="Peraturan Gubernur.", **f
    )
    return berlakukan(obj, user)


@pytest.fixture
def draf(unit_a, unit_b, operator_bkd):
    """Drafts of inter-agency moves from agency A that pass every rule, by an employee who
    has an account."""

    def buat():
        formasi = FormasiFactory(unit=unit_b, kebutuhan=1)
        pegawai = PegawaiFactory(unit=unit_a, jabatan=formasi.jabatan)
        for tahun in eligibility.tahun_skp(hari_ini()):
            SkpFactory(pegawai=pegawai, tahun=tahun, predikat=PredikatSkp.BAIK)
        akun = UserFactory(pegawai=pegawai, roles=[Role.ASN])
        usulan = usulan_untuk(pegawai, formasi, operator_bkd, status=StatusUsulan.KONSEP)
        return usulan, akun

    return buat


def ajukan(usulan, user) -> Usulan:
    services.ajukan(usulan.pk, user)
    return Usulan.objects.get(pk=usulan.pk)


def detail(client, usulan) -> str:
    return client.get(reverse("mutasi:usulan_detail", args=[usulan.pk])).content.decode()


# --- The objection window ----------------------------------------------------------------------


def test_the_window_defaults_to_the_environment_and_is_kept_as_the_deadline(
    draf, operator_bkd, settings
):
    settings.MUTASI_JENDELA_SIKAP_HARI = 9
    usulan, akun = draf()
    usulan = ajukan(usulan, operator_bkd)
    assert usulan.diberitahukan_pada == AWAL
    assert usulan.batas_sikap == AWAL + 9 * HARI
    log = AuditLog.objects.get(action="mutasi.usulan.diajukan", object_id=usulan.pk)
    assert log.data["jendela_sikap"] == {
        "nilai": 9,
        "ketentuan": None,
        "sumber": "bawaan (lingkungan)",
    }
    notice = Notifikasi.objects.get(penerima=akun)
    assert "paling lambat 10 Maret 2027 pukul 09.00 WIB (9 hari)" in notice.pesan


def test_from_its_date_the_window_applies_and_the_pages_and_the_service_agree(
    draf, operator_bkd, login, client, waktu
):
    k = ketentuan(operator_bkd, J, 10, berlaku_mulai=hari_ini() + HARI)
    usulan, akun = draf()
    waktu.shift(HARI)
    usulan = ajukan(usulan, operator_bkd)
    assert usulan.batas_sikap == AWAL + 11 * HARI
    log = AuditLog.objects.get(action="mutasi.usulan.diajukan", object_id=usulan.pk)
    assert log.data["jendela_sikap"]["ketentuan"] == k.pk

    public = client.get(reverse("publik:bagaimana")).content.decode()
    assert "setuju atau keberatan dalam 10 hari" in public
    page = detail(login(akun), usulan)
    assert "Batas menyatakan sikap: 12 Maret 2027 09:00 (10 hari)." in page
    url = reverse("mutasi:usulan_sikap", args=[usulan.pk])
    assert url in page

    waktu.shift(10 * HARI - datetime.timedelta(minutes=1))  # the window's last minute
    response = login(akun).post(url, {"sikap": "keberatan", "alasan": "Anak sekolah."})
    assert response.status_code == 302
    assert Usulan.objects.get(pk=usulan.pk).sikap == SikapPegawai.KEBERATAN

    waktu.shift(datetime.timedelta(minutes=2))
    response = login(akun).post(url, {"sikap": "setuju"}, follow=True)
    assert "Batas waktu menyatakan sikap sudah lewat (12 Maret 2027" in response.content.decode()
    assert Usulan.objects.get(pk=usulan.pk).sikap == SikapPegawai.KEBERATAN
    assert "sudah lewat" in detail(login(akun), usulan)


def test_a_proposal_already_notified_keeps_its_deadline_when_the_window_changes(
    draf, operator_bkd, waktu
):
    usulan, akun = draf()
    usulan = ajukan(usulan, operator_bkd)
    ketentuan(operator_bkd, J, 30)
    waktu.shift(8 * HARI)
    with pytest.raises(ValidationError, match="Batas waktu menyatakan sikap sudah lewat"):
        services.catat_sikap(usulan.pk, akun, SikapPegawai.SETUJU)
    assert Usulan.objects.get(pk=usulan.pk).batas_sikap == AWAL + 7 * HARI


def test_an_agency_window_applies_to_moves_from_that_agency_only(draf, operator_bkd, opd_a, opd_b):
    ketentuan(operator_bkd, J, 3, lingkup=Lingkup.PERANGKAT_DAERAH, perangkat_daerah=opd_b)
    usulan = ajukan(draf()[0], operator_bkd)
    assert usulan.batas_sikap == AWAL + 7 * HARI  # the move is from agency A

    ketentuan(operator_bkd, J, 14)
    k = ketentuan(operator_bkd, J, 3, lingkup=Lingkup.PERANGKAT_DAERAH, perangkat_daerah=opd_a)
    usulan = ajukan(draf()[0], operator_bkd)
    assert usulan.batas_sikap == AWAL + 3 * HARI
    log = AuditLog.objects.get(action="mutasi.usulan.diajukan", object_id=usulan.pk)
    assert log.data["jendela_sikap"]["ketentuan"] == k.pk
    assert opd_a.nama in log.data["jendela_sikap"]["sumber"]


def test_the_inbox_lists_the_proposals_open_for_an_answer_until_their_deadline(
    draf, operator_bkd, login, waktu
):
    usulan, akun = draf()
    usulan = ajukan(usulan, operator_bkd)
    inbox = login(akun).get(reverse("mutasi:tugas")).content.decode()
    assert usulan.kode in inbox and "8 Maret 2027 09:00" in inbox
    waktu.shift(7 * HARI + datetime.timedelta(minutes=1))
    assert usulan.kode not in login(akun).get(reverse("mutasi:tugas")).content.decode()


# --- The matching weights ----------------------------------------------------------------------


def test_the_weights_default_to_the_environment(settings):
    settings.PENCOCOKAN_BOBOT = BOBOT_ENV | {"talenta": 0}
    assert skor.bobot_default() == BOBOT_ENV | {"talenta": 0}


def test_a_weight_applies_from_its_date_on_the_matching_page(operator_bkd, login, waktu):
    k = ketentuan(operator_bkd, KunciKetentuan.BOBOT_TALENTA, 40, berlaku_mulai=hari_ini() + HARI)
    assert skor.bobot_default() == BOBOT_ENV
    assert skor.bobot_default(hari_ini() + HARI) == BOBOT_ENV | {"talenta": 40}
    url = reverse("pencocokan:index")
    assert "Kotak talenta (9-box): 5" in login(operator_bkd).get(url).content.decode()
    waktu.shift(HARI)
    assert "Kotak talenta (9-box): 40" in login(operator_bkd).get(url).content.decode()

    akhiri_ketentuan(KetentuanMutasi, k.pk, operator_bkd, hari_ini(), "Dicabut.")
    assert skor.bobot_default(hari_ini() + HARI) == BOBOT_ENV


def test_weights_that_would_all_be_zero_are_refused_when_added_or_ended(operator_bkd, settings):
    settings.PENCOCOKAN_BOBOT = dict.fromkeys(BOBOT_ENV, 0) | {"kompetensi": 10}
    with pytest.raises(ValidationError, match="semua bobot pencocokan menjadi nol"):
        ketentuan(operator_bkd, KunciKetentuan.BOBOT_KOMPETENSI, 0)
    kinerja = ketentuan(operator_bkd, KunciKetentuan.BOBOT_KINERJA, 5)
    ketentuan(operator_bkd, KunciKetentuan.BOBOT_KOMPETENSI, 0, berlaku_mulai=hari_ini() + 3 * HARI)
    with pytest.raises(ValidationError, match="Mulai 4 Maret 2027 semua bobot"):
        ketentuan_services.akhiri(KetentuanMutasi, kinerja.pk, operator_bkd, hari_ini(), "x")
    kinerja.refresh_from_db()
    assert kinerja.berlaku_sampai is None
    assert skor.bobot_default(hari_ini() + 3 * HARI)["kinerja"] == 5


# --- The evaluation months ---------------------------------------------------------------------


def test_the_evaluation_months_default_to_the_environment(settings, pegawai_a, operator_bkd):
    settings.EVALUASI_BULAN = [6, 2]
    assert seluruh_pemerintah()[KunciKetentuan.EVALUASI_BULAN].nilai == (2, 6)
    move = make_move(pegawai_a, FormasiFactory(), hari_ini(), operator_bkd)
    assert list(Evaluasi.objects.filter(usulan=move).values_list("bulan", flat=True)) == [2, 6]


def test_a_moves_evaluations_follow_the_months_in_force_on_its_tmt(
    operator_bkd, pegawai_a, pegawai_b, waktu
):
    mulai = hari_ini() + 10 * HARI
    k = ketentuan(operator_bkd, KunciKetentuan.EVALUASI_BULAN, daftar="4, 1", berlaku_mulai=mulai)
    assert k.nilai_daftar == "1, 4" and k.nilai is None
    waktu.shift(20 * HARI)
    before = make_move(pegawai_a, FormasiFactory(), mulai - HARI, operator_bkd)
    on = make_move(pegawai_b, FormasiFactory(), mulai, operator_bkd)

    def stages(move):
        return list(Evaluasi.objects.filter(usulan=move).order_by("bulan").values_list("bulan"))

    assert stages(before) == [(3,), (6,), (12,)]
    assert stages(on) == [(1,), (4,)]
    assert Evaluasi.objects.get(usulan=on, bulan=4).jatuh_tempo == datetime.date(2027, 7, 11)


def test_the_public_page_states_the_months_in_force(client, operator_bkd, waktu):
    ketentuan(operator_bkd, KunciKetentuan.EVALUASI_BULAN, daftar="6, 18")
    body = client.get(reverse("publik:bagaimana")).content.decode()
    assert "dievaluasi 6 dan 18 bulan kemudian" in body


# --- The rule pages ----------------------------------------------------------------------------


def baris_berlaku(html: str, label: str) -> str:
    """The text of the row of ``label`` in the table of what is in force today."""
    table = html.split('id="h-berlaku"')[1]
    row = next(r for r in table.split("<tr>") if label in r)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


def test_the_list_names_each_keys_value_in_force_and_its_source(login, operator_bkd, opd_a):
    jendela = ketentuan(operator_bkd, J, 10)
    ketentuan(operator_bkd, J, 2, lingkup=Lingkup.PERANGKAT_DAERAH, perangkat_daerah=opd_a)
    bulan = ketentuan(operator_bkd, KunciKetentuan.EVALUASI_BULAN, daftar="2, 5")
    ketentuan(operator_bkd, KunciKetentuan.BOBOT_KINERJA, 1, berlaku_mulai=hari_ini() + HARI)
    html = login(operator_bkd).get(reverse("ketentuan:daftar")).content.decode()
    assert "Berlaku hari ini (1 Maret 2027) untuk seluruh pemerintah daerah" in html

    row = baris_berlaku(html, str(KunciKetentuan.JENDELA_SIKAP_HARI.label))
    assert row.startswith(f"{KunciKetentuan.JENDELA_SIKAP_HARI.label} 10 Ketentuan #{jendela.pk}")
    assert row.endswith("MUTASI_JENDELA_SIKAP_HARI = 7")
    row = baris_berlaku(html, str(KunciKetentuan.EVALUASI_BULAN.label))
    assert f"2, 5 Ketentuan #{bulan.pk} berlaku 1 Maret 2027" in row
    assert row.endswith("EVALUASI_BULAN = 3, 6, 12")
    row = baris_berlaku(html, str(KunciKetentuan.BOBOT_KINERJA.label))
    assert row.endswith("25 bawaan (lingkungan) PENCOCOKAN_BOBOT_KINERJA = 25")
    for kunci in KunciKetentuan:
        assert baris_berlaku(html, str(kunci.label))


def test_bkd_sets_the_evaluation_months_in_the_browser(login, operator_bkd):
    client = login(operator_bkd)
    response = client.post(
        reverse("ketentuan:ketentuan_tambah"),
        {
            "kunci": KunciKetentuan.EVALUASI_BULAN,
            "nilai_daftar": "12, 3,6",
            "lingkup": Lingkup.PEMERINTAH,
            "berlaku_mulai": hari_ini().isoformat(),
            "alasan": "Peraturan Gubernur tentang evaluasi pascamutasi.",
        },
    )
    assert response.status_code == 302
    k = KetentuanMutasi.objects.get()
    assert (k.nilai_daftar, k.nilai, k.dibuat_oleh) == ("3, 6, 12", None, operator_bkd)
    log = AuditLog.objects.get(action="mutasi.ketentuan.diajukan", object_id=k.pk)
    assert (log.data["kunci"], log.data["nilai"]) == ("evaluasi_bulan", "3, 6, 12")
    berlaku = str(KunciKetentuan.EVALUASI_BULAN.label)
    html = client.get(reverse("ketentuan:daftar")).content.decode()
    assert "bawaan (lingkungan)" in baris_berlaku(html, berlaku)  # filed, not yet in force
    ketentuan_services.setujui(KetentuanMutasi, k.pk, UserFactory(roles=[Role.PEJABAT_PENETAP]))
    html = client.get(reverse("ketentuan:daftar")).content.decode()
    assert f"Ketentuan #{k.pk} berlaku 1 Maret 2027" in baris_berlaku(
        html, str(KunciKetentuan.EVALUASI_BULAN.label)
    )


@pytest.mark.parametrize(
    ("data", "pesan"),
    [
        ({"kunci": J, "nilai": "0"}, "Nilai harus antara 1 dan 40."),
        ({"kunci": J, "nilai": ""}, "Isi nilai ketentuan ini."),
        ({"kunci": KunciKetentuan.BOBOT_KINERJA, "nilai": "41"}, "Nilai harus antara 0 dan 40."),
        (
            {"kunci": KunciKetentuan.BOBOT_KINERJA, "lingkup": Lingkup.PERANGKAT_DAERAH},
            "Ketentuan ini hanya dapat berlaku untuk seluruh pemerintah daerah.",
        ),
        (
            {"kunci": KunciKetentuan.EVALUASI_BULAN, "lingkup": Lingkup.JENIS_MUTASI},
            "Ketentuan ini hanya dapat berlaku untuk seluruh pemerintah daerah.",
        ),
        ({"kunci": KunciKetentuan.EVALUASI_BULAN}, "Isi daftar bulan evaluasi"),
        ({"kunci": KunciKetentuan.EVALUASI_BULAN, "nilai_daftar": "3, 3"}, "cukup disebut sekali"),
        ({"kunci": KunciKetentuan.EVALUASI_BULAN, "nilai_daftar": "0, 6"}, "antara 1 dan 60"),
        (
            {"kunci": KunciKetentuan.EVALUASI_BULAN, "nilai_daftar": "tiga"},
            "Tuliskan bulan sebagai angka yang dipisah koma",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_saves_nothing(
    login, operator_bkd, opd_a, data, pesan
):
    valid = {
        "nilai": "3",
        "nilai_daftar": "",
        "lingkup": Lingkup.PEMERINTAH,
        "perangkat_daerah": opd_a.pk,
        "jenis_mutasi": "antar_opd",
        "berlaku_mulai": hari_ini().isoformat(),
        "alasan": "Peraturan Gubernur.",
    }
    response = login(operator_bkd).post(reverse("ketentuan:ketentuan_tambah"), valid | data)
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not KetentuanMutasi.objects.exists()
    assert not AuditLog.objects.filter(action="mutasi.ketentuan.diajukan").exists()
