"""Judging moves by the public service (issue 18, docs/layanan.md): did a service unit's
complaints and IKM change after people moved in, more than in comparable units that
received nobody in the same period? A difference-in-differences, with its counts shown.

For a receiving unit and the date ``T`` of the first move into it:

- complaints: the mean per month over the ``JENDELA`` months before the month of ``T``,
  against the ``JENDELA`` months after it (the month of the move itself is left out); the
  after window must be over;
- IKM: the last survey period ending before ``T`` against the first starting after it.

Comparable units are service units of the same kind (puskesmas with puskesmas, schools with
schools, other counters together) that received no move from ``JENDELA`` months before
``T`` to ``JENDELA`` months after; their change over the same months is the comparison.
The effect for one unit is its change minus the mean change of its comparison units; the
programme's is the mean over the receiving units with data. Fewer than ``MIN_UNIT``
receiving units or comparison units: "terlalu sedikit data", and no effect is claimed.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from instansi.choices import JenisUnit
from instansi.layanan.models import HasilSkm, PengaduanBulanan
from instansi.models import UnitKerja
from mutasi.models import SuratKeputusanUsulan
from mutasi.usulan.choices import StatusUsulan

JENDELA = 6
MIN_UNIT = 3
SEJENIS = (JenisUnit.PUSKESMAS, JenisUnit.SEKOLAH)


def _bulan(day: datetime.date, n: int = 0) -> datetime.date:
    m = day.year * 12 + day.month - 1 + n
    return datetime.date(m // 12, m % 12 + 1, 1)


def _rata(values) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


@dataclass
class Ukuran:
    """One measure (complaints per month, or IKM) for the receiving units and the others."""

    sebelum: float | None = None
    sesudah: float | None = None
    pembanding_sebelum: float | None = None
    pembanding_sesudah: float | None = None
    unit: int = 0  # receiving units with data
    pembanding: int = 0  # comparison units with data (distinct)
    min_penerima: int = 1

    @property
    def cukup(self) -> bool:
        return self.unit >= self.min_penerima and self.pembanding >= MIN_UNIT

    @property
    def selisih(self) -> float | None:
        if None in (self.sebelum, self.sesudah):
            return None
        return self.sesudah - self.sebelum

    @property
    def selisih_pembanding(self) -> float | None:
        if None in (self.pembanding_sebelum, self.pembanding_sesudah):
            return None
        return self.pembanding_sesudah - self.pembanding_sebelum

    @property
    def dampak(self) -> float | None:
        if not self.cukup or self.selisih is None or self.selisih_pembanding is None:
            return None
        return self.selisih - self.selisih_pembanding


@dataclass
class Dampak:
    unit_penerima: int = 0  # receiving service units (moves in the period)
    belum_waktunya: int = 0  # their after window is not over yet
    aduan: Ukuran = field(default_factory=Ukuran)
    ikm: Ukuran = field(default_factory=Ukuran)
    min_unit: int = MIN_UNIT
    jendela: int = JENDELA
    tanggal: datetime.date | None = None  # the move judged (one unit)

    @property
    def baris(self) -> list:
        return [(_("Pengaduan per bulan"), self.aduan), (_("IKM"), self.ikm)]

    @property
    def terlalu_sedikit(self) -> bool:
        return not (self.aduan.cukup or self.ikm.cukup)


class _Data:
    """Everything about the service units, in three queries."""

    def __init__(self):
        self.jenis = {
            pk: (jenis if jenis in SEJENIS else "lainnya")
            for pk, jenis in UnitKerja.objects.filter(layanan_publik=True).values_list(
                "pk", "jenis"
            )
        }
        self.aduan = defaultdict(dict)
        for row in (
            PengaduanBulanan.objects.filter(unit_id__in=list(self.jenis))
            .values("unit_id", "bulan")
            .annotate(n=Sum("jumlah"))
            .order_by()
        ):
            self.aduan[row["unit_id"]][row["bulan"]] = row["n"]
        self.skm = defaultdict(list)
        for h in HasilSkm.objects.filter(unit_id__in=list(self.jenis)).order_by("tahun", "periode"):
            self.skm[h.unit_id].append((h.mulai, h.selesai, h.ikm))
        self.masuk = defaultdict(list)
        for unit_id, day in SuratKeputusanUsulan.objects.filter(
            aktif=True,
            dilaksanakan_pada__isnull=False,
            usulan__status=StatusUsulan.DILAKSANAKAN,
            usulan__formasi_tujuan__unit_id__in=list(self.jenis),
        ).values_list("usulan__formasi_tujuan__unit_id", "dilaksanakan_pada"):
            self.masuk[unit_id].append(day)

    def aduan_rata(self, unit_id, awal, n) -> float | None:
        months = self.aduan.get(unit_id)
        window = [_bulan(awal, i) for i in range(n)]
        if not months or not any(m in months for m in window):
            return None
        return sum(months.get(m, 0) for m in window) / n

    def ikm_sekitar(self, unit_id, tanggal) -> tuple[Decimal | None, Decimal | None]:
        before = after = None
        for mulai, selesai, ikm in self.skm.get(unit_id, ()):
            if selesai < tanggal:
                before = ikm
            elif mulai > tanggal and after is None:
                after = ikm
        return before, after

    def pembanding(self, unit_id, tanggal) -> list[int]:
        lo, hi = _bulan(tanggal, -JENDELA), _bulan(tanggal, JENDELA + 1)
        kind = self.jenis.get(unit_id)
        return [
            u
            for u, j in self.jenis.items()
            if u != unit_id and j == kind and not any(lo <= d < hi for d in self.masuk.get(u, ()))
        ]


def _ukur(data: _Data, penerima: dict, today) -> Dampak:
    """``penerima``: receiving unit pk -> date of the move judged."""
    d = Dampak(unit_penerima=len(penerima))
    aduan = defaultdict(list)
    ikm = defaultdict(list)
    pembanding_aduan, pembanding_ikm = set(), set()
    for unit_id, tanggal in penerima.items():
        bulan = _bulan(tanggal)
        if _bulan(bulan, JENDELA + 1) > _bulan(today):
            d.belum_waktunya += 1
            continue
        lain = data.pembanding(unit_id, tanggal)
        before = data.aduan_rata(unit_id, _bulan(bulan, -JENDELA), JENDELA)
        after = data.aduan_rata(unit_id, _bulan(bulan, 1), JENDELA)
        cb = [data.aduan_rata(u, _bulan(bulan, -JENDELA), JENDELA) for u in lain]
        ca = [data.aduan_rata(u, _bulan(bulan, 1), JENDELA) for u in lain]
        pairs = [(b, a, u) for b, a, u in zip(cb, ca, lain, strict=True) if None not in (b, a)]
        if None not in (before, after) and pairs:
            aduan["t"].append((before, after))
            aduan["c"].append((_rata(p[0] for p in pairs), _rata(p[1] for p in pairs)))
            pembanding_aduan.update(p[2] for p in pairs)
        ib, ia = data.ikm_sekitar(unit_id, tanggal)
        cpairs = [(data.ikm_sekitar(u, tanggal), u) for u in lain]
        cpairs = [(float(b), float(a), u) for (b, a), u in cpairs if None not in (b, a)]
        if None not in (ib, ia) and cpairs:
            ikm["t"].append((float(ib), float(ia)))
            ikm["c"].append((_rata(p[0] for p in cpairs), _rata(p[1] for p in cpairs)))
            pembanding_ikm.update(p[2] for p in cpairs)
    for ukuran, rows, lain in ((d.aduan, aduan, pembanding_aduan), (d.ikm, ikm, pembanding_ikm)):
        ukuran.unit = len(rows["t"])
        ukuran.pembanding = len(lain)
        if rows["t"]:
            ukuran.sebelum = _rata(r[0] for r in rows["t"])
            ukuran.sesudah = _rata(r[1] for r in rows["t"])
            ukuran.pembanding_sebelum = _rata(r[0] for r in rows["c"])
            ukuran.pembanding_sesudah = _rata(r[1] for r in rows["c"])
    return d


def dampak_program(moves, today: datetime.date) -> Dampak:
    """The programme's effect over ``moves`` (the dashboard's filtered implemented moves)."""
    data = _Data()
    penerima = {}
    for unit_id, day in (
        moves.filter(usulan__formasi_tujuan__unit_id__in=list(data.jenis))
        .order_by("dilaksanakan_pada")
        .values_list("usulan__formasi_tujuan__unit_id", "dilaksanakan_pada")
    ):
        penerima.setdefault(unit_id, day)
    d = _ukur(data, penerima, today)
    # One unit's story is not a programme's effect.
    d.aduan.min_penerima = d.ikm.min_penerima = MIN_UNIT
    return d


def dampak_unit(unit, today: datetime.date) -> Dampak | None:
    """The latest move into ``unit`` whose after window is over (else the latest), judged;
    None when nobody moved in."""
    data = _Data()
    days = sorted(data.masuk.get(unit.pk, ()))
    if not days:
        return None
    selesai = [d for d in days if _bulan(d, JENDELA + 1) <= _bulan(today)]
    tanggal = (selesai or days)[-1]
    d = _ukur(data, {unit.pk: tanggal}, today)
    d.tanggal = tanggal
    return d


def tabel(d: Dampak):
    """The comparison as a table of the dashboard's workbook: a row per measure."""
    from mutasi.laporan.hitung import Tabel

    def r(value):
        return None if value is None else round(value, 2)

    return Tabel(
        kode="layanan",
        judul=str(_("Layanan publik sebelum dan sesudah mutasi masuk")),
        lembar=str(_("Layanan publik")),
        kolom=[
            str(_("Ukuran")),
            str(_("Unit penerima: sebelum")),
            str(_("Unit penerima: sesudah")),
            str(_("Pembanding: sebelum")),
            str(_("Pembanding: sesudah")),
            str(_("Selisih dari selisih")),
            str(_("Unit penerima")),
            str(_("Unit pembanding")),
        ],
        baris=[
            [
                str(label),
                r(u.sebelum),
                r(u.sesudah),
                r(u.pembanding_sebelum),
                r(u.pembanding_sesudah),
                r(u.dampak) if u.dampak is not None else str(_("terlalu sedikit data")),
                u.unit,
                u.pembanding,
            ]
            for label, u in d.baris
        ],
    )
