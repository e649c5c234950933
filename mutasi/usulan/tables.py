"""Tables of the proposal pages."""

import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils.dateformat import format as format_date
from django.utils.html import escape, format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from mutasi.lib.tables import QuickRowsTable
from mutasi.models import Usulan

# Phones show code, employee and state; the other columns appear as the screen widens.
_MD = {"th": {"class": "d-none d-md-table-cell"}, "td": {"class": "d-none d-md-table-cell"}}
_LG = {"th": {"class": "d-none d-lg-table-cell"}, "td": {"class": "d-none d-lg-table-cell"}}
_XL = {"th": {"class": "d-none d-xl-table-cell"}, "td": {"class": "d-none d-xl-table-cell"}}

STATUS_BADGE = (
    '{% include "mutasi/inc/status.html" with status=record.status '
    "label=record.get_status_display %}"
)


def tujuan_teks(usulan) -> str:
    formasi = usulan.formasi_tujuan
    if formasi is None:
        return usulan.tujuan_luar
    opd = formasi.unit.perangkat_daerah
    return f"{formasi.jabatan.nama} — {formasi.unit.nama} ({opd.singkatan or opd.nama})"


class UsulanTable(QuickRowsTable):
    kode = tables.Column(
        verbose_name=_("Kode"),
        empty_values=(),
        order_by=("created", "pk"),
        attrs={"td": {"class": "text-nowrap"}},
    )
    pegawai = tables.Column(
        verbose_name=_("Pegawai"),
        order_by=("pegawai__nama", "pk"),
    )
    jenis = tables.Column(verbose_name=_("Jenis"), order_by=("jenis", "pk"), attrs=_LG)
    alasan = tables.Column(verbose_name=_("Alasan"), order_by=("alasan", "pk"), attrs=_XL)
    asal = tables.Column(
        verbose_name=_("Asal"),
        accessor="unit_asal",
        empty_values=(),
        order_by=(
            "unit_asal__perangkat_daerah__nama",
            "unit_asal__nama",
            "asal_instansi",
            "pk",
        ),
        attrs=_LG,
    )
    tujuan = tables.Column(
        verbose_name=_("Tujuan"),
        empty_values=(),
        order_by=("formasi_tujuan__unit__perangkat_daerah__nama", "tujuan_luar", "pk"),
        attrs=_MD,
    )
    status = tables.TemplateColumn(
        STATUS_BADGE,
        verbose_name=_("Status"),
        order_by=("status", "pk"),
        attrs=_MD,
    )
    created = tables.DateColumn(
        verbose_name=_("Dibuat"),
        format="j F Y",
        order_by=("created", "pk"),
        attrs=_XL,
    )

    class Meta:
        model = Usulan
        fields = ["kode", "pegawai", "jenis", "alasan", "asal", "tujuan", "status", "created"]
        order_by = ("-kode",)

    def cells(self, record):
        badge = self.badge(record)
        return {
            "kode": self.kode_html(record, badge),
            "pegawai": self.render_pegawai(record),
            "jenis": escape(record.get_jenis_display()),
            "alasan": escape(record.get_alasan_display()),
            "asal": self.render_asal(record),
            "tujuan": self.render_tujuan(record),
            "status": badge,
            "created": format_date(localtime(record.created), "j F Y"),
        }

    def badge(self, record):
        """The state badge, rendered once per state of the page (nine at most)."""
        cache = self.__dict__.setdefault("_badges", {})
        if record.status not in cache:
            cache[record.status] = render_to_string(
                "mutasi/inc/status.html",
                {"status": record.status, "label": record.get_status_display()},
            )
        return cache[record.status]

    def render_kode(self, record):
        return self.kode_html(record, self.badge(record))

    def kode_html(self, record, badge):
        # On phones the state column is hidden; the state shows under the code instead.
        return format_html(
            '<a class="font-monospace" href="{}">{}</a><span class="d-md-none"><br>{}</span>',
            record.get_absolute_url(),
            record.kode,
            badge,  # rendered by a template, so already safe and escaped
        )

    def render_pegawai(self, record):
        pegawai = record.pegawai
        return format_html(
            '{}<br><span class="font-monospace small text-body-secondary">{}</span>',
            pegawai.nama_lengkap,
            pegawai.nip,
        )

    def value_pegawai(self, record):
        return f"{record.pegawai.nama_lengkap} ({record.pegawai.nip})"

    def render_asal(self, record):
        return format_html(
            '{}<br><span class="small text-body-secondary">{}</span>',
            record.nama_unit_asal,
            record.nama_opd_asal,
        )

    def value_asal(self, record):
        return f"{record.nama_unit_asal} ({record.nama_opd_asal})"

    def render_tujuan(self, record):
        formasi = record.formasi_tujuan
        if formasi is None:
            return format_html(
                '{}<br><span class="small text-body-secondary">{}</span>',
                record.tujuan_luar,
                _("di luar pemerintah daerah"),
            )
        opd = formasi.unit.perangkat_daerah
        return format_html(
            '{} — {}<br><span class="small text-body-secondary">{}</span>',
            formasi.jabatan.nama,
            formasi.unit.nama,
            opd.singkatan or opd.nama,
        )

    def value_tujuan(self, record):
        return tujuan_teks(record)

    def value_status(self, record):
        return record.get_status_display()

    def value_kode(self, record):
        return record.kode
