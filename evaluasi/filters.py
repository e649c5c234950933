"""The programme dashboard's filter: period of the TMT, agency touched, type and reason."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy

from instansi.models import PerangkatDaerah
from mutasi.lib.widgets import DateInput
from mutasi.models import SuratKeputusanUsulan, Usulan
from mutasi.usulan.choices import JenisMutasi, KategoriAlasan, StatusUsulan

# --- Filter -------------------------------------------------------------------------------


class DasborFilter(django_filters.FilterSet):
    dari = django_filters.DateFilter(
        label=gettext_lazy("TMT sejak"),
        field_name="dilaksanakan_pada",
        lookup_expr="gte",
        widget=DateInput,
    )
    sampai = django_filters.DateFilter(
        label=gettext_lazy("TMT sampai"),
        field_name="dilaksanakan_pada",
        lookup_expr="lte",
        widget=DateInput,
    )
    perangkat_daerah = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Perangkat daerah (asal atau tujuan)"),
        queryset=PerangkatDaerah.objects.order_by("nama"),
        method="filter_opd",
        empty_label=gettext_lazy("Semua"),
    )
    jenis = django_filters.ChoiceFilter(
        label=gettext_lazy("Jenis mutasi"),
        field_name="usulan__jenis",
        choices=JenisMutasi.choices,
        empty_label=gettext_lazy("Semua"),
    )
    alasan = django_filters.ChoiceFilter(
        label=gettext_lazy("Kategori alasan"),
        field_name="usulan__alasan",
        choices=KategoriAlasan.choices,
        empty_label=gettext_lazy("Semua"),
    )

    class Meta:
        model = SuratKeputusanUsulan
        fields = ["dari", "sampai", "perangkat_daerah", "jenis", "alasan"]

    def filter_opd(self, queryset, name, value):
        return queryset.filter(
            Q(usulan__unit_asal__perangkat_daerah=value)
            | Q(usulan__formasi_tujuan__unit__perangkat_daerah=value)
        )

    def usulan_queryset(self):
        """The proposals of the same agency, type, reason and period (by filing date), for
        the objection figures, which concern every proposal, not only implemented ones."""
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        qs = Usulan.objects.exclude(status=StatusUsulan.KONSEP)
        if data.get("dari"):
            qs = qs.filter(created__date__gte=data["dari"])
        if data.get("sampai"):
            qs = qs.filter(created__date__lte=data["sampai"])
        if data.get("perangkat_daerah"):
            opd = data["perangkat_daerah"]
            qs = qs.filter(
                Q(unit_asal__perangkat_daerah=opd) | Q(formasi_tujuan__unit__perangkat_daerah=opd)
            )
        if data.get("jenis"):
            qs = qs.filter(jenis=data["jenis"])
        if data.get("alasan"):
            qs = qs.filter(alasan=data["alasan"])
        return qs
