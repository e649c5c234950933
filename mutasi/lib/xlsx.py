"""Values for XLSX cells (the CSV exports neutralise theirs in ``mutasi.lib.csv_aman``)."""

import re

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

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
