"""The workload-analysis (ABK) journey in a real browser.

An OPD head enters the tasks of one jabatan in one unit, watches the live summary (htmx)
compute the need before saving, saves and submits to BKD; a BKD verifier accepts; the
shortfall then shows on the vacancy list.

The numbers: 1250 effective hours a year, rounding up. Two tasks, 1 000 × 60 min and
500 × 240 min, make 3 000 hours → 2.4 people → 3 needed. One holder: EJ 2.40, category A,
and the vacancy list shows 3 needed, 1 holding, 2 short.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.factories import FormasiFactory, JabatanFactory, PegawaiFactory

JABATAN = "Pranata Komputer Ahli Pertama"
TASKS = [
    ("Memelihara jaringan komputer kantor", "laporan", "1000", "60"),
    ("Menyusun rancangan sistem informasi", "dokumen", "500", "240"),
]


@pytest.fixture
def formasi(unit_a):
    """A formasi with no need recorded yet (kebutuhan 0) and one current holder."""
    jabatan = JabatanFactory(nama=JABATAN)
    PegawaiFactory(unit=unit_a, jabatan=jabatan, nama="Dewi Lestari")
    return FormasiFactory(unit=unit_a, jabatan=jabatan, kebutuhan=0)


# --- Helpers: what a person does --------------------------------------------------------


def open_menu(page, menu, item):
    page.get_by_role("button", name=menu).click()
    page.get_by_role("link", name=item, exact=True).click()


def log_out(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Keluar").click()


def task_rows(page):
    return page.get_by_role("table", name=re.compile("Uraian tugas")).locator("tbody tr")


def fill_task(row, uraian, satuan, volume, menit):
    row.get_by_label("Uraian tugas").fill(uraian)
    row.get_by_label("Satuan hasil").fill(satuan)
    row.get_by_label("Volume per tahun").fill(volume)
    row.get_by_label("Waktu penyelesaian (menit)").fill(menit)


def summary_value(page, term):
    """The value next to ``term`` in the live summary card ("Hasil perhitungan")."""
    summary = page.locator("#ringkasan")
    return summary.locator("dt", has_text=term).locator("xpath=following-sibling::dd[1]")


def cell(page, row_text, column):
    """The cell of the table row containing ``row_text`` under the header ``column``."""
    row = page.get_by_role("row").filter(has_text=row_text)
    table = page.get_by_role("table").filter(has=row)
    headers = [h.strip() for h in table.get_by_role("columnheader").all_inner_texts()]
    # The row's own heading (a <th scope="row">) counts as a column too.
    return row.locator(":scope > th, :scope > td").nth(headers.index(column))


def expect_analysis_page(page, year):
    heading = page.get_by_role("heading", level=1, name=f"Analisis beban kerja {year}")
    expect(heading).to_be_visible()


def create_analysis(page, opd_name, year):
    open_menu(page, "Kebutuhan pegawai", "Analisis beban kerja")
    expect(page.get_by_role("heading", level=1, name="Analisis beban kerja")).to_be_visible()
    page.get_by_role("link", name="Tambah").click()
    page.get_by_label("Perangkat daerah").select_option(label=opd_name)
    expect(page.get_by_role("spinbutton", name=re.compile(r"^Tahun"))).to_have_value(str(year))
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect_analysis_page(page, year)


def enter_tasks(page, axe_check):
    """Type two tasks, the second in a row added with "Tambah baris", and check the summary."""
    rows = task_rows(page)
    page.evaluate("window.sameDocument = true")  # survives an htmx swap, not a page load
    expect(summary_value(page, "Kebutuhan (Ke atas")).to_have_text(re.compile(r"^\s*0 orang"))
    axe_check(page)

    fill_task(rows.first, *TASKS[0])
    expect(summary_value(page, "Beban kerja")).to_have_text(re.compile(r"1\.?000,00 jam"))

    before = rows.count()
    page.get_by_role("button", name="Tambah baris").click()
    expect(rows).to_have_count(before + 1)
    new_row = rows.last
    expect(new_row.get_by_label("Uraian tugas")).to_be_focused()
    fill_task(new_row, *TASKS[1])

    # The summary follows the typing (htmx) before anything is saved.
    expect(summary_value(page, "Beban kerja")).to_have_text(re.compile(r"3\.?000,00 jam"))
    expect(summary_value(page, "Kebutuhan (Ke atas")).to_have_text(re.compile(r"^\s*3 orang"))
    expect(summary_value(page, "Selisih")).to_contain_text("kekurangan")
    expect(summary_value(page, "Efisiensi jabatan")).to_contain_text("2,40")
    expect(summary_value(page, "Efisiensi jabatan").locator(".badge")).to_have_text(
        "A · beban berlebih"
    )
    assert page.evaluate("window.sameDocument") is True


# --- The journey --------------------------------------------------------------------------


def test_opd_head_enters_workload_bkd_accepts_and_the_vacancy_appears(
    page, live_server, opd_a, unit_a, formasi, kepala_opd_a, verifikator, log_in, axe_check
):
    year = timezone.localdate().year

    # The OPD head creates this year's analysis and fills in the one formasi.
    log_in(page, live_server, kepala_opd_a.username, PASSWORD)
    create_analysis(page, opd_a.nama, year)
    expect(page.get_by_role("row").filter(has_text=JABATAN)).to_contain_text("belum diisi")
    page.get_by_role("link", name=f"Isi {JABATAN} — {unit_a.nama}").click()
    expect(page.get_by_role("heading", level=1, name=JABATAN)).to_be_visible()

    enter_tasks(page, axe_check)
    page.get_by_role("button", name="Simpan uraian tugas").click()

    expect(page.get_by_role("alert").filter(has_text="disimpan")).to_be_visible()
    expect(cell(page, JABATAN, "Beban (jam)")).to_have_text(re.compile(r"3\.?000,00"))
    expect(cell(page, JABATAN, "Kebutuhan")).to_have_text("3")
    expect(cell(page, JABATAN, "Selisih")).to_have_text("-2 kekurangan")
    axe_check(page)

    # Submitting asks to confirm, naming the posts left without tasks.
    page.locator("summary", has_text="Ajukan ke BKD").click()
    expect(page.get_by_text("jabatan belum diisi uraian tugasnya")).to_be_visible()
    page.get_by_role("button", name="Ya, ajukan").click()
    expect(page.get_by_role("alert").filter(has_text="diajukan ke BKD")).to_be_visible()
    expect(page.get_by_text("Diajukan", exact=True)).to_be_visible()
    expect(page.locator("summary", has_text="Ajukan ke BKD")).to_have_count(0)
    log_out(page)

    # BKD's verifier opens the submitted analysis and accepts it.
    log_in(page, live_server, verifikator.username, PASSWORD)
    open_menu(page, "Kebutuhan pegawai", "Analisis beban kerja")
    analyses = page.get_by_role("row").filter(has_text=opd_a.nama)
    analyses.get_by_role("link", name=str(year)).click()
    expect_analysis_page(page, year)
    # The verifier finds it in "Tugas saya" first.
    page.goto(f"{live_server.url}/usulan/tugas/")
    expect(
        page.get_by_role("heading", name="Analisis beban kerja menunggu tinjauan")
    ).to_be_visible()
    page.go_back()
    page.locator("summary", has_text="Terima").click()
    page.get_by_role("button", name="Ya, terima dan tetapkan kebutuhan").click()
    expect(page.get_by_role("alert").filter(has_text="diterima")).to_be_visible()
    expect(page.get_by_text("Diterima", exact=True)).to_be_visible()
    axe_check(page)

    # The accepted need makes the formasi a vacancy: 3 needed, 1 holding, 2 short.
    open_menu(page, "Kebutuhan pegawai", "Lowongan")
    expect(page.get_by_role("heading", level=1, name="Lowongan jabatan")).to_be_visible()
    vacancy = page.get_by_role("row").filter(has_text=JABATAN)
    expect(vacancy).to_have_count(1)
    expect(vacancy).to_contain_text(unit_a.nama)
    expect(cell(page, JABATAN, "Kebutuhan")).to_have_text("3")
    expect(cell(page, JABATAN, "Terisi")).to_have_text("1")
    expect(cell(page, JABATAN, "Kursi kosong")).to_have_text("2")
    # The verifier does not file proposals, so the vacancy offers her no "Usulkan pegawai".
    expect(vacancy.get_by_role("link", name=re.compile("Usulkan pegawai"))).to_have_count(0)
    axe_check(page)
