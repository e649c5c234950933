import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from pegawai.models import Pegawai


class PegawaiTable(tables.Table):
    nip = tables.Column(
        verbose_name=_("NIP"),
        linkify=True,
        attrs={"td": {"class": "font-monospace text-nowrap"}},
    )
    nama = tables.Column(
        verbose_name=_("Nama"),
        accessor="nama_lengkap",
        order_by=("nama",),
        linkify=True,
    )
    golongan = tables.Column(verbose_name=_("Gol."))
    jabatan = tables.Column(verbose_name=_("Jabatan"), order_by=("jabatan__nama",))
    unit = tables.Column(verbose_name=_("Unit kerja"), order_by=("unit__nama",))
    opd = tables.Column(
        verbose_name=_("Perangkat daerah"),
        accessor="unit__perangkat_daerah__singkatan",
        order_by=("unit__perangkat_daerah__nama",),
    )
    tmt_jabatan = tables.DateColumn(verbose_name=_("TMT jabatan"), format="d-m-Y")

    class Meta:
        model = Pegawai
        fields = ["nip", "nama", "golongan", "jabatan", "unit", "opd", "tmt_jabatan"]
        order_by = ("nama",)
