"""Needs analysis (ANJAB/ABK): arithmetic, entry, review workflow and its permissions."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from instansi import abk, beban, services
from instansi.choices import KategoriEJ, Pembulatan, StatusAnalisis
from instansi.models import AnalisisBebanKerja, Formasi, UraianTugas
from mutasi.models import AuditLog
from tests.factories import FormasiFactory, PegawaiFactory


def test_worked_example_needs_one_person_with_round_up():
    # 54,300 minutes of work against 1,250 h × 60 = 75,000 available minutes.
    jam = abk.beban_jam([(181, 300)])
    assert jam == Decimal(905)
    pecahan = abk.kebutuhan_pecahan(jam, 1250)
    assert pecahan == Decimal("0.724")
    assert abk.bulatkan(pecahan, Pembulatan.KE_ATAS) == 1
    assert abk.bulatkan(Decimal("1.02"), Pembulatan.KE_ATAS) == 2


@pytest.mark.parametrize(
    ("pecahan", "expected"),
    [("0.4", 0), ("0.5", 1), ("1.49", 1), ("1.5", 2), ("0", 0)],
)
def test_mathematical_rounding_is_half_up(pecahan, expected):
    assert abk.bulatkan(Decimal(pecahan), Pembulatan.MATEMATIS) == expected


def test_ej_is_workload_over_holders_times_effective_hours():
    assert beban.efisiensi(Decimal(1875), 2, 1250) == Decimal("0.75")
    assert beban.efisiensi(Decimal(100), 0, 1250) is None


pytestmark = pytest.mark.django_db


@pytest.fixture
def formasi_a(unit_a):
    formasi = FormasiFactory(unit=unit_a, kebutuhan=0)
    PegawaiFactory(unit=unit_a, jabatan=formasi.jabatan)
    return formasi


@pytest.fixture
def analisis_a(opd_a, kepala_opd_a):
    return services.buat_analisis(kepala_opd_a, opd_a, 2026, 1250, Pembulatan.KE_ATAS)


def tugas_post(rows):
    data = {"tugas-TOTAL_FORMS": str(len(rows)), "tugas-INITIAL_FORMS": "0"}
    for i, (uraian, volume, menit) in enumerate(rows):
        data |= {
            f"tugas-{i}-uraian": uraian,
            f"tugas-{i}-satuan_hasil": "dokumen",
            f"tugas-{i}-volume": volume,
            f"tugas-{i}-waktu_menit": menit,
        }
    return data


def test_opd_head_enters_tasks_and_sees_the_computed_need(
    login, kepala_opd_a, analisis_a, formasi_a
):
    client = login(kepala_opd_a)
    url = reverse("instansi:abk_formasi", args=[analisis_a.pk, formasi_a.pk])
    response = client.post(url, tugas_post([("Menyusun laporan", 150, 300), ("Rapat", 48, 300)]))
    assert response.status_code == 302
    assert analisis_a.tugas.count() == 2
    detail = client.get(reverse("instansi:abk_detail", args=[analisis_a.pk]))
    hasil = next(h for h in detail.context["hasil"] if h.formasi == formasi_a)
    assert hasil.beban_jam == Decimal(990)
    assert (hasil.kebutuhan, hasil.bezetting, hasil.selisih) == (1, 1, 0)
    assert hasil.kategori == KategoriEJ.C  # 990 / 1250 = 0.79


def test_live_summary_computes_without_saving(login, kepala_opd_a, analisis_a, formasi_a):
    url = reverse("instansi:abk_hitung", args=[analisis_a.pk, formasi_a.pk])
    response = login(kepala_opd_a).post(url, tugas_post([("Menyusun laporan", 181, 300)]))
    assert response.context["hasil"].beban_jam == Decimal(905)
    assert response.context["hasil"].kebutuhan == 1
    assert "<html" not in response.text
    assert not UraianTugas.objects.exists()


@pytest.mark.parametrize(
    ("volume", "menit", "message"),
    [
        ("-5", "30", "lebih besar dari atau sama dengan 1"),
        ("10", "75001", "satu tahun kerja"),
        ("abc", "30", "bilangan bulat, tanpa koma"),
        ("10", "0", "lebih besar dari atau sama dengan 1"),
    ],
)
def test_absurd_volume_or_time_is_refused_and_nothing_saved(
    login, kepala_opd_a, analisis_a, formasi_a, volume, menit, message
):
    url = reverse("instansi:abk_formasi", args=[analisis_a.pk, formasi_a.pk])
    data = tugas_post([("Tugas baik", 10, 30), ("Tugas aneh", volume, menit)])
    response = login(kepala_opd_a).post(url, data)
    assert response.status_code == 200
    assert message in response.text
    assert not UraianTugas.objects.exists()


def test_jabatan_outside_the_agency_is_not_found(login, kepala_opd_a, analisis_a, unit_b):
    other = FormasiFactory(unit=unit_b)
    url = reverse("instansi:abk_formasi", args=[analisis_a.pk, other.pk])
    assert login(kepala_opd_a).get(url).status_code == 404


def test_other_agency_user_cannot_see_or_edit_the_analysis(
    login, operator_opd_b, analisis_a, formasi_a
):
    client = login(operator_opd_b)
    assert client.get(reverse("instansi:abk_detail", args=[analisis_a.pk])).status_code == 404
    url = reverse("instansi:abk_formasi", args=[analisis_a.pk, formasi_a.pk])
    assert client.post(url, tugas_post([("x", 1, 1)])).status_code == 404
    assert client.post(reverse("instansi:abk_ajukan", args=[analisis_a.pk])).status_code == 404
    assert not UraianTugas.objects.exists()


def test_submit_accept_sets_the_need_and_logs_each_step(
    login, kepala_opd_a, verifikator, analisis_a, formasi_a
):
    services.simpan_tugas(
        analisis_a.pk,
        formasi_a,
        [{"uraian": "Layanan", "satuan_hasil": "pasien", "volume": 3000, "waktu_menit": 60}],
        kepala_opd_a,
    )
    login(kepala_opd_a).post(reverse("instansi:abk_ajukan", args=[analisis_a.pk]))
    analisis_a.refresh_from_db()
    assert analisis_a.status == StatusAnalisis.DIAJUKAN

    login(verifikator).post(
        reverse("instansi:abk_terima", args=[analisis_a.pk]), {"versi": services.versi(analisis_a)}
    )
    analisis_a.refresh_from_db()
    formasi_a.refresh_from_db()
    assert analisis_a.status == StatusAnalisis.DITERIMA
    assert formasi_a.kebutuhan == 3  # 3000 h / 1250 = 2.4 → 3
    assert formasi_a.beban_kerja_jam == Decimal("3000.00")
    actions = list(AuditLog.objects.for_object(analisis_a).values_list("action", "actor"))
    assert actions[:3] == [
        ("instansi.abk.diterima", verifikator.pk),
        ("instansi.abk.diajukan", kepala_opd_a.pk),
        ("instansi.abk.diubah", kepala_opd_a.pk),
    ]


def test_an_analysis_changed_and_submitted_again_is_not_accepted_from_the_page_read_before(
    login, kepala_opd_a, verifikator, analisis_a, formasi_a
):
    """Two tabs: the verifier reads the analysis, returns it in another tab, the agency
    raises a task's volume and submits again; the first tab's 'Terima' is refused."""
    task = {"uraian": "Layanan", "satuan_hasil": "pasien", "volume": 1000, "waktu_menit": 60}
    services.simpan_tugas(analisis_a.pk, formasi_a, [task], kepala_opd_a)
    services.ajukan(analisis_a.pk, kepala_opd_a)
    client = login(verifikator)
    page = client.get(reverse("instansi:abk_detail", args=[analisis_a.pk])).text
    read_before = re.search(r'name="versi" value="([^"]+)"', page).group(1)
    services.kembalikan(analisis_a.pk, verifikator, "Volume dicek lagi.")
    services.simpan_tugas(analisis_a.pk, formasi_a, [task | {"volume": 9000}], kepala_opd_a)
    services.ajukan(analisis_a.pk, kepala_opd_a)

    url = reverse("instansi:abk_terima", args=[analisis_a.pk])
    response = client.post(url, {"versi": read_before}, follow=True)
    assert "diajukan lagi sejak halaman Anda dibuka" in response.text
    analisis_a.refresh_from_db()
    formasi_a.refresh_from_db()
    assert analisis_a.status == StatusAnalisis.DIAJUKAN
    assert formasi_a.tahun_analisis != analisis_a.tahun


def test_opd_head_cannot_accept_own_analysis(login, kepala_opd_a, analisis_a, formasi_a):
    analisis_a.status = StatusAnalisis.DIAJUKAN
    analisis_a.save()
    response = login(kepala_opd_a).post(reverse("instansi:abk_terima", args=[analisis_a.pk]))
    assert response.status_code == 403
    analisis_a.refresh_from_db()
    assert analisis_a.status == StatusAnalisis.DIAJUKAN


def test_return_needs_notes_which_are_shown_on_top(
    login, kepala_opd_a, verifikator, analisis_a, formasi_a
):
    analisis_a.status = StatusAnalisis.DIAJUKAN
    analisis_a.save()
    client = login(verifikator)
    client.post(reverse("instansi:abk_kembalikan", args=[analisis_a.pk]), {"catatan": ""})
    analisis_a.refresh_from_db()
    assert analisis_a.status == StatusAnalisis.DIAJUKAN
    client.post(
        reverse("instansi:abk_kembalikan", args=[analisis_a.pk]),
        {"catatan": "Volume layanan puskesmas tidak wajar."},
    )
    analisis_a.refresh_from_db()
    assert analisis_a.status == StatusAnalisis.DIKEMBALIKAN
    page = login(kepala_opd_a).get(reverse("instansi:abk_detail", args=[analisis_a.pk]))
    assert "Volume layanan puskesmas tidak wajar." in page.text


def test_accepted_analysis_cannot_be_edited(login, kepala_opd_a, analisis_a, formasi_a):
    analisis_a.status = StatusAnalisis.DITERIMA
    analisis_a.save()
    url = reverse("instansi:abk_formasi", args=[analisis_a.pk, formasi_a.pk])
    response = login(kepala_opd_a).post(url, tugas_post([("x", 1, 1)]), follow=True)
    assert "tidak dapat diubah" in response.text
    assert not UraianTugas.objects.exists()


def test_submitting_twice_is_refused_with_a_message(login, kepala_opd_a, analisis_a, formasi_a):
    services.simpan_tugas(
        analisis_a.pk,
        formasi_a,
        [{"uraian": "Layanan", "satuan_hasil": "pasien", "volume": 10, "waktu_menit": 60}],
        kepala_opd_a,
    )
    client = login(kepala_opd_a)
    client.post(reverse("instansi:abk_ajukan", args=[analisis_a.pk]))
    response = client.post(reverse("instansi:abk_ajukan", args=[analisis_a.pk]), follow=True)
    assert "tidak dapat diajukan lagi" in response.text
    assert AuditLog.objects.filter(action="instansi.abk.diajukan").count() == 1


def test_an_older_year_does_not_overwrite_a_newer_accepted_need(
    opd_a, kepala_opd_a, verifikator, formasi_a
):
    def accepted(tahun, volume):
        analisis = services.buat_analisis(kepala_opd_a, opd_a, tahun, 1250, Pembulatan.KE_ATAS)
        row = {"uraian": "Layanan", "satuan_hasil": "x", "volume": volume, "waktu_menit": 60}
        services.simpan_tugas(analisis.pk, formasi_a, [row], kepala_opd_a)
        services.ajukan(analisis.pk, kepala_opd_a)
        return services.terima(analisis.pk, verifikator)

    accepted(2026, 5000)  # → 4
    older = accepted(2025, 1000)  # → 1, but 2026 is newer
    formasi_a.refresh_from_db()
    assert (formasi_a.kebutuhan, formasi_a.tahun_analisis) == (4, 2026)
    assert older.tugas.get().volume == 1000


def test_new_year_copies_last_years_tasks(opd_a, kepala_opd_a, analisis_a, formasi_a):
    row = {"uraian": "Layanan", "satuan_hasil": "x", "volume": 10, "waktu_menit": 60}
    services.simpan_tugas(analisis_a.pk, formasi_a, [row], kepala_opd_a)
    baru = services.buat_analisis(kepala_opd_a, opd_a, 2027, 1250, Pembulatan.KE_ATAS, salin=True)
    assert baru.tugas.get().uraian == "Layanan"
    assert analisis_a.tugas.count() == 1


def test_same_year_twice_is_refused_by_the_form(login, kepala_opd_a, analisis_a, opd_a):
    data = {
        "perangkat_daerah": opd_a.pk,
        "tahun": 2026,
        "jam_efektif": 1250,
        "pembulatan": "ke_atas",
    }
    response = login(kepala_opd_a).post(reverse("instansi:abk_create"), data)
    assert response.status_code == 200
    assert AnalisisBebanKerja.objects.count() == 1


def test_opd_user_cannot_create_an_analysis_for_another_agency(login, kepala_opd_a, opd_b):
    data = {"perangkat_daerah": opd_b.pk, "tahun": 2026, "jam_efektif": 1250}
    data["pembulatan"] = "ke_atas"
    response = login(kepala_opd_a).post(reverse("instansi:abk_create"), data)
    assert response.status_code == 200  # the agency is not among the choices
    assert not AnalisisBebanKerja.objects.exists()


def test_analysis_page_query_count_does_not_grow_with_formasi(
    login, kepala_opd_a, analisis_a, unit_a, django_assert_num_queries
):
    from tests.test_access import count_queries

    client = login(kepala_opd_a)
    url = reverse("instansi:abk_detail", args=[analisis_a.pk])
    FormasiFactory.create_batch(2, unit=unit_a)
    few = count_queries(client, url)
    FormasiFactory.create_batch(20, unit=unit_a)
    assert count_queries(client, url) == few
    assert Formasi.objects.count() == 22


@pytest.mark.django_db
def test_a_second_analysis_for_the_same_year_says_it_already_exists(opd_a):
    from django.core.exceptions import ValidationError

    from instansi.models import AnalisisBebanKerja

    AnalisisBebanKerja.objects.create(perangkat_daerah=opd_a, tahun=2026, jam_efektif=1250)
    with pytest.raises(ValidationError, match="sudah memiliki analisis beban kerja"):
        AnalisisBebanKerja(
            perangkat_daerah=opd_a, tahun=2026, jam_efektif=1250
        ).validate_constraints()


# --- Reading and finding one's way (issue 15 point 8) ----------------------------------------

PANJANG = (
    "Menyusun laporan kinerja bulanan seluruh puskesmas di wilayah kerja, termasuk rekapitulasi "
    "kunjungan pasien, capaian program imunisasi dan gizi, serta analisis kendala di lapangan"
)


def test_the_verifier_reads_the_tasks_of_a_submitted_analysis_without_excel(
    login, kepala_opd_a, verifikator, analisis_a, formasi_a
):
    services.simpan_tugas(
        analisis_a.pk,
        formasi_a,
        [{"uraian": PANJANG, "satuan_hasil": "laporan", "volume": 1200, "waktu_menit": 90}],
        kepala_opd_a,
    )
    services.ajukan(analisis_a.pk, kepala_opd_a)
    client = login(verifikator)
    detail = client.get(reverse("instansi:abk_detail", args=[analisis_a.pk])).text
    url = reverse("instansi:abk_formasi", args=[analisis_a.pk, formasi_a.pk])
    assert f'href="{url}"' in detail and "Baca" in detail
    page = client.get(url)
    assert page.status_code == 200
    assert PANJANG in page.text  # the whole task, not cut off
    assert "1.800,00" in page.text  # 1 200 × 90 min = 1 800 hours
    assert "<textarea" not in page.text and "Simpan uraian tugas" not in page.text
    # Reading is all: the verifier still cannot change the tasks.
    assert client.post(url, tugas_post([("x", 1, 1)])).status_code == 403
    assert analisis_a.tugas.get().uraian == PANJANG


def test_the_editor_shows_the_whole_task_and_names_the_delete_column(
    login, kepala_opd_a, analisis_a, formasi_a
):
    services.simpan_tugas(
        analisis_a.pk,
        formasi_a,
        [{"uraian": PANJANG, "satuan_hasil": "laporan", "volume": 12, "waktu_menit": 90}],
        kepala_opd_a,
    )
    url = reverse("instansi:abk_formasi", args=[analisis_a.pk, formasi_a.pk])
    page = login(kepala_opd_a).get(url).text
    assert f">{PANJANG}</textarea>" in page
    assert '<th scope="col" class="text-center">Hapus</th>' in page
    # Once submitted the editor reads instead of being sent away.
    services.ajukan(analisis_a.pk, kepala_opd_a)
    page = login(kepala_opd_a).get(url)
    assert page.status_code == 200 and PANJANG in page.text and "<textarea" not in page.text


def test_a_long_analysis_has_a_section_per_unit_and_a_way_to_each(
    login, verifikator, analisis_a, formasi_a, opd_a
):
    from tests.factories import UnitKerjaFactory

    other = FormasiFactory(unit=UnitKerjaFactory(perangkat_daerah=opd_a, nama="UPT Puskesmas"))
    page = login(verifikator).get(reverse("instansi:abk_detail", args=[analisis_a.pk])).text
    assert "Lompat ke unit kerja" in page
    for formasi in (formasi_a, other):
        assert f'href="#unit-{formasi.unit_id}"' in page
        assert f'id="unit-{formasi.unit_id}"' in page
