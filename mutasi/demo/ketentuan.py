"""Demo rule settings, filed by ``admin`` and approved by ``pejabat.penetap`` (two people, as
every setting needs) through the services on the reference day:
teachers' posts flagged for rotation after eight years, and an election blackout ahead. Neither
stops a story. Runs once."""

import datetime

from instansi.choices import RumpunJabatan
from mutasi.demo.context import Context
from mutasi.ketentuan import services
from mutasi.ketentuan.choices import JenisAturan, KunciKetentuan, Lingkup
from mutasi.models import AturanDaerah, KetentuanMutasi
from pegawai.models import User


def build_ketentuan(ctx: Context) -> None:
    if KetentuanMutasi.objects.exists() or AturanDaerah.objects.exists():
        ctx.report("rule settings", KetentuanMutasi.objects.count(), 0)
        return
    admin = User.objects.get(username="admin")
    pejabat = User.objects.get(username="pejabat.penetap")
    rotasi_guru = services.tambah(
        KetentuanMutasi(
            kunci=KunciKetentuan.MAX_TAHUN_JABATAN,
            nilai=8,
            lingkup=Lingkup.RUMPUN,
            rumpun=RumpunJabatan.PENDIDIKAN,
            berlaku_mulai=ctx.reference,
            alasan="Peraturan Gubernur Asemrowo tentang pola karier guru: rotasi guru paling "
            "cepat setelah delapan tahun di satuan pendidikan yang sama.",
        ),
        admin,
    )
    larangan = services.tambah(
        AturanDaerah(
            jenis=JenisAturan.LARANGAN,
            pesan="Tidak ada penggantian pejabat dan mutasi pegawai menjelang pemilihan "
            "kepala daerah, kecuali dengan persetujuan tertulis Menteri Dalam Negeri.",
            berlaku_mulai=ctx.reference + datetime.timedelta(days=180),
            berlaku_sampai=ctx.reference + datetime.timedelta(days=270),
            alasan="UU 10/2016 Pasal 71 ayat (2): enam bulan sebelum penetapan pasangan calon.",
        ),
        admin,
    )
    services.setujui(KetentuanMutasi, rotasi_guru.pk, pejabat)
    services.setujui(AturanDaerah, larangan.pk, pejabat)
    ctx.report("rule settings", 2, 2)
