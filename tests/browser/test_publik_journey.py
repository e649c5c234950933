"""A letter from publication to a citizen checking it, in a real browser.

The official publishes a draft letter and downloads its PDF; a citizen, not logged in, finds
the decision on the transparency page (masked NIP only), opens the verification page by the
letter's number, and checks the downloaded PDF against the published fingerprint. Also the
accessibility (axe) and the phone layout of the public pages.
"""

import re

import pytest
from playwright.sync_api import expect

from mutasi.models import SuratKeputusan
from pegawai.nip import mask_nip
from tests.conftest import PASSWORD
from tests.test_sk import draft, make_approved

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def draf(transactional_db, operator_bkd, pejabat):
    pejabat.set_password(PASSWORD)
    pejabat.save()
    return draft(operator_bkd, make_approved(operator_bkd, 3))


def test_publish_then_a_citizen_finds_and_verifies_the_letter(
    page, browser, live_server, log_in, axe_check, draf, tmp_path
):
    log_in(page, live_server, "pejabat", PASSWORD)
    page.goto(f"{live_server.url}{draf.get_absolute_url()}")
    with page.expect_navigation():
        page.get_by_role("button", name="Terbitkan SK").click()
    expect(page.get_by_text("SK diterbitkan")).to_be_visible()
    letter = SuratKeputusan.objects.get(pk=draf.pk)
    assert letter.nomor and letter.sha256
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh PDF").click()
    pdf = tmp_path / "sk.pdf"
    download.value.save_as(pdf)

    # A citizen, on another device: no log-in.
    citizen = browser.new_context(base_url=live_server.url, locale="id-ID")
    public = citizen.new_page()
    public.goto(f"{live_server.url}/transparansi/")
    expect(public.get_by_role("heading", level=1)).to_contain_text("Keputusan mutasi")
    axe_check(public)
    pegawai = letter.baris.first().usulan.pegawai
    public.get_by_label("Cari nama atau nomor SK").fill(pegawai.nama)
    with public.expect_navigation():
        public.get_by_role("button", name="Saring").click()
    row = public.get_by_role("row").filter(has_text=pegawai.nama)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(mask_nip(pegawai.nip))
    expect(public.locator("body")).not_to_contain_text(pegawai.nip)

    public.get_by_role("link", name="Verifikasi SK").click()
    public.get_by_label("Nomor SK atau kode verifikasi").fill(letter.nomor)
    with public.expect_navigation():
        public.get_by_role("button", name="Periksa").click()
    expect(public).to_have_url(re.compile(f"/verifikasi/{letter.kode_verifikasi}/$"))
    expect(public.get_by_text("Asli dan berlaku")).to_be_visible()
    expect(public.get_by_text(letter.sha256)).to_be_visible()
    axe_check(public)

    public.get_by_label("Berkas PDF yang Anda terima").set_input_files(str(pdf))
    with public.expect_navigation():
        public.get_by_role("button", name="Periksa berkas").click()
    expect(public.get_by_text("Cocok: berkas ini sama persis")).to_be_visible()

    # The same pages on a phone: nothing wider than the screen.
    public.set_viewport_size(PHONE)
    for url in ("/transparansi/", f"/verifikasi/{letter.kode_verifikasi}/"):
        public.goto(f"{live_server.url}{url}")
        width = public.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (url, width)
    citizen.close()


def test_an_unknown_code_says_so_plainly(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/verifikasi/")
    page.get_by_label("Nomor SK atau kode verifikasi").fill("800.1.3/999/BKD/1999")
    page.get_by_role("button", name="Periksa").click()
    expect(page.get_by_role("alert")).to_contain_text("Tidak ada SK terbit")
