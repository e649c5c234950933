"""Judging moves by the public service: a difference-in-differences against service units of
the same kind without moves, with hand-computed figures, and honest about small numbers."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from evaluasi import dasbor
from evaluasi import layanan as dampak
from instansi.choices import JenisUnit
from instansi.layanan.models import HasilSkm, PengaduanBulanan
from tests.factories import FormasiFactory, PegawaiFactory, UnitKerjaFactory, make_move

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _hari():
    """These tests tell their story on one day (the figures are hand-computed for it)."""
    moment = datetime.datetime(2026, 12, 4, 10, tzinfo=ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(moment, tick=True):
        yield


TODAY = datetime.date(2026, 12, 4)
TMT = datetime.date(2025, 6, 15)
BEFORE = [datetime.date(2024, 12, 1)] + [datetime.date(2025, m, 1) for m in range(1, 6)]
AFTER = [datetime.date(2025, m, 1) for m in range(7, 13)]


def puskesmas(n_before, n_after, ikm_before, ikm_after):
    unit = UnitKerjaFactory(jenis=JenisUnit.PUSKESMAS, layanan_publik=True)
    for months, n in ((BEFORE, n_before), (AFTER, n_after)):
        for month in months:
            PengaduanBulanan.objects.create(
                unit=unit, bulan=month, kategori="waktu", jumlah=n, selesai=n
            )
    for tahun, periode, nilai in ((2024, "s2", ikm_before), (2025, "s2", ikm_after)):
        HasilSkm.objects.create(
            unit=unit,
            tahun=tahun,
            periode=periode,
            responden=100,
            **{f"u{i}": Decimal(nilai) for i in range(1, 10)},
        )
    return unit


def move_into(unit, tmt, user):
    formasi = FormasiFactory(unit=unit, kebutuhan=2)
    make_move(PegawaiFactory(jabatan=formasi.jabatan), formasi, tmt, user, jadwalkan=False)


@pytest.fixture
def study(operator_bkd):
    """Three puskesmas receive someone on 15 June 2025: complaints 10 → 4 a month, IKM
    75,00 → 85,00. Three without moves: 8 → 7, 75,00 → 77,50. A fourth without data that
    would blur it got someone in August 2025 and is no comparison. A school is another kind."""
    receiving = [puskesmas(10, 4, "3.0", "3.4") for _ in range(3)]
    for unit in receiving:
        move_into(unit, TMT, operator_bkd)
    others = [puskesmas(8, 7, "3.0", "3.1") for _ in range(3)]
    busy = puskesmas(8, 30, "3.0", "1.5")
    move_into(busy, datetime.date(2025, 8, 1), operator_bkd)
    school = puskesmas(2, 40, "3.0", "1.0")
    school.jenis = JenisUnit.SEKOLAH
    school.save()
    return {"receiving": receiving, "others": others, "busy": busy}


def test_programme_effect_is_the_difference_of_differences(study):
    moves = dasbor.mutasi_terlaksana().filter(dilaksanakan_pada=TMT)
    d = dampak.dampak_program(moves, TODAY)
    assert d.unit_penerima == 3 and d.belum_waktunya == 0
    # Complaints a month: receiving 10 → 4 (−6), comparison 8 → 7 (−1): −6 − (−1) = −5.
    assert (d.aduan.sebelum, d.aduan.sesudah) == (10, 4)
    assert (d.aduan.pembanding_sebelum, d.aduan.pembanding_sesudah) == (8, 7)
    assert d.aduan.dampak == pytest.approx(-5)
    assert (d.aduan.unit, d.aduan.pembanding) == (3, 3)
    # IKM: 75,00 → 85,00 (+10) against 75,00 → 77,50 (+2,5): +7,5.
    assert d.ikm.dampak == pytest.approx(7.5)
    assert not d.terlalu_sedikit


def test_one_receiving_unit_page_shows_its_before_and_after(study, login, operator_bkd):
    unit = study["receiving"][0]
    response = login(operator_bkd).get(reverse("instansi:layanan_unit", args=[unit.pk]))
    d = response.context["dampak"]
    assert d.tanggal == TMT and d.aduan.dampak == pytest.approx(-5)
    body = response.content.decode()
    assert "-5,0" in body and "+7,5" in body
    assert "1 / 3" in body  # one receiving unit, three comparison units


def test_with_fewer_than_three_comparison_units_it_says_too_little_data(study, login, operator_bkd):
    study["others"][0].delete()
    moves = dasbor.mutasi_terlaksana()
    d = dampak.dampak_program(moves, TODAY)
    assert d.aduan.pembanding == 2 and d.aduan.dampak is None and d.terlalu_sedikit
    response = login(operator_bkd).get(reverse("evaluasi:dasbor"))
    body = response.content.decode()
    assert "Layanan publik sebelum dan sesudah mutasi masuk" in body
    assert "terlalu sedikit data" in body


def test_a_move_whose_after_window_is_not_over_is_not_judged_yet(operator_bkd):
    unit = puskesmas(10, 4, "3.0", "3.4")
    move_into(unit, datetime.date(2026, 10, 1), operator_bkd)
    d = dampak.dampak_program(dasbor.mutasi_terlaksana(), TODAY)
    assert d.unit_penerima == 1 and d.belum_waktunya == 1 and d.aduan.unit == 0


def test_dashboard_shows_the_comparison_with_its_counts(study, login, operator_bkd):
    # The moves of June 2025 only (the August one is another period).
    response = login(operator_bkd).get(
        reverse("evaluasi:dasbor"), {"dari": "2025-06-01", "sampai": "2025-06-30"}
    )
    body = response.content.decode()
    assert response.context["dampak"].aduan.dampak == pytest.approx(-5)
    assert "-5,0" in body and "+7,5" in body and "3 / 3" in body


def test_transparency_page_shows_each_agencys_service_trend_as_aggregates_only(client, study):
    unit = study["receiving"][0]
    response = client.get(reverse("publik:transparansi"))
    body = response.content.decode()
    assert "Kualitas layanan publik per perangkat daerah" in body
    tahun = response.context["tahun_layanan"]
    assert tahun == [2024, 2025, 2026]
    (opd,) = [o for o in response.context["layanan"] if o.nama == unit.perangkat_daerah.nama]
    # One unit of that agency: 2024 S2 IKM 75,00 (C) and one December of 10 complaints;
    # 2025: IKM 85,00 (B), 5 × 10 + 6 × 4 = 74 complaints.
    assert opd.per_tahun[0] == (2024, Decimal("75.00"), "C", 10)
    assert opd.per_tahun[1] == (2025, Decimal("85.00"), "B", 74)
    section = body[body.index('id="h-layanan"') :]
    section = section[: section.index("</section>")]
    assert "85,00 (B)" in section
    # The section names agencies and figures only: no unit, no employee.
    assert unit.nama not in section
    for pegawai in unit.pegawai.all():
        assert pegawai.nama not in section and pegawai.nip not in section


def test_dashboard_workbook_has_the_service_comparison_sheet(study, login, operator_bkd):
    import io

    from openpyxl import load_workbook

    response = login(operator_bkd).get(
        reverse("evaluasi:dasbor"),
        {"dari": "2025-06-01", "sampai": "2025-06-30", "export": "xlsx"},
    )
    sheet = load_workbook(io.BytesIO(response.content))["Layanan publik"]
    rows = list(sheet.values)
    assert rows[1] == ("Pengaduan per bulan", 10, 4, 8, 7, -5, 3, 3)
    assert rows[2][0] == "IKM" and rows[2][5] == 7.5


def test_dashboard_pdf_carries_the_service_comparison(study, login, operator_bkd):
    import io

    from pypdf import PdfReader

    response = login(operator_bkd).get(
        reverse("evaluasi:dasbor"),
        {"dari": "2025-06-01", "sampai": "2025-06-30", "export": "pdf"},
    )
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Layanan publik sebelum dan sesudah mutasi masuk" in " ".join(text.split())
