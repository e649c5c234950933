"""Master data that keeps itself honest: a post's retirement age follows the law (teachers at
60) and its level, a kind of post has only its own levels, a structural post has one holder,
and the workload analysis does not change that."""

import pytest
from django.urls import reverse

from instansi import services
from instansi.choices import JenisJabatan, Jenjang
from instansi.models import Formasi, Jabatan
from tests.factories import FormasiFactory, JabatanFactory

pytestmark = pytest.mark.django_db


def jabatan_data(**changes) -> dict:
    data = {
        "nama": "Penata Layanan Operasional",
        "jenis": JenisJabatan.PELAKSANA,
        "jenjang": Jenjang.PELAKSANA,
        "kelas": 7,
        "rumpun": "administrasi",
        "golongan_minimal": 21,  # II/a
    }
    return data | changes


def test_a_teacher_retires_at_60_and_a_junior_functional_post_at_58():
    guru = JabatanFactory(nama="Guru Ahli Pertama", jenjang=Jenjang.AHLI_PERTAMA)
    analis = JabatanFactory(nama="Analis Kebijakan Ahli Pertama", jenjang=Jenjang.AHLI_PERTAMA)
    assert (guru.batas_usia_pensiun, analis.batas_usia_pensiun) == (60, 58)
    utama = JabatanFactory(nama="Guru Ahli Utama", jenjang=Jenjang.AHLI_UTAMA)
    assert utama.batas_usia_pensiun == 65


def test_changing_the_jenjang_in_the_browser_changes_the_retirement_age(login, operator_bkd):
    jabatan = JabatanFactory(nama="Perencana Ahli Muda", jenjang=Jenjang.AHLI_MUDA)
    assert jabatan.batas_usia_pensiun == 58
    client = login(operator_bkd)
    url = reverse("instansi:jabatan_update", args=[jabatan.pk])
    data = jabatan_data(
        nama=jabatan.nama, jenis=JenisJabatan.FUNGSIONAL, jenjang=Jenjang.AHLI_MADYA, kelas=11
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    jabatan.refresh_from_db()
    assert (jabatan.jenjang, jabatan.batas_usia_pensiun) == (Jenjang.AHLI_MADYA, 60)
    assert "batas_usia_pensiun" not in client.get(url).context["form"].fields


def test_a_pelaksana_post_cannot_be_ahli_utama(login, operator_bkd):
    client = login(operator_bkd)
    response = client.post(
        reverse("instansi:jabatan_create"), jabatan_data(jenjang=Jenjang.AHLI_UTAMA)
    )
    assert response.status_code == 200
    message = response.context["form"].errors["jenjang"][0]
    assert "pelaksana tidak berjenjang Ahli Utama" in message
    assert "Pelaksana" in message  # the one level it may have
    assert not Jabatan.objects.filter(nama="Penata Layanan Operasional").exists()
    # The same post with its own level is saved.
    assert client.post(reverse("instansi:jabatan_create"), jabatan_data()).status_code == 302


def test_a_structural_post_needs_one_holder_not_three(unit_a):
    from django.core.exceptions import ValidationError

    kepala = JabatanFactory(
        nama="Kepala Bidang Uji", jenis=JenisJabatan.STRUKTURAL, jenjang=Jenjang.ADMINISTRATOR
    )
    formasi = Formasi(unit=unit_a, jabatan=kepala, kebutuhan=3)
    with pytest.raises(ValidationError) as error:
        formasi.full_clean()
    assert "dipegang satu orang" in error.value.message_dict["kebutuhan"][0]
    formasi.kebutuhan = 1
    formasi.full_clean()


def test_the_workload_analysis_sets_a_structural_posts_need_to_one(operator_bkd, unit_a):
    kepala = JabatanFactory(
        nama="Kepala Bidang Uji", jenis=JenisJabatan.STRUKTURAL, jenjang=Jenjang.ADMINISTRATOR
    )
    struktural = FormasiFactory(unit=unit_a, jabatan=kepala, kebutuhan=1)
    analis = FormasiFactory(unit=unit_a, kebutuhan=1)
    analisis = services.buat_analisis(operator_bkd, unit_a.perangkat_daerah, 2026, 1250, "ke_atas")
    # 3,000 hours of tasks each: 3 people for the functional post, still 1 for the head.
    heavy = [
        {"uraian": "Memimpin rapat", "satuan_hasil": "rapat", "volume": 300, "waktu_menit": 600}
    ]
    for formasi in (struktural, analis):
        services.simpan_tugas(analisis.pk, formasi, heavy, operator_bkd)
    services.ajukan(analisis.pk, operator_bkd)
    services.terima(analisis.pk, operator_bkd)
    struktural.refresh_from_db()
    analis.refresh_from_db()
    assert (struktural.kebutuhan, analis.kebutuhan) == (1, 3)
    assert struktural.beban_kerja_jam == 3000  # the load of its one holder stays measured


def test_bkd_adds_a_post_to_a_unit_and_changes_its_need_in_the_browser(login, operator_bkd, unit_a):
    jabatan = JabatanFactory(nama="Pranata Komputer Ahli Pertama")
    client = login(operator_bkd)
    page = client.get(unit_a.get_absolute_url()).text
    assert "Tambah formasi" in page
    url = reverse("instansi:formasi_create")
    response = client.post(url, {"unit": unit_a.pk, "jabatan": jabatan.pk, "kebutuhan": 2})
    assert response.status_code == 302
    formasi = Formasi.objects.get(unit=unit_a, jabatan=jabatan)
    assert formasi.kebutuhan == 2
    # The same post again in the same unit is refused, with a message.
    again = client.post(url, {"unit": unit_a.pk, "jabatan": jabatan.pk, "kebutuhan": 1})
    assert again.status_code == 200 and again.context["form"].errors
    assert Formasi.objects.filter(unit=unit_a, jabatan=jabatan).count() == 1
    # Only the need changes afterwards; the change is in its history, by whom.
    edit = reverse("instansi:formasi_update", args=[formasi.pk])
    other = JabatanFactory()
    response = client.post(edit, {"unit": unit_a.pk, "jabatan": other.pk, "kebutuhan": 3})
    assert response.status_code == 302
    formasi.refresh_from_db()
    assert (formasi.jabatan, formasi.kebutuhan) == (jabatan, 3)
    last = Formasi.history.filter(id=formasi.pk).first()
    assert last.kebutuhan == 3 and last.history_user == operator_bkd


def test_an_agency_cannot_change_the_staffing_map(login, kepala_opd_a, unit_a):
    formasi = FormasiFactory(unit=unit_a, kebutuhan=1)
    client = login(kepala_opd_a)
    edit = reverse("instansi:formasi_update", args=[formasi.pk])
    assert client.post(edit, {"kebutuhan": 9}).status_code == 403
    formasi.refresh_from_db()
    assert formasi.kebutuhan == 1
    assert "Tambah formasi" not in client.get(unit_a.get_absolute_url()).text
