"""One cell at a time: text, NIP (and what Excel does to it), gender, dates, golongan,
education, SKP rating; the lookups of units, posts and fields of study by name."""

import datetime
import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from instansi.models import BidangPendidikan, Jabatan, UnitKerja
from mutasi.lib.tanggal import parse_tanggal, tanggal_indonesia
from pegawai.choices import parse_golongan_pppk, parse_pangkat_golongan
from pegawai.importer.columns import (
    _EXCEL_ERRORS,
    _EXCEL_SERIAL,
    _SCIENTIFIC,
    JENIS_KELAMIN_BY_SPELLING,
    PENDIDIKAN_BY_SPELLING,
    PREDIKAT_BY_LABEL,
)
from pegawai.importer.types import _BadCell
from pegawai.nip import parse_nip

# --- cells ----------------------------------------------------------------------------


def _text(value) -> str:
    if type(value) is str:  # nearly every cell: first
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _key(value) -> str:
    return _text(value).casefold()


def _excel_fix_nip() -> str:
    return _(
        "Di Excel: pilih kolom NIP, klik kanan → Format Sel → Teks, lalu ketik ulang NIP dari "
        "sumber aslinya (atau awali NIP dengan tanda petik: '198503142010011001)."
    )


def _parse_nip(value) -> str:
    if isinstance(value, float):
        raise _BadCell(
            _(
                "NIP tersimpan sebagai angka di Excel. Excel hanya menyimpan 15 digit angka, "
                "sehingga digit terakhir NIP bisa sudah berubah."
            )
            + " "
            + _excel_fix_nip()
        )
    text = _text(value).lstrip("'").replace(" ", "")
    if not text:
        raise _BadCell(_("Wajib diisi."))
    if _SCIENTIFIC.match(text):
        raise _BadCell(
            _("NIP tertulis sebagai %(v)s (notasi ilmiah Excel), digitnya sudah hilang.")
            % {"v": text}
            + " "
            + _excel_fix_nip()
        )
    # Excel keeps 15 significant digits: an 18-digit NIP typed as a number ends in 000, and
    # no NIP does (the serial starts at 001).
    if len(text) == 18 and text.isdigit() and text.endswith("000"):
        raise _BadCell(
            _(
                "NIP %(v)s berakhir 000: kemungkinan besar Excel membulatkannya, karena Excel "
                "hanya menyimpan 15 digit angka dan mengganti sisanya dengan 0."
            )
            % {"v": text}
            + " "
            + _excel_fix_nip()
        )
    try:
        parse_nip(text)
    except ValidationError as e:
        raise _BadCell(e.messages[0]) from None
    return text


def _check_excel_damage(value) -> None:
    """Refuse what Excel writes in place of a value: a formula error or ####."""
    if not isinstance(value, str) or not value.startswith("#"):
        return
    text = value.strip()
    if text in _EXCEL_ERRORS:
        raise _BadCell(
            _(
                "Sel berisi galat rumus Excel “%(v)s”, bukan data. Perbaiki rumusnya di Excel, "
                "atau salin kolom itu lalu Tempel Spesial → Nilai."
            )
            % {"v": text}
        )
    if set(text) == {"#"}:
        raise _BadCell(
            _(
                "Sel tertulis “%(v)s”: kolom ini terlalu sempit di Excel saat file disimpan, "
                "sehingga isinya tidak ikut tersimpan. Lebarkan kolom itu di Excel lalu simpan "
                "ulang."
            )
            % {"v": text}
        )


def _parse_gender(value) -> str:
    key = re.sub(r"[\s\-]", "", _text(value).upper())
    if key not in JENIS_KELAMIN_BY_SPELLING:
        raise _BadCell(
            _("Jenis kelamin “%(v)s” tidak dikenal; isi L atau P (atau 1 atau 2).")
            % {"v": _text(value)}
        )
    return JENIS_KELAMIN_BY_SPELLING[key]


