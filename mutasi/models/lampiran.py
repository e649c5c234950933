"""What hangs off a proposal: its documents, the exceptions to a rule asked for it, the
decisions kept as they stood and the review panel's scores."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutasi.lib.models import TimeStampedModel
from mutasi.models.usulan import Usulan, _dokumen_path
from mutasi.usulan.choices import JenisDokumen, StatusDokumen


class Dokumen(TimeStampedModel):
    """A supporting document of a proposal, stored privately and checked by the verifier."""

    usulan = models.ForeignKey(
        Usulan,
        verbose_name=_("usulan"),
        on_delete=models.CASCADE,
        related_name="dokumen",
    )
    jenis = models.CharField(
        verbose_name=_("jenis dokumen"),
        max_length=30,
        choices=JenisDokumen.choices,
    )
    berkas = models.FileField(
        verbose_name=_("berkas"),
        upload_to=_dokumen_path,
    )
    nama_asli = models.CharField(
        verbose_name=_("nama berkas"),
        max_length=200,
    )
    tipe = models.CharField(
        verbose_name=_("tipe isi"),
        max_length=50,
    )
    ukuran = models.PositiveIntegerField(
        verbose_name=_("ukuran (bita)"),
    )
    status = models.CharField(
        verbose_name=_("status pemeriksaan"),
        max_length=10,
        choices=StatusDokumen.choices,
        default=StatusDokumen.MENUNGGU,
    )
    catatan = models.TextField(
        verbose_name=_("catatan verifikator"),
        blank=True,
    )
    diunggah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["jenis"]
        constraints = [
            models.UniqueConstraint(
                fields=["usulan", "jenis"],
                name="%(app_label)s_%(class)s_satu_per_jenis",
            )
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} ({self.nama_asli})"


class StatusPengecualian(models.TextChoices):
    DIMINTA = "diminta", _("Diminta")
    DIBERIKAN = "diberikan", _("Diberikan")
    DITOLAK = "ditolak", _("Ditolak")


class PengecualianSyarat(models.Model):
    """An exception to a blocking rule: asked for by one person with a reason, granted or
    refused by another (docs/domain.md §4). Only a granted one lets the proposal through."""

    usulan = models.ForeignKey(
        Usulan,
        verbose_name=_("usulan"),
        on_delete=models.CASCADE,
        related_name="pengecualian",
    )
    syarat = models.CharField(
        verbose_name=_("syarat"),
        max_length=40,
    )
    alasan = models.TextField(
        verbose_name=_("alasan permintaan"),
    )
    diminta_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    diminta_pada = models.DateTimeField(
        verbose_name=_("diminta pada"),
        default=timezone.now,
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=10,
        choices=StatusPengecualian.choices,
        default=StatusPengecualian.DIMINTA,
    )
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    diputuskan_pada = models.DateTimeField(
        verbose_name=_("diputuskan pada"),
        null=True,
        blank=True,
    )
    catatan_keputusan = models.TextField(
        verbose_name=_("catatan keputusan"),
        blank=True,
    )

    class Meta:
        verbose_name = _("pengecualian syarat")
        verbose_name_plural = _("pengecualian syarat")
        constraints = [
            models.UniqueConstraint(
                fields=["usulan", "syarat"],
                name="%(app_label)s_%(class)s_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(status="diminta")
                | (
                    models.Q(diputuskan_oleh__isnull=False, diputuskan_pada__isnull=False)
                    & ~models.Q(diputuskan_oleh=models.F("diminta_oleh"))
                ),
                name="%(app_label)s_%(class)s_dua_orang",
                violation_error_message=_("Pengecualian diputuskan oleh orang lain dari peminta."),
            ),
        ]

    def __str__(self):
        return f"{self.syarat}: {self.alasan[:40]}"

    @property
    def diberikan(self) -> bool:
        return self.status == StatusPengecualian.DIBERIKAN

    @property
    def syarat_nama(self) -> str:
        from mutasi.usulan.eligibility import NAMA_SYARAT

        return NAMA_SYARAT.get(self.syarat, self.syarat)


class TahapKeputusan(models.TextChoices):
    VERIFIKASI = "verifikasi", _("Verifikasi")
    PERSETUJUAN = "persetujuan", _("Persetujuan")
    PENOLAKAN = "penolakan", _("Penolakan")
    PENETAPAN = "penetapan", _("Penetapan SK")
    PELAKSANAAN = "pelaksanaan", _("Pelaksanaan")


class SalinanKeputusan(models.Model):
    """The checklist, the employee's data, the posts and the rules as they stood when a
    decision on a proposal was taken (``mutasi.usulan.jejak``). Never changed afterwards: a
    finished proposal is judged by its decision, not by today's data."""

    usulan = models.ForeignKey(
        Usulan,
        verbose_name=_("usulan"),
        on_delete=models.CASCADE,
        related_name="salinan",
    )
    tahap = models.CharField(
        verbose_name=_("tahap"),
        max_length=20,
        choices=TahapKeputusan.choices,
    )
    waktu = models.DateTimeField(
        verbose_name=_("waktu"),
        default=timezone.now,
    )
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    data = models.JSONField(
        verbose_name=_("data"),
        default=dict,
    )

    class Meta:
        verbose_name = _("salinan keputusan")
        verbose_name_plural = _("salinan keputusan")
        ordering = ["-waktu", "-pk"]
        indexes = [models.Index(fields=["usulan", "-waktu"], name="salinan_usulan_idx")]

    def __str__(self):
        return f"{self.usulan_id} {self.tahap} {self.waktu:%Y-%m-%d}"

    @property
    def tahap_dalam_kalimat(self) -> str:
        """The stage's name inside a sentence: "penetapan SK", not "penetapan sk"."""
        label = str(self.get_tahap_display())
        return label[:1].lower() + label[1:]


class PenilaianPanel(TimeStampedModel):
    """One review-panel member's score and comment on a proposal."""

    usulan = models.ForeignKey(
        Usulan,
        verbose_name=_("usulan"),
        on_delete=models.CASCADE,
        related_name="penilaian",
    )
    penilai = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penilai"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    skor = models.PositiveSmallIntegerField(
        verbose_name=_("skor (1–5)"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    komentar = models.TextField(
        verbose_name=_("komentar"),
    )

    class Meta:
        verbose_name = _("penilaian tim")
        verbose_name_plural = _("penilaian tim")
        constraints = [
            models.UniqueConstraint(
                fields=["usulan", "penilai"],
                name="%(app_label)s_%(class)s_satu_per_penilai",
            ),
            models.CheckConstraint(
                condition=models.Q(skor__gte=1, skor__lte=5),
                name="%(app_label)s_%(class)s_skor_1_5",
            ),
        ]

    def __str__(self):
        return f"{self.penilai}: {self.skor}"
