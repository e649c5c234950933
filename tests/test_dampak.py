"""What a proposal does to the workload of its origin and target, against hand computation."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from instansi import keseimbangan
from instansi.beban import kalimat_perubahan
from mutasi.models import Usulan
from mutasi.usulan import eligibility
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan
from mutasi.usulan.dampak import dampak_semua, dampak_usulan
from tests.factories import FormasiFactory, JabatanFactory, PegawaiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _jam_efektif(settings):
    settings.ABK_JAM_EFEKTIF = 1250


def usulan_for(pegawai, formasi, user, **extra):
    fields = {
        "pegawai": pegawai,
        "jenis": JenisMutasi.ANTAR_OPD,
        "alasan": KategoriAlasan.KEBUTUHAN_ORGANISASI,
        "alasan_publik": "Mengisi kekurangan pegawai.",
        "unit_asal": pegawai.unit,
        "jabatan_asal": pegawai.jabatan,
        "formasi_tujuan": formasi,
        "tanggal_rencana": datetime.date(2026, 6, 1),
        "dibuat_oleh": user,
    } | extra
    return Usulan.objects.create(**fields)


@pytest.fixture
def world(unit_a, unit_b, operator_bkd):
    """An analyst leaves a full formasi in unit A for a short one in unit B.

    Unit A   J1 analis    need 3  holders 3 (the mover among them)  3000 h
             J2 pengelola need 1  holders 1                          1250 h
             J9 (no formasi) 1 holder, not counted in the unit
    Unit B   J1 analis    need 3  holders 2                          5000 h
             J3 guru      need 2  holders 2                          not analysed
    """
    j1 = JabatanFactory(nama="Analis Kebijakan")
    j2 = JabatanFactory(nama="Pengelola Keuangan")
    j3 = JabatanFactory(nama="Guru Fisika")
    j9 = JabatanFactory(nama="Pramu Bakti")
    FormasiFactory(unit=unit_a, jabatan=j1, kebutuhan=3, beban_kerja_jam=Decimal("3000"))
    FormasiFactory(unit=unit_a, jabatan=j2, kebutuhan=1, beban_kerja_jam=Decimal("1250"))
    target = FormasiFactory(unit=unit_b, jabatan=j1, kebutuhan=3, beban_kerja_jam=Decimal("5000"))
    FormasiFactory(unit=unit_b, jabatan=j3, kebutuhan=2, beban_kerja_jam=None)
    mover = PegawaiFactory(unit=unit_a, jabatan=j1, nama="Siti Pindah")
    PegawaiFactory.create_batch(2, unit=unit_a, jabatan=j1)
    PegawaiFactory(unit=unit_a, jabatan=j2)
    PegawaiFactory(unit=unit_a, jabatan=j9)
    PegawaiFactory(unit=unit_a, jabatan=j1, aktif=False)
    PegawaiFactory.create_batch(2, unit=unit_b, jabatan=j1)
    PegawaiFactory.create_batch(2, unit=unit_b, jabatan=j3)
    usulan = usulan_for(mover, target, operator_bkd)
    return {"usulan": usulan, "j1": j1, "j2": j2, "target": target, "mover": mover}


def figures(b):
    return (b.kebutuhan, b.bezetting, b.selisih, b.ej, b.kategori)


def test_origin_before_and_after_match_hand_computation(world):
    asal, _tujuan = dampak_usulan(world["usulan"])
    assert asal.peran == "asal"
    # Formasi: 3 holders of 3 needed → 2; EJ 3000/(3×1250)=0.80 C → 3000/(2×1250)=1.20 A.
    assert figures(asal.formasi_sebelum) == (3, 3, 0, Decimal("0.8"), "C")
    assert figures(asal.formasi_sesudah) == (3, 2, -1, Decimal("1.2"), "A")
    # Unit: need 3+1, holders 3+1 (the J9 holder has no formasi) → 3; 4250 h.
    assert figures(asal.unit_sebelum) == (4, 4, 0, Decimal("0.85"), "C")
    assert asal.unit_sesudah.bezetting == 3
    assert round(asal.unit_sesudah.ej, 4) == Decimal("1.1333")
    assert asal.unit_sesudah.kategori == "A"
    assert asal.kalimat == [
        "formasi asal menjadi kekurangan 1 pegawai; "
        "EJ 0,80 (C · beban cukup) → 1,20 (A · beban berlebih)",
        "unit asal menjadi kekurangan 1 pegawai; "
        "EJ 0,85 (C · beban cukup) → 1,13 (A · beban berlebih)",
    ]


def test_target_before_and_after_match_hand_computation(world):
    _asal, tujuan = dampak_usulan(world["usulan"])
    assert tujuan.peran == "tujuan"
    # Formasi: 2 of 3 → 3; EJ 5000/2500 = 2.00 A → 5000/3750 = 1.33 A.
    assert figures(tujuan.formasi_sebelum) == (3, 2, -1, Decimal("2"), "A")
    assert tujuan.formasi_sesudah.selisih == 0
    assert round(tujuan.formasi_sesudah.ej, 2) == Decimal("1.33")
    # Unit: need 3+2, holders 2+2 → 5; EJ counts only the analysed J1 holders: 2 → 3.
    assert figures(tujuan.unit_sebelum) == (5, 4, -1, Decimal("2"), "A")
    assert tujuan.unit_sesudah.bezetting == 5
    assert round(tujuan.unit_sesudah.ej, 2) == Decimal("1.33")
    assert tujuan.kalimat_formasi == (
        "formasi tujuan menjadi sesuai kebutuhan (kekurangan terpenuhi); "
        "EJ 2,00 (A · beban berlebih) → 1,33 (A · beban berlebih)"
    )


def test_the_unit_before_is_the_row_of_the_balance_view(world, unit_a, unit_b):
    sides = dampak_usulan(world["usulan"])
    for side, unit in zip(sides, (unit_a, unit_b), strict=True):
        (row,) = [r for r in keseimbangan.per_unit(unit.perangkat_daerah) if r.nama == unit.nama]
        assert figures(side.unit_sebelum) == figures(row)


def test_a_move_inside_one_unit_leaves_the_unit_totals_alone(world, unit_a, operator_bkd):
    other = FormasiFactory(unit=unit_a, jabatan=JabatanFactory(), kebutuhan=1)
    usulan = usulan_for(
        PegawaiFactory(unit=unit_a, jabatan=world["j2"]),
        other,
        operator_bkd,
        jenis=JenisMutasi.DALAM_OPD,
    )
    asal, tujuan = dampak_usulan(usulan)
    for side in (asal, tujuan):
        assert side.unit_sebelum.bezetting == side.unit_sesudah.bezetting
    # Analysed holders: J1 3 + J2 2. J2 is analysed, the new formasi is not, so the EJ
    # denominator loses the mover: 4250/(5×1250) = 0.68 → 4250/(4×1250) = 0.85.
    assert asal.unit_sebelum.ej == Decimal("0.68")
    assert asal.unit_sesudah.ej == Decimal("0.85")


def test_a_carried_out_move_counts_today_as_after(world):
    mover, target = world["mover"], world["target"]
    mover.unit, mover.jabatan = target.unit, target.jabatan
    mover.save()
    Usulan.objects.filter(pk=world["usulan"].pk).update(status=StatusUsulan.DILAKSANAKAN)
    asal, tujuan = dampak_usulan(Usulan.objects.get(pk=world["usulan"].pk))
    assert (asal.formasi_sebelum.bezetting, asal.formasi_sesudah.bezetting) == (3, 2)
    assert (tujuan.formasi_sebelum.bezetting, tujuan.formasi_sesudah.bezetting) == (2, 3)
    assert (asal.unit_sebelum.bezetting, tujuan.unit_sesudah.bezetting) == (4, 5)
    assert asal.formasi_sebelum.ej == Decimal("0.8")  # worked back: 3 holders, not 2
    assert asal.sudah_dilaksanakan


def test_a_move_out_of_government_has_only_the_origin(world, operator_bkd):
    usulan = usulan_for(
        PegawaiFactory(unit=world["mover"].unit, jabatan=world["j1"]),
        None,
        operator_bkd,
        tujuan_luar="Pemerintah Kota Lain",
        jenis=JenisMutasi.ANTAR_KABKOTA,
    )
    sides = dampak_usulan(usulan)
    assert [s.peran for s in sides] == ["asal"]


def test_many_proposals_cost_three_queries(world, operator_bkd, unit_a):
    proposals = [world["usulan"]] + [
        usulan_for(PegawaiFactory(unit=unit_a, jabatan=world["j2"]), world["target"], operator_bkd)
        for _ in range(3)
    ]
    proposals = list(
        Usulan.objects.filter(pk__in=[u.pk for u in proposals]).select_related(
            "unit_asal", "jabatan_asal", "formasi_tujuan__unit", "formasi_tujuan__jabatan"
        )
    )
    with CaptureQueriesContext(connection) as queries:
        result = dampak_semua(proposals)
    assert len(queries) == 3
    assert len(result) == 4
    assert not hasattr(proposals[0], "bezetting_asal")


def test_isi_asal_gives_the_checklist_the_origin_it_would_count(world, operator_bkd, unit_a):
    # J1 in unit A: need 3, 3 active holders; J9: no formasi, 1 holder; an incoming move.
    pramu = PegawaiFactory(unit=unit_a, jabatan=JabatanFactory(nama="Pramu"))
    proposals = [
        world["usulan"],
        usulan_for(pramu, world["target"], operator_bkd),
        usulan_for(
            PegawaiFactory(unit=unit_a, jabatan=world["j2"]),
            world["target"],
            operator_bkd,
            unit_asal=None,
            jabatan_asal=None,
            asal_instansi="Kementerian Lain",
            jenis=JenisMutasi.PUSAT_DAERAH,
        ),
    ]
    counted = [
        [s.fakta for s in eligibility.periksa(Usulan.objects.get(pk=u.pk)) if s.kode == "unit_asal"]
        for u in proposals
    ]
    proposals = list(
        Usulan.objects.filter(pk__in=[u.pk for u in proposals])
        .select_related(
            "unit_asal", "jabatan_asal", "formasi_tujuan__unit", "formasi_tujuan__jabatan"
        )
        .order_by("pk")
    )
    with CaptureQueriesContext(connection) as queries:
        dampak_semua(proposals, isi_asal=True)
    assert len(queries) == 3
    first, second, incoming = proposals
    assert (first.kebutuhan_asal, first.bezetting_asal) == (3, 3)
    assert (second.kebutuhan_asal, second.bezetting_asal) == (None, 1)
    assert not hasattr(incoming, "bezetting_asal")
    read = [[s.fakta for s in eligibility.periksa(u) if s.kode == "unit_asal"] for u in proposals]
    assert read == counted


@pytest.mark.parametrize(
    ("sebelum", "sesudah", "expected"),
    [
        (0, -1, "unit asal menjadi kekurangan 1 pegawai"),
        (-1, -2, "kekurangan unit asal bertambah dari 1 menjadi 2 pegawai"),
        (-3, -2, "kekurangan unit asal berkurang dari 3 menjadi 2 pegawai"),
        (1, 0, "unit asal menjadi sesuai kebutuhan (kelebihan habis)"),
        (-1, 0, "unit asal menjadi sesuai kebutuhan (kekurangan terpenuhi)"),
        (0, 0, "unit asal tetap sesuai kebutuhan"),
        (1, -1, "unit asal menjadi kekurangan 1 pegawai"),
        (-1, 2, "unit asal menjadi kelebihan 2 pegawai"),
        (0, 1, "unit asal menjadi kelebihan 1 pegawai"),
        (2, 1, "kelebihan unit asal berkurang dari 2 menjadi 1 pegawai"),
        (-1, -1, "unit asal tetap kekurangan 1 pegawai"),
        (2, 2, "unit asal tetap kelebihan 2 pegawai"),
    ],
)
def test_the_gap_is_said_in_words(sebelum, sesudah, expected):
    assert kalimat_perubahan("unit asal", sebelum, sesudah) == expected


def test_the_partial_says_it_in_words_and_numbers(world):
    html = render_to_string("mutasi/inc/dampak.html", {"dampak": dampak_usulan(world["usulan"])})
    assert "Unit asal menjadi kekurangan 1 pegawai; EJ 0,85 (C · beban cukup)" in html
    assert "Formasi tujuan menjadi sesuai kebutuhan (kekurangan terpenuhi)" in html
    assert "A · beban berlebih" in html and "C · beban cukup" in html
    assert "· seimbang" not in html and "lebih pegawai" not in html
    assert "0,80" in html and "1,20" in html
