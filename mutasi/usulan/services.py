"""Operations on mutation proposals: every change of a proposal goes through here.

Each state change is one transaction: lock the row, check the role and the conditions,
change the state, write the audit log, notify whoever must act next (pretix's
``_cancel_order`` pattern). Two people acting at once on the same proposal: the second
waits for the lock, then finds the state changed and gets a clear message.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log, refuse
from mutasi.ketentuan.choices import KunciKetentuan
from mutasi.laporan import lama
from mutasi.lib.tanggal import tanggal_jam
from mutasi.models import (
    Dokumen,
    PenilaianPanel,
    TahapKeputusan,
    Usulan,
)
from mutasi.notifikasi import notify, users_with_role
from mutasi.usulan import aturan, eligibility, jejak, kursi, tujuan
from mutasi.usulan.choices import (
    STATUS_TERBUKA,
    ArahMutasi,
    JenisDokumen,
    KategoriAlasan,
    Rekomendasi,
    SikapPegawai,
    StatusDokumen,
    StatusUsulan,
)
from mutasi.usulan.dokumen import jenis_isi
from mutasi.usulan.masuk import MASUK_TIDAK_DIUBAH
from pegawai.access import GOVERNMENT_WIDE, OPD_ROLES, Role, roles_of


def _lock(pk) -> Usulan:
    return Usulan.objects.select_for_update().select_related("pegawai").get(pk=pk)


def _expect(usulan, *states):
    if usulan.status not in states:
        raise ValidationError(
            _("Usulan ini sekarang berstatus %(s)s; tindakan itu tidak berlaku lagi.")
            % {"s": usulan.get_status_display()}
        )


def _transition(usulan, method, user, catatan="", **data):
    before = usulan.status
    getattr(usulan, method)()
    usulan.save()
    log(
        f"mutasi.usulan.{usulan.status}",
        user,
        usulan,
        dari=before,
        ke=usulan.status,
        catatan=catatan,
        **data,
    )


def _about_themselves(user, pegawai_id) -> bool:
    """Separation of duties (docs/domain.md §2): about themselves, staff only consent or object."""
    return user.pegawai_id == pegawai_id and bool(roles_of(user) & (GOVERNMENT_WIDE | OPD_ROLES))


def may_file_for(user, pegawai, formasi_tujuan) -> bool:
    """OPD: its own employee leaving, or anyone into its vacancy; BKD: anything; ASN: self."""
    roles = roles_of(user)
    if _about_themselves(user, pegawai.pk):
        return False
    if Role.OPERATOR_BKD in roles or Role.ADMIN in roles:
        return True
    if roles & OPD_ROLES and user.perangkat_daerah_id:
        if pegawai.unit.perangkat_daerah_id == user.perangkat_daerah_id:
            return True
        if formasi_tujuan and formasi_tujuan.unit.perangkat_daerah_id == user.perangkat_daerah_id:
            return True
    return Role.ASN in roles and user.pegawai_id == pegawai.pk


@transaction.atomic
def buat_usulan(user, pegawai, **fields) -> Usulan:
    """File a draft proposal; origin is taken from the employee's current post."""
    formasi = fields.get("formasi_tujuan")
    if not may_file_for(user, pegawai, formasi):
        refuse(
            user, pegawai, "buat usulan", _("Anda tidak berwenang mengusulkan mutasi pegawai ini.")
        )
    as_employee = not roles_of(user) & (GOVERNMENT_WIDE | OPD_ROLES)
    if as_employee:
        fields["alasan"] = KategoriAlasan.PERMINTAAN_SENDIRI
    # Who asked is a fact of the proposal: the employee filing, or the reason "own request".
    fields["permintaan_sendiri"] = (
        as_employee
        or fields.get("permintaan_sendiri", False)
        or fields.get("alasan") == KategoriAlasan.PERMINTAAN_SENDIRI
    )
    if Usulan.objects.filter(pegawai=pegawai, status__in=STATUS_TERBUKA).exists():
        raise ValidationError(_("Pegawai ini sudah memiliki usulan mutasi yang terbuka."))
    if Usulan.objects.filter(pegawai=pegawai, status=StatusUsulan.DITETAPKAN).exists():
        raise ValidationError(
            _(
                "Pegawai ini sudah ditetapkan pindah dalam SK yang belum dilaksanakan; usulan "
                "baru dapat dibuat setelah ia melapor di tempat baru."
            )
        )
    if formasi and formasi.unit_id == pegawai.unit_id and formasi.jabatan_id == pegawai.jabatan_id:
        raise ValidationError(_("Formasi tujuan sama dengan jabatan pegawai sekarang."))
    fields["arah"] = ArahMutasi.INTERNAL if formasi else ArahMutasi.KELUAR
    usulan = Usulan(
        pegawai=pegawai,
        unit_asal=pegawai.unit,
        jabatan_asal=pegawai.jabatan,
        dibuat_oleh=user,
        opd_pengusul_id=user.perangkat_daerah_id
        if roles_of(user) & OPD_ROLES
        else (pegawai.unit.perangkat_daerah_id if as_employee else None),
        **fields,
    )
    try:
        with transaction.atomic():
            usulan.save()
    except IntegrityError:
        raise ValidationError(_("Pegawai ini sudah memiliki usulan mutasi yang terbuka.")) from None
    log("mutasi.usulan.dibuat", user, usulan, ke=usulan.status)
    lama.mulai(usulan)
    return usulan


