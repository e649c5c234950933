"""The decision letter's PDF: its text, hash, QR code, repeated header, failure and retry."""

import datetime
import hashlib
import io

import pytest
import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from mutasi.lib.tanggal import BULAN
from mutasi.models import StatusRender, SuratKeputusan
from mutasi.sk import pdf
from tests.factories import UnitKerjaFactory, terbitkan_sk
from tests.test_sk import draft, make_approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(pejabat, django_capture_on_commit_callbacks):
    def _publish(sk):
        with django_capture_on_commit_callbacks(execute=True):
            terbitkan_sk(sk.pk, pejabat)
        return SuratKeputusan.objects.get(pk=sk.pk)

    return _publish


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_says_what_the_letter_decides(operator_bkd, publish):
    usulan = make_approved(operator_bkd, 2)
    sk = publish(draft(operator_bkd, usulan))
    assert sk.render_status == StatusRender.SELESAI
    data = sk.berkas.read()
    assert data.startswith(b"%PDF")
    text = flat(" ".join(pages_text(data)))
    today = timezone.localdate()
    assert sk.nomor in text
    assert f"{today.day} {BULAN[today.month - 1]} {today.year}" in text
    for word in ("MEMUTUSKAN", "KESATU", "KEEMPAT", "Menimbang", "Mengingat", "Tembusan"):
        assert word in text
    assert "KEPUTUSAN GUBERNUR ASEMROWO" in text
    assert "TENTANG PEMINDAHAN PEGAWAI NEGERI SIPIL" in text
    assert "Dr. H. Ahmad Fauzi, M.Si." in text
    for u in usulan:
        assert u.pegawai.nama in text
        assert u.pegawai.nip in text
        assert u.jabatan_asal.nama in text
        assert u.formasi_tujuan.jabatan.nama in text
    assert "Halaman 1 dari" in text


def test_the_stored_hash_is_the_files_hash(operator_bkd, publish):
    sk = publish(draft(operator_bkd, make_approved(operator_bkd, 1)))
    assert sk.sha256 == hashlib.sha256(sk.berkas.read()).hexdigest()


def test_the_qr_code_encodes_the_verification_url(operator_bkd, publish, settings):
    settings.SITE_URL = "https://mutasi.asemrowo.go.id"
    sk = publish(draft(operator_bkd, make_approved(operator_bkd, 1)))
    url = f"https://mutasi.asemrowo.go.id/verifikasi/{sk.kode_verifikasi}/"
    expected = segno.make(url, error="m")
    images = [img for page in PdfReader(io.BytesIO(sk.berkas.read())).pages for img in page.images]
    assert images, "the PDF has no image"
    image = Image.open(io.BytesIO(images[0].data)).convert("L")
    size = len(expected.matrix)
    assert image.size == (size * pdf.QR_SKALA, size * pdf.QR_SKALA)
    # Sample the centre of every module and compare with the matrix segno makes for the URL.
    half = pdf.QR_SKALA // 2
    decoded = [
        [
            image.getpixel((x * pdf.QR_SKALA + half, y * pdf.QR_SKALA + half)) < 128
            for x in range(size)
        ]
        for y in range(size)
    ]
    assert decoded == [[bool(m) for m in row] for row in expected.matrix]


def test_a_long_letter_repeats_the_table_header_on_every_page(operator_bkd, publish):
    usulan = make_approved(operator_bkd, 50, UnitKerjaFactory(), UnitKerjaFactory())
    sk = publish(draft(operator_bkd, usulan))
    pages = pages_text(sk.berkas.read())
    assert len(pages) >= 3
    nips = {u.pegawai.nip for u in usulan}
    table_pages = [p for p in pages if any(nip in p for nip in nips)]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert "Nama/NIP" in page and "Pangkat/Gol." in page and "Jabatan Baru" in page
    assert all(any(nip in p for p in table_pages) for nip in nips)


def test_a_failing_render_keeps_the_letter_published_and_retry_works(
    operator_bkd, publish, login, monkeypatch, django_capture_on_commit_callbacks
):
    real = pdf.render_pdf

    def broken(sk):
        raise RuntimeError("font tidak ditemukan")

    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", broken)
    sk = publish(draft(operator_bkd, make_approved(operator_bkd, 1)))
    assert sk.terbit and sk.nomor
    assert sk.render_status == StatusRender.GAGAL
    assert "font tidak ditemukan" in sk.render_error
    # Retried by itself up to the limit, then left for BKD.
    assert sk.render_percobaan == settings.SK_RENDER_PERCOBAAN == 3
    client = login(operator_bkd)
    page = client.get(sk.get_absolute_url()).content.decode()
    assert "PDF gagal dibuat" in page and "font tidak ditemukan" in page

    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", real)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mutasi:sk_render_ulang", args=[sk.pk]))
    sk.refresh_from_db()
    assert sk.render_status == StatusRender.SELESAI and sk.render_error == ""
    assert sk.render_percobaan == 4
    assert sk.sha256 == hashlib.sha256(sk.berkas.read()).hexdigest()
    response = client.get(reverse("mutasi:sk_unduh", args=[sk.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_passing_failure_is_retried_by_itself(operator_bkd, publish, monkeypatch):
    outcomes = iter([RuntimeError("basis data sibuk"), b"%PDF-1.7 uji"])

    def flaky(sk):
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", flaky)
    sk = publish(draft(operator_bkd, make_approved(operator_bkd, 1)))
    assert sk.render_status == StatusRender.SELESAI
    assert sk.render_percobaan == 2
    assert sk.sha256 == hashlib.sha256(b"%PDF-1.7 uji").hexdigest()


def test_with_a_worker_the_retry_waits(operator_bkd, publish, monkeypatch, settings):
    from django_tasks import default_task_backend

    from mutasi.sk.tasks import render_sk

    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    sk = publish(draft(operator_bkd, make_approved(operator_bkd, 1)))
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        render_sk.call(sk.pk)
    (queued,) = default_task_backend.results
    assert queued.args == [sk.pk]
    wait = queued.task.run_after - timezone.now()
    assert datetime.timedelta(minutes=1.9) < wait <= datetime.timedelta(minutes=2)


def test_the_task_backend_records_the_failure(operator_bkd, publish, monkeypatch):
    from django_tasks.base import TaskResultStatus

    from mutasi.sk.tasks import render_sk

    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: b"%PDF-1.7 uji")
    sk = publish(draft(operator_bkd, make_approved(operator_bkd, 1)))
    monkeypatch.setattr("mutasi.sk.pdf.render_pdf", lambda sk: 1 / 0)
    result = render_sk.enqueue(sk.pk)
    assert result.status == TaskResultStatus.FAILED
    sk.refresh_from_db()
    assert sk.render_status == StatusRender.GAGAL and "ZeroDivisionError" in sk.render_error


def test_the_pdf_uses_the_shipped_font(operator_bkd, publish):
    sk = publish(draft(operator_bkd, make_approved(operator_bkd, 1)))
    fonts = set()
    for page in PdfReader(io.BytesIO(sk.berkas.read())).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Liberation-Serif" in f for f in fonts), fonts
