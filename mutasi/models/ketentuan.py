"""Regional rule settings (issue 20): thresholds with an effective date and a scope, and the
region's extra rules. A row never changes once it has applied: a new value is a new row, and
a row is ended (``berlaku_sampai``), never deleted. ``mutasi.ketentuan.berlaku`` reads them.

A rule set or ended by one person alone is a waiver for everybody, so both need a second
person: a row is filed ``diajukan`` and is in force only once approved (``disetujui``); an
early end is asked for (``akhir_diajukan``) and takes effect only once approved."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from instansi.choices import RumpunJabatan
from mutasi.ketentuan.choices import (
    NILAI_MAKSIMAL,
    NILAI_MINIMAL,
    DihitungDari,
    JenisAturan,
    KunciKetentuan,
    Lingkup,
    Perkara,
    StatusKetentuan,
)
from mutasi.lib.models import TimeStampedModel
from mutasi.lib.pilihan import label
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.usulan.choices import JenisDokumen, JenisMutasi
from pegawai.choices import JenisAsn


class BerlakuQuerySet(models.QuerySet):
    def berlaku_pada(self, hari):
        """The rows in force on ``hari``: approved, and within their dates. A row filed and
        not yet approved (or rejected) is in force on no day."""
        return self.filter(status=StatusKetentuan.DISETUJUI, berlaku_mulai__lte=hari).filter(
            Q(berlaku_sampai__isnull=True) | Q(berlaku_sampai__gte=hari)
        )

    def menunggu(self):
        """The rows waiting for a second person: a new one, or an early end asked for."""
        return self.filter(
            Q(status=StatusKetentuan.DIAJUKAN)
            | Q(
                status=StatusKetentuan.DISETUJUI,
                akhir_diajukan__isnull=False,
                akhir_disetujui_pada__isnull=True,
            )
        )


# The scope fields filled for each scope, and only those.
_LINGKUP_LENGKAP = (
    Q(
        lingkup=Lingkup.PEMERINTAH,
        perangkat_daerah__isnull=True,
        jenis_mutasi="",
        rumpun="",
        jenis_asn="",
    )
    | (
        Q(lingkup=Lingkup.JENIS_ASN, perangkat_daerah__isnull=True, jenis_mutasi="", rumpun="")
        & ~Q(jenis_asn="")
    )
    | Q(
        lingkup=Lingkup.PERANGKAT_DAERAH,
        perangkat_daerah__isnull=False,
        jenis_mutasi="",
        rumpun="",
        jenis_asn="",
    )
    | (
        Q(lingkup=Lingkup.JENIS_MUTASI, perangkat_daerah__isnull=True, rumpun="", jenis_asn="")
        & ~Q(jenis_mutasi="")
    )
    | (
        Q(lingkup=Lingkup.RUMPUN, perangkat_daerah__isnull=True, jenis_mutasi="", jenis_asn="")
        & ~Q(rumpun="")
    )
)


class BerlakuDaerah(TimeStampedModel):
    """What a setting and a rule share: the scope, the effective dates, the reason and who."""

    lingkup = models.CharField(
        verbose_name=_("berlaku untuk"),
        max_length=20,
        choices=Lingkup.choices,
        default=Lingkup.PEMERINTAH,
    )
    perangkat_daerah = models.ForeignKey(
        "instansi.PerangkatDaerah",
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    jenis_mutasi = models.CharField(
        verbose_name=_("jenis mutasi"),
        max_length=20,
        choices=JenisMutasi.choices,
        blank=True,
    )
    rumpun = models.CharField(
        verbose_name=_("rumpun jabatan"),
        max_length=20,
        choices=RumpunJabatan.choices,
        blank=True,
    )
    jenis_asn = models.CharField(
        verbose_name=_("jenis ASN"),
        max_length=10,
        choices=JenisAsn.choices,
        blank=True,
    )
    berlaku_mulai = models.DateField(
        verbose_name=_("berlaku mulai"),
    )
    berlaku_sampai = models.DateField(
        verbose_name=_("berlaku sampai"),
        null=True,
        blank=True,
        help_text=_("Hari terakhir berlaku; kosong: sampai diakhiri."),
    )
    alasan = models.TextField(
        verbose_name=_("alasan dan dasar hukum"),
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    diakhiri_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diakhiri oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    alasan_berakhir = models.TextField(
        verbose_name=_("alasan diakhiri"),
        blank=True,
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=10,
        choices=StatusKetentuan.choices,
        default=StatusKetentuan.DIAJUKAN,
    )
    # Who approved or rejected the row; empty on rows in force before approvals existed.
    diputuskan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    diputuskan_pada = models.DateTimeField(
        verbose_name=_("diputuskan pada"),
        null=True,
        blank=True,
    )
    alasan_ditolak = models.TextField(
        verbose_name=_("alasan ditolak"),
        blank=True,
    )
    # Approved after the start date asked for: in force from the approval day instead, never
    # on days already judged; the date asked for is kept here.
    berlaku_mulai_diajukan = models.DateField(
        verbose_name=_("berlaku mulai (diajukan)"),
        null=True,
        blank=True,
    )
    # An early end asked for by ``diakhiri_oleh``: the last day asked, and its approval.
    akhir_diajukan = models.DateField(
        verbose_name=_("diakhiri sampai (diajukan)"),
        null=True,
        blank=True,
    )
    akhir_disetujui_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengakhiran disetujui oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    akhir_disetujui_pada = models.DateTimeField(
        verbose_name=_("pengakhiran disetujui pada"),
        null=True,
        blank=True,
    )

    objects = BerlakuQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-berlaku_mulai", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=_LINGKUP_LENGKAP,
                name="%(app_label)s_%(class)s_lingkup_lengkap",
            ),
            models.CheckConstraint(
                condition=Q(berlaku_sampai__isnull=True)
                | Q(berlaku_sampai__gte=models.F("berlaku_mulai")),
                name="%(app_label)s_%(class)s_sampai_setelah_mulai",
            ),
            # The two-person rule, kept by the database too: who files a row or asks to end
            # it never decides it.
            models.CheckConstraint(
                condition=Q(diputuskan_oleh__isnull=True)
                | ~Q(diputuskan_oleh=models.F("dibuat_oleh")),
                name="%(app_label)s_%(class)s_diputuskan_orang_lain",
            ),
            models.CheckConstraint(
                condition=Q(akhir_disetujui_oleh__isnull=True)
                | ~Q(akhir_disetujui_oleh=models.F("diakhiri_oleh")),
                name="%(app_label)s_%(class)s_pengakhiran_orang_lain",
            ),
        ]

    def clean(self):
        errors = {}
        needs = {
            Lingkup.JENIS_ASN: "jenis_asn",
            Lingkup.PERANGKAT_DAERAH: "perangkat_daerah",
            Lingkup.JENIS_MUTASI: "jenis_mutasi",
            Lingkup.RUMPUN: "rumpun",
        }
        for lingkup, field in needs.items():
            if self.lingkup == lingkup and not getattr(self, field):
                errors[field] = _("Pilih untuk siapa ketentuan ini berlaku.")
            elif self.lingkup != lingkup:
                setattr(self, field, None if field == "perangkat_daerah" else "")
        if self.berlaku_sampai and self.berlaku_mulai and self.berlaku_sampai < self.berlaku_mulai:
            errors["berlaku_sampai"] = _("Tanggal akhir tidak boleh sebelum tanggal mulai.")
        self.clean_rule(errors)
        if errors:
            raise ValidationError(errors)

    def clean_rule(self, errors: dict) -> None:
        """The subclass's checks of its own fields, added to ``errors`` (field: message); they
        are shown together with those of the scope and dates."""

    def cocok(self, perangkat_daerah_id, jenis_mutasi, rumpun, jenis_asn=JenisAsn.PNS) -> bool:
        """Whether this row applies to a proposal from that agency, of that type, from a post
        of that family, for an employee of that kind."""
        return {
            Lingkup.PEMERINTAH: True,
            Lingkup.JENIS_ASN: self.jenis_asn == jenis_asn,
            Lingkup.PERANGKAT_DAERAH: self.perangkat_daerah_id == perangkat_daerah_id,
            Lingkup.JENIS_MUTASI: self.jenis_mutasi == jenis_mutasi,
            Lingkup.RUMPUN: bool(rumpun) and self.rumpun == rumpun,
        }[self.lingkup]

    @property
    def sasaran(self) -> str:
        """To whom it applies, in words."""
        if self.lingkup == Lingkup.JENIS_ASN:
            return label(self, "jenis_asn")
        if self.lingkup == Lingkup.PERANGKAT_DAERAH:
            return str(self.perangkat_daerah)
        if self.lingkup == Lingkup.JENIS_MUTASI:
            return str(_("mutasi %(j)s") % {"j": label(self, "jenis_mutasi")})
        if self.lingkup == Lingkup.RUMPUN:
            return str(_("rumpun %(r)s") % {"r": label(self, "rumpun")})
        return str(Lingkup.PEMERINTAH.label)

    def berlaku_pada(self, hari) -> bool:
        """In force on ``hari``: approved, and within its dates."""
        return self.status == StatusKetentuan.DISETUJUI and self.dalam_masa(hari)

    def dalam_masa(self, hari) -> bool:
        """Within its dates, approved or not (what it would be in force on)."""
        return self.berlaku_mulai <= hari and (
            self.berlaku_sampai is None or hari <= self.berlaku_sampai
        )

    @property
    def menunggu_pengakhiran(self) -> bool:
        return self.akhir_diajukan is not None and self.akhir_disetujui_pada is None

    @property
    def sudah_diakhiri(self) -> bool:
        """Ended early (approved, or ended before approvals existed)."""
        return bool(self.diakhiri_oleh_id) and not self.menunggu_pengakhiran

    @property
    def menunggu_keputusan(self) -> bool:
        return self.status == StatusKetentuan.DIAJUKAN or (
            self.status == StatusKetentuan.DISETUJUI and self.menunggu_pengakhiran
        )

    @property
    def perkara(self) -> str:
        """What waits for a decision: the row itself, or its early end."""
        return Perkara.MULAI if self.status == StatusKetentuan.DIAJUKAN else Perkara.AKHIR

    def get_absolute_url(self):
        return f"{reverse('ketentuan:daftar')}#{self.ANCHOR}-{self.pk}"

    def get_putuskan_url(self):
        """Where the second person decides what waits on this row."""
        return reverse(f"ketentuan:{self.ANCHOR}_putuskan", args=[self.pk])

    @property
    def versi(self) -> str:
        """The version as the checklist names it: '<what> #12 berlaku 1 Januari 2027, X'."""
        return _("%(nama)s #%(pk)s berlaku %(d)s, %(s)s") % {
            "nama": self.NAMA_VERSI,
            "pk": self.pk,
            "d": tanggal_indonesia(self.berlaku_mulai),
            "s": self.sasaran,
        }


class KetentuanMutasi(BerlakuDaerah):
    """One version of a checklist threshold for a scope, from its effective date. In force
    for a proposal on a day: the most specific scope's latest row that has started."""

    NAMA_VERSI = _("Ketentuan")
    ANCHOR = "ketentuan"

    kunci = models.CharField(
        verbose_name=_("ketentuan"),
        max_length=40,
        choices=KunciKetentuan.choices,
    )
    # One number, or for a list key (``KUNCI_DAFTAR``) the numbers "3, 6, 12" instead.
    nilai = models.PositiveSmallIntegerField(
        verbose_name=_("nilai"),
        null=True,
        blank=True,
    )
    nilai_daftar = models.CharField(
        verbose_name=_("daftar nilai"),
        max_length=100,
        blank=True,
        help_text=_("Untuk bulan evaluasi: bulan setelah TMT, dipisah koma, misalnya 3, 6, 12."),
    )

    class Meta(BerlakuDaerah.Meta):
        verbose_name = _("ketentuan mutasi")
        verbose_name_plural = _("ketentuan mutasi")

    def __str__(self):
        return f"{self.get_kunci_display()}: {self.nilai_daftar or self.nilai} ({self.sasaran})"

    def clean_rule(self, errors):
        minimal = NILAI_MINIMAL.get(self.kunci, 0)
        if self.nilai is not None and not minimal <= self.nilai <= NILAI_MAKSIMAL:
            errors["nilai"] = [
                _("Nilai harus antara %(a)s dan %(b)s.") % {"a": minimal, "b": NILAI_MAKSIMAL}
            ]


