"""Adding and ending rule settings: checked, saved and logged at once. A row is never changed
otherwise and never deleted, so what a checklist applied stays readable."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.models import AturanDaerah, KetentuanMutasi

# The audit codes: (added, ended).
KODE = {
    KetentuanMutasi: ("mutasi.ketentuan.ditambah", "mutasi.ketentuan.diakhiri"),
    AturanDaerah: ("mutasi.aturan_daerah.ditambah", "mutasi.aturan_daerah.diakhiri"),
}


def _ringkas(obj) -> dict:
    data = {
        "versi": obj.versi,
        "berlaku_mulai": obj.berlaku_mulai.isoformat(),
        "berlaku_sampai": obj.berlaku_sampai.isoformat() if obj.berlaku_sampai else None,
        "alasan": obj.alasan,
    }
    if isinstance(obj, KetentuanMutasi):
        data.update(kunci=obj.kunci, nilai=obj.nilai)
    else:
        data.update(jenis=obj.jenis, pesan=obj.pesan)
    return data


@transaction.atomic
def tambah(obj, user):
    """Save a new setting or rule: it applies from its effective date, never before today
    (a checklist already computed must not change under its decision)."""
    obj.dibuat_oleh = user
    if obj.berlaku_mulai and obj.berlaku_mulai < timezone.localdate():
        raise ValidationError(
            {"berlaku_mulai": _("Tidak boleh berlaku surut: paling awal hari ini.")}
        )
    obj.full_clean()
    obj.save()
    log(KODE[type(obj)][0], user, obj, **_ringkas(obj))
    return obj


@transaction.atomic
def akhiri(model, pk, user, sampai: datetime.date, alasan: str):
    """End a setting or rule after ``sampai`` (its last day), with the reason."""
    obj = model.objects.select_for_update().get(pk=pk)
    today = timezone.localdate()
    if obj.diakhiri_oleh_id:
        raise ValidationError(_("Sudah diakhiri sebelumnya."))
    if not alasan.strip():
        raise ValidationError({"alasan_berakhir": _("Tuliskan alasan diakhiri.")})
    if sampai < today:
        raise ValidationError({"berlaku_sampai": _("Tidak boleh surut: paling awal hari ini.")})
    if sampai < obj.berlaku_mulai:
        raise ValidationError(
            {
                "berlaku_sampai": _("Paling awal tanggal mulai berlakunya, %(d)s.")
                % {"d": tanggal_indonesia(obj.berlaku_mulai)}
            }
        )
    if obj.berlaku_sampai and sampai > obj.berlaku_sampai:
        raise ValidationError(
            {"berlaku_sampai": _("Tidak dapat diperpanjang; tambahkan aturan baru.")}
        )
    obj.berlaku_sampai, obj.alasan_berakhir, obj.diakhiri_oleh = sampai, alasan.strip(), user
    obj.save(update_fields=["berlaku_sampai", "alasan_berakhir", "diakhiri_oleh", "updated"])
    log(KODE[model][1], user, obj, sampai=sampai.isoformat(), alasan=alasan.strip())
    return obj
