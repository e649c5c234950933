"""The workload-balance view: sums per agency, unit and formasi, EJ, the spread, access."""

import statistics
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instansi import keseimbangan
from instansi.models import Formasi
from tests.factories import (
    FormasiFactory,
    JabatanFactory,
    PegawaiFactory,
    PerangkatDaerahFactory,
    UnitKerjaFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _jam_efektif(settings):
    settings.ABK_JAM_EFEKTIF = 1250


def formasi(unit, jabatan, kebutuhan, beban, holders, inactive=0):
    f = FormasiFactory(
        unit=unit,
        jabatan=jabatan,
        kebutuhan=kebutuhan,
        beban_kerja_jam=None if beban is None else Decimal(beban),
        tahun_analisis=2025,
    )
    PegawaiFactory.create_batch(holders, unit=unit, jabatan=jabatan)
    PegawaiFactory.create_batch(inactive, unit=unit, jabatan=jabatan, aktif=False)
    return f


@pytest.fixture
def data(opd_a, opd_b, unit_a, unit_b):
    """Two agencies with formasi (A: two units, B: one) and a third with none.

    Unit             formasi          need  holders  hours   EJ
    U1 (A)           J1               3     2        3750    3750/(2×1250) = 1.50 A
                     J2               1     2        —       (not analysed)
    U2 (A)           J1               2     2        1000    1000/(2×1250) = 0.40 E
    U3 (B)           J3               4     3 (+1)   3000    3000/(3×1250) = 0.80 C
    An inactive holder in U3 and a holder of a jabatan without formasi do not count.
    """
    j1 = JabatanFactory(nama="Analis Kebijakan")
    j2 = JabatanFactory(nama="Pengadministrasi Umum")
    j3 = JabatanFactory(nama="Guru Fisika")
    u1 = unit_a
    u2 = UnitKerjaFactory(perangkat_daerah=opd_a, nama="Bidang Kesehatan Masyarakat")
    u3 = unit_b
    formasi(u1, j1, 3, "3750", 2)
    formasi(u1, j2, 1, None, 2)
    formasi(u2, j1, 2, "1000", 2)
    formasi(u3, j3, 4, "3000", 3, inactive=1)
    PegawaiFactory(unit=u3, jabatan=j1)
    opd_c = PerangkatDaerahFactory(nama="Inspektorat")
    return {"u1": u1, "u2": u2, "u3": u3, "opd_c": opd_c}


def numbers(row):
    return (row.kebutuhan, row.bezetting, row.selisih, row.beban_jam, row.bezetting_beban)


# --- Sums ----------------------------------------------------------------------------


def test_government_level_sums_each_agency(operator_bkd, opd_a, opd_b, data):
    rows = {r.nama: r for r in keseimbangan.per_perangkat_daerah(operator_bkd)}
    a, b, c = rows[opd_a.nama], rows[opd_b.nama], rows["Inspektorat"]
    # A: need 3+1+2, holders 2+2+2, hours 3750+1000 over the 4 holders of analysed formasi.
    assert numbers(a) == (6, 6, 0, Decimal("4750"), 4)
    assert a.ej == Decimal("0.95") and a.kategori == "B"
    assert numbers(b) == (4, 3, -1, Decimal("3000"), 3)
    assert b.ej == Decimal("0.8") and b.kategori == "C"
    assert numbers(c) == (0, 0, 0, None, 0)
    assert c.ej is None and c.kategori is None


def test_government_total_is_the_sum_of_the_agencies(operator_bkd, data):
    total = keseimbangan.jumlahkan(keseimbangan.per_perangkat_daerah(operator_bkd))
    assert numbers(total) == (10, 9, -1, Decimal("7750"), 7)
    # 7750 / (7 × 1250) = 0.8857 → 0.89 → C
    assert total.ej == Decimal(7750) / Decimal(8750)
    assert total.kategori == "C"


def test_agency_level_sums_each_unit(opd_a, data):
    rows = {r.nama: r for r in keseimbangan.per_unit(opd_a)}
    assert set(rows) == {data["u1"].nama, data["u2"].nama}
    u1, u2 = rows[data["u1"].nama], rows[data["u2"].nama]
    assert numbers(u1) == (4, 4, 0, Decimal("3750"), 2)
    assert u1.ej == Decimal("1.5") and u1.kategori == "A"
    assert numbers(u2) == (2, 2, 0, Decimal("1000"), 2)
    assert u2.ej == Decimal("0.4") and u2.kategori == "E"
    assert u1.url == reverse("instansi:keseimbangan_unit", args=[data["u1"].pk])


def test_unit_level_lists_each_formasi(data):
    rows = keseimbangan.per_formasi(data["u1"])
    assert [(r.kebutuhan, r.bezetting, r.selisih) for r in rows] == [(3, 2, -1), (1, 2, 1)]
    analysed, not_analysed = rows
    assert analysed.ej == Decimal("1.5") and analysed.kategori == "A"
    assert not_analysed.beban_jam is None and not_analysed.ej is None


def test_units_are_listed_in_tree_order_with_their_depth(opd_a, unit_a):
    child = UnitKerjaFactory(perangkat_daerah=opd_a, parent=unit_a, kode="A0")
    rows = keseimbangan.per_unit(opd_a)
    assert [(r.nama, r.depth) for r in rows] == [(unit_a.nama, 0), (child.nama, 1)]


# --- Spread ----------------------------------------------------------------------------


def test_spread_is_the_population_deviation_of_unit_ej(data):
    ej = [Decimal("1.5"), Decimal("0.4"), Decimal("0.8")]
    sebaran = keseimbangan.sebaran_ej()
    assert sebaran.jumlah_unit == 3
    assert sebaran.rata_rata == pytest.approx(Decimal("0.9"))
    # √(((0.6)² + (0.5)² + (0.1)²) / 3) = √(0.62 / 3) ≈ 0.4546
    assert float(sebaran.simpangan_baku) == pytest.approx(0.454606, abs=1e-6)
    assert sebaran.simpangan_baku == pytest.approx(statistics.pstdev(ej))
    assert sebaran.koefisien_variasi == pytest.approx(statistics.pstdev(ej) / Decimal("0.9"))
    assert (sebaran.jumlah_a, sebaran.jumlah_bc, sebaran.jumlah_de) == (1, 1, 1)
    assert sebaran.porsi_a == pytest.approx(Decimal(1) / 3)


def test_spread_can_be_recomputed_with_changed_holders(data):
    # One holder leaves U2: its EJ becomes 1000 / 1250 = 0.80 (C).
    sebaran = keseimbangan.sebaran_ej(delta_bezetting={data["u2"].pk: -1})
    ej = [Decimal("1.5"), Decimal("0.8"), Decimal("0.8")]
    assert sebaran.simpangan_baku == pytest.approx(statistics.pstdev(ej))
    assert (sebaran.jumlah_a, sebaran.jumlah_bc, sebaran.jumlah_de) == (1, 2, 0)


def test_spread_leaves_out_units_without_workload_or_holders(data):
    # Everyone leaves U2: it has no holders and drops out of the spread.
    sebaran = keseimbangan.sebaran_ej(delta_bezetting={data["u2"].pk: -5})
    assert sebaran.jumlah_unit == 2
    unanalysed = keseimbangan.sebaran_ej(Formasi.objects.filter(beban_kerja_jam__isnull=True))
    assert unanalysed.jumlah_unit == 0 and unanalysed.simpangan_baku is None


def test_spread_of_one_agency_uses_only_its_units(opd_a, data):
    sebaran = keseimbangan.sebaran_ej(Formasi.objects.filter(unit__perangkat_daerah=opd_a))
    assert sebaran.jumlah_unit == 2
    assert sebaran.simpangan_baku == pytest.approx(Decimal("0.55"))
    assert sebaran == keseimbangan.sebaran_baris(keseimbangan.per_unit(opd_a))


# --- Pages -----------------------------------------------------------------------------


def test_bkd_sees_every_agency_and_the_spread_on_top(login, verifikator, opd_a, data):
    response = login(verifikator).get(reverse("instansi:keseimbangan"))
    assert response.status_code == 200
    html = response.text
    assert html.index('id="h-sebaran"') < html.index('id="h-rincian"')
    assert "0,45" in html  # the standard deviation, Indonesian decimal comma
    assert opd_a.nama in html and "Inspektorat" in html
    assert reverse("instansi:keseimbangan_opd", args=[opd_a.pk]) in html
    total = response.context["total"]
    assert (total.kebutuhan, total.bezetting, total.selisih) == (10, 9, -1)


def test_chart_data_is_a_json_block_read_by_a_static_script(login, operator_bkd, opd_a, data):
    response = login(operator_bkd).get(reverse("instansi:keseimbangan"))
    html = response.text
    assert 'data-chart="grafik-keseimbangan"' in html and 'role="img"' in html
    assert '<script id="grafik-keseimbangan" type="application/json">' in html
    assert "js/charts.js" in html
    grafik = response.context["grafik"]
    # The agency without formasi has nothing to draw.
    assert grafik["labels"] == ["Dinkes", "Disdik"]
    assert [d["data"] for d in grafik["datasets"]] == [[6, 4], [6, 3]]


def test_no_inline_script_code_on_the_page(login, operator_bkd, data):
    html = login(operator_bkd).get(reverse("instansi:keseimbangan")).text
    for chunk in html.split("<script")[1:]:
        tag, _, rest = chunk.partition(">")
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_the_legend_explains_the_colours_in_words(login, operator_bkd, data):
    html = (
        login(operator_bkd)
        .get(reverse("instansi:keseimbangan_opd", args=[data["u1"].perangkat_daerah_id]))
        .text
    )
    assert "Cara membaca warna" in html
    assert "sangat baik" not in html.lower()  # the old legend called an overload that
    assert "unit perlu tambahan pegawai" in html and "sesuai kebutuhan" in html
    # U1 is overloaded (1,50), U2 has little work (0,40): red and amber, in words.
    assert '<span class="badge text-wrap text-start text-bg-danger">A · beban berlebih' in html
    assert (
        '<span class="badge text-wrap text-start text-bg-warning">E · beban sangat kurang' in html
    )
    assert "kurang pegawai" not in html and "lebih pegawai" not in html


def test_opd_user_may_see_own_agency_drill_down(login, kepala_opd_a, opd_a, data):
    client = login(kepala_opd_a)
    response = client.get(reverse("instansi:keseimbangan_opd", args=[opd_a.pk]))
    assert response.status_code == 200
    assert [r.nama for r in response.context["rows"]] == [data["u1"].nama, data["u2"].nama]
    assert (
        client.get(reverse("instansi:keseimbangan_unit", args=[data["u1"].pk])).status_code == 200
    )
    # No link up to the government page they may not open.
    assert f'href="{reverse("instansi:keseimbangan")}"' not in response.text


def test_opd_user_is_taken_to_their_agency_from_the_government_level(login, kepala_opd_a, opd_a):
    response = login(kepala_opd_a).get(reverse("instansi:keseimbangan"))
    assert response.status_code == 302
    assert response["Location"] == reverse("instansi:keseimbangan_opd", args=[opd_a.pk])


def test_opd_user_gets_404_for_another_agency(login, kepala_opd_a, opd_b, data):
    client = login(kepala_opd_a)
    assert client.get(reverse("instansi:keseimbangan_opd", args=[opd_b.pk])).status_code == 404
    assert (
        client.get(reverse("instansi:keseimbangan_unit", args=[data["u3"].pk])).status_code == 404
    )


def test_asn_gets_403(login, asn_a, opd_a):
    client = login(asn_a)
    assert client.get(reverse("instansi:keseimbangan")).status_code == 403
    assert client.get(reverse("instansi:keseimbangan_opd", args=[opd_a.pk])).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(client, opd_a):
    for url in (
        reverse("instansi:keseimbangan"),
        reverse("instansi:keseimbangan_opd", args=[opd_a.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_unit_page_lists_formasi_with_totals(login, operator_bkd, data):
    response = login(operator_bkd).get(reverse("instansi:keseimbangan_unit", args=[data["u1"].pk]))
    assert response.status_code == 200
    total = response.context["total"]
    assert (total.kebutuhan, total.bezetting, total.beban_jam) == (4, 4, Decimal("3750"))
    assert "1,50" in response.text


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(opd, n):
    for _ in range(n):
        unit = UnitKerjaFactory(perangkat_daerah=opd)
        formasi(unit, JabatanFactory(), 2, "2500", 1)


@pytest.mark.parametrize(("level", "queries"), [("pemerintah", 8), ("opd", 9), ("unit", 8)])
def test_query_count_does_not_grow_with_rows(login, operator_bkd, opd_a, unit_a, level, queries):
    formasi(unit_a, JabatanFactory(), 1, "1250", 1)
    url = {
        "pemerintah": reverse("instansi:keseimbangan"),
        "opd": reverse("instansi:keseimbangan_opd", args=[opd_a.pk]),
        "unit": reverse("instansi:keseimbangan_unit", args=[unit_a.pk]),
    }[level]
    client = login(operator_bkd)
    assert _count_queries(client, url) == queries
    _grow(opd_a, 5)
    for _ in range(5):
        PerangkatDaerahFactory()
        formasi(unit_a, JabatanFactory(), 3, "1000", 2)
    assert _count_queries(client, url) == queries
