"""Needs analysis (ANJAB/ABK) as Excel: download the form, fill it offline, upload it back."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from instansi import abk_excel, services
from instansi.choices import Pembulatan, StatusAnalisis
from mutasi.models import AuditLog
from tests.factories import FormasiFactory, JabatanFactory, PegawaiFactory

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = abk_excel.ROW_TASK_HEADER
# Columns of the task sheet, 1-based as openpyxl counts them.
KODE, UNIT, JABATAN, URAIAN, SATUAN, VOLUME, WAKTU, BEBAN = 2, 3, 4, 5, 6, 7, 8, 9


@pytest.fixture
def formasi_terisi(unit_a):
    formasi = FormasiFactory(unit=unit_a, jabatan=JabatanFactory(nama="Analis Kebijakan"))
    PegawaiFactory(unit=unit_a, jabatan=formasi.jabatan)
    return formasi


@pytest.fixture
def formasi_kosong(unit_a):
    return FormasiFactory(unit=unit_a, jabatan=JabatanFactory(nama="Pengelola Data"))


@pytest.fixture
def analisis_a(opd_a, kepala_opd_a, formasi_terisi, formasi_kosong):
    analisis = services.buat_analisis(kepala_opd_a, opd_a, 2026, 1250, Pembulatan.KE_ATAS)
    rows = [
        {
            "uraian": "Menyusun laporan",
            "satuan_hasil": "laporan",
            "volume": 150,
            "waktu_menit": 300,
        },
        {
            "uraian": "Rapat koordinasi",
            "satuan_hasil": "kegiatan",
            "volume": 48,
            "waktu_menit": 300,
        },
    ]
    services.simpan_tugas(analisis.pk, formasi_terisi, rows, kepala_opd_a)
    return analisis


def unduh_url(analisis):
    return f"/instansi/abk/{analisis.pk}/unduh.xlsx"


def unggah_url(analisis):
    return f"/instansi/abk/{analisis.pk}/unggah/"


def unduh(client, analisis):
    response = client.get(unduh_url(analisis))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def as_upload(book, name="abk.xlsx"):
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=XLSX)


def unggah(client, analisis, upload, **kwargs):
    return client.post(unggah_url(analisis), {"file": upload}, **kwargs)


def data_rows(sheet):
    """Row number → (kode, jabatan, uraian) for every row under the header."""
    return {
        row: tuple(sheet.cell(row=row, column=c).value for c in (KODE, JABATAN, URAIAN))
        for row in range(HEADER_ROW + 1, sheet.max_row + 1)
        if sheet.cell(row=row, column=JABATAN).value
    }


def row_of(sheet, jabatan, uraian=None):
    return next(row for row, (_k, j, u) in data_rows(sheet).items() if j == jabatan and u == uraian)


def tasks_of(analisis):
    return sorted(
        analisis.tugas.values_list(
            "formasi__jabatan__nama", "uraian", "satuan_hasil", "volume", "waktu_menit"
        )
    )


def test_the_urls_are_the_named_ones(analisis_a):
    assert reverse("instansi:abk_unduh", args=[analisis_a.pk]) == unduh_url(analisis_a)
    assert reverse("instansi:abk_unggah", args=[analisis_a.pk]) == unggah_url(analisis_a)


def test_download_lists_every_task_and_one_empty_row_per_unfilled_formasi(
    login, kepala_opd_a, analisis_a, unit_a
):
    response = login(kepala_opd_a).get(unduh_url(analisis_a))
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment;")
    assert "2026" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book[abk_excel.SHEET_TASKS]

    assert sheet["A1"].value == "ANALISIS BEBAN KERJA"
    title = [sheet.cell(row=r, column=4).value for r in range(2, 6)]
    assert title[:3] == ["Dinas Kesehatan", 2026, 1250]
    assert title[3].startswith("Ke atas")
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header == list(abk_excel.TASK_COLUMNS)
    assert sorted(data_rows(sheet).values(), key=str) == sorted(
        [
            (unit_a.kode, "Analis Kebijakan", "Menyusun laporan"),
            (unit_a.kode, "Analis Kebijakan", "Rapat koordinasi"),
            (unit_a.kode, "Pengelola Data", None),
        ],
        key=str,
    )
    empty = row_of(sheet, "Pengelola Data")
    assert sheet.cell(row=empty, column=UNIT).value == unit_a.nama
    assert sheet.cell(row=empty, column=VOLUME).value is None
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["A"].width


def test_download_has_live_formulas_validation_and_hidden_identification(
    login, kepala_opd_a, analisis_a, formasi_terisi
):
    book = unduh(login(kepala_opd_a), analisis_a)
    sheet = book[abk_excel.SHEET_TASKS]
    row = row_of(sheet, "Analis Kebijakan", "Menyusun laporan")
    assert sheet.cell(row=row, column=BEBAN).value == f"=G{row}*H{row}/60"

    validations = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    volume, waktu = validations[f"G{HEADER_ROW + 1}"], validations[f"H{HEADER_ROW + 1}"]
    assert (volume.type, volume.formula1, volume.formula2) == ("whole", "1", "1000000")
    assert (waktu.type, waktu.formula1, waktu.formula2) == ("whole", "1", "75000")

    rekap = book[abk_excel.SHEET_SUMMARY]
    header = [c.value for c in rekap[abk_excel.ROW_SUMMARY_HEADER]]
    assert header[:8] == [
        "NO",
        "UNIT KERJA (KODE)",
        "UNIT KERJA (NAMA)",
        "JABATAN",
        "BEBAN KERJA (JAM)",
        "KEBUTUHAN",
        "BEZETTING",
        "SELISIH",
    ]
    first = abk_excel.ROW_SUMMARY_HEADER + 1
    rows = {rekap.cell(row=r, column=4).value: r for r in range(first, first + 2)}
    r = rows["Analis Kebijakan"]
    assert rekap.cell(row=r, column=5).value.startswith("=SUMIFS('ABK'!$I$")
    assert rekap.cell(row=r, column=6).value == f"=ROUNDUP(E{r}/'ABK'!$D$4,0)"
    assert rekap.cell(row=r, column=7).value == 1  # bezetting is a value
    assert rekap.cell(row=r, column=8).value == f"=G{r}-F{r}"
    assert rekap.cell(row=first + 2, column=5).value.startswith("=SUM(")

    identitas = book[abk_excel.SHEET_IDENTITY]
    assert identitas.sheet_state == "veryHidden"
    values = {
        identitas.cell(row=r, column=1).value: identitas.cell(row=r, column=2).value
        for r in range(1, 5)
    }
    assert values["analisis"] == analisis_a.pk
    assert values["perangkat_daerah"] == analisis_a.perangkat_daerah.kode


def test_mathematical_rounding_uses_round_in_the_summary(opd_b, operator_bkd, unit_b):
    FormasiFactory(unit=unit_b)
    analisis = services.buat_analisis(operator_bkd, opd_b, 2026, 1250, Pembulatan.MATEMATIS)
    rekap = load_workbook(io.BytesIO(abk_excel.write_workbook(analisis)))[abk_excel.SHEET_SUMMARY]
    row = abk_excel.ROW_SUMMARY_HEADER + 1
    assert rekap.cell(row=row, column=6).value.startswith("=ROUND(")


def test_round_trip_replaces_the_tasks_with_the_file_and_recomputes_the_need(
    login, kepala_opd_a, analisis_a, formasi_terisi, formasi_kosong
):
    client = login(kepala_opd_a)
    book = unduh(client, analisis_a)
    sheet = book[abk_excel.SHEET_TASKS]
    empty = row_of(sheet, "Pengelola Data")
    for column, value in [(URAIAN, "Memutakhirkan data"), (SATUAN, "dokumen")]:
        sheet.cell(row=empty, column=column, value=value)
    sheet.cell(row=empty, column=VOLUME, value=200)
    sheet.cell(row=empty, column=WAKTU, value=450)
    sheet.cell(row=row_of(sheet, "Analis Kebijakan", "Menyusun laporan"), column=VOLUME).value = 181

    response = unggah(client, analisis_a, as_upload(book), follow=True)

    assert response.redirect_chain[-1][0] == reverse("instansi:abk_detail", args=[analisis_a.pk])
    assert tasks_of(analisis_a) == [
        ("Analis Kebijakan", "Menyusun laporan", "laporan", 181, 300),
        ("Analis Kebijakan", "Rapat koordinasi", "kegiatan", 48, 300),
        ("Pengelola Data", "Memutakhirkan data", "dokumen", 200, 450),
    ]
    hasil = {h.formasi: h for h in services.hasil_analisis(analisis_a)}
    assert hasil[formasi_terisi].beban_jam == Decimal(1145)  # (181 + 48) × 300 / 60
    assert hasil[formasi_terisi].kebutuhan == 1  # 0.916 → 1
    assert hasil[formasi_kosong].beban_jam == Decimal(1500)  # 200 × 450 / 60
    assert hasil[formasi_kosong].kebutuhan == 2  # 1.2 → 2 rounding up
    assert "3 uraian tugas untuk 2 jabatan diimpor" in response.text
    entry = AuditLog.objects.get(action="instansi.abk.diimpor")
    assert entry.actor == kepala_opd_a
    assert entry.data == {"tugas": 3, "formasi": 2, "tugas_lama": 2}


def test_unchanged_download_uploads_back_to_the_same_tasks(login, kepala_opd_a, analisis_a):
    client = login(kepala_opd_a)
    before = tasks_of(analisis_a)
    response = unggah(client, analisis_a, as_upload(unduh(client, analisis_a)))
    assert response.status_code == 302
    assert tasks_of(analisis_a) == before


def test_rows_added_in_excel_and_whole_numbers_stored_as_decimals_are_read(
    login, kepala_opd_a, analisis_a, unit_a
):
    client = login(kepala_opd_a)
    book = unduh(client, analisis_a)
    sheet = book[abk_excel.SHEET_TASKS]
    row = sheet.max_row + 3  # a gap of blank rows is fine
    for column, value in [
        (KODE, f" {unit_a.kode} "),
        (JABATAN, "pengelola  data"),
        (URAIAN, "Rekonsiliasi data"),
        (SATUAN, "berkas"),
        (VOLUME, 12.0),
        (WAKTU, "90"),
    ]:
        sheet.cell(row=row, column=column, value=value)
    assert unggah(client, analisis_a, as_upload(book)).status_code == 302
    assert ("Pengelola Data", "Rekonsiliasi data", "berkas", 12, 90) in tasks_of(analisis_a)


def test_bad_rows_are_listed_with_row_column_and_message_and_nothing_changes(
    login, kepala_opd_a, analisis_a, unit_a, unit_b
):
    client = login(kepala_opd_a)
    book = unduh(client, analisis_a)
    sheet = book[abk_excel.SHEET_TASKS]
    before = tasks_of(analisis_a)
    good = row_of(sheet, "Analis Kebijakan", "Menyusun laporan")
    sheet.cell(row=good, column=VOLUME, value=-5)
    sheet.cell(
        row=row_of(sheet, "Analis Kebijakan", "Rapat koordinasi"), column=WAKTU
    ).value = 75_001
    empty = row_of(sheet, "Pengelola Data")
    for column, value in [(SATUAN, "dokumen"), (VOLUME, 10), (WAKTU, 30)]:
        sheet.cell(row=empty, column=column, value=value)  # no uraian
    extra = sheet.max_row + 1
    for column, value in [
        (KODE, unit_a.kode),
        (JABATAN, "Juru Masak"),
        (URAIAN, "Memasak"),
        (SATUAN, "porsi"),
        (VOLUME, 10),
        (WAKTU, 30),
    ]:
        sheet.cell(row=extra, column=column, value=value)
    other_unit = extra + 1
    for column, value in [
        (KODE, unit_b.kode),
        (JABATAN, "Analis Kebijakan"),
        (URAIAN, "Menyusun laporan"),
        (SATUAN, "laporan"),
        (VOLUME, 10),
        (WAKTU, 30),
    ]:
        sheet.cell(row=other_unit, column=column, value=value)

    response = unggah(client, analisis_a, as_upload(book))

    assert response.status_code == 200
    problems = {(m.baris, m.kolom): m.pesan for m in response.context["masalah"]}
    assert set(problems) == {
        (good, "VOLUME/TAHUN"),
        (good + 1, "WAKTU PENYELESAIAN (MENIT)"),
        (empty, "URAIAN TUGAS"),
        (extra, "JABATAN"),
        (other_unit, "UNIT KERJA (KODE)"),
    }
    assert "lebih besar dari atau sama dengan 1" in problems[(good, "VOLUME/TAHUN")]
    assert "satu tahun kerja" in problems[(good + 1, "WAKTU PENYELESAIAN (MENIT)")]
    assert "tidak boleh kosong" in problems[(empty, "URAIAN TUGAS")]
    assert problems[(extra, "JABATAN")] == (
        f"Jabatan “Juru Masak” tidak ada di unit {unit_a.nama} ({unit_a.kode})."
    )
    assert "tidak ada di Dinas Kesehatan" in problems[(other_unit, "UNIT KERJA (KODE)")]
    assert "Juru Masak" in response.text and str(extra) in response.text
    assert tasks_of(analisis_a) == before
    assert not AuditLog.objects.filter(action="instansi.abk.diimpor").exists()


def test_a_workbook_of_another_agencys_analysis_is_refused(
    login, kepala_opd_a, operator_bkd, analisis_a, opd_b, unit_b
):
    FormasiFactory(unit=unit_b)
    analisis_b = services.buat_analisis(operator_bkd, opd_b, 2026, 1250, Pembulatan.KE_ATAS)
    data = abk_excel.write_workbook(analisis_b)
    before = tasks_of(analisis_a)
    upload = SimpleUploadedFile("abk.xlsx", data, content_type=XLSX)
    response = unggah(login(kepala_opd_a), analisis_a, upload)
    assert response.status_code == 200
    assert "milik perangkat daerah lain" in response.text
    assert tasks_of(analisis_a) == before


def test_a_workbook_of_another_year_of_the_same_agency_is_refused(
    login, kepala_opd_a, analisis_a, opd_a
):
    lain = services.buat_analisis(kepala_opd_a, opd_a, 2025, 1250, Pembulatan.KE_ATAS)
    upload = SimpleUploadedFile("abk.xlsx", abk_excel.write_workbook(lain))
    response = unggah(login(kepala_opd_a), analisis_a, upload)
    assert "formulir analisis lain (tahun 2025)" in response.text
    assert analisis_a.tugas.count() == 2


def test_a_workbook_not_made_by_the_app_is_refused(login, kepala_opd_a, analisis_a):
    book = Workbook()
    book.active.append(list(abk_excel.TASK_COLUMNS))
    response = unggah(login(kepala_opd_a), analisis_a, as_upload(book))
    assert "bukan formulir ABK yang diunduh" in response.text
    assert analisis_a.tugas.count() == 2


def _zip_without_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "bukan excel")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("abk.xlsx", b"NO;UNIT KERJA;JABATAN\n1;U1;Analis\n", "bukan file Excel .xlsx"),
        ("abk.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        ("abk.xlsx", _zip_without_workbook(), "bukan file Excel .xlsx"),
        ("abk.csv", b"NO,URAIAN TUGAS\n", "Hanya file Excel .xlsx"),
        ("abk.xlsx", b"", "kosong"),
    ],
)
def test_a_file_that_is_not_xlsx_is_refused(
    login, kepala_opd_a, analisis_a, name, content, message
):
    response = unggah(login(kepala_opd_a), analisis_a, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.text
    assert analisis_a.tugas.count() == 2


def test_a_file_over_the_size_limit_is_refused(login, kepala_opd_a, analisis_a, settings):
    settings.MAX_UPLOAD_MB = 1
    upload = SimpleUploadedFile("abk.xlsx", b"PK\x03\x04" + b"0" * (1024 * 1024))
    response = unggah(login(kepala_opd_a), analisis_a, upload)
    assert "File terlalu besar" in response.text
    assert analisis_a.tugas.count() == 2


def test_a_file_without_any_task_is_refused_rather_than_emptying_the_analysis(
    login, kepala_opd_a, analisis_a
):
    client = login(kepala_opd_a)
    book = unduh(client, analisis_a)
    sheet = book[abk_excel.SHEET_TASKS]
    for row in data_rows(sheet):
        for column in (URAIAN, VOLUME, WAKTU):
            sheet.cell(row=row, column=column).value = None
    response = unggah(client, analisis_a, as_upload(book))
    assert "tidak berisi satu pun uraian tugas" in response.text
    assert analisis_a.tugas.count() == 2


def test_opd_user_of_another_agency_gets_404_for_both_urls(login, operator_opd_b, analisis_a):
    client = login(operator_opd_b)
    assert client.get(unduh_url(analisis_a)).status_code == 404
    assert client.get(unggah_url(analisis_a)).status_code == 404
    upload = SimpleUploadedFile("abk.xlsx", abk_excel.write_workbook(analisis_a))
    assert unggah(client, analisis_a, upload).status_code == 404
    assert analisis_a.tugas.count() == 2


def test_verifier_may_download_but_not_upload(login, verifikator, analisis_a):
    client = login(verifikator)
    assert client.get(unduh_url(analisis_a)).status_code == 200
    assert client.get(unggah_url(analisis_a)).status_code == 403
    upload = SimpleUploadedFile("abk.xlsx", abk_excel.write_workbook(analisis_a))
    assert unggah(client, analisis_a, upload).status_code == 403
    assert AuditLog.objects.filter(action="akses.ditolak", actor=verifikator).exists()


def test_operator_bkd_may_upload_for_any_agency(login, operator_bkd, analisis_a):
    client = login(operator_bkd)
    response = unggah(client, analisis_a, as_upload(unduh(client, analisis_a)))
    assert response.status_code == 302
    assert AuditLog.objects.filter(action="instansi.abk.diimpor", actor=operator_bkd).exists()


def test_asn_and_anonymous_users_cannot_use_either_url(client, login, asn_a, analisis_a):
    for url in (unduh_url(analisis_a), unggah_url(analisis_a)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    client = login(asn_a)
    assert client.get(unduh_url(analisis_a)).status_code == 403
    assert client.get(unggah_url(analisis_a)).status_code == 403


def test_upload_page_explains_the_steps_and_links_the_download(login, kepala_opd_a, analisis_a):
    response = login(kepala_opd_a).get(unggah_url(analisis_a))
    assert response.status_code == 200
    for text in ("Unduh", "Isi", "Unggah", unduh_url(analisis_a), 'type="file"', "<label"):
        assert text in response.text
    assert "<script" not in response.text.split("</nav>", 1)[1].split("</main>")[0]


def test_uploading_to_an_accepted_analysis_is_refused_with_a_message(
    login, kepala_opd_a, analisis_a
):
    client = login(kepala_opd_a)
    upload = as_upload(unduh(client, analisis_a))
    analisis_a.status = StatusAnalisis.DITERIMA
    analisis_a.save()
    response = unggah(client, analisis_a, upload, follow=True)
    assert "tidak dapat diganti dari Excel" in response.text
    assert response.redirect_chain[-1][0] == reverse("instansi:abk_detail", args=[analisis_a.pk])
    assert analisis_a.tugas.count() == 2
    assert not AuditLog.objects.filter(action="instansi.abk.diimpor").exists()


def test_replacing_checks_the_state_again_under_the_lock(kepala_opd_a, analisis_a, formasi_kosong):
    services.ajukan(analisis_a.pk, kepala_opd_a)  # submitted while the file was being read
    row = {"uraian": "Baru", "satuan_hasil": "x", "volume": 1, "waktu_menit": 1}
    with pytest.raises(ValidationError):
        abk_excel.replace_all_tasks(analisis_a.pk, {formasi_kosong: [row]}, kepala_opd_a)
    assert analisis_a.tugas.count() == 2


def test_volume_errors_print_the_limit_the_indonesian_way_and_say_what_to_type(
    login, kepala_opd_a, analisis_a
):
    client = login(kepala_opd_a)
    book = unduh(client, analisis_a)
    sheet = book[abk_excel.SHEET_TASKS]
    before = tasks_of(analisis_a)
    too_many = row_of(sheet, "Analis Kebijakan", "Menyusun laporan")
    sheet.cell(row=too_many, column=VOLUME, value=2_000_000)
    sheet.cell(row=too_many + 1, column=VOLUME, value="1,5")

    response = unggah(client, analisis_a, as_upload(book))

    problems = {m.baris: m.pesan for m in response.context["masalah"]}
    assert problems[too_many] == "Volume per tahun paling banyak 1.000.000."
    assert problems[too_many + 1] == "Isi dengan bilangan bulat, tanpa koma, titik atau satuan."
    assert tasks_of(analisis_a) == before
