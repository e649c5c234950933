"""Finding the employee by name or NIP on the proposal form, in chromium (issue 15 point 9):
BKD types part of a name, the suggestions hold her NIP, choosing it shows where she works;
a NIP one digit short is said to be one digit short. At phone and desktop width, axe clean,
nothing sideways."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import sideways
from tests.conftest import PASSWORD


@pytest.mark.parametrize("lebar", [390, 1280])
def test_bkd_finds_the_employee_by_name_and_is_told_about_a_short_nip(
    page, live_server, log_in, axe_check, operator_bkd, pegawai_a, pegawai_b, lebar
):
    operator_bkd.set_password(PASSWORD)
    operator_bkd.save()
    page.set_viewport_size({"width": lebar, "height": 900})
    log_in(page, live_server, operator_bkd.username, PASSWORD)
    page.goto(f"{live_server.url}{reverse('mutasi:usulan_create')}")

    box = page.get_by_role("combobox", name="NIP atau nama pegawai")
    box.press_sequentially("siti rah", delay=20)
    saran = page.locator("#saran-pegawai option")
    expect(saran).to_have_count(1)
    expect(saran.first).to_have_attribute("value", pegawai_a.nip)
    expect(page.locator("#umpan-nip")).to_contain_text("1 pegawai cocok")
    axe_check(page)

    # Choosing the suggestion puts its value, the NIP, into the box.
    box.fill(pegawai_a.nip)
    expect(page.locator("#asal")).to_contain_text(pegawai_a.unit.nama)
    expect(page.locator("#umpan-nip")).to_be_empty()

    box.fill(pegawai_b.nip[:-1])
    expect(page.locator("#umpan-nip")).to_contain_text(
        "NIP harus 18 digit, yang dimasukkan 17 digit."
    )
    assert sideways(page) == []
    axe_check(page)
