import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from instansi.choices import JenisJabatan
from instansi.filters import UnitChoiceFilter
from instansi.models import PerangkatDaerah, UnitKerja
from mutasi.lib.widgets import QuickSelect, QuickSelectMultiple
from pegawai.choices import Golongan, JenisAsn, JenisKelamin
from pegawai.models import Pegawai


def _opd_choices(request):
    if request is None:
        return PerangkatDaerah.objects.none()
    return PerangkatDaerah.objects.for_user(request.user).only("nama")


def _unit_choices(request):
    if request is None:
        return UnitKerja.objects.none()
    return UnitKerja.objects.for_user(request.user)


class PegawaiFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari nama atau NIP"),
        method="search",
    )
    opd = django_filters.ModelChoiceFilter(
        label=_("Perangkat daerah"),
        field_name="unit__perangkat_daerah",
        queryset=_opd_choices,
        widget=QuickSelect,
    )
    unit = UnitChoiceFilter(
        label=_("Unit kerja"),
        queryset=_unit_choices,
    )
    jenis_asn = django_filters.ChoiceFilter(
        label=_("Jenis ASN"),
        choices=JenisAsn.choices,
        widget=QuickSelect,
    )
    golongan = django_filters.MultipleChoiceFilter(
        label=_("Golongan"),
        choices=Golongan.choices,
        distinct=False,  # a plain column: no joins that could duplicate rows
        widget=QuickSelectMultiple,
    )
    jenis_jabatan = django_filters.ChoiceFilter(
        label=_("Jenis jabatan"),
        field_name="jabatan__jenis",
        choices=JenisJabatan.choices,
        widget=QuickSelect,
    )
    jenis_kelamin = django_filters.ChoiceFilter(
        label=_("Jenis kelamin"),
        choices=JenisKelamin.choices,
        widget=QuickSelect,
    )

    class Meta:
        model = Pegawai
        fields = ["q", "opd", "unit", "jenis_asn", "golongan", "jenis_jabatan", "jenis_kelamin"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        digits = value.replace(" ", "")
        if digits.isdigit():
            return queryset.filter(nip__startswith=digits)
        return queryset.filter(Q(nama__icontains=value))
