"""Operations on the needs analysis: save tasks, submit, accept, return.

Each operation is one transaction that locks the analysis row, checks who may do it and
whether the state allows it, changes it and writes the audit log, so two people acting at
once cannot both succeed.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from instansi import abk
from instansi.beban import Beban
from instansi.choices import JenisJabatan, StatusAnalisis
from instansi.models import AnalisisBebanKerja, Formasi, PerangkatDaerah, UraianTugas
from instansi.signals import kebutuhan_diturunkan
from mutasi.audit import log, refuse
from mutasi.notifikasi import notify, users_with_role
from pegawai.access import ABK_EDITORS, ABK_REVIEWERS, Role, has_role


@dataclass
class HasilFormasi(Beban):
    """One formasi on the analysis page: its figures as they stand once this analysis applies.

    A formasi this analysis gives tasks (``dari_analisis``) takes the need and the workload
    the tasks compute; any other keeps the need and workload in force, as ``terima`` leaves
    them: one without tasks here, or one whose need a later year's accepted analysis sets.
    So the agency's totals are the figures the workload-balance view shows once this
    analysis is accepted.
    """

    formasi: Formasi | None = None
    jumlah_tugas: int = 0
    kebutuhan_pecahan: Decimal = Decimal(0)
    dari_analisis: bool = True


def hitung(analisis, formasi, bezetting: int, tasks) -> HasilFormasi:
    """The result for ``(volume, minutes)`` pairs, also for unsaved rows (live preview)."""
    tasks = list(tasks)
    jam = abk.beban_jam(tasks)
    pecahan = abk.kebutuhan_pecahan(jam, analisis.jam_efektif)
    kebutuhan = abk.bulatkan(pecahan, analisis.pembulatan)
    if formasi is not None and formasi.jabatan.jenis == JenisJabatan.STRUKTURAL:
        # One holder, by the organisation structure: the tasks measure their load (EJ).
        kebutuhan = 1
    return HasilFormasi(
        kebutuhan=kebutuhan,
        bezetting=bezetting,
        # Stored with two decimals on acceptance; shown and summed the same way before.
        beban_jam=jam.quantize(Decimal("0.01")),
        bezetting_beban=bezetting,
        jam_efektif=analisis.jam_efektif,
        formasi=formasi,
        jumlah_tugas=len(tasks),
        kebutuhan_pecahan=pecahan,
    )


def hasil_analisis(analisis) -> list[HasilFormasi]:
    """Every formasi of the agency with its figures (``HasilFormasi``); sums in the database."""
    menit = {
        row["formasi_id"]: (row["menit"], row["n"])
        for row in analisis.tugas.values("formasi_id").annotate(
            menit=Sum(F("volume") * F("waktu_menit")), n=Count("pk")
        )
    }
    formasi = (
        Formasi.objects.filter(unit__perangkat_daerah_id=analisis.perangkat_daerah_id)
        .select_related("unit", "jabatan")
        .with_bezetting()
        .order_by("unit__kode", "jabatan__nama")
    )
    results = []
    for f in formasi:
        total, n = menit.get(f.pk, (0, 0))
        if n and (f.tahun_analisis or 0) <= analisis.tahun:
            result = hitung(analisis, f, f.bezetting, [(total, 1)])
        else:
            result = HasilFormasi.dari_formasi(
                f.kebutuhan,
                f.bezetting,
                f.beban_kerja_jam,
                jam_efektif=analisis.jam_efektif,
                formasi=f,
                dari_analisis=False,
            )
        result.jumlah_tugas = n
        results.append(result)
    return results


@transaction.atomic
def buat_analisis(user, perangkat_daerah, tahun, jam_efektif, pembulatan, salin=False):
    """Start an analysis; optionally copy the tasks of the agency's latest earlier one."""
    if not has_role(user, *ABK_EDITORS) or not (
        PerangkatDaerah.objects.for_user(user).filter(pk=perangkat_daerah.pk).exists()
    ):
        refuse(
            user,
            perangkat_daerah,
            "buat analisis",
            _("Anda tidak berwenang membuat analisis perangkat daerah ini."),
        )
    analisis = AnalisisBebanKerja.objects.create(
        perangkat_daerah=perangkat_daerah,
        tahun=tahun,
        jam_efektif=jam_efektif,
        pembulatan=pembulatan,
    )
    copied = 0
    previous = (
        AnalisisBebanKerja.objects.filter(perangkat_daerah=perangkat_daerah, tahun__lt=tahun)
        .order_by("-tahun")
        .first()
    )
    if salin and previous:
        tasks = [
            UraianTugas(
                analisis=analisis,
                formasi_id=t.formasi_id,
                uraian=t.uraian,
                satuan_hasil=t.satuan_hasil,
                volume=t.volume,
                waktu_menit=t.waktu_menit,
            )
            for t in previous.tugas.all()
        ]
        copied = len(UraianTugas.objects.bulk_create(tasks))
    log(
        "instansi.abk.dibuat",
        user,
        analisis,
        disalin_dari=previous and previous.tahun,
        tugas=copied,
    )
    return analisis


