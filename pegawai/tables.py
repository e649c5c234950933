import django_tables2 as tables
from django.utils.dateformat import format as format_date
from django.utils.html import escape, format_html
from django.utils.translation import gettext_lazy as _

from mutasi.lib.tables import QuickRowsTable
from pegawai.models import Pegawai

# Every sort ends with the name and the row id: employees who tie keep one order, so no one
# appears on two pages or on none.
NAMA = ("nama", "pk")


class PegawaiTable(QuickRowsTable):
    nip = tables.Column(
        verbose_name=_("NIP"),
        linkify=True,
        attrs={"td": {"class": "font-monospace text-nowrap"}},
    )
    nama = tables.Column(
        verbose_name=_("Nama"),
        accessor="nama_lengkap",
        order_by=NAMA,
        linkify=True,
    )
    jenis_asn = tables.Column(verbose_name=_("Jenis ASN"), order_by=("jenis_asn", *NAMA))
    golongan = tables.Column(verbose_name=_("Gol."), order_by=("golongan", "golongan_pppk", *NAMA))
    jabatan = tables.Column(verbose_name=_("Jabatan"), order_by=("jabatan__nama", *NAMA))
    # Units of different agencies may share a name; the unit's id keeps each one together.
    unit = tables.Column(verbose_name=_("Unit kerja"), order_by=("unit__nama", "unit_id", *NAMA))
    opd = tables.Column(
        verbose_name=_("Perangkat daerah"),
        accessor="unit__perangkat_daerah__singkatan",
        order_by=("unit__perangkat_daerah__nama", "unit__perangkat_daerah_id", *NAMA),
    )
    tmt_jabatan = tables.DateColumn(
        verbose_name=_("TMT jabatan"), format="d-m-Y", order_by=("tmt_jabatan", *NAMA)
    )

    class Meta:
        model = Pegawai
        fields = ["nip", "nama", "jenis_asn", "golongan", "jabatan", "unit", "opd", "tmt_jabatan"]
        order_by = ("nama",)

    def cells(self, record):
        url = record.get_absolute_url()
        tmt = record.tmt_jabatan
        return {
            "nip": format_html('<a href="{}">{}</a>', url, record.nip),
            "nama": format_html('<a href="{}">{}</a>', url, record.nama_lengkap),
            "jenis_asn": escape(record.get_jenis_asn_display()),
            "golongan": escape(record.get_golongan_display()),
            "jabatan": escape(record.jabatan.nama),
            "unit": escape(record.unit.nama),
            "opd": escape(record.unit.perangkat_daerah.singkatan or self.default),
            "tmt_jabatan": format_date(tmt, "d-m-Y") if tmt else self.default,
        }
