"""BKD's master-data form does not move an employee around the workflow: not into a formasi
whose seat is held or promised to someone else, and not while a move of theirs is under way
(two people in one seat, a post taken without a decision)."""

import pytest
from django.urls import reverse

from instansi.models import Formasi
from mutasi.usulan.choices import StatusUsulan
from tests.factories import FormasiFactory, PegawaiFactory, make_usulan

pytestmark = pytest.mark.django_db


def form_data(client, pegawai, **changes) -> dict:
    form = client.get(reverse("pegawai:update", args=[pegawai.pk])).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [v for v in value if v is not None]
        elif value is not None and value is not False:
            data[name] = value
        if value is True:
            data[name] = "on"
    return data | changes


def approved_move(pegawai, formasi, creator, status=StatusUsulan.DISETUJUI):
    return make_usulan(pegawai, formasi, creator, status)


def test_bkd_cannot_put_someone_by_hand_in_a_seat_promised_to_an_approved_move(
    login, operator_bkd, unit_a, unit_b
):
    seat = FormasiFactory(unit=unit_b, kebutuhan=1)
    approved_move(PegawaiFactory(unit=unit_a, jabatan=seat.jabatan), seat, operator_bkd)
    other = PegawaiFactory(unit=unit_a, jabatan=seat.jabatan)
    client = login(operator_bkd)
    url = reverse("pegawai:update", args=[other.pk])
    response = client.post(url, form_data(client, other, unit=unit_b.pk))
    assert response.status_code == 200
    assert "tidak punya kursi kosong" in " ".join(response.context["form"].errors["unit"])
    other.refresh_from_db()
    assert other.unit == unit_a


def test_bkd_cannot_move_by_hand_an_employee_whose_move_is_under_way(
    login, operator_bkd, unit_a, unit_b
):
    seat = FormasiFactory(unit=unit_b, kebutuhan=3)
    pegawai = PegawaiFactory(unit=unit_a, jabatan=seat.jabatan)
    usulan = approved_move(pegawai, seat, operator_bkd, status=StatusUsulan.DITETAPKAN)
    client = login(operator_bkd)
    url = reverse("pegawai:update", args=[pegawai.pk])
    response = client.post(url, form_data(client, pegawai, unit=unit_b.pk))
    assert response.status_code == 200
    assert usulan.kode in " ".join(response.context["form"].errors["unit"])
    pegawai.refresh_from_db()
    assert pegawai.unit == unit_a


def test_bkd_may_still_correct_a_post_into_a_free_seat_and_edit_other_data(
    login, operator_bkd, unit_a, unit_b
):
    seat = FormasiFactory(unit=unit_b, kebutuhan=1)
    pegawai = PegawaiFactory(unit=unit_a, jabatan=seat.jabatan)
    client = login(operator_bkd)
    url = reverse("pegawai:update", args=[pegawai.pk])
    response = client.post(url, form_data(client, pegawai, domisili="Kota Lama"))
    assert response.status_code == 302
    response = client.post(url, form_data(client, pegawai, unit=unit_b.pk))
    assert response.status_code == 302
    pegawai.refresh_from_db()
    assert (pegawai.unit, pegawai.domisili) == (unit_b, "Kota Lama")


def test_a_formasi_need_is_not_lowered_below_the_seats_its_approved_moves_hold(
    login, operator_bkd, unit_a, unit_b
):
    seat = FormasiFactory(unit=unit_b, kebutuhan=3)
    PegawaiFactory(unit=unit_b, jabatan=seat.jabatan)  # one holder
    approved_move(PegawaiFactory(unit=unit_a, jabatan=seat.jabatan), seat, operator_bkd)
    client = login(operator_bkd)
    url = reverse("instansi:formasi_update", args=[seat.pk])
    response = client.post(url, {"kebutuhan": "1"})
    assert response.status_code == 200
    assert "Kebutuhan paling sedikit 2" in " ".join(response.context["form"].errors["kebutuhan"])
    seat.refresh_from_db()
    assert seat.kebutuhan == 3
    # Down to what the holder and the approved move need: allowed.
    assert client.post(url, {"kebutuhan": "2"}).status_code == 302
    seat.refresh_from_db()
    assert seat.kebutuhan == 2