def _lock(pk) -> AnalisisBebanKerja:
    return AnalisisBebanKerja.objects.select_for_update().get(pk=pk)


def _check_editor(user, analisis):
    if not has_role(user, *ABK_EDITORS) or not (
        AnalisisBebanKerja.objects.for_user(user).filter(pk=analisis.pk).exists()
    ):
        refuse(user, analisis, "ubah analisis", _("Anda tidak berwenang mengubah analisis ini."))


def _check_reviewer(user, analisis):
    if not has_role(user, *ABK_REVIEWERS):
        refuse(
            user,
            analisis,
            "tinjau analisis",
            _("Hanya BKD yang dapat menerima atau mengembalikan analisis."),
        )


def _check_editable(analisis):
    if not analisis.dapat_diubah:
        raise ValidationError(
            _("Analisis ini berstatus %(s)s dan tidak dapat diubah lagi.")
            % {"s": analisis.get_status_display()}
        )


@transaction.atomic
def simpan_tugas(analisis_pk, formasi, rows, user) -> AnalisisBebanKerja:
    """Replace the tasks of one formasi in the analysis with ``rows`` (dicts of fields)."""
    analisis = _lock(analisis_pk)
    _check_editor(user, analisis)
    _check_editable(analisis)
    if formasi.unit.perangkat_daerah_id != analisis.perangkat_daerah_id:
        raise ValidationError(_("Jabatan ini tidak ada di unit perangkat daerah ini."))
    analisis.tugas.filter(formasi=formasi).delete()
    tasks = [UraianTugas(analisis=analisis, formasi=formasi, **row) for row in rows]
    for task in tasks:
        task.full_clean()
    UraianTugas.objects.bulk_create(tasks)
    analisis.save(update_fields=["updated"])
    log("instansi.abk.diubah", user, analisis, formasi=str(formasi), jumlah_tugas=len(tasks))
    return analisis


@transaction.atomic
def ajukan(analisis_pk, user) -> AnalisisBebanKerja:
    analisis = _lock(analisis_pk)
    _check_editor(user, analisis)
    if not analisis.dapat_diubah:
        raise ValidationError(
            _("Analisis sudah berstatus %(s)s; tidak dapat diajukan lagi.")
            % {"s": analisis.get_status_display()}
        )
    if not analisis.tugas.exists():
        raise ValidationError(
            _("Isi uraian tugas sekurang-kurangnya satu jabatan sebelum diajukan.")
        )
    analisis.status = StatusAnalisis.DIAJUKAN
    analisis.save(update_fields=["status", "updated"])
    log("instansi.abk.diajukan", user, analisis)
    notify(
        users_with_role(Role.VERIFIKATOR_BKD),
        _("Analisis beban kerja menunggu tinjauan: %(a)s") % {"a": analisis},
        _("Periksa uraian tugasnya, lalu terima atau kembalikan."),
        analisis,
    )
    return analisis


