"""SKM element means computed from the raw answers: an XLSX with one row per respondent.

Layout (docs/layanan.md): a header row naming U1 … U9 (other columns, such as NO or
TANGGAL, are ignored; the header may sit under a title, within the first ten rows), then one
row per respondent with each answer 1, 2, 3 or 4. Empty rows are skipped. A row with a
missing or other answer is a problem (line as the spreadsheet numbers it, column); any
problem and nothing is computed. The mean of each element is rounded half up to three
decimals, as the form takes it, and the respondent count is the number of rows.
"""

import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from instansi.layanan.ikm import ELEMEN
from instansi.layanan.impor import Masalah, _nama_kolom, _teks
from mutasi.lib.xlsx import FileRejected, check_upload_size, check_xlsx

KOLOM = [f.upper() for f in ELEMEN]
MAKS_RESPONDEN = 100_000
TIGA_DESIMAL = Decimal("0.001")


@dataclass
class HasilJawaban:
    responden: int = 0
    nilai: dict = field(default_factory=dict)  # u1..u9 -> Decimal mean
    masalah: list = field(default_factory=list)


def periksa_berkas(berkas) -> None:
    if not berkas.name.lower().endswith(".xlsx"):
        raise FileRejected(_("Unggah file Excel .xlsx."))
    check_upload_size(berkas.size, _("File kosong. Unggah file berisi jawaban responden."))


def baca(fileobj) -> HasilJawaban:
    check_xlsx(fileobj)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(fileobj.read()))
        cells = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # calamine raises several kinds on a broken file
        raise FileRejected(_("File .xlsx rusak atau tidak dapat dibaca.")) from None
    rows = list(enumerate(cells, start=1))
    header = next(
        (i for i, (_n, row) in enumerate(rows[:10]) if "U1" in map(_nama_kolom, row)), None
    )
    if header is None:
        raise FileRejected(_("Baris judul dengan kolom U1 sampai U9 tidak ditemukan."))
    kolom = {_nama_kolom(c): i for i, c in enumerate(rows[header][1])}
    kurang = [k for k in KOLOM if k not in kolom]
    if kurang:
        raise FileRejected(_("Kolom tidak ada: %(k)s.") % {"k": ", ".join(kurang)})
    hasil = HasilJawaban()
    jumlah = dict.fromkeys(ELEMEN, 0)
    for n, row in rows[header + 1 :]:
        values = [_teks(row[kolom[k]]) if kolom[k] < len(row) else "" for k in KOLOM]
        if not any(values):
            continue
        salah = [
            Masalah(n, k, _("Jawaban harus 1, 2, 3 atau 4; tertulis “%(v)s”.") % {"v": v})
            for k, v in zip(KOLOM, values, strict=True)
            if v not in ("1", "2", "3", "4")
        ]
        hasil.masalah += salah
        if not salah:
            hasil.responden += 1
            for f, v in zip(ELEMEN, values, strict=True):
                jumlah[f] += int(v)
        if hasil.responden > MAKS_RESPONDEN:
            raise FileRejected(_("Paling banyak %(n)s responden.") % {"n": MAKS_RESPONDEN})
    if not hasil.responden and not hasil.masalah:
        raise FileRejected(_("File tidak berisi jawaban di bawah baris judul."))
    if hasil.responden and not hasil.masalah:
        hasil.nilai = {
            f: (Decimal(total) / hasil.responden).quantize(TIGA_DESIMAL, rounding=ROUND_HALF_UP)
            for f, total in jumlah.items()
        }
    return hasil