class AturanDaerah(BerlakuDaerah):
    """An extra rule of the region, with the message BKD wrote for it: a required document
    (accepted by the verifier), a lock period after appointment or taking the post, or a
    blackout period (its effective dates) in which no proposal is approved or published."""

    NAMA_VERSI = _("Aturan daerah")
    ANCHOR = "aturan"

    jenis = models.CharField(
        verbose_name=_("jenis aturan"),
        max_length=20,
        choices=JenisAturan.choices,
    )
    pesan = models.TextField(
        verbose_name=_("pesan pada daftar syarat"),
        help_text=_("Ditulis BKD; tampil pada usulan yang terkena aturan ini."),
    )
    jenis_dokumen = models.CharField(
        verbose_name=_("dokumen yang diwajibkan"),
        max_length=30,
        choices=JenisDokumen.choices,
        blank=True,
    )
    tahun = models.PositiveSmallIntegerField(
        verbose_name=_("masa kunci (tahun)"),
        null=True,
        blank=True,
    )
    dihitung_dari = models.CharField(
        verbose_name=_("masa kunci dihitung dari"),
        max_length=20,
        choices=DihitungDari.choices,
        blank=True,
    )

    class Meta(BerlakuDaerah.Meta):
        verbose_name = _("aturan daerah")
        verbose_name_plural = _("aturan daerah")

    def __str__(self):
        return f"{self.get_jenis_display()} ({self.sasaran})"

    def clean_rule(self, errors):
        if self.jenis == JenisAturan.DOKUMEN and not self.jenis_dokumen:
            errors["jenis_dokumen"] = [_("Pilih dokumen yang diwajibkan.")]
        if self.jenis == JenisAturan.MASA_KUNCI:
            if not self.tahun or self.tahun > NILAI_MAKSIMAL:
                errors["tahun"] = [
                    _("Masa kunci harus antara 1 dan %(b)s tahun.") % {"b": NILAI_MAKSIMAL}
                ]
            if not self.dihitung_dari:
                errors["dihitung_dari"] = [_("Pilih dari mana masa kunci dihitung.")]
        if self.jenis == JenisAturan.LARANGAN and not self.berlaku_sampai:
            errors["berlaku_sampai"] = [_("Masa larangan perlu tanggal akhir.")]
        # What another kind would use is left empty, so a row reads as what it is.
        if self.jenis != JenisAturan.DOKUMEN:
            self.jenis_dokumen = ""
        if self.jenis != JenisAturan.MASA_KUNCI:
            self.tahun, self.dihitung_dari = None, ""
