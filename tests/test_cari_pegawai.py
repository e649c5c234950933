"""Finding the employee by name or NIP when filing a proposal (issue 15 point 9).

The NIP box of /usulan/baru/ suggests employees as the user types (mutasi:usulan_cari_pegawai),
only those the user may see, and says what is wrong with a NIP that cannot be one. Without
JavaScript the form itself names the employees matching a name typed in the box.
"""

import pytest
from django.db import connection
from django.urls import reverse

from mutasi.models import Usulan
from tests.factories import PegawaiFactory
from tests.test_sapuan_input import seperti_postgres

pytestmark = pytest.mark.django_db

CARI = reverse("mutasi:usulan_cari_pegawai")


def cari(client, teks, **extra):
    response = client.get(CARI, {"nip": teks, **extra})
    assert response.status_code == 200
    return response.text


def test_bkd_finds_an_employee_by_part_of_the_name_and_the_suggestion_gives_the_nip(
    login, operator_bkd, pegawai_a, pegawai_b
):
    page = cari(login(operator_bkd), "rahma siti")
    assert f'<option value="{pegawai_a.nip}">Siti Rahmawati' in page
    assert pegawai_b.nama not in page
    assert "1 pegawai cocok" in page
    # The first digits of a NIP find it too.
    assert f'value="{pegawai_b.nip}"' in cari(login(operator_bkd), pegawai_b.nip[:8])


def test_an_agency_is_offered_only_its_own_staff(login, kepala_opd_a, pegawai_a, pegawai_b):
    client = login(kepala_opd_a)
    assert pegawai_a.nip in cari(client, "Siti")
    page = cari(client, "Budi")
    assert pegawai_b.nip not in page and "Budi Santoso" not in page
    assert "Tidak ada pegawai yang dapat Anda usulkan" in page


def test_an_employee_gets_no_suggestions_not_even_themselves(login, asn_a, pegawai_a):
    page = cari(login(asn_a), "Siti")
    assert pegawai_a.nip not in page


def test_inactive_employees_are_not_suggested(login, operator_bkd, unit_a):
    PegawaiFactory(unit=unit_a, nama="Purnawati Lestari", aktif=False)
    assert "<option" not in cari(login(operator_bkd), "Purnawati")


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("19850314201001100", "NIP harus 18 digit, yang dimasukkan 17 digit."),
        ("1985031420100110021", "NIP harus 18 digit, yang dimasukkan 19 digit."),
        ("19850314201001100x", "NIP hanya boleh berisi angka."),
        ("198513142010011002", "bukan tanggal lahir yang ada"),
        ("198503142010013002", "Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)."),
        ("199001012015011999", "Tidak ada pegawai aktif dengan NIP 199001012015011999."),
    ],
)
def test_a_malformed_nip_is_explained_while_typing_and_on_the_form(
    login, operator_bkd, pegawai_a, teks, pesan
):
    client = login(operator_bkd)
    assert pesan in cari(client, teks)
    page = client.post(reverse("mutasi:usulan_create"), {"nip": teks}).text
    assert pesan in page
    assert not Usulan.objects.exists()


def test_a_name_typed_in_the_nip_box_and_sent_names_the_matches(
    login, operator_bkd, pegawai_a, unit_a
):
    """Without JavaScript there are no suggestions: the form answers with the matches."""
    PegawaiFactory(unit=unit_a, nama="Siti Aminah")
    client = login(operator_bkd)
    page = client.post(reverse("mutasi:usulan_create"), {"nip": "Siti"}).text
    assert "bukan NIP" in page
    assert f"Siti Rahmawati ({pegawai_a.nip})" in page and "Siti Aminah (" in page
    assert 'value="Siti"' in page  # what was typed stays in the box
    page = client.post(reverse("mutasi:usulan_create"), {"nip": "Zulkarnaen"}).text
    assert "Tidak ada pegawai yang dapat Anda usulkan dengan nama" in page


def test_choosing_a_suggestion_shows_the_origin(login, operator_bkd, pegawai_a):
    page = cari(login(operator_bkd), pegawai_a.nip)
    assert pegawai_a.unit.nama in page and "Perangkat daerah asal" in page
    assert "text-danger" not in page


def test_an_agency_typing_the_nip_of_another_agencys_employee_is_told_so_without_details(
    login, kepala_opd_a, pegawai_b
):
    page = cari(login(kepala_opd_a), pegawai_b.nip)
    assert "perangkat daerah lain" in page
    assert pegawai_b.nama not in page
    assert "Tidak ada pegawai" not in page


@pytest.mark.parametrize("teks", ["\x00", "Siti\x00", "1" * 200, "%", "_", "' OR 1=1 --"])
def test_odd_input_answers_calmly_also_on_postgresql(login, operator_bkd, pegawai_a, teks):
    client = login(operator_bkd)
    with connection.execute_wrapper(seperti_postgres):
        page = cari(client, teks)
    assert pegawai_a.nip not in page or teks == "_"


def test_the_suggestions_are_a_few_and_the_query_count_does_not_grow(
    login, operator_bkd, unit_a, django_assert_max_num_queries
):
    for i in range(15):
        PegawaiFactory(unit=unit_a, nama=f"Sri Wahyuni {i}")
    client = login(operator_bkd)
    with django_assert_max_num_queries(12):
        page = cari(client, "Sri")
    assert page.count("<option ") == 10
    assert "Lebih dari 10 pegawai cocok" in page
