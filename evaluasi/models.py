"""Post-mutation evaluations (docs/domain.md §9): one per moved employee per stage (3, 6, 12
months after the TMT), each with a supervisor part and a self-assessment part, and the
training they lead to.

An evaluation copies the destination agency, unit and jabatan of the move when it is
scheduled, so scoping and the dashboard need no join through the proposal and stay right
when the employee moves again later.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluasi.choices import SKOR_MAKS, SKOR_MIN, Rekomendasi, StatusEvaluasi, StatusPelatihan
from mutasi.lib.models import TimeStampedModel
from pegawai.access import Role, roles_of, scope_for

SKOR = [MinValueValidator(SKOR_MIN), MaxValueValidator(SKOR_MAKS)]


def _skor_valid(field: str) -> models.Q:
    return models.Q(**{f"{field}__gte": SKOR_MIN, f"{field}__lte": SKOR_MAKS})


class EvaluasiQuerySet(models.QuerySet):
    def for_user(self, user):
        """BKD sees every evaluation; an agency those of the staff it received; an employee
        their own. An agency head who was moved himself also sees his own."""
        scope = scope_for(user)
        if scope.everything:
            return self
        own = models.Q(pegawai_id=user.pegawai_id) if getattr(user, "pegawai_id", None) else None
        if scope.perangkat_daerah_id:
            q = models.Q(perangkat_daerah_id=scope.perangkat_daerah_id)
            return self.filter(q | own if own is not None else q)
        if own is not None:
            return self.filter(own)
        return self.none()

    def belum_lengkap(self):
        return self.filter(lengkap=False)

    def jatuh_tempo(self, today=None):
        return self.filter(jatuh_tempo__lte=today or timezone.localdate()).belum_lengkap()

    def terlambat(self, today=None):
        return self.filter(tenggat__lt=today or timezone.localdate()).belum_lengkap()

    def perlu_diisi_oleh(self, user, today=None):
        """Due evaluations whose part is this user's and still empty: the supervisor's (the
        receiving agency's head) or the employee's own."""
        today = today or timezone.localdate()
        due = self.filter(jatuh_tempo__lte=today)
        parts = models.Q(pk__in=[])
        if Role.KEPALA_OPD in roles_of(user) and user.perangkat_daerah_id:
            parts |= models.Q(
                perangkat_daerah_id=user.perangkat_daerah_id, penilaian_atasan__isnull=True
            ) & ~models.Q(pegawai_id=user.pegawai_id)
        if getattr(user, "pegawai_id", None):
            parts |= models.Q(pegawai_id=user.pegawai_id, penilaian_diri__isnull=True)
        return due.filter(parts)


class Evaluasi(TimeStampedModel):
    """One scheduled evaluation of one implemented move, ``bulan`` months after its TMT."""

    usulan = models.ForeignKey(
        "mutasi.Usulan",
        verbose_name=_("usulan"),
        on_delete=models.PROTECT,
        related_name="evaluasi",
    )
    pegawai = models.ForeignKey(
        "pegawai.Pegawai",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="evaluasi",
    )
    perangkat_daerah = models.ForeignKey(
        "instansi.PerangkatDaerah",
        verbose_name=_("perangkat daerah tujuan"),
        on_delete=models.PROTECT,
        related_name="evaluasi",
    )
    unit = models.ForeignKey(
        "instansi.UnitKerja",
        verbose_name=_("unit kerja tujuan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    jabatan = models.ForeignKey(
        "instansi.Jabatan",
        verbose_name=_("jabatan tujuan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    bulan = models.PositiveSmallIntegerField(
        verbose_name=_("bulan setelah TMT"),
    )
    tmt = models.DateField(
        verbose_name=_("TMT di tempat baru"),
    )
    jatuh_tempo = models.DateField(
        verbose_name=_("jatuh tempo"),
        db_index=True,
    )
    tenggat = models.DateField(
        verbose_name=_("batas waktu"),
    )
    pengingat_pada = models.DateTimeField(
        verbose_name=_("pengingat dikirim"),
        null=True,
        blank=True,
    )
    peringatan_terlambat_pada = models.DateTimeField(
        verbose_name=_("peringatan terlambat dikirim"),
        null=True,
        blank=True,
    )
    # Both parts filled. Kept by the assessments' save() (and set by bulk inserters): the
    # lists of due and overdue evaluations then read a small partial index instead of
    # anti-joining two tables of hundreds of thousands of rows.
    lengkap = models.BooleanField(
        verbose_name=_("lengkap"),
        default=False,
        editable=False,
    )
    # The assessments' scores, copied here by their save() and delete (and by bulk
    # inserters, ``salin_skor``): the dashboard groups the evaluations of 100,000 moves
    # without joining both assessment tables. NULL while a part is missing.
    skor_kinerja = models.PositiveSmallIntegerField(null=True, editable=False)
    skor_adaptasi_atasan = models.PositiveSmallIntegerField(null=True, editable=False)
    skor_kepuasan = models.PositiveSmallIntegerField(null=True, editable=False)
    skor_adaptasi_diri = models.PositiveSmallIntegerField(null=True, editable=False)
    skor_beban_kerja = models.PositiveSmallIntegerField(null=True, editable=False)

    objects = EvaluasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluasi pasca-mutasi")
        verbose_name_plural = _("evaluasi pasca-mutasi")
        ordering = ["jatuh_tempo", "pk"]
        indexes = [
            models.Index(
                fields=["jatuh_tempo", "id"],
                condition=models.Q(lengkap=False),
                name="evaluasi_terbuka_idx",
            ),
            models.Index(
                fields=["tenggat"],
                condition=models.Q(lengkap=False),
                name="evaluasi_terbuka_tenggat_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["usulan", "bulan"],
                name="%(app_label)s_%(class)s_unique_usulan_bulan",
            ),
            models.CheckConstraint(
                condition=models.Q(tenggat__gte=models.F("jatuh_tempo"))
                & models.Q(jatuh_tempo__gt=models.F("tmt")),
                name="%(app_label)s_%(class)s_tanggal_urut",
            ),
        ]

    def __str__(self):
        return _("Evaluasi %(n)s bulan — %(p)s") % {"n": self.bulan, "p": self.pegawai.nama}

    def get_absolute_url(self):
        return reverse("evaluasi:detail", args=[self.pk])

    def status(self, today=None) -> str:
        today = today or timezone.localdate()
        if self.atasan_terisi and self.diri_terisi:
            return StatusEvaluasi.SELESAI
        if today < self.jatuh_tempo:
            return StatusEvaluasi.BELUM_JATUH_TEMPO
        if today > self.tenggat:
            return StatusEvaluasi.TERLAMBAT
        return StatusEvaluasi.JATUH_TEMPO

    def get_status_display(self) -> str:
        return StatusEvaluasi(self.status()).label

    @property
    def atasan_terisi(self) -> bool:
        return hasattr(self, "penilaian_atasan")

    @property
    def diri_terisi(self) -> bool:
        return hasattr(self, "penilaian_diri")


class PenilaianAtasan(TimeStampedModel):
    """The supervisor's part: performance and adaptation at the new post, gaps, advice."""

    evaluasi = models.OneToOneField(
        Evaluasi,
        verbose_name=_("evaluasi"),
        on_delete=models.CASCADE,
        related_name="penilaian_atasan",
    )
    kinerja = models.PositiveSmallIntegerField(
        verbose_name=_("kinerja di jabatan baru"),
        validators=SKOR,
    )
    adaptasi = models.PositiveSmallIntegerField(
        verbose_name=_("adaptasi"),
        validators=SKOR,
    )
    kesenjangan = models.ManyToManyField(
        "instansi.Kompetensi",
        verbose_name=_("kesenjangan kompetensi"),
        blank=True,
        related_name="+",
    )
    komentar = models.TextField(
        verbose_name=_("komentar"),
        blank=True,
    )
    rekomendasi = models.CharField(
        verbose_name=_("rekomendasi"),
        max_length=20,
        choices=Rekomendasi.choices,
    )
    penilai = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penilai"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        tandai_lengkap([self.evaluasi_id])
        salin_skor([self.evaluasi_id])

    class Meta:
        verbose_name = _("penilaian atasan")
        verbose_name_plural = _("penilaian atasan")
        constraints = [
            models.CheckConstraint(
                condition=_skor_valid("kinerja") & _skor_valid("adaptasi"),
                name="%(app_label)s_%(class)s_skor_1_5",
            ),
        ]

    def __str__(self):
        return str(self.evaluasi)


class PenilaianDiri(TimeStampedModel):
    """The employee's self-assessment. Its free text reaches the supervisor only when
    ``izinkan_atasan`` is set; BKD and the employee always see it."""

    evaluasi = models.OneToOneField(
        Evaluasi,
        verbose_name=_("evaluasi"),
        on_delete=models.CASCADE,
        related_name="penilaian_diri",
    )
    kepuasan = models.PositiveSmallIntegerField(
        verbose_name=_("kepuasan"),
        validators=SKOR,
    )
    adaptasi = models.PositiveSmallIntegerField(
        verbose_name=_("adaptasi"),
        validators=SKOR,
    )
    beban_kerja = models.PositiveSmallIntegerField(
        verbose_name=_("beban kerja"),
        validators=SKOR,
    )
    yang_membantu = models.TextField(
        verbose_name=_("yang membantu"),
        blank=True,
    )
    yang_menghambat = models.TextField(
        verbose_name=_("yang menghambat"),
        blank=True,
    )
    pelatihan_diinginkan = models.TextField(
        verbose_name=_("pelatihan yang diinginkan"),
        blank=True,
    )
    izinkan_atasan = models.BooleanField(
        verbose_name=_("atasan boleh membaca isian teks saya"),
        default=False,
    )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        tandai_lengkap([self.evaluasi_id])
        salin_skor([self.evaluasi_id])

    class Meta:
        verbose_name = _("penilaian diri")
        verbose_name_plural = _("penilaian diri")
        constraints = [
            models.CheckConstraint(
                condition=_skor_valid("kepuasan")
                & _skor_valid("adaptasi")
                & _skor_valid("beban_kerja"),
                name="%(app_label)s_%(class)s_skor_1_5",
            ),
        ]

    def __str__(self):
        return str(self.evaluasi)


def tandai_lengkap(evaluasi_ids) -> int:
    """Mark the evaluations among ``evaluasi_ids`` that now have both parts."""
    return (
        Evaluasi.objects.filter(pk__in=list(evaluasi_ids), lengkap=False)
        .filter(penilaian_atasan__isnull=False, penilaian_diri__isnull=False)
        .update(lengkap=True)
    )


class PelatihanQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(evaluasi__in=Evaluasi.objects.for_user(user).values("pk"))

    def terbuka(self):
        return self.filter(status=StatusPelatihan.DIRENCANAKAN)


def _bukti_path(instance, filename):
    # Random names: the original name is kept in the row, never in the path.
    return f"pelatihan/{instance.evaluasi_id}/{uuid.uuid4().hex}"


class Pelatihan(TimeStampedModel):
    """A training recommended after an evaluation, followed until it is done with evidence."""

    evaluasi = models.ForeignKey(
        Evaluasi,
        verbose_name=_("evaluasi"),
        on_delete=models.CASCADE,
        related_name="pelatihan",
    )
    topik = models.CharField(
        verbose_name=_("topik"),
        max_length=200,
    )
    penyelenggara = models.CharField(
        verbose_name=_("penyelenggara"),
        max_length=200,
    )
    tenggat = models.DateField(
        verbose_name=_("target selesai"),
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=15,
        choices=StatusPelatihan.choices,
        default=StatusPelatihan.DIRENCANAKAN,
    )
    bukti = models.FileField(
        verbose_name=_("bukti (sertifikat)"),
        upload_to=_bukti_path,
        blank=True,
    )
    bukti_nama = models.CharField(
        verbose_name=_("nama berkas bukti"),
        max_length=200,
        blank=True,
    )
    bukti_tipe = models.CharField(
        verbose_name=_("tipe isi bukti"),
        max_length=50,
        blank=True,
    )
    selesai_pada = models.DateField(
        verbose_name=_("tanggal selesai"),
        null=True,
        blank=True,
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = PelatihanQuerySet.as_manager()

    class Meta:
        verbose_name = _("tindak lanjut pelatihan")
        verbose_name_plural = _("tindak lanjut pelatihan")
        ordering = ["tenggat", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=StatusPelatihan.SELESAI)
                | (~models.Q(bukti="") & models.Q(selesai_pada__isnull=False)),
                name="%(app_label)s_%(class)s_selesai_dengan_bukti",
            ),
        ]
        indexes = [models.Index(fields=["status", "tenggat"], name="pelatihan_status_idx")]

    def __str__(self):
        return self.topik

    @property
    def terlambat(self) -> bool:
        return self.status == StatusPelatihan.DIRENCANAKAN and self.tenggat < timezone.localdate()


