"""Writing service-quality data: one survey result, checked and logged in one transaction."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from instansi.layanan.ikm import ELEMEN
from instansi.layanan.models import HasilSkm, JawabanSurvei, rentang_periode
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


def rerata_survei_daring(unit, tahun: int, periode: str) -> tuple[int, dict]:
    """The respondents and element means (three decimals, half up) of the public survey
    answers of ``unit`` in a period; (0, {}) when there are none."""
    mulai, selesai = rentang_periode(tahun, periode)
    rows = JawabanSurvei.objects.filter(unit=unit, tanggal__range=(mulai, selesai))
    sums = rows.aggregate(n=Count("pk"), **{f: Sum(f) for f in ELEMEN})
    n = sums.pop("n")
    if not n:
        return 0, {}
    return n, {
        f: (Decimal(total) / n).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
        for f, total in sums.items()
    }
