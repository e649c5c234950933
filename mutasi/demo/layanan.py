"""Demo public-service quality (issue 18): the service units (puskesmas, schools, registry,
licensing and Samsat counters, vehicle testing) with a survey (SKM) per semester and
complaints per month over the three years before the reference day. A unit that received
staff through an implemented move mostly gets better after it, not always; a few without moves
slide, so the pages have priority units to show."""

import random
import zlib

from evaluasi.dasbor import mutasi_terlaksana
from evaluasi.services import add_months
from instansi.choices import JenisUnit
from instansi.layanan.ikm import ELEMEN, hitung_ikm
from instansi.layanan.models import (
    HasilSkm,
    KategoriPengaduan,
    PengaduanBulanan,
    PeriodeSkm,
    rentang_periode,
)
from instansi.models import UnitKerja
from mutasi.demo.catalogue import KATA
from mutasi.demo.context import BATCH_SIZE, SEED, Context, stable_fraction

BULAN = 36
LAYANAN = {jenis: "\n".join(names) for jenis, names in KATA["layanan"].items()}
# Units found by name: (start of the name, services, complaints per month at the start).
LAYANAN_NAMA = [(u["nama"], "\n".join(u["layanan"]), u["keluhan"]) for u in KATA["layanan_unit"]]
KELUHAN = {JenisUnit.PUSKESMAS: 5, JenisUnit.SEKOLAH: 2}
KATEGORI = list(KategoriPengaduan.values)


def unit_layanan() -> dict:
    """Service units: pk -> (unit, services, complaints per month at the start)."""
    found = {}
    for unit in UnitKerja.objects.filter(jenis__in=list(LAYANAN)):
        found[unit.pk] = (unit, LAYANAN[unit.jenis], KELUHAN[unit.jenis])
    for awal, layanan, keluhan in LAYANAN_NAMA:
        for unit in UnitKerja.objects.filter(nama__startswith=awal):
            found[unit.pk] = (unit, layanan, keluhan)
    return found


def _masuk_pertama(units, start) -> dict:
    """The first implemented move into each unit on or after ``start``: unit pk -> date."""
    rows = (
        mutasi_terlaksana()
        .filter(dilaksanakan_pada__gte=start, usulan__formasi_tujuan__unit_id__in=list(units))
        .order_by("-dilaksanakan_pada")  # latest first: the first of each unit is kept last
        .values_list("usulan__formasi_tujuan__unit_id", "dilaksanakan_pada")
    )
    return dict(rows)


def _cerita(unit, pindah) -> str:
    """``membaik`` after a move, ``tetap`` after a move, ``merosot`` (no move), ``biasa``."""
    f = stable_fraction("layanan", unit.kode)
    if pindah is not None:
        return "membaik" if f < 0.7 else "tetap"
    return "merosot" if f < 0.15 else "biasa"


def _mutu_pada(day, cerita, pindah, dasar, akhir) -> float:
    """The level of the service (added to every element mean) on ``day``."""
    if cerita == "membaik" and day >= pindah:
        return dasar + min(0.45, 0.45 * ((day - pindah).days / 365))
    if cerita == "merosot":
        return dasar - 0.5 * max(0.0, 1 - (akhir - day).days / 540)
    return dasar


def build_layanan(ctx: Context) -> None:
    units = unit_layanan()
    for unit, layanan, _keluhan in units.values():
        # The demo sets up master data, as the import does; not a person's change.
        UnitKerja.objects.filter(pk=unit.pk).update(layanan_publik=True, daftar_layanan=layanan)
    today = ctx.reference
    bulan_ini = today.replace(day=1)
    mulai = add_months(bulan_ini, -BULAN)
    pindah = _masuk_pertama(units, mulai)
    skm, aduan = [], []
    for pk, (unit, _layanan, keluhan) in sorted(units.items()):
        rng = random.Random(SEED + zlib.crc32(f"layanan|{unit.kode}".encode()))
        masuk = pindah.get(pk)
        cerita = _cerita(unit, masuk)
        dasar = 2.75 + rng.random() * 0.55
        for tahun in range(mulai.year, today.year + 1):
            for periode in (PeriodeSkm.SEMESTER_1, PeriodeSkm.SEMESTER_2):
                awal, akhir = rentang_periode(tahun, periode)
                if awal < mulai or akhir >= today:
                    continue
                level = _mutu_pada(awal + (akhir - awal) / 2, cerita, masuk, dasar, today)
                nilai = {
                    f: f"{min(4.0, max(1.0, level + rng.uniform(-0.25, 0.25))):.3f}" for f in ELEMEN
                }
                skm.append(
                    HasilSkm(
                        unit=unit,
                        tahun=tahun,
                        periode=periode,
                        responden=rng.randint(80, 400),
                        **nilai,
                    )
                )
        for i in range(BULAN):
            bulan = add_months(mulai, i)
            level = _mutu_pada(bulan, cerita, masuk, dasar, today)
            # Better service, fewer complaints: the rate halves from 2.75 to 3.45.
            rate = keluhan * max(0.25, 1.6 - (level - 2.75) * 1.6)
            total = max(0, round(rng.gauss(rate, rate**0.5)))
            pertama, kedua = rng.sample(KATEGORI, 2)
            for kategori, n in ((pertama, total - total // 2), (kedua, total // 2)):
                if n <= 0:
                    continue
                selesai = min(n, round(n * rng.uniform(0.7, 1.0)))
                aduan.append(
                    PengaduanBulanan(
                        unit=unit,
                        bulan=bulan,
                        kategori=kategori,
                        jumlah=n,
                        selesai=selesai,
                        rata_hari_selesai=f"{max(0.5, rng.uniform(2, 14) + (3.4 - level) * 4):.1f}",
                    )
                )
    for row in skm:  # the IKM is computed on save; bulk_create skips save()
        row.ikm = hitung_ikm(row.nilai_unsur)
    HasilSkm.objects.bulk_create(skm, batch_size=BATCH_SIZE)
    PengaduanBulanan.objects.bulk_create(aduan, batch_size=BATCH_SIZE)
