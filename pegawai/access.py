"""Roles and the one place that decides what a user may see.

Every list and object view narrows its queryset with ``Model.objects.for_user(user)``; the
querysets get their rule from ``scope_for`` below, so the rule lives here and nowhere else.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of docs/domain.md §2; each is a Django group of the same name."""

    ASN = "ASN", _("ASN")
    OPERATOR_OPD = "Operator OPD", _("Operator OPD")
    KEPALA_OPD = "Kepala OPD", _("Kepala OPD")
    OPERATOR_BKD = "Operator BKD", _("Operator BKD")
    VERIFIKATOR_BKD = "Verifikator BKD", _("Verifikator BKD")
    TIM_PERTIMBANGAN = "Tim Pertimbangan", _("Tim Pertimbangan")
    PEJABAT_PENETAP = "Pejabat Penetap", _("Pejabat Penetap")
    ADMIN = "Admin", _("Admin")


def roles_setting(name: str) -> tuple[Role, ...]:
    """The roles a setting names; ImproperlyConfigured for a name that is not a role, so a
    typo cannot silently give a power to nobody (or take a safeguard from everybody)."""
    values = getattr(settings, name)
    try:
        return tuple(Role(value) for value in values)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={values!r}: each must be one of {', '.join(Role.values)}"
        ) from None


# Roles that work across the whole government rather than inside one agency.
GOVERNMENT_WIDE = frozenset(
    {
        Role.OPERATOR_BKD,
        Role.VERIFIKATOR_BKD,
        Role.TIM_PERTIMBANGAN,
        Role.PEJABAT_PENETAP,
        Role.ADMIN,
    }
)
OPD_ROLES = frozenset({Role.OPERATOR_OPD, Role.KEPALA_OPD})
# Staff who may browse master data lists (agencies, units, positions, employees).
STAFF_ROLES = GOVERNMENT_WIDE | OPD_ROLES
# Staff who may create and edit master data and import it.
MASTER_DATA_EDITORS = frozenset({Role.OPERATOR_BKD, Role.ADMIN})
# Needs analysis: agencies fill in their own, BKD operators any; BKD reviews.
ABK_EDITORS = OPD_ROLES | MASTER_DATA_EDITORS
ABK_REVIEWERS = frozenset({Role.OPERATOR_BKD, Role.VERIFIKATOR_BKD, Role.ADMIN})
# Service quality (SKM results, complaint imports): agencies for their own units, BKD any.
LAYANAN_EDITORS = OPD_ROLES | MASTER_DATA_EDITORS


def roles_of(user) -> frozenset:
    """The user's roles, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_roles", None)
    if cached is None:
        names = {g.name for g in user.groups.all()}
        cached = frozenset(Role(n) for n in names if n in Role.values)
        if user.is_superuser:
            cached |= {Role.ADMIN}
        user._roles = cached
    return cached


def has_role(user, *roles) -> bool:
    return bool(roles_of(user) & set(roles))


@dataclass(frozen=True)
class Scope:
    """What part of the government a user sees: everything, one agency, or one employee."""

    everything: bool = False
    perangkat_daerah_id: int | None = None
    pegawai_id: int | None = None


NOTHING = Scope()


def scope_for(user) -> Scope:
    roles = roles_of(user)
    if roles & GOVERNMENT_WIDE:
        return Scope(everything=True)
    if roles & OPD_ROLES and user.perangkat_daerah_id:
        return Scope(perangkat_daerah_id=user.perangkat_daerah_id)
    if Role.ASN in roles and user.pegawai_id:
        return Scope(pegawai_id=user.pegawai_id)
    return NOTHING


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows how to narrow itself to what a user may see.

    Subclasses name the lookup from their model to the agency (``opd_lookup``) and, where
    an employee may see rows about themselves, to the employee (``pegawai_lookup``).
    """

    opd_lookup: str = ""
    pegawai_lookup: str | None = None

    def for_user(self, user):
        scope = scope_for(user)
        if scope.everything:
            return self
        if scope.perangkat_daerah_id:
            return self.filter(**{self.opd_lookup: scope.perangkat_daerah_id})
        if scope.pegawai_id and self.pegawai_lookup:
            return self.filter(**{self.pegawai_lookup: scope.pegawai_id})
        return self.none()
