"""Importing employees from a staff file: preview, validation, commit all-or-nothing."""

import csv
import datetime
import io
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils.datetime import to_excel

from instansi.models import BidangPendidikan
from mutasi.models import AuditLog
from pegawai import importer
from pegawai.access import Role
from pegawai.choices import Golongan, PredikatSkp, TingkatPendidikan
from pegawai.gelar import split_gelar
from pegawai.models import Pegawai, Skp
from pegawai.views import IMPORT_SESSION_KEY
from tests.factories import (
    JabatanFactory,
    PegawaiFactory,
    SkpFactory,
    UnitKerjaFactory,
    UserFactory,
    make_nip,
)

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("pegawai:import")
CONFIRM_URL = reverse("pegawai:import_confirm")
NIP_SITI = make_nip(datetime.date(1988, 7, 2), datetime.date(2012, 3, 1), jk="2", urut=7)
NIP_AGUS = make_nip(datetime.date(1979, 11, 30), datetime.date(2005, 1, 1), jk="1", urut=12)
HEADER = [
    "NIP",
    "NAMA",
    "GELAR_DEPAN",
    "GELAR_BELAKANG",
    "JENIS_KELAMIN",
    "TANGGAL_LAHIR",
    "GOLONGAN",
    "JABATAN",
    "UNIT_KERJA",
    "TMT_JABATAN",
    "PENDIDIKAN",
    "BIDANG_PENDIDIKAN",
    "SKP_2024",
    "SKP_2025",
    "EMAIL",
    "DOMISILI",
]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def unit(opd_a):
    return UnitKerjaFactory(perangkat_daerah=opd_a, kode="DINKES-P2P", nama="Bidang P2P")


@pytest.fixture
def jabatan(db):
    return JabatanFactory(nama="Epidemiolog Kesehatan Ahli Pertama")


def siti(**changes):
    row = {
        "NIP": NIP_SITI,
        "NAMA": "Siti Aminah",
        "GELAR_DEPAN": "",
        "GELAR_BELAKANG": "S.K.M.",
        "JENIS_KELAMIN": "P",
        "TANGGAL_LAHIR": "1988-07-02",
        "GOLONGAN": "III/b",
        "JABATAN": "Epidemiolog Kesehatan Ahli Pertama",
        "UNIT_KERJA": "DINKES-P2P",
        "TMT_JABATAN": "2019-01-01",
        "PENDIDIKAN": "S-1",
        "BIDANG_PENDIDIKAN": "Kesehatan Masyarakat",
        "SKP_2024": "Baik",
        "SKP_2025": "sangat baik",
        "EMAIL": "siti.aminah@example.go.id",
        "DOMISILI": "Kota Asemrowo",
    }
    return {**row, **changes}


def agus(**changes):
    row = {
        **siti(),
        "NIP": NIP_AGUS,
        "NAMA": "Agus Salim",
        "GELAR_BELAKANG": "",
        "JENIS_KELAMIN": "L",
        "TANGGAL_LAHIR": "30-11-1979",
        "GOLONGAN": "III/d",
        "PENDIDIKAN": "S2",
        "BIDANG_PENDIDIKAN": "kesehatan masyarakat",
        "SKP_2024": "",
        "SKP_2025": "Butuh Perbaikan",
        "EMAIL": "",
    }
    return {**row, **changes}


def csv_file(rows, delimiter=",", bom=False, name="pegawai.csv", header=HEADER):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(c, "") for c in header])
    data = ("\ufeff" if bom else "") + out.getvalue()
    return SimpleUploadedFile(name, data.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, name="pegawai.xlsx", header=HEADER):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(c, "") for c in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, berkas):
    return client.post(UPLOAD_URL, {"berkas": berkas})


def confirm(client, response):
    return client.post(CONFIRM_URL, {"token": response.context["token"]})


def problems_of(response):
    return [(p.line, p.column) for p in response.context["plan"].problems]


def test_operator_sees_the_upload_page_with_the_layout_and_template_link(login, operator_bkd):
    response = login(operator_bkd).get(UPLOAD_URL)
    assert response.status_code == 200
    assert reverse("pegawai:import_template") in response.text
    assert "TANGGAL_LAHIR" in response.text


def test_valid_csv_creates_employees_with_their_skp(login, operator_bkd, unit, jabatan):
    client = login(operator_bkd)
    preview = upload(client, csv_file([siti(), agus()]))
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert (plan.created_count, plan.updated_count, plan.error_line_count) == (2, 0, 0)
    assert Pegawai.objects.count() == 0  # the preview saves nothing

    response = confirm(client, preview)

    assert response.status_code == 302
    assert response.url == reverse("pegawai:list")
    siti_ = Pegawai.objects.get(nip=NIP_SITI)
    assert siti_.nama_lengkap == "Siti Aminah, S.K.M."
    assert siti_.jenis_kelamin == "2"
    assert siti_.tanggal_lahir == datetime.date(1988, 7, 2)
    assert siti_.golongan == Golongan.III_B
    assert (siti_.unit, siti_.jabatan) == (unit, jabatan)
    assert siti_.tingkat_pendidikan == TingkatPendidikan.S1
    assert {s.tahun: s.predikat for s in siti_.skp.all()} == {
        2024: PredikatSkp.BAIK,
        2025: PredikatSkp.SANGAT_BAIK,
    }
    agus_ = Pegawai.objects.get(nip=NIP_AGUS)
    assert agus_.tanggal_lahir == datetime.date(1979, 11, 30)  # DD-MM-YYYY
    assert list(agus_.skp.values_list("tahun", "predikat")) == [(2025, PredikatSkp.BUTUH_PERBAIKAN)]
    assert siti_.history.get().history_user == operator_bkd
    entry = AuditLog.objects.get(action="pegawai.impor")
    assert (entry.actor, entry.data["baru"]) == (operator_bkd, 2)
    # One field of study, matched case-insensitively.
    assert BidangPendidikan.objects.filter(nama__iexact="kesehatan masyarakat").count() == 1
    assert siti_.bidang_pendidikan_id == agus_.bidang_pendidikan_id
    assert siti_.history.get().history_user == operator_bkd


