"""The organisation: the government body, its agencies (perangkat daerah) and their units."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from instansi.choices import JenisInstansi, JenisPerangkatDaerah, JenisUnit
from mutasi.lib.models import TimeStampedModel
from pegawai.access import ScopedQuerySet


class Instansi(TimeStampedModel):
    """The government body whose staff the app manages (e.g. a province)."""

    nama = models.CharField(
        verbose_name=_("nama"),
        max_length=200,
        unique=True,
    )
    jenis = models.CharField(
        verbose_name=_("jenis"),
        max_length=20,
        choices=JenisInstansi.choices,
        default=JenisInstansi.PROVINSI,
    )
    daerah = models.CharField(
        verbose_name=_("nama daerah"),
        max_length=100,
        help_text=_("Misalnya: Asemrowo."),
    )
    ibu_kota = models.CharField(
        verbose_name=_("ibu kota"),
        max_length=100,
        help_text=_("Tempat surat keputusan ditetapkan."),
    )

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")

    def __str__(self):
        return self.nama


class PerangkatDaerahQuerySet(ScopedQuerySet):
    opd_lookup = "pk"


class PerangkatDaerah(TimeStampedModel):
    """An agency (OPD) of the government: a dinas, badan, inspektorat, ..."""

    instansi = models.ForeignKey(
        Instansi,
        verbose_name=_("instansi"),
        on_delete=models.PROTECT,
        related_name="perangkat_daerah",
    )
    nama = models.CharField(
        verbose_name=_("nama"),
        max_length=200,
    )
    singkatan = models.CharField(
        verbose_name=_("singkatan"),
        max_length=30,
        blank=True,
    )
    jenis = models.CharField(
        verbose_name=_("jenis"),
        max_length=20,
        choices=JenisPerangkatDaerah.choices,
        default=JenisPerangkatDaerah.DINAS,
    )
    kode = models.CharField(
        verbose_name=_("kode"),
        max_length=20,
        unique=True,
    )

    objects = PerangkatDaerahQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["created", "updated"])

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["nama"]
        # Lists sorted by agency walk the agencies in this order (see UnitKerja).
        indexes = [models.Index(fields=["nama", "id"], name="perangkatdaerah_nama_id")]
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "nama"],
                name="%(app_label)s_%(class)s_unique_nama",
            )
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("instansi:opd_detail", args=[self.pk])


class UnitKerjaQuerySet(ScopedQuerySet):
    opd_lookup = "perangkat_daerah_id"


class UnitKerja(TimeStampedModel):
    """A unit inside an agency (bidang, seksi, UPT, puskesmas, sekolah); units form a tree."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        related_name="unit_kerja",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    nama = models.CharField(
        verbose_name=_("nama"),
        max_length=200,
    )
    jenis = models.CharField(
        verbose_name=_("jenis"),
        max_length=20,
        choices=JenisUnit.choices,
        default=JenisUnit.BIDANG,
    )
    kode = models.CharField(
        verbose_name=_("kode"),
        max_length=30,
        unique=True,
    )
    layanan_publik = models.BooleanField(
        verbose_name=_("unit layanan publik"),
        default=False,
        help_text=_(
            "Unit yang melayani masyarakat langsung (puskesmas, sekolah, loket perizinan, "
            "layanan kependudukan): hasil SKM dan pengaduannya dicatat."
        ),
    )
    daftar_layanan = models.TextField(
        verbose_name=_("jenis layanan"),
        blank=True,
        help_text=_("Satu layanan per baris, misalnya: Pembuatan KTP-el."),
    )

    objects = UnitKerjaQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["created", "updated"])

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["perangkat_daerah__nama", "kode"]
        # Lists of employees sorted by unit walk the units in this order and stop at the
        # page (PostgreSQL's incremental sort), instead of sorting every employee.
        indexes = [models.Index(fields=["nama", "id"], name="unitkerja_nama_id")]
        constraints = [
            models.UniqueConstraint(
                fields=["perangkat_daerah", "nama"],
                name="%(app_label)s_%(class)s_unique_nama",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="%(app_label)s_%(class)s_not_own_parent",
            ),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("instansi:unit_detail", args=[self.pk])

    @property
    def layanan(self) -> list[str]:
        return [line.strip() for line in self.daftar_layanan.splitlines() if line.strip()]

    def ancestors(self) -> list["UnitKerja"]:
        """From the root down to the parent of this unit."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.parent.perangkat_daerah_id != self.perangkat_daerah_id:
            raise ValidationError(
                {"parent": _("Unit induk harus berada di perangkat daerah yang sama.")}
            )
        if self.pk and (self.parent_id == self.pk or self in self.parent.ancestors()):
            raise ValidationError(
                {"parent": _("Unit tidak dapat dipindahkan ke bawah unit turunannya sendiri.")}
            )
