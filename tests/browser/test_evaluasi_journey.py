"""The post-mutation evaluation journey in a real browser.

Siti moved from Dinas Kesehatan to Dinas Pendidikan 100 days ago, so her 3-month evaluation
is due. The head of Dinas Pendidikan rates her performance and adaptation on the anchored
scales; Siti fills her self-assessment without letting her head read her free text; BKD's
dashboard, which showed no scores before, now shows her satisfaction and the head's score.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from instansi.models import Kompetensi
from pegawai.access import Role
from tests.conftest import PASSWORD
from tests.factories import FormasiFactory, JabatanFactory, UserFactory, make_move


@pytest.fixture
def scene(pegawai_a, unit_b, opd_b, operator_bkd, asn_a):
    jabatan = JabatanFactory(nama="Analis Kurikulum")
    jabatan.kompetensi.set([Kompetensi.objects.create(nama=n) for n in ("Asesmen", "Statistik")])
    formasi = FormasiFactory(unit=unit_b, jabatan=jabatan)
    kepala = UserFactory(username="kepala.disdik", perangkat_daerah=opd_b, roles=[Role.KEPALA_OPD])
    make_move(pegawai_a, formasi, timezone.localdate() - datetime.timedelta(days=100), operator_bkd)
    return {"kepala": kepala, "bkd": operator_bkd, "asn": asn_a}


def log_out(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Keluar").click()


def angka(page, kode):
    return page.locator(f'[data-angka="{kode}"]')


def test_supervisor_and_employee_evaluate_and_bkd_sees_the_dashboard_change(
    page, live_server, log_in, axe_check, scene
):
    log_in(page, live_server, "operator.bkd", PASSWORD)
    page.goto(f"{live_server.url}/evaluasi/dasbor/")
    expect(angka(page, "jumlah")).to_have_text("1")
    expect(angka(page, "kepuasan")).to_have_text("—")
    axe_check(page)
    log_out(page)

    # The receiving agency's head finds the due evaluation and rates it.
    log_in(page, live_server, "kepala.disdik", PASSWORD)
    page.get_by_role("link", name="Evaluasi", exact=True).click()
    page.get_by_role("link", name="Siti Rahmawati").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Evaluasi 3 bulan")
    axe_check(page)
    page.get_by_role("group", name="Kinerja di jabatan baru").get_by_label(
        re.compile(r"^4 —")
    ).check()
    page.get_by_role("group", name="Adaptasi").get_by_label(re.compile(r"^3 —")).check()
    page.get_by_role("group", name="Kesenjangan kompetensi").get_by_label("Statistik").check()
    page.get_by_label("Komentar").fill("Cepat belajar, perlu pendalaman statistik.")
    page.get_by_role("group", name="Rekomendasi").get_by_label("Pertahankan di jabatan ini").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan penilaian atasan").click()
    expect(page.get_by_text("Penilaian atasan disimpan.")).to_be_visible()
    log_out(page)

    # The employee fills hers and keeps her free text from the head.
    log_in(page, live_server, "asn.a", PASSWORD)
    page.get_by_role("link", name="Evaluasi saya").click()
    page.get_by_role("link", name="Siti Rahmawati").click()
    page.get_by_role("group", name="Kepuasan dengan penempatan baru").get_by_label(
        re.compile(r"^4 —")
    ).check()
    page.get_by_role("group", name="Adaptasi Anda").get_by_label(re.compile(r"^4 —")).check()
    page.get_by_role("group", name="Beban kerja").get_by_label(re.compile(r"^3 —")).check()
    page.get_by_label("Apa yang menghambat Anda?").fill("Jarak rumah ke kantor baru jauh.")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan evaluasi diri").click()
    expect(page.get_by_text("Evaluasi diri disimpan.")).to_be_visible()
    expect(page.get_by_text("Jarak rumah ke kantor baru jauh.")).to_be_visible()
    log_out(page)

    log_in(page, live_server, "kepala.disdik", PASSWORD)
    page.goto(f"{live_server.url}/evaluasi/")
    page.get_by_role("link", name="Selesai").click()
    page.get_by_role("link", name="Siti Rahmawati").click()
    expect(page.get_by_text("tidak mengizinkan atasan")).to_be_visible()
    expect(page.get_by_text("Jarak rumah")).to_have_count(0)
    log_out(page)

    log_in(page, live_server, "operator.bkd", PASSWORD)
    page.get_by_role("button", name="Evaluasi").click()
    page.get_by_role("link", name="Dasbor evaluasi").click()
    # The figures kept from the first visit come at once, said to be computed again; the
    # worker's (here at once) are there on reloading.
    expect(page.get_by_role("status").filter(has_text="sedang dihitung")).to_be_visible()
    page.get_by_role("link", name="Muat ulang").click()
    expect(angka(page, "kepuasan")).to_have_text(re.compile(r"^4[,.]00$"))
    expect(page.locator("#tabel-tahap tbody tr").first).to_contain_text("4,00")
    axe_check(page)
    page.set_viewport_size({"width": 390, "height": 844})
    axe_check(page)
