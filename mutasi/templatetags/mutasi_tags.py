from django import template
from django.utils import timezone

from instansi.beban import legenda
from mutasi.lib.angka import angka
from mutasi.lib.isian import isi_kembali
from mutasi.lib.isian import nilai_lama as ambil
from mutasi.lib.pilihan import label as label_pilihan
from mutasi.lib.tanggal import lama_sejak as _lama_sejak

register = template.Library()


@register.filter
def lama_sejak(day):
    """``{{ pegawai.tmt_jabatan|lama_sejak }}``: "4 tahun 1 bulan" up to today."""
    return _lama_sejak(day, timezone.localdate()) if day else ""


@register.filter
def label(obj, name: str):
    """``{{ u|label:"status" }}``: what ``u.get_status_display`` shows, without translating
    every label of the field on each row (``mutasi.lib.pilihan``)."""
    return label_pilihan(obj, name)


@register.filter
def verbose_name(obj) -> str:
    return obj._meta.verbose_name


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag
def legenda_ej() -> list[dict]:
    """The EJ bands, words and colours of ``instansi.beban``, for a legend."""
    return legenda()


@register.simple_tag(takes_context=True)
def isian_lama(context, form, aksi):
    """``form`` with what was last posted to ``aksi`` and refused (``mutasi.lib.isian``):
    ``{% url 'x' as aksi %}{% isian_lama form aksi as form %}``."""
    return isi_kembali(context["request"], form, aksi)


@register.simple_tag(takes_context=True)
def nilai_lama(context, aksi) -> dict:
    """For a form written out by hand: the values last posted to ``aksi`` and refused,
    name → the first value (``{% nilai_lama aksi as lama %}…{{ lama.komentar }}``)."""
    return {nama: nilai[0] for nama, nilai in ambil(context["request"], aksi).items() if nilai}


@register.filter(name="angka")
def angka_filter(value, desimal=0) -> str:
    """A number the Indonesian way (``mutasi.lib.angka``): ``{{ n|angka }}`` 176.876,
    ``{{ ej|angka:2 }}`` 0,91; empty for None, so ``|default:"—"`` can follow."""
    try:
        desimal = int(desimal)
    except (TypeError, ValueError):
        desimal = 0
    return angka(value, desimal)
