"""Fixed lists of the pegawai app: golongan and pangkat, SKP predicates, education."""

import functools
import re

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Golongan(models.IntegerChoices):
    """Golongan/ruang; the number orders them (I/a lowest, IV/e highest)."""

    I_A = 11, "I/a"
    I_B = 12, "I/b"
    I_C = 13, "I/c"
    I_D = 14, "I/d"
    II_A = 21, "II/a"
    II_B = 22, "II/b"
    II_C = 23, "II/c"
    II_D = 24, "II/d"
    III_A = 31, "III/a"
    III_B = 32, "III/b"
    III_C = 33, "III/c"
    III_D = 34, "III/d"
    IV_A = 41, "IV/a"
    IV_B = 42, "IV/b"
    IV_C = 43, "IV/c"
    IV_D = 44, "IV/d"
    IV_E = 45, "IV/e"


class JenisAsn(models.TextChoices):
    """The two kinds of ASN (UU 20/2023): civil servants and contract staff (PP 49/2018)."""

    PNS = "pns", "PNS"
    PPPK = "pppk", "PPPK"


class GolonganPppk(models.IntegerChoices):
    """The pay grades of PPPK, I to XVII (Perpres 98/2020); not the golongan/ruang of PNS."""

    I = 1, "I"  # noqa: E741
    II = 2, "II"
    III = 3, "III"
    IV = 4, "IV"
    V = 5, "V"
    VI = 6, "VI"
    VII = 7, "VII"
    VIII = 8, "VIII"
    IX = 9, "IX"
    X = 10, "X"
    XI = 11, "XI"
    XII = 12, "XII"
    XIII = 13, "XIII"
    XIV = 14, "XIV"
    XV = 15, "XV"
    XVI = 16, "XVI"
    XVII = 17, "XVII"


_GOLONGAN_PPPK_BY_LABEL = {g.label: g for g in GolonganPppk}
_GOLONGAN_PPPK_RE = re.compile(r"^(?:PPPK)?\s*(?:GOL(?:ONGAN)?\.?)?\s*([IVX]+|\d{1,2})$")


def parse_golongan_pppk(text: str) -> GolonganPppk:
    """``"IX"``, ``"9"``, ``"PPPK IX"`` or ``"Gol. IX"`` → GolonganPppk; ValueError with an
    Indonesian message otherwise (a PNS golongan such as III/b included)."""
    match = _GOLONGAN_PPPK_RE.match(" ".join(str(text).upper().split()))
    if match:
        value = match.group(1)
        if value.isdigit() and int(value) in GolonganPppk.values:
            return GolonganPppk(int(value))
        if value in _GOLONGAN_PPPK_BY_LABEL:
            return _GOLONGAN_PPPK_BY_LABEL[value]
    raise ValueError(
        gettext(
            "Golongan PPPK “%(v)s” tidak dikenal: PPPK bergolongan I sampai XVII (Perpres "
            "98/2020), bukan golongan/ruang PNS seperti III/b."
        )
        % {"v": text}
    )


PANGKAT = {
    Golongan.I_A: "Juru Muda",
    Golongan.I_B: "Juru Muda Tk. I",
    Golongan.I_C: "Juru",
    Golongan.I_D: "Juru Tk. I",
    Golongan.II_A: "Pengatur Muda",
    Golongan.II_B: "Pengatur Muda Tk. I",
    Golongan.II_C: "Pengatur",
    Golongan.II_D: "Pengatur Tk. I",
    Golongan.III_A: "Penata Muda",
    Golongan.III_B: "Penata Muda Tk. I",
    Golongan.III_C: "Penata",
    Golongan.III_D: "Penata Tk. I",
    Golongan.IV_A: "Pembina",
    Golongan.IV_B: "Pembina Tk. I",
    Golongan.IV_C: "Pembina Utama Muda",
    Golongan.IV_D: "Pembina Utama Madya",
    Golongan.IV_E: "Pembina Utama",
}

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_GOLONGAN_RE = re.compile(r"^\s*(IV|III|II|I|[1-4])\s*[/\-. ]?\s*([A-Ea-e])\s*$")


_GOLONGAN_VALUES = frozenset(Golongan.values)
# A golongan inside other words ("Penata (III/c)", "Penata, III/c"): the slash or dash is
# required there, or the "I" of "Tk. I" would start one.
_GOLONGAN_IN_TEXT = re.compile(r"(?<![A-Z])(IV|III|II|I|[1-4])\s*[/\-]\s*([A-E])(?![A-Z])")
# Words around a pangkat or golongan that name neither.
_NOISE = re.compile(r"\b(?:GOL(?:ONGAN)?|RUANG|PANGKAT)\b|[()\[\],;:/\-]")


