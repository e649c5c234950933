"""Filters of the proposal list."""

import re

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from instansi.models import PerangkatDaerah
from mutasi.lib.widgets import QuickSelect
from mutasi.models import Usulan
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan
from pegawai.access import STAFF_ROLES, has_role

KODE = re.compile(r"USL-\d{4}-(\d+)", re.IGNORECASE)


def _opd_choices(request):
    # Agency names are public; the rows themselves stay scoped by Usulan.objects.for_user.
    if request is None or not has_role(request.user, *STAFF_ROLES):
        return PerangkatDaerah.objects.none()
    return PerangkatDaerah.objects.order_by("nama").only("nama")


class UsulanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari nama, NIP atau kode"),
        method="search",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=StatusUsulan.choices,
        empty_label=_("Semua"),
        widget=QuickSelect,
    )
    jenis = django_filters.ChoiceFilter(
        label=_("Jenis mutasi"),
        choices=JenisMutasi.choices,
        empty_label=_("Semua"),
        widget=QuickSelect,
    )
    alasan = django_filters.ChoiceFilter(
        label=_("Kategori alasan"),
        choices=KategoriAlasan.choices,
        empty_label=_("Semua"),
        widget=QuickSelect,
    )
    opd = django_filters.ModelChoiceFilter(
        label=_("Perangkat daerah asal atau tujuan"),
        queryset=_opd_choices,
        method="filter_opd",
        empty_label=_("Semua"),
        widget=QuickSelect,
    )

    class Meta:
        model = Usulan
        fields = ["q", "status", "jenis", "alasan", "opd"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        kode = KODE.fullmatch(value)
        if kode:
            return queryset.filter(pk=int(kode.group(1)))
        digits = value.replace(" ", "")
        if digits.isdigit():
            return queryset.filter(pegawai__nip__startswith=digits)
        return queryset.filter(pegawai__nama__icontains=value)

    def filter_opd(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Q(unit_asal__perangkat_daerah=value) | Q(formasi_tujuan__unit__perangkat_daerah=value)
        )
