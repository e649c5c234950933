"""The file itself: its format and size, reading it into a table, keeping the upload until
confirmation (under ``MEDIA_ROOT/impor/<token>``, never served), and the template workbook."""

import csv
import datetime
import io
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from python_calamine import CalamineWorkbook

from instansi.models import Jabatan, UnitKerja
from mutasi.lib import delimited
from mutasi.lib.xlsx import FileRejected, check_upload_size, check_xlsx, max_upload_bytes
from pegawai.choices import Golongan
from pegawai.importer.columns import (
    _HEADER_LINE,
    _TOKEN,
    STORED_FILE_MAX_AGE,
    TEMPLATE_COLUMNS,
    TEMPLATE_TAIL,
)
from pegawai.importer.types import Table

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
