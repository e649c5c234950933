"""Import employees from a staff file (CSV or XLSX), the way BKD loads a SIASN export.

Two steps, so nothing is written until the operator has seen what will happen:

* ``build_plan`` reads the file, checks every row against the same rules as the model
  (``Pegawai.full_clean``: NIP structure, birth date and gender against the NIP, TMT jabatan
  not before TMT CPNS) plus what only a file can get wrong (unknown unit or jabatan, a NIP
  twice), and says per row whether it creates, updates or leaves an employee alone. Every
  problem carries the line in the file, the column and an Indonesian message.
* ``commit`` writes a plan without problems in one transaction: all rows or none.

Files come as offices write them: CSV or "Unicode Text" in any encoding and with any separator
Excel or LibreOffice uses (``mutasi.lib.delimited``), dates in words or as Excel day numbers,
pangkat with or instead of golongan, degrees inside the name, a title above the table and a
total row or signature block under it. What the importer read differently from the letter of
the file (furniture skipped, a day number taken as a date, degrees split from a name) is
listed in the preview for the operator to confirm; what it cannot read with certainty is a
problem with the reason and, where Excel is the likely cause, how to fix it in Excel.

The column layout is documented for users in ``docs/impor-pegawai.md``. The uploaded file
waits for confirmation under ``MEDIA_ROOT/impor/<token>``, which is never served.
"""

import csv
import datetime
import io
import re
import secrets
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.datetime import from_excel
from python_calamine import CalamineWorkbook

from instansi.models import BidangPendidikan, Jabatan, UnitKerja
from mutasi.lib import delimited
from mutasi.lib.models import analyze, insert_in_bulk, update_in_bulk
from mutasi.lib.tanggal import parse_tanggal, tanggal_indonesia
from mutasi.lib.xlsx import FileRejected, check_upload_size, check_xlsx, max_upload_bytes
from pegawai.choices import Golongan, PredikatSkp, TingkatPendidikan, parse_pangkat_golongan
from pegawai.gelar import split_gelar
from pegawai.models import Pegawai, Skp
from pegawai.nip import parse_nip

REQUIRED_COLUMNS = (
    "NIP",
    "NAMA",
    "JENIS_KELAMIN",
    "TANGGAL_LAHIR",
    "GOLONGAN",
    "JABATAN",
    "UNIT_KERJA",
    "TMT_JABATAN",
    "PENDIDIKAN",
)
OPTIONAL_COLUMNS = ("GELAR_DEPAN", "GELAR_BELAKANG", "BIDANG_PENDIDIKAN", "EMAIL", "DOMISILI")
# Header names offices use for a column of the layout (after _header_name).
COLUMN_ALIASES = {
    "PANGKAT_GOL": "GOLONGAN",
    "PANGKAT_GOLONGAN": "GOLONGAN",
    "PANGKAT_GOL_RUANG": "GOLONGAN",
    "GOL": "GOLONGAN",
    "GOL_RUANG": "GOLONGAN",
    "GOLONGAN_RUANG": "GOLONGAN",
}
# A separate pangkat column: checked against GOLONGAN, or read as it when there is none.
PANGKAT_COLUMN = "PANGKAT"
DATE_COLUMNS = ("TANGGAL_LAHIR", "TMT_JABATAN")
# The order of the template; SKP_<year> columns go after PENDIDIKAN/BIDANG_PENDIDIKAN.
TEMPLATE_COLUMNS = (
    "NIP",
    "NAMA",
    "GELAR_DEPAN",
    "GELAR_BELAKANG",
    "JENIS_KELAMIN",
    "TANGGAL_LAHIR",
    "GOLONGAN",
    "JABATAN",
    "UNIT_KERJA",
    "TMT_JABATAN",
    "PENDIDIKAN",
    "BIDANG_PENDIDIKAN",
)
TEMPLATE_TAIL = ("EMAIL", "DOMISILI")
SKP_COLUMN = re.compile(r"^SKP_(\d{4})$")

