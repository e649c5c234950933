"""Decision letters (Surat Keputusan, SK): the draft, the published letter and its number.

A published letter is never edited or deleted (docs/domain.md §7): the services refuse it, and
so do ``save()``, ``delete()`` and the queryset's ``delete()``, which guards the admin too.
Only the rendering bookkeeping (file, hash, render state) may change after publication.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mutasi.lib import kode_verifikasi as kode
from mutasi.lib.models import TimeStampedModel
from pegawai.access import Role, roles_of

__all__ = [
    "PEMBACA_SK",
    "StatusSK",
    "StatusRender",
    "NomorSurat",
    "SuratKeputusan",
    "SuratKeputusanUsulan",
]


# Who sees letters in the app: BKD staff and the official (the employees named in a letter
# will see theirs in a later step; the public sees a summary on the verification page).
PEMBACA_SK = frozenset({Role.OPERATOR_BKD, Role.VERIFIKATOR_BKD, Role.PEJABAT_PENETAP, Role.ADMIN})


class StatusSK(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan ke Pejabat Penetap")
    TERBIT = "terbit", _("Terbit")


class StatusRender(models.TextChoices):
    MENUNGGU = "menunggu", _("Menunggu")
    DIPROSES = "diproses", _("Diproses")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")


def _kode_verifikasi() -> str:
    """The codes of the first letters (case-sensitive, with look-alikes); migration 0003 names
    this default. New letters get ``kode.generate`` codes; both are accepted."""
    return secrets.token_urlsafe(12)


def _berkas_path(instance, filename):
    # Private storage under MEDIA_ROOT; the name is not guessable from the number.
    return f"sk/{instance.tahun or 'draf'}/{instance.kode_verifikasi}.pdf"


class NomorSurat(models.Model):
    """The last number given in one series and year; locked while a letter is numbered.

    One row per (seri, tahun): publishing locks it with ``select_for_update``, so
    concurrent publications queue here and take consecutive numbers, and a rolled-back
    publication gives its number back (gap-free).
    """

    seri = models.CharField(
        verbose_name=_("seri"),
        max_length=30,
    )
    tahun = models.PositiveSmallIntegerField(
        verbose_name=_("tahun"),
    )
    terakhir = models.PositiveIntegerField(
        verbose_name=_("nomor urut terakhir"),
        default=0,
    )

    class Meta:
        verbose_name = _("penomoran surat")
        verbose_name_plural = _("penomoran surat")
        constraints = [
            models.UniqueConstraint(
                fields=["seri", "tahun"],
                name="%(app_label)s_%(class)s_unique_seri_tahun",
            )
        ]

    def __str__(self):
        return f"{self.seri} {self.tahun}: {self.terakhir}"


class SuratKeputusanQuerySet(models.QuerySet):
    def for_user(self, user):
        """BKD staff and the official see every letter; an agency or an employee sees the
        published letters holding a proposal they may see (an employee: about themselves)."""
        if roles_of(user) & PEMBACA_SK:
            return self
        if not user.is_authenticated:
            return self.none()
        from mutasi.models import Usulan

        visible = Usulan.objects.for_user(user).values("pk")
        return self.filter(status=StatusSK.TERBIT, baris__usulan__in=visible).distinct()

    def terbit(self):
        return self.filter(status=StatusSK.TERBIT)

    def delete(self):
        if self.filter(status=StatusSK.TERBIT).exists():
            raise ValidationError(_("SK yang sudah terbit tidak dapat dihapus."))
        return super().delete()


class SuratKeputusan(TimeStampedModel):
    """A decision letter moving one or more employees (docs/domain.md §7).

    Composed as a draft by BKD, published by the official: publication gives the number,
    moves the proposals to Ditetapkan and queues the PDF. ``mencabut`` names the letter
    this one revokes (a correction).
    """

    # What may still change on a published letter: its rendering and bookkeeping.
    KOLOM_RENDER = frozenset(
        {
            "berkas",
            "sha256",
            "render_status",
            "render_error",
            "render_percobaan",
            "render_selesai_pada",
            "ditandatangani_pada",
            "ditandatangani_oleh",
            "tte",
            "updated",
        }
    )

    status = models.CharField(
        verbose_name=_("status"),
        max_length=10,
        choices=StatusSK.choices,
        default=StatusSK.DRAF,
        db_index=True,
    )
    judul = models.CharField(
        verbose_name=_("judul"),
        max_length=300,
        default="Pemindahan Pegawai Negeri Sipil",
    )
    menimbang = models.TextField(
        verbose_name=_("menimbang"),
        help_text=_("Satu pertimbangan per baris; diberi huruf a, b, c, … pada surat."),
    )
    mengingat = models.TextField(
        verbose_name=_("mengingat"),
        help_text=_("Satu dasar hukum per baris; diberi nomor 1, 2, 3, … pada surat."),
    )
    tembusan = models.TextField(
        verbose_name=_("tembusan"),
        blank=True,
        help_text=_("Satu penerima per baris."),
    )
    alasan_tmt_surut = models.TextField(
        verbose_name=_("alasan TMT sebelum tanggal SK"),
        blank=True,
        help_text=_("Wajib bila TMT seseorang jatuh sebelum tanggal SK ditetapkan."),
    )
    alasan_pembetulan = models.TextField(
        verbose_name=_("alasan pembetulan"),
        blank=True,
        help_text=_(
            "Untuk SK pembetulan: apa yang keliru pada SK yang dicabut. Tampil di halaman "
            "publik dan halaman verifikasi."
        ),
    )
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diajukan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    diajukan_pada = models.DateTimeField(
        verbose_name=_("diajukan pada"),
        null=True,
        blank=True,
    )
    catatan_pengembalian = models.TextField(
        verbose_name=_("catatan pengembalian"),
        blank=True,
        help_text=_("Catatan Pejabat Penetap saat mengembalikan draf untuk diperbaiki."),
    )
    kop = models.JSONField(
        verbose_name=_("kop dan kota saat ditetapkan"),
        default=dict,
        blank=True,
    )
    penandatangan_nama = models.CharField(
        verbose_name=_("nama penandatangan"),
        max_length=150,
    )
    penandatangan_jabatan = models.CharField(
        verbose_name=_("jabatan penandatangan"),
        max_length=150,
    )
    penandatangan_pangkat = models.CharField(
        verbose_name=_("pangkat penandatangan"),
        max_length=100,
        blank=True,
    )
    penandatangan_nip = models.CharField(
        verbose_name=_("NIP penandatangan"),
        max_length=18,
        blank=True,
    )
    seri = models.CharField(
        verbose_name=_("seri penomoran"),
        max_length=30,
    )
    urut = models.PositiveIntegerField(
        verbose_name=_("nomor urut"),
        null=True,
        blank=True,
    )
    tahun = models.PositiveSmallIntegerField(
        verbose_name=_("tahun"),
        null=True,
        blank=True,
    )
    nomor = models.CharField(
        verbose_name=_("nomor"),
        max_length=100,
        blank=True,
    )
    tanggal_terbit = models.DateField(
        verbose_name=_("tanggal ditetapkan"),
        null=True,
        blank=True,
    )
    kode_verifikasi = models.CharField(
        verbose_name=_("kode verifikasi"),
        max_length=32,
        unique=True,
        default=kode.generate,
        editable=False,
    )
    berkas = models.FileField(
        verbose_name=_("berkas PDF"),
        upload_to=_berkas_path,
        blank=True,
    )
    sha256 = models.CharField(
        verbose_name=_("SHA-256"),
        max_length=64,
        blank=True,
    )
    render_status = models.CharField(
        verbose_name=_("status PDF"),
        max_length=10,
        choices=StatusRender.choices,
        default=StatusRender.MENUNGGU,
    )
    render_error = models.TextField(
        verbose_name=_("galat PDF terakhir"),
        blank=True,
    )
    render_percobaan = models.PositiveSmallIntegerField(
        verbose_name=_("percobaan membuat PDF"),
        default=0,
    )
    render_selesai_pada = models.DateTimeField(
        verbose_name=_("PDF selesai pada"),
        null=True,
        blank=True,
    )
    mencabut = models.ForeignKey(
        "self",
        verbose_name=_("mencabut SK"),
        on_delete=models.PROTECT,
        related_name="dicabut_oleh",
        null=True,
        blank=True,
    )
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disusun oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    diterbitkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    diterbitkan_pada = models.DateTimeField(
        verbose_name=_("diterbitkan pada"),
        null=True,
        blank=True,
    )
    # The electronic signature (TTE), applied by the official once the PDF is made
    # (mutasi.sk.ttd): who, when, and the certificate it was made with.
    ditandatangani_pada = models.DateTimeField(
        verbose_name=_("ditandatangani secara elektronik pada"),
        null=True,
        blank=True,
    )
    ditandatangani_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditandatangani oleh"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    tte = models.JSONField(
        verbose_name=_("sertifikat tanda tangan elektronik"),
        default=dict,
        blank=True,
    )

    objects = SuratKeputusanQuerySet.as_manager()

    class Meta:
        verbose_name = _("surat keputusan")
        verbose_name_plural = _("surat keputusan")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomor"],
                condition=~models.Q(nomor=""),
                name="%(app_label)s_%(class)s_unique_nomor",
            ),
            models.UniqueConstraint(
                fields=["seri", "tahun", "urut"],
                name="%(app_label)s_%(class)s_unique_urut",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draf", "diajukan"])
                | (
                    ~models.Q(nomor="")
                    & models.Q(urut__isnull=False, tahun__isnull=False)
                    & models.Q(tanggal_terbit__isnull=False)
                ),
                name="%(app_label)s_%(class)s_terbit_bernomor",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-tanggal_terbit"], name="sk_status_tanggal_idx"),
            models.Index(fields=["diterbitkan_pada"], name="sk_diterbitkan_pada_idx"),
        ]

    def __str__(self):
        return self.nomor or str(_("Draf SK #%(pk)s") % {"pk": self.pk})

    def get_absolute_url(self):
        return reverse("mutasi:sk_detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._asal = dict(zip(field_names, values, strict=True))
        return instance

    @property
    def terbit(self) -> bool:
        return self.status == StatusSK.TERBIT

    @property
    def ditandatangani(self) -> bool:
        return self.ditandatangani_pada is not None

    @property
    def dicabut(self) -> bool:
        return self.dicabut_oleh.filter(status=StatusSK.TERBIT).exists()

    @property
    def tmt_teks(self) -> str:
        """The TMT of its people: one date, or the first and the last."""
        from mutasi.sk.pdf import tanggal_indonesia

        awal, akhir = getattr(self, "tmt_awal", None), getattr(self, "tmt_akhir", None)
        if awal is None:
            bounds = self.baris.aggregate(awal=models.Min("tmt"), akhir=models.Max("tmt"))
            awal, akhir = bounds["awal"], bounds["akhir"]
        if awal is None:
            return "—"
        if awal == akhir:
            return tanggal_indonesia(awal)
        return f"{tanggal_indonesia(awal)} – {tanggal_indonesia(akhir)}"

    def baris_lampiran(self):
        """The rows of the Lampiran table, in order. A correction restates the rows of the
        letter it revokes as rows of its own (``mutasi.sk.buat_pembetulan``)."""
        return self.baris.order_by("urutan", "pk")

    def perubahan(self) -> list[str]:
        """What a correction changed against the letter it revokes, one sentence each:
        people taken out, target posts and TMTs changed (for the public and the register)."""
        if not self.mencabut_id:
            return []
        from mutasi.sk.pdf import tanggal_indonesia

        old = {row.usulan_id: row for row in self.mencabut.baris.all()}
        sentences = []
        kept = set()
        for row in self.baris.select_related("asal_baris").order_by("urutan", "pk"):
            before = row.asal_baris
            if before is None:
                continue
            kept.add(row.usulan_id)
            nama = row.nama or before.nama
            if row.formasi_tujuan_id != before.formasi_tujuan_id:
                sentences.append(
                    _("%(n)s: jabatan baru menjadi %(j)s, %(u)s (semula %(a)s, %(b)s).")
                    % {
                        "n": nama,
                        "j": row.jabatan_baru or row.formasi_tujuan.jabatan.nama,
                        "u": row.unit_baru or row.formasi_tujuan.unit.nama,
                        "a": before.jabatan_baru,
                        "b": before.unit_baru,
                    }
                )
            if row.tmt != before.tmt:
                sentences.append(
                    _("%(n)s: TMT menjadi %(t)s (semula %(s)s).")
                    % {
                        "n": nama,
                        "t": tanggal_indonesia(row.tmt),
                        "s": tanggal_indonesia(before.tmt),
                    }
                )
        for usulan_id, before in old.items():
            if usulan_id not in kept:
                sentences.append(_("%(n)s: tidak lagi dipindahkan.") % {"n": before.nama})
        return sentences

    def _kolom_berubah(self) -> set:
        asal = getattr(self, "_asal", {})
        changed = set()
        for field in self._meta.concrete_fields:
            if field.attname in asal and asal[field.attname] != field.value_from_object(self):
                # A FileField compares as its name.
                before, after = asal[field.attname], field.value_from_object(self)
                if str(before or "") != str(after or ""):
                    changed.add(field.name)
        return changed

    def save(self, *args, **kwargs):
        asal = getattr(self, "_asal", None)
        if asal and asal.get("status") == StatusSK.TERBIT:
            frozen = self._kolom_berubah() - self.KOLOM_RENDER
            if frozen:
                raise ValidationError(
                    _("SK yang sudah terbit tidak dapat diubah (%(f)s).")
                    % {"f": ", ".join(sorted(frozen))}
                )
        super().save(*args, **kwargs)
        self._asal = {f.attname: f.value_from_object(self) for f in self._meta.concrete_fields}

    def delete(self, *args, **kwargs):
        if self.status == StatusSK.TERBIT or getattr(self, "_asal", {}).get("status") == (
            StatusSK.TERBIT
        ):
            raise ValidationError(_("SK yang sudah terbit tidak dapat dihapus."))
        return super().delete(*args, **kwargs)


class SuratKeputusanUsulan(models.Model):
    """One proposal in a letter, in the order of the Lampiran table.

    ``aktif`` is true while the letter is live (a draft, or published and not revoked): a
    proposal is in at most one live letter, which the database enforces.
    """

    sk = models.ForeignKey(
        SuratKeputusan,
        verbose_name=_("surat keputusan"),
        on_delete=models.CASCADE,
        related_name="baris",
    )
    usulan = models.ForeignKey(
        "mutasi.Usulan",
        verbose_name=_("usulan"),
        on_delete=models.PROTECT,
        related_name="sk_baris",
    )
    urutan = models.PositiveIntegerField(
        verbose_name=_("urutan"),
        default=0,
    )
    aktif = models.BooleanField(
        verbose_name=_("berlaku"),
        default=True,
    )
    dilaksanakan_pada = models.DateField(
        verbose_name=_("melapor di tempat baru"),
        null=True,
        blank=True,
    )
    diingatkan_pada = models.DateTimeField(
        verbose_name=_("BKD diingatkan untuk mencatat pelaksanaan"),
        null=True,
        blank=True,
    )
    tmt = models.DateField(
        verbose_name=_("TMT (terhitung mulai tanggal)"),
    )
    formasi_tujuan = models.ForeignKey(
        "instansi.Formasi",
        verbose_name=_("formasi tujuan"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Tujuan menurut SK ini; SK pembetulan dapat mengubahnya."),
    )
    asal_baris = models.ForeignKey(
        "self",
        verbose_name=_("baris SK yang dinyatakan kembali"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # The row as printed, copied at publication (``mutasi.sk.terbit.salin_baris``): the letter, the
    # public page and the open data read these, so later edits of master data change nothing
    # published.
    nama = models.CharField(verbose_name=_("nama"), max_length=250, blank=True)
    nip = models.CharField(verbose_name=_("NIP"), max_length=18, blank=True)
    pangkat = models.CharField(verbose_name=_("pangkat"), max_length=60, blank=True)
    golongan = models.CharField(verbose_name=_("golongan"), max_length=10, blank=True)
    jabatan_lama = models.CharField(verbose_name=_("jabatan lama"), max_length=200, blank=True)
    unit_lama = models.CharField(verbose_name=_("unit lama"), max_length=200, blank=True)
    opd_lama = models.CharField(verbose_name=_("perangkat daerah lama"), max_length=200, blank=True)
    jabatan_baru = models.CharField(verbose_name=_("jabatan baru"), max_length=200, blank=True)
    unit_baru = models.CharField(verbose_name=_("unit baru"), max_length=200, blank=True)
    opd_baru = models.CharField(verbose_name=_("perangkat daerah baru"), max_length=200, blank=True)
    opd_baru_singkatan = models.CharField(
        verbose_name=_("singkatan perangkat daerah baru"), max_length=30, blank=True
    )
    perangkat_daerah_lama = models.ForeignKey(
        "instansi.PerangkatDaerah",
        verbose_name=_("perangkat daerah asal"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    perangkat_daerah_baru = models.ForeignKey(
        "instansi.PerangkatDaerah",
        verbose_name=_("perangkat daerah tujuan"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    jenis = models.CharField(verbose_name=_("jenis mutasi"), max_length=20, blank=True)
    alasan = models.CharField(verbose_name=_("kategori alasan"), max_length=30, blank=True)
    alasan_publik = models.CharField(
        verbose_name=_("alasan untuk publik"), max_length=300, blank=True
    )

    class Meta:
        verbose_name = _("usulan dalam SK")
        verbose_name_plural = _("usulan dalam SK")
        ordering = ["sk", "urutan", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sk", "usulan"],
                name="%(app_label)s_%(class)s_unique_sk_usulan",
            ),
            models.UniqueConstraint(
                fields=["usulan"],
                condition=models.Q(aktif=True),
                name="%(app_label)s_%(class)s_satu_sk_berlaku",
                violation_error_message=_("Usulan ini sudah tercantum dalam SK lain."),
            ),
        ]

    def __str__(self):
        return f"{self.sk} #{self.urutan}"
