"""Import monthly complaint counts from a CSV or XLSX export (SP4N-LAPOR! or the unit's own
register), all rows or none.

The layout (docs/layanan.md): a header row with KODE_UNIT, BULAN, KATEGORI, JUMLAH, SELESAI
and optionally RATA_HARI_SELESAI; one row per unit, month and category. BULAN is written
2026-03, 03/2026, Maret 2026 or as a date (the day is ignored). KATEGORI is a code or a label
of ``KategoriPengaduan``. A row for a unit, month and category already recorded replaces it.

``baca`` checks every row and returns the rows and the problems (line as a spreadsheet
numbers it, column, Indonesian message); ``simpan`` writes rows without problems in one
transaction. A user imports only for the service units they may see.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from instansi.layanan.models import KategoriPengaduan, PengaduanBulanan
from instansi.models import UnitKerja
from mutasi.audit import log
from mutasi.lib import delimited
from mutasi.lib.tanggal import BULAN as NAMA_BULAN
from mutasi.lib.xlsx import FileRejected, check_upload_size, check_xlsx, max_upload_bytes

KOLOM_WAJIB = ("KODE_UNIT", "BULAN", "KATEGORI", "JUMLAH", "SELESAI")
KOLOM_PILIHAN = ("RATA_HARI_SELESAI",)
_HEADER = re.compile(r"KODE_UNIT", re.IGNORECASE)
MAKS_BARIS = 20_000
_BULAN_ANGKA = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?$")
_ANGKA_BULAN = re.compile(r"^(\d{1,2})[-/.](\d{4})$")


@dataclass(frozen=True)
class Masalah:
    baris: int
    kolom: str
    pesan: str


@dataclass
class HasilBaca:
    baris: list = field(default_factory=list)  # PengaduanBulanan, unsaved
    masalah: list = field(default_factory=list)


def format_berkas(nama: str) -> str:
    nama = nama.lower()
    if nama.endswith(".csv") or nama.endswith(".txt"):
        return "csv"
    if nama.endswith(".xlsx"):
        return "xlsx"
    raise FileRejected(_("Unggah file .csv atau .xlsx."))


def periksa_ukuran(size: int) -> None:
    check_upload_size(size, _("File kosong. Unggah file yang berisi baris judul dan rekap."))


def _baris_berkas(fileobj, fmt: str) -> list[tuple[int, list]]:
    fileobj.seek(0)
    if fmt == "csv":
        data = fileobj.read(max_upload_bytes() + 1)
        if not data.strip():
            raise FileRejected(_("File kosong. Unggah file yang berisi baris judul dan rekap."))
        if data.startswith(b"PK\x03\x04") or data.startswith(b"%PDF"):
            raise FileRejected(_("Isi file ini bukan CSV. Unggah file Excel sebagai .xlsx."))
        try:
            return delimited.read(data, _HEADER).rows
        except delimited.NotText:
            raise FileRejected(
                _("Isi file ini bukan teks CSV (UTF-8, UTF-16 atau Windows-1252).")
            ) from None
        except csv.Error as e:
            raise FileRejected(
                _("File CSV rusak di sekitar baris %(line)s.") % {"line": e.args[0]}
            ) from None
    check_xlsx(fileobj)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(fileobj.read()))
        cells = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # calamine raises several kinds on a broken file
        raise FileRejected(_("File .xlsx rusak atau tidak dapat dibaca.")) from None
    return list(enumerate(cells, start=1))


def _nama_kolom(value) -> str:
    text = str(value if value is not None else "").replace("\ufeff", "").strip().upper()
    return re.sub(r"[\s\-/.]+", "_", text).strip("_")


def _teks(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _bulan(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    text = _teks(value)
    if m := _BULAN_ANGKA.match(text):
        tahun, bulan = int(m[1]), int(m[2])
    elif m := _ANGKA_BULAN.match(text):
        bulan, tahun = int(m[1]), int(m[2])
    else:
        parts = text.lower().split()
        names = {n.lower(): i for i, n in enumerate(NAMA_BULAN, start=1)}
        if len(parts) != 2 or parts[0] not in names or not parts[1].isdigit():
            raise ValueError(
                _("“%(v)s” bukan bulan; tulis misalnya 2026-03 atau Maret 2026.") % {"v": text}
            )
        bulan, tahun = names[parts[0]], int(parts[1])
    if not (1 <= bulan <= 12 and 2000 <= tahun <= 2100):
        raise ValueError(_("“%(v)s” bukan bulan yang ada.") % {"v": text})
    return datetime.date(tahun, bulan, 1)


KATEGORI = {
    **{v.lower(): v for v in KategoriPengaduan.values},
    **{str(label).lower(): v for v, label in KategoriPengaduan.choices},
}


# More complaints than this in one month and category is a typing error, not a figure.
MAKS_JUMLAH = 1_000_000


def _bulat(value, kolom) -> int:
    text = _teks(value)
    if not re.fullmatch(r"\d{1,9}", text):
        raise ValueError(_("%(k)s harus bilangan bulat 0 atau lebih.") % {"k": kolom})
    if int(text) > MAKS_JUMLAH:
        raise ValueError(
            _("%(k)s lebih dari %(n)s; periksa angkanya.") % {"k": kolom, "n": MAKS_JUMLAH}
        )
    return int(text)


def baca(fileobj, fmt: str, user, today: datetime.date) -> HasilBaca:
    """Every row of the file checked; FileRejected if the file as a whole cannot be used."""
    rows = _baris_berkas(fileobj, fmt)
    hasil = HasilBaca()
    header_at = next(
        (i for i, (_n, cells) in enumerate(rows[:10]) if "KODE_UNIT" in map(_nama_kolom, cells)),
        None,
    )
    if header_at is None:
        raise FileRejected(
            _("Baris judul tidak ditemukan: kolom %(k)s harus ada.") % {"k": ", ".join(KOLOM_WAJIB)}
        )
    kolom = {_nama_kolom(c): i for i, c in enumerate(rows[header_at][1]) if _teks(c)}
    kurang = [k for k in KOLOM_WAJIB if k not in kolom]
    if kurang:
        raise FileRejected(_("Kolom tidak ada: %(k)s.") % {"k": ", ".join(kurang)})
    data = [(n, cells) for n, cells in rows[header_at + 1 :] if any(_teks(c) for c in cells)]
    if not data:
        raise FileRejected(_("File tidak berisi baris data di bawah baris judul."))
    if len(data) > MAKS_BARIS:
        raise FileRejected(_("Paling banyak %(n)s baris sekali impor.") % {"n": MAKS_BARIS})
    units = {u.kode: u for u in UnitKerja.objects.for_user(user).filter(layanan_publik=True)}
    seen = {}
    bulan_ini = today.replace(day=1)
    for n, cells in data:

        def cell(name, cells=cells):
            i = kolom.get(name)
            return cells[i] if i is not None and i < len(cells) else None

        salah = []
        unit = units.get(_teks(cell("KODE_UNIT")))
        if unit is None:
            salah.append(
                (
                    "KODE_UNIT",
                    _("Unit “%(k)s” tidak ada, bukan unit layanan, atau di luar wewenang Anda.")
                    % {"k": _teks(cell("KODE_UNIT"))},
                )
            )
        try:
            bulan = _bulan(cell("BULAN"))
            if bulan > bulan_ini:
                salah.append(("BULAN", _("Bulan ini belum terjadi.")))
        except ValueError as e:
            bulan = None
            salah.append(("BULAN", str(e)))
        kategori = KATEGORI.get(_teks(cell("KATEGORI")).lower())
        if kategori is None:
            salah.append(
                (
                    "KATEGORI",
                    _("Kategori “%(v)s” tidak dikenal; pilih salah satu: %(d)s.")
                    % {"v": _teks(cell("KATEGORI")), "d": ", ".join(KategoriPengaduan.values)},
                )
            )
        jumlah = selesai = rata = None
        for name in ("JUMLAH", "SELESAI"):
            try:
                value = _bulat(cell(name), name)
            except ValueError as e:
                salah.append((name, str(e)))
                continue
            if name == "JUMLAH":
                jumlah = value
            else:
                selesai = value
        if jumlah is not None and selesai is not None and selesai > jumlah:
            salah.append(("SELESAI", _("Yang selesai lebih banyak dari JUMLAH.")))
        if text := _teks(cell("RATA_HARI_SELESAI")).replace(",", "."):
            try:
                rata = Decimal(text).quantize(Decimal("0.1"))
                if rata < 0 or rata > 9999:
                    raise InvalidOperation
            except InvalidOperation:
                salah.append(("RATA_HARI_SELESAI", _("Harus angka hari, 0 atau lebih.")))
        key = (unit and unit.pk, bulan, kategori)
        if None not in key:
            if key in seen:
                salah.append(("KATEGORI", _("Sama dengan baris %(n)s.") % {"n": seen[key]}))
            seen.setdefault(key, n)
        hasil.masalah += [Masalah(n, k, str(p)) for k, p in salah]
        if not salah:
            hasil.baris.append(
                PengaduanBulanan(
                    unit=unit,
                    bulan=bulan,
                    kategori=kategori,
                    jumlah=jumlah,
                    selesai=selesai,
                    rata_hari_selesai=rata,
                )
            )
    return hasil


@transaction.atomic
def simpan(hasil: HasilBaca, user) -> int:
    """Write every row (replacing the same unit, month and category); nothing if any row
    has a problem."""
    if hasil.masalah:
        raise ValueError("a file with problems is never saved")
    for row in hasil.baris:
        PengaduanBulanan.objects.filter(
            unit=row.unit, bulan=row.bulan, kategori=row.kategori
        ).delete()
    PengaduanBulanan.objects.bulk_create(hasil.baris)
    units = sorted({row.unit.kode for row in hasil.baris})
    log("instansi.pengaduan.diimpor", user, None, baris=len(hasil.baris), unit=units[:50])
    return len(hasil.baris)
