"""The service signal of each unit, shown beside its workload (EJ) where moves are decided:
the band of its latest IKM, the trend of its complaints, and whether it is a priority.

Trend: the complaints of the last ``TREN_BULAN`` complete months against the
``TREN_BULAN`` before them; *naik* when they grew by at least ``TREN_NAIK`` (a fifth) and by
at least ``TREN_MIN`` complaints (so 1 → 2 is not a rise), *turun* the other way, else
*tetap*; no complaint data at all: no trend. A unit is a **priority** when it lacks people
(the caller knows: need above holders) and its service is poor: IKM band C or D, or
complaints rising.

Two grouped queries for any number of units.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from instansi.layanan import ikm as ikm_
from instansi.layanan.models import HasilSkm, PengaduanBulanan

TREN_BULAN = 3
TREN_NAIK = Decimal("0.2")
TREN_MIN = 3
LABEL_TREN = {"naik": _("naik"), "turun": _("turun"), "tetap": _("tetap")}


@dataclass
class Sinyal:
    ikm: Decimal | None = None
    mutu: str = ""
    periode: str = ""
    aduan_akhir: int = 0
    aduan_sebelum: int = 0
    tren: str = ""

    @property
    def buruk(self) -> bool:
        return self.mutu in ikm_.MUTU_BURUK or self.tren == "naik"

    @property
    def label_mutu(self):
        return ikm_.LABEL_MUTU.get(self.mutu, "")

    @property
    def label_tren(self):
        return LABEL_TREN.get(self.tren, "")

    def prioritas(self, kurang: int) -> bool:
        """A unit short of ``kurang`` people (> 0) with poor service."""
        return kurang > 0 and self.buruk


def _bulan_mundur(day: datetime.date, n: int) -> datetime.date:
    m = day.year * 12 + day.month - 1 - n
    return datetime.date(m // 12, m % 12 + 1, 1)


def tren(akhir: int, sebelum: int) -> str:
    if akhir - sebelum >= TREN_MIN and akhir >= sebelum * (1 + TREN_NAIK):
        return "naik"
    if sebelum - akhir >= TREN_MIN and akhir <= sebelum * (1 - TREN_NAIK):
        return "turun"
    return "tetap"


def sinyal_unit(unit_ids, today: datetime.date) -> dict[int, Sinyal]:
    """unit pk -> Sinyal, for the service units among ``unit_ids`` that have data."""
    unit_ids = list(unit_ids)
    result: dict[int, Sinyal] = {}
    latest = (
        HasilSkm.objects.filter(unit_id__in=unit_ids, tahun__lte=today.year)
        .order_by("unit_id", "-tahun", "-periode")
        .values_list("unit_id", "ikm", "tahun", "periode")
    )
    labels = dict(HasilSkm._meta.get_field("periode").choices)
    for unit_id, ikm, tahun, periode in latest:
        if unit_id not in result:
            result[unit_id] = Sinyal(
                ikm=ikm, mutu=ikm_.mutu(ikm), periode=f"{labels[periode]} {tahun}"
            )
    bulan_ini = today.replace(day=1)
    batas = _bulan_mundur(bulan_ini, TREN_BULAN)
    awal = _bulan_mundur(bulan_ini, 2 * TREN_BULAN)
    rows = (
        PengaduanBulanan.objects.filter(unit_id__in=unit_ids, bulan__gte=awal, bulan__lt=bulan_ini)
        .values("unit_id", "bulan")
        .annotate(n=Sum("jumlah"))
        .order_by()
    )
    for row in rows:
        s = result.setdefault(row["unit_id"], Sinyal())
        if row["bulan"] >= batas:
            s.aduan_akhir += row["n"]
        else:
            s.aduan_sebelum += row["n"]
        s.tren = "x"  # has complaint data; set below
    for s in result.values():
        if s.tren:
            s.tren = tren(s.aduan_akhir, s.aduan_sebelum)
    return result


def sinyal_layanan(today: datetime.date) -> dict[int, Sinyal]:
    """The signal of every service unit (three queries, whatever the number of units)."""
    from instansi.models import UnitKerja

    ids = UnitKerja.objects.filter(layanan_publik=True).values_list("pk", flat=True)
    return sinyal_unit(list(ids), today)