# Column → the Pegawai attribute it fills, in the order problems are listed.
COLUMN_FIELDS = {
    "NIP": "nip",
    "NAMA": "nama",
    "GELAR_DEPAN": "gelar_depan",
    "GELAR_BELAKANG": "gelar_belakang",
    "JENIS_KELAMIN": "jenis_kelamin",
    "TANGGAL_LAHIR": "tanggal_lahir",
    "GOLONGAN": "golongan",
    "JABATAN": "jabatan_id",
    "UNIT_KERJA": "unit_id",
    "TMT_JABATAN": "tmt_jabatan",
    "PENDIDIKAN": "tingkat_pendidikan",
    "BIDANG_PENDIDIKAN": "bidang_pendidikan_id",
    "EMAIL": "email",
    "DOMISILI": "domisili",
}
# Model field name (as in ValidationError.message_dict) → column.
FIELD_COLUMNS = {
    "nip": "NIP",
    "nama": "NAMA",
    "gelar_depan": "GELAR_DEPAN",
    "gelar_belakang": "GELAR_BELAKANG",
    "jenis_kelamin": "JENIS_KELAMIN",
    "tanggal_lahir": "TANGGAL_LAHIR",
    "golongan": "GOLONGAN",
    "jabatan": "JABATAN",
    "unit": "UNIT_KERJA",
    "tmt_jabatan": "TMT_JABATAN",
    "tingkat_pendidikan": "PENDIDIKAN",
    "bidang_pendidikan": "BIDANG_PENDIDIKAN",
    "email": "EMAIL",
    "domisili": "DOMISILI",
}
COLUMN_MODEL_FIELDS = {column: name for name, column in FIELD_COLUMNS.items()}

# Spellings seen in staff files, after upper-casing and dropping spaces, dots, dashes and
# slashes ("D-III" → "DIII", "SMA/SMK" → "SMASMK").
PENDIDIKAN_SPELLINGS = {
    TingkatPendidikan.SD: ("SD", "MI", "SDMI", "SDSEDERAJAT"),
    TingkatPendidikan.SMP: ("SMP", "SLTP", "MTS", "SMPMTS", "SMPSEDERAJAT"),
    TingkatPendidikan.SMA: ("SMA", "SMK", "SMU", "SLTA", "MA", "SMASMK", "SMASEDERAJAT"),
    TingkatPendidikan.D1: ("D1", "DI", "DIPLOMA1", "DIPLOMAI"),
    TingkatPendidikan.D2: ("D2", "DII", "DIPLOMA2", "DIPLOMAII"),
    TingkatPendidikan.D3: ("D3", "DIII", "DIPLOMA3", "DIPLOMAIII"),
    TingkatPendidikan.D4: ("D4", "DIV", "DIPLOMA4", "DIPLOMAIV"),
    TingkatPendidikan.S1: ("S1", "SARJANA", "STRATA1"),
    TingkatPendidikan.S2: ("S2", "MAGISTER", "STRATA2"),
    TingkatPendidikan.S3: ("S3", "DOKTOR", "STRATA3"),
}
PENDIDIKAN_BY_SPELLING = {
    spelling: tingkat
    for tingkat, spellings in PENDIDIKAN_SPELLINGS.items()
    for spelling in spellings
}
JENIS_KELAMIN_BY_SPELLING = {
    **dict.fromkeys(("L", "LK", "LAKILAKI", "PRIA", "1"), "1"),
    **dict.fromkeys(("P", "PR", "PEREMPUAN", "WANITA", "2"), "2"),
}
# The file is written in Indonesian whatever language the page is shown in.
PREDIKAT_BY_LABEL = {
    "sangat baik": PredikatSkp.SANGAT_BAIK,
    "baik": PredikatSkp.BAIK,
    "butuh perbaikan": PredikatSkp.BUTUH_PERBAIKAN,
    "kurang": PredikatSkp.KURANG,
    "sangat kurang": PredikatSkp.SANGAT_KURANG,
}

_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")
# A date column that Excel shows as "General" or "Number" holds the day number (27001 is
# 4 December 1973): five digits cover 1927 to 2173.
_EXCEL_SERIAL = re.compile(r"^\d{5}(?:[.,]0+)?$")
_EXCEL_ERRORS = frozenset(
    ("#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")
)
# Where the header is in a text file: a cell reading NIP.
_HEADER_LINE = re.compile(r"(?:^|[,;\t\"])\s*NIP\s*(?:[,;\t\"]|$)", re.IGNORECASE)
# Rows under the table: a total, or a NIP that belongs to a signature ("NIP. 1970...").
_TOTAL_ROW = re.compile(r"^(?:JUMLAH|TOTAL|SUB\s*TOTAL|GRAND\s*TOTAL)\b", re.IGNORECASE)
_FIVE_DIGITS = re.compile(r"(?:\D*\d){5}")
# A row under the table with at most this many filled cells and no NIP is a note or part of
# a signature block; an employee row missing its NIP has more and is reported.
FOOTER_MAX_CELLS = 3
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")
# How far down the file the header row may be (exports sometimes start with a title).
HEADER_SEARCH_ROWS = 10
# An .xlsx is a zip; refuse one that would unpack to far more than any staff list needs.
# Lookups of existing employees go in chunks below every database's parameter limit.
CHUNK = 500
PREVIEW_ROWS = 20
# Lists of the preview that the operator reads through (skipped rows, notes, split names).
PREVIEW_LIST_ROWS = 200
STORED_FILE_MAX_AGE = datetime.timedelta(days=1)


