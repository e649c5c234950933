"""The workload analysis (ANJAB/ABK) as an Excel form: download, fill in offline, upload.

``write_workbook`` writes the agency's analysis laid out like the familiar Formulir ABK: a
title block, one row per task (and one empty row for every formasi that has none yet, unit
and jabatan filled in) with the workload as a live formula, and a "Rekap" sheet whose need,
gap and EJ are formulas too, so the agency can work it out in Excel before uploading.

``read_workbook`` reads an uploaded form back. The file as a whole is refused
(``FileRejected``) when it is not a real .xlsx, too big, or was downloaded for another
agency or analysis (a very hidden sheet carries the identification). Otherwise every row is
checked with the same form as the web entry (``UraianTugasForm``) and against the agency's
staffing map, and each problem carries its row in the sheet, its column and an Indonesian
message. ``replace_all_tasks`` then replaces all tasks of the analysis in one transaction.
"""

import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from instansi import services
from instansi.choices import Pembulatan
from instansi.forms import MAX_VOLUME, UraianTugasForm
from instansi.models import Formasi, UraianTugas
from mutasi.audit import log
from mutasi.lib.angka import angka
from mutasi.lib.xlsx import FileRejected, Rumus, cell_value, check_xlsx

SHEET_TASKS = "ABK"
SHEET_SUMMARY = "Rekap"
SHEET_IDENTITY = "_identitas"
FORMAT = "mutasi-asn/abk/1"

COL_NO = "NO"
COL_UNIT_CODE = "UNIT KERJA (KODE)"
COL_UNIT = "UNIT KERJA (NAMA)"
COL_JABATAN = "JABATAN"
COL_TASK = "URAIAN TUGAS"
COL_OUTPUT = "SATUAN HASIL"
COL_VOLUME = "VOLUME/TAHUN"
COL_MINUTES = "WAKTU PENYELESAIAN (MENIT)"
COL_WORKLOAD = "BEBAN KERJA (JAM)"
TASK_COLUMNS = (
    COL_NO,
    COL_UNIT_CODE,
    COL_UNIT,
    COL_JABATAN,
    COL_TASK,
    COL_OUTPUT,
    COL_VOLUME,
    COL_MINUTES,
    COL_WORKLOAD,
)
TASK_WIDTHS = (5, 14, 30, 32, 48, 16, 14, 16, 14)
# The columns an upload needs; NO, unit name and the workload formula are ignored.
REQUIRED_COLUMNS = (COL_UNIT_CODE, COL_JABATAN, COL_TASK, COL_OUTPUT, COL_VOLUME, COL_MINUTES)
# UraianTugasForm field → the column it comes from, for the problem list.
COLUMN_FIELDS = {
    "uraian": COL_TASK,
    "satuan_hasil": COL_OUTPUT,
    "volume": COL_VOLUME,
    "waktu_menit": COL_MINUTES,
}

# Layout of the task sheet: title block, a line of instructions, the header, the rows.
ROW_EFFECTIVE_HOURS = 4
ROW_TASK_HEADER = 7
# Formulas, validation and the Rekap sums reach this many rows past the last written
# one, so rows the agency adds in Excel are counted too.
SPARE_ROWS = 500
ROW_SUMMARY_HEADER = 4

# Guards against files that are big or many-rowed enough to hurt the server.
MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 30


_THIN = Side(style="thin", color="9CA3AF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")


@dataclass(frozen=True)
class Problem:
    """One problem in an uploaded row: its row in the sheet, the column and what is wrong."""

    baris: int
    kolom: str
    pesan: str


@dataclass
class ReadResult:
    """What an uploaded form holds: tasks per formasi, or the problems that stop the import."""

    tugas: dict = field(default_factory=dict)  # Formasi → list of UraianTugas field dicts
    masalah: list = field(default_factory=list)
    baris_dibaca: int = 0


# --- download ------------------------------------------------------------------------


def file_name(analisis) -> str:
    opd = analisis.perangkat_daerah
    return f"ABK {opd.singkatan or opd.kode} {analisis.tahun}.xlsx"


