"""After a letter is published: each employee's extract (petikan) and the statement that
they took up the new post (SPMT), on which carrying out the move rests."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mutasi.lib import kode_verifikasi as kode
from mutasi.lib.models import TimeStampedModel

__all__ = ["EksporSiasn", "Petikan", "Spmt"]


def _petikan_path(instance, filename):
    return f"petikan/{instance.baris.sk.tahun or 'draf'}/{instance.kode_verifikasi}.pdf"


def _spmt_path(instance, filename):
    return f"spmt/{instance.tanggal_melapor:%Y}/{instance.baris_id}.pdf"


class Petikan(TimeStampedModel):
    """One employee's extract of a published collective letter: the same number and text,
    only their row, "PETIKAN" above it, its own verification code; rendered with the letter
    and signed with it (``mutasi.sk.petikan``)."""

    baris = models.OneToOneField(
        "mutasi.SuratKeputusanUsulan",
        verbose_name=_("baris SK"),
        on_delete=models.PROTECT,
        related_name="petikan",
    )
    kode_verifikasi = models.CharField(
        verbose_name=_("kode verifikasi"),
        max_length=32,
        unique=True,
        default=kode.generate,
        editable=False,
    )
    berkas = models.FileField(
        verbose_name=_("berkas PDF"),
        upload_to=_petikan_path,
        blank=True,
    )
    sha256 = models.CharField(
        verbose_name=_("SHA-256"),
        max_length=64,
        blank=True,
    )
    ditandatangani_pada = models.DateTimeField(
        verbose_name=_("ditandatangani secara elektronik pada"),
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("petikan SK")
        verbose_name_plural = _("petikan SK")

    def __str__(self):
        return f"Petikan {self.baris.sk} — {self.baris.nama}"


class Spmt(TimeStampedModel):
    """Surat Pernyataan Melaksanakan Tugas: the receiving agency's head states the day the
    employee reported for duty. Carrying out the move rests on it, and its date is the
    actual TMT (``mutasi.sk.spmt``)."""

    baris = models.OneToOneField(
        "mutasi.SuratKeputusanUsulan",
        verbose_name=_("baris SK"),
        on_delete=models.PROTECT,
        related_name="spmt",
    )
    nomor = models.CharField(
        verbose_name=_("nomor SPMT"),
        max_length=100,
        blank=True,
    )
    tanggal_melapor = models.DateField(
        verbose_name=_("tanggal mulai melaksanakan tugas"),
    )
    kepala_nama = models.CharField(
        verbose_name=_("nama kepala"),
        max_length=250,
        blank=True,
    )
    kepala_jabatan = models.CharField(
        verbose_name=_("jabatan kepala"),
        max_length=250,
        blank=True,
    )
    kepala_nip = models.CharField(
        verbose_name=_("NIP kepala"),
        max_length=18,
        blank=True,
    )
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    dicatat_bkd = models.BooleanField(
        verbose_name=_("dicatat BKD dari SPMT kertas"),
        default=False,
    )
    berkas = models.FileField(
        verbose_name=_("berkas PDF bertanda tangan elektronik"),
        upload_to=_spmt_path,
        blank=True,
    )
    sha256 = models.CharField(
        verbose_name=_("SHA-256"),
        max_length=64,
        blank=True,
    )
    ditandatangani_pada = models.DateTimeField(
        verbose_name=_("ditandatangani secara elektronik pada"),
        null=True,
        blank=True,
    )
    tte = models.JSONField(
        verbose_name=_("tanda tangan elektronik"),
        default=dict,
        blank=True,
    )

    class Meta:
        verbose_name = _("SPMT")
        verbose_name_plural = _("SPMT")

    def __str__(self):
        return f"SPMT {self.baris.nama} ({self.tanggal_melapor})"

    @property
    def ditandatangani(self) -> bool:
        return self.ditandatangani_pada is not None


class EksporSiasn(TimeStampedModel):
    """One export of published moves for the national personnel system (SIASN / I-MUT): who
    made it, when, for which period, in which format, and exactly which rows, so that a row is
    neither sent twice nor forgotten (``mutasi.sk.ekspor``)."""

    dari = models.DateField(
        verbose_name=_("tanggal SK dari"),
    )
    sampai = models.DateField(
        verbose_name=_("tanggal SK sampai"),
    )
    format = models.CharField(
        verbose_name=_("format"),
        max_length=4,
        choices=[("csv", "CSV"), ("xlsx", "XLSX")],
    )
    hanya_baru = models.BooleanField(
        verbose_name=_("hanya yang belum pernah diekspor"),
        default=True,
    )
    jumlah = models.PositiveIntegerField(
        verbose_name=_("jumlah baris"),
        default=0,
    )
    sha256 = models.CharField(
        verbose_name=_("SHA-256 berkas"),
        max_length=64,
        blank=True,
    )
    baris = models.ManyToManyField(
        "mutasi.SuratKeputusanUsulan",
        verbose_name=_("baris SK yang diekspor"),
        related_name="ekspor_siasn",
        blank=True,
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ekspor SIASN")
        verbose_name_plural = _("ekspor SIASN")
        ordering = ["-created"]

    def __str__(self):
        return f"Ekspor SIASN {self.dari} – {self.sampai} ({self.jumlah})"
