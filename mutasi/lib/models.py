"""The abstract base every domain model shares."""

from django.db import models
from django.db.models import Count, IntegerField, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds when a row was created and last updated."""

    created = models.DateTimeField(
        verbose_name=_("dibuat"),
        auto_now_add=True,
    )
    updated = models.DateTimeField(
        verbose_name=_("diperbarui"),
        auto_now=True,
    )

    class Meta:
        abstract = True


def count_of(queryset, group_by: str):
    """A correlated COUNT(*) subquery, cheaper than Count() across a join for lists.

    ``queryset`` is filtered on ``group_by`` = OuterRef(...), so one group comes back.
    """
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
