"""An agency's workload analysis (ANJAB/ABK) and its tasks, from which formasi needs follow."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from instansi.choices import Pembulatan, StatusAnalisis
from instansi.models.formasi import Formasi
from instansi.models.organisasi import PerangkatDaerah
from mutasi.lib.angka import angka
from mutasi.lib.models import TimeStampedModel
from pegawai.access import ScopedQuerySet


class AnalisisBebanKerjaQuerySet(ScopedQuerySet):
    opd_lookup = "perangkat_daerah_id"


class AnalisisBebanKerja(TimeStampedModel):
    """An agency's workload analysis (ANJAB/ABK) for one year, reviewed by BKD."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="analisis",
    )
    tahun = models.PositiveSmallIntegerField(
        verbose_name=_("tahun"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=StatusAnalisis.choices,
        default=StatusAnalisis.KONSEP,
    )
    jam_efektif = models.PositiveIntegerField(
        verbose_name=_("jam kerja efektif per tahun"),
        validators=[MinValueValidator(500), MaxValueValidator(2500)],
    )
    pembulatan = models.CharField(
        verbose_name=_("pembulatan kebutuhan"),
        max_length=20,
        choices=Pembulatan.choices,
    )
    catatan = models.TextField(
        verbose_name=_("catatan BKD"),
        blank=True,
        help_text=_("Alasan pengembalian, ditampilkan di atas halaman analisis."),
    )

    objects = AnalisisBebanKerjaQuerySet.as_manager()

    class Meta:
        verbose_name = _("analisis beban kerja")
        verbose_name_plural = _("analisis beban kerja")
        ordering = ["-tahun", "perangkat_daerah__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "tahun"],
                name="%(app_label)s_%(class)s_unique_tahun",
                # Django's Indonesian catalogue turns "already exists" into "does not exist".
                violation_error_message=_(
                    "Perangkat daerah ini sudah memiliki analisis beban kerja untuk tahun itu."
                ),
            )
        ]

    def __str__(self):
        return f"ABK {self.perangkat_daerah} {self.tahun}"

    def get_absolute_url(self):
        return reverse("instansi:abk_detail", args=[self.pk])

    @property
    def dapat_diubah(self) -> bool:
        return self.status in (StatusAnalisis.KONSEP, StatusAnalisis.DIKEMBALIKAN)


class UraianTugas(models.Model):
    """One task of a jabatan in a unit: its yearly volume and standard time."""

    analisis = models.ForeignKey(
        AnalisisBebanKerja,
        verbose_name=_("analisis"),
        on_delete=models.CASCADE,
        related_name="tugas",
    )
    formasi = models.ForeignKey(
        Formasi,
        verbose_name=_("formasi"),
        on_delete=models.CASCADE,
        related_name="tugas",
    )
    uraian = models.CharField(
        verbose_name=_("uraian tugas"),
        max_length=300,
    )
    satuan_hasil = models.CharField(
        verbose_name=_("satuan hasil"),
        max_length=60,
    )
    volume = models.PositiveIntegerField(
        verbose_name=_("volume per tahun"),
        validators=[MinValueValidator(1), MaxValueValidator(1_000_000)],
    )
    waktu_menit = models.PositiveIntegerField(
        verbose_name=_("waktu penyelesaian (menit)"),
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("uraian tugas")
        verbose_name_plural = _("uraian tugas")
        ordering = ["formasi_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(volume__gte=1, waktu_menit__gte=1),
                name="%(app_label)s_%(class)s_positive",
            )
        ]

    def __str__(self):
        return self.uraian

    def clean(self):
        super().clean()
        if self.waktu_menit and self.analisis_id:
            limit = self.analisis.jam_efektif * 60
            if self.waktu_menit > limit:
                raise ValidationError(
                    {
                        "waktu_menit": _(
                            "Satu hasil kerja tidak mungkin memakan waktu lebih dari satu tahun "
                            "kerja efektif (%(n)s menit)."
                        )
                        % {"n": angka(limit)}
                    }
                )
        if (
            self.formasi_id
            and self.analisis_id
            and self.formasi.unit.perangkat_daerah_id != self.analisis.perangkat_daerah_id
        ):
            raise ValidationError(
                {"formasi": _("Jabatan ini tidak ada di unit perangkat daerah ini.")}
            )
