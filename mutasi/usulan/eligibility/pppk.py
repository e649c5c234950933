"""The rules of a PPPK employee only (a PNS's checklist has none of them)."""

import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from instansi.choices import JenisJabatan
from mutasi.lib.tanggal import tanggal_indonesia
from mutasi.usulan.choices import JenisMutasi
from mutasi.usulan.eligibility.syarat import GAGAL, LULUS, TINJAU, Syarat, _jenis_jenjang

SYARAT_PPPK = ("pppk_instansi", "pppk_jabatan", "pppk_kontrak")

# PPPK (PP 49/2018; UU 20/2023 Pasal 51 opens mutasi of ASN, but the implementing rules for
# PPPK between agencies do not exist yet): modelled conservatively, a PPPK moves only within
# the agency of their contract, to a functional or pelaksana post, within the contract.


def kontrak_berakhir_dalam(pegawai, on: datetime.date) -> bool:
    """The contract ends within ``MUTASI_BULAN_KONTRAK_PPPK`` months of ``on``."""
    selesai = pegawai.perjanjian_kerja_selesai
    month = on.month - 1 + settings.MUTASI_BULAN_KONTRAK_PPPK
    batas = datetime.date(on.year + month // 12, month % 12 + 1, min(on.day, 28))
    return bool(selesai) and selesai < batas


def _pppk(usulan, pegawai, jabatan, today) -> list[Syarat]:
    rules = [_pppk_instansi(usulan)]
    if jabatan is not None:
        rules.append(_pppk_jabatan(jabatan))
    # The letter's TMT once a letter is being published (``terbit`` sets it), else the plan.
    tmt = getattr(usulan, "tmt_sk", None) or usulan.tanggal_rencana or today
    rules.append(_pppk_kontrak(pegawai, tmt))
    return rules


def _pppk_instansi(usulan):
    asal = usulan.unit_asal.perangkat_daerah if usulan.unit_asal_id else None
    tujuan = usulan.formasi_tujuan.unit.perangkat_daerah if usulan.formasi_tujuan_id else None
    fakta = _("Dari %(a)s ke %(t)s") % {"a": asal or "—", "t": tujuan or "—"}
    if usulan.jenis == JenisMutasi.DALAM_OPD and (tujuan is None or tujuan == asal):
        return Syarat("pppk_instansi", LULUS, fakta)
    note = _(
        "; PPPK hanya dapat dipindah di dalam perangkat daerah perjanjian kerjanya (PP 49/2018 "
        "tidak mengatur mutasi PPPK; aturan pelaksanaan UU 20/2023 Pasal 51 untuk PPPK "
        "antarinstansi belum ada)"
    )
    return Syarat("pppk_instansi", GAGAL, fakta + note)


def _pppk_jabatan(jabatan):
    fakta = _("Jabatan tujuan: %(j)s") % {"j": _jenis_jenjang(jabatan)}
    if jabatan.jenis != JenisJabatan.STRUKTURAL:
        return Syarat("pppk_jabatan", LULUS, fakta)
    note = _(
        "; PPPK mengisi jabatan fungsional atau pelaksana sesuai perjanjian kerjanya, bukan "
        "jabatan struktural (PP 49/2018 Pasal 2)"
    )
    return Syarat("pppk_jabatan", GAGAL, fakta + note)


def _pppk_kontrak(pegawai, tmt):
    selesai = pegawai.perjanjian_kerja_selesai
    fakta = _("Perjanjian kerja %(n)s berlaku sampai %(s)s; rencana TMT %(t)s") % {
        "n": pegawai.nomor_perjanjian_kerja or "—",
        "s": tanggal_indonesia(selesai) if selesai else "—",
        "t": tanggal_indonesia(tmt),
    }
    if not selesai or tmt > selesai:
        note = _(
            "; TMT sesudah perjanjian kerja berakhir: PPPK hanya bekerja dalam masa perjanjian "
            "kerjanya (PP 49/2018 Pasal 37), perpanjang dulu perjanjiannya"
        )
        return Syarat("pppk_kontrak", GAGAL, fakta + note)
    if kontrak_berakhir_dalam(pegawai, tmt):
        note = _("; perjanjian kerja berakhir dalam %(n)s bulan: tinjau perpanjangannya") % {
            "n": settings.MUTASI_BULAN_KONTRAK_PPPK
        }
        return Syarat("pppk_kontrak", TINJAU, fakta + note, wajib=False)
    return Syarat("pppk_kontrak", LULUS, fakta)
