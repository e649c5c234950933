"""Filing, approving, rejecting and ending rule settings: checked, saved and logged at once. A
row is never changed otherwise and never deleted, so what a checklist applied stays readable.

Two people each time (``mutasi.ketentuan.wewenang``): a row filed by one is in force only once
another approves it; an early end asked for by one takes effect only once another approves
it. Approved late, a row is in force from the approval day, never on days already judged."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log
from mutasi.ketentuan import wewenang
from mutasi.ketentuan.berlaku import bobot, pilih
from mutasi.ketentuan.choices import (
    BULAN_EVALUASI_MAKS,
    KUNCI_BOBOT,
    KUNCI_DAFTAR,
    KUNCI_PEMERINTAH,
    Lingkup,
    Perkara,
    StatusKetentuan,
)
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.models import AturanDaerah, KetentuanMutasi
from mutasi.notifikasi import notify, users_with_role

# The audit codes of each step, by model.
KODE = {
    KetentuanMutasi: "mutasi.ketentuan",
    AturanDaerah: "mutasi.aturan_daerah",
}


def _kode(model, langkah: str) -> str:
    return f"{KODE[model]}.{langkah}"


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
        for k in KetentuanMutasi.objects.filter(
            kunci__in=KUNCI_BOBOT.values(), status=StatusKetentuan.DISETUJUI
        )
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
        # ``ganti`` as if approved: what the weights would be once it is.
        if not any(bobot(pilih(k for k in rows if k.dalam_masa(h))).values()):
            raise ValidationError(
                _(
                    "Mulai %(d)s semua bobot pencocokan menjadi nol; paling sedikit satu harus "
                    "lebih dari nol."
                )
                % {"d": tanggal_indonesia(h)}
            )


def _nama(obj) -> str:
    return f"{obj.NAMA_VERSI} #{obj.pk}"


@transaction.atomic
def tambah(obj, user):
    """File a new setting or rule: checked now, in force from its effective date once another
    person approves it (``setujui``), never before today (a checklist already computed must
    not change under its decision)."""
    wewenang.pastikan_pengaju(user)
    obj.dibuat_oleh = user
    obj.status = StatusKetentuan.DIAJUKAN
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
    log(_kode(type(obj), "diajukan"), user, obj, **_ringkas(obj))
    notify(
        users_with_role(*wewenang.penyetuju()).exclude(pk=user.pk),
        _("%(v)s menunggu persetujuan Anda") % {"v": _nama(obj)},
        str(obj),
        obj,
    )
    return obj


def _kunci(model, pk, user):
    """The row locked, and the user's authority to decide on it checked."""
    obj = model.objects.select_for_update().get(pk=pk)
    wewenang.pastikan_penyetuju(user, obj)
    return obj


def _basi(obj, perkara: str) -> None:
    """Refuse, with a message, a decision on what no longer waits (decided by someone else
    meanwhile, rejected, already in force)."""
    if perkara == Perkara.MULAI and obj.status != StatusKetentuan.DIAJUKAN:
        raise ValidationError(
            _("%(n)s sudah %(s)s; tidak ada lagi yang perlu diputuskan.")
            % {"n": _nama(obj), "s": obj.get_status_display().lower()}
        )
    if perkara == Perkara.AKHIR and not (
        obj.status == StatusKetentuan.DISETUJUI and obj.menunggu_pengakhiran
    ):
        raise ValidationError(
            _("Tidak ada permintaan pengakhiran %(n)s yang menunggu keputusan.") % {"n": _nama(obj)}
        )


@transaction.atomic
def setujui(model, pk, user):
    """Approve a row someone else filed: in force from its start date, or from today when
    that day has passed (never on days already judged)."""
    obj = _kunci(model, pk, user)
    _basi(obj, Perkara.MULAI)
    today = timezone.localdate()
    diajukan = None
    if obj.berlaku_mulai < today:
        if obj.berlaku_sampai and obj.berlaku_sampai < today:
            raise ValidationError(
                _("Masa berlakunya sudah lewat (sampai %(d)s): tolak saja.")
                % {"d": tanggal_indonesia(obj.berlaku_sampai)}
            )
        diajukan = obj.berlaku_mulai_diajukan = obj.berlaku_mulai
        obj.berlaku_mulai = today
    obj.status = StatusKetentuan.DISETUJUI
    obj.diputuskan_oleh, obj.diputuskan_pada = user, timezone.now()
    # The weights in force may have changed since it was filed.
    if model is KetentuanMutasi and obj.kunci in KUNCI_BOBOT.values():
        _bobot_tetap_berarti(obj)
    obj.save()
    data = {"versi": obj.versi, "berlaku_mulai": obj.berlaku_mulai.isoformat()}
    if diajukan:
        data["berlaku_mulai_diajukan"] = diajukan.isoformat()
    log(_kode(model, "disetujui"), user, obj, **data)
    pesan = str(obj)
    if diajukan:
        pesan += " " + _("Berlaku mulai %(d)s, hari persetujuan (diajukan mulai %(a)s).") % {
            "d": tanggal_indonesia(obj.berlaku_mulai),
            "a": tanggal_indonesia(diajukan),
        }
    notify([obj.dibuat_oleh], _("%(v)s disetujui") % {"v": _nama(obj)}, pesan, obj)
    return obj


