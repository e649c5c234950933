"""The demo step of matching: preferences and potential for part of the employees."""

import datetime

import pytest

from mutasi.demo import pencocokan
from mutasi.demo.context import Context
from pegawai.models import PotensiPegawai, PreferensiMutasi
from tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db


def test_demo_step_adds_preferences_and_potential_once(unit_a):
    for _ in range(60):
        PegawaiFactory(unit=unit_a)
    ctx = Context(pegawai=60, reference=datetime.date(2026, 11, 1), log=lambda s: None)
    pencocokan.build_preferensi_potensi(ctx)
    prefs, pots = PreferensiMutasi.objects.count(), PotensiPegawai.objects.count()
    assert 0 < prefs < 60 and 0 < pots < 60
    pencocokan.build_preferensi_potensi(ctx)
    assert (PreferensiMutasi.objects.count(), PotensiPegawai.objects.count()) == (prefs, pots)