@transaction.atomic
def catat_pertek(pk, user, berkas=None, **fields) -> Usulan:
    """BKD records the Pertek request sent to BKN and, when it comes, its number, date, result
    and (``berkas``) BKN's letter, kept among the documents though filing did not need it."""
    usulan = _lock(pk)
    if not roles_of(user) & {Role.OPERATOR_BKD, Role.ADMIN}:
        refuse(user, usulan, "catat pertek", _("Hanya BKD yang mencatat pertimbangan teknis."))
    _expect(usulan, *STATUS_TERBUKA)
    if not usulan.perlu_pertek:
        raise ValidationError(_("Jenis mutasi ini tidak memerlukan pertimbangan teknis BKN."))
    for name, value in fields.items():
        setattr(usulan, name, value)
    if berkas is not None and not usulan.pertek_nomor:
        raise ValidationError(_("Lampirkan surat Pertek bersama nomor, tanggal dan hasilnya."))
    usulan.save()
    if berkas is not None:
        _simpan_dokumen(usulan, user, JenisDokumen.PERTEK, berkas, StatusDokumen.DITERIMA)
    log("mutasi.usulan.pertek_dicatat", user, usulan, hasil=usulan.pertek_hasil)
    return usulan


@transaction.atomic
def ubah_usulan(pk, user, **fields) -> Usulan:
    usulan = _lock(pk)
    aturan.pastikan("ubah", user, usulan)
    # A new target must be one the user could have filed for in the first place.
    if "formasi_tujuan" in fields and not may_file_for(
        user, usulan.pegawai, fields["formasi_tujuan"]
    ):
        refuse(user, usulan, "ubah", _("Anda tidak berwenang mengusulkan pegawai ini ke sana."))
    if usulan.masuk:
        raise ValidationError(MASUK_TIDAK_DIUBAH)
    tujuan.ganti(usulan, user, fields.get("formasi_tujuan", usulan.formasi_tujuan))
    for name, value in fields.items():
        setattr(usulan, name, value)
    usulan.arah = ArahMutasi.INTERNAL if usulan.formasi_tujuan_id else ArahMutasi.KELUAR
    if usulan.alasan == KategoriAlasan.PERMINTAAN_SENDIRI:
        usulan.permintaan_sendiri = True
    usulan.save()
    log("mutasi.usulan.diubah", user, usulan, kolom=sorted(fields))
    return usulan


def _check_rules(usulan):
    blocking = eligibility.menghalangi(eligibility.periksa(usulan))
    if blocking:
        names = "; ".join(f"{s.nama}: {s.fakta}" for s in blocking)
        raise ValidationError(
            _("Syarat belum terpenuhi (dan tidak ada pengecualian yang diberikan): %(s)s")
            % {"s": names}
        )


