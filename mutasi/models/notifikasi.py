"""On-screen notices (``mutasi.notifikasi.notify`` writes them and e-mails them)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notifikasi(models.Model):
    """An on-screen notice for one user (also sent by e-mail where the user has one)."""

    penerima = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        on_delete=models.CASCADE,
        related_name="notifikasi",
    )
    judul = models.CharField(
        verbose_name=_("judul"),
        max_length=200,
    )
    pesan = models.TextField(
        verbose_name=_("pesan"),
        blank=True,
    )
    tautan = models.CharField(
        verbose_name=_("tautan"),
        max_length=300,
        blank=True,
    )
    dibaca = models.BooleanField(
        verbose_name=_("sudah dibaca"),
        default=False,
    )
    waktu = models.DateTimeField(
        verbose_name=_("waktu"),
        auto_now_add=True,
    )

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-waktu"]
        indexes = [models.Index(fields=["penerima", "dibaca"], name="notifikasi_penerima_idx")]

    def __str__(self):
        return self.judul
