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


def _pindah_yang_dapat_ditandatangani(pegawai, tujuan, busy):
    """What a BKD checks by hand: the same kind of post at the same level (pelaksana to
    pelaksana), class not lower, family of the post or of the education (general
    administration open to all), nobody already in a proposal or a letter."""
    from django.conf import settings

    from instansi.choices import JenisJabatan, RumpunJabatan

    asal = pegawai.jabatan
    masalah = []
    if asal.jenis != tujuan.jenis or (
        asal.jenis != JenisJabatan.PELAKSANA and asal.jenjang != tujuan.jenjang
    ):
        masalah.append("jenis")
    if tujuan.kelas < asal.kelas or tujuan.kelas > asal.kelas + settings.MUTASI_KELAS_NAIK_MAKS:
        masalah.append("kelas")
    bidang = pegawai.bidang_pendidikan
    if tujuan.rumpun != RumpunJabatan.ADMINISTRASI and tujuan.rumpun not in (
        asal.rumpun,
        bidang.rumpun if bidang else None,
    ):
        masalah.append("rumpun")
    if pegawai.pk in busy:
        masalah.append("sedang diproses")
    return masalah


def test_demo_plan_and_every_candidate_list_hold_only_moves_a_bkd_could_sign():
    from django.core.management import call_command

    from mutasi.models import Usulan
    from mutasi.pencocokan import kandidat, rencana, skor
    from mutasi.usulan.choices import StatusUsulan
    from pegawai.models import User

    call_command("seed_demo", pegawai=300, force=True, verbosity=0)
    busy = set(
        Usulan.objects.exclude(
            status__in=[StatusUsulan.DITOLAK, StatusUsulan.DIBATALKAN, StatusUsulan.DILAKSANAKAN]
        ).values_list("pegawai_id", flat=True)
    )
    assert busy  # the demo has proposals in every state and a letter not yet carried out
    operator = User.objects.get(username="operator.bkd")
    plan = rencana.hitung(rencana.buat(operator, [], False, 2, skor.bobot_default()).pk)
    plan.refresh_from_db()
    steps = list(plan.langkah.select_related("pegawai__jabatan", "pegawai__bidang_pendidikan"))
    assert steps
    for step in steps:
        tujuan = step.formasi_tujuan.jabatan
        assert _pindah_yang_dapat_ditandatangani(step.pegawai, tujuan, busy) == [], step
        why_person, why_post, effect = step.rincian["alasan"]
        assert why_person.startswith("Mengapa pegawai ini: ")
        assert why_post.startswith("Mengapa jabatan ini: jabatan setara")
        assert effect.startswith("Akibat seluruh rencana: ")
    listed = 0
    for formasi in rencana.lowongan([]):
        daftar = kandidat.kandidat(formasi)
        people = [k.pegawai for k in daftar.layak + daftar.dilindungi]
        assert len(people) == len(set(people))
        for p in people:
            assert _pindah_yang_dapat_ditandatangani(p, formasi.jabatan, busy) == [], (p, formasi)
        listed += len(people)
    assert listed
