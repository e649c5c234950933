"""Reading the text tables spreadsheets save: CSV and "Unicode Text", in whatever encoding and
with whatever separator Excel or LibreOffice used.

Excel on an Indonesian Windows saves "CSV (pemisah koma)" in Windows-1252 with ``;`` between
cells (the comma is the decimal sign there), "CSV UTF-8" with a BOM, and "Teks Unicode" in
UTF-16 with tabs; LibreOffice asks and writes any of them. The encoding is found by
charset-normalizer, limited to the encodings those programs write so that a short file is
not taken for some other code page, and the separator by the standard library's csv.Sniffer.
"""

import csv
import io
import re
from dataclasses import dataclass

import charset_normalizer
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# What Excel and LibreOffice write; charset-normalizer names.
ENCODINGS = ("utf_8", "utf_16", "utf_16_le", "utf_16_be", "cp1252")
DELIMITERS = ",;\t"
DELIMITER_LABELS = {",": gettext_lazy("koma (,)"), ";": gettext_lazy("titik koma (;)"), "\t": "tab"}
# The separator is judged from the header row on (a title above it often has none), on a
# few lines: csv.Sniffer's regular expressions take time quadratic in the sample on text full
# of quotes (60 KB: 20 s), 4 KB of it at most 0.1 s.
SEARCH_LINES = 30
SNIFF_CHARS = 4096


class NotText(ValueError):
    """The bytes are not a text table in an encoding a spreadsheet writes."""


@dataclass(frozen=True)
class TextTable:
    rows: list[tuple[int, list[str]]]  # (line number as an editor counts it, cells)
    encoding: str  # for people: "UTF-8", "Windows-1252 (ANSI)", ...
    delimiter: str


def decode(data: bytes) -> tuple[str, str]:
    """The text and a label of its encoding; NotText if it is none of ENCODINGS."""
    match = charset_normalizer.from_bytes(data, cp_isolation=list(ENCODINGS)).best()
    if match is None:
        raise NotText
    try:
        text = str(match)
    except (UnicodeDecodeError, LookupError):
        raise NotText from None
    if "\x00" in text:
        raise NotText
    encoding = match.encoding
    if encoding.startswith("utf_16"):
        label = _("UTF-16 (“Teks Unicode” Excel)")
    elif encoding == "cp1252":
        label = _("Windows-1252 (ANSI)")
    elif match.bom:
        label = _("UTF-8 dengan BOM")
    else:
        label = "UTF-8"
    return text.lstrip("\ufeff"), label


def sniff_delimiter(text: str, header: re.Pattern) -> str:
    """``,``, ``;`` or tab, judged from the line that matches ``header`` (or the first line)
    and the lines after it."""
    lines = text[: 64 * 1024].splitlines()[:SEARCH_LINES]
    start = next((i for i, line in enumerate(lines) if header.search(line)), 0)
    sample = "\n".join(lines[start:])
    if len(sample) > SNIFF_CHARS:
        end = sample.rfind("\n", 0, SNIFF_CHARS)
        sample = sample[: end if end > 0 else SNIFF_CHARS]
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        # One line, or rows of different lengths: the separator the header line uses most.
        first = lines[start] if start < len(lines) else ""
        return max(DELIMITERS, key=first.count)


def read(data: bytes, header: re.Pattern) -> TextTable:
    """Every row of a text table; NotText, or csv.Error with the line where it broke."""
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text, header)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 1
    try:
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as e:
        raise csv.Error(line, e) from None
    return TextTable(rows=rows, encoding=encoding, delimiter=delimiter)
