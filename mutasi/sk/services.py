"""Decision letters (SK): compose a draft, publish it with its number, render it, implement it.

Each operation is one transaction in the pattern of ``mutasi.usulan.services``: lock the rows, check
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
from mutasi.models import (
    NomorSurat,
    Spmt,
    StatusRender,
    StatusSK,
    SuratKeputusan,
    SuratKeputusanUsulan,
    TahapKeputusan,
    Usulan,
)
from mutasi.notifikasi import notify, users_with_role
from mutasi.sk import pdf, petikan
from mutasi.usulan import eligibility, jejak, kursi
from mutasi.usulan.choices import StatusUsulan
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


def nomor_berikutnya(sk) -> str:
    """The number publication would give now (another publication may take it first)."""
    today = timezone.localdate()
    last = (
        NomorSurat.objects.filter(seri=sk.seri, tahun=today.year)
        .values_list("terakhir", flat=True)
        .first()
    )
    return format_nomor((last or 0) + 1, today.year, sk.seri)


def _nomor_berikut(seri: str, tahun: int) -> int:
    """The next number of the series and year; the counter row stays locked until commit."""
    # ON CONFLICT DO NOTHING: a concurrent first publication of the year waits, then skips.
    NomorSurat.objects.bulk_create([NomorSurat(seri=seri, tahun=tahun)], ignore_conflicts=True)
    counter = NomorSurat.objects.select_for_update().get(seri=seri, tahun=tahun)
    counter.terakhir += 1
    counter.save(update_fields=["terakhir"])
    return counter.terakhir


def _tolak(pesan: str, items) -> None:
    if items:
        raise ValidationError(
            _("SK belum dapat diterbitkan: %(p)s") % {"p": pesan + " " + "; ".join(items) + "."}
        )


def _periksa_ulang(usulan, rules=None) -> list[str]:
    """The blocking rules of ``usulan`` as of today, each as 'CODE: rule: fact'."""
    syarat = eligibility.periksa(usulan)
    if rules is not None:
        syarat = [s for s in syarat if s.kode in rules]
    return [f"{usulan.kode}: {s.nama}: {s.fakta}" for s in eligibility.menghalangi(syarat)]


@transaction.atomic
def terbitkan(pk, user) -> SuratKeputusan:
    """The official publishes a draft: number, date, proposals Ditetapkan, PDF queued.

    Everything is checked again first, as of today: each new proposal's rules and seat (the
    target formasi locked), each restated person's standing; a TMT before today needs a
    stated reason; a correction needs its reason. Then the letter and its rows are copied as
    they stand, so nothing published changes afterwards.
    """
    sk = _lock(pk)
    if not has_role(user, *PENETAP):
        refuse(user, sk, "terbitkan SK", _("Hanya Pejabat Penetap yang dapat menerbitkan SK."))
    if sk.dibuat_oleh_id == user.pk:
        refuse(user, sk, "terbitkan SK", _("Anda tidak dapat menerbitkan SK yang Anda susun."))
    if sk.status == StatusSK.DRAF:
        raise ValidationError(_("Draf ini belum diajukan oleh BKD untuk ditetapkan."))
    if sk.status != StatusSK.DIAJUKAN:
        _expect_draf(sk)
    revoked = None
    if sk.mencabut_id is not None:
        revoked = _lock(sk.mencabut_id)
        if not revoked.terbit or revoked.dicabut:
            raise ValidationError(
                _("SK %(n)s sudah dicabut oleh SK lain; draf pembetulan ini tidak berlaku lagi.")
                % {"n": revoked.nomor}
            )
        if not sk.alasan_pembetulan.strip():
            raise ValidationError(
                _("Tuliskan alasan pembetulan: apa yang keliru pada SK %(n)s.")
                % {"n": revoked.nomor}
            )
    links = list(sk.baris.order_by("urutan", "pk"))
    if not links:
        raise ValidationError(_("SK ini belum berisi usulan."))
    usulan = {
        u.pk: u
        for u in Usulan.objects.select_for_update(of=("self",))
        .select_related("pegawai", "formasi_tujuan__jabatan", "jabatan_asal", "unit_asal")
        .filter(pk__in=[link.usulan_id for link in links])
        .order_by("pk")
    }
    new = [link for link in links if not link.asal_baris_id]
    restated = [link for link in links if link.asal_baris_id]
    _tolak(
        _("usulan berikut tidak lagi berstatus Disetujui:"),
        [
            f"{usulan[x.usulan_id].kode} ({usulan[x.usulan_id].get_status_display()})"
            for x in new
            if usulan[x.usulan_id].status != StatusUsulan.DISETUJUI
        ],
    )
    elsewhere = SuratKeputusanUsulan.objects.filter(
        usulan__in=[x.usulan_id for x in new], aktif=True, sk__status=StatusSK.TERBIT
    ).exclude(sk=sk)
    if elsewhere.exists():
        raise ValidationError(
            _("SK belum dapat diterbitkan: sebagian usulan sudah ada di SK lain.")
        )
    kept = {x.usulan_id for x in restated}
    dropped = []
    if revoked is not None:
        dropped = [
            row
            for row in revoked.baris.select_related("usulan").filter(aktif=True)
            if row.usulan_id not in kept
        ]
        _tolak(
            _("pegawai berikut sudah melapor di tempat baru dan tidak dapat dikeluarkan:"),
            [row.usulan.kode for row in dropped if row.usulan.status != StatusUsulan.DITETAPKAN],
        )
    today = timezone.localdate()
    surut = [x for x in links if x.tmt < today and not x.dilaksanakan_pada]
    if surut and not sk.alasan_tmt_surut.strip():
        raise ValidationError(
            _("TMT %(u)s jatuh sebelum hari ini: tuliskan alasan TMT sebelum tanggal SK.")
            % {"u": ", ".join(usulan[x.usulan_id].kode for x in surut)}
        )

    # Re-check as of today, the target formasi locked in a fixed order (no deadlocks).
    moved = [x for x in restated if x.formasi_tujuan_id != usulan[x.usulan_id].formasi_tujuan_id]
    for link in sorted(new + moved, key=lambda x: x.formasi_tujuan_id or 0):
        item = usulan[link.usulan_id]
        if link in moved:
            item.formasi_tujuan = link.formasi_tujuan  # the seat it is to take
        kursi.pastikan(item)
    problems = []
    for link in new:
        problems += _periksa_ulang(usulan[link.usulan_id])
    for link in restated:
        if usulan[link.usulan_id].status == StatusUsulan.DITETAPKAN or link in moved:
            problems += _periksa_ulang(usulan[link.usulan_id], eligibility.SYARAT_PELAKSANAAN)
    _tolak(_("syarat tidak terpenuhi —"), problems)

    sk.tahun = today.year
    sk.urut = _nomor_berikut(sk.seri, sk.tahun)
    sk.nomor = format_nomor(sk.urut, sk.tahun, sk.seri)
    sk.tanggal_terbit = today
    sk.status = StatusSK.TERBIT
    sk.diterbitkan_oleh, sk.diterbitkan_pada = user, timezone.now()
    sk.render_status, sk.render_error = StatusRender.MENUNGGU, ""
    sk.kop = pdf.kop()
    sk.save()
    if revoked is not None:
        revoked.baris.filter(aktif=True).update(aktif=False)
        SuratKeputusanUsulan.objects.filter(pk__in=[x.pk for x in restated]).update(aktif=True)
        log(
            "mutasi.sk.dicabut",
            user,
            revoked,
            oleh=sk.nomor,
            oleh_id=sk.pk,
            alasan=sk.alasan_pembetulan,
        )
    for link in moved:
        item = Usulan.objects.get(pk=link.usulan_id)
        before = item.formasi_tujuan_id
        item.formasi_tujuan_id = link.formasi_tujuan_id
        item.save(update_fields=["formasi_tujuan", "updated"])
        log(
            "mutasi.usulan.tujuan_diubah",
            user,
            item,
            dari_formasi=before,
            ke_formasi=link.formasi_tujuan_id,
            sk=sk.nomor,
            sk_id=sk.pk,
        )
    for row in dropped:
        item = Usulan.objects.get(pk=row.usulan_id)
        item.batalkan_penetapan()
        item.save()
        catatan = _("Tidak dinyatakan kembali dalam SK pembetulan %(n)s: %(a)s") % {
            "n": sk.nomor,
            "a": sk.alasan_pembetulan,
        }
        log(
            "mutasi.usulan.dibatalkan",
            user,
            item,
            dari=StatusUsulan.DITETAPKAN,
            ke=item.status,
            catatan=catatan,
            sk=sk.nomor,
            sk_id=sk.pk,
        )
        _kabari_pegawai(item, _("Pemindahan Anda dibatalkan"), catatan)
    for link in new:
        item = usulan[link.usulan_id]
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
    for link in new + moved:
        item = Usulan.objects.select_related(
            "pegawai",
            "formasi_tujuan__jabatan",
            "formasi_tujuan__unit__perangkat_daerah",
            "jabatan_asal",
            "unit_asal__perangkat_daerah",
        ).get(pk=link.usulan_id)
        jejak.simpan(item, TahapKeputusan.PENETAPAN, user, sk=sk.nomor, tmt=link.tmt.isoformat())
    salin_baris(sk)
    log("mutasi.sk.diterbitkan", user, sk, nomor=sk.nomor, usulan=[x.usulan_id for x in links])
    recipients = [sk.dibuat_oleh, *users_with_role(Role.OPERATOR_BKD)]
    notify(recipients, _("SK %(n)s diterbitkan") % {"n": sk.nomor}, sk.judul)
    for link in new + moved:
        _kabari_pegawai(
            usulan[link.usulan_id],
            _("SK pemindahan Anda diterbitkan"),
            _("SK %(n)s tanggal %(d)s: Anda dipindahkan terhitung mulai tanggal %(t)s.")
            % {
                "n": sk.nomor,
                "d": pdf.tanggal_indonesia(today),
                "t": pdf.tanggal_indonesia(link.tmt),
            },
        )
    _antrekan_render(sk.pk)
    _antrekan_pengingat(min(x.tmt for x in links))
    return sk


def _antrekan_pengingat(day):
    """A run of ``ingatkan_pelaksanaan`` on the first TMT of a letter, where the task
    backend can defer; the daily run (``kirim_pengingat_evaluasi``) catches the rest."""
    from mutasi.sk.tasks import ingatkan_pelaksanaan as task

    if not task.get_backend().supports_defer:
        return
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(7)))
    transaction.on_commit(lambda: task.using(run_after=moment).enqueue())


def _kabari_pegawai(usulan, judul, pesan):
    account = getattr(usulan.pegawai, "user", None)
    if account is not None:
        notify([account], judul, pesan, usulan)


def salin_baris(sk) -> None:
    """Copy each row of ``sk`` as it is printed now (names, rank, posts, type and reason)."""
    salin(sk.baris.all())


def salin(rows, batch=2000) -> None:
    """Copy letter rows as they read now, in batches (the demo copies thousands)."""
    rows = rows.select_related(
        "usulan__pegawai",
        "usulan__jabatan_asal",
        "usulan__unit_asal__perangkat_daerah",
        "formasi_tujuan__jabatan",
        "formasi_tujuan__unit__perangkat_daerah",
    ).order_by("pk")
    links = []
    for link in rows.iterator(chunk_size=batch):
        for name, value in baris_langsung(link).items():
            setattr(link, name, value)
        links.append(link)
        if len(links) >= batch:
            SuratKeputusanUsulan.objects.bulk_update(links, KOLOM_SALINAN)
            links = []
    if links:
        SuratKeputusanUsulan.objects.bulk_update(links, KOLOM_SALINAN)


KOLOM_SALINAN = (
    "nama",
    "nip",
    "pangkat",
    "golongan",
    "jabatan_lama",
    "unit_lama",
    "opd_lama",
    "jabatan_baru",
    "unit_baru",
    "opd_baru",
    "opd_baru_singkatan",
    "perangkat_daerah_lama",
    "perangkat_daerah_baru",
    "jenis",
    "alasan",
    "alasan_publik",
)


def baris_langsung(link) -> dict:
    """A row as it would be printed today, from the live records (drafts show this)."""
    usulan, pegawai = link.usulan, link.usulan.pegawai
    formasi = link.formasi_tujuan
    asal_opd = usulan.unit_asal.perangkat_daerah
    opd = formasi.unit.perangkat_daerah if formasi else None
    return {
        "nama": pegawai.nama_lengkap,
        "nip": pegawai.nip,
        "pangkat": pegawai.pangkat,
        "golongan": pegawai.get_golongan_display(),
        "jabatan_lama": usulan.jabatan_asal.nama,
        "unit_lama": usulan.unit_asal.nama,
        "opd_lama": asal_opd.nama,
        "jabatan_baru": formasi.jabatan.nama if formasi else "",
        "unit_baru": formasi.unit.nama if formasi else usulan.tujuan_luar,
        "opd_baru": opd.nama if opd else "",
        "opd_baru_singkatan": (opd.singkatan or opd.nama) if opd else "",
        "perangkat_daerah_lama": asal_opd,
        "perangkat_daerah_baru": opd,
        "jenis": usulan.jenis,
        "alasan": usulan.alasan,
        "alasan_publik": usulan.alasan_publik,
    }


def ingatkan_pelaksanaan(today=None) -> list[int]:
    """Tell BKD once about each move whose TMT has come and that is not recorded yet: the
    hand-off from the letter to carrying it out. Run daily (and deferred to each TMT)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        due = list(
            SuratKeputusanUsulan.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                aktif=True,
                sk__status=StatusSK.TERBIT,
                usulan__status=StatusUsulan.DITETAPKAN,
                tmt__lte=today,
                diingatkan_pada__isnull=True,
            )
            .select_related("sk", "usulan__pegawai")
            .order_by("tmt", "pk")
        )
        operators = list(users_with_role(*PENYUSUN))
        heads = users_with_role(Role.KEPALA_OPD)
        for link in due:
            notify(
                operators,
                _("Siap dicatat pelaksanaannya: %(p)s") % {"p": link.usulan.pegawai.nama},
                _("TMT menurut SK %(n)s: %(t)s. Catat tanggal pegawai melapor di tempat baru.")
                % {"n": link.sk.nomor, "t": pdf.tanggal_indonesia(link.tmt)},
                link.usulan,
            )
            if link.perangkat_daerah_baru_id:
                # The receiving head issues the SPMT (mutasi.sk.spmt).
                notify(
                    heads.filter(perangkat_daerah_id=link.perangkat_daerah_baru_id),
                    _("Terbitkan SPMT: %(p)s") % {"p": link.usulan.pegawai.nama},
                    _(
                        "TMT menurut SK %(n)s: %(t)s. Terbitkan SPMT pada tanggal pegawai "
                        "mulai melaksanakan tugas di perangkat daerah Anda."
                    )
                    % {"n": link.sk.nomor, "t": pdf.tanggal_indonesia(link.tmt)},
                    link.usulan,
                )
        SuratKeputusanUsulan.objects.filter(pk__in=[x.pk for x in due]).update(
            diingatkan_pada=timezone.now()
        )
    return [x.pk for x in due]


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


