"""The fit score of an employee for a vacancy: six named parts, each a value 0–1 times its
weight (``PENCOCOKAN_BOBOT``), normalised so that the weights add up to 100. The total is
rounded to one decimal and the parts are rounded so that they add up to it exactly: the
parts on the page add up to the total on the page.

Every part is a pure function of a few facts, so a reader (and a test) can redo the sum by
hand. What is not known counts as the middle value 0.5, never as a full fit:

- kompetensi: half for the education field (1 the required field is held, 0.5 the jabatan
  names none), half for the share of the jabatan's required competencies the employee has
  (0.5 when it names none);
- kinerja: the SKP predicates of the last ``MUTASI_TAHUN_SKP`` years, Sangat Kurang = 0 …
  Sangat Baik = 1, averaged (a missing year counts 0);
- masa_jabatan: years in the current post ÷ ``MUTASI_MAX_TAHUN_JABATAN``, at most 1 (long
  tenure is due for rotation);
- beban_asal: the origin formasi's surplus share (holders − need) ÷ holders; 0 when the
  origin is not above its need (short units are protected);
- preferensi: 1 the employee asked for this unit, 0.75 for this agency, 0.5 willing with no
  match or nothing stated, 0 not willing;
- talenta: the 9-box of performance (latest SKP) × potential, box 1 → 0 … box 9 → 1; 0.5 (the
  middle box) when no potential assessment exists.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mutasi.ketentuan.berlaku import bobot, seluruh_pemerintah

BAGIAN = ("kompetensi", "kinerja", "masa_jabatan", "beban_asal", "preferensi", "talenta")

NAMA_BAGIAN = {
    "kompetensi": gettext_lazy("Kesesuaian pendidikan dan kompetensi"),
    "kinerja": gettext_lazy("Kinerja (SKP)"),
    "masa_jabatan": gettext_lazy("Masa dalam jabatan"),
    "beban_asal": gettext_lazy("Beban kerja unit asal"),
    "preferensi": gettext_lazy("Preferensi pegawai"),
    "talenta": gettext_lazy("Kotak talenta (9-box)"),
}

# The 9-box of PermenPANRB 3/2020, (performance level, potential level) → box. Performance:
# 1 below expectation, 2 as expected, 3 above; potential: 1 low, 2 middle, 3 high.
KOTAK = {
    (1, 1): 1,
    (1, 2): 2,
    (2, 1): 3,
    (1, 3): 4,
    (2, 2): 5,
    (3, 1): 6,
    (2, 3): 7,
    (3, 2): 8,
    (3, 3): 9,
}

TINGKAT_KINERJA = {
    1: gettext_lazy("di bawah ekspektasi"),
    2: gettext_lazy("sesuai ekspektasi"),
    3: gettext_lazy("di atas ekspektasi"),
}


def bobot_default(hari: datetime.date | None = None) -> dict:
    """The weights in force on ``hari`` (today) for the whole government: BKD's settings
    (``/ketentuan/``), else the environment's ``PENCOCOKAN_BOBOT_*``."""
    return bobot(seluruh_pemerintah(hari))


def periksa_bobot(bobot: dict) -> dict:
    """Weights as ints, all six present, none negative, not all zero; else ValidationError."""
    clean = {}
    for kode in BAGIAN:
        try:
            clean[kode] = int(bobot.get(kode, 0))
        except (TypeError, ValueError):
            raise ValidationError(_("Bobot harus berupa bilangan bulat.")) from None
        if clean[kode] < 0:
            raise ValidationError(_("Bobot tidak boleh negatif."))
    if not any(clean.values()):
        raise ValidationError(_("Paling sedikit satu bobot harus lebih dari nol."))
    return clean


# --- The six values ------------------------------------------------------------------


# What a part is worth when the jabatan states nothing to compare with.
NETRAL = 0.5


def nilai_kompetensi(pendidikan_cocok, kompetensi_cocok: int, kompetensi_wajib: int):
    """``pendidikan_cocok``: True/False against the required fields, None when none are
    required."""
    pend = NETRAL if pendidikan_cocok is None else float(pendidikan_cocok)
    komp = kompetensi_cocok / kompetensi_wajib if kompetensi_wajib else NETRAL
    return 0.5 * pend + 0.5 * komp