def _announce_to_employee(usulan) -> dict:
    """Tell the employee, with the objection window in force for this proposal now; its
    deadline is kept on the proposal, so a later change of the window never moves it.
    Returns what the submission's log records of it."""
    asal = usulan.jabatan_asal if usulan.jabatan_asal_id else usulan.pegawai.jabatan
    jendela = eligibility.ketentuan_usulan(usulan, asal, timezone.localdate())[
        KunciKetentuan.JENDELA_SIKAP_HARI
    ]
    usulan.diberitahukan_pada = timezone.now()
    usulan.batas_sikap = usulan.diberitahukan_pada + datetime.timedelta(days=jendela.nilai)
    account = getattr(usulan.pegawai, "user", None)
    if account:
        notify(
            [account],
            _("Ada usulan mutasi tentang Anda"),
            _(
                "Silakan baca usulannya dan nyatakan setuju atau keberatan paling lambat "
                "%(d)s (%(n)s hari)."
            )
            % {"d": tanggal_jam(usulan.batas_sikap), "n": jendela.nilai},
            usulan,
        )
    return {"batas_sikap": usulan.batas_sikap.isoformat(), "jendela_sikap": jendela.simpanan()}


@transaction.atomic
def ajukan(pk, user) -> Usulan:
    """Submit a draft: to BKD, or first to the agency head if the employee filed it."""
    usulan = _lock(pk)
    aturan.pastikan("ajukan", user, usulan)
    _check_rules(usulan)
    if usulan.dibuat_oleh_id == user.pk and not roles_of(user) & (GOVERNMENT_WIDE | OPD_ROLES):
        _transition(usulan, "minta_dukungan", user)
        heads = users_with_role(Role.KEPALA_OPD).filter(
            perangkat_daerah_id=usulan.unit_asal.perangkat_daerah_id
        )
        notify(heads, _("Permintaan mutasi menunggu persetujuan Anda"), str(usulan), usulan)
        return usulan
    return _submit_to_bkd(usulan, user)


def _submit_to_bkd(usulan, user, catatan=""):
    usulan.catatan_pengembalian = ""
    diberitahukan = {}
    if usulan.diajukan_pada is None:
        usulan.diajukan_pada = timezone.now()
        diberitahukan = _announce_to_employee(usulan)
    _transition(usulan, "ajukan", user, catatan, **diberitahukan)
    notify(
        users_with_role(Role.VERIFIKATOR_BKD),
        _("Usulan baru untuk diverifikasi"),
        str(usulan),
        usulan,
    )
    return usulan


@transaction.atomic
def dukung(pk, user, catatan="") -> Usulan:
    """The agency head endorses an employee's own request, which then goes to BKD."""
    usulan = _lock(pk)
    aturan.pastikan("dukung", user, usulan, _("menyetujui"))
    _check_rules(usulan)
    return _submit_to_bkd(usulan, user, catatan)


@transaction.atomic
def kembalikan(pk, user, catatan: str) -> Usulan:
    """Send back to draft with notes: the verifier (or the agency head for a request)."""
    usulan = _lock(pk)
    kode = "kembalikan_kepala" if usulan.status == StatusUsulan.MENUNGGU_KEPALA else "kembalikan"
    aturan.pastikan(kode, user, usulan, _("mengembalikan"))
    if not catatan.strip():
        raise ValidationError(_("Tuliskan catatan: apa yang harus diperbaiki."))
    usulan.catatan_pengembalian = catatan.strip()
    _transition(usulan, "kembalikan", user, catatan.strip())
    notify([usulan.dibuat_oleh], _("Usulan dikembalikan untuk diperbaiki"), catatan, usulan)
    return usulan