def _parse_date(value) -> tuple[datetime.date, str]:
    """The date, and a note when it was read from an Excel day number."""
    if isinstance(value, datetime.datetime):
        return value.date(), ""
    if isinstance(value, datetime.date):
        return value, ""
    text = _text(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        number = value
    elif _EXCEL_SERIAL.match(text):
        number = int(text[:5])
    else:
        try:
            return parse_tanggal(text), ""
        except ValueError as e:
            raise _BadCell(str(e)) from None
    day = from_excel(number).date()
    note = _(
        "“%(v)s” dibaca sebagai nomor tanggal Excel: %(day)s. Kolom tanggal ini berformat "
        "Umum/Angka di Excel, sehingga yang tersimpan nomor harinya. Periksa tanggalnya; agar "
        "tertulis sebagai tanggal, di Excel pilih kolom itu → Format Sel → Tanggal, lalu simpan "
        "ulang."
    ) % {"v": text, "day": tanggal_indonesia(day)}
    return day, note


def _parse_golongan(value) -> int:
    try:
        return int(parse_pangkat_golongan(_text(value)))
    except ValueError as e:
        raise _BadCell(str(e)) from None


def _parse_golongan_pppk(value) -> int:
    try:
        return int(parse_golongan_pppk(_text(value)))
    except ValueError as e:
        raise _BadCell(str(e)) from None


def _parse_pendidikan(value) -> int:
    key = re.sub(r"[\s.\-/]", "", _text(value).upper())
    if key not in PENDIDIKAN_BY_SPELLING:
        raise _BadCell(
            _(
                "Tingkat pendidikan “%(v)s” tidak dikenal; isi SD, SMP, SMA, D1, D2, D3, D4, "
                "S1, S2 atau S3."
            )
            % {"v": _text(value)}
        )
    return int(PENDIDIKAN_BY_SPELLING[key])


def _parse_predikat(value) -> int | None:
    text = _text(value)
    if not text:
        return None
    if text.casefold() not in PREDIKAT_BY_LABEL:
        raise _BadCell(
            _(
                "Predikat SKP “%(v)s” tidak dikenal; isi Sangat Baik, Baik, Butuh Perbaikan, "
                "Kurang atau Sangat Kurang, atau biarkan kosong."
            )
            % {"v": text}
        )
    return int(PREDIKAT_BY_LABEL[text.casefold()])


class _Lookups:
    """Every unit, jabatan and field of study, read once: a file refers to them by name."""

    def __init__(self):
        self.jabatan_by_key = {}
        self.jabatan_nama = {}
        for pk, nama in Jabatan.objects.values_list("pk", "nama"):
            self.jabatan_by_key[_key(nama)] = pk
            self.jabatan_nama[pk] = nama
        self.unit_by_kode = {}
        units_by_kode_key = defaultdict(list)
        units_by_name_key = defaultdict(list)
        self.unit_nama = {}
        for pk, kode, nama in UnitKerja.objects.values_list("pk", "kode", "nama"):
            self.unit_by_kode[kode.strip()] = pk
            units_by_kode_key[_key(kode)].append(pk)
            units_by_name_key[_key(nama)].append(pk)
            self.unit_nama[pk] = nama
        self.units_by_kode_key = dict(units_by_kode_key)
        self.units_by_name_key = dict(units_by_name_key)
        self.bidang_by_key = {
            _key(nama): pk for pk, nama in BidangPendidikan.objects.values_list("pk", "nama")
        }

    def jabatan(self, value) -> int:
        pk = self.jabatan_by_key.get(_key(value))
        if pk is None:
            raise _BadCell(
                _(
                    "Jabatan “%(v)s” tidak ada di data jabatan. Periksa ejaannya atau tambahkan "
                    "jabatan itu dulu."
                )
                % {"v": _text(value)}
            )
        return pk

    def unit(self, value) -> int:
        text = _text(value)
        if text in self.unit_by_kode:
            return self.unit_by_kode[text]
        by_kode = self.units_by_kode_key.get(text.casefold(), [])
        if len(by_kode) == 1:
            return by_kode[0]
        by_name = self.units_by_name_key.get(text.casefold(), [])
        if len(by_name) == 1:
            return by_name[0]
        if len(by_name) > 1:
            raise _BadCell(
                _(
                    "Ada %(n)s unit kerja bernama “%(v)s” di perangkat daerah yang berbeda; "
                    "tulis kode unitnya."
                )
                % {"n": len(by_name), "v": text}
            )
        raise _BadCell(
            _("Unit kerja dengan kode atau nama “%(v)s” tidak ada di data unit kerja.")
            % {"v": text}
        )