def write_workbook(analisis) -> bytes:
    """The analysis as a Formulir ABK workbook (.xlsx bytes)."""
    hasil = services.hasil_analisis(analisis)
    per_formasi = defaultdict(list)
    for tugas in analisis.tugas.order_by("pk"):
        per_formasi[tugas.formasi_id].append(tugas)

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TASKS
    terakhir = _write_tasks(sheet, analisis, hasil, per_formasi)
    _write_summary(book.create_sheet(SHEET_SUMMARY), analisis, hasil, terakhir)
    _write_identity(book.create_sheet(SHEET_IDENTITY), analisis)
    book.active = 0

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _title_block(sheet, judul, analisis, kolom_terakhir, baris_tambahan=()):
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=kolom_terakhir)
    sheet["A1"] = judul
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    rows = [
        (_("Perangkat daerah"), analisis.perangkat_daerah.nama),
        (_("Tahun"), analisis.tahun),
        *baris_tambahan,  # jam efektif lands on ROW_EFFECTIVE_HOURS, where Rekap reads it
    ]
    for offset, (label, value) in enumerate(rows):
        row = 2 + offset
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
        sheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        cell = sheet.cell(row=row, column=4, value=cell_value(value))
        cell.alignment = Alignment(horizontal="left")


def _header_row(sheet, row, names, widths):
    for col, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        cell = sheet.cell(row=row, column=col, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.row_dimensions[row].height = 32


def _write_tasks(sheet, analisis, hasil, per_formasi) -> int:
    """Fill the task sheet; returns the last row the formulas and validation reach."""
    _title_block(
        sheet,
        _("ANALISIS BEBAN KERJA"),
        analisis,
        len(TASK_COLUMNS),
        [
            (_("Jam kerja efektif per tahun"), analisis.jam_efektif),
            (_("Pembulatan kebutuhan"), analisis.get_pembulatan_display()),
        ],
    )
    petunjuk = sheet.cell(
        row=ROW_TASK_HEADER - 1,
        column=1,
        value=_(
            "Isi kolom URAIAN TUGAS, SATUAN HASIL, VOLUME/TAHUN dan WAKTU PENYELESAIAN "
            "(MENIT). Kode unit dan jabatan harus ada di peta jabatan; baris tanpa uraian, "
            "volume dan waktu diabaikan. Saat diunggah, semua uraian tugas analisis ini "
            "diganti dengan isi file."
        ),
    )
    petunjuk.font = Font(italic=True, color="4B5563")
    _header_row(sheet, ROW_TASK_HEADER, TASK_COLUMNS, TASK_WIDTHS)

    row = ROW_TASK_HEADER
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
            for col in range(1, len(TASK_COLUMNS) + 1):
                cell = sheet.cell(row=row, column=col)
                cell.border = _BORDER
                cell.alignment = Alignment(vertical="top", wrap_text=col in (3, 4, 5))
                if 5 <= col <= 8:
                    cell.fill = _INPUT_FILL
            sheet.cell(row=row, column=9).number_format = "#,##0.00"

    pertama, terakhir = ROW_TASK_HEADER + 1, row + SPARE_ROWS
    _whole_number_rule(
        sheet,
        f"G{pertama}:G{terakhir}",
        MAX_VOLUME,
        _("Volume per tahun harus bilangan bulat 1 sampai %(n)s.") % {"n": angka(MAX_VOLUME)},
    )
    batas_menit = analisis.jam_efektif * 60
    _whole_number_rule(
        sheet,
        f"H{pertama}:H{terakhir}",
        batas_menit,
        _("Waktu penyelesaian harus bilangan bulat 1 sampai %(n)s menit (satu tahun kerja).")
        % {"n": angka(batas_menit)},
    )
    sheet.freeze_panes = f"A{pertama}"
    sheet.auto_filter.ref = f"A{ROW_TASK_HEADER}:I{max(row, pertama)}"
    sheet.print_title_rows = f"{ROW_TASK_HEADER}:{ROW_TASK_HEADER}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return terakhir


def _whole_number_rule(sheet, ref, maksimum, pesan):
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


def _write_summary(sheet, analisis, hasil, terakhir):
    kolom = (
        COL_NO,
        COL_UNIT_CODE,
        COL_UNIT,
        COL_JABATAN,
        COL_WORKLOAD,
        _("KEBUTUHAN"),
        _("BEZETTING"),
        _("SELISIH"),
        _("EJ"),
    )
    _title_block(sheet, _("REKAPITULASI KEBUTUHAN PEGAWAI"), analisis, len(kolom))
    _header_row(sheet, ROW_SUMMARY_HEADER, kolom, (5, 14, 30, 32, 14, 12, 12, 10, 8))

    src = f"'{SHEET_TASKS}'!"
    pertama = ROW_TASK_HEADER + 1
    beban = f"{src}$I${pertama}:$I${terakhir}"
    kode = f"{src}$B${pertama}:$B${terakhir}"
    jabatan = f"{src}$D${pertama}:$D${terakhir}"
    jam = f"{src}$D${ROW_EFFECTIVE_HOURS}"
    bulat = "ROUND" if analisis.pembulatan == Pembulatan.MATEMATIS else "ROUNDUP"

    row = ROW_SUMMARY_HEADER
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
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=col in (3, 4))
        sheet.cell(row=row, column=5).number_format = "#,##0.00"
        sheet.cell(row=row, column=9).number_format = "0.00"

    if hasil:
        first, last = ROW_SUMMARY_HEADER + 1, row
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
            cell.border = _BORDER
        sheet.cell(row=row, column=5).number_format = "#,##0.00"
        sheet.cell(row=row, column=9).number_format = "0.00"
    sheet.freeze_panes = f"A{ROW_SUMMARY_HEADER + 1}"


