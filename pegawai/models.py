"""Employees (ASN), their records, and the user accounts that act in the app."""

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from instansi.models import BidangPendidikan, Jabatan, Kompetensi, PerangkatDaerah, UnitKerja
from mutasi.lib.models import TimeStampedModel
from mutasi.lib.tanggal import tanggal_indonesia
from pegawai.access import ScopedQuerySet
from pegawai.choices import (
    PANGKAT,
    Golongan,
    GolonganPppk,
    JenisAsn,
    JenisKelamin,
    PredikatSkp,
    TingkatHukdis,
    TingkatPendidikan,
    TingkatPotensi,
)
from pegawai.nip import add_years, parse_nip, validate_nip


class PegawaiQuerySet(ScopedQuerySet):
    opd_lookup = "unit__perangkat_daerah_id"
    pegawai_lookup = "pk"


class Pegawai(TimeStampedModel):
    """An ASN of the government, PNS or PPPK, with their current post (and a PPPK's work
    contract)."""

    jenis_asn = models.CharField(
        verbose_name=_("jenis ASN"),
        max_length=4,
        choices=JenisAsn.choices,
        default=JenisAsn.PNS,
    )
    nip = models.CharField(
        verbose_name=_("NIP"),
        max_length=18,
        unique=True,
        validators=[validate_nip],
    )
    nama = models.CharField(
        verbose_name=_("nama"),
        max_length=150,
        db_index=True,
    )
    gelar_depan = models.CharField(
        verbose_name=_("gelar depan"),
        max_length=30,
        blank=True,
    )
    gelar_belakang = models.CharField(
        verbose_name=_("gelar belakang"),
        max_length=60,
        blank=True,
    )
    jenis_kelamin = models.CharField(
        verbose_name=_("jenis kelamin"),
        max_length=1,
        choices=JenisKelamin.choices,
    )
    tanggal_lahir = models.DateField(
        verbose_name=_("tanggal lahir"),
    )
    golongan = models.PositiveSmallIntegerField(
        verbose_name=_("golongan/ruang"),
        choices=Golongan.choices,
        null=True,
        blank=True,
        help_text=_("PNS saja."),
    )
    golongan_pppk = models.PositiveSmallIntegerField(
        verbose_name=_("golongan PPPK"),
        choices=GolonganPppk.choices,
        null=True,
        blank=True,
        help_text=_("PPPK saja: golongan I–XVII."),
    )
    nomor_perjanjian_kerja = models.CharField(
        verbose_name=_("nomor perjanjian kerja"),
        max_length=100,
        blank=True,
        help_text=_("PPPK saja."),
    )
    perjanjian_kerja_mulai = models.DateField(
        verbose_name=_("perjanjian kerja mulai"),
        null=True,
        blank=True,
    )
    perjanjian_kerja_selesai = models.DateField(
        verbose_name=_("perjanjian kerja selesai"),
        null=True,
        blank=True,
    )
    unit = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        related_name="pegawai",
    )
    jabatan = models.ForeignKey(
        Jabatan,
        verbose_name=_("jabatan"),
        on_delete=models.PROTECT,
        related_name="pegawai",
    )
    tmt_jabatan = models.DateField(
        verbose_name=_("TMT jabatan"),
    )
    tingkat_pendidikan = models.PositiveSmallIntegerField(
        verbose_name=_("tingkat pendidikan"),
        choices=TingkatPendidikan.choices,
    )
    bidang_pendidikan = models.ForeignKey(
        BidangPendidikan,
        verbose_name=_("bidang pendidikan"),
        on_delete=models.PROTECT,
        related_name="pegawai",
        null=True,
        blank=True,
    )
    kompetensi = models.ManyToManyField(
        Kompetensi,
        verbose_name=_("kompetensi"),
        blank=True,
        related_name="pegawai",
    )
    tugas_belajar = models.BooleanField(
        verbose_name=_("sedang tugas belajar"),
        default=False,
    )
    ikatan_dinas_sampai = models.DateField(
        verbose_name=_("ikatan dinas sampai"),
        null=True,
        blank=True,
    )
    dalam_proses_hukum = models.BooleanField(
        verbose_name=_("dalam proses disiplin atau pidana"),
        default=False,
    )
    domisili = models.CharField(
        verbose_name=_("domisili"),
        max_length=100,
        blank=True,
    )
    email = models.EmailField(
        verbose_name=_("e-mail"),
        blank=True,
    )
    aktif = models.BooleanField(
        verbose_name=_("aktif"),
        default=True,
    )

    history = HistoricalRecords(excluded_fields=["created", "updated"])
    objects = PegawaiQuerySet.as_manager()

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["nama", "nip"]
        indexes = [
            models.Index(fields=["unit", "jabatan", "aktif"], name="pegawai_formasi_idx"),
        ]
        constraints = [
            # A PNS has a golongan/ruang, a PPPK a PPPK grade, never both.
            models.CheckConstraint(
                condition=models.Q(
                    jenis_asn=JenisAsn.PNS,
                    golongan__in=Golongan.values,
                    golongan_pppk__isnull=True,
                )
                | models.Q(
                    jenis_asn=JenisAsn.PPPK,
                    golongan__isnull=True,
                    golongan_pppk__in=GolonganPppk.values,
                ),
                name="%(app_label)s_%(class)s_golongan_per_jenis",
            ),
            models.CheckConstraint(
                condition=models.Q(perjanjian_kerja_selesai__gt=models.F("perjanjian_kerja_mulai"))
                | models.Q(perjanjian_kerja_selesai__isnull=True)
                | models.Q(perjanjian_kerja_mulai__isnull=True),
                name="%(app_label)s_%(class)s_perjanjian_kerja_valid",
            ),
        ]

    def __str__(self):
        return f"{self.nama_lengkap} ({self.nip})"

    def get_absolute_url(self):
        return reverse("pegawai:detail", args=[self.pk])

    @property
    def nama_lengkap(self) -> str:
        name = f"{self.gelar_depan} {self.nama}".strip()
        return f"{name}, {self.gelar_belakang}" if self.gelar_belakang else name

    @property
    def pppk(self) -> bool:
        return self.jenis_asn == JenisAsn.PPPK

    @property
    def pangkat(self) -> str:
        """A PNS's pangkat; a PPPK has none."""
        return "" if self.pppk else PANGKAT.get(self.golongan, "")

    def get_golongan_display(self) -> str:
        """``"III/c"`` for a PNS, ``"PPPK IX"`` for a PPPK: the grade wherever it is shown."""
        if self.pppk:
            label = dict(GolonganPppk.choices).get(self.golongan_pppk, "")
            return f"PPPK {label}".strip()
        return dict(Golongan.choices).get(self.golongan, "")

    @property
    def pangkat_golongan(self) -> str:
        if self.pppk:
            return _("PPPK golongan %(g)s") % {
                "g": dict(GolonganPppk.choices).get(self.golongan_pppk, "")
            }
        return f"{self.pangkat}, {self.get_golongan_display()}"

    @property
    def tmt_cpns(self) -> datetime.date | None:
        """None for a PPPK, who was never a CPNS."""
        return parse_nip(self.nip).tmt_cpns

    @property
    def tmt_pengangkatan(self) -> datetime.date | None:
        """When they became ASN: TMT CPNS for a PNS, the start of the contract for a PPPK."""
        return self.perjanjian_kerja_mulai if self.pppk else self.tmt_cpns

    def usia(self, on: datetime.date | None = None) -> int:
        on = on or timezone.localdate()
        born = self.tanggal_lahir
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    @cached_property
    def formasi(self):
        return self.unit.formasi.filter(jabatan_id=self.jabatan_id).first()

    def clean(self):
        super().clean()
        errors = self._asn_errors()
        try:
            parts = parse_nip(self.nip, jenis_asn=self.jenis_asn) if self.nip else None
        except ValidationError as e:
            # The field validator reports the rest; only the kind depends on the record.
            if e.code == "nip_jenis":
                errors["nip"] = e.messages[0]
            parts = None
        if parts and self.tanggal_lahir and parts.tanggal_lahir != self.tanggal_lahir:
            errors["tanggal_lahir"] = _(
                "Tanggal lahir tidak sama dengan tanggal lahir pada NIP (%(d)s)."
            ) % {"d": tanggal_indonesia(parts.tanggal_lahir)}
        if parts and self.jenis_kelamin and parts.jenis_kelamin != self.jenis_kelamin:
            errors["jenis_kelamin"] = _(
                "Jenis kelamin tidak sama dengan digit ke-15 NIP (%(d)s)."
            ) % {"d": parts.jenis_kelamin}
        if parts and parts.tmt_cpns and self.tmt_jabatan and self.tmt_jabatan < parts.tmt_cpns:
            errors["tmt_jabatan"] = _("TMT jabatan tidak boleh sebelum TMT CPNS.")
        if errors:
            raise ValidationError(errors)

    def _asn_errors(self) -> dict:
        """Combinations that cannot exist: a PNS with a contract or a PPPK grade, a PPPK with
        a golongan/ruang or without a contract of at least a year (PP 49/2018 Pasal 37)."""
        errors = {}
        kontrak = {
            "nomor_perjanjian_kerja": self.nomor_perjanjian_kerja,
            "perjanjian_kerja_mulai": self.perjanjian_kerja_mulai,
            "perjanjian_kerja_selesai": self.perjanjian_kerja_selesai,
        }
        if not self.pppk:
            if self.golongan is None:
                errors["golongan"] = _("PNS wajib mempunyai golongan/ruang.")
            if self.golongan_pppk is not None:
                errors["golongan_pppk"] = _(
                    "Golongan PPPK hanya untuk PPPK; PNS memakai golongan/ruang."
                )
            for field, value in kontrak.items():
                if value:
                    errors[field] = _(
                        "PNS tidak mempunyai perjanjian kerja; kosongkan, atau pilih jenis ASN "
                        "PPPK."
                    )
            return errors
        if self.golongan is not None:
            errors["golongan"] = _(
                "PPPK tidak mempunyai golongan/ruang PNS (%(g)s); isi golongan PPPK I–XVII "
                "(Perpres 98/2020)."
            ) % {"g": dict(Golongan.choices).get(self.golongan, self.golongan)}
        if self.golongan_pppk is None:
            errors["golongan_pppk"] = _("PPPK wajib mempunyai golongan PPPK (I–XVII).")
        for field, value in kontrak.items():
            if not value:
                errors[field] = _("Wajib diisi untuk PPPK (perjanjian kerja, PP 49/2018).")
        mulai, selesai = self.perjanjian_kerja_mulai, self.perjanjian_kerja_selesai
        if mulai and selesai and selesai < add_years(mulai, 1) - datetime.timedelta(days=1):
            errors["perjanjian_kerja_selesai"] = _(
                "Masa perjanjian kerja PPPK paling singkat 1 tahun (PP 49/2018 Pasal 37); "
                "selesai paling cepat %(d)s."
            ) % {"d": tanggal_indonesia(add_years(mulai, 1) - datetime.timedelta(days=1))}
        return errors


