import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from instansi.models import AnalisisBebanKerja, Jabatan, PerangkatDaerah, UnitKerja
from mutasi.lib.tables import AngkaColumn


class PerangkatDaerahTable(tables.Table):
    nama = tables.Column(verbose_name=_("Nama"), linkify=True)
    jumlah_unit = AngkaColumn(verbose_name=_("Unit"))
    jumlah_pegawai = AngkaColumn(verbose_name=_("Pegawai"))

    class Meta:
        model = PerangkatDaerah
        fields = ["kode", "nama", "singkatan", "jenis", "jumlah_unit", "jumlah_pegawai"]


class UnitKerjaTable(tables.Table):
    nama = tables.Column(verbose_name=_("Nama"), linkify=True)
    parent = tables.Column(verbose_name=_("Unit induk"))
    perangkat_daerah = tables.Column(verbose_name=_("Perangkat daerah"))
    jumlah_pegawai = AngkaColumn(verbose_name=_("Pegawai"))

    class Meta:
        model = UnitKerja
        fields = ["kode", "nama", "jenis", "parent", "perangkat_daerah", "jumlah_pegawai"]


class JabatanTable(tables.Table):
    nama = tables.Column(verbose_name=_("Nama"), linkify=True)

    class Meta:
        model = Jabatan
        fields = [
            "nama",
            "jenis",
            "jenjang",
            "kelas",
            "rumpun",
            "golongan_minimal",
            "batas_usia_pensiun",
        ]


class AnalisisTable(tables.Table):
    perangkat_daerah = tables.Column(verbose_name=_("Perangkat daerah"), linkify=False)
    tahun = tables.Column(verbose_name=_("Tahun"), linkify=True)
    status = tables.Column(verbose_name=_("Status"))
    updated = tables.DateTimeColumn(verbose_name=_("Terakhir diubah"), format="j F Y H:i")

    class Meta:
        model = AnalisisBebanKerja
        fields = ["tahun", "perangkat_daerah", "status", "updated"]
        order_by = ("-tahun",)
