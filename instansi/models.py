"""The government's structure: agencies, their units, positions and the staffing map."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.sql.constants import LOUTER
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_cte import CTE, with_cte
from simple_history.models import HistoricalRecords

from instansi.choices import (
    JENJANG_PER_JENIS,
    JenisInstansi,
    JenisJabatan,
    JenisPerangkatDaerah,
    JenisUnit,
    Jenjang,
    KategoriKompetensi,
    Pembulatan,
    RumpunJabatan,
    StatusAnalisis,
    batas_usia_pensiun,
)
from mutasi.lib.angka import angka
from mutasi.lib.models import TimeStampedModel
from pegawai.access import ScopedQuerySet
from pegawai.choices import Golongan, TingkatPendidikan


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


class FormasiQuerySet(ScopedQuerySet):
    opd_lookup = "unit__perangkat_daerah_id"

    def with_bezetting(self):
        """Annotate ``bezetting``: the active employees in this unit and jabatan now."""
        from pegawai.models import Pegawai

        holders = (
            Pegawai.objects.filter(
                aktif=True, unit=OuterRef("unit_id"), jabatan=OuterRef("jabatan_id")
            )
            .order_by()
            .values("unit_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(bezetting=Coalesce(Subquery(holders), 0))

    def with_bezetting_grouped(self):
        """``with_bezetting`` for whole lists: the holders of every formasi counted by one
        GROUP BY over the active employees, joined (a common table expression, django-cte).

        The correlated count of ``with_bezetting`` is an index lookup per formasi, best for
        a handful; over thousands of formasi PostgreSQL repeats it row by row (and with dead
        rows after a bulk import, each lookup reads the heap), while this reads the
        employees once.
        """
        from pegawai.models import Pegawai

        # Only the units of these formasi: one agency's page reads that agency's employees.
        holders = CTE(
            Pegawai.objects.filter(aktif=True, unit__in=self.order_by().values("unit_id"))
            .order_by()
            .values("unit_id", "jabatan_id")
            .annotate(n=Count("pk")),
            name="pemegang",
        )
        joined = holders.join(
            self,
            unit_id=holders.col.unit_id,
            jabatan_id=holders.col.jabatan_id,
            _join_type=LOUTER,
        )
        return with_cte(holders, select=joined).annotate(bezetting=Coalesce(holders.col.n, 0))


class Formasi(TimeStampedModel):
    """The staffing map (peta jabatan): how many people a unit needs in a jabatan."""

    unit = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit kerja"),
        on_delete=models.CASCADE,
        related_name="formasi",
    )
    jabatan = models.ForeignKey(
        Jabatan,
        verbose_name=_("jabatan"),
        on_delete=models.PROTECT,
        related_name="formasi",
    )
    kebutuhan = models.PositiveSmallIntegerField(
        verbose_name=_("kebutuhan"),
        default=0,
        help_text=_("Jumlah pegawai yang dibutuhkan menurut analisis beban kerja."),
    )
    beban_kerja_jam = models.DecimalField(
        verbose_name=_("beban kerja (jam/tahun)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Dari analisis beban kerja terakhir yang diterima BKD."),
    )
    tahun_analisis = models.PositiveSmallIntegerField(
        verbose_name=_("tahun analisis"),
        null=True,
        blank=True,
    )

    objects = FormasiQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["created", "updated"])

    class Meta:
        verbose_name = _("formasi")
        verbose_name_plural = _("formasi")
        ordering = ["unit__perangkat_daerah__nama", "unit__kode", "jabatan__nama"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "jabatan"],
                name="%(app_label)s_%(class)s_unique_unit_jabatan",
            )
        ]

    def __str__(self):
        return f"{self.jabatan} — {self.unit}"

    def get_absolute_url(self):
        """A formasi is shown on its unit's page, with the unit's other posts."""
        return self.unit.get_absolute_url()

    def clean(self):
        # A structural post has one holder: its need is set by the organisation structure.
        if (
            self.jabatan_id
            and self.jabatan.jenis == JenisJabatan.STRUKTURAL
            and self.kebutuhan is not None
            and self.kebutuhan > 1
        ):
            raise ValidationError(
                {
                    "kebutuhan": _(
                        "Jabatan struktural dipegang satu orang: kebutuhannya 1 (atau 0 bila "
                        "jabatan itu dihapus dari struktur organisasi)."
                    )
                }
            )


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


# The public-service quality models live with their feature (issue 18).
from instansi.layanan.models import HasilSkm, JawabanSurvei, PengaduanBulanan  # noqa: E402, F401