def test_an_analysis_that_would_take_back_seats_of_approved_moves_is_not_accepted(
    login, operator_bkd, kepala_opd_a, verifikator, unit_a, unit_b
):
    from instansi import services as abk_services
    from instansi.choices import Pembulatan, StatusAnalisis

    seat = FormasiFactory(unit=unit_a, kebutuhan=3)
    PegawaiFactory(unit=unit_a, jabatan=seat.jabatan)  # one holder
    approved_move(PegawaiFactory(unit=unit_b, jabatan=seat.jabatan), seat, operator_bkd)
    analisis = abk_services.buat_analisis(
        kepala_opd_a, unit_a.perangkat_daerah, 2026, 1250, Pembulatan.KE_ATAS
    )
    # 600 hours a year: a need of 1, below the holder and the approved move.
    task = {"uraian": "Layanan", "satuan_hasil": "berkas", "volume": 600, "waktu_menit": 60}
    abk_services.simpan_tugas(analisis.pk, seat, [task], kepala_opd_a)
    abk_services.ajukan(analisis.pk, kepala_opd_a)
    client = login(verifikator)
    analisis.refresh_from_db()
    response = client.post(
        reverse("instansi:abk_terima", args=[analisis.pk]),
        {"versi": abk_services.versi(analisis)},
        follow=True,
    )
    assert "belum dapat diterima" in response.text
    assert "Kebutuhan paling sedikit 2" in response.text
    analisis.refresh_from_db()
    seat.refresh_from_db()
    assert analisis.status == StatusAnalisis.DIAJUKAN and seat.kebutuhan == 3


# --- The import and the admin check the same ------------------------------------------------


@pytest.fixture
def two_posts(opd_a):
    """Two units of one post, each formasi with one seat, held: Siti in the first, Agus in
    the second (the names and units of the import tests' rows)."""
    from tests.factories import JabatanFactory, UnitKerjaFactory
    from tests.test_import import NIP_AGUS, NIP_SITI

    jabatan = JabatanFactory(nama="Epidemiolog Kesehatan Ahli Pertama")
    lama = UnitKerjaFactory(perangkat_daerah=opd_a, kode="DINKES-LAMA", nama="Bidang Lama")
    p2p = UnitKerjaFactory(perangkat_daerah=opd_a, kode="DINKES-P2P", nama="Bidang P2P")
    FormasiFactory(unit=lama, jabatan=jabatan, kebutuhan=1)
    FormasiFactory(unit=p2p, jabatan=jabatan, kebutuhan=1)
    siti = PegawaiFactory(nip=NIP_SITI, unit=lama, jabatan=jabatan)
    agus = PegawaiFactory(nip=NIP_AGUS, unit=p2p, jabatan=jabatan)
    return siti, agus, lama, p2p


def test_an_import_cannot_put_someone_in_a_full_seat_and_writes_nothing(
    login, operator_bkd, two_posts
):
    from tests.test_import import csv_file, problems_of, siti, upload

    pegawai, _agus, lama, _p2p = two_posts
    client = login(operator_bkd)
    preview = upload(client, csv_file([siti(UNIT_KERJA="DINKES-P2P")]))
    assert problems_of(preview) == [(2, "UNIT_KERJA")]
    assert "tidak punya kursi kosong" in preview.context["plan"].problems[0].message
    assert preview.context["token"] is None  # nothing to confirm
    pegawai.refresh_from_db()
    assert pegawai.unit == lama


def test_an_import_may_swap_two_people_between_full_seats(login, operator_bkd, two_posts):
    from tests.test_import import agus, confirm, csv_file, siti, upload

    siti_pegawai, agus_pegawai, lama, p2p = two_posts
    client = login(operator_bkd)
    rows = [siti(UNIT_KERJA="DINKES-P2P"), agus(UNIT_KERJA="DINKES-LAMA")]
    preview = upload(client, csv_file(rows))
    assert preview.context["plan"].problems == []
    confirm(client, preview)
    siti_pegawai.refresh_from_db(), agus_pegawai.refresh_from_db()
    assert (siti_pegawai.unit, agus_pegawai.unit) == (p2p, lama)


def test_an_import_does_not_move_someone_whose_move_is_under_way(
    login, operator_bkd, two_posts, unit_b
):
    from tests.test_import import csv_file, siti, upload

    pegawai, _agus, _lama, _p2p = two_posts
    target = FormasiFactory(unit=unit_b, jabatan=pegawai.jabatan, kebutuhan=2)
    usulan = approved_move(pegawai, target, operator_bkd)
    Formasi.objects.filter(unit=_p2p).update(kebutuhan=5)  # a free seat: only the move refuses
    preview = upload(login(operator_bkd), csv_file([siti(UNIT_KERJA="DINKES-P2P")]))
    (problem,) = preview.context["plan"].problems
    assert usulan.kode in problem.message


def test_the_admin_checks_a_change_of_post_like_the_form(rf, admin_user, operator_bkd, two_posts):
    from django.contrib.admin.sites import site

    from pegawai.models import Pegawai

    pegawai, _agus, _lama, p2p = two_posts
    model_admin = site._registry[Pegawai]
    request = rf.get("/")
    request.user = admin_user
    form_class = model_admin.get_form(request, pegawai)
    data = {
        name: value
        for name, value in form_class(instance=pegawai).initial.items()
        if value is not None and name != "kompetensi"
    }
    form = form_class(data | {"unit": p2p.pk}, instance=pegawai)
    assert not form.is_valid()
    assert "tidak punya kursi kosong" in " ".join(form.errors["unit"])