def nilai_kinerja(predikat_per_tahun: list) -> float:
    """``predikat_per_tahun``: the predicate (1–5) or None for each counted year."""
    if not predikat_per_tahun:
        return 0.0
    return sum((p - 1) / 4 if p else 0.0 for p in predikat_per_tahun) / len(predikat_per_tahun)


def nilai_masa_jabatan(tahun: float, maks: int | None = None) -> float:
    """``maks``: the rotation threshold in force (``mutasi.ketentuan``), else the environment's."""
    maks = maks or settings.MUTASI_MAX_TAHUN_JABATAN
    return max(0.0, min(tahun / maks, 1.0))


def nilai_beban_asal(kebutuhan: int, bezetting: int) -> float:
    if bezetting <= kebutuhan or bezetting <= 0:
        return 0.0
    return (bezetting - kebutuhan) / bezetting


def nilai_preferensi(bersedia, unit_cocok: bool, opd_cocok: bool) -> float:
    """``bersedia``: True/False as stated, None when the employee stated nothing."""
    if bersedia is None:
        return 0.5
    if not bersedia:
        return 0.0
    if unit_cocok:
        return 1.0
    if opd_cocok:
        return 0.75
    return 0.5


def tingkat_kinerja(predikat_terakhir) -> int:
    """Performance axis of the 9-box: 3 Sangat Baik, 2 Baik, 1 below or unknown."""
    if predikat_terakhir is None:
        return 1
    return 3 if predikat_terakhir >= 5 else 2 if predikat_terakhir == 4 else 1


def kotak_talenta(predikat_terakhir, potensi):
    if potensi is None:
        return None
    return KOTAK[(tingkat_kinerja(predikat_terakhir), potensi)]


def nilai_talenta(kotak) -> float:
    return NETRAL if kotak is None else (kotak - 1) / 8


# --- The total -----------------------------------------------------------------------


@dataclass
class Bagian:
    kode: str
    nilai: float
    bobot: int
    poin: float
    fakta: str = ""

    @property
    def nama(self):
        return NAMA_BAGIAN[self.kode]


@dataclass
class Skor:
    bagian: list = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(b.poin for b in self.bagian), 1)

    def as_json(self) -> dict:
        return {
            b.kode: {"nama": str(b.nama), "nilai": b.nilai, "poin": b.poin, "fakta": b.fakta}
            for b in self.bagian
        }


def satu_desimal(x: float) -> float:
    """To one decimal, halves up, as the page prints it (11.25 → 11.3)."""
    return round(math.floor(x * 10 + 0.5) / 10, 1)


def _tepat(nilai: dict, bobot: dict) -> dict:
    """poin = value × weight × 100 ÷ Σ weights, unrounded."""
    total = sum(bobot.values())
    return {k: nilai[k] * bobot[k] * 100 / total for k in BAGIAN}


def jumlah(nilai: dict, bobot: dict) -> float:
    """The total, to one decimal: what the page prints and ranks by."""
    return satu_desimal(sum(_tepat(nilai, bobot).values()))


def _poin(nilai: dict, bobot: dict) -> dict:
    """The parts to one decimal, adding up to exactly ``jumlah``: each is cut to one decimal
    and the tenths still missing go to the parts that lost most (largest remainder)."""
    exact = _tepat(nilai, bobot)
    tenths = {k: math.floor(exact[k] * 10 + 1e-9) for k in BAGIAN}
    missing = round(jumlah(nilai, bobot) * 10) - sum(tenths.values())
    for k in sorted(BAGIAN, key=lambda k: tenths[k] - exact[k] * 10)[: max(missing, 0)]:
        tenths[k] += 1
    return {k: tenths[k] / 10 for k in BAGIAN}


def gabung(nilai: dict, bobot: dict, fakta: dict | None = None) -> Skor:
    """The parts from their values."""
    fakta = fakta or {}
    poin = _poin(nilai, bobot)
    return Skor([Bagian(k, nilai[k], bobot[k], poin[k], fakta.get(k, "")) for k in BAGIAN])
