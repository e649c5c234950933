"""Publishing a letter: every rule checked again on the day, the gap-free number, and what was
decided copied onto its rows so the letter never drifts.

Publishing locks the draft, then its proposals, then the number counter of its series and
year, so concurrent publications receive distinct, consecutive numbers and a failed one gives
its number back."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log, refuse
from mutasi.models import (
    NomorSurat,
    StatusRender,
    StatusSK,
    SuratKeputusan,
    SuratKeputusanUsulan,
    TahapKeputusan,
    Usulan,
)
from mutasi.notifikasi import notify, users_with_role
from mutasi.sk import pdf
from mutasi.sk.services import PENETAP, _antrekan_render, _expect_draf, _lock, format_nomor
from mutasi.usulan import eligibility, jejak, kursi
from mutasi.usulan.choices import StatusUsulan
from pegawai.access import Role, has_role


def nomor_berikutnya(sk) -> str:
    """The number publication would give now (another publication may take it first)."""
    today = timezone.localdate()
    last = (
        NomorSurat.objects.filter(seri=sk.seri, tahun=today.year)
        .values_list("terakhir", flat=True)
        .first()
    )
    return format_nomor((last or 0) + 1, today.year, sk.seri)


def versi(sk) -> str:
    """Which submission of the draft a page showed: each return and new submission changes it."""
    return sk.diajukan_pada.isoformat() if sk.diajukan_pada else ""


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
def terbitkan(pk, user, dilihat=None, nomor=None) -> SuratKeputusan:
    """The official publishes a draft: number, date, proposals Ditetapkan, PDF queued.

    Everything is checked again first, as of today: each new proposal's rules and seat (the
    target formasi locked), each restated person's standing; a TMT before today needs a
    stated reason; a correction needs its reason. Then the letter and its rows are copied as
    they stand, so nothing published changes afterwards.

    From the letter's page, ``dilihat`` is the submission the official read (its
    ``diajukan_pada``) and ``nomor`` the number they confirmed: a draft returned, changed and
    submitted again since, or a number another letter took meanwhile, is refused, so nobody
    publishes what they did not see.
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
    if dilihat is not None and dilihat != versi(sk):
        raise ValidationError(
            _(
                "Draf ini diajukan lagi oleh BKD sejak halaman Anda dibuka, isinya mungkin "
                "berubah. Periksa pratinjaunya sekali lagi, lalu terbitkan."
            )
        )
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
        # A person dropped stays where they are: in a seat the letter had given back.
        kursi.pastikan_tetap([row.usulan for row in dropped])
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
        # A PPPK's contract and everyone's retirement are checked at this TMT.
        usulan[link.usulan_id].tmt_sk = link.tmt
        problems += _periksa_ulang(usulan[link.usulan_id])
    for link in restated:
        usulan[link.usulan_id].tmt_sk = link.tmt
        rules = eligibility.SYARAT_PELAKSANAAN
        if link in moved:
            # Another post is another move: not into one a move could not go to (a demotion).
            rules = (*rules, *eligibility.SYARAT_JABATAN_TUJUAN)
        if usulan[link.usulan_id].status == StatusUsulan.DITETAPKAN or link in moved:
            problems += _periksa_ulang(usulan[link.usulan_id], rules)
    _tolak(_("syarat tidak terpenuhi —"), problems)

    sk.tahun = today.year
    sk.urut = _nomor_berikut(sk.seri, sk.tahun)
    sk.nomor = format_nomor(sk.urut, sk.tahun, sk.seri)
    if nomor is not None and nomor != sk.nomor:
        raise ValidationError(
            _(
                "Nomor %(n)s sudah dipakai SK lain sejak halaman Anda dibuka; SK ini akan "
                "mendapat nomor %(m)s. Periksa lalu terbitkan lagi."
            )
            % {"n": nomor or "—", "m": sk.nomor}
        )
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
    # An incoming move's old post is in another government, recorded as text.
    asal_opd = usulan.unit_asal.perangkat_daerah if usulan.unit_asal_id else None
    opd = formasi.unit.perangkat_daerah if formasi else None
    return {
        "nama": pegawai.nama_lengkap,
        "nip": pegawai.nip,
        # A PPPK has no pangkat: the letter's column reads "PPPK golongan IX".
        "pangkat": pegawai.pangkat_golongan if pegawai.pppk else pegawai.pangkat,
        "golongan": "" if pegawai.pppk else pegawai.get_golongan_display(),
        "jabatan_lama": usulan.jabatan_asal.nama if asal_opd else usulan.asal_jabatan,
        "unit_lama": usulan.unit_asal.nama if asal_opd else usulan.asal_unit,
        "opd_lama": asal_opd.nama if asal_opd else usulan.asal_instansi,
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
