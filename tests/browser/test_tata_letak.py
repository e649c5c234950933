"""Phone and desktop layouts in chromium (issue 15 point 8).

- The menu of the person with the most entries (an administrator who is also an employee,
  with a long name) stays on one line at 1280 px, and folds behind the toggler on a phone.
- The needs analysis of a large agency: on a phone every row is a card with need, gap, EJ
  and the tasks link in view, nothing scrolls sideways; the page has a way to each unit.
- The verifier reads the tasks; the editor shows whole tasks and names the delete column.
- A table that does not fit a phone shows a shadow at the edge where columns hide.
Each page axe clean.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from instansi import services
from instansi.choices import Pembulatan
from pegawai.access import Role
from tests.browser.conftest import sideways
from tests.conftest import PASSWORD
from tests.factories import (
    FormasiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UserFactory,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PANJANG = (
    "Menyusun laporan kinerja bulanan seluruh puskesmas di wilayah kerja, termasuk rekapitulasi "
    "kunjungan pasien, capaian program imunisasi dan gizi, serta analisis kendala di lapangan"
)

# The middle heights of the navbar's entries: one line when they are all the same.
_BARIS_MENU = """
() => [...document.querySelectorAll('#nav-utama > ul > li, #nav-utama > div > *')]
  .map((el) => el.getBoundingClientRect())
  .filter((box) => box.width > 0)
  .map((box) => Math.round(box.top + box.height / 2))