def _kabari_opd(analisis, judul, pesan):
    """The agency's operators and head: they filed it and act on the answer."""
    notify(
        users_with_role(Role.OPERATOR_OPD, Role.KEPALA_OPD).filter(
            perangkat_daerah_id=analisis.perangkat_daerah_id
        ),
        judul,
        pesan,
        analisis,
    )


@transaction.atomic
def kembalikan(analisis_pk, user, catatan: str) -> AnalisisBebanKerja:
    analisis = _lock(analisis_pk)
    _check_reviewer(user, analisis)
    if analisis.status != StatusAnalisis.DIAJUKAN:
        raise ValidationError(
            _("Hanya analisis yang diajukan yang dapat dikembalikan; statusnya sekarang %(s)s.")
            % {"s": analisis.get_status_display()}
        )
    if not catatan.strip():
        raise ValidationError(_("Tuliskan catatan: apa yang harus diperbaiki."))
    analisis.status = StatusAnalisis.DIKEMBALIKAN
    analisis.catatan = catatan.strip()
    analisis.save(update_fields=["status", "catatan", "updated"])
    log("instansi.abk.dikembalikan", user, analisis, catatan=analisis.catatan)
    _kabari_opd(analisis, _("Analisis beban kerja dikembalikan: %(a)s") % {"a": analisis}, catatan)
    return analisis


def versi(analisis) -> str:
    """Which submission a page showed: every submission (and return) saves the analysis."""
    return analisis.updated.isoformat()


@transaction.atomic
def terima(analisis_pk, user, dilihat=None) -> AnalisisBebanKerja:
    """Accept the analysis and set each formasi's need from it.

    A formasi whose need already comes from a later year's accepted analysis keeps it: an
    older analysis never overwrites a newer one. From the page, ``dilihat`` is the version
    the reviewer read (``versi``): one returned, changed and submitted again since is refused.
    """
    analisis = _lock(analisis_pk)
    _check_reviewer(user, analisis)
    if analisis.status != StatusAnalisis.DIAJUKAN:
        raise ValidationError(
            _("Hanya analisis yang diajukan yang dapat diterima; statusnya sekarang %(s)s.")
            % {"s": analisis.get_status_display()}
        )
    if dilihat is not None and dilihat != versi(analisis):
        raise ValidationError(
            _(
                "Analisis ini diajukan lagi sejak halaman Anda dibuka, isinya mungkin berubah. "
                "Periksa sekali lagi, lalu terima."
            )
        )
    changed, refused = [], []
    for hasil in hasil_analisis(analisis):
        if not hasil.dari_analisis:
            continue
        f = hasil.formasi
        if hasil.kebutuhan < f.kebutuhan:
            # Seats already promised to approved moves are not taken back from under them.
            for _receiver, reasons in kebutuhan_diturunkan.send(
                Formasi, formasi=f, kebutuhan=hasil.kebutuhan
            ):
                refused += [f"{f.jabatan} — {f.unit}: {reason}" for reason in reasons or ()]
        f.kebutuhan = hasil.kebutuhan
        f.beban_kerja_jam = hasil.beban_jam
        f.tahun_analisis = analisis.tahun
        changed.append(f)
    if refused:
        raise ValidationError(
            [
                _(
                    "Analisis ini belum dapat diterima: kebutuhannya menurunkan formasi yang "
                    "kursinya sudah dipegang mutasi yang disetujui."
                )
            ]
            + refused
        )
    # With history rows: the need of every formasi keeps its change log (who, when, why).
    for f in changed:
        f._change_reason = str(analisis)
    bulk_update_with_history(
        changed, Formasi, ["kebutuhan", "beban_kerja_jam", "tahun_analisis"], default_user=user
    )
    analisis.status = StatusAnalisis.DITERIMA
    analisis.catatan = ""
    analisis.save(update_fields=["status", "catatan", "updated"])
    log("instansi.abk.diterima", user, analisis, formasi_ditetapkan=len(changed))
    _kabari_opd(
        analisis,
        _("Analisis beban kerja diterima: %(a)s") % {"a": analisis},
        _("Kebutuhan %(n)s formasi ditetapkan dari analisis ini.") % {"n": len(changed)},
    )
    return analisis
