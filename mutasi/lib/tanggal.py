"""Dates the Indonesian way: written for letters and pages (23 November 2026), and read back
from what people and spreadsheets type (1985-03-14, 14-03-1985, 14 Maret 1985, 14 Mar 1985).
"""

import datetime
import re

from django.utils.translation import gettext as _

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
# Month names and abbreviations as they are typed, lower case and without the dot: the
# Indonesian names and their three-letter forms, old spellings (Pebruari, Nopember), the other
# abbreviations offices use (Agt, Ags, Sept, Nop), and the English names an English-language
# Excel or LibreOffice writes.
_ENGLISH = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = {
    **{name.lower(): n for n, name in enumerate(BULAN, start=1)},
    **{name[:3].lower(): n for n, name in enumerate(BULAN, start=1)},
    **{name: n for n, name in enumerate(_ENGLISH, start=1)},
    **{name[:3]: n for n, name in enumerate(_ENGLISH, start=1)},
    "pebruari": 2,
    "peb": 2,
    "agt": 8,
    "ags": 8,
    "sept": 9,
    "nopember": 11,
    "nop": 11,
}

_MIDNIGHT = r"(?:[ T]0?0[:.]00(?:[:.]00)?)?"
_ISO = re.compile(rf"^(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_MIDNIGHT}$")
_NUMERIC = re.compile(rf"^(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{2}}|\d{{4}}){_MIDNIGHT}$")
# "Senin, 14 Maret 1985", "14 Maret 1985", "14-Mar-85", "14 Mar. 1985"
_WORDS = re.compile(
    r"^(?:[^\W\d_]+,\s*)?(\d{1,2})[\s\-/.]+([^\W\d_]+)\.?[\s\-/.,]+(\d{2}|\d{4})$", re.UNICODE
)


def tanggal_indonesia(day: datetime.date | None) -> str:
    """23 November 2026, independent of the active language."""
    if day is None:
        return ""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def lama_sejak(start: datetime.date, today: datetime.date) -> str:
    """How long since ``start``, in the words of a personnel file: "4 tahun 1 bulan",
    "3 bulan", "4 hari" (Django's ``timesince`` counts a date from midnight UTC and says
    "4 hari, 23 jam" of a day that has no hours)."""
    if start > today:
        return _("belum dimulai")
    months = (today.year - start.year) * 12 + today.month - start.month - (today.day < start.day)
    if months == 0:
        return _("%(n)s hari") % {"n": (today - start).days}
    years, months = divmod(months, 12)
    parts = [_("%(n)s tahun") % {"n": years}] if years else []
    if months:
        parts.append(_("%(n)s bulan") % {"n": months})
    return " ".join(parts)


def bulan_tahun(day: datetime.date) -> str:
    """Mar 2026: a month on a chart axis, independent of the active language."""
    return f"{BULAN[day.month - 1][:3]} {day.year}"


def parse_tanggal(text: str) -> datetime.date:
    """A date typed the way Indonesian offices write it; ValueError with an Indonesian
    message when it is not one, or when the century or the day/month order is a guess."""
    text = " ".join(str(text).split())
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return _date(text, year, month, day)
    if match := _NUMERIC.match(text):
        day, month, year = match.groups()
        _refuse_short_year(text, year)
        if int(month) > 12 and int(day) <= 12 and _exists(year, day, month):
            raise ValueError(
                _(
                    "Tanggal “%(v)s” tampaknya ditulis bulan/hari/tahun (Excel berbahasa "
                    "Inggris). Tulis hari-bulan-tahun, misalnya %(fixed)s, atau di Excel ubah "
                    "format sel tanggal ke Indonesia (Format Sel → Tanggal → Lokal: Indonesia)."
                )
                % {"v": text, "fixed": f"{int(month):02d}-{int(day):02d}-{year}"}
            )
        return _date(text, year, month, day)
    if match := _WORDS.match(text):
        day, month_name, year = match.groups()
        month = MONTHS.get(month_name.lower())
        if month is None:
            raise ValueError(
                _(
                    "Nama bulan “%(m)s” pada tanggal “%(v)s” tidak dikenal; tulis misalnya "
                    "14 Maret 1985 atau 14 Mar 1985."
                )
                % {"m": month_name, "v": text}
            )
        _refuse_short_year(text, year)
        return _date(text, year, month, day)
    raise ValueError(
        _(
            "Tanggal “%(v)s” tidak dapat dibaca; tulis misalnya 14-03-1985, 14 Maret 1985 atau "
            "1985-03-14."
        )
        % {"v": text}
    )


def _exists(year, month, day) -> bool:
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _date(text, year, month, day) -> datetime.date:
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(_("Tanggal “%(v)s” tidak ada di kalender.") % {"v": text}) from None


def _refuse_short_year(text: str, year: str) -> None:
    # 01-02-30 may be 1930 or 2030: for birth dates and appointments both happen.
    if len(year) == 2:
        raise ValueError(
            _(
                "Tahun pada tanggal “%(v)s” hanya dua digit, jadi abadnya tidak pasti. Tulis "
                "tahun empat digit; di Excel pilih kolom itu → Format Sel → Tanggal, format "
                "dengan tahun empat digit (misalnya 14-03-2001), lalu simpan ulang."
            )
            % {"v": text}
        )


def tanggal_jam(moment: datetime.datetime) -> str:
    """23 November 2026 pukul 14.30 WIB: a moment in the project's time zone."""
    from django.utils import timezone

    local = timezone.localtime(moment)
    return f"{tanggal_indonesia(local.date())} pukul {local:%H.%M} {local.tzname()}"