def _write_identity(sheet, analisis):
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


def read_workbook(uploaded, analisis) -> ReadResult:
    """Read an uploaded form for ``analisis`` (its type and size checked by the upload form);
    FileRejected if the file cannot be used."""
    check_xlsx(uploaded)
    try:
        book = load_workbook(uploaded, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a broken file; all mean the same
        raise FileRejected(_("File .xlsx rusak atau tidak dapat dibaca.")) from None
    try:
        _check_identity(book, analisis)
        sheet = book[SHEET_TASKS] if SHEET_TASKS in book.sheetnames else book.worksheets[0]
        sheet.reset_dimensions()  # some programs save wrong dimensions and rows get cut
        rows = sheet.iter_rows(min_row=1, values_only=True)
        return _read_rows(rows, analisis)
    except FileRejected:
        raise
    except Exception:
        raise FileRejected(_("File .xlsx rusak atau tidak dapat dibaca.")) from None
    finally:
        book.close()


def _check_identity(book, analisis):
    bukan_formulir = _(
        "File ini bukan formulir ABK yang diunduh dari aplikasi ini. Unduh formulir dari "
        "halaman analisis, isi, lalu unggah file itu."
    )
    if SHEET_IDENTITY not in book.sheetnames:
        raise FileRejected(bukan_formulir)
    identitas = {}
    for cells in book[SHEET_IDENTITY].iter_rows(min_row=1, max_row=10, values_only=True):
        if len(cells) >= 2 and cells[0] is not None:
            identitas[str(cells[0]).strip()] = cells[1]
    if identitas.get("format") != FORMAT:
        raise FileRejected(bukan_formulir)
    opd = analisis.perangkat_daerah
    if _text(identitas.get("perangkat_daerah")) != opd.kode:
        raise FileRejected(
            _(
                "File ini milik perangkat daerah lain, bukan %(opd)s. Unduh formulir dari "
                "halaman analisis %(opd)s tahun %(tahun)s."
            )
            % {"opd": opd.nama, "tahun": analisis.tahun}
        )
    if _text(identitas.get("analisis")) != str(analisis.pk):
        raise FileRejected(
            _(
                "File ini adalah formulir analisis lain (tahun %(lain)s), bukan analisis tahun "
                "%(tahun)s. Unduh formulir dari halaman analisis tahun %(tahun)s."
            )
            % {"lain": _text(identitas.get("tahun")) or "?", "tahun": analisis.tahun}
        )


def _text(value) -> str:
    """A cell as stripped text; whole floats lose their ``.0`` (Excel stores 12 as 12.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _key(value) -> str:
    return _text(value).casefold()


def _find_header(rows) -> tuple[int, dict]:
    """The header row: its number and column name → index; FileRejected if not found."""
    for number, cells in enumerate(rows, start=1):
        names = {_text(c).upper(): i for i, c in enumerate(cells) if c is not None}
        if COL_TASK in names and COL_VOLUME in names:
            missing = [k for k in REQUIRED_COLUMNS if k not in names]
            if missing:
                raise FileRejected(
                    _("Kolom %(k)s tidak ada di baris judul (baris %(n)s).")
                    % {"k": ", ".join(missing), "n": number}
                )
            return number, names
        if number >= HEADER_SEARCH_ROWS:
            break
    raise FileRejected(
        _(
            "Baris judul kolom (%(k)s) tidak ditemukan di lembar %(s)s. Gunakan formulir yang "
            "diunduh tanpa mengubah judul kolomnya."
        )
        % {"k": ", ".join(REQUIRED_COLUMNS), "s": SHEET_TASKS}
    )


def _read_rows(rows, analisis) -> ReadResult:
    rows = iter(rows)
    judul, index = _find_header(rows)
    formasi = (
        Formasi.objects.filter(unit__perangkat_daerah_id=analisis.perangkat_daerah_id)
        .select_related("unit", "jabatan")
        .order_by("unit__kode", "jabatan__nama")
    )
    units, per_kunci = {}, {}
    for f in formasi:
        units[_key(f.unit.kode)] = f.unit
        per_kunci[(_key(f.unit.kode), _key(f.jabatan.nama))] = f

    hasil = ReadResult()
    tugas = defaultdict(list)
    for number, cells in enumerate(rows, start=judul + 1):
        cell = _Row(cells, index)
        isian = [cell(COL_TASK), cell(COL_VOLUME), cell(COL_MINUTES)]
        if not any(_text(v) for v in isian):
            continue
        hasil.baris_dibaca += 1
        if hasil.baris_dibaca > MAX_ROWS:
            raise FileRejected(
                _("File berisi lebih dari %(n)s uraian tugas; pecah atau ringkas isinya.")
                % {"n": angka(MAX_ROWS)}
            )
        problems, target = _match_formasi(
            number, cell(COL_UNIT_CODE), cell(COL_JABATAN), units, per_kunci, analisis
        )
        form = UraianTugasForm(
            data={
                "uraian": _text(cell(COL_TASK)),
                "satuan_hasil": _text(cell(COL_OUTPUT)),
                "volume": _text(cell(COL_VOLUME)),
                "waktu_menit": _text(cell(COL_MINUTES)),
            },
            jam_efektif=analisis.jam_efektif,
        )
        if not form.is_valid():
            for name, errors in form.errors.items():
                kolom = COLUMN_FIELDS.get(name, COL_TASK)
                problems += [Problem(number, kolom, str(e)) for e in errors]
        if problems:
            hasil.masalah += problems
        else:
            tugas[target].append(form.cleaned_data)
    if not hasil.masalah and not tugas:
        raise FileRejected(
            _(
                "File ini tidak berisi satu pun uraian tugas. Isi sekurang-kurangnya satu baris "
                "(uraian, satuan hasil, volume dan waktu) lalu unggah lagi."
            )
        )
    hasil.tugas = {} if hasil.masalah else dict(tugas)
    return hasil


class _Row:
    """One row of the sheet, read by column name."""

    def __init__(self, cells, index):
        self.cells, self.index = cells, index

    def __call__(self, kolom):
        i = self.index[kolom]
        return self.cells[i] if i < len(self.cells) else None


def _match_formasi(number, kode, jabatan, units, per_kunci, analisis):
    """The formasi named by a row's unit code and jabatan, or the problems with them."""
    problems = []
    if not _text(kode):
        problems.append(Problem(number, COL_UNIT_CODE, _("Kode unit kerja wajib diisi.")))
    if not _text(jabatan):
        problems.append(Problem(number, COL_JABATAN, _("Jabatan wajib diisi.")))
    if problems:
        return problems, None
    unit = units.get(_key(kode))
    if unit is None:
        message = _(
            "Unit kerja berkode “%(kode)s” tidak ada di %(opd)s atau belum memiliki formasi."
        ) % {"kode": _text(kode), "opd": analisis.perangkat_daerah.nama}
        return [Problem(number, COL_UNIT_CODE, message)], None
    target = per_kunci.get((_key(kode), _key(jabatan)))
    if target is None:
        message = _("Jabatan “%(jabatan)s” tidak ada di unit %(unit)s (%(kode)s).") % {
            "jabatan": _text(jabatan),
            "unit": unit.nama,
            "kode": unit.kode,
        }
        return [Problem(number, COL_JABATAN, message)], None
    return [], target


@transaction.atomic
def replace_all_tasks(analisis_pk, tugas_per_formasi, user) -> dict:
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
