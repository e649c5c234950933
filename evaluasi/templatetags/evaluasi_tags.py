"""Template tags that show evaluations on other apps' pages (the employee profile)."""

from django import template

from evaluasi.models import Evaluasi

register = template.Library()


@register.simple_tag(takes_context=True)
def evaluasi_pegawai(context, pegawai) -> list:
    """The evaluations of ``pegawai`` that the current user may see, newest move first."""
    user = context["request"].user
    return list(
        Evaluasi.objects.for_user(user)
        .filter(pegawai=pegawai)
        .select_related("unit", "penilaian_atasan", "penilaian_diri")
        .order_by("-tmt", "bulan")
    )