def test_xlsx_with_date_cells_is_imported(login, operator_bkd, unit, jabatan):
    client = login(operator_bkd)
    row = siti(TANGGAL_LAHIR=datetime.date(1988, 7, 2), TMT_JABATAN=datetime.datetime(2019, 1, 1))
    preview = upload(client, xlsx_file([row]))
    assert preview.context["plan"].ok, preview.context["plan"].problems

    confirm(client, preview)

    assert Pegawai.objects.get(nip=NIP_SITI).tmt_jabatan == datetime.date(2019, 1, 1)


def test_xlsx_nip_stored_as_a_number_is_refused_with_advice(operator_bkd, unit, jabatan):
    plan = importer.build_plan(xlsx_file([siti(NIP=1.98807022012031e17)]), "xlsx")
    assert [(p.line, p.column) for p in plan.problems] == [(2, "NIP")]
    assert "Teks" in plan.problems[0].message


def test_semicolon_csv_with_bom_from_indonesian_excel_is_imported(
    login, operator_bkd, unit, jabatan
):
    client = login(operator_bkd)
    preview = upload(client, csv_file([siti(), agus()], delimiter=";", bom=True))
    assert preview.context["plan"].created_count == 2

    confirm(client, preview)

    assert Pegawai.objects.count() == 2


def test_header_names_are_case_insensitive_and_in_any_order(operator_bkd, unit, jabatan):
    header = [h.lower().replace("_", " ") for h in reversed(HEADER)]
    row = {h.lower().replace("_", " "): v for h, v in siti().items()}
    plan = importer.build_plan(csv_file([row], header=header), "csv")
    assert plan.ok, plan.problems
    assert plan.created_count == 1


@pytest.mark.parametrize(
    ("bad", "column", "words"),
    [
        ({"NIP": "19880702201203200"}, "NIP", "18 digit"),
        ({"NIP": "19881302201203 2 007"}, "NIP", "tanggal lahir"),
        ({"GOLONGAN": "III/f"}, "GOLONGAN", "Golongan"),
        ({"UNIT_KERJA": "TIDAK-ADA"}, "UNIT_KERJA", "tidak ada"),
        ({"JABATAN": "Juru Sulap"}, "JABATAN", "tidak ada"),
        ({"JENIS_KELAMIN": "L"}, "JENIS_KELAMIN", "digit ke-15"),
        ({"TANGGAL_LAHIR": "1988-07-03"}, "TANGGAL_LAHIR", "NIP"),
        ({"TMT_JABATAN": "2011-12-31"}, "TMT_JABATAN", "TMT CPNS"),
        ({"PENDIDIKAN": "SMA Kelas 2"}, "PENDIDIKAN", "pendidikan"),
        ({"SKP_2025": "Luar Biasa"}, "SKP_2025", "Predikat"),
        ({"NAMA": ""}, "NAMA", "Wajib"),
        ({"EMAIL": "bukan-email"}, "EMAIL", "email"),
        ({"BIDANG_PENDIDIKAN": "x" * 121}, "BIDANG_PENDIDIKAN", "karakter"),
    ],
)
def test_one_bad_row_is_reported_by_line_and_column_and_nothing_is_saved(
    login, operator_bkd, unit, jabatan, bad, column, words
):
    client = login(operator_bkd)
    response = upload(client, csv_file([agus(), siti(**bad)]))

    assert response.status_code == 200
    assert problems_of(response) == [(3, column)]  # the header is line 1, Siti line 3
    message = response.context["plan"].problems[0].message
    assert words.casefold() in message.casefold()
    assert message in response.text
    assert response.context["token"] is None
    assert CONFIRM_URL not in response.text  # no commit button
    assert IMPORT_SESSION_KEY not in client.session
    assert Pegawai.objects.count() == 0


def test_a_nip_twice_in_the_file_is_reported_on_the_second_line(operator_bkd, unit, jabatan):
    plan = importer.build_plan(csv_file([siti(), agus(), siti(NAMA="Siti A.")]), "csv")
    assert [(p.line, p.column) for p in plan.problems] == [(4, "NIP")]
    assert "baris 2" in plan.problems[0].message


