"""The evaluation workflow: schedule, remind, assess, follow training up.

Each operation is one transaction in the pattern of ``mutasi.usulan.services``: lock the row,
check who acts and when, write, log, notify. A refusal of the role is ``Refused`` (403); a
problem of state or timing (a second submission, too early) is a ``ValidationError`` shown
as a message, with nothing changed.

Who is the supervisor (atasan)? The Kepala OPD of the agency the employee moved into: the
app knows agency heads (role Kepala OPD bound to one agency) but not the head of every
unit, and docs/domain.md §2 gives "supervisor evaluation of own staff" to the agency. Operators
of that agency see the evaluation but cannot fill it; nobody assesses himself.
"""

import calendar
import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluasi.choices import Rekomendasi, StatusPelatihan
from evaluasi.models import Evaluasi, Pelatihan, PenilaianAtasan, PenilaianDiri
from mutasi.audit import log, refuse
from mutasi.ketentuan.berlaku import seluruh_pemerintah
from mutasi.ketentuan.choices import KunciKetentuan
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.notifikasi import notify, users_with_role
from mutasi.usulan.dokumen import jenis_isi
from pegawai.access import Role, has_role

# Who may add trainings and close them besides the supervisor and the employee.
PENGELOLA_PELATIHAN = (Role.OPERATOR_BKD, Role.ADMIN)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


# --- Who may do what ---------------------------------------------------------------------


def adalah_atasan(user, evaluasi) -> bool:
    return (
        has_role(user, Role.KEPALA_OPD)
        and user.perangkat_daerah_id == evaluasi.perangkat_daerah_id
        and user.pegawai_id != evaluasi.pegawai_id
    )


def adalah_pegawai(user, evaluasi) -> bool:
    return bool(user.pegawai_id) and user.pegawai_id == evaluasi.pegawai_id


# Who reads every employee's own words: BKD, who run the programme. The review panel and
# the official see the scores, not the free text (docs/domain.md §8: personal details stay private).
PEMBACA_TEKS_DIRI = (Role.OPERATOR_BKD, Role.VERIFIKATOR_BKD, Role.ADMIN)


def boleh_baca_teks_diri(user, evaluasi) -> bool:
    """The employee and BKD always; the receiving agency only with the employee's consent."""
    if adalah_pegawai(user, evaluasi) or has_role(user, *PEMBACA_TEKS_DIRI):
        return True
    penilaian = getattr(evaluasi, "penilaian_diri", None)
    return penilaian is not None and penilaian.izinkan_atasan


def boleh_kelola_pelatihan(user, evaluasi) -> bool:
    return has_role(user, *PENGELOLA_PELATIHAN) or adalah_atasan(user, evaluasi)


def boleh_selesaikan_pelatihan(user, evaluasi) -> bool:
    return boleh_kelola_pelatihan(user, evaluasi) or adalah_pegawai(user, evaluasi)


def atasan_dari(perangkat_daerah_id):
    return get_user_model().objects.filter(
        groups__name=Role.KEPALA_OPD.value,
        perangkat_daerah_id=perangkat_daerah_id,
        is_active=True,
    )


# --- Scheduling ----------------------------------------------------------------------------


def jadwalkan(usulan, tmt: datetime.date) -> list[Evaluasi]:
    """Schedule the evaluations of an implemented move, once per stage.

    The stages are the evaluation months in force for the whole government on the TMT
    (``berlaku.seluruh_pemerintah``), not on the day the SPMT is recorded: the programme a
    move falls under is the one in force when the employee took up the post, and the months
    count from that day. A change of the months thus applies to moves whose TMT is on or
    after its effective date, and never re-plans a move already started.

    Called by ``mutasi.sk.pelaksanaan.laksanakan`` inside its transaction. Idempotent: the unique
    constraint (usulan, bulan) makes a second call insert nothing. A move out of this
    government has no supervisor here and gets no evaluation.
    """
    formasi = usulan.formasi_tujuan
    if formasi is None:
        return []
    tenggat = datetime.timedelta(days=settings.EVALUASI_TENGGAT_HARI)
    rows = []
    for bulan in seluruh_pemerintah(tmt)[KunciKetentuan.EVALUASI_BULAN].nilai:
        due = add_months(tmt, bulan)
        rows.append(
            Evaluasi(
                usulan=usulan,
                pegawai_id=usulan.pegawai_id,
                perangkat_daerah_id=formasi.unit.perangkat_daerah_id,
                unit_id=formasi.unit_id,
                jabatan_id=formasi.jabatan_id,
                bulan=bulan,
                tmt=tmt,
                jatuh_tempo=due,
                tenggat=due + tenggat,
            )
        )
    Evaluasi.objects.bulk_create(rows, ignore_conflicts=True)
    created = list(Evaluasi.objects.filter(usulan=usulan).order_by("bulan"))
    _tunda_pengingat(
        [e.jatuh_tempo for e in created] + [e.tenggat + datetime.timedelta(days=1) for e in created]
    )
    return created


