"""A letter from publication to a citizen checking it, in a real browser.

The official publishes a draft letter and downloads its PDF; a citizen, not logged in, finds
the decision on the transparency page (masked NIP only), opens the verification page by the
letter's number, and checks the downloaded PDF against the published fingerprint. Also the
accessibility (axe) and the phone layout of the public pages.
"""

import re

import pytest
from playwright.sync_api import expect

from mutasi.models import SuratKeputusan, Usulan
from mutasi.sk import services
from pegawai.nip import mask_nip
from tests.browser.conftest import sideways
from tests.conftest import PASSWORD
from tests.factories import UnitKerjaFactory, terbitkan_sk
from tests.test_sk import draft, make_approved

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def draf(transactional_db, operator_bkd, pejabat):
    pejabat.set_password(PASSWORD)
    pejabat.save()
    letter = draft(operator_bkd, make_approved(operator_bkd, 3))
    services.ajukan(letter.pk, operator_bkd)
    return letter


def test_publish_then_a_citizen_finds_and_verifies_the_letter(
    page, browser, live_server, log_in, axe_check, draf, tmp_path
):
    log_in(page, live_server, "pejabat", PASSWORD)
    page.goto(f"{live_server.url}{draf.get_absolute_url()}")
    page.locator("summary", has_text="Terbitkan SK").click()
    expect(page.get_by_text("SK akan mendapat nomor 800.1.3/1/")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Ya, terbitkan sebagai nomor")).click()
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

    public.get_by_role("navigation", name="Navigasi publik").get_by_role(
        "link", name="Verifikasi SK"
    ).click()
    # Typed as a citizen would: lower case, a leading zero in the sequence number.
    typed = letter.nomor.lower().replace(f"/{letter.urut}/", f"/0{letter.urut}/")
    public.get_by_label("Nomor SK, kode verifikasi, atau tautan kode QR").fill(typed)
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
        assert sideways(public) == [], url
    citizen.close()


def test_an_unknown_number_says_what_was_looked_for(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/verifikasi/")
    page.get_by_label("Nomor SK, kode verifikasi, atau tautan kode QR").fill(
        "800.1.3/0999/bkd/1999"
    )
    page.get_by_role("button", name="Periksa").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("SK nomor 800.1.3/999/BKD/1999 tidak ditemukan")
    expect(alert).to_contain_text("Cara memeriksa lebih lanjut")
    expect(alert).not_to_contain_text("bukan SK")


# --- Phone first ----------------------------------------------------------------------------

LONG_OPD = "Dinas Pemberdayaan Masyarakat dan Desa, Kependudukan dan Pencatatan Sipil"
LONG_UNIT = "Unit Pelaksana Teknis Daerah Pengelolaan Kawasan Konservasi Perairan Wilayah Utara"
DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture
def letters(transactional_db, operator_bkd, pejabat, monkeypatch):
    """Two letters moving twelve people with long names and posts to twelve agencies (more
    than a chart shows), the first revoked by a correction."""
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk, baris=None: b"%PDF-1.7 uji")
    usulan = []
    for i in range(12):
        # Some agencies have no abbreviation: the chart then shows the long name.
        singkatan = "" if i % 3 == 0 else f"DPMD{i}"
        asal = UnitKerjaFactory(
            nama=LONG_UNIT, perangkat_daerah__nama=f"{LONG_OPD} {i}", perangkat_daerah__singkatan=""
        )
        tujuan = UnitKerjaFactory(
            nama=f"{LONG_UNIT} Baru",
            perangkat_daerah__nama=f"{LONG_OPD} Tujuan {i}",
            perangkat_daerah__singkatan=singkatan,
        )
        u = make_approved(operator_bkd, 1, unit_asal=asal, unit_tujuan=tujuan)[0]
        u.pegawai.gelar_depan = "Dr. Ir. Hj."
        u.pegawai.nama = f"Raden Ajeng Kusumawardhani Puspitasari Wulandari {i}"
        u.pegawai.gelar_belakang = "S.Kom., M.T.I., M.Si."
        u.pegawai.save()
        Usulan.objects.filter(pk=u.pk).update(
            alasan_publik="Mengisi kekurangan tenaga penyuluh kependudukan di wilayah kepulauan "
            "sesuai hasil analisis beban kerja tahun berjalan."
        )
        usulan.append(u)
    first = draft(operator_bkd, usulan[:6])
    terbitkan_sk(first.pk, pejabat)
    second = draft(operator_bkd, usulan[6:])
    terbitkan_sk(second.pk, pejabat)
    correction = services.buat_pembetulan(first.pk, operator_bkd)
    services.ubah_draf(correction.pk, operator_bkd, alasan_pembetulan="Pertimbangan keliru.")
    terbitkan_sk(correction.pk, pejabat)
    return [SuratKeputusan.objects.get(pk=pk) for pk in (first.pk, second.pk, correction.pk)]


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="id-ID",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        reduced_motion="reduce",
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


# Per chart: its labels, the labels its category axis shows, labels drawn past the canvas'
# left edge (cut) or taller than their row (overlap), and its width against its box.
CHARTS = """
() => [...document.querySelectorAll("canvas[data-chart]")].map((canvas) => {
  const chart = canvas.chart;
  const horizontal = chart.options.indexAxis === "y";
  const scale = horizontal ? chart.scales.y : chart.scales.x;
  const slot = scale.height / Math.max(chart.data.labels.length, 1);
  let cut = 0;
  let overlap = 0;
  for (const item of scale.getLabelItems()) {
    const lines = Array.isArray(item.label) ? item.label : [item.label];
    chart.ctx.font = item.font.string;
    const width = Math.max(...lines.map((line) => chart.ctx.measureText(line).width));
    const [x] = item.options.translation;
    const align = item.options.textAlign;
    const left = align === "right" ? x - width : align === "center" ? x - width / 2 : x;
    if (horizontal && left < -0.5) cut += 1;
    if (horizontal && lines.length * item.font.lineHeight > slot + 0.5) overlap += 1;
  }
  return {
    id: canvas.dataset.chart,
    labels: chart.data.labels.length,
    shown: scale.ticks.length,
    cut,
    overlap,
    width: Math.round(canvas.getBoundingClientRect().width),
    box: Math.round(canvas.parentElement.getBoundingClientRect().width),
  };
})
"""


def charts(page):
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas[data-chart]')].every((c) => c.chart)"
    )
    return page.evaluate(CHARTS)


