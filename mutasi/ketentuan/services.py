"""Adding and ending rule settings: checked, saved and logged at once. A row is never changed
otherwise and never deleted, so what a checklist applied stays readable."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log
from mutasi.ketentuan.berlaku import bobot, pilih
from mutasi.ketentuan.choices import (
    BULAN_EVALUASI_MAKS,
    KUNCI_BOBOT,
    KUNCI_DAFTAR,
    KUNCI_PEMERINTAH,
    Lingkup,
)
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
        data.update(kunci=obj.kunci, nilai=obj.nilai_daftar or obj.nilai)
    else:
        data.update(jenis=obj.jenis, pesan=obj.pesan)
    return data


def _bulan(teks: str) -> str:
    """The evaluation months as typed ("12, 3,6"), checked, in their stored form "3, 6, 12"."""
    try:
        bulan = [int(n) for n in teks.split(",")]
    except ValueError:
        raise ValidationError(
            _("Tuliskan bulan sebagai angka yang dipisah koma, misalnya 3, 6, 12.")
        ) from None
    if not all(1 <= n <= BULAN_EVALUASI_MAKS for n in bulan):
        raise ValidationError(
            _("Bulan evaluasi harus antara 1 dan %(b)s.") % {"b": BULAN_EVALUASI_MAKS}
        )
    if len(set(bulan)) != len(bulan):
        raise ValidationError(_("Setiap bulan evaluasi cukup disebut sekali."))
    return ", ".join(str(n) for n in sorted(bulan))


def _periksa_kunci(obj: KetentuanMutasi):
    """What the model's checks do not know: which value a key takes (one number or a list
    of months) and which keys are for the whole government only."""
    errors = {}
    if obj.kunci in KUNCI_PEMERINTAH and obj.lingkup != Lingkup.PEMERINTAH:
        errors["lingkup"] = _("Ketentuan ini hanya dapat berlaku untuk seluruh pemerintah daerah.")
    if obj.kunci in KUNCI_DAFTAR:
        obj.nilai = None
        if not obj.nilai_daftar.strip():
            errors["nilai_daftar"] = _("Isi daftar bulan evaluasi, misalnya 3, 6, 12.")
        else:
            try:
                obj.nilai_daftar = _bulan(obj.nilai_daftar)
            except ValidationError as error:
                errors["nilai_daftar"] = error.messages
    else:
        obj.nilai_daftar = ""
        if obj.nilai is None:
            errors["nilai"] = _("Isi nilai ketentuan ini.")
    if errors:
        raise ValidationError(errors)


def _bobot_tetap_berarti(ganti: KetentuanMutasi):
    """Refuse a change after which, on some day, every matching weight would be zero: the
    matching could not rank anyone. Checked on each day the weights in force change."""
    rows = [
        k
        for k in KetentuanMutasi.objects.filter(kunci__in=KUNCI_BOBOT.values())
        if k.pk != ganti.pk
    ] + [ganti]
    mulai = max(ganti.berlaku_mulai, timezone.localdate())
    hari = {mulai} | {k.berlaku_mulai for k in rows if k.berlaku_mulai > mulai}
    hari |= {
        k.berlaku_sampai + datetime.timedelta(days=1)
        for k in rows
        if k.berlaku_sampai and k.berlaku_sampai >= mulai
    }
    for h in sorted(hari):
        if not any(bobot(pilih(k for k in rows if k.berlaku_pada(h))).values()):
            raise ValidationError(
                _(
                    "Mulai %(d)s semua bobot pencocokan menjadi nol; paling sedikit satu harus "
                    "lebih dari nol."
                )
                % {"d": tanggal_indonesia(h)}
            )


@transaction.atomic
def tambah(obj, user):
    """Save a new setting or rule: it applies from its effective date, never before today
    (a checklist already computed must not change under its decision)."""
    obj.dibuat_oleh = user
    if obj.berlaku_mulai and obj.berlaku_mulai < timezone.localdate():
        raise ValidationError(
            {"berlaku_mulai": _("Tidak boleh berlaku surut: paling awal hari ini.")}
        )
    if isinstance(obj, KetentuanMutasi):
        _periksa_kunci(obj)
    obj.full_clean()
    if isinstance(obj, KetentuanMutasi) and obj.kunci in KUNCI_BOBOT.values():
        _bobot_tetap_berarti(obj)
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
    if model is KetentuanMutasi and obj.kunci in KUNCI_BOBOT.values():
        _bobot_tetap_berarti(obj)
    obj.save(update_fields=["berlaku_sampai", "alasan_berakhir", "diakhiri_oleh", "updated"])
    log(KODE[model][1], user, obj, sampai=sampai.isoformat(), alasan=alasan.strip())
    return obj