class Skp(models.Model):
    """The yearly performance rating (SKP predicate) of an employee."""

    pegawai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="skp",
    )
    tahun = models.PositiveSmallIntegerField(
        verbose_name=_("tahun"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    predikat = models.PositiveSmallIntegerField(
        verbose_name=_("predikat"),
        choices=PredikatSkp.choices,
    )

    class Meta:
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        ordering = ["-tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun"],
                name="%(app_label)s_%(class)s_unique_tahun",
            )
        ]

    def __str__(self):
        return f"SKP {self.tahun}: {self.get_predikat_display()}"


class HukumanDisiplin(models.Model):
    """A disciplinary penalty, in force from ``mulai`` until ``selesai``."""

    pegawai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="hukuman_disiplin",
    )
    tingkat = models.CharField(
        verbose_name=_("tingkat"),
        max_length=10,
        choices=TingkatHukdis.choices,
    )
    jenis = models.CharField(
        verbose_name=_("jenis hukuman"),
        max_length=200,
    )
    mulai = models.DateField(
        verbose_name=_("berlaku mulai"),
    )
    selesai = models.DateField(
        verbose_name=_("berlaku sampai"),
    )
    nomor_sk = models.CharField(
        verbose_name=_("nomor SK"),
        max_length=100,
        blank=True,
    )

    class Meta:
        verbose_name = _("hukuman disiplin")
        verbose_name_plural = _("hukuman disiplin")
        ordering = ["-mulai"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(selesai__gte=models.F("mulai")),
                name="%(app_label)s_%(class)s_period_valid",
            )
        ]

    def __str__(self):
        return f"{self.get_tingkat_display()}: {self.jenis}"

    def berlaku_pada(self, day: datetime.date) -> bool:
        return self.mulai <= day <= self.selesai

    def clean(self):
        super().clean()
        if self.mulai and self.selesai and self.selesai < self.mulai:
            raise ValidationError({"selesai": _("Tanggal selesai tidak boleh sebelum mulai.")})


