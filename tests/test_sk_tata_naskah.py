"""The letter's layout (Tata Naskah Dinas), read back from the PDF page by page: the head of
region's letterhead, the annex heading with TENTANG, no diktum heading left at the foot of a
page without its text, "Halaman x dari y" on every page, and the extract (petikan)."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from mutasi.models import Petikan, StatusRender, SuratKeputusan
from mutasi.sk import pdf
from tests.factories import terbitkan_sk
from tests.test_sk import draft, make_approved

pytestmark = pytest.mark.django_db

# The first words of each diktum's text, as the template writes them.
AWAL_DIKTUM = {
    "KESATU": "Memindahkan Pegawai Negeri Sipil",
    "KEDUA": "Pegawai Negeri Sipil sebagaimana",
    "KETIGA": "Segala biaya yang timbul",
    "KEEMPAT": "Keputusan ini mulai berlaku",
}


def pages(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def published(operator_bkd, pejabat, django_capture_on_commit_callbacks):
    def _published(n=2, **fields):
        sk = draft(operator_bkd, make_approved(operator_bkd, n), **fields)
        with django_capture_on_commit_callbacks(execute=True):
            terbitkan_sk(sk.pk, pejabat)
        sk = SuratKeputusan.objects.get(pk=sk.pk)
        assert sk.render_status == StatusRender.SELESAI
        return sk

    return _published


def test_the_keputusan_carries_the_head_of_regions_letterhead(published):
    sk = published()
    first = pages(sk.berkas.read())[0]
    assert first.startswith("GUBERNUR ASEMROWO KEPUTUSAN GUBERNUR ASEMROWO NOMOR")
    assert "BADAN KEPEGAWAIAN DAERAH" not in first
    assert "Jalan Pahlawan" not in first  # a head of region's letterhead has no address


def test_the_emblem_is_printed_when_configured(published, settings, tmp_path):
    emblem = tmp_path / "garuda.png"
    Image.new("RGB", (120, 130), "gold").save(emblem)
    settings.SK_KOP_LAMBANG = str(emblem)
    sk = published(1)
    page = PdfReader(io.BytesIO(sk.berkas.read())).pages[0]
    sizes = {(image.image.width, image.image.height) for image in page.images}
    assert (120, 130) in sizes


def test_the_agency_letterhead_remains_for_delegated_letters(published, settings):
    settings.SK_KOP = "bkd"
    first = pages(published(1).berkas.read())[0]
    assert first.startswith("PEMERINTAH PROVINSI ASEMROWO BADAN KEPEGAWAIAN DAERAH")


def test_the_annex_heading_is_complete_and_every_page_is_numbered(published):
    sk = published(3)
    texts = pages(sk.berkas.read())
    annex = next(t for t in texts if t.startswith("LAMPIRAN") or " LAMPIRAN KEPUTUSAN" in t)
    assert (
        f"NOMOR : {sk.nomor} TANGGAL : {pdf.tanggal_indonesia(sk.tanggal_terbit)} "
        "TENTANG : PEMINDAHAN PEGAWAI NEGERI SIPIL" in annex
    )
    for i, text in enumerate(texts, start=1):
        assert f"Halaman {i} dari {len(texts)}" in text
        assert "ditandatangani secara elektronik" in text  # the TTE statement, every page


@pytest.mark.parametrize("extra", range(0, 14, 2))
def test_no_diktum_heading_is_left_without_its_text(operator_bkd, extra):
    """Longer and longer considerations move the diktums down across the page break; at
    each length every heading stands on the page where its text begins."""
    menimbang = "\n".join(
        [
            "bahwa dalam rangka pembinaan karier dan pemenuhan kebutuhan pegawai sesuai "
            "analisis jabatan dan analisis beban kerja perlu dilakukan pemindahan pegawai;"
        ]
        * (3 + extra)
    )
    sk = draft(operator_bkd, make_approved(operator_bkd, 1), menimbang=menimbang)
    texts = pages(pdf.render_pdf(sk))
    for heading, start in AWAL_DIKTUM.items():
        where = [i for i, t in enumerate(texts) if f"{heading} :" in t]
        assert len(where) == 1, heading
        assert start in texts[where[0]], f"{heading} stands apart from its text"


def test_each_employee_gets_an_extract_with_only_their_row(published):
    sk = published(2)
    rows = list(sk.baris.order_by("urutan"))
    extracts = {p.baris_id: p for p in Petikan.objects.filter(baris__sk=sk)}
    assert set(extracts) == {row.pk for row in rows}
    codes = {p.kode_verifikasi for p in extracts.values()} | {sk.kode_verifikasi}
    assert len(codes) == 3  # each its own code
    for row, other in ((rows[0], rows[1]), (rows[1], rows[0])):
        item = extracts[row.pk]
        text = " ".join(pages(item.berkas.read()))
        assert text.startswith("GUBERNUR ASEMROWO PETIKAN KEPUTUSAN GUBERNUR ASEMROWO")
        assert sk.nomor in text and item.kode_verifikasi in text
        assert sk.kode_verifikasi not in text
        assert row.nama in text and row.nip in text
        assert other.nip not in text
        assert f"diberikan kepada Saudara {row.nama}" in text
