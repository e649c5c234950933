"""One workload computation (instansi.beban): band edges and words, and the same figures on
the needs-analysis page, the workload-balance view, the proposal page and the panel."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.text import capfirst

from instansi import services
from instansi.beban import Beban
from instansi.choices import KategoriEJ, Pembulatan
from mutasi.usulan.choices import StatusUsulan
from tests.factories import (
    FormasiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    make_usulan,
)
from tests.test_access import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _jam_efektif(settings):
    settings.ABK_JAM_EFEKTIF = 1250


# --- Bands ------------------------------------------------------------------------------


BANDS = [
    ("1.01", "A", "beban berlebih", "text-bg-danger"),
    ("1.00", "B", "beban penuh", "text-bg-success"),
    ("0.90", "B", "beban penuh", "text-bg-success"),
    ("0.89", "C", "beban cukup", "text-bg-success"),
    ("0.70", "C", "beban cukup", "text-bg-success"),
    ("0.69", "D", "beban kurang", "text-bg-warning"),
    ("0.50", "D", "beban kurang", "text-bg-warning"),
    ("0.49", "E", "beban sangat kurang", "text-bg-warning"),
]


@pytest.mark.parametrize(("ej", "kode", "kata", "warna"), BANDS)
def test_band_edges_words_and_colours(ej, kode, kata, warna):
    # 100 holders of an analysed formasi: hours = EJ × 100 × 1,250.
    b = Beban.dari_formasi(100, 100, Decimal(ej) * 125_000)
    assert b.ej == Decimal(ej)
    assert (b.kategori, b.kata_kategori, b.warna_kategori) == (kode, kata, warna)
    assert b.ej_kalimat == f"{ej.replace('.', ',')} ({kode} · {kata})"


@pytest.mark.parametrize(("ej", "kode"), [("1.004", "B"), ("1.005", "A"), ("0.895", "B")])
def test_the_band_is_that_of_the_ej_as_printed(ej, kode):
    b = Beban.dari_formasi(1, 100, Decimal(ej) * 125_000)
    assert b.kategori == kode
    assert b.ej_teks == {"1.004": "1,00", "1.005": "1,01", "0.895": "0,90"}[ej]


def test_an_overloaded_unit_is_never_green():
    assert Beban.dari_formasi(1, 1, 2000).warna_kategori == "text-bg-danger"
    assert Beban(kebutuhan=3, bezetting=1).warna_selisih == "text-danger fw-semibold"


def test_no_ej_says_why():
    assert Beban.dari_formasi(1, 2, None).ej_kalimat == "tidak dihitung (belum dianalisis)"
    assert Beban.dari_formasi(1, 0, 500).ej_kalimat == "tidak dihitung (tanpa pemangku)"
    assert Beban.dari_formasi(1, 0, 500).warna_kategori == "text-bg-light border"


@pytest.mark.parametrize(
    ("kebutuhan", "bezetting", "kata", "teks"),
    [
        (3, 3, "sesuai kebutuhan", "0"),
        (16, 3, "kekurangan 13 pegawai", "-13"),
        (1, 3, "kelebihan 2 pegawai", "+2"),
        (2000, 800, "kekurangan 1.200 pegawai", "-1.200"),
    ],
)
def test_gap_words(kebutuhan, bezetting, kata, teks):
    b = Beban(kebutuhan=kebutuhan, bezetting=bezetting)
    assert (b.kata_selisih, b.selisih_teks) == (kata, teks)


def test_the_band_words_are_the_choice_labels():
    assert [str(k.label) for k in KategoriEJ] == [
        "beban berlebih",
        "beban penuh",
        "beban cukup",
        "beban kurang",
        "beban sangat kurang",
    ]


def test_unit_page_shows_each_band_edge(login, operator_bkd, unit_a):
    for ej, _kode, _kata, _warna in BANDS:
        f = FormasiFactory(unit=unit_a, kebutuhan=1, beban_kerja_jam=Decimal(ej) * 1250)
        PegawaiFactory(unit=unit_a, jabatan=f.jabatan)
    response = login(operator_bkd).get(reverse("instansi:keseimbangan_unit", args=[unit_a.pk]))
    shown = sorted((r.ej_teks, r.kategori, r.kata_kategori) for r in response.context["rows"])
    assert shown == sorted((ej.replace(".", ","), kode, kata) for ej, kode, kata, _w in BANDS)
    for _ej, kode, kata, warna in BANDS:
        assert f'<span class="badge text-wrap text-start {warna}">{kode} · {kata}</span>' in (
            response.text
        )


# --- One agency, every page ---------------------------------------------------------------


def tugas(jam):
    return [{"uraian": "Layanan", "satuan_hasil": "dokumen", "volume": jam, "waktu_menit": 60}]


@pytest.fixture
def agency(opd_a, unit_a, kepala_opd_a, verifikator):
    """An agency whose 2026 analysis BKD accepted (1,250 effective hours, rounded up).

    Unit        formasi        tasks   need  holders  gap  EJ
    unit_a      Analis         3000 h  3     2        -1   1,20 A
                Pengadministr. 1000 h  1     1         0   0,80 C
    UPT         Pranata         600 h  1     1         0   0,48 E  (filled to need, low load)
                Pramu Bakti    none    0     2        +2   —      (abolished post)
    Agency                     4600 h  5     6        +1   4600/(4×1250) = 0,92 B
    """
    upt = UnitKerjaFactory(perangkat_daerah=opd_a, nama="UPT Laboratorium")
    rows = [
        (unit_a, "Analis", 0, 2, 3000),
        (unit_a, "Pengadministrasi", 0, 1, 1000),
        (upt, "Pranata Laboratorium", 0, 1, 600),
        (upt, "Pramu Bakti", 0, 2, None),
    ]
    formasi = {}
    analisis = services.buat_analisis(kepala_opd_a, opd_a, 2026, 1250, Pembulatan.KE_ATAS)
    for unit, nama, kebutuhan, holders, jam in rows:
        f = FormasiFactory(unit=unit, jabatan=JabatanFactory(nama=nama), kebutuhan=kebutuhan)
        PegawaiFactory.create_batch(holders, unit=unit, jabatan=f.jabatan)
        if jam:
            services.simpan_tugas(analisis.pk, f, tugas(jam), kepala_opd_a)
        formasi[nama] = f
    services.ajukan(analisis.pk, kepala_opd_a)
    services.terima(analisis.pk, verifikator)
    return {"analisis": analisis, "formasi": formasi, "upt": upt}


def figures(b):
    return (b.kebutuhan, b.bezetting, b.selisih, b.beban_jam, b.ej_teks, b.kategori)


AGENCY = (5, 6, 1, Decimal("4600"), "0,92", "B")


def test_the_agency_shows_the_same_figures_on_the_abk_and_balance_pages(
    login, operator_bkd, opd_a, agency
):
    client = login(operator_bkd)
    abk = client.get(reverse("instansi:abk_detail", args=[agency["analisis"].pk]))
    pemerintah = client.get(reverse("instansi:keseimbangan"))
    opd = client.get(reverse("instansi:keseimbangan_opd", args=[opd_a.pk]))
    (row,) = [r for r in pemerintah.context["rows"] if r.nama == opd_a.nama]
    assert figures(abk.context["totals"]) == AGENCY
    assert figures(row) == AGENCY
    assert figures(opd.context["total"]) == AGENCY
    for page in (abk, pemerintah, opd):
        assert "0,92" in page.text and "B · beban penuh" in page.text
    assert "Angka yang sama tampil di halaman Keseimbangan beban kerja" in abk.text


def test_each_formasi_shows_the_same_figures_on_the_abk_and_unit_pages(
    login, operator_bkd, unit_a, agency
):
    client = login(operator_bkd)
    abk = client.get(reverse("instansi:abk_detail", args=[agency["analisis"].pk]))
    by_abk = {h.formasi.jabatan.nama: figures(h) for h in abk.context["hasil"]}
    by_unit = {}
    for unit in (unit_a, agency["upt"]):
        page = client.get(reverse("instansi:keseimbangan_unit", args=[unit.pk]))
        by_unit |= {r.nama: figures(r) for r in page.context["rows"]}
    assert by_abk == by_unit
    assert by_abk["Analis"] == (3, 2, -1, Decimal("3000"), "1,20", "A")
    assert by_abk["Pramu Bakti"] == (0, 2, 2, None, "—", None)


def test_a_formasi_filled_exactly_to_need_is_sesuai(login, operator_bkd, agency):
    page = login(operator_bkd).get(reverse("instansi:keseimbangan_unit", args=[agency["upt"].pk]))
    (pranata,) = [r for r in page.context["rows"] if r.nama == "Pranata Laboratorium"]
    assert (pranata.selisih, pranata.kata_selisih) == (0, "sesuai kebutuhan")
    # The workload of its one holder is low (0,48): the band says so, not "too many people".
    assert pranata.kata_kategori == "beban sangat kurang"
    assert '0 <span class="small fw-normal">sesuai kebutuhan</span>' in page.text
    assert "lebih pegawai" not in page.text and "· seimbang" not in page.text


def test_the_draft_analysis_says_the_balance_page_still_shows_the_need_in_force(
    login, kepala_opd_a, opd_a, agency
):
    draft = services.buat_analisis(kepala_opd_a, opd_a, 2027, 1000, Pembulatan.KE_ATAS)
    services.simpan_tugas(draft.pk, agency["formasi"]["Analis"], tugas(4000), kepala_opd_a)
    page = login(kepala_opd_a).get(reverse("instansi:abk_detail", args=[draft.pk]))
    # Analis: 4000 h / 1000 → 4 needed; the others keep the need in force.
    assert page.context["totals"].kebutuhan == 6
    assert "belum diterima BKD" in page.text
    assert "1.000 jam kerja efektif analisis ini" in page.text


def test_an_older_analysis_does_not_claim_a_formasi_a_newer_one_sets(
    kepala_opd_a, verifikator, opd_a, agency
):
    older = services.buat_analisis(kepala_opd_a, opd_a, 2025, 1250, Pembulatan.KE_ATAS)
    services.simpan_tugas(older.pk, agency["formasi"]["Analis"], tugas(9000), kepala_opd_a)
    (analis,) = [
        h for h in services.hasil_analisis(older) if h.formasi == agency["formasi"]["Analis"]
    ]
    assert not analis.dari_analisis and analis.kebutuhan == 3  # 2026 still governs
    services.ajukan(older.pk, kepala_opd_a)
    services.terima(older.pk, verifikator)
    agency["formasi"]["Analis"].refresh_from_db()
    assert agency["formasi"]["Analis"].kebutuhan == 3


def test_the_proposal_page_and_the_panel_say_the_same_about_a_move(
    login, tim_pertimbangan, operator_bkd, unit_a, unit_b, agency
):
    target = FormasiFactory(unit=unit_b, kebutuhan=2, beban_kerja_jam=Decimal("2000"))
    PegawaiFactory(unit=unit_b, jabatan=target.jabatan)
    mover = PegawaiFactory(unit=unit_a, jabatan=agency["formasi"]["Pengadministrasi"].jabatan)
    proposal = make_usulan(mover, target, operator_bkd, StatusUsulan.TERVERIFIKASI)
    client = login(tim_pertimbangan)
    page = client.get(reverse("mutasi:usulan_detail", args=[proposal.pk]))
    panel = client.get(reverse("mutasi:panel_formasi", args=[target.pk]))
    asal, tujuan = page.context["dampak"]
    kalimat = asal.kalimat + tujuan.kalimat
    # Unit A with the mover: need 3 + 1, holders 2 + 2, 4000 h → one leaves.
    assert kalimat[1] == (
        "unit asal menjadi kekurangan 1 pegawai; "
        "EJ 0,80 (C · beban cukup) → 1,07 (A · beban berlebih)"
    )
    for line in kalimat:
        assert capfirst(line) in page.text
        assert capfirst(line) in panel.text
    # The origin unit before the move is the unit's row on the balance page.
    opd = client.get(reverse("instansi:keseimbangan_opd", args=[unit_a.perangkat_daerah_id]))
    (row,) = [r for r in opd.context["rows"] if r.nama == unit_a.nama]
    assert figures(asal.unit_sebelum) == figures(row)


@pytest.mark.parametrize("page", ["abk", "opd", "pemerintah"])
def test_query_count_does_not_grow_with_formasi(login, operator_bkd, opd_a, unit_a, agency, page):
    url = {
        "abk": reverse("instansi:abk_detail", args=[agency["analisis"].pk]),
        "opd": reverse("instansi:keseimbangan_opd", args=[opd_a.pk]),
        "pemerintah": reverse("instansi:keseimbangan"),
    }[page]
    client = login(operator_bkd)
    few = count_queries(client, url)
    for _ in range(4):
        unit = UnitKerjaFactory(perangkat_daerah=opd_a)
        f = FormasiFactory(unit=unit, kebutuhan=1, beban_kerja_jam=Decimal("900"))
        PegawaiFactory.create_batch(2, unit=unit, jabatan=f.jabatan)
    assert count_queries(client, url) == few