@transaction.atomic
def verifikasi(pk, user, catatan="") -> Usulan:
    usulan = _lock(pk)
    aturan.pastikan("verifikasi", user, usulan, _("memverifikasi"))
    pending = usulan.dokumen.exclude(status=StatusDokumen.DITERIMA)
    if pending.exists():
        names = ", ".join(d.get_jenis_display() for d in pending)
        raise ValidationError(_("Dokumen belum diterima semua: %(d)s.") % {"d": names})
    _check_rules(usulan)
    _transition(usulan, "verifikasi", user, catatan)
    jejak.simpan(usulan, TahapKeputusan.VERIFIKASI, user)
    notify(
        users_with_role(Role.TIM_PERTIMBANGAN),
        _("Usulan siap dipertimbangkan"),
        str(usulan),
        usulan,
    )
    return usulan


@transaction.atomic
def periksa_dokumen(dokumen_pk, user, status: str, catatan="") -> Dokumen:
    dokumen = Dokumen.objects.select_for_update().select_related("usulan").get(pk=dokumen_pk)
    usulan = dokumen.usulan
    aturan.pastikan("periksa", user, usulan, _("memeriksa"))
    if status not in (StatusDokumen.DITERIMA, StatusDokumen.PERBAIKI):
        raise ValidationError(_("Pilih diterima atau perlu diperbaiki."))
    if status == StatusDokumen.PERBAIKI and not catatan.strip():
        raise ValidationError(_("Tuliskan apa yang harus diperbaiki pada dokumen ini."))
    dokumen.status, dokumen.catatan = status, catatan.strip()
    dokumen.save(update_fields=["status", "catatan", "updated"])
    log("mutasi.dokumen.diperiksa", user, usulan, dokumen=dokumen.jenis, status=status)
    return dokumen


@transaction.atomic
def terima_semua_dokumen(pk, user) -> list[Dokumen]:
    """The verifier accepts every document still waiting (those marked for repair stay so),
    each logged as if accepted one by one."""
    usulan = _lock(pk)
    aturan.pastikan("periksa", user, usulan, _("memeriksa"))
    waiting = list(
        usulan.dokumen.select_for_update().filter(status=StatusDokumen.MENUNGGU).order_by("jenis")
    )
    for dokumen in waiting:
        dokumen.status, dokumen.catatan = StatusDokumen.DITERIMA, ""
        dokumen.save(update_fields=["status", "catatan", "updated"])
        log(
            "mutasi.dokumen.diperiksa",
            user,
            usulan,
            dokumen=dokumen.jenis,
            status=StatusDokumen.DITERIMA,
        )
    return waiting


@transaction.atomic
def unggah_dokumen(pk, user, jenis: str, uploaded) -> Dokumen:
    """Add or replace one document of a draft; its type is checked from its content."""
    usulan = _lock(pk)
    aturan.pastikan("unggah", user, usulan)
    if jenis not in JenisDokumen.values:
        raise ValidationError(_("Jenis dokumen tidak dikenal."))
    return _simpan_dokumen(usulan, user, jenis, uploaded)


def _simpan_dokumen(usulan, user, jenis, uploaded, status=StatusDokumen.MENUNGGU) -> Dokumen:
    """Keep ``uploaded`` as the proposal's document of ``jenis`` (replacing one before), its
    type read from its content."""
    tipe, _ext = jenis_isi(uploaded)
    old = usulan.dokumen.filter(jenis=jenis).first()
    if old:
        old_file = old.berkas
        old.delete()
        transaction.on_commit(lambda: old_file.storage.delete(old_file.name))
    dokumen = Dokumen(
        usulan=usulan,
        jenis=jenis,
        nama_asli=(uploaded.name or "berkas")[-200:],
        tipe=tipe,
        ukuran=uploaded.size,
        status=status,
        diunggah_oleh=user,
    )
    dokumen.berkas.save("berkas", uploaded, save=False)
    dokumen.save()
    log("mutasi.dokumen.diunggah", user, usulan, dokumen=jenis, nama=dokumen.nama_asli)
    return dokumen


