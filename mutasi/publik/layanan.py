"""The public-service quality of each agency for the transparency page (issue 18): the mean
IKM of its service units' surveys and the complaints they received, per year over the last
``TAHUN`` years. Aggregates of units only, never anything about a person; two grouped
queries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Sum
from django.db.models.functions import ExtractYear

from instansi.layanan.ikm import mutu
from instansi.layanan.models import HasilSkm, PengaduanBulanan

TAHUN = 3


@dataclass
class TrenOpd:
    nama: str
    unit: int = 0
    ikm: dict = field(default_factory=dict)  # year -> mean IKM (2 decimals)
    aduan: dict = field(default_factory=dict)  # year -> complaints
    per_tahun: list = field(default_factory=list)  # (year, IKM, band, complaints)

    def baris(self, tahun: list[int]) -> list[tuple]:
        return [
            (t, self.ikm.get(t), mutu(self.ikm[t]) if t in self.ikm else "", self.aduan.get(t))
            for t in tahun
        ]


def tren_layanan(today: datetime.date) -> tuple[list[int], list[TrenOpd]]:
    tahun = list(range(today.year - TAHUN + 1, today.year + 1))
    rows: dict[int, TrenOpd] = {}
    units = defaultdict(set)
    skm = (
        HasilSkm.objects.filter(tahun__in=tahun)
        .values("unit__perangkat_daerah_id", "unit__perangkat_daerah__nama", "tahun")
        .annotate(ikm=Avg("ikm"), n=Count("unit", distinct=True))
        .order_by()
    )
    for r in skm:
        opd = rows.setdefault(
            r["unit__perangkat_daerah_id"], TrenOpd(r["unit__perangkat_daerah__nama"])
        )
        opd.ikm[r["tahun"]] = Decimal(str(r["ikm"])).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        units[r["unit__perangkat_daerah_id"]].add(r["n"])
    aduan = (
        PengaduanBulanan.objects.filter(bulan__year__in=tahun)
        .annotate(tahun=ExtractYear("bulan"))
        .values("unit__perangkat_daerah_id", "unit__perangkat_daerah__nama", "tahun")
        .annotate(n=Sum("jumlah"), u=Count("unit", distinct=True))
        .order_by()
    )
    for r in aduan:
        opd = rows.setdefault(
            r["unit__perangkat_daerah_id"], TrenOpd(r["unit__perangkat_daerah__nama"])
        )
        opd.aduan[r["tahun"]] = r["n"]
        units[r["unit__perangkat_daerah_id"]].add(r["u"])
    for pk, opd in rows.items():
        opd.unit = max(units[pk], default=0)
        opd.per_tahun = opd.baris(tahun)
    return tahun, sorted(rows.values(), key=lambda o: o.nama)
