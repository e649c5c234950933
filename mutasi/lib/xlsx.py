"""Values for spreadsheet cells."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE


def cell_value(value):
    """The value as a cell can hold it: openpyxl refuses control characters, and one typed
    into a name would make the whole export fail, so they are dropped."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value
