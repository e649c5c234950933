"""What the proposal report reads instead of the audit log: how long each proposal has
stayed in each state, kept up to date at every transition (``mutasi.laporan.lama``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from mutasi.usulan.choices import StatusUsulan

__all__ = ["LamaStatus"]


class LamaStatus(models.Model):
    """The time one proposal spent in one state, over all its stays there (a proposal
    returned to Konsep twice has one row for Konsep, two stays). The stay it is in now is
    not in ``detik`` yet: it runs from ``sejak`` and the report adds it. States that end a
    proposal have no row."""

    usulan = models.ForeignKey(
        "mutasi.Usulan",
        verbose_name=_("usulan"),
        on_delete=models.CASCADE,
        related_name="lama_status",
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=StatusUsulan.choices,
    )
    detik = models.FloatField(
        verbose_name=_("lama tinggal yang sudah selesai (detik)"),
        default=0,
    )
    kali = models.PositiveIntegerField(
        verbose_name=_("berapa kali masuk status ini"),
        default=0,
    )
    sejak = models.DateTimeField(
        verbose_name=_("berada di status ini sejak"),
        null=True,
        blank=True,
        help_text=_("Kosong bila usulan sedang tidak berada di status ini."),
    )

    class Meta:
        verbose_name = _("lama di status")
        verbose_name_plural = _("lama di status")
        constraints = [
            models.UniqueConstraint(
                fields=["usulan", "status"],
                name="%(app_label)s_%(class)s_satu_per_status",
            ),
        ]
        indexes = [
            # The report reads every row of a state in this order, without a sort.
            models.Index(fields=["status", "detik", "sejak"], name="lamastatus_status_idx"),
        ]

    def __str__(self):
        return f"{self.usulan_id} {self.status}: {self.detik:.0f} s ({self.kali}×)"
