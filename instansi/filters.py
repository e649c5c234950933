import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from instansi.choices import JenisJabatan, JenisPerangkatDaerah, JenisUnit, Jenjang, StatusAnalisis
from instansi.models import AnalisisBebanKerja, Jabatan, PerangkatDaerah, UnitKerja


class SearchFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Cari"), method="search")
    search_fields: tuple = ("nama__icontains",)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        query = Q()
        for lookup in self.search_fields:
            query |= Q(**{lookup: value})
        return queryset.filter(query)


class PerangkatDaerahFilter(SearchFilterSet):
    search_fields = ("nama__icontains", "singkatan__icontains", "kode__icontains")
    jenis = django_filters.ChoiceFilter(label=_("Jenis"), choices=JenisPerangkatDaerah.choices)

    class Meta:
        model = PerangkatDaerah
        fields = ["q", "jenis"]


class UnitKerjaFilter(SearchFilterSet):
    search_fields = ("nama__icontains", "kode__icontains")
    perangkat_daerah = django_filters.ModelChoiceFilter(
        label=_("Perangkat daerah"),
        queryset=lambda request: (
            PerangkatDaerah.objects.for_user(request.user)
            if request
            else PerangkatDaerah.objects.none()
        ),
    )
    jenis = django_filters.ChoiceFilter(label=_("Jenis"), choices=JenisUnit.choices)

    class Meta:
        model = UnitKerja
        fields = ["q", "perangkat_daerah", "jenis"]


class JabatanFilter(SearchFilterSet):
    jenis = django_filters.ChoiceFilter(label=_("Jenis"), choices=JenisJabatan.choices)
    jenjang = django_filters.ChoiceFilter(label=_("Jenjang"), choices=Jenjang.choices)
    kelas = django_filters.NumberFilter(label=_("Kelas"))

    class Meta:
        model = Jabatan
        fields = ["q", "jenis", "jenjang", "kelas"]


class AnalisisFilter(django_filters.FilterSet):
    perangkat_daerah = django_filters.ModelChoiceFilter(
        label=_("Perangkat daerah"),
        queryset=lambda request: (
            PerangkatDaerah.objects.for_user(request.user)
            if request
            else PerangkatDaerah.objects.none()
        ),
    )
    tahun = django_filters.NumberFilter(label=_("Tahun"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=StatusAnalisis.choices)

    class Meta:
        model = AnalisisBebanKerja
        fields = ["perangkat_daerah", "tahun", "status"]
