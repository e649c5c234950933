"""Importing employees from a staff file: preview, validation, commit all-or-nothing."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from instansi.models import BidangPendidikan
from mutasi.models import AuditLog
from pegawai import importer
from pegawai.access import Role
from pegawai.choices import Golongan, PredikatSkp, TingkatPendidikan
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
        ("pegawai.pdf", b"%PDF-1.7 ...", ".csv atau .xlsx"),
        ("pegawai.xls", b"\xd0\xcf\x11\xe0 old excel", "simpan sebagai"),
        ("pegawai.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("pegawai.csv", bytes(range(256)) * 4, "bukan teks CSV"),
        ("pegawai.csv", "NIP;NAMA\n1;Dédé".encode("latin-1"), "UTF-8"),
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
        table = importer.read_table(f, "csv")
        header = table[0][1]
        # The sample refers to these units and positions; with them, nothing is wrong.
        for kode in {cells[header.index("UNIT_KERJA")] for _, cells in table[1:]}:
            UnitKerjaFactory(perangkat_daerah=opd_a, kode=kode)
        for nama in {cells[header.index("JABATAN")] for _, cells in table[1:]}:
            JabatanFactory(nama=nama)
        plan = importer.build_plan(f, "csv")
    assert plan.ok, plan.problems
    assert plan.created_count == plan.data_rows == 3
