"""Positions (jabatan) and what they ask for: fields of study and competences."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from instansi.choices import (
    JENJANG_PER_JENIS,
    JenisJabatan,
    Jenjang,
    KategoriKompetensi,
    RumpunJabatan,
    batas_usia_pensiun,
)
from mutasi.lib.models import TimeStampedModel
from pegawai.choices import Golongan, TingkatPendidikan


class BidangPendidikan(models.Model):
    """A field of study (Kesehatan Masyarakat, Teknik Sipil, ...), matched against jabatan."""

    nama = models.CharField(
        verbose_name=_("nama"),
        max_length=120,
        unique=True,
    )
    rumpun = models.CharField(
        verbose_name=_("rumpun jabatan"),
        max_length=20,
        choices=RumpunJabatan.choices,
        blank=True,
        help_text=_("Rumpun jabatan yang disiapkan bidang pendidikan ini."),
    )

    class Meta:
        verbose_name = _("bidang pendidikan")
        verbose_name_plural = _("bidang pendidikan")
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class Kompetensi(models.Model):
    """A competency that a jabatan requires and an employee may hold."""

    nama = models.CharField(
        verbose_name=_("nama"),
        max_length=120,
        unique=True,
    )
    kategori = models.CharField(
        verbose_name=_("kategori"),
        max_length=20,
        choices=KategoriKompetensi.choices,
        default=KategoriKompetensi.TEKNIS,
    )

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kompetensi")
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class Jabatan(TimeStampedModel):
    """A position, defined once for the whole government and placed in units by Formasi."""

    nama = models.CharField(
        verbose_name=_("nama"),
        max_length=200,
        unique=True,
    )
    jenis = models.CharField(
        verbose_name=_("jenis"),
        max_length=20,
        choices=JenisJabatan.choices,
    )
    jenjang = models.CharField(
        verbose_name=_("jenjang"),
        max_length=20,
        choices=Jenjang.choices,
    )
    kelas = models.PositiveSmallIntegerField(
        verbose_name=_("kelas jabatan"),
        validators=[MinValueValidator(1), MaxValueValidator(17)],
    )
    rumpun = models.CharField(
        verbose_name=_("rumpun jabatan"),
        max_length=20,
        choices=RumpunJabatan.choices,
        blank=True,
        help_text=_(
            "Mutasi ke jabatan ini hanya untuk pegawai yang jabatannya sekarang atau bidang "
            "pendidikannya serumpun. Bila kosong, kesesuaiannya ditinjau per usulan."
        ),
    )
    golongan_minimal = models.PositiveSmallIntegerField(
        verbose_name=_("golongan minimal"),
        choices=Golongan.choices,
        default=Golongan.II_A,
    )
    bidang_pendidikan = models.ManyToManyField(
        BidangPendidikan,
        verbose_name=_("bidang pendidikan yang disyaratkan"),
        blank=True,
        related_name="jabatan",
    )
    pendidikan_minimal = models.PositiveSmallIntegerField(
        verbose_name=_("pendidikan minimal"),
        choices=TingkatPendidikan.choices,
        null=True,
        blank=True,
        help_text=_("Kosongkan bila jabatan ini tidak mensyaratkan jenjang pendidikan."),
    )
    kompetensi = models.ManyToManyField(
        Kompetensi,
        verbose_name=_("kompetensi yang disyaratkan"),
        blank=True,
        related_name="jabatan",
    )
    batas_usia_pensiun = models.PositiveSmallIntegerField(
        verbose_name=_("batas usia pensiun"),
        validators=[MinValueValidator(50), MaxValueValidator(70)],
        editable=False,
        help_text=_("Menurut undang-undang, dari jenis dan jenjang jabatan (guru 60)."),
    )

    history = HistoricalRecords(excluded_fields=["created", "updated"])

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["nama"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kelas__gte=1, kelas__lte=17),
                name="%(app_label)s_%(class)s_kelas_1_17",
            )
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("instansi:jabatan_detail", args=[self.pk])

    def clean(self):
        allowed = JENJANG_PER_JENIS.get(self.jenis, ())
        if self.jenis and self.jenjang and self.jenjang not in allowed:
            raise ValidationError(
                {
                    "jenjang": _(
                        "Jabatan %(jenis)s tidak berjenjang %(jenjang)s; pilih salah satu: "
                        "%(pilihan)s."
                    )
                    % {
                        "jenis": JenisJabatan(self.jenis).label.lower(),
                        "jenjang": Jenjang(self.jenjang).label,
                        "pilihan": ", ".join(str(Jenjang(j).label) for j in allowed),
                    }
                }
            )

    def save(self, *args, **kwargs):
        # Derived every time: a change of level or kind changes the retirement age with it.
        self.batas_usia_pensiun = batas_usia_pensiun(self.jenis, self.jenjang, self.nama)
        super().save(*args, **kwargs)
