"""The arithmetic of the workload analysis (ANJAB/ABK), DESIGN.md §5, in one place.

Workload hours = Σ volume × standard minutes / 60. Needed staff = workload hours /
effective hours per year, then rounded the way the analysis says (``Pembulatan``):
``ke_atas`` rounds any fraction up (0.75 → 1, 1.02 → 2); ``matematis`` rounds half up
(0.5 → 1, 1.49 → 1, 0.4 → 0). Gap = holders − needed (negative: shortage).
EJ = workload hours / (holders × effective hours), categories A > 1.00, B 0.90–1.00,
C 0.70–0.89, D 0.50–0.69, E < 0.50; with no holders EJ is undefined.
"""

import math
from decimal import ROUND_HALF_UP, Decimal

from instansi.choices import KategoriEJ, Pembulatan


def beban_jam(tasks) -> Decimal:
    """Workload hours of ``(volume, minutes)`` pairs."""
    minutes = sum((Decimal(v) * Decimal(m) for v, m in tasks), Decimal(0))
    return minutes / 60


def kebutuhan_pecahan(jam: Decimal, jam_efektif: int) -> Decimal:
    return Decimal(jam) / Decimal(jam_efektif)


def bulatkan(pecahan: Decimal, cara: str) -> int:
    if pecahan <= 0:
        return 0
    if cara == Pembulatan.MATEMATIS:
        return int(Decimal(pecahan).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return math.ceil(pecahan)


def efisiensi(jam: Decimal, bezetting: int, jam_efektif: int) -> Decimal | None:
    if bezetting <= 0:
        return None
    return Decimal(jam) / (Decimal(bezetting) * Decimal(jam_efektif))


def kategori(ej: Decimal | None) -> str | None:
    """The category of an EJ value rounded to two decimals, as the forms print it."""
    if ej is None:
        return None
    ej = Decimal(ej).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if ej > Decimal("1.00"):
        return KategoriEJ.A
    if ej >= Decimal("0.90"):
        return KategoriEJ.B
    if ej >= Decimal("0.70"):
        return KategoriEJ.C
    if ej >= Decimal("0.50"):
        return KategoriEJ.D
    return KategoriEJ.E
