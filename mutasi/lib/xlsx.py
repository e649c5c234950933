"""Excel files both ways: an uploaded .xlsx checked before any parser opens it (one
exception, ``FileRejected``, for every way a file can be unusable), and values for the cells
the app writes (the CSV exports neutralise theirs in ``mutasi.lib.csv_aman``)."""

import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A real workbook unpacks to a few times its size; a zip bomb to thousands.
MAX_UNPACKED_FACTOR = 30


class FileRejected(Exception):
    """The uploaded file cannot be used as a whole; ``message`` says why, in Indonesian."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def max_upload_bytes() -> int:
    return settings.MAX_UPLOAD_MB * 1024 * 1024


def check_upload_size(size: int, empty_message: str) -> None:
    """FileRejected for an empty file (``empty_message`` says what it holds) or a too big one."""
    if not size:
        raise FileRejected(empty_message)
    if size > max_upload_bytes():
        raise FileRejected(
            _("File terlalu besar (%(mb).1f MB); batasnya %(max)s MB.")
            % {"mb": size / 1024 / 1024, "max": settings.MAX_UPLOAD_MB}
        )


def check_xlsx(fileobj) -> None:
    """FileRejected unless ``fileobj`` is a real .xlsx package of acceptable unpacked size: a
    PDF or CSV renamed to .xlsx, an old .xls, a broken zip and a zip bomb are refused here,
    before openpyxl or calamine reads a byte. Leaves the file at its start."""
    not_xlsx = _(
        "Isi file ini bukan file Excel .xlsx yang sah. Jika file berasal dari Excel lama "
        "(.xls) atau aplikasi lain, simpan ulang sebagai “Excel Workbook (.xlsx)”."
    )
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF"):
        raise FileRejected(_("File ini adalah PDF yang diberi nama .xlsx, bukan file Excel."))
    if not head.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(fileobj):
        fileobj.seek(0)
        raise FileRejected(not_xlsx)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise FileRejected(not_xlsx) from None
    finally:
        fileobj.seek(0)
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise FileRejected(not_xlsx)
    if unpacked > max_upload_bytes() * MAX_UNPACKED_FACTOR:
        raise FileRejected(_("Isi file .xlsx terlalu besar setelah dibuka."))


# A text a spreadsheet would read as a formula (CSV/formula injection, OWASP): starting with
# =, +, @, a tab or a carriage return, or with - when it is not a plain number.
_FORMULA_RE = re.compile(r"^(?:[=+@\t\r]|-(?!\d+(?:[.,]\d+)?$))")


class Rumus(str):
    """A formula the app itself writes into a workbook: kept as a formula."""


def text_value(value: str) -> str:
    """A text as a spreadsheet shows it, never runs it: a would-be formula gets a leading
    apostrophe, which Excel and LibreOffice take as 'this is text'."""
    return "'" + value if _FORMULA_RE.match(value) else value


def cell_value(value):
    """The value as a cell can hold it: openpyxl refuses control characters, and one typed
    into a name would make the whole export fail, so they are dropped; formulas typed into
    text fields stay text."""
    if isinstance(value, Rumus):
        return str(value)
    if isinstance(value, str):
        return text_value(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value
