"""The satisfaction index (IKM) of PermenPANRB 14/2017, in Decimal so the band edges hold.

IKM = the mean of the nine element means (U1..U9, each 1–4, equal weights) × 25, rounded
half up to two decimals; the band (mutu) is read from the rounded value, the way the
published figure is read: A 88,31–100, B 76,61–88,30, C 65,00–76,60, D 25,00–64,99.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

ELEMEN = {
    "u1": _("U1 Persyaratan"),
    "u2": _("U2 Sistem, mekanisme dan prosedur"),
    "u3": _("U3 Waktu penyelesaian"),
    "u4": _("U4 Biaya/tarif"),
    "u5": _("U5 Produk spesifikasi jenis pelayanan"),
    "u6": _("U6 Kompetensi pelaksana"),
    "u7": _("U7 Perilaku pelaksana"),
    "u8": _("U8 Penanganan pengaduan, saran dan masukan"),
    "u9": _("U9 Sarana dan prasarana"),
}
NILAI_MIN = Decimal(1)
NILAI_MAKS = Decimal(4)
DUA_DESIMAL = Decimal("0.01")

# Lower edge of each band, highest first (the value is already rounded to two decimals).
BATAS_MUTU = (
    (Decimal("88.31"), "A"),
    (Decimal("76.61"), "B"),
    (Decimal("65.00"), "C"),
)
MUTU_BURUK = frozenset({"C", "D"})
LABEL_MUTU = {
    "A": _("Sangat baik"),
    "B": _("Baik"),
    "C": _("Kurang baik"),
    "D": _("Tidak baik"),
}


def hitung_ikm(nilai) -> Decimal:
    """The IKM of nine element means (numbers or strings, each 1–4)."""
    nilai = [Decimal(str(v)) for v in nilai]
    if len(nilai) != len(ELEMEN):
        raise ValueError(f"need {len(ELEMEN)} element means, got {len(nilai)}")
    if any(not NILAI_MIN <= v <= NILAI_MAKS for v in nilai):
        raise ValueError("each element mean must be between 1 and 4")
    # Sum × 25 / 9 in one division, so no rounding happens before the last step.
    return (sum(nilai) * 25 / len(nilai)).quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)


def mutu(ikm) -> str:
    """The band letter of an IKM (A, B, C or D)."""
    ikm = Decimal(str(ikm)).quantize(DUA_DESIMAL, rounding=ROUND_HALF_UP)
    for batas, huruf in BATAS_MUTU:
        if ikm >= batas:
            return huruf
    return "D"
