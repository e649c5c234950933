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

from pegawai.importer.columns import (
    COLUMN_MODEL_FIELDS,
    PREVIEW_LIST_ROWS,
    PREVIEW_ROWS,
    REQUIRED_COLUMNS,
)
from pegawai.importer.files import (
    check_size,
    discard,
    file_format,
    read_table,
    skp_template_years,
    storage_dir,
    store,
    stored_path,
    template_columns,
    template_workbook,
)
from pegawai.importer.plan import build_plan
from pegawai.importer.types import ImportPlan, ImportResult, Problem, RowPlan, Skipped, Table
from pegawai.importer.writing import commit

__all__ = [
    "COLUMN_MODEL_FIELDS",
    "ImportPlan",
    "ImportResult",
    "PREVIEW_LIST_ROWS",
    "PREVIEW_ROWS",
    "Problem",
    "REQUIRED_COLUMNS",
    "RowPlan",
    "Skipped",
    "Table",
    "build_plan",
    "check_size",
    "commit",
    "discard",
    "file_format",
    "read_table",
    "skp_template_years",
    "storage_dir",
    "store",
    "stored_path",
    "template_columns",
    "template_workbook",
]
