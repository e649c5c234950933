"""Stored redistribution plans (issue 7): the run, its inputs' fingerprint and its moves."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutasi.lib.models import TimeStampedModel


class StatusRencana(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu antrean")
    BERJALAN = "berjalan", _("Sedang dihitung")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


class RencanaRedistribusi(TimeStampedModel):
    """One computed redistribution plan: the selection, the weights and caps it used, a
    fingerprint of its input data (a plan whose data changed since is refused), and the
    summary (totals, workload spread before and after, unfilled vacancies)."""

    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    perangkat_daerah = models.ManyToManyField(
        "instansi.PerangkatDaerah",
        verbose_name=_("perangkat daerah"),
        blank=True,
        related_name="+",
        help_text=_("Kosong: seluruh pemerintah daerah."),
    )
    satu_opd = models.BooleanField(
        verbose_name=_("hanya dalam perangkat daerah yang sama"),
        default=False,
    )
    maks_keluar = models.PositiveSmallIntegerField(
        verbose_name=_("paling banyak pindah keluar per unit"),
    )
    bobot = models.JSONField(
        verbose_name=_("bobot"),
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=10,
        choices=StatusRencana.choices,
        default=StatusRencana.MENUNGGU,
    )
    progres = models.PositiveSmallIntegerField(
        verbose_name=_("progres (%)"),
        default=0,
    )
    tahap = models.CharField(
        verbose_name=_("tahap"),
        max_length=100,
        blank=True,
    )
    sidik = models.CharField(
        verbose_name=_("sidik data masukan"),
        max_length=64,
        blank=True,
    )
    total_skor = models.FloatField(
        verbose_name=_("total kecocokan"),
        null=True,
        blank=True,
    )
    ringkasan = models.JSONField(
        verbose_name=_("ringkasan"),
        default=dict,
        blank=True,
    )
    pesan_galat = models.TextField(
        verbose_name=_("pesan galat"),
        blank=True,
    )

    class Meta:
        verbose_name = _("rencana redistribusi")
        verbose_name_plural = _("rencana redistribusi")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progres__lte=100),
                name="%(app_label)s_%(class)s_progres_valid",
            ),
        ]

    def __str__(self):
        return _("Rencana redistribusi #%(n)s") % {"n": self.pk}

    def get_absolute_url(self):
        return reverse("pencocokan:rencana_detail", args=[self.pk])

    @property
    def selesai(self) -> bool:
        return self.status == StatusRencana.SELESAI

    @property
    def berjalan(self) -> bool:
        return self.status in (StatusRencana.MENUNGGU, StatusRencana.BERJALAN)


class LangkahRencana(models.Model):
    """One move of a plan: who, from where, to which vacancy, the fit and its parts."""

    rencana = models.ForeignKey(
        RencanaRedistribusi,
        verbose_name=_("rencana"),
        on_delete=models.CASCADE,
        related_name="langkah",
    )
    pegawai = models.ForeignKey(
        "pegawai.Pegawai",
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit_asal = models.ForeignKey(
        "instansi.UnitKerja",
        verbose_name=_("unit asal"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    jabatan_asal = models.ForeignKey(
        "instansi.Jabatan",
        verbose_name=_("jabatan asal"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    formasi_tujuan = models.ForeignKey(
        "instansi.Formasi",
        verbose_name=_("formasi tujuan"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    skor = models.FloatField(
        verbose_name=_("skor"),
    )
    rincian = models.JSONField(
        verbose_name=_("rincian skor"),
        default=dict,
    )
    usulan = models.OneToOneField(
        "mutasi.Usulan",
        verbose_name=_("usulan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="langkah_rencana",
    )

    class Meta:
        verbose_name = _("langkah rencana")
        verbose_name_plural = _("langkah rencana")
        ordering = ["-skor", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rencana", "pegawai"],
                name="%(app_label)s_%(class)s_satu_per_pegawai",
            ),
        ]

    def __str__(self):
        return f"{self.pegawai_id} → {self.formasi_tujuan_id}"
