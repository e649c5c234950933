"""What a new target post undoes on a proposal sent back for changes: the documents written
for the old target are read again by the verifier, waivers of the old target's rules lapse
(a waiver of the class rule for one post says nothing of another), and so do the review
panel's scores, given for the old target (the log keeps them)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log
from mutasi.models import StatusPengecualian
from mutasi.usulan import eligibility
from mutasi.usulan.choices import JenisDokumen, StatusDokumen

# The documents written for one target post (a returned proposal keeps its files).
DOKUMEN_TUJUAN = (
    JenisDokumen.SURAT_USULAN,
    JenisDokumen.USULAN_PPK_PENERIMA,
    JenisDokumen.ANJAB_ABK,
)


def ganti(usulan, user, formasi_baru) -> None:
    """Called by the edit before it sets ``formasi_baru``; nothing when the target stays."""
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
    scores = usulan.penilaian.order_by("pk")
    if scores.exists():
        count = scores.count()
        scores.delete()
        log(
            "mutasi.usulan.nilai_gugur",
            user,
            usulan,
            jumlah=count,
            catatan=_(
                "Formasi tujuan diubah; Tim Pertimbangan menilai lagi untuk tujuan yang baru."
            ),
        )
    lapsed = usulan.pengecualian.filter(
        syarat__in=eligibility.SYARAT_JABATAN_TUJUAN,
        status__in=(StatusPengecualian.DIMINTA, StatusPengecualian.DIBERIKAN),
    )
    for exception in lapsed.select_for_update().order_by("syarat"):
        exception.status = StatusPengecualian.DITOLAK
        exception.diputuskan_oleh, exception.diputuskan_pada = user, timezone.now()
        exception.catatan_keputusan = _(
            "Gugur: formasi tujuan diubah; pengecualian untuk tujuan yang baru diminta lagi."
        )
        if exception.diminta_oleh_id == user.pk:
            # Nobody decides their own request (a database rule): it is withdrawn instead.
            exception.delete()
        else:
            exception.save()
        log(
            "mutasi.usulan.pengecualian_diputuskan",
            user,
            usulan,
            syarat=exception.syarat,
            status=exception.status,
            catatan=exception.catatan_keputusan,
        )
