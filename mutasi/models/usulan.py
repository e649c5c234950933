"""The mutation proposal: who may see it, its states and the transitions between them. What
hangs off it (documents, exceptions, decisions kept, panel scores) is in ``lampiran``."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from mutasi.lib.models import TimeStampedModel
from mutasi.usulan import kewenangan
from mutasi.usulan.choices import (
    DOKUMEN_WAJIB,
    PERLU_PERTEK,
    STATUS_TERBUKA,
    ArahMutasi,
    HasilPertek,
    JenisDokumen,
    JenisInstansiAsal,
    JenisMutasi,
    KategoriAlasan,
    Rekomendasi,
    SikapPegawai,
    StatusUsulan,
)
from pegawai.access import scope_for


class UsulanQuerySet(models.QuerySet):
    def for_user(self, user):
        """BKD sees every proposal; an agency sees those leaving or entering it, but another
        agency's drafts never; an employee sees the proposals about them once filed."""
        scope = scope_for(user)
        if scope.everything:
            return self
        if scope.perangkat_daerah_id:
            opd = scope.perangkat_daerah_id
            # Subqueries on the small unit and formasi tables rather than joins: with an OR
            # across two joined tables PostgreSQL read every proposal (0.4 s at 100,000).
            unit = self.model._meta.get_field("unit_asal").related_model
            formasi = self.model._meta.get_field("formasi_tujuan").related_model
            touches = models.Q(
                unit_asal__in=unit.objects.filter(perangkat_daerah_id=opd).values("pk")
            ) | models.Q(
                formasi_tujuan__in=formasi.objects.filter(unit__perangkat_daerah_id=opd).values(
                    "pk"
                )
            )
            drafts_of_others = models.Q(status=StatusUsulan.KONSEP) & ~models.Q(opd_pengusul_id=opd)
            return self.filter(touches).exclude(drafts_of_others)
        if scope.pegawai_id:
            own_drafts = models.Q(dibuat_oleh_id=user.pk)
            return self.filter(pegawai_id=scope.pegawai_id).filter(
                ~models.Q(status=StatusUsulan.KONSEP) | own_drafts
            )
        return self.none()

    def terbuka(self):
        return self.filter(status__in=STATUS_TERBUKA)