class RiwayatJabatan(models.Model):
    """A post an employee held, with the decision letter that put them there."""

    pegawai = models.ForeignKey(
        Pegawai,
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="riwayat_jabatan",
    )
    jabatan = models.ForeignKey(
        Jabatan,
        verbose_name=_("jabatan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit kerja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    mulai = models.DateField(
        verbose_name=_("TMT"),
    )
    selesai = models.DateField(
        verbose_name=_("sampai"),
        null=True,
        blank=True,
    )
    nomor_sk = models.CharField(
        verbose_name=_("nomor SK"),
        max_length=100,
        blank=True,
    )

    class Meta:
        verbose_name = _("riwayat jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["-mulai"]

    def __str__(self):
        return f"{self.jabatan} — {self.unit} ({self.mulai:%Y})"


class User(AbstractUser):
    """An account. OPD staff are bound to one agency; an ASN account to one employee."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        help_text=_("Wajib untuk Operator dan Kepala OPD: satu-satunya OPD yang mereka lihat."),
    )
    pegawai = models.OneToOneField(
        Pegawai,
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="user",
        null=True,
        blank=True,
        help_text=_("Data kepegawaian pemilik akun; wajib untuk peran ASN."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("akun")
        verbose_name_plural = _("akun")


class PreferensiMutasi(TimeStampedModel):
    """What an employee says about moving: willing or not, and where they would like to go."""

    pegawai = models.OneToOneField(
        Pegawai,
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="preferensi_mutasi",
    )
    bersedia_pindah = models.BooleanField(
        verbose_name=_("bersedia dipindahkan"),
        default=True,
    )
    perangkat_daerah = models.ManyToManyField(
        PerangkatDaerah,
        verbose_name=_("perangkat daerah yang diminati"),
        blank=True,
        related_name="+",
    )
    unit = models.ManyToManyField(
        UnitKerja,
        verbose_name=_("unit kerja yang diminati"),
        blank=True,
        related_name="+",
    )
    catatan = models.CharField(
        verbose_name=_("catatan"),
        max_length=300,
        blank=True,
    )

    class Meta:
        verbose_name = _("preferensi mutasi")
        verbose_name_plural = _("preferensi mutasi")

    def __str__(self):
        return f"{self.pegawai} — {_('bersedia') if self.bersedia_pindah else _('tidak bersedia')}"


class PotensiPegawai(TimeStampedModel):
    """An employee's assessed potential (talent assessment), the other axis of the 9-box."""

    pegawai = models.OneToOneField(
        Pegawai,
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="potensi",
    )
    tingkat = models.PositiveSmallIntegerField(
        verbose_name=_("tingkat potensi"),
        choices=TingkatPotensi.choices,
    )
    tahun = models.PositiveSmallIntegerField(
        verbose_name=_("tahun penilaian"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    sumber = models.CharField(
        verbose_name=_("sumber penilaian"),
        max_length=150,
        blank=True,
    )

    class Meta:
        verbose_name = _("potensi pegawai")
        verbose_name_plural = _("potensi pegawai")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tingkat__in=TingkatPotensi.values),
                name="%(app_label)s_%(class)s_tingkat_valid",
            ),
        ]

    def __str__(self):
        return f"{self.pegawai}: {self.get_tingkat_display()}"