@transaction.atomic
def laksanakan(pk, usulan_pk, user, tanggal: datetime.date, nomor_spmt: str = "") -> Usulan:
    """BKD records the SPMT the receiving head signed on paper (or for a move out of this
    government): the employee reported on ``tanggal``; move them and close the move. The
    head issues it in the app with ``mutasi.sk.spmt.terbitkan``."""
    sk = _lock(pk)
    if not has_role(user, *PENYUSUN):
        refuse(user, sk, "laksanakan", _("Hanya Operator BKD yang mencatat pelaksanaan."))
    return jalankan(sk, usulan_pk, user, tanggal, {"nomor": nomor_spmt, "dicatat_bkd": True})


def jalankan(sk, usulan_pk, user, tanggal, spmt: dict) -> Usulan:
    """Carry out a move on its SPMT (``spmt``: the SPMT's fields), ``sk`` locked, the
    actor's right checked by the caller. The SPMT's date is the actual TMT."""
    if not sk.terbit:
        raise ValidationError(_("SK ini belum terbit."))
    link = sk.baris.select_for_update().filter(usulan_id=usulan_pk, aktif=True).first()
    if link is None:
        raise ValidationError(_("Usulan ini tidak tercantum dalam SK ini."))
    usulan = (
        Usulan.objects.select_for_update(of=("self",))
        .select_related(
            "pegawai",
            "formasi_tujuan__unit__perangkat_daerah",
            "formasi_tujuan__jabatan",
            "jabatan_asal",
            "unit_asal__perangkat_daerah",
        )
        .get(pk=usulan_pk)
    )
    if usulan.status != StatusUsulan.DITETAPKAN:
        raise ValidationError(
            _("Usulan ini berstatus %(s)s; pelaksanaannya tidak dapat dicatat lagi.")
            % {"s": usulan.get_status_display()}
        )
    today = timezone.localdate()
    if today < link.tmt:
        raise ValidationError(
            _("Pelaksanaan baru dapat dicatat mulai TMT (%(d)s).")
            % {"d": pdf.tanggal_indonesia(link.tmt)}
        )
    if tanggal < link.tmt or tanggal > today:
        raise ValidationError(
            _("Tanggal melapor harus antara TMT (%(a)s) dan hari ini.")
            % {"a": pdf.tanggal_indonesia(link.tmt)}
        )
    blocking = _periksa_ulang(usulan, eligibility.SYARAT_PELAKSANAAN)
    if blocking:
        raise ValidationError(
            _("Pelaksanaan tidak dapat dicatat: %(p)s.") % {"p": "; ".join(blocking)}
        )
    # The checklist as it stood when the move was carried out, before the employee moves.
    checked = [s for s in eligibility.periksa(usulan) if s.kode in eligibility.SYARAT_PELAKSANAAN]
    jejak.simpan(
        usulan,
        TahapKeputusan.PELAKSANAAN,
        user,
        syarat=checked,
        sk=sk.nomor,
        tanggal=tanggal.isoformat(),
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
    Spmt.objects.create(baris=link, tanggal_melapor=tanggal, diterbitkan_oleh=user, **spmt)
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
    # reported (their new TMT jabatan), in this transaction (docs/domain.md §9).
    from evaluasi.services import jadwalkan

    jadwalkan(usulan, tanggal)
    return usulan