"""


def masuk(page, live_server, log_in, user, ukuran):
    user.set_password(PASSWORD)
    user.save()
    page.set_viewport_size(ukuran)
    log_in(page, live_server, user.username, PASSWORD)


@pytest.fixture
def admin_pegawai(unit_a):
    pegawai = PegawaiFactory(unit=unit_a, nama="Raden Mas Bagus Hadiningrat Kusumawardhana")
    return UserFactory(
        username="admin.panjang",
        first_name="Raden Mas Bagus",
        last_name="Hadiningrat Kusumawardhana, S.Kom., M.Kom.",
        pegawai=pegawai,
        roles=[Role.ADMIN, Role.OPERATOR_BKD, Role.ASN],
        is_staff=True,
        is_superuser=True,
    )


def test_the_fullest_menu_stays_on_one_line_at_1280_and_folds_on_a_phone(
    page, live_server, log_in, axe_check, admin_pegawai
):
    masuk(page, live_server, log_in, admin_pegawai, DESKTOP)
    page.goto(f"{live_server.url}{reverse('mutasi:usulan_list')}")
    tengah = page.evaluate(_BARIS_MENU)
    assert len(tengah) >= 9, tengah  # the menu is all there
    assert max(tengah) - min(tengah) <= 4, f"the menu wraps: entries at heights {tengah}"
    assert sideways(page) == []
    # Grouped, the entries are a click away.
    page.get_by_role("button", name="Keputusan").click()
    expect(page.get_by_role("link", name="Surat keputusan")).to_be_visible()
    axe_check(page)

    # Wider, the account's name shows, cut short if long.
    page.set_viewport_size({"width": 1440, "height": 900})
    tengah = page.evaluate(_BARIS_MENU)
    assert max(tengah) - min(tengah) <= 4, f"the menu wraps at 1440: {tengah}"
    expect(page.locator(".nama-akun")).to_be_visible()
    assert sideways(page) == []

    page.set_viewport_size(PHONE)
    toggler = page.get_by_role("button", name="Buka menu")
    expect(toggler).to_be_visible()
    toggler.click()
    expect(page.get_by_role("link", name="Usulan mutasi", exact=True)).to_be_visible()
    assert sideways(page) == []


@pytest.fixture
def analisis_besar(opd_a, kepala_opd_a):
    """An agency with three units and a dozen posts, tasks entered for the first post of
    each unit (one of them long), submitted to BKD."""
    units = [UnitKerjaFactory(perangkat_daerah=opd_a, nama=f"UPT Puskesmas {n}") for n in "ABC"]
    analisis = services.buat_analisis(kepala_opd_a, opd_a, 2026, 1250, Pembulatan.KE_ATAS)
    jabatan = [JabatanFactory(nama=f"Pranata Laboratorium Kesehatan {i}") for i in range(4)]
    pertama = []
    for unit in units:
        for i in range(4):
            formasi = FormasiFactory(unit=unit, jabatan=jabatan[i])
            PegawaiFactory(unit=unit, jabatan=formasi.jabatan)
            if i == 0:
                pertama.append(formasi)
                services.simpan_tugas(
                    analisis.pk,
                    formasi,
                    [
                        {
                            "uraian": PANJANG,
                            "satuan_hasil": "laporan",
                            "volume": 1200,
                            "waktu_menit": 90,
                        },
                        {
                            "uraian": "Memeriksa sampel",
                            "satuan_hasil": "sampel",
                            "volume": 176_876,
                            "waktu_menit": 5,
                        },
                    ],
                    kepala_opd_a,
                )
    return analisis, units, pertama


def test_a_large_analysis_reads_on_a_phone_with_a_way_to_each_unit(
    page, live_server, log_in, axe_check, verifikator, kepala_opd_a, analisis_besar
):
    analisis, units, pertama = analisis_besar
    services.ajukan(analisis.pk, kepala_opd_a)
    masuk(page, live_server, log_in, verifikator, PHONE)
    page.goto(f"{live_server.url}{reverse('instansi:abk_detail', args=[analisis.pk])}")
    assert sideways(page) == []
    # Every figure of a row is on screen: the card shows need, gap, EJ and the link.
    kartu = page.locator(f"#unit-{units[1].pk} tbody tr").first
    for nama in ("Kebutuhan", "Selisih", "EJ", "Uraian tugas"):
        cell = kartu.locator(f"td[data-label='{nama}']")
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], nama
    axe_check(page)

    # The way to a unit further down.
    page.get_by_role("navigation", name="Lompat ke unit kerja").get_by_role(
        "link", name=units[2].nama
    ).click()
    expect(page.get_by_role("heading", name=units[2].nama)).to_be_in_viewport()

    # The verifier reads the tasks on the page, whole.
    page.locator(f"#unit-{units[2].pk}").get_by_role("link", name="Baca").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(pertama[2].jabatan.nama)
    expect(page.get_by_text(PANJANG)).to_be_visible()
    expect(page.get_by_text("1.800,00")).to_be_visible()
    assert sideways(page) == []
    axe_check(page)


@pytest.mark.parametrize("ukuran", [PHONE, DESKTOP], ids=["390", "1280"])
def test_the_task_editor_shows_whole_tasks_and_names_the_delete_column(
    page, live_server, log_in, axe_check, kepala_opd_a, analisis_besar, ukuran
):
    analisis, _units, pertama = analisis_besar
    masuk(page, live_server, log_in, kepala_opd_a, ukuran)
    page.goto(
        f"{live_server.url}{reverse('instansi:abk_formasi', args=[analisis.pk, pertama[0].pk])}"
    )
    uraian = page.get_by_label("Uraian tugas").first
    expect(uraian).to_have_value(PANJANG)
    # The whole text is shown: the box is tall enough not to hide any line of it.
    assert uraian.evaluate("el => el.scrollHeight <= el.clientHeight + 2 || el.rows >= 2")
    if ukuran == DESKTOP:
        expect(page.get_by_role("columnheader", name="Hapus")).to_be_visible()
    assert sideways(page) == []
    axe_check(page)


def test_a_table_too_wide_for_a_phone_shows_a_shadow_where_columns_hide(
    page, live_server, log_in, operator_bkd, pegawai_a
):
    masuk(page, live_server, log_in, operator_bkd, PHONE)
    page.goto(f"{live_server.url}{reverse('pegawai:list')}")
    box = page.locator(".table-responsive").first
    assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the list fits: no cue needed"
    assert "radial-gradient" in box.evaluate("el => getComputedStyle(el).backgroundImage")


# Pages whose figures or tables this change touched, as BKD and as the employee.
HALAMAN = [
    ("bkd", "home", "-"),
    ("bkd", "mutasi:lowongan", "-"),
    ("bkd", "instansi:opd_list", "-"),
    ("bkd", "instansi:keseimbangan", "-"),
    ("bkd", "instansi:keseimbangan_opd", "opd"),
    ("bkd", "mutasi:laporan", "-"),
    ("bkd", "evaluasi:dasbor", "-"),
    ("bkd", "evaluasi:detail", "evaluasi"),
    ("asn", "mutasi:usulan_detail", "usulan-diajukan"),
]


@pytest.mark.parametrize("ukuran", [PHONE, DESKTOP], ids=["390", "1280"])
def test_the_pages_with_changed_figures_are_axe_clean(page, live_server, axe_check, ukuran):
    from tests.dunia import bangun_dunia

    dunia = bangun_dunia()
    page.set_viewport_size(ukuran)
    masuk_sebagai = None
    for peran, name, objek in HALAMAN:
        if peran != masuk_sebagai:
            page.context.clear_cookies()
            user = dunia.users[peran]
            user.set_password(PASSWORD)
            user.save()
            from tests.browser.conftest import submit_login

            submit_login(page, live_server, user.username, PASSWORD)
            masuk_sebagai = peran
        page.goto(f"{live_server.url}{reverse(name, kwargs=dunia.objek[objek])}")
        axe_check(page)
        # A wide list may scroll inside its box (with the shadow cue); the page itself not.
        lebar = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert lebar[0] <= lebar[1], f"{name}: the page is {lebar[0]} px wide in {lebar[1]}"
