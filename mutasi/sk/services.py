"""Decision letters (SK): compose a draft, submit it to the official, render its PDF.

Each operation is one transaction in the pattern of ``mutasi.usulan.services``: lock the rows,
check the role and the state, change, log, notify. Publishing is ``mutasi.sk.terbit``,
carrying out ``mutasi.sk.pelaksanaan``."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log, refuse
from mutasi.models import StatusRender, StatusSK, SuratKeputusan, SuratKeputusanUsulan, Usulan
from mutasi.notifikasi import notify, users_with_role
from mutasi.sk import pdf, petikan
from mutasi.usulan.choices import ArahMutasi, StatusUsulan
from pegawai.access import Role, has_role

# Who composes drafts, retries renders and records implementation; who publishes.
PENYUSUN = (Role.OPERATOR_BKD, Role.ADMIN)
PENETAP = (Role.PEJABAT_PENETAP,)
KOLOM_DRAF = (
    "judul",
    "menimbang",
    "mengingat",
    "tembusan",
    "alasan_tmt_surut",
    "alasan_pembetulan",
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
        **signer,
    }


def format_nomor(urut: int, tahun: int, seri: str) -> str:
    return settings.SK_NOMOR_POLA.format(urut=urut, tahun=tahun, seri=seri)


def _lock(pk) -> SuratKeputusan:
    return SuratKeputusan.objects.select_for_update().get(pk=pk)


def _expect_draf(sk):
    if sk.status == StatusSK.DIAJUKAN:
        raise ValidationError(
            _("Draf ini sudah diajukan kepada Pejabat Penetap; ubah setelah dikembalikan.")
        )
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
    keluar = [u for u in found if u.arah == ArahMutasi.KELUAR]
    if keluar:
        raise ValidationError(
            _(
                "Mutasi keluar ditetapkan oleh instansi penerima, bukan dengan SK ini; catat "
                "nomor SK-nya pada usulan: %(u)s."
            )
            % {"u": ", ".join(u.kode for u in keluar)}
        )
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
                SuratKeputusanUsulan(
                    sk=sk,
                    usulan=u,
                    urutan=start + i,
                    tmt=u.tanggal_rencana,
                    formasi_tujuan_id=u.formasi_tujuan_id,
                )
                for i, u in enumerate(new)
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
    """Take a person out of a draft. From a correction: the letter it revokes decided their
    move, so publishing the correction cancels it (their proposal becomes Dibatalkan); only
    a move not yet carried out can be taken back this way."""
    sk = _lock(pk)
    _penyusun(user, sk, "ubah SK")
    _expect_draf(sk)
    link = sk.baris.select_related("usulan").filter(usulan_id=usulan_pk).first()
    if link is None:
        return sk
    if link.asal_baris_id and link.usulan.status != StatusUsulan.DITETAPKAN:
        raise ValidationError(
            _(
                "%(u)s sudah melapor di tempat baru; pemindahannya tidak dapat dibatalkan "
                "dengan SK pembetulan."
            )
            % {"u": link.usulan.kode}
        )
    link.delete()
    log("mutasi.sk.usulan_dikeluarkan", user, sk, usulan=usulan_pk)
    return sk


@transaction.atomic
def cantumkan_kembali(pk, user, usulan_pk) -> SuratKeputusan:
    """Put back into a correction a person of the revoked letter taken out before."""
    sk = _lock(pk)
    _penyusun(user, sk, "ubah SK")
    _expect_draf(sk)
    if sk.mencabut_id is None:
        raise ValidationError(_("Hanya SK pembetulan yang menyatakan kembali isi SK lain."))
    asal = sk.mencabut.baris.filter(usulan_id=usulan_pk, aktif=True).first()
    if asal is None:
        raise ValidationError(_("Pegawai ini tidak tercantum dalam SK yang dicabut."))
    if not sk.baris.filter(usulan_id=usulan_pk).exists():
        _nyatakan_kembali(sk, [asal], start=sk.baris.count() + 1)
        log("mutasi.sk.usulan_ditambah", user, sk, usulan=[usulan_pk])
    return sk


@transaction.atomic
def ubah_baris(pk, user, usulan_pk, *, tmt, formasi_tujuan=None) -> SuratKeputusanUsulan:
    """Change one person's TMT in a draft, and in a correction their target post."""
    sk = _lock(pk)
    _penyusun(user, sk, "ubah SK")
    _expect_draf(sk)
    link = sk.baris.select_for_update().select_related("usulan").filter(usulan_id=usulan_pk)
    link = link.first()
    if link is None:
        raise ValidationError(_("Usulan ini tidak tercantum dalam draf SK ini."))
    changed = {}
    if tmt != link.tmt:
        changed["tmt"] = (link.tmt.isoformat(), tmt.isoformat())
        link.tmt = tmt
    new_target = formasi_tujuan.pk if formasi_tujuan else link.formasi_tujuan_id
    if new_target != link.formasi_tujuan_id:
        if not link.asal_baris_id:
            raise ValidationError(
                _(
                    "Tujuan ditetapkan oleh keputusan atas usulan; hanya SK pembetulan yang "
                    "dapat mengubahnya."
                )
            )
        if link.usulan.status != StatusUsulan.DITETAPKAN:
            raise ValidationError(_("Pegawai ini sudah melapor di tempat baru."))
        if link.usulan.formasi_tujuan_id is None:
            raise ValidationError(
                _("Tujuan di luar pemerintah daerah tidak dapat diganti di sini.")
            )
        changed["formasi_tujuan"] = (link.formasi_tujuan_id, new_target)
        link.formasi_tujuan = formasi_tujuan
    if changed:
        link.save(update_fields=["tmt", "formasi_tujuan"])
        log(
            "mutasi.sk.baris_diubah",
            user,
            sk,
            usulan=usulan_pk,
            **{k: v[1] for k, v in changed.items()},
        )
    return link


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

    It starts as a copy of the revoked letter's texts and rows; BKD corrects what was wrong:
    texts, a person's TMT or target post, a person taken out (their move is then cancelled),
    approved proposals added; and says why. The revoked letter stays valid until the
    correction is published.
    """
    asal = _lock(pk)
    _penyusun(user, asal, "susun SK pembetulan")
    if not asal.terbit:
        raise ValidationError(_("Hanya SK yang sudah terbit yang dapat dicabut."))
    if asal.dicabut:
        raise ValidationError(_("SK ini sudah dicabut."))
    draf = (
        SuratKeputusan.objects.filter(mencabut=asal)
        .filter(status__in=[StatusSK.DRAF, StatusSK.DIAJUKAN])
        .first()
    )
    if draf is not None:
        raise ValidationError(_("Sudah ada draf pembetulan untuk SK ini (%(d)s).") % {"d": draf})
    values = {name: getattr(asal, name) for name in KOLOM_DRAF} | {
        "alasan_pembetulan": "",
        "alasan_tmt_surut": "",
    }
    sk = SuratKeputusan.objects.create(dibuat_oleh=user, seri=asal.seri, mencabut=asal, **values)
    _nyatakan_kembali(sk, asal.baris.filter(aktif=True).order_by("urutan", "pk"), start=1)
    log("mutasi.sk.dibuat", user, sk, mencabut=asal.nomor)
    return sk


def _nyatakan_kembali(sk, rows, start):
    """Restate rows of the revoked letter in correction ``sk``. They stay inactive (the
    revoked letter holds the proposals) until the correction is published."""
    SuratKeputusanUsulan.objects.bulk_create(
        SuratKeputusanUsulan(
            sk=sk,
            usulan_id=row.usulan_id,
            urutan=start + i,
            aktif=False,
            asal_baris=row,
            tmt=row.tmt,
            formasi_tujuan_id=row.formasi_tujuan_id,
            dilaksanakan_pada=row.dilaksanakan_pada,
        )
        for i, row in enumerate(rows)
    )


def siap_diajukan(sk) -> list[str]:
    """What still keeps a draft from going to the official (checked again at publication)."""
    problems = []
    links = list(sk.baris.all())
    if not links:
        problems.append(_("SK ini belum berisi usulan."))
    if sk.mencabut_id and not sk.alasan_pembetulan.strip():
        problems.append(_("Alasan pembetulan belum ditulis."))
    today = timezone.localdate()
    if any(x.tmt < today and not x.dilaksanakan_pada for x in links) and not (
        sk.alasan_tmt_surut.strip()
    ):
        problems.append(_("Ada TMT sebelum hari ini: alasan TMT sebelum tanggal SK belum ditulis."))
    return problems


@transaction.atomic
def ajukan(pk, user) -> SuratKeputusan:
    """BKD submits a composed draft to the official, who publishes it or returns it."""
    sk = _lock(pk)
    _penyusun(user, sk, "ajukan SK")
    _expect_draf(sk)
    problems = siap_diajukan(sk)
    if problems:
        raise ValidationError(_("Draf belum dapat diajukan: %(p)s") % {"p": " ".join(problems)})
    sk.status = StatusSK.DIAJUKAN
    sk.diajukan_oleh, sk.diajukan_pada = user, timezone.now()
    sk.catatan_pengembalian = ""
    sk.save()
    log("mutasi.sk.diajukan", user, sk)
    notify(
        users_with_role(*PENETAP).exclude(pk=sk.dibuat_oleh_id),
        _("Draf SK menunggu penetapan Anda"),
        _("%(j)s: %(n)s pegawai.") % {"j": sk.judul, "n": sk.baris.count()},
        sk,
    )
    return sk


@transaction.atomic
def kembalikan(pk, user, catatan: str) -> SuratKeputusan:
    """The official sends a submitted draft back to BKD with what to change."""
    sk = _lock(pk)
    if not has_role(user, *PENETAP):
        refuse(user, sk, "kembalikan SK", _("Hanya Pejabat Penetap yang dapat mengembalikan."))
    if sk.status != StatusSK.DIAJUKAN:
        raise ValidationError(_("Hanya draf yang sudah diajukan yang dapat dikembalikan."))
    if not catatan.strip():
        raise ValidationError(_("Tuliskan catatan: apa yang harus diperbaiki."))
    sk.status, sk.catatan_pengembalian = StatusSK.DRAF, catatan.strip()
    sk.save()
    log("mutasi.sk.dikembalikan", user, sk, catatan=sk.catatan_pengembalian)
    notify(
        [sk.dibuat_oleh, *([sk.diajukan_oleh] if sk.diajukan_oleh_id else [])],
        _("Draf SK dikembalikan untuk diperbaiki"),
        sk.catatan_pengembalian,
        sk,
    )
    return sk


def _antrekan_render(pk):
    from mutasi.sk.tasks import render_sk

    transaction.on_commit(lambda: render_sk.enqueue(pk))


@transaction.atomic
def render_ulang(pk, user) -> SuratKeputusan:
    """BKD queues the PDF again (after a failure, or to replace a lost file)."""
    sk = _lock(pk)
    _penyusun(user, sk, "render ulang SK")
    if not sk.terbit:
        raise ValidationError(_("PDF hanya dibuat untuk SK yang sudah terbit."))
    _belum_ditandatangani(sk)
    if sk.render_status in (StatusRender.MENUNGGU, StatusRender.DIPROSES) and sk.render_percobaan:
        raise ValidationError(_("PDF SK ini sedang dibuat; tunggu sebentar."))
    sk.render_status, sk.render_error = StatusRender.MENUNGGU, ""
    sk.save(update_fields=["render_status", "render_error", "updated"])
    log("mutasi.sk.render_ulang", user, sk)
    _antrekan_render(sk.pk)
    return sk


def _belum_ditandatangani(sk):
    # The signed file is the letter: made again, it would lose its signature.
    if sk.ditandatangani:
        raise ValidationError(
            _("SK ini sudah ditandatangani secara elektronik; PDF-nya tidak dibuat ulang.")
        )


def buat_pdf(pk) -> SuratKeputusan:
    """Render the published letter to its PDF file and store the file's SHA-256.

    Run by the background task. A failure is recorded on the letter (state, error,
    attempts) and re-raised so the task backend records it too.
    """
    with transaction.atomic():
        sk = _lock(pk)
        if not sk.terbit:
            raise ValidationError(_("PDF hanya dibuat untuk SK yang sudah terbit."))
        _belum_ditandatangani(sk)
        sk.render_status = StatusRender.DIPROSES
        sk.render_percobaan += 1
        sk.save(update_fields=["render_status", "render_percobaan", "updated"])
    try:
        data = pdf.render_pdf(sk)
        extracts = petikan.render(sk)
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
        petikan.simpan(extracts)
        log("mutasi.sk.pdf_selesai", None, sk, sha256=sk.sha256, ukuran=len(data))
        if old and old != sk.berkas.name:
            storage = sk.berkas.storage
            transaction.on_commit(lambda: storage.delete(old))
    return sk