class Usulan(ConcurrentTransitionMixin, TimeStampedModel):
    """A mutation proposal for one employee, from draft to approval (docs/domain.md §4).

    The state only changes through ``mutasi.usulan.services``; the ``@transition`` methods below
    declare which moves exist, the services decide who may make them and when.
    """

    pegawai = models.ForeignKey(
        "pegawai.Pegawai",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="usulan",
    )
    jenis = models.CharField(
        verbose_name=_("jenis mutasi"),
        max_length=20,
        choices=JenisMutasi.choices,
    )
    alasan = models.CharField(
        verbose_name=_("kategori alasan"),
        max_length=30,
        choices=KategoriAlasan.choices,
    )
    alasan_publik = models.CharField(
        verbose_name=_("alasan untuk publik"),
        max_length=300,
        help_text=_("Satu kalimat yang akan tampil di halaman transparansi setelah SK terbit."),
    )
    catatan_internal = models.TextField(
        verbose_name=_("catatan internal"),
        blank=True,
        help_text=_("Tidak pernah ditampilkan kepada publik."),
    )
    arah = models.CharField(
        verbose_name=_("arah mutasi"),
        max_length=10,
        choices=ArahMutasi.choices,
        default=ArahMutasi.INTERNAL,
    )
    # Empty for an incoming move: the origin is another government, recorded as text below.
    unit_asal = models.ForeignKey(
        "instansi.UnitKerja",
        verbose_name=_("unit asal"),
        on_delete=models.PROTECT,
        related_name="usulan_keluar",
        null=True,
        blank=True,
    )
    jabatan_asal = models.ForeignKey(
        "instansi.Jabatan",
        verbose_name=_("jabatan asal"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    asal_instansi = models.CharField(
        verbose_name=_("instansi asal"),
        max_length=200,
        blank=True,
    )
    asal_jenis_instansi = models.CharField(
        verbose_name=_("jenis instansi asal"),
        max_length=10,
        choices=JenisInstansiAsal.choices,
        blank=True,
    )
    asal_unit = models.CharField(
        verbose_name=_("unit kerja di instansi asal"),
        max_length=200,
        blank=True,
    )
    asal_jabatan = models.CharField(
        verbose_name=_("jabatan di instansi asal"),
        max_length=200,
        blank=True,
    )
    formasi_tujuan = models.ForeignKey(
        "instansi.Formasi",
        verbose_name=_("formasi tujuan"),
        on_delete=models.PROTECT,
        related_name="usulan_masuk",
        null=True,
        blank=True,
    )
    tujuan_luar = models.CharField(
        verbose_name=_("instansi tujuan di luar pemerintah daerah"),
        max_length=200,
        blank=True,
    )
    justifikasi_tujuan = models.TextField(
        verbose_name=_("justifikasi tujuan"),
        blank=True,
        help_text=_("Wajib bila formasi tujuan tidak sedang lowong."),
    )
    tanggal_rencana = models.DateField(
        verbose_name=_("rencana TMT"),
    )
    permintaan_sendiri = models.BooleanField(
        verbose_name=_("atas permintaan pegawai sendiri"),
        default=False,
        help_text=_(
            "Pegawai sendiri yang meminta pindah, apa pun kategori alasannya. Menentukan "
            "syarat masa kerja untuk pindah ke instansi lain."
        ),
    )
    asal_dikurangi_sengaja = models.BooleanField(
        verbose_name=_("BKD sengaja mengurangi formasi asal"),
        default=False,
        help_text=_(
            "Dicentang BKD saat membuat usulan dari daftar kandidat bagi pemegang tunggal "
            "jabatannya atau pegawai dari formasi yang tidak berlebih."
        ),
    )
    status = FSMField(
        verbose_name=_("status"),
        max_length=20,
        choices=StatusUsulan.choices,
        default=StatusUsulan.KONSEP,
        protected=True,
        db_index=True,
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opd_pengusul = models.ForeignKey(
        "instansi.PerangkatDaerah",
        verbose_name=_("perangkat daerah pengusul"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    catatan_pengembalian = models.TextField(
        verbose_name=_("catatan pengembalian"),
        blank=True,
    )
    pertek_permohonan_nomor = models.CharField(
        verbose_name=_("nomor surat permohonan pertimbangan teknis"),
        max_length=100,
        blank=True,
    )
    pertek_permohonan_tanggal = models.DateField(
        verbose_name=_("tanggal permohonan pertimbangan teknis"),
        null=True,
        blank=True,
    )
    pertek_hasil = models.CharField(
        verbose_name=_("hasil pertimbangan teknis"),
        max_length=20,
        choices=HasilPertek.choices,
        blank=True,
    )
    pertek_nomor = models.CharField(
        verbose_name=_("nomor pertimbangan teknis BKN"),
        max_length=100,
        blank=True,
    )
    pertek_tanggal = models.DateField(
        verbose_name=_("tanggal pertimbangan teknis"),
        null=True,
        blank=True,
    )
    # An outgoing move is decided by the receiving side; its decree is recorded here.
    sk_luar_nomor = models.CharField(
        verbose_name=_("nomor SK instansi penerima"),
        max_length=100,
        blank=True,
    )
    sk_luar_tanggal = models.DateField(
        verbose_name=_("tanggal SK instansi penerima"),
        null=True,
        blank=True,
    )
    diajukan_pada = models.DateTimeField(
        verbose_name=_("pertama diajukan"),
        null=True,
        blank=True,
    )
    diberitahukan_pada = models.DateTimeField(
        verbose_name=_("pegawai diberi tahu"),
        null=True,
        blank=True,
    )
    # Set with ``diberitahukan_pada`` from the window in force for this proposal then: a later
    # change of the window never moves a deadline already given.
    batas_sikap = models.DateTimeField(
        verbose_name=_("batas menyatakan sikap"),
        null=True,
        blank=True,
    )
    sikap = models.CharField(
        verbose_name=_("sikap pegawai"),
        max_length=10,
        choices=SikapPegawai.choices,
        blank=True,
    )
    sikap_alasan = models.TextField(
        verbose_name=_("alasan pegawai"),
        blank=True,
    )
    sikap_pada = models.DateTimeField(
        verbose_name=_("sikap dicatat"),
        null=True,
        blank=True,
    )
    jawaban_keberatan = models.TextField(
        verbose_name=_("jawaban tim atas keberatan"),
        blank=True,
    )
    rekomendasi = models.CharField(
        verbose_name=_("rekomendasi tim pertimbangan"),
        max_length=10,
        choices=Rekomendasi.choices,
        blank=True,
    )
    rekomendasi_catatan = models.TextField(
        verbose_name=_("catatan rekomendasi"),
        blank=True,
    )
    keputusan_catatan = models.TextField(
        verbose_name=_("alasan keputusan"),
        blank=True,
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

    objects = UsulanQuerySet.as_manager()

    class Meta:
        verbose_name = _("usulan mutasi")
        verbose_name_plural = _("usulan mutasi")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai"],
                condition=models.Q(status__in=STATUS_TERBUKA),
                name="%(app_label)s_%(class)s_satu_terbuka_per_pegawai",
                violation_error_message=_("Pegawai ini sudah memiliki usulan mutasi yang terbuka."),
            ),
            models.CheckConstraint(
                condition=models.Q(formasi_tujuan__isnull=False) | ~models.Q(tujuan_luar=""),
                name="%(app_label)s_%(class)s_ada_tujuan",
            ),
            models.CheckConstraint(
                condition=models.Q(unit_asal__isnull=False, jabatan_asal__isnull=False)
                | ~models.Q(asal_instansi=""),
                name="%(app_label)s_%(class)s_ada_asal",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created"], name="usulan_status_created_idx"),
            # The list's default order: newest first.
            models.Index(fields=["-created", "-id"], name="usulan_created_idx"),
            # "Disetujui, belum masuk SK" in the inbox: the oldest decisions first, read in
            # order instead of sorting every approved proposal of the government.
            models.Index(fields=["status", "diputuskan_pada"], name="usulan_status_putus_idx"),
        ]

    def __str__(self):
        return f"{self.kode} {self.pegawai.nama}"

    @property
    def masuk(self) -> bool:
        return self.arah == ArahMutasi.MASUK

    # The origin as words: this government's unit and post, or those recorded of another one.
    @property
    def nama_jabatan_asal(self) -> str:
        return self.jabatan_asal.nama if self.jabatan_asal_id else self.asal_jabatan

    @property
    def nama_unit_asal(self) -> str:
        return self.unit_asal.nama if self.unit_asal_id else self.asal_unit

    @property
    def nama_opd_asal(self) -> str:
        if not self.unit_asal_id:
            return self.asal_instansi
        opd = self.unit_asal.perangkat_daerah
        return opd.singkatan or opd.nama

    @property
    def wewenang(self) -> kewenangan.Kewenangan:
        return kewenangan.kewenangan(self.jenis)

    @property
    def penerbit_sk(self) -> str:
        return kewenangan.penerbit_sk(self.arah)

    @property
    def pertek_lengkap(self) -> bool:
        """The technical opinion is in hand and favourable."""
        return bool(
            self.pertek_nomor and self.pertek_tanggal and self.pertek_hasil == HasilPertek.DISETUJUI
        )

    def get_absolute_url(self):
        return reverse("mutasi:usulan_detail", args=[self.pk])

    @property
    def kode(self) -> str:
        year = (self.created or timezone.now()).year
        return f"USL-{year}-{self.pk or 0:06d}"

    @property
    def perlu_pertek(self) -> bool:
        return self.jenis in PERLU_PERTEK

    @property
    def dokumen_wajib(self) -> list:
        """The documents the filing must carry. BKN's Pertek is not one of them: BKD asks for
        it after the filing and approval waits for its number, date and favourable result
        (``pertek_lengkap``); for an outgoing move it is the receiving side's to ask."""
        return [d for d in DOKUMEN_WAJIB.get(self.jenis, []) if d != JenisDokumen.PERTEK]

    @property
    def putusan_display(self) -> str:
        """What the official decided: "Ditolak" or "Disetujui", whatever happened after
        (published, carried out or dropped by a correcting letter)."""
        if self.status == StatusUsulan.DITOLAK:
            return StatusUsulan.DITOLAK.label
        return StatusUsulan.DISETUJUI.label

    @property
    def dapat_diubah(self) -> bool:
        return self.status == StatusUsulan.KONSEP

    # The moves of docs/domain.md §4. The services lock the row and check roles first.
    @transition(status, source=StatusUsulan.KONSEP, target=StatusUsulan.MENUNGGU_KEPALA)
    def minta_dukungan(self):
        """An employee's own request waits for their agency head."""

    @transition(
        status,
        source=[StatusUsulan.KONSEP, StatusUsulan.MENUNGGU_KEPALA],
        target=StatusUsulan.DIAJUKAN,
    )
    def ajukan(self):
        pass

    @transition(status, source=StatusUsulan.DIAJUKAN, target=StatusUsulan.TERVERIFIKASI)
    def verifikasi(self):
        pass

    @transition(
        status,
        source=[
            StatusUsulan.MENUNGGU_KEPALA,
            StatusUsulan.DIAJUKAN,
            StatusUsulan.TERVERIFIKASI,
        ],
        target=StatusUsulan.KONSEP,
    )
    def kembalikan(self):
        pass

    @transition(status, source=StatusUsulan.TERVERIFIKASI, target=StatusUsulan.DIPERTIMBANGKAN)
    def pertimbangkan(self):
        pass

    @transition(status, source=StatusUsulan.DIPERTIMBANGKAN, target=StatusUsulan.DISETUJUI)
    def setujui(self):
        pass

    @transition(status, source=StatusUsulan.DIPERTIMBANGKAN, target=StatusUsulan.DITOLAK)
    def tolak(self):
        pass

    @transition(
        status,
        source=[
            StatusUsulan.KONSEP,
            StatusUsulan.MENUNGGU_KEPALA,
            StatusUsulan.DIAJUKAN,
            StatusUsulan.TERVERIFIKASI,
            StatusUsulan.DIPERTIMBANGKAN,
        ],
        target=StatusUsulan.DIBATALKAN,
    )
    def batalkan(self):
        pass

    @transition(status, source=StatusUsulan.DISETUJUI, target=StatusUsulan.DITETAPKAN)
    def tetapkan(self):
        """Named in a published decision letter (``mutasi.sk.terbit.terbitkan``)."""

    @transition(status, source=StatusUsulan.DITETAPKAN, target=StatusUsulan.DILAKSANAKAN)
    def laksanakan(self):
        """The employee reported at the new post (``mutasi.sk.pelaksanaan.laksanakan``)."""

    @transition(status, source=StatusUsulan.DISETUJUI, target=StatusUsulan.DILAKSANAKAN)
    def laksanakan_keluar(self):
        """Released here, decided by the receiving side: carried out on its decree
        (``mutasi.sk.pelaksanaan.catat_sk_luar``)."""

    @transition(status, source=StatusUsulan.DITETAPKAN, target=StatusUsulan.DIBATALKAN)
    def batalkan_penetapan(self):
        """Left out of the correction that revoked its letter: the move does not happen."""


# Here, not beside Dokumen in ``lampiran``: migration 0002 names it by this path.
def _dokumen_path(instance, filename):
    # Random names: the original name is kept in the row, never in the path.
    return f"dokumen/{instance.usulan_id}/{uuid.uuid4().hex}"
