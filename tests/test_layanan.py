"""Service quality: the SKM form, the complaint import (all or nothing, row-level errors),
the scope of each role, and the signals (IKM band, complaint trend, priority)."""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from instansi.layanan import sinyal
from instansi.layanan.models import HasilSkm, PengaduanBulanan
from mutasi.models import AuditLog
from pegawai.access import Role
from tests.factories import FormasiFactory, UnitKerjaFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _hari():
    """These tests tell their story on one day (the figures are hand-computed for it)."""
    moment = datetime.datetime(2026, 12, 4, 10, tzinfo=ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(moment, tick=True):
        yield


@pytest.fixture
def layanan_a(opd_a):
    return UnitKerjaFactory(
        perangkat_daerah=opd_a, nama="UPT Puskesmas Wonokerto", layanan_publik=True, kode="PKM-01"
    )


@pytest.fixture
def layanan_b(opd_b):
    return UnitKerjaFactory(
        perangkat_daerah=opd_b, nama="SMA Negeri 1", layanan_publik=True, kode="SMA-01"
    )


@pytest.fixture
def operator_a(opd_a):
    return UserFactory(username="operator.a", perangkat_daerah=opd_a, roles=[Role.OPERATOR_OPD])


def skm_data(**over):
    data = {"tahun": "2026", "periode": "s1", "responden": "212"}
    data.update({f"u{i}": "3,064" for i in range(1, 10)})
    data["u9"] = "3,068"  # sum 27,580 → IKM 76,61 → B
    data.update(over)
    return data


def csv_file(text: str, name="aduan.csv"):
    return SimpleUploadedFile(name, text.encode(), "text/csv")


def test_opd_operator_enters_skm_and_sees_the_ikm_and_band(login, operator_a, layanan_a):
    client = login(operator_a)
    url = reverse("instansi:layanan_skm", args=[layanan_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, skm_data(), follow=True)
    hasil = HasilSkm.objects.get(unit=layanan_a)
    assert hasil.ikm == Decimal("76.61") and hasil.mutu == "B"
    assert "IKM 76,61, mutu B" in response.content.decode()
    assert AuditLog.objects.filter(action="instansi.skm.disimpan").count() == 1
    # The same period again corrects it instead of adding a second result.
    client.post(url, skm_data(u9="3,064"))
    hasil = HasilSkm.objects.get(unit=layanan_a)
    assert hasil.ikm == Decimal("76.60") and hasil.mutu == "C"
    assert hasil.history.count() == 2


def test_bkd_sees_who_corrected_a_survey_result_and_the_agency_does_not(
    login, operator_a, operator_bkd, layanan_a
):
    url = reverse("instansi:layanan_skm", args=[layanan_a.pk])
    client = login(operator_a)
    client.post(url, skm_data())
    client.post(url, skm_data(u9="3,064"))
    page = reverse("instansi:layanan_unit", args=[layanan_a.pk])
    assert client.get(page).context["riwayat"] is None
    riwayat = login(operator_bkd).get(page).context["riwayat"]
    assert riwayat[0]["actor"] in ("operator.a", operator_a.get_full_name())
    changes = [(str(label), str(old), str(new)) for label, old, new in riwayat[0]["changes"]]
    assert ("U9 Sarana dan prasarana", "3.068", "3.064") in changes


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("u3", "4,5", "paling besar 4"),
        ("u3", "0,9", "paling kecil 1"),
        ("u3", "tiga", "Tulis angka"),
        ("responden", "0", "Sekurang-kurangnya satu responden"),
        ("tahun", "2030", "belum tiba"),
    ],
)
def test_bad_skm_input_is_refused_with_a_message_and_nothing_saved(
    login, operator_a, layanan_a, field, value, message
):
    response = login(operator_a).post(
        reverse("instansi:layanan_skm", args=[layanan_a.pk]), skm_data(**{field: value})
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HasilSkm.objects.exists()


def test_opd_operator_cannot_reach_another_agencys_unit(login, operator_a, layanan_b):
    client = login(operator_a)
    assert client.get(reverse("instansi:layanan_unit", args=[layanan_b.pk])).status_code == 404
    response = client.post(reverse("instansi:layanan_skm", args=[layanan_b.pk]), skm_data())
    assert response.status_code == 404
    assert not HasilSkm.objects.exists()


def test_a_unit_not_marked_as_service_unit_has_no_skm_form(login, operator_a, unit_a):
    response = login(operator_a).get(reverse("instansi:layanan_skm", args=[unit_a.pk]))
    assert response.status_code == 404


def test_complaint_import_saves_every_row_and_replaces_a_month_already_recorded(
    login, operator_a, layanan_a
):
    PengaduanBulanan.objects.create(
        unit=layanan_a, bulan=datetime.date(2026, 1, 1), kategori="waktu", jumlah=9, selesai=9
    )
    text = (
        "KODE_UNIT;BULAN;KATEGORI;JUMLAH;SELESAI;RATA_HARI_SELESAI\n"
        "PKM-01;2026-01;waktu;4;3;5,5\n"
        "PKM-01;Februari 2026;Perilaku petugas;2;2;\n"
        "PKM-01;03/2026;biaya;0;0;\n"
    )
    response = login(operator_a).post(
        reverse("instansi:layanan_impor"), {"berkas": csv_file(text)}, follow=True
    )
    assert "3 baris rekap pengaduan disimpan" in response.content.decode()
    rows = {
        (r.bulan.month, r.kategori): (r.jumlah, r.selesai, r.rata_hari_selesai)
        for r in PengaduanBulanan.objects.all()
    }
    assert rows == {
        (1, "waktu"): (4, 3, Decimal("5.5")),
        (2, "perilaku"): (2, 2, None),
        (3, "biaya"): (0, 0, None),
    }


def test_complaint_import_with_bad_rows_names_line_and_column_and_saves_nothing(
    login, operator_a, layanan_a, layanan_b
):
    text = (
        "KODE_UNIT,BULAN,KATEGORI,JUMLAH,SELESAI\n"
        "PKM-01,2026-01,waktu,4,3\n"
        "SMA-01,2026-01,waktu,4,3\n"  # another agency's unit
        "PKM-01,2026-13,waktu,4,3\n"
        "PKM-01,2026-02,lambat,4,3\n"
        "PKM-01,2026-03,waktu,2,5\n"
        "PKM-01,2026-04,waktu,-1,0\n"
        "PKM-01,2026-05,waktu,99999999999,0\n"
        "PKM-01,2026-01,waktu,1,1\n"
    )
    response = login(operator_a).post(reverse("instansi:layanan_impor"), {"berkas": csv_file(text)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "tidak ada yang disimpan" in body
    masalah = {(m.baris, m.kolom) for m in response.context["masalah"]}
    assert masalah == {
        (3, "KODE_UNIT"),
        (4, "BULAN"),
        (5, "KATEGORI"),
        (6, "SELESAI"),
        (7, "JUMLAH"),
        (8, "JUMLAH"),
        (9, "KATEGORI"),
    }
    assert not PengaduanBulanan.objects.exists()
    assert not AuditLog.objects.filter(action="instansi.pengaduan.diimpor").exists()


def test_complaint_import_reads_xlsx_and_bkd_may_import_for_any_agency(
    login, operator_bkd, layanan_a, layanan_b
):
    book = Workbook()
    sheet = book.active
    sheet.append(["Rekap pengaduan 2026"])
    sheet.append(["KODE_UNIT", "BULAN", "KATEGORI", "JUMLAH", "SELESAI"])
    sheet.append(["PKM-01", datetime.datetime(2026, 5, 17), "sarana", 3, 1])
    sheet.append(["SMA-01", "Mei 2026", "prosedur", 2, 2])
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("aduan.xlsx", data.getvalue())
    response = login(operator_bkd).post(reverse("instansi:layanan_impor"), {"berkas": upload})
    assert response.status_code == 302
    assert set(PengaduanBulanan.objects.values_list("unit__kode", "bulan", "jumlah")) == {
        ("PKM-01", datetime.date(2026, 5, 1), 3),
        ("SMA-01", datetime.date(2026, 5, 1), 2),
    }


def test_a_pdf_renamed_to_xlsx_is_refused_with_a_message(login, operator_a, layanan_a):
    upload = SimpleUploadedFile("aduan.xlsx", b"%PDF-1.4 not a workbook")
    response = login(operator_a).post(reverse("instansi:layanan_impor"), {"berkas": upload})
    assert "PDF" in response.content.decode()
    assert not PengaduanBulanan.objects.exists()


def _aduan(unit, month: datetime.date, n: int):
    PengaduanBulanan.objects.create(unit=unit, bulan=month, kategori="waktu", jumlah=n, selesai=n)


@time_machine.travel(datetime.date(2026, 7, 15), tick=False)
def test_trend_compares_the_last_three_months_with_the_three_before():
    naik, turun, tetap = (UnitKerjaFactory(layanan_publik=True) for _ in range(3))
    for m, (a, b, c) in zip(
        range(1, 7), [(2, 9, 4), (2, 9, 4), (2, 9, 4), (4, 5, 5), (4, 5, 4), (4, 5, 4)], strict=True
    ):
        for unit, n in ((naik, a), (turun, b), (tetap, c)):
            _aduan(unit, datetime.date(2026, m, 1), n)
    _aduan(naik, datetime.date(2026, 7, 1), 50)  # the month under way does not count
    s = sinyal.sinyal_unit([naik.pk, turun.pk, tetap.pk], datetime.date(2026, 7, 15))
    assert (s[naik.pk].aduan_sebelum, s[naik.pk].aduan_akhir, s[naik.pk].tren) == (6, 12, "naik")
    assert s[turun.pk].tren == "turun"
    assert s[tetap.pk].tren == "tetap"  # 12 → 13: not a rise


def test_a_short_unit_with_a_poor_ikm_is_a_priority_on_the_list(login, operator_a, layanan_a):
    FormasiFactory(unit=layanan_a, kebutuhan=3)  # nobody holds it: short of 3
    HasilSkm.objects.create(
        unit=layanan_a,
        tahun=2026,
        periode="s1",
        responden=100,
        **{f"u{i}": Decimal("2.6") for i in range(1, 10)},
    )
    response = login(operator_a).get(reverse("instansi:layanan"))
    (unit,) = response.context["units"]
    assert unit.sinyal.mutu == "C" and unit.kurang == 3 and unit.prioritas
    assert "prioritas" in response.content.decode()


def test_service_unit_list_query_count_does_not_grow_with_units(login, operator_bkd, opd_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def unit_with_data():
        unit = UnitKerjaFactory(perangkat_daerah=opd_a, layanan_publik=True)
        FormasiFactory(unit=unit, kebutuhan=2)
        _aduan(unit, datetime.date(2026, 10, 1), 3)
        HasilSkm.objects.create(
            unit=unit,
            tahun=2026,
            periode="s1",
            responden=50,
            **{f"u{i}": Decimal("3.2") for i in range(1, 10)},
        )

    client = login(operator_bkd)
    url = reverse("instansi:layanan")
    unit_with_data()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        unit_with_data()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["units"]) == 5
    assert len(many) == len(few)


def test_unit_page_shows_surveys_and_complaints(login, operator_a, layanan_a):
    HasilSkm.objects.create(
        unit=layanan_a,
        tahun=2025,
        periode="tahun",
        responden=321,
        **{f"u{i}": Decimal("3.532") for i in range(1, 10)},
    )
    _aduan(layanan_a, datetime.date(2026, 9, 1), 7)
    response = login(operator_a).get(reverse("instansi:layanan_unit", args=[layanan_a.pk]))
    body = response.content.decode()
    assert "88,30" in body and "B (Baik)" in body and "321" in body
    assert "September 2026" in body
    assert "Belum ada mutasi masuk" in body
    assert "Isi hasil SKM" in body


def answers_xlsx(rows, header=None) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["Hasil SKM UPT Puskesmas Wonokerto"])
    sheet.append(header or ["NO", *[f"U{i}" for i in range(1, 10)]])
    for n, row in enumerate(rows, start=1):
        sheet.append([n, *row])
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("jawaban.xlsx", data.getvalue())


def test_element_means_are_computed_from_the_raw_answers(login, operator_a, layanan_a):
    # Three respondents: U1 answers 4, 3, 3 → 3,333; every other element 3 → 3,000.
    # IKM = (3,333 + 8 × 3) × 25 / 9 = 27,333 × 25 / 9 = 75,925 → 75,93 (C).
    rows = [[4] + [3] * 8, [3] * 9, [3] * 9, [None] * 9]
    response = login(operator_a).post(
        reverse("instansi:layanan_skm_jawaban", args=[layanan_a.pk]),
        {"tahun": "2026", "periode": "s1", "berkas": answers_xlsx(rows)},
        follow=True,
    )
    hasil = HasilSkm.objects.get(unit=layanan_a)
    assert hasil.responden == 3
    assert hasil.u1 == Decimal("3.333") and hasil.u2 == Decimal("3.000")
    assert hasil.ikm == Decimal("75.93") and hasil.mutu == "C"
    assert "3 responden, IKM 75,93, mutu C" in response.content.decode()


def test_raw_answers_outside_one_to_four_name_line_and_column_and_save_nothing(
    login, operator_a, layanan_a
):
    rows = [[3] * 9, [3, 5] + [3] * 7, [3] * 8 + ["x"], [3] * 8 + [None]]
    response = login(operator_a).post(
        reverse("instansi:layanan_skm_jawaban", args=[layanan_a.pk]),
        {"tahun": "2026", "periode": "s1", "berkas": answers_xlsx(rows)},
    )
    assert {(m.baris, m.kolom) for m in response.context["masalah"]} == {
        (4, "U2"),
        (5, "U9"),
        (6, "U9"),
    }
    assert "tidak ada yang disimpan" in response.content.decode()
    assert not HasilSkm.objects.exists()


def test_an_answer_sheet_without_the_element_columns_is_refused(login, operator_a, layanan_a):
    response = login(operator_a).post(
        reverse("instansi:layanan_skm_jawaban", args=[layanan_a.pk]),
        {
            "tahun": "2026",
            "periode": "s1",
            "berkas": answers_xlsx([[3] * 8], header=[f"U{i}" for i in range(1, 9)]),
        },
    )
    assert "Kolom tidak ada: U9" in response.content.decode()
    assert not HasilSkm.objects.exists()


def survey_answers(value="3", **over):
    return {**{f"u{i}": value for i in range(1, 10)}, **over}


def test_a_visitor_answers_the_public_survey_once_a_day_without_logging_in(client, layanan_a):
    from instansi.layanan.models import JawabanSurvei

    url = reverse("publik:survei", args=[layanan_a.pk])
    page = client.get(url)
    assert page.status_code == 200 and layanan_a.nama in page.content.decode()
    response = client.post(url, survey_answers("4", u3="2"))
    assert "Terima kasih" in response.content.decode()
    (jawaban,) = JawabanSurvei.objects.all()
    assert (jawaban.u1, jawaban.u3, jawaban.tanggal) == (4, 2, datetime.date(2026, 12, 4))
    # The same browser again the same day: thanked, not counted twice.
    client.post(url, survey_answers("1"))
    assert JawabanSurvei.objects.count() == 1


def test_public_survey_refuses_bad_answers_and_drops_what_a_script_fills(client, layanan_a):
    from instansi.layanan.models import JawabanSurvei

    url = reverse("publik:survei", args=[layanan_a.pk])
    response = client.post(url, survey_answers(u5="5"))
    assert "Masih ada pertanyaan yang belum dijawab" in response.content.decode()
    response = client.post(url, survey_answers(situs="http://spam.example"))
    assert "Terima kasih" in response.content.decode()
    assert not JawabanSurvei.objects.exists()


def test_public_survey_exists_only_for_service_units(client, unit_a):
    assert client.get(reverse("publik:survei", args=[unit_a.pk])).status_code == 404


def test_public_survey_is_rate_limited_per_address(client, layanan_a, settings):
    settings.RATELIMIT_ENABLE = True
    settings.BATAS_SURVEI = "2/h"
    url = reverse("publik:survei", args=[layanan_a.pk])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_opd_turns_a_periods_online_answers_into_its_result(login, operator_a, layanan_a):
    from instansi.layanan.models import JawabanSurvei

    for day, value in ((datetime.date(2026, 2, 3), 4), (datetime.date(2026, 5, 9), 3)):
        JawabanSurvei.objects.create(
            unit=layanan_a, tanggal=day, **{f"u{i}": value for i in range(1, 10)}
        )
    JawabanSurvei.objects.create(  # another period
        unit=layanan_a, tanggal=datetime.date(2026, 7, 1), **{f"u{i}": 1 for i in range(1, 10)}
    )
    client = login(operator_a)
    page = client.get(reverse("instansi:layanan_skm", args=[layanan_a.pk]))
    assert "<svg" in page.content.decode()  # the QR code for the counter
    url = reverse("instansi:layanan_skm_daring", args=[layanan_a.pk])
    client.post(url, {"daring-tahun": "2026", "daring-periode": "s1"})
    hasil = HasilSkm.objects.get(unit=layanan_a, periode="s1")
    # Two respondents, every element (4 + 3) / 2 = 3,5: IKM 87,50, B.
    assert hasil.responden == 2 and hasil.ikm == Decimal("87.50") and hasil.mutu == "B"
    response = client.post(url, {"daring-tahun": "2025", "daring-periode": "s1"})
    assert "Belum ada jawaban survei daring" in response.content.decode()
