"""Pages a BKD user works with: lists with filters and export, forms, log-in, health."""

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pegawai.models import Pegawai
from tests.conftest import PASSWORD
from tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory, make_nip

pytestmark = pytest.mark.django_db


def test_search_by_nip_prefix_finds_the_employee(login, operator_bkd, pegawai_a, pegawai_b):
    response = login(operator_bkd).get(reverse("pegawai:list"), {"q": pegawai_a.nip})
    assert pegawai_a.nama in response.text
    assert pegawai_b.nama not in response.text


def test_search_by_part_of_the_name_ignores_case(login, operator_bkd, pegawai_a, pegawai_b):
    response = login(operator_bkd).get(reverse("pegawai:list"), {"q": "rahma"})
    assert pegawai_a.nama in response.text
    assert pegawai_b.nama not in response.text


def test_htmx_request_gets_only_the_table(login, operator_bkd, pegawai_a):
    response = login(operator_bkd).get(
        reverse("pegawai:list"), {"q": "Siti"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="tabel"
    )
    assert "<html" not in response.text
    assert 'id="tabel"' in response.text
    assert pegawai_a.nama in response.text


def test_csv_export_has_every_filtered_row_not_just_the_page(login, operator_bkd, unit_a, unit_b):
    PegawaiFactory.create_batch(30, unit=unit_a)
    PegawaiFactory.create_batch(3, unit=unit_b)
    response = login(operator_bkd).get(
        reverse("pegawai:list"), {"opd": unit_a.perangkat_daerah_id, "export": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["NIP", "Nama"]
    assert len(rows) == 31


def test_xlsx_export_respects_the_user_scope(login, kepala_opd_a, pegawai_a, pegawai_b):
    response = login(kepala_opd_a).get(reverse("pegawai:list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    nips = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert nips == [pegawai_a.nip]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_formula_typed_into_a_name_is_exported_as_text(login, operator_bkd, unit_a, fmt):
    PegawaiFactory(unit=unit_a, nama='=HYPERLINK("http://x.test","klik")')
    PegawaiFactory(unit=unit_a, nama="-2+3")
    response = login(operator_bkd).get(reverse("pegawai:list"), {"export": fmt})
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
        names = sorted(row[1] for row in rows)
    else:
        book = load_workbook(io.BytesIO(response.content))
        cells = [row[1] for row in book.active.iter_rows(min_row=2)]
        assert all(cell.data_type == "s" for cell in cells)
        names = sorted(cell.value for cell in cells)
    assert names == ["'-2+3", '\'=HYPERLINK("http://x.test","klik")']


def test_bad_filter_values_do_not_break_the_list(login, operator_bkd, pegawai_a):
    response = login(operator_bkd).get(
        reverse("pegawai:list"), {"opd": "x'; DROP TABLE", "golongan": "99", "page": "abc"}
    )
    assert response.status_code in (200, 404)


def test_bkd_creates_an_employee_and_the_change_is_logged(login, operator_bkd):
    unit, jabatan = UnitKerjaFactory(), JabatanFactory()
    nip = make_nip()
    data = {
        "nip": nip,
        "nama": "Dewi Lestari",
        "jenis_kelamin": "1",
        "tanggal_lahir": "1985-03-14",
        "golongan": "32",
        "unit": unit.pk,
        "jabatan": jabatan.pk,
        "tmt_jabatan": "2021-02-01",
        "tingkat_pendidikan": "8",
        "aktif": "on",
    }
    response = login(operator_bkd).post(reverse("pegawai:create"), data)
    pegawai = Pegawai.objects.get(nip=nip)
    assert response.url == pegawai.get_absolute_url()
    assert pegawai.history.first().history_user == operator_bkd


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("12345", "18 digit"),
        ("198502302010011003", "tanggal lahir"),
        ("198503142010012003", "Jenis kelamin tidak sama"),
    ],
)
def test_invalid_nip_in_the_form_is_refused_and_nothing_saved(login, operator_bkd, nip, message):
    unit, jabatan = UnitKerjaFactory(), JabatanFactory()
    data = {
        "nip": nip,
        "nama": "Dewi Lestari",
        "jenis_kelamin": "1",
        "tanggal_lahir": "1985-03-14",
        "golongan": "32",
        "unit": unit.pk,
        "jabatan": jabatan.pk,
        "tmt_jabatan": "2021-02-01",
        "tingkat_pendidikan": "8",
    }
    response = login(operator_bkd).post(reverse("pegawai:create"), data)
    assert response.status_code == 200
    assert message in response.text
    assert not Pegawai.objects.exists()


def test_unit_form_refuses_a_move_under_its_own_descendant(login, operator_bkd):
    root = UnitKerjaFactory()
    child = UnitKerjaFactory(perangkat_daerah=root.perangkat_daerah, parent=root)
    data = {
        "perangkat_daerah": root.perangkat_daerah_id,
        "parent": child.pk,
        "nama": root.nama,
        "jenis": root.jenis,
        "kode": root.kode,
    }
    response = login(operator_bkd).post(reverse("instansi:unit_update", args=[root.pk]), data)
    assert "turunannya" in response.text
    root.refresh_from_db()
    assert root.parent is None


def test_log_in_with_nip_or_username(client, asn_a, pegawai_a):
    response = client.post(reverse("login"), {"username": pegawai_a.nip, "password": PASSWORD})
    assert response.status_code == 302
    client.logout()
    response = client.post(reverse("login"), {"username": "asn.a", "password": PASSWORD})
    assert response.status_code == 302


def test_five_wrong_passwords_lock_the_account(client, asn_a, pegawai_a):
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "asn.a", "password": "salah"})
    response = client.post(reverse("login"), {"username": pegawai_a.nip, "password": PASSWORD})
    assert response.status_code == 429
    assert "dikunci" in response.text


def test_wrong_password_message_is_in_indonesian(client, asn_a):
    response = client.post(reverse("login"), {"username": "asn.a", "password": "salah"})
    assert "kata sandi salah" in response.text


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response.text) == (200, "ok")


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper

    def broken_cursor(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_agency_and_unit_lists_count_units_and_active_employees(login, operator_bkd, unit_a, opd_a):
    UnitKerjaFactory(perangkat_daerah=opd_a)
    PegawaiFactory.create_batch(3, unit=unit_a)
    PegawaiFactory(unit=unit_a, aktif=False)
    client = login(operator_bkd)
    table = client.get(reverse("instansi:opd_list")).context["table"]
    row = next(r for r in table.data if r.pk == opd_a.pk)
    assert (row.jumlah_unit, row.jumlah_pegawai) == (2, 3)
    table = client.get(reverse("instansi:unit_list")).context["table"]
    assert next(r for r in table.data if r.pk == unit_a.pk).jumlah_pegawai == 3


def test_a_large_unit_lists_its_first_people_and_links_to_all_of_them(
    login, operator_bkd, unit_a, monkeypatch
):
    monkeypatch.setattr("instansi.views.PEGAWAI_DI_UNIT", 2)
    names = ["Citra", "Adi", "Bayu"]
    for nama in names:
        PegawaiFactory(unit=unit_a, nama=nama)
    PegawaiFactory(unit=unit_a, nama="Aaron", aktif=False)
    page = login(operator_bkd).get(reverse("instansi:unit_detail", args=[unit_a.pk])).text
    assert "Pegawai (3)" in page
    assert ">Adi<" in page and ">Bayu<" in page and ">Citra<" not in page and "Aaron" not in page
    assert f'href="{reverse("pegawai:list")}?unit={unit_a.pk}"' in page


@pytest.mark.parametrize("sort", ["unit", "-unit", "opd", "jabatan", "golongan", "tmt_jabatan"])
def test_every_sort_pages_through_each_employee_once_in_one_order(login, operator_bkd, sort):
    """Employees who tie on the sorted column (the same unit name in two agencies, the same
    post) keep one order, name then row id, so page 1 and page 2 share nobody and miss
    nobody."""
    jabatan = JabatanFactory(nama="Pranata Komputer Ahli Pertama")
    created = []
    for singkatan in ("Dinkes", "Disdik"):
        unit = UnitKerjaFactory(perangkat_daerah__singkatan=singkatan, nama="Sekretariat")
        # Inserted in reverse name order: a database left to break ties by row would not
        # list them by name.
        for nama in ("Yusuf", "Wati", "Rina", "Budi"):
            created.append(PegawaiFactory(unit=unit, jabatan=jabatan, nama=nama, golongan=33))
    client = login(operator_bkd)
    pages = [
        client.get(reverse("pegawai:list"), {"sort": sort, "per_page": 3, "page": n}).text
        for n in (1, 2, 3)
    ]
    shown = [nip for page in pages for nip in re.findall(r">(\d{18})</a>", page)]
    key = {
        "unit": lambda p: (p.unit.nama, p.unit_id),
        "-unit": lambda p: (p.unit.nama, p.unit_id),
        "opd": lambda p: (p.unit.perangkat_daerah.nama, p.unit.perangkat_daerah_id),
    }.get(sort, lambda p: ())
    expected = sorted(created, key=lambda p: (*key(p), p.nama, p.pk), reverse=sort == "-unit")
    assert shown == [p.nip for p in expected][:9]


@pytest.mark.parametrize(
    "tmt, words",
    [
        (datetime.date(2026, 12, 1), "(4 hari)"),
        (datetime.date(2022, 11, 1), "(4 tahun 1 bulan)"),
        (datetime.date(2021, 12, 5), "(5 tahun)"),
        (datetime.date(2027, 1, 15), "(belum dimulai)"),
    ],
)
def test_the_time_in_post_is_said_in_years_months_or_days_never_hours(
    login, operator_bkd, pegawai_a, tmt, words
):
    Pegawai.objects.filter(pk=pegawai_a.pk).update(tmt_jabatan=tmt)
    moment = timezone.make_aware(datetime.datetime(2026, 12, 5, 23, 30))
    with time_machine.travel(moment, tick=False):
        page = login(operator_bkd).get(reverse("pegawai:detail", args=[pegawai_a.pk])).text
    assert words in page
    assert " jam)" not in page


def test_a_form_only_address_opened_directly_is_a_page_not_a_blank_screen(login, asn_a):
    client = login(asn_a)
    for url in (reverse("logout"), reverse("mutasi:usulan_sikap", args=[1])):
        response = client.get(url)
        assert response.status_code == 405
        assert "POST" in response.headers["Allow"]
        page = response.content.decode()
        assert "Alamat ini tidak dibuka langsung" in page and 'href="/"' in page
