"""Survey results (SKM) and monthly complaints of the public-service units.

A unit is a public-service unit when ``UnitKerja.layanan_publik`` is set (the flag and its
list of services live on the unit, so they keep the unit's change log).
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from instansi.layanan import ikm as ikm_
from mutasi.lib.models import TimeStampedModel
from pegawai.access import ScopedQuerySet


class PeriodeSkm(models.TextChoices):
    TAHUN = "tahun", _("Setahun")
    SEMESTER_1 = "s1", _("Semester I (Januari–Juni)")
    SEMESTER_2 = "s2", _("Semester II (Juli–Desember)")


def rentang_periode(tahun: int, periode: str) -> tuple[datetime.date, datetime.date]:
    """First and last day a survey period covers."""
    if periode == PeriodeSkm.SEMESTER_1:
        return datetime.date(tahun, 1, 1), datetime.date(tahun, 6, 30)
    if periode == PeriodeSkm.SEMESTER_2:
        return datetime.date(tahun, 7, 1), datetime.date(tahun, 12, 31)
    return datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)


class KategoriPengaduan(models.TextChoices):
    PROSEDUR = "prosedur", _("Persyaratan dan prosedur")
    WAKTU = "waktu", _("Waktu pelayanan")
    BIAYA = "biaya", _("Biaya atau pungutan")
    PERILAKU = "perilaku", _("Perilaku petugas")
    SARANA = "sarana", _("Sarana dan prasarana")
    LAINNYA = "lainnya", _("Lainnya")


class LayananQuerySet(ScopedQuerySet):
    opd_lookup = "unit__perangkat_daerah_id"


def _elemen(nomor: int):
    return models.DecimalField(
        verbose_name=ikm_.ELEMEN[f"u{nomor}"],
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(ikm_.NILAI_MIN), MaxValueValidator(ikm_.NILAI_MAKS)],
    )


class HasilSkm(TimeStampedModel):
    """The result of one satisfaction survey (SKM) of a service unit for one period: the
    respondents and the mean answer (1–4) per element; the IKM is computed from them."""

    unit = models.ForeignKey(
        "instansi.UnitKerja",
        verbose_name=_("unit layanan"),
        on_delete=models.CASCADE,
        related_name="hasil_skm",
    )
    tahun = models.PositiveSmallIntegerField(
        verbose_name=_("tahun"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    periode = models.CharField(
        verbose_name=_("periode"),
        max_length=10,
        choices=PeriodeSkm.choices,
        default=PeriodeSkm.TAHUN,
    )
    responden = models.PositiveIntegerField(
        verbose_name=_("jumlah responden"),
        validators=[MinValueValidator(1)],
    )
    u1 = _elemen(1)
    u2 = _elemen(2)
    u3 = _elemen(3)
    u4 = _elemen(4)
    u5 = _elemen(5)
    u6 = _elemen(6)
    u7 = _elemen(7)
    u8 = _elemen(8)
    u9 = _elemen(9)
    ikm = models.DecimalField(
        verbose_name=_("IKM"),
        max_digits=5,
        decimal_places=2,
        editable=False,
        help_text=_("Rata-rata nilai kesembilan unsur × 25, dihitung saat disimpan."),
    )

    objects = LayananQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["created", "updated"])

    class Meta:
        verbose_name = _("hasil SKM")
        verbose_name_plural = _("hasil SKM")
        ordering = ["unit_id", "-tahun", "-periode"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "tahun", "periode"],
                name="%(app_label)s_%(class)s_unique_periode",
                violation_error_message=_("Hasil SKM unit ini untuk periode itu sudah ada."),
            ),
        ]

    def __str__(self):
        return f"SKM {self.unit} {self.get_periode_display()} {self.tahun}"

    @property
    def nilai_unsur(self) -> list:
        return [getattr(self, f) for f in ikm_.ELEMEN]

    @property
    def mutu(self) -> str:
        return ikm_.mutu(self.ikm)

    @property
    def label_mutu(self) -> str:
        return ikm_.LABEL_MUTU[self.mutu]

    @property
    def mulai(self) -> datetime.date:
        return rentang_periode(self.tahun, self.periode)[0]

    @property
    def selesai(self) -> datetime.date:
        return rentang_periode(self.tahun, self.periode)[1]

    def clean(self):
        super().clean()
        if self.unit_id and not self.unit.layanan_publik:
            raise ValidationError({"unit": _("Unit ini tidak ditandai sebagai unit layanan.")})

    def save(self, *args, **kwargs):
        self.ikm = ikm_.hitung_ikm(self.nilai_unsur)
        super().save(*args, **kwargs)


class PengaduanBulanan(TimeStampedModel):
    """Complaints about a service unit in one month and category (SP4N-LAPOR! and the
    unit's own channels): how many came in, how many were resolved and how fast."""

    unit = models.ForeignKey(
        "instansi.UnitKerja",
        verbose_name=_("unit layanan"),
        on_delete=models.CASCADE,
        related_name="pengaduan",
    )
    bulan = models.DateField(
        verbose_name=_("bulan"),
        help_text=_("Hari pertama bulan itu."),
    )
    kategori = models.CharField(
        verbose_name=_("kategori"),
        max_length=20,
        choices=KategoriPengaduan.choices,
    )
    jumlah = models.PositiveIntegerField(
        verbose_name=_("jumlah pengaduan"),
    )
    selesai = models.PositiveIntegerField(
        verbose_name=_("selesai ditindaklanjuti"),
    )
    rata_hari_selesai = models.DecimalField(
        verbose_name=_("rata-rata hari penyelesaian"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    objects = LayananQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengaduan bulanan")
        verbose_name_plural = _("pengaduan bulanan")
        ordering = ["unit_id", "-bulan", "kategori"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "bulan", "kategori"],
                name="%(app_label)s_%(class)s_unique_bulan_kategori",
            ),
            models.CheckConstraint(
                condition=models.Q(selesai__lte=models.F("jumlah")),
                name="%(app_label)s_%(class)s_selesai_lte_jumlah",
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.bulan:%Y-%m} {self.get_kategori_display()}"

    def clean(self):
        super().clean()
        if self.bulan and self.bulan.day != 1:
            self.bulan = self.bulan.replace(day=1)
        if self.jumlah is not None and self.selesai is not None and self.selesai > self.jumlah:
            raise ValidationError(
                {"selesai": _("Yang selesai tidak boleh lebih banyak dari jumlah pengaduan.")}
            )


class JawabanSurvei(models.Model):
    """One visitor's answers to the public survey form of a service unit (the QR code at
    the counter): the nine elements, 1–4, and the day. Nothing about the visitor is kept;
    the unit turns a period's answers into its ``HasilSkm``."""

    unit = models.ForeignKey(
        "instansi.UnitKerja",
        verbose_name=_("unit layanan"),
        on_delete=models.CASCADE,
        related_name="jawaban_survei",
    )
    tanggal = models.DateField(
        verbose_name=_("tanggal"),
    )
    u1 = models.PositiveSmallIntegerField(verbose_name=ikm_.ELEMEN["u1"])
    u2 = models.PositiveSmallIntegerField(verbose_name=ikm_.ELEMEN["u2"])
    u3 = models.PositiveSmallIntegerField(verbose_name=ikm_.ELEMEN["u3"])
    u4 = models.PositiveSmallIntegerField(verbose_name=ikm_.ELEMEN["u4"])
    u5 = models.PositiveSmallIntegerField(verbose_name=ikm_.ELEMEN["u5"])
    u6 = models.PositiveSmallIntegerField(verbose_name=ikm_.ELEMEN["u6"])
    u7 = models.PositiveSmallIntegerField(verbose_name=ikm_.ELEMEN["u7"])
    u8 = models.PositiveSmallIntegerField(verbose_name=ikm_.ELEMEN["u8"])
    u9 = models.PositiveSmallIntegerField(verbose_name=ikm_.ELEMEN["u9"])

    class Meta:
        verbose_name = _("jawaban survei daring")
        verbose_name_plural = _("jawaban survei daring")
        ordering = ["unit_id", "tanggal", "pk"]
        indexes = [models.Index(fields=["unit", "tanggal"], name="jawaban_survei_unit_tgl_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    **{f"{f}__gte": 1 for f in ikm_.ELEMEN},
                    **{f"{f}__lte": 4 for f in ikm_.ELEMEN},
                ),
                name="%(app_label)s_%(class)s_jawaban_1_4",
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.tanggal}"
