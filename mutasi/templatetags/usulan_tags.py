"""Template tags that show proposals on other apps' pages (the employee profile), so the
employee app need not know the workflow."""

from django import template

from mutasi.models import Usulan
from mutasi.sk.petikan import for_user as petikan_for_user
from mutasi.usulan import services
from mutasi.usulan.choices import StatusUsulan

register = template.Library()

# Proposals that have reached a letter, whose extracts the profile lists.
DALAM_SK = (StatusUsulan.DITETAPKAN, StatusUsulan.DILAKSANAKAN)


@register.simple_tag(takes_context=True)
def usulan_of(context, pegawai) -> list:
    """The latest ten proposals about ``pegawai`` that the current user may see."""
    return list(
        Usulan.objects.for_user(context["request"].user)
        .filter(pegawai=pegawai)
        .select_related("formasi_tujuan__unit", "formasi_tujuan__jabatan")[:10]
    )


@register.simple_tag(takes_context=True)
def petikan_of(context, pegawai, usulan):
    """The extracts of the letters that moved ``pegawai``, signed (for BKD: also before);
    looked for only when a proposal in ``usulan`` has reached a letter."""
    if not any(u.status in DALAM_SK for u in usulan):
        return []
    return (
        petikan_for_user(context["request"].user)
        .filter(baris__usulan__pegawai=pegawai)
        .exclude(berkas="")
        .order_by("-baris__sk__tanggal_terbit")
    )


@register.simple_tag(takes_context=True)
def may_propose(context, pegawai) -> bool:
    """Whether the current user may file a proposal about ``pegawai`` (never about themselves)."""
    user = context["request"].user
    return user.pegawai_id != pegawai.pk and services.may_file_for(user, pegawai, None)