class _BadCell(Exception):
    """One cell that cannot be read; the message says why."""


@dataclass(frozen=True)
class Problem:
    """Something wrong in the file: the line (as a spreadsheet numbers it), column, message."""

    line: int
    column: str
    message: str


@dataclass(frozen=True)
class Skipped:
    """Rows that are not employees (title, blank, total, signature...), lines first to last."""

    first_line: int
    last_line: int
    reason: str
    text: str = ""


@dataclass
class Table:
    """The rows of a file as (line, cells), and how the file was read."""

    rows: list[tuple[int, list]]
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""


@dataclass
class RowPlan:
    """What one good row will do: create or update ``pegawai``, and which SKP years."""

    line: int
    pegawai: Pegawai
    created: bool
    changed_columns: list[str]
    skp: dict[int, int]  # year → predikat, only the years that change
    new_bidang: str = ""  # a BidangPendidikan to create on commit (no such name yet)
    jabatan_nama: str = ""
    unit_nama: str = ""
    nama_asli: str = ""  # the NAMA cell as written, when degrees were split out of it

    @property
    def changed(self) -> bool:
        return self.created or bool(self.changed_columns)

    @property
    def pegawai_changed(self) -> bool:
        """False when only SKP rows change, so no empty history record is written."""
        return self.created or any(not c.startswith("SKP_") for c in self.changed_columns)