def _tunda_pengingat(days):
    """Ask the worker to run the reminders on each due date and the day after each deadline,
    so reminders go out even where no cron runs ``kirim_pengingat_evaluasi``. Running the
    task more often than needed is harmless: it sends each reminder once."""
    from evaluasi.tasks import kirim_pengingat

    if not kirim_pengingat.get_backend().supports_defer:
        return

    def enqueue():
        for day in sorted(set(days)):
            run = datetime.datetime.combine(
                day, datetime.time(7, 0), tzinfo=timezone.get_current_timezone()
            )
            kirim_pengingat.using(run_after=run).enqueue()

    transaction.on_commit(enqueue)


# --- Reminders ------------------------------------------------------------------------------


def kirim_pengingat(today: datetime.date | None = None) -> dict:
    """Send every reminder that is due and not yet sent; warn BKD of overdue evaluations.

    Each evaluation gets its due reminder once and its overdue warning once: the rows are
    locked (skipping rows another worker holds) and stamped in the same transaction as the
    notifications, so a second run, or two at once, send nothing twice.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    sent_due, sent_late = [], []
    with transaction.atomic():
        due = list(
            Evaluasi.objects.jatuh_tempo(today)
            .filter(pengingat_pada__isnull=True)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("pegawai__user", "penilaian_atasan", "penilaian_diri")
        )
        for evaluasi in due:
            _ingatkan(evaluasi)
            sent_due.append(evaluasi.pk)
        Evaluasi.objects.filter(pk__in=sent_due).update(pengingat_pada=now)

        late = list(
            Evaluasi.objects.terlambat(today)
            .filter(peringatan_terlambat_pada__isnull=True)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("pegawai", "perangkat_daerah")
        )
        if late:
            lines = "\n".join(
                f"- {e.pegawai.nama} ({e.perangkat_daerah.nama}), {e.bulan} bulan, "
                f"batas {e.tenggat:%d-%m-%Y}"
                for e in late
            )
            notify(
                users_with_role(Role.OPERATOR_BKD),
                _("%(n)s evaluasi pasca-mutasi melewati batas waktu") % {"n": len(late)},
                lines,
            )
            for evaluasi in late:
                notify(
                    atasan_dari(evaluasi.perangkat_daerah_id),
                    _("Evaluasi terlambat: %(p)s") % {"p": evaluasi.pegawai.nama},
                    _("Batas waktu evaluasi %(n)s bulan sudah lewat (%(d)s).")
                    % {"n": evaluasi.bulan, "d": tanggal_indonesia(evaluasi.tenggat)},
                )
            sent_late = [e.pk for e in late]
            Evaluasi.objects.filter(pk__in=sent_late).update(peringatan_terlambat_pada=now)
    return {"pengingat": sent_due, "terlambat": sent_late}


def _ingatkan(evaluasi):
    pesan = _("Evaluasi %(n)s bulan setelah mutasi sudah dapat diisi, paling lambat %(d)s.") % {
        "n": evaluasi.bulan,
        "d": tanggal_indonesia(evaluasi.tenggat),
    }
    judul = _("Evaluasi pasca-mutasi: %(p)s") % {"p": evaluasi.pegawai.nama}
    if not evaluasi.atasan_terisi:
        notify(atasan_dari(evaluasi.perangkat_daerah_id), judul, pesan, evaluasi)
    user = getattr(evaluasi.pegawai, "user", None)
    if not evaluasi.diri_terisi and user is not None and user.is_active:
        notify([user], _("Isi evaluasi diri Anda"), pesan, evaluasi)


# --- Assessments ------------------------------------------------------------------------------


def _lock(pk) -> Evaluasi:
    return (
        Evaluasi.objects.select_for_update(of=("self",))
        .select_related("pegawai", "jabatan")
        .get(pk=pk)
    )


def _cek_waktu(evaluasi, today=None):
    today = today or timezone.localdate()
    if today < evaluasi.jatuh_tempo:
        raise ValidationError(
            _("Evaluasi ini baru dapat diisi mulai %(d)s.")
            % {"d": tanggal_indonesia(evaluasi.jatuh_tempo)}
        )


@transaction.atomic
def nilai_atasan(pk, user, data: dict, kesenjangan=(), pelatihan: dict | None = None):
    """Record the supervisor's assessment (scores already validated by the form)."""
    evaluasi = _lock(pk)
    if not adalah_atasan(user, evaluasi):
        refuse(user, evaluasi, "nilai_atasan", _("Hanya Kepala OPD tujuan yang menilai."))
    _cek_waktu(evaluasi)
    if PenilaianAtasan.objects.filter(evaluasi=evaluasi).exists():
        raise ValidationError(_("Penilaian atasan untuk evaluasi ini sudah diisi."))
    allowed = set(evaluasi.jabatan.kompetensi.values_list("pk", flat=True))
    if any(k.pk not in allowed for k in kesenjangan):
        raise ValidationError(_("Kesenjangan hanya dapat dipilih dari kompetensi jabatan."))
    try:
        with transaction.atomic():
            penilaian = PenilaianAtasan.objects.create(evaluasi=evaluasi, penilai=user, **data)
    except IntegrityError as exc:
        raise ValidationError(_("Penilaian atasan untuk evaluasi ini sudah diisi.")) from exc
    penilaian.kesenjangan.set(kesenjangan)
    if pelatihan and pelatihan.get("topik"):
        _buat_pelatihan(evaluasi, user, pelatihan)
    elif data.get("rekomendasi") == Rekomendasi.PELATIHAN:
        raise ValidationError(_("Rekomendasi pelatihan perlu topik, penyelenggara dan target."))
    log(
        "evaluasi.atasan",
        user,
        evaluasi,
        kinerja=penilaian.kinerja,
        adaptasi=penilaian.adaptasi,
        rekomendasi=penilaian.rekomendasi,
    )
    return penilaian