def _pangkat_key(text: str) -> str:
    """``"Penata Muda Tingkat 1"`` and ``"PENATA MUDA TK.I"`` → ``"PENATA MUDA TK I"``."""
    key = re.sub(r"\bTINGKAT\b", "TK", text.upper().replace(".", " "))
    key = re.sub(r"\bTK\s*(?:I|1)\b", "TK I", key)
    return " ".join(key.split())


PANGKAT_BY_KEY = {_pangkat_key(name): golongan for golongan, name in PANGKAT.items()}


def parse_golongan(text: str) -> Golongan | None:
    """``"III/a"``, ``"III a"``, ``"3a"`` or ``"III/A"`` → Golongan; None if not one."""
    match = _GOLONGAN_RE.match(str(text).upper())
    if not match:
        return None
    value = _ROMAN[match.group(1)] * 10 + "ABCDE".index(match.group(2).upper()) + 1
    return Golongan(value) if value in _GOLONGAN_VALUES else None


@functools.lru_cache(maxsize=1024)
def parse_pangkat_golongan(text: str) -> Golongan:
    """The golongan of ``"III/c"``, ``"Penata"``, ``"Penata (III/c)"``, ``"Penata, III/c"``
    or ``"Gol. III/c"``; ValueError with an Indonesian message when there is none, or when the
    pangkat and the golongan written together disagree. Cached (errors are not): a staff file
    repeats a few dozen spellings thousands of times."""
    text = " ".join(str(text).split())
    golongan = parse_golongan(text)
    if golongan is not None:
        return golongan
    upper = text.upper()
    found = {
        parse_golongan(f"{m.group(1)}/{m.group(2)}") for m in _GOLONGAN_IN_TEXT.finditer(upper)
    }
    if None in found or len(found) > 1:
        raise ValueError(
            gettext("“%(v)s” memuat lebih dari satu golongan, atau golongan yang tidak ada.")
            % {"v": text}
        )
    golongan = found.pop() if found else None
    rest = _pangkat_key(_NOISE.sub(" ", _GOLONGAN_IN_TEXT.sub(" ", upper)))
    if not rest:
        if golongan is None:
            raise ValueError(gettext("Golongan belum diisi."))
        return golongan
    pangkat = PANGKAT_BY_KEY.get(rest)
    if pangkat is None:
        hint = (
            gettext("golongan %(g)s berpangkat %(p)s")
            % {"g": golongan.label, "p": PANGKAT[golongan]}
            if golongan is not None
            else gettext("tulis misalnya III/c, Penata, atau Penata (III/c)")
        )
        raise ValueError(
            gettext("Pangkat/golongan “%(v)s” tidak dikenal; %(hint)s.") % {"v": text, "hint": hint}
        )
    if golongan is not None and golongan != pangkat:
        raise ValueError(
            gettext(
                "Pangkat dan golongan tidak cocok: %(p)s adalah golongan %(gp)s, tetapi tertulis "
                "%(g)s. Periksa mana yang benar."
            )
            % {"p": PANGKAT[pangkat], "gp": pangkat.label, "g": golongan.label}
        )
    return pangkat


class JenisKelamin(models.TextChoices):
    """The value is the gender digit of the NIP (docs/domain.md §3)."""

    LAKI_LAKI = "1", _("Laki-laki")
    PEREMPUAN = "2", _("Perempuan")


class TingkatPendidikan(models.IntegerChoices):
    SD = 1, "SD"
    SMP = 2, "SMP"
    SMA = 3, "SMA/SMK"
    D1 = 4, "D-I"
    D2 = 5, "D-II"
    D3 = 6, "D-III"
    D4 = 7, "D-IV"
    S1 = 8, "S-1"
    S2 = 9, "S-2"
    S3 = 10, "S-3"


class PredikatSkp(models.IntegerChoices):
    """Yearly performance rating; higher is better."""

    SANGAT_KURANG = 1, _("Sangat Kurang")
    KURANG = 2, _("Kurang")
    BUTUH_PERBAIKAN = 3, _("Butuh Perbaikan")
    BAIK = 4, _("Baik")
    SANGAT_BAIK = 5, _("Sangat Baik")


class TingkatHukdis(models.TextChoices):
    RINGAN = "ringan", _("Ringan")
    SEDANG = "sedang", _("Sedang")
    BERAT = "berat", _("Berat")


class TingkatPotensi(models.IntegerChoices):
    """Potential (the vertical axis of the 9-box talent grid), from a talent assessment."""

    RENDAH = 1, _("Rendah")
    MENENGAH = 2, _("Menengah")
    TINGGI = 3, _("Tinggi")