@dataclass
class ImportPlan:
    """The outcome of reading a file: one RowPlan per good row, and every problem."""

    format: str
    rows: list[RowPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # What the importer read in a way the operator should confirm; none blocks the import.
    notes: list[Problem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    renamed_columns: list[tuple[str, str]] = field(default_factory=list)  # (in file, read as)
    skp_years: list[int] = field(default_factory=list)
    data_rows: int = 0
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def to_create(self) -> list[RowPlan]:
        return [r for r in self.rows if r.created]

    @property
    def to_update(self) -> list[RowPlan]:
        return [r for r in self.rows if not r.created and r.changed_columns]

    @property
    def created_count(self) -> int:
        return sum(1 for r in self.rows if r.created)

    @property
    def updated_count(self) -> int:
        return sum(1 for r in self.rows if not r.created and r.changed_columns)

    @property
    def unchanged_count(self) -> int:
        return sum(1 for r in self.rows if not r.changed)

    @property
    def error_line_count(self) -> int:
        return len({p.line for p in self.problems})

    @property
    def split_names(self) -> list[RowPlan]:
        return [r for r in self.rows if r.nama_asli]

    @property
    def delimiter_label(self) -> str:
        return delimited.DELIMITER_LABELS.get(self.delimiter, "")


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


# --- the file -------------------------------------------------------------------------


def file_format(name: str) -> str:
    """``"csv"`` or ``"xlsx"`` from the file name; FileRejected for anything else."""
    suffix = Path(name or "").suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    # Excel's "Teks Unicode" and "Teks (dipisahkan tab)" are saved as .txt.
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    if suffix in (".xls", ".xlsm", ".xlsb", ".ods"):
        raise FileRejected(
            _(
                "File %(ext)s tidak dapat dibaca. Buka di Excel lalu simpan sebagai "
                "“Excel Workbook (.xlsx)” atau “CSV UTF-8 (.csv)”."
            )
            % {"ext": suffix}
        )
    raise FileRejected(
        _("Hanya file .csv, .txt atau .xlsx yang dapat diimpor; file ini “%(name)s”.")
        % {"name": Path(name or "").name}
    )


def check_size(size: int) -> None:
    check_upload_size(size, _("File kosong. Unggah file yang berisi baris judul dan data pegawai."))


def read_table(fileobj, fmt: str) -> Table:
    """Every row of the file as (line number, cell values); FileRejected if unreadable."""
    fileobj.seek(0)
    if fmt == "csv":
        return _read_csv(fileobj.read(max_upload_bytes() + 1))
    return _read_xlsx(fileobj)


def _read_csv(data: bytes) -> Table:
    if not data.strip():
        raise FileRejected(_("File kosong. Unggah file yang berisi baris judul dan data pegawai."))
    if data.startswith(b"%PDF"):
        raise FileRejected(_("File ini adalah PDF yang diberi nama .csv, bukan file CSV."))
    if data.startswith(b"PK\x03\x04"):
        raise FileRejected(
            _("Isi file ini bukan CSV (sepertinya file Excel atau ZIP). Unggah sebagai .xlsx.")
        )
    try:
        table = delimited.read(data, _HEADER_LINE)
    except delimited.NotText:
        raise FileRejected(
            _(
                "Isi file ini bukan teks CSV dalam enkode yang ditulis Excel atau LibreOffice "
                "(UTF-8, UTF-16 atau Windows-1252). Di Excel pilih Simpan Sebagai → "
                "“CSV UTF-8 (Comma delimited) (*.csv)” atau “Excel Workbook (.xlsx)”."
            )
        ) from None
    except csv.Error as e:
        line, error = e.args
        raise FileRejected(
            _("File CSV rusak di sekitar baris %(line)s: %(error)s")
            % {"line": line, "error": error}
        ) from None
    return Table(rows=table.rows, encoding=table.encoding, delimiter=table.delimiter)


def _read_xlsx(fileobj) -> Table:
    check_xlsx(fileobj)
    # python-calamine (Rust) reads a sheet some twenty times faster than openpyxl, which
    # kept the preview of 5,000 rows above two seconds. Empty cells come as "".
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(fileobj.read()))
        if not book.sheet_names:
            raise FileRejected(_("File .xlsx tidak berisi lembar kerja."))
        sheet = book.get_sheet_by_index(0)
        cells = sheet.to_python(skip_empty_area=False)
    except FileRejected:
        raise
    except Exception:  # calamine raises several kinds on a broken file; all mean the same here
        raise FileRejected(_("File .xlsx rusak atau tidak dapat dibaca.")) from None
    return Table(rows=list(enumerate(cells, start=1)), sheet=sheet.name)


def _header_name(value) -> str:
    text = str(value if value is not None else "").replace("\ufeff", "").strip().upper()
    return re.sub(r"[\s\-/.]+", "_", text).strip("_")


def _cell(cells: list, index: int):
    return cells[index] if index < len(cells) else None


def _is_blank(cells) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


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


# --- the plan -------------------------------------------------------------------------


def _find_header(rows) -> tuple[int, list] | None:
    candidates = [(line, cells) for line, cells in rows if not _is_blank(cells)]
    for line, cells in candidates[:HEADER_SEARCH_ROWS]:
        if "NIP" in {_header_name(c) for c in cells}:
            return line, cells
    return candidates[0] if candidates else None


def _read_header(line: int, cells: list, today: datetime.date, plan: ImportPlan) -> dict:
    """Column name → index; FileRejected when required columns are missing or doubled."""
    columns, seen = {}, set()
    for index, cell in enumerate(cells):
        name = _header_name(cell)
        if not name:
            continue
        if name in COLUMN_ALIASES:
            plan.renamed_columns.append((_text(cell), COLUMN_ALIASES[name]))
            name = COLUMN_ALIASES[name]
        if name in seen:
            raise FileRejected(
                _("Kolom %(col)s muncul lebih dari sekali di baris judul (baris %(line)s).")
                % {"col": name, "line": line}
            )
        seen.add(name)
        columns[name] = index
    if "GOLONGAN" not in columns and PANGKAT_COLUMN in columns:
        plan.renamed_columns.append((_text(cells[columns[PANGKAT_COLUMN]]), "GOLONGAN"))
        columns["GOLONGAN"] = columns.pop(PANGKAT_COLUMN)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        read_as = ""
        if plan.format == "csv":
            read_as = " " + _(
                "File dibaca sebagai teks %(encoding)s dengan pemisah %(delimiter)s."
            ) % {"encoding": plan.encoding, "delimiter": plan.delimiter_label}
        raise FileRejected(
            _(
                "Kolom wajib tidak ditemukan di baris judul (baris %(line)s): %(cols)s. Baris "
                "judul harus berisi judul kolom seperti pada templat."
            )
            % {"line": line, "cols": ", ".join(missing)}
            + read_as
        )
    for name in columns:
        match = SKP_COLUMN.match(name)
        if match:
            year = int(match.group(1))
            if 2000 <= year <= today.year:
                plan.skp_years.append(year)
            else:
                plan.problems.append(
                    Problem(
                        line,
                        name,
                        _("Tahun SKP harus antara 2000 dan %(y)s.") % {"y": today.year},
                    )
                )
        elif name not in COLUMN_FIELDS and name != PANGKAT_COLUMN:
            plan.ignored_columns.append(name)
    plan.skp_years.sort()
    return columns


def _filled(cells) -> list:
    return [c for c in cells if c is not None and (not isinstance(c, str) or c.strip())]


def _has_nip(value) -> bool:
    """Something in the NIP column that is meant as a NIP, right or wrong."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value >= 10_000
    text = _text(value)
    return text[:3].upper() != "NIP" and _FIVE_DIGITS.match(text) is not None


def _is_column_numbers(filled: list) -> bool:
    """The row of column numbers under a header: 1, 2, 3, ... or (1), (2), (3), ..."""
    numbers = [_text(c).strip("()") for c in filled]
    return len(numbers) >= 3 and numbers == [str(n) for n in range(1, len(numbers) + 1)]


def _split_rows(rows, header_line: int, columns: dict) -> tuple[list, list[Skipped]]:
    """The employee rows, and what is around them (blank rows, titles, column numbers,
    totals, notes and signatures), skipped and said why."""
    nip_index = columns["NIP"]
    nip_lines = {
        line for line, cells in rows if line > header_line and _has_nip(_cell(cells, nip_index))
    }
    last_nip_line = max(nip_lines, default=header_line)
    records, skipped = [], []

    def skip(line, reason, filled=()):
        text = " · ".join(_text(c) for c in filled)
        if len(text) > 100:
            text = text[:99] + "…"
        last = skipped[-1] if skipped else None
        if last and last.reason == reason and last.last_line == line - 1 and not text:
            skipped[-1] = Skipped(last.first_line, line, reason)  # a run of blank rows
        else:
            skipped.append(Skipped(line, line, reason, text))

    for line, cells in rows:
        if line in nip_lines:
            records.append((line, cells))
            continue
        if line == header_line:
            continue
        filled = _filled(cells)
        if not filled:
            skip(line, _("Baris kosong"))
        elif line < header_line:
            skip(line, _("Judul di atas baris judul kolom"), filled)
        elif _header_name(_cell(cells, nip_index)) == "NIP":
            skip(line, _("Baris judul kolom yang berulang"), filled)
        elif _is_column_numbers(filled):
            skip(line, _("Baris nomor kolom"), filled)
        elif any(_TOTAL_ROW.match(_text(c)) for c in filled[:2]):
            skip(line, _("Baris jumlah"), filled)
        elif line > last_nip_line and len(filled) <= FOOTER_MAX_CELLS:
            skip(line, _("Keterangan atau tanda tangan di bawah tabel"), filled)
        elif len(filled) == 1:
            skip(line, _("Hanya satu sel terisi (judul bagian atau keterangan)"), filled)
        else:
            records.append((line, cells))
    return records, skipped


def _gelar_key(text: str) -> str:
    return re.sub(r"[\s.,]", "", text).casefold()


def _split_name(line: int, values: dict, problems: list) -> str:
    """Move degrees written in NAMA to the degree columns that are empty or absent; the
    NAMA cell as written when something moved, else ""."""
    written = values.get("nama")
    if not written:
        return ""
    depan, nama, belakang = split_gelar(written)
    if not (depan or belakang):
        return ""
    for column, found in (("GELAR_DEPAN", depan), ("GELAR_BELAKANG", belakang)):
        given = values.get(COLUMN_FIELDS[column], "")
        if not found:
            continue
        if not given:
            values[COLUMN_FIELDS[column]] = found
        elif _gelar_key(given) != _gelar_key(found):
            problems.append(
                Problem(
                    line,
                    "NAMA",
                    _(
                        "Nama memuat gelar “%(found)s”, tetapi kolom %(col)s berisi "
                        "“%(given)s”. Tulis gelar hanya di kolom %(col)s."
                    )
                    % {"found": found, "col": column, "given": given},
                )
            )
            return ""
    values["nama"] = nama
    return written


def build_plan(fileobj, fmt: str, today: datetime.date | None = None) -> ImportPlan:
    """Read and check the whole file without writing anything."""
    today = today or timezone.localdate()
    table = read_table(fileobj, fmt)
    plan = ImportPlan(
        format=fmt, encoding=table.encoding, delimiter=table.delimiter, sheet=table.sheet
    )
    header = _find_header(table.rows)
    if header is None:
        raise FileRejected(_("File kosong. Unggah file yang berisi baris judul dan data pegawai."))
    header_line, header_cells = header
    columns = _read_header(header_line, header_cells, today, plan)
    records, plan.skipped = _split_rows(table.rows, header_line, columns)
    if not records:
        raise FileRejected(_("File hanya berisi baris judul, tanpa data pegawai."))
    plan.data_rows = len(records)

    lookups = _Lookups()
    parsers = {
        "NIP": _parse_nip,
        "JENIS_KELAMIN": _parse_gender,
        "GOLONGAN": _parse_golongan,
        "PENDIDIKAN": _parse_pendidikan,
        "JABATAN": lookups.jabatan,
        "UNIT_KERJA": lookups.unit,
    }
    file_columns = [c for c in COLUMN_FIELDS if c in columns]
    pangkat_index = columns.get(PANGKAT_COLUMN)

    parsed = []
    first_line_of_nip = {}
    for line, cells in records:
        values, bad, problems, skp, bidang = {}, set(), [], {}, None
        for name in file_columns:
            raw = _cell(cells, columns[name])
            if name == "GOLONGAN" and pangkat_index is not None:
                raw = f"{_text(_cell(cells, pangkat_index))} {_text(raw)}"
            try:
                _check_excel_damage(raw)
                if name == "BIDANG_PENDIDIKAN":
                    bidang = _text(raw)
                    limit = BidangPendidikan._meta.get_field("nama").max_length
                    if len(bidang) > limit:
                        bidang = None
                        raise _BadCell(
                            _("Bidang pendidikan paling banyak %(n)s karakter.") % {"n": limit}
                        )
                elif name in DATE_COLUMNS:
                    if not _text(raw):
                        raise _BadCell(_("Wajib diisi."))
                    values[COLUMN_FIELDS[name]], note = _parse_date(raw)
                    if note:
                        plan.notes.append(Problem(line, name, note))
                elif name in parsers:
                    if name != "NIP" and not _text(raw):
                        raise _BadCell(_("Wajib diisi."))
                    values[COLUMN_FIELDS[name]] = parsers[name](raw)
                elif name in REQUIRED_COLUMNS and not _text(raw):
                    raise _BadCell(_("Wajib diisi."))
                else:
                    values[COLUMN_FIELDS[name]] = _text(raw)
            except _BadCell as e:
                bad.add(name)
                problems.append(Problem(line, name, str(e)))
        nama_asli = _split_name(line, values, problems)
        for year in plan.skp_years:
            try:
                raw = _cell(cells, columns[f"SKP_{year}"])
                _check_excel_damage(raw)
                predikat = _parse_predikat(raw)
            except _BadCell as e:
                problems.append(Problem(line, f"SKP_{year}", str(e)))
            else:
                if predikat is not None:
                    skp[year] = predikat
        nip = values.get("nip")
        if nip:
            if nip in first_line_of_nip:
                problems.append(
                    Problem(
                        line,
                        "NIP",
                        _("NIP %(nip)s sudah ada di baris %(line)s file ini.")
                        % {"nip": nip, "line": first_line_of_nip[nip]},
                    )
                )
            else:
                first_line_of_nip[nip] = line
        parsed.append((line, values, bad, problems, skp, bidang, nama_asli))

    existing = _existing_employees(list(first_line_of_nip))
    existing_skp = _existing_skp([p.pk for p in existing.values()], plan.skp_years)

    for line, values, bad, problems, skp, bidang, nama_asli in parsed:
        nip = values.get("nip")
        pegawai = existing.get(nip) if nip else None
        created = pegawai is None
        if created:
            pegawai = Pegawai()
        changed = []
        for name, attname in COLUMN_FIELDS.items():
            # Degree columns absent from the file may be filled from the name.
            if name in bad or name == "BIDANG_PENDIDIKAN" or attname not in values:
                continue
            if getattr(pegawai, attname) != values[attname]:
                changed.append(name)
                setattr(pegawai, attname, values[attname])
        new_bidang = ""
        if bidang is not None:
            bidang_id = lookups.bidang_by_key.get(bidang.casefold()) if bidang else None
            if bidang and bidang_id is None:
                new_bidang = bidang
            if new_bidang or pegawai.bidang_pendidikan_id != bidang_id:
                changed.append("BIDANG_PENDIDIKAN")
                pegawai.bidang_pendidikan_id = bidang_id
        problems.extend(_model_problems(line, pegawai, bad))
        if problems:
            plan.problems.extend(problems)
            continue
        skp_changes = {
            year: predikat
            for year, predikat in skp.items()
            if existing_skp.get((pegawai.pk, year), (None, None))[1] != predikat
        }
        changed.extend(f"SKP_{year}" for year in sorted(skp_changes))
        plan.rows.append(
            RowPlan(
                line=line,
                pegawai=pegawai,
                created=created,
                changed_columns=[] if created else changed,
                skp=skp_changes,
                new_bidang=new_bidang,
                jabatan_nama=lookups.jabatan_nama.get(pegawai.jabatan_id, ""),
                unit_nama=lookups.unit_nama.get(pegawai.unit_id, ""),
                nama_asli=nama_asli,
            )
        )
    order = {name: i for i, name in enumerate(COLUMN_FIELDS)}
    plan.problems.sort(key=lambda p: (p.line, order.get(p.column, len(order)), p.column))
    return plan


def _model_problems(line: int, pegawai: Pegawai, bad: set) -> list[Problem]:
    """The model's own checks. Foreign keys were resolved from the lookups and uniqueness
    and the golongan constraint are known already, so none of them costs a query here."""
    exclude = {"unit", "jabatan", "bidang_pendidikan", "kompetensi"}
    exclude |= {COLUMN_MODEL_FIELDS[c] for c in bad if c in COLUMN_MODEL_FIELDS}
    try:
        pegawai.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as e:
        return [
            Problem(line, FIELD_COLUMNS.get(name, "" if name == NON_FIELD_ERRORS else name), msg)
            for name, messages in e.message_dict.items()
            for msg in messages
        ]
    return []


def _existing_employees(nips: list[str]) -> dict[str, Pegawai]:
    found = {}
    for start in range(0, len(nips), CHUNK):
        for pegawai in Pegawai.objects.filter(nip__in=nips[start : start + CHUNK]):
            found[pegawai.nip] = pegawai
    return found


def _existing_skp(pegawai_ids: list[int], years: list[int]) -> dict:
    """(pegawai id, year) → (Skp id, predikat)."""
    found = {}
    if not years:
        return found
    for start in range(0, len(pegawai_ids), CHUNK):
        rows = Skp.objects.filter(
            pegawai_id__in=pegawai_ids[start : start + CHUNK], tahun__in=years
        ).values_list("pegawai_id", "tahun", "pk", "predikat")
        for pegawai_id, tahun, pk, predikat in rows:
            found[(pegawai_id, tahun)] = (pk, predikat)
    return found


# --- writing --------------------------------------------------------------------------


def commit(plan: ImportPlan, user, reason: str = "") -> ImportResult:
    """Write every row of a clean plan, or nothing: one transaction.

    Employees are written in bulk, each with a history row naming the importing user, like
    an edit through the form. On PostgreSQL new rows go in by COPY and changed ones by one
    UPDATE … FROM (VALUES …) per batch (``mutasi.lib.models``): 40,000 rows within twice a
    bare COPY + UPDATE … FROM of the same rows (``bench_impor`` measures both).
    """
    if not plan.ok:
        raise ValueError("a plan with problems cannot be committed")
    reason = (reason or _("Impor data pegawai"))[:100]
    now = timezone.now()
    with transaction.atomic():
        bidang_ids = _create_bidang({r.new_bidang for r in plan.rows if r.new_bidang})
        existing_skp = _existing_skp(
            [r.pegawai.pk for r in plan.rows if not r.created and r.skp], plan.skp_years
        )
        created, updated, fields = [], [], {"updated"}
        for row in plan.rows:
            if not row.pegawai_changed:
                continue
            if row.new_bidang:
                row.pegawai.bidang_pendidikan_id = bidang_ids[row.new_bidang.casefold()]
            row.pegawai.updated = now
            (created if row.created else updated).append(row.pegawai)
            if not row.created:
                fields.update(COLUMN_MODEL_FIELDS.get(c) for c in row.changed_columns)
        # Only the columns the file changes: bulk_update writes a CASE per field and row, and
        # all of them for 40,000 employees took minutes.
        fields = [f for f in UPDATED_FIELDS if f in fields]
        insert_in_bulk(created)
        update_in_bulk(updated, fields)
        insert_in_bulk(_history(created, "+", user, reason) + _history(updated, "~", user, reason))
        new_skp, changed_skp = [], defaultdict(list)
        for row in plan.rows:
            pegawai = row.pegawai
            for year, predikat in row.skp.items():
                pk = existing_skp.get((pegawai.pk, year), (None, None))[0]
                if pk:
                    changed_skp[predikat].append(pk)
                else:
                    new_skp.append(Skp(pegawai=pegawai, tahun=year, predikat=predikat))
        Skp.objects.bulk_create(new_skp, batch_size=CHUNK)
        # One plain UPDATE per predicate (five at most) rather than a CASE per row.
        for predikat, pks in changed_skp.items():
            for start in range(0, len(pks), CHUNK):
                Skp.objects.filter(pk__in=pks[start : start + CHUNK]).update(predikat=predikat)
        # After the commit, so the statistics describe the rows as written (docs/benchmarks.md).
        transaction.on_commit(lambda: analyze(Pegawai, Pegawai.history.model, Skp))
    return ImportResult(
        created=plan.created_count, updated=plan.updated_count, unchanged=plan.unchanged_count
    )


def _history(employees: list[Pegawai], history_type: str, user, reason: str) -> list:
    """The django-simple-history rows of ``employees`` as written, like its
    ``bulk_history_create`` makes them: every tracked field, the user, the reason, the time."""
    model = Pegawai.history.model
    now = timezone.now()
    return [
        model(
            history_date=now,
            history_user=user,
            history_change_reason=reason,
            history_type=history_type,
            **{f.attname: getattr(pegawai, f.attname) for f in model.tracked_fields},
        )
        for pegawai in employees
    ]


# Every column an import may change; bulk_update writes exactly these.
UPDATED_FIELDS = [
    f.name
    for f in Pegawai._meta.concrete_fields
    if not f.primary_key and f.name not in ("nip", "created")
]


def _create_bidang(names: set[str]) -> dict[str, int]:
    """Case-insensitive get-or-create of fields of study; casefolded name → id."""
    ids = {}
    for name in sorted(names):
        key = name.casefold()
        if key in ids:
            continue
        found = BidangPendidikan.objects.filter(nama__iexact=name).first()
        ids[key] = (found or BidangPendidikan.objects.create(nama=name)).pk
    return ids


# --- the uploaded file, kept until confirmation ---------------------------------------


def storage_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "impor"


def stored_path(token: str) -> Path | None:
    """The stored file of ``token``, or None if the token is malformed or the file gone."""
    if not isinstance(token, str) or not _TOKEN.match(token):
        return None
    path = storage_dir() / token
    return path if path.is_file() else None


def store(upload) -> str:
    """Keep an uploaded file privately for the confirm step; returns its random token."""
    folder = storage_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    _remove_stale(folder)
    token = secrets.token_urlsafe(32)
    upload.seek(0)
    with open(folder / token, "xb") as out:
        for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
            out.write(chunk)
    (folder / token).chmod(0o600)
    return token


def discard(token: str) -> None:
    path = stored_path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def _remove_stale(folder: Path) -> None:
    """Files of previews nobody confirmed: gone after a day."""
    limit = time.time() - STORED_FILE_MAX_AGE.total_seconds()
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except OSError:
            continue


# --- the template ---------------------------------------------------------------------


def skp_template_years(today: datetime.date | None = None) -> list[int]:
    """The last two finished years, whose SKP the eligibility rules look at."""
    year = (today or timezone.localdate()).year
    return [year - 2, year - 1]


def template_columns(today: datetime.date | None = None) -> list[str]:
    years = skp_template_years(today)
    return [*TEMPLATE_COLUMNS, *(f"SKP_{y}" for y in years), *TEMPLATE_TAIL]


def template_workbook(today: datetime.date | None = None) -> bytes:
    """An .xlsx with the header row and one example row, NIP formatted as text."""
    columns = template_columns(today)
    jabatan = Jabatan.objects.order_by("nama").values_list("nama", flat=True).first()
    unit = UnitKerja.objects.order_by("kode").values_list("kode", flat=True).first()
    example = {
        "NIP": "198503142010011001",
        "NAMA": "Contoh Nama Pegawai",
        "GELAR_DEPAN": "",
        "GELAR_BELAKANG": "S.Kom.",
        "JENIS_KELAMIN": "L",
        "TANGGAL_LAHIR": datetime.date(1985, 3, 14),
        "GOLONGAN": Golongan.III_B.label,
        "JABATAN": jabatan or "Pranata Komputer Ahli Pertama",
        "UNIT_KERJA": unit or "KODE-UNIT",
        "TMT_JABATAN": datetime.date(2021, 1, 1),
        "PENDIDIKAN": "S1",
        "BIDANG_PENDIDIKAN": "Teknik Informatika",
        "EMAIL": "contoh.pegawai@example.go.id",
        "DOMISILI": "Kota Asemrowo",
    }
    for year in skp_template_years(today):
        example[f"SKP_{year}"] = "Baik"
    book = Workbook()
    sheet = book.active
    sheet.title = "Pegawai"
    sheet.append(columns)
    sheet.append([example.get(c, "") for c in columns])
    for index, name in enumerate(columns, start=1):
        header = sheet.cell(row=1, column=index)
        header.font = Font(bold=True)
        letter = header.column_letter
        sheet.column_dimensions[letter].width = max(14, len(name) + 4)
        value = sheet.cell(row=2, column=index)
        if name == "NIP":
            value.number_format = "@"
            sheet.column_dimensions[letter].width = 22
        elif name in ("TANGGAL_LAHIR", "TMT_JABATAN"):
            value.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
