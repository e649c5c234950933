"""After publication, in a real browser: the official signs the letter with their passphrase,
the employee downloads their signed petikan from their profile, the receiving head issues
and signs the SPMT from the inbox, and BKD exports the move for SIASN."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mutasi.models import Petikan, Spmt, SuratKeputusan, Usulan
from mutasi.siasn import ekspor
from mutasi.sk import periksa_tte, services
from mutasi.usulan.choices import StatusUsulan
from pegawai.access import Role
from tests.conftest import PASSWORD
from tests.factories import PegawaiFactory, UnitKerjaFactory, UserFactory, terbitkan_sk
from tests.test_sk import draft, make_approved


@pytest.fixture
def terbit(transactional_db, operator_bkd, pejabat, opd_a):
    """A letter moving one employee into agency A, TMT today, published and its PDF made;
    the official, the employee, agency A's head and BKD can log in."""
    tujuan = UnitKerjaFactory(perangkat_daerah=opd_a, nama="Bidang Tujuan")
    usulan = make_approved(operator_bkd, 1, UnitKerjaFactory(), tujuan)[0]
    letter = draft(operator_bkd, [usulan])
    services.ubah_baris(letter.pk, operator_bkd, usulan.pk, tmt=timezone.localdate())
    terbitkan_sk(letter.pk, pejabat)
    asn = UserFactory(username="asn.pindah", pegawai=usulan.pegawai, roles=[Role.ASN])
    kepala = UserFactory(
        username="kepala.tujuan",
        pegawai=PegawaiFactory(unit=tujuan, nama="Dr. Rina Kartika"),
        perangkat_daerah=opd_a,
        roles=[Role.KEPALA_OPD],
    )
    for user in (pejabat, asn, kepala, operator_bkd):
        user.set_password(PASSWORD)
        user.save()
    return SuratKeputusan.objects.get(pk=letter.pk), usulan, asn, kepala


def another(browser, live_server, contexts):
    """A page for another person, in a context of its own (closed by the test)."""
    contexts.append(browser.new_context(base_url=live_server.url, locale="id-ID"))
    return contexts[-1].new_page()


def test_sign_then_petikan_spmt_and_export(
    page, browser, live_server, log_in, axe_check, terbit, tmp_path, operator_bkd
):
    letter, usulan, _asn, _kepala = terbit
    contexts = []  # one per person, closed at the end
    assert letter.render_status == "selesai" and not letter.ditandatangani

    # The official signs with the passphrase.
    log_in(page, live_server, "pejabat", PASSWORD)
    page.goto(f"{live_server.url}{letter.get_absolute_url()}")
    axe_check(page)
    page.get_by_label("Passphrase sertifikat elektronik").fill("mutasi-demo")
    with page.expect_navigation():
        page.get_by_role("button", name="Tandatangani").click()
    expect(page.get_by_text("SK dan petikannya ditandatangani secara elektronik.")).to_be_visible()
    expect(page.get_by_text("demo, tidak sah")).to_be_visible()

    # The employee downloads their signed petikan from their profile.
    employee = another(browser, live_server, contexts)
    log_in(employee, live_server, "asn.pindah", PASSWORD)
    employee.goto(f"{live_server.url}/pegawai/saya/")
    with employee.expect_download() as download:
        employee.get_by_role("link", name=f"Petikan SK {letter.nomor}").click()
    path = tmp_path / "petikan.pdf"
    download.value.save_as(path)
    data = path.read_bytes()
    assert data == Petikan.objects.get(baris__sk=letter).berkas.read()
    # pyHanko's checks run their own event loop: not in this thread, where Playwright's runs.
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(periksa_tte.periksa, data).result().sah

    # The receiving head finds the SPMT in the inbox and issues it.
    head = another(browser, live_server, contexts)
    log_in(head, live_server, "kepala.tujuan", PASSWORD)
    head.goto(f"{live_server.url}/usulan/tugas/")
    group = head.locator(
        "section", has=head.get_by_role("heading", name=re.compile("SPMT yang belum"))
    )
    group.get_by_role("link", name=usulan.kode).click()
    head.get_by_label("Nomor SPMT").fill("800/1/SPMT/2026")
    head.get_by_label("Passphrase sertifikat elektronik").fill("mutasi-demo")
    axe_check(head)
    with head.expect_navigation():
        head.get_by_role("button", name="Terbitkan SPMT").click()
    expect(head.get_by_text("SPMT diterbitkan; pemindahan dilaksanakan")).to_be_visible()
    expect(head.get_by_text("Ditandatangani secara elektronik pada")).to_be_visible()
    assert Usulan.objects.get(pk=usulan.pk).status == StatusUsulan.DILAKSANAKAN
    # Signed by the head, in their own name.
    with ThreadPoolExecutor(1) as pool:
        hasil = pool.submit(periksa_tte.periksa, Spmt.objects.get().berkas.read()).result()
    assert hasil.sah and hasil.penanda == "Dr. Rina Kartika (sertifikat demo)"

    # BKD exports the move for SIASN, with its SPMT date.
    bkd = another(browser, live_server, contexts)
    log_in(bkd, live_server, "operator.bkd", PASSWORD)
    bkd.goto(f"{live_server.url}/usulan/sk/ekspor-siasn/")
    axe_check(bkd)
    with bkd.expect_download() as download:
        bkd.get_by_role("button", name="Unduh dan catat ekspor").click()
    path = tmp_path / "siasn.csv"
    download.value.save_as(path)
    rows = ekspor.baca_csv(path.read_bytes())
    assert [r["nomor_sk"] for r in rows] == [letter.nomor]
    assert rows[0]["tanggal_spmt"] == timezone.localdate().isoformat()
    assert rows[0]["nomor_spmt"] == "800/1/SPMT/2026"
    bkd.reload()
    expect(bkd.get_by_role("table", name="Riwayat ekspor SIASN")).to_contain_text("1")
    assert operator_bkd.username == "operator.bkd"
    for context in contexts:
        context.close()
