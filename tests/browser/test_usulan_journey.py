"""The proposal (usulan mutasi) journey in a real browser, through every hand it passes.

The OPD head of agency A files an inter-agency move of an eligible employee into a vacancy
of agency B and uploads every required document; the employee, told by a notice, objects
with a reason; BKD's verifier accepts each document and verifies; the review panel answers
the objection, scores and recommends approval; the official approves with a note; the
employee sees the decision and the whole timeline.

Also what only a browser shows: the htmx formasi list following the chosen agency,
accessibility (axe) of the pages each person works on, and the phone layout.
"""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from mutasi.models import Usulan
from mutasi.usulan import eligibility, services
from mutasi.usulan.choices import DOKUMEN_WAJIB, JenisMutasi, KategoriAlasan
from pegawai.choices import PredikatSkp
from tests.conftest import PASSWORD
from tests.factories import FormasiFactory, JabatanFactory, SkpFactory

PHONE = {"width": 390, "height": 844}
JABATAN = "Analis Kepegawaian Ahli Pertama"
DOCUMENTS = [str(jenis.label) for jenis in DOKUMEN_WAJIB[JenisMutasi.ANTAR_OPD]]
ALASAN_PUBLIK = "Mengisi kekurangan analis kepegawaian di Dinas Pendidikan."
KEBERATAN = "Orang tua saya sakit dan tinggal dekat kantor sekarang."
JAWABAN = "Kantor tujuan berjarak 3 km dari kantor sekarang; jam kerja tidak berubah."
KOMENTAR = "Kompetensi sesuai dan kinerja dua tahun terakhir baik."
DASAR = "Mengisi lowongan yang mendesak; keberatan telah dijawab."
CATATAN_PUTUSAN = "Disetujui sesuai rekomendasi Tim Pertimbangan."


