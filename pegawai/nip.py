"""The structure of an ASN's identity number (docs/domain.md §3).

18 digits. A PNS's NIP: birth date ``YYYYMMDD``, TMT CPNS ``YYYYMM``, gender ``1``/``2``,
serial ``NNN``. A PPPK's NI PPPK: birth date ``YYYYMMDD``, year of appointment ``YYYY``, then
``21`` where a PNS has the month, gender and serial.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pegawai.choices import JenisAsn

# Digits 13–14 of an NI PPPK: never a month, so the two kinds cannot be confused.
BULAN_PPPK = "21"
# The first PPPK were appointed after PP 49/2018; an earlier year is a typing error.
TAHUN_PPPK_PERTAMA = 2019


@dataclass(frozen=True)
class Nip:
    tanggal_lahir: datetime.date
    tmt_cpns: datetime.date | None  # first day of the CPNS month; None for a PPPK
    jenis_kelamin: str  # "1" or "2"
    urut: str
    jenis_asn: str = JenisAsn.PNS
    tahun_pengangkatan: int | None = None  # PPPK only

    @property
    def pppk(self) -> bool:
        return self.jenis_asn == JenisAsn.PPPK


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def jenis_dari_nip(value: str) -> str:
    """The kind of ASN a number's digits 13–14 say: ``21`` is a PPPK, anything else a PNS."""
    nip = str(value).strip().replace(" ", "")
    return JenisAsn.PPPK if nip[12:14] == BULAN_PPPK else JenisAsn.PNS


def parse_nip(value: str, today: datetime.date | None = None, jenis_asn: str | None = None) -> Nip:
    """Split a NIP or NI PPPK into its parts, or raise ValidationError saying what is wrong.
    ``jenis_asn`` is the kind the record says; without it the digits decide."""
    nip = str(value).strip().replace(" ", "")
    if not nip.isdigit() or not nip.isascii():
        raise ValidationError(_("NIP hanya boleh berisi angka."), code="nip_digits")
    if len(nip) != 18:
        raise ValidationError(
            _("NIP harus 18 digit, yang dimasukkan %(n)s digit.") % {"n": len(nip)},
            code="nip_length",
        )
    try:
        lahir = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            _("Digit 1–8 NIP (%(d)s) bukan tanggal lahir yang ada.") % {"d": nip[0:8]},
            code="nip_birth_date",
        ) from None
    today = today or datetime.date.today()
    if lahir.year < 1940 or lahir > today:
        raise ValidationError(_("Tanggal lahir pada NIP tidak masuk akal."), code="nip_birth_date")
    if nip[14] not in "12":
        raise ValidationError(
            _("Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)."), code="nip_gender"
        )
    if nip[15:] == "000":
        raise ValidationError(_("Nomor urut NIP tidak boleh 000."), code="nip_serial")
    dari_digit = jenis_dari_nip(nip)
    if jenis_asn == JenisAsn.PNS and dari_digit == JenisAsn.PPPK:
        raise ValidationError(
            _(
                "Digit 13–14 nomor ini “21”: itu susunan NI PPPK (tahun pengangkatan lalu 21, "
                "PP 49/2018), bukan NIP PNS yang memuat bulan TMT CPNS. Jika pegawai ini PPPK, "
                "pilih jenis ASN PPPK."
            ),
            code="nip_jenis",
        )
    if jenis_asn == JenisAsn.PPPK and dari_digit == JenisAsn.PNS:
        raise ValidationError(
            _(
                "Digit 13–14 NI PPPK harus “21” (tahun pengangkatan lalu 21, PP 49/2018); "
                "“%(d)s” adalah bulan TMT CPNS pada NIP PNS. Jika pegawai ini PNS, pilih jenis "
                "ASN PNS."
            )
            % {"d": nip[12:14]},
            code="nip_jenis",
        )
    if dari_digit == JenisAsn.PPPK:
        return _parse_pppk(nip, lahir, today)
    try:
        cpns = datetime.date(int(nip[8:12]), int(nip[12:14]), 1)
    except ValueError:
        raise ValidationError(
            _("Digit 9–14 NIP (%(d)s) bukan bulan TMT CPNS yang ada.") % {"d": nip[8:14]},
            code="nip_tmt_cpns",
        ) from None
    if cpns <= add_years(lahir, 18).replace(day=1):
        raise ValidationError(
            _("TMT CPNS pada NIP (%(cpns)s) harus sesudah usia 18 tahun.")
            % {"cpns": f"{nip[12:14]}/{nip[8:12]}"},
            code="nip_tmt_cpns",
        )
    if cpns > today:
        raise ValidationError(_("TMT CPNS pada NIP belum terjadi."), code="nip_tmt_cpns")
    return Nip(tanggal_lahir=lahir, tmt_cpns=cpns, jenis_kelamin=nip[14], urut=nip[15:])


def _parse_pppk(nip: str, lahir: datetime.date, today: datetime.date) -> Nip:
    tahun = int(nip[8:12])
    if tahun < TAHUN_PPPK_PERTAMA:
        raise ValidationError(
            _(
                "Tahun pengangkatan pada NI PPPK (%(y)s) sebelum %(first)s: PPPK pertama "
                "diangkat sesudah PP 49/2018."
            )
            % {"y": tahun, "first": TAHUN_PPPK_PERTAMA},
            code="nip_tahun_pppk",
        )
    if tahun > today.year:
        raise ValidationError(
            _("Tahun pengangkatan pada NI PPPK (%(y)s) belum terjadi.") % {"y": tahun},
            code="nip_tahun_pppk",
        )
    if tahun < lahir.year + 18:
        raise ValidationError(
            _("Tahun pengangkatan pada NI PPPK (%(y)s) harus sesudah usia 18 tahun.")
            % {"y": tahun},
            code="nip_tahun_pppk",
        )
    return Nip(
        tanggal_lahir=lahir,
        tmt_cpns=None,
        jenis_kelamin=nip[14],
        urut=nip[15:],
        jenis_asn=JenisAsn.PPPK,
        tahun_pengangkatan=tahun,
    )


def validate_nip(value: str) -> None:
    parse_nip(value)


def mask_nip(nip: str) -> str:
    """The NIP with birth date and TMT CPNS (or a PPPK's year) hidden, for public pages."""
    return "********" + " " + "******" + " " + nip[14:15] + " " + nip[15:]
