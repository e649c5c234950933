"""Matching data: a third of the employees state a mobility preference (most willing, some
naming an agency or a unit, a few not willing); a quarter have a talent assessment. Fixed by
``stable_fraction``, so seeding again adds nothing."""

from mutasi.demo.context import BATCH_SIZE, stable_fraction
from pegawai.choices import TingkatPotensi
from pegawai.models import Pegawai, PotensiPegawai, PreferensiMutasi


def build_preferensi_potensi(ctx) -> None:
    people = list(Pegawai.objects.values_list("pk", "unit__perangkat_daerah_id", "unit_id"))
    opd_ids = sorted({opd for _, opd, _ in people})
    unit_ids = sorted({unit for _, _, unit in people})
    have_pref = set(PreferensiMutasi.objects.values_list("pegawai_id", flat=True))
    have_pot = set(PotensiPegawai.objects.values_list("pegawai_id", flat=True))
    prefs, pots, links_opd, links_unit = [], [], [], []
    for pk, _opd, _unit in people:
        if pk not in have_pref and stable_fraction("preferensi", pk) < 0.35:
            r = stable_fraction("bersedia", pk)
            pref = PreferensiMutasi(pegawai_id=pk, bersedia_pindah=r >= 0.1)
            prefs.append(pref)
            if r >= 0.1 and opd_ids:
                if stable_fraction("minat-opd", pk) < 0.6:
                    links_opd.append(
                        (pref, opd_ids[int(stable_fraction("opd", pk) * len(opd_ids))])
                    )
                if stable_fraction("minat-unit", pk) < 0.3:
                    unit = unit_ids[int(stable_fraction("unit", pk) * len(unit_ids))]
                    links_unit.append((pref, unit))
        if pk not in have_pot and stable_fraction("potensi", pk) < 0.25:
            r = stable_fraction("tingkat", pk)
            tingkat = (
                TingkatPotensi.TINGGI
                if r < 0.25
                else TingkatPotensi.MENENGAH
                if r < 0.8
                else TingkatPotensi.RENDAH
            )
            pots.append(
                PotensiPegawai(
                    pegawai_id=pk,
                    tingkat=tingkat,
                    tahun=ctx.reference.year - 1,
                    sumber="Asesmen talenta BKD",
                )
            )
    PreferensiMutasi.objects.bulk_create(prefs, batch_size=BATCH_SIZE)  # sets their ids
    PotensiPegawai.objects.bulk_create(pots, batch_size=BATCH_SIZE)
    OpdLink = PreferensiMutasi.perangkat_daerah.through
    UnitLink = PreferensiMutasi.unit.through
    OpdLink.objects.bulk_create(
        [OpdLink(preferensimutasi_id=p.pk, perangkatdaerah_id=o) for p, o in links_opd],
        batch_size=BATCH_SIZE,
    )
    UnitLink.objects.bulk_create(
        [UnitLink(preferensimutasi_id=p.pk, unitkerja_id=u) for p, u in links_unit],
        batch_size=BATCH_SIZE,
    )