@transaction.atomic
def catat_sikap(pk, user, sikap: str, alasan="") -> Usulan:
    """The employee's consent or objection, within the window after being notified."""
    usulan = _lock(pk)
    sikap_langkah = aturan.LANGKAH["sikap"]
    if not sikap_langkah.siapa_boleh(user, usulan):
        refuse(user, usulan, "sikap", str(sikap_langkah.pesan))
    batas = usulan.batas_sikap
    if batas is None:
        raise ValidationError(_("Usulan ini belum diajukan; sikap belum dapat dicatat."))
    if timezone.now() > batas:
        raise ValidationError(
            _("Batas waktu menyatakan sikap sudah lewat (%(d)s).") % {"d": tanggal_jam(batas)}
        )
    _expect(usulan, *aturan.DAPAT_DISIKAPI)
    if usulan.jawaban_keberatan:
        raise ValidationError(
            _("Keberatan Anda sudah dijawab Tim Pertimbangan; sikap tidak dapat diubah lagi.")
        )
    if sikap not in SikapPegawai.values:
        raise ValidationError(_("Pilih setuju atau keberatan."))
    if sikap == SikapPegawai.KEBERATAN and not alasan.strip():
        raise ValidationError(_("Tuliskan alasan keberatan Anda."))
    usulan.sikap, usulan.sikap_alasan, usulan.sikap_pada = sikap, alasan.strip(), timezone.now()
    usulan.jawaban_keberatan = ""
    usulan.save(
        update_fields=["sikap", "sikap_alasan", "sikap_pada", "jawaban_keberatan", "updated"]
    )
    log("mutasi.usulan.sikap", user, usulan, sikap=sikap)
    if sikap == SikapPegawai.KEBERATAN:
        notify(
            users_with_role(Role.TIM_PERTIMBANGAN),
            _("Pegawai menyatakan keberatan"),
            str(usulan),
            usulan,
        )
    return usulan


@transaction.atomic
def jawab_keberatan(pk, user, jawaban: str) -> Usulan:
    usulan = _lock(pk)
    aturan.pastikan("jawab", user, usulan, _("menjawab keberatan"))
    if usulan.sikap != SikapPegawai.KEBERATAN:
        raise ValidationError(_("Pegawai tidak menyatakan keberatan."))
    if not jawaban.strip():
        raise ValidationError(_("Tuliskan jawaban atas keberatan."))
    usulan.jawaban_keberatan = jawaban.strip()
    usulan.save(update_fields=["jawaban_keberatan", "updated"])
    log("mutasi.usulan.keberatan_dijawab", user, usulan, jawaban=usulan.jawaban_keberatan)
    account = getattr(usulan.pegawai, "user", None)
    if account:
        notify([account], _("Keberatan Anda telah dijawab"), usulan.jawaban_keberatan, usulan)
    return usulan


@transaction.atomic
def nilai(pk, user, skor: int, komentar: str) -> PenilaianPanel:
    usulan = _lock(pk)
    aturan.pastikan("nilai", user, usulan, _("menilai"))
    if not 1 <= int(skor) <= 5:
        raise ValidationError(_("Skor harus 1 sampai 5."))
    if not komentar.strip():
        raise ValidationError(_("Tuliskan komentar penilaian."))
    penilaian, _created = PenilaianPanel.objects.update_or_create(
        usulan=usulan, penilai=user, defaults={"skor": skor, "komentar": komentar.strip()}
    )
    log("mutasi.usulan.dinilai", user, usulan, skor=int(skor))
    return penilaian