def minimal_pdf() -> bytes:
    """A one-page PDF with a correct cross-reference table, small enough to read."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# --- People and data ------------------------------------------------------------------------


@pytest.fixture
def eligible_a(pegawai_a):
    """Siti, agency A: 4 years in post, SKP Baik in each of the last two years, golongan
    III/b (the jabatan asks III/a at least)."""
    today = timezone.localdate()
    pegawai_a.jabatan = JabatanFactory(nama=JABATAN)
    pegawai_a.tmt_jabatan = datetime.date(today.year - 4, 1, 1)
    pegawai_a.save()
    for tahun in eligibility.tahun_skp(today):
        SkpFactory(pegawai=pegawai_a, tahun=tahun, predikat=PredikatSkp.BAIK)
    return pegawai_a


@pytest.fixture
def vacancy_b(unit_b, eligible_a):
    """The same jabatan in agency B: 2 needed, nobody holds it."""
    return FormasiFactory(unit=unit_b, jabatan=eligible_a.jabatan, kebutuhan=2)


@pytest.fixture(autouse=True)
def _no_smooth_scrolling(page):
    """Each action returns to its section (#dokumen, #panel) and Bootstrap scrolls there
    smoothly; a user who asks for reduced motion, as here, gets the jump without the wait."""
    page.emulate_media(reduced_motion="reduce")


@pytest.fixture
def pdf(tmp_path):
    path = tmp_path / "dokumen.pdf"
    path.write_bytes(minimal_pdf())
    return path


@pytest.fixture
def submitted(kepala_opd_a, asn_a, eligible_a, vacancy_b):
    """A proposal already filed and submitted to BKD through the services."""
    usulan = services.buat_usulan(
        kepala_opd_a,
        eligible_a,
        jenis=JenisMutasi.ANTAR_OPD,
        alasan=KategoriAlasan.KEBUTUHAN_ORGANISASI,
        alasan_publik=ALASAN_PUBLIK,
        formasi_tujuan=vacancy_b,
        tanggal_rencana=timezone.localdate() + datetime.timedelta(days=60),
    )
    for jenis in usulan.dokumen_wajib:
        upload = SimpleUploadedFile("dokumen.pdf", minimal_pdf(), "application/pdf")
        services.unggah_dokumen(usulan.pk, kepala_opd_a, jenis, upload)
    services.ajukan(usulan.pk, kepala_opd_a)
    return usulan


# --- Helpers: what a person does ----------------------------------------------------------


def navbar(page):
    return page.get_by_role("navigation", name="Navigasi utama")


def log_out(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Keluar").click()


def proposal_heading(page):
    """The page heading: the proposal's code and its state as a badge."""
    return page.get_by_role("heading", level=1)


def expect_message(page, text):
    expect(page.get_by_role("alert").filter(has_text=text)).to_be_visible()


def open_from_inbox(page, group, kode):
    """'Tugas saya' → the group of what waits for this person → the proposal."""
    navbar(page).get_by_role("link", name=re.compile("^Tugas saya")).click()
    page.get_by_role("region", name=re.compile(f"^{group}")).get_by_role("link", name=kode).click()
    expect(proposal_heading(page)).to_contain_text(kode)


def open_notices(page):
    """The bell in the navbar: the list of notices, newest first."""
    navbar(page).get_by_role("link", name=re.compile("^Notifikasi")).click()
    expect(page.get_by_role("heading", level=1, name="Notifikasi")).to_be_visible()
    return page.get_by_role("main").get_by_role("listitem")


def open_from_notice(page, title):
    """The bell → the notice → the proposal it is about."""
    open_notices(page).get_by_role("link", name=title).click()


def file_proposal(page, pegawai, formasi, axe_check):
    navbar(page).get_by_role("link", name="Usulan mutasi", exact=True).click()
    page.get_by_role("link", name="Tambah").click()
    expect(page.get_by_role("heading", level=1, name="Usulan mutasi baru")).to_be_visible()
    # htmx must have read the page before the choice, or the change that loads the origin is
    # missed (under the whole suite the heading can show before the deferred script ran).
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined")

    page.get_by_label("Pegawai perangkat daerah Anda").select_option(
        label=f"{pegawai.nama_lengkap} — {pegawai.nip}"
    )
    employee = page.get_by_role("group", name="Pegawai", exact=True)
    expect(employee).to_contain_text(  # the origin, read from the record (htmx)
        pegawai.unit.perangkat_daerah.nama
    )
    page.get_by_label("Jenis mutasi").select_option(label="Antar perangkat daerah")
    page.get_by_label("Kategori alasan").select_option(
        label="Kebutuhan organisasi / kekurangan pegawai"
    )
    page.get_by_label("Alasan untuk publik").fill(ALASAN_PUBLIK)

    target_opd = formasi.unit.perangkat_daerah
    page.get_by_label("Perangkat daerah tujuan").select_option(label=target_opd.nama)
    target = page.get_by_label("Formasi tujuan")
    option = (
        f"{formasi.jabatan.nama} — {formasi.unit.nama} ({target_opd.singkatan}) · 2 kursi kosong"
    )
    expect(target.get_by_role("option", name=option)).to_be_attached()  # the list followed
    target.select_option(label=option)
    page.get_by_label("Rencana TMT").fill(
        (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    )
    axe_check(page)

    page.get_by_role("button", name="Simpan sebagai konsep").click()
    expect_message(page, "dibuat sebagai konsep")
    expect(proposal_heading(page)).to_contain_text("Konsep")


def upload_documents(page, pdf):
    """Every required document chosen at once and sent with one button."""
    documents = page.get_by_role("region", name="Dokumen")
    for label in DOCUMENTS:
        documents.get_by_label(f"Pilih berkas: {label}", exact=True).set_input_files(pdf)
    documents.get_by_role("button", name="Unggah berkas yang dipilih").click()
    expect_message(page, "Diunggah:")
    expect(documents.get_by_text("Menunggu diperiksa")).to_have_count(len(DOCUMENTS))
    expect(documents.get_by_text("Belum diunggah")).to_have_count(0)


def object_to_the_move(page):
    mine = page.get_by_role("region", name="Arti usulan ini bagi Anda")
    expect(mine).to_contain_text("Dinas Kesehatan")
    expect(mine).to_contain_text("Dinas Pendidikan")
    mine.get_by_role("radio", name="Keberatan").check()
    mine.get_by_label("Alasan", exact=True).fill(KEBERATAN)
    mine.get_by_role("button", name="Kirim sikap").click()
    expect_message(page, "Sikap Anda dicatat")
    expect(mine).to_contain_text(KEBERATAN)
    expect(mine).to_contain_text("Belum dijawab")


def accept_documents_and_verify(page, axe_check):
    documents = page.get_by_role("region", name="Dokumen")
    expect(documents.get_by_text("Menunggu diperiksa")).to_have_count(len(DOCUMENTS))
    axe_check(page)
    for label in DOCUMENTS:
        documents.get_by_role("button", name=f"Terima {label}", exact=True).click()
        expect_message(page, f"{label} diterima")
    expect(documents.get_by_text("Diterima", exact=True)).to_have_count(len(DOCUMENTS))

    actions = page.get_by_role("region", name="Tindakan Anda")
    actions.get_by_role("button", name="Verifikasi dan teruskan ke Tim Pertimbangan").click()
    expect_message(page, "terverifikasi")
    expect(proposal_heading(page)).to_contain_text("Terverifikasi")


def answer_score_and_recommend(page):
    panel = page.get_by_role("region", name="Tim Pertimbangan")
    expect(panel).to_contain_text(KEBERATAN)
    panel.get_by_label("Jawaban atas keberatan pegawai").fill(JAWABAN)
    panel.get_by_role("button", name="Simpan jawaban").click()
    expect_message(page, "Jawaban atas keberatan")

    panel.get_by_role("radio", name="4 · layak", exact=True).check()
    panel.get_by_label("Komentar").fill(KOMENTAR)
    panel.get_by_role("button", name="Simpan nilai").click()
    expect_message(page, "Penilaian Anda disimpan")
    expect(panel).to_contain_text("skor 4 dari 5")

    panel.get_by_role("radio", name="Direkomendasikan untuk disetujui").check()
    panel.get_by_label("Dasar rekomendasi").fill(DASAR)
    panel.get_by_role("button", name="Simpan rekomendasi").click()
    expect_message(page, "Rekomendasi tim dicatat")
    expect(proposal_heading(page)).to_contain_text("Dipertimbangkan")


def approve(page):
    actions = page.get_by_role("region", name="Tindakan Anda")
    # The panel's recommendation sits beside the decision; approving asks to confirm.
    expect(actions.get_by_text("Rekomendasi Tim Pertimbangan:")).to_be_visible()
    actions.locator("summary", has_text="Setujui usulan").click()
    actions.get_by_label("Catatan (boleh kosong)").first.fill(CATATAN_PUTUSAN)
    actions.get_by_role("button", name="Ya, setujui").click()
    expect_message(page, "Usulan disetujui")
    expect(proposal_heading(page)).to_contain_text("Disetujui")


def timeline_steps(page):
    """The first line of each timeline entry, newest first."""
    items = page.get_by_role("region", name="Riwayat").get_by_role("listitem")
    return [text.splitlines()[0].strip() for text in items.all_inner_texts()]


def is_in_order(expected, steps):
    """Whether ``expected`` appears in ``steps`` in this order (other steps between allowed)."""
    remaining = iter(steps)
    return all(step in remaining for step in expected)


# --- The journeys ---------------------------------------------------------------------------


def test_proposal_goes_from_opd_head_through_bkd_panel_and_official_to_the_employee(
    page,
    live_server,
    kepala_opd_a,
    asn_a,
    verifikator,
    tim_pertimbangan,
    pejabat,
    eligible_a,
    vacancy_b,
    pdf,
    log_in,
    axe_check,
):
    # The OPD head of A files the move, uploads the documents and submits to BKD.
    log_in(page, live_server, kepala_opd_a.username, PASSWORD)
    file_proposal(page, eligible_a, vacancy_b, axe_check)
    kode = Usulan.objects.get(pegawai=eligible_a).kode
    upload_documents(page, pdf)
    page.get_by_role("region", name="Tindakan Anda").get_by_role(
        "button", name="Ajukan ke BKD"
    ).click()
    expect_message(page, "Usulan diajukan")
    expect(proposal_heading(page)).to_contain_text("Diajukan")
    log_out(page)

    # The employee is told, reads what the move means for them, and objects.
    log_in(page, live_server, asn_a.username, PASSWORD)
    open_from_notice(page, "Ada usulan mutasi tentang Anda")
    expect(proposal_heading(page)).to_contain_text(kode)
    expect(proposal_heading(page)).to_contain_text("Diajukan")
    axe_check(page)
    object_to_the_move(page)
    log_out(page)

    # BKD's verifier accepts every document and verifies.
    log_in(page, live_server, verifikator.username, PASSWORD)
    open_from_inbox(page, "Menunggu verifikasi", kode)
    accept_documents_and_verify(page, axe_check)
    log_out(page)

    # The panel answers the objection, scores and recommends approval.
    log_in(page, live_server, tim_pertimbangan.username, PASSWORD)
    open_from_inbox(page, "Keberatan pegawai yang belum dijawab", kode)
    answer_score_and_recommend(page)
    log_out(page)

    # The official approves with a note.
    log_in(page, live_server, pejabat.username, PASSWORD)
    open_from_inbox(page, "Menunggu keputusan", kode)
    approve(page)
    log_out(page)

    # The employee sees the decision, the answer to their objection and every step.
    log_in(page, live_server, asn_a.username, PASSWORD)
    notices = open_notices(page)
    expect(notices.filter(has_text="Keberatan Anda telah dijawab")).to_contain_text(JAWABAN)
    expect(notices.filter(has_text="Usulan disetujui")).to_contain_text(CATATAN_PUTUSAN)
    notices.get_by_role("link", name="Usulan disetujui").click()
    expect(proposal_heading(page)).to_contain_text("Disetujui")
    mine = page.get_by_role("region", name="Arti usulan ini bagi Anda")
    expect(mine).to_contain_text(JAWABAN)
    timeline = page.get_by_role("region", name="Riwayat")
    expect(timeline).to_contain_text(CATATAN_PUTUSAN)
    expect(timeline).not_to_contain_text(KOMENTAR)  # the panel's scores stay internal
    steps = timeline_steps(page)
    expected = [
        "Disetujui Pejabat Penetap",
        "Direkomendasikan Tim Pertimbangan",
        "Keberatan pegawai dijawab",
        "Diverifikasi BKD",
        "Dokumen diperiksa verifikator",
        "Pegawai menyatakan sikap",
        "Diajukan ke BKD",
        "Dokumen diunggah",
        "Usulan dibuat",
    ]
    assert is_in_order(expected, steps), steps


def test_proposal_page_fits_a_phone_for_the_employee(page, live_server, asn_a, submitted, log_in):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, asn_a.username, PASSWORD)

    page.goto(f"{live_server.url}{submitted.get_absolute_url()}")

    expect(proposal_heading(page)).to_contain_text("Diajukan")
    expect(page.get_by_role("button", name="Buka menu")).to_be_visible()
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, "the proposal page scrolls sideways on a phone"
