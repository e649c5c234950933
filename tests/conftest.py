"""Personas and settings shared by every test module, and the suite's one clock."""

import datetime
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from pegawai.access import Role
from tests.factories import PegawaiFactory, PerangkatDaerahFactory, UnitKerjaFactory, UserFactory
from tests.seeded import TEST_SETTINGS, storages_for_tests

PASSWORD = "rahasia-uji-123"

# The whole suite runs on one day, whatever the calendar says, so it gives the same results
# every day of the year. HARI_UJI=YYYY-MM-DD runs it on another day (1 January, 29 February,
# 31 December...) to show that nothing depends on which day that is. The clock starts at ten
# in the morning in Jakarta and keeps running; a test that needs a particular day moves it
# there with time_machine, the same way.
HARI_UJI = datetime.date.fromisoformat(os.environ.get("HARI_UJI") or "2026-12-04")


def pytest_configure(config):
    # Before collection, so module-level constants (TODAY = ...) see the suite's day too.
    moment = datetime.datetime.combine(HARI_UJI, datetime.time(10), ZoneInfo("Asia/Jakarta"))
    time_machine.travel(moment, tick=True).start()


@pytest.fixture
def media_root(tmp_path):
    """Where a test's uploads and letters go; a module sharing a seeded demo
    (``seeded_demo``) overrides it with the demo's own."""
    return tmp_path / "media"


@pytest.fixture(autouse=True)
def _test_settings(settings, media_root):
    for name, value in TEST_SETTINGS.items():
        setattr(settings, name, value)
    settings.MEDIA_ROOT = media_root
    settings.STORAGES = storages_for_tests()
    # The public pages are cached; each test starts with an empty cache.
    cache.clear()


@pytest.fixture
def opd_a(db):
    return PerangkatDaerahFactory(nama="Dinas Kesehatan", singkatan="Dinkes")


@pytest.fixture
def opd_b(db):
    return PerangkatDaerahFactory(nama="Dinas Pendidikan", singkatan="Disdik")


@pytest.fixture
def unit_a(opd_a):
    return UnitKerjaFactory(perangkat_daerah=opd_a, nama="Bidang Pelayanan Kesehatan")


@pytest.fixture
def unit_b(opd_b):
    return UnitKerjaFactory(perangkat_daerah=opd_b, nama="Bidang SMA")


@pytest.fixture
def pegawai_a(unit_a):
    return PegawaiFactory(unit=unit_a, nama="Siti Rahmawati")


@pytest.fixture
def pegawai_b(unit_b):
    return PegawaiFactory(unit=unit_b, nama="Budi Santoso")


@pytest.fixture
def operator_bkd(db):
    return UserFactory(username="operator.bkd", roles=[Role.OPERATOR_BKD])


@pytest.fixture
def verifikator(db):
    return UserFactory(username="verifikator", roles=[Role.VERIFIKATOR_BKD])


@pytest.fixture
def tim_pertimbangan(db):
    return UserFactory(username="tim", roles=[Role.TIM_PERTIMBANGAN])


@pytest.fixture
def pejabat(db):
    return UserFactory(username="pejabat", roles=[Role.PEJABAT_PENETAP])


@pytest.fixture
def kepala_opd_a(opd_a):
    return UserFactory(username="kepala.a", perangkat_daerah=opd_a, roles=[Role.KEPALA_OPD])


@pytest.fixture
def operator_opd_b(opd_b):
    return UserFactory(username="operator.b", perangkat_daerah=opd_b, roles=[Role.OPERATOR_OPD])


@pytest.fixture
def asn_a(pegawai_a):
    return UserFactory(username="asn.a", pegawai=pegawai_a, roles=[Role.ASN])


@pytest.fixture
def login(client):
    """Log a persona in on the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
