"""The matching journey in a real browser.

A BKD operator opens the candidates of a vacancy from the vacancy list, files a draft
proposal for the best candidate in one step, then computes a redistribution plan and turns
one of its moves into a proposal. Both matching pages pass the accessibility check.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from mutasi.models import Usulan
from mutasi.usulan import eligibility
from pegawai.choices import PredikatSkp
from pegawai.models import PotensiPegawai
from tests.conftest import PASSWORD
from tests.factories import FormasiFactory, JabatanFactory, PegawaiFactory, SkpFactory

THIS_YEAR = datetime.date.today().year


@pytest.fixture
def world(unit_a, unit_b):
    """Unit A holds four analysts where one is needed; unit B needs two and has none."""
    jabatan = JabatanFactory(nama="Analis Sumber Daya Manusia Aparatur")
    FormasiFactory(unit=unit_a, jabatan=jabatan, kebutuhan=1)
    FormasiFactory(unit=unit_b, jabatan=jabatan, kebutuhan=2)
    people = []
    for i, nama in enumerate(["Ayu Lestari", "Bagus Pratama", "Citra Dewi", "Dani Saputra"]):
        p = PegawaiFactory(
            unit=unit_a, jabatan=jabatan, nama=nama, tmt_jabatan=datetime.date(2018 + i, 1, 1)
        )
        for tahun in eligibility.tahun_skp(datetime.date.today()):
            SkpFactory(pegawai=p, tahun=tahun, predikat=PredikatSkp.SANGAT_BAIK)
        people.append(p)
    PotensiPegawai.objects.create(pegawai=people[0], tingkat=3, tahun=THIS_YEAR - 1)
    return people


def test_bkd_ranks_candidates_proposes_and_accepts_a_plan(
    page, live_server, log_in, axe_check, operator_bkd, world
):
    # Solving and scoring take a moment more than a plain page on a busy test machine.
    page.set_default_timeout(30_000)
    log_in(page, live_server, operator_bkd.username, PASSWORD)

    page.get_by_role("button", name="Kebutuhan pegawai").click()
    page.get_by_role("link", name="Lowongan", exact=True).click()
    page.get_by_role("link", name=re.compile("^Kandidat")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kandidat untuk")
    expect(page.get_by_text("Kinerja (SKP): 25")).to_be_visible()
    first = page.get_by_role("listitem").filter(has_text="1. Ayu Lestari")
    expect(first).to_be_visible()
    first.locator("summary", has_text="Rincian skor").click()
    expect(first.get_by_role("rowheader", name="Kotak talenta (9-box)")).to_be_visible()
    axe_check(page)

    with page.expect_navigation():
        first.get_by_role("button", name=re.compile("Buat usulan")).click()
    expect(page.get_by_text("Usulan (Konsep) untuk Ayu Lestari dibuat")).to_be_visible()
    assert Usulan.objects.filter(pegawai=world[0]).exists()

    page.get_by_role("link", name="Pencocokan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pencocokan dan redistribusi")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Hitung rencana").click()
    expect(page.get_by_role("heading", name="Langkah pindah")).to_be_visible()
    expect(page.get_by_text("Simpangan baku EJ")).to_be_visible()
    rows = page.get_by_role("table").filter(has_text="Skor").locator("tbody tr")
    expect(rows).to_have_count(2)  # two short, Ayu already proposed
    axe_check(page)

    rows.first.get_by_role("checkbox").check()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Jadikan usulan")).click()
    expect(page.get_by_text("1 usulan (Konsep) dibuat dari rencana ini.")).to_be_visible()
    expect(page.get_by_role("link", name="Usulan dibuat")).to_have_count(1)
    assert Usulan.objects.count() == 2
