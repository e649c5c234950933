"""Carrying out a published letter: BKD told when a move's TMT comes, the move recorded on
the day the employee reported (the SPMT), the employee moved and the evaluations scheduled."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mutasi.audit import log, refuse
from mutasi.models import Spmt, StatusSK, SuratKeputusanUsulan, TahapKeputusan, Usulan
from mutasi.notifikasi import notify, users_with_role
from mutasi.sk import pdf
from mutasi.sk.services import PENYUSUN, _lock
from mutasi.sk.terbit import _periksa_ulang
from mutasi.usulan import eligibility, jejak
from mutasi.usulan.choices import ArahMutasi, StatusUsulan
from pegawai.access import Role, has_role
from pegawai.models import Pegawai, RiwayatJabatan


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
    # Coming from another government: the record made from the origin's data becomes active.
    lama = (
        {"instansi": usulan.asal_instansi, "jabatan": usulan.asal_jabatan}
        if usulan.masuk
        else {"unit": pegawai.unit_id, "jabatan": pegawai.jabatan_id}
    )
    formasi = usulan.formasi_tujuan
    RiwayatJabatan.objects.filter(pegawai=pegawai, selesai__isnull=True).update(
        selesai=tanggal - datetime.timedelta(days=1)
    )
    if formasi is not None:
        pegawai.unit, pegawai.jabatan, pegawai.tmt_jabatan = formasi.unit, formasi.jabatan, tanggal
        pegawai.aktif = True
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


@transaction.atomic
def catat_sk_luar(usulan_pk, user, nomor: str, tanggal: datetime.date, tmt: datetime.date):
    """An outgoing move this government released (approved): the receiving side issued the
    decree. BKD records its number and date and the day the employee left; the employee is
    no longer active here and their post is closed in the history."""
    if not has_role(user, *PENYUSUN):
        refuse(user, None, "catat SK luar", _("Hanya Operator BKD yang mencatat SK ini."))
    usulan = Usulan.objects.select_for_update().get(pk=usulan_pk)
    if usulan.arah != ArahMutasi.KELUAR:
        raise ValidationError(_("Hanya mutasi keluar yang SK-nya diterbitkan instansi penerima."))
    if usulan.status != StatusUsulan.DISETUJUI:
        raise ValidationError(
            _("Usulan ini berstatus %(s)s; SK instansi penerima dicatat setelah disetujui.")
            % {"s": usulan.get_status_display()}
        )
    nomor = nomor.strip()
    today = timezone.localdate()
    if not nomor or tanggal is None or tmt is None:
        raise ValidationError(_("Isi nomor dan tanggal SK serta TMT pindahnya."))
    if tanggal > today or tmt > today:
        raise ValidationError(_("Tanggal SK dan TMT tidak boleh sesudah hari ini."))
    if tmt < tanggal:
        raise ValidationError(_("TMT tidak boleh sebelum tanggal SK."))
    jejak.simpan(usulan, TahapKeputusan.PELAKSANAAN, user, sk=nomor, tanggal=tmt.isoformat())
    pegawai = Pegawai.objects.select_for_update().get(pk=usulan.pegawai_id)
    RiwayatJabatan.objects.filter(pegawai=pegawai, selesai__isnull=True).update(
        selesai=tmt - datetime.timedelta(days=1)
    )
    pegawai.aktif = False
    pegawai.save()
    usulan.sk_luar_nomor, usulan.sk_luar_tanggal = nomor, tanggal
    usulan.laksanakan_keluar()
    usulan.save()
    log(
        "mutasi.usulan.dilaksanakan",
        user,
        usulan,
        dari=StatusUsulan.DISETUJUI,
        ke=usulan.status,
        sk_luar=nomor,
        tanggal=tmt.isoformat(),
    )
    return usulan
