"""CSV exports never carry a formula, whichever separator the spreadsheet splits them by.

A spreadsheet is modelled three ways: Python's CSV reader with ``,`` (what the writer meant),
the same reader with ``;`` (Excel set to Indonesian opening the same file), and a naive split of
every line at ``,`` or ``;`` that ignores quotes. No cell of any of them may start a formula.
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from mutasi.lib import csv_aman
from mutasi.models import Usulan
from tests.factories import PegawaiFactory, terbitkan_sk
from tests.test_sk import draft, make_approved

ROOT = Path(__file__).resolve().parent.parent
SERANGAN = "Budi;=1+1;=cmd|' /C calc'!A0"
NEGATIVE_NUMBER = re.compile(r"-\d+(?:[.,]\d+)?")


def starts_a_formula(cell: str) -> bool:
    cell = cell.lstrip(' "')
    if not cell:
        return False
    if cell[0] in "=+@\uff1d\uff0b\uff20":
        return True
    if cell[0] not in "-\uff0d":
        return False
    # A negative number, alone or followed only by numbers, empty cells or a cell marked as
    # text: arithmetic on the app's own numbers at worst, never someone's text.
    number = NEGATIVE_NUMBER.match(cell)
    rest = cell[number.end() :].replace('"', "") if number else cell
    return not (number and re.fullmatch(r"[-\d.,;]*(?:'.*)?", rest, re.S))


def cells_as_spreadsheets_see_them(text: str) -> list[str]:
    cells = []
    for delimiter in (",", ";"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            cells += row
    for line in re.split(r"[\r\n]", text):
        cells += re.split(r"[,;\t]", line)
    return cells


def formula_cells(text: str) -> list[str]:
    return [c for c in cells_as_spreadsheets_see_them(text) if starts_a_formula(c)]


def write(rows) -> str:
    out = io.StringIO(newline="")
    csv_aman.writer(out).writerows(rows)
    return out.getvalue()


def test_the_model_of_a_spreadsheet_sees_the_attack_in_a_plain_csv():
    """The check can fail: Python's own writer lets the attack through under ';'."""
    out = io.StringIO(newline="")
    csv.writer(out).writerow(["1", SERANGAN])
    plain = out.getvalue()
    assert plain.startswith("1,Budi;=1+1;")  # not quoted: it has no comma
    assert "=1+1" in formula_cells(plain)
    assert formula_cells(write([["1", SERANGAN]])) == []


@pytest.mark.parametrize(
    "value, written",
    [
        (SERANGAN, "Budi;'=1+1;'=cmd|' /C calc'!A0"),
        ("Budi,=1+1", "Budi,'=1+1"),
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("a; -1+1", "a;' -1+1"),
        ('a;"=1+1"', 'a;\'"=1+1"'),
        ("a\n=1+1", "a\n'=1+1"),
        ("a\r\n+1", "a\r\n'+1"),
        ("a\t@x", "a\t'@x"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("'=1+1", "'=1+1"),  # already text
        ("-5", "-5"),
        ("-1,5", "-1,5"),
        ("a;-12.5", "a;'-12.5"),  # read with ',' this is not a number anyway
        ("-1;", "'-1;"),  # read with ',' the cell is "-1;", not a number
        ("Dinas Pendidikan; Bidang SMA", "Dinas Pendidikan; Bidang SMA"),
        ("Budi Santoso, S.Kom.", "Budi Santoso, S.Kom."),
        (7, 7),
        (None, None),
    ],
)
def test_each_place_a_cell_could_start_is_neutralised(value, written):
    assert csv_aman.cell(value) == written


def test_a_row_opened_by_a_negative_number_keeps_the_next_cell_text():
    """Read with ';', the line '-1,5+1' is one cell: a formula."""
    assert write([["-1", "5+1"]]) == "-1,'5+1\r\n"
    assert write([[-1, "5+1", "x"]]) == "-1,'5+1,x\r\n"
    assert write([["x", "-1", "5+1"]]) == "x,-1,5+1\r\n"  # only a row's start is at risk
    assert formula_cells("-1,5+1\r\n") == ["-1,5+1"]


@hypothesis_settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.text(alphabet="=+-@;,\"' \t\r\n1a.\uff1d\uff0d", max_size=12),
                st.integers(-5, 5),
            ),
            max_size=4,
        )
    )
)
def test_no_text_at_all_gives_a_formula_under_either_separator(rows):
    assert formula_cells(write(rows)) == []


# --- Every export -------------------------------------------------------------------------


@pytest.fixture
def published_with_an_attack(
    operator_bkd, pejabat, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk, baris=None: b"%PDF-1.7 uji")
    usulan = make_approved(operator_bkd, 1)[0]
    usulan.pegawai.nama = SERANGAN
    usulan.pegawai.save()
    Usulan.objects.filter(pk=usulan.pk).update(alasan_publik="Pindah;@SUM(1+1);-2+3,+1")
    with django_capture_on_commit_callbacks(execute=True):
        terbitkan_sk(draft(operator_bkd, [usulan]).pk, pejabat)
    return usulan


def test_the_open_data_csv_has_no_formula(client, published_with_an_attack):
    text = client.get(reverse("publik:data_csv")).content.decode("utf-8-sig")
    assert "Budi;'=1+1;'=cmd" in text
    assert formula_cells(text) == []


def test_a_staff_list_export_has_no_formula(login, operator_bkd, unit_a):
    PegawaiFactory(unit=unit_a, nama=SERANGAN)
    response = login(operator_bkd).get(reverse("pegawai:list"), {"export": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "Budi;'=1+1" in text
    assert formula_cells(text) == []


def test_every_csv_export_goes_through_the_one_writer():
    """A new export written with csv.writer would skip the neutralising."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "tests"} or relative == Path("mutasi/lib/csv_aman.py"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"csv\.(writer|DictWriter)\(", text):
            offenders.append(str(relative))
    assert offenders == []
