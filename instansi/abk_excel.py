"""The workload analysis (ANJAB/ABK) as an Excel form: download, fill in offline, upload.

``buat_workbook`` writes the agency's analysis laid out like the familiar Formulir ABK: a
title block, one row per task (and one empty row for every formasi that has none yet, unit
and jabatan filled in) with the workload as a live formula, and a "Rekap" sheet whose need,
gap and EJ are formulas too, so the agency can work it out in Excel before uploading.

``baca_workbook`` reads an uploaded form back. The file as a whole is refused
(``FileDitolak``) when it is not a real .xlsx, too big, or was downloaded for another
agency or analysis (a very hidden sheet carries the identification). Otherwise every row is
checked with the same form as the web entry (``UraianTugasForm``) and against the agency's
staffing map, and each problem carries its row in the sheet, its column and an Indonesian
message. ``ganti_semua_tugas`` then replaces all tasks of the analysis in one transaction.
"""

import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from instansi import services
from instansi.choices import Pembulatan
from instansi.forms import UraianTugasForm
from instansi.models import Formasi, UraianTugas
from mutasi.audit import log
from mutasi.lib.angka import angka
from mutasi.lib.xlsx import Rumus, cell_value

SHEET_TUGAS = "ABK"
SHEET_REKAP = "Rekap"
SHEET_IDENTITAS = "_identitas"
FORMAT = "mutasi-asn/abk/1"

KOLOM_NO = "NO"
KOLOM_KODE = "UNIT KERJA (KODE)"
KOLOM_UNIT = "UNIT KERJA (NAMA)"
KOLOM_JABATAN = "JABATAN"
KOLOM_URAIAN = "URAIAN TUGAS"
KOLOM_SATUAN = "SATUAN HASIL"
KOLOM_VOLUME = "VOLUME/TAHUN"
KOLOM_WAKTU = "WAKTU PENYELESAIAN (MENIT)"
KOLOM_BEBAN = "BEBAN KERJA (JAM)"
KOLOM_TUGAS = (
    KOLOM_NO,
    KOLOM_KODE,
    KOLOM_UNIT,
    KOLOM_JABATAN,
    KOLOM_URAIAN,
    KOLOM_SATUAN,
    KOLOM_VOLUME,
    KOLOM_WAKTU,
    KOLOM_BEBAN,
)
LEBAR_TUGAS = (5, 14, 30, 32, 48, 16, 14, 16, 14)
# The columns an upload needs; NO, unit name and the workload formula are ignored.
KOLOM_WAJIB = (KOLOM_KODE, KOLOM_JABATAN, KOLOM_URAIAN, KOLOM_SATUAN, KOLOM_VOLUME, KOLOM_WAKTU)
# UraianTugasForm field → the column it comes from, for the problem list.
KOLOM_FIELD = {
    "uraian": KOLOM_URAIAN,
    "satuan_hasil": KOLOM_SATUAN,
    "volume": KOLOM_VOLUME,
    "waktu_menit": KOLOM_WAKTU,
}

# Layout of the task sheet: title block, a line of instructions, the header, the rows.
BARIS_JAM_EFEKTIF = 4
BARIS_JUDUL_TUGAS = 7
# Formulas, validation and the Rekap sums reach this many rows past the last written
# one, so rows the agency adds in Excel are counted too.
BARIS_CADANGAN = 500
BARIS_REKAP_JUDUL = 4

# Guards against files that are big or many-rowed enough to hurt the server.
MAX_BARIS = 5000
MAX_FAKTOR_UNZIP = 30
BARIS_CARI_JUDUL = 30

VOLUME_MAKS = 1_000_000

_TIPIS = Side(style="thin", color="9CA3AF")
_BINGKAI = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)
_JUDUL_KOLOM = PatternFill("solid", fgColor="1F4E79")
_ISIAN = PatternFill("solid", fgColor="FFF8DC")


