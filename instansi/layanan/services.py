"""Writing service-quality data: one survey result, checked and logged in one transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from instansi.layanan.models import HasilSkm
from instansi.models import UnitKerja
from mutasi.audit import log, refuse
from pegawai.access import LAYANAN_EDITORS, has_role


def boleh_mengisi(user, unit) -> bool:
    return (
        has_role(user, *LAYANAN_EDITORS)
        and unit.layanan_publik
        and UnitKerja.objects.for_user(user).filter(pk=unit.pk).exists()
    )


@transaction.atomic
def simpan_skm(user, unit, tahun: int, periode: str, responden: int, nilai: dict) -> HasilSkm:
    """Record (or correct) the survey result of ``unit`` for a period; ``nilai`` maps u1..u9
    to the element means."""
    unit = UnitKerja.objects.select_for_update().get(pk=unit.pk)
    if not boleh_mengisi(user, unit):
        refuse(user, unit, "isi SKM", _("Anda tidak berwenang mengisi SKM unit ini."))
    hasil = (
        HasilSkm.objects.select_for_update().filter(unit=unit, tahun=tahun, periode=periode).first()
    )
    baru = hasil is None
    if baru:
        hasil = HasilSkm(unit=unit, tahun=tahun, periode=periode)
    hasil.responden = responden
    for field, value in nilai.items():
        setattr(hasil, field, value)
    hasil.full_clean(exclude=["ikm"])
    hasil._change_reason = _("Diisi lewat formulir SKM")
    hasil.save()
    log(
        "instansi.skm.disimpan",
        user,
        unit,
        tahun=tahun,
        periode=periode,
        ikm=str(hasil.ikm),
        baru=baru,
    )
    return hasil
