"""Waivers (docs/keputusan.md): one person asks, with a reason, that a blocking rule be
waived on one proposal; another decides. Some rules nobody may waive
(``eligibility.TIDAK_DAPAT_DIKECUALIKAN``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log, refuse
from mutasi.models import PengecualianSyarat, StatusPengecualian
from mutasi.notifikasi import notify, users_with_role
from mutasi.usulan import aturan, eligibility
from mutasi.usulan.services import _lock
from pegawai.access import roles_setting


def _syarat_dikecualikan(usulan, syarat: str):
    if syarat not in eligibility.NAMA_SYARAT:
        raise ValidationError(_("Syarat tidak dikenal."))
    if syarat in eligibility.TIDAK_DAPAT_DIKECUALIKAN:
        raise ValidationError(
            _("Syarat %(s)s tidak dapat dikecualikan oleh siapa pun.")
            % {"s": eligibility.NAMA_SYARAT[syarat]}
        )


@transaction.atomic
def minta_pengecualian(pk, user, syarat: str, alasan: str) -> PengecualianSyarat:
    """Ask, with a reason, that a blocking rule be waived; another person decides."""
    usulan = _lock(pk)
    aturan.pastikan("minta_pengecualian", user, usulan, _("meminta pengecualian syarat"))
    _syarat_dikecualikan(usulan, syarat)
    if not alasan.strip():
        raise ValidationError(_("Tuliskan alasan pengecualian."))
    waiting = PengecualianSyarat.objects.select_for_update().filter(
        usulan=usulan, syarat=syarat, status=StatusPengecualian.DIMINTA
    )
    if waiting.exists():
        # The official decides on the reason they read: it does not change under them.
        raise ValidationError(
            _(
                "Permintaan pengecualian untuk syarat ini masih menunggu keputusan; alasannya "
                "tidak dapat diubah sampai diputuskan."
            )
        )
    exception, _created = PengecualianSyarat.objects.update_or_create(
        usulan=usulan,
        syarat=syarat,
        defaults={
            "alasan": alasan.strip(),
            "diminta_oleh": user,
            "diminta_pada": timezone.now(),
            "status": StatusPengecualian.DIMINTA,
            "diputuskan_oleh": None,
            "diputuskan_pada": None,
            "catatan_keputusan": "",
        },
    )
    log("mutasi.usulan.pengecualian", user, usulan, syarat=syarat, alasan=alasan.strip())
    notify(
        users_with_role(*roles_setting("MUTASI_PENGECUALIAN_PEMBERI")).exclude(pk=user.pk),
        _("Permintaan pengecualian syarat menunggu keputusan Anda"),
        f"{usulan}: {eligibility.NAMA_SYARAT[syarat]}",
        usulan,
    )
    return exception


@transaction.atomic
def putuskan_pengecualian(pk, user, syarat: str, diberikan: bool, catatan="") -> PengecualianSyarat:
    """Grant or refuse an exception asked for by someone else."""
    usulan = _lock(pk)
    aturan.pastikan("putus_pengecualian", user, usulan, _("memutuskan pengecualian syarat"))
    _syarat_dikecualikan(usulan, syarat)
    exception = (
        PengecualianSyarat.objects.select_for_update().filter(usulan=usulan, syarat=syarat).first()
    )
    if exception is None or exception.status != StatusPengecualian.DIMINTA:
        raise ValidationError(
            _("Tidak ada permintaan pengecualian yang menunggu untuk syarat ini.")
        )
    if exception.diminta_oleh_id == user.pk:
        refuse(
            user,
            usulan,
            "pengecualian",
            _("Pengecualian harus diputuskan oleh orang lain dari yang memintanya."),
        )
    if not diberikan and not catatan.strip():
        raise ValidationError(_("Tuliskan alasan menolak pengecualian."))
    exception.status = StatusPengecualian.DIBERIKAN if diberikan else StatusPengecualian.DITOLAK
    exception.diputuskan_oleh, exception.diputuskan_pada = user, timezone.now()
    exception.catatan_keputusan = catatan.strip()
    exception.save()
    log(
        "mutasi.usulan.pengecualian_diputuskan",
        user,
        usulan,
        syarat=syarat,
        status=exception.status,
        catatan=exception.catatan_keputusan,
    )
    notify(
        [exception.diminta_oleh],
        _("Pengecualian syarat diberikan") if diberikan else _("Pengecualian syarat ditolak"),
        f"{usulan}: {eligibility.NAMA_SYARAT[syarat]}",
        usulan,
    )
    return exception