class FileDitolak(Exception):
    """The file as a whole cannot be used; ``message`` says why, in Indonesian."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Masalah:
    """One problem in an uploaded row: its row in the sheet, the column and what is wrong."""

    baris: int
    kolom: str
    pesan: str


@dataclass
class HasilBaca:
    """What an uploaded form holds: tasks per formasi, or the problems that stop the import."""

    tugas: dict = field(default_factory=dict)  # Formasi → list of UraianTugas field dicts
    masalah: list = field(default_factory=list)
    baris_dibaca: int = 0


# --- download ------------------------------------------------------------------------


def nama_file(analisis) -> str:
    opd = analisis.perangkat_daerah
    return f"ABK {opd.singkatan or opd.kode} {analisis.tahun}.xlsx"


def buat_workbook(analisis) -> bytes:
    """The analysis as a Formulir ABK workbook (.xlsx bytes)."""
    hasil = services.hasil_analisis(analisis)
    per_formasi = defaultdict(list)
    for tugas in analisis.tugas.order_by("pk"):
        per_formasi[tugas.formasi_id].append(tugas)

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TUGAS
    terakhir = _tulis_tugas(sheet, analisis, hasil, per_formasi)
    _tulis_rekap(book.create_sheet(SHEET_REKAP), analisis, hasil, terakhir)
    _tulis_identitas(book.create_sheet(SHEET_IDENTITAS), analisis)
    book.active = 0

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _blok_judul(sheet, judul, analisis, kolom_terakhir, baris_tambahan=()):
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=kolom_terakhir)
    sheet["A1"] = judul
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    rows = [
        (_("Perangkat daerah"), analisis.perangkat_daerah.nama),
        (_("Tahun"), analisis.tahun),
        *baris_tambahan,  # jam efektif lands on BARIS_JAM_EFEKTIF, where Rekap reads it
    ]
    for offset, (label, value) in enumerate(rows):
        row = 2 + offset
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        cell = sheet.cell(row=row, column=4, value=cell_value(value))
        cell.alignment = Alignment(horizontal="left")


def _baris_judul_kolom(sheet, row, names, widths):
    for col, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        cell = sheet.cell(row=row, column=col, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _JUDUL_KOLOM
        cell.border = _BINGKAI
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.row_dimensions[row].height = 32


def _tulis_tugas(sheet, analisis, hasil, per_formasi) -> int:
    """Fill the task sheet; returns the last row the formulas and validation reach."""
    _blok_judul(
        sheet,
        _("ANALISIS BEBAN KERJA"),
        analisis,
        len(KOLOM_TUGAS),
        [
            (_("Jam kerja efektif per tahun"), analisis.jam_efektif),
            (_("Pembulatan kebutuhan"), analisis.get_pembulatan_display()),
        ],
    )
    petunjuk = sheet.cell(
        row=BARIS_JUDUL_TUGAS - 1,
        column=1,
        value=_(
            "Isi kolom URAIAN TUGAS, SATUAN HASIL, VOLUME/TAHUN dan WAKTU PENYELESAIAN "
            "(MENIT). Kode unit dan jabatan harus ada di peta jabatan; baris tanpa uraian, "
            "volume dan waktu diabaikan. Saat diunggah, semua uraian tugas analisis ini "
            "diganti dengan isi file."
        ),
    )
    petunjuk.font = Font(italic=True, color="4B5563")
    _baris_judul_kolom(sheet, BARIS_JUDUL_TUGAS, KOLOM_TUGAS, LEBAR_TUGAS)

    row = BARIS_JUDUL_TUGAS
    nomor = 0
    for h in hasil:
        tasks = per_formasi.get(h.formasi.pk) or [None]
        for tugas in tasks:
            row += 1
            nomor += 1
            values = [nomor, h.formasi.unit.kode, h.formasi.unit.nama, h.formasi.jabatan.nama]
            if tugas is not None:
                values += [tugas.uraian, tugas.satuan_hasil, tugas.volume, tugas.waktu_menit]
            for col, value in enumerate(values, start=1):
                sheet.cell(row=row, column=col, value=cell_value(value))
            sheet.cell(row=row, column=9, value=f"=G{row}*H{row}/60")
            for col in range(1, len(KOLOM_TUGAS) + 1):
                cell = sheet.cell(row=row, column=col)
                cell.border = _BINGKAI
                cell.alignment = Alignment(vertical="top", wrap_text=col in (3, 4, 5))
                if 5 <= col <= 8:
                    cell.fill = _ISIAN
            sheet.cell(row=row, column=9).number_format = "#,##0.00"

    pertama, terakhir = BARIS_JUDUL_TUGAS + 1, row + BARIS_CADANGAN
    _validasi_bulat(
        sheet,
        f"G{pertama}:G{terakhir}",
        VOLUME_MAKS,
        _("Volume per tahun harus bilangan bulat 1 sampai %(n)s.") % {"n": angka(VOLUME_MAKS)},
    )
    batas_menit = analisis.jam_efektif * 60
    _validasi_bulat(
        sheet,
        f"H{pertama}:H{terakhir}",
        batas_menit,
        _("Waktu penyelesaian harus bilangan bulat 1 sampai %(n)s menit (satu tahun kerja).")
        % {"n": angka(batas_menit)},
    )
    sheet.freeze_panes = f"A{pertama}"
    sheet.auto_filter.ref = f"A{BARIS_JUDUL_TUGAS}:I{max(row, pertama)}"
    sheet.print_title_rows = f"{BARIS_JUDUL_TUGAS}:{BARIS_JUDUL_TUGAS}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return terakhir


def _validasi_bulat(sheet, ref, maksimum, pesan):
    validation = DataValidation(
        type="whole",
        operator="between",
        formula1="1",
        formula2=str(maksimum),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Nilai tidak sah"),
        error=pesan,
        showInputMessage=True,
        promptTitle=_("Bilangan bulat"),
        prompt=pesan,
    )
    sheet.add_data_validation(validation)
    validation.add(ref)


def _tulis_rekap(sheet, analisis, hasil, terakhir):
    kolom = (
        KOLOM_NO,
        KOLOM_KODE,
        KOLOM_UNIT,
        KOLOM_JABATAN,
        KOLOM_BEBAN,
        _("KEBUTUHAN"),
        _("BEZETTING"),
        _("SELISIH"),
        _("EJ"),
    )
    _blok_judul(sheet, _("REKAPITULASI KEBUTUHAN PEGAWAI"), analisis, len(kolom))
    _baris_judul_kolom(sheet, BARIS_REKAP_JUDUL, kolom, (5, 14, 30, 32, 14, 12, 12, 10, 8))

    src = f"'{SHEET_TUGAS}'!"
    pertama = BARIS_JUDUL_TUGAS + 1
    beban = f"{src}$I${pertama}:$I${terakhir}"
    kode = f"{src}$B${pertama}:$B${terakhir}"
    jabatan = f"{src}$D${pertama}:$D${terakhir}"
    jam = f"{src}$D${BARIS_JAM_EFEKTIF}"
    bulat = "ROUND" if analisis.pembulatan == Pembulatan.MATEMATIS else "ROUNDUP"

    row = BARIS_REKAP_JUDUL
    for nomor, h in enumerate(hasil, start=1):
        row += 1
        values = [
            nomor,
            h.formasi.unit.kode,
            h.formasi.unit.nama,
            h.formasi.jabatan.nama,
            Rumus(f"=SUMIFS({beban},{kode},B{row},{jabatan},D{row})"),
            Rumus(f"={bulat}(E{row}/{jam},0)"),
            h.bezetting,
            Rumus(f"=G{row}-F{row}"),
            Rumus(f'=IF(G{row}>0,E{row}/(G{row}*{jam}),"")'),
        ]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col, value=cell_value(value))
            cell.border = _BINGKAI
            cell.alignment = Alignment(vertical="top", wrap_text=col in (3, 4))
        sheet.cell(row=row, column=5).number_format = "#,##0.00"
        sheet.cell(row=row, column=9).number_format = "0.00"

    if hasil:
        first, last = BARIS_REKAP_JUDUL + 1, row
        row += 1
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        sheet.cell(row=row, column=1, value=_("JUMLAH"))
        # The workbook's own totals count only the jabatan with tasks in it; the analysis
        # page adds the agency's other formasi at the need in force (instansi.services).
        totals = {
            5: f"=SUM(E{first}:E{last})",
            6: f"=SUM(F{first}:F{last})",
            7: f'=SUMIFS(G{first}:G{last},E{first}:E{last},">0")',
            8: f"=G{row}-F{row}",
            9: f'=IF(G{row}>0,E{row}/(G{row}*{jam}),"")',
        }
        for col, value in totals.items():
            sheet.cell(row=row, column=col, value=value)
        for col in range(1, 10):
            cell = sheet.cell(row=row, column=col)
            cell.font = Font(bold=True)
            cell.border = _BINGKAI
        sheet.cell(row=row, column=5).number_format = "#,##0.00"
        sheet.cell(row=row, column=9).number_format = "0.00"
    sheet.freeze_panes = f"A{BARIS_REKAP_JUDUL + 1}"


def _tulis_identitas(sheet, analisis):
    for row, (key, value) in enumerate(
        [
            ("format", FORMAT),
            ("analisis", analisis.pk),
            ("perangkat_daerah", analisis.perangkat_daerah.kode),
            ("tahun", analisis.tahun),
        ],
        start=1,
    ):
        sheet.cell(row=row, column=1, value=key)
        sheet.cell(row=row, column=2, value=cell_value(value))
    # "veryHidden" cannot be unhidden from Excel's menu, only from the VBA editor.
    sheet.sheet_state = "veryHidden"


# --- upload --------------------------------------------------------------------------


def max_upload_bytes() -> int:
    return settings.MAX_UPLOAD_MB * 1024 * 1024


def periksa_file(uploaded) -> None:
    """Refuse what is not a real .xlsx of acceptable size, before anything is parsed."""
    name = (uploaded.name or "").lower()
    if not name.endswith(".xlsx"):
        raise FileDitolak(
            _("Hanya file Excel .xlsx (formulir ABK yang diunduh) yang dapat diunggah.")
        )
    if not uploaded.size:
        raise FileDitolak(_("File kosong."))
    if uploaded.size > max_upload_bytes():
        raise FileDitolak(
            _("File terlalu besar (%(mb).1f MB); batasnya %(max)s MB.")
            % {"mb": uploaded.size / 1024 / 1024, "max": settings.MAX_UPLOAD_MB}
        )
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF"):
        raise FileDitolak(_("File ini adalah PDF yang diberi nama .xlsx, bukan file Excel."))
    bukan_xlsx = _(
        "Isi file ini bukan file Excel .xlsx yang sah. Jika Anda menyimpannya dari aplikasi "
        "lain atau Excel lama (.xls), simpan ulang sebagai “Excel Workbook (.xlsx)”."
    )
    if not head.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(uploaded):
        raise FileDitolak(bukan_xlsx)
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise FileDitolak(bukan_xlsx) from None
    finally:
        uploaded.seek(0)
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise FileDitolak(bukan_xlsx)
    if unpacked > max_upload_bytes() * MAX_FAKTOR_UNZIP:
        raise FileDitolak(_("Isi file .xlsx terlalu besar setelah dibuka."))


def baca_workbook(uploaded, analisis) -> HasilBaca:
    """Read an uploaded form for ``analisis``; FileDitolak if the file cannot be used."""
    periksa_file(uploaded)
    try:
        book = load_workbook(uploaded, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a broken file; all mean the same
        raise FileDitolak(_("File .xlsx rusak atau tidak dapat dibaca.")) from None
    try:
        _periksa_identitas(book, analisis)
        sheet = book[SHEET_TUGAS] if SHEET_TUGAS in book.sheetnames else book.worksheets[0]
        sheet.reset_dimensions()  # some programs save wrong dimensions and rows get cut
        rows = sheet.iter_rows(min_row=1, values_only=True)
        return _baca_baris(rows, analisis)
    except FileDitolak:
        raise
    except Exception:
        raise FileDitolak(_("File .xlsx rusak atau tidak dapat dibaca.")) from None
    finally:
        book.close()


def _periksa_identitas(book, analisis):
    bukan_formulir = _(
        "File ini bukan formulir ABK yang diunduh dari aplikasi ini. Unduh formulir dari "
        "halaman analisis, isi, lalu unggah file itu."
    )
    if SHEET_IDENTITAS not in book.sheetnames:
        raise FileDitolak(bukan_formulir)
    identitas = {}
    for cells in book[SHEET_IDENTITAS].iter_rows(min_row=1, max_row=10, values_only=True):
        if len(cells) >= 2 and cells[0] is not None:
            identitas[str(cells[0]).strip()] = cells[1]
    if identitas.get("format") != FORMAT:
        raise FileDitolak(bukan_formulir)
    opd = analisis.perangkat_daerah
    if _teks(identitas.get("perangkat_daerah")) != opd.kode:
        raise FileDitolak(
            _(
                "File ini milik perangkat daerah lain, bukan %(opd)s. Unduh formulir dari "
                "halaman analisis %(opd)s tahun %(tahun)s."
            )
            % {"opd": opd.nama, "tahun": analisis.tahun}
        )
    if _teks(identitas.get("analisis")) != str(analisis.pk):
        raise FileDitolak(
            _(
                "File ini adalah formulir analisis lain (tahun %(lain)s), bukan analisis tahun "
                "%(tahun)s. Unduh formulir dari halaman analisis tahun %(tahun)s."
            )
            % {"lain": _teks(identitas.get("tahun")) or "?", "tahun": analisis.tahun}
        )


def _teks(value) -> str:
    """A cell as stripped text; whole floats lose their ``.0`` (Excel stores 12 as 12.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _kunci(value) -> str:
    return _teks(value).casefold()


def _temukan_judul(rows) -> tuple[int, dict]:
    """The header row: its number and column name → index; FileDitolak if not found."""
    for number, cells in enumerate(rows, start=1):
        names = {_teks(c).upper(): i for i, c in enumerate(cells) if c is not None}
        if KOLOM_URAIAN in names and KOLOM_VOLUME in names:
            missing = [k for k in KOLOM_WAJIB if k not in names]
            if missing:
                raise FileDitolak(
                    _("Kolom %(k)s tidak ada di baris judul (baris %(n)s).")
                    % {"k": ", ".join(missing), "n": number}
                )
            return number, names
        if number >= BARIS_CARI_JUDUL:
            break
    raise FileDitolak(
        _(
            "Baris judul kolom (%(k)s) tidak ditemukan di lembar %(s)s. Gunakan formulir yang "
            "diunduh tanpa mengubah judul kolomnya."
        )
        % {"k": ", ".join(KOLOM_WAJIB), "s": SHEET_TUGAS}
    )


def _baca_baris(rows, analisis) -> HasilBaca:
    rows = iter(rows)
    judul, index = _temukan_judul(rows)
    formasi = (
        Formasi.objects.filter(unit__perangkat_daerah_id=analisis.perangkat_daerah_id)
        .select_related("unit", "jabatan")
        .order_by("unit__kode", "jabatan__nama")
    )
    units, per_kunci = {}, {}
    for f in formasi:
        units[_kunci(f.unit.kode)] = f.unit
        per_kunci[(_kunci(f.unit.kode), _kunci(f.jabatan.nama))] = f

    hasil = HasilBaca()
    tugas = defaultdict(list)
    for number, cells in enumerate(rows, start=judul + 1):
        cell = _Baris(cells, index)
        isian = [cell(KOLOM_URAIAN), cell(KOLOM_VOLUME), cell(KOLOM_WAKTU)]
        if not any(_teks(v) for v in isian):
            continue
        hasil.baris_dibaca += 1
        if hasil.baris_dibaca > MAX_BARIS:
            raise FileDitolak(
                _("File berisi lebih dari %(n)s uraian tugas; pecah atau ringkas isinya.")
                % {"n": angka(MAX_BARIS)}
            )
        problems, target = _cocokkan_formasi(
            number, cell(KOLOM_KODE), cell(KOLOM_JABATAN), units, per_kunci, analisis
        )
        form = UraianTugasForm(
            data={
                "uraian": _teks(cell(KOLOM_URAIAN)),
                "satuan_hasil": _teks(cell(KOLOM_SATUAN)),
                "volume": _teks(cell(KOLOM_VOLUME)),
                "waktu_menit": _teks(cell(KOLOM_WAKTU)),
            },
            jam_efektif=analisis.jam_efektif,
        )
        if not form.is_valid():
            for name, errors in form.errors.items():
                kolom = KOLOM_FIELD.get(name, KOLOM_URAIAN)
                problems += [Masalah(number, kolom, str(e)) for e in errors]
        if problems:
            hasil.masalah += problems
        else:
            tugas[target].append(form.cleaned_data)
    if not hasil.masalah and not tugas:
        raise FileDitolak(
            _(
                "File ini tidak berisi satu pun uraian tugas. Isi sekurang-kurangnya satu baris "
                "(uraian, satuan hasil, volume dan waktu) lalu unggah lagi."
            )
        )
    hasil.tugas = {} if hasil.masalah else dict(tugas)
    return hasil


class _Baris:
    """One row of the sheet, read by column name."""

    def __init__(self, cells, index):
        self.cells, self.index = cells, index

    def __call__(self, kolom):
        i = self.index[kolom]
        return self.cells[i] if i < len(self.cells) else None


def _cocokkan_formasi(number, kode, jabatan, units, per_kunci, analisis):
    """The formasi named by a row's unit code and jabatan, or the problems with them."""
    problems = []
    if not _teks(kode):
        problems.append(Masalah(number, KOLOM_KODE, _("Kode unit kerja wajib diisi.")))
    if not _teks(jabatan):
        problems.append(Masalah(number, KOLOM_JABATAN, _("Jabatan wajib diisi.")))
    if problems:
        return problems, None
    unit = units.get(_kunci(kode))
    if unit is None:
        message = _(
            "Unit kerja berkode “%(kode)s” tidak ada di %(opd)s atau belum memiliki formasi."
        ) % {"kode": _teks(kode), "opd": analisis.perangkat_daerah.nama}
        return [Masalah(number, KOLOM_KODE, message)], None
    target = per_kunci.get((_kunci(kode), _kunci(jabatan)))
    if target is None:
        message = _("Jabatan “%(jabatan)s” tidak ada di unit %(unit)s (%(kode)s).") % {
            "jabatan": _teks(jabatan),
            "unit": unit.nama,
            "kode": unit.kode,
        }
        return [Masalah(number, KOLOM_JABATAN, message)], None
    return [], target


@transaction.atomic
def ganti_semua_tugas(analisis_pk, tugas_per_formasi, user) -> dict:
    """Replace every task of the analysis with ``tugas_per_formasi`` (Formasi → row dicts).

    Same checks as ``services.simpan_tugas``, on the locked row, so an analysis submitted
    while the file was being read is not changed. Returns the counts that were logged.
    """
    analisis = services._lock(analisis_pk)
    services._check_editor(user, analisis)
    services._check_editable(analisis)
    tasks = []
    for formasi, rows in tugas_per_formasi.items():
        if formasi.unit.perangkat_daerah_id != analisis.perangkat_daerah_id:
            raise ValidationError(_("Jabatan ini tidak ada di unit perangkat daerah ini."))
        tasks += [UraianTugas(analisis=analisis, formasi=formasi, **row) for row in rows]
    for task in tasks:
        # The database check constraint still holds; validating it here costs a query a row.
        task.full_clean(validate_constraints=False)
    _total, per_model = analisis.tugas.all().delete()
    dihapus = per_model.get(UraianTugas._meta.label, 0)
    UraianTugas.objects.bulk_create(tasks)
    analisis.save(update_fields=["updated"])
    jumlah = {
        "tugas": len(tasks),
        "formasi": sum(1 for rows in tugas_per_formasi.values() if rows),
        "tugas_lama": dihapus,
    }
    log("instansi.abk.diimpor", user, analisis, **jumlah)
    return jumlah
