"""The audit log every workflow writes to (``mutasi.audit.log``); its wording per action code
lives in the registry of ``mutasi.audit``."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).select_related("actor")


class AuditLog(models.Model):
    """One thing someone did: a dotted action code, who, when, on what, with details.

    The readable wording of each action lives in ``mutasi.audit.ACTIONS``.
    """

    action = models.CharField(
        verbose_name=_("aksi"),
        max_length=80,
        db_index=True,
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    timestamp = models.DateTimeField(
        verbose_name=_("waktu"),
        auto_now_add=True,
        db_index=True,
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("jenis objek"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    object_id = models.PositiveBigIntegerField(
        verbose_name=_("ID objek"),
        null=True,
        blank=True,
    )
    target = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(
        verbose_name=_("data"),
        default=dict,
        blank=True,
    )

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("log audit")
        verbose_name_plural = _("log audit")
        ordering = ["-timestamp", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="auditlog_object_idx")]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action}"

    @property
    def actor_name(self) -> str:
        if self.actor is None:
            return str(_("sistem"))
        return self.actor.get_full_name() or self.actor.username

    @property
    def label(self) -> str:
        from mutasi.audit import ACTIONS

        return ACTIONS.get(self.action, self.action)
