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

from instansi import abk
from instansi.choices import StatusAnalisis
from instansi.models import AnalisisBebanKerja, Formasi, PerangkatDaerah, UraianTugas
from mutasi.audit import log, refuse
from pegawai.access import ABK_EDITORS, ABK_REVIEWERS, has_role


@dataclass
class HasilFormasi:
    """The computed need of one formasi in one analysis."""

    formasi: Formasi
    jumlah_tugas: int
    beban_jam: Decimal
    kebutuhan_pecahan: Decimal
    kebutuhan: int
    bezetting: int
    jam_efektif: int

    @property
    def selisih(self) -> int:
        return self.bezetting - self.kebutuhan

    @property
    def ej(self) -> Decimal | None:
        return abk.efisiensi(self.beban_jam, self.bezetting, self.jam_efektif)

    @property
    def kategori(self) -> str | None:
        return abk.kategori(self.ej)


def hitung(analisis, formasi, bezetting: int, tasks) -> HasilFormasi:
    """The result for ``(volume, minutes)`` pairs, also for unsaved rows (live preview)."""
    tasks = list(tasks)
    jam = abk.beban_jam(tasks)
    pecahan = abk.kebutuhan_pecahan(jam, analisis.jam_efektif)
    return HasilFormasi(
        formasi=formasi,
        jumlah_tugas=len(tasks),
        beban_jam=jam,
        kebutuhan_pecahan=pecahan,
        kebutuhan=abk.bulatkan(pecahan, analisis.pembulatan),
        bezetting=bezetting,
        jam_efektif=analisis.jam_efektif,
    )


def hasil_analisis(analisis) -> list[HasilFormasi]:
    """Every formasi of the agency with its computed need; sums are done in the database."""
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
        result = hitung(analisis, f, f.bezetting, [(total, 1)] if total else [])
        result.jumlah_tugas = n
        results.append(result)
    return results


@dataclass
class Jumlah:
    """Totals over several formasi (an agency, a unit, the whole government)."""

    beban_jam: Decimal
    kebutuhan: int
    bezetting: int
    jam_efektif: int

    @property
    def selisih(self) -> int:
        return self.bezetting - self.kebutuhan

    @property
    def ej(self) -> Decimal | None:
        return abk.efisiensi(self.beban_jam, self.bezetting, self.jam_efektif)

    @property
    def kategori(self) -> str | None:
        return abk.kategori(self.ej)


def jumlahkan(hasil, jam_efektif: int) -> Jumlah:
    counted = [h for h in hasil if h.jumlah_tugas]
    return Jumlah(
        beban_jam=sum((h.beban_jam for h in counted), Decimal(0)),
        kebutuhan=sum(h.kebutuhan for h in counted),
        bezetting=sum(h.bezetting for h in counted),
        jam_efektif=jam_efektif,
    )


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
    return analisis


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
    return analisis


@transaction.atomic
def terima(analisis_pk, user) -> AnalisisBebanKerja:
    """Accept the analysis and set each formasi's need from it.

    A formasi whose need already comes from a later year's accepted analysis keeps it: an
    older analysis never overwrites a newer one.
    """
    analisis = _lock(analisis_pk)
    _check_reviewer(user, analisis)
    if analisis.status != StatusAnalisis.DIAJUKAN:
        raise ValidationError(
            _("Hanya analisis yang diajukan yang dapat diterima; statusnya sekarang %(s)s.")
            % {"s": analisis.get_status_display()}
        )
    changed = []
    for hasil in hasil_analisis(analisis):
        f = hasil.formasi
        if hasil.jumlah_tugas == 0 or (f.tahun_analisis or 0) > analisis.tahun:
            continue
        f.kebutuhan = hasil.kebutuhan
        f.beban_kerja_jam = hasil.beban_jam.quantize(Decimal("0.01"))
        f.tahun_analisis = analisis.tahun
        changed.append(f)
    Formasi.objects.bulk_update(changed, ["kebutuhan", "beban_kerja_jam", "tahun_analisis"])
    analisis.status = StatusAnalisis.DITERIMA
    analisis.catatan = ""
    analisis.save(update_fields=["status", "catatan", "updated"])
    log("instansi.abk.diterima", user, analisis, formasi_ditetapkan=len(changed))
    return analisis
