"""Matching follows the rules in force (issue 20): the thresholds set in the app per scope and
effective date, the region's lock periods and blackouts, and the rules of a PPPK, exactly as
the proposal checklist applies them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instansi.choices import JenisJabatan, Jenjang
from mutasi.ketentuan.choices import DihitungDari, JenisAturan, KunciKetentuan, Lingkup
from mutasi.models import AturanDaerah, KetentuanMutasi, Usulan
from mutasi.pencocokan import kandidat, rencana, skor
from mutasi.usulan import eligibility
from mutasi.usulan.choices import JenisMutasi
from pegawai.choices import PredikatSkp
from tests.factories import (
    FormasiFactory,
    JabatanFactory,
    PegawaiFactory,
    PegawaiPppkFactory,
    SkpFactory,
    UnitKerjaFactory,
    berlakukan,
)

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Jakarta")
HARI = datetime.date(2027, 3, 15)
HARI_BERLAKU = HARI + datetime.timedelta(days=10)


@pytest.fixture(autouse=True)
def beku():
    with time_machine.travel(datetime.datetime(2027, 3, 15, 9, tzinfo=TZ), tick=False) as t:
        yield t


def ke(traveller, day):
    traveller.move_to(datetime.datetime.combine(day, datetime.time(9), tzinfo=TZ))


def siap(pegawai):
    """SKP Baik for every year any setting may count."""
    for tahun in range(2020, 2027):
        SkpFactory(pegawai=pegawai, tahun=tahun, predikat=PredikatSkp.BAIK)
    return pegawai


def pns(unit, jabatan, nama, tmt=datetime.date(2019, 1, 1), **kw):
    return siap(PegawaiFactory(unit=unit, jabatan=jabatan, nama=nama, tmt_jabatan=tmt, **kw))


def pppk(unit, jabatan, nama, **kw):
    kw.setdefault("perjanjian_kerja_selesai", datetime.date(2030, 2, 28))
    return siap(
        PegawaiPppkFactory(
            unit=unit, jabatan=jabatan, nama=nama, tmt_jabatan=datetime.date(2022, 3, 1), **kw
        )
    )


def simpan(obj, user):
    obj.alasan = "Peraturan Bupati."
    obj.berlaku_mulai = obj.berlaku_mulai or HARI
    return berlakukan(obj, user)


def names(daftar):
    return {k.pegawai.nama for k in daftar.layak + daftar.dilindungi}


@pytest.fixture
def unit_a2(opd_a):
    return UnitKerjaFactory(perangkat_daerah=opd_a, nama="UPT Puskesmas Kenjeran")


@pytest.fixture
def dunia(unit_a, unit_b):
    """Agency A holds three analysts where one is needed; agency B needs two."""
    jab = JabatanFactory(nama="Analis SDM Aparatur")
    FormasiFactory(unit=unit_a, jabatan=jab, kebutuhan=1)
    vacancy = FormasiFactory(unit=unit_b, jabatan=jab, kebutuhan=2)
    people = [
        pns(unit_a, jab, "Ahmad"),
        pns(unit_a, jab, "Budi"),
        pns(unit_a, jab, "Citra", tmt=datetime.date(2010, 1, 1)),
    ]
    return {"jabatan": jab, "vacancy": vacancy, "people": people}


# --- Thresholds set in the app ----------------------------------------------------------------


def test_an_agency_setting_changes_who_is_proposed_from_its_effective_date(
    dunia, operator_bkd, login, opd_a, beku
):
    simpan(
        KetentuanMutasi(
            kunci=KunciKetentuan.MIN_TAHUN_JABATAN,
            nilai=10,
            lingkup=Lingkup.PERANGKAT_DAERAH,
            perangkat_daerah=opd_a,
            berlaku_mulai=HARI_BERLAKU,
        ),
        operator_bkd,
    )
    url = reverse("pencocokan:kandidat", args=[dunia["vacancy"].pk])
    ke(beku, HARI_BERLAKU - datetime.timedelta(days=1))
    assert names(kandidat.kandidat(dunia["vacancy"])) == {"Ahmad", "Budi", "Citra"}
    ke(beku, HARI_BERLAKU)
    client = login(operator_bkd)
    # 8 years in post is short of the agency's 10 from that day; Citra has 17.
    assert names(kandidat.kandidat(dunia["vacancy"])) == {"Citra"}
    body = client.get(url + "?alasan=1").content.decode()
    assert "Masa dalam jabatan sekarang: 8 tahun" in body and "minimal 10 tahun" in body
    response = client.post(
        reverse("pencocokan:usulkan", args=[dunia["vacancy"].pk]),
        {"pegawai": dunia["people"][0].pk},
        follow=True,
    )
    assert not Usulan.objects.exists()
    assert "minimal 10 tahun" in response.content.decode()


def test_a_looser_class_setting_lets_matching_propose_what_the_checklist_accepts(
    unit_a, unit_b, operator_bkd, login
):
    asal = JabatanFactory(nama="Pranata Komputer", kelas=8)
    tujuan = JabatanFactory(nama="Pranata Komputer Senior", kelas=10)
    FormasiFactory(unit=unit_a, jabatan=asal, kebutuhan=0)
    pns(unit_a, asal, "Dewi")
    pns(unit_a, asal, "Eko")
    vacancy = FormasiFactory(unit=unit_b, jabatan=tujuan, kebutuhan=1)
    assert names(kandidat.kandidat(vacancy)) == set()  # two classes up; one allowed
    simpan(KetentuanMutasi(kunci=KunciKetentuan.KELAS_NAIK_MAKS, nilai=2), operator_bkd)
    assert names(kandidat.kandidat(vacancy)) == {"Dewi", "Eko"}
    dewi = next(k.pegawai for k in kandidat.kandidat(vacancy).layak if k.pegawai.nama == "Dewi")
    login(operator_bkd).post(reverse("pencocokan:usulkan", args=[vacancy.pk]), {"pegawai": dewi.pk})
    usulan = Usulan.objects.get()
    kelas = next(s for s in eligibility.periksa(usulan) if s.kode == "kelas")
    assert kelas.status == eligibility.LULUS and "Ketentuan #" in kelas.ketentuan


# --- Regional rules ---------------------------------------------------------------------------


@pytest.fixture
def kunci(operator_bkd, opd_a):
    return simpan(
        AturanDaerah(
            jenis=JenisAturan.MASA_KUNCI,
            pesan="Pegawai penempatan khusus tidak dipindah 10 tahun sejak menjabat.",
            tahun=10,
            dihitung_dari=DihitungDari.TMT_JABATAN,
            lingkup=Lingkup.PERANGKAT_DAERAH,
            perangkat_daerah=opd_a,
        ),
        operator_bkd,
    )


def test_a_lock_period_holds_a_candidate_with_its_message(dunia, kunci, operator_bkd, login):
    daftar = kandidat.kandidat(dunia["vacancy"])
    assert names(daftar) == {"Citra"}  # 17 years in post: the lock is over
    assert [t.pegawai.nama for t in daftar.terkunci] == ["Ahmad", "Budi"]
    assert daftar.terkunci[0].aturan == [kunci]
    assert daftar.jumlah_tidak_layak == 0
    client = login(operator_bkd)
    body = client.get(reverse("pencocokan:kandidat", args=[dunia["vacancy"].pk])).content
    assert "Terkunci: 2 pegawai" in body.decode() and kunci.pesan in body.decode()
    response = client.post(
        reverse("pencocokan:usulkan", args=[dunia["vacancy"].pk]),
        {"pegawai": dunia["people"][0].pk, "sengaja": "on"},
        follow=True,
    )
    assert not Usulan.objects.exists()
    assert kunci.pesan in response.content.decode()
    penjelasan = client.get(reverse("pencocokan:penjelasan", args=[dunia["people"][0].pk]))
    assert kunci.pesan in penjelasan.content.decode()


def test_the_plan_never_moves_a_locked_employee(dunia, kunci, operator_bkd):
    plan = rencana.buat(operator_bkd, [], False, 5, skor.bobot_default())
    moved = set(plan.langkah.values_list("pegawai__nama", flat=True))
    assert moved == {"Citra"}


def test_a_blackout_is_shown_but_does_not_stop_filing(dunia, operator_bkd, login):
    aturan = simpan(
        AturanDaerah(
            jenis=JenisAturan.LARANGAN,
            pesan="Tidak ada mutasi menjelang pilkada.",
            berlaku_sampai=HARI + datetime.timedelta(days=90),
        ),
        operator_bkd,
    )
    daftar = kandidat.kandidat(dunia["vacancy"])
    assert names(daftar) == {"Ahmad", "Budi", "Citra"} and daftar.larangan == [aturan]
    body = login(operator_bkd).get(reverse("pencocokan:kandidat", args=[dunia["vacancy"].pk]))
    assert "menjelang pilkada" in body.content.decode()


# --- PPPK -----------------------------------------------------------------------------------


def test_a_pppk_is_a_candidate_within_his_agency_only(dunia, unit_a, unit_a2, operator_bkd):
    rina = pppk(unit_a, dunia["jabatan"], "Rina")
    dalam = FormasiFactory(unit=unit_a2, jabatan=dunia["jabatan"], kebutuhan=1)
    assert "Rina" in names(kandidat.kandidat(dalam))
    assert "Rina" not in names(kandidat.kandidat(dunia["vacancy"]))
    out = kandidat.kandidat(dunia["vacancy"], dengan_alasan=True)
    (alasan,) = [t.alasan for t in out.tidak_layak if t.pegawai == rina]
    assert any(a.startswith("PPPK: pindah hanya di dalam perangkat daerah") for a in alasan)
    usulan = kandidat.usulkan_kandidat(operator_bkd, rina, dalam)
    assert usulan.jenis == JenisMutasi.DALAM_OPD
    lines = {s.kode: s for s in eligibility.periksa(usulan)}
    assert {lines[k].status for k in eligibility.SYARAT_PPPK} == {eligibility.LULUS}


def test_a_pppk_is_not_proposed_for_a_structural_post(unit_a, unit_a2):
    kasubag = JabatanFactory(
        nama="Kepala Subbagian Umum", jenis=JenisJabatan.STRUKTURAL, jenjang=Jenjang.PENGAWAS
    )
    FormasiFactory(unit=unit_a, jabatan=kasubag, kebutuhan=0)
    pppk(unit_a, kasubag, "Sari")
    pns(unit_a, kasubag, "Tono")
    vacancy = FormasiFactory(unit=unit_a2, jabatan=kasubag, kebutuhan=1)
    assert names(kandidat.kandidat(vacancy)) == {"Tono"}
    out = kandidat.kandidat(vacancy, dengan_alasan=True)
    (alasan,) = [t.alasan for t in out.tidak_layak if t.pegawai.nama == "Sari"]
    assert any(a.startswith("PPPK: jabatan fungsional atau pelaksana") for a in alasan)


def test_a_pppk_whose_contract_ends_before_the_planned_tmt_is_not_proposed(dunia, unit_a, unit_a2):
    # The proposal plans the move 30 days ahead; the contract ends 20 days ahead.
    pppk(unit_a, dunia["jabatan"], "Wati", perjanjian_kerja_selesai=HARI + datetime.timedelta(20))
    pppk(unit_a, dunia["jabatan"], "Yuni", perjanjian_kerja_selesai=HARI + datetime.timedelta(40))
    dalam = FormasiFactory(unit=unit_a2, jabatan=dunia["jabatan"], kebutuhan=1)
    daftar = kandidat.kandidat(dalam)
    assert "Yuni" in names(daftar) and "Wati" not in names(daftar)
    out = kandidat.kandidat(dalam, dengan_alasan=True)
    (alasan,) = [t.alasan for t in out.tidak_layak if t.pegawai.nama == "Wati"]
    assert any(a.startswith("PPPK: TMT dalam masa perjanjian kerja") for a in alasan)


def test_the_plan_moves_a_pppk_within_his_agency_only(unit_a, unit_a2, unit_b, operator_bkd):
    jab = JabatanFactory(nama="Perawat Terampil")
    FormasiFactory(unit=unit_a, jabatan=jab, kebutuhan=0)
    rina = pppk(unit_a, jab, "Rina")
    pns(unit_a, jab, "Umar")
    pns(unit_a, jab, "Vina")
    dalam = FormasiFactory(unit=unit_a2, jabatan=jab, kebutuhan=1)
    FormasiFactory(unit=unit_b, jabatan=jab, kebutuhan=1)
    plan = rencana.buat(operator_bkd, [], False, 5, skor.bobot_default())
    moves = dict(plan.langkah.values_list("pegawai_id", "formasi_tujuan_id"))
    assert len(moves) == 2
    assert moves.get(rina.pk, dalam.pk) == dalam.pk


# --- Query counts ---------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_candidate_page_costs_the_same_queries_however_many_candidates_and_rules(
    dunia, unit_a, operator_bkd, login, opd_a
):
    client = login(operator_bkd)
    url = reverse("pencocokan:kandidat", args=[dunia["vacancy"].pk])
    PegawaiFactory(unit=unit_a, jabatan=dunia["jabatan"], nama="Tanpa SKP")
    client.get(url)
    few, few_reasons = _queries(client, url), _queries(client, url + "?alasan=1")
    simpan(KetentuanMutasi(kunci=KunciKetentuan.KELAS_NAIK_MAKS, nilai=2), operator_bkd)
    simpan(
        AturanDaerah(
            jenis=JenisAturan.MASA_KUNCI,
            pesan="Terkunci.",
            tahun=10,
            dihitung_dari=DihitungDari.TMT_JABATAN,
            lingkup=Lingkup.JENIS_ASN,
            jenis_asn="pppk",
        ),
        operator_bkd,
    )
    for i in range(6):
        pns(unit_a, dunia["jabatan"], f"Tambahan {i}")
        pppk(unit_a, dunia["jabatan"], f"PPPK {i}")
        PegawaiFactory(unit=unit_a, jabatan=dunia["jabatan"], nama=f"Tanpa SKP {i}")
    # 22 and 23 before issue 17: the employees' units, posts and fields of education are now
    # read once, three queries, and shared instead of joined and built again on every row.
    # The list itself does not look up proposals and recent moves again (three queries): its
    # database pre-filter already left out everyone in one.
    assert (_queries(client, url), few) == (22, 22)
    # With reasons: everyone's rules are counted from their facts; only the nearest (those
    # who fail the fewest rules) get the checklist's texts, from their SKP and penalty
    # records read in two queries (before stop 30 every employee's records were).
    assert (_queries(client, url + "?alasan=1"), few_reasons) == (28, 28)


def test_computing_a_plan_costs_the_same_queries_however_many_sources_and_rules(
    dunia, unit_a, operator_bkd
):
    def cost():
        bobot = skor.bobot_default()
        with CaptureQueriesContext(connection) as ctx:
            rencana.buat(operator_bkd, [], False, 5, bobot)
        return len(ctx)

    few = cost()
    simpan(KetentuanMutasi(kunci=KunciKetentuan.MIN_TAHUN_JABATAN, nilai=3), operator_bkd)
    simpan(
        AturanDaerah(
            jenis=JenisAturan.MASA_KUNCI,
            pesan="Terkunci.",
            tahun=10,
            dihitung_dari=DihitungDari.TMT_JABATAN,
            lingkup=Lingkup.JENIS_ASN,
            jenis_asn="pppk",
        ),
        operator_bkd,
    )
    for i in range(6):
        pns(unit_a, dunia["jabatan"], f"Tambahan {i}")
        pppk(unit_a, dunia["jabatan"], f"PPPK {i}")
    assert (cost(), few) == (51, 51)  # 48 before issue 17: the same three as the page
