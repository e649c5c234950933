import django_filters
from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from instansi.choices import (
    JenisJabatan,
    JenisPerangkatDaerah,
    JenisUnit,
    Jenjang,
    RumpunJabatan,
    StatusAnalisis,
)
from instansi.models import AnalisisBebanKerja, Jabatan, PerangkatDaerah, UnitKerja
from mutasi.lib.widgets import QuickSelect


def unit_label(nama: str, opd_nama: str, opd_singkatan: str) -> str:
    """Unit names repeat across agencies (every dinas has a Sekretariat): name the agency."""
    return f"{nama} — {opd_singkatan or opd_nama}"


class UnitChoiceIterator(ModelChoiceIterator):
    """The options from one values_list() query: a province has hundreds of units, and
    making a model instance of each (and of its agency) cost more than the query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.values_list(
            "pk", "nama", "perangkat_daerah__nama", "perangkat_daerah__singkatan"
        )
        for pk, *names in rows:
            yield (pk, unit_label(*names))


class UnitChoiceField(forms.ModelChoiceField):
    iterator = UnitChoiceIterator

    def label_from_instance(self, obj):
        opd = obj.perangkat_daerah
        return unit_label(obj.nama, opd.nama, opd.singkatan)


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    """A unit picker for filter forms, written by QuickSelect."""

    field_class = UnitChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, **kwargs)


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
    rumpun = django_filters.ChoiceFilter(label=_("Rumpun"), choices=RumpunJabatan.choices)

    class Meta:
        model = Jabatan
        fields = ["q", "jenis", "jenjang", "kelas", "rumpun"]


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
