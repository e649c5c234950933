"""Demo rule settings (data/kata.toml), filed by ``admin`` and approved by ``pejabat.penetap``
(two people, as every setting needs) through the services on the reference day: teachers'
posts flagged for rotation after eight years, and an election blackout ahead. Neither stops a
story."""

import datetime

from mutasi.demo.catalogue import KATA
from mutasi.demo.context import Context
from mutasi.ketentuan import services
from mutasi.models import AturanDaerah, KetentuanMutasi
from pegawai.models import User

DATES = ("berlaku_mulai", "berlaku_sampai")


def build_ketentuan(ctx: Context) -> None:
    admin = User.objects.get(username="admin")
    pejabat = User.objects.get(username="pejabat.penetap")
    for row in KATA["ketentuan"]:
        filed = services.tambah(KetentuanMutasi(**row, berlaku_mulai=ctx.reference), admin)
        services.setujui(KetentuanMutasi, filed.pk, pejabat)
    for row in KATA["aturan_daerah"]:
        days = {k: ctx.reference + datetime.timedelta(days=row[k]) for k in DATES}
        filed = services.tambah(AturanDaerah(**(row | days)), admin)
        services.setujui(AturanDaerah, filed.pk, pejabat)