@transaction.atomic
def nilai_diri(pk, user, data: dict):
    """Record the employee's self-assessment."""
    evaluasi = _lock(pk)
    if not adalah_pegawai(user, evaluasi):
        refuse(user, evaluasi, "nilai_diri", _("Hanya pegawai yang bersangkutan yang mengisi."))
    _cek_waktu(evaluasi)
    if PenilaianDiri.objects.filter(evaluasi=evaluasi).exists():
        raise ValidationError(_("Evaluasi diri ini sudah Anda isi."))
    try:
        with transaction.atomic():
            penilaian = PenilaianDiri.objects.create(evaluasi=evaluasi, **data)
    except IntegrityError as exc:
        raise ValidationError(_("Evaluasi diri ini sudah Anda isi.")) from exc
    log("evaluasi.diri", user, evaluasi, izinkan_atasan=penilaian.izinkan_atasan)
    return penilaian


# --- Training follow-up -----------------------------------------------------------------------


def periksa_tenggat(tenggat):
    """A training is recommended to be done from now on: a target already past (a typo such
    as 1926 for 2026) would make it overdue the day it is written down."""
    if tenggat and tenggat < timezone.localdate():
        raise ValidationError(
            _("Target selesai pelatihan tidak boleh sebelum hari ini."), code="tenggat_lewat"
        )
    return tenggat


def _buat_pelatihan(evaluasi, user, data) -> Pelatihan:
    if not (data.get("penyelenggara") and data.get("tenggat")):
        raise ValidationError(_("Isi topik, penyelenggara dan target selesai pelatihan."))
    periksa_tenggat(data["tenggat"])
    pelatihan = Pelatihan.objects.create(
        evaluasi=evaluasi,
        topik=data["topik"],
        penyelenggara=data["penyelenggara"],
        tenggat=data["tenggat"],
        dibuat_oleh=user,
    )
    log("evaluasi.pelatihan.dibuat", user, evaluasi, topik=pelatihan.topik)
    return pelatihan


@transaction.atomic
def tambah_pelatihan(pk, user, data: dict) -> Pelatihan:
    evaluasi = _lock(pk)
    if not boleh_kelola_pelatihan(user, evaluasi):
        refuse(user, evaluasi, "pelatihan", _("Anda tidak dapat menambah pelatihan."))
    return _buat_pelatihan(evaluasi, user, data)


@transaction.atomic
def selesaikan_pelatihan(pk, user, berkas, tanggal: datetime.date) -> Pelatihan:
    """Close a training with its evidence, checked by content (PDF, PNG or JPEG)."""
    pelatihan = (
        Pelatihan.objects.select_for_update(of=("self",)).select_related("evaluasi").get(pk=pk)
    )
    if not boleh_selesaikan_pelatihan(user, pelatihan.evaluasi):
        refuse(user, pelatihan.evaluasi, "pelatihan", _("Anda tidak dapat menutup pelatihan."))
    if pelatihan.status != StatusPelatihan.DIRENCANAKAN:
        raise ValidationError(
            _("Pelatihan ini sudah berstatus %(s)s.") % {"s": pelatihan.get_status_display()}
        )
    if tanggal > timezone.localdate():
        raise ValidationError(_("Tanggal selesai tidak boleh di masa depan."))
    tipe, _ext = jenis_isi(berkas)
    pelatihan.bukti.save("bukti", berkas, save=False)
    pelatihan.bukti_nama = berkas.name[:200]
    pelatihan.bukti_tipe = tipe
    pelatihan.status = StatusPelatihan.SELESAI
    pelatihan.selesai_pada = tanggal
    pelatihan.save()
    log("evaluasi.pelatihan.selesai", user, pelatihan.evaluasi, topik=pelatihan.topik)
    return pelatihan
