"""The official signs a published letter electronically (TTE), with its extracts.

Why a step of its own, after publication: the letter's PDF carries its number and date, so it
exists only once the letter is numbered, and is made in the background (a long Lampiran takes
a while). A real BSrE flow signs a final document that the signer has seen: the official
opens the numbered PDF, presses "Tandatangani", types the passphrase (and the NIK the service
asks for), and the letter and every petikan are signed in that request. The passphrase goes
from the form to the signer and nowhere else: not into the database, the audit log, a task's
arguments (kept in the database by the task backend) or a message. Until it is signed the
letter is published but not yet handed out: only BKD and the official can download it.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log, refuse
from mutasi.models import Petikan, StatusRender, SuratKeputusan
from mutasi.notifikasi import notify, users_with_role
from mutasi.sk import periksa_tte, tanda_tangan
from mutasi.sk.services import PENETAP, PENYUSUN
from pegawai.access import has_role


def boleh(sk, user) -> bool:
    """Whether ``user`` is the one to sign ``sk`` now (buttons; the service decides)."""
    return (
        has_role(user, *PENETAP)
        and sk.dibuat_oleh_id != user.pk
        and sk.terbit
        and not sk.ditandatangani
        and sk.render_status == StatusRender.SELESAI
        and bool(sk.berkas)
    )


def _ganti(field, name, data):
    old = field.name if field else ""
    field.save(name, ContentFile(data), save=False)
    if old and old != field.name:
        storage = field.storage
        transaction.on_commit(lambda: storage.delete(old))


def tandatangani(pk, user, *, passphrase: str, nik: str = "") -> SuratKeputusan:
    """Sign letter ``pk`` and its extracts with the configured signer; all or nothing.

    A refused signature (wrong passphrase, service down) changes nothing and is logged,
    without the passphrase, so repeated failures show in the audit trail."""
    try:
        penanda = tanda_tangan.penanda()
        return _tandatangani(pk, user, penanda, passphrase, nik)
    except tanda_tangan.GagalTandaTangan as error:
        sk = SuratKeputusan.objects.get(pk=pk)
        log("mutasi.sk.ttd_gagal", user, sk, jenis=settings.SK_TTE, pesan=str(error)[:300])
        raise ValidationError(str(error)) from None


@transaction.atomic
def _tandatangani(pk, user, penanda, passphrase, nik):
    sk = SuratKeputusan.objects.select_for_update().get(pk=pk)
    if not has_role(user, *PENETAP):
        refuse(user, sk, "tandatangani SK", _("Hanya Pejabat Penetap yang menandatangani SK."))
    if sk.dibuat_oleh_id == user.pk:
        refuse(
            user, sk, "tandatangani SK", _("Anda tidak dapat menandatangani SK yang Anda susun.")
        )
    if not sk.terbit:
        raise ValidationError(_("SK ini belum terbit."))
    if sk.ditandatangani:
        raise ValidationError(_("SK ini sudah ditandatangani secara elektronik."))
    if sk.render_status != StatusRender.SELESAI or not sk.berkas:
        raise ValidationError(_("PDF SK ini belum selesai dibuat; tunggu sebentar."))
    petikan = list(
        Petikan.objects.select_for_update()
        .filter(baris__sk=sk)
        .select_related("baris__usulan__pegawai")
        .order_by("baris__urutan", "baris__pk")
    )
    if len(petikan) != sk.baris.count() or not all(p.berkas for p in petikan):
        raise ValidationError(_("Petikan SK ini belum selesai dibuat; tunggu sebentar."))
    with sk.berkas.open("rb") as f:
        dokumen = [f.read()]
    for item in petikan:
        with item.berkas.open("rb") as f:
            dokumen.append(f.read())
    signed = penanda.tandatangani(
        dokumen,
        passphrase=passphrase,
        nik=nik,
        alasan=_("Penetapan Keputusan Nomor %(n)s") % {"n": sk.nomor},
        lokasi=(sk.kop or {}).get("kota", ""),
    )
    if len(signed) != len(dokumen):
        raise tanda_tangan.GagalTandaTangan(_("Layanan TTE tidak mengembalikan semua berkas."))
    hasil = periksa_tte.periksa(signed[0])
    if not (hasil.ada and hasil.utuh):
        raise tanda_tangan.GagalTandaTangan(
            _("Berkas yang kembali dari layanan TTE tidak memuat tanda tangan yang utuh.")
        )
    now = timezone.now()
    _ganti(sk.berkas, "sk.pdf", signed[0])
    sk.sha256 = hashlib.sha256(signed[0]).hexdigest()
    sk.ditandatangani_pada, sk.ditandatangani_oleh = now, user
    sk.tte = {"jenis": penanda.jenis, **hasil.ringkas()}
    sk.save()
    for item, data in zip(petikan, signed[1:], strict=True):
        _ganti(item.berkas, "petikan.pdf", data)
        item.sha256 = hashlib.sha256(data).hexdigest()
        item.ditandatangani_pada = now
        item.save(update_fields=["berkas", "sha256", "ditandatangani_pada", "updated"])
    log(
        "mutasi.sk.ditandatangani",
        user,
        sk,
        jenis=penanda.jenis,
        penanda=hasil.penanda,
        penerbit=hasil.penerbit,
        nomor_seri=hasil.nomor_seri,
        sha256=sk.sha256,
        petikan=len(petikan),
    )
    notify(
        [sk.dibuat_oleh, *users_with_role(*PENYUSUN)],
        _("SK %(n)s ditandatangani secara elektronik") % {"n": sk.nomor},
        _("SK dan %(p)s petikannya siap dibagikan.") % {"p": len(petikan)},
        sk,
    )
    for item in petikan:
        account = getattr(item.baris.usulan.pegawai, "user", None)
        if account is not None:
            notify(
                [account],
                _("Petikan SK pemindahan Anda tersedia"),
                _("Petikan SK %(n)s dapat diunduh dari halaman profil Anda.") % {"n": sk.nomor},
                item.baris.usulan,
            )
    return sk
