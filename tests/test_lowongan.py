"""Vacancies: formasi whose need exceeds their holders, filtered, sorted and exported."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instansi.choices import JenisJabatan
from tests.factories import FormasiFactory, JabatanFactory, PegawaiFactory, UnitKerjaFactory

pytestmark = pytest.mark.django_db

URL = reverse("mutasi:lowongan")


def formasi(unit, jenis, kelas, kebutuhan, holders, inactive=0, nama=None):
    jabatan = JabatanFactory(jenis=jenis, kelas=kelas, **({"nama": nama} if nama else {}))
    f = FormasiFactory(unit=unit, jabatan=jabatan, kebutuhan=kebutuhan, beban_kerja_jam=None)
    PegawaiFactory.create_batch(holders, unit=unit, jabatan=jabatan)
    PegawaiFactory.create_batch(inactive, unit=unit, jabatan=jabatan, aktif=False)
    return f


@pytest.fixture
def data(unit_a, unit_b):
    """Three vacancies (4, 3 and 1 missing) among five formasi.

    A: struktural 9 (need 5, 1 holder: 4 missing), fungsional 8 (2 of 2: full),
       pelaksana 5 (need 1, 3 holders: surplus).
    B: fungsional 10 (need 3, nobody: 3 missing), pelaksana 6 (need 2, 1 holder and one
       inactive: 1 missing).
    """
    return {
        "a_struktural": formasi(unit_a, JenisJabatan.STRUKTURAL, 9, 5, 1, nama="Kepala Bidang"),
        "a_penuh": formasi(unit_a, JenisJabatan.FUNGSIONAL, 8, 2, 2),
        "a_lebih": formasi(unit_a, JenisJabatan.PELAKSANA, 5, 1, 3),
        "b_fungsional": formasi(unit_b, JenisJabatan.FUNGSIONAL, 10, 3, 0, nama="Guru Kimia"),
        "b_pelaksana": formasi(unit_b, JenisJabatan.PELAKSANA, 6, 2, 1, inactive=1),
    }


def vacancies(response):
    assert response.status_code == 200
    return [(f.pk, f.kursi) for f in response.context["table"].data]


def test_lists_exactly_the_formasi_lacking_holders_biggest_gap_first(login, operator_bkd, data):
    response = login(operator_bkd).get(URL)
    assert vacancies(response) == [
        (data["a_struktural"].pk, 4),
        (data["b_fungsional"].pk, 3),
        (data["b_pelaksana"].pk, 1),
    ]
    assert "Kepala Bidang" in response.text


def test_each_row_links_to_its_unit(login, operator_bkd, data, unit_a):
    html = login(operator_bkd).get(URL).text
    assert f'href="{reverse("instansi:unit_detail", args=[unit_a.pk])}"' in html


def test_filter_by_agency(login, operator_bkd, data, opd_b):
    response = login(operator_bkd).get(URL, {"perangkat_daerah": opd_b.pk})
    assert [pk for pk, _ in vacancies(response)] == [
        data["b_fungsional"].pk,
        data["b_pelaksana"].pk,
    ]


def test_filter_by_unit(login, operator_bkd, data, unit_a):
    response = login(operator_bkd).get(URL, {"unit": unit_a.pk})
    assert vacancies(response) == [(data["a_struktural"].pk, 4)]


def test_filter_by_kind_of_jabatan(login, operator_bkd, data):
    response = login(operator_bkd).get(URL, {"jenis": JenisJabatan.PELAKSANA})
    assert vacancies(response) == [(data["b_pelaksana"].pk, 1)]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kelas": 10}, ["b_fungsional"]),
        ({"kelas_min": 9}, ["a_struktural", "b_fungsional"]),
        ({"kelas_max": 6}, ["b_pelaksana"]),
        ({"kelas_min": 6, "kelas_max": 9}, ["a_struktural", "b_pelaksana"]),
    ],
)
def test_filter_by_class(login, operator_bkd, data, params, expected):
    response = login(operator_bkd).get(URL, params)
    assert [pk for pk, _ in vacancies(response)] == [data[k].pk for k in expected]


def test_filter_by_minimum_gap(login, operator_bkd, data):
    response = login(operator_bkd).get(URL, {"kursi_min": 3})
    assert vacancies(response) == [(data["a_struktural"].pk, 4), (data["b_fungsional"].pk, 3)]


def test_sort_by_gap_ascending(login, operator_bkd, data):
    response = login(operator_bkd).get(URL, {"sort": "kursi"})
    assert [k for _, k in vacancies(response)] == [1, 3, 4]


@pytest.mark.parametrize(
    "column", ["perangkat_daerah", "unit", "jabatan", "kelas", "kebutuhan", "bezetting"]
)
def test_every_column_sorts(login, operator_bkd, data, column):
    for sort in (column, f"-{column}"):
        assert len(vacancies(login(operator_bkd).get(URL, {"sort": sort}))) == 3


def test_opd_user_sees_only_own_agency(login, kepala_opd_a, data, opd_b):
    client = login(kepala_opd_a)
    assert vacancies(client.get(URL)) == [(data["a_struktural"].pk, 4)]
    # Asking for another agency does not widen the scope.
    response = client.get(URL, {"perangkat_daerah": opd_b.pk})
    assert response.status_code == 200
    assert "Guru Kimia" not in response.text


def test_csv_export_has_every_vacancy_with_its_gap(login, operator_bkd, data):
    response = login(operator_bkd).get(URL, {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[-1] == "Kursi kosong" and "Tindakan" not in header
    assert [(r[header.index("Jabatan")], r[-1]) for r in body] == [
        ("Kepala Bidang", "4"),
        ("Guru Kimia", "3"),
        (data["b_pelaksana"].jabatan.nama, "1"),
    ]


def test_csv_export_respects_filters(login, operator_bkd, data):
    response = login(operator_bkd).get(URL, {"export": "csv", "kursi_min": 4})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2


def test_htmx_request_gets_only_the_table(login, operator_bkd, data):
    response = login(operator_bkd).get(URL, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="tabel")
    assert "<html" not in response.text
    assert 'id="tabel"' in response.text


def test_asn_gets_403(login, asn_a):
    assert login(asn_a).get(URL).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def _count_queries(client, params=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params or {}).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_rows(login, operator_bkd, unit_a, unit_b):
    formasi(unit_a, JenisJabatan.FUNGSIONAL, 8, 2, 1)
    client = login(operator_bkd)
    assert _count_queries(client) == QUERIES
    for i in range(12):
        unit = UnitKerjaFactory(perangkat_daerah=(unit_a if i % 2 else unit_b).perangkat_daerah)
        formasi(unit, JenisJabatan.PELAKSANA, 5 + i % 4, 3, i % 3)
    assert _count_queries(client) == QUERIES
    assert _count_queries(client, {"export": "csv"}) == QUERIES_CSV


# The page: session, user, roles, unread notices, the count, the rows, the service-quality
# signals of the listed units, the two filter choice lists; the export: session, user, roles,
# the rows.
QUERIES, QUERIES_CSV = 9, 4


def test_propose_links_only_for_those_who_may_file(login, operator_bkd, verifikator, data):
    assert "/usulan/baru/?formasi=" in login(operator_bkd).get(URL).text
    assert "/usulan/baru/?formasi=" not in login(verifikator).get(URL).text


def test_the_old_address_under_instansi_leads_to_the_list_with_its_filters(client):
    response = client.get("/instansi/lowongan/?perangkat_daerah=3")
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?perangkat_daerah=3"