# (evaluation field, assessment relation, assessment field)
SALINAN_SKOR = [
    ("skor_kinerja", "atasan", "kinerja"),
    ("skor_adaptasi_atasan", "atasan", "adaptasi"),
    ("skor_kepuasan", "diri", "kepuasan"),
    ("skor_adaptasi_diri", "diri", "adaptasi"),
    ("skor_beban_kerja", "diri", "beban_kerja"),
]


def salin_skor(evaluasi_ids=None, *, evaluasi=None, atasan=None, diri=None) -> int:
    """Copy the scores of the assessments onto the evaluations among ``evaluasi_ids``
    (None: all), NULL where a part is missing. The models can be passed in (migrations)."""
    evaluasi = evaluasi or Evaluasi
    sources = {"atasan": atasan or PenilaianAtasan, "diri": diri or PenilaianDiri}
    qs = evaluasi.objects.all()
    if evaluasi_ids is not None:
        qs = qs.filter(pk__in=list(evaluasi_ids))
    return qs.update(
        **{
            target: models.Subquery(
                sources[part].objects.filter(evaluasi_id=models.OuterRef("pk")).values(source)[:1]
            )
            for target, part, source in SALINAN_SKOR
        }
    )


@receiver(post_delete, sender=PenilaianAtasan)
@receiver(post_delete, sender=PenilaianDiri)
def _penilaian_dihapus(sender, instance, **kwargs):
    salin_skor([instance.evaluasi_id])


class HitunganDasbor(models.Model):
    """The programme dashboard's figures for one filter as last computed
    (``evaluasi.hitungan``): a view shows them at once, with the time they were computed,
    and has the worker compute them again when the data has changed since."""

    kunci = models.CharField(_("kunci"), max_length=64, unique=True)
    saringan = models.JSONField(_("saringan"))  # [[name, [values]], …] of the request
    versi = models.BigIntegerField(_("versi"), null=True)  # newest audit-log row then
    tanggal = models.DateField(_("tanggal"))  # the day the figures are for
    dihitung_pada = models.DateTimeField(_("dihitung pada"))
    diminta_pada = models.DateTimeField(_("diminta pada"), null=True)  # recomputation queued
    isi = models.BinaryField(_("isi"))  # pickled (Dasbor, public-service effect)

    class Meta:
        verbose_name = _("hitungan dasbor")
        verbose_name_plural = _("hitungan dasbor")

    def __str__(self):
        return self.kunci