def test_unit_may_be_named_when_the_name_is_unique(operator_bkd, unit, jabatan, opd_b):
    plan = importer.build_plan(csv_file([siti(UNIT_KERJA="bidang p2p")]), "csv")
    assert plan.ok and plan.rows[0].pegawai.unit_id == unit.pk

    UnitKerjaFactory(perangkat_daerah=opd_b, nama="Bidang P2P")
    plan = importer.build_plan(csv_file([siti(UNIT_KERJA="Bidang P2P")]), "csv")
    assert "kode" in plan.problems[0].message


def test_missing_required_columns_give_one_message_and_nothing_else(login, operator_bkd):
    header = [h for h in HEADER if h not in ("GOLONGAN", "TMT_JABATAN")]
    response = upload(login(operator_bkd), csv_file([siti()], header=header))

    assert response.status_code == 200
    errors = response.context["form"].errors["berkas"]
    assert len(errors) == 1
    assert "GOLONGAN, TMT_JABATAN" in errors[0]
    assert "plan" not in response.context


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("pegawai.pdf", b"%PDF-1.7 ...", ".txt atau .xlsx"),
        ("pegawai.xls", b"\xd0\xcf\x11\xe0 old excel", "simpan sebagai"),
        ("pegawai.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("pegawai.csv", bytes(range(256)) * 4, "bukan teks CSV"),
        # Read (as Windows-1252, separated by ;), but not the layout: the message says how
        # the file was read.
        (
            "pegawai.csv",
            "NIP;NAMA\n1;Dédé".encode("cp1252"),
            "Windows-1252 (ANSI) dengan pemisah titik koma",
        ),
        ("pegawai.xlsx", b"NIP,NAMA\n1,2\n", "bukan file Excel"),
        ("pegawai.xlsx", b"PK\x03\x04 not really a zip", "bukan file Excel"),
        ("pegawai.csv", b"\n  \n", "kosong"),
        ("pegawai.csv", ",".join(HEADER).encode(), "tanpa data"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(login, operator_bkd, name, content, words):
    client = login(operator_bkd)
    response = upload(client, SimpleUploadedFile(name, content))

    assert response.status_code == 200
    errors = response.context["form"].errors["berkas"]
    assert words.casefold() in " ".join(errors).casefold()
    assert IMPORT_SESSION_KEY not in client.session
    assert Pegawai.objects.count() == 0


def test_an_empty_file_is_refused(login, operator_bkd):
    response = upload(login(operator_bkd), SimpleUploadedFile("pegawai.csv", b""))
    assert "File kosong" in response.context["form"].errors["berkas"][0]


def test_a_file_over_the_size_limit_is_refused(login, operator_bkd, settings):
    settings.MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("pegawai.csv", b"NIP,NAMA\n" + b"x" * (1024 * 1024 + 1))
    response = upload(login(operator_bkd), big)
    assert "1 MB" in " ".join(response.context["form"].errors["berkas"])


def test_reimport_updates_the_employee_and_history_names_the_importer(
    login, operator_bkd, unit, jabatan
):
    pegawai = PegawaiFactory(
        nip=NIP_SITI,
        nama="Siti Aminah",
        jenis_kelamin="2",
        tanggal_lahir=datetime.date(1988, 7, 2),
        golongan=Golongan.III_A,
        unit=unit,
        jabatan=jabatan,
    )
    SkpFactory(pegawai=pegawai, tahun=2025, predikat=PredikatSkp.BAIK)
    client = login(operator_bkd)

    preview = upload(client, csv_file([siti(GOLONGAN="III/b")]))
    plan = preview.context["plan"]
    assert (plan.created_count, plan.updated_count) == (0, 1)
    assert "GOLONGAN" in plan.rows[0].changed_columns
    confirm(client, preview)

    pegawai.refresh_from_db()
    assert pegawai.golongan == Golongan.III_B
    assert pegawai.gelar_belakang == "S.K.M."
    assert dict(pegawai.skp.values_list("tahun", "predikat")) == {
        2024: PredikatSkp.BAIK,
        2025: PredikatSkp.SANGAT_BAIK,
    }
    latest = pegawai.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == operator_bkd
    assert latest.golongan == Golongan.III_B
    assert "pegawai.csv" in latest.history_change_reason
    assert Pegawai.objects.count() == 1


def test_importing_the_same_file_again_changes_nothing(login, operator_bkd, unit, jabatan):
    client = login(operator_bkd)
    confirm(client, upload(client, csv_file([siti(), agus()])))
    history = Pegawai.history.count()

    preview = upload(client, csv_file([siti(), agus()]))
    plan = preview.context["plan"]
    assert (plan.created_count, plan.updated_count, plan.unchanged_count) == (0, 0, 2)
    confirm(client, preview)

    assert Pegawai.history.count() == history


def test_an_opd_user_may_not_import(login, kepala_opd_a):
    client = login(kepala_opd_a)
    assert client.get(UPLOAD_URL).status_code == 403
    assert upload(client, csv_file([siti()])).status_code == 403
    assert client.post(CONFIRM_URL, {"token": "x"}).status_code == 403
    assert client.get(reverse("pegawai:import_template")).status_code == 403


@pytest.mark.parametrize("url_name", ["import", "import_confirm", "import_template"])
def test_anonymous_visitor_is_sent_to_log_in(client, url_name):
    url = reverse(f"pegawai:{url_name}")
    response = client.post(url) if url_name == "import_confirm" else client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_stale_or_unknown_token_is_refused_and_changes_nothing(
    login, operator_bkd, unit, jabatan
):
    client = login(operator_bkd)
    preview = upload(client, csv_file([siti()]))
    token = preview.context["token"]

    response = client.post(CONFIRM_URL, {"token": "A" * 43}, follow=True)
    assert "tidak berlaku lagi" in response.text
    assert Pegawai.objects.count() == 0

    assert confirm(client, preview).status_code == 302
    assert Pegawai.objects.count() == 1
    # Confirming the same preview again is stale: the file is gone with the session entry.
    assert not (importer.storage_dir() / token).exists()
    response = client.post(CONFIRM_URL, {"token": token}, follow=True)
    assert "tidak berlaku lagi" in response.text
    assert Pegawai.objects.count() == 1


def test_a_token_of_another_users_preview_is_refused(client, operator_bkd, unit, jabatan):
    client.force_login(operator_bkd)
    token = upload(client, csv_file([siti()])).context["token"]
    client.force_login(UserFactory(username="admin.lain", roles=[Role.ADMIN]))

    response = client.post(CONFIRM_URL, {"token": token}, follow=True)

    assert "tidak berlaku lagi" in response.text
    assert Pegawai.objects.count() == 0


def test_the_uploaded_file_is_kept_privately_until_confirmed(login, operator_bkd, unit, jabatan):
    client = login(operator_bkd)
    preview = upload(client, csv_file([siti()]))
    stored = importer.storage_dir() / preview.context["token"]
    assert stored.is_file()
    assert stored.stat().st_mode & 0o077 == 0

    client.post(reverse("pegawai:import_cancel"))

    assert not stored.exists()
    assert IMPORT_SESSION_KEY not in client.session


def test_confirm_is_all_or_nothing(login, operator_bkd, unit, jabatan, monkeypatch):
    client = login(operator_bkd)
    preview = upload(client, csv_file([siti(), agus()]))
    written_before_failure = []

    def failing_skp_insert(*args, **kwargs):
        written_before_failure.append(Pegawai.objects.count())
        raise DatabaseError("disk full")

    monkeypatch.setattr(Skp.objects, "bulk_create", failing_skp_insert)

    response = confirm(client, preview)

    assert written_before_failure == [2]  # the employees were written, then rolled back
    assert response.status_code == 302
    assert Pegawai.objects.count() == 0
    assert Pegawai.history.count() == 0
    assert Skp.objects.count() == 0
    assert BidangPendidikan.objects.count() == 0


def test_a_committed_import_refreshes_the_planner_statistics(
    operator_bkd, unit, jabatan, django_capture_on_commit_callbacks
):
    plan = importer.build_plan(csv_file([siti(), agus()]), "csv")
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        importer.commit(plan, operator_bkd)
    assert len(callbacks) == 1
    analyzed = [q["sql"] for q in queries if q["sql"].startswith("ANALYZE")]
    tables = [Pegawai._meta.db_table, Pegawai.history.model._meta.db_table, Skp._meta.db_table]
    assert analyzed == [f"ANALYZE {connection.ops.quote_name(t)}" for t in tables]


def test_confirm_checks_the_file_again(login, operator_bkd, unit, jabatan):
    client = login(operator_bkd)
    preview = upload(client, csv_file([siti()]))
    jabatan.nama = "Epidemiolog Kesehatan Ahli Muda"
    jabatan.save()

    response = confirm(client, preview)

    assert problems_of(response) == [(2, "JABATAN")]
    assert Pegawai.objects.count() == 0


def test_checking_a_file_costs_the_same_queries_for_5_or_50_rows(
    django_assert_max_num_queries, unit, jabatan
):
    def rows(n):
        return [
            siti(
                NIP=make_nip(datetime.date(1988, 7, 2), datetime.date(2012, 3, 1), "2", i),
                **({"SKP_2024": ""} if i % 2 else {}),
            )
            for i in range(1, n + 1)
        ]

    for row in rows(3):  # a few of them exist already
        PegawaiFactory(nip=row["NIP"], jenis_kelamin="2", lahir=datetime.date(1988, 7, 2))
    with django_assert_max_num_queries(8):
        small = importer.build_plan(csv_file(rows(5)), "csv")
    with django_assert_max_num_queries(8):
        large = importer.build_plan(csv_file(rows(50)), "csv")
    assert small.ok and large.ok
    assert (large.created_count, large.updated_count) == (47, 3)


def test_the_template_is_an_xlsx_with_the_header_and_an_example_row(
    login, operator_bkd, unit, jabatan
):
    response = login(operator_bkd).get(reverse("pegawai:import_template"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    header, example = list(sheet.iter_rows(values_only=True))
    assert list(header) == importer.template_columns()
    assert set(importer.REQUIRED_COLUMNS) <= set(header)
    assert dict(zip(header, example, strict=True))["NIP"] == "198503142010011001"
    # The example row is importable as it stands.
    plan = importer.build_plan(SimpleUploadedFile("t.xlsx", response.content), "xlsx")
    assert plan.ok, plan.problems


def test_the_documented_sample_file_imports_cleanly(opd_a):
    sample = Path(__file__).resolve().parent.parent / "docs" / "contoh-impor-pegawai.csv"
    with sample.open("rb") as f:
        table = importer.read_table(f, "csv").rows
        header = table[0][1]
        # The sample refers to these units and positions; with them, nothing is wrong.
        for kode in {cells[header.index("UNIT_KERJA")] for _, cells in table[1:]}:
            UnitKerjaFactory(perangkat_daerah=opd_a, kode=kode)
        for nama in {cells[header.index("JABATAN")] for _, cells in table[1:]}:
            JabatanFactory(nama=nama)
        plan = importer.build_plan(f, "csv")
    assert plan.ok, plan.problems
    assert plan.created_count == plan.data_rows == 3


# --- files as Indonesian offices write them (issue 22) ----------------------------------

OFFICE_HEADER = ["NO", *HEADER]


def table_of(rows, header=OFFICE_HEADER):
    """A header and one list per row, numbered in the NO column as offices do."""
    return [header] + [
        [str(n) if c == "NO" else row.get(c, "") for c in header] for n, row in enumerate(rows, 1)
    ]


def text_file(table, *, encoding="utf-8", delimiter=",", name="pegawai.csv", newline="\r\n"):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(table)
    return SimpleUploadedFile(name, out.getvalue().encode(encoding))


def xlsx_table(table, name="pegawai.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.title = "Data Pegawai"
    for row in table:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize(
    ("encoding", "delimiter", "name", "newline", "read_as"),
    [
        # Excel, Indonesian Windows: "CSV (dipisahkan koma)" is ANSI with semicolons.
        ("cp1252", ";", "pegawai.csv", "\r\n", ("Windows-1252 (ANSI)", "titik koma (;)")),
        ("cp1252", ",", "pegawai.csv", "\r\n", ("Windows-1252 (ANSI)", "koma (,)")),
        # Excel "Teks Unicode": UTF-16 with a BOM, tab-separated, saved as .txt.
        ("utf-16", "\t", "pegawai.txt", "\r\n", ("UTF-16 (“Teks Unicode” Excel)", "tab")),
        ("utf-8-sig", ";", "pegawai.csv", "\r\n", ("UTF-8 dengan BOM", "titik koma (;)")),
        # LibreOffice "Teks CSV" defaults, and a tab-separated UTF-8 file.
        ("utf-8", ",", "pegawai.csv", "\n", ("UTF-8", "koma (,)")),
        ("utf-8", "\t", "pegawai.tsv", "\n", ("UTF-8", "tab")),
    ],
)
def test_text_files_as_excel_and_libreoffice_save_them_are_imported(
    login, operator_bkd, unit, jabatan, encoding, delimiter, name, newline, read_as
):
    client = login(operator_bkd)
    rows = [siti(NAMA="Siti Nur’aini"), agus(GELAR_BELAKANG="S.E., M.M.")]
    berkas = text_file(
        table_of(rows), encoding=encoding, delimiter=delimiter, name=name, newline=newline
    )

    preview = upload(client, berkas)

    plan = preview.context["plan"]
    assert plan.ok, plan.problems
    assert plan.created_count == 2
    assert (plan.encoding, plan.delimiter_label) == read_as
    assert "Dibaca sebagai teks berenkode" in preview.text
    assert all(label in preview.text for label in read_as)
    assert confirm(client, preview).status_code == 302
    assert Pegawai.objects.get(nip=NIP_SITI).nama == "Siti Nur’aini"
    assert Pegawai.objects.get(nip=NIP_AGUS).gelar_belakang == "S.E., M.M."


def test_a_file_in_no_encoding_a_spreadsheet_writes_is_refused(login, operator_bkd):
    # 0x81 and 0x8d are not characters in Windows-1252, and the bytes are not UTF-8 or -16.
    data = b"NIP;NAMA\r\n198807022012032007;Siti \x81\x8d\xff\xfe\r\n"
    client = login(operator_bkd)
    response = upload(client, SimpleUploadedFile("pegawai.csv", data))
    assert "UTF-8, UTF-16 atau Windows-1252" in response.context["form"].errors["berkas"][0]
    assert IMPORT_SESSION_KEY not in client.session


def test_xlsx_with_title_rows_total_row_and_signature_block_imports_the_table_only(
    login, operator_bkd, unit, jabatan
):
    blank = [None] * len(OFFICE_HEADER)
    table = [
        ["DAFTAR PEGAWAI DINAS KESEHATAN"],  # 1
        ["Keadaan per 31 Desember 2025"],  # 2
        blank,  # 3
        *table_of([siti(), agus()])[:1],  # 4: header
        list(range(1, len(OFFICE_HEADER) + 1)),  # 5: the column numbers
        *table_of([siti(), agus()])[1:],  # 6, 7
        ["   ", "", ""],  # 8: spaces only
        ["JUMLAH", None, "2 orang"],  # 9
        blank,  # 10
        [None, "Mengetahui,", None, None, None, "Asemrowo, 4 Desember 2026"],  # 11
        [None, "Kepala Dinas Kesehatan", None, None, None, "Kepala Bidang P2P"],  # 12
        blank,  # 13
        [None, "dr. Budi Santoso, M.Kes.", None, None, None, "Ani, S.K.M."],  # 14
        [None, "Pembina Utama Muda", None, None, None, "Penata Tk. I"],  # 15
        [None, "NIP. 19700101 199003 1 001", None, None, None, "NIP. 19800101 200501 2 003"],
    ]
    client = login(operator_bkd)

    preview = upload(client, xlsx_table(table))

    plan = preview.context["plan"]
    assert plan.ok, plan.problems
    assert (plan.data_rows, plan.created_count, plan.sheet) == (2, 2, "Data Pegawai")
    assert [(s.first_line, s.last_line) for s in plan.skipped] == [
        (1, 1),
        (2, 2),
        (3, 3),
        (5, 5),
        (8, 8),
        (9, 9),
        (10, 10),
        (11, 11),
        (12, 12),
        (13, 13),
        (14, 14),
        (15, 15),
        (16, 16),
    ]
    reasons = {s.first_line: s.reason for s in plan.skipped}
    assert reasons[1] == "Judul di atas baris judul kolom"
    assert reasons[5] == "Baris nomor kolom"
    assert reasons[8] == reasons[10] == "Baris kosong"
    assert reasons[9] == "Baris jumlah"
    assert reasons[11] == reasons[16] == "Keterangan atau tanda tangan di bawah tabel"
    assert "Baris yang dilewati" in preview.text
    assert "NIP. 19700101 199003 1 001" in preview.text
    assert "Data Pegawai" in preview.text
    confirm(client, preview)
    assert set(Pegawai.objects.values_list("nip", flat=True)) == {NIP_SITI, NIP_AGUS}


def test_ansi_csv_with_title_and_signature_padded_with_separators_is_imported(
    login, operator_bkd, unit, jabatan
):
    # Excel writes every row of the sheet as wide as the table: titles end in ;;;;;;
    width = len(OFFICE_HEADER)
    pad = [""] * (width - 1)
    table = [
        ["DAFTAR NOMINATIF PEGAWAI", *pad],
        ["", *pad],
        *table_of([siti(NAMA="Siti Nur’aini")]),
        ["", "JUMLAH", "1", *pad[2:]],
        ["", *pad],
        ["", "", "Asemrowo, 4 Desember 2026", *pad[2:]],
        ["", "", "NIP. 19700101 199003 1 001", *pad[2:]],
    ]
    client = login(operator_bkd)

    preview = upload(client, text_file(table, encoding="cp1252", delimiter=";"))

    plan = preview.context["plan"]
    assert plan.ok, plan.problems
    assert [s.first_line for s in plan.skipped] == [1, 2, 5, 6, 7, 8]
    confirm(client, preview)
    assert Pegawai.objects.get().nama == "Siti Nur’aini"


def test_a_row_under_the_table_that_misses_only_its_nip_is_reported_not_skipped(
    login, operator_bkd, unit, jabatan
):
    response = upload(login(operator_bkd), csv_file([siti(), agus(NIP="")]))
    assert problems_of(response) == [(3, "NIP")]
    assert response.context["plan"].skipped == []
    assert Pegawai.objects.count() == 0


def test_a_one_cell_row_between_employees_is_skipped_and_listed(login, operator_bkd, unit, jabatan):
    table = table_of([siti()])
    table.insert(1, ["A. BIDANG P2P"])
    preview = upload(login(operator_bkd), text_file(table + table_of([agus()])[1:]))
    plan = preview.context["plan"]
    assert plan.ok, plan.problems
    assert [(s.first_line, s.text) for s in plan.skipped] == [(2, "A. BIDANG P2P")]
    assert plan.created_count == 2


@pytest.mark.parametrize(
    "written",
    [
        "2 Juli 1988",
        "02 Juli 1988",
        "2 Jul 1988",
        "2-Jul-1988",
        "Sabtu, 02 Juli 1988",
        "2 JULI 1988",
    ],
)
def test_dates_written_in_words_are_read(login, operator_bkd, unit, jabatan, written):
    client = login(operator_bkd)
    preview = upload(client, csv_file([siti(TANGGAL_LAHIR=written, TMT_JABATAN="1 Jan 2019")]))
    plan = preview.context["plan"]
    assert plan.ok, plan.problems
    assert plan.notes == []
    confirm(client, preview)
    siti_ = Pegawai.objects.get()
    assert (siti_.tanggal_lahir, siti_.tmt_jabatan) == (
        datetime.date(1988, 7, 2),
        datetime.date(2019, 1, 1),
    )


def test_an_excel_day_number_in_a_text_cell_is_read_with_a_note(login, operator_bkd, unit, jabatan):
    serial = str(int(to_excel(datetime.date(1988, 7, 2))))  # 32326
    client = login(operator_bkd)

    preview = upload(client, csv_file([siti(TANGGAL_LAHIR=serial)]))

    plan = preview.context["plan"]
    assert plan.ok, plan.problems
    assert [(n.line, n.column) for n in plan.notes] == [(2, "TANGGAL_LAHIR")]
    note = plan.notes[0].message
    assert f"“{serial}” dibaca sebagai nomor tanggal Excel: 2 Juli 1988" in note
    assert "Format Sel → Tanggal" in note
    assert "Catatan untuk diperiksa" in preview.text
    confirm(client, preview)
    assert Pegawai.objects.get().tanggal_lahir == datetime.date(1988, 7, 2)


@pytest.mark.parametrize(
    ("bad", "column", "words"),
    [
        ({"TMT_JABATAN": "01/13/2019"}, "TMT_JABATAN", "bulan/hari/tahun"),
        ({"TANGGAL_LAHIR": "2-Jul-88"}, "TANGGAL_LAHIR", "dua digit"),
        ({"TANGGAL_LAHIR": "02-07-88"}, "TANGGAL_LAHIR", "dua digit"),
        ({"TANGGAL_LAHIR": "2 Julli 1988"}, "TANGGAL_LAHIR", "Nama bulan “Julli”"),
        ({"TANGGAL_LAHIR": "31 Juni 1988"}, "TANGGAL_LAHIR", "tidak ada di kalender"),
        ({"TANGGAL_LAHIR": "########"}, "TANGGAL_LAHIR", "terlalu sempit"),
        ({"JABATAN": "#N/A"}, "JABATAN", "galat rumus Excel"),
        ({"NIP": "198807022012032000"}, "NIP", "Excel membulatkannya"),
        ({"NIP": "1,98807E+17"}, "NIP", "notasi ilmiah"),
        ({"GOLONGAN": "Penata (III/b)"}, "GOLONGAN", "tidak cocok: Penata adalah golongan III/c"),
        ({"GOLONGAN": "Penata Muda Tk"}, "GOLONGAN", "tidak dikenal"),
        ({"GOLONGAN": "III/b IV/a"}, "GOLONGAN", "lebih dari satu golongan"),
        ({"NAMA": "Siti Aminah, M.Kes."}, "NAMA", "kolom GELAR_BELAKANG berisi “S.K.M.”"),
    ],
)
def test_what_cannot_be_read_with_certainty_is_refused_with_the_reason(
    login, operator_bkd, unit, jabatan, bad, column, words
):
    client = login(operator_bkd)
    response = upload(client, text_file(table_of([agus(), siti(**bad)]), delimiter=";"))

    assert problems_of(response) == [(3, column)]
    message = response.context["plan"].problems[0].message
    assert words in message
    assert words in response.text
    if column == "NIP":
        assert "Format Sel → Teks" in message  # and how to fix it in Excel
    assert response.context["token"] is None
    assert Pegawai.objects.count() == 0


def test_nip_rounded_by_libreoffice_in_an_xlsx_gets_the_excel_explanation(
    operator_bkd, unit, jabatan
):
    plan = importer.build_plan(xlsx_file([siti(NIP=198807022012032000)]), "xlsx")
    assert [(p.line, p.column) for p in plan.problems] == [(2, "NIP")]
    assert "15 digit" in plan.problems[0].message


@pytest.mark.parametrize(
    "written",
    [
        "III/b",
        "Penata Muda Tk. I",
        "Penata Muda Tk. I (III/b)",
        "Penata Muda Tk. I, III/b",
        "PENATA MUDA TINGKAT I",
        "Gol. III/b",
    ],
)
def test_pangkat_is_read_with_or_instead_of_golongan(login, operator_bkd, unit, jabatan, written):
    plan = upload(login(operator_bkd), csv_file([siti(GOLONGAN=written)])).context["plan"]
    assert plan.ok, plan.problems
    assert plan.rows[0].pegawai.golongan == Golongan.III_B


def test_a_pangkat_column_is_read_as_golongan_or_checked_against_it(
    login, operator_bkd, unit, jabatan
):
    client = login(operator_bkd)
    header = ["Pangkat" if c == "GOLONGAN" else c for c in HEADER]
    row = {**siti(), "Pangkat": "Penata Muda Tk. I"}
    preview = upload(client, csv_file([row], header=header))
    plan = preview.context["plan"]
    assert plan.ok, plan.problems
    assert plan.renamed_columns == [("Pangkat", "GOLONGAN")]
    assert "Kolom dibaca dengan nama lain" in preview.text
    assert plan.rows[0].pegawai.golongan == Golongan.III_B

    both = [*HEADER, "PANGKAT"]
    response = upload(client, csv_file([{**siti(), "PANGKAT": "Penata"}], header=both))
    assert problems_of(response) == [(2, "GOLONGAN")]
    assert "tidak cocok" in response.context["plan"].problems[0].message


def test_degrees_in_the_name_go_to_the_empty_degree_columns_and_are_shown(
    login, operator_bkd, unit, jabatan
):
    client = login(operator_bkd)
    row = siti(NAMA="Dra. Hj. Siti Aminah, S.K.M., M.Kes.", GELAR_BELAKANG="")

    preview = upload(client, csv_file([row, agus(NAMA="Agus Salim")]))

    plan = preview.context["plan"]
    assert plan.ok, plan.problems
    assert [(r.line, r.nama_asli) for r in plan.split_names] == [
        (2, "Dra. Hj. Siti Aminah, S.K.M., M.Kes.")
    ]
    assert "Gelar yang dipisahkan dari nama" in preview.text
    confirm(client, preview)
    siti_ = Pegawai.objects.get(nip=NIP_SITI)
    assert (siti_.gelar_depan, siti_.nama, siti_.gelar_belakang) == (
        "Dra. Hj.",
        "Siti Aminah",
        "S.K.M., M.Kes.",
    )
    # The same file again changes nothing.
    again = upload(client, csv_file([row, agus(NAMA="Agus Salim")])).context["plan"]
    assert (again.created_count, again.updated_count) == (0, 0)


def test_degrees_in_the_name_fill_degree_columns_the_file_does_not_have(
    login, operator_bkd, unit, jabatan
):
    header = [c for c in HEADER if not c.startswith("GELAR")]
    client = login(operator_bkd)
    confirm(client, upload(client, csv_file([siti(NAMA="H. Siti Aminah, S.K.M.")], header=header)))
    siti_ = Pegawai.objects.get()
    assert (siti_.gelar_depan, siti_.nama, siti_.gelar_belakang) == ("H.", "Siti Aminah", "S.K.M.")


def test_a_degree_written_both_in_the_name_and_its_column_is_kept_once(operator_bkd, unit, jabatan):
    plan = importer.build_plan(csv_file([siti(NAMA="Siti Aminah, S.K.M.")]), "csv")
    assert plan.ok, plan.problems
    pegawai = plan.rows[0].pegawai
    assert (pegawai.nama, pegawai.gelar_belakang) == ("Siti Aminah", "S.K.M.")


@pytest.mark.parametrize(
    ("written", "split"),
    [
        ("Dra. Hj. Ratna Sari, M.Si.", ("Dra. Hj.", "Ratna Sari", "M.Si.")),
        ("DR. IR. H. BAMBANG, M.SC., PH.D.", ("DR. IR. H.", "BAMBANG", "M.SC., PH.D.")),
        ("dr. Andi, Sp.PD-KGEH", ("dr.", "Andi", "Sp.PD-KGEH")),
        ("Agus Salim, A.Md.Kep.", ("", "Agus Salim", "A.Md.Kep.")),
        ("Budi, SE", ("", "Budi", "SE")),
        # Not degrees: initials, a name after a comma, H without its dot, a title alone.
        ("Ahmad S.", ("", "Ahmad S.", "")),
        ("Siti, Nur", ("", "Siti, Nur", "")),
        ("H Sutrisno", ("", "H Sutrisno", "")),
        ("Irwan Hadi", ("", "Irwan Hadi", "")),
        ("Drs.", ("", "Drs.", "")),
    ],
)
def test_split_gelar(written, split):
    assert split_gelar(written) == split


def test_an_xlsx_that_unpacks_to_far_more_than_its_size_is_refused(login, operator_bkd, settings):
    settings.MAX_UPLOAD_MB = 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", " " * (31 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024

    client = login(operator_bkd)
    response = upload(client, SimpleUploadedFile("pegawai.xlsx", buffer.getvalue()))

    assert "terlalu besar setelah dibuka" in response.context["form"].errors["berkas"][0]
    assert IMPORT_SESSION_KEY not in client.session


def test_a_file_full_of_quotes_is_answered_quickly(login, operator_bkd):
    # csv.Sniffer is quadratic on such text: on the whole 60 KB it took 20 s.
    data = ("NIP,NAMA\n" + ',"' * 30_000).encode()
    client = login(operator_bkd)
    started = time.perf_counter()
    response = upload(client, SimpleUploadedFile("pegawai.csv", data))
    assert time.perf_counter() - started < 5
    assert response.status_code == 200
    assert Pegawai.objects.count() == 0


CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["JUMLAH", "NIP.", "1 Februari 1980", "27001", "Penata (III/c)", "Dra. Hj. X, M.Si."]
    ),
    st.from_regex(r"[0-9 ,.E+'\"#/;-]{0,24}", fullmatch=True),
)


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    cells=st.lists(st.lists(CELL, max_size=len(OFFICE_HEADER) + 2), max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
    above=st.integers(0, 3),
)
def test_any_office_shaped_file_gets_a_page_not_a_500(
    client, operator_bkd, unit, jabatan, cells, encoding, delimiter, above
):
    client.force_login(operator_bkd)
    table = [["JUDUL"]] * above + [OFFICE_HEADER, *cells]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(table)
    data = out.getvalue().encode(encoding, errors="replace")
    response = upload(client, SimpleUploadedFile("pegawai.csv", data))
    assert response.status_code == 200
    assert Pegawai.objects.count() == 0


def test_header_names_offices_write_are_read_as_the_template_columns(
    login, operator_bkd, unit, jabatan
):
    written = {
        "NIP": "N I P",
        "NAMA": "Nama Pegawai",
        "JENIS_KELAMIN": "L/P",
        "TANGGAL_LAHIR": "Tgl. Lahir",
        "GOLONGAN": "Pangkat/Gol.",
        "JABATAN": "Nama Jabatan",
        "TMT_JABATAN": "TMT Jab.",
        "PENDIDIKAN": "Pendidikan Terakhir",
    }
    header = ["No.", *(written.get(c, c) for c in HEADER)]
    row = {written.get(c, c): v for c, v in siti().items()} | {"No.": "1"}
    preview = upload(login(operator_bkd), csv_file([row], delimiter=";", header=header))

    plan = preview.context["plan"]
    assert plan.ok, plan.problems
    assert plan.created_count == 1
    assert ("N I P", "NIP") in plan.renamed_columns
    assert ("Tgl. Lahir", "TANGGAL_LAHIR") in plan.renamed_columns
    assert plan.rows[0].pegawai.nip == NIP_SITI
