"""What the importer hands on: the table read, each row's plan, the problems, the result."""

from dataclasses import dataclass, field

from mutasi.lib import delimited
from pegawai.models import Pegawai


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
