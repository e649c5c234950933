"""The structure of a civil servant's NIP (docs/domain.md §3).

18 digits: birth date ``YYYYMMDD``, TMT CPNS ``YYYYMM``, gender ``1``/``2``, serial ``NNN``.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Nip:
    tanggal_lahir: datetime.date
    tmt_cpns: datetime.date  # first day of the CPNS month
    jenis_kelamin: str  # "1" or "2"
    urut: str


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def parse_nip(value: str, today: datetime.date | None = None) -> Nip:
    """Split a NIP into its parts, or raise ValidationError saying what is wrong."""
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
    try:
        cpns = datetime.date(int(nip[8:12]), int(nip[12:14]), 1)
    except ValueError:
        raise ValidationError(
            _("Digit 9–14 NIP (%(d)s) bukan bulan TMT CPNS yang ada.") % {"d": nip[8:14]},
            code="nip_tmt_cpns",
        ) from None
    today = today or datetime.date.today()
    if lahir.year < 1940 or lahir > today:
        raise ValidationError(_("Tanggal lahir pada NIP tidak masuk akal."), code="nip_birth_date")
    if cpns <= add_years(lahir, 18).replace(day=1):
        raise ValidationError(
            _("TMT CPNS pada NIP (%(cpns)s) harus sesudah usia 18 tahun.")
            % {"cpns": f"{nip[12:14]}/{nip[8:12]}"},
            code="nip_tmt_cpns",
        )
    if cpns > today:
        raise ValidationError(_("TMT CPNS pada NIP belum terjadi."), code="nip_tmt_cpns")
    if nip[14] not in "12":
        raise ValidationError(
            _("Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan)."), code="nip_gender"
        )
    if nip[15:] == "000":
        raise ValidationError(_("Nomor urut NIP tidak boleh 000."), code="nip_serial")
    return Nip(tanggal_lahir=lahir, tmt_cpns=cpns, jenis_kelamin=nip[14], urut=nip[15:])


def validate_nip(value: str) -> None:
    parse_nip(value)


def mask_nip(nip: str) -> str:
    """The NIP with birth date and TMT CPNS hidden, for public pages."""
    return "********" + " " + "******" + " " + nip[14:15] + " " + nip[15:]