def test_the_public_pages_fit_a_phone(phone, live_server, letters, axe_check, screenshot):
    first, second, correction = letters
    pages = {
        "transparansi": "/transparansi/",
        "transparansi-dicabut": f"/transparansi/?q={first.nomor}",
        "transparansi-kosong": "/transparansi/?q=tidak-ada&dari=2026-06-01&sampai=2026-01-01",
        "verifikasi": f"/verifikasi/{second.kode_verifikasi}/",
        "verifikasi-dicabut": f"/verifikasi/{first.kode_verifikasi}/",
        "verifikasi-tidak-ditemukan": "/verifikasi/?nomor=800.1.3/0999/bkd/2026",
        "verifikasi-tidak-terbaca": "/verifikasi/?nomor=surat+mutasi+pak+budi",
        "bagaimana": "/bagaimana-keputusan-dibuat/",
    }
    for label, url in pages.items():
        phone.goto(f"{live_server.url}{url}")
        if label == "transparansi":
            drawn = charts(phone)
            assert len(drawn) == 4
            for chart in drawn:
                assert chart["width"] <= chart["box"] <= PHONE["width"], chart
                assert chart["cut"] == 0 and chart["overlap"] == 0, chart
                if chart["id"] != "grafik-bulan":
                    assert chart["shown"] == chart["labels"], chart
            opd = next(c for c in drawn if c["id"] == "grafik-opd")
            assert opd["labels"] == 10  # 9 agencies and "Lainnya (3 perangkat daerah)"
        assert sideways(phone) == [], label
        screenshot(phone, label)
        axe_check(phone)

    # Decisions are cards on a phone, not a table to swipe through.
    phone.goto(f"{live_server.url}/transparansi/")
    expect(phone.get_by_role("table").first).to_be_hidden()
    cards = phone.locator(".list-kartu > li")
    expect(cards).to_have_count(18)
    expect(cards.first.get_by_text("Jenis", exact=True)).to_be_visible()
    expect(
        phone.get_by_text("18 keputusan sesuai saringan: 12 berlaku, 6 sudah dicabut.")
    ).to_be_visible()
    phone.goto(f"{live_server.url}/transparansi/?q={first.nomor}")
    expect(phone.get_by_text("semuanya sudah dicabut")).to_be_visible()
    expect(phone.locator("main")).not_to_contain_text("0 keputusan berlaku")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_skip_link_is_seen_when_focused(browser, live_server, transactional_db, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.goto(f"{live_server.url}/transparansi/")
    page.keyboard.press("Tab")
    link = page.get_by_role("link", name="Lompat ke isi")
    expect(link).to_be_focused()
    box = link.bounding_box()
    assert box["width"] > 40 and box["height"] > 20
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)?.closest('a')?.textContent.trim()",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top == "Lompat ke isi"  # not hidden under the navbar
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "konten"
    context.close()


# Whether each filter shows its whole value: the text of the selected option against the room
# inside the select (Bootstrap leaves room for the arrow in the right padding).
FITS = """
(select) => {
  const style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const text = select.options[select.selectedIndex].text;
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {text, width: Math.ceil(context.measureText(text).width), room: Math.floor(room)};
}
"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "phone"])
def test_the_filters_keep_their_labels(page, live_server, letters, viewport, screenshot):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/transparansi/")
    form = page.get_by_role("search")
    for name in ("opd", "jenis", "alasan"):
        select = form.locator(f"select[name={name}]")
        choices = ["Semua"]
        # Fixed lists: at 1366 px the longest must fit too (a phone's picker shows it whole).
        if name != "opd" and viewport == DESKTOP:
            options = select.locator("option").all_text_contents()
            choices.append(max(options, key=len))
        for choice in choices:
            select.select_option(label=choice)
            fit = select.evaluate(FITS)
            assert fit["width"] <= fit["room"], (name, fit)
    for name in ("dari", "sampai"):
        assert form.locator(f"input[name={name}]").bounding_box()["width"] >= 140
    for label in form.locator("label").all():
        assert label.evaluate("(el) => el.scrollWidth <= el.clientWidth"), label.text_content()
    screenshot(page, "saringan")


def test_a_pasted_link_or_a_code_with_slips_finds_the_letter(page, live_server, letters):
    _first, second, _correction = letters
    field = "Nomor SK, kode verifikasi, atau tautan kode QR"
    link = f"{live_server.url}/verifikasi/{second.kode_verifikasi}/"
    for typed in (link, second.kode_verifikasi.lower().replace("-", "")):
        page.goto(f"{live_server.url}/verifikasi/")
        page.get_by_label(field).fill(typed)
        with page.expect_navigation():
            page.get_by_role("button", name="Periksa", exact=True).click()
        expect(page.get_by_text("Asli dan berlaku")).to_be_visible()
        expect(page.get_by_text(second.kode_verifikasi).first).to_be_visible()