@transaction.atomic
def rekomendasikan(pk, user, rekomendasi: str, catatan: str) -> Usulan:
    """The panel's recommendation moves the proposal to the official (Dipertimbangkan)."""
    usulan = _lock(pk)
    aturan.pastikan("rekomendasikan", user, usulan, _("merekomendasikan"))
    if rekomendasi not in Rekomendasi.values:
        raise ValidationError(_("Pilih rekomendasi."))
    if not usulan.penilaian.exists():
        raise ValidationError(_("Belum ada penilaian anggota tim."))
    if usulan.sikap == SikapPegawai.KEBERATAN and not usulan.jawaban_keberatan:
        raise ValidationError(_("Jawab dulu keberatan pegawai."))
    if not catatan.strip():
        raise ValidationError(_("Tuliskan dasar rekomendasi."))
    if rekomendasi == Rekomendasi.SETUJUI:
        _check_rules(usulan)
    usulan.rekomendasi, usulan.rekomendasi_catatan = rekomendasi, catatan.strip()
    _transition(usulan, "pertimbangkan", user, catatan.strip(), rekomendasi=rekomendasi)
    notify(
        users_with_role(Role.PEJABAT_PENETAP), _("Usulan menunggu keputusan"), str(usulan), usulan
    )
    return usulan


def _decide(pk, user, method, catatan, require_reason, massal=False):
    usulan = _lock(pk)
    aturan.pastikan("putuskan", user, usulan, _("memutuskan"))
    if not usulan.rekomendasi:
        raise ValidationError(_("Belum ada rekomendasi Tim Pertimbangan."))
    if usulan.sikap == SikapPegawai.KEBERATAN and not usulan.jawaban_keberatan:
        raise ValidationError(_("Keberatan pegawai belum dijawab Tim Pertimbangan."))
    if require_reason and not catatan.strip():
        raise ValidationError(_("Tuliskan alasan keputusan."))
    # Approving what the panel advised against is the official's own judgement: it is
    # written down for this proposal, never waved through with a batch.
    if method == "setujui" and usulan.rekomendasi == Rekomendasi.TOLAK:
        if massal:
            raise ValidationError(
                _(
                    "Tim Pertimbangan merekomendasikan penolakan; putuskan di halaman "
                    "usulannya dengan alasan Anda, tidak bersama usulan lain."
                )
            )
        if not catatan.strip():
            raise ValidationError(
                _(
                    "Tim Pertimbangan merekomendasikan penolakan: tuliskan alasan Anda "
                    "menyetujui usulan ini."
                )
            )
    if method == "setujui":
        kursi.pastikan(usulan)
        _check_rules(usulan)
        # This government releasing someone approves before the receiver asks BKN; receiving
        # or deciding here, the decision rests on a favourable Pertek (PP 11/2017 Pasal 192).
        if usulan.perlu_pertek and usulan.arah != ArahMutasi.KELUAR and not usulan.pertek_lengkap:
            raise ValidationError(
                _(
                    "Pertimbangan teknis BKN belum ada atau belum disetujui: catat nomor, "
                    "tanggal dan hasilnya sebelum menyetujui."
                )
            )
    syarat = eligibility.periksa(usulan)
    usulan.keputusan_catatan = catatan.strip()
    usulan.diputuskan_oleh, usulan.diputuskan_pada = user, timezone.now()
    _transition(usulan, method, user, catatan.strip())
    tahap = TahapKeputusan.PERSETUJUAN if method == "setujui" else TahapKeputusan.PENOLAKAN
    jejak.simpan(usulan, tahap, user, syarat=syarat)
    recipients = [usulan.dibuat_oleh]
    account = getattr(usulan.pegawai, "user", None)
    if account:
        recipients.append(account)
    title = _("Usulan disetujui") if method == "setujui" else _("Usulan ditolak")
    notify(recipients, title, catatan, usulan)
    return usulan


@transaction.atomic
def setujui(pk, user, catatan="", massal=False) -> Usulan:
    """Approve; ``massal`` from the inbox's batch, which leaves out what the panel advised
    against."""
    return _decide(pk, user, "setujui", catatan, require_reason=False, massal=massal)


@transaction.atomic
def tolak(pk, user, catatan="") -> Usulan:
    return _decide(pk, user, "tolak", catatan, require_reason=True)


@transaction.atomic
def batalkan(pk, user, catatan="") -> Usulan:
    usulan = _lock(pk)
    aturan.pastikan("batalkan", user, usulan)
    if not catatan.strip():
        raise ValidationError(_("Tuliskan alasan pembatalan."))
    _transition(usulan, "batalkan", user, catatan.strip())
    return usulan
