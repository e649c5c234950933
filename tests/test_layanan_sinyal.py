"""The service signal where moves are decided: the balance view, the vacancy list, the
candidate list and the plan; and the plan's priority bonus, off by default."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from instansi.layanan.models import HasilSkm
from mutasi.pencocokan import rencana, skor
from tests.factories import FormasiFactory, UnitKerjaFactory
from tests.test_pencocokan import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _hari():
    """These tests tell their story on one day (the figures are hand-computed for it)."""
    moment = datetime.datetime(2026, 12, 4, 10, tzinfo=ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(moment, tick=True):
        yield


def ikm_c(unit):
    """A survey with every element 2.6: IKM 65,00, band C."""
    unit.layanan_publik = True
    unit.save()
    return HasilSkm.objects.create(
        unit=unit,
        tahun=2026,
        periode="s1",
        responden=100,
        **{f"u{i}": Decimal("2.6") for i in range(1, 10)},
    )


def plan(user):
    return rencana.buat(user, opd_ids=[], satu_opd=False, maks_keluar=5, bobot=skor.bobot_default())


def test_balance_view_of_an_agency_marks_a_short_unit_with_poor_service_a_priority(
    login, operator_bkd, opd_a
):
    short = UnitKerjaFactory(perangkat_daerah=opd_a, nama="UPT Puskesmas Kidul")
    FormasiFactory(unit=short, kebutuhan=2)
    ikm_c(short)
    response = login(operator_bkd).get(reverse("instansi:keseimbangan_opd", args=[opd_a.pk]))
    (row,) = [r for r in response.context["rows"] if r.unit_id == short.pk]
    assert row.sinyal.mutu == "C" and row.prioritas
    body = response.content.decode()
    assert "IKM C" in body and "prioritas" in body
    unit_page = login(operator_bkd).get(reverse("instansi:keseimbangan_unit", args=[short.pk]))
    assert unit_page.context["prioritas_unit"]


def test_vacancy_list_shows_the_band_and_its_queries_do_not_grow_with_units(
    login, operator_bkd, opd_a
):
    client = login(operator_bkd)
    url = reverse("mutasi:lowongan")
    first = UnitKerjaFactory(perangkat_daerah=opd_a)
    FormasiFactory(unit=first, kebutuhan=1)
    ikm_c(first)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    body = response.content.decode()
    assert '<span class="badge text-bg-danger"' in body and "IKM C" in body  # not escaped
    for _ in range(3):
        unit = UnitKerjaFactory(perangkat_daerah=opd_a)
        FormasiFactory(unit=unit, kebutuhan=1)
        ikm_c(unit)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_candidate_list_shows_the_receiving_units_signal(world, login, operator_bkd):  # noqa: F811
    ikm_c(world["vacancy"].unit)
    response = login(operator_bkd).get(reverse("pencocokan:kandidat", args=[world["vacancy"].pk]))
    assert response.context["prioritas"]
    assert "IKM C" in response.content.decode()


def test_plan_adds_no_priority_part_by_default(world, operator_bkd):  # noqa: F811
    ikm_c(world["vacancy"].unit)
    moves = list(plan(operator_bkd).langkah.all())
    assert moves and all("prioritas_layanan" not in m.rincian for m in moves)


def test_plan_weights_priority_units_with_a_named_part_when_switched_on(
    world,  # noqa: F811
    operator_bkd,
    settings,
    login,
):
    ikm_c(world["vacancy"].unit)
    off = {m.pegawai_id: m.skor for m in plan(operator_bkd).langkah.all()}
    settings.PENCOCOKAN_BONUS_PRIORITAS_LAYANAN = 10
    on = plan(operator_bkd)
    moves = list(on.langkah.all())
    assert {m.pegawai_id for m in moves} == set(off)
    for m in moves:
        part = m.rincian["prioritas_layanan"]
        assert part["nama"] == "Prioritas layanan publik" and part["poin"] == 10
        assert part["fakta"] == "IKM C"
        assert m.skor == pytest.approx(off[m.pegawai_id] + 10)
    body = login(operator_bkd).get(on.get_absolute_url()).content.decode()
    assert "Prioritas layanan publik: 10" in body


def test_balance_view_of_the_government_counts_each_agencys_priority_units(
    login, operator_bkd, opd_a, opd_b
):
    for opd in (opd_a, opd_a, opd_b):
        short = UnitKerjaFactory(perangkat_daerah=opd)
        FormasiFactory(unit=short, kebutuhan=2)
        ikm_c(short)
    staffed = UnitKerjaFactory(perangkat_daerah=opd_b)  # poor service, nobody missing
    ikm_c(staffed)
    response = login(operator_bkd).get(reverse("instansi:keseimbangan"))
    counts = {r.opd_id: r.jumlah_prioritas for r in response.context["rows"]}
    assert counts == {opd_a.pk: 2, opd_b.pk: 1}
    assert "2 unit prioritas" in response.content.decode()