@transaction.atomic
def tolak(model, pk, user, alasan: str):
    """Reject a row someone else filed, with the reason: it is never in force."""
    obj = _kunci(model, pk, user)
    _basi(obj, Perkara.MULAI)
    if not alasan.strip():
        raise ValidationError({"alasan": _("Tuliskan alasan menolak.")})
    obj.status, obj.alasan_ditolak = StatusKetentuan.DITOLAK, alasan.strip()
    obj.diputuskan_oleh, obj.diputuskan_pada = user, timezone.now()
    obj.save()
    log(_kode(model, "ditolak"), user, obj, versi=obj.versi, alasan=obj.alasan_ditolak)
    notify([obj.dibuat_oleh], _("%(v)s ditolak") % {"v": _nama(obj)}, obj.alasan_ditolak, obj)
    return obj


@transaction.atomic
def akhiri(model, pk, user, sampai: datetime.date, alasan: str):
    """Ask to end an approved setting or rule after ``sampai`` (its last day), with the
    reason. Ending loosens a rule as often as it tightens one (a blackout, a required
    document, a strict threshold), so it waits for another person too (``setujui_akhir``)."""
    obj = model.objects.select_for_update().get(pk=pk)
    wewenang.pastikan_pengaju(user, obj)
    today = timezone.localdate()
    if obj.status != StatusKetentuan.DISETUJUI:
        raise ValidationError(
            _("%(n)s %(s)s, belum berlaku: tidak ada yang perlu diakhiri.")
            % {"n": _nama(obj), "s": obj.get_status_display().lower()}
        )
    if obj.menunggu_pengakhiran:
        raise ValidationError(_("Pengakhirannya sudah diajukan dan menunggu keputusan."))
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
    if model is KetentuanMutasi and obj.kunci in KUNCI_BOBOT.values():
        # Said now rather than only when the second person approves.
        obj.berlaku_sampai, tetap = sampai, obj.berlaku_sampai
        _bobot_tetap_berarti(obj)
        obj.berlaku_sampai = tetap
    obj.akhir_diajukan, obj.alasan_berakhir, obj.diakhiri_oleh = sampai, alasan.strip(), user
    obj.save(update_fields=["akhir_diajukan", "alasan_berakhir", "diakhiri_oleh", "updated"])
    log(
        _kode(model, "pengakhiran_diajukan"),
        user,
        obj,
        versi=obj.versi,
        sampai=sampai.isoformat(),
        alasan=alasan.strip(),
    )
    notify(
        users_with_role(*wewenang.penyetuju()).exclude(pk=user.pk),
        _("Pengakhiran %(v)s menunggu persetujuan Anda") % {"v": _nama(obj)},
        alasan.strip(),
        obj,
    )
    return obj


@transaction.atomic
def setujui_akhir(model, pk, user):
    """Approve the early end someone else asked for: the last day asked, or today when that
    day has passed (days already judged keep the rule)."""
    obj = _kunci(model, pk, user)
    _basi(obj, Perkara.AKHIR)
    today = timezone.localdate()
    sampai = max(obj.akhir_diajukan, today)
    if obj.berlaku_sampai and obj.berlaku_sampai < sampai:
        raise ValidationError(
            _("Sudah berakhir sendiri pada %(d)s: tolak permintaan pengakhiran ini.")
            % {"d": tanggal_indonesia(obj.berlaku_sampai)}
        )
    obj.berlaku_sampai = sampai
    obj.akhir_disetujui_oleh, obj.akhir_disetujui_pada = user, timezone.now()
    if model is KetentuanMutasi and obj.kunci in KUNCI_BOBOT.values():
        _bobot_tetap_berarti(obj)
    obj.save()
    data = {"versi": obj.versi, "sampai": sampai.isoformat(), "alasan": obj.alasan_berakhir}
    if sampai != obj.akhir_diajukan:
        data["sampai_diajukan"] = obj.akhir_diajukan.isoformat()
    log(_kode(model, "diakhiri"), user, obj, **data)
    notify(
        [obj.diakhiri_oleh],
        _("Pengakhiran %(v)s disetujui") % {"v": _nama(obj)},
        _("Berlaku sampai %(d)s.") % {"d": tanggal_indonesia(sampai)},
        obj,
    )
    return obj


@transaction.atomic
def tolak_akhir(model, pk, user, alasan: str):
    """Reject the early end someone else asked for: the row stays in force as it was; the
    request and the reason stay in the audit log."""
    obj = _kunci(model, pk, user)
    _basi(obj, Perkara.AKHIR)
    if not alasan.strip():
        raise ValidationError({"alasan": _("Tuliskan alasan menolak.")})
    peminta = obj.diakhiri_oleh
    log(
        _kode(model, "pengakhiran_ditolak"),
        user,
        obj,
        versi=obj.versi,
        sampai=obj.akhir_diajukan.isoformat(),
        alasan_berakhir=obj.alasan_berakhir,
        alasan=alasan.strip(),
        diminta_oleh=peminta.pk,
    )
    obj.akhir_diajukan, obj.alasan_berakhir, obj.diakhiri_oleh = None, "", None
    obj.save(update_fields=["akhir_diajukan", "alasan_berakhir", "diakhiri_oleh", "updated"])
    notify([peminta], _("Pengakhiran %(v)s ditolak") % {"v": _nama(obj)}, alasan.strip(), obj)
    return obj


def putuskan(model, pk, user, perkara: str, setuju: bool, alasan: str = ""):
    """The decision page's one entry: approve or reject a new row or an early end."""
    if perkara == Perkara.MULAI:
        return setujui(model, pk, user) if setuju else tolak(model, pk, user, alasan)
    return setujui_akhir(model, pk, user) if setuju else tolak_akhir(model, pk, user, alasan)
