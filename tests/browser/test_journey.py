"""The main journey in a real browser: log in, find an employee by NIP, open the profile.

Also what only a browser shows: the htmx search updating in place, accessibility (axe), the
phone layout, and the lock-out after wrong passwords.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.factories import PegawaiFactory

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def employees(unit_a, unit_b):
    """Three employees in two agencies, with NIPs that differ from the first digits."""
    return [
        PegawaiFactory(unit=unit_a, nama="Siti Rahmawati", lahir=datetime.date(1979, 8, 17)),
        PegawaiFactory(unit=unit_a, nama="Agus Prasetyo", lahir=datetime.date(1984, 2, 3)),
        PegawaiFactory(unit=unit_b, nama="Budi Santoso", lahir=datetime.date(1990, 11, 28)),
    ]


def test_operator_bkd_finds_an_employee_by_nip_and_opens_the_profile(
    page, live_server, operator_bkd, employees, log_in, axe_check
):
    siti = employees[0]

    page.goto(f"{live_server.url}/masuk/")
    axe_check(page)
    log_in(page, live_server, operator_bkd.username, PASSWORD)

    page.get_by_role("button", name="Data induk").click()
    page.get_by_role("link", name="Pegawai", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Pegawai")).to_be_visible()
    rows = page.locator("#tabel tbody tr")
    expect(rows).to_have_count(3)
    axe_check(page)

    # A marker on the window survives an htmx swap but not a page load.
    page.evaluate("window.sameDocument = true")
    page.get_by_label("Cari nama atau NIP").press_sequentially(siti.nip)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(siti.nama)
    expect(page).to_have_url(re.compile(rf"[?&]q={siti.nip}"))
    assert page.evaluate("window.sameDocument") is True

    page.get_by_role("link", name=siti.nip).click()
    expect(page.get_by_role("heading", level=1, name=siti.nama)).to_be_visible()
    expect(page.locator("main")).to_contain_text(siti.nip)
    expect(page.get_by_role("heading", name="Riwayat jabatan")).to_be_visible()
    axe_check(page)

    page.set_viewport_size(PHONE)
    page.reload()
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, "the profile scrolls sideways on a phone"
    expect(page.get_by_role("button", name="Buka menu")).to_be_visible()


def test_opd_user_gets_not_found_for_another_agencys_employee(
    page, live_server, operator_opd_b, pegawai_a, log_in
):
    log_in(page, live_server, operator_opd_b.username, PASSWORD)

    response = page.goto(f"{live_server.url}/pegawai/{pegawai_a.pk}/")

    assert response.status == 404
    expect(page.get_by_text(pegawai_a.nama)).to_have_count(0)


def test_five_wrong_passwords_lock_the_account(page, live_server, operator_bkd, log_in, axe_check):
    log_in(page, live_server, operator_bkd.username, "salah-sandi")
    expect(page.get_by_text("kata sandi salah")).to_be_visible()
    for _ in range(4):
        log_in(page, live_server, operator_bkd.username, "salah-sandi")

    log_in(page, live_server, operator_bkd.username, PASSWORD)

    expect(page.get_by_role("heading", name="Akun dikunci sementara")).to_be_visible()
    expect(page.get_by_role("link", name="Pegawai")).to_have_count(0)
    axe_check(page)
