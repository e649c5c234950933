"""Decision letters (SK): compose a draft, publish it with its number, render it, implement it.

Each operation is one transaction in the pattern of ``mutasi.services``: lock the rows, check
the role and the state, change, log, notify. Publishing locks the draft, then its proposals,
then the number counter of its series and year, so concurrent publications receive distinct,
consecutive numbers and a failed one gives its number back.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log, refuse
from mutasi.choices import StatusUsulan
from mutasi.models import (
    NomorSurat,
    StatusRender,
    StatusSK,
    SuratKeputusan,
    SuratKeputusanUsulan,
    Usulan,
)
from mutasi.notify import notify, users_with_role
from pegawai.access import Role, has_role
from pegawai.models import Pegawai, RiwayatJabatan

# Who composes drafts, retries renders and records implementation; who publishes.
PENYUSUN = (Role.OPERATOR_BKD, Role.ADMIN)
PENETAP = (Role.PEJABAT_PENETAP,)
KOLOM_DRAF = (
    "judul",
    "menimbang",
    "mengingat",
    "tembusan",
    "tmt",
    "penandatangan_nama",
    "penandatangan_jabatan",
    "penandatangan_pangkat",
    "penandatangan_nip",
)


def nilai_awal() -> dict:
    """Defaults of a new draft: settings, and the signing official of the latest letter."""
    last = SuratKeputusan.objects.order_by("-created").first()
    signer = {
        "penandatangan_nama": settings.SK_PENANDATANGAN_NAMA,
        "penandatangan_jabatan": settings.SK_PENANDATANGAN_JABATAN,
        "penandatangan_pangkat": settings.SK_PENANDATANGAN_PANGKAT,
        "penandatangan_nip": settings.SK_PENANDATANGAN_NIP,
    }
    if last is not None:
        signer = {name: getattr(last, name) for name in signer}
    return {
        "judul": "Pemindahan Pegawai Negeri Sipil",
        "menimbang": settings.SK_MENIMBANG,
        "mengingat": settings.SK_MENGINGAT,
        "tembusan": settings.SK_TEMBUSAN,
        "tmt": timezone.localdate() + datetime.timedelta(days=14),
        **signer,
    }


def format_nomor(urut: int, tahun: int, seri: str) -> str:
    return settings.SK_NOMOR_POLA.format(urut=urut, tahun=tahun, seri=seri)


def _lock(pk) -> SuratKeputusan:
    return SuratKeputusan.objects.select_for_update().get(pk=pk)


def _expect_draf(sk):
    if sk.status != StatusSK.DRAF:
        raise ValidationError(
            _("SK ini sudah terbit dengan nomor %(n)s dan tidak dapat diubah lagi.")
            % {"n": sk.nomor}
        )


def _penyusun(user, target, aksi):
    if not has_role(user, *PENYUSUN):
        refuse(user, target, aksi, _("Hanya Operator BKD yang dapat menyusun SK."))


def _tambahkan(sk, user, usulan_ids):
    """Lock the chosen proposals and add the approved ones that are in no other live SK."""
    ids = sorted({int(i) for i in usulan_ids})
    if not ids:
        raise ValidationError(_("Pilih sedikitnya satu usulan yang sudah disetujui."))
    found = list(Usulan.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if len(found) != len(ids):
        raise ValidationError(_("Sebagian usulan yang dipilih tidak ditemukan."))
    bad = [u for u in found if u.status != StatusUsulan.DISETUJUI]
    if bad:
        raise ValidationError(
            _("Hanya usulan berstatus Disetujui yang dapat dimasukkan ke SK: %(u)s.")
            % {"u": ", ".join(u.kode for u in bad)}
        )
    taken = SuratKeputusanUsulan.objects.filter(usulan__in=found, aktif=True).exclude(sk=sk)
    if taken.exists():
        names = ", ".join(sorted({link.usulan.kode for link in taken.select_related("usulan")}))
        raise ValidationError(_("Usulan ini sudah tercantum dalam SK lain: %(u)s.") % {"u": names})
    present = set(sk.baris.values_list("usulan_id", flat=True))
    start = (sk.baris.order_by("-urutan").values_list("urutan", flat=True).first() or 0) + 1
    new = [u for u in found if u.pk not in present]
    try:
        with transaction.atomic():
            SuratKeputusanUsulan.objects.bulk_create(
                SuratKeputusanUsulan(sk=sk, usulan=u, urutan=start + i) for i, u in enumerate(new)
            )
    except IntegrityError:
        raise ValidationError(_("Usulan ini baru saja dimasukkan ke SK lain.")) from None
    if new:
        log("mutasi.sk.usulan_ditambah", user, sk, usulan=[u.pk for u in new])
    return new


@transaction.atomic
def buat_draf(user, usulan_ids, **fields) -> SuratKeputusan:
    """A new draft holding the chosen approved proposals, with the default texts."""
    _penyusun(user, None, "susun SK")
    values = nilai_awal() | {k: v for k, v in fields.items() if k in KOLOM_DRAF}
    sk = SuratKeputusan.objects.create(dibuat_oleh=user, seri=settings.SK_SERI, **values)
    _tambahkan(sk, user, usulan_ids)
    log("mutasi.sk.dibuat", user, sk)
    return sk


@transaction.atomic
def tambah_usulan(pk, user, usulan_ids) -> SuratKeputusan:
    sk = _lock(pk)
    _penyusun(user, sk, "ubah SK")
    _expect_draf(sk)
    _tambahkan(sk, user, usulan_ids)
    return sk


@transaction.atomic
def keluarkan_usulan(pk, user, usulan_pk) -> SuratKeputusan:
    sk = _lock(pk)
    _penyusun(user, sk, "ubah SK")
    _expect_draf(sk)
    deleted, _rows = sk.baris.filter(usulan_id=usulan_pk).delete()
    if deleted:
        log("mutasi.sk.usulan_dikeluarkan", user, sk, usulan=usulan_pk)
    return sk


@transaction.atomic
def ubah_draf(pk, user, **fields) -> SuratKeputusan:
    sk = _lock(pk)
    _penyusun(user, sk, "ubah SK")
    _expect_draf(sk)
    changed = sorted(k for k, v in fields.items() if k in KOLOM_DRAF and getattr(sk, k) != v)
    for name in changed:
        setattr(sk, name, fields[name])
    if changed:
        sk.save()
        log("mutasi.sk.diubah", user, sk, kolom=changed)
    return sk


@transaction.atomic
def hapus_draf(pk, user) -> None:
    sk = _lock(pk)
    _penyusun(user, sk, "hapus SK")
    _expect_draf(sk)
    log("mutasi.sk.dihapus", user, sk, usulan=list(sk.baris.values_list("usulan_id", flat=True)))
    sk.delete()


@transaction.atomic
def buat_pembetulan(pk, user) -> SuratKeputusan:
    """A draft that, once published, revokes letter ``pk`` and restates its decisions.

    It starts as a copy of the revoked letter's texts; BKD corrects what was wrong (TMT,
    considerations, signing official, …) and may add approved proposals. The revoked letter
    stays valid until the correction is published.
    """
    asal = _lock(pk)
    _penyusun(user, asal, "susun SK pembetulan")
    if not asal.terbit:
        raise ValidationError(_("Hanya SK yang sudah terbit yang dapat dicabut."))
    if asal.dicabut:
        raise ValidationError(_("SK ini sudah dicabut."))
    draf = SuratKeputusan.objects.filter(mencabut=asal, status=StatusSK.DRAF).first()
    if draf is not None:
        raise ValidationError(_("Sudah ada draf pembetulan untuk SK ini (%(d)s).") % {"d": draf})
    values = {name: getattr(asal, name) for name in KOLOM_DRAF}
    sk = SuratKeputusan.objects.create(dibuat_oleh=user, seri=asal.seri, mencabut=asal, **values)
    log("mutasi.sk.dibuat", user, sk, mencabut=asal.nomor)
    return sk


def _nomor_berikut(seri: str, tahun: int) -> int:
    """The next number of the series and year; the counter row stays locked until commit."""
    # ON CONFLICT DO NOTHING: a concurrent first publication of the year waits, then skips.
    NomorSurat.objects.bulk_create([NomorSurat(seri=seri, tahun=tahun)], ignore_conflicts=True)
    counter = NomorSurat.objects.select_for_update().get(seri=seri, tahun=tahun)
    counter.terakhir += 1
    counter.save(update_fields=["terakhir"])
    return counter.terakhir


@transaction.atomic
def terbitkan(pk, user) -> SuratKeputusan:
    """The official publishes a draft: number, date, proposals Ditetapkan, PDF queued."""
    sk = _lock(pk)
    if not has_role(user, *PENETAP):
        refuse(user, sk, "terbitkan SK", _("Hanya Pejabat Penetap yang dapat menerbitkan SK."))
    if sk.dibuat_oleh_id == user.pk:
        refuse(user, sk, "terbitkan SK", _("Anda tidak dapat menerbitkan SK yang Anda susun."))
    _expect_draf(sk)
    revoked = None
    if sk.mencabut_id is not None:
        revoked = _lock(sk.mencabut_id)
        if not revoked.terbit or revoked.dicabut:
            raise ValidationError(
                _("SK %(n)s sudah dicabut oleh SK lain; draf pembetulan ini tidak berlaku lagi.")
                % {"n": revoked.nomor}
            )
    carried = list(revoked.baris.filter(aktif=True).order_by("urutan", "pk")) if revoked else []
    links = list(sk.baris.filter(aktif=True).order_by("urutan", "pk"))
    if not links and not carried:
        raise ValidationError(_("SK ini belum berisi usulan."))
    usulan = list(
        Usulan.objects.select_for_update()
        .filter(pk__in=[link.usulan_id for link in links])
        .order_by("pk")
    )
    stale = [u for u in usulan if u.status != StatusUsulan.DISETUJUI]
    if stale:
        raise ValidationError(
            _("SK belum dapat diterbitkan: usulan %(u)s tidak lagi berstatus Disetujui.")
            % {"u": ", ".join(f"{u.kode} ({u.get_status_display()})" for u in stale)}
        )
    elsewhere = SuratKeputusanUsulan.objects.filter(
        usulan__in=usulan, aktif=True, sk__status=StatusSK.TERBIT
    ).exclude(sk=sk)
    if elsewhere.exists():
        raise ValidationError(
            _("SK belum dapat diterbitkan: sebagian usulan sudah ada di SK lain.")
        )

    today = timezone.localdate()
    sk.tahun = today.year
    sk.urut = _nomor_berikut(sk.seri, sk.tahun)
    sk.nomor = format_nomor(sk.urut, sk.tahun, sk.seri)
    sk.tanggal_terbit = today
    sk.status = StatusSK.TERBIT
    sk.diterbitkan_oleh, sk.diterbitkan_pada = user, timezone.now()
    sk.render_status, sk.render_error = StatusRender.MENUNGGU, ""
    sk.save()
    if revoked is not None:
        # The correction restates the revoked letter's decisions first, then its own.
        revoked.baris.filter(aktif=True).update(aktif=False)
        for link in links:
            link.urutan += len(carried)
        SuratKeputusanUsulan.objects.bulk_update(links, ["urutan"])
        SuratKeputusanUsulan.objects.bulk_create(
            SuratKeputusanUsulan(
                sk=sk, usulan_id=link.usulan_id, urutan=i, dilaksanakan_pada=link.dilaksanakan_pada
            )
            for i, link in enumerate(carried, start=1)
        )
        log("mutasi.sk.dicabut", user, revoked, oleh=sk.nomor, oleh_id=sk.pk)
    for item in usulan:
        item.tetapkan()
        item.save()
        log(
            "mutasi.usulan.ditetapkan",
            user,
            item,
            dari=StatusUsulan.DISETUJUI,
            ke=item.status,
            sk=sk.nomor,
            sk_id=sk.pk,
        )
    log("mutasi.sk.diterbitkan", user, sk, nomor=sk.nomor, usulan=[u.pk for u in usulan])
    recipients = [sk.dibuat_oleh, *users_with_role(Role.OPERATOR_BKD)]
    notify(recipients, _("SK %(n)s diterbitkan") % {"n": sk.nomor}, sk.judul)
    _antrekan_render(sk.pk)
    return sk


def _antrekan_render(pk):
    from mutasi.tasks import render_sk

    transaction.on_commit(lambda: render_sk.enqueue(pk))


@transaction.atomic
def render_ulang(pk, user) -> SuratKeputusan:
    """BKD queues the PDF again (after a failure, or to replace a lost file)."""
    sk = _lock(pk)
    _penyusun(user, sk, "render ulang SK")
    if not sk.terbit:
        raise ValidationError(_("PDF hanya dibuat untuk SK yang sudah terbit."))
    if sk.render_status in (StatusRender.MENUNGGU, StatusRender.DIPROSES) and sk.render_percobaan:
        raise ValidationError(_("PDF SK ini sedang dibuat; tunggu sebentar."))
    sk.render_status, sk.render_error = StatusRender.MENUNGGU, ""
    sk.save(update_fields=["render_status", "render_error", "updated"])
    log("mutasi.sk.render_ulang", user, sk)
    _antrekan_render(sk.pk)
    return sk


def buat_pdf(pk) -> SuratKeputusan:
    """Render the published letter to its PDF file and store the file's SHA-256.

    Run by the background task. A failure is recorded on the letter (state, error,
    attempts) and re-raised so the task backend records it too.
    """
    from mutasi import pdf

    with transaction.atomic():
        sk = _lock(pk)
        if not sk.terbit:
            raise ValidationError(_("PDF hanya dibuat untuk SK yang sudah terbit."))
        sk.render_status = StatusRender.DIPROSES
        sk.render_percobaan += 1
        sk.save(update_fields=["render_status", "render_percobaan", "updated"])
    try:
        data = pdf.render_pdf(sk)
    except Exception as error:
        with transaction.atomic():
            sk = _lock(pk)
            sk.render_status = StatusRender.GAGAL
            sk.render_error = f"{type(error).__name__}: {error}"[:2000]
            sk.save(update_fields=["render_status", "render_error", "updated"])
            log("mutasi.sk.pdf_gagal", None, sk, galat=sk.render_error[:300])
        raise
    with transaction.atomic():
        sk = _lock(pk)
        old = sk.berkas.name if sk.berkas else ""
        sk.berkas.save("sk.pdf", ContentFile(data), save=False)
        sk.sha256 = hashlib.sha256(data).hexdigest()
        sk.render_status, sk.render_error = StatusRender.SELESAI, ""
        sk.render_selesai_pada = timezone.now()
        sk.save()
        log("mutasi.sk.pdf_selesai", None, sk, sha256=sk.sha256, ukuran=len(data))
        if old and old != sk.berkas.name:
            storage = sk.berkas.storage
            transaction.on_commit(lambda: storage.delete(old))
    return sk


@transaction.atomic
def laksanakan(pk, usulan_pk, user, tanggal: datetime.date) -> Usulan:
    """The employee reported at the new post on ``tanggal``: move them and close the move."""
    sk = _lock(pk)
    if not has_role(user, *PENYUSUN):
        refuse(user, sk, "laksanakan", _("Hanya Operator BKD yang mencatat pelaksanaan."))
    if not sk.terbit:
        raise ValidationError(_("SK ini belum terbit."))
    link = sk.baris.select_for_update().filter(usulan_id=usulan_pk, aktif=True).first()
    if link is None:
        raise ValidationError(_("Usulan ini tidak tercantum dalam SK ini."))
    usulan = (
        Usulan.objects.select_for_update(of=("self",))
        .select_related("formasi_tujuan__unit", "formasi_tujuan__jabatan")
        .get(pk=usulan_pk)
    )
    if usulan.status != StatusUsulan.DITETAPKAN:
        raise ValidationError(
            _("Usulan ini berstatus %(s)s; pelaksanaannya tidak dapat dicatat lagi.")
            % {"s": usulan.get_status_display()}
        )
    today = timezone.localdate()
    if today < sk.tmt:
        raise ValidationError(
            _("Pelaksanaan baru dapat dicatat mulai TMT SK (%(d)s).")
            % {"d": sk.tmt.strftime("%d-%m-%Y")}
        )
    if tanggal < sk.tmt or tanggal > today:
        raise ValidationError(
            _("Tanggal melapor harus antara TMT SK (%(a)s) dan hari ini.")
            % {"a": sk.tmt.strftime("%d-%m-%Y")}
        )
    pegawai = Pegawai.objects.select_for_update().get(pk=usulan.pegawai_id)
    lama = {"unit": pegawai.unit_id, "jabatan": pegawai.jabatan_id}
    formasi = usulan.formasi_tujuan
    RiwayatJabatan.objects.filter(pegawai=pegawai, selesai__isnull=True).update(
        selesai=tanggal - datetime.timedelta(days=1)
    )
    if formasi is not None:
        pegawai.unit, pegawai.jabatan, pegawai.tmt_jabatan = formasi.unit, formasi.jabatan, tanggal
        RiwayatJabatan.objects.create(
            pegawai=pegawai,
            jabatan=formasi.jabatan,
            unit=formasi.unit,
            mulai=tanggal,
            nomor_sk=sk.nomor,
        )
    else:
        # Moved outside this government: the record stays, no longer active here.
        pegawai.aktif = False
    pegawai.save()
    link.dilaksanakan_pada = tanggal
    link.save(update_fields=["dilaksanakan_pada"])
    usulan.laksanakan()
    usulan.save()
    log(
        "mutasi.usulan.dilaksanakan",
        user,
        usulan,
        dari=StatusUsulan.DITETAPKAN,
        ke=usulan.status,
        sk=sk.nomor,
        tanggal=tanggal.isoformat(),
        lama=lama,
    )
    # The post-mutation evaluations at 3, 6 and 12 months after the day the employee
    # reported (their new TMT jabatan), in this transaction (DESIGN.md §9).
    from evaluasi.services import jadwalkan

    jadwalkan(usulan, tanggal)
    return usulan
