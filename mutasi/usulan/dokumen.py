"""Checking uploaded documents by their content, not by their name or claimed type; and
sending back to the verifier those written for a target post that has changed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mutasi.audit import log
from mutasi.usulan.choices import JenisDokumen, StatusDokumen

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


# The documents written for one target post: accepted for the old target, they say nothing
# of a new one, so the verifier reads them again (a returned proposal keeps its files).
DOKUMEN_TUJUAN = (
    JenisDokumen.SURAT_USULAN,
    JenisDokumen.USULAN_PPK_PENERIMA,
    JenisDokumen.ANJAB_ABK,
)


def periksa_ulang_dokumen_tujuan(usulan, user, formasi_baru):
    """Called by the edit before it sets ``formasi_baru``: a new target reopens the check."""
    if getattr(formasi_baru, "pk", None) == usulan.formasi_tujuan_id:
        return
    reopened = usulan.dokumen.filter(
        jenis__in=DOKUMEN_TUJUAN, status__in=(StatusDokumen.DITERIMA, StatusDokumen.PERBAIKI)
    )
    for dokumen in reopened.select_for_update().order_by("jenis"):
        dokumen.status = StatusDokumen.MENUNGGU
        dokumen.catatan = _("Formasi tujuan diubah; periksa kembali untuk tujuan yang baru.")
        dokumen.save(update_fields=["status", "catatan", "updated"])
        log("mutasi.dokumen.diperiksa", user, usulan, dokumen=dokumen.jenis, status=dokumen.status)
