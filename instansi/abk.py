"""The arithmetic of the workload analysis (ANJAB/ABK), docs/domain.md §5: from tasks to need.

Workload hours = Σ volume × standard minutes / 60. Needed staff = workload hours /
effective hours per year, then rounded the way the analysis says (``Pembulatan``):
``ke_atas`` rounds any fraction up (0.75 → 1, 1.02 → 2); ``matematis`` rounds half up
(0.5 → 1, 1.49 → 1, 0.4 → 0). Gap, EJ and its band are in ``instansi.beban``.
"""

import math
from decimal import ROUND_HALF_UP, Decimal

from instansi.choices import Pembulatan


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
