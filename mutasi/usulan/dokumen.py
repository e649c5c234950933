"""Checking uploaded documents by their content, not by their name or claimed type."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SIGNATURES = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
]


def jenis_isi(uploaded) -> tuple[str, str]:
    """(MIME type, extension) of a PDF/PNG/JPEG upload, or ValidationError."""
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if uploaded.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(n)s MB); maksimal %(m)s MB.")
            % {"n": round(uploaded.size / 1024 / 1024, 1), "m": settings.MAX_UPLOAD_MB}
        )
    if uploaded.size == 0:
        raise ValidationError(_("Berkas kosong."))
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for signature, mime, ext in SIGNATURES:
        if head.startswith(signature):
            return mime, ext
    raise ValidationError(
        _(
            "Isi berkas bukan PDF, PNG atau JPEG (apa pun nama atau ekstensinya). "
            "Unggah PDF atau gambar."
        )
    )
