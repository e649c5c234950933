"""Vacancies (lowongan): formasi with a free seat, counting the moves already approved.

``kursi`` = kebutuhan − holders − incoming moves approved or decided + outgoing moves in a
published letter (``mutasi.usulan.kursi``) is annotated, filtered (> 0) and sorted in the
database, so paging, sorting and export stay one query each however many formasi there are.
"""

import django_filters
import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from instansi.choices import JenisJabatan
from instansi.filters import SearchFilterSet, UnitChoiceFilter
from instansi.layanan.sinyal import sinyal_layanan
from instansi.models import Formasi, PerangkatDaerah, UnitKerja
from mutasi.lib.tables import AngkaColumn
from mutasi.lib.views import ObjectListView
from mutasi.lib.widgets import QuickSelect
from mutasi.usulan import kursi
from pegawai.access import OPD_ROLES, Role, roles_of


def lowongan_queryset(user):
    """The formasi the user may see with a free seat, each with ``bezetting``, ``masuk``,
    ``keluar`` and ``kursi``."""
    return (
        kursi.daftar_kursi(Formasi.objects.for_user(user))
        .filter(kursi__gt=0)
        .select_related("unit__perangkat_daerah", "jabatan")
    )


# --- Filters --------------------------------------------------------------------------


def _opd_choices(request):
    if request is None:
        return PerangkatDaerah.objects.none()
    return PerangkatDaerah.objects.for_user(request.user)


def _unit_choices(request):
    if request is None:
        return UnitKerja.objects.none()
    return UnitKerja.objects.for_user(request.user).order_by("perangkat_daerah__nama", "nama")


