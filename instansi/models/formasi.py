"""The staffing map: how many people each position in each unit needs (formasi)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.sql.constants import LOUTER
from django.utils.translation import gettext_lazy as _
from django_cte import CTE, with_cte
from simple_history.models import HistoricalRecords

from instansi.choices import JenisJabatan
from instansi.models.jabatan import Jabatan
from instansi.models.organisasi import UnitKerja
from mutasi.lib.models import TimeStampedModel
from pegawai.access import ScopedQuerySet


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
            .annotate(n=Count("*"))
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

        # COUNT(*), not COUNT(id): the count is read from the index on (unit, jabatan,
        # aktif) alone, without visiting the employees' rows (4× faster at 250,000). Only the
        # units of these formasi when the list is filtered (one agency's page reads that
        # agency's employees); all of them otherwise, where the filter would cost a join.
        employees = Pegawai.objects.filter(aktif=True)
        if self.query.where:
            employees = employees.filter(unit__in=self.order_by().values("unit_id"))
        holders = CTE(
            employees.order_by().values("unit_id", "jabatan_id").annotate(n=Count("*")),
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
