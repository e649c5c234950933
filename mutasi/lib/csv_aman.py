"""The one CSV writer of the app: no cell of any export can turn into a formula.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (CSV or
formula injection). A CSV cell is not only split where the writer put a separator: Excel set
to Indonesian uses ``;`` as its list separator and splits every line of a comma-separated file
at each ``;``, so the one cell ``Budi;=1+1`` becomes the cells ``Budi`` and ``=1+1``. So every
place where some spreadsheet could start a cell — the start of the value and the character after
each ``,``, ``;``, tab or line break in it, skipping spaces and quotes — gets an apostrophe
before a would-be formula; Excel and LibreOffice read a leading apostrophe as "this is text".
A value that is just a negative number (``-5``, ``-1,5``) is left a number; when it opens a
row, Excel set to ``;`` reads the whole line from it as one cell (``-1,5+1`` is a formula), so
the first text after it is neutralised whatever it starts with.

Every CSV export writes through ``writer``; ``tests/test_csv_aman.py`` fails on any other
``csv.writer`` in the app.
"""

import csv
import re
from decimal import Decimal

# Full-width forms count too: some spreadsheets normalise them (a full-width minus is never
# a number, so it is always neutralised).
_FORMULA = "=+@\uff1d\uff0b\uff20\uff0d"
_SEPARATOR = ",;\t\r\n"
# The value's own start, spaces and quotes skipped: a would-be formula or a minus (a value that
# is exactly a negative number is left alone before this applies).
_VALUE_START = re.compile(rf"^([ \"]*)(?=[-{_FORMULA}])")
# After a separator inside the value, any minus too: "a;-1" is not one number.
_AFTER_SEPARATOR = re.compile(rf"(?<=[{_SEPARATOR}])([ \"]*)(?=[-{_FORMULA}])")
_NEGATIVE_NUMBER = re.compile(r"-\d+(?:[.,]\d+)?")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def _negative_number(value) -> bool:
    if isinstance(value, str):
        return bool(_NEGATIVE_NUMBER.fullmatch(value))
    # As the csv module writes it: -0.0 and -1e-300 start with a minus too.
    return isinstance(value, int | float | Decimal) and str(value).startswith("-")


def cell(value):
    """The value as it may go into a CSV cell: text neutralised, anything else unchanged."""
    if isinstance(value, str):
        if not _NEGATIVE_NUMBER.fullmatch(value):
            value = _VALUE_START.sub(r"'\1", value, count=1)
        return _AFTER_SEPARATOR.sub(r"'\1", value)
    return value


class _Writer:
    def __init__(self, out, **fmtparams):
        self._writer = csv.writer(out, **fmtparams)

    def writerow(self, row):
        cells = [cell(v) for v in row]
        if cells and _negative_number(cells[0]):
            # The first text after the row's leading numbers would continue the formula.
            for i, following in enumerate(cells[1:], start=1):
                if isinstance(following, str) and following and not _NUMBER.fullmatch(following):
                    if not following.startswith("'"):
                        cells[i] = "'" + following
                    break
        return self._writer.writerow(cells)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(out, **fmtparams) -> _Writer:
    """``csv.writer`` whose rows are neutralised cell by cell (see the module docstring)."""
    return _Writer(out, **fmtparams)