class LowonganFilter(SearchFilterSet):
    search_fields = ("jabatan__nama__icontains", "unit__nama__icontains")

    perangkat_daerah = django_filters.ModelChoiceFilter(
        label=_("Perangkat daerah"),
        field_name="unit__perangkat_daerah",
        queryset=_opd_choices,
        widget=QuickSelect,
    )
    unit = UnitChoiceFilter(
        label=_("Unit kerja"),
        queryset=_unit_choices,
    )
    jenis = django_filters.ChoiceFilter(
        label=_("Jenis jabatan"),
        field_name="jabatan__jenis",
        choices=JenisJabatan.choices,
        widget=QuickSelect,
    )
    kelas = django_filters.NumberFilter(
        label=_("Kelas jabatan"),
        field_name="jabatan__kelas",
    )
    kelas_min = django_filters.NumberFilter(
        label=_("Kelas paling rendah"),
        field_name="jabatan__kelas",
        lookup_expr="gte",
    )
    kelas_max = django_filters.NumberFilter(
        label=_("Kelas paling tinggi"),
        field_name="jabatan__kelas",
        lookup_expr="lte",
    )
    kursi_min = django_filters.NumberFilter(
        label=_("Kursi kosong paling sedikit"),
        field_name="kursi",
        lookup_expr="gte",
        min_value=1,
    )

    class Meta:
        model = Formasi
        fields = [
            "q",
            "perangkat_daerah",
            "unit",
            "jenis",
            "kelas",
            "kelas_min",
            "kelas_max",
            "kursi_min",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["q"].label = _("Cari jabatan atau unit")


# --- Table ----------------------------------------------------------------------------

_NUMBER = {"th": {"class": "text-end"}, "td": {"class": "text-end"}}


class LowonganTable(tables.Table):
    perangkat_daerah = tables.Column(
        verbose_name=_("Perangkat daerah"),
        accessor="unit__perangkat_daerah__nama",
        order_by=("unit__perangkat_daerah__nama", "unit__kode"),
    )
    unit = tables.Column(
        verbose_name=_("Unit kerja"),
        linkify=True,
        order_by=("unit__nama",),
    )
    jabatan = tables.Column(
        verbose_name=_("Jabatan"),
        order_by=("jabatan__nama",),
    )
    jenis = tables.Column(
        verbose_name=_("Jenis"),
        accessor="jabatan__get_jenis_display",
        order_by=("jabatan__jenis",),
    )
    kelas = tables.Column(
        verbose_name=_("Kelas"),
        accessor="jabatan__kelas",
        order_by=("jabatan__kelas",),
        attrs=_NUMBER,
    )
    kebutuhan = AngkaColumn(verbose_name=_("Kebutuhan"))
    bezetting = AngkaColumn(verbose_name=_("Terisi"))
    masuk = AngkaColumn(verbose_name=_("Pindah masuk disetujui"))
    kursi = AngkaColumn(
        verbose_name=_("Kursi kosong"),
        attrs={"th": {"class": "text-end"}, "td": {"class": "text-end fw-semibold"}},
    )
    tindakan = tables.Column(
        verbose_name=_("Tindakan"),
        empty_values=(),
        orderable=False,
        exclude_from_export=True,
    )
    kandidat = tables.Column(
        verbose_name=_("Kandidat"),
        empty_values=(),
        orderable=False,
        exclude_from_export=True,
    )
    layanan = tables.Column(
        verbose_name=_("Layanan publik"),
        empty_values=(),
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        model = Formasi
        fields = [
            "perangkat_daerah",
            "unit",
            "jabatan",
            "jenis",
            "kelas",
            "kebutuhan",
            "bezetting",
            "masuk",
            "kursi",
            "layanan",
            "tindakan",
            "kandidat",
        ]
        order_by = ("-kursi", "perangkat_daerah", "unit", "jabatan")

    def tindakan_url(self, record) -> str:
        """Where a vacancy leads; the place to send users to propose a move into it."""
        return f"{reverse('mutasi:usulan_create')}?formasi={record.pk}"

    def render_tindakan(self, record):
        return format_html(
            '<a class="btn btn-sm btn-outline-primary text-nowrap" href="{}">{}'
            '<span class="visually-hidden"> {} — {}</span></a>',
            self.tindakan_url(record),
            _("Usulkan pegawai"),
            record.jabatan.nama,
            record.unit.nama,
        )

    def render_layanan(self, record):
        # A vacancy is a shortage: with poor service the unit is a priority (issue 18).
        if self._sinyal is None:
            self._sinyal = sinyal_layanan(timezone.localdate())
        tanda = self._sinyal.get(record.unit_id)
        if tanda is None:
            return ""
        return render_to_string(
            "instansi/layanan/inc/sinyal.html", {"s": tanda, "prioritas": tanda.buruk}
        )

    _sinyal = None

    def render_kandidat(self, record):
        # Ranked eligible employees for this vacancy (issue 7, mutasi.pencocokan.views).
        return format_html(
            '<a class="btn btn-sm btn-outline-dark text-nowrap" href="{}">{}'
            '<span class="visually-hidden"> {} — {}</span></a>',
            reverse("pencocokan:kandidat", args=[record.pk]),
            _("Kandidat"),
            record.jabatan.nama,
            record.unit.nama,
        )


class LowonganListView(ObjectListView):
    """Vacancies the user may see, the most free seats first."""

    model = Formasi
    table_class = LowonganTable
    filterset_class = LowonganFilter
    export_name = "lowongan"
    title = _("Lowongan jabatan")

    def get_queryset(self):
        return lowongan_queryset(self.request.user)

    def get_table_kwargs(self):
        # "Usulkan pegawai" only for those who may file a proposal (mutasi.usulan.views);
        # "Kandidat" only for BKD, who run the matching pages.
        roles = roles_of(self.request.user)
        exclude = []
        if not roles & (OPD_ROLES | {Role.OPERATOR_BKD, Role.ADMIN}):
            exclude.append("tindakan")
        if not roles & {Role.OPERATOR_BKD, Role.VERIFIKATOR_BKD, Role.ADMIN}:
            exclude.append("kandidat")
        return {"exclude": tuple(exclude)} if exclude else {}
